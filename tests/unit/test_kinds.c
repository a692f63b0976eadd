/* Disposal by kind (a mixed cart per kind, each event its own technique; older ledgers still
 * verify), renaming an item, and resetting a forgotten PIN: the desk use cases on a real ledger. */
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

#include "desk/item.h"
#include "desk/people.h"
#include "desk/session.h"
#include "platform/clock.h"
#include "store/internal.h"
#include "store/store.h"

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], staff[DC_CODE_MAX];
    char paper[DC_CODE_MAX], dvd[DC_CODE_MAX], hdd[DC_CODE_MAX], usb[DC_CODE_MAX];
} fx_t;

static void enroll(fx_t *f, const char *actor, char badge[DC_CODE_MAX], dc_role_t role,
                   const char *name)
{
    assert_int_equal(dc_fx_enrol(f->st, &f->term, actor, badge, role, name, "2468"), 0);
}

static void reg(fx_t *f, char code[DC_CODE_MAX], dc_kind_t kind, const char *title)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    memcpy(ev.actor, f->admin, DC_CODE_MAX);
    ev.kind = kind;
    ev.category = dc_kind_category(kind);
    dc_copy(ev.title, sizeof ev.title, title);
    int64_t seq;
    int failed;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed),
        DC_E_OK);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "kinds") ||
        dc_fx_ledger(f->dir, "t", "o", &f->st, &f->term))
        return -1;
    enroll(f, NULL, f->admin, DC_ROLE_ADMIN, "管理者");
    enroll(f, f->admin, f->manager, DC_ROLE_MANAGER, "課長");
    enroll(f, f->admin, f->staff, DC_ROLE_STAFF, "職員");
    reg(f, f->paper, DC_KIND_PAPER, "住民異動届 綴り");
    reg(f, f->dvd, DC_KIND_DVD, "転出データ");
    reg(f, f->hdd, DC_KIND_HDD, "旧サーバー");
    reg(f, f->usb, DC_KIND_USB, "集計USB");
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

static void dispose_tmpl(fx_t *f, dc_event_t *ev)
{
    dc_event_init(ev, DC_EV_DISPOSE);
    memcpy(ev->actor, f->staff, DC_CODE_MAX);
    memcpy(ev->second, f->manager, DC_CODE_MAX);
    dc_copy(ev->certificate, sizeof ev->certificate, "HK-2026-10-033");
}

static dc_event_t *event_at(fx_t *f, int64_t seq)
{
    static dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
    return &ev;
}

static void expect_verify(fx_t *f, dc_err_t want, const char *what)
{
    dc_verify_t rep;
    dc_err_t e = dc_store_verify(f->st, &rep);
    if (e != want)
        print_error("verify: %s (%s)\n", dc_err_name(e), rep.what);
    assert_int_equal(e, want);
    if (what)
        assert_non_null(strstr(rep.what, what));
}

/* A paper folder, a DVD-R and an HDD in one cart: each its own technique, or a refusal that
 * names the kind that lacks one; a refusal is logged. */
static void test_mixed_cart(void **state)
{
    fx_t *f = *state;
    char items[3][DC_CODE_MAX];
    memcpy(items[0], f->paper, DC_CODE_MAX);
    memcpy(items[1], f->dvd, DC_CODE_MAX);
    memcpy(items[2], f->hdd, DC_CODE_MAX);
    dc_event_t tmpl;
    dispose_tmpl(f, &tmpl);
    dc_copy(tmpl.technique, sizeof tmpl.technique, "物理破壊(破砕)");
    int64_t seqs[3], before = dc_fx_count(f->st);
    int failed;
    dc_dgroup_t group;
    /* The one technique the old kiosk forced on the paper. */
    assert_int_equal(dc_desk_dispose(f->st, &f->term, &tmpl, NULL,
                                     (const char(*)[DC_CODE_MAX])items, 3, seqs, &failed, &group),
                     DC_E_R_DISPOSE_MIXED);
    assert_int_equal(group, DC_DGROUP_PAPER);
    assert_int_equal(dc_fx_count(f->st), before + 1);
    dc_event_t *log = event_at(f, before + 1);
    assert_int_equal(log->type, DC_EV_REFUSED);
    assert_string_equal(log->detail, "R_DISPOSE_MIXED");

    /* Per kind: the paper dissolved, the disc crushed, the disk degaussed (its own Purge). */
    dc_kind_disposal_t per[DC_DGROUP__COUNT];
    memset(per, 0, sizeof per);
    dc_copy(per[DC_DGROUP_PAPER].technique, DC_SHORT_MAX, "溶解処理");
    dc_copy(per[DC_DGROUP_MAGNETIC].technique, DC_SHORT_MAX, "消磁");
    /* The wrong one for paper is refused, naming the paper. */
    dc_copy(per[DC_DGROUP_PAPER].technique, DC_SHORT_MAX, "消磁");
    assert_int_equal(dc_desk_dispose(f->st, &f->term, &tmpl, per, (const char(*)[DC_CODE_MAX])items,
                                     3, seqs, &failed, &group),
                     DC_E_R_TECHNIQUE_KIND);
    assert_int_equal(failed, 0);
    dc_copy(per[DC_DGROUP_PAPER].technique, DC_SHORT_MAX, "溶解処理");
    before = dc_fx_count(f->st);
    assert_int_equal(dc_desk_dispose(f->st, &f->term, &tmpl, per, (const char(*)[DC_CODE_MAX])items,
                                     3, seqs, &failed, &group),
                     DC_E_OK);
    static const struct {
        const char *technique;
        dc_method_t method;
    } want[3] = {{"溶解処理", DC_METHOD_DESTROY},
                 {"物理破壊(破砕)", DC_METHOD_DESTROY},
                 {"消磁", DC_METHOD_PURGE}};
    for (int i = 0; i < 3; i++) {
        dc_event_t *ev = event_at(f, seqs[i]);
        assert_int_equal(seqs[i], before + 1 + i);
        assert_int_equal(ev->group_seq, before + 1); /* one record */
        assert_string_equal(ev->item, items[i]);
        assert_string_equal(ev->technique, want[i].technique);
        assert_int_equal(ev->method, want[i].method);
        assert_string_equal(ev->certificate, "HK-2026-10-033");
    }
    expect_verify(f, DC_E_OK, NULL);
}

/* One technique may serve several kinds where it works on each: paper and a disc shredded. */
static void test_shared_technique(void **state)
{
    fx_t *f = *state;
    char items[2][DC_CODE_MAX];
    memcpy(items[0], f->paper, DC_CODE_MAX);
    memcpy(items[1], f->dvd, DC_CODE_MAX);
    dc_event_t tmpl;
    dispose_tmpl(f, &tmpl);
    dc_copy(tmpl.technique, sizeof tmpl.technique, "シュレッダー裁断");
    int64_t seqs[2];
    int failed;
    dc_dgroup_t group;
    assert_int_equal(dc_desk_dispose(f->st, &f->term, &tmpl, NULL,
                                     (const char(*)[DC_CODE_MAX])items, 2, seqs, &failed, &group),
                     DC_E_OK);
    assert_int_equal(event_at(f, seqs[0])->method, DC_METHOD_DESTROY);
    assert_string_equal(event_at(f, seqs[1])->technique, "シュレッダー裁断");
}

/* The kiosk's cart: the form's groups, checked and committed per item. */
static void test_flow_per_kind(void **state)
{
    fx_t *f = *state;
    dc_flow_t *flow = calloc(1, sizeof *flow);
    dc_flow_begin(flow, DC_EV_DISPOSE, f->staff);
    const dc_item_t *added;
    assert_int_equal(dc_flow_scan(f->st, flow, f->paper, strlen(f->paper), &added), DC_E_OK);
    assert_int_equal(dc_flow_scan(f->st, flow, f->usb, strlen(f->usb), &added), DC_E_OK);
    memcpy(flow->form.second, f->manager, DC_CODE_MAX);
    int failed;
    dc_copy(flow->dispose[DC_DGROUP_PAPER].technique, DC_SHORT_MAX, "焼却");
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_R_FIELD_MISSING_TECHNIQUE);
    assert_int_equal(failed, 1); /* the USB stick has none yet */
    dc_copy(flow->dispose[DC_DGROUP_FLASH].technique, DC_SHORT_MAX, "消磁");
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_R_TECHNIQUE_KIND);
    assert_int_equal(failed, 1);
    dc_copy(flow->dispose[DC_DGROUP_FLASH].technique, DC_SHORT_MAX, "データ消去ソフト(上書き)");
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_OK);
    int64_t first;
    assert_int_equal(dc_flow_commit(f->st, &f->term, flow, &first, &failed), DC_E_OK);
    assert_string_equal(event_at(f, first)->technique, "焼却");
    assert_int_equal(event_at(f, first)->method, DC_METHOD_DESTROY);
    assert_string_equal(event_at(f, first + 1)->technique, "データ消去ソフト(上書き)");
    assert_int_equal(event_at(f, first + 1)->method, DC_METHOD_CLEAR);
    free(flow);
}

/* The line of schema/006 moved with its MAC (schema/007) made again, as only daicho's own
 * function can: the way to stand for a ledger whose records came before the upgrade. */
static void move_line(fx_t *f, int64_t line)
{
    char sql[600];
    snprintf(sql, sizeof sql,
             "UPDATE meta SET value = '%lld' WHERE key = 'disposal_rules_from_seq'; "
             "UPDATE meta SET value = lower(hex(daicho_mac((SELECT value FROM meta WHERE key = "
             "'row_mac_key'), 'meta', 'disposal_rules_from_seq', '%lld'))) WHERE key = "
             "'disposal_rules_from_seq_mac'",
             (long long)line, (long long)line);
    assert_int_equal(sqlite3_exec(f->st->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* A ledger that recorded paper as 物理破壊(破砕) before schema/006 still verifies; the same
 * record after that line does not. */
static void test_older_ledger_verifies(void **state)
{
    fx_t *f = *state;
    char key[64];
    assert_int_equal(dc_store_meta_get(f->st, "disposal_rules_from_seq", key, sizeof key), DC_E_OK);
    assert_string_equal(key, "1"); /* a new ledger: every record is judged by kind */
    /* As if the upgrade were still to come: the record is made under the older rule. */
    move_line(f, 1000);
    dc_event_t tmpl;
    dispose_tmpl(f, &tmpl);
    tmpl.method = DC_METHOD_DESTROY;
    dc_copy(tmpl.technique, sizeof tmpl.technique, "物理破壊(破砕)");
    dc_copy(tmpl.certificate, sizeof tmpl.certificate, "No. 7"); /* digits and a space, as then */
    int64_t seq;
    int failed;
    assert_int_equal(dc_desk_record(f->st, &f->term, &tmpl, (const char(*)[DC_CODE_MAX])f->paper, 1,
                                    &seq, &failed),
                     DC_E_OK);
    /* The upgrade came right after it: the line is the next record's number. */
    move_line(f, seq + 1);
    expect_verify(f, DC_E_OK, NULL);
    move_line(f, 1);
    expect_verify(f, DC_E_VERIFY_FAILED, "R_TECHNIQUE_KIND");
    move_line(f, seq + 1);
    expect_verify(f, DC_E_OK, NULL);
}

/* A rename: approved by a manager, only the title changes; the history keeps the old one. */
static void test_rename(void **state)
{
    fx_t *f = *state;
    int64_t seq, before = dc_fx_count(f->st);
    assert_int_equal(dc_desk_rename(f->st, &f->term, f->staff, f->usb, "集計USB 2026年度", "年度",
                                    f->staff, &seq),
                     DC_E_R_SELF_APPROVAL);
    assert_int_equal(dc_fx_count(f->st), before + 1); /* the refusal, logged */
    assert_string_equal(event_at(f, before + 1)->detail, "R_SELF_APPROVAL");
    assert_int_equal(
        dc_desk_rename(f->st, &f->term, f->staff, f->usb, "集計USB 2026年度", "", f->manager, &seq),
        DC_E_R_FIELD_MISSING_REASON);
    assert_int_equal(dc_desk_rename(f->st, &f->term, f->staff, f->usb, "集計USB 2026年度",
                                    "年度の記入漏れ", f->manager, &seq),
                     DC_E_OK);
    dc_item_t it;
    assert_int_equal(dc_store_item_get(f->st, f->usb, &it), DC_E_OK);
    assert_string_equal(it.title, "集計USB 2026年度");
    assert_int_equal(it.state, DC_STATE_IN);
    dc_event_t *ev = event_at(f, seq);
    assert_int_equal(ev->type, DC_EV_RENAME);
    assert_string_equal(ev->detail, "年度の記入漏れ");
    assert_string_equal(ev->second, f->manager);
    /* The registration keeps the title it had. */
    assert_int_equal(dc_store_item_get(f->st, f->usb, &it), DC_E_OK);
    expect_verify(f, DC_E_OK, NULL);
}

/* A PIN reset: logged first, the old PIN gone, a code for the new one, the same badge. */
static void test_pin_reset(void **state)
{
    fx_t *f = *state;
    char code[DC_ENROL_CODE_MAX];
    int64_t seq, before = dc_fx_count(f->st);
    assert_int_equal(dc_desk_pin_reset(f->st, &f->term, f->staff, f->manager, code, &seq),
                     DC_E_R_ACTOR_ROLE);
    assert_string_equal(code, "");
    assert_int_equal(event_at(f, before + 1)->type, DC_EV_REFUSED);
    /* A badge locked by wrong PINs is reset too (the lock goes with the old PIN). */
    dc_staff_t who;
    int failures;
    dc_clock_fix(dc_clock_now_ms()); /* so that the waits after wrong PINs can be skipped */
    for (int i = 0; i < DC_PIN_LOCK_AT; i++) {
        dc_err_t le = dc_desk_login(f->st, &f->term, f->staff, "1357", true, &who, &failures);
        assert_true(le == DC_E_PIN_WRONG || le == DC_E_PIN_WAIT || le == DC_E_PIN_LOCKED);
        dc_clock_advance(20000); /* past the wait after each wrong PIN */
    }
    bool locked;
    assert_int_equal(dc_store_pin_state(f->st, f->staff, &failures, &locked), DC_E_OK);
    assert_true(locked);
    assert_int_equal(dc_desk_pin_reset(f->st, &f->term, f->manager, f->staff, code, &seq), DC_E_OK);
    assert_int_equal(strlen(code), DC_ENROL_CODE_DIGITS);
    dc_event_t *ev = event_at(f, seq);
    assert_int_equal(ev->type, DC_EV_PIN_RESET);
    assert_string_equal(ev->subject, f->staff);
    assert_string_equal(ev->actor, f->manager);
    assert_non_null(strstr(ev->detail, "expires"));
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "2468", true, &who, &failures),
                     DC_E_PIN_NOT_SET);
    assert_int_equal(dc_desk_first_pin(f->st, &f->term, f->staff, code, "5820"), DC_E_OK);
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "5820", true, &who, &failures),
                     DC_E_OK);
    assert_string_equal(who.badge, f->staff);
    expect_verify(f, DC_E_OK, NULL);
    /* Released: refused and logged. */
    dc_event_t rel;
    dc_event_init(&rel, DC_EV_RELEASE);
    memcpy(rel.actor, f->admin, DC_CODE_MAX);
    memcpy(rel.subject, f->staff, DC_CODE_MAX);
    int failed;
    assert_int_equal(dc_desk_record(f->st, &f->term, &rel, (const char(*)[DC_CODE_MAX])f->staff, 1,
                                    &seq, &failed),
                     DC_E_OK);
    before = dc_fx_count(f->st);
    assert_int_equal(dc_desk_pin_reset(f->st, &f->term, f->admin, f->staff, code, &seq),
                     DC_E_R_ACTOR_RELEASED);
    assert_string_equal(event_at(f, before + 1)->detail, "R_ACTOR_RELEASED");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mixed_cart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shared_technique, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_per_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_older_ledger_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pin_reset, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
