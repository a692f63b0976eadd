/* Idle: the kiosk waits for a badge. */
#include <string.h>

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
    if (ui->message[0])
        dc_draw_wrapped(ui,
                        (SDL_Rect){dc_px(ui, 40), ui->h - dc_px(ui, 130), ui->w - dc_px(ui, 80),
                                   dc_px(ui, 110)},
                        dc_px(ui, 30), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_CENTER,
                        ui->message);
}

static void idle_scan(dc_ui_t *ui, const char *text)
{
    if (dc_ui_is_receipt(text)) {
        dc_ui_check_receipt(ui, text, NULL); /* anyone may check a receipt, no log-in */
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
