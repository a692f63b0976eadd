/* The terminal's receipt-signing key and the other terminals it trusts (schema 002). */
#include <string.h>

#include "store/internal.h"

/* When a key was kept or trusted: a note for people, not part of any hash. */
#define NOW_MS "CAST(unixepoch('subsec') * 1000 AS INTEGER)"

static dc_err_t prepare(dc_store_t *st, const char *sql, sqlite3_stmt **s)
{
    return dc_store_sqlerr(st, sqlite3_prepare_v2(st->db, sql, -1, s, NULL));
}

/* Copy a blob column of exactly n bytes; false when it has another length. */
static bool blob_col(sqlite3_stmt *s, int col, uint8_t *out, int n)
{
    if (sqlite3_column_type(s, col) != SQLITE_BLOB || sqlite3_column_bytes(s, col) != n)
        return false;
    memcpy(out, sqlite3_column_blob(s, col), (size_t)n);
    return true;
}

dc_err_t dc_store_terminal_key_get(dc_store_t *st, char id[DC_TERMINAL_ID_MAX],
                                   uint8_t pk[DC_STORE_PK_LEN], uint8_t *sk)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st, "SELECT terminal_id, public_key, secret_key FROM terminal_key", &s);
    if (e)
        return e;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        bool ok = t && dc_copy(id, DC_TERMINAL_ID_MAX, t) && blob_col(s, 1, pk, DC_STORE_PK_LEN);
        if (ok && sk)
            ok = blob_col(s, 2, sk, DC_STORE_SK_LEN);
        e = ok ? DC_E_OK : DC_E_DB_CORRUPT;
    } else {
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    }
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_terminal_key_put(dc_store_t *st, const char *id,
                                   const uint8_t pk[DC_STORE_PK_LEN],
                                   const uint8_t sk[DC_STORE_SK_LEN])
{
    sqlite3_stmt *s = NULL;
    dc_err_t e = dc_store_sqlerr(st, sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL));
    if (e)
        return e;
    /* Never into a file swapped under us (store/lock.h). */
    if ((e = dc_store_same_file(st)))
        goto out;
    if ((e = prepare(st,
                     "INSERT INTO terminal_key(one, terminal_id, public_key, secret_key, "
                     "created_ms) VALUES(1, ?, ?, ?, " NOW_MS ")",
                     &s)))
        goto out;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, pk, DC_STORE_PK_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, sk, DC_STORE_SK_LEN, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        e = DC_E_TERMINAL_CONFLICT;
    else
        e = dc_store_sqlerr(st, rc);
    if (!e)
        e = dc_store_meta_set(st, "terminal_id", id);
    if (!e)
        e = dc_store_sqlerr(st, sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL));
out:
    sqlite3_finalize(s);
    if (e)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return e;
}

dc_err_t dc_store_trusted_get(dc_store_t *st, const char *id, uint8_t pk[DC_STORE_PK_LEN],
                              char *name, size_t cap)
{
    sqlite3_stmt *s;
    dc_err_t e =
        prepare(st, "SELECT public_key, name FROM trusted_terminals WHERE terminal_id = ?", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const char *n = (const char *)sqlite3_column_text(s, 1);
        bool ok = blob_col(s, 0, pk, DC_STORE_PK_LEN);
        if (ok && name)
            ok = dc_copy(name, cap, n ? n : "");
        e = ok ? DC_E_OK : DC_E_DB_CORRUPT;
    } else {
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    }
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_trusted_put(dc_store_t *st, const char *id, const uint8_t pk[DC_STORE_PK_LEN],
                              const char *name)
{
    uint8_t have[DC_STORE_PK_LEN];
    dc_err_t e = dc_store_trusted_get(st, id, have, NULL, 0);
    if (!e && memcmp(have, pk, DC_STORE_PK_LEN) != 0)
        return DC_E_TERMINAL_CONFLICT;
    if (e && e != DC_E_NOT_FOUND)
        return e;
    if ((e = dc_store_same_file(st)))
        return e;
    sqlite3_stmt *s;
    if ((e = prepare(st,
                     "INSERT INTO trusted_terminals(terminal_id, public_key, name, trusted_ms) "
                     "VALUES(?, ?, ?, " NOW_MS ") ON CONFLICT(terminal_id) DO UPDATE SET "
                     "name = excluded.name",
                     &s)))
        return e;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, pk, DC_STORE_PK_LEN, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, name ? name : "", -1, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_trusted_each(dc_store_t *st, dc_trusted_cb cb, void *ctx)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st,
                         "SELECT terminal_id, public_key, name FROM trusted_terminals "
                         "ORDER BY terminal_id",
                         &s);
    if (e)
        return e;
    int rc;
    uint8_t pk[DC_STORE_PK_LEN];
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(s, 0);
        const char *name = (const char *)sqlite3_column_text(s, 2);
        if (!id || !blob_col(s, 1, pk, DC_STORE_PK_LEN)) {
            e = DC_E_DB_CORRUPT;
            break;
        }
        if (cb(id, pk, name ? name : "", ctx))
            break;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}
