/* Scanner framing: bursts ended by Enter or Tab are scans; slow typing is not; garbage and
 * over-long input are refused without a crash; the US key map is fixed. The evdev reader: Shift
 * reports keep a burst going, SYN_DROPPED drops the burst it cut, and the reader thread takes
 * the device's events while the caller is busy (through a pipe, and a uinput keyboard where the
 * kernel has one). */
#define _GNU_SOURCE /* posix_openpt for a pretend serial scanner, pipe2 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <linux/uinput.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/scan.h"

/* Feed text with gap_ms between keystrokes from t0; returns the last result. */
static dc_scan_result_t type(dc_scan_framer_t *f, const char *text, int64_t t0, int64_t gap_ms,
                             char out[DC_SCAN_MAX + 1], int *done)
{
    dc_scan_result_t last = DC_SCAN_NONE;
    *done = 0;
    for (size_t i = 0; text[i]; i++) {
        dc_scan_result_t r = dc_scan_feed(f, text[i], t0 + (int64_t)i * gap_ms, out);
        if (r != DC_SCAN_NONE) {
            last = r;
            (*done)++;
        }
    }
    return last;
}

static void test_enter_and_tab_end_a_scan(void **state)
{
    (void)state;
    dc_scan_framer_t f;
    char out[DC_SCAN_MAX + 1];
    int done;
    dc_scan_framer_init(&f, 60);
    assert_int_equal(type(&f, "DI-30XXRVVN-X\r", 1000, 5, out, &done), DC_SCAN_DONE);
    assert_int_equal(done, 1);
    assert_string_equal(out, "DI-30XXRVVN-X");
    assert_int_equal(type(&f, "DB-26CHMTM9-1\t", 2000, 5, out, &done), DC_SCAN_DONE);
    assert_string_equal(out, "DB-26CHMTM9-1");
    assert_int_equal(type(&f, "db-26chmtm9-1\n", 3000, 5, out, &done), DC_SCAN_DONE);
    assert_string_equal(out, "db-26chmtm9-1"); /* Caps Lock: the code parser upper-cases */
    /* CR LF: one scan, the LF ends nothing. */
    assert_int_equal(type(&f, "DI-1\r\n", 4000, 5, out, &done), DC_SCAN_DONE);
    assert_int_equal(done, 1);
}

static void test_split_across_frames(void **state)
{
    (void)state;
    dc_scan_framer_t f;
    char out[DC_SCAN_MAX + 1];
    int done;
    dc_scan_framer_init(&f, 60);
    /* The same burst delivered in three pieces (three frames), 8 ms apart. */
    assert_int_equal(type(&f, "DI-30X", 1000, 8, out, &done), DC_SCAN_NONE);
    assert_int_equal(type(&f, "XRVVN", 1048, 8, out, &done), DC_SCAN_NONE);
    assert_int_equal(type(&f, "-X\r", 1088, 8, out, &done), DC_SCAN_DONE);
    assert_string_equal(out, "DI-30XXRVVN-X");
}

static void test_slow_typing_is_not_a_scan(void **state)
{
    (void)state;
    dc_scan_framer_t f;
    char out[DC_SCAN_MAX + 1];
    int done;
    dc_scan_framer_init(&f, 60);
    assert_int_equal(type(&f, "DI-30XXRVVN-X\r", 1000, 150, out, &done), DC_SCAN_NONE);
    assert_int_equal(done, 0);
    /* A person types a few keys, pauses, then a scanner scans: only the scan counts. */
    type(&f, "abc", 10000, 120, out, &done);
    assert_int_equal(type(&f, "DI-1FKKBTAY-4\r", 11000, 4, out, &done), DC_SCAN_DONE);
    assert_string_equal(out, "DI-1FKKBTAY-4");
    /* Enter alone, or after a pause, is nothing. */
    assert_int_equal(type(&f, "\r", 20000, 4, out, &done), DC_SCAN_NONE);
}

static void test_garbage_and_overlong(void **state)
{
    (void)state;
    dc_scan_framer_t f;
    char out[DC_SCAN_MAX + 1];
    int done;
    dc_scan_framer_init(&f, 60);
    char big[DC_SCAN_MAX * 2 + 2];
    memset(big, 'A', sizeof big - 2);
    big[sizeof big - 2] = '\r';
    big[sizeof big - 1] = '\0';
    assert_int_equal(type(&f, big, 1000, 1, out, &done), DC_SCAN_TOO_LONG);
    /* After it, the next scan is whole and clean. */
    assert_int_equal(type(&f, "DI-X\r", 5000, 1, out, &done), DC_SCAN_DONE);
    assert_string_equal(out, "DI-X");
    /* Control bytes are dropped, other bytes kept for the parser to refuse. */
    const char garbage[] = {'\x1b', '[', 'A', '\x07', '\xff', 'z', '\r', 0};
    assert_int_equal(type(&f, garbage, 9000, 1, out, &done), DC_SCAN_DONE);
    assert_string_equal(out, "[A\xffz");
    /* Exactly DC_SCAN_MAX characters is still a scan. */
    char max[DC_SCAN_MAX + 2];
    memset(max, 'B', DC_SCAN_MAX);
    max[DC_SCAN_MAX] = '\t';
    max[DC_SCAN_MAX + 1] = '\0';
    assert_int_equal(type(&f, max, 20000, 0, out, &done), DC_SCAN_DONE);
    assert_int_equal(strlen(out), DC_SCAN_MAX);
}

static void test_us_key_map(void **state)
{
    (void)state;
    assert_int_equal(dc_scan_us_char(KEY_A, false), 'a');
    assert_int_equal(dc_scan_us_char(KEY_A, true), 'A');
    assert_int_equal(dc_scan_us_char(KEY_Z, true), 'Z');
    assert_int_equal(dc_scan_us_char(KEY_Q, false), 'q');
    assert_int_equal(dc_scan_us_char(KEY_P, false), 'p');
    assert_int_equal(dc_scan_us_char(KEY_M, false), 'm');
    assert_int_equal(dc_scan_us_char(KEY_L, false), 'l');
    assert_int_equal(dc_scan_us_char(KEY_1, false), '1');
    assert_int_equal(dc_scan_us_char(KEY_0, false), '0');
    assert_int_equal(dc_scan_us_char(KEY_9, false), '9');
    assert_int_equal(dc_scan_us_char(KEY_MINUS, false), '-');
    /* Where JIS would differ: shift+2 is '@' on US ('"' on JIS), ';' shifted is ':'. */
    assert_int_equal(dc_scan_us_char(KEY_2, true), '@');
    assert_int_equal(dc_scan_us_char(KEY_SEMICOLON, true), ':');
    assert_int_equal(dc_scan_us_char(KEY_ENTER, false), '\r');
    assert_int_equal(dc_scan_us_char(KEY_KPENTER, false), '\r');
    assert_int_equal(dc_scan_us_char(KEY_TAB, false), '\t');
    assert_int_equal(dc_scan_us_char(KEY_LEFTSHIFT, false), 0);
    assert_int_equal(dc_scan_us_char(KEY_F1, false), 0);
}

static void test_keyboard_scanner_queue(void **state)
{
    (void)state;
    dc_scanner_t *s;
    assert_int_equal(dc_scanner_open("keyboard", &s), DC_E_OK);
    char out[DC_SCAN_MAX + 1];
    assert_int_equal(dc_scanner_poll(s, 0, out), DC_SCAN_NONE);
    const char *scans[] = {"DI-1\r", "DB-2\t"};
    int64_t t = 100;
    for (int k = 0; k < 2; k++)
        for (const char *p = scans[k]; *p; p++)
            dc_scanner_feed(s, *p, t++);
    assert_int_equal(dc_scanner_poll(s, t, out), DC_SCAN_DONE);
    assert_string_equal(out, "DI-1");
    assert_int_equal(dc_scanner_poll(s, t, out), DC_SCAN_DONE);
    assert_string_equal(out, "DB-2");
    assert_int_equal(dc_scanner_poll(s, t, out), DC_SCAN_NONE);
    dc_scanner_close(s);
    assert_int_equal(dc_scanner_open("evdev:/nonexistent/event9", &s), DC_E_SCANNER_MISSING);
    assert_int_equal(dc_scanner_open("serial:/nonexistent/ttyACM9", &s), DC_E_SCANNER_MISSING);
    assert_int_equal(dc_scanner_open("carrier-pigeon", &s), DC_E_USAGE);
}

/* A CDC-ACM scanner is a tty: a pseudo-terminal stands in for it. */
static void test_serial_scanner(void **state)
{
    (void)state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    char spec[128];
    snprintf(spec, sizeof spec, "serial:%s", ptsname(master));
    dc_scanner_t *s;
    assert_int_equal(dc_scanner_open(spec, &s), DC_E_OK);
    const char scan[] = "DI-30XXRVVN-X\r\nDB-26CHMTM9-1\r";
    assert_int_equal(write(master, scan, sizeof scan - 1), (ssize_t)sizeof scan - 1);
    char out[DC_SCAN_MAX + 1];
    dc_scan_result_t r = DC_SCAN_NONE;
    for (int tries = 0; tries < 200 && r == DC_SCAN_NONE; tries++) {
        r = dc_scanner_poll(s, 1000, out);
        if (r == DC_SCAN_NONE)
            nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    assert_int_equal(r, DC_SCAN_DONE);
    assert_string_equal(out, "DI-30XXRVVN-X");
    assert_int_equal(dc_scanner_poll(s, 1000, out), DC_SCAN_DONE);
    assert_string_equal(out, "DB-26CHMTM9-1");
    dc_scanner_close(s);
    close(master);
}

/* ---- evdev streams, as the kernel sends them ---- */

typedef struct {
    struct input_event ev[65536];
    size_t n;
    int64_t t_us;
    int64_t step_us; /* between two reports */
} stream_t;

static void emit(stream_t *st, int type, int code, int value)
{
    assert_true(st->n < sizeof st->ev / sizeof st->ev[0]);
    struct input_event *e = &st->ev[st->n++];
    memset(e, 0, sizeof *e);
    e->input_event_sec = (time_t)(st->t_us / 1000000);
    e->input_event_usec = (suseconds_t)(st->t_us % 1000000);
    e->type = (unsigned short)type;
    e->code = (unsigned short)code;
    e->value = value;
}

/* One key report with its SYN_REPORT, then the time of one report passes. */
static void report(stream_t *st, int code, int value)
{
    emit(st, EV_MSC, MSC_SCAN, 0x70000 + code);
    emit(st, EV_KEY, code, value);
    emit(st, EV_SYN, SYN_REPORT, 0);
    st->t_us += st->step_us;
}

/* Type text as a wedge scanner does: a capital is Shift down, key down, key up, Shift up. The
 * key for each character comes from the US map itself. */
static void type_keys(stream_t *st, const char *text)
{
    for (const char *p = text; *p; p++) {
        int key = 0;
        bool shift = false;
        for (int k = 1; k < KEY_MAX && !key; k++) {
            if (dc_scan_us_char(k, false) == *p)
                key = k;
            else if (dc_scan_us_char(k, true) == *p)
                key = k, shift = true;
        }
        assert_true(key != 0);
        if (shift)
            report(st, KEY_LEFTSHIFT, 1);
        report(st, key, 1);
        report(st, key, 0);
        if (shift)
            report(st, KEY_LEFTSHIFT, 0);
    }
}

/* Every scan the decoder makes of the stream, one a line ("!" for too long). */
static void decode(const stream_t *st, char *scans, size_t cap)
{
    dc_scan_evdev_t d;
    dc_scan_evdev_init(&d);
    scans[0] = '\0';
    for (size_t i = 0; i < st->n; i++) {
        char out[DC_SCAN_MAX + 1];
        const struct input_event *e = &st->ev[i];
        int64_t t = (int64_t)e->input_event_sec * 1000 + e->input_event_usec / 1000;
        dc_scan_result_t r = dc_scan_evdev_event(&d, e->type, e->code, e->value, t, out);
        if (r != DC_SCAN_NONE) {
            size_t l = strlen(scans);
            snprintf(scans + l, cap - l, "%s\n", r == DC_SCAN_DONE ? out : "!");
        }
    }
}

static stream_t *stream_new(int64_t step_us)
{
    stream_t *st = calloc(1, sizeof *st);
    assert_non_null(st);
    st->t_us = 1700000000LL * 1000000;
    st->step_us = step_us;
    return st;
}

static void test_shift_reports_keep_a_burst(void **state)
{
    (void)state;
    char scans[1024];
    /* 20 ms a report: between two capitals there are four reports, 80 ms, more than the 60 ms
     * gap. Counting only characters cut this badge to "M9-1". */
    stream_t *st = stream_new(20000);
    type_keys(st, "DB-26CHMTM9-1\r");
    decode(st, scans, sizeof scans);
    assert_string_equal(scans, "DB-26CHMTM9-1\n");
    /* A person typing slowly is still no scan, Shift or not: 100 ms a report. */
    st->n = 0;
    st->step_us = 100000;
    type_keys(st, "DB-26CHMTM9-1\r");
    decode(st, scans, sizeof scans);
    assert_string_equal(scans, "");
    /* Key repeats and unmapped keys (F1) keep the burst going but type nothing. */
    st->n = 0;
    st->step_us = 10000;
    type_keys(st, "DI-");
    report(st, KEY_F1, 1);
    report(st, KEY_F1, 2);
    report(st, KEY_F1, 0);
    type_keys(st, "1\t");
    decode(st, scans, sizeof scans);
    assert_string_equal(scans, "DI-1\n");
    free(st);
}

static void test_syn_dropped_drops_the_burst(void **state)
{
    (void)state;
    char scans[1024];
    stream_t *st = stream_new(2000);
    type_keys(st, "DB-26CH");
    /* The client's buffer overflowed: the kernel threw away what it held and says so. The last
     * report seen was the H release; Shift was down when events were lost. */
    report(st, KEY_LEFTSHIFT, 1);
    st->n--; /* no SYN_REPORT: the packet was cut */
    /* The lost events took 200 ms; SYN_DROPPED carries the time of the newest one, so that gap
     * must not end the cut burst and let its tail through as a scan of its own. */
    st->t_us += 200000;
    emit(st, EV_SYN, SYN_DROPPED, 0);
    emit(st, EV_KEY, KEY_M, 0); /* the rest of a cut packet, ignored up to SYN_REPORT */
    emit(st, EV_SYN, SYN_REPORT, 0);
    st->t_us += st->step_us;
    report(st, KEY_LEFTSHIFT, 0);
    type_keys(st, "M9-1\r");
    /* The next scan comes whole. */
    st->t_us += 2000000;
    type_keys(st, "DB-26CHMTM9-1\r");
    decode(st, scans, sizeof scans);
    assert_string_equal(scans, "DB-26CHMTM9-1\n");
    /* The same burst without the loss is one scan: the test's stream is right. */
    st->n = 0;
    type_keys(st, "DB-26CHM9-1\r");
    decode(st, scans, sizeof scans);
    assert_string_equal(scans, "DB-26CHM9-1\n");
    free(st);
}

/* The SDL keyboard path: characters come through dc_scanner_feed, every other key report (Shift,
 * releases) through dc_scanner_keep, 20 ms apart: capitals are 80 ms apart, the scan is whole. */
static void test_keyboard_shift_reports(void **state)
{
    (void)state;
    dc_scanner_t *s;
    assert_int_equal(dc_scanner_open("keyboard", &s), DC_E_OK);
    int64_t t = 5000;
    for (const char *p = "DB-26CHMTM9-1\r"; *p; p++) {
        bool cap = *p >= 'A' && *p <= 'Z';
        if (cap)
            dc_scanner_keep(s, t += 20); /* Shift down */
        dc_scanner_feed(s, *p, t += 20);
        dc_scanner_keep(s, t += 20); /* the key up */
        if (cap)
            dc_scanner_keep(s, t += 20); /* Shift up */
    }
    char out[DC_SCAN_MAX + 1];
    assert_int_equal(dc_scanner_poll(s, 0, out), DC_SCAN_DONE);
    assert_string_equal(out, "DB-26CHMTM9-1");
    dc_scanner_close(s);
}

static int wakes;
static void count_wake(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&wakes, 1, __ATOMIC_SEQ_CST);
}

static void sleep_ms(int ms)
{
    nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

/* A 166-character receipt payload with capitals, digits and signs. */
static void long_scan(char *out, int k)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:./";
    int n = 0;
    n += snprintf(out, 16, "DR%02d", k);
    for (; n < 166; n++)
        out[n] = alphabet[(n * 7 + k) % (sizeof alphabet - 1)];
    out[n] = '\0';
}

/* The reader thread drains the fd while the caller does something else: twelve receipt scans,
 * 290 kB of events, go into a blocking pipe (64 kB) with nobody polling; the write can only
 * finish because the thread reads. Then every scan is there, whole. */
static void test_reader_thread_takes_events_while_busy(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe2(p, O_CLOEXEC), 0);
    dc_scanner_t *s;
    assert_int_equal(dc_scanner_open_evdev_fd(p[0], &s), DC_E_OK);
    wakes = 0;
    dc_scanner_set_wake(s, count_wake, NULL);
    stream_t *st = stream_new(1000);
    char text[12][DC_SCAN_MAX + 1];
    for (int k = 0; k < 12; k++) {
        long_scan(text[k], k);
        type_keys(st, text[k]);
        type_keys(st, "\r");
        st->t_us += 500000;
    }
    size_t bytes = st->n * sizeof st->ev[0];
    assert_true(bytes > 4 * 65536);
    const char *b = (const char *)st->ev;
    for (size_t off = 0; off < bytes;) {
        ssize_t w = write(p[1], b + off, bytes - off);
        assert_true(w > 0);
        off += (size_t)w;
    }
    for (int tries = 0; tries < 500 && __atomic_load_n(&wakes, __ATOMIC_SEQ_CST) < 12; tries++)
        sleep_ms(2);
    assert_int_equal(__atomic_load_n(&wakes, __ATOMIC_SEQ_CST), 12);
    char out[DC_SCAN_MAX + 1];
    for (int k = 0; k < 12; k++) {
        assert_int_equal(dc_scanner_poll(s, 0, out), DC_SCAN_DONE);
        assert_string_equal(out, text[k]);
    }
    assert_int_equal(dc_scanner_poll(s, 0, out), DC_SCAN_NONE);
    dc_scanner_close(s);
    close(p[1]);
    free(st);
}

/* The real device path: a uinput keyboard typed at a wedge scanner's pace, Shift included, read
 * through dc_scanner_open("evdev:...") while the caller sleeps longer than the kernel's 64
 * events take to arrive. */
static int uinput_event_node(int ufd, char *path, size_t cap)
{
    char sys[64];
    if (ioctl(ufd, UI_GET_SYSNAME(sizeof sys), sys) < 0) {
        printf("UI_GET_SYSNAME: %s\n", strerror(errno));
        return -1;
    }
    char dir[128];
    snprintf(dir, sizeof dir, "/sys/devices/virtual/input/%s", sys);
    for (int tries = 0; tries < 100; tries++) {
        DIR *d = opendir(dir);
        for (struct dirent *e; d && (e = readdir(d));) {
            if (strncmp(e->d_name, "event", 5) == 0) {
                snprintf(path, cap, "/dev/input/%s", e->d_name);
                closedir(d);
                return 0;
            }
        }
        if (d)
            closedir(d);
        sleep_ms(10);
    }
    printf("no event node under %s\n", dir);
    return -1;
}

static void uinput_emit(int ufd, int type, int code, int value)
{
    struct input_event e;
    memset(&e, 0, sizeof e);
    e.type = (unsigned short)type;
    e.code = (unsigned short)code;
    e.value = value;
    assert_int_equal(write(ufd, &e, sizeof e), (ssize_t)sizeof e);
}

static void test_uinput_keyboard(void **state)
{
    (void)state;
    int ufd = open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (ufd < 0) {
        printf("SKIP: no /dev/uinput here (%s): the reader was tested through a pipe only\n",
               strerror(errno));
        skip();
    }
    assert_int_equal(ioctl(ufd, UI_SET_EVBIT, EV_KEY), 0);
    for (int k = 1; k < 128; k++)
        assert_int_equal(ioctl(ufd, UI_SET_KEYBIT, k), 0);
    struct uinput_setup us;
    memset(&us, 0, sizeof us);
    us.id.bustype = BUS_USB;
    us.id.vendor = 0x1234;
    us.id.product = 0x5678;
    snprintf(us.name, sizeof us.name, "daicho test scanner");
    assert_int_equal(ioctl(ufd, UI_DEV_SETUP, &us), 0);
    assert_int_equal(ioctl(ufd, UI_DEV_CREATE), 0);
    char node[300], spec[320];
    assert_int_equal(uinput_event_node(ufd, node, sizeof node), 0);
    snprintf(spec, sizeof spec, "evdev:%s", node);
    dc_scanner_t *s = NULL;
    dc_err_t e = DC_E_SCANNER_MISSING;
    for (int tries = 0; tries < 100 && e; tries++) { /* udev may still be making the node */
        e = dc_scanner_open(spec, &s);
        if (e)
            sleep_ms(20);
    }
    assert_int_equal(e, DC_E_OK);
    char text[DC_SCAN_MAX + 1];
    long_scan(text, 7);
    const char *scans[] = {"DB-26CHMTM9-1\r", text, "\r"};
    for (int k = 0; k < 3; k++) {
        for (const char *p = scans[k]; *p; p++) {
            int key = 0;
            bool shift = false;
            for (int c = 1; c < 128 && !key; c++) {
                if (dc_scan_us_char(c, false) == *p)
                    key = c;
                else if (dc_scan_us_char(c, true) == *p)
                    key = c, shift = true;
            }
            if (shift) {
                uinput_emit(ufd, EV_KEY, KEY_LEFTSHIFT, 1);
                uinput_emit(ufd, EV_SYN, SYN_REPORT, 0);
            }
            uinput_emit(ufd, EV_KEY, key, 1);
            uinput_emit(ufd, EV_SYN, SYN_REPORT, 0);
            uinput_emit(ufd, EV_KEY, key, 0);
            uinput_emit(ufd, EV_SYN, SYN_REPORT, 0);
            if (shift) {
                uinput_emit(ufd, EV_KEY, KEY_LEFTSHIFT, 0);
                uinput_emit(ufd, EV_SYN, SYN_REPORT, 0);
            }
            sleep_ms(1); /* a fast wedge scanner: hundreds of events before anyone polls */
        }
    }
    sleep_ms(300); /* the caller is busy drawing */
    char out[DC_SCAN_MAX + 1];
    assert_int_equal(dc_scanner_poll(s, 0, out), DC_SCAN_DONE);
    assert_string_equal(out, "DB-26CHMTM9-1");
    assert_int_equal(dc_scanner_poll(s, 0, out), DC_SCAN_DONE);
    assert_string_equal(out, text);
    dc_scanner_close(s);
    ioctl(ufd, UI_DEV_DESTROY);
    close(ufd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enter_and_tab_end_a_scan),
        cmocka_unit_test(test_split_across_frames),
        cmocka_unit_test(test_slow_typing_is_not_a_scan),
        cmocka_unit_test(test_garbage_and_overlong),
        cmocka_unit_test(test_us_key_map),
        cmocka_unit_test(test_keyboard_scanner_queue),
        cmocka_unit_test(test_serial_scanner),
        cmocka_unit_test(test_shift_reports_keep_a_burst),
        cmocka_unit_test(test_syn_dropped_drops_the_burst),
        cmocka_unit_test(test_keyboard_shift_reports),
        cmocka_unit_test(test_reader_thread_takes_events_while_busy),
        cmocka_unit_test(test_uinput_keyboard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
