/* The month under check to a removable medium (書出し, from the summary): the manager scans the
 * medium's label, a second person approves with badge and PIN (a copy of a medium needs two),
 * the confirmation, then the copy is recorded and the month's ledgers are written to
 * export_dir/daicho-YYYY-MM/. Nothing is recorded before the confirmation's 確定. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "platform/clock.h"
#include "report/export.h"
#include "ui/check_ui.h"

enum { BTN_OK = DC_CHK_BTN_OWN, BTN_FINISH };

void dc_ui_export_begin(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    memset(&k->medium, 0, sizeof k->medium);
    k->export_seq = 0;
    k->export_err = DC_E_OK;
    k->export_errno = 0;
    memset(&ui->second, 0, sizeof ui->second);
    if (dc_desk_setting_get(ui->st, "export_dir", k->export_dir, sizeof k->export_dir) != DC_E_OK ||
        !k->export_dir[0])
        dc_copy(k->export_dir, sizeof k->export_dir, DC_UI_EXPORT_DIR);
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_EXPORT);
}

void dc_ui_export_approved(dc_ui_t *ui, const dc_staff_t *approver)
{
    ui->second = *approver;
    dc_ui_go(ui, DC_SCR_EXPORT_CONFIRM);
}

/* The copy as dc_report_export_month records it (one builder, the desk's), to ask the rules
 * before anyone's PIN. */
static void copy_event(dc_ui_t *ui, const char *medium, const char *approver, dc_event_t *ev)
{
    dc_desk_export_copy_event(&ui->term, ui->check->month, ui->user.badge, approver, medium, ev);
}

/* A refusal of the rules is logged for the next check, as at the counter. */
static void log_refusal(dc_ui_t *ui, dc_err_t e, const char *approver)
{
    if (dc_err_class(e) == DC_CLASS_REFUSED &&
        dc_check_record_refusal(ui->st, &ui->term, ui->user.badge, DC_EV_COPY, e,
                                ui->check->medium.code, approver))
        SDL_Log("daicho: a refusal could not be logged: %s", dc_desk_detail(ui->st));
}

static bool mounted(const char *dir)
{
    int err;
    return dc_report_medium_mounted(dir, &err);
}

static void medium_scan(dc_ui_t *ui, const char *text)
{
    dc_check_ui_t *k = ui->check;
    char code[DC_CODE_MAX];
    dc_item_t it;
    dc_event_t ev;
    dc_err_t e = dc_code_expect(text, strlen(text), DC_CODE_ITEM, code);
    if (!e && (e = dc_desk_item_get(ui->st, code, &it)) == DC_E_NOT_FOUND)
        e = DC_E_R_ITEM_UNKNOWN;
    if (!e && it.kind == DC_KIND_PAPER)
        e = DC_E_EXPORT_PAPER;
    if (!e) {
        /* Everything but the approver: the item's state, disposed or retired. */
        copy_event(ui, code, "", &ev);
        e = dc_desk_check_event(ui->st, &ev);
        e = e == DC_E_R_SECOND_MISSING ? DC_E_OK : e;
    }
    /* Not mounted: said now, before anyone enters a PIN; nothing is recorded. */
    if (!e && !mounted(k->export_dir))
        e = DC_E_EXPORT_NO_MEDIUM;
    if (e) {
        dc_ui_refuse(ui, e, e == DC_E_EXPORT_NO_MEDIUM ? k->export_dir : text);
        return;
    }
    k->medium = it;
    ui->message[0] = '\0';
    dc_ui_flash(ui, true, it.title, it.code);
}

static void approver_scan(dc_ui_t *ui, const char *text)
{
    dc_check_ui_t *k = ui->check;
    char badge[DC_CODE_MAX];
    if (!dc_ui_badge_of(ui, text, badge))
        return;
    /* The whole rules with this person as the approver: self-approval, release, role. */
    dc_event_t ev;
    copy_event(ui, k->medium.code, badge, &ev);
    dc_err_t e = dc_desk_check_event(ui->st, &ev);
    if (e) {
        log_refusal(ui, e, badge);
        dc_ui_refuse(ui, e, k->medium.title);
        return;
    }
    dc_ui_ask_pin(ui, badge, DC_PIN_EXPORT);
}

static void export_scan(dc_ui_t *ui, const char *text)
{
    /* An item's label picks the medium (again); once there is one, a badge is the approver. */
    char code[DC_CODE_MAX];
    if (!ui->check->medium.code[0] ||
        dc_code_expect(text, strlen(text), DC_CODE_ITEM, code) == DC_E_OK)
        medium_scan(ui, text);
    else
        approver_scan(ui, text);
}

/* "月次点検 2026年10月  書出し"; returns the y below it. */
static int export_title(dc_ui_t *ui)
{
    char big[80];
    dc_check_heading(ui, big, sizeof big);
    return dc_check_title(ui, big, T(EXPORT), NULL, 0);
}

static void folder_of(dc_ui_t *ui, char *out, size_t cap)
{
    snprintf(out, cap, "%s/daicho-%s", ui->check->export_dir, ui->check->month);
}

/* What is written, where, by whom, in a white panel inside r; brief leaves out the month (in the
 * title) and the files (listed below it). Returns the y below it. */
static int details(dc_ui_t *ui, SDL_Rect r, bool brief)
{
    dc_check_ui_t *k = ui->check;
    char month[40], medium[DC_LONG_MAX + 40], folder[DC_LONG_MAX + 24], files[200];
    dc_check_month_label(ui, k->month, month, sizeof month);
    snprintf(medium, sizeof medium, "%.400s (%s)", k->medium.title, k->medium.code);
    folder_of(ui, folder, sizeof folder);
    snprintf(files, sizeof files, "%d  %s", DC_EXPORT_FILES, T(EXPORT_FILES));
    const struct {
        const char *label, *value;
        bool brief, path;
    } rows[] = {
        {T(F_MONTH), month, false, false},         {T(F_MEDIUM), medium, true, false},
        {T(F_FOLDER), folder, true, true},         {T(F_FILES), files, false, false},
        {T(EXPORTER), ui->user.name, true, false}, {T(APPROVER), ui->second.name, true, false},
    };
    int n = sizeof rows / sizeof rows[0], shown = 0;
    if (!ui->second.badge[0])
        n--;
    for (int i = 0; i < n; i++)
        shown += !brief || rows[i].brief;
    if (!k->medium.code[0])
        return r.y;
    int line = dc_px(ui, 46), lw = dc_px(ui, 190), in = dc_px(ui, 20);
    SDL_Rect panel = {r.x, r.y, r.w, shown * line + 2 * in - dc_px(ui, 10)};
    dc_draw_fill(ui, panel, DC_C_WHITE);
    for (int i = 0, y = panel.y + in; i < n; i++) {
        if (brief && !rows[i].brief)
            continue;
        dc_draw_text(ui, panel.x + in, y, dc_px(ui, 28), DC_C_MUTED, DC_ALIGN_LEFT, rows[i].label);
        (rows[i].path ? dc_draw_text_fit_end
                      : dc_draw_text_fit)(ui, panel.x + in + lw, y, panel.w - 2 * in - lw,
                                          dc_px(ui, 28), DC_C_TEXT, DC_ALIGN_LEFT, rows[i].value);
        y += line;
    }
    return panel.y + panel.h + dc_px(ui, 16);
}

/* ---- the medium, then the approver ---- */

static void export_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    int y = export_title(ui), pad = dc_px(ui, 40);
    SDL_Rect band = {0, y + dc_px(ui, 10), ui->w, dc_px(ui, 100)};
    dc_draw_fill(ui, band, DC_C_PRIMARY);
    dc_draw_band_text(
        ui, (SDL_Rect){pad, band.y + dc_px(ui, 6), ui->w - 2 * pad, band.h - dc_px(ui, 12)},
        dc_px(ui, 38), DC_C_WHITE,
        k->medium.code[0] ? T(EXPORT_SCAN_APPROVER) : T(EXPORT_SCAN_MEDIUM));
    y = band.y + band.h + dc_px(ui, 16);
    if (k->medium.code[0]) {
        dc_draw_text(ui, ui->w / 2, y, dc_px(ui, 30), DC_C_TEXT, DC_ALIGN_CENTER, T(OTHER_PERSON));
        y += dc_px(ui, 52);
    }
    details(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, 0}, false);
    dc_check_message(ui, ui->w - pad);
    const dc_bar_button_t bar[] = {{T(BACK), DC_CHK_BTN_BACK, false, true}};
    dc_check_bar(ui, bar, 1, ui->w / 3);
}

static void export_button(dc_ui_t *ui, int id)
{
    if (id == DC_CHK_BTN_BACK) {
        memset(&ui->check->medium, 0, sizeof ui->check->medium);
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_CHECK);
    }
}

const dc_screen_t dc_scr_export = {"export", NULL, export_draw, export_scan, export_button};

/* ---- the confirmation, and the commit ---- */

static void confirm_draw(dc_ui_t *ui)
{
    int y = export_title(ui), pad = dc_px(ui, 40);
    dc_draw_text(ui, pad, y + dc_px(ui, 4), dc_px(ui, 34), DC_C_TEXT, DC_ALIGN_LEFT, T(CONFIRM));
    y = details(ui, (SDL_Rect){pad, y + dc_px(ui, 60), ui->w - 2 * pad, 0}, false);
    dc_draw_text_fit(ui, pad, y, ui->w - 2 * pad, dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_LEFT,
                     T(EXPORT_NOTE));
    dc_check_message(ui, ui->w - pad);
    const dc_bar_button_t bar[] = {{T(BACK), DC_CHK_BTN_BACK, false, true},
                                   {T(OK), BTN_OK, true, true}};
    dc_check_bar(ui, bar, 2, ui->w - pad);
}

static void commit(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    int64_t seq = 0;
    int err = 0;
    dc_err_t e =
        dc_report_export_month(ui->st, &ui->term, k->month, ui->user.badge, ui->second.badge,
                               k->medium.code, k->export_dir, &seq, &err);
    if (!seq) {
        /* Nothing recorded (refused, logged by the desk, or the medium gone since its label
         * was scanned). */
        dc_ui_refuse(ui, e, e == DC_E_EXPORT_NO_MEDIUM ? k->export_dir : k->medium.title);
        return;
    }
    /* Recorded: whatever happened to the files, the copy stands in the ledger. */
    k->export_seq = seq;
    k->export_err = e;
    k->export_errno = err;
    char folder[DC_LONG_MAX + 24];
    folder_of(ui, folder, sizeof folder);
    dc_ui_flash(ui, !e, e ? T(EXPORT_PARTIAL) : T(EXPORTED), folder);
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_EXPORTED);
}

static void confirm_button(dc_ui_t *ui, int id)
{
    if (id == DC_CHK_BTN_BACK) {
        memset(&ui->second, 0, sizeof ui->second);
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_EXPORT);
    } else if (id == BTN_OK) {
        commit(ui);
    }
}

const dc_screen_t dc_scr_export_confirm = {"export-confirm", NULL, confirm_draw, NULL,
                                           confirm_button};

/* ---- the result: the folder and its files, or what failed after the record ---- */

static int not_dot(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* The files now in the folder, in three columns inside r under their count. */
static void files_written(dc_ui_t *ui, SDL_Rect r)
{
    char folder[DC_LONG_MAX + 24], head[80];
    struct dirent **names = NULL;
    folder_of(ui, folder, sizeof folder);
    int n = scandir(folder, &names, not_dot, alphasort), line = dc_px(ui, 30), cw = r.w / 3;
    snprintf(head, sizeof head, "%s: %d", T(F_FILES), n > 0 ? n : 0);
    dc_draw_text(ui, r.x, r.y, dc_px(ui, 26), DC_C_TEXT, DC_ALIGN_LEFT, head);
    for (int i = 0; i < n; i++) {
        int y = r.y + (i / 3 + 1) * line;
        if (y + line <= r.y + r.h)
            dc_draw_text_fit(ui, r.x + (i % 3) * cw, y, cw - dc_px(ui, 10), dc_px(ui, 22),
                             DC_C_MUTED, DC_ALIGN_LEFT, names[i]->d_name);
        free(names[i]);
    }
    free(names);
}

static void exported_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    int y = export_title(ui), pad = dc_px(ui, 40);
    SDL_Rect band = {0, y, ui->w, dc_px(ui, 76)};
    char head[200];
    dc_draw_fill(ui, band, k->export_err ? DC_C_ERROR : DC_C_OK);
    snprintf(head, sizeof head, "%s  No.%lld", k->export_err ? T(EXPORT_PARTIAL) : T(EXPORTED),
             (long long)k->export_seq);
    dc_draw_band_text(
        ui, (SDL_Rect){pad, band.y + dc_px(ui, 4), ui->w - 2 * pad, band.h - dc_px(ui, 8)},
        dc_px(ui, 42), DC_C_WHITE, head);
    y = details(ui, (SDL_Rect){pad, band.y + band.h + dc_px(ui, 14), ui->w - 2 * pad, 0}, true);
    int bottom = ui->h - dc_px(ui, 166);
    if (k->export_err) {
        char why[600];
        snprintf(why, sizeof why, "%s (%s)", T(EXPORT_RETRY),
                 k->export_errno ? strerror(k->export_errno) : dc_err_msg(k->export_err, ui->lang));
        dc_draw_wrapped(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, bottom - y}, dc_px(ui, 28),
                        DC_C_ERROR, DC_ALIGN_LEFT, why);
    } else {
        files_written(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, bottom - y});
    }
    dc_check_message(ui, ui->w - pad);
    const dc_bar_button_t bar[] = {{T(BACK), DC_CHK_BTN_BACK, false, true},
                                   {T(FINISH), BTN_FINISH, true, true}};
    dc_check_bar(ui, bar, 2, ui->w - pad);
}

static void exported_button(dc_ui_t *ui, int id)
{
    if (id == BTN_FINISH) {
        dc_ui_logout(ui, DC_T__COUNT); /* a completed export ends the session */
    } else if (id == DC_CHK_BTN_BACK) {
        memset(&ui->second, 0, sizeof ui->second);
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_CHECK);
    }
}

const dc_screen_t dc_scr_exported = {"exported", NULL, exported_draw, NULL, exported_button};
