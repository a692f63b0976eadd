/* Benchmark ledgers: N realistic events written quickly and deterministically. Every event goes
 * through dc_store_append and the rules, as at the counter; only the PIN hashing is left out (no
 * PINs are set) and many records share one transaction (dc_store_bulk_begin). */
#ifndef DC_DESK_GEN_H
#define DC_DESK_GEN_H

#include <stdint.h>

#include "desk/desk.h"

typedef struct {
    int64_t events;    /* how many events to write in all */
    unsigned seed;     /* the same seed and options give the same events */
    const char *start; /* YYYY-MM of the first month of work; NULL: 2013-04 */
    int per_day;       /* events on a working day; 0: 300 (about 6,300 a month) */
} dc_gen_opts_t;

/* Fill a new, empty ledger: a roster of 60 (one administrator, 8 managers) and 3,000 items on the
 * day before the first month, more items registered as time goes on, and working days (Monday to
 * Friday, 08:30-17:15) of log-ins, take-outs and returns, copies, transports and arrivals,
 * disposals and failed log-ins. last_month (may be NULL) receives the month of the last event. */
DC_WUR dc_err_t dc_desk_gen(dc_store_t *st, const dc_term_t *term, const dc_gen_opts_t *opts,
                            char last_month[8]);

#endif
