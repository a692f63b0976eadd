/* Barcode and QR scanners that type like a keyboard (or talk over a serial line).
 *
 * Framing: a scan is a burst of fast keystrokes ended by Enter or Tab. A keystroke that comes
 * more than max_gap_ms after the previous one starts afresh, so a person typing slowly never
 * makes a scan. Keys are read by position through a fixed US map (evdev, SDL scancodes), so the
 * OS keyboard layout (JIS or US) cannot change what was scanned. */
#ifndef DC_PLATFORM_SCAN_H
#define DC_PLATFORM_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DC_SCAN_MAX 256 /* longer than any label, badge or receipt payload */
#define DC_SCAN_GAP_MS 60

typedef enum { DC_SCAN_NONE, DC_SCAN_DONE, DC_SCAN_TOO_LONG } dc_scan_result_t;

typedef struct {
    char buf[DC_SCAN_MAX + 1];
    size_t len;
    bool overflow;
    int64_t last_ms;
    int64_t max_gap_ms;
} dc_scan_framer_t;

void dc_scan_framer_init(dc_scan_framer_t *f, int64_t max_gap_ms);

/* Feed one character typed at t_ms. DC_SCAN_DONE puts the scan (NUL-terminated) in out;
 * DC_SCAN_TOO_LONG reports a burst longer than DC_SCAN_MAX (nothing is kept of it). */
dc_scan_result_t dc_scan_feed(dc_scan_framer_t *f, char c, int64_t t_ms, char out[DC_SCAN_MAX + 1]);

/* The character a US keyboard types for a Linux/USB key position; 0 for keys that type none.
 * linux_key is a KEY_* code from <linux/input-event-codes.h>. */
char dc_scan_us_char(int linux_key, bool shift);

typedef struct dc_scanner dc_scanner_t;

/* Open a scanner: "keyboard" (characters are fed by the caller, e.g. from SDL key events),
 * "evdev:/dev/input/eventN" (exclusive grab) or "serial:/dev/ttyACM0". */
DC_WUR dc_err_t dc_scanner_open(const char *spec, dc_scanner_t **out);
void dc_scanner_close(dc_scanner_t *s);

/* For "keyboard": one typed character at t_ms. */
void dc_scanner_feed(dc_scanner_t *s, char c, int64_t t_ms);

/* Read what the device has (without blocking) and hand back one finished scan if there is one:
 * DC_SCAN_DONE with out filled, DC_SCAN_TOO_LONG, or DC_SCAN_NONE. */
dc_scan_result_t dc_scanner_poll(dc_scanner_t *s, int64_t now_ms, char out[DC_SCAN_MAX + 1]);

#endif
