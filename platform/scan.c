#define _GNU_SOURCE /* pipe2 */
#include "platform/scan.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
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
    f->broken = false;
    f->buf[0] = '\0';
}

/* Any key report at t_ms: after a pause longer than the gap, what came before was a person
 * typing (or a burst whose end was lost), not the scan now starting. */
static void framer_tick(dc_scan_framer_t *f, int64_t t_ms)
{
    bool open = f->len > 0 || f->overflow || f->broken;
    if (open && t_ms - f->last_ms > f->max_gap_ms)
        framer_reset(f);
    f->last_ms = t_ms;
}

void dc_scan_keep(dc_scan_framer_t *f, int64_t t_ms)
{
    framer_tick(f, t_ms);
}

void dc_scan_lost(dc_scan_framer_t *f, int64_t t_ms)
{
    /* No gap check: the reports lost may well have filled the time since the last one seen. */
    framer_reset(f);
    f->broken = true;
    f->last_ms = t_ms;
}

dc_scan_result_t dc_scan_feed(dc_scan_framer_t *f, char c, int64_t t_ms, char out[DC_SCAN_MAX + 1])
{
    framer_tick(f, t_ms);
    if (c == '\r' || c == '\n' || c == '\t') {
        dc_scan_result_t r = f->broken     ? DC_SCAN_NONE
                             : f->overflow ? DC_SCAN_TOO_LONG
                             : f->len      ? DC_SCAN_DONE
                                           : DC_SCAN_NONE;
        if (r == DC_SCAN_DONE) {
            memcpy(out, f->buf, f->len);
            out[f->len] = '\0';
        }
        framer_reset(f);
        return r;
    }
    if ((unsigned char)c < 0x20 || c == 0x7f || f->broken)
        return DC_SCAN_NONE;
    if (f->len == DC_SCAN_MAX) {
        f->overflow = true;
        return DC_SCAN_NONE;
    }
    f->buf[f->len++] = c;
    f->buf[f->len] = '\0';
    return DC_SCAN_NONE;
}

void dc_scan_evdev_init(dc_scan_evdev_t *d)
{
    memset(d, 0, sizeof *d);
    dc_scan_framer_init(&d->framer, DC_SCAN_GAP_MS);
}

dc_scan_result_t dc_scan_evdev_event(dc_scan_evdev_t *d, int type, int code, int value,
                                     int64_t t_ms, char out[DC_SCAN_MAX + 1])
{
    if (type == EV_SYN && code == SYN_DROPPED) {
        d->syncing = true;
        dc_scan_lost(&d->framer, t_ms);
        return DC_SCAN_NONE;
    }
    if (type == EV_SYN && code == SYN_REPORT) {
        d->syncing = false;
        return DC_SCAN_NONE;
    }
    if (type != EV_KEY)
        return DC_SCAN_NONE;
    if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT) {
        d->shift = value != 0;
        dc_scan_keep(&d->framer, t_ms);
        return DC_SCAN_NONE;
    }
    char c = value == 1 && !d->syncing ? dc_scan_us_char(code, d->shift) : 0;
    if (!c) { /* a release, a repeat, a key that types nothing, or a half-lost packet */
        dc_scan_keep(&d->framer, t_ms);
        return DC_SCAN_NONE;
    }
    return dc_scan_feed(&d->framer, c, t_ms, out);
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

enum { QUEUE = 16 };

struct dc_scanner {
    source_t source;
    int fd;
    bool device; /* a real evdev device (EVIOCGKEY answers), not a pipe */
    int stop[2]; /* the reader thread ends when stop[0] becomes readable */
    pthread_t thread;
    bool threaded;
    void (*wake)(void *arg);
    void *wake_arg;
    dc_scan_evdev_t dec;    /* the reader thread's: evdev or serial */
    dc_scan_framer_t typed; /* the caller's: characters from SDL key events */
    struct input_event evbuf[64];
    size_t evhave; /* bytes in evbuf */
    /* Finished scans waiting for the screen; too-long bursts are queued as "" */
    pthread_mutex_t lock;
    char queue[QUEUE][DC_SCAN_MAX + 1];
    int head, count;
};

static void enqueue(dc_scanner_t *s, dc_scan_result_t r, const char *text)
{
    if (r == DC_SCAN_NONE)
        return;
    pthread_mutex_lock(&s->lock);
    bool queued = s->count < QUEUE;
    if (queued) {
        char *slot = s->queue[(s->head + s->count) % QUEUE];
        if (r == DC_SCAN_DONE)
            memcpy(slot, text, strlen(text) + 1);
        else
            slot[0] = '\0';
        s->count++;
    }
    pthread_mutex_unlock(&s->lock);
    if (queued && s->wake)
        s->wake(s->wake_arg);
}

static void feed(dc_scan_framer_t *f, dc_scanner_t *s, char c, int64_t t_ms)
{
    char out[DC_SCAN_MAX + 1];
    enqueue(s, dc_scan_feed(f, c, t_ms, out), out);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* After lost events: one of them may have been a Shift release, so ask the device. */
static void resync_shift(dc_scanner_t *s)
{
    unsigned long keys[KEY_MAX / (8 * sizeof(unsigned long)) + 1] = {0};
    if (ioctl(s->fd, EVIOCGKEY(sizeof keys), keys) < 0)
        return;
    size_t bits = 8 * sizeof keys[0];
    bool l = keys[KEY_LEFTSHIFT / bits] >> (KEY_LEFTSHIFT % bits) & 1;
    bool r = keys[KEY_RIGHTSHIFT / bits] >> (KEY_RIGHTSHIFT % bits) & 1;
    s->dec.shift = l || r;
}

static void read_evdev(dc_scanner_t *s)
{
    /* A device returns whole events; a pipe (tests) may cut one, kept for the next read. */
    ssize_t n;
    while ((n = read(s->fd, (char *)s->evbuf + s->evhave, sizeof s->evbuf - s->evhave)) > 0) {
        s->evhave += (size_t)n;
        size_t whole = s->evhave / sizeof s->evbuf[0];
        for (size_t i = 0; i < whole; i++) {
            const struct input_event *ev = &s->evbuf[i];
            char out[DC_SCAN_MAX + 1];
            bool was_syncing = s->dec.syncing;
            int64_t t = (int64_t)ev->input_event_sec * 1000 + ev->input_event_usec / 1000;
            enqueue(s, dc_scan_evdev_event(&s->dec, ev->type, ev->code, ev->value, t, out), out);
            if (was_syncing && !s->dec.syncing && s->device)
                resync_shift(s);
        }
        s->evhave -= whole * sizeof s->evbuf[0];
        memmove(s->evbuf, s->evbuf + whole, s->evhave);
    }
}

static void read_serial(dc_scanner_t *s)
{
    char buf[256];
    ssize_t n;
    while ((n = read(s->fd, buf, sizeof buf)) > 0) {
        int64_t now = mono_ms();
        for (ssize_t i = 0; i < n; i++)
            feed(&s->dec.framer, s, buf[i], now);
    }
}

/* The reader: sleeps in poll() until the device has something, takes all of it at once, and
 * frames it with the device's own timestamps. */
static void *reader(void *arg)
{
    dc_scanner_t *s = arg;
    for (;;) {
        struct pollfd p[2] = {{s->stop[0], POLLIN, 0}, {s->fd, POLLIN, 0}};
        int r = poll(p, 2, -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || p[0].revents)
            break;
        if (p[1].revents & POLLIN) {
            if (s->source == SRC_EVDEV)
                read_evdev(s);
            else
                read_serial(s);
        } else if (p[1].revents & (POLLHUP | POLLERR | POLLNVAL)) {
            /* Unplugged: nothing more will come from this fd. */
            fprintf(stderr, "daicho: the scanner went away; restart to use it again\n");
            break;
        }
    }
    return NULL;
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

static dc_scanner_t *scanner_new(source_t source)
{
    dc_scanner_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->source = source;
    s->fd = -1;
    s->stop[0] = s->stop[1] = -1;
    pthread_mutex_init(&s->lock, NULL);
    dc_scan_evdev_init(&s->dec);
    dc_scan_framer_init(&s->typed, DC_SCAN_GAP_MS);
    return s;
}

static dc_err_t start_reader(dc_scanner_t *s)
{
    if (pipe2(s->stop, O_CLOEXEC) != 0)
        return DC_E_NOMEM;
    if (pthread_create(&s->thread, NULL, reader, s) != 0)
        return DC_E_NOMEM;
    s->threaded = true;
    return DC_E_OK;
}

dc_err_t dc_scanner_open(const char *spec, dc_scanner_t **out)
{
    *out = NULL;
    source_t source = strcmp(spec, "keyboard") == 0      ? SRC_KEYBOARD
                      : strncmp(spec, "evdev:", 6) == 0  ? SRC_EVDEV
                      : strncmp(spec, "serial:", 7) == 0 ? SRC_SERIAL
                                                         : (source_t)-1;
    if ((int)source < 0)
        return DC_E_USAGE;
    dc_scanner_t *s = scanner_new(source);
    if (!s)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_OK;
    if (source == SRC_EVDEV) {
        s->fd = open(spec + 6, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        s->device = true;
        /* Exclusive: the scanner's keystrokes go to us only, never to a console or shell. */
        if (s->fd < 0 || ioctl(s->fd, EVIOCGRAB, (void *)1) != 0)
            e = DC_E_SCANNER_MISSING;
        /* Timestamps that a clock set by hand cannot make jump. */
        int clk = CLOCK_MONOTONIC;
        if (!e)
            (void)ioctl(s->fd, EVIOCSCLOCKID, &clk);
    } else if (source == SRC_SERIAL) {
        e = open_serial(spec + 7, &s->fd);
        /* Serial scanners send each scan in one go; allow for slow lines between bytes. */
        s->dec.framer.max_gap_ms = 200;
    }
    if (!e && source != SRC_KEYBOARD)
        e = start_reader(s);
    if (e) {
        dc_scanner_close(s);
        return e;
    }
    *out = s;
    return DC_E_OK;
}

dc_err_t dc_scanner_open_evdev_fd(int fd, dc_scanner_t **out)
{
    *out = NULL;
    dc_scanner_t *s = scanner_new(SRC_EVDEV);
    if (!s) {
        close(fd);
        return DC_E_NOMEM;
    }
    s->fd = fd;
    int fl = fcntl(fd, F_GETFL);
    dc_err_t e =
        fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0 ? DC_E_SCANNER_MISSING : start_reader(s);
    if (e) {
        dc_scanner_close(s);
        return e;
    }
    *out = s;
    return DC_E_OK;
}

void dc_scanner_set_wake(dc_scanner_t *s, void (*wake)(void *arg), void *arg)
{
    pthread_mutex_lock(&s->lock);
    s->wake = wake;
    s->wake_arg = arg;
    pthread_mutex_unlock(&s->lock);
}

void dc_scanner_close(dc_scanner_t *s)
{
    if (!s)
        return;
    if (s->threaded) {
        ssize_t w;
        do
            w = write(s->stop[1], "x", 1);
        while (w < 0 && errno == EINTR);
        pthread_join(s->thread, NULL);
    }
    for (int i = 0; i < 2; i++)
        if (s->stop[i] >= 0)
            close(s->stop[i]);
    if (s->fd >= 0)
        close(s->fd);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* A keyboard beside a device scanner still scans, through a framer of its own: the reader
 * thread never touches it. */
void dc_scanner_feed(dc_scanner_t *s, char c, int64_t t_ms)
{
    feed(&s->typed, s, c, t_ms);
}

void dc_scanner_keep(dc_scanner_t *s, int64_t t_ms)
{
    dc_scan_keep(&s->typed, t_ms);
}

dc_scan_result_t dc_scanner_poll(dc_scanner_t *s, int64_t now_ms, char out[DC_SCAN_MAX + 1])
{
    (void)now_ms;
    dc_scan_result_t r = DC_SCAN_NONE;
    pthread_mutex_lock(&s->lock);
    if (s->count) {
        const char *slot = s->queue[s->head];
        s->head = (s->head + 1) % QUEUE;
        s->count--;
        r = slot[0] ? DC_SCAN_DONE : DC_SCAN_TOO_LONG;
        if (r == DC_SCAN_DONE)
            memcpy(out, slot, strlen(slot) + 1);
    }
    pthread_mutex_unlock(&s->lock);
    return r;
}
