/* First-boot setup (初期設定): a ledger made on the terminal's first boot has no office name and
 * the terminal is "daicho-1", which every receipt and ledger would then carry. Until the office
 * name is set, the idle screen says so and lets only an administrator log in; after the PIN,
 * this screen asks for the office name and (optionally) the terminal's name, typed on the
 * katakana keyboard, and records them as setting events by that administrator, as 設定 does. */
#include <string.h>

#include "ui/check_ui.h"

enum {
    BTN_OFFICE = DC_BTN_USER,
    BTN_TERMINAL,
    BTN_OK,
};

/* The texts of this screen only, in the kiosk's two languages. */
static const char *tx(const dc_ui_t *ui, const char *ja, const char *en)
{
    return ui->lang == DC_LANG_EN ? en : ja;
}

bool dc_ui_setup_needed(const dc_ui_t *ui)
{
    return ui->db_ok && !ui->term.office[0];
}

void dc_ui_setup_prompt(dc_ui_t *ui)
{
    int top = dc_draw_header(ui), pad = dc_px(ui, 40);
    dc_draw_text(ui, ui->w / 2, top + dc_px(ui, 40), dc_px(ui, 64), DC_C_HEADER, DC_ALIGN_CENTER,
                 tx(ui, "初期設定", "First-time setup"));
    dc_draw_wrapped(ui, (SDL_Rect){pad, top + dc_px(ui, 140), ui->w - 2 * pad, dc_px(ui, 100)},
                    dc_px(ui, 30), DC_C_TEXT, DC_ALIGN_CENTER,
                    tx(ui,
                       "この端末には事務所名がまだありません。レシートと台帳に印字される事務所名と"
                       "端末名を、管理者が登録します。",
                       "This terminal has no office name yet. An administrator enters the office "
                       "and terminal names printed on receipts and ledgers."));
    SDL_Rect band = {0, top + dc_px(ui, 260), ui->w, dc_px(ui, 170)};
    dc_draw_fill(ui, band, DC_C_PRIMARY);
    dc_draw_wrapped(
        ui, (SDL_Rect){pad, band.y + dc_px(ui, 40), ui->w - 2 * pad, dc_px(ui, 100)}, dc_px(ui, 52),
        DC_C_WHITE, DC_ALIGN_CENTER,
        tx(ui, "管理者の職員証をスキャンしてください", "Administrator: scan your staff badge"));
    dc_draw_wrapped(
        ui, (SDL_Rect){pad, band.y + band.h + dc_px(ui, 24), ui->w - 2 * pad, dc_px(ui, 80)},
        dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_CENTER,
        tx(ui,
           "管理者がまだ登録されていなければ、保守起動(起動時にスペースキー)で daicho-maint staff "
           "add --role admin を実行して登録してください。",
           "No administrator enrolled yet? Hold the space bar at power-on, choose maintenance "
           "and run daicho-maint staff add --role admin."));
    if (ui->message[0])
        dc_draw_wrapped(ui,
                        (SDL_Rect){pad, ui->h - dc_px(ui, 110), ui->w - 2 * pad, dc_px(ui, 100)},
                        dc_px(ui, 30), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_CENTER,
                        ui->message);
}

void dc_ui_setup_begin(dc_ui_t *ui)
{
    /* ui->setting_value holds the office name, ui->setting_entry the terminal's, until 確定. */
    dc_ui_settings_drop(ui);
    dc_ui_go(ui, DC_SCR_SETUP);
}

static void row(dc_ui_t *ui, int y, const char *label, int id, const char *value, const char *empty)
{
    int pad = dc_px(ui, 40), lw = dc_px(ui, 300), h = dc_px(ui, 110);
    dc_draw_button(ui, (SDL_Rect){pad, y, lw, h}, label, id, false, true);
    SDL_Rect box = {pad + lw + dc_px(ui, 24), y, ui->w - 2 * pad - lw - dc_px(ui, 24), h};
    dc_draw_fill(ui, box, DC_C_WHITE);
    dc_draw_text_fit(ui, box.x + dc_px(ui, 16), y + (h - dc_px(ui, 56)) / 2, box.w - dc_px(ui, 32),
                     dc_px(ui, 40), value[0] ? DC_C_TEXT : DC_C_MUTED, DC_ALIGN_LEFT,
                     value[0] ? value : empty);
}

static void setup_draw(dc_ui_t *ui)
{
    int y = dc_check_title(ui, tx(ui, "初期設定", "First-time setup"),
                           tx(ui, "事務所名と端末名", "office and terminal names"), NULL, 0);
    int pad = dc_px(ui, 40);
    dc_draw_wrapped(
        ui, (SDL_Rect){pad, y, ui->w - 2 * pad, dc_px(ui, 70)}, dc_px(ui, 26), DC_C_MUTED,
        DC_ALIGN_LEFT,
        tx(ui,
           "項目を押してカナで入力し、確定を押してください。端末名は空のままなら今の名前の"
           "ままです。後から設定で変えられます。",
           "Tap a field to type it in kana, then 確定. An empty terminal name keeps the "
           "current one. Both can be changed later in Settings."));
    y += dc_px(ui, 90);
    row(ui, y, dc_ui_t_(ui, DC_T_S_OFFICE), BTN_OFFICE, ui->setting_value, T(NOT_SET));
    char now[DC_SHORT_MAX + 40];
    snprintf(now, sizeof now, "%s: %s", T(CURRENT), ui->term.terminal);
    row(ui, y + dc_px(ui, 140), dc_ui_t_(ui, DC_T_S_TERMINAL), BTN_TERMINAL, ui->setting_entry,
        now);
    dc_check_message(ui, ui->w - pad);
    /* No way round it but the header's ログアウト: the setup is asked for again at the next log-in.
     */
    const dc_bar_button_t bar[] = {{T(OK), BTN_OK, true, ui->setting_value[0] != '\0'}};
    dc_check_bar(ui, bar, 1, ui->w - pad);
}

static void setup_commit(dc_ui_t *ui)
{
    const char *office = ui->setting_value, *terminal = ui->setting_entry;
    const char *keys[] = {"office_name", "terminal_name"}, *values[] = {office, terminal};
    /* Both or neither, as one record; the desk judges the values and logs a refusal. */
    int64_t seq;
    dc_err_t e = dc_desk_set_settings(ui->st, &ui->term, ui->user.badge, keys, values,
                                      terminal[0] ? 2 : 1, &seq);
    if (e) {
        dc_ui_refuse(ui, e, office[0] ? office : NULL);
        return;
    }
    dc_copy(ui->term.office, sizeof ui->term.office, office);
    if (terminal[0])
        dc_copy(ui->term.terminal, sizeof ui->term.terminal, terminal);
    SDL_Log("daicho: first-time setup: office \"%s\", terminal \"%s\"", ui->term.office,
            ui->term.terminal);
    dc_ui_settings_drop(ui);
    dc_ui_flash(ui, true, T(SETTING_SAVED), ui->term.office);
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_HOME);
}

static void setup_button(dc_ui_t *ui, int id)
{
    if (id == BTN_OFFICE)
        dc_ui_kana(ui, ui->setting_value, DC_SHORT_MAX, DC_SCR_SETUP);
    else if (id == BTN_TERMINAL)
        dc_ui_kana(ui, ui->setting_entry, sizeof ui->setting_entry, DC_SCR_SETUP);
    else if (id == BTN_OK && ui->setting_value[0])
        setup_commit(ui);
}

const dc_screen_t dc_scr_setup = {"setup", NULL, setup_draw, NULL, setup_button};
