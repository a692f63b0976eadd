/* Bulk loading: many appends in one transaction, for generating benchmark ledgers quickly. */
#include <stdio.h>

#include "store/internal.h"

/* A page cache large enough for the event indexes of a big ledger while it is written; the
 * default (2 MiB) makes every index insert read and decrypt pages again. */
enum { BULK_CACHE_KIB = 65536 };

dc_err_t dc_store_bulk_begin(dc_store_t *st)
{
    DC_EXPECT(st && !st->bulk);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", BULK_CACHE_KIB);
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return dc_store_sqlerr(st, rc);
    st->bulk = true;
    return DC_E_OK;
}

dc_err_t dc_store_bulk_end(dc_store_t *st, bool commit)
{
    DC_EXPECT(st && st->bulk);
    st->bulk = false;
    if (!commit)
        dc_store_tree_forget(st);
    int rc = sqlite3_exec(st->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        dc_err_t e = dc_store_sqlerr(st, rc);
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        dc_store_tree_forget(st);
        return e;
    }
    return dc_store_sqlerr(st, sqlite3_exec(st->db, "PRAGMA cache_size=-2000", NULL, NULL, NULL));
}
