/* Scanner framing: bursts ended by Enter or Tab are scans; slow typing is not; garbage and
 * over-long input are refused without a crash; the US key map is fixed. */
#define _XOPEN_SOURCE 700 /* posix_openpt for a pretend serial scanner */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <linux/input-event-codes.h>
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
