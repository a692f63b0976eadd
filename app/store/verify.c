/* Full verification of the ledger: pages, chain, rules, derived state. */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "store/internal.h"
#include "store/migrations.h"

/* Code -> record, open addressing; records live in one growing array. */
typedef struct {
    size_t rec_size;
    char *recs; /* n records of rec_size bytes, each starting with its code */
    size_t n, cap;
    int32_t *slots; /* index + 1, 0 = empty */
    size_t nslots;
} map_t;

static uint32_t hash_code(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static void *map_rec(map_t *m, size_t i)
{
    return m->recs + i * m->rec_size;
}

static void *map_find(map_t *m, const char *code)
{
    if (!m->nslots || !code[0])
        return NULL;
    for (size_t i = hash_code(code) & (m->nslots - 1);; i = (i + 1) & (m->nslots - 1)) {
        if (!m->slots[i])
            return NULL;
        char *r = map_rec(m, (size_t)m->slots[i] - 1);
        if (strcmp(r, code) == 0)
            return r;
    }
}

static bool map_grow(map_t *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 256;
    char *recs = realloc(m->recs, ncap * m->rec_size);
    if (!recs)
        return false;
    m->recs = recs;
    m->cap = ncap;
    size_t nslots = ncap * 2;
    int32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = hash_code(map_rec(m, k)) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (int32_t)k + 1;
    }
    return true;
}

/* The record for code, added zeroed (with its code) when absent; NULL when out of memory. */
static void *map_get(map_t *m, const char *code)
{
    void *r = map_find(m, code);
    if (r)
        return r;
    if (m->n == m->cap && !map_grow(m))
        return NULL;
    r = map_rec(m, m->n);
    memset(r, 0, m->rec_size);
    snprintf(r, DC_CODE_MAX, "%s", code);
    size_t i = hash_code(code) & (m->nslots - 1);
    while (m->slots[i])
        i = (i + 1) & (m->nslots - 1);
    m->slots[i] = (int32_t)m->n + 1;
    m->n++;
    return r;
}

static void map_free(map_t *m)
{
    free(m->recs);
    free(m->slots);
}

static dc_err_t fail(dc_verify_t *rep, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The schema version the migrations left (PRAGMA user_version); an SQLite result code. */
static int schema_version(dc_store_t *st, int64_t *version)
{
    sqlite3_stmt *s;
    *version = 0;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *version = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return SQLITE_OK;
}

static dc_err_t fail(dc_verify_t *rep, int64_t seq, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->what, sizeof rep->what, fmt, ap);
    va_end(ap);
    rep->bad_seq = seq;
    return DC_E_VERIFY_FAILED;
}

/* ---- MACs of the rows beside the log ----
 *
 * PIN hashes and counters, the signing key and the trusted terminals are not events, but they
 * decide who may act and which receipts are genuine. Binding each change to the chain as an
 * event was the other way; it was not taken because the PIN counter changes at every attempt,
 * before the PIN is compared, in its own transaction (the power-cut rule), so an event for it
 * would double every attempt's writes and could still be cut off from its counter. The MAC is
 * kept by triggers inside the very statement that changes the row, so it is never out of step.
 * Its key is random per ledger and kept in meta (not derived from the database key, so rekey
 * and backups keep it valid); like every row it can only be read with the database key. What it
 * stops is an edit with another tool (the sqlcipher shell, a script): the triggers need
 * daicho_mac, so such an edit fails, or, with the triggers dropped, leaves a MAC that no longer
 * matches and a schema that is not the migrations' (check_schema). Someone who has the key and
 * rewrites these rows with daicho's own MAC is not stopped by it: for the events, the chain and
 * the signed paper checkpoints are what stop that. */

static void mac_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    uint8_t key[crypto_generichash_KEYBYTES], out[32];
    const char *hex = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
    size_t klen = 0;
    if (!hex || sodium_hex2bin(key, sizeof key, hex, strlen(hex), NULL, &klen, NULL) != 0 ||
        klen != sizeof key) {
        sqlite3_result_error(cx, "daicho_mac: no row MAC key", -1);
        return;
    }
    crypto_generichash_state h;
    crypto_generichash_init(&h, key, sizeof key, sizeof out);
    static const char domain[] = "daicho/row-mac/v1";
    crypto_generichash_update(&h, (const uint8_t *)domain, sizeof domain);
    for (int i = 1; i < argc; i++) {
        /* Type and length before each value: no two lists of values hash alike. */
        uint8_t tag[9];
        int t = sqlite3_value_type(argv[i]);
        const uint8_t *p = NULL;
        uint64_t n = 0;
        uint8_t num[8];
        if (t == SQLITE_INTEGER) {
            uint64_t v = (uint64_t)sqlite3_value_int64(argv[i]);
            for (int b = 0; b < 8; b++)
                num[b] = (uint8_t)(v >> (8 * b));
            p = num;
            n = 8;
        } else if (t == SQLITE_TEXT || t == SQLITE_BLOB) {
            p = t == SQLITE_TEXT ? sqlite3_value_text(argv[i]) : sqlite3_value_blob(argv[i]);
            n = (uint64_t)sqlite3_value_bytes(argv[i]);
        }
        tag[0] = (uint8_t)t;
        for (int b = 0; b < 8; b++)
            tag[1 + b] = (uint8_t)(n >> (8 * b));
        crypto_generichash_update(&h, tag, sizeof tag);
        if (n)
            crypto_generichash_update(&h, p, n);
    }
    crypto_generichash_final(&h, out, sizeof out);
    sodium_memzero(key, sizeof key);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

int dc_store_register_functions(sqlite3 *db, const void *unused)
{
    (void)unused;
    /* Innocuous: the triggers that call it must work with trusted_schema=OFF. */
    return sqlite3_create_function(db, "daicho_mac", -1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   mac_fn, NULL, NULL);
}

dc_err_t dc_store_check_macs(dc_store_t *st, dc_verify_t *rep)
{
    static const struct {
        const char *table, *what, *sql;
    } rows[] = {
        {"credentials", "the PIN record of",
         "SELECT badge FROM credentials WHERE mac IS NOT daicho_mac((SELECT value FROM meta "
         "WHERE key = 'row_mac_key'), 'credentials', badge, pin_hash, failures, locked, "
         "last_fail_ms) LIMIT 1"},
        {"terminal_key", "the terminal's signing key",
         "SELECT terminal_id FROM terminal_key WHERE mac IS NOT daicho_mac((SELECT value FROM "
         "meta WHERE key = 'row_mac_key'), 'terminal_key', terminal_id, public_key, secret_key, "
         "created_ms) OR terminal_id IS NOT (SELECT value FROM meta WHERE key = 'terminal_id') "
         "LIMIT 1"},
        {"trusted_terminals", "the trusted key of terminal",
         "SELECT terminal_id FROM trusted_terminals WHERE mac IS NOT daicho_mac((SELECT value "
         "FROM meta WHERE key = 'row_mac_key'), 'trusted_terminals', terminal_id, public_key, "
         "name, trusted_ms) LIMIT 1"},
        {"enrol_codes", "the enrolment code of",
         "SELECT badge FROM enrol_codes WHERE mac IS NOT daicho_mac((SELECT value FROM meta "
         "WHERE key = 'row_mac_key'), 'enrol_codes', badge, code_hash, expires_ms, issued_by) "
         "LIMIT 1"},
    };
    sqlite3_stmt *s;
    int64_t version;
    int rc = schema_version(st, &version);
    if (rc)
        return dc_store_sqlerr(st, rc);
    if (version < 5)
        return DC_E_OK; /* a ledger read before it was migrated has no MACs yet */
    dc_err_t e = DC_E_OK;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0] && !e; i++) {
        if ((rc = sqlite3_prepare_v2(st->db, rows[i].sql, -1, &s, NULL)))
            return fail(rep, 0, "%s cannot be checked: %s", rows[i].table, sqlite3_errmsg(st->db));
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            e = fail(rep, 0, "%s %s was changed outside daicho (its MAC does not match)",
                     rows[i].what, (const char *)sqlite3_column_text(s, 0));
        } else if (rc != SQLITE_DONE) {
            e = fail(rep, 0, "%s cannot be checked: %s", rows[i].table, sqlite3_errmsg(st->db));
        }
        sqlite3_finalize(s);
    }
    return e;
}

static dc_err_t check_pages(dc_store_t *st, dc_verify_t *rep)
{
    sqlite3_stmt *s;
    /* cipher_integrity_check reads the main file, not the WAL. After a power cut during a
     * checkpoint the main file may hold torn pages whose whole copies are still in the WAL:
     * fold the WAL in first, so that what is checked is what SQLite reads. A reader elsewhere
     * may hold part of it back; that part was never written to the main file then. */
    sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA cipher_integrity_check", -1, &s, NULL);
    if (rc)
        return dc_store_sqlerr(st, rc);
    dc_err_t e = DC_E_OK;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        e = fail(rep, 0, "cipher_integrity_check: %s", (const char *)sqlite3_column_text(s, 0));
    else if (rc != SQLITE_DONE)
        e = fail(rep, 0, "cipher_integrity_check failed: %s", sqlite3_errmsg(st->db));
    sqlite3_finalize(s);
    if (e)
        return e;

    /* The B-trees' structure, page by page; whether each index holds its table's rows is
     * check_indexes', which reads each index once in order instead of looking every entry up. */
    if ((rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check", -1, &s, NULL)))
        return dc_store_sqlerr(st, rc);
    rc = sqlite3_step(s);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    if (!r || strcmp(r, "ok") != 0)
        e = fail(rep, 0, "quick_check: %s", r ? r : sqlite3_errmsg(st->db));
    sqlite3_finalize(s);
    return e;
}

/* ---- every index against its table ----
 *
 * An index that lost an entry, holds one too many, or holds another value than its row makes a
 * query through it (an item's history, a month, the seals) answer differently from the table.
 * Each index is read once, in its own order, covering (its columns and the row's key), and each
 * table once for all its indexes; both sides are summed as a multiset: the sum mod 2^64 of a
 * SipHash, under a key drawn for this verify, of each entry's values. Equal sums and
 * counts mean the same entries, but for odds of 2^-64 that no one can aim at without the key. */
enum { INDEX_MAX = 16, INDEX_COLS = 8 };

typedef struct {
    char name[64], table[64], where[256];
    char cols[INDEX_COLS][64];
    int ncols;
    bool without_rowid; /* the table is its primary key's B-tree */
    uint64_t table_sum, index_sum;
    int64_t table_count, index_count;
} index_t;

/* The digest of one entry: ncols columns from column first. */
static uint64_t entry_hash(sqlite3_stmt *s, int first, int ncols,
                           const uint8_t key[crypto_shorthash_KEYBYTES])
{
    uint8_t buf[1024];
    size_t n = 0;
    for (int c = first; c < first + ncols; c++) {
        int type = sqlite3_column_type(s, c);
        if (n + 9 > sizeof buf)
            break;
        buf[n++] = (uint8_t)type;
        if (type == SQLITE_INTEGER) {
            int64_t v = sqlite3_column_int64(s, c);
            memcpy(buf + n, &v, 8);
            n += 8;
        } else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
            const void *p = type == SQLITE_TEXT ? (const void *)sqlite3_column_text(s, c)
                                                : sqlite3_column_blob(s, c);
            uint32_t len = (uint32_t)sqlite3_column_bytes(s, c);
            memcpy(buf + n, &len, 4);
            n += 4;
            size_t take = len < sizeof buf - n ? len : sizeof buf - n;
            if (p)
                memcpy(buf + n, p, take);
            n += take;
        } else if (type == SQLITE_FLOAT) {
            double v = sqlite3_column_double(s, c);
            memcpy(buf + n, &v, 8);
            n += 8;
        }
    }
    uint8_t h[crypto_shorthash_BYTES];
    crypto_shorthash(h, buf, n, key);
    uint64_t x;
    memcpy(&x, h, sizeof x);
    return x;
}

/* The indexes of the schema with their columns (the key's, then what points at the row: the
 * rowid, or a WITHOUT ROWID table's primary key) and partial WHERE (what follows " WHERE " in
 * their SQL); tables' own unique indexes (sqlite_autoindex_*) included, but not the primary key
 * of a WITHOUT ROWID table, which is the table itself. */
static dc_err_t list_indexes(dc_store_t *st, index_t *ix, int *n)
{
    sqlite3_stmt *s, *c;
    *n = 0;
    int rc = sqlite3_prepare_v2(
        st->db,
        "SELECT i.name, i.tbl_name, coalesce(i.sql, ''), t.sql LIKE '%WITHOUT ROWID%' "
        "FROM sqlite_schema i "
        "JOIN sqlite_schema t ON t.type = 'table' AND t.name = i.tbl_name "
        "WHERE i.type = 'index' AND NOT (t.sql LIKE '%WITHOUT ROWID%' AND "
        "i.name IN (SELECT name FROM pragma_index_list(i.tbl_name) "
        "WHERE origin = 'pk')) ORDER BY i.tbl_name, i.name",
        -1, &s, NULL);
    if (rc)
        return dc_store_sqlerr(st, rc);
    dc_err_t e = DC_E_OK;
    while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == INDEX_MAX) {
            e = DC_E_TOO_LONG;
            break;
        }
        index_t *x = &ix[(*n)++];
        memset(x, 0, sizeof *x);
        snprintf(x->name, sizeof x->name, "%s", (const char *)sqlite3_column_text(s, 0));
        snprintf(x->table, sizeof x->table, "%s", (const char *)sqlite3_column_text(s, 1));
        const char *sql = (const char *)sqlite3_column_text(s, 2);
        x->without_rowid = sqlite3_column_int(s, 3) != 0;
        const char *w = strstr(sql, " WHERE ");
        snprintf(x->where, sizeof x->where, "%s", w ? w + 7 : "1");
        char q[160];
        snprintf(q, sizeof q, "PRAGMA index_xinfo(\"%s\")", x->name);
        if ((rc = sqlite3_prepare_v2(st->db, q, -1, &c, NULL))) {
            e = dc_store_sqlerr(st, rc);
            break;
        }
        while (sqlite3_step(c) == SQLITE_ROW && x->ncols < INDEX_COLS) {
            const char *col = (const char *)sqlite3_column_text(c, 2);
            snprintf(x->cols[x->ncols++], sizeof x->cols[0], "%s", col ? col : "rowid");
        }
        sqlite3_finalize(c);
    }
    if (!e && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}

static size_t put_cols(char *sql, size_t at, size_t cap, const index_t *x)
{
    for (int k = 0; k < x->ncols; k++)
        at += (size_t)snprintf(sql + at, cap - at, "%s\"%s\"", k ? ", " : "", x->cols[k]);
    return at;
}

static dc_err_t check_indexes(dc_store_t *st, dc_verify_t *rep)
{
    index_t *ix = calloc(INDEX_MAX, sizeof *ix);
    if (!ix)
        return DC_E_NOMEM;
    uint8_t key[crypto_shorthash_KEYBYTES];
    crypto_shorthash_keygen(key);
    int n;
    dc_err_t e = list_indexes(st, ix, &n);
    char sql[4096];
    /* Each index in its own order. */
    for (int i = 0; !e && i < n; i++) {
        index_t *x = &ix[i];
        size_t at = (size_t)snprintf(sql, sizeof sql, "SELECT ");
        at = put_cols(sql, at, sizeof sql, x);
        snprintf(sql + at, sizeof sql - at, " FROM \"%s\" INDEXED BY \"%s\" WHERE %s", x->table,
                 x->name, x->where);
        sqlite3_stmt *s;
        int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
        if (rc) {
            e = fail(rep, 0, "index %s cannot be read: %s", x->name, sqlite3_errmsg(st->db));
            break;
        }
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            x->index_sum += entry_hash(s, 0, x->ncols, key);
            x->index_count++;
        }
        if (rc != SQLITE_DONE)
            e = fail(rep, 0, "index %s cannot be read: %s", x->name, sqlite3_errmsg(st->db));
        sqlite3_finalize(s);
    }
    /* Each table once, for all its indexes: per index, its WHERE as a flag, then its columns. */
    for (int i = 0; !e && i < n;) {
        int j = i;
        size_t at = (size_t)snprintf(sql, sizeof sql, "SELECT ");
        for (; j < n && strcmp(ix[j].table, ix[i].table) == 0; j++) {
            at += (size_t)snprintf(sql + at, sizeof sql - at, "%s(%s), ", j > i ? ", " : "",
                                   ix[j].where);
            at = put_cols(sql, at, sizeof sql, &ix[j]);
        }
        /* A WITHOUT ROWID table's scan would be served from a covering index all the same:
         * every column asked for makes it read the table's own B-tree. */
        snprintf(sql + at, sizeof sql - at, "%s FROM \"%s\" NOT INDEXED",
                 ix[i].without_rowid ? ", *" : "", ix[i].table);
        sqlite3_stmt *s;
        int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
        if (rc) {
            e = fail(rep, 0, "table %s cannot be read: %s", ix[i].table, sqlite3_errmsg(st->db));
            break;
        }
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            for (int k = i, c = 0; k < j; c += 1 + ix[k].ncols, k++) {
                if (sqlite3_column_int(s, c)) {
                    ix[k].table_sum += entry_hash(s, c + 1, ix[k].ncols, key);
                    ix[k].table_count++;
                }
            }
        }
        if (rc != SQLITE_DONE)
            e = fail(rep, 0, "table %s cannot be read: %s", ix[i].table, sqlite3_errmsg(st->db));
        sqlite3_finalize(s);
        i = j;
    }
    for (int i = 0; !e && i < n; i++) {
        if (ix[i].index_count != ix[i].table_count || ix[i].index_sum != ix[i].table_sum)
            e = fail(rep, 0,
                     "index %s does not hold the rows of %s (%lld entries for %lld rows, or other "
                     "values)",
                     ix[i].name, ix[i].table, (long long)ix[i].index_count,
                     (long long)ix[i].table_count);
    }
    sodium_memzero(key, sizeof key);
    free(ix);
    return e;
}

/* The schema as the migrations make it: every table, index, trigger and view of the ledger must
 * be there with the same SQL text, and nothing else. Names alone are not enough: a trigger of
 * the same name whose body does nothing keeps the table no longer append-only, and a dropped
 * index or an added trigger changes what a query or a write does. The reference is made by
 * running the compiled-in migrations on an empty in-memory database, so it is the same text
 * SQLite kept when the ledger was migrated. */
static dc_err_t check_schema(dc_store_t *st, dc_verify_t *rep)
{
    sqlite3 *ref = NULL;
    sqlite3_stmt *s = NULL, *r = NULL;
    dc_err_t e = DC_E_OK;
    int rc = sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = dc_store_register_functions(ref, NULL);
    int64_t version = 0;
    sqlite3_stmt *v;
    if (rc == SQLITE_OK &&
        (rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &v, NULL)) == SQLITE_OK) {
        if (sqlite3_step(v) == SQLITE_ROW)
            version = sqlite3_column_int64(v, 0);
        sqlite3_finalize(v);
    }
    for (int i = 0; rc == SQLITE_OK && i < dc_migration_count; i++) {
        if (dc_migrations[i].version <= version)
            rc = sqlite3_exec(ref, dc_migrations[i].sql, NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        e = DC_E_NOMEM;
        goto out;
    }
    static const char *const q = "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
                                 "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
    if ((rc = sqlite3_prepare_v2(st->db, q, -1, &s, NULL)) ||
        (rc = sqlite3_prepare_v2(ref, q, -1, &r, NULL))) {
        e = dc_store_sqlerr(st, rc);
        goto out;
    }
    /* Both sorted by type and name: a merge finds what is missing, extra or different. */
    int a = sqlite3_step(s), b = sqlite3_step(r);
    while (!e && (a == SQLITE_ROW || b == SQLITE_ROW)) {
        int c = 0;
        if (a != SQLITE_ROW)
            c = 1;
        else if (b != SQLITE_ROW)
            c = -1;
        else if (!(c = strcmp((const char *)sqlite3_column_text(s, 0),
                              (const char *)sqlite3_column_text(r, 0))))
            c = strcmp((const char *)sqlite3_column_text(s, 1),
                       (const char *)sqlite3_column_text(r, 1));
        if (c < 0)
            e = fail(rep, 0, "the schema has an extra %s %s that the migrations did not make",
                     (const char *)sqlite3_column_text(s, 0),
                     (const char *)sqlite3_column_text(s, 1));
        else if (c > 0)
            e = fail(rep, 0, "the schema has no %s %s (the migrations made it)",
                     (const char *)sqlite3_column_text(r, 0),
                     (const char *)sqlite3_column_text(r, 1));
        else if (strcmp((const char *)sqlite3_column_text(s, 2),
                        (const char *)sqlite3_column_text(r, 2)) != 0)
            e = fail(rep, 0, "%s %s of the schema is not the one the migrations made",
                     (const char *)sqlite3_column_text(s, 0),
                     (const char *)sqlite3_column_text(s, 1));
        else {
            a = sqlite3_step(s);
            b = sqlite3_step(r);
        }
    }
out:
    sqlite3_finalize(s);
    sqlite3_finalize(r);
    sqlite3_close(ref);
    return e;
}

/* The settings as their events left them. */
typedef struct {
    char key[DC_SHORT_MAX];
    char value[DC_LONG_MAX];
} setting_t;
enum { MAX_SETTINGS = 64 };

typedef struct {
    map_t items;        /* dc_item_t */
    map_t staff;        /* dc_staff_t */
    char sealed[8];     /* the latest monthly check's month */
    char prev_month[8]; /* of the latest event that dates work (dc_evtype_is_counter_noise) */
    dc_store_t *st;     /* for the records corrections name */
    dc_event_t linked;
    setting_t settings[MAX_SETTINGS];
    int nsettings;
    int64_t disposal_from; /* events before it predate the disposal techniques by kind */
} world_t;

static dc_err_t replay(world_t *w, dc_event_t *ev, dc_verify_t *rep)
{
    dc_rules_ctx_t ctx = {0};
    ctx.actor = map_find(&w->staff, ev->actor);
    ctx.second = map_find(&w->staff, ev->second);
    ctx.carrier = map_find(&w->staff, ev->carrier);
    ctx.subject = map_find(&w->staff, ev->subject);
    ctx.item = map_find(&w->items, ev->item);
    ctx.roster_empty = w->staff.n == 0;
    ctx.last_sealed = w->sealed;
    ctx.prev_month = w->prev_month;
    ctx.dest = map_find(&w->items, ev->dest_item);
    ctx.legacy_disposal = ev->seq < w->disposal_from;
    if ((ev->type == DC_EV_CORRECTION || ev->type == DC_EV_RECEIVE) && ev->link_seq > 0 &&
        ev->link_seq < ev->seq) {
        /* An earlier row, already checked by the chain walk that is reading this one. */
        dc_err_t le = dc_store_event_get(w->st, ev->link_seq, &w->linked);
        if (le && le != DC_E_NOT_FOUND)
            return fail(rep, ev->seq, "event %lld names event %lld, which cannot be read",
                        (long long)ev->seq, (long long)ev->link_seq);
        ctx.linked = le ? NULL : &w->linked;
    }
    dc_err_t e = dc_rules_check(ev, &ctx);
    if (e)
        return fail(rep, ev->seq, "event %lld (%s) is not allowed by the rules: %s",
                    (long long)ev->seq, dc_evtype_name(ev->type), dc_err_name(e));
    if (ev->type == DC_EV_RELABEL) {
        dc_item_t *old = map_find(&w->items, ev->item), copy;
        if (!old)
            return fail(rep, ev->seq, "event %lld relabels an unknown item", (long long)ev->seq);
        copy = *old; /* map_get may move the records */
        dc_item_t *fresh = map_get(&w->items, ev->dest_item);
        if (!fresh)
            return DC_E_NOMEM;
        dc_rules_relabelled(ev, &copy, fresh);
    }
    if (dc_evtype_has_item(ev->type) && ev->type != DC_EV_COPY) {
        dc_item_t *it = map_get(&w->items, ev->item);
        if (!it)
            return DC_E_NOMEM;
        dc_rules_apply_item(ev, it);
    }
    if (ev->type == DC_EV_ENROLL || ev->type == DC_EV_RELEASE) {
        dc_staff_t *sf = map_get(&w->staff, ev->subject);
        if (!sf)
            return DC_E_NOMEM;
        dc_rules_apply_staff(ev, sf);
    }
    if (ev->type == DC_EV_MONTHLY_CHECK)
        dc_copy(w->sealed, sizeof w->sealed, ev->purpose);
    if (!dc_evtype_is_counter_noise(ev->type))
        dc_event_local_month(ev->ts_ms, ev->tz_min, w->prev_month);
    if (ev->type == DC_EV_SETTING) {
        int i = 0;
        while (i < w->nsettings && strcmp(w->settings[i].key, ev->purpose) != 0)
            i++;
        if (i == MAX_SETTINGS)
            return fail(rep, ev->seq, "event %lld: too many different settings",
                        (long long)ev->seq);
        if (i == w->nsettings)
            w->nsettings++;
        dc_copy(w->settings[i].key, sizeof w->settings[i].key, ev->purpose);
        dc_copy(w->settings[i].value, sizeof w->settings[i].value, ev->detail);
    }
    return DC_E_OK;
}

/* Every setting in the meta table is the value its latest setting event gave: office hours
 * decide what the check calls after hours, the lists and printers what the counter offers. A
 * setting with no event may only be one init wrote (the names of the office and terminal). */
static dc_err_t check_settings(dc_store_t *st, world_t *w, dc_verify_t *rep)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, "SELECT key, value FROM meta ORDER BY key", -1, &s, NULL);
    if (rc)
        return dc_store_sqlerr(st, rc);
    dc_err_t e = DC_E_OK;
    bool seen[MAX_SETTINGS] = {false};
    while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(s, 0);
        const char *value = (const char *)sqlite3_column_text(s, 1);
        if (!key || !dc_setting_known(key))
            continue;
        int i = 0;
        while (i < w->nsettings && strcmp(w->settings[i].key, key) != 0)
            i++;
        if (i < w->nsettings) {
            seen[i] = true;
            if (!value || strcmp(value, w->settings[i].value) != 0)
                e = fail(rep, 0, "setting %s is not the value its last setting event gave", key);
        } else if (strcmp(key, "office_name") != 0 && strcmp(key, "terminal_name") != 0) {
            e = fail(rep, 0, "setting %s is set, but no setting event set it", key);
        }
    }
    if (!e && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    for (int i = 0; !e && i < w->nsettings; i++) {
        if (!seen[i])
            e = fail(rep, 0, "setting %s is missing, but a setting event set it",
                     w->settings[i].key);
    }
    sqlite3_finalize(s);
    return e;
}

static dc_err_t check_chain(dc_store_t *st, world_t *w, dc_verify_t *rep)
{
    sqlite3_stmt *s;
    char sql[2200];
    snprintf(sql, sizeof sql, "%s ORDER BY seq", st->select_events);
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc)
        return dc_store_sqlerr(st, rc);
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev) {
        sqlite3_finalize(s);
        return DC_E_NOMEM;
    }
    uint8_t prev[DC_HASH_LEN] = {0}, stored_prev[DC_HASH_LEN], stored[DC_HASH_LEN],
            computed[DC_HASH_LEN];
    int64_t expect = 1;
    /* The tree (schema 8) is recomputed in the same walk; a copy older than 8 has none. */
    int64_t version = 0;
    dc_tree_check_t *tree = NULL;
    dc_err_t e = dc_store_sqlerr(st, schema_version(st, &version));
    if (!e && version >= 8)
        e = dc_tree_check_begin(st, &tree);
    while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        dc_value_t v[DC_EVENT_NFIELDS];
        int64_t seq = sqlite3_column_int64(s, 0);
        if (seq != expect) {
            e = fail(rep, expect, "event %lld is missing (next stored is %lld)", (long long)expect,
                     (long long)seq);
            break;
        }
        if (dc_store_row_values(s, v, stored_prev, stored)) {
            e = fail(rep, seq, "event %lld has a column of the wrong type", (long long)seq);
            break;
        }
        if (memcmp(stored_prev, prev, DC_HASH_LEN) != 0) {
            e = fail(rep, seq, "event %lld does not link to event %lld", (long long)seq,
                     (long long)seq - 1);
            break;
        }
        dc_chain_hash(prev, v, computed);
        if (memcmp(computed, stored, DC_HASH_LEN) != 0) {
            e = fail(rep, seq, "event %lld was changed after it was written", (long long)seq);
            break;
        }
        if (dc_event_from_values(v, ev) || ev->group_seq < 1 || ev->group_seq > seq) {
            e = fail(rep, seq, "event %lld holds values no program wrote", (long long)seq);
            break;
        }
        if ((e = replay(w, ev, rep)))
            break;
        if (tree && (e = dc_tree_check_push(tree, seq, stored, rep->what, sizeof rep->what))) {
            if (e == DC_E_VERIFY_FAILED)
                rep->bad_seq = seq;
            break;
        }
        memcpy(prev, stored, DC_HASH_LEN);
        expect++;
    }
    if (!e && rc != SQLITE_DONE)
        e = fail(rep, expect, "reading event %lld failed: %s", (long long)expect,
                 sqlite3_errmsg(st->db));
    if (!e && tree && (e = dc_tree_check_end(tree, rep->what, sizeof rep->what)) &&
        e == DC_E_VERIFY_FAILED)
        rep->bad_seq = expect;
    dc_tree_check_free(tree);
    rep->events = expect - 1;
    memcpy(rep->head, prev, DC_HASH_LEN);
    free(ev);
    sqlite3_finalize(s);
    return e;
}

static bool items_equal(const dc_item_t *a, const dc_item_t *b)
{
    return strcmp(a->code, b->code) == 0 && a->category == b->category && a->kind == b->kind &&
           strcmp(a->title, b->title) == 0 && strcmp(a->place, b->place) == 0 &&
           strcmp(a->section, b->section) == 0 && a->personal == b->personal &&
           a->my_number == b->my_number && strcmp(a->notes, b->notes) == 0 &&
           a->state == b->state && a->state_seq == b->state_seq &&
           strcmp(a->holder, b->holder) == 0;
}

static bool staff_equal(const dc_staff_t *a, const dc_staff_t *b)
{
    return strcmp(a->badge, b->badge) == 0 && strcmp(a->name, b->name) == 0 &&
           strcmp(a->kana, b->kana) == 0 && strcmp(a->section, b->section) == 0 &&
           a->role == b->role && strcmp(a->designated, b->designated) == 0 &&
           strcmp(a->released, b->released) == 0;
}

/* Every derived row must equal the replay, and there must be as many. */
static dc_err_t check_derived(dc_store_t *st, world_t *w, dc_verify_t *rep)
{
    static const char *const sql[2] = {
        "SELECT code,category,kind,title,place,section,personal,my_number,notes,state,state_seq,"
        "holder FROM items",
        "SELECT badge,name,kana,section,role,designated,released FROM staff"};
    dc_err_t e = DC_E_OK;
    for (int t = 0; t < 2 && !e; t++) {
        sqlite3_stmt *s;
        int rc = sqlite3_prepare_v2(st->db, sql[t], -1, &s, NULL);
        if (rc)
            return dc_store_sqlerr(st, rc);
        size_t rows = 0;
        dc_item_t it;
        dc_staff_t sf;
        while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            rows++;
            if (t == 0) {
                const dc_item_t *want =
                    map_find(&w->items, (const char *)sqlite3_column_text(s, 0));
                if (dc_store_row_item(s, &it) || !want || !items_equal(&it, want))
                    e = fail(rep, want ? want->state_seq : 0,
                             "the state of item %s does not match its events",
                             (const char *)sqlite3_column_text(s, 0));
            } else {
                const dc_staff_t *want =
                    map_find(&w->staff, (const char *)sqlite3_column_text(s, 0));
                if (dc_store_row_staff(s, &sf) || !want || !staff_equal(&sf, want))
                    e = fail(rep, 0, "the roster entry of %s does not match its events",
                             (const char *)sqlite3_column_text(s, 0));
            }
        }
        sqlite3_finalize(s);
        size_t want_rows = t == 0 ? w->items.n : w->staff.n;
        if (!e && rows != want_rows)
            e = fail(rep, 0, "%s: %zu rows stored, %zu derived from the events",
                     t == 0 ? "items" : "staff", rows, want_rows);
    }
    return e;
}

/* Where schema/006 began to judge disposal techniques by kind: the sequence number it wrote,
 * or, in a ledger not migrated that far (read-only copies), after every event. A ledger that
 * has the migration but lost the number is judged strictly from the first event.
 *
 * The number is a row of meta, not an event: raised, it would let a new, wrong disposal pass
 * as an old one. What it must be is known: the number of the first event after 006 ran, so
 * never past the next event's; and from schema/007 on it carries its MAC. Either wrong, verify
 * stops here, before the replay would blame a disposal for what the meta row did. */
static dc_err_t disposal_from(dc_store_t *st, dc_verify_t *rep, int64_t *from)
{
    const char *line_err = dc_err_name(DC_E_DISPOSAL_LINE_ALTERED);
    sqlite3_stmt *s;
    int64_t version;
    int rc = schema_version(st, &version);
    if (rc)
        return dc_store_sqlerr(st, rc);
    /* The MAC is computed only where schema/007 wrote one: older ledgers may have no MAC key. */
    rc = sqlite3_prepare_v2(
        st->db,
        "SELECT v.value, CAST(v.value AS INTEGER), CAST(CAST(v.value AS INTEGER) AS TEXT) IS "
        "v.value, (SELECT coalesce(max(seq), 0) + 1 FROM events), EXISTS(SELECT 1 FROM "
        "schema_migrations WHERE version >= 6), CASE WHEN ?1 >= 7 THEN (SELECT value FROM meta "
        "WHERE key = 'disposal_rules_from_seq_mac') IS lower(hex(daicho_mac((SELECT value FROM "
        "meta WHERE key = 'row_mac_key'), 'meta', 'disposal_rules_from_seq', v.value))) ELSE 1 "
        "END FROM (SELECT (SELECT value FROM meta WHERE key = 'disposal_rules_from_seq') AS "
        "value) AS v",
        -1, &s, NULL);
    if (rc)
        return dc_store_sqlerr(st, rc);
    sqlite3_bind_int64(s, 1, version);
    if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
        /* SQLITE_ERROR: daicho_mac found no MAC key to check it with (a busy file is not). */
        dc_err_t e = dc_store_sqlerr(st, rc);
        if (rc == SQLITE_ERROR)
            e = fail(rep, 0, "%s: disposal_rules_from_seq cannot be checked: %s", line_err,
                     sqlite3_errmsg(st->db));
        sqlite3_finalize(s);
        return e;
    }
    bool present = sqlite3_column_type(s, 0) != SQLITE_NULL;
    char shown[24];
    snprintf(shown, sizeof shown, "%.20s", present ? (const char *)sqlite3_column_text(s, 0) : "");
    int64_t line = sqlite3_column_int64(s, 1), next = sqlite3_column_int64(s, 3);
    bool canonical = sqlite3_column_int(s, 2) != 0, migrated = sqlite3_column_int(s, 4) != 0;
    bool mac_ok = sqlite3_column_int(s, 5) != 0;
    sqlite3_finalize(s);
    const char *todo = "record no disposal; restore a backup that verifies";
    if (present && (!canonical || line < 1 || line > next))
        return fail(rep, 0,
                    "%s: meta disposal_rules_from_seq is '%s', not a number from 1 to the next "
                    "event's %lld; %s",
                    line_err, shown, (long long)next, todo);
    if (!mac_ok)
        return fail(rep, 0,
                    "%s: meta disposal_rules_from_seq%s%s was changed outside daicho (it or its "
                    "MAC is missing or they do not match); %s",
                    line_err, present ? " " : "", shown, todo);
    if (present)
        *from = line;
    else
        *from = migrated ? 0 : INT64_MAX;
    return DC_E_OK;
}

dc_err_t dc_store_verify(dc_store_t *st, dc_verify_t *rep)
{
    memset(rep, 0, sizeof *rep);
    /* Every check reads its pages in order, so SQLite's default page cache does: 16 MiB, which
     * integrity_check's look-ups needed, made verify of 10^6 events slower (8.55 and 8.77 s of
     * CPU against 8.34 and 8.29 s). */
    world_t w = {.items = {.rec_size = sizeof(dc_item_t)},
                 .staff = {.rec_size = sizeof(dc_staff_t)},
                 .st = st};
    /* One read transaction, so the kiosk appending meanwhile cannot split the picture. */
    dc_err_t e = dc_store_sqlerr(st, sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL));
    if (e)
        return e;
    /* The pages first: cipher_integrity_check must run before this transaction reads anything
     * (a read before it made torn pages of a cut checkpoint look like a forged file). */
    if (!(e = check_pages(st, rep)))
        e = disposal_from(st, rep, &w.disposal_from);
    if (!e && !(e = check_chain(st, &w, rep)) && !(e = check_schema(st, rep)) &&
        !(e = check_indexes(st, rep)) && !(e = check_derived(st, &w, rep)) &&
        !(e = check_settings(st, &w, rep)))
        e = dc_store_check_macs(st, rep);
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    map_free(&w.items);
    map_free(&w.staff);
    return e;
}

dc_err_t dc_store_chain_at(dc_store_t *st, int64_t upto, uint8_t out[DC_HASH_LEN])
{
    char sql[2200];
    snprintf(sql, sizeof sql, "%s WHERE seq <= ? ORDER BY seq", st->select_events);
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc)
        return dc_store_sqlerr(st, rc);
    sqlite3_bind_int64(s, 1, upto);
    uint8_t prev[DC_HASH_LEN] = {0}, stored_prev[DC_HASH_LEN], stored[DC_HASH_LEN];
    int64_t last = 0;
    dc_err_t e = DC_E_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dc_value_t v[DC_EVENT_NFIELDS];
        if (dc_store_row_values(s, v, stored_prev, stored)) {
            e = DC_E_VERIFY_FAILED;
            break;
        }
        /* Linked through the recomputed links: a row rewritten with fresh hashes still shows. */
        uint8_t link[DC_HASH_LEN];
        dc_chain_hash(prev, v, link);
        memcpy(prev, link, DC_HASH_LEN);
        last = sqlite3_column_int64(s, 0);
    }
    if (!e && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    if (!e && last != upto)
        e = DC_E_NOT_FOUND;
    if (!e)
        memcpy(out, prev, DC_HASH_LEN);
    sqlite3_finalize(s);
    return e;
}
