/* daicho: the kiosk. A window (or the whole screen, or no screen at all with --script), the
 * scanner, the screens, and the loop that ties them together. */
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "platform/clock.h"
#include "platform/font.h"
#include "desk/receipt.h"
#include "platform/paths.h"
#include "platform/notify.h"
#include "ui/check_ui.h"
#include "ui/script.h"
#include "ui/ui.h"

static const char usage[] =
    "使い方 / Usage: daicho [--db PATH] [--key-file PATH] [--demo] [--fullscreen]\n"
    "                [--size WxH] [--lang ja|en] [--scanner keyboard|evdev:DEV|serial:DEV]\n"
    "                [--idle SECONDS] [--printer escpos:DEV|ql:DEV|png:FILE]\n"
    "                [--script FILE --screenshots DIR]\n"
    "\n"
    "Script (one action a line, # comments): scan TEXT | tap LABEL | keys DIGITS |\n"
    "  wait SECONDS | shot NAME | expect TEXT | absent TEXT\n";

typedef struct {
    char db[DC_PATH_MAX], key[DC_PATH_MAX];
    bool demo, fullscreen;
    int w, h;
    dc_lang_t lang;
    const char *scanner;
    const char *script;
    const char *shots;
    const char *printer;
    int idle_s;
} opts_t;

static const dc_screen_t *screen_of(dc_ui_t *ui)
{
    return dc_ui_screen(ui);
}

static void set_scale(dc_ui_t *ui)
{
    SDL_GetRendererOutputSize(ui->r, &ui->w, &ui->h);
    float sx = ui->w / 1280.0f, sy = ui->h / 800.0f;
    float s = sx < sy ? sx : sy;
    if (ui->s != s) {
        ui->s = s;
        dc_draw_free(ui); /* sizes changed: drop the cached text */
    }
}

/* How long the kiosk waits for a touch on this screen: longer while a second person walks over
 * (their badge, then their PIN) and during a scan-back inventory. */
static int64_t idle_limit(const dc_ui_t *ui)
{
    bool second = ui->screen == DC_SCR_SECOND ||
                  (ui->screen == DC_SCR_PIN &&
                   (ui->pin_for == DC_PIN_SECOND || ui->pin_for == DC_PIN_EXPORT));
    if (second && ui->idle_second_ms > ui->idle_ms)
        return ui->idle_second_ms;
    if (ui->screen == DC_SCR_INVENTORY && ui->idle_inventory_ms > ui->idle_ms)
        return ui->idle_inventory_ms;
    return ui->idle_ms;
}

/* The warning comes this long before the lock (half the wait when it is short). */
static int64_t idle_warn_ms(const dc_ui_t *ui)
{
    int64_t limit = idle_limit(ui);
    return limit >= 30000 ? 12000 : limit / 2;
}

static bool idle_away(const dc_ui_t *ui)
{
    return ui->db_ok && (ui->logged_in || ui->screen != DC_SCR_IDLE);
}

/* Milliseconds left before the idle lock while its warning is up, else -1. */
static int64_t idle_warning_left(const dc_ui_t *ui)
{
    if (!idle_away(ui))
        return -1;
    int64_t left = ui->last_activity_ms + idle_limit(ui) - dc_clock_now_ms();
    return left <= idle_warn_ms(ui) ? (left < 0 ? 0 : left) : -1;
}

/* What a log-out now would drop, as a line for the question and the lock's message; NULL when
 * nothing is half-done (a record completed stays as it is). */
static const char *half_done(dc_ui_t *ui, char *buf, size_t cap)
{
    dc_screen_id_t s = ui->screen;
    bool in_flow = s == DC_SCR_CART || s == DC_SCR_FORM || s == DC_SCR_CHOOSE ||
                   s == DC_SCR_SECOND || s == DC_SCR_CONFIRM ||
                   (s == DC_SCR_PIN && ui->pin_for == DC_PIN_SECOND) ||
                   (s == DC_SCR_KANA && ui->kana_back == DC_SCR_FORM);
    if (in_flow && ui->flow && ui->flow->n > 0) {
        snprintf(buf, cap, "%s (%d%s)", T(LOGOUT_CART), ui->flow->n, T(ITEMS_SCANNED));
        return buf;
    }
    const dc_inventory_t *inv = ui->check ? ui->check->inv : NULL;
    if (inv && inv->nfound + inv->nunexpected > 0) {
        snprintf(buf, cap, "%s (%s %d%s)", T(LOGOUT_INVENTORY), T(INV_FOUND), inv->nfound, T(UNIT));
        return buf;
    }
    if (s == DC_SCR_SETTING && strcmp(ui->setting_value, ui->setting_was) != 0) {
        snprintf(buf, cap, "%s", T(LOGOUT_SETTING));
        return buf;
    }
    return NULL;
}

static void logout_now(dc_ui_t *ui)
{
    dc_ui_logout(ui, DC_T__COUNT);
}

/* ログアウト in the header: asks first when it would drop something half-done. */
static void logout_pressed(dc_ui_t *ui)
{
    char what[300];
    const char *lost = half_done(ui, what, sizeof what);
    if (!lost) {
        logout_now(ui);
        return;
    }
    dc_ui_ask(ui, T(LOGOUT_Q), lost, T(LOGOUT), T(BACK), logout_now);
}

/* Where the idle warning was drawn in the last frame (empty when it was not): a touch there
 * is 続ける, whatever it was over. */
static SDL_Rect warn_panel;

/* The idle lock's warning over the screen: the seconds left and 続ける. */
static void draw_idle_warning(dc_ui_t *ui)
{
    int64_t left = idle_warning_left(ui);
    warn_panel = (SDL_Rect){0, 0, 0, 0};
    if (left < 0)
        return;
    char line[200];
    snprintf(line, sizeof line, "%s%d%s", T(IDLE_WARN_A), (int)((left + 999) / 1000),
             T(IDLE_WARN_B));
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ui->r, 0x10, 0x18, 0x20, 0xb0);
    SDL_Rect all = {0, 0, ui->w, ui->h};
    SDL_RenderFillRect(ui->r, &all);
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_NONE);
    int pad = dc_px(ui, 36), pw = ui->w - 2 * dc_px(ui, 40);
    if (pw > dc_px(ui, 1000))
        pw = dc_px(ui, 1000);
    int tw = pw - 2 * pad, size = dc_px(ui, 40), small = dc_px(ui, 28), bh = dc_px(ui, 110);
    int th = dc_wrapped_height(ui, tw, size, line);
    int sh = dc_wrapped_height(ui, tw, small, T(IDLE_WARN_DETAIL));
    int ph = 2 * pad + th + pad / 2 + sh + pad + bh;
    SDL_Rect p = {(ui->w - pw) / 2, (ui->h - ph) / 2, pw, ph};
    warn_panel = p;
    dc_draw_fill(ui, p, DC_C_WHITE);
    dc_draw_fill(ui, (SDL_Rect){p.x, p.y, p.w, dc_px(ui, 8)}, DC_C_SELECTED);
    int y = p.y + pad;
    y +=
        dc_draw_wrapped(ui, (SDL_Rect){p.x + pad, y, tw, -1}, size, DC_C_TEXT, DC_ALIGN_LEFT, line);
    dc_draw_wrapped(ui, (SDL_Rect){p.x + pad, y + pad / 2, tw, -1}, small, DC_C_MUTED,
                    DC_ALIGN_LEFT, T(IDLE_WARN_DETAIL));
    int bw = dc_px(ui, 420) < tw ? dc_px(ui, 420) : tw;
    dc_draw_button(ui, (SDL_Rect){p.x + (p.w - bw) / 2, p.y + p.h - pad - bh, bw, bh},
                   T(IDLE_CONTINUE), DC_BTN_CONTINUE, true, true);
}

/* DAICHO_BUTTON_LOG=FILE: every button of every frame, one a line (screen, label, x, y, w, h,
 * tab-separated), for tests/kiosk/test_targets.sh to measure. */
static void log_buttons(const dc_ui_t *ui)
{
    static const char *path;
    static bool looked;
    if (!looked) {
        path = getenv("DAICHO_BUTTON_LOG");
        looked = true;
    }
    if (!path || !*path)
        return;
    FILE *f = fopen(path, "a");
    if (!f)
        return;
    const char *name = ui->db_ok ? screen_of((dc_ui_t *)ui)->name : "error";
    for (int i = 0; i < ui->nbuttons; i++) {
        const dc_button_t *b = &ui->buttons[i];
        fprintf(f, "%s\t%s\t%d\t%d\t%d\t%d\t%dx%d\n", name, b->label, b->r.x, b->r.y, b->r.w,
                b->r.h, ui->w, ui->h);
    }
    fclose(f);
}

/* ---- a terminal that cannot start ---- */

/* What the error screen says, kept from the failed open. */
static struct {
    dc_err_t e;
    char db[DC_PATH_MAX];
    char contact[256]; /* support_contact, from the plain file beside the key */
    int32_t tz_min;    /* the terminal's offset, from the same file (else the system's) */
} fail_info;

/* Beside the key (readable when the ledger is not): whom to call and the terminal's offset,
 * written by the kiosk each time the ledger opens, read when it does not. */
static void support_file(const char *key, char *out, size_t cap)
{
    const char *slash = strrchr(key, '/');
    int dir = slash ? (int)(slash - key) : 1;
    snprintf(out, cap, "%.*s/support.txt", dir, slash ? key : ".");
}

static void support_write(const char *key, const dc_ui_t *ui)
{
    char path[DC_PATH_MAX + 16], tmp[DC_PATH_MAX + 32], contact[256] = "", want[400], have[400];
    support_file(key, path, sizeof path);
    if (dc_desk_setting_get(ui->st, "support_contact", contact, sizeof contact) != DC_E_OK)
        contact[0] = '\0';
    snprintf(want, sizeof want, "support_contact=%s\ntz_min=%d\n", contact, (int)ui->term.tz_min);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(have, 1, sizeof have - 1, f) : 0;
    if (f)
        fclose(f);
    have[n] = '\0';
    if (strcmp(have, want) == 0)
        return;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "w");
    if (!f)
        return; /* a read-only key folder: the screen then shows no contact, nothing else */
    bool ok = fputs(want, f) >= 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0)
        remove(tmp);
}

static void support_read(const char *key)
{
    char path[DC_PATH_MAX + 16], line[300];
    support_file(key, path, sizeof path);
    fail_info.tz_min = INT32_MIN;
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "support_contact=", 16) == 0)
            dc_copy(fail_info.contact, sizeof fail_info.contact, line + 16);
        else if (strncmp(line, "tz_min=", 7) == 0)
            fail_info.tz_min = (int32_t)strtol(line + 7, NULL, 10);
    }
    if (f)
        fclose(f);
    if (fail_info.tz_min == INT32_MIN) {
        /* Never opened here: the system's offset now. */
        time_t t = time(NULL);
        struct tm g;
        gmtime_r(&t, &g);
        g.tm_isdst = -1;
        time_t as_local = mktime(&g);
        struct tm l;
        localtime_r(&t, &l);
        fail_info.tz_min = (int32_t)((t - as_local) / 60 + (l.tm_isdst > 0 ? 60 : 0));
    }
}

/* The code the clerk reads out on the phone, and the cause in plain words. */
static const char *fail_code(dc_err_t e, dc_text_t *cause)
{
    switch (e) {
    case DC_E_DB_WRONG_KEY:
    case DC_E_KEY_FORMAT:
        *cause = DC_T_ERR_KEY;
        return "E-DB-KEY";
    case DC_E_DB_CORRUPT:
    case DC_E_DB_TRUNCATED:
    case DC_E_DB_EMPTY:
    case DC_E_DB_PLAINTEXT:
        *cause = DC_T_ERR_CORRUPT;
        return "E-DB-CORRUPT";
    case DC_E_KEY_PERMS:
    case DC_E_KEY_NOT_FILE:
        *cause = DC_T_ERR_PERM;
        return "E-DB-PERM";
    case DC_E_DB_MISSING:
    case DC_E_KEY_MISSING:
        *cause = DC_T_ERR_MISSING;
        return "E-DB-MISSING";
    case DC_E_DB_NEWER:
        *cause = DC_T_ERR_NEWER;
        return "E-DB-NEWER";
    case DC_E_DB_FULL:
        *cause = DC_T_ERR_FULL;
        return "E-DB-FULL";
    default:
        *cause = DC_T_ERR_OTHER;
        return "E-DB-OPEN";
    }
}

static void draw_error_screen(dc_ui_t *ui)
{
    dc_draw_header(ui);
    dc_text_t cause;
    const char *code = fail_code(fail_info.e, &cause);
    int pad = dc_px(ui, 60), w = ui->w - 2 * pad, y = dc_px(ui, 120);
    y += dc_draw_wrapped(ui, (SDL_Rect){pad, y, w, -1}, dc_px(ui, 48), DC_C_ERROR, DC_ALIGN_LEFT,
                         T(ERR_CANNOT_START));
    char line[700];
    snprintf(line, sizeof line, "%s: %s", T(ERR_CODE), code);
    y += dc_px(ui, 10);
    y += dc_draw_wrapped(ui, (SDL_Rect){pad, y, w, -1}, dc_px(ui, 40), DC_C_TEXT, DC_ALIGN_LEFT,
                         line);
    y += dc_px(ui, 6) + dc_draw_wrapped(ui, (SDL_Rect){pad, y + dc_px(ui, 6), w, -1}, dc_px(ui, 32),
                                        DC_C_TEXT, DC_ALIGN_LEFT, dc_ui_t_(ui, cause));
    if (fail_info.contact[0])
        snprintf(line, sizeof line, "%s %s", T(ERR_CALL), fail_info.contact);
    else
        snprintf(line, sizeof line, "%s", T(ERR_CALL_ADMIN));
    y += dc_px(ui, 16);
    y += dc_draw_wrapped(ui, (SDL_Rect){pad, y, w, -1}, dc_px(ui, 36), DC_C_HEADER, DC_ALIGN_LEFT,
                         line);
    y += dc_px(ui, 6) + dc_draw_wrapped(ui, (SDL_Rect){pad, y + dc_px(ui, 6), w, -1}, dc_px(ui, 28),
                                        DC_C_MUTED, DC_ALIGN_LEFT, T(ERR_PAPER));
    /* The time the clerk reads out, in the terminal's local time with the weekday. */
    int64_t now = dc_clock_now_ms();
    char date[40], time_s[6];
    dc_ui_date_label(ui, now, date, sizeof date);
    dc_event_local_time(now, ui->term.tz_min, time_s);
    snprintf(line, sizeof line, "%s: %s %s", T(ERR_TIME), date, time_s);
    y += dc_px(ui, 14);
    y += dc_draw_wrapped(ui, (SDL_Rect){pad, y, w, -1}, dc_px(ui, 28), DC_C_TEXT, DC_ALIGN_LEFT,
                         line);
    /* For the administrator only, small: the exact cause and the file. */
    char small[DC_PATH_MAX + 800];
    snprintf(small, sizeof small, "%s: %s: %s (%s)", T(ERR_FOR_ADMIN), T(ERROR_DB),
             dc_err_msg(fail_info.e, ui->lang), fail_info.db);
    int sh = dc_wrapped_height(ui, w, dc_px(ui, 20), small);
    int sy = ui->h - dc_px(ui, 24) - sh;
    dc_draw_wrapped(ui, (SDL_Rect){pad, sy > y ? sy : y + dc_px(ui, 10), w, -1}, dc_px(ui, 20),
                    DC_C_MUTED, DC_ALIGN_LEFT, small);
}

static void render(dc_ui_t *ui, bool with_flash)
{
    ui->frame++;
    ui->nbuttons = 0;
    ui->frame_text_len = 0;
    ui->frame_text[0] = '\0';
    set_scale(ui);
    SDL_SetRenderDrawColor(ui->r, 0xf4, 0xf6, 0xf8, 255);
    SDL_RenderClear(ui->r);
    if (!ui->db_ok) {
        draw_error_screen(ui);
    } else {
        screen_of(ui)->draw(ui);
        dc_ui_ask_draw(ui);
        if (with_flash)
            dc_draw_flash(ui);
        draw_idle_warning(ui);
    }
    log_buttons(ui);
    SDL_RenderPresent(ui->r);
}

static void frame(dc_ui_t *ui)
{
    render(ui, true);
}

/* Back to idle after idle_ms without a touch or a scan; a half-finished flow is dropped. */
static void check_idle(dc_ui_t *ui)
{
    if (!idle_away(ui) || dc_clock_now_ms() - ui->last_activity_ms <= idle_limit(ui))
        return;
    /* Say what is true: what was dropped, or that nothing was (a record completed stays). */
    char what[300];
    dc_ui_logout(ui, half_done(ui, what, sizeof what) ? DC_T_TIMED_OUT_LOST : DC_T_TIMED_OUT);
}

static void activity(dc_ui_t *ui)
{
    ui->last_activity_ms = dc_clock_now_ms();
}

static bool save_png(dc_ui_t *ui, const char *name)
{
    char path[DC_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s.png", ui->shots_dir, name) >= (int)sizeof path)
        return false;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ui->w, ui->h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return false;
    bool ok = SDL_RenderReadPixels(ui->r, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch) == 0 &&
              IMG_SavePNG(s, path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

static void press(dc_ui_t *ui, const dc_button_t *b)
{
    activity(ui);        /* any touch keeps the session, the idle warning's 続ける too */
    ui->flash_until = 0; /* a touch ends the flash at once */
    if (b->id == DC_BTN_CONTINUE)
        return;
    /* A refusal is about the last action: the next one fixes it or says it again. Digits keep
     * it (a PIN's warning stays while the next PIN is typed). */
    bool digit = b->id >= DC_BTN_DIGIT0 && b->id <= DC_BTN_DIGIT0 + 11;
    if (ui->message_error && !digit && !ui->ask.open && b->id != DC_BTN_LANG)
        ui->message[0] = '\0';
    if (ui->ask.open)
        dc_ui_ask_press(ui, b->id); /* only its answers; the screen under it waits */
    else if (b->id == DC_BTN_LANG)
        ui->lang = ui->lang == DC_LANG_JA ? DC_LANG_EN : DC_LANG_JA;
    else if (b->id == DC_BTN_LOGOUT)
        logout_pressed(ui);
    else if (screen_of(ui)->on_button)
        screen_of(ui)->on_button(ui, b->id);
}

static void press_at(dc_ui_t *ui, int x, int y)
{
    SDL_Point at = {x, y};
    if (idle_warning_left(ui) >= 0 && SDL_PointInRect(&at, &warn_panel)) {
        activity(ui); /* on the warning: 続ける, not the button under it */
        return;
    }
    for (int i = ui->nbuttons - 1; i >= 0; i--) {
        const dc_button_t *b = &ui->buttons[i];
        SDL_Point p = {x, y};
        if (SDL_PointInRect(&p, &b->r)) {
            if (b->enabled) {
                dc_button_t copy = *b;
                press(ui, &copy);
            }
            return;
        }
    }
}

static void scanned(dc_ui_t *ui, dc_scan_result_t r, const char *text)
{
    activity(ui);
    if (r == DC_SCAN_TOO_LONG) {
        dc_ui_refuse(ui, DC_E_SCAN_TOO_LONG, NULL);
        return;
    }
    if (!ui->db_ok || ui->ask.open)
        return; /* a scan waits until the question is answered */
    if (ui->message_error)
        ui->message[0] = '\0'; /* about the scan before */
    if (screen_of(ui)->on_scan)
        screen_of(ui)->on_scan(ui, text);
    else
        dc_ui_flash(ui, false, dc_text(DC_T_SCAN_NOT_HERE, ui->lang), text);
}

/* SDL scancodes are key positions (USB HID usages): read through a US map, whatever the
 * layout the OS thinks the keyboard has. */
static char scancode_char(SDL_Scancode sc, bool shift)
{
    if (sc >= SDL_SCANCODE_A && sc <= SDL_SCANCODE_Z)
        return (char)((shift ? 'A' : 'a') + (sc - SDL_SCANCODE_A));
    if (sc >= SDL_SCANCODE_1 && sc <= SDL_SCANCODE_9)
        return (char)('1' + (sc - SDL_SCANCODE_1));
    switch (sc) {
    case SDL_SCANCODE_0:
        return '0';
    case SDL_SCANCODE_MINUS:
        return '-';
    case SDL_SCANCODE_SPACE:
        return ' ';
    case SDL_SCANCODE_RETURN:
    case SDL_SCANCODE_KP_ENTER:
        return '\r';
    case SDL_SCANCODE_TAB:
        return '\t';
    default:
        return 0;
    }
}

/* ---- scripts ---- */

static int script_fail(const char *file, int line, const char *what, const char *arg)
{
    fprintf(stderr, "daicho: %s:%d: %s%s%s\n", file, line, what, arg ? ": " : "", arg ? arg : "");
    return 1;
}

static const dc_button_t *find_button(dc_ui_t *ui, const char *label)
{
    /* Over the screen, the question's and the idle warning's buttons come first. */
    for (int i = ui->nbuttons - 1; i >= 0; i--) {
        int id = ui->buttons[i].id;
        bool over = id == DC_BTN_ASK_YES || id == DC_BTN_ASK_NO || id == DC_BTN_CONTINUE;
        if (over && strcmp(ui->buttons[i].label, label) == 0)
            return &ui->buttons[i];
    }
    for (int i = 0; i < ui->nbuttons; i++) {
        if (strcmp(ui->buttons[i].label, label) == 0)
            return &ui->buttons[i];
    }
    return NULL;
}

static void auto_shot(dc_ui_t *ui)
{
    if (!ui->shots_dir || !ui->screen_changed)
        return;
    ui->screen_changed = false;
    /* The screen itself, under any flash that covers it now. */
    char name[64];
    snprintf(name, sizeof name, "%03d-%s", ++ui->shot_no, screen_of(ui)->name);
    render(ui, false);
    save_png(ui, name);
    render(ui, true);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static void report_frames(dc_ui_t *ui, int count)
{
    double *full = malloc(sizeof(double) * (size_t)count);
    double *blank = malloc(sizeof(double) * (size_t)count);
    if (!full || !blank) {
        free(full);
        free(blank);
        return;
    }
    for (int i = 0; i < count; i++) {
        double t0 = now_ms();
        frame(ui);
        double t1 = now_ms();
        SDL_RenderClear(ui->r);
        SDL_RenderPresent(ui->r);
        double t2 = now_ms();
        full[i] = t1 - t0;
        blank[i] = t2 - t1;
    }
    qsort(full, (size_t)count, sizeof(double), cmp_double);
    qsort(blank, (size_t)count, sizeof(double), cmp_double);
    int p99 = count * 99 / 100;
    printf("frames %s %dx%d: median %.3f ms p99 %.3f ms; blank median %.3f ms p99 %.3f ms\n",
           dc_ui_screen(ui)->name, ui->w, ui->h, full[count / 2], full[p99], blank[count / 2],
           blank[p99]);
    free(full);
    free(blank);
}

static int run_script(dc_ui_t *ui, const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return script_fail(file, 0, "cannot read the script", strerror(errno));
    char line[1024];
    int n = 0, rc = 0;
    frame(ui);
    auto_shot(ui);
    while (!rc && fgets(line, sizeof line, f)) {
        n++;
        line[strcspn(line, "\r\n")] = '\0';
        dc_action_t act;
        const char *why;
        if (!dc_script_parse(line, &act, &why)) {
            rc = script_fail(file, n, why, act.kind == DC_ACT_NONE ? act.verb : act.arg);
            break;
        }
        if (act.kind == DC_ACT_NONE)
            continue;
        const char *arg = act.arg;
        if (act.kind == DC_ACT_SCAN) {
            if (!screen_of(ui)->on_scan) {
                rc = script_fail(file, n, "this screen takes no scan", screen_of(ui)->name);
                break;
            }
            scanned(ui, DC_SCAN_DONE, arg);
        } else if (act.kind == DC_ACT_TAP) {
            const dc_button_t *b = find_button(ui, arg);
            if (!b)
                rc = script_fail(file, n, "no such button on this screen", arg);
            else if (!b->enabled)
                rc = script_fail(file, n, "the button cannot be pressed now", arg);
            else {
                dc_button_t copy = *b;
                press(ui, &copy);
            }
        } else if (act.kind == DC_ACT_KEYS) {
            for (const char *k = arg; *k && !rc; k++) {
                char label[2] = {*k, '\0'};
                const dc_button_t *b = find_button(ui, label);
                if (!b || !b->enabled) {
                    rc = script_fail(file, n, "no key for this digit here", label);
                    break;
                }
                dc_button_t copy = *b;
                press(ui, &copy);
                frame(ui);
            }
        } else if (act.kind == DC_ACT_WAIT) {
            dc_clock_advance(act.ms);
        } else if (act.kind == DC_ACT_SHOT) {
            frame(ui);
            if (ui->shots_dir && !save_png(ui, arg))
                rc = script_fail(file, n, "cannot write the screenshot", arg);
        } else if (act.kind == DC_ACT_FRAMES) {
            /* Benchmarks: the median and 99th percentile of this screen's frame, next to a
             * blank frame (clear and present) measured the same way. */
            report_frames(ui, (int)act.count);
        } else if (act.kind == DC_ACT_LATENCY) {
            /* Benchmarks: a scan and the frame after it, which must show the feedback. */
            if (!screen_of(ui)->on_scan) {
                rc = script_fail(file, n, "this screen takes no scan", screen_of(ui)->name);
                break;
            }
            double t0 = now_ms();
            scanned(ui, DC_SCAN_DONE, arg);
            double t1 = now_ms();
            frame(ui);
            printf("latency %s: scan %.3f ms frame %.3f ms feedback %s\n", screen_of(ui)->name,
                   t1 - t0, now_ms() - t1,
                   ui->flash_until && dc_clock_now_ms() <= ui->flash_until
                       ? (ui->flash_ok ? "ok" : "refused")
                       : "none");
        } else if (act.kind == DC_ACT_EXPECT) {
            frame(ui);
            if (!strstr(ui->frame_text, arg)) {
                fprintf(stderr, "daicho: on screen '%s':\n%s", screen_of(ui)->name, ui->frame_text);
                rc = script_fail(file, n, "text not on the screen", arg);
            }
        } else if (act.kind == DC_ACT_ABSENT) {
            frame(ui);
            if (strstr(ui->frame_text, arg)) {
                fprintf(stderr, "daicho: on screen '%s':\n%s", screen_of(ui)->name, ui->frame_text);
                rc = script_fail(file, n, "text still on the screen", arg);
            }
        }
        check_idle(ui);
        frame(ui);
        auto_shot(ui);
    }
    fclose(f);
    return rc;
}

/* ---- the renderer ---- */

static int render_driver_index(const char *name)
{
    for (int i = 0; i < SDL_GetNumRenderDrivers(); i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && strcmp(info.name, name) == 0)
            return i;
    }
    return -1;
}

/* The renderer, chosen for the video driver, and one line on stderr saying which.
 * KMSDRM: every window there is an EGL window. A software renderer then needs SDL to emulate the
 * window's framebuffer with a texture on an accelerated renderer, and SDL 2.26 takes the first
 * one that it has, "opengl"; the image ships Mesa's GBM, EGL and GLES but no libGL, and that
 * renderer draws only the clear colour. So ask for opengles2 by name, and when it cannot be had
 * (or DAICHO_RENDERER=software), draw in software and present through opengles2.
 * Offscreen and dummy (tests, headless runs): software, as the reference screenshots were made
 * (SDL_FRAMEBUFFER_ACCELERATION=0, set by --script, keeps Mesa out). Desktops: software too. */
static SDL_Renderer *make_renderer(SDL_Window *win)
{
    const char *video = SDL_GetCurrentVideoDriver();
    const char *want = getenv("DAICHO_RENDERER");
    SDL_Renderer *r = NULL;
    const char *how = "";
    if (video && SDL_strcasecmp(video, "kmsdrm") == 0) { /* SDL names it "KMSDRM" */
        int gles = render_driver_index("opengles2");
        if (gles >= 0 && !(want && strcmp(want, "software") == 0))
            r = SDL_CreateRenderer(win, gles, SDL_RENDERER_ACCELERATED);
        if (!r) {
            fprintf(stderr, "daicho: no opengles2 renderer (%s); drawing in software\n",
                    gles >= 0 ? SDL_GetError() : "not built into SDL");
            /* Normal priority: SDL_FRAMEBUFFER_ACCELERATION in the environment still wins. */
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "opengles2");
            how = ", window framebuffer through opengles2";
        }
    }
    if (!r)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    SDL_RendererInfo info;
    if (r && SDL_GetRendererInfo(r, &info) == 0)
        fprintf(stderr, "daicho: renderer %s on %s%s\n", info.name, video ? video : "?", how);
    return r;
}

/* ---- the loop ---- */

static Uint32 wake_event = (Uint32)-1;

/* From the scanner's thread: a scan is ready, stop waiting. */
static void wake_loop(void *arg)
{
    (void)arg;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = wake_event;
    SDL_PushEvent(&ev);
}

/* Wait up to timeout_ms for an event. SDL 2.26 waits for real only where the video driver can
 * (x11, wayland); on kmsdrm and offscreen SDL_WaitEventTimeout pumps every millisecond, a
 * thousand wake-ups a second on a kiosk that is idle most of the day. There, pump every 10 ms
 * instead: a touch is answered at most 10 ms later, and the scanner's thread is not slowed. */
static bool wait_event(SDL_Event *ev, int timeout_ms)
{
    static int real_wait = -1;
    if (real_wait < 0) {
        const char *v = SDL_GetCurrentVideoDriver();
        real_wait = v && (SDL_strcasecmp(v, "x11") == 0 || SDL_strcasecmp(v, "wayland") == 0);
    }
    if (real_wait)
        return SDL_WaitEventTimeout(ev, timeout_ms);
    Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;
    for (;;) {
        if (SDL_PollEvent(ev))
            return true;
        Uint64 now = SDL_GetTicks64();
        if (now >= end)
            return false;
        SDL_Delay(end - now < 10 ? (Uint32)(end - now) : 10);
    }
}

static int64_t earlier(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* When the screen would next look different with nobody touching it: the clock's minute, the
 * end of a flash, the PIN delay's next second, the idle lock. */
static int64_t next_change(const dc_ui_t *ui, int64_t now)
{
    int64_t t = now - now % 60000 + 60000;
    if (ui->flash_until && ui->flash_until >= now)
        t = earlier(t, ui->flash_until + 1);
    if (ui->screen == DC_SCR_PIN && ui->pin_wait_until > now)
        t = earlier(t, ui->pin_wait_until - (ui->pin_wait_until - now - 1) / 1000 * 1000);
    if (idle_away(ui)) {
        int64_t lock = ui->last_activity_ms + idle_limit(ui) + 1;
        int64_t warn = lock - 1 - idle_warn_ms(ui);
        if (now < warn)
            t = earlier(t, warn);
        else /* the countdown's next second */
            t = earlier(t, now + 1 + (lock - 1 - now) % 1000);
        t = earlier(t, lock);
    }
    return t;
}

/* ---- start-up ---- */

static int parse(int argc, char **argv, opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->w = 1280;
    o->h = 800;
    o->idle_s = 0; /* not given: the ledger's setting, else 60 s */
    o->scanner = "keyboard";
    if (dc_paths_default(o->db, o->key))
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (strcmp(a, "--db") == 0 && v)
            snprintf(o->db, sizeof o->db, "%s", v);
        else if (strcmp(a, "--key-file") == 0 && v)
            snprintf(o->key, sizeof o->key, "%s", v);
        else if (strcmp(a, "--script") == 0 && v)
            o->script = v;
        else if (strcmp(a, "--screenshots") == 0 && v)
            o->shots = v;
        else if (strcmp(a, "--scanner") == 0 && v)
            o->scanner = v;
        else if (strcmp(a, "--printer") == 0 && v)
            o->printer = v;
        else if (strcmp(a, "--lang") == 0 && v)
            o->lang = strcmp(v, "en") == 0 ? DC_LANG_EN : DC_LANG_JA;
        else if (strcmp(a, "--idle") == 0 && v)
            o->idle_s = (int)strtol(v, NULL, 10);
        else if (strcmp(a, "--size") == 0 && v) {
            if (sscanf(v, "%dx%d", &o->w, &o->h) != 2 || o->w < 640 || o->h < 480)
                return 2;
        } else {
            takes = false;
            if (strcmp(a, "--demo") == 0)
                o->demo = true;
            else if (strcmp(a, "--fullscreen") == 0)
                o->fullscreen = true;
            else
                return 2;
        }
        if (takes)
            i++;
    }
    if (o->idle_s && o->idle_s < 5)
        o->idle_s = 5;
    return 0;
}

/* The demo ledger beside the default one, made on first use. */
static dc_err_t open_demo(opts_t *o)
{
    char *slash = strrchr(o->db, '/');
    if (slash)
        snprintf(slash + 1, sizeof o->db - (size_t)(slash + 1 - o->db), "demo.db");
    slash = strrchr(o->key, '/');
    if (slash)
        snprintf(slash + 1, sizeof o->key - (size_t)(slash + 1 - o->key), "demo.key");
    struct stat sb;
    if (stat(o->db, &sb) == 0)
        return DC_E_OK;
    dc_init_opts_t io = {"窓口端末1", "デモ区役所 戸籍住民課", 540};
    dc_err_t e = dc_desk_init(o->db, o->key, &io);
    if (e)
        return e;
    dc_store_t *st;
    dc_term_t term;
    if ((e = dc_desk_open(o->db, o->key, DC_CHANNEL_CLI, &st, &term)))
        return e;
    dc_demo_opts_t d = {NULL, 1};
    int64_t n;
    e = dc_desk_demo(st, &term, &d, &n);
    dc_desk_close(st);
    return e;
}

int main(int argc, char **argv)
{
    /* The ledger, its key, the demo ledger and PNG receipts are nobody else's to read. */
    umask(077);
    opts_t o;
    if (parse(argc, argv, &o)) {
        fputs(usage, stderr);
        return 2;
    }
    if (o.script) {
        /* Headless: no display needed, software rendering, a fixed clock. */
        setenv("SDL_VIDEODRIVER", "offscreen", 0);
        setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0);
        setenv("SDL_AUDIODRIVER", "dummy", 0);
        if (!dc_clock_is_fixed())
            dc_clock_fix(dc_clock_now_ms() / 60000 * 60000);
        if (o.shots)
            mkdir(o.shots, 0755);
    }
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0"); /* SIGTERM and SIGINT come as SDL_QUIT */
    /* Closing the window (a desktop's Alt+F4) ends a windowed kiosk, never a fullscreen one; a
     * signal ends both. */
    if (o.fullscreen)
        SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "daicho: cannot start the display: %s\n", SDL_GetError());
        return 3;
    }
    if (!dc_font_path()) {
        fprintf(stderr, "daicho: no Japanese font (install fonts-ipaexfont-gothic or set "
                        "DAICHO_FONT)\n");
        return 3;
    }

    dc_ui_t *ui = calloc(1, sizeof *ui);
    dc_flow_t *flow = calloc(1, sizeof *flow);
    if (!ui || !flow)
        return 3;
    ui->flow = flow;
    ui->lang = o.lang;
    ui->idle_ms = (int64_t)o.idle_s * 1000;
    ui->shots_dir = o.shots;
    ui->printer = o.printer;
    Uint32 wflags = SDL_WINDOW_RESIZABLE | (o.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    ui->win = SDL_CreateWindow("daicho 台帳", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.w,
                               o.h, wflags);
    ui->r = ui->win ? make_renderer(ui->win) : NULL;
    if (!ui->r) {
        fprintf(stderr, "daicho: cannot open a window: %s\n", SDL_GetError());
        return 3;
    }
    if (o.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    ui->sound = dc_sound_open();

    dc_err_t e = o.demo ? open_demo(&o) : DC_E_OK;
    if (!e)
        e = dc_desk_open(o.db, o.key, DC_CHANNEL_KIOSK, &ui->st, &ui->term);
    ui->db_ok = e == DC_E_OK;
    if (ui->db_ok && !o.idle_s) {
        char v[32];
        long idle = 60;
        if (dc_desk_setting_get(ui->st, "idle_seconds", v, sizeof v) == DC_E_OK)
            idle = strtol(v, NULL, 10);
        ui->idle_ms = (idle < 5 ? 60 : idle) * 1000LL;
    }
    if (ui->db_ok) {
        /* Longer waits (never shorter than the plain one): a second person, an inventory. */
        char v[32];
        long second = 180, inventory = 600;
        if (dc_desk_setting_get(ui->st, "idle_second_seconds", v, sizeof v) == DC_E_OK)
            second = strtol(v, NULL, 10);
        if (dc_desk_setting_get(ui->st, "idle_inventory_seconds", v, sizeof v) == DC_E_OK)
            inventory = strtol(v, NULL, 10);
        ui->idle_second_ms = second * 1000LL;
        ui->idle_inventory_ms = inventory * 1000LL;
    }
    if (ui->db_ok) {
        support_write(o.key, ui);
    } else {
        /* The kiosk never drops to a shell: it says what is wrong, whom to call, and stays up. */
        fail_info.e = e;
        dc_copy(fail_info.db, sizeof fail_info.db, o.db);
        support_read(o.key);
        ui->term.tz_min = fail_info.tz_min; /* the header's clock and the screen's time */
        dc_text_t cause;
        fprintf(stderr, "daicho: %s: %s: %s\n", o.db, fail_code(e, &cause),
                dc_err_msg(e, DC_LANG_EN));
    }
    dc_scanner_t *scanner = NULL;
    if (!o.script && dc_scanner_open(o.scanner, &scanner) != DC_E_OK) {
        fprintf(stderr, "daicho: scanner %s not available; using the keyboard\n", o.scanner);
        if (dc_scanner_open("keyboard", &scanner) != DC_E_OK)
            return 3;
    }
    activity(ui);
    if (ui->db_ok)
        dc_ui_go(ui, DC_SCR_IDLE);

    int rc = 0;
    if (o.script) {
        rc = run_script(ui, o.script);
    } else {
        bool quit = false, shift = false;
        int64_t last_checkpoint = 0;
        wake_event = SDL_RegisterEvents(1);
        if (wake_event != (Uint32)-1)
            dc_scanner_set_wake(scanner, wake_loop, NULL);
        frame(ui); /* the idle screen (or the error) is up: tell systemd */
        fprintf(stderr, "daicho: ready (%s)\n", ui->db_ok ? "idle screen" : "error screen");
        dc_notify_ready(ui->db_ok ? "idle screen" : "error screen");
        /* Drawn only when something changed: an input, a scan, or the time (next_change). In
         * between, the loop sleeps in wait_event; a scan from the scanner's thread wakes it. */
        int64_t redraw_at = next_change(ui, dc_clock_now_ms());
        while (!quit) {
            dc_notify_watchdog();
            int64_t now = dc_clock_now_ms();
            int64_t due = earlier(redraw_at, now + 1000); /* 1 s: the watchdog's pace */
            if (ui->db_ok && now - ui->last_activity_ms <= 2000)
                due = earlier(due, ui->last_activity_ms + 2001);
            else if (ui->db_ok)
                due = earlier(due, last_checkpoint + 10001);
            int timeout = due > now ? (int)(due - now) : 0;
            bool dirty = false;
            SDL_Event ev;
            bool got = wait_event(&ev, timeout);
            while (got) {
                switch (ev.type) {
                case SDL_QUIT: /* also SIGTERM: systemd stopping the kiosk */
                    quit = true;
                    break;
                case SDL_KEYDOWN:
                case SDL_KEYUP: {
                    /* Every key report keeps a scanner's burst going, Shift's too. */
                    SDL_Scancode sc = ev.key.keysym.scancode;
                    char c = 0;
                    if (sc == SDL_SCANCODE_LSHIFT || sc == SDL_SCANCODE_RSHIFT)
                        shift = ev.type == SDL_KEYDOWN;
                    else if (ev.type == SDL_KEYDOWN && !ev.key.repeat)
                        c = scancode_char(sc, shift);
                    if (c)
                        dc_scanner_feed(scanner, c, ev.key.timestamp);
                    else
                        dc_scanner_keep(scanner, ev.key.timestamp);
                    break;
                }
                case SDL_MOUSEBUTTONDOWN:
                    if (ev.button.which != SDL_TOUCH_MOUSEID &&
                        ev.button.button == SDL_BUTTON_LEFT) {
                        press_at(ui, ev.button.x, ev.button.y);
                        dirty = true;
                    }
                    break;
                case SDL_FINGERDOWN:
                    press_at(ui, (int)(ev.tfinger.x * ui->w), (int)(ev.tfinger.y * ui->h));
                    dirty = true;
                    break;
                case SDL_RENDER_DEVICE_RESET:
                    dc_draw_free(ui); /* the GPU's textures are gone: make the text again */
                    dirty = true;
                    break;
                case SDL_WINDOWEVENT:
                case SDL_RENDER_TARGETS_RESET:
                    dirty = true; /* shown, exposed, resized */
                    break;
                default:
                    break;
                }
                got = !quit && SDL_PollEvent(&ev);
            }
            if (quit)
                break;
            char text[DC_SCAN_MAX + 1];
            dc_scan_result_t r;
            while ((r = dc_scanner_poll(scanner, SDL_GetTicks64(), text)) != DC_SCAN_NONE) {
                scanned(ui, r, text);
                dirty = true;
            }
            now = dc_clock_now_ms();
            if (ui->db_ok)
                check_idle(ui);
            if (dirty || now >= redraw_at) {
                frame(ui);
                redraw_at = next_change(ui, dc_clock_now_ms());
                /* On KMSDRM the page flip of a present can land only with the next one, so a
                 * screen drawn once after a change would show the frame before it until
                 * something else changed: present it once more, 100 ms later. */
                if (dirty)
                    redraw_at = earlier(redraw_at, dc_clock_now_ms() + 100);
            }
            /* Nobody has touched the kiosk for a while: fold the WAL back now, so that the next
             * person's commit does not pay for it. */
            if (ui->db_ok && now - ui->last_activity_ms > 2000 && now - last_checkpoint > 10000) {
                last_checkpoint = now;
                if (dc_desk_checkpoint(ui->st))
                    SDL_Log("daicho: checkpoint: %s", dc_desk_detail(ui->st));
            }
        }
        fprintf(stderr, "daicho: stopping\n");
    }

    dc_scanner_close(scanner);
    dc_ui_wipe_pin(ui); /* no PIN digit is left in freed memory */
    dc_ui_check_drop(ui);
    dc_ui_drop_paper(ui);
    dc_desk_print_shutdown();
    dc_desk_close(ui->st);
    dc_sound_close(ui->sound);
    dc_draw_free(ui);
    SDL_DestroyRenderer(ui->r);
    SDL_DestroyWindow(ui->win);
    free(flow);
    free(ui);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
