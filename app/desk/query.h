/* What the kiosk, daicho-admin and the report writers read, through the desk: people, items,
 * settings, the chain head and seals, trusted terminals, verify, and the events a person is
 * shown. Every event a reader shows (an item's history, the ledger, the forms, a record's
 * receipt) comes through one walk that applies the corrections naming it (desk/correct.h), so
 * no reader can forget them. Nothing here writes, except dc_desk_checkpoint (the WAL, no
 * event). */
#ifndef DC_DESK_QUERY_H
#define DC_DESK_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk/desk.h"

/* Look-ups; DC_E_NOT_FOUND when absent. */
DC_WUR dc_err_t dc_desk_staff_get(dc_store_t *st, const char *badge, dc_staff_t *out);
DC_WUR dc_err_t dc_desk_item_get(dc_store_t *st, const char *code, dc_item_t *out);
/* Items by code (all of them for DC_STATE_NONE); staff by badge. */
DC_WUR dc_err_t dc_desk_items_each(dc_store_t *st, dc_state_t state, dc_item_cb cb, void *ctx);
DC_WUR dc_err_t dc_desk_staff_each(dc_store_t *st, dc_staff_cb cb, void *ctx);

/* Events as shown, corrections applied (in sequence order): those naming an item (as item or
 * copy destination), those with from_ms <= ts_ms < to_ms, those of one record (group), and
 * those linked to seq (its return or arrival, reprints, corrections). */
DC_WUR dc_err_t dc_desk_events_of_item(dc_store_t *st, const char *code, dc_event_cb cb, void *ctx);
DC_WUR dc_err_t dc_desk_events_between(dc_store_t *st, int64_t from_ms, int64_t to_ms,
                                       dc_event_cb cb, void *ctx);
DC_WUR dc_err_t dc_desk_events_in_group(dc_store_t *st, int64_t group, dc_event_cb cb, void *ctx);
DC_WUR dc_err_t dc_desk_events_linked(dc_store_t *st, int64_t seq, dc_event_cb cb, void *ctx);

/* The log itself, as written (from_ms <= ts_ms < to_ms, in sequence order): the month's
 * read-out for an auditor, where a correction is its own row beside the original it names.
 * Every other reader shows events as corrected, through the walks above. */
DC_WUR dc_err_t dc_desk_log_between(dc_store_t *st, int64_t from_ms, int64_t to_ms, dc_event_cb cb,
                                    void *ctx);

/* Whether ev would be allowed now by the rules (nothing is written). */
DC_WUR dc_err_t dc_desk_check_event(dc_store_t *st, const dc_event_t *ev);

/* A terminal setting as kept (DC_E_NOT_FOUND when unset). */
DC_WUR dc_err_t dc_desk_setting_get(dc_store_t *st, const char *key, char *buf, size_t cap);
/* Number of events and the chain head. */
DC_WUR dc_err_t dc_desk_head(dc_store_t *st, int64_t *count, uint8_t head[DC_HASH_LEN]);
/* The latest seal: its month and seq; DC_E_NOT_FOUND when none. */
DC_WUR dc_err_t dc_desk_last_seal(dc_store_t *st, char month[8], int64_t *seq);
/* The terminals whose receipts this one trusts, by id. */
DC_WUR dc_err_t dc_desk_trusted_each(dc_store_t *st, dc_trusted_cb cb, void *ctx);
/* A badge's PIN failures and lock, as counted in the ledger. */
DC_WUR dc_err_t dc_desk_pin_state(dc_store_t *st, const char *badge, int *failures, bool *locked);
/* Full verification of the ledger (store/store.h dc_store_verify). */
DC_WUR dc_err_t dc_desk_verify(dc_store_t *st, dc_verify_t *rep);

/* The last SQLite message, for logs (English, technical). */
const char *dc_desk_detail(const dc_store_t *st);
/* Fold the WAL back while nobody waits (never blocks). */
DC_WUR dc_err_t dc_desk_checkpoint(dc_store_t *st);
/* Close the ledger (NULL is fine). */
void dc_desk_close(dc_store_t *st);

/* An item out (taken out, or in transit) with the record that put it there, as corrected: who
 * has it, since when and until when. What the kiosk shows a person of their own items and at a
 * return's cart. */
typedef struct {
    dc_item_t item;
    char holder_name[DC_SHORT_MAX]; /* the holder's name; the badge when not enrolled */
    char since[DC_DATE_MAX];        /* local date of the take-out (or transport) */
    char due[DC_DATE_MAX];          /* expected back; "" when the record gives none */
    bool overdue;                   /* due before today */
} dc_held_t;

/* The record that put it (out or in transit) and its facts, overdue against today
 * ("YYYY-MM-DD"); DC_E_NOT_FOUND when the item is neither out nor in transit. */
DC_WUR dc_err_t dc_desk_item_held(dc_store_t *st, const dc_item_t *it, const char *today,
                                  dc_held_t *out);
/* The items badge has taken out and not returned, the earliest due first (those without a due
 * date last, then by code): up to cap of them in out; *total how many there are, *noverdue how
 * many are overdue against today (all of them, not only those in out). */
DC_WUR dc_err_t dc_desk_items_held_by(dc_store_t *st, const char *badge, const char *today,
                                      dc_held_t *out, int cap, int *total, int *noverdue);

#endif
