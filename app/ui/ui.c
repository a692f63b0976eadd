/* The screen manager: the table of screens, moving between them, the session's end, feedback. */
#include <string.h>

#include "core/text.h"
#include "platform/clock.h"
#include "ui/ui.h"

/* The whole kiosk in one table: every screen and the file that draws it. */
static const dc_screen_t *const screens[DC_SCR__COUNT] = {
    [DC_SCR_IDLE] = &dc_scr_idle,           /* scr_idle.c: scan your badge */
    [DC_SCR_PIN] = &dc_scr_pin,             /* scr_pin.c: PIN pad, for login and second person */
    [DC_SCR_HOME] = &dc_scr_home,           /* scr_home.c: the menu for the role */
    [DC_SCR_CART] = &dc_scr_cart,           /* scr_flow.c: scan items into the cart */
    [DC_SCR_FORM] = &dc_scr_form,           /* scr_flow.c: the fields of the paper form */
    [DC_SCR_CHOOSE] = &dc_scr_choose,       /* scr_choose.c: list, date or number for one field */
    [DC_SCR_SECOND] = &dc_scr_second,       /* scr_flow.c: approver, confirmer or witness scans */
    [DC_SCR_CONFIRM] = &dc_scr_confirm,     /* scr_flow.c: everything once more, then commit */
    [DC_SCR_RESULT] = &dc_scr_result,       /* scr_flow.c: recorded, with the receipt's content */
    [DC_SCR_UNLOCK] = &dc_scr_unlock,       /* scr_home.c: a manager unlocks a badge */
    [DC_SCR_ENROLL] = &dc_scr_enroll,       /* scr_enroll.c: an administrator enrols staff */
    [DC_SCR_KANA] = &dc_scr_kana,           /* scr_enroll.c: katakana keyboard for the name */
    [DC_SCR_MONTH] = &dc_scr_month,         /* scr_check.c: the month to check */
    [DC_SCR_CHECK] = &dc_scr_check,         /* scr_check.c: the month's summary */
    [DC_SCR_ANOMALIES] = &dc_scr_anomalies, /* scr_check_list.c: what looks wrong, paged */
    [DC_SCR_HISTORY] = &dc_scr_history,     /* scr_check_list.c: the item or person behind one */
    [DC_SCR_INVENTORY] = &dc_scr_inventory, /* scr_inventory.c: scan back what is in storage */
    [DC_SCR_SEAL] = &dc_scr_seal,           /* scr_check.c: the manager scans to seal */
    [DC_SCR_SEALED] = &dc_scr_sealed,       /* scr_check.c: sealed, with the slip */
    [DC_SCR_EXPORT] = &dc_scr_export,       /* scr_export.c: the medium, then the approver */
    [DC_SCR_EXPORT_CONFIRM] = &dc_scr_export_confirm, /* scr_export.c: what will be written */
    [DC_SCR_EXPORTED] = &dc_scr_exported, /* scr_export.c: the folder written, or what failed */
    [DC_SCR_SETTINGS] = &dc_scr_settings, /* scr_settings.c: the office's settings */
    [DC_SCR_SETTING] = &dc_scr_setting,   /* scr_settings.c: change one, as an event */
    [DC_SCR_SETUP] = &dc_scr_setup,       /* scr_setup.c: first boot: office, terminal names */
};

const dc_screen_t *dc_ui_screen(const dc_ui_t *ui)
{
    return screens[ui->screen];
}

const char *dc_ui_t_(dc_ui_t *ui, dc_text_t t)
{
    return dc_text(t, ui->lang);
}

const char *dc_text(dc_text_t t, dc_lang_t lang)
{
    static const char *const texts[DC_T__COUNT][2] = {
#define DC_X(key, ja, en) {ja, en},
        DC_TEXT_ALL(DC_X)
#undef DC_X
    };
    if ((unsigned)t >= DC_T__COUNT)
        return "?";
    return texts[t][lang == DC_LANG_EN ? 1 : 0];
}

void dc_ui_go(dc_ui_t *ui, dc_screen_id_t id)
{
    ui->screen = id;
    ui->screen_changed = true;
    if (screens[id]->enter)
        screens[id]->enter(ui);
}

void dc_ui_logout(dc_ui_t *ui, dc_text_t why)
{
    /* Dropping the session drops any half-finished flow: nothing of it was committed. */
    ui->logged_in = false;
    memset(&ui->user, 0, sizeof ui->user);
    memset(&ui->second, 0, sizeof ui->second);
    if (ui->flow)
        memset(ui->flow, 0, sizeof *ui->flow);
    dc_ui_wipe_pin(ui);
    ui->badge[0] = '\0';
    dc_ui_check_drop(ui);
    dc_ui_settings_drop(ui);
    ui->flash_until = 0;
    ui->message[0] = '\0';
    ui->ask.open = false; /* a question left open is answered by the log-out itself */
    ui->ask.on_yes = NULL;
    dc_ui_drop_paper(ui);
    if (why < DC_T__COUNT)
        dc_ui_message(ui, false, dc_ui_t_(ui, why));
    dc_ui_go(ui, DC_SCR_IDLE);
}

void dc_ui_message(dc_ui_t *ui, bool error, const char *text)
{
    /* × before a refusal, not the red alone (colour-blind staff). */
    bool marked = strncmp(text, "× ", strlen("× ")) == 0;
    char buf[sizeof ui->message];
    snprintf(buf, sizeof buf, "%s%s", error && !marked ? "× " : "", text);
    dc_text_fit(ui->message, sizeof ui->message, buf);
    ui->message_error = error;
}

void dc_ui_flash(dc_ui_t *ui, bool ok, const char *title, const char *detail)
{
    ui->flash_ok = ok;
    /* Shown, not kept: a title longer than the flash is shortened with "…", never blank. */
    dc_text_fit(ui->flash_title, sizeof ui->flash_title, title);
    dc_text_fit(ui->flash_detail, sizeof ui->flash_detail, detail ? detail : "");
    ui->flash_until = dc_clock_now_ms() + (ok ? 700 : 1500);
    dc_sound_tone(ui->sound, ok);
}

void dc_ui_refuse(dc_ui_t *ui, dc_err_t e, const char *about)
{
    const char *msg = dc_err_msg(e, ui->lang);
    dc_ui_flash(ui, false, msg, about);
    dc_ui_message(ui, true, msg);
}

bool dc_ui_badge_of(dc_ui_t *ui, const char *text, char badge[DC_CODE_MAX])
{
    dc_err_t e = dc_code_expect(text, strlen(text), DC_CODE_BADGE, badge);
    if (e)
        dc_ui_refuse(ui, e, text);
    return e == DC_E_OK;
}
