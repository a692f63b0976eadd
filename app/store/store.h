/* The ledger on disk: one SQLCipher database, WAL, synchronous=FULL, an append-only event table
 * and the item and staff state derived from it. The only module that includes sqlite3.h. */
#ifndef DC_STORE_STORE_H
#define DC_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/canon.h"
#include "core/err.h"
#include "core/event.h"
#include "core/model.h"
#include "store/types.h"

#define DC_STORE_KEY_LEN 32

/* Open the database at path with a raw 256-bit key. With create, the file must not exist and is
 * created with the current schema; without, it must exist. Before SQLite touches the file,
 * a plaintext SQLite file (DC_E_DB_PLAINTEXT), an empty one (DC_E_DB_EMPTY) and one that is not
 * whole pages (DC_E_DB_TRUNCATED) are refused; a key that does not open it is DC_E_DB_WRONG_KEY;
 * a schema newer than this program is DC_E_DB_NEWER. The file is not modified on any refusal. */
DC_WUR dc_err_t dc_store_open(const char *path, const uint8_t key[DC_STORE_KEY_LEN], bool create,
                              dc_store_t **out);
void dc_store_close(dc_store_t *st);

/* Open an existing ledger read-only (for verify, and copies on media): nothing is written, not
 * even a checkpoint. With immutable, SQLite does not look for or make the -shm index, which
 * media that cannot be written need; a -wal beside the file is then not read. */
DC_WUR dc_err_t dc_store_open_ro(const char *path, const uint8_t key[DC_STORE_KEY_LEN],
                                 bool immutable, dc_store_t **out);

/* The clock of the program: from now on an event stamped by dc_desk_stamp gets its ts_ms
 * from now_ms() inside the write transaction, after the write lock is held, so that the time
 * stamps of several programs writing one ledger follow the order of the chain. */
void dc_store_set_clock(dc_store_t *st, int64_t (*now_ms)(void));

/* The last SQLite message, for logs (English, technical). */
const char *dc_store_detail(const dc_store_t *st);

/* Terminal settings kept in the meta table. */
DC_WUR dc_err_t dc_store_meta_get(dc_store_t *st, const char *key, char *buf, size_t cap);
DC_WUR dc_err_t dc_store_meta_set(dc_store_t *st, const char *key, const char *value);

/* Validate and append n events in one transaction with one fsync: each is checked by the rules
 * against the state left by the ones before it, numbered, chained and written, and the derived
 * state is updated. All or nothing: on a refusal nothing is written and *failed (if not NULL)
 * is the index of the refused event. On success each event has its seq, group_seq and hashes. */
DC_WUR dc_err_t dc_store_append(dc_store_t *st, dc_event_t *evs, int n, int *failed);

/* As dc_store_append, but everything is rolled back at the end: whether the whole batch would be
 * accepted, each event checked against the ones before it (a dry run). */
DC_WUR dc_err_t dc_store_trial(dc_store_t *st, dc_event_t *evs, int n, int *failed);

/* Ask the rules whether ev would be allowed now, without writing anything. */
DC_WUR dc_err_t dc_store_check(dc_store_t *st, const dc_event_t *ev);

/* Look-ups; DC_E_NOT_FOUND when absent. */
DC_WUR dc_err_t dc_store_item_get(dc_store_t *st, const char *code, dc_item_t *out);
DC_WUR dc_err_t dc_store_staff_get(dc_store_t *st, const char *badge, dc_staff_t *out);
DC_WUR dc_err_t dc_store_event_get(dc_store_t *st, int64_t seq, dc_event_t *out);

/* Items by code; all of them when state is DC_STATE_NONE. */
DC_WUR dc_err_t dc_store_items_each(dc_store_t *st, dc_state_t state, dc_item_cb cb, void *ctx);
DC_WUR dc_err_t dc_store_staff_each(dc_store_t *st, dc_staff_cb cb, void *ctx);
/* Events with from_ms <= ts_ms < to_ms, in sequence order. */
DC_WUR dc_err_t dc_store_events_between(dc_store_t *st, int64_t from_ms, int64_t to_ms,
                                        dc_event_cb cb, void *ctx);
/* Events naming the item (as item or as copy destination), in sequence order. */
DC_WUR dc_err_t dc_store_events_for_item(dc_store_t *st, const char *code, dc_event_cb cb,
                                         void *ctx);

/* Copy the WAL back into the database while nobody waits (the kiosk when idle). Never blocks:
 * a busy database is left for the next time. */
DC_WUR dc_err_t dc_store_checkpoint_idle(dc_store_t *st);

/* Every monthly check (the seals), in sequence order. */
DC_WUR dc_err_t dc_store_seals_each(dc_store_t *st, dc_event_cb cb, void *ctx);
/* The events that name seq as their link (the return of a take-out, the arrival of a
 * transport, reprints of a receipt), in sequence order. */
DC_WUR dc_err_t dc_store_events_linked(dc_store_t *st, int64_t seq, dc_event_cb cb, void *ctx);
/* Take-outs and transports recorded before before_ms that no return or arrival recorded before
 * before_ms has closed: what was out or on the way at that moment, in sequence order. */
DC_WUR dc_err_t dc_store_open_handovers(dc_store_t *st, int64_t before_ms, dc_event_cb cb,
                                        void *ctx);
/* The corrections naming seq, in sequence order, from a statement kept prepared (every event a
 * reader is shown asks): cb must not walk the corrections of another event itself. */
DC_WUR dc_err_t dc_store_corrections_of(dc_store_t *st, int64_t seq, dc_event_cb cb, void *ctx);
/* The latest monthly check: its month (YYYY-MM) and seq; DC_E_NOT_FOUND when none. */
DC_WUR dc_err_t dc_store_last_seal(dc_store_t *st, char month[8], int64_t *seq);

/* The events of one record (those committed together, group_seq = group), in sequence order.
 * Walks nothing when there are none. */
DC_WUR dc_err_t dc_store_events_in_group(dc_store_t *st, int64_t group, dc_event_cb cb, void *ctx);

/* Number of events and the chain head (32 zero bytes when empty). */
DC_WUR dc_err_t dc_store_head(dc_store_t *st, int64_t *count, uint8_t head[DC_HASH_LEN]);

/* The chain link of event upto, recomputed from event 1 out of the stored contents (the stored
 * hashes are not trusted). DC_E_NOT_FOUND when the log holds no event upto; DC_E_VERIFY_FAILED
 * when a row on the way cannot be read as it was written. */
DC_WUR dc_err_t dc_store_chain_at(dc_store_t *st, int64_t upto, uint8_t out[DC_HASH_LEN]);

/* The terminal's receipt-signing key pair (Ed25519) and the terminals it trusts (the sizes and
 * the callback in store/types.h). */
/* This terminal's id and key pair; DC_E_NOT_FOUND when none is kept yet. sk may be NULL. */
DC_WUR dc_err_t dc_store_terminal_key_get(dc_store_t *st, char id[DC_TERMINAL_ID_MAX],
                                          uint8_t pk[DC_STORE_PK_LEN], uint8_t *sk);
/* Keep the key pair, and its id as meta terminal_id, in one transaction. A key is never
 * replaced: DC_E_TERMINAL_CONFLICT when one is kept already. */
DC_WUR dc_err_t dc_store_terminal_key_put(dc_store_t *st, const char *id,
                                          const uint8_t pk[DC_STORE_PK_LEN],
                                          const uint8_t sk[DC_STORE_SK_LEN]);

/* Trust another terminal's public key under its id (again with the same key renames it);
 * DC_E_TERMINAL_CONFLICT when another key is trusted under that id. */
DC_WUR dc_err_t dc_store_trusted_put(dc_store_t *st, const char *id,
                                     const uint8_t pk[DC_STORE_PK_LEN], const char *name);
/* The trusted key for id; DC_E_NOT_FOUND when none. name (cap bytes) may be NULL. */
DC_WUR dc_err_t dc_store_trusted_get(dc_store_t *st, const char *id, uint8_t pk[DC_STORE_PK_LEN],
                                     char *name, size_t cap);
/* Trusted terminals by id. */
DC_WUR dc_err_t dc_store_trusted_each(dc_store_t *st, dc_trusted_cb cb, void *ctx);

/* PIN hashes (opaque strings made by the caller). */
DC_WUR dc_err_t dc_store_pin_set(dc_store_t *st, const char *badge, const char *hash);
DC_WUR dc_err_t dc_store_pin_get(dc_store_t *st, const char *badge, char *hash, size_t cap);

/* The PIN failure counter, kept durably: each change is its own committed transaction. */
DC_WUR dc_err_t dc_store_pin_state(dc_store_t *st, const char *badge, int *failures, bool *locked);
/* Count one more attempt before the PIN is checked, so a power cut cannot forget it. */
DC_WUR dc_err_t dc_store_pin_attempt(dc_store_t *st, const char *badge, int *failures);
/* One PIN attempt, admitted or refused in one write transaction: the count grows by one only
 * while the badge is not locked, fewer than lock_at attempts are counted and the wait after the
 * last wrong PIN (1, 2, 4, 8 s: kept durably in last_fail_ms) has passed at now_ms. Admitted:
 * DC_E_OK with the stored hash (cap bytes) and *failures the count with this attempt. Refused:
 * DC_E_PIN_LOCKED (the attempt that finds lock_at others counted locks the badge),
 * DC_E_PIN_WAIT (*wait_ms left), DC_E_NOT_FOUND (no PIN kept). */
DC_WUR dc_err_t dc_store_pin_begin(dc_store_t *st, const char *badge, int lock_at, int64_t now_ms,
                                   char *hash, size_t cap, int *failures, int64_t *wait_ms);
/* After an admitted attempt's PIN was wrong: keep the time of the failure and lock once lock_at
 * attempts are counted. */
DC_WUR dc_err_t dc_store_pin_wrong(dc_store_t *st, const char *badge, int lock_at, int64_t now_ms,
                                   int *failures, bool *locked);
/* After an admitted attempt's PIN was right: reset the count; DC_E_PIN_LOCKED when the badge was
 * locked meanwhile by the attempts around it (the right PIN then does not count). */
DC_WUR dc_err_t dc_store_pin_right(dc_store_t *st, const char *badge);
/* How long the next attempt must still wait at now_ms (0 when it need not). */
DC_WUR dc_err_t dc_store_pin_wait(dc_store_t *st, const char *badge, int64_t now_ms,
                                  int64_t *wait_ms);
/* After a wrong PIN: lock when the count has reached lock_at. */
DC_WUR dc_err_t dc_store_pin_fail(dc_store_t *st, const char *badge, int lock_at, bool *locked);
/* After a right PIN (reset the count) or a manager's unlock (reset and unlock). */
DC_WUR dc_err_t dc_store_pin_reset(dc_store_t *st, const char *badge, bool unlock);
/* Forget badge's PIN (a reset of a forgotten one): the next log-in is a first PIN again.
 * DC_E_NOT_FOUND when none is kept. */
DC_WUR dc_err_t dc_store_pin_drop(dc_store_t *st, const char *badge);

/* One-time enrolment codes (a hash made by the caller), one per badge: a new one replaces the
 * old. get: DC_E_NOT_FOUND when none is kept. */
DC_WUR dc_err_t dc_store_enrol_code_put(dc_store_t *st, const char *badge, const char *hash,
                                        int64_t expires_ms, const char *issued_by);
DC_WUR dc_err_t dc_store_enrol_code_get(dc_store_t *st, const char *badge, char *hash, size_t cap,
                                        int64_t *expires_ms);
DC_WUR dc_err_t dc_store_enrol_code_drop(dc_store_t *st, const char *badge);

/* Full verification: SQLCipher's HMAC of every page, SQLite's integrity check, the whole chain,
 * a replay of every event through the rules, and the derived item and staff tables against the
 * replay. DC_E_OK, or DC_E_VERIFY_FAILED with rep filled in. */
DC_WUR dc_err_t dc_store_verify(dc_store_t *st, dc_verify_t *rep);

/* Bulk loading (benchmark data sets): from dc_store_bulk_begin every dc_store_append is a
 * savepoint of one open transaction, validated and numbered as usual, and nothing is durable until
 * dc_store_bulk_end commits them all with one fsync (or, with commit false, drops them all). */
DC_WUR dc_err_t dc_store_bulk_begin(dc_store_t *st);
DC_WUR dc_err_t dc_store_bulk_end(dc_store_t *st, bool commit);

#endif
