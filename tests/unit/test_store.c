/* Store: opening and refusing files, append-only, the chain under tampering, nothing in clear. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/code.h"
#include "store/store.h"

static const uint8_t key[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static const uint8_t other_key[32] = {9};

static const char secret_title[] = "SECRET-TITLE-ZQXJ 極秘住民票綴り";
static const char secret_name[] = "UNIQUE-NAME-WKPV 髙﨑 太郎";

#define T0 1791162000000LL /* 2026-10-05 10:00 JST */

typedef struct {
    char dir[512];
    char db[600];
    char badge[4][DC_CODE_MAX]; /* admin, manager, staff, staff */
    char item[3][DC_CODE_MAX];
    int64_t events;
} fx_t;

static void path_in(const fx_t *f, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", f->dir, name);
}

static void make_code(dc_code_type_t t, int n, char out[DC_CODE_MAX])
{
    uint8_t r[DC_CODE_RANDOM_BYTES] = {(uint8_t)t, (uint8_t)n, 0x5a, 0xa5, (uint8_t)(n * 7)};
    dc_code_make(t, r, out);
}

static void stamp(dc_event_t *ev, int64_t i)
{
    ev->ts_ms = T0 + i * 60000;
    ev->tz_min = 540;
    ev->channel = DC_CHANNEL_CLI;
    snprintf(ev->terminal, sizeof ev->terminal, "test-terminal");
}

static void append_ok(fx_t *f, dc_store_t *st, dc_event_t *ev)
{
    int failed;
    stamp(ev, f->events);
    dc_err_t e = dc_store_append(st, ev, 1, &failed);
    if (e)
        fail_msg("append %s: %s (%s)", dc_evtype_name(ev->type), dc_err_name(e),
                 dc_store_detail(st));
    f->events++;
}

static void enroll(fx_t *f, dc_store_t *st, int who, dc_role_t role, const char *name)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    memcpy(ev.actor, f->badge[0], DC_CODE_MAX);
    memcpy(ev.subject, f->badge[who], DC_CODE_MAX);
    dc_copy(ev.name, sizeof ev.name, name);
    dc_copy(ev.kana, sizeof ev.kana, "テスト");
    ev.role = role;
    append_ok(f, st, &ev);
}

static void reg(fx_t *f, dc_store_t *st, int i, dc_kind_t kind, bool personal, const char *title)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    memcpy(ev.actor, f->badge[0], DC_CODE_MAX);
    memcpy(ev.item, f->item[i], DC_CODE_MAX);
    ev.kind = kind;
    ev.category = dc_kind_category(kind);
    ev.personal = personal;
    dc_copy(ev.title, sizeof ev.title, title);
    dc_copy(ev.place, sizeof ev.place, "書庫A");
    append_ok(f, st, &ev);
}

static void take_out(fx_t *f, dc_store_t *st, int item, int who, int approver)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    memcpy(ev.actor, f->badge[who], DC_CODE_MAX);
    memcpy(ev.second, f->badge[approver], DC_CODE_MAX);
    memcpy(ev.item, f->item[item], DC_CODE_MAX);
    dc_copy(ev.purpose, sizeof ev.purpose, "会議");
    dc_copy(ev.to_place, sizeof ev.to_place, "本庁舎");
    dc_copy(ev.due, sizeof ev.due, "2026-10-09");
    append_ok(f, st, &ev);
}

static void give_back(fx_t *f, dc_store_t *st, int item, int who, int confirmer)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RETURN);
    memcpy(ev.actor, f->badge[who], DC_CODE_MAX);
    memcpy(ev.second, f->badge[confirmer], DC_CODE_MAX);
    memcpy(ev.item, f->item[item], DC_CODE_MAX);
    append_ok(f, st, &ev);
}

/* A ledger with 4 staff, 3 items and some custody events, closed. */
static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    const char *tmp = getenv("DAICHO_TEST_TMP");
    snprintf(f->dir, sizeof f->dir, "%s/storeXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    path_in(f, "ledger.db", f->db, sizeof f->db);
    for (int i = 0; i < 4; i++)
        make_code(DC_CODE_BADGE, i, f->badge[i]);
    for (int i = 0; i < 3; i++)
        make_code(DC_CODE_ITEM, i, f->item[i]);

    dc_store_t *st;
    if (dc_store_open(f->db, key, true, &st))
        return -1;
    enroll(f, st, 0, DC_ROLE_ADMIN, "管理 者");
    enroll(f, st, 1, DC_ROLE_MANAGER, secret_name);
    enroll(f, st, 2, DC_ROLE_STAFF, "田中 花子");
    enroll(f, st, 3, DC_ROLE_STAFF, "鈴木 一郎");
    reg(f, st, 0, DC_KIND_PAPER, true, secret_title);
    reg(f, st, 1, DC_KIND_USB, false, "集計USB");
    reg(f, st, 2, DC_KIND_CD, true, "異動データCD");
    take_out(f, st, 0, 2, 1);
    give_back(f, st, 0, 2, 3);
    take_out(f, st, 1, 3, 2);
    take_out(f, st, 0, 3, 1);
    dc_store_close(st);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void file_hash(const char *path, uint8_t out[32])
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    crypto_hash_sha256_state s;
    crypto_hash_sha256_init(&s);
    uint8_t buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        crypto_hash_sha256_update(&s, buf, n);
    fclose(fp);
    crypto_hash_sha256_final(&s, out);
}

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static void copy_file(const char *from, const char *to)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
    assert_int_equal(system(cmd), 0);
}

/* A raw SQLCipher connection, as someone holding the key would have. */
static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char spec[80] = "x'";
    sodium_bin2hex(spec + 2, 65, key, 32);
    spec[66] = '\'';
    spec[67] = '\0';
    assert_int_equal(sqlite3_key(db, spec, (int)strlen(spec)), SQLITE_OK);
    return db;
}

static int raw_exec(sqlite3 *db, const char *sql, char *msg, size_t cap)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (msg)
        snprintf(msg, cap, "%s", err ? err : "");
    sqlite3_free(err);
    return rc;
}

/* As a tamperer would: lift the triggers, run sql, put the triggers back. */
static void tamper(const char *path, const char *sql)
{
    sqlite3 *db = raw_open(path);
    sqlite3_stmt *s;
    char triggers[3][512];
    int n = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT sql FROM sqlite_schema WHERE type='trigger' "
                                        "AND tbl_name='events'",
                                        -1, &s, NULL),
                     SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW && n < 3)
        snprintf(triggers[n++], sizeof triggers[0], "%s", sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    assert_int_equal(n, 3);
    char msg[256];
    assert_int_equal(raw_exec(db,
                              "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;"
                              "DROP TRIGGER events_append_only",
                              msg, sizeof msg),
                     SQLITE_OK);
    if (raw_exec(db, sql, msg, sizeof msg) != SQLITE_OK)
        fail_msg("tamper '%s': %s", sql, msg);
    for (int i = 0; i < n; i++)
        assert_int_equal(raw_exec(db, triggers[i], msg, sizeof msg), SQLITE_OK);
    sqlite3_close(db);
}

static dc_err_t verify_file(const char *path, dc_verify_t *rep)
{
    dc_store_t *st;
    dc_err_t e = dc_store_open(path, key, false, &st);
    if (e)
        return e;
    e = dc_store_verify(st, rep);
    dc_store_close(st);
    return e;
}

static void test_verify_ok(void **state)
{
    fx_t *f = *state;
    dc_verify_t rep;
    assert_int_equal(verify_file(f->db, &rep), DC_E_OK);
    assert_int_equal(rep.events, f->events);
    assert_int_equal(rep.bad_seq, 0);

    dc_store_t *st;
    assert_int_equal(dc_store_open(f->db, key, false, &st), DC_E_OK);
    int64_t count;
    uint8_t head[32];
    assert_int_equal(dc_store_head(st, &count, head), DC_E_OK);
    assert_int_equal(count, f->events);
    assert_memory_equal(head, rep.head, 32);
    dc_item_t it;
    assert_int_equal(dc_store_item_get(st, f->item[0], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_OUT);
    assert_string_equal(it.holder, f->badge[3]);
    assert_string_equal(it.title, secret_title);
    assert_int_equal(dc_store_item_get(st, f->item[2], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_IN);
    assert_int_equal(dc_store_item_get(st, "DI-NOPE", &it), DC_E_NOT_FOUND);
    dc_store_close(st);
}

static void test_triggers_refuse_raw_sql(void **state)
{
    fx_t *f = *state;
    uint8_t before[32], after[32];
    file_hash(f->db, before);
    sqlite3 *db = raw_open(f->db);
    static const char *const attempts[] = {
        "UPDATE events SET title = 'x' WHERE seq = 5",
        "UPDATE events SET ts_ms = ts_ms + 1",
        "DELETE FROM events WHERE seq = 11",
        "DELETE FROM events",
        "INSERT OR REPLACE INTO events SELECT * FROM events WHERE seq = 3",
        "REPLACE INTO events SELECT * FROM events WHERE seq = 1",
        "INSERT INTO events SELECT seq + 100, group_seq, type, ts_ms, tz_min, terminal, channel, "
        "actor, second, item, subject, link_seq, purpose, from_place, to_place, due, method, "
        "technique, certificate, masked, quantity, carrier, locked_bag, recipient, dest_item, kind,"
        " category, title, place, section, personal, my_number, notes, name, kana, role, "
        "designated, detail, prev_hash, hash FROM events WHERE seq = 2",
    };
    for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        char msg[256];
        int rc = raw_exec(db, attempts[i], msg, sizeof msg);
        if (rc == SQLITE_OK)
            fail_msg("raw SQL was not refused: %s", attempts[i]);
        assert_non_null(strstr(msg, "append-only"));
    }
    sqlite3_close(db);
    file_hash(f->db, after);
    assert_memory_equal(before, after, 32);
    dc_verify_t rep;
    assert_int_equal(verify_file(f->db, &rep), DC_E_OK);
}

/* Every column of an event row, changed through SQL with the key, is found with its seq. */
static void test_every_column_change_is_found(void **state)
{
    fx_t *f = *state;
    char copy[700];
    path_in(f, "tampered.db", copy, sizeof copy);
    for (int col = 0; col < DC_EVENT_NFIELDS + 2; col++) {
        const char *name = col < DC_EVENT_NFIELDS    ? dc_event_columns[col]
                           : col == DC_EVENT_NFIELDS ? "prev_hash"
                                                     : "hash";
        if (col == DC_F_seq)
            continue; /* moving a row is covered by the reorder test */
        for (int64_t seq = 2; seq <= f->events; seq += 4) {
            unlink(copy);
            copy_file(f->db, copy);
            char sql[320];
            bool is_int = false;
#define DC_X(c, i) is_int = is_int || (strcmp(#c, name) == 0 && (i));
            DC_EVENT_FIELDS(DC_X)
#undef DC_X
            if (col >= DC_EVENT_NFIELDS)
                snprintf(sql, sizeof sql, "UPDATE events SET %s = randomblob(32) WHERE seq = %lld",
                         name, (long long)seq);
            else if (is_int)
                snprintf(sql, sizeof sql,
                         "UPDATE events SET %s = CASE WHEN %s > 1 THEN %s - 1 ELSE %s + 1 END "
                         "WHERE seq = %lld",
                         name, name, name, name, (long long)seq);
            else
                snprintf(sql, sizeof sql, "UPDATE events SET %s = %s || 'x' WHERE seq = %lld", name,
                         name, (long long)seq);
            tamper(copy, sql);
            dc_verify_t rep;
            dc_err_t e = verify_file(copy, &rep);
            if (e != DC_E_VERIFY_FAILED || rep.bad_seq != seq)
                fail_msg("column %s of seq %lld: got %s, bad_seq %lld (%s)", name, (long long)seq,
                         dc_err_name(e), (long long)rep.bad_seq, rep.what);
        }
    }
}

/* A single byte changed in a text column is found too. */
static void test_one_byte_change(void **state)
{
    fx_t *f = *state;
    char copy[700];
    path_in(f, "byte.db", copy, sizeof copy);
    copy_file(f->db, copy);
    /* 'SECRET' -> 'SECRFT' inside the title of the register event (seq 5). */
    tamper(copy, "UPDATE events SET title = replace(title, 'SECRET', 'SECRFT') WHERE seq = 5");
    dc_verify_t rep;
    assert_int_equal(verify_file(copy, &rep), DC_E_VERIFY_FAILED);
    assert_int_equal(rep.bad_seq, 5);
}

static void test_delete_reorder_insert_found(void **state)
{
    fx_t *f = *state;
    char copy[700];
    path_in(f, "rows.db", copy, sizeof copy);
    static const struct {
        const char *sql;
        int64_t bad;
    } cases[] = {
        {"DELETE FROM events WHERE seq = 6", 6},
        {"UPDATE events SET seq = 1000, group_seq = 1000 WHERE seq = 7;"
         "UPDATE events SET seq = 7, group_seq = 7 WHERE seq = 8;"
         "UPDATE events SET seq = 8, group_seq = 8 WHERE seq = 1000",
         7},
        /* Insert a copy of event 3 as the new event 4 and shift the rest up. */
        {"UPDATE events SET seq = seq + 1000 WHERE seq >= 4;"
         "UPDATE events SET seq = seq - 999 WHERE seq >= 1004;"
         "INSERT INTO events SELECT 4, group_seq, type, ts_ms, tz_min, terminal, channel, "
         "actor, second, item, subject, link_seq, purpose, from_place, to_place, due, method, "
         "technique, certificate, masked, quantity, carrier, locked_bag, recipient, dest_item, "
         "kind,"
         " category, title, place, section, personal, my_number, notes, name, kana, role, "
         "designated, detail, prev_hash, hash FROM events WHERE seq = 3",
         4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unlink(copy);
        copy_file(f->db, copy);
        tamper(copy, cases[i].sql);
        dc_verify_t rep;
        assert_int_equal(verify_file(copy, &rep), DC_E_VERIFY_FAILED);
        assert_int_equal(rep.bad_seq, cases[i].bad);
    }
}

static void test_derived_state_checked(void **state)
{
    fx_t *f = *state;
    char copy[700];
    path_in(f, "derived.db", copy, sizeof copy);
    copy_file(f->db, copy);
    sqlite3 *db = raw_open(copy);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE items SET state = 'in', holder = '' WHERE code = '%s'",
             f->item[0]);
    assert_int_equal(raw_exec(db, sql, NULL, 0), SQLITE_OK);
    sqlite3_close(db);
    dc_verify_t rep;
    assert_int_equal(verify_file(copy, &rep), DC_E_VERIFY_FAILED);
    assert_non_null(strstr(rep.what, f->item[0]));

    /* Dropping the append-only triggers is itself a finding. */
    unlink(copy);
    copy_file(f->db, copy);
    db = raw_open(copy);
    assert_int_equal(raw_exec(db, "DROP TRIGGER events_no_delete", NULL, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(verify_file(copy, &rep), DC_E_VERIFY_FAILED);
    assert_non_null(strstr(rep.what, "trigger"));
}

/* The link of a return is the item's current take-out, taken under the write lock: a link read
 * before another connection's return and take-out is refused, none is filled in at commit. */
static void test_links_taken_at_commit(void **state)
{
    fx_t *f = *state;
    dc_store_t *a, *b;
    assert_int_equal(dc_store_open(f->db, key, false, &a), DC_E_OK);
    assert_int_equal(dc_store_open(f->db, key, false, &b), DC_E_OK);
    /* A reads the item (out under its last take-out), as the desk once did before writing. */
    dc_item_t it;
    assert_int_equal(dc_store_item_get(a, f->item[0], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_OUT);
    int64_t stale = it.state_seq;
    /* Meanwhile B returns it and takes it out again. */
    give_back(f, b, 0, 3, 2);
    take_out(f, b, 0, 2, 1);
    int64_t current = f->events;
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RETURN);
    memcpy(ev.actor, f->badge[2], DC_CODE_MAX);
    memcpy(ev.second, f->badge[3], DC_CODE_MAX);
    memcpy(ev.item, f->item[0], DC_CODE_MAX);
    ev.link_seq = stale;
    stamp(&ev, f->events);
    int failed;
    assert_int_equal(dc_store_check(a, &ev), DC_E_R_LINK_STALE);
    assert_int_equal(dc_store_append(a, &ev, 1, &failed), DC_E_R_LINK_STALE);
    /* Without a link the store takes the current one, inside the transaction. */
    ev.link_seq = 0;
    assert_int_equal(dc_store_check(a, &ev), DC_E_OK);
    assert_int_equal(dc_store_append(a, &ev, 1, &failed), DC_E_OK);
    f->events++;
    assert_int_equal(ev.link_seq, current);
    dc_event_t got;
    assert_int_equal(dc_store_event_get(b, ev.seq, &got), DC_E_OK);
    assert_int_equal(got.link_seq, current);
    dc_verify_t v;
    assert_int_equal(dc_store_verify(b, &v), DC_E_OK);
    dc_store_close(a);
    dc_store_close(b);
}

static int64_t clock_reading;
static int64_t test_clock(void)
{
    return clock_reading;
}

/* An event stamped by the desk is stamped again from the store's clock inside the write
 * transaction; one dated on purpose keeps its date. */
static void test_stamp_at_commit(void **state)
{
    fx_t *f = *state;
    dc_store_t *st;
    assert_int_equal(dc_store_open(f->db, key, false, &st), DC_E_OK);
    dc_store_set_clock(st, test_clock);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_LOGIN);
    memcpy(ev.actor, f->badge[2], DC_CODE_MAX);
    stamp(&ev, f->events);
    ev.stamped_ms = ev.ts_ms;
    clock_reading = ev.ts_ms + 5000;
    int failed;
    assert_int_equal(dc_store_append(st, &ev, 1, &failed), DC_E_OK);
    assert_int_equal(ev.ts_ms, clock_reading);
    dc_event_t got;
    assert_int_equal(dc_store_event_get(st, ev.seq, &got), DC_E_OK);
    assert_int_equal(got.ts_ms, clock_reading);
    /* Dated on purpose after the stamp: kept. */
    dc_event_init(&ev, DC_EV_LOGIN);
    memcpy(ev.actor, f->badge[2], DC_CODE_MAX);
    stamp(&ev, f->events + 10);
    ev.stamped_ms = ev.ts_ms - 1;
    int64_t dated = ev.ts_ms;
    assert_int_equal(dc_store_append(st, &ev, 1, &failed), DC_E_OK);
    assert_int_equal(ev.ts_ms, dated);
    dc_store_close(st);
}

/* What is not an event but decides a rule: the schema as the migrations made it, the settings
 * as their events left them, the PIN records under their MAC. */
static void test_schema_settings_macs_checked(void **state)
{
    fx_t *f = *state;
    static const struct {
        const char *sql, *found;
    } rows[] = {
        {"DROP INDEX events_by_time", "no index events_by_time"},
        {"DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
         "BEGIN SELECT 1; END",
         "trigger events_no_delete"},
        {"CREATE TRIGGER extra AFTER INSERT ON items BEGIN SELECT 1; END", "extra trigger extra"},
        {"INSERT INTO meta(key, value) VALUES ('office_hours', '00:00-23:59')",
         "setting office_hours"},
    };
    char copy[700], msg[256];
    dc_verify_t v;
    path_in(f, "schema.db", copy, sizeof copy);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        unlink(copy);
        copy_file(f->db, copy);
        sqlite3 *db = raw_open(copy);
        assert_int_equal(raw_exec(db, rows[r].sql, msg, sizeof msg), SQLITE_OK);
        sqlite3_close(db);
        assert_int_equal(verify_file(copy, &v), DC_E_VERIFY_FAILED);
        if (!strstr(v.what, rows[r].found))
            fail_msg("row %zu: '%s' does not say %s", r, v.what, rows[r].found);
    }
    /* A PIN record: another tool cannot change it (the MAC trigger needs daicho's function)... */
    unlink(copy);
    copy_file(f->db, copy);
    dc_store_t *st;
    assert_int_equal(dc_store_open(copy, key, false, &st), DC_E_OK);
    assert_int_equal(dc_store_pin_set(st, f->badge[1], "$argon2id$manager"), DC_E_OK);
    assert_int_equal(dc_store_pin_set(st, f->badge[2], "$argon2id$clerk"), DC_E_OK);
    assert_int_equal(dc_store_verify(st, &v), DC_E_OK);
    dc_store_close(st);
    sqlite3 *db = raw_open(copy);
    assert_int_not_equal(raw_exec(db, "UPDATE credentials SET failures = 0", msg, sizeof msg),
                         SQLITE_OK);
    assert_non_null(strstr(msg, "daicho_mac"));
    /* ...and with the trigger lifted and put back, the copied hash is found. */
    char sql[400];
    snprintf(sql, sizeof sql,
             "DROP TRIGGER credentials_mac_update; UPDATE credentials SET pin_hash = (SELECT "
             "pin_hash FROM credentials WHERE badge = '%s') WHERE badge = '%s'",
             f->badge[2], f->badge[1]);
    assert_int_equal(raw_exec(db, sql, msg, sizeof msg), SQLITE_OK);
    assert_int_equal(raw_exec(db,
                              "CREATE TRIGGER credentials_mac_update\n"
                              "AFTER UPDATE OF badge, pin_hash, failures, locked, last_fail_ms ON "
                              "credentials\n"
                              "BEGIN\n"
                              "    UPDATE credentials SET mac = daicho_mac((SELECT value FROM meta "
                              "WHERE key = 'row_mac_key'),\n"
                              "        'credentials', badge, pin_hash, failures, locked, "
                              "last_fail_ms) WHERE badge = NEW.badge;\n"
                              "END",
                              msg, sizeof msg),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(verify_file(copy, &v), DC_E_VERIFY_FAILED);
    if (!strstr(v.what, "PIN record") || !strstr(v.what, f->badge[1]))
        fail_msg("'%s' does not name the manager's PIN record", v.what);
}

static void expect_refused_unchanged(const char *path, const uint8_t *k, dc_err_t want)
{
    uint8_t before[32], after[32];
    struct stat sb;
    bool had = stat(path, &sb) == 0;
    if (had)
        file_hash(path, before);
    dc_store_t *st = NULL;
    dc_err_t e = dc_store_open(path, k, false, &st);
    if (e != want)
        fail_msg("%s: got %s, want %s", path, dc_err_name(e), dc_err_name(want));
    assert_null(st);
    if (had) {
        file_hash(path, after);
        assert_memory_equal(before, after, 32);
    }
    char side[800];
    snprintf(side, sizeof side, "%s-wal", path);
    assert_false(exists(side));
    snprintf(side, sizeof side, "%s-shm", path);
    assert_false(exists(side));
}

static void test_refusals_leave_file_alone(void **state)
{
    fx_t *f = *state;
    char p[700];

    expect_refused_unchanged(f->db, other_key, DC_E_DB_WRONG_KEY);

    /* A plaintext SQLite database. */
    path_in(f, "plain.db", p, sizeof p);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(raw_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1)", NULL, 0), 0);
    sqlite3_close(db);
    expect_refused_unchanged(p, key, DC_E_DB_PLAINTEXT);

    /* Truncated in the middle of a page. */
    path_in(f, "trunc.db", p, sizeof p);
    copy_file(f->db, p);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    assert_int_equal(truncate(p, sb.st_size - 1000), 0);
    expect_refused_unchanged(p, key, DC_E_DB_TRUNCATED);

    /* Garbage that is not whole pages, and garbage that is. */
    path_in(f, "garbage.txt", p, sizeof p);
    FILE *fp = fopen(p, "wb");
    fputs("this is not a database\n", fp);
    fclose(fp);
    expect_refused_unchanged(p, key, DC_E_DB_TRUNCATED);
    path_in(f, "garbage.bin", p, sizeof p);
    fp = fopen(p, "wb");
    uint8_t junk[8192];
    randombytes_buf(junk, sizeof junk);
    fwrite(junk, 1, sizeof junk, fp);
    fclose(fp);
    expect_refused_unchanged(p, key, DC_E_DB_WRONG_KEY);

    /* A damaged first page: SQLite says the same as for a wrong key, but with the right key the
     * other pages still authenticate, so it is damage; with another key none do. */
    path_in(f, "damaged.db", p, sizeof p);
    copy_file(f->db, p);
    fp = fopen(p, "r+b");
    assert_non_null(fp);
    randombytes_buf(junk, 64);
    assert_int_equal(fseek(fp, 200, SEEK_SET), 0);
    assert_int_equal(fwrite(junk, 1, 64, fp), 64);
    fclose(fp);
    expect_refused_unchanged(p, key, DC_E_DB_CORRUPT);
    expect_refused_unchanged(p, other_key, DC_E_DB_WRONG_KEY);

    path_in(f, "empty.db", p, sizeof p);
    fclose(fopen(p, "wb"));
    expect_refused_unchanged(p, key, DC_E_DB_EMPTY);

    path_in(f, "missing.db", p, sizeof p);
    expect_refused_unchanged(p, key, DC_E_DB_MISSING);
    assert_false(exists(p));

    dc_store_t *st = NULL;
    assert_int_equal(dc_store_open(f->db, key, true, &st), DC_E_DB_EXISTS);
    assert_null(st);
}

static void test_newer_schema_refused(void **state)
{
    fx_t *f = *state;
    char p[700];
    path_in(f, "newer.db", p, sizeof p);
    copy_file(f->db, p);
    sqlite3 *db = raw_open(p);
    assert_int_equal(raw_exec(db, "PRAGMA user_version = 999", NULL, 0), SQLITE_OK);
    sqlite3_close(db);
    expect_refused_unchanged(p, key, DC_E_DB_NEWER);
}

static bool file_contains(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    bool found = false;
    size_t len = strlen(needle);
    for (size_t i = 0; !found && i + len <= got; i++)
        found = memcmp(buf + i, needle, len) == 0;
    free(buf);
    return found;
}

static void test_nothing_in_clear(void **state)
{
    fx_t *f = *state;
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", f->db);
    /* While a connection is open and has written, the WAL holds the newest pages. */
    dc_store_t *st;
    assert_int_equal(dc_store_open(f->db, key, false, &st), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    memcpy(ev.actor, f->badge[0], DC_CODE_MAX);
    make_code(DC_CODE_ITEM, 77, ev.item);
    ev.kind = DC_KIND_PAPER;
    dc_copy(ev.title, sizeof ev.title, "WAL-ONLY-TITLE-QQQ");
    append_ok(f, st, &ev);
    assert_true(exists(wal));
    const char *needles[] = {secret_title,     secret_name, "SECRET-TITLE", "UNIQUE-NAME",
                             "WAL-ONLY-TITLE", "take-out",  "CREATE TABLE", f->item[0]};
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        assert_false(file_contains(f->db, needles[i]));
        assert_false(file_contains(wal, needles[i]));
    }
    dc_store_close(st);
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++)
        assert_false(file_contains(f->db, needles[i]));
}

static void test_batch_all_or_nothing(void **state)
{
    fx_t *f = *state;
    dc_store_t *st;
    assert_int_equal(dc_store_open(f->db, key, false, &st), DC_E_OK);
    int64_t before, after;
    uint8_t h1[32], h2[32];
    assert_int_equal(dc_store_head(st, &before, h1), DC_E_OK);

    /* Take out items 1 (already out: refused) after item 2 (allowed): nothing is written. */
    dc_event_t evs[2];
    for (int i = 0; i < 2; i++) {
        dc_event_init(&evs[i], DC_EV_TAKE_OUT);
        stamp(&evs[i], 100);
        memcpy(evs[i].actor, f->badge[2], DC_CODE_MAX);
        memcpy(evs[i].second, f->badge[1], DC_CODE_MAX);
        dc_copy(evs[i].purpose, sizeof evs[i].purpose, "会議");
        dc_copy(evs[i].to_place, sizeof evs[i].to_place, "本庁舎");
        dc_copy(evs[i].due, sizeof evs[i].due, "2026-10-09");
    }
    memcpy(evs[0].item, f->item[2], DC_CODE_MAX);
    memcpy(evs[1].item, f->item[1], DC_CODE_MAX);
    int failed = -7;
    assert_int_equal(dc_store_append(st, evs, 2, &failed), DC_E_R_ITEM_OUT);
    assert_int_equal(failed, 1);
    assert_int_equal(dc_store_head(st, &after, h2), DC_E_OK);
    assert_int_equal(before, after);
    assert_memory_equal(h1, h2, 32);
    dc_item_t it;
    assert_int_equal(dc_store_item_get(st, f->item[2], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_IN);

    /* A refused self-approval writes nothing either. */
    memcpy(evs[0].second, f->badge[2], DC_CODE_MAX);
    assert_int_equal(dc_store_append(st, evs, 1, &failed), DC_E_R_SELF_APPROVAL);
    assert_int_equal(dc_store_check(st, &evs[0]), DC_E_R_SELF_APPROVAL);
    memcpy(evs[0].second, f->badge[1], DC_CODE_MAX);
    assert_int_equal(dc_store_check(st, &evs[0]), DC_E_OK);

    /* Both allowed: one transaction, consecutive numbers, one group. */
    memcpy(evs[1].item, f->item[2], DC_CODE_MAX);
    memcpy(evs[0].item, f->item[1], DC_CODE_MAX);
    dc_event_init(&evs[0], DC_EV_RETURN);
    stamp(&evs[0], 101);
    memcpy(evs[0].actor, f->badge[3], DC_CODE_MAX);
    memcpy(evs[0].second, f->badge[2], DC_CODE_MAX);
    memcpy(evs[0].item, f->item[1], DC_CODE_MAX);
    assert_int_equal(dc_store_append(st, evs, 2, &failed), DC_E_OK);
    assert_int_equal(evs[0].seq, before + 1);
    assert_int_equal(evs[1].seq, before + 2);
    assert_int_equal(evs[1].group_seq, before + 1);
    assert_memory_equal(evs[1].prev_hash, evs[0].hash, 32);
    dc_store_close(st);

    dc_verify_t rep;
    assert_int_equal(verify_file(f->db, &rep), DC_E_OK);
    assert_int_equal(rep.events, before + 2);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_verify_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_triggers_refuse_raw_sql, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_column_change_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_byte_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_reorder_insert_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_derived_state_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_taken_at_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stamp_at_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_settings_macs_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_leave_file_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_in_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_all_or_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
