/* Idle: the kiosk waits for a badge. */
#include <string.h>

#include "core/text.h"

#include "desk/receipt.h"
#include "platform/clock.h"
#include "ui/fields.h"

static void idle_enter(dc_ui_t *ui)
{
    ui->logged_in = false;
    dc_ui_form_reset(ui); /* the next session's forms start without the last one's message */
}

static void idle_draw(dc_ui_t *ui)
{
    if (dc_ui_setup_needed(ui)) {
        dc_ui_setup_prompt(ui); /* first boot: only an administrator, to set the names */
        return;
    }
    int top = dc_draw_header(ui);
    int cx = ui->w / 2;
    int64_t now = dc_clock_now_ms();
    char time[6];
    dc_event_local_time(now, ui->term.tz_min, time);
    dc_draw_text(ui, cx, top + dc_px(ui, 60), dc_px(ui, 120), DC_C_HEADER, DC_ALIGN_CENTER, time);
    SDL_Rect band = {0, top + dc_px(ui, 250), ui->w, dc_px(ui, 200)};
    dc_draw_fill(ui, band, DC_C_PRIMARY);
    dc_draw_wrapped(
        ui,
        (SDL_Rect){dc_px(ui, 40), band.y + dc_px(ui, 36), ui->w - dc_px(ui, 80), dc_px(ui, 140)},
        dc_px(ui, 60), DC_C_WHITE, DC_ALIGN_CENTER, T(SCAN_BADGE));
    dc_draw_text(ui, cx, band.y + band.h + dc_px(ui, 30), dc_px(ui, 30), DC_C_MUTED,
                 DC_ALIGN_CENTER, T(IDLE_HINT));
    if (ui->message[0]) {
        /* Whole, however long: smaller type until it fits below the hint, never cut. */
        int w = ui->w - dc_px(ui, 80), room = ui->h - (band.y + band.h + dc_px(ui, 80));
        int size = dc_px(ui, 30), h = dc_wrapped_height(ui, w, size, ui->message);
        while (h > room && size > dc_px(ui, 18)) {
            size -= 2;
            h = dc_wrapped_height(ui, w, size, ui->message);
        }
        dc_draw_wrapped(ui, (SDL_Rect){dc_px(ui, 40), ui->h - dc_px(ui, 20) - h, w, -1}, size,
                        ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_CENTER, ui->message);
    }
}

/* The record a good receipt proves, gathered from its batch: the first item, how many, when. */
typedef struct {
    int n;
    int64_t ts_ms;
    char item[DC_CODE_MAX];
} proof_t;

static int proof_event(const dc_event_t *ev, void *ctx)
{
    proof_t *p = ctx;
    if (ev->item[0]) {
        if (!p->n++)
            dc_copy(p->item, sizeof p->item, ev->item);
    }
    if (!p->ts_ms)
        p->ts_ms = ev->ts_ms;
    return 0;
}

/* A good receipt: show what it proves (the record's type, its items, when, the terminal) until a
 * touch, or 8 s, not a 0.7 s green flash that shows nothing of it. */
static void show_proof(dc_ui_t *ui, const dc_receipt_check_t *c)
{
    proof_t p = {0};
    char detail[700], when[80] = "", date[40], time[6], items[300] = "";
    if (c->local && c->group_seq &&
        dc_desk_events_in_group(ui->st, c->group_seq, proof_event, &p) == DC_E_OK && p.ts_ms) {
        dc_ui_date_label(ui, p.ts_ms, date, sizeof date);
        dc_event_local_time(p.ts_ms, ui->term.tz_min, time);
        snprintf(when, sizeof when, "%s %s", date, time);
        dc_item_t it;
        char title[64]; /* a long title shortened: the flash has room for the rest too */
        dc_text_fit(title, sizeof title,
                    dc_desk_item_get(ui->st, p.item, &it) == DC_E_OK ? it.title : p.item);
        if (p.n > 1)
            snprintf(items, sizeof items, "%s %s (%d%s)", title, T(RC_AND_MORE), p.n,
                     T(ITEMS_SCANNED));
        else
            snprintf(items, sizeof items, "%s", title);
    }
    const char *term = c->terminal_name[0] ? c->terminal_name : ui->term.terminal;
    if (when[0])
        snprintf(detail, sizeof detail, "%s  %s\n%s\n%s  %s  %s %lld",
                 dc_evtype_label(c->type, ui->lang), items, when, term, c->terminal_id, T(SEQ),
                 (long long)c->seq);
    else
        snprintf(detail, sizeof detail, "%s  %s  %s %lld", term, c->terminal_id, T(SEQ),
                 (long long)c->seq);
    dc_ui_flash(ui, true, dc_err_msg(c->verdict, ui->lang), detail);
    ui->flash_until = dc_clock_now_ms() + 8000;
}

static void idle_scan(dc_ui_t *ui, const char *text)
{
    if (dc_ui_is_receipt(text)) {
        dc_receipt_check_t c;
        memset(&c, 0, sizeof c);
        /* anyone may check a receipt, no log-in */
        if (dc_ui_check_receipt(ui, text, &c))
            show_proof(ui, &c);
        return;
    }
    char badge[DC_CODE_MAX];
    if (!dc_ui_badge_of(ui, text, badge))
        return;
    dc_staff_t who;
    int failures;
    bool locked = false, has_pin = false;
    dc_err_t e = dc_desk_staff_get(ui->st, badge, &who);
    if (!e && who.released[0])
        e = DC_E_R_ACTOR_RELEASED;
    if (!e && dc_ui_setup_needed(ui) && who.role != DC_ROLE_ADMIN)
        e = DC_E_R_ACTOR_ROLE; /* before the first-time setup */
    if (!e) {
        dc_err_t pe = dc_desk_pin_state(ui->st, badge, &failures, &locked);
        has_pin = pe == DC_E_OK;
        if (pe && pe != DC_E_NOT_FOUND)
            e = pe;
        else if (locked)
            e = DC_E_PIN_LOCKED;
    }
    if (e) {
        /* Refused badges are failed log-ins too, recorded for the monthly check. */
        dc_err_t le = dc_desk_login(ui->st, &ui->term, badge, "", true, &who, &failures);
        dc_ui_refuse(ui, le ? le : e, badge);
        return;
    }
    /* First use: the enrolment code, then a PIN chosen twice. */
    dc_ui_ask_pin(ui, badge, has_pin ? DC_PIN_LOGIN : DC_PIN_CODE);
}

const dc_screen_t dc_scr_idle = {"idle", idle_enter, idle_draw, idle_scan, NULL};
