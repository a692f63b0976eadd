/* The ledger's Merkle tree in the store: the rows of schema/008_tree.sql, written with each event,
 * read for heads and proofs, and recomputed by verify. */
#include "store/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

enum { LEVELS = 64 };

/* A statement of this file, prepared once per connection (dc_store_tree_close finalizes it). */
static dc_err_t stmt(dc_store_t *st, sqlite3_stmt **slot, const char *sql)
{
    if (*slot) {
        sqlite3_reset(*slot);
        sqlite3_clear_bindings(*slot);
        return DC_E_OK;
    }
    return dc_store_sqlerr(
        st, sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL));
}

void dc_store_tree_close(dc_store_t *st)
{
    sqlite3_finalize(st->tree_link);
    sqlite3_finalize(st->tree_node);
    sqlite3_finalize(st->tree_put);
    st->tree_link = st->tree_node = st->tree_put = NULL;
}

/* The reason a proof could not be made, for dc_store_detail: before, the event's number, after. */
static dc_err_t missing(dc_store_t *st, const char *before, long long seq, const char *after)
{
    snprintf(st->detail, sizeof st->detail, "%s%lld%s", before, seq, after);
    return DC_E_VERIFY_FAILED;
}

/* The chain link (events.hash) of event seq. */
static dc_err_t event_link(dc_store_t *st, int64_t seq, uint8_t out[DC_HASH_LEN])
{
    dc_err_t e = stmt(st, &st->tree_link, "SELECT hash FROM events WHERE seq = ?");
    if (e)
        return e;
    sqlite3_stmt *s = st->tree_link;
    sqlite3_bind_int64(s, 1, seq);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) == DC_HASH_LEN)
        memcpy(out, sqlite3_column_blob(s, 0), DC_HASH_LEN);
    else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        e = missing(st, "event ", (long long)seq, " is missing or has no chain link");
    else
        e = dc_store_sqlerr(st, rc);
    sqlite3_reset(s);
    return e;
}

/* The perfect subtree of 2^level leaves from leaf index << level: a leaf is hashed from its
 * event, a higher node read from the row of the event that completed it. */
static dc_err_t node(dc_store_t *st, int level, uint64_t index, uint8_t out[DC_HASH_LEN])
{
    uint8_t link[DC_HASH_LEN];
    dc_err_t e;
    if (level == 0) {
        if (!(e = event_link(st, (int64_t)index + 1, link)))
            dc_merkle_leaf(link, DC_HASH_LEN, out);
        return e;
    }
    int64_t seq = (int64_t)((index + 1) << level);
    if ((e = stmt(st, &st->tree_node, "SELECT nodes FROM tree WHERE seq = ?")))
        return e;
    sqlite3_stmt *s = st->tree_node;
    sqlite3_bind_int64(s, 1, seq);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) >= level * DC_HASH_LEN)
        memcpy(out, (const uint8_t *)sqlite3_column_blob(s, 0) + (level - 1) * DC_HASH_LEN,
               DC_HASH_LEN);
    else if (rc == SQLITE_ROW)
        e = missing(st, "the tree's row of event ", (long long)seq, " is too short");
    else if (rc == SQLITE_DONE)
        e = missing(st, "the tree's row of event ", (long long)seq, " is missing");
    else
        e = dc_store_sqlerr(st, rc);
    sqlite3_reset(s);
    return e;
}

typedef struct {
    dc_store_t *st;
    dc_err_t e;
} get_t;

static int get(void *ctx, int level, uint64_t index, uint8_t out[DC_HASH_LEN])
{
    get_t *g = ctx;
    g->e = node(g->st, level, index, out);
    return g->e ? 1 : 0;
}

/* DC_E_OK when the ledger has at least size events. */
static dc_err_t within(dc_store_t *st, int64_t size)
{
    int64_t count;
    uint8_t head[DC_HASH_LEN];
    dc_err_t e = dc_store_head(st, &count, head);
    if (!e && (size < 0 || size > count))
        e = DC_E_NOT_FOUND;
    return e;
}

/* What a dc_merkle_* call returned, as the store's error. */
static dc_err_t result(const get_t *g, int rc)
{
    return rc == 0 ? DC_E_OK : rc == -1 ? DC_E_NOT_FOUND : g->e;
}

dc_err_t dc_store_tree_root(dc_store_t *st, int64_t size, uint8_t out[DC_HASH_LEN])
{
    DC_EXPECT(st && out);
    dc_err_t e = within(st, size);
    get_t g = {st, DC_E_OK};
    return e ? e : result(&g, dc_merkle_root(get, &g, (uint64_t)size, out));
}

dc_err_t dc_store_tree_leaf(dc_store_t *st, int64_t seq, uint8_t out[DC_HASH_LEN])
{
    DC_EXPECT(st && out);
    if (seq < 1)
        return DC_E_NOT_FOUND;
    dc_err_t e = within(st, seq);
    return e ? e : node(st, 0, (uint64_t)seq - 1, out);
}

dc_err_t dc_store_tree_inclusion(dc_store_t *st, int64_t seq, int64_t size,
                                 dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len)
{
    DC_EXPECT(st && proof && len);
    if (seq < 1 || seq > size)
        return DC_E_NOT_FOUND;
    dc_err_t e = within(st, size);
    get_t g = {st, DC_E_OK};
    return e ? e
             : result(&g,
                      dc_merkle_inclusion(get, &g, (uint64_t)seq - 1, (uint64_t)size, proof, len));
}

dc_err_t dc_store_tree_consistency(dc_store_t *st, int64_t from, int64_t to,
                                   dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len)
{
    DC_EXPECT(st && proof && len);
    if (from < 1 || from > to)
        return DC_E_NOT_FOUND;
    dc_err_t e = within(st, to);
    get_t g = {st, DC_E_OK};
    return e ? e
             : result(&g, dc_merkle_consistency(get, &g, (uint64_t)from, (uint64_t)to, proof, len));
}

/* The right edge of the tree of size events, read back: one node per set bit of size. */
static dc_err_t reload(dc_store_t *st, int64_t size)
{
    st->tree_known = false;
    memset(&st->tree_acc, 0, sizeof st->tree_acc);
    for (int k = LEVELS - 2; k >= 0; k--) {
        if (!((uint64_t)size >> k & 1))
            continue;
        dc_err_t e = node(st, k, ((uint64_t)size >> k) - 1, st->tree_acc.peak[k]);
        if (e)
            return e;
    }
    st->tree_acc.size = (uint64_t)size;
    st->tree_known = true;
    return DC_E_OK;
}

typedef struct {
    uint8_t nodes[LEVELS * DC_HASH_LEN];
    int n;
} row_t;

static void collect(void *ctx, int level, uint64_t index, const uint8_t hash[DC_HASH_LEN])
{
    (void)index;
    row_t *r = ctx;
    if (level >= 1 && r->n < LEVELS)
        memcpy(r->nodes + (size_t)r->n++ * DC_HASH_LEN, hash, DC_HASH_LEN);
}

dc_err_t dc_store_tree_add(dc_store_t *st, int64_t seq, const uint8_t prev[DC_HASH_LEN],
                           const uint8_t link[DC_HASH_LEN])
{
    dc_err_t e;
    /* The edge in memory is the ledger's only while nothing else wrote since: another program
     * appended, or this one rolled back, when the size or the head it was grown to differ. */
    if (!st->tree_known || st->tree_acc.size != (uint64_t)seq - 1 ||
        memcmp(st->tree_head, prev, DC_HASH_LEN) != 0) {
        if ((e = reload(st, seq - 1)))
            return e;
    }
    uint8_t leaf[DC_HASH_LEN];
    dc_merkle_leaf(link, DC_HASH_LEN, leaf);
    row_t r = {.n = 0};
    dc_merkle_acc_push(&st->tree_acc, leaf, collect, &r);
    memcpy(st->tree_head, link, DC_HASH_LEN);
    if (r.n == 0)
        return DC_E_OK;
    if ((e = stmt(st, &st->tree_put, "INSERT INTO tree(seq, nodes) VALUES(?, ?)")))
        goto fail;
    sqlite3_bind_int64(st->tree_put, 1, seq);
    sqlite3_bind_blob(st->tree_put, 2, r.nodes, r.n * DC_HASH_LEN, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(st->tree_put));
    sqlite3_reset(st->tree_put);
    if (!e)
        return DC_E_OK;
fail:
    st->tree_known = false;
    return e;
}

void dc_store_tree_forget(dc_store_t *st)
{
    st->tree_known = false;
}

dc_err_t dc_store_tree_fill(dc_store_t *st)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, "SELECT seq, hash FROM events ORDER BY seq", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return dc_store_sqlerr(st, rc);
    memset(&st->tree_acc, 0, sizeof st->tree_acc);
    memset(st->tree_head, 0, DC_HASH_LEN);
    st->tree_known = true;
    dc_err_t e = DC_E_OK;
    int64_t expect = 1;
    while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* A ledger with a gap or a damaged link keeps the tree up to there; verify names it. */
        if (sqlite3_column_int64(s, 0) != expect || sqlite3_column_bytes(s, 1) != DC_HASH_LEN)
            break;
        e = dc_store_tree_add(st, expect, st->tree_head, sqlite3_column_blob(s, 1));
        expect++;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    st->tree_known = false;
    return e;
}

/* verify: the tree recomputed from the events, beside the rows read in order. */
struct dc_tree_check {
    dc_store_t *st;
    sqlite3_stmt *rows;
    int rc; /* the last step of rows */
    dc_merkle_acc_t *acc;
};

static void next_row(dc_tree_check_t *c)
{
    c->rc = sqlite3_step(c->rows);
}

dc_err_t dc_tree_check_begin(dc_store_t *st, dc_tree_check_t **out)
{
    dc_tree_check_t *c = calloc(1, sizeof *c);
    if (!c || !(c->acc = calloc(1, sizeof *c->acc))) {
        free(c);
        return DC_E_NOMEM;
    }
    c->st = st;
    int rc =
        sqlite3_prepare_v2(st->db, "SELECT seq, nodes FROM tree ORDER BY seq", -1, &c->rows, NULL);
    if (rc != SQLITE_OK) {
        dc_tree_check_free(c);
        return dc_store_sqlerr(st, rc);
    }
    next_row(c);
    *out = c;
    return DC_E_OK;
}

static dc_err_t row_error(dc_tree_check_t *c)
{
    return c->rc == SQLITE_ROW || c->rc == SQLITE_DONE ? DC_E_OK : dc_store_sqlerr(c->st, c->rc);
}

dc_err_t dc_tree_check_push(dc_tree_check_t *c, int64_t seq, const uint8_t link[DC_HASH_LEN],
                            char *what, size_t cap)
{
    uint8_t leaf[DC_HASH_LEN];
    dc_merkle_leaf(link, DC_HASH_LEN, leaf);
    row_t r = {.n = 0};
    dc_merkle_acc_push(c->acc, leaf, collect, &r);
    dc_err_t e = row_error(c);
    if (e)
        return e;
    int64_t at = c->rc == SQLITE_ROW ? sqlite3_column_int64(c->rows, 0) : INT64_MAX;
    if (at < seq) {
        snprintf(what, cap, "the tree holds a row for event %lld, which no event completed",
                 (long long)at);
        return DC_E_VERIFY_FAILED;
    }
    if (r.n == 0)
        return DC_E_OK;
    if (at != seq) {
        snprintf(what, cap, "the tree's row of event %lld is missing", (long long)seq);
        return DC_E_VERIFY_FAILED;
    }
    if (sqlite3_column_bytes(c->rows, 1) != r.n * DC_HASH_LEN ||
        memcmp(sqlite3_column_blob(c->rows, 1), r.nodes, (size_t)r.n * DC_HASH_LEN) != 0) {
        snprintf(what, cap, "the tree's row of event %lld was changed after it was written",
                 (long long)seq);
        return DC_E_VERIFY_FAILED;
    }
    next_row(c);
    return DC_E_OK;
}

dc_err_t dc_tree_check_end(dc_tree_check_t *c, char *what, size_t cap)
{
    dc_err_t e = row_error(c);
    if (!e && c->rc == SQLITE_ROW) {
        snprintf(what, cap, "the tree holds a row for event %lld, which no event completed",
                 (long long)sqlite3_column_int64(c->rows, 0));
        e = DC_E_VERIFY_FAILED;
    }
    return e;
}

void dc_tree_check_free(dc_tree_check_t *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->rows);
    free(c->acc);
    free(c);
}
