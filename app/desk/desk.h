/* The use cases of the counter, shared by the kiosk and daicho-admin: open the ledger, make
 * codes, register, enrol and record custody events. Calls core to validate and store to commit;
 * no SDL, no printing. */
#ifndef DC_DESK_DESK_H
#define DC_DESK_DESK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/code.h"
#include "core/event.h"
#include "store/store.h"

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

typedef struct {
    const char *month; /* YYYY-MM of the demo month; NULL: the month before the clock's */
    unsigned seed;
} dc_demo_opts_t;

/* Fill a new, empty ledger with a demo office: staff of each role, some dozens of items and a
 * month of custody events, every one through the rules. */
DC_WUR dc_err_t dc_desk_demo(dc_store_t *st, const dc_term_t *term, const dc_demo_opts_t *opts,
                             int64_t *events_out);

#endif
