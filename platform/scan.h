/* Barcode and QR scanners that type like a keyboard (or talk over a serial line).
 *
 * Framing: a scan is a burst of fast keystrokes ended by Enter or Tab. A key report that comes
 * more than max_gap_ms after the previous one starts afresh, so a person typing slowly never
 * makes a scan. Every key report counts as the burst going on, not only the ones that type a
 * character: a wedge scanner types "D" as Shift down, D down, D up, Shift up, so the gap between
 * two capitals can be four reports long. Keys are read by position through a fixed US map (evdev,
 * SDL scancodes), so the OS keyboard layout (JIS or US) cannot change what was scanned.
 *
 * Device scanners (evdev, serial) are read on a thread of their own, so that however long the
 * screen takes to draw, the kernel's buffer (64 events for evdev, about ten characters) never
 * fills. When events were lost all the same (evdev's SYN_DROPPED), the burst under way is thrown
 * away whole, never handed on cut. */
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
    bool broken; /* events of this burst were lost: drop it at its end */
    int64_t last_ms;
    int64_t max_gap_ms;
} dc_scan_framer_t;

void dc_scan_framer_init(dc_scan_framer_t *f, int64_t max_gap_ms);

/* Feed one character typed at t_ms. DC_SCAN_DONE puts the scan (NUL-terminated) in out;
 * DC_SCAN_TOO_LONG reports a burst longer than DC_SCAN_MAX (nothing is kept of it). */
dc_scan_result_t dc_scan_feed(dc_scan_framer_t *f, char c, int64_t t_ms, char out[DC_SCAN_MAX + 1]);

/* A key report at t_ms that types nothing (a modifier, a release, a repeat): it keeps a burst
 * going without adding to it. */
void dc_scan_keep(dc_scan_framer_t *f, int64_t t_ms);

/* Events were lost (t_ms: when): the burst under way, and what follows of it up to its Enter,
 * Tab or a gap after t_ms, is dropped (a scan with a hole in it must not come out as a shorter
 * scan). */
void dc_scan_lost(dc_scan_framer_t *f, int64_t t_ms);

/* Decoding an evdev stream (struct input_event: type, code, value, time) into scans: the shift
 * state, SYN_DROPPED (lost events: the burst is dropped and events are ignored up to the next
 * SYN_REPORT, as the evdev documentation says) and the framer. */
typedef struct {
    dc_scan_framer_t framer;
    bool shift;
    bool syncing; /* after SYN_DROPPED, until SYN_REPORT */
} dc_scan_evdev_t;

void dc_scan_evdev_init(dc_scan_evdev_t *d);
/* One event; DC_SCAN_DONE / DC_SCAN_TOO_LONG as dc_scan_feed. */
dc_scan_result_t dc_scan_evdev_event(dc_scan_evdev_t *d, int type, int code, int value,
                                     int64_t t_ms, char out[DC_SCAN_MAX + 1]);

/* The character a US keyboard types for a Linux/USB key position; 0 for keys that type none.
 * linux_key is a KEY_* code from <linux/input-event-codes.h>. */
char dc_scan_us_char(int linux_key, bool shift);

typedef struct dc_scanner dc_scanner_t;

/* Open a scanner: "keyboard" (characters are fed by the caller, e.g. from SDL key events),
 * "evdev:/dev/input/eventN" (exclusive grab) or "serial:/dev/ttyACM0". */
DC_WUR dc_err_t dc_scanner_open(const char *spec, dc_scanner_t **out);
void dc_scanner_close(dc_scanner_t *s);

/* The same reader on an fd that carries struct input_event records but is no device (a pipe):
 * for tests, which cannot always make a device. The scanner owns fd. */
DC_WUR dc_err_t dc_scanner_open_evdev_fd(int fd, dc_scanner_t **out);

/* Called from the reader thread when a scan is ready, so that a loop waiting for events wakes up
 * (e.g. by pushing an SDL event). Set it before scans can arrive, i.e. right after open. */
void dc_scanner_set_wake(dc_scanner_t *s, void (*wake)(void *arg), void *arg);

/* For "keyboard": one typed character at t_ms; dc_scanner_keep for a key report that types
 * nothing (Shift down or up, a release). */
void dc_scanner_feed(dc_scanner_t *s, char c, int64_t t_ms);
void dc_scanner_keep(dc_scanner_t *s, int64_t t_ms);

/* Hand back one finished scan if there is one (never blocks): DC_SCAN_DONE with out filled,
 * DC_SCAN_TOO_LONG, or DC_SCAN_NONE. now_ms is unused (device scanners time their own input). */
dc_scan_result_t dc_scanner_poll(dc_scanner_t *s, int64_t now_ms, char out[DC_SCAN_MAX + 1]);

#endif
