/* A counter flow: the cart of scanned items, the form, the second person, the confirmation,
 * the commit and the result. Nothing is written before the confirmation's 確定. */
#include <stdlib.h>
#include <string.h>

#include "core/cal.h"
#include "desk/check.h"
#include "desk/query.h"
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
    BTN_PREV_PAGE = DC_BTN_USER + 100,
    BTN_NEXT_PAGE,
    BTN_APPROVE,
    BTN_NOTE,
    BTN_NOTE_BACK,
    BTN_NOTE_KANA,
    BTN_NOTE_PICK, /* + index into notes */
};

/* The missing-field message is about the form as it is now: shown by 次へ, then rebuilt at each
 * draw from the fields still not set, and gone once they all are. */
static bool missing_shown;
/* The second person's PIN was right; their 承認 is still to come. */
static bool second_verified;
/* A return's cart shows the choice of its condition note instead of the items. */
static bool note_open;

/* Layout of the item pages, in 1280x800 units (each button at least 80 by 80). */
enum { PAGE_BTN_W = 180, PAGE_BTN_H = 90 };

/* out += text, cut at cap. */
static void append(char *out, size_t cap, const char *text)
{
    size_t n = strlen(out);
    if (n + 1 < cap)
        snprintf(out + n, cap - n, "%s", text);
}

/* A catalogue text with %d and %s in it, filled in order (the first %d with a, the second with
 * b, %s with s), without handing the catalogue's text to printf as a format. */
static void fill(char *out, size_t cap, const char *tmpl, const char *s, int a, int b)
{
    int ints = 0;
    out[0] = '\0';
    for (const char *p = tmpl; *p; p++) {
        char piece[24];
        if (p[0] == '%' && p[1] == 'd') {
            snprintf(piece, sizeof piece, "%d", ints++ ? b : a);
            append(out, cap, piece);
            p++;
        } else if (p[0] == '%' && p[1] == 's') {
            append(out, cap, s ? s : "");
            p++;
        } else {
            piece[0] = *p;
            piece[1] = '\0';
            append(out, cap, piece);
        }
    }
}

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
    second_verified = false;
    note_open = false;
    memset(ui->flow, 0, sizeof *ui->flow);
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_HOME);
}

/* 中止: with items scanned it asks first (nothing is recorded either way; the cart would be
 * lost); with an empty cart there is nothing to lose. */
static void ask_abort(dc_ui_t *ui)
{
    if (ui->flow->n == 0) {
        abort_flow(ui);
        return;
    }
    char q[256];
    fill(q, sizeof q, T(FL_DISCARD_Q), NULL, ui->flow->n, 0);
    dc_ui_ask(ui, q, T(FL_DISCARD_DETAIL), T(YES), T(NO), abort_flow);
}

/* ---- the items, in pages ---- */

/* A list of the cart's items in pages, and the furthest page looked at: pages turn one at a
 * time, so whoever has seen the last page has seen them all. */
typedef struct {
    int page, pages, seen;
    bool follow; /* keep the last page in view (the cart, as items are scanned) */
} pager_t;

static pager_t cart_pg, second_pg, confirm_pg, result_pg;

static void pager_reset(pager_t *p)
{
    *p = (pager_t){0};
}

static bool pager_all_seen(const pager_t *p)
{
    return p->pages <= 1 || p->seen >= p->pages - 1;
}

/* A page button: true when id was one. */
static bool pager_turn(pager_t *p, int id)
{
    if (id != BTN_PREV_PAGE && id != BTN_NEXT_PAGE)
        return false;
    if (id == BTN_PREV_PAGE && p->page > 0)
        p->page--;
    else if (id == BTN_NEXT_PAGE && p->page < p->pages - 1 && p->page <= p->seen)
        p->page++; /* only from a page that has been on screen */
    p->follow = false;
    return true;
}

/* 「全14件、うち個人情報3件・特定個人情報2件」: what a confirmer must know before paging. */
static void totals_text(dc_ui_t *ui, char *out, size_t cap)
{
    int personal = 0, my_number = 0;
    for (int i = 0; i < ui->flow->n; i++) {
        personal += ui->flow->items[i].personal;
        my_number += ui->flow->items[i].my_number;
    }
    char part[128];
    fill(out, cap, T(FL_TOTAL), NULL, ui->flow->n, 0);
    if (personal || my_number)
        append(out, cap, T(FL_OF_WHICH));
    if (personal) {
        fill(part, sizeof part, T(FL_PERSONAL_N), NULL, personal, 0);
        append(out, cap, part);
    }
    if (personal && my_number)
        append(out, cap, T(FL_AND));
    if (my_number) {
        fill(part, sizeof part, T(FL_MY_NUMBER_N), NULL, my_number, 0);
        append(out, cap, part);
    }
}

/* Who has a returned item, since when and until when; kept per cart row (read once a scan). */
static struct {
    char code[DC_CODE_MAX];
    bool ok;
    dc_held_t h;
} held_cache[DC_FLOW_MAX];

static const dc_held_t *held_of(dc_ui_t *ui, int i)
{
    const dc_item_t *it = &ui->flow->items[i];
    if (strcmp(held_cache[i].code, it->code) != 0) {
        char today[DC_DATE_MAX];
        dc_event_local_date(dc_clock_now_ms(), ui->term.tz_min, today);
        memcpy(held_cache[i].code, it->code, DC_CODE_MAX);
        held_cache[i].ok = dc_desk_item_held(ui->st, it, today, &held_cache[i].h) == DC_E_OK;
    }
    return held_cache[i].ok ? &held_cache[i].h : NULL;
}

/* "持出者 鈴木 一郎  持出日 2026-10-28  返却予定 2026-11-01" and, when overdue, "× 超過" in red. */
static void draw_held(dc_ui_t *ui, const dc_held_t *h, int x, int y, int w, int size)
{
    char buf[400];
    snprintf(buf, sizeof buf, "%s %s   %s %s   %s %s", T(FL_TAKEN_BY), h->holder_name, T(FL_SINCE),
             h->since, T(FL_DUE_SHORT), h->due[0] ? h->due : "—");
    int used = dc_draw_text_fit(ui, x, y, w, size, h->overdue ? DC_C_ERROR : DC_C_MUTED,
                                DC_ALIGN_LEFT, buf);
    if (h->overdue) {
        snprintf(buf, sizeof buf, "× %s", T(FL_OVERDUE));
        dc_draw_text(ui, x + used + dc_px(ui, 20), y, size, DC_C_ERROR, DC_ALIGN_LEFT, buf);
    }
}

/* What an item holds, as a coloured tag beside its title: My Number red, personal dark. */
static void draw_tag(dc_ui_t *ui, const dc_item_t *it, int x, int y, int w, int size)
{
    if (!it->personal && !it->my_number)
        return;
    SDL_Rect t = {x, y, w - dc_px(ui, 10), size * 4 / 3};
    dc_draw_fill(ui, t, it->my_number ? DC_C_ERROR : DC_C_HEADER);
    dc_draw_text(ui, t.x + t.w / 2, t.y + size / 8, size, DC_C_WHITE, DC_ALIGN_CENTER,
                 it->my_number ? T(FL_TAG_MY_NUMBER) : T(FL_TAG_PERSONAL));
}

/* Every item of the cart inside r, a page at a time, under the totals, with 「1/3ページ」 and
 * 前へ/次へ when they do not fit on one page: side by side in bar, or (bar NULL) in a column at
 * the right of r. In the cart each row is a card with the code (and, for a return, who has had
 * it since when); elsewhere a line with the record's facts for the item. */
static void draw_items(dc_ui_t *ui, SDL_Rect r, int size, pager_t *pg, bool cart,
                       const SDL_Rect *bar)
{
    const dc_flow_t *f = ui->flow;
    bool held = f->type == DC_EV_RETURN;
    int line = size * 4 / 3, head = line + dc_px(ui, 4);
    int row = cart ? (held ? 2 * line : line) + dc_px(ui, 16) : held ? 2 * line : line;
    char buf[900];
    totals_text(ui, buf, sizeof buf);
    dc_draw_text(ui, r.x, r.y, size, DC_C_HEADER, DC_ALIGN_LEFT, buf);
    int per = (r.h - head) / row;
    if (per < 1)
        per = 1;
    pg->pages = f->n > 0 ? (f->n + per - 1) / per : 1;
    if (pg->follow || pg->page >= pg->pages)
        pg->page = pg->pages - 1;
    if (pg->page < 0)
        pg->page = 0;
    if (pg->page > pg->seen)
        pg->seen = pg->page;
    int list_w = r.w;
    if (pg->pages > 1) {
        fill(buf, sizeof buf, T(FL_PAGE), NULL, pg->page + 1, pg->pages);
        dc_draw_text(ui, r.x + r.w, r.y, size, DC_C_HEADER, DC_ALIGN_RIGHT, buf);
        int bw = dc_px(ui, PAGE_BTN_W), bh = dc_px(ui, PAGE_BTN_H), gap = dc_px(ui, 12);
        SDL_Rect prev = {r.x + r.w - bw, r.y + head, bw, bh}, next = prev;
        next.y += bh + gap;
        if (bar) {
            bw = (bar->w - gap) / 2;
            prev = (SDL_Rect){bar->x, bar->y, bw, bar->h};
            next = (SDL_Rect){bar->x + bw + gap, bar->y, bw, bar->h};
        } else {
            list_w -= bw + dc_px(ui, 24);
        }
        bool last = pg->page == pg->pages - 1;
        dc_draw_button(ui, prev, cart ? T(FL_CART_PREV) : T(PREV_PAGE), BTN_PREV_PAGE, false,
                       pg->page > 0);
        /* Until the last page is seen, 次へ is the button to press. */
        dc_draw_button(ui, next, cart ? T(FL_CART_NEXT) : T(FL_NEXT_PAGE), BTN_NEXT_PAGE,
                       !cart && !pager_all_seen(pg), !last);
    }
    bool tags = false;
    for (int i = 0; i < f->n; i++)
        tags = tags || f->items[i].personal || f->items[i].my_number;
    int tag_size = size * 5 / 6;
    int num_w = size * 2, tag_w = tags ? tag_size * 7 : 0;
    int y = r.y + head;
    for (int i = pg->page * per; i < f->n && i < (pg->page + 1) * per; i++, y += row) {
        const dc_item_t *it = &f->items[i];
        int x = r.x, right = r.x + list_w;
        if (cart) {
            dc_draw_fill(ui, (SDL_Rect){r.x, y, list_w, row - dc_px(ui, 8)}, DC_C_WHITE);
            x += dc_px(ui, 12);
            right -= dc_px(ui, 12);
        }
        int ty = cart ? y + dc_px(ui, 6) : y;
        snprintf(buf, sizeof buf, "%d.", i + 1);
        dc_draw_text(ui, x, ty, size, DC_C_MUTED, DC_ALIGN_LEFT, buf);
        /* The tag at the right end, where every row has it in the same place. */
        draw_tag(ui, it, right - tag_w + dc_px(ui, 10), ty + dc_px(ui, 2), tag_w, tag_size);
        int tx = x + num_w, tw = right - tag_w - tx - dc_px(ui, 10);
        if (cart) {
            int cw = dc_draw_text(ui, right - tag_w, ty + dc_px(ui, 4), size * 5 / 6, DC_C_MUTED,
                                  DC_ALIGN_RIGHT, it->code);
            dc_draw_text_fit(ui, tx, ty, tw - cw - dc_px(ui, 20), size, DC_C_TEXT, DC_ALIGN_LEFT,
                             it->title);
            const dc_held_t *h = held ? held_of(ui, i) : NULL;
            if (h)
                draw_held(ui, h, tx, ty + line, right - tx, size * 5 / 6);
        } else {
            char facts[200];
            item_facts(ui, it, facts, sizeof facts);
            snprintf(buf, sizeof buf, "%.400s  (%s)%s", it->title, it->code, facts);
            dc_draw_text_fit(ui, tx, ty, tw, size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
            /* A return: who had it since when, and whether it comes back late, for the
             * confirmer to see. */
            const dc_held_t *h = held ? held_of(ui, i) : NULL;
            if (h)
                draw_held(ui, h, tx, ty + line, right - tx, size * 5 / 6);
        }
    }
}

/* ---- cart ---- */

/* The condition notes a return offers (free text from the kana keyboard besides). */
static const dc_text_t notes[] = {
    DC_T_FL_NOTE_NONE,    DC_T_FL_NOTE_DAMAGED, DC_T_FL_NOTE_SOILED,
    DC_T_FL_NOTE_MISSING, DC_T_FL_NOTE_SEAL,    DC_T_FL_NOTE_WIPED,
};
enum { NNOTES = sizeof notes / sizeof notes[0] };

/* The note as recorded: in Japanese whatever the screen's language, as the paper ledgers are. */
static const char *note_value(int i)
{
    return i == 0 ? "" : dc_text(notes[i], DC_LANG_JA);
}

/* The note in the screen's language ("" when none). */
static const char *note_shown(dc_ui_t *ui)
{
    const char *v = ui->flow->form.notes;
    for (int i = 1; i < NNOTES; i++) {
        if (strcmp(v, note_value(i)) == 0)
            return dc_ui_t_(ui, notes[i]);
    }
    return v;
}

static void note_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, T(FL_NOTE_CHOOSE));
    int pad = dc_px(ui, 40);
    const char *labels[NNOTES + 1];
    int selected = 0;
    for (int i = 0; i < NNOTES; i++) {
        labels[i] = dc_ui_t_(ui, notes[i]);
        if (i && strcmp(ui->flow->form.notes, note_value(i)) == 0)
            selected = i;
    }
    labels[NNOTES] = T(FL_NOTE_KANA);
    if (ui->flow->form.notes[0] && note_shown(ui) == ui->flow->form.notes)
        selected = NNOTES; /* typed in kana */
    dc_draw_grid(ui,
                 (SDL_Rect){pad, y + dc_px(ui, 10), ui->w - 2 * pad, ui->h - y - dc_px(ui, 200)},
                 labels, NNOTES + 1, BTN_NOTE_PICK, 3, selected);
    int by = ui->h - dc_px(ui, 140), bh = dc_px(ui, 110), bw = dc_px(ui, 240);
    dc_draw_button(ui, (SDL_Rect){pad, by, bw, bh}, T(BACK), BTN_NOTE_BACK, false, true);
}

static void note_button(dc_ui_t *ui, int id)
{
    if (id == BTN_NOTE_BACK) {
        note_open = false;
    } else if (id == BTN_NOTE_PICK + NNOTES) {
        /* Free text: the kana keyboard edits the note itself, then back to the cart. */
        note_open = false;
        dc_ui_kana(ui, ui->flow->form.notes, sizeof ui->flow->form.notes, DC_SCR_CART);
    } else if (id >= BTN_NOTE_PICK && id < BTN_NOTE_PICK + NNOTES) {
        if (dc_flow_set_note(ui->flow, note_value(id - BTN_NOTE_PICK)) == DC_E_OK)
            note_open = false;
    }
}

static void cart_draw(dc_ui_t *ui)
{
    if (note_open) {
        note_draw(ui);
        return;
    }
    int y = draw_title(ui, T(SCAN_ITEMS));
    int pad = dc_px(ui, 40);
    char count[64];
    snprintf(count, sizeof count, "%d %s", ui->flow->n, T(ITEMS_SCANNED));
    dc_draw_text(ui, ui->w - pad, y - dc_px(ui, 60), dc_px(ui, 40), DC_C_HEADER, DC_ALIGN_RIGHT,
                 count);
    bool ret = ui->flow->type == DC_EV_RETURN;
    int bottom = ui->h - dc_px(ui, 250);
    if (ret) {
        /* The condition noted for the return, above the buttons. */
        char line[DC_LONG_MAX + 64];
        const char *v = note_shown(ui);
        snprintf(line, sizeof line, "%s: %s", T(FL_NOTE), v[0] ? v : T(FL_NOTE_NONE));
        dc_draw_text_fit(ui, pad, bottom - dc_px(ui, 44), ui->w - 2 * pad, dc_px(ui, 28),
                         v[0] ? DC_C_ERROR : DC_C_MUTED, DC_ALIGN_LEFT, line);
        bottom -= dc_px(ui, 50);
    }
    if (ui->flow->n)
        draw_items(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, bottom - y}, dc_px(ui, 30), &cart_pg,
                   true, NULL);
    draw_message(ui, ui->h - dc_px(ui, 240));
    int by = ui->h - dc_px(ui, 140), bh = dc_px(ui, 110);
    if (ret)
        dc_draw_button(ui, (SDL_Rect){pad + dc_px(ui, 260), by, dc_px(ui, 260), bh}, T(FL_NOTE),
                       BTN_NOTE, false, true);
    if (ui->flow->n)
        dc_draw_button(ui, (SDL_Rect){pad + dc_px(ui, 540), by, dc_px(ui, 260), bh}, T(REMOVE_LAST),
                       BTN_REMOVE, false, true);
    bottom_row(ui, false, T(NEXT), BTN_NEXT, ui->flow->n > 0);
}

typedef struct {
    dc_ui_t *ui;
    dc_evtype_t want;
    int added, refused;
    dc_err_t why; /* the first refusal */
    char about[DC_LONG_MAX];
} from_receipt_t;

static int add_from_receipt(const dc_event_t *ev, void *ctx)
{
    from_receipt_t *r = ctx;
    const dc_item_t *it;
    if (ev->type != r->want)
        return 0;
    dc_err_t e = dc_flow_scan(r->ui->st, r->ui->flow, ev->item, strlen(ev->item), &it);
    if (e == DC_E_OK) {
        r->added++;
        return 0;
    }
    r->refused++;
    if (!r->why) {
        dc_item_t item;
        r->why = e;
        snprintf(r->about, sizeof r->about, "%s",
                 dc_desk_item_get(r->ui->st, ev->item, &item) == DC_E_OK ? item.title : ev->item);
    }
    return 0;
}

/* A take-out receipt at a return, or a transport receipt at an arrival, brings its items; at an
 * arrival, another terminal's transport receipt and the arrival receipt answering a transport
 * of this one are read by ui/arrival_ui.c. A receipt that brings nothing says why, in red. */
static void cart_receipt(dc_ui_t *ui, const char *text)
{
    if (ui->flow->type == DC_EV_RECEIVE && dc_ui_arrival_receipt(ui, text))
        return;
    dc_receipt_check_t c;
    if (!dc_ui_check_receipt(ui, text, &c))
        return;
    dc_evtype_t want = ui->flow->type == DC_EV_RETURN    ? DC_EV_TAKE_OUT
                       : ui->flow->type == DC_EV_RECEIVE ? DC_EV_TRANSPORT
                                                         : DC_EV__COUNT;
    if (want == DC_EV__COUNT)
        return; /* checked and shown; nothing to fill in this flow */
    if (!c.local || c.type != want) {
        /* Genuine, but it brings nothing here: say so in red, not with the check's green. */
        dc_ui_flash(ui, false, T(RECEIPT_NOTHING_HERE), NULL);
        dc_ui_message(ui, true, T(RECEIPT_NOTHING_HERE));
        return;
    }
    if (ui->flow->arrival.remote) {
        dc_ui_flash(ui, false, T(ARRIVAL_MIXED), NULL);
        dc_ui_message(ui, true, T(ARRIVAL_MIXED));
        return;
    }
    from_receipt_t *r = calloc(1, sizeof *r);
    if (!r) {
        dc_ui_refuse(ui, DC_E_NOMEM, NULL);
        return;
    }
    r->ui = ui;
    r->want = want;
    dc_err_t e = dc_desk_events_in_group(ui->st, c.group_seq, add_from_receipt, r);
    char detail[80];
    snprintf(detail, sizeof detail, "%d %s", r->added, T(ITEMS_SCANNED));
    if (e)
        dc_ui_refuse(ui, e, NULL);
    else if (r->added > 0)
        dc_ui_flash(ui, true, T(FROM_RECEIPT), detail);
    else if (r->why)
        dc_ui_refuse(ui, r->why, r->about); /* the carrier, an item received already... */
    else
        dc_ui_refuse(ui, DC_E_R_CART_EMPTY, T(ARRIVAL_NONE_ADDED));
    free(r);
}

static void cart_scan(dc_ui_t *ui, const char *text)
{
    /* What was just scanned comes into view: the last page. */
    cart_pg.follow = true;
    if (note_open)
        note_open = false;
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
    second_verified = false;
    if (needs_second(ui))
        dc_ui_go(ui, DC_SCR_SECOND);
    else
        dc_ui_go(ui, DC_SCR_CONFIRM);
}

static void cart_button(dc_ui_t *ui, int id)
{
    if (note_open) {
        note_button(ui, id);
    } else if (pager_turn(&cart_pg, id)) {
        return;
    } else if (id == BTN_NOTE && ui->flow->type == DC_EV_RETURN) {
        note_open = true;
    } else if (id == BTN_ABORT) {
        ask_abort(ui);
    } else if (id == BTN_REMOVE && ui->flow->n > 0) {
        ui->flow->n--;
        cart_pg.follow = true;
    } else if (id == BTN_NEXT && ui->flow->n > 0) {
        ui->message[0] = '\0';
        missing_shown = false;
        if (has_fields(ui))
            dc_ui_go(ui, DC_SCR_FORM);
        else
            go_after_form(ui);
    }
}

static void cart_enter(dc_ui_t *ui)
{
    (void)ui;
    note_open = false;
    cart_pg.follow = true;
    /* Read again: the same label may have been returned and taken out since. */
    memset(held_cache, 0, sizeof held_cache);
}

const dc_screen_t dc_scr_cart = {"cart", cart_enter, cart_draw, cart_scan, cart_button};

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
    /* A disposal of several kinds, or a registration, asks more fields: when one column of
     * buttons at least 80 tall does not fit above the message, they share the room in two or
     * three columns, each field's button and value side by side. Shorter forms keep the one
     * layout. */
    int room = ui->h - dc_px(ui, 250) - y, min_row = dc_px(ui, 88);
    int cols = 1;
    while (cols < 3 && n > 0 && room / ((n + cols - 1) / cols) < min_row)
        cols++;
    int rows = n > 0 ? (n + cols - 1) / cols : 0;
    bool compact = rows > 0 && room / rows < row;
    if (compact)
        row = room / rows;
    int gap = dc_px(ui, 30), colw = (ui->w - 2 * pad - gap * (cols - 1)) / cols;
    bool per_kind = n > 0 && dc_field_per_kind(ui, fields[0]);
    int bw = per_kind ? dc_px(ui, 420) : dc_px(ui, 330);
    if (cols > 1)
        bw = per_kind ? colw * 3 / 5 : colw / 2 - dc_px(ui, 10);
    /* Every button at least 80 tall: the gap between rows gives way first. */
    int bh = row - dc_px(ui, 14) >= dc_px(ui, 80) ? row - dc_px(ui, 14) : row - dc_px(ui, 8);
    int size = compact || cols > 1 ? dc_px(ui, 28) : dc_px(ui, 36);
    if (missing_shown) {
        char missing[400];
        missing_message(ui, missing, sizeof missing);
    }
    int top = y;
    for (int i = 0; i < n; i++) {
        int cx = pad + (i % cols) * (colw + gap), cy = top + (i / cols) * row;
        SDL_Rect b = {cx, cy, bw, bh};
        char name[160];
        dc_field_name(ui, fields[i], name, sizeof name);
        dc_draw_button(ui, b, name, BTN_FIELD + i, false, true);
        char value[300];
        dc_field_show(ui, fields[i], value, sizeof value);
        bool done = dc_field_done(ui, fields[i]);
        uint32_t rgb = done ? DC_C_TEXT : DC_C_ERROR;
        int vx = b.x + b.w + dc_px(ui, cols > 1 ? 16 : 30);
        if (cols > 1) {
            /* Beside its button on one line, smaller if need be; a long value (the title's
             * hint) on two lines. */
            int vw = cx + colw - vx, sz = size;
            while (sz > dc_px(ui, 22) &&
                   dc_wrapped_height(ui, vw, sz, value) > dc_wrapped_height(ui, 1 << 20, sz, value))
                sz -= 2;
            int vh = dc_wrapped_height(ui, vw, sz, value);
            if (vh > b.h)
                vh = b.h;
            dc_draw_wrapped(ui, (SDL_Rect){vx, cy + (b.h - vh) / 2, vw, b.h}, sz, rgb,
                            DC_ALIGN_LEFT, value);
        } else {
            int vy = compact ? cy + (b.h - size) / 2 : cy + dc_px(ui, 22);
            dc_draw_text(ui, vx, vy, size, rgb, DC_ALIGN_LEFT, value);
        }
    }
    y = top + rows * row;
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
        ask_abort(ui);
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

/* ---- the record, as the confirmer and the second person see it ---- */

/* The word of the receipt for the second person of this flow. */
static const char *second_word(dc_ui_t *ui)
{
    return ui->flow->type == DC_EV_RETURN    ? T(FL_CONFIRMER)
           : ui->flow->type == DC_EV_DISPOSE ? T(FL_WITNESS)
                                             : T(FL_APPROVER);
}

enum { SUMMARY_LINES = DC_FORM_FIELDS_MAX + 8 };

/* "2026-11-03" as the header writes a day, "2026年11月3日(火)" / "Tue 3 Nov 2026"; false (out
 * untouched) for anything else. */
static bool day_label(dc_ui_t *ui, const char *iso, char *out, size_t cap)
{
    int y, m, d;
    char rest;
    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 || m < 1 || m > 12 || d < 1 ||
        d > dc_cal_days_in_month(y, m))
        return false;
    /* Noon of that day at the terminal's offset: the local day is the one written. */
    int64_t ms = dc_cal_days_from_civil(y, m, d) * DC_CAL_DAY_MS + DC_CAL_DAY_MS / 2 -
                 (int64_t)ui->term.tz_min * 60000;
    dc_ui_date_label(ui, ms, out, cap);
    return true;
}

/* The record's lines besides the items ("目的: 監査対応"...), as it will be written and as the
 * receipt shows it; returns how many. */
static int summary_lines(dc_ui_t *ui, char lines[][DC_LONG_MAX + 200])
{
    enum { CAP = DC_LONG_MAX + 200 };
    int n = 0;
    dc_event_t *ev = &ui->flow->form;
    /* A new item's kind is one of its form's fields below; its code comes first. */
    if (ui->flow->type == DC_EV_REGISTER && ui->new_code[0])
        snprintf(lines[n++], CAP, "%s: %s", T(LABEL_CODE), ui->new_code);
    if (ui->flow->type == DC_EV_TRANSPORT && ui->flow->n > 0) {
        /* One place for all, or each item's own (beside each item). */
        if (!places_differ(ui->flow) || ui->flow->form.from_place[0])
            snprintf(lines[n++], CAP, "%s: %s", T(F_FROM),
                     ui->flow->form.from_place[0] ? ui->flow->form.from_place
                                                  : ui->flow->items[0].place);
        carrier_line(ui, lines[n++], CAP);
    }
    dc_field_t fields[DC_FORM_FIELDS_MAX];
    int nf = dc_form_fields(ui, fields);
    for (int i = 0; i < nf && n < SUMMARY_LINES - 3; i++) {
        char v[300];
        if (dc_field_per_kind(ui, fields[i]))
            continue; /* shown beside each item */
        if (fields[i] != DC_FIELD_DUE || !day_label(ui, ev->due, v, sizeof v))
            dc_field_show(ui, fields[i], v, sizeof v);
        char name[160];
        dc_field_name(ui, fields[i], name, sizeof name);
        snprintf(lines[n++], CAP, "%s: %s", name, v);
    }
    if (ui->flow->type == DC_EV_RETURN && ev->notes[0])
        snprintf(lines[n++], CAP, "%s: %.400s", T(FL_NOTE), note_shown(ui));
    snprintf(lines[n++], CAP, "%s: %s", T(ACTOR), ui->user.name);
    /* The second person's line from the start (a dash until their PIN), so that the pages
     * stay as they were when they come. */
    if (ui->second.badge[0])
        snprintf(lines[n++], CAP, "%s: %s", second_word(ui), ui->second.name);
    else if (needs_second(ui))
        snprintf(lines[n++], CAP, "%s: —", second_word(ui));
    return n;
}

/* The whole record inside r: every item, paged with its totals, above the record's lines (in
 * two columns where r is wide enough). */
static void summary(dc_ui_t *ui, SDL_Rect r, int size, pager_t *pg, const SDL_Rect *bar)
{
    static char lines[SUMMARY_LINES][DC_LONG_MAX + 200];
    int n = summary_lines(ui, lines);
    int line = size * 4 / 3, cols = r.w >= dc_px(ui, 1000) ? 2 : 1;
    /* A new item's record is its lines; other records keep room for two items' rows. */
    bool items = ui->flow->n > 0 && ui->flow->type != DC_EV_REGISTER;
    int reserve = items ? 3 * line + dc_px(ui, 16) : 0;
    int rows = (n + cols - 1) / cols;
    while (rows * line > r.h - reserve && cols < 3 && r.w / (cols + 1) >= dc_px(ui, 300)) {
        cols++;
        rows = (n + cols - 1) / cols;
    }
    int lines_h = rows * line;
    int items_h = r.h - lines_h - dc_px(ui, 12);
    if (items)
        draw_items(ui, (SDL_Rect){r.x, r.y, r.w, items_h}, size, pg, false, bar);
    else
        items_h = 0, pager_reset(pg);
    int y = r.y + (items_h ? items_h + dc_px(ui, 12) : 0), cw = r.w / cols;
    if (items_h) {
        SDL_Rect rule = {r.x, y - dc_px(ui, 8), r.w, dc_px(ui, 2)};
        dc_draw_fill(ui, rule, DC_C_BUTTON);
    }
    for (int i = 0; i < n; i++) {
        int c = i / rows, k = i % rows;
        if (y + (k + 1) * line > r.y + r.h + line / 3)
            continue; /* no room at all: never drawn over what is below */
        dc_draw_text_fit(ui, r.x + c * cw, y + k * line, cw - dc_px(ui, 20), size, DC_C_TEXT,
                         DC_ALIGN_LEFT, lines[i]);
    }
}

/* Layout of the second person's screen and the confirmation, in 1280x800 units: the record
 * above a line kept for 「すべてのページを確認してください」, then the bottom row with the page
 * buttons between 戻る and the button that waits for every page. */
enum { HINT_H = 44, CONTENT_BOTTOM = 150 + HINT_H };

/* The page buttons' place in the bottom row, between 戻る and the next button. */
static SDL_Rect page_bar(dc_ui_t *ui)
{
    int pad = dc_px(ui, 40), left = pad + 2 * dc_px(ui, 240) + 2 * dc_px(ui, 20);
    int right = ui->w - pad - dc_px(ui, 320) - dc_px(ui, 20);
    int w = 2 * dc_px(ui, PAGE_BTN_W) + dc_px(ui, 12);
    if (w > right - left)
        w = right - left;
    return (SDL_Rect){right - w, ui->h - dc_px(ui, 140), w, dc_px(ui, 110)};
}

/* 「すべてのページを確認してください」 above the button that waits for it. */
static void see_all_hint(dc_ui_t *ui, const pager_t *pg)
{
    if (pager_all_seen(pg))
        return;
    dc_draw_text(ui, ui->w - dc_px(ui, 40),
                 ui->h - dc_px(ui, 140) - dc_px(ui, HINT_H) + dc_px(ui, 6), dc_px(ui, 28),
                 DC_C_ERROR, DC_ALIGN_RIGHT, T(FL_SEE_ALL));
}

/* ---- second person ---- */

static void second_draw(dc_ui_t *ui)
{
    bool manager = dc_flow_second_role(ui->flow) == DC_ROLE_MANAGER;
    int y = draw_title(ui, manager ? T(MANAGER_NEEDED) : T(OTHER_PERSON));
    int pad = dc_px(ui, 40);
    bool verified = second_verified && ui->second.badge[0];
    char prompt[300];
    if (verified) {
        dc_text_t hint = ui->flow->type == DC_EV_RETURN    ? DC_T_FL_CONFIRM_HINT
                         : ui->flow->type == DC_EV_DISPOSE ? DC_T_FL_WITNESS_HINT
                                                           : DC_T_FL_APPROVE_HINT;
        fill(prompt, sizeof prompt, dc_ui_t_(ui, hint), ui->second.name, 0, 0);
    } else {
        dc_text_t scan = ui->flow->type == DC_EV_RETURN    ? DC_T_SCAN_CONFIRMER
                         : ui->flow->type == DC_EV_DISPOSE ? DC_T_SCAN_WITNESS
                                                           : DC_T_SCAN_APPROVER;
        dc_copy(prompt, sizeof prompt, dc_ui_t_(ui, scan));
    }
    SDL_Rect band = {0, y, ui->w, dc_px(ui, 76)};
    dc_draw_fill(ui, band, verified ? DC_C_OK : DC_C_PRIMARY);
    dc_draw_band_text(
        ui, (SDL_Rect){pad, band.y + dc_px(ui, 4), ui->w - 2 * pad, band.h - dc_px(ui, 8)},
        dc_px(ui, 38), DC_C_WHITE, prompt);
    int top = band.y + band.h + dc_px(ui, 14);
    int bottom = ui->h - dc_px(ui, CONTENT_BOTTOM) - (ui->message[0] ? dc_px(ui, 80) : 0);
    SDL_Rect bar = page_bar(ui);
    summary(ui, (SDL_Rect){pad, top, ui->w - 2 * pad, bottom - top}, dc_px(ui, 28), &second_pg,
            &bar);
    draw_message(ui, ui->h - dc_px(ui, 240));
    bottom_row(ui, true, verified ? T(FL_APPROVE) : NULL, BTN_APPROVE,
               verified && pager_all_seen(&second_pg));
    if (verified)
        see_all_hint(ui, &second_pg);
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
    if (second_verified) {
        /* Approved by PIN already: another badge is not this screen's. */
        dc_ui_flash(ui, false, T(SCAN_NOT_HERE), text);
        return;
    }
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
    if (pager_turn(&second_pg, id))
        return;
    if (id == BTN_ABORT) {
        ask_abort(ui);
    } else if (id == BTN_BACK) {
        ui->message[0] = '\0';
        second_verified = false;
        memset(&ui->second, 0, sizeof ui->second);
        ui->flow->form.second[0] = '\0';
        dc_ui_go(ui, has_fields(ui) ? DC_SCR_FORM : DC_SCR_CART);
    } else if (id == BTN_APPROVE && second_verified && pager_all_seen(&second_pg)) {
        /* Approved: the handler confirms next. */
        second_verified = false;
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_CONFIRM);
    }
}

static void second_enter(dc_ui_t *ui)
{
    /* Back from a right PIN for the badge scanned here: approval to come. Anything else (a
     * cancelled PIN, 戻る from the confirmation) starts over with a new scan. */
    if (second_verified && ui->second.badge[0] &&
        strcmp(ui->second.badge, ui->flow->form.second) == 0)
        return;
    second_verified = false;
    pager_reset(&second_pg);
    ui->flow->form.second[0] = '\0';
    memset(&ui->second, 0, sizeof ui->second);
}

void dc_ui_second_verified(dc_ui_t *ui, const dc_staff_t *who)
{
    ui->second = *who;
    memcpy(ui->flow->form.second, who->badge, DC_CODE_MAX);
    second_verified = true;
    pager_reset(&second_pg);
    dc_ui_go(ui, DC_SCR_SECOND);
}

const dc_screen_t dc_scr_second = {"second", second_enter, second_draw, second_scan, second_button};

/* ---- confirmation ---- */

static void confirm_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, T(CONFIRM));
    int pad = dc_px(ui, 40);
    int bottom = ui->h - dc_px(ui, CONTENT_BOTTOM) - (ui->message[0] ? dc_px(ui, 80) : 0);
    SDL_Rect bar = page_bar(ui);
    summary(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, bottom - y}, dc_px(ui, 28), &confirm_pg, &bar);
    draw_message(ui, ui->h - dc_px(ui, 240));
    /* 確定 once every page of the items has been on screen. */
    bottom_row(ui, true, T(OK), BTN_COMMIT, pager_all_seen(&confirm_pg));
    see_all_hint(ui, &confirm_pg);
}

static void confirm_enter(dc_ui_t *ui)
{
    (void)ui;
    pager_reset(&confirm_pg);
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
    if (pager_turn(&confirm_pg, id))
        return;
    if (id == BTN_ABORT) {
        ask_abort(ui);
    } else if (id == BTN_BACK) {
        ui->message[0] = '\0';
        if (needs_second(ui))
            dc_ui_go(ui, DC_SCR_SECOND); /* the approval is asked again */
        else
            dc_ui_go(ui, has_fields(ui) ? DC_SCR_FORM : DC_SCR_CART);
    } else if (id == BTN_COMMIT && pager_all_seen(&confirm_pg)) {
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

const dc_screen_t dc_scr_confirm = {"confirm", confirm_enter, confirm_draw, NULL, confirm_button};

/* ---- result ---- */

/* Layout of the result screen, in 1280x800 units: the buttons' bar at the bottom, 再印刷 at the
 * left edge and 終了 at the right, with nothing drawn over them. */
enum { RESULT_BAR = 140, RESULT_BTN_W = 280, RESULT_BTN_H = 110, RESULT_MSG_H = 70 };

static void result_draw(dc_ui_t *ui)
{
    int y = draw_title(ui, "");
    int pad = dc_px(ui, 40);
    SDL_Rect band = {0, y, ui->w, dc_px(ui, 90)};
    /* Recorded either way; when the paper did not come out the band says so in amber, so a
     * missing printer never looks like the green of a finished handover. */
    bool unprinted = ui->print_err != DC_E_OK;
    dc_draw_fill(ui, band, unprinted ? DC_C_WARN : DC_C_OK);
    char head[300], seqs[80];
    if (ui->result_n > 1)
        snprintf(seqs, sizeof seqs, "%s %lld–%lld", T(SEQ), (long long)ui->result_seq,
                 (long long)(ui->result_seq + ui->result_n - 1));
    else
        snprintf(seqs, sizeof seqs, "%s %lld", T(SEQ), (long long)ui->result_seq);
    if (unprinted)
        snprintf(head, sizeof head, "%s %s  %s  %s", T(RECORDED), seqs,
                 ui->lang == DC_LANG_EN ? "-" : "・",
                 ui->flow->type == DC_EV_REGISTER ? T(FL_LABEL_UNPRINTED)
                                                  : T(FL_RECEIPT_UNPRINTED));
    else
        snprintf(head, sizeof head, "%s  %s", T(RECORDED), seqs);
    dc_draw_band_text(
        ui, (SDL_Rect){pad, band.y + dc_px(ui, 4), ui->w - 2 * pad, band.h - dc_px(ui, 8)},
        dc_px(ui, 52), DC_C_WHITE, head);
    int by = ui->h - dc_px(ui, RESULT_BAR), bw = dc_px(ui, RESULT_BTN_W);
    int top = band.y + band.h + dc_px(ui, 12), bottom = by - dc_px(ui, 16);
    /* The paper as printed on the right, above the buttons and at most half the width; the
     * record in words on the left. */
    int paper_x = ui->w - pad;
    if (ui->paper_tex && ui->paper_w > 0 && ui->paper_h > 0) {
        float k = (float)(bottom - top) / (float)ui->paper_h;
        float kw = (float)(ui->w / 2 - pad) / (float)ui->paper_w;
        if (kw < k)
            k = kw;
        if (k > 1.0f)
            k = 1.0f;
        SDL_Rect dst = {0, top, (int)(ui->paper_w * k), (int)(ui->paper_h * k)};
        dst.x = ui->w - pad - dst.w;
        SDL_RenderCopy(ui->r, ui->paper_tex, NULL, &dst);
        SDL_SetRenderDrawColor(ui->r, 0x9a, 0xa8, 0xb6, 255);
        SDL_RenderDrawRect(ui->r, &dst);
        if (unprinted) {
            /* What would have printed, marked as not on paper. */
            SDL_Rect mark = {dst.x, dst.y + dst.h / 3, dst.w, dc_px(ui, 56)};
            dc_draw_fill(ui, mark, DC_C_WHITE);
            SDL_SetRenderDrawColor(ui->r, 0xb3, 0x26, 0x1e, 255);
            SDL_RenderDrawRect(ui->r, &mark);
            dc_draw_band_text(ui, mark, dc_px(ui, 30), DC_C_ERROR, T(FL_UNPRINTED));
        }
        paper_x = dst.x - dc_px(ui, 20);
    }
    int msg_h = ui->message[0] ? dc_px(ui, RESULT_MSG_H) : 0;
    SDL_Rect paper = {pad, top + dc_px(ui, 4), paper_x - pad, 0};
    paper.h = bottom - msg_h - paper.y;
    dc_draw_fill(ui, paper, DC_C_WHITE);
    char when[160], date[40], time[6];
    int64_t now = dc_clock_now_ms();
    dc_ui_date_label(ui, now, date, sizeof date);
    dc_event_local_time(now, ui->term.tz_min, time);
    snprintf(when, sizeof when, "%s %s  %s %s", T(RECEIPT), flow_title(ui), date, time);
    dc_draw_text(ui, paper.x + dc_px(ui, 20), paper.y + dc_px(ui, 12), dc_px(ui, 34), DC_C_HEADER,
                 DC_ALIGN_LEFT, when);
    /* The page buttons between 再印刷 and 終了. */
    SDL_Rect bar = {pad + bw + dc_px(ui, 20), by, 2 * dc_px(ui, PAGE_BTN_W) + dc_px(ui, 12),
                    dc_px(ui, RESULT_BTN_H)};
    summary(ui,
            (SDL_Rect){paper.x + dc_px(ui, 20), paper.y + dc_px(ui, 60), paper.w - dc_px(ui, 40),
                       paper.h - dc_px(ui, 68)},
            dc_px(ui, 24), &result_pg, &bar);
    if (msg_h)
        dc_draw_wrapped(ui, (SDL_Rect){pad, bottom - msg_h + dc_px(ui, 4), paper.w, msg_h},
                        dc_px(ui, 24), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT,
                        ui->message);
    dc_draw_button(ui, (SDL_Rect){pad, by, bw, dc_px(ui, RESULT_BTN_H)}, T(REPRINT), BTN_REPRINT,
                   false, true);
    dc_draw_button(ui, (SDL_Rect){ui->w - pad - bw, by, bw, dc_px(ui, RESULT_BTN_H)}, T(FINISH),
                   BTN_FINISH, true, true);
}

static void result_button(dc_ui_t *ui, int id)
{
    if (pager_turn(&result_pg, id))
        return;
    if (id == BTN_FINISH)
        dc_ui_logout(ui, DC_T__COUNT); /* a completed flow ends the session */
    else if (id == BTN_REPRINT)
        dc_ui_reprint(ui);
}

static void result_enter(dc_ui_t *ui)
{
    (void)ui;
    pager_reset(&result_pg);
}

const dc_screen_t dc_scr_result = {"result", result_enter, result_draw, NULL, result_button};
