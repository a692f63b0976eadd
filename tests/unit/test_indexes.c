/* verify checks every index against its table (store/verify.c, check_indexes): an index that
 * lost entries, holds one too many, or holds another value than its row is named, although the
 * schema's text is the migrations' and SQLite's quick_check finds nothing wrong. Each damaged
 * index is made as someone with the key and another tool could: the index rebuilt partial (or
 * from other values) under the same name, then its SQL text put back with writable_schema. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/gen.h"
#include "store/internal.h"
#include "store/store.h"

typedef struct {
    char dir[512], db[600], key[600];
    dc_store_t *st;
    dc_term_t term;
} fx_t;

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "index") ||
        dc_fx_ledger(f->dir, "t", "o", &f->st, &f->term))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/daicho.db", f->dir);
    snprintf(f->key, sizeof f->key, "%s/daicho.key", f->dir);
    dc_gen_opts_t o = {.events = 3500, .seed = 5};
    if (dc_desk_gen(f->st, &f->term, &o, NULL) != DC_E_OK)
        return -1;
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

static void raw(fx_t *f, const char *sql)
{
    assert_int_equal(dc_fx_sql(f->st, sql), 0);
}

static void reopen(fx_t *f)
{
    dc_store_close(f->st);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_CLI, &f->st, &f->term), DC_E_OK);
}

static dc_err_t verify(fx_t *f, dc_verify_t *rep)
{
    dc_err_t e = dc_store_verify(f->st, rep);
    if (e)
        print_message("verify: %s (%s)\n", dc_err_name(e), rep->what);
    return e;
}

/* Replace index name's content with what made builds, keeping its stored SQL text. */
static void damage(fx_t *f, const char *name, const char *made)
{
    char sql[1200];
    snprintf(sql, sizeof sql,
             "CREATE TEMP TABLE kept AS SELECT sql FROM sqlite_schema WHERE name = '%s'; "
             "DROP INDEX %s; %s; PRAGMA writable_schema = ON; "
             "UPDATE sqlite_schema SET sql = (SELECT sql FROM temp.kept) WHERE name = '%s'; "
             "PRAGMA writable_schema = OFF; DROP TABLE temp.kept",
             name, name, made, name);
    raw(f, sql);
    reopen(f);
}

static void restore(fx_t *f, const char *name)
{
    char sql[200];
    snprintf(sql, sizeof sql, "REINDEX %s", name);
    raw(f, sql);
    dc_verify_t rep;
    assert_int_equal(verify(f, &rep), DC_E_OK);
}

static void test_damaged_indexes(void **state)
{
    fx_t *f = *state;
    dc_verify_t rep;
    assert_int_equal(verify(f, &rep), DC_E_OK);
    static const struct {
        const char *name, *made;
        bool same_count; /* quick_check counts entries; only the values differ */
    } cases[] = {
        /* entries lost: the month's ledger through it would miss the first events (SQLite's
         * quick_check counts entries and finds these too) */
        {"events_by_time", "CREATE INDEX events_by_time ON events (ts_ms) WHERE seq > 10", false},
        {"events_seals", "CREATE INDEX events_seals ON events (seq) WHERE type <> 'return'", false},
        /* as many entries, other values: the month's ledger would show events at other times,
         * an item's history another item's; only verify's own check finds these */
        {"events_by_time", "CREATE INDEX events_by_time ON events (ts_ms + 1)", true},
        {"events_by_item",
         "CREATE INDEX events_by_item ON events (item || 'x', seq) WHERE item <> ''", true},
        {"events_by_link",
         "CREATE INDEX events_by_link ON events (link_seq + 1) WHERE link_seq <> 0", true},
        {"items_by_state", "CREATE INDEX items_by_state ON items (upper(state))", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        damage(f, cases[i].name, cases[i].made);
        if (cases[i].same_count) {
            /* SQLite's structural check does not see it. */
            sqlite3_stmt *s;
            assert_int_equal(sqlite3_prepare_v2(f->st->db, "PRAGMA quick_check", -1, &s, NULL),
                             SQLITE_OK);
            assert_int_equal(sqlite3_step(s), SQLITE_ROW);
            assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
            sqlite3_finalize(s);
        }
        assert_int_equal(verify(f, &rep), DC_E_VERIFY_FAILED);
        char want[128];
        snprintf(want, sizeof want, "index %s does not hold the rows of", cases[i].name);
        if (cases[i].same_count)
            assert_non_null(strstr(rep.what, want));
        else
            assert_non_null(strstr(rep.what, cases[i].name));
        restore(f, cases[i].name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_damaged_indexes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
