/* daicho: the kiosk. A window (or the whole screen, or no screen at all with --script), the
 * scanner, the screens, and the loop that ties them together. */
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "platform/clock.h"
#include "platform/font.h"
#include "desk/receipt.h"
#include "platform/paths.h"
#include "platform/notify.h"
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
        dc_draw_header(ui);
        dc_draw_wrapped(ui, (SDL_Rect){dc_px(ui, 60), ui->h / 3, ui->w - dc_px(ui, 120), ui->h / 2},
                        dc_px(ui, 44), DC_C_ERROR, DC_ALIGN_CENTER, ui->message);
    } else {
        screen_of(ui)->draw(ui);
        if (with_flash)
            dc_draw_flash(ui);
    }
    SDL_RenderPresent(ui->r);
}

static void frame(dc_ui_t *ui)
{
    render(ui, true);
}

/* Back to idle after idle_ms without a touch or a scan; a half-finished flow is dropped. */
static void check_idle(dc_ui_t *ui)
{
    bool away = ui->logged_in || ui->screen != DC_SCR_IDLE;
    if (away && dc_clock_now_ms() - ui->last_activity_ms > ui->idle_ms)
        dc_ui_logout(ui, DC_T_TIMED_OUT);
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
    activity(ui);
    ui->flash_until = 0; /* a touch ends the flash at once */
    if (b->id == DC_BTN_LANG)
        ui->lang = ui->lang == DC_LANG_JA ? DC_LANG_EN : DC_LANG_JA;
    else if (b->id == DC_BTN_LOGOUT)
        dc_ui_logout(ui, DC_T__COUNT);
    else if (screen_of(ui)->on_button)
        screen_of(ui)->on_button(ui, b->id);
}

static void press_at(dc_ui_t *ui, int x, int y)
{
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
    if (!ui->db_ok)
        return;
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
    if (ui->db_ok && (ui->logged_in || ui->screen != DC_SCR_IDLE))
        t = earlier(t, ui->last_activity_ms + ui->idle_ms + 1);
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
    if (!ui->db_ok) {
        /* The kiosk never drops to a shell: it says what is wrong and stays up. */
        char msg[512];
        snprintf(msg, sizeof msg, "%s\n%s\n%s", dc_text(DC_T_ERROR_DB, ui->lang),
                 dc_err_msg(e, DC_LANG_JA), dc_err_msg(e, DC_LANG_EN));
        dc_ui_message(ui, true, msg);
        fprintf(stderr, "daicho: %s: %s\n", o.db, dc_err_msg(e, DC_LANG_EN));
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
