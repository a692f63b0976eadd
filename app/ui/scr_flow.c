/* A counter flow: the cart of scanned items, the form, the second person, the confirmation,
 * the commit and the result. Nothing is written before the confirmation's 確定. */
#include <stdlib.h>
#include <string.h>

#include "desk/check.h"
#include "desk/receipt.h"
#include "platform/clock.h"
#include "ui/fields.h"

enum {
    BTN_NEXT = DC_BTN_USER,
    BTN_BACK,
    BTN_ABORT,
    BTN_REMOVE,
    BTN_COMMIT,
    BTN_FINISH,
    BTN_REPRINT,
    BTN_FIELD = DC_BTN_USER + 20, /* + index of the field */
};

/* The missing-field message is about the form as it is now: shown by 次へ, then rebuilt at each
 * draw from the fields still not set, and gone once they all are. */
static bool missing_shown;

void dc_ui_form_reset(dc_ui_t *ui)
{
    (void)ui;
    missing_shown = false;
}

static const char *flow_title(dc_ui_t *ui)
{
    return dc_evtype_label(ui->flow->type, ui->lang);
}

static int draw_title(dc_ui_t *ui, const char *sub)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 40);
    int w = dc_draw_text(ui, pad, top + dc_px(ui, 16), dc_px(ui, 56), DC_C_HEADER, DC_ALIGN_LEFT,
                         flow_title(ui));
    dc_draw_text(ui, pad + w + dc_px(ui, 30), top + dc_px(ui, 34), dc_px(ui, 32), DC_C_TEXT,
                 DC_ALIGN_LEFT, sub);
    return top + dc_px(ui, 100);
}

static void draw_message(dc_ui_t *ui, int y)
{
    if (ui->message[0])
        dc_draw_wrapped(ui, (SDL_Rect){dc_px(ui, 40), y, ui->w - dc_px(ui, 80), dc_px(ui, 80)},
                        dc_px(ui, 28), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT,
                        ui->message);
}

/* The bottom row: [中止] [戻る] ... [next label] */
static void bottom_row(dc_ui_t *ui, bool back, const char *next, int next_id, bool next_ok)
{
    int pad = dc_px(ui, 40), by = ui->h - dc_px(ui, 140), bw = dc_px(ui, 240), bh = dc_px(ui, 110);
    dc_draw_button(ui, (SDL_Rect){pad, by, bw, bh}, T(ABORT), BTN_ABORT, false, true);
    if (back)
        dc_draw_button(ui, (SDL_Rect){pad + bw + dc_px(ui, 20), by, bw, bh}, T(BACK), BTN_BACK,
                       false, true);
    if (next)
        dc_draw_button(ui, (SDL_Rect){ui->w - pad - dc_px(ui, 320), by, dc_px(ui, 320), bh}, next,
                       next_id, true, next_ok);
}

static bool has_fields(dc_ui_t *ui)
{
    dc_field_t f[DC_FORM_FIELDS_MAX];
    return dc_form_fields(ui, f) > 0;
}

static bool needs_second(dc_ui_t *ui)
{
    return dc_flow_second_role(ui->flow) != DC_ROLE__COUNT;
}

/* "運搬者: 鈴木 一郎": the badge scanned at the form, else the handler (who is recorded as the
 * carrier when nobody else is named). */
static void carrier_line(dc_ui_t *ui, char *out, size_t cap)
{
    const char *badge = ui->flow->form.carrier;
    dc_staff_t sf;
    const char *name = ui->user.name;
    if (badge[0] && strcmp(badge, ui->user.badge) != 0)
        name = dc_desk_staff_get(ui->st, badge, &sf) == DC_E_OK ? sf.name : badge;
    snprintf(out, cap, "%s: %s", T(F_CARRIER), name);
}

/* True when the items of a transport leave from more than one place (each from its own). */
static bool places_differ(const dc_flow_t *f)
{
    for (int i = 1; i < f->n; i++) {
        if (strcmp(f->items[i].place, f->items[0].place) != 0)
            return true;
    }
    return false;
}

/* What belongs to one item of the record, not to all: where it leaves from when the places
 * differ, the take-out a return closes, the transport an arrival closes. */
static void item_facts(dc_ui_t *ui, const dc_item_t *it, char *out, size_t cap)
{
    const dc_flow_t *f = ui->flow;
    out[0] = '\0';
    if (f->type == DC_EV_TRANSPORT && !f->form.from_place[0] && places_differ(f))
        snprintf(out, cap, "  %s %s", T(F_FROM), it->place);
    else if ((f->type == DC_EV_RETURN || f->type == DC_EV_RECEIVE) && it->state_seq)
        snprintf(out, cap, "  %s No.%lld",
                 f->type == DC_EV_RETURN ? T(TAKEOUT_NO) : T(TRANSPORT_NO),
                 (long long)it->state_seq);
    else if (f->type == DC_EV_DISPOSE && dc_field_per_kind(ui, DC_FIELD_TECHNIQUE_G)) {
        /* Kinds disposed of differently: each item with its own method and technique. */
        char d[180];
        dc_disposal_show(ui, it, d, sizeof d);
        snprintf(out, cap, "  %s", d);
    }
}

static void abort_flow(dc_ui_t *ui)
{
    missing_shown = false;
    memset(ui->flow, 0, sizeof *ui->flow);
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_HOME);
}

/* ---- cart ---- */

static void cart_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, T(SCAN_ITEMS));
    int pad = dc_px(ui, 40), row = dc_px(ui, 52);
    char count[64];
    snprintf(count, sizeof count, "%d %s", ui->flow->n, T(ITEMS_SCANNED));
    dc_draw_text(ui, ui->w - pad, y - dc_px(ui, 60), dc_px(ui, 40), DC_C_HEADER, DC_ALIGN_RIGHT,
                 count);
    int max_rows = (ui->h - y - dc_px(ui, 260)) / row;
    int first = ui->flow->n > max_rows ? ui->flow->n - max_rows : 0;
    for (int i = first; i < ui->flow->n; i++) {
        const dc_item_t *it = &ui->flow->items[i];
        SDL_Rect r = {pad, y, ui->w - 2 * pad, row - dc_px(ui, 6)};
        dc_draw_fill(ui, r, DC_C_WHITE);
        char line[700];
        snprintf(line, sizeof line, "%d. %s", i + 1, it->title);
        dc_draw_text(ui, r.x + dc_px(ui, 12), r.y + dc_px(ui, 8), dc_px(ui, 30), DC_C_TEXT,
                     DC_ALIGN_LEFT, line);
        dc_draw_text(ui, r.x + r.w - dc_px(ui, 12), r.y + dc_px(ui, 10), dc_px(ui, 26), DC_C_MUTED,
                     DC_ALIGN_RIGHT, it->code);
        y += row;
    }
    draw_message(ui, ui->h - dc_px(ui, 240));
    if (ui->flow->n)
        dc_draw_button(ui,
                       (SDL_Rect){pad + dc_px(ui, 520), ui->h - dc_px(ui, 140), dc_px(ui, 260),
                                  dc_px(ui, 110)},
                       T(REMOVE_LAST), BTN_REMOVE, false, true);
    bottom_row(ui, false, T(NEXT), BTN_NEXT, ui->flow->n > 0);
}

typedef struct {
    dc_ui_t *ui;
    dc_evtype_t want;
    int added, refused;
} from_receipt_t;

static int add_from_receipt(const dc_event_t *ev, void *ctx)
{
    from_receipt_t *r = ctx;
    const dc_item_t *it;
    if (ev->type != r->want)
        return 0;
    if (dc_flow_scan(r->ui->st, r->ui->flow, ev->item, strlen(ev->item), &it) == DC_E_OK)
        r->added++;
    else
        r->refused++;
    return 0;
}

/* A take-out receipt at a return, or a transport receipt at an arrival, brings its items. */
static void cart_receipt(dc_ui_t *ui, const char *text)
{
    dc_receipt_check_t c;
    if (!dc_ui_check_receipt(ui, text, &c))
        return;
    dc_evtype_t want = ui->flow->type == DC_EV_RETURN    ? DC_EV_TAKE_OUT
                       : ui->flow->type == DC_EV_RECEIVE ? DC_EV_TRANSPORT
                                                         : DC_EV__COUNT;
    if (!c.local || want == DC_EV__COUNT || c.type != want)
        return; /* checked and shown; nothing to fill in this flow */
    from_receipt_t r = {ui, want, 0, 0};
    dc_err_t e = dc_desk_events_in_group(ui->st, c.group_seq, add_from_receipt, &r);
    if (e) {
        dc_ui_refuse(ui, e, NULL);
        return;
    }
    char detail[80];
    snprintf(detail, sizeof detail, "%d %s", r.added, T(ITEMS_SCANNED));
    dc_ui_flash(ui, r.added > 0, T(FROM_RECEIPT), detail);
}

static void cart_scan(dc_ui_t *ui, const char *text)
{
    if (dc_ui_is_receipt(text)) {
        cart_receipt(ui, text);
        return;
    }
    const dc_item_t *it;
    dc_err_t e = dc_desk_flow_scan(ui->st, &ui->term, ui->flow, text, strlen(text), &it);
    if (e) {
        dc_ui_refuse(ui, e, text);
        return;
    }
    char detail[200];
    snprintf(detail, sizeof detail, "%s  %s", it->code, dc_state_label(it->state, ui->lang));
    dc_ui_flash(ui, true, it->title, detail);
    ui->message[0] = '\0';
}

static void go_after_form(dc_ui_t *ui)
{
    if (needs_second(ui))
        dc_ui_go(ui, DC_SCR_SECOND);
    else
        dc_ui_go(ui, DC_SCR_CONFIRM);
}

static void cart_button(dc_ui_t *ui, int id)
{
    if (id == BTN_ABORT) {
        abort_flow(ui);
    } else if (id == BTN_REMOVE && ui->flow->n > 0) {
        ui->flow->n--;
    } else if (id == BTN_NEXT && ui->flow->n > 0) {
        ui->message[0] = '\0';
        missing_shown = false;
        if (has_fields(ui))
            dc_ui_go(ui, DC_SCR_FORM);
        else
            go_after_form(ui);
    }
}

const dc_screen_t dc_scr_cart = {"cart", NULL, cart_draw, cart_scan, cart_button};

/* ---- form ---- */

static void missing_message(dc_ui_t *ui, char *missing, size_t cap)
{
    dc_form_missing(ui, missing, cap);
    if (!missing[0]) {
        ui->message[0] = '\0';
        missing_shown = false;
        return;
    }
    char msg[512];
    snprintf(msg, sizeof msg, "%s: %s", T(MISSING_FIELD), missing);
    dc_ui_message(ui, true, msg);
    missing_shown = true;
}

static void form_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, T(FILL_FORM));
    int pad = dc_px(ui, 40), row = dc_px(ui, 104);
    dc_field_t fields[DC_FORM_FIELDS_MAX];
    int n = dc_form_fields(ui, fields);
    /* A disposal of several kinds asks more fields: they share the room above the message, with
     * buttons wide enough for the kind's name. Other forms keep the one layout. */
    int room = ui->h - dc_px(ui, 250) - y;
    bool compact = n > 0 && room / n < row;
    if (compact)
        row = room / n;
    int bw = n > 0 && dc_field_per_kind(ui, fields[0]) ? dc_px(ui, 420) : dc_px(ui, 330);
    int size = compact ? dc_px(ui, 28) : dc_px(ui, 36);
    if (missing_shown) {
        char missing[400];
        missing_message(ui, missing, sizeof missing);
    }
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {pad, y, bw, row - dc_px(ui, 14)};
        char name[160];
        dc_field_name(ui, fields[i], name, sizeof name);
        dc_draw_button(ui, b, name, BTN_FIELD + i, false, true);
        char value[300];
        dc_field_show(ui, fields[i], value, sizeof value);
        bool done = dc_field_done(ui, fields[i]);
        dc_draw_text(ui, b.x + b.w + dc_px(ui, 30),
                     compact ? y + (b.h - size) / 2 : y + dc_px(ui, 22), size,
                     done ? DC_C_TEXT : DC_C_ERROR, DC_ALIGN_LEFT, value);
        y += row;
    }
    if (ui->flow->type == DC_EV_TRANSPORT) {
        /* The carrier is optional: a badge scanned here, else the handler. */
        char line[300];
        carrier_line(ui, line, sizeof line);
        dc_draw_text(ui, pad, y + dc_px(ui, 10), dc_px(ui, 36), DC_C_TEXT, DC_ALIGN_LEFT, line);
        dc_draw_text(ui, pad, y + dc_px(ui, 60), dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_LEFT,
                     T(CARRIER_HINT));
    }
    draw_message(ui, ui->h - dc_px(ui, 240));
    bottom_row(ui, ui->flow->type != DC_EV_REGISTER, T(NEXT), BTN_NEXT, true);
}

static void form_next(dc_ui_t *ui)
{
    dc_field_t fields[DC_FORM_FIELDS_MAX];
    int n = dc_form_fields(ui, fields);
    (void)fields;
    (void)n;
    char missing[400];
    missing_message(ui, missing, sizeof missing);
    if (missing[0]) {
        dc_ui_flash(ui, false, T(MISSING_FIELD), missing);
        return;
    }
    ui->message[0] = '\0';
    if (ui->flow->type == DC_EV_REGISTER) {
        dc_ui_go(ui, DC_SCR_CONFIRM);
        return;
    }
    /* Everything the rules can say before the second person comes (masking, locked bag,
     * disposal method, due date) is said now. */
    int failed;
    dc_event_t saved = ui->flow->form;
    dc_err_t e = dc_flow_check(ui->st, ui->flow, &failed);
    ui->flow->form = saved;
    if (e && e != DC_E_R_SECOND_MISSING) {
        dc_ui_refuse(ui, e, failed >= 0 ? ui->flow->items[failed].title : NULL);
        return;
    }
    go_after_form(ui);
}

static void form_button(dc_ui_t *ui, int id)
{
    dc_field_t fields[DC_FORM_FIELDS_MAX];
    int n = dc_form_fields(ui, fields);
    if (id == BTN_ABORT) {
        abort_flow(ui);
    } else if (id == BTN_BACK) {
        dc_ui_go(ui, DC_SCR_CART);
    } else if (id == BTN_NEXT) {
        form_next(ui);
    } else if (id >= BTN_FIELD && id < BTN_FIELD + n) {
        dc_field_t f = fields[id - BTN_FIELD];
        if (dc_field_kind(f) == DC_FK_TOGGLE) {
            dc_field_toggle(ui, f);
        } else if (dc_field_kind(f) == DC_FK_TEXT) {
            /* The title from the kana keyboard, back to this form. */
            dc_ui_kana(ui, ui->flow->form.title, sizeof ui->flow->form.title, DC_SCR_FORM);
        } else {
            ui->choosing = f;
            dc_ui_go(ui, DC_SCR_CHOOSE);
        }
    }
}

/* A badge scanned at a transport's form names its carrier: enrolled and not released, as the
 * rules will ask again at the commit. Elsewhere a scan has no place on the form. */
static void form_scan(dc_ui_t *ui, const char *text)
{
    if (ui->flow->type != DC_EV_TRANSPORT) {
        dc_ui_flash(ui, false, T(SCAN_NOT_HERE), text);
        return;
    }
    char badge[DC_CODE_MAX];
    if (!dc_ui_badge_of(ui, text, badge))
        return;
    dc_staff_t sf;
    dc_err_t e = dc_desk_staff_get(ui->st, badge, &sf);
    if (e == DC_E_NOT_FOUND)
        e = DC_E_R_SECOND_UNKNOWN;
    else if (!e && sf.released[0])
        e = DC_E_R_SECOND_RELEASED;
    if (e) {
        dc_ui_refuse(ui, e, badge);
        return;
    }
    memcpy(ui->flow->form.carrier, badge, DC_CODE_MAX);
    dc_ui_flash(ui, true, T(CARRIER_SET), sf.name);
}

const dc_screen_t dc_scr_form = {"form", NULL, form_draw, form_scan, form_button};

/* ---- second person ---- */

static void second_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, "");
    dc_text_t prompt = ui->flow->type == DC_EV_RETURN    ? DC_T_SCAN_CONFIRMER
                       : ui->flow->type == DC_EV_DISPOSE ? DC_T_SCAN_WITNESS
                                                         : DC_T_SCAN_APPROVER;
    SDL_Rect band = {0, y + dc_px(ui, 20), ui->w, dc_px(ui, 180)};
    dc_draw_fill(ui, band, DC_C_PRIMARY);
    dc_draw_wrapped(
        ui,
        (SDL_Rect){dc_px(ui, 40), band.y + dc_px(ui, 40), ui->w - dc_px(ui, 80), dc_px(ui, 120)},
        dc_px(ui, 48), DC_C_WHITE, DC_ALIGN_CENTER, dc_ui_t_(ui, prompt));
    bool manager = dc_flow_second_role(ui->flow) == DC_ROLE_MANAGER;
    dc_draw_text(ui, ui->w / 2, band.y + band.h + dc_px(ui, 24), dc_px(ui, 34), DC_C_TEXT,
                 DC_ALIGN_CENTER, manager ? T(MANAGER_NEEDED) : T(OTHER_PERSON));
    draw_message(ui, ui->h - dc_px(ui, 240));
    bottom_row(ui, true, NULL, 0, false);
}

/* A refusal of the rules is logged for the monthly check; a failure to log it changes nothing
 * for the person at the counter, who already sees the refusal. */
static void log_refusal(dc_ui_t *ui, dc_err_t e, int failed)
{
    if (dc_err_class(e) != DC_CLASS_REFUSED)
        return;
    const char *item = failed >= 0 && failed < ui->flow->n ? ui->flow->items[failed].code : NULL;
    if (dc_check_record_refusal(ui->st, &ui->term, ui->flow->actor, ui->flow->type, e, item,
                                ui->flow->form.second))
        SDL_Log("daicho: a refusal could not be logged: %s", dc_desk_detail(ui->st));
}

static void second_scan(dc_ui_t *ui, const char *text)
{
    char badge[DC_CODE_MAX];
    if (!dc_ui_badge_of(ui, text, badge))
        return;
    /* The whole rules with this person as the second: self-approval, role, release. */
    memcpy(ui->flow->form.second, badge, DC_CODE_MAX);
    int failed;
    dc_err_t e = dc_flow_check(ui->st, ui->flow, &failed);
    if (e) {
        log_refusal(ui, e, failed);
        ui->flow->form.second[0] = '\0';
        dc_ui_refuse(ui, e, failed >= 0 ? ui->flow->items[failed].title : NULL);
        return;
    }
    dc_ui_ask_pin(ui, badge, DC_PIN_SECOND);
}

static void second_button(dc_ui_t *ui, int id)
{
    if (id == BTN_ABORT) {
        abort_flow(ui);
    } else if (id == BTN_BACK) {
        ui->message[0] = '\0';
        dc_ui_go(ui, has_fields(ui) ? DC_SCR_FORM : DC_SCR_CART);
    }
}

static void second_enter(dc_ui_t *ui)
{
    ui->flow->form.second[0] = '\0';
    memset(&ui->second, 0, sizeof ui->second);
}

const dc_screen_t dc_scr_second = {"second", second_enter, second_draw, second_scan, second_button};

/* ---- confirmation ---- */

/* Lines of the record as it will be written (and as the receipt shows it). */
static int summary(dc_ui_t *ui, SDL_Rect r, int size)
{
    int y = r.y, line = size * 3 / 2;
    char buf[700];
    dc_event_t *ev = &ui->flow->form;
    if (ui->flow->type == DC_EV_REGISTER) {
        snprintf(buf, sizeof buf, "%s: %s", T(F_KIND), dc_kind_label(ev->kind, ui->lang));
        dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
        y += line;
        if (ui->new_code[0]) {
            snprintf(buf, sizeof buf, "%s: %s", T(LABEL_CODE), ui->new_code);
            dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
            y += line;
        }
    }
    for (int i = 0; i < ui->flow->n && y < r.y + r.h - 5 * line; i++) {
        char facts[200];
        item_facts(ui, &ui->flow->items[i], facts, sizeof facts);
        snprintf(buf, sizeof buf, "・%.400s  (%s)%s", ui->flow->items[i].title,
                 ui->flow->items[i].code, facts);
        dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
        y += line;
    }
    if (ui->flow->type == DC_EV_TRANSPORT && ui->flow->n > 0) {
        /* One place for all, or each item's own (above). */
        if (!places_differ(ui->flow) || ui->flow->form.from_place[0]) {
            snprintf(buf, sizeof buf, "%s: %s", T(F_FROM),
                     ui->flow->form.from_place[0] ? ui->flow->form.from_place
                                                  : ui->flow->items[0].place);
            dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
            y += line;
        }
        carrier_line(ui, buf, sizeof buf);
        dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
        y += line;
    }
    dc_field_t fields[DC_FORM_FIELDS_MAX];
    int n = dc_form_fields(ui, fields);
    for (int i = 0; i < n; i++) {
        char v[300];
        if (dc_field_per_kind(ui, fields[i]))
            continue; /* shown beside each item above */
        dc_field_show(ui, fields[i], v, sizeof v);
        char name[160];
        dc_field_name(ui, fields[i], name, sizeof name);
        snprintf(buf, sizeof buf, "%s: %s", name, v);
        dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
        y += line;
    }
    snprintf(buf, sizeof buf, "%s: %s", T(ACTOR), ui->user.name);
    dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
    y += line;
    if (ui->second.badge[0]) {
        snprintf(buf, sizeof buf, "%s: %s", T(SECOND), ui->second.name);
        dc_draw_text(ui, r.x, y, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
        y += line;
    }
    return y;
}

static void confirm_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, T(CONFIRM));
    int pad = dc_px(ui, 40);
    summary(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, ui->h - y - dc_px(ui, 250)}, dc_px(ui, 32));
    draw_message(ui, ui->h - dc_px(ui, 240));
    bottom_row(ui, true, T(OK), BTN_COMMIT, true);
}

static dc_err_t commit_register(dc_ui_t *ui)
{
    dc_event_t *ev = &ui->flow->form;
    dc_err_t e;
    char date[DC_DATE_MAX], time[6];
    int64_t now = dc_clock_now_ms();
    dc_event_local_date(now, ui->term.tz_min, date);
    dc_event_local_time(now, ui->term.tz_min, time);
    /* The title typed at the form; left blank, one a person can recognise on the label until
     * it is renamed (daicho-admin item rename). */
    if (!ev->title[0])
        snprintf(ev->title, sizeof ev->title, "%s %s %s %s", dc_kind_label(ev->kind, DC_LANG_JA),
                 date, time, ui->user.name);
    dc_copy(ev->section, sizeof ev->section, ui->user.section);
    /* The one way to register (a fresh code; a refusal logged by the desk). */
    dc_event_t *reg = malloc(sizeof *reg);
    if (!reg)
        return DC_E_NOMEM;
    *reg = *ev;
    reg->item[0] = '\0';
    int failed;
    e = dc_desk_register(ui->st, &ui->term, reg, 1, false, &failed);
    memcpy(ui->new_code, reg->item, DC_CODE_MAX);
    int64_t seq = reg->seq;
    free(reg);
    if (!e) {
        ui->result_seq = seq;
        ui->result_n = 1;
        if (dc_desk_item_get(ui->st, ui->new_code, &ui->flow->items[0]) == DC_E_OK)
            ui->flow->n = 1;
    } else {
        ui->new_code[0] = '\0';
    }
    return e;
}

static void confirm_button(dc_ui_t *ui, int id)
{
    if (id == BTN_ABORT) {
        abort_flow(ui);
    } else if (id == BTN_BACK) {
        ui->message[0] = '\0';
        if (needs_second(ui))
            dc_ui_go(ui, DC_SCR_SECOND);
        else
            dc_ui_go(ui, has_fields(ui) ? DC_SCR_FORM : DC_SCR_CART);
    } else if (id == BTN_COMMIT) {
        dc_err_t e;
        int failed = -1;
        if (ui->flow->type == DC_EV_REGISTER) {
            e = commit_register(ui);
        } else {
            e = dc_flow_commit(ui->st, &ui->term, ui->flow, &ui->result_seq, &failed);
            ui->result_n = ui->flow->n;
        }
        if (e) {
            /* Refused or not written: nothing was committed; the person can go back or stop. A
             * registration's refusal is logged by the desk. */
            if (ui->flow->type != DC_EV_REGISTER)
                log_refusal(ui, e, failed);
            dc_ui_refuse(ui, e, failed >= 0 ? ui->flow->items[failed].title : NULL);
            return;
        }
        dc_ui_flash(ui, true, T(RECORDED), flow_title(ui));
        ui->message[0] = '\0';
        dc_ui_print_result(ui);
        dc_ui_go(ui, DC_SCR_RESULT);
    }
}

const dc_screen_t dc_scr_confirm = {"confirm", NULL, confirm_draw, NULL, confirm_button};

/* ---- result ---- */

static void result_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, "");
    int pad = dc_px(ui, 40);
    SDL_Rect band = {0, y, ui->w, dc_px(ui, 90)};
    dc_draw_fill(ui, band, DC_C_OK);
    char head[200];
    if (ui->result_n > 1)
        snprintf(head, sizeof head, "%s  %s %lld–%lld", T(RECORDED), T(SEQ),
                 (long long)ui->result_seq, (long long)(ui->result_seq + ui->result_n - 1));
    else
        snprintf(head, sizeof head, "%s  %s %lld", T(RECORDED), T(SEQ), (long long)ui->result_seq);
    dc_draw_text(ui, ui->w / 2, band.y + dc_px(ui, 16), dc_px(ui, 52), DC_C_WHITE, DC_ALIGN_CENTER,
                 head);
    /* The record in words on the left, the paper as printed on the right. */
    int paper_x = ui->w - pad;
    if (ui->paper_tex) {
        int avail_h = ui->h - band.y - band.h - dc_px(ui, 24);
        float k = (float)avail_h / (float)ui->paper_h;
        if (k > 1.0f)
            k = 1.0f;
        SDL_Rect dst = {0, band.y + band.h + dc_px(ui, 12), (int)(ui->paper_w * k),
                        (int)(ui->paper_h * k)};
        dst.x = ui->w - pad - dst.w;
        SDL_RenderCopy(ui->r, ui->paper_tex, NULL, &dst);
        SDL_SetRenderDrawColor(ui->r, 0x9a, 0xa8, 0xb6, 255);
        SDL_RenderDrawRect(ui->r, &dst);
        paper_x = dst.x - dc_px(ui, 20);
    }
    SDL_Rect paper = {pad, band.y + band.h + dc_px(ui, 16), paper_x - pad, 0};
    paper.h = ui->h - paper.y - dc_px(ui, 156);
    dc_draw_fill(ui, paper, DC_C_WHITE);
    char when[40], date[DC_DATE_MAX], time[6];
    int64_t now = dc_clock_now_ms();
    dc_event_local_date(now, ui->term.tz_min, date);
    dc_event_local_time(now, ui->term.tz_min, time);
    snprintf(when, sizeof when, "%s %s  %s %s", T(RECEIPT), flow_title(ui), date, time);
    dc_draw_text(ui, paper.x + dc_px(ui, 20), paper.y + dc_px(ui, 12), dc_px(ui, 34), DC_C_HEADER,
                 DC_ALIGN_LEFT, when);
    summary(ui,
            (SDL_Rect){paper.x + dc_px(ui, 20), paper.y + dc_px(ui, 60), paper.w - dc_px(ui, 40),
                       paper.h - dc_px(ui, 64)},
            dc_px(ui, 24));
    int by = ui->h - dc_px(ui, 140), bw = dc_px(ui, 280);
    if (ui->message[0])
        dc_draw_wrapped(ui, (SDL_Rect){pad, by - dc_px(ui, 70), paper.w, dc_px(ui, 66)},
                        dc_px(ui, 24), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT,
                        ui->message);
    dc_draw_button(ui, (SDL_Rect){pad, by, bw, dc_px(ui, 110)}, T(REPRINT), BTN_REPRINT, false,
                   true);
    dc_draw_button(ui, (SDL_Rect){paper_x - bw, by, bw, dc_px(ui, 110)}, T(FINISH), BTN_FINISH,
                   true, true);
}

static void result_button(dc_ui_t *ui, int id)
{
    if (id == BTN_FINISH)
        dc_ui_logout(ui, DC_T__COUNT); /* a completed flow ends the session */
    else if (id == BTN_REPRINT)
        dc_ui_reprint(ui);
}

const dc_screen_t dc_scr_result = {"result", NULL, result_draw, NULL, result_button};
