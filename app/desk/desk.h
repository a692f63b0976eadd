/* The use cases of the counter, shared by the kiosk and daicho-admin: open the ledger, make
 * codes, register, enrol and record custody events. Calls core to validate and store to commit;
 * no SDL, no printing. */
#ifndef DC_DESK_DESK_H
#define DC_DESK_DESK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/code.h"
#include "core/err.h"
#include "core/event.h"
#include "store/types.h"

#define DC_PIN_HASH_MAX 128

/* Who is recording: the terminal, its UTC offset and the channel events are entered through. */
typedef struct {
    char terminal[DC_SHORT_MAX];
    char office[DC_SHORT_MAX];
    int32_t tz_min;
    dc_channel_t channel;
} dc_term_t;

typedef struct {
    const char *terminal; /* NULL: "daicho-1" */
    const char *office;   /* NULL: "" */
    int32_t tz_min;       /* minutes east of UTC; 540 is Japan */
} dc_init_opts_t;

/* Create the ledger: the key file first if missing (mode 0600), then the database. */
DC_WUR dc_err_t dc_desk_init(const char *db_path, const char *key_path, const dc_init_opts_t *opts);

/* Open an existing ledger with the key in key_path and read the terminal settings. */
DC_WUR dc_err_t dc_desk_open(const char *db_path, const char *key_path, dc_channel_t channel,
                             dc_store_t **st, dc_term_t *term);

/* A fresh random code of the type that names no item or staff member yet. */
DC_WUR dc_err_t dc_desk_new_code(dc_store_t *st, dc_code_type_t type, char out[DC_CODE_MAX]);

/* Stamp ev with the time, terminal and channel. */
void dc_desk_stamp(const dc_term_t *term, dc_event_t *ev);

/* Record one event of the given type for each of n items, all from the template tmpl (whose
 * item field is ignored), in one transaction. seqs (n entries) receives the sequence numbers.
 * On a refusal nothing is written and *failed is the index of the refused item. */
DC_WUR dc_err_t dc_desk_record(dc_store_t *st, const dc_term_t *term, const dc_event_t *tmpl,
                               const char (*items)[DC_CODE_MAX], int n, int64_t *seqs, int *failed);

/* True for a PIN anyone would try first: shorter than 4, one digit repeated, or a run of
 * digits up or down (1234, 4321). */
bool dc_desk_pin_weak(const char *pin);
/* Hash a PIN with Argon2id (libsodium crypto_pwhash_str) and keep it for the badge. The PIN must
 * be 4 to 8 digits (DC_E_USAGE) and not weak (DC_E_PIN_WEAK). */
DC_WUR dc_err_t dc_desk_set_pin(dc_store_t *st, const char *badge, const char *pin);
/* DC_E_OK when pin matches the badge's stored hash, DC_E_R_ACTOR_UNKNOWN when none is kept,
 * DC_E_USAGE when it does not match. */
DC_WUR dc_err_t dc_desk_check_pin(dc_store_t *st, const char *badge, const char *pin);

/* Month "YYYY-MM" to [from, to) in milliseconds at the terminal's offset. */
DC_WUR dc_err_t dc_desk_month_range(const char *month, int32_t tz_min, int64_t *from, int64_t *to);

/* ---- One call per counter action. Each logs its own refusal (a refused event by the actor:
 * purpose the type attempted, detail the reason) before it returns it, so no caller can forget
 * it; nothing else is written on a refusal. ---- */

/* Log a refusal of the rules (class DC_CLASS_REFUSED; anything else is not logged) as a refused
 * event; item and second may be NULL. Returns the logging's own result. */
DC_WUR dc_err_t dc_desk_log_refusal(dc_store_t *st, const dc_term_t *term, const char *actor,
                                    dc_evtype_t attempted, dc_err_t why, const char *item,
                                    const char *second);

/* Change n settings as one record (all or nothing), each a setting event by actor: the key
 * must be known and the value valid for it (DC_E_R_SETTING_VALUE), a printer not at the ledger
 * or key. *seq (may be NULL) is the last event's number. */
DC_WUR dc_err_t dc_desk_set_settings(dc_store_t *st, const dc_term_t *term, const char *actor,
                                     const char *const *keys, const char *const *values, int n,
                                     int64_t *seq);
DC_WUR dc_err_t dc_desk_set_setting(dc_store_t *st, const dc_term_t *term, const char *actor,
                                    const char *key, const char *value, int64_t *seq);

/* Enrol a person: ev is an enroll event (actor, subject = the badge, "" for a fresh one written
 * back, name, kana, role, section, designated). */
DC_WUR dc_err_t dc_desk_enrol(dc_store_t *st, const dc_term_t *term, dc_event_t *ev, int64_t *seq);

/* Register n items as one record, the one way of the kiosk, daicho-admin and the import: evs
 * are register events (actor, kind, category, title, place, section, notes, personal,
 * my_number; My Number data is personal by definition); an empty item gets a fresh code,
 * written back. With trial nothing is written (a dry run, nothing logged). On a refusal
 * *failed is the refused one's index (-1 when not one in particular). */
DC_WUR dc_err_t dc_desk_register(dc_store_t *st, const dc_term_t *term, dc_event_t *evs, int n,
                                 bool trial, int *failed);

/* Files a monthly export writes to the medium (様式2/10/8 CSV and PDF, the inventory CSV). */
#define DC_DESK_EXPORT_FILES 7
/* The copy event of a month's export to a medium, built once for the kiosk's early checks and
 * the record itself. */
void dc_desk_export_copy_event(const dc_term_t *term, const char *month, const char *actor,
                               const char *approver, const char *medium, dc_event_t *ev);
/* The medium of an export: a registered item (DC_E_R_ITEM_UNKNOWN) that is not paper
 * (DC_E_EXPORT_PAPER); out (may be NULL) receives it. A refusal is logged as the copy's. */
DC_WUR dc_err_t dc_desk_export_medium(dc_store_t *st, const dc_term_t *term, const char *actor,
                                      const char *approver, const char *medium, dc_item_t *out);
/* Record that copy (before a byte is written), the medium checked first; *seq its number. */
DC_WUR dc_err_t dc_desk_export_copy(dc_store_t *st, const dc_term_t *term, const char *month,
                                    const char *actor, const char *approver, const char *medium,
                                    int64_t *seq);
/* Record that actor read a report out (what, e.g. "ledger 2026-10"), to path in format. */
DC_WUR dc_err_t dc_desk_log_export(dc_store_t *st, const dc_term_t *term, const char *actor,
                                   const char *what, const char *path, const char *format,
                                   int64_t *seq);

typedef struct {
    const char *month; /* YYYY-MM of the demo month; NULL: the month before the clock's */
    unsigned seed;
} dc_demo_opts_t;

/* Fill a new, empty ledger with a demo office: staff of each role, some dozens of items and a
 * month of custody events, every one through the rules. */
DC_WUR dc_err_t dc_desk_demo(dc_store_t *st, const dc_term_t *term, const dc_demo_opts_t *opts,
                             int64_t *events_out);

#endif
