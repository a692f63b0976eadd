/* The line schema/006 draws between disposals judged by the older rule and those judged by kind
 * (meta disposal_rules_from_seq) cannot be moved outside daicho: verify refuses a moved, lost or
 * unMAC'd line with DISPOSAL_LINE_ALTERED, and the counter does not honour it. Older ledgers
 * (before 006, and at 006 before the MAC of 007) still open and verify. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/keyfile.h"
#include "store/internal.h"
#include "store/store.h"

typedef struct {
    char dir[512], db[600], key[600];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], staff[DC_CODE_MAX], paper[DC_CODE_MAX];
} fx_t;

static void record(fx_t *f, dc_event_t *ev, const char code[DC_CODE_MAX], dc_err_t want)
{
    int64_t seq;
    int failed;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed),
        want);
}

static void enroll(fx_t *f, const char *actor, char badge[DC_CODE_MAX], dc_role_t role)
{
    assert_int_equal(dc_fx_enrol(f->st, &f->term, actor, badge, role, "職員", NULL), 0);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "line") ||
        dc_fx_ledger(f->dir, "t", "o", &f->st, &f->term))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/daicho.db", f->dir);
    snprintf(f->key, sizeof f->key, "%s/daicho.key", f->dir);
    enroll(f, NULL, f->admin, DC_ROLE_ADMIN);
    enroll(f, f->admin, f->manager, DC_ROLE_MANAGER);
    enroll(f, f->admin, f->staff, DC_ROLE_STAFF);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, f->paper), DC_E_OK);
    memcpy(ev.actor, f->admin, DC_CODE_MAX);
    ev.kind = DC_KIND_PAPER;
    ev.category = dc_kind_category(DC_KIND_PAPER);
    dc_copy(ev.title, sizeof ev.title, "住民異動届 綴り");
    record(f, &ev, f->paper, DC_E_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f);
    return rc;
}

/* Paper destroyed by 物理破壊(破砕): the older rule took it, the rule by kind does not. */
static void wrong_disposal(fx_t *f, dc_event_t *ev)
{
    dc_event_init(ev, DC_EV_DISPOSE);
    memcpy(ev->actor, f->staff, DC_CODE_MAX);
    memcpy(ev->second, f->manager, DC_CODE_MAX);
    ev->method = DC_METHOD_DESTROY;
    dc_copy(ev->technique, sizeof ev->technique, "物理破壊(破砕)");
    dc_copy(ev->certificate, sizeof ev->certificate, "HK-2026-10-033");
}

/* SQL on the ledger as someone with the key and another tool would run it (meta has no
 * triggers, so nothing stops it). */
static void raw(fx_t *f, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(f->st->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        print_error("%s: %s\n", sql, msg ? msg : "");
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
}

/* The line moved with its MAC made again, as only daicho's own function can. */
static void move_with_mac(fx_t *f, int64_t line)
{
    char sql[600];
    snprintf(sql, sizeof sql,
             "UPDATE meta SET value = '%lld' WHERE key = 'disposal_rules_from_seq'; "
             "UPDATE meta SET value = lower(hex(daicho_mac((SELECT value FROM meta WHERE key = "
             "'row_mac_key'), 'meta', 'disposal_rules_from_seq', '%lld'))) WHERE key = "
             "'disposal_rules_from_seq_mac'",
             (long long)line, (long long)line);
    raw(f, sql);
}

static void expect_verify(fx_t *f, dc_err_t want, const char *what)
{
    dc_verify_t rep;
    dc_err_t e = dc_store_verify(f->st, &rep);
    if (e != want || (what && !strstr(rep.what, what)))
        print_error("verify: %s (%s)\n", dc_err_name(e), rep.what);
    assert_int_equal(e, want);
    if (what)
        assert_non_null(strstr(rep.what, what));
}

static void reopen(fx_t *f, bool ro)
{
    dc_store_close(f->st);
    f->st = NULL;
    if (ro) {
        uint8_t k[DC_STORE_KEY_LEN];
        assert_int_equal(dc_keyfile_read(f->key, k), DC_E_OK);
        assert_int_equal(dc_store_open_ro(f->db, k, false, &f->st), DC_E_OK);
    } else {
        assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_CLI, &f->st, &f->term), DC_E_OK);
    }
}

static int64_t user_version(fx_t *f)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(f->st->db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* A new ledger: the line at 1 with its MAC; it verifies. Raised past the next record by another
 * tool, verify names the line, the message says what to do in both languages, and the counter
 * still refuses the wrong disposal (the raised line is not honoured). */
static void test_raised_line(void **state)
{
    fx_t *f = *state;
    char v[80];
    assert_int_equal(dc_store_meta_get(f->st, "disposal_rules_from_seq", v, sizeof v), DC_E_OK);
    assert_string_equal(v, "1");
    assert_int_equal(dc_store_meta_get(f->st, "disposal_rules_from_seq_mac", v, sizeof v), DC_E_OK);
    assert_int_equal(strlen(v), 64);
    expect_verify(f, DC_E_OK, NULL);

    raw(f, "UPDATE meta SET value = '1000000' WHERE key = 'disposal_rules_from_seq'");
    expect_verify(f, DC_E_VERIFY_FAILED, "DISPOSAL_LINE_ALTERED");
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_VERIFY_FAILED);
    assert_int_equal(rep.bad_seq, 0); /* the meta row, not an event, is what is wrong */
    assert_non_null(strstr(rep.what, "disposal_rules_from_seq is '1000000'"));
    dc_err_t code;
    assert_true(dc_err_parse("DISPOSAL_LINE_ALTERED", &code));
    assert_non_null(strstr(dc_err_msg(code, DC_LANG_JA), "disposal_rules_from_seq"));
    assert_non_null(strstr(dc_err_msg(code, DC_LANG_JA), "バックアップから復元"));
    assert_non_null(strstr(dc_err_msg(code, DC_LANG_EN), "restore a backup that verifies"));

    int64_t before = dc_fx_count(f->st);
    dc_event_t ev;
    wrong_disposal(f, &ev);
    record(f, &ev, f->paper, DC_E_R_TECHNIQUE_KIND);
    assert_int_equal(dc_fx_count(f->st), before); /* nothing recorded */
    dc_item_t it;
    assert_int_equal(dc_store_item_get(f->st, f->paper, &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_IN);

    /* Put back as it was, the ledger verifies again: nothing else was changed. */
    raw(f, "UPDATE meta SET value = '1' WHERE key = 'disposal_rules_from_seq'");
    expect_verify(f, DC_E_OK, NULL);
}

/* The MAC is not all: a line past the next record is refused even with a MAC daicho's own
 * function made, and so is one that is not a plain number; a lost line or a lost MAC is
 * refused; a line lowered below where it was, with no MAC made again, too. */
static void test_line_derived_and_missing(void **state)
{
    fx_t *f = *state;
    int64_t next = dc_fx_count(f->st) + 1;
    move_with_mac(f, next);
    expect_verify(f, DC_E_OK, NULL); /* the first event after 006 may be the next one */
    move_with_mac(f, next + 1);
    expect_verify(f, DC_E_VERIFY_FAILED, "not a number from 1 to the next event's");
    move_with_mac(f, 1);
    expect_verify(f, DC_E_OK, NULL);

    raw(f, "UPDATE meta SET value = '01' WHERE key = 'disposal_rules_from_seq'");
    expect_verify(f, DC_E_VERIFY_FAILED, "'01', not a number");
    raw(f, "UPDATE meta SET value = '1' WHERE key = 'disposal_rules_from_seq'");

    raw(f, "DELETE FROM meta WHERE key = 'disposal_rules_from_seq_mac'");
    expect_verify(f, DC_E_VERIFY_FAILED, "DISPOSAL_LINE_ALTERED");
    raw(f, "INSERT INTO meta(key, value) VALUES ('disposal_rules_from_seq_mac', lower(hex("
           "daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'), 'meta', "
           "'disposal_rules_from_seq', '1'))))");
    expect_verify(f, DC_E_OK, NULL);

    raw(f, "DELETE FROM meta WHERE key = 'disposal_rules_from_seq'");
    expect_verify(f, DC_E_VERIFY_FAILED, "DISPOSAL_LINE_ALTERED");
}

/* A ledger from before schema/006: rolled back to 5 (no line, no MAC), it verifies read-only;
 * opened by this daicho, 006 and 007 draw the line after its last event with a MAC, 008 fills the
 * tree of its events, and it verifies. A ledger at 006 before the MAC (the build before 007)
 * verifies read-only too, and gets the MAC of the line it had at its next open. */
static void test_older_ledgers(void **state)
{
    fx_t *f = *state;
    raw(f, "DELETE FROM meta WHERE key IN ('disposal_rules_from_seq', "
           "'disposal_rules_from_seq_mac'); DELETE FROM schema_migrations WHERE version >= 6; "
           "DROP TABLE tree; PRAGMA user_version = 5");
    reopen(f, true);
    expect_verify(f, DC_E_OK, NULL);
    reopen(f, false);
    assert_int_equal(user_version(f), 8);
    char v[80];
    int64_t n = dc_fx_count(f->st);
    assert_int_equal(dc_store_meta_get(f->st, "disposal_rules_from_seq", v, sizeof v), DC_E_OK);
    assert_int_equal(strtoll(v, NULL, 10), n + 1);
    expect_verify(f, DC_E_OK, NULL);

    /* At 006, before 007: the line kept, no MAC. */
    raw(f, "DELETE FROM meta WHERE key = 'disposal_rules_from_seq_mac'; DELETE FROM "
           "schema_migrations WHERE version >= 7; DROP TABLE tree; PRAGMA user_version = 6");
    reopen(f, true);
    expect_verify(f, DC_E_OK, NULL);
    reopen(f, false);
    assert_int_equal(user_version(f), 8);
    assert_int_equal(dc_store_meta_get(f->st, "disposal_rules_from_seq", v, sizeof v), DC_E_OK);
    assert_int_equal(strtoll(v, NULL, 10), n + 1); /* not moved by the upgrade */
    assert_int_equal(dc_store_meta_get(f->st, "disposal_rules_from_seq_mac", v, sizeof v), DC_E_OK);
    expect_verify(f, DC_E_OK, NULL);
    raw(f, "UPDATE meta SET value = '1' WHERE key = 'disposal_rules_from_seq'");
    expect_verify(f, DC_E_VERIFY_FAILED, "DISPOSAL_LINE_ALTERED");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_raised_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_derived_and_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_older_ledgers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
