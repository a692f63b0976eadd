/* The ledger's Merkle tree as the store keeps it (schema/008, store/tree.h): every head and proof
 * the store gives equals the tree computed in memory from the events' links; two programs
 * appending by turns to one ledger, a dry run and a refused record leave the same tree; a ledger
 * from before schema 8 gets its tree at its next open; and verify names a tree row that was
 * changed, removed or added outside daicho. */
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
#include <sys/wait.h>
#include <unistd.h>

#include "desk/gen.h"
#include "store/internal.h"
#include "store/store.h"
#include "store/tree.h"

enum { EVENTS = 4000 };

typedef struct {
    char dir[512], db[600], key[600];
    dc_store_t *st;
    dc_term_t term;
    int64_t n;
    dc_hash_t *root; /* root[s]: the head of the first s events, computed in memory */
    dc_hash_t *leaf; /* leaf[i]: the leaf hash of event i + 1 */
} fx_t;

/* The in-memory tree of every event now in the ledger: heads of every size, leaf hashes. */
static void compute(fx_t *f)
{
    f->n = dc_fx_count(f->st);
    free(f->root);
    free(f->leaf);
    f->root = calloc((size_t)f->n + 1, sizeof *f->root);
    f->leaf = calloc((size_t)f->n + 1, sizeof *f->leaf);
    assert_non_null(f->root);
    assert_non_null(f->leaf);
    dc_merkle_acc_t *acc = calloc(1, sizeof *acc);
    dc_event_t *ev = malloc(sizeof *ev);
    assert_non_null(acc);
    assert_non_null(ev);
    dc_merkle_acc_root(acc, f->root[0]);
    for (int64_t s = 1; s <= f->n; s++) {
        assert_int_equal(dc_store_event_get(f->st, s, ev), DC_E_OK);
        dc_merkle_leaf(ev->hash, DC_HASH_LEN, f->leaf[s - 1]);
        dc_merkle_acc_push(acc, f->leaf[s - 1], NULL, NULL);
        dc_merkle_acc_root(acc, f->root[s]);
    }
    free(ev);
    free(acc);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "tree") ||
        dc_fx_ledger(f->dir, "t", "o", &f->st, &f->term))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/daicho.db", f->dir);
    snprintf(f->key, sizeof f->key, "%s/daicho.key", f->dir);
    dc_gen_opts_t o = {.events = EVENTS, .seed = 7};
    if (dc_desk_gen(f->st, &f->term, &o, NULL) != DC_E_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f->root);
    free(f->leaf);
    free(f);
    return rc;
}

static void expect_verify(dc_store_t *st, dc_err_t want, int64_t bad_seq, const char *what)
{
    dc_verify_t rep;
    dc_err_t e = dc_store_verify(st, &rep);
    if (e != want || (what && !strstr(rep.what, what)))
        print_error("verify: %s (%s)\n", dc_err_name(e), rep.what);
    assert_int_equal(e, want);
    if (what) {
        assert_non_null(strstr(rep.what, what));
        assert_int_equal(rep.bad_seq, bad_seq);
    }
}

/* Every head and proof the store gives equals the tree in memory, and verifies by RFC 9162. */
static void check_against_memory(fx_t *f, dc_store_t *st, int64_t step)
{
    dc_hash_t proof[DC_MERKLE_PROOF_MAX];
    uint8_t h[DC_HASH_LEN];
    int len;
    for (int64_t s = 0; s <= f->n; s++) {
        assert_int_equal(dc_store_tree_root(st, s, h), DC_E_OK);
        assert_memory_equal(h, f->root[s], DC_HASH_LEN);
    }
    for (int64_t size = 1; size <= f->n; size += step) {
        for (int64_t seq = 1; seq <= size; seq += step / 3 + 1) {
            assert_int_equal(dc_store_tree_inclusion(st, seq, size, proof, &len), DC_E_OK);
            assert_true(dc_merkle_verify_inclusion((uint64_t)seq - 1, (uint64_t)size,
                                                   f->leaf[seq - 1], proof, len, f->root[size],
                                                   DC_HASH_LEN));
            /* A receipt's printed prefix does as well; another event's leaf does not. */
            assert_true(dc_merkle_verify_inclusion((uint64_t)seq - 1, (uint64_t)size,
                                                   f->leaf[seq - 1], proof, len, f->root[size],
                                                   16));
            if (size > 1)
                assert_false(dc_merkle_verify_inclusion((uint64_t)seq - 1, (uint64_t)size,
                                                        f->leaf[seq % size], proof, len,
                                                        f->root[size], DC_HASH_LEN));
            assert_int_equal(dc_store_tree_consistency(st, seq, size, proof, &len), DC_E_OK);
            assert_true(dc_merkle_verify_consistency((uint64_t)seq, (uint64_t)size, f->root[seq],
                                                     f->root[size], proof, len));
        }
        assert_int_equal(dc_store_tree_leaf(st, size, h), DC_E_OK);
        assert_memory_equal(h, f->leaf[size - 1], DC_HASH_LEN);
    }
    /* Nothing beyond the ledger. */
    assert_int_equal(dc_store_tree_root(st, f->n + 1, h), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_leaf(st, f->n + 1, h), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_leaf(st, 0, h), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_inclusion(st, 1, f->n + 1, proof, &len), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_inclusion(st, 0, f->n, proof, &len), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_inclusion(st, 5, 4, proof, &len), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_consistency(st, 1, f->n + 1, proof, &len), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_consistency(st, 5, 4, proof, &len), DC_E_NOT_FOUND);
    assert_int_equal(dc_store_tree_consistency(st, 0, 4, proof, &len), DC_E_NOT_FOUND);
}

static void test_heads_and_proofs(void **state)
{
    fx_t *f = *state;
    compute(f);
    assert_true(f->n >= EVENTS);
    check_against_memory(f, f->st, 97);
    expect_verify(f->st, DC_E_OK, 0, NULL);
}

/* A new item, registered by the ledger's first administrator: one event. With trial, only the dry
 * run of dc_store_trial (written, then rolled back). */
static dc_err_t register_item(dc_store_t *st, const dc_term_t *term, char code[DC_CODE_MAX],
                              bool trial)
{
    dc_err_t e;
    if (!code[0] && (e = dc_desk_new_code(st, DC_CODE_ITEM, code)))
        return e;
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT badge FROM staff WHERE role = 'admin' LIMIT 1", -1, &s,
                           NULL) != SQLITE_OK)
        return DC_E_DB_IO;
    if (sqlite3_step(s) == SQLITE_ROW)
        dc_copy(ev.actor, sizeof ev.actor, (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    ev.kind = DC_KIND_PAPER;
    ev.category = dc_kind_category(DC_KIND_PAPER);
    dc_copy(ev.title, sizeof ev.title, "住民異動届 綴り");
    int64_t seq;
    int failed;
    if (!trial)
        return dc_desk_record(st, term, &ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed);
    dc_desk_stamp(term, &ev);
    memcpy(ev.item, code, DC_CODE_MAX);
    return dc_store_trial(st, &ev, 1, &failed);
}

/* Two programs on one ledger, by turns: the parent and a child process each append through their
 * own connection, so each one's edge in memory is out of date at every turn. Between them, the
 * parent makes a dry run and has a record refused (both rolled back). The tree afterwards is the
 * one computed from the events, seen from both connections, and verifies. */
static void test_two_programs(void **state)
{
    fx_t *f = *state;
    enum { TURNS = 25 };
    compute(f);
    int to_child[2], to_parent[2];
    assert_int_equal(pipe(to_child), 0);
    assert_int_equal(pipe(to_parent), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        dc_store_t *st;
        dc_term_t term;
        int bad = dc_desk_open(f->db, f->key, DC_CHANNEL_CLI, &st, &term) != DC_E_OK;
        char c;
        for (int t = 0; !bad && t < TURNS && read(to_child[0], &c, 1) == 1; t++) {
            /* One event on odd turns, three on even ones: rows at odd and even sizes. */
            for (int k = 0; !bad && k < (t % 2 ? 1 : 3); k++) {
                char code[DC_CODE_MAX] = "";
                bad = register_item(st, &term, code, false) != DC_E_OK;
            }
            c = bad ? 'x' : 'k';
            bad |= write(to_parent[1], &c, 1) != 1;
        }
        dc_store_close(st);
        _exit(bad);
    }
    /* Each end kept by one side only, so that a side that stops is seen as an end of file. */
    close(to_child[0]);
    close(to_parent[1]);
    char c = 'g';
    for (int t = 0; t < TURNS; t++) {
        char code[DC_CODE_MAX] = "";
        assert_int_equal(register_item(f->st, &f->term, code, false), DC_E_OK);
        if (t % 5 == 2) {
            /* The same code again is refused; a dry run of a new one is written, then rolled
             * back. */
            assert_int_equal(register_item(f->st, &f->term, code, false), DC_E_R_ITEM_EXISTS);
            char other[DC_CODE_MAX] = "";
            assert_int_equal(register_item(f->st, &f->term, other, true), DC_E_OK);
        }
        assert_int_equal(write(to_child[1], &c, 1), 1);
        assert_int_equal(read(to_parent[0], &c, 1), 1);
        assert_int_equal(c, 'k');
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close(to_child[1]);
    close(to_parent[0]);

    int64_t before = f->n;
    compute(f);
    assert_int_equal(f->n, before + TURNS + (TURNS / 2) * 1 + (TURNS - TURNS / 2) * 3);
    check_against_memory(f, f->st, 211);
    dc_store_t *other;
    dc_term_t term;
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_CLI, &other, &term), DC_E_OK);
    check_against_memory(f, other, 401);
    expect_verify(other, DC_E_OK, 0, NULL);
    dc_store_close(other);
    expect_verify(f->st, DC_E_OK, 0, NULL);
}

static void raw(dc_store_t *st, const char *sql)
{
    assert_int_equal(dc_fx_sql(st, sql), 0);
}

static void reopen(fx_t *f)
{
    dc_store_close(f->st);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_CLI, &f->st, &f->term), DC_E_OK);
}

static int64_t user_version(dc_store_t *st)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* A ledger kept before schema 8 has no tree: its next open fills it, and it is the same tree. */
static void test_older_ledger(void **state)
{
    fx_t *f = *state;
    compute(f);
    raw(f->st, "DROP TABLE tree; DELETE FROM schema_migrations WHERE version >= 8; "
               "PRAGMA user_version = 7");
    reopen(f);
    assert_int_equal(user_version(f->st), 8);
    check_against_memory(f, f->st, 331);
    expect_verify(f->st, DC_E_OK, 0, NULL);
    char code[DC_CODE_MAX] = "";
    assert_int_equal(register_item(f->st, &f->term, code, false), DC_E_OK);
    compute(f);
    check_against_memory(f, f->st, 331);
}

/* The SQL another tool with the key could run on the tree, around a verify. */
typedef struct {
    const char *sql, *undo;
    int64_t bad_seq;
    const char *what;
} tamper_t;

static void test_tampered(void **state)
{
    fx_t *f = *state;
    compute(f);
    int64_t n = f->n;
    int64_t last = n % 2 ? n - 1 : n;
    char extra[200], undo_extra[100], changed[200], undo_changed[200], gone[200], undo_gone[200];
    snprintf(extra, sizeof extra, "INSERT INTO tree(seq, nodes) VALUES(%lld, zeroblob(32))",
             (long long)last + 2);
    snprintf(undo_extra, sizeof undo_extra, "DELETE FROM tree WHERE seq = %lld",
             (long long)last + 2);
    snprintf(changed, sizeof changed,
             "CREATE TEMP TABLE saved AS SELECT nodes FROM tree WHERE seq = 64; "
             "UPDATE tree SET nodes = unhex(printf('%%064d', 0) || substr(hex(nodes), 65)) "
             "WHERE seq = 64");
    snprintf(undo_changed, sizeof undo_changed,
             "UPDATE tree SET nodes = (SELECT nodes FROM temp.saved) WHERE seq = 64; "
             "DROP TABLE temp.saved");
    snprintf(gone, sizeof gone,
             "CREATE TEMP TABLE saved AS SELECT nodes FROM tree WHERE seq = 10; "
             "DELETE FROM tree WHERE seq = 10");
    snprintf(undo_gone, sizeof undo_gone,
             "INSERT INTO tree(seq, nodes) SELECT 10, nodes FROM temp.saved; "
             "DROP TABLE temp.saved");
    const tamper_t cases[] = {
        {changed, undo_changed, 64, "the tree's row of event 64 was changed after it was written"},
        {"UPDATE tree SET nodes = unhex(hex(nodes) || printf('%064d', 0)) WHERE seq = 128",
         "UPDATE tree SET nodes = unhex(substr(hex(nodes), 1, 2 * length(nodes) - 64)) "
         "WHERE seq = 128",
         128, "the tree's row of event 128 was changed after it was written"},
        {gone, undo_gone, 10, "the tree's row of event 10 is missing"},
        {extra, undo_extra, n + 1, "which no event completed"},
    };
    /* The triggers come back as the migration made them, so the schema check passes again. */
    raw(f->st, "CREATE TEMP TABLE triggers AS SELECT name, sql FROM sqlite_schema WHERE "
               "type = 'trigger' AND tbl_name = 'tree'");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        raw(f->st, "DROP TRIGGER tree_no_update; DROP TRIGGER tree_no_delete; "
                   "DROP TRIGGER tree_append_only");
        raw(f->st, cases[i].sql);
        expect_verify(f->st, DC_E_VERIFY_FAILED, cases[i].bad_seq, cases[i].what);
        /* A proof that needs the row is refused, and says which row. */
        if (i == 2) {
            dc_hash_t proof[DC_MERKLE_PROOF_MAX];
            int len;
            assert_int_equal(dc_store_tree_inclusion(f->st, 11, 16, proof, &len),
                             DC_E_VERIFY_FAILED);
            assert_non_null(strstr(dc_store_detail(f->st), "the tree's row of event 10"));
        }
        raw(f->st, cases[i].undo);
        sqlite3_stmt *s;
        assert_int_equal(
            sqlite3_prepare_v2(f->st->db, "SELECT sql FROM temp.triggers", -1, &s, NULL),
            SQLITE_OK);
        while (sqlite3_step(s) == SQLITE_ROW)
            raw(f->st, (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        expect_verify(f->st, DC_E_OK, 0, NULL);
    }
    raw(f->st, "DROP TABLE temp.triggers");
    /* And the triggers refuse the same edits from a tool that leaves them in place. */
    assert_int_not_equal(sqlite3_exec(f->st->db,
                                      "UPDATE tree SET nodes = zeroblob(32) WHERE seq = 2", NULL,
                                      NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(
        sqlite3_exec(f->st->db, "DELETE FROM tree WHERE seq = 2", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(f->st->db, extra, NULL, NULL, NULL), SQLITE_OK);
    expect_verify(f->st, DC_E_OK, 0, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_heads_and_proofs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_programs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_older_ledger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
