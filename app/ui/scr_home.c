/* Home: the menu for the role; and the manager's unlock screen. */
#include <sodium.h>
#include <string.h>

#include "desk/people.h"
#include "platform/clock.h"
#include "ui/fields.h"

enum {
    BTN_FLOW = DC_BTN_USER, /* + index into flows */
    BTN_UNLOCK = DC_BTN_USER + 20,
    BTN_ENROLL,
    BTN_MONTHLY,
    BTN_SETTINGS,
    BTN_BACK,
    BTN_PIN_RESET,
};

static const struct {
    dc_evtype_t type;
    dc_text_t label;
} flows[] = {
    {DC_EV_TAKE_OUT, DC_T_TAKE_OUT},   {DC_EV_RETURN, DC_T_RETURN},   {DC_EV_COPY, DC_T_COPY},
    {DC_EV_TRANSPORT, DC_T_TRANSPORT}, {DC_EV_RECEIVE, DC_T_RECEIVE}, {DC_EV_DISPOSE, DC_T_DISPOSE},
    {DC_EV_REGISTER, DC_T_REGISTER},
};
enum { NFLOWS = sizeof flows / sizeof flows[0] };

/* The person's own items out, read once at each arrival on this screen (log-in, a flow
 * stopped): the first few, overdue first. */
enum { MINE_MAX = 4 };
static struct {
    bool ok;
    int total, overdue;
    dc_held_t first[MINE_MAX];
} mine;

/* Layout in 1280x800 units: the menu grid, the manager's row under it, then the person's items. */
enum { GRID_H = 276, ROW_H = 110, GAP = 24, MINE_LINE = 40 };

static void home_enter(dc_ui_t *ui)
{
    char today[DC_DATE_MAX];
    dc_event_local_date(dc_clock_now_ms(), ui->term.tz_min, today);
    mine.ok = dc_desk_items_held_by(ui->st, ui->user.badge, today, mine.first, MINE_MAX,
                                    &mine.total, &mine.overdue) == DC_E_OK;
    if (!mine.ok)
        SDL_Log("daicho: the items out could not be read: %s", dc_desk_detail(ui->st));
}

/* 「あなたの持ち出し中 3件(うち超過1件)」 and the first few: overdue in red with × 超過. */
static void draw_mine(dc_ui_t *ui, SDL_Rect r)
{
    if (!mine.ok)
        return;
    int size = dc_px(ui, 28), line = dc_px(ui, MINE_LINE);
    char buf[DC_LONG_MAX + 200];
    dc_draw_fill(ui, r, DC_C_WHITE);
    int x = r.x + dc_px(ui, 16), y = r.y + dc_px(ui, 10), w = r.w - dc_px(ui, 32);
    if (mine.total == 0) {
        dc_draw_text(ui, x, y, size, DC_C_MUTED, DC_ALIGN_LEFT, T(FL_MINE_NONE));
        return;
    }
    const char *tmpl = T(FL_MINE_N);
    /* "%d件(うち超過%d件)": the two numbers in order, as the catalogue gives them. */
    char counts[96] = "";
    int ints = 0;
    for (const char *p = tmpl; *p; p++) {
        size_t k = strlen(counts);
        if (p[0] == '%' && p[1] == 'd') {
            snprintf(counts + k, sizeof counts - k, "%d", ints++ ? mine.overdue : mine.total);
            p++;
        } else if (k + 1 < sizeof counts) {
            counts[k] = *p;
            counts[k + 1] = '\0';
        }
    }
    snprintf(buf, sizeof buf, "%s  %s", T(FL_MINE), counts);
    dc_draw_text(ui, x, y, size, mine.overdue ? DC_C_ERROR : DC_C_HEADER, DC_ALIGN_LEFT, buf);
    y += line;
    int shown = 0;
    for (int i = 0; i < mine.total && i < MINE_MAX && y + line <= r.y + r.h; i++, y += line) {
        const dc_held_t *h = &mine.first[i];
        uint32_t c = h->overdue ? DC_C_ERROR : DC_C_TEXT;
        int mark = 0;
        if (h->overdue) {
            snprintf(buf, sizeof buf, "× %s", T(FL_OVERDUE));
            mark = dc_draw_text(ui, x, y, size, c, DC_ALIGN_LEFT, buf) + dc_px(ui, 16);
        }
        snprintf(buf, sizeof buf, "%s %s", T(FL_DUE_SHORT), h->due[0] ? h->due : "—");
        int dw = dc_draw_text(ui, x + w, y, size, c, DC_ALIGN_RIGHT, buf);
        dc_draw_text_fit(ui, x + mark, y, w - mark - dw - dc_px(ui, 20), size, c, DC_ALIGN_LEFT,
                         h->item.title);
        shown++;
    }
    if (mine.total > shown) {
        char more[64] = "";
        const char *m = T(FL_MINE_MORE);
        const char *d = strstr(m, "%d");
        if (d)
            snprintf(more, sizeof more, "%.*s%d%s", (int)(d - m), m, mine.total - shown, d + 2);
        dc_draw_text(ui, x + w, r.y + dc_px(ui, 10), size, DC_C_MUTED, DC_ALIGN_RIGHT, more);
    }
}

static void draw_message(dc_ui_t *ui)
{
    if (ui->message[0])
        dc_draw_wrapped(
            ui,
            (SDL_Rect){dc_px(ui, 40), ui->h - dc_px(ui, 80), ui->w - dc_px(ui, 80), dc_px(ui, 70)},
            dc_px(ui, 28), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT, ui->message);
}

static void home_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 40);
    dc_draw_text(ui, pad, top + dc_px(ui, 20), dc_px(ui, 36), DC_C_TEXT, DC_ALIGN_LEFT,
                 T(CHOOSE_TASK));
    const char *labels[NFLOWS];
    for (int i = 0; i < NFLOWS; i++)
        labels[i] = dc_ui_t_(ui, flows[i].label);
    bool manager = ui->user.role != DC_ROLE_STAFF;
    int grid_h = dc_px(ui, GRID_H);
    dc_draw_grid(ui, (SDL_Rect){pad, top + dc_px(ui, 80), ui->w - 2 * pad, grid_h}, labels, NFLOWS,
                 BTN_FLOW, 4, -1);
    int mine_y = top + dc_px(ui, 80) + grid_h + dc_px(ui, GAP);
    if (manager) {
        /* Enrolling is the administrator's; unlocking and the monthly check the manager's. */
        SDL_Rect row = {pad, mine_y, ui->w - 2 * pad, dc_px(ui, ROW_H)};
        mine_y += row.h + dc_px(ui, GAP);
        bool admin = ui->user.role == DC_ROLE_ADMIN;
        int gap = dc_px(ui, 16), cols = admin ? 4 : 3, bw = (row.w - (cols - 1) * gap) / cols;
        dc_draw_button(ui, (SDL_Rect){row.x, row.y, bw, row.h}, T(UNLOCK), BTN_UNLOCK, false, true);
        if (admin) {
            dc_draw_button(ui, (SDL_Rect){row.x + bw + gap, row.y, bw, row.h}, T(ENROLL),
                           BTN_ENROLL, false, true);
            dc_draw_button(ui, (SDL_Rect){row.x + 3 * (bw + gap), row.y, bw, row.h}, T(SETTINGS),
                           BTN_SETTINGS, false, true);
        }
        dc_draw_button(ui, (SDL_Rect){row.x + 2 * (bw + gap), row.y, bw, row.h}, T(MONTHLY),
                       BTN_MONTHLY, false, true);
    }
    int mine_bottom = ui->h - dc_px(ui, ui->message[0] ? 90 : 20);
    if (mine_bottom - mine_y >= dc_px(ui, MINE_LINE + 20))
        draw_mine(ui, (SDL_Rect){pad, mine_y, ui->w - 2 * pad, mine_bottom - mine_y});
    draw_message(ui);
}

static void home_button(dc_ui_t *ui, int id)
{
    ui->message[0] = '\0';
    if (id >= BTN_FLOW && id < BTN_FLOW + NFLOWS) {
        dc_evtype_t type = flows[id - BTN_FLOW].type;
        dc_flow_begin(ui->flow, type, ui->user.badge);
        dc_fields_load(ui);
        if (type == DC_EV_REGISTER)
            ui->flow->form.category = DC_CAT__COUNT; /* kind not chosen yet */
        memset(&ui->second, 0, sizeof ui->second);
        dc_ui_go(ui, type == DC_EV_REGISTER ? DC_SCR_FORM : DC_SCR_CART);
    } else if (id == BTN_UNLOCK) {
        dc_ui_go(ui, DC_SCR_UNLOCK);
    } else if (id == BTN_ENROLL) {
        ui->enroll_badge[0] = '\0';
        dc_ui_go(ui, DC_SCR_ENROLL);
    } else if (id == BTN_MONTHLY) {
        dc_ui_check_begin(ui);
    } else if (id == BTN_SETTINGS && ui->user.role == DC_ROLE_ADMIN) {
        dc_ui_go(ui, DC_SCR_SETTINGS);
    }
}

const dc_screen_t dc_scr_home = {"home", home_enter, home_draw, NULL, home_button};

/* The unlock screen also resets a forgotten PIN (a manager's or administrator's, logged):
 * 暗証番号リセット switches what the next badge scanned is for. */
static bool resetting;

static void unlock_enter(dc_ui_t *ui)
{
    (void)ui;
    resetting = false;
}

static void unlock_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    SDL_Rect band = {0, top + dc_px(ui, 120), ui->w, dc_px(ui, 180)};
    dc_draw_fill(ui, band, DC_C_PRIMARY);
    dc_draw_wrapped(
        ui,
        (SDL_Rect){dc_px(ui, 40), band.y + dc_px(ui, 40), ui->w - dc_px(ui, 80), dc_px(ui, 120)},
        dc_px(ui, 48), DC_C_WHITE, DC_ALIGN_CENTER,
        resetting ? T(SCAN_RESET_BADGE) : T(SCAN_LOCKED_BADGE));
    dc_draw_button(
        ui, (SDL_Rect){dc_px(ui, 40), ui->h - dc_px(ui, 170), dc_px(ui, 260), dc_px(ui, 110)},
        T(BACK), BTN_BACK, false, true);
    dc_draw_button(ui,
                   (SDL_Rect){ui->w - dc_px(ui, 40) - dc_px(ui, 360), ui->h - dc_px(ui, 170),
                              dc_px(ui, 360), dc_px(ui, 110)},
                   T(PIN_RESET), BTN_PIN_RESET, resetting, !resetting);
    if (ui->message[0])
        dc_draw_wrapped(ui,
                        (SDL_Rect){dc_px(ui, 40), band.y + band.h + dc_px(ui, 30),
                                   ui->w - dc_px(ui, 80), dc_px(ui, 120)},
                        dc_px(ui, 30), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_CENTER,
                        ui->message);
}

static void unlock_scan(dc_ui_t *ui, const char *text)
{
    char badge[DC_CODE_MAX];
    dc_err_t e = dc_code_expect(text, strlen(text), DC_CODE_BADGE, badge);
    if (!e && resetting) {
        /* The code is shown once, for the manager to hand over; only its hash is kept. */
        char code[DC_ENROL_CODE_MAX], msg[256];
        int64_t seq;
        e = dc_desk_pin_reset(ui->st, &ui->term, ui->user.badge, badge, code, &seq);
        if (e) {
            dc_ui_refuse(ui, e, text);
            return;
        }
        dc_staff_t who;
        if (dc_desk_staff_get(ui->st, badge, &who) != DC_E_OK)
            dc_copy(who.name, sizeof who.name, badge);
        snprintf(msg, sizeof msg, "%s %s  %s", who.name, T(PIN_RESET_DONE), code);
        sodium_memzero(code, sizeof code);
        dc_ui_flash(ui, true, T(PIN_RESET), who.name);
        dc_ui_message(ui, false, msg);
        sodium_memzero(msg, sizeof msg);
        resetting = false;
        dc_ui_go(ui, DC_SCR_HOME);
        return;
    }
    if (!e)
        e = dc_desk_unlock(ui->st, &ui->term, &ui->user, badge);
    if (e) {
        dc_ui_refuse(ui, e, text);
        return;
    }
    dc_staff_t who;
    if (dc_desk_staff_get(ui->st, badge, &who) != DC_E_OK)
        dc_copy(who.name, sizeof who.name, badge);
    dc_ui_flash(ui, true, T(UNLOCKED), who.name);
    dc_ui_message(ui, false, T(UNLOCKED));
    dc_ui_go(ui, DC_SCR_HOME);
}

static void unlock_button(dc_ui_t *ui, int id)
{
    if (id == BTN_BACK) {
        ui->message[0] = '\0';
        resetting = false;
        dc_ui_go(ui, DC_SCR_HOME);
    } else if (id == BTN_PIN_RESET) {
        ui->message[0] = '\0';
        resetting = true;
    }
}

const dc_screen_t dc_scr_unlock = {"unlock", unlock_enter, unlock_draw, unlock_scan, unlock_button};
