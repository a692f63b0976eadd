#include "platform/scan.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

void dc_scan_framer_init(dc_scan_framer_t *f, int64_t max_gap_ms)
{
    memset(f, 0, sizeof *f);
    f->max_gap_ms = max_gap_ms > 0 ? max_gap_ms : DC_SCAN_GAP_MS;
}

static void framer_reset(dc_scan_framer_t *f)
{
    f->len = 0;
    f->overflow = false;
    f->buf[0] = '\0';
}

dc_scan_result_t dc_scan_feed(dc_scan_framer_t *f, char c, int64_t t_ms, char out[DC_SCAN_MAX + 1])
{
    bool slow = f->len > 0 || f->overflow ? t_ms - f->last_ms > f->max_gap_ms : false;
    f->last_ms = t_ms;
    if (slow)
        framer_reset(f); /* a person typing, not a scanner: start again */
    if (c == '\r' || c == '\n' || c == '\t') {
        dc_scan_result_t r = f->overflow ? DC_SCAN_TOO_LONG : f->len ? DC_SCAN_DONE : DC_SCAN_NONE;
        if (r == DC_SCAN_DONE) {
            memcpy(out, f->buf, f->len);
            out[f->len] = '\0';
        }
        framer_reset(f);
        return r;
    }
    if ((unsigned char)c < 0x20 || c == 0x7f)
        return DC_SCAN_NONE;
    if (f->len == DC_SCAN_MAX) {
        f->overflow = true;
        return DC_SCAN_NONE;
    }
    f->buf[f->len++] = c;
    f->buf[f->len] = '\0';
    return DC_SCAN_NONE;
}

char dc_scan_us_char(int key, bool shift)
{
    static const char digits[] = "1234567890";
    static const char shifted_digits[] = "!@#$%^&*()";
    static const char row_q[] = "qwertyuiop";
    static const char row_a[] = "asdfghjkl";
    static const char row_z[] = "zxcvbnm";
    char c = 0;
    if (key >= KEY_1 && key <= KEY_0)
        return shift ? shifted_digits[key - KEY_1] : digits[key - KEY_1];
    if (key >= KEY_Q && key <= KEY_P)
        c = row_q[key - KEY_Q];
    else if (key >= KEY_A && key <= KEY_L)
        c = row_a[key - KEY_A];
    else if (key >= KEY_Z && key <= KEY_M)
        c = row_z[key - KEY_Z];
    if (c)
        return shift ? (char)(c - 'a' + 'A') : c;
    switch (key) {
    case KEY_MINUS:
        return shift ? '_' : '-';
    case KEY_EQUAL:
        return shift ? '+' : '=';
    case KEY_SPACE:
        return ' ';
    case KEY_DOT:
        return shift ? '>' : '.';
    case KEY_SLASH:
        return shift ? '?' : '/';
    case KEY_SEMICOLON:
        return shift ? ':' : ';';
    case KEY_ENTER:
    case KEY_KPENTER:
        return '\r';
    case KEY_TAB:
        return '\t';
    default:
        return 0;
    }
}

typedef enum { SRC_KEYBOARD, SRC_EVDEV, SRC_SERIAL } source_t;

enum { QUEUE = 8 };

struct dc_scanner {
    source_t source;
    int fd;
    bool shift;
    dc_scan_framer_t framer;
    /* Finished scans waiting for the screen; too-long bursts are queued as "" */
    char queue[QUEUE][DC_SCAN_MAX + 1];
    int head, count;
};

static void enqueue(dc_scanner_t *s, dc_scan_result_t r, const char *text)
{
    if (r == DC_SCAN_NONE || s->count == QUEUE)
        return;
    char *slot = s->queue[(s->head + s->count) % QUEUE];
    if (r == DC_SCAN_DONE)
        memcpy(slot, text, strlen(text) + 1);
    else
        slot[0] = '\0';
    s->count++;
}

static void feed(dc_scanner_t *s, char c, int64_t t_ms)
{
    char out[DC_SCAN_MAX + 1];
    enqueue(s, dc_scan_feed(&s->framer, c, t_ms, out), out);
}

static dc_err_t open_serial(const char *path, int *fd_out)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return DC_E_SCANNER_MISSING;
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        /* Raw bytes: no echo, no line editing, no CR/LF translation. */
        t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        t.c_oflag &= ~(tcflag_t)OPOST;
        t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
        t.c_cflag |= CS8;
        cfsetispeed(&t, B9600);
        t.c_cflag |= CLOCAL | CREAD;
        tcsetattr(fd, TCSANOW, &t);
    }
    *fd_out = fd;
    return DC_E_OK;
}

dc_err_t dc_scanner_open(const char *spec, dc_scanner_t **out)
{
    *out = NULL;
    dc_scanner_t *s = calloc(1, sizeof *s);
    if (!s)
        return DC_E_NOMEM;
    s->fd = -1;
    dc_scan_framer_init(&s->framer, DC_SCAN_GAP_MS);
    dc_err_t e = DC_E_OK;
    if (strcmp(spec, "keyboard") == 0) {
        s->source = SRC_KEYBOARD;
    } else if (strncmp(spec, "evdev:", 6) == 0) {
        s->source = SRC_EVDEV;
        s->fd = open(spec + 6, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        /* Exclusive: the scanner's keystrokes go to us only, never to a console or shell. */
        if (s->fd < 0 || ioctl(s->fd, EVIOCGRAB, (void *)1) != 0)
            e = DC_E_SCANNER_MISSING;
    } else if (strncmp(spec, "serial:", 7) == 0) {
        s->source = SRC_SERIAL;
        e = open_serial(spec + 7, &s->fd);
        /* Serial scanners send each scan in one go; allow for slow lines between bytes. */
        s->framer.max_gap_ms = 200;
    } else {
        e = DC_E_USAGE;
    }
    if (e) {
        dc_scanner_close(s);
        return e;
    }
    *out = s;
    return DC_E_OK;
}

void dc_scanner_close(dc_scanner_t *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    free(s);
}

void dc_scanner_feed(dc_scanner_t *s, char c, int64_t t_ms)
{
    feed(s, c, t_ms);
}

static void read_evdev(dc_scanner_t *s)
{
    struct input_event ev[64];
    ssize_t n;
    while ((n = read(s->fd, ev, sizeof ev)) > 0) {
        for (size_t i = 0; i < (size_t)n / sizeof ev[0]; i++) {
            if (ev[i].type != EV_KEY)
                continue;
            int key = ev[i].code;
            if (key == KEY_LEFTSHIFT || key == KEY_RIGHTSHIFT) {
                s->shift = ev[i].value != 0;
                continue;
            }
            if (ev[i].value != 1) /* presses only, not releases or repeats */
                continue;
            char c = dc_scan_us_char(key, s->shift);
            int64_t t = (int64_t)ev[i].input_event_sec * 1000 + ev[i].input_event_usec / 1000;
            if (c)
                feed(s, c, t);
        }
    }
}

static void read_serial(dc_scanner_t *s, int64_t now_ms)
{
    char buf[256];
    ssize_t n;
    while ((n = read(s->fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            feed(s, buf[i], now_ms);
    }
}

dc_scan_result_t dc_scanner_poll(dc_scanner_t *s, int64_t now_ms, char out[DC_SCAN_MAX + 1])
{
    if (s->source == SRC_EVDEV)
        read_evdev(s);
    else if (s->source == SRC_SERIAL)
        read_serial(s, now_ms);
    if (!s->count)
        return DC_SCAN_NONE;
    const char *slot = s->queue[s->head];
    s->head = (s->head + 1) % QUEUE;
    s->count--;
    if (!slot[0])
        return DC_SCAN_TOO_LONG;
    memcpy(out, slot, strlen(slot) + 1);
    return DC_SCAN_DONE;
}
