/* The PIN pad: big digits, masked entry, clear and back keys; for logging in and for the second
 * person of a flow. Wrong PINs make it wait longer each time; the fifth locks the badge. */
#include <sodium.h>
#include <string.h>

#include "platform/clock.h"
#include "ui/ui.h"

enum { BTN_OK = DC_BTN_USER, BTN_CANCEL };

static void wipe(dc_ui_t *ui)
{
    sodium_memzero(ui->pin, sizeof ui->pin);
    ui->pin_len = 0;
}

void dc_ui_wipe_pin(dc_ui_t *ui)
{
    wipe(ui);
    sodium_memzero(ui->pin_first, sizeof ui->pin_first);
    sodium_memzero(ui->enrol_code, sizeof ui->enrol_code);
}

static void pin_enter(dc_ui_t *ui)
{
    /* A new PIN's first entry lives only between the two entries on this same pad. */
    dc_ui_wipe_pin(ui);
    /* The wait after a wrong PIN is the ledger's, not this screen's: a cancel and a rescan (or
     * the other program) find it still running. */
    int64_t wait = dc_desk_pin_wait_ms(ui->st, ui->badge);
    ui->pin_wait_until = wait > 0 ? dc_clock_now_ms() + wait : 0;
}

static bool waiting(dc_ui_t *ui, int64_t *left_ms)
{
    int64_t now = dc_clock_now_ms();
    *left_ms = ui->pin_wait_until - now;
    return *left_ms > 0;
}

static void pin_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 40);
    dc_staff_t who;
    char title[256];
    bool known = dc_desk_staff_get(ui->st, ui->badge, &who) == DC_E_OK;
    snprintf(title, sizeof title, "%s %s", known ? who.name : ui->badge, T(HELLO));
    int left_w = ui->w / 2 - pad;
    dc_draw_text(ui, pad, top + dc_px(ui, 30), dc_px(ui, 40), DC_C_TEXT, DC_ALIGN_LEFT, title);
    static const dc_text_t prompts[] = {
        DC_T_ENTER_PIN,      DC_T_ENTER_PIN_SECOND, DC_T_NEW_PIN,   DC_T_REPEAT_PIN,
        DC_T_ENTER_PIN_SEAL, DC_T_ENTER_PIN_SECOND, DC_T_ENTER_CODE};
    dc_text_t prompt = prompts[ui->pin_for];
    /* The second person of a flow by the role's word, as the second person's screen names it. */
    if (ui->pin_for == DC_PIN_SECOND && ui->flow)
        prompt = ui->flow->type == DC_EV_RETURN    ? DC_T_ENTER_PIN_CONFIRMER
                 : ui->flow->type == DC_EV_DISPOSE ? DC_T_ENTER_PIN_WITNESS
                                                   : DC_T_ENTER_PIN_APPROVER;
    dc_draw_wrapped(ui, (SDL_Rect){pad, top + dc_px(ui, 100), left_w, dc_px(ui, 120)},
                    dc_px(ui, 34), DC_C_TEXT, DC_ALIGN_LEFT, dc_ui_t_(ui, prompt));

    /* Masked entry: one dot a digit, in a box as wide as eight. */
    SDL_Rect box = {pad, top + dc_px(ui, 240), left_w, dc_px(ui, 110)};
    dc_draw_fill(ui, box, DC_C_WHITE);
    SDL_SetRenderDrawColor(ui->r, 0x16, 0x32, 0x4f, 255);
    SDL_RenderDrawRect(ui->r, &box);
    char dots[64] = "";
    size_t used = 0;
    for (int i = 0; i < ui->pin_len && used + sizeof "● " <= sizeof dots; i++)
        used += (size_t)snprintf(dots + used, sizeof dots - used, "● ");
    dc_draw_text(ui, box.x + box.w / 2, box.y + dc_px(ui, 22), dc_px(ui, 56), DC_C_TEXT,
                 DC_ALIGN_CENTER, dots);

    int64_t left;
    bool wait = waiting(ui, &left);
    if (!wait && ui->pin_for == DC_PIN_CODE)
        dc_draw_wrapped(ui, (SDL_Rect){pad, box.y + box.h + dc_px(ui, 16), left_w, dc_px(ui, 60)},
                        dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_LEFT, T(ENTER_CODE_RESET));
    if (wait) {
        char msg[128];
        snprintf(msg, sizeof msg, "%lld %s", (long long)((left + 999) / 1000), T(WAIT_SECONDS));
        dc_draw_text(ui, pad, box.y + box.h + dc_px(ui, 20), dc_px(ui, 32), DC_C_ERROR,
                     DC_ALIGN_LEFT, msg);
    }
    if (ui->message[0])
        dc_draw_wrapped(ui, (SDL_Rect){pad, box.y + box.h + dc_px(ui, 70), left_w, dc_px(ui, 160)},
                        dc_px(ui, 30), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT,
                        ui->message);

    int kx = ui->w / 2 + pad / 2, kw = ui->w / 2 - pad - pad / 2;
    int kh = ui->h - top - dc_px(ui, 200);
    if (!wait)
        dc_draw_keypad(ui, (SDL_Rect){kx, top + dc_px(ui, 24), kw, kh});
    int by = ui->h - dc_px(ui, 150), bw = (kw - dc_px(ui, 16)) / 2;
    dc_draw_button(ui, (SDL_Rect){kx, by, bw, dc_px(ui, 120)}, T(CANCEL), BTN_CANCEL, false, true);
    dc_draw_button(ui, (SDL_Rect){kx + bw + dc_px(ui, 16), by, bw, dc_px(ui, 120)}, T(OK), BTN_OK,
                   true, !wait && ui->pin_len >= 4);
}

/* First use: the enrolment code, then the PIN is chosen, entered again, kept as an Argon2id
 * hash with the code used up, then used to log in. Without the code nobody can take over a
 * badge that has no PIN yet. */
static bool choose_pin(dc_ui_t *ui)
{
    if (ui->pin_for == DC_PIN_CODE) {
        dc_err_t e = dc_desk_enrol_code_check(ui->st, &ui->term, ui->badge, ui->pin);
        if (e) {
            dc_ui_wipe_pin(ui);
            dc_ui_refuse(ui, e, NULL);
            dc_ui_logout(ui, DC_T__COUNT);
            dc_ui_message(ui, true, dc_err_msg(e, ui->lang));
            return true;
        }
        memcpy(ui->enrol_code, ui->pin, sizeof ui->enrol_code);
        wipe(ui);
        ui->pin_for = DC_PIN_NEW;
        return true;
    }
    if (ui->pin_for == DC_PIN_NEW) {
        if (dc_desk_pin_weak(ui->pin)) { /* said at once, not after the second entry */
            wipe(ui);
            dc_ui_refuse(ui, DC_E_PIN_WEAK, NULL);
            dc_ui_message(ui, true, dc_err_msg(DC_E_PIN_WEAK, ui->lang));
            return true;
        }
        memcpy(ui->pin_first, ui->pin, sizeof ui->pin_first);
        wipe(ui);
        ui->pin_for = DC_PIN_REPEAT;
        return true;
    }
    if (ui->pin_for != DC_PIN_REPEAT)
        return false;
    bool same = sodium_memcmp(ui->pin_first, ui->pin, sizeof ui->pin) == 0;
    sodium_memzero(ui->pin_first, sizeof ui->pin_first);
    ui->pin_for = DC_PIN_LOGIN;
    dc_err_t e =
        same ? dc_desk_first_pin(ui->st, &ui->term, ui->badge, ui->enrol_code, ui->pin) : DC_E_OK;
    if (e == DC_E_ENROL_CODE_WRONG || e == DC_E_ENROL_CODE_NEEDED) {
        /* Used up or expired meanwhile: the administrator issues another. */
        dc_ui_wipe_pin(ui);
        dc_ui_refuse(ui, e, NULL);
        dc_ui_logout(ui, DC_T__COUNT);
        dc_ui_message(ui, true, dc_err_msg(e, ui->lang));
        return true;
    }
    if (!same || e) {
        wipe(ui);
        ui->pin_for = DC_PIN_NEW;
        if (!same)
            dc_ui_flash(ui, false, T(PIN_MISMATCH), NULL);
        else
            dc_ui_refuse(ui, e, NULL);
        return true;
    }
    sodium_memzero(ui->enrol_code, sizeof ui->enrol_code);
    return false; /* go on and log in with it */
}

static void submit(dc_ui_t *ui)
{
    if (choose_pin(ui))
        return;
    dc_staff_t who;
    int failures = 0;
    int64_t wait_ms = 0;
    bool login = ui->pin_for == DC_PIN_LOGIN;
    dc_err_t e =
        dc_desk_login_wait(ui->st, &ui->term, ui->badge, ui->pin, login, &who, &failures, &wait_ms);
    wipe(ui);
    if (e == DC_E_OK) {
        ui->message[0] = '\0';
        if (login) {
            ui->logged_in = true;
            ui->user = who;
            if (dc_ui_setup_needed(ui) && who.role == DC_ROLE_ADMIN)
                dc_ui_setup_begin(ui);
            else
                dc_ui_go(ui, DC_SCR_HOME);
        } else if (ui->pin_for == DC_PIN_SEAL) {
            dc_ui_check_seal(ui);
        } else if (ui->pin_for == DC_PIN_EXPORT) {
            dc_ui_export_approved(ui, &who);
        } else {
            dc_ui_second_verified(ui, &who);
        }
        return;
    }
    dc_ui_refuse(ui, e, NULL);
    if (e == DC_E_PIN_WRONG || e == DC_E_PIN_WAIT) {
        ui->pin_wait_until = dc_clock_now_ms() + wait_ms;
        if (e == DC_E_PIN_WRONG && failures == DC_PIN_LOCK_AT - 1) {
            /* The next wrong PIN locks the badge: say so now, not after. */
            char msg[512];
            snprintf(msg, sizeof msg, "%s %s", dc_err_msg(e, ui->lang), T(PIN_LAST_TRY));
            dc_ui_flash(ui, false, dc_err_msg(e, ui->lang), T(PIN_LAST_TRY));
            dc_ui_message(ui, true, msg);
        }
        return;
    }
    /* Locked or unusable: this badge cannot go on here; at the seal it is the session's own. */
    if (login || ui->pin_for == DC_PIN_SEAL)
        dc_ui_logout(ui, DC_T__COUNT);
    else
        dc_ui_go(ui, ui->pin_for == DC_PIN_EXPORT ? DC_SCR_EXPORT : DC_SCR_SECOND);
    dc_ui_message(ui, true, dc_err_msg(e, ui->lang));
    /* The log-out ended the flash: a lock is shown in red all the same, not only in a line. */
    if (!ui->flash_until)
        ui->flash_until = dc_clock_now_ms() + 3000;
}

static void pin_button(dc_ui_t *ui, int id)
{
    if (id >= DC_BTN_DIGIT0 && id <= DC_BTN_DIGIT0 + 9) {
        if (ui->pin_len < 8) {
            ui->pin[ui->pin_len++] = (char)('0' + id - DC_BTN_DIGIT0);
            ui->pin[ui->pin_len] = '\0';
        }
    } else if (id == DC_BTN_DIGIT0 + 10) {
        wipe(ui);
    } else if (id == DC_BTN_DIGIT0 + 11) {
        if (ui->pin_len > 0)
            ui->pin[--ui->pin_len] = '\0';
    } else if (id == BTN_OK) {
        submit(ui);
    } else if (id == BTN_CANCEL) {
        dc_ui_wipe_pin(ui);
        if (ui->pin_for == DC_PIN_SECOND)
            dc_ui_go(ui, DC_SCR_SECOND);
        else if (ui->pin_for == DC_PIN_SEAL)
            dc_ui_go(ui, DC_SCR_CHECK);
        else if (ui->pin_for == DC_PIN_EXPORT)
            dc_ui_go(ui, DC_SCR_EXPORT);
        else
            dc_ui_logout(ui, DC_T__COUNT);
    }
}

void dc_ui_ask_pin(dc_ui_t *ui, const char *badge, dc_pin_for_t why)
{
    dc_copy(ui->badge, sizeof ui->badge, badge);
    ui->pin_for = why;
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_PIN);
}

const dc_screen_t dc_scr_pin = {"pin", pin_enter, pin_draw, NULL, pin_button};
