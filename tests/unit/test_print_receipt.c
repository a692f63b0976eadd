/* Receipts from the ledger and back: one receipt per record, reprints logged, and a scanned
 * receipt judged against the ledger: good, changed, forged, from another terminal, for an event
 * altered later, for a log rewritten before it or rolled back past it. Labels, badges, the seal
 * slip, printer failures that leave the record standing, and the printer settings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk/receipt.h"
#include "platform/clock.h"
#include "platform/font.h"
#include "platform/keyfile.h"
#include "testprint.h"
#include "store/internal.h"
#include "store/store.h"
#include "store/tree.h"

typedef struct {
    char dir[512];
    char db[600], key[600];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], staff[DC_CODE_MAX], staff2[DC_CODE_MAX];
    char item[2][DC_CODE_MAX];
    int64_t out_first, out_last; /* the take-out record of both items */
} fx_t;

#define T0 1791162000000LL /* 2026-10-05 10:00 JST */

static void record_ok(fx_t *f, dc_event_t *ev, const char (*items)[DC_CODE_MAX], int n,
                      int64_t *seqs)
{
    int failed;
    dc_err_t e = dc_desk_record(f->st, &f->term, ev, items, n, seqs, &failed);
    if (e)
        fail_msg("record %s: %s (%s)", dc_evtype_name(ev->type), dc_err_name(e),
                 dc_store_detail(f->st));
}

static void enroll(fx_t *f, const char *actor, char badge[DC_CODE_MAX], dc_role_t role,
                   const char *name)
{
    dc_event_t ev;
    int64_t seq;
    dc_event_init(&ev, DC_EV_ENROLL);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, badge), DC_E_OK);
    dc_copy(ev.actor, sizeof ev.actor, actor ? actor : badge);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    dc_copy(ev.name, sizeof ev.name, name);
    ev.role = role;
    record_ok(f, &ev, (const char(*)[DC_CODE_MAX])badge, 1, &seq);
}

static void make_ledger(fx_t *f, const char *sub, const char *terminal)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/%s", f->dir, sub);
    snprintf(f->db, sizeof f->db, "%.500s/daicho.db", dir);
    snprintf(f->key, sizeof f->key, "%.500s/daicho.key", dir);
    dc_init_opts_t o = {terminal, "テスト区役所 戸籍住民課", 540};
    assert_int_equal(dc_desk_init(f->db, f->key, &o), DC_E_OK);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term), DC_E_OK);
}

static void populate(fx_t *f)
{
    enroll(f, NULL, f->admin, DC_ROLE_ADMIN, "佐藤 健一");
    enroll(f, f->admin, f->manager, DC_ROLE_MANAGER, "髙﨑 美咲");
    enroll(f, f->admin, f->staff, DC_ROLE_STAFF, "田中 花子");
    enroll(f, f->admin, f->staff2, DC_ROLE_STAFF, "鈴木 一郎");
    static const char *const titles[2] = {"住民異動届 綴り", "集計USB"};
    for (int i = 0; i < 2; i++) {
        dc_event_t ev;
        int64_t seq;
        dc_event_init(&ev, DC_EV_REGISTER);
        assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, f->item[i]), DC_E_OK);
        dc_copy(ev.actor, sizeof ev.actor, f->admin);
        ev.kind = i ? DC_KIND_USB : DC_KIND_PAPER;
        ev.category = dc_kind_category(ev.kind);
        dc_copy(ev.title, sizeof ev.title, titles[i]);
        dc_copy(ev.place, sizeof ev.place, "書庫A");
        record_ok(f, &ev, (const char(*)[DC_CODE_MAX])f->item[i], 1, &seq);
    }
}

static void take_out(fx_t *f)
{
    dc_event_t ev;
    int64_t seqs[2];
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    dc_copy(ev.actor, sizeof ev.actor, f->staff);
    dc_copy(ev.second, sizeof ev.second, f->manager);
    dc_copy(ev.purpose, sizeof ev.purpose, "会議資料");
    dc_copy(ev.to_place, sizeof ev.to_place, "本庁舎 3階会議室");
    dc_copy(ev.due, sizeof ev.due, "2026-10-09");
    record_ok(f, &ev, (const char(*)[DC_CODE_MAX])f->item, 2, seqs);
    f->out_first = seqs[0];
    f->out_last = seqs[1];
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    const char *tmp = getenv("DAICHO_TEST_TMP");
    snprintf(f->dir, sizeof f->dir, "%s/receiptXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    dc_clock_fix(T0);
    make_ledger(f, "a", "窓口端末1");
    populate(f);
    take_out(f);
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

static int group_teardown(void **state)
{
    (void)state;
    dc_desk_print_shutdown();
    return 0;
}

/* The QR of a rendered receipt, as a scanner reads it. */
static void scan(const dc_bitmap_t *b, char *out, size_t cap)
{
    assert_int_equal(tp_qr_read(dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                                dc_bitmap_stride(b), out, cap),
                     1);
}

static void receipt_payload(fx_t *f, int64_t seq, bool reprint, char out[512])
{
    dc_bitmap_t *b;
    assert_int_equal(dc_desk_render_receipt(f->st, &f->term, seq, reprint, 384, &b), DC_E_OK);
    scan(b, out, 512);
    dc_bitmap_destroy(b);
}

/* Run SQL on the ledger behind the store's back, as someone with the key could. */
static void tamper(fx_t *f, const char *sql)
{
    dc_store_close(f->st);
    f->st = NULL;
    uint8_t key[DC_KEY_LEN];
    assert_int_equal(dc_keyfile_read(f->key, key), DC_E_OK);
    char spec[2 * DC_KEY_LEN + 4] = "x'";
    sodium_bin2hex(spec + 2, 2 * DC_KEY_LEN + 1, key, DC_KEY_LEN);
    spec[2 + 2 * DC_KEY_LEN] = '\'';
    spec[3 + 2 * DC_KEY_LEN] = '\0';
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_key(db, spec, (int)strlen(spec)), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("tamper: %s", err ? err : "?");
    sqlite3_close(db);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term), DC_E_OK);
}

static dc_err_t check(fx_t *f, const char *payload, dc_receipt_check_t *c)
{
    dc_err_t e = dc_desk_receipt_verify(f->st, payload, c);
    assert_int_equal(c->verdict, e);
    return e;
}

static void test_one_receipt_per_record(void **state)
{
    fx_t *f = *state;
    char a[512], b[512], id[DC_TERMINAL_ID_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    /* Any event of the record gives the same receipt, signing the record's last event. */
    receipt_payload(f, f->out_first, false, a);
    receipt_payload(f, f->out_last, false, b);
    assert_string_equal(a, b);
    dc_receipt_check_t c;
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_GOOD);
    assert_int_equal(dc_err_class(c.verdict), DC_CLASS_OK);
    assert_true(c.local);
    assert_int_equal(c.seq, f->out_last);
    assert_int_equal(c.head_count, f->out_last);
    assert_int_equal(c.group_seq, f->out_first);
    assert_int_equal(c.type, DC_EV_TAKE_OUT);
    assert_int_equal(dc_desk_terminal_key(f->st, id, pk), DC_E_OK);
    assert_string_equal(c.terminal_id, id);

    /* The kiosk's decode: which terminal and event, without the ledger. */
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(a, strlen(a), &p), DC_E_OK);
    assert_string_equal(p.terminal_id, id);
    assert_int_equal(p.seq, f->out_last);

    /* The ledger grows: the receipt still checks out (the log extends its checkpoint). */
    int64_t rseq;
    assert_int_equal(dc_desk_record_reprint(f->st, &f->term, f->staff2, f->out_first, &rseq),
                     DC_E_OK);
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_GOOD);
    assert_int_equal(c.log_count, rseq);

    /* 80 mm paper, the same checkpoint. */
    dc_bitmap_t *bm;
    assert_int_equal(dc_desk_render_receipt(f->st, &f->term, f->out_first, false, 576, &bm),
                     DC_E_OK);
    assert_int_equal(dc_bitmap_width(bm), 576);
    scan(bm, b, sizeof b);
    dc_bitmap_destroy(bm);
    assert_string_equal(a, b);

    /* Records without a receipt, and records that do not exist. */
    assert_int_equal(dc_desk_render_receipt(f->st, &f->term, 1, false, 384, &bm),
                     DC_E_RECEIPT_NONE); /* an enrolment */
    assert_null(bm);
    assert_int_equal(dc_desk_render_receipt(f->st, &f->term, 9999, false, 384, &bm),
                     DC_E_RECEIPT_NONE);
    assert_int_equal(dc_desk_render_receipt(f->st, &f->term, rseq, false, 384, &bm),
                     DC_E_RECEIPT_NONE); /* a reprint event */
}

static void test_reprint_is_logged(void **state)
{
    fx_t *f = *state;
    char first[512], again[512];
    receipt_payload(f, f->out_first, false, first);
    int64_t rseq;
    assert_int_equal(dc_desk_record_reprint(f->st, &f->term, f->staff2, f->out_first, &rseq),
                     DC_E_OK);
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, rseq, &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_REPRINT);
    assert_int_equal(ev.link_seq, f->out_last);
    assert_string_equal(ev.actor, f->staff2);
    assert_string_equal(ev.item, "");
    /* A reprint proves the same checkpoint as the first print. */
    receipt_payload(f, f->out_first, true, again);
    assert_string_equal(first, again);

    /* Items are not touched; the ledger still verifies with the reprint in it. */
    dc_item_t it;
    assert_int_equal(dc_store_item_get(f->st, f->item[0], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_OUT);
    assert_int_equal(it.state_seq, f->out_first);
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_OK);

    /* Only events that exist, by people who may act. */
    assert_int_equal(dc_desk_record_reprint(f->st, &f->term, f->staff2, 9999, &rseq),
                     DC_E_RECEIPT_NONE);
    assert_int_equal(dc_desk_record_reprint(f->st, &f->term, f->staff2, 2, &rseq),
                     DC_E_RECEIPT_NONE); /* an enrolment */
    assert_int_equal(dc_desk_record_reprint(f->st, &f->term, "DB-00000000-0", f->out_first, &rseq),
                     DC_E_R_ACTOR_UNKNOWN);
}

static void test_changed_character(void **state)
{
    fx_t *f = *state;
    char a[512];
    receipt_payload(f, f->out_first, false, a);
    dc_receipt_check_t c;
    /* A character of the signature (the payload's last 103 characters or so). */
    a[150] = a[150] == 'A' ? 'B' : 'A';
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_BAD_SIG);
    assert_int_equal(dc_err_class(c.verdict), DC_CLASS_REFUSED);
    assert_int_equal(c.seq, f->out_last);
    /* In the event's number: still the signature that catches it. */
    receipt_payload(f, f->out_first, false, a);
    a[2 + 12] = a[2 + 12] == 'A' ? 'B' : 'A';
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_BAD_SIG);
    /* Not a receipt at all. */
    assert_int_equal(check(f, f->item[0], &c), DC_E_RECEIPT_FORMAT);
    assert_int_equal(check(f, "", &c), DC_E_RECEIPT_FORMAT);
}

static void test_other_terminal(void **state)
{
    fx_t *a = *state;
    fx_t *b = calloc(1, sizeof *b);
    memcpy(b->dir, a->dir, sizeof b->dir);
    make_ledger(b, "b", "窓口端末2");
    populate(b);
    take_out(b);
    char from_b[512];
    receipt_payload(b, b->out_first, false, from_b);

    dc_receipt_check_t c;
    assert_int_equal(check(a, from_b, &c), DC_E_RECEIPT_UNKNOWN_TERMINAL);
    assert_false(c.local);

    /* B's key, exported and trusted here: the signature can be checked, only that. */
    char id_b[DC_TERMINAL_ID_MAX], got[DC_TERMINAL_ID_MAX], text[DC_TERMINAL_KEY_TEXT_MAX];
    uint8_t pk_b[DC_STORE_PK_LEN], pk_a[DC_STORE_PK_LEN];
    assert_int_equal(dc_desk_terminal_key(b->st, id_b, pk_b), DC_E_OK);
    dc_terminal_key_text(pk_b, text);
    assert_int_equal(dc_desk_terminal_trust(a->st, text, "別館 窓口", got), DC_E_OK);
    assert_string_equal(got, id_b);
    assert_int_equal(check(a, from_b, &c), DC_E_RECEIPT_SIGNED);
    assert_int_equal(dc_err_class(c.verdict), DC_CLASS_OK);
    assert_string_equal(c.terminal_name, "別館 窓口");
    assert_string_equal(c.terminal_id, id_b);
    /* Trusted again: the same key, renamed. */
    assert_int_equal(dc_desk_terminal_trust(a->st, text, "別館", got), DC_E_OK);

    /* A changed character is still caught for a trusted terminal. */
    from_b[140] = from_b[140] == 'Q' ? 'R' : 'Q';
    assert_int_equal(check(a, from_b, &c), DC_E_RECEIPT_BAD_SIG);

    /* Its own key is not trusted; another key under a trusted id is refused. */
    char id_a[DC_TERMINAL_ID_MAX];
    assert_int_equal(dc_desk_terminal_key(a->st, id_a, pk_a), DC_E_OK);
    dc_terminal_key_text(pk_a, text);
    assert_int_equal(dc_desk_terminal_trust(a->st, text, NULL, got), DC_E_TERMINAL_SELF);
    assert_int_equal(dc_store_trusted_put(a->st, id_b, pk_a, "偽物"), DC_E_TERMINAL_CONFLICT);
    assert_int_equal(dc_desk_terminal_trust(a->st, "TXXXXXXXX-ABC", NULL, got),
                     DC_E_TERMINAL_KEY_FORMAT);

    /* A's receipt at B, which never trusted A. */
    char from_a[512];
    receipt_payload(a, a->out_first, false, from_a);
    assert_int_equal(check(b, from_a, &c), DC_E_RECEIPT_UNKNOWN_TERMINAL);
    dc_store_close(b->st);
    free(b);
}

static void test_event_altered(void **state)
{
    fx_t *f = *state;
    char a[512], sql[512];
    receipt_payload(f, f->out_first, false, a);
    snprintf(sql, sizeof sql,
             "DROP TRIGGER events_no_update; UPDATE events SET purpose = '私用' WHERE seq = %lld",
             (long long)f->out_last);
    tamper(f, sql);
    dc_receipt_check_t c;
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_EVENT_ALTERED);
    /* The ledger will not sign for the altered record either. */
    dc_bitmap_t *b;
    assert_int_equal(dc_desk_render_receipt(f->st, &f->term, f->out_first, true, 384, &b),
                     DC_E_VERIFY_FAILED);
}

/* A version 1 receipt of the record, signed with this terminal's key as a build before the tree
 * signed them: the chain link of its last event. */
static void v1_payload(fx_t *f, int64_t seq, char out[DC_RECEIPT_TEXT_MAX])
{
    char id[DC_TERMINAL_ID_MAX];
    uint8_t pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
    assert_int_equal(dc_store_terminal_key_get(f->st, id, pk, sk), DC_E_OK);
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, pk, sk, out), DC_E_OK);
}

/* Rewrite the log from event from on as a forger with the key would: every later link computed
 * again and the tree's rows made again from them, so that the stored ledger is consistent. */
static void rewrite_from(fx_t *f, int64_t from)
{
    sqlite3 *db = f->st->db;
    assert_int_equal(
        sqlite3_exec(db,
                     "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER tree_no_delete; "
                     "DELETE FROM tree",
                     NULL, NULL, NULL),
        SQLITE_OK);
    int64_t n = dc_fx_count(f->st);
    dc_event_t ev;
    uint8_t prev[DC_HASH_LEN];
    assert_int_equal(dc_store_event_get(f->st, from - 1, &ev), DC_E_OK);
    memcpy(prev, ev.hash, DC_HASH_LEN);
    for (int64_t s = from; s <= n; s++) {
        assert_int_equal(dc_store_event_get(f->st, s, &ev), DC_E_OK);
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(&ev, v);
        dc_chain_hash(prev, v, ev.hash);
        sqlite3_stmt *u;
        assert_int_equal(
            sqlite3_prepare_v2(db, "UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", -1,
                               &u, NULL),
            SQLITE_OK);
        sqlite3_bind_blob(u, 1, prev, DC_HASH_LEN, SQLITE_STATIC);
        sqlite3_bind_blob(u, 2, ev.hash, DC_HASH_LEN, SQLITE_STATIC);
        sqlite3_bind_int64(u, 3, s);
        assert_int_equal(sqlite3_step(u), SQLITE_DONE);
        sqlite3_finalize(u);
        memcpy(prev, ev.hash, DC_HASH_LEN);
    }
    assert_int_equal(dc_store_tree_fill(f->st), DC_E_OK);
}

static void test_log_rewritten(void **state)
{
    fx_t *f = *state;
    char a[512], old[DC_RECEIPT_TEXT_MAX];
    dc_receipt_check_t c;
    receipt_payload(f, f->out_first, false, a);
    v1_payload(f, f->out_last, old);
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_GOOD);
    assert_int_equal(c.version, 3);
    assert_true(c.proof_hashes > 0);
    assert_int_equal(check(f, old, &c), DC_E_RECEIPT_GOOD);
    assert_int_equal(c.version, 1);
    /* An earlier event (a registration) changed, its stored link left as it was. A version 1
     * receipt walks the chain and finds it. A version 3 receipt proves its own event in its
     * place, with log N hashes: that event is intact, so it is good; the changed row is found by
     * verify, which checks every event. */
    tamper(f, "DROP TRIGGER events_no_update; UPDATE events SET title = '別の書類' WHERE seq = 5");
    assert_int_equal(check(f, old, &c), DC_E_RECEIPT_LOG_REWRITTEN);
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_GOOD);
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_VERIFY_FAILED);
    assert_int_equal(rep.bad_seq, 5);
    /* The forger then makes every later link and the whole tree again from the changed event:
     * the stored ledger is consistent once more, but the receipt's event no longer has the link
     * its signed tree head holds, and both receipts say the log was rewritten. */
    rewrite_from(f, 5);
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_LOG_REWRITTEN);
    assert_int_equal(check(f, old, &c), DC_E_RECEIPT_LOG_REWRITTEN);
}

static void copy_file(const char *from, const char *to)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cp '%.700s' '%.700s' && rm -f '%.700s-wal' '%.700s-shm'", from, to,
             to, to);
    assert_int_equal(system(cmd), 0);
}

static void test_rolled_back(void **state)
{
    fx_t *f = *state;
    char backup[700], a[512];
    snprintf(backup, sizeof backup, "%s.bak", f->db);
    /* A backup taken now, then more records, then the backup restored. */
    dc_store_close(f->st);
    copy_file(f->db, backup);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term), DC_E_OK);
    dc_event_t ev;
    int64_t seqs[1];
    dc_event_init(&ev, DC_EV_RETURN);
    dc_copy(ev.actor, sizeof ev.actor, f->staff);
    dc_copy(ev.second, sizeof ev.second, f->staff2);
    record_ok(f, &ev, (const char(*)[DC_CODE_MAX])f->item[1], 1, seqs);
    receipt_payload(f, seqs[0], false, a);
    dc_receipt_check_t c;
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_GOOD);
    dc_store_close(f->st);
    copy_file(backup, f->db);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term), DC_E_OK);
    assert_int_equal(check(f, a, &c), DC_E_RECEIPT_EVENT_MISSING);
    assert_int_equal(c.log_count, f->out_last);
}

/* A ledger from before signed receipts has no key: it gets one the first time it needs one. */
static void test_key_made_when_needed(void **state)
{
    fx_t *f = *state;
    char old[512], fresh[512], id_old[DC_TERMINAL_ID_MAX], id_new[DC_TERMINAL_ID_MAX],
        meta[DC_TERMINAL_ID_MAX];
    uint8_t pk_old[DC_STORE_PK_LEN], pk_new[DC_STORE_PK_LEN];
    assert_int_equal(dc_desk_terminal_key(f->st, id_old, pk_old), DC_E_OK);
    assert_int_equal(dc_store_meta_get(f->st, "terminal_id", meta, sizeof meta), DC_E_OK);
    assert_string_equal(meta, id_old);
    receipt_payload(f, f->out_first, false, old);
    tamper(f, "DELETE FROM terminal_key; DELETE FROM meta WHERE key = 'terminal_id'");
    uint8_t sk[DC_STORE_SK_LEN];
    assert_int_equal(dc_store_terminal_key_get(f->st, id_new, pk_new, sk), DC_E_NOT_FOUND);
    receipt_payload(f, f->out_first, false, fresh);
    assert_int_equal(dc_store_terminal_key_get(f->st, id_new, pk_new, NULL), DC_E_OK);
    assert_string_not_equal(id_new, id_old);
    assert_int_equal(dc_store_meta_get(f->st, "terminal_id", meta, sizeof meta), DC_E_OK);
    assert_string_equal(meta, id_new);
    dc_receipt_check_t c;
    assert_int_equal(check(f, fresh, &c), DC_E_RECEIPT_GOOD);
    assert_int_equal(check(f, old, &c), DC_E_RECEIPT_UNKNOWN_TERMINAL);
    /* A key is never replaced behind the terminal's back. */
    assert_int_equal(dc_store_terminal_key_put(f->st, id_old, pk_old, sk), DC_E_TERMINAL_CONFLICT);
}

static void test_seal_slip(void **state)
{
    fx_t *f = *state;
    dc_event_t ev;
    int failed;
    dc_event_init(&ev, DC_EV_MONTHLY_CHECK);
    dc_copy(ev.actor, sizeof ev.actor, f->manager);
    dc_copy(ev.purpose, sizeof ev.purpose, "2026-10");
    dc_desk_stamp(&f->term, &ev);
    ev.ts_ms = INT64_C(1795000000000); /* 2026-11-18: October has ended */
    assert_int_equal(dc_store_append(f->st, &ev, 1, &failed), DC_E_OK);
    const dc_seal_count_t counts[] = {{"持ち出し", "Taken out", 1}, {"持ち出し中", "Still out", 2}};
    dc_bitmap_t *b;
    char got[512];
    assert_int_equal(dc_desk_render_seal(f->st, &f->term, ev.seq, "2026-10", counts, 2, 384, &b),
                     DC_E_OK);
    scan(b, got, sizeof got);
    dc_bitmap_destroy(b);
    dc_receipt_check_t c;
    assert_int_equal(check(f, got, &c), DC_E_RECEIPT_GOOD);
    assert_int_equal(c.type, DC_EV_MONTHLY_CHECK);
    assert_int_equal(c.seq, ev.seq);
    assert_int_equal(
        dc_desk_render_seal(f->st, &f->term, f->out_first, "2026-10", counts, 2, 384, &b),
        DC_E_RECEIPT_NONE);
}

static void test_labels_and_badges(void **state)
{
    fx_t *f = *state;
    dc_bitmap_t *b;
    char got[512];
    assert_int_equal(dc_desk_render_label(f->st, f->item[0], DC_PAPER_62X29, &b), DC_E_OK);
    assert_int_equal(dc_bitmap_dpi(b), 300);
    scan(b, got, sizeof got);
    dc_bitmap_destroy(b);
    assert_string_equal(got, f->item[0]);
    assert_int_equal(dc_desk_render_label(f->st, f->item[1], DC_PAPER_58, &b), DC_E_OK);
    scan(b, got, sizeof got);
    dc_bitmap_destroy(b);
    assert_string_equal(got, f->item[1]);
    assert_int_equal(dc_desk_render_label(f->st, "DI-00000000-0", DC_PAPER_58, &b),
                     DC_E_R_ITEM_UNKNOWN);

    assert_int_equal(dc_desk_render_badge(f->st, f->manager, DC_PAPER_50X30, &b), DC_E_OK);
    scan(b, got, sizeof got);
    dc_bitmap_destroy(b);
    assert_string_equal(got, f->manager);
    assert_int_equal(dc_desk_render_badge(f->st, "DB-00000000-0", DC_PAPER_58, &b),
                     DC_E_R_ACTOR_UNKNOWN);
    dc_event_t ev;
    int64_t seq;
    dc_event_init(&ev, DC_EV_RELEASE);
    dc_copy(ev.actor, sizeof ev.actor, f->admin);
    dc_copy(ev.subject, sizeof ev.subject, f->staff2);
    record_ok(f, &ev, (const char(*)[DC_CODE_MAX])f->staff2, 1, &seq);
    assert_int_equal(dc_desk_render_badge(f->st, f->staff2, DC_PAPER_58, &b),
                     DC_E_R_ACTOR_RELEASED);
}

/* A printer that fails never undoes the record: the receipt can be printed again later. */
static void test_printer_failures_keep_the_record(void **state)
{
    fx_t *f = *state;
    int64_t before, after;
    uint8_t head[DC_HASH_LEN];
    char spec[700], path[700], got[512], want[512];
    assert_int_equal(dc_store_head(f->st, &before, head), DC_E_OK);
    snprintf(spec, sizeof spec, "escpos:%s/no-printer", f->dir);
    assert_int_equal(dc_desk_print_receipt(f->st, &f->term, f->out_first, false, spec),
                     DC_E_PRINTER_MISSING);
    assert_int_equal(dc_desk_print_label(f->st, f->item[0], spec), DC_E_PRINTER_MISSING);
    assert_int_equal(dc_desk_print_badge(f->st, f->staff, spec), DC_E_PRINTER_MISSING);
    if (access("/dev/full", W_OK) == 0)
        assert_int_equal(
            dc_desk_print_receipt(f->st, &f->term, f->out_first, false, "escpos:/dev/full"),
            DC_E_PRINTER_PAPER);
    assert_int_equal(dc_store_head(f->st, &after, head), DC_E_OK);
    assert_int_equal(after, before);

    /* Then the printer is back (a file standing in for it). */
    snprintf(path, sizeof path, "%s/lp0", f->dir);
    snprintf(spec, sizeof spec, "escpos:%.600s", path);
    FILE *fp = fopen(path, "w");
    fclose(fp);
    assert_int_equal(dc_desk_print_receipt(f->st, &f->term, f->out_first, false, spec), DC_E_OK);
    tp_image_t img;
    char err[160];
    assert_int_equal(tp_escpos_decode_file(path, &img, err, sizeof err), 0);
    assert_int_equal(img.w, 384); /* the default paper: 58 mm */
    assert_int_equal(tp_qr_read(img.bits, img.w, img.h, img.stride, got, sizeof got), 1);
    tp_image_free(&img);
    receipt_payload(f, f->out_first, false, want);
    assert_string_equal(got, want);
}

static void test_printer_settings(void **state)
{
    fx_t *f = *state;
    dc_printer_cfg_t *cfg = malloc(sizeof *cfg);
    assert_int_equal(dc_desk_printer_config(f->st, cfg), DC_E_OK);
    assert_string_equal(cfg->receipt, DC_PRINTER_DEFAULT);
    assert_string_equal(cfg->label, DC_PRINTER_DEFAULT);
    assert_int_equal(cfg->receipt_paper, DC_PAPER_58);
    assert_int_equal(cfg->label_paper, DC_PAPER_58);

    char path[700];
    snprintf(path, sizeof path, "%s/label.png", f->dir);
    snprintf(cfg->receipt, sizeof cfg->receipt, "escpos:/dev/usb/lp1");
    snprintf(cfg->label, sizeof cfg->label, "png:%.690s", path);
    cfg->receipt_paper = DC_PAPER_80;
    cfg->label_paper = DC_PAPER_50X30;
    int64_t before = 0, after = 0;
    uint8_t head[32];
    assert_int_equal(dc_store_head(f->st, &before, head), DC_E_OK);
    assert_int_equal(dc_desk_printer_configure(f->st, &f->term, f->admin, cfg), DC_E_OK);
    /* Each change is a setting event of the administrator's. */
    assert_int_equal(dc_store_head(f->st, &after, head), DC_E_OK);
    assert_int_equal(after, before + 4);
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, after, &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_SETTING);
    assert_string_equal(ev.actor, f->admin);
    assert_string_equal(ev.purpose, "printer_label_paper");
    assert_string_equal(ev.detail, "50x30");
    /* Only an administrator changes printers. */
    assert_int_equal(dc_desk_printer_configure(f->st, &f->term, f->staff, cfg), DC_E_R_ACTOR_ROLE);
    memset(cfg, 0, sizeof *cfg);
    assert_int_equal(dc_desk_printer_config(f->st, cfg), DC_E_OK);
    assert_string_equal(cfg->receipt, "escpos:/dev/usb/lp1");
    assert_int_equal(cfg->receipt_paper, DC_PAPER_80);
    assert_int_equal(cfg->label_paper, DC_PAPER_50X30);

    /* The configured label printer and paper are used when none is given. */
    assert_int_equal(dc_desk_print_label(f->st, f->item[0], NULL), DC_E_OK);
    tp_image_t img;
    char got[64];
    assert_int_equal(tp_png_read(path, &img), 0);
    assert_int_equal(img.w, 590);
    assert_int_equal(img.h, 354);
    assert_int_equal(img.dpi, 300);
    assert_int_equal(tp_qr_read(img.bits, img.w, img.h, img.stride, got, sizeof got), 1);
    assert_string_equal(got, f->item[0]);
    tp_image_free(&img);

    snprintf(cfg->receipt, sizeof cfg->receipt, "lp0");
    assert_int_equal(dc_desk_printer_configure(f->st, &f->term, f->admin, cfg), DC_E_PRINTER_SPEC);
    snprintf(cfg->receipt, sizeof cfg->receipt, "escpos:/dev/usb/lp0");
    cfg->receipt_paper = DC_PAPER_62X29;
    assert_int_equal(dc_desk_printer_configure(f->st, &f->term, f->admin, cfg), DC_E_USAGE);
    free(cfg);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_one_receipt_per_record),
        T(test_reprint_is_logged),
        T(test_changed_character),
        T(test_other_terminal),
        T(test_event_altered),
        T(test_log_rewritten),
        T(test_rolled_back),
        T(test_key_made_when_needed),
        T(test_seal_slip),
        T(test_labels_and_badges),
        T(test_printer_failures_keep_the_record),
        T(test_printer_settings),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, group_teardown);
}
