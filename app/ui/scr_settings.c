/* An administrator's settings (設定): the list of what an office changes with the values now,
 * and one screen to change one of them. A change is a setting event by the administrator,
 * checked by the rules and committed at 確定; nothing is written before. The kiosk uses the new
 * value at once (idle time, lists, the names in the header). */
#include <stdlib.h>
#include <string.h>

#include "desk/receipt.h"
#include "platform/clock.h"
#include "ui/check_ui.h"
#include "ui/fields.h"

enum {
    BTN_BACK = DC_BTN_USER,
    BTN_OK,
    BTN_CLEAR,
    BTN_KANA,
    BTN_REMOVE,
    BTN_ROW = DC_BTN_USER + 20,    /* + index into settings */
    BTN_CHOICE = DC_BTN_USER + 40, /* + index of a choice, or of a list's entry */
    BTN_PRESET = DC_BTN_USER + 60, /* + index of a suggestion for a list */
};

typedef enum { S_NAME, S_NUMBER, S_HOURS, S_LIST, S_CHOICE, S_PRINTER } kind_t;

#define XSTR(x) #x
#define STR(x) XSTR(x)

typedef struct {
    const char *key;
    dc_text_t label;
    kind_t kind;
    dc_field_t list;            /* S_LIST: the form field whose choices it replaces */
    const char *def;            /* the value used while it is unset (printers: configured) */
    const char *const *choices; /* S_CHOICE and S_PRINTER: what can be picked, NULL-ended */
} setting_t;

static const char *const rolls[] = {"58", "80", NULL};
static const char *const papers[] = {"62x29", "50x30", "58", "80", NULL};
static const char *const printers[] = {"escpos:/dev/usb/lp0", "escpos:/dev/usb/lp1",
                                       "escpos:/dev/usb/lp2", NULL};
static const char *const folders[] = {DC_UI_EXPORT_DIR, "/media/usb", "/mnt/usb", NULL};

static const setting_t settings[] = {
    {"office_name", DC_T_S_OFFICE, S_NAME, 0, "", NULL},
    {"terminal_name", DC_T_S_TERMINAL, S_NAME, 0, "", NULL},
    {"list.purposes", DC_T_S_PURPOSES, S_LIST, DC_FIELD_PURPOSE, NULL, NULL},
    {"list.destinations", DC_T_S_DESTINATIONS, S_LIST, DC_FIELD_DESTINATION, NULL, NULL},
    {"list.places", DC_T_S_PLACES, S_LIST, DC_FIELD_PLACE, NULL, NULL},
    {"office_hours", DC_T_S_HOURS, S_HOURS, 0, DC_CHECK_HOURS, NULL},
    {"idle_seconds", DC_T_S_IDLE, S_NUMBER, 0, "60", NULL},
    {"idle_second_seconds", DC_T_S_IDLE_SECOND, S_NUMBER, 0, "180", NULL},
    {"idle_inventory_seconds", DC_T_S_IDLE_INVENTORY, S_NUMBER, 0, "600", NULL},
    {"overdue_days", DC_T_S_OVERDUE, S_NUMBER, 0, STR(DC_CHECK_OVERDUE_DAYS), NULL},
    {"printer_receipt", DC_T_S_RECEIPT_PRINTER, S_PRINTER, 0, NULL, printers},
    {"printer_receipt_paper", DC_T_S_RECEIPT_PAPER, S_PRINTER, 0, NULL, rolls},
    {"printer_label", DC_T_S_LABEL_PRINTER, S_PRINTER, 0, NULL, printers},
    {"printer_label_paper", DC_T_S_LABEL_PAPER, S_PRINTER, 0, NULL, papers},
    {"export_dir", DC_T_S_EXPORT_DIR, S_CHOICE, 0, DC_UI_EXPORT_DIR, folders},
};
enum { NSETTINGS = sizeof settings / sizeof settings[0], MAX_CHOICES = 8 };

static const setting_t *editing(dc_ui_t *ui)
{
    return &settings[ui->setting];
}

static bool is_paper(const setting_t *s)
{
    return s->choices == rolls || s->choices == papers;
}

/* The printers and papers in use, as dc_desk_printer_config gives them; key names which. */
static void printer_value(dc_ui_t *ui, const char *key, char *out, size_t cap)
{
    dc_printer_cfg_t cfg;
    out[0] = '\0';
    if (dc_desk_printer_config(ui->st, &cfg) != DC_E_OK)
        return;
    if (strcmp(key, "printer_receipt") == 0)
        dc_copy(out, cap, cfg.receipt);
    else if (strcmp(key, "printer_label") == 0)
        dc_copy(out, cap, cfg.label);
    else
        dc_copy(out, cap,
                dc_paper_info(strcmp(key, "printer_label_paper") == 0 ? cfg.label_paper
                                                                      : cfg.receipt_paper)
                    ->name);
}

/* The value in use for setting i; false when it is not set (the default is used). */
static bool value_now(dc_ui_t *ui, int i, char *out, size_t cap)
{
    const setting_t *s = &settings[i];
    if (dc_desk_setting_get(ui->st, s->key, out, cap) == DC_E_OK && out[0])
        return true;
    out[0] = '\0';
    if (s->kind == S_PRINTER) {
        printer_value(ui, s->key, out, cap);
    } else if (s->kind == S_LIST) {
        const char *defs[DC_FIELD_MAX_OPTIONS];
        int n = dc_field_defaults(s->list, defs, DC_FIELD_MAX_OPTIONS);
        for (int j = 0; j < n; j++) {
            size_t len = strlen(out);
            snprintf(out + len, cap - len, "%s%s", j ? "|" : "", defs[j]);
        }
    } else {
        dc_copy(out, cap, s->def);
    }
    return false;
}

/* A list "a|b|c" cut into its entries (pointers into buf). */
typedef struct {
    char buf[DC_LONG_MAX];
    const char *at[DC_FIELD_MAX_OPTIONS];
    int n;
} entries_t;

static void split(const char *value, entries_t *l)
{
    dc_copy(l->buf, sizeof l->buf, value);
    l->n = 0;
    for (char *p = l->buf; *p && l->n < DC_FIELD_MAX_OPTIONS;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        if (*p)
            l->at[l->n++] = p;
        if (!bar)
            break;
        p = bar + 1;
    }
}

static void join(const entries_t *l, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; i < l->n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", i ? "|" : "", l->at[i]);
    }
}

/* How a value reads on screen: a list's entries with "・", a paper in mm. */
static void value_shown(const setting_t *s, const char *value, char *out, size_t cap)
{
    if (s->kind == S_LIST) {
        entries_t l;
        split(value, &l);
        out[0] = '\0';
        for (int i = 0; i < l.n; i++) {
            size_t len = strlen(out);
            snprintf(out + len, cap - len, "%s%s", i ? "・" : "", l.at[i]);
        }
    } else if (is_paper(s)) {
        snprintf(out, cap, "%s mm", value);
    } else {
        snprintf(out, cap, "%s", value);
    }
}

/* What can be picked for a choice: the fixed ones, and the value it had if not among them. */
static int choices_of(dc_ui_t *ui, const setting_t *s, const char **out)
{
    int n = 0;
    bool had = false;
    for (; s->choices[n] && n < MAX_CHOICES - 1; n++) {
        out[n] = s->choices[n];
        had = had || strcmp(out[n], ui->setting_was) == 0;
    }
    if (!had && ui->setting_was[0])
        out[n++] = ui->setting_was;
    return n;
}

void dc_ui_settings_drop(dc_ui_t *ui)
{
    memset(ui->setting_value, 0, sizeof ui->setting_value);
    memset(ui->setting_entry, 0, sizeof ui->setting_entry);
    memset(ui->setting_was, 0, sizeof ui->setting_was);
    ui->setting_sel = -1;
    ui->number[0] = '\0';
}

/* ---- the list of settings ---- */

/* The list: three columns of buttons, each the setting's name over its value, each at least
 * 80 units high (9 mm on the 7-inch panel); in pages when they do not fit. */
static dc_pager_t settings_pg;

static void settings_draw(dc_ui_t *ui)
{
    int y = dc_check_title(ui, T(SETTINGS), T(SETTINGS_HINT), NULL, 0), pad = dc_px(ui, 40);
    int gap = dc_px(ui, 10), cols = 3, bottom = ui->h - dc_px(ui, 166);
    int rows = (bottom - y + gap) / (dc_px(ui, 82) + gap);
    if (rows < 1)
        rows = 1;
    if (rows > (NSETTINGS + cols - 1) / cols)
        rows = (NSETTINGS + cols - 1) / cols;
    int rh = (bottom - y + gap) / rows,
        first = dc_check_paginate(&settings_pg, NSETTINGS, cols * rows);
    int cw = (ui->w - 2 * pad - (cols - 1) * gap) / cols;
    char value[DC_LONG_MAX], shown[DC_LONG_MAX + 40];
    for (int i = first; i < NSETTINGS && i < first + cols * rows; i++) {
        const setting_t *s = &settings[i];
        int k = i - first, x = pad + (k / rows) * (cw + gap), ry = y + (k % rows) * rh;
        bool set = value_now(ui, i, value, sizeof value);
        size_t len = set ? 0 : (size_t)snprintf(shown, sizeof shown, "%s: ", T(DEFAULT));
        value_shown(s, value, shown + len, sizeof shown - len);
        dc_draw_button2(ui, (SDL_Rect){x, ry, cw, rh - gap}, dc_ui_t_(ui, s->label), shown,
                        set ? DC_C_PRIMARY : DC_C_MUTED, BTN_ROW + i);
    }
    dc_check_message(ui, ui->w - pad);
    if (settings_pg.pages > 1) {
        dc_check_pager_bar(ui, &settings_pg, (dc_bar_button_t){T(BACK), BTN_BACK, false, true},
                           true);
        return;
    }
    const dc_bar_button_t bar[] = {{T(BACK), BTN_BACK, false, true}};
    dc_check_bar(ui, bar, 1, ui->w / 3);
}

/* Begin changing setting i from the value in use. */
static void setting_begin(dc_ui_t *ui, int i)
{
    const setting_t *s = &settings[i];
    dc_ui_settings_drop(ui);
    ui->setting = i;
    value_now(ui, i, ui->setting_was, sizeof ui->setting_was);
    dc_copy(ui->setting_value, s->kind == S_NAME ? DC_SHORT_MAX : sizeof ui->setting_value,
            ui->setting_was);
    /* Numbers and hours are typed afresh; the value now is shown above them. */
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_SETTING);
}

static void settings_button(dc_ui_t *ui, int id)
{
    if (dc_check_turn(&settings_pg, id)) {
        ui->message[0] = '\0';
    } else if (id == BTN_BACK) {
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_HOME);
    } else if (id >= BTN_ROW && id < BTN_ROW + NSETTINGS) {
        setting_begin(ui, id - BTN_ROW);
    }
}

const dc_screen_t dc_scr_settings = {"settings", NULL, settings_draw, NULL, settings_button};

/* ---- changing one ---- */

/* The new value as it will be recorded. */
static void new_value(dc_ui_t *ui, char *out, size_t cap)
{
    const char *d = ui->number;
    if (editing(ui)->kind == S_NUMBER)
        dc_copy(out, cap, d);
    else if (editing(ui)->kind == S_HOURS)
        snprintf(out, cap, strlen(d) == 8 ? "%.2s:%.2s-%.2s:%.2s" : "", d, d + 2, d + 4, d + 6);
    else
        dc_copy(out, cap, ui->setting_value);
}

/* The hours as typed so far: "08:3_-__:__". */
static void hours_typed(const char *digits, char out[12])
{
    memcpy(out, "__:__-__:__", 12);
    static const int at[8] = {0, 1, 3, 4, 6, 7, 9, 10};
    for (int i = 0; i < 8 && digits[i]; i++)
        out[at[i]] = digits[i];
}

/* A box with the value being entered, in r. */
static void entry_box(dc_ui_t *ui, SDL_Rect r, const char *text)
{
    dc_draw_fill(ui, r, DC_C_WHITE);
    SDL_SetRenderDrawColor(ui->r, 0x16, 0x32, 0x4f, 255);
    SDL_RenderDrawRect(ui->r, &r);
    dc_draw_text_fit(ui, r.x + dc_px(ui, 16), r.y + (r.h - dc_px(ui, 60)) / 2, r.w - dc_px(ui, 32),
                     dc_px(ui, 44), DC_C_TEXT, DC_ALIGN_LEFT, text);
}

/* The suggestions for a list: its defaults not in it yet. */
static int offers(const setting_t *s, const entries_t *l, const char **out)
{
    const char *defs[DC_FIELD_MAX_OPTIONS];
    int nd = dc_field_defaults(s->list, defs, DC_FIELD_MAX_OPTIONS), n = 0;
    for (int i = 0; i < nd; i++) {
        bool in = false;
        for (int j = 0; j < l->n; j++)
            in = in || strcmp(defs[i], l->at[j]) == 0;
        if (!in)
            out[n++] = defs[i];
    }
    return n;
}

/* A list: its entries (tap one to select it for 削除), the suggestions not in it yet, and a
 * new entry typed in kana. */
static void draw_list(dc_ui_t *ui, SDL_Rect area)
{
    const setting_t *s = editing(ui);
    entries_t l;
    split(ui->setting_value, &l);
    int gap = dc_px(ui, 30), rw = dc_px(ui, 380), lw = area.w - rw - gap, head = dc_px(ui, 44);
    dc_draw_text(ui, area.x, area.y, dc_px(ui, 28), DC_C_HEADER, DC_ALIGN_LEFT, T(NEW_VALUE));
    dc_draw_grid(ui, (SDL_Rect){area.x, area.y + head, lw, area.h - head}, l.at, l.n, BTN_CHOICE, 2,
                 ui->setting_sel);
    const char *offer[DC_FIELD_MAX_OPTIONS];
    int no = offers(s, &l, offer);
    int rx = area.x + lw + gap, kh = dc_px(ui, 80);
    dc_draw_text(ui, rx, area.y, dc_px(ui, 28), DC_C_HEADER, DC_ALIGN_LEFT, T(PRESETS));
    /* As many suggestions as fit; the next show up as these are added. */
    int bh = dc_px(ui, 66), fit = (area.h - head - kh - dc_px(ui, 8)) / bh;
    for (int i = 0; i < no && i < fit; i++)
        dc_draw_button(ui, (SDL_Rect){rx, area.y + head + i * bh, rw, bh - dc_px(ui, 10)}, offer[i],
                       BTN_PRESET + i, false, true);
    dc_draw_button(ui, (SDL_Rect){rx, area.y + area.h - kh, rw, kh}, T(ADD_KANA), BTN_KANA, false,
                   true);
}

static void setting_draw(dc_ui_t *ui)
{
    const setting_t *s = editing(ui);
    int y = dc_check_title(ui, T(SETTINGS), dc_ui_t_(ui, s->label), NULL, 0), pad = dc_px(ui, 40);
    char was[DC_LONG_MAX + 80], shown[DC_LONG_MAX], typed[12];
    value_shown(s, ui->setting_was, shown, sizeof shown);
    snprintf(was, sizeof was, "%s: %s", T(CURRENT), shown);
    dc_draw_text_fit(ui, pad, y, ui->w - 2 * pad, dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_LEFT, was);
    y += dc_px(ui, 50);
    SDL_Rect area = {pad, y, ui->w - 2 * pad, ui->h - dc_px(ui, 180) - y};
    SDL_Rect half = {pad, y, area.w / 2 - pad, dc_px(ui, 100)};
    SDL_Rect pad_r = {pad + area.w / 2, y, area.w / 2, area.h};
    dc_bar_button_t bar[3] = {{T(BACK), BTN_BACK, false, true}};
    int nbar = 1;
    const char *opts[MAX_CHOICES];
    switch (s->kind) {
    case S_NUMBER:
        entry_box(ui, half, ui->number);
        dc_draw_keypad(ui, pad_r);
        break;
    case S_HOURS:
        hours_typed(ui->number, typed);
        entry_box(ui, half, typed);
        dc_draw_wrapped(ui, (SDL_Rect){pad, half.y + half.h + dc_px(ui, 20), half.w, dc_px(ui, 90)},
                        dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_LEFT, T(HOURS_HINT));
        dc_draw_keypad(ui, pad_r);
        break;
    case S_NAME:
        entry_box(ui, (SDL_Rect){pad, y, area.w, dc_px(ui, 100)}, ui->setting_value);
        dc_draw_button(ui, (SDL_Rect){pad, y + dc_px(ui, 130), dc_px(ui, 300), dc_px(ui, 100)},
                       T(PIN_CLEAR), BTN_CLEAR, false, true);
        dc_draw_button(
            ui,
            (SDL_Rect){pad + dc_px(ui, 330), y + dc_px(ui, 130), dc_px(ui, 300), dc_px(ui, 100)},
            T(TYPE_KANA), BTN_KANA, false, true);
        break;
    case S_LIST:
        draw_list(ui, area);
        bar[nbar++] = (dc_bar_button_t){T(REMOVE), BTN_REMOVE, false, ui->setting_sel >= 0};
        break;
    case S_CHOICE:
    case S_PRINTER: {
        int n = choices_of(ui, s, opts), sel = -1;
        char labels[MAX_CHOICES][DC_LONG_MAX];
        const char *shown_opts[MAX_CHOICES];
        for (int i = 0; i < n; i++) {
            value_shown(s, opts[i], labels[i], sizeof labels[i]);
            shown_opts[i] = labels[i];
            if (strcmp(opts[i], ui->setting_value) == 0)
                sel = i;
        }
        dc_draw_grid(ui, (SDL_Rect){pad, y, area.w, area.h}, shown_opts, n, BTN_CHOICE,
                     n > 4 ? 3 : 2, sel);
        break;
    }
    }
    dc_check_message(ui, ui->w - pad);
    bar[nbar++] = (dc_bar_button_t){T(OK), BTN_OK, true, true};
    dc_check_bar(ui, bar, nbar, ui->w - pad);
}

/* Record the change: printers and papers through the printer settings, the rest as one setting
 * event by the administrator. */
static dc_err_t record(dc_ui_t *ui, const setting_t *s, const char *value)
{
    if (s->kind == S_PRINTER) {
        dc_printer_cfg_t cfg;
        dc_err_t e = dc_desk_printer_config(ui->st, &cfg);
        if (e)
            return e;
        if (strcmp(s->key, "printer_receipt") == 0)
            dc_copy(cfg.receipt, sizeof cfg.receipt, value);
        else if (strcmp(s->key, "printer_label") == 0)
            dc_copy(cfg.label, sizeof cfg.label, value);
        else if (!dc_paper_parse(value, strcmp(s->key, "printer_label_paper") == 0
                                            ? &cfg.label_paper
                                            : &cfg.receipt_paper))
            return DC_E_R_SETTING_VALUE;
        return dc_desk_printer_configure(ui->st, &ui->term, ui->user.badge, &cfg);
    }
    int64_t seq;
    return dc_desk_set_setting(ui->st, &ui->term, ui->user.badge, s->key, value, &seq);
}

/* What the kiosk itself uses takes effect at once. */
static void apply(dc_ui_t *ui, const setting_t *s, const char *value)
{
    if (strcmp(s->key, "idle_seconds") == 0)
        ui->idle_ms = strtol(value, NULL, 10) * 1000LL;
    else if (strcmp(s->key, "idle_second_seconds") == 0)
        ui->idle_second_ms = strtol(value, NULL, 10) * 1000LL;
    else if (strcmp(s->key, "idle_inventory_seconds") == 0)
        ui->idle_inventory_ms = strtol(value, NULL, 10) * 1000LL;
    else if (strcmp(s->key, "office_name") == 0)
        dc_copy(ui->term.office, sizeof ui->term.office, value);
    else if (strcmp(s->key, "terminal_name") == 0)
        dc_copy(ui->term.terminal, sizeof ui->term.terminal, value);
    else if (s->kind == S_LIST)
        dc_fields_load(ui);
}

static void setting_commit(dc_ui_t *ui)
{
    const setting_t *s = editing(ui);
    char value[DC_LONG_MAX], shown[DC_LONG_MAX + 200];
    new_value(ui, value, sizeof value);
    dc_err_t e;
    if (s->kind == S_PRINTER) {
        /* Through the printer settings: a refused change is logged here, like every refusal. */
        e = dc_setting_valid(s->key, value) ? record(ui, s, value) : DC_E_R_SETTING_VALUE;
        if (e &&
            dc_desk_log_refusal(ui->st, &ui->term, ui->user.badge, DC_EV_SETTING, e, NULL, NULL))
            SDL_Log("daicho: a refusal could not be logged: %s", dc_desk_detail(ui->st));
    } else {
        e = record(ui, s, value); /* the desk judges the value and logs a refusal */
    }
    if (e) {
        dc_ui_refuse(ui, e, value[0] ? value : dc_ui_t_(ui, s->label));
        return;
    }
    apply(ui, s, value);
    snprintf(shown, sizeof shown, "%s: %s = %.400s", T(SETTING_SAVED), dc_ui_t_(ui, s->label),
             value);
    dc_ui_flash(ui, true, T(SETTING_SAVED), dc_ui_t_(ui, s->label));
    dc_ui_message(ui, false, shown);
    dc_ui_settings_drop(ui);
    dc_ui_go(ui, DC_SCR_SETTINGS);
}

static void list_add(dc_ui_t *ui, const char *entry)
{
    entries_t l;
    split(ui->setting_value, &l);
    if (l.n >= DC_FIELD_MAX_OPTIONS ||
        strlen(ui->setting_value) + strlen(entry) + 2 > sizeof ui->setting_value) {
        dc_ui_flash(ui, false, T(LIST_FULL), entry);
        return;
    }
    l.at[l.n++] = entry;
    char joined[DC_LONG_MAX];
    join(&l, joined, sizeof joined);
    dc_copy(ui->setting_value, sizeof ui->setting_value, joined);
    ui->setting_sel = -1;
}

/* Back from the kana keyboard: a typed entry joins the list. */
static void setting_enter(dc_ui_t *ui)
{
    if (editing(ui)->kind == S_LIST && ui->setting_entry[0]) {
        char entry[DC_SHORT_MAX];
        dc_copy(entry, sizeof entry, ui->setting_entry);
        ui->setting_entry[0] = '\0';
        list_add(ui, entry);
    }
}

static void digit(dc_ui_t *ui, int id, size_t max)
{
    size_t len = strlen(ui->number);
    if (id <= DC_BTN_DIGIT0 + 9 && len < max) {
        ui->number[len] = (char)('0' + id - DC_BTN_DIGIT0);
        ui->number[len + 1] = '\0';
    } else if (id == DC_BTN_DIGIT0 + 10) {
        ui->number[0] = '\0';
    } else if (id == DC_BTN_DIGIT0 + 11 && len) {
        ui->number[len - 1] = '\0';
    }
}

static void setting_button(dc_ui_t *ui, int id)
{
    const setting_t *s = editing(ui);
    if (id == BTN_BACK) {
        ui->message[0] = '\0';
        dc_ui_settings_drop(ui);
        dc_ui_go(ui, DC_SCR_SETTINGS);
    } else if (id == BTN_OK) {
        setting_commit(ui);
    } else if (id >= DC_BTN_DIGIT0 && id <= DC_BTN_DIGIT0 + 11) {
        digit(ui, id, s->kind == S_HOURS ? 8 : 6);
    } else if (id == BTN_CLEAR) {
        ui->setting_value[0] = '\0';
    } else if (id == BTN_KANA && s->kind == S_NAME) {
        dc_ui_kana(ui, ui->setting_value, DC_SHORT_MAX, DC_SCR_SETTING);
    } else if (id == BTN_KANA) {
        ui->setting_entry[0] = '\0';
        dc_ui_kana(ui, ui->setting_entry, sizeof ui->setting_entry, DC_SCR_SETTING);
    } else if (id == BTN_REMOVE && ui->setting_sel >= 0) {
        entries_t l;
        split(ui->setting_value, &l);
        for (int i = ui->setting_sel; i + 1 < l.n; i++)
            l.at[i] = l.at[i + 1];
        l.n -= ui->setting_sel < l.n;
        char joined[DC_LONG_MAX];
        join(&l, joined, sizeof joined);
        dc_copy(ui->setting_value, sizeof ui->setting_value, joined);
        ui->setting_sel = -1;
    } else if (id >= BTN_CHOICE && id < BTN_CHOICE + DC_FIELD_MAX_OPTIONS) {
        const char *opts[MAX_CHOICES];
        int i = id - BTN_CHOICE;
        if (s->kind == S_LIST)
            ui->setting_sel = ui->setting_sel == i ? -1 : i;
        else if (i < choices_of(ui, s, opts))
            dc_copy(ui->setting_value, sizeof ui->setting_value, opts[i]);
    } else if (id >= BTN_PRESET && id < BTN_PRESET + DC_FIELD_MAX_OPTIONS) {
        entries_t l;
        const char *offer[DC_FIELD_MAX_OPTIONS];
        split(ui->setting_value, &l);
        if (id - BTN_PRESET < offers(s, &l, offer))
            list_add(ui, offer[id - BTN_PRESET]);
    }
}

const dc_screen_t dc_scr_setting = {"setting", setting_enter, setting_draw, NULL, setting_button};
