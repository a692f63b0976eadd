/* Shared between store.c and verify.c; not part of the store's interface. */
#ifndef DC_STORE_INTERNAL_H
#define DC_STORE_INTERNAL_H

#include <sqlite3.h>
#include <sys/types.h>

#include "core/merkle.h"
#include "store/lock.h"
#include "store/store.h"

struct dc_store {
    sqlite3 *db;
    sqlite3_stmt *insert_event;
    char select_events[2048];      /* "SELECT <columns>,prev_hash,hash FROM events" */
    char select_event[2100];       /* the same "WHERE seq = ?", kept for the statement cache */
    char select_corrections[2200]; /* the corrections naming one event, kept the same way */
    /* Statements of the append path, prepared once (keyed by their SQL text). */
    sqlite3_stmt *cache[16];
    const char *cache_sql[16];
    char detail[256];
    bool bulk; /* in dc_store_bulk_begin's transaction */
    /* The clock events marked stamp_at_commit are stamped with, under the write lock. */
    int64_t (*now_ms)(void);
    /* The ledger's lock (store/lock.h), held while open; NULL for a read-only open of media
     * where it cannot be made. */
    dc_lock_t *lock;
    /* The file that was opened: a commit into another file at the same name (swapped under us)
     * is refused. */
    char path[4096];
    dev_t dev;
    ino_t ino;
    /* The tree's right edge after the event whose link is tree_head (store/tree.c), grown with
     * each append; trusted only while tree_known and the ledger's head is still tree_head. */
    dc_merkle_acc_t tree_acc;
    uint8_t tree_head[DC_HASH_LEN];
    bool tree_known;
    sqlite3_stmt *tree_link, *tree_node, *tree_put;
};

/* DC_E_OK while the file at the ledger's path is still the one that was opened. */
dc_err_t dc_store_same_file(dc_store_t *st);

/* Define daicho_mac(key_hex, table, values...) on db: a BLAKE2b MAC of the values under the
 * ledger's row MAC key, which the triggers of schema/005_row_macs.sql keep on the rows that
 * decide an identity or a rule. unused must be NULL (room for a per-connection key). */
int dc_store_register_functions(sqlite3 *db, const void *unused);

/* DC_E_OK when every MAC'd row (credentials, terminal_key, trusted_terminals) carries the MAC of
 * its values, and the terminal's id in meta is its key's; DC_E_VERIFY_FAILED with rep filled. */
dc_err_t dc_store_check_macs(dc_store_t *st, dc_verify_t *rep);

/* The tree of schema/008 (store/tree.c). dc_store_tree_add writes the row of event seq (whose chain
 * link is link, after prev) in the transaction that writes the event; dc_store_tree_forget drops
 * the edge in memory after a rollback; dc_store_tree_fill writes the rows of every event already
 * kept (the migration to schema 8); dc_store_tree_close finalizes the statements. */
dc_err_t dc_store_tree_add(dc_store_t *st, int64_t seq, const uint8_t prev[DC_HASH_LEN],
                           const uint8_t link[DC_HASH_LEN]);
void dc_store_tree_forget(dc_store_t *st);
dc_err_t dc_store_tree_fill(dc_store_t *st);
void dc_store_tree_close(dc_store_t *st);

/* verify's walk over the tree: begin, push every event's link in order, end; what receives the
 * reason when one returns DC_E_VERIFY_FAILED. */
typedef struct dc_tree_check dc_tree_check_t;
dc_err_t dc_tree_check_begin(dc_store_t *st, dc_tree_check_t **out);
dc_err_t dc_tree_check_push(dc_tree_check_t *c, int64_t seq, const uint8_t link[DC_HASH_LEN],
                            char *what, size_t cap);
dc_err_t dc_tree_check_end(dc_tree_check_t *c, char *what, size_t cap);
void dc_tree_check_free(dc_tree_check_t *c);

/* Map a SQLite result code to a dc_err_t, keeping SQLite's message in st->detail. */
dc_err_t dc_store_sqlerr(dc_store_t *st, int rc);

/* Read the current row of a statement made from select_events into values (pointing into the
 * statement) and the two hashes. DC_E_VERIFY_FAILED when a column has the wrong type. */
dc_err_t dc_store_row_values(sqlite3_stmt *s, dc_value_t v[DC_EVENT_NFIELDS],
                             uint8_t prev[DC_HASH_LEN], uint8_t hash[DC_HASH_LEN]);

/* Read the item or staff row of a "SELECT * FROM items/staff" statement. */
dc_err_t dc_store_row_item(sqlite3_stmt *s, dc_item_t *it);
dc_err_t dc_store_row_staff(sqlite3_stmt *s, dc_staff_t *sf);

#endif
