/* bench_sql: the SQL of one durable append (dc_store_append for a take-out or a return) on the
 * real schema with the real settings (WAL, synchronous=FULL), without daicho around it. Built
 * twice from this file: bench_sql_cipher links SQLCipher and keys the database as the store does,
 * bench_sql_plain links the plain SQLite library. Never both in one binary (STACK-NOTES). The
 * tree's row of every even event is written as the store writes it.
 *
 *   bench_sql DB N   prints sql_bytes, sql_p50 and sql_p99 (ms) of N appends, and the library
 */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/canon.h"
#include "store/migrations.h"
#include "benchlib.h"

enum { NSTAFF = 60, NITEMS = 3000, PREFILL = 20000, WARM = 40 };

static sqlite3 *db;

static void check(int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "bench_sql: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static void exec(const char *sql)
{
    check(sqlite3_exec(db, sql, NULL, NULL, NULL), sql);
}

/* Migration 005 and the triggers on the rows beside the log call daicho_mac, which only daicho
 * defines (app/store/verify.c). The append measured here never touches those rows; the
 * migrations only need a function of that name to run. A keyed BLAKE2b of the values' bytes,
 * the same work per call as the store's. */
static void bench_mac(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    uint8_t out[32];
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, sizeof out);
    for (int i = 0; i < argc; i++) {
        const uint8_t *p = sqlite3_value_blob(argv[i]);
        int n = sqlite3_value_bytes(argv[i]);
        if (p && n > 0)
            crypto_generichash_update(&h, p, (unsigned long long)n);
    }
    crypto_generichash_final(&h, out, sizeof out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

static sqlite3_stmt *prepare(const char *sql)
{
    sqlite3_stmt *s;
    check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL), sql);
    return s;
}

typedef struct {
    sqlite3_stmt *head, *staff, *item, *insert, *save_item, *tree;
    uint8_t prev[DC_HASH_LEN];
    int64_t seq;
} appender_t;

static void badge(int i, char out[DC_CODE_MAX])
{
    snprintf(out, DC_CODE_MAX, "DB-%08d-X", i);
}

static void item_code(int i, char out[DC_CODE_MAX])
{
    snprintf(out, DC_CODE_MAX, "DI-%08d-X", i);
}

static void look_up(sqlite3_stmt *s, const char *key)
{
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW)
        (void)sqlite3_column_text(s, 0);
    sqlite3_reset(s);
}

/* What dc_store_append runs for one take-out (even i) or return: the head, the people and the
 * item for the rules, the chained row, the item's new state. */
static void append(appender_t *a, int i, bool own_txn)
{
    dc_event_t ev;
    int k = i / 2;
    dc_event_init(&ev, i % 2 ? DC_EV_RETURN : DC_EV_TAKE_OUT);
    ev.ts_ms = 1700000000000 + (int64_t)i * 60000;
    ev.tz_min = 540;
    snprintf(ev.terminal, sizeof ev.terminal, "窓口端末1");
    badge(1 + k % (NSTAFF - 1), ev.actor);
    badge(1 + (k + 1) % 8, ev.second);
    item_code(k % NITEMS, ev.item);
    if (i % 2) {
        ev.link_seq = a->seq;
    } else {
        snprintf(ev.purpose, sizeof ev.purpose, "会議資料として使用");
        snprintf(ev.to_place, sizeof ev.to_place, "本庁舎 3階会議室");
        snprintf(ev.due, sizeof ev.due, "2026-11-03");
    }
    if (own_txn)
        exec("BEGIN IMMEDIATE");
    check(sqlite3_step(a->head), "head");
    sqlite3_reset(a->head);
    look_up(a->staff, ev.actor);
    look_up(a->staff, ev.second);
    look_up(a->item, ev.item);

    ev.seq = ++a->seq;
    ev.group_seq = ev.seq;
    memcpy(ev.prev_hash, a->prev, DC_HASH_LEN);
    dc_value_t v[DC_EVENT_NFIELDS];
    dc_event_values(&ev, v);
    dc_chain_hash(a->prev, v, ev.hash);
    for (int c = 0; c < DC_EVENT_NFIELDS; c++) {
        if (v[c].is_int)
            sqlite3_bind_int64(a->insert, c + 1, v[c].i);
        else
            sqlite3_bind_text(a->insert, c + 1, v[c].s, -1, SQLITE_STATIC);
    }
    sqlite3_bind_blob(a->insert, DC_EVENT_NFIELDS + 1, ev.prev_hash, DC_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(a->insert, DC_EVENT_NFIELDS + 2, ev.hash, DC_HASH_LEN, SQLITE_STATIC);
    check(sqlite3_step(a->insert), "insert");
    sqlite3_reset(a->insert);
    memcpy(a->prev, ev.hash, DC_HASH_LEN);
    /* The tree's row of an even event (app/store/tree.c): one node per trailing zero bit. */
    if (ev.seq % 2 == 0) {
        uint8_t nodes[64 * DC_HASH_LEN];
        int levels = __builtin_ctzll((unsigned long long)ev.seq);
        for (int l = 0; l < levels; l++)
            memcpy(nodes + l * DC_HASH_LEN, ev.hash, DC_HASH_LEN);
        sqlite3_bind_int64(a->tree, 1, ev.seq);
        sqlite3_bind_blob(a->tree, 2, nodes, levels * DC_HASH_LEN, SQLITE_STATIC);
        check(sqlite3_step(a->tree), "tree");
        sqlite3_reset(a->tree);
    }

    sqlite3_bind_text(a->save_item, 1, ev.item, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->save_item, 2, "住民異動届 綴り", -1, SQLITE_STATIC);
    sqlite3_bind_text(a->save_item, 3, i % 2 ? "in" : "out", -1, SQLITE_STATIC);
    sqlite3_bind_int64(a->save_item, 4, ev.seq);
    sqlite3_bind_text(a->save_item, 5, i % 2 ? "" : ev.actor, -1, SQLITE_STATIC);
    check(sqlite3_step(a->save_item), "save item");
    sqlite3_reset(a->save_item);
    if (own_txn)
        exec("COMMIT");
}

/* A ledger of some size: the roster, the items and PREFILL events in one transaction. */
static void setup(appender_t *a)
{
    exec("BEGIN");
    sqlite3_stmt *s = prepare("INSERT INTO staff VALUES(?, '佐藤 健一', 'サトウ ケンイチ', "
                              "'戸籍住民課', ?, '2026-01-01', '')");
    for (int i = 0; i < NSTAFF; i++) {
        char b[DC_CODE_MAX];
        badge(i, b);
        sqlite3_bind_text(s, 1, b, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, i == 0 ? "admin" : i <= 8 ? "manager" : "staff", -1, SQLITE_STATIC);
        check(sqlite3_step(s), "staff");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    s = prepare("INSERT INTO items VALUES(?, 'paper', 'paper', '住民異動届 綴り', 'Archive A', "
                "'戸籍住民課', 1, 0, '', 'in', 0, '')");
    for (int i = 0; i < NITEMS; i++) {
        char c[DC_CODE_MAX];
        item_code(i, c);
        sqlite3_bind_text(s, 1, c, -1, SQLITE_TRANSIENT);
        check(sqlite3_step(s), "items");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    for (int i = 0; i < PREFILL; i++)
        append(a, i, false);
    exec("COMMIT");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_sql DB N\n");
        return 2;
    }
    const char *path = argv[1];
    long n = strtol(argv[2], NULL, 10);
    if (n < 10 || n > 100000 || sodium_init() < 0)
        return 2;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(path);
    unlink(wal);
    check(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), path);
#ifdef DC_BENCH_CIPHER
    /* Keyed as dc_store_open does: a raw 256-bit key, no PBKDF2. */
    exec("PRAGMA key = \"x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'\"");
#endif
    check(sqlite3_create_function(db, "daicho_mac", -1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                  bench_mac, NULL, NULL),
          "daicho_mac");
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
         "PRAGMA trusted_schema=OFF");
    char sql[4096];
    size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO events(");
    for (int i = 0; i < DC_EVENT_NFIELDS; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s,", dc_event_columns[i]);
    len += (size_t)snprintf(sql + len, sizeof sql - len, "prev_hash,hash) VALUES(?");
    for (int i = 1; i < DC_EVENT_NFIELDS + 2; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, ",?");
    snprintf(sql + len, sizeof sql - len, ")");

    for (int i = 0; i < dc_migration_count; i++)
        exec(dc_migrations[i].sql);
    appender_t a = {0};
    a.head = prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
    a.staff = prepare("SELECT badge,name,kana,section,role,designated,released FROM staff "
                      "WHERE badge = ?");
    a.item = prepare("SELECT code,category,kind,title,place,section,personal,my_number,notes,"
                     "state,state_seq,holder FROM items WHERE code = ?");
    a.insert = prepare(sql);
    a.tree = prepare("INSERT INTO tree(seq, nodes) VALUES(?, ?)");
    a.save_item = prepare("INSERT OR REPLACE INTO items(code,category,kind,title,place,section,"
                          "personal,my_number,notes,state,state_seq,holder) "
                          "VALUES(?1,'paper','paper',?2,'Archive A','戸籍住民課',1,0,'',?3,?4,?5)");
    setup(&a);
    int i = PREFILL;
    long long w0 = dc_bench_written_bytes();
    for (; i < PREFILL + WARM; i++)
        append(&a, i, true);
    long long bytes = (dc_bench_written_bytes() - w0) / WARM;
    /* Wall time waits for the disk, which other people's builds share; the CPU time is what
     * the library itself costs (SQLCipher's encryption and HMACs are CPU). */
    double *t = malloc((size_t)n * sizeof *t), *c = malloc((size_t)n * sizeof *c);
    if (!t || !c)
        return 1;
    for (long k = 0; k < n; k++, i++) {
        double t0 = dc_bench_now_ms(), c0 = dc_bench_cpu_ms();
        append(&a, i, true);
        t[k] = dc_bench_now_ms() - t0;
        c[k] = dc_bench_cpu_ms() - c0;
    }
    qsort(t, (size_t)n, sizeof *t, dc_bench_cmp_double);
    qsort(c, (size_t)n, sizeof *c, dc_bench_cmp_double);
    printf("sql_cpu_p50 %.4f\nsql_cpu_p99 %.4f\n", c[(n + 1) / 2 - 1],
           c[(int)(0.99 * (double)n + 0.999999) - 1]);
    free(c);
    printf("sql_library %s%s\nsql_bytes %lld\nsql_p50 %.4f\nsql_p99 %.4f\n", sqlite3_libversion(),
#ifdef DC_BENCH_CIPHER
           " (SQLCipher)",
#else
           " (plain)",
#endif
           bytes, t[(n + 1) / 2 - 1], t[(int)(0.99 * (double)n + 0.999999) - 1]);
    free(t);
    sqlite3_finalize(a.head);
    sqlite3_finalize(a.staff);
    sqlite3_finalize(a.item);
    sqlite3_finalize(a.insert);
    sqlite3_finalize(a.save_item);
    sqlite3_finalize(a.tree);
    sqlite3_close(db);
    unlink(path);
    unlink(wal);
    return 0;
}
