/* The monthly check: a month with one of every anomaly planted finds each and nothing else; the
 * figures, the scan-back inventory, the seal and its rules; a sealed month changed afterwards. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/check.h"
#include "fixture.h"
#include "desk/receipt.h"
#include "desk/session.h"
#include "platform/clock.h"
#include "store/store.h"

#define PIN "4739"

typedef struct {
    char dir[512];
    char db[600];
    char key[600];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], s1[DC_CODE_MAX], s2[DC_CODE_MAX];
    char u1[DC_CODE_MAX], u2[DC_CODE_MAX], u3[DC_CODE_MAX], u4[DC_CODE_MAX];
    char paper[DC_CODE_MAX], mynum[DC_CODE_MAX], old[DC_CODE_MAX];
    /* The events each planted anomaly must name. */
    int64_t u4_out, u1_out, by_other, mynum_out, late_copy, reprint, refused, clock_back,
        gap_return, weekend_login;
    int64_t failed_logins[5]; /* S1 once, then S2 four times before the lock */
    int64_t lockout;
} fx_t;

static void at(int mo, int d, int h, int mi)
{
    dc_clock_fix(dc_clock_from_civil(2026, mo, d, h, mi, 0, 540));
}

static int64_t append(fx_t *f, dc_event_t *ev)
{
    int failed;
    dc_desk_stamp(&f->term, ev);
    assert_int_equal(dc_store_append(f->st, ev, 1, &failed), DC_E_OK);
    return ev->seq;
}

static void enroll(fx_t *f, char *badge, const char *name, dc_role_t role, bool self)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, badge), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    dc_copy(ev.actor, sizeof ev.actor, self ? badge : f->admin);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    dc_copy(ev.name, sizeof ev.name, name);
    dc_copy(ev.designated, sizeof ev.designated, "2026-04-01");
    ev.role = role;
    append(f, &ev);
    assert_int_equal(dc_desk_set_pin(f->st, badge, PIN), DC_E_OK);
}

static void item(fx_t *f, char *code, dc_kind_t kind, const char *title, bool personal,
                 bool my_number)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    dc_copy(ev.actor, sizeof ev.actor, f->admin);
    dc_copy(ev.item, sizeof ev.item, code);
    dc_copy(ev.title, sizeof ev.title, title);
    dc_copy(ev.place, sizeof ev.place, "書庫A");
    ev.kind = kind;
    ev.category = dc_kind_category(kind);
    ev.personal = personal;
    ev.my_number = my_number;
    append(f, &ev);
}

/* One custody event of one item through the desk, as the kiosk records it. */
static dc_err_t record(fx_t *f, dc_evtype_t type, const char *code, const char *actor,
                       const char *second, int64_t *seq)
{
    dc_event_t ev;
    dc_event_init(&ev, type);
    dc_copy(ev.actor, sizeof ev.actor, actor);
    dc_copy(ev.second, sizeof ev.second, second);
    switch (type) {
    case DC_EV_TAKE_OUT:
        dc_copy(ev.purpose, sizeof ev.purpose, "監査対応");
        dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
        dc_event_local_date(dc_clock_now_ms() + 3 * INT64_C(86400000), 540, ev.due);
        break;
    case DC_EV_COPY:
        dc_copy(ev.purpose, sizeof ev.purpose, "照会回答");
        dc_copy(ev.recipient, sizeof ev.recipient, "法務局");
        ev.quantity = 1;
        break;
    case DC_EV_TRANSPORT:
        dc_copy(ev.from_place, sizeof ev.from_place, "書庫A");
        dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
        dc_copy(ev.recipient, sizeof ev.recipient, "北出張所 窓口");
        ev.locked_bag = true;
        break;
    case DC_EV_DISPOSE:
        ev.method = DC_METHOD_PURGE;
        dc_copy(ev.technique, sizeof ev.technique, "データ消去ソフト");
        dc_copy(ev.certificate, sizeof ev.certificate, "HK-2026-10-001");
        break;
    default:
        break;
    }
    int failed;
    return dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])code, 1, seq, &failed);
}

static int64_t ok(fx_t *f, dc_evtype_t type, const char *code, const char *actor,
                  const char *second)
{
    int64_t seq = 0;
    assert_int_equal(record(f, type, code, actor, second, &seq), DC_E_OK);
    return seq;
}

static int64_t last_seq(fx_t *f)
{
    int64_t n = dc_fx_count(f->st);
    assert_true(n >= 0);
    return n;
}

static dc_err_t login(fx_t *f, const char *badge, const char *pin, bool record_login)
{
    dc_staff_t who;
    int failures;
    return dc_desk_login(f->st, &f->term, badge, pin, record_login, &who, &failures);
}

/* September: the office is set up and a USB stick goes out, never to come back. October: one
 * of every anomaly, each at a known event. November: a take-out that October must not see. */
static void build(fx_t *f)
{
    at(9, 30, 10, 0);
    assert_int_equal(dc_fx_admin(f->st, &f->term, "佐藤 管理", f->admin), 0);
    enroll(f, f->manager, "山﨑 浩二", DC_ROLE_MANAGER, false);
    enroll(f, f->s1, "髙橋 美咲", DC_ROLE_STAFF, false);
    enroll(f, f->s2, "田中 花子", DC_ROLE_STAFF, false);
    item(f, f->u1, DC_KIND_USB, "USB 1", false, false);
    item(f, f->u2, DC_KIND_USB, "USB 2", false, false);
    item(f, f->u3, DC_KIND_USB, "USB 3", false, false);
    item(f, f->u4, DC_KIND_USB, "USB 4", false, false);
    item(f, f->paper, DC_KIND_PAPER, "住民票 綴り", true, false);
    item(f, f->mynum, DC_KIND_CD, "マイナンバー CD", true, true);
    item(f, f->old, DC_KIND_USB, "旧 USB", false, false);
    at(9, 30, 16, 0);
    f->u4_out = ok(f, DC_EV_TAKE_OUT, f->u4, f->s1, f->s2); /* due 10-05: overdue, too long */

    at(10, 1, 10, 0); /* Thursday */
    int64_t u3_out = ok(f, DC_EV_TAKE_OUT, f->u3, f->s1, f->s2);
    at(10, 6, 10, 0);
    f->u1_out = ok(f, DC_EV_TAKE_OUT, f->u1, f->s1, f->s2);
    at(10, 7, 10, 0);
    f->by_other = ok(f, DC_EV_RETURN, f->u1, f->s2, f->manager);
    at(10, 8, 10, 0);
    f->mynum_out = ok(f, DC_EV_TAKE_OUT, f->mynum, f->s1, f->manager);
    at(10, 8, 15, 0);
    ok(f, DC_EV_RETURN, f->mynum, f->s1, f->manager);
    at(10, 9, 19, 30); /* Friday evening */
    f->late_copy = ok(f, DC_EV_COPY, f->u2, f->s1, f->s2);
    at(10, 12, 10, 0);
    assert_int_equal(dc_desk_record_reprint(f->st, &f->term, f->s1, f->late_copy, &f->reprint),
                     DC_E_OK);
    at(10, 12, 10, 5);
    int64_t none = 0;
    assert_int_equal(record(f, DC_EV_TAKE_OUT, f->u2, f->s1, f->s1, &none), DC_E_R_SELF_APPROVAL);
    assert_int_equal(dc_check_record_refusal(f->st, &f->term, f->s1, DC_EV_TAKE_OUT,
                                             DC_E_R_SELF_APPROVAL, f->u2, f->s1),
                     DC_E_OK);
    f->refused = last_seq(f);
    at(10, 13, 10, 0);
    assert_int_equal(login(f, f->s1, "0000", true), DC_E_PIN_WRONG);
    f->failed_logins[0] = last_seq(f);
    for (int i = 0; i < 5; i++) {
        at(10, 13, 10, 1 + i);
        assert_int_equal(login(f, f->s2, "9999", true), i < 4 ? DC_E_PIN_WRONG : DC_E_PIN_LOCKED);
        if (i < 4)
            f->failed_logins[1 + i] = last_seq(f);
        else
            f->lockout = last_seq(f);
    }
    at(10, 14, 10, 0);
    ok(f, DC_EV_TRANSPORT, f->paper, f->s1, "");
    at(10, 13, 9, 0); /* the clock is set back a day */
    f->clock_back = ok(f, DC_EV_DISPOSE, f->old, f->s1, f->manager);
    at(10, 29, 10, 0); /* sixteen days without a record */
    f->gap_return = ok(f, DC_EV_RETURN, f->u3, f->s1, f->s2);
    (void)u3_out;
    at(10, 31, 11, 0); /* Saturday */
    assert_int_equal(login(f, f->manager, PIN, true), DC_E_OK);
    f->weekend_login = last_seq(f);

    at(11, 2, 10, 0);
    ok(f, DC_EV_TAKE_OUT, f->u1, f->s1, f->s2);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "check") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/daicho.db", f->dir);
    snprintf(f->key, sizeof f->key, "%s/daicho.key", f->dir);
    build(f);
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

static dc_check_t *check(fx_t *f, const char *month)
{
    dc_check_t *c = NULL;
    assert_int_equal(dc_check_month(f->st, &f->term, month, &c), DC_E_OK);
    assert_non_null(c);
    return c;
}

static void test_planted_anomalies(void **state)
{
    fx_t *f = *state;
    dc_check_t *c = check(f, "2026-10");
    const struct {
        dc_anomaly_kind_t kind;
        int64_t seq;
        const char *who;
        const char *item;
    } want[] = {
        {DC_AN_OUT_TOO_LONG, f->u4_out, f->s1, f->u4},
        {DC_AN_OVERDUE, f->u4_out, f->s1, f->u4},
        {DC_AN_RETURN_BY_OTHER, f->by_other, f->s2, f->u1},
        {DC_AN_MY_NUMBER_OUT, f->mynum_out, f->s1, f->mynum},
        {DC_AN_AFTER_HOURS, f->late_copy, f->s1, f->u2},
        {DC_AN_REPRINT, f->reprint, f->s1, ""},
        {DC_AN_REFUSED, f->refused, f->s1, f->u2},
        {DC_AN_LOGIN_FAILED, f->failed_logins[0], f->s1, ""},
        {DC_AN_LOGIN_FAILED, f->failed_logins[1], f->s2, ""},
        {DC_AN_LOGIN_FAILED, f->failed_logins[2], f->s2, ""},
        {DC_AN_LOGIN_FAILED, f->failed_logins[3], f->s2, ""},
        {DC_AN_LOGIN_FAILED, f->failed_logins[4], f->s2, ""},
        {DC_AN_LOCKOUT, f->lockout, f->s2, ""},
        {DC_AN_CLOCK_BACK, f->clock_back, f->s1, f->old},
        {DC_AN_CLOCK_GAP, f->gap_return, f->s1, f->u3},
        {DC_AN_OUT_TOO_LONG, f->gap_return, f->s1, f->u3},
        {DC_AN_OVERDUE, f->gap_return, f->s1, f->u3}, /* due 10-04, back 10-29 */
        {DC_AN_AFTER_HOURS, f->weekend_login, f->manager, ""},
    };
    size_t n = sizeof want / sizeof want[0];
    for (int i = 0; i < c->nanomalies && (size_t)i < n; i++) {
        const dc_anomaly_t *a = &c->anomalies[i];
        if (a->kind != want[i].kind || a->seq != want[i].seq)
            fail_msg("anomaly %d: got %s at %lld, want %s at %lld", i, dc_anomaly_name(a->kind),
                     (long long)a->seq, dc_anomaly_name(want[i].kind), (long long)want[i].seq);
        assert_string_equal(a->who, want[i].who);
        assert_string_equal(a->item, want[i].item);
        assert_true(a->what[0] != '\0');
    }
    assert_int_equal(c->nanomalies, n);
    /* Each one points at the event that explains it. */
    assert_int_equal(c->anomalies[2].other_seq, f->u1_out);
    assert_int_equal(c->anomalies[13].other_seq, f->clock_back - 1);
    assert_int_equal(c->by_kind[DC_AN_LOGIN_FAILED], 5);
    assert_int_equal(c->by_kind[DC_AN_AFTER_HOURS], 2);
    dc_check_free(c);
}

static void test_figures(void **state)
{
    fx_t *f = *state;
    dc_check_t *c = check(f, "2026-10");
    assert_string_equal(c->month, "2026-10");
    assert_int_equal(c->by_type[DC_EV_TAKE_OUT], 3);
    assert_int_equal(c->by_type[DC_EV_RETURN], 3);
    assert_int_equal(c->by_type[DC_EV_COPY], 1);
    assert_int_equal(c->by_type[DC_EV_TRANSPORT], 1);
    assert_int_equal(c->by_type[DC_EV_DISPOSE], 1);
    assert_int_equal(c->by_type[DC_EV_LOGIN_FAILED], 6);
    assert_int_equal(c->by_type[DC_EV_REFUSED], 1);
    assert_int_equal(c->by_type[DC_EV_REGISTER], 0);
    int64_t sum = 0;
    for (int t = 0; t < DC_EV__COUNT; t++)
        sum += c->by_type[t];
    assert_int_equal(sum, c->events);
    /* Still out at the end of October: the September stick only (October's are back, November's
     * take-out is not October's). */
    assert_int_equal(c->nout, 1);
    assert_int_equal(c->noverdue, 1);
    assert_string_equal(c->out[0].item, f->u4);
    assert_string_equal(c->out[0].holder, f->s1);
    assert_string_equal(c->out[0].title, "USB 4");
    assert_int_equal(c->out[0].days, 31);
    assert_true(c->out[0].overdue && c->out[0].too_long);
    assert_int_equal(c->ntransit, 1);
    assert_string_equal(c->transit[0].item, f->paper);
    assert_false(c->transit[0].overdue);
    assert_int_equal(c->ndisposed, 1);
    assert_string_equal(c->disposed[0].item, f->old);
    assert_string_equal(c->disposed[0].title, "旧 USB");
    assert_int_equal(c->disposed[0].method, DC_METHOD_PURGE);
    assert_string_equal(c->disposed[0].certificate, "HK-2026-10-001");
    assert_string_equal(c->disposed[0].witness, f->manager);
    assert_true(c->intact);
    assert_int_equal(c->sealed_seq, 0);
    assert_int_equal(c->overdue_days, DC_CHECK_OVERDUE_DAYS);
    assert_string_equal(c->office_hours, DC_CHECK_HOURS);
    dc_seal_count_t counts[16];
    assert_int_equal(dc_check_counts(c, NULL, counts, 16), 11);
    assert_string_equal(counts[9].label_ja, "異常");
    assert_int_equal(counts[9].value, c->nanomalies - c->nreview);
    assert_string_equal(counts[10].label_ja, "要確認");
    assert_int_equal(counts[10].value, 2); /* the approved My Number take-out, the reprint */
    assert_string_equal(counts[6].label_ja, "持ち出し中");
    assert_int_equal(counts[6].value, 1);
    dc_check_free(c);

    /* September: only the set-up and the stick that went out; November is still open. */
    c = check(f, "2026-09");
    assert_int_equal(c->by_type[DC_EV_TAKE_OUT], 1);
    assert_int_equal(c->nout, 1);
    assert_int_equal(c->noverdue, 0);
    assert_int_equal(c->nanomalies, 0);
    dc_check_free(c);
    assert_int_equal(dc_check_month(f->st, &f->term, "2026-1", &c), DC_E_BAD_MONTH);
    assert_int_equal(dc_check_month(f->st, &f->term, "2026-13", &c), DC_E_BAD_MONTH);
    assert_null(c);
}

/* Settings change what counts: longer office hours and a longer limit. */
static void test_settings(void **state)
{
    fx_t *f = *state;
    assert_int_equal(dc_store_meta_set(f->st, "office_hours", "07:00-21:00"), DC_E_OK);
    assert_int_equal(dc_store_meta_set(f->st, "overdue_days", "40"), DC_E_OK);
    dc_check_t *c = check(f, "2026-10");
    assert_int_equal(c->by_kind[DC_AN_AFTER_HOURS], 1); /* Saturday still counts */
    assert_int_equal(c->by_kind[DC_AN_OUT_TOO_LONG], 0);
    assert_int_equal(c->by_kind[DC_AN_OVERDUE], 2); /* still out, and returned late */
    dc_check_free(c);
    /* A value that makes no sense falls back to the default rather than hiding anomalies. */
    assert_int_equal(dc_store_meta_set(f->st, "office_hours", "17:00-08:00"), DC_E_OK);
    assert_int_equal(dc_store_meta_set(f->st, "overdue_days", "soon"), DC_E_OK);
    c = check(f, "2026-10");
    assert_int_equal(c->by_kind[DC_AN_AFTER_HOURS], 2);
    assert_int_equal(c->by_kind[DC_AN_OUT_TOO_LONG], 2);
    assert_string_equal(c->office_hours, DC_CHECK_HOURS);
    dc_check_free(c);
}

static void test_inventory(void **state)
{
    fx_t *f = *state;
    dc_inventory_t *inv = NULL;
    assert_int_equal(dc_inventory_begin(f->st, &inv), DC_E_OK);
    /* In storage now: u1 is out (November), u4 out, paper in transit, old disposed. No
     * list.places: every item in storage is expected. */
    assert_false(inv->scoped);
    assert_int_equal(inv->nexpected, 3);
    assert_int_equal(inv->nelsewhere, 0);
    const dc_item_t *it;
    dc_inv_result_t r;
    assert_int_equal(dc_inventory_scan(inv, f->st, f->u2, strlen(f->u2), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_FOUND);
    assert_string_equal(it->code, f->u2);
    char lower[DC_CODE_MAX + 1];
    snprintf(lower, sizeof lower, "%.22s\t", f->u3);
    for (char *p = lower; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    assert_int_equal(dc_inventory_scan(inv, f->st, lower, strlen(lower), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_FOUND);
    assert_int_equal(dc_inventory_scan(inv, f->st, f->u2, strlen(f->u2), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_AGAIN);
    assert_int_equal(dc_inventory_scan(inv, f->st, f->u4, strlen(f->u4), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_OUT);
    assert_string_equal(it->title, "USB 4");
    assert_int_equal(dc_inventory_scan(inv, f->st, f->u4, strlen(f->u4), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_AGAIN);
    assert_int_equal(dc_inventory_scan(inv, f->st, f->paper, strlen(f->paper), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_TRANSIT);
    assert_int_equal(dc_inventory_scan(inv, f->st, f->old, strlen(f->old), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_DISPOSED);
    assert_int_equal(dc_inventory_scan(inv, f->st, f->s1, strlen(f->s1), &it, &r),
                     DC_E_CODE_WANT_ITEM);
    assert_int_equal(r, DC_INV_BAD_SCAN);
    assert_int_equal(dc_inventory_scan(inv, f->st, "garbage", 7, &it, &r), DC_E_CODE_FORMAT);
    char unknown[DC_CODE_MAX];
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, unknown), DC_E_OK);
    assert_int_equal(dc_inventory_scan(inv, f->st, unknown, strlen(unknown), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_UNKNOWN);
    assert_null(it);
    assert_int_equal(inv->nfound, 2);
    assert_int_equal(inv->nunexpected, 3);
    assert_int_equal(dc_inventory_unfound(inv), 1);
    assert_true(dc_check_seal_needs_reason(inv));
    assert_true(dc_check_seal_needs_reason(NULL));

    dc_check_t *c = check(f, "2026-10");
    dc_seal_count_t counts[16];
    int n = dc_check_counts(c, inv, counts, 16);
    assert_int_equal(n, 15);
    assert_string_equal(counts[11].label_ja, "在庫確認 確認数");
    assert_int_equal(counts[11].value, 2);
    assert_string_equal(counts[12].label_ja, "在庫確認 未確認");
    assert_int_equal(counts[12].value, 1);
    assert_int_equal(counts[13].value, 3);
    assert_int_equal(counts[14].value, 0);
    dc_check_free(c);

    /* The last unfound one scanned: nothing left to ask a reason for. */
    assert_int_equal(dc_inventory_scan(inv, f->st, f->mynum, strlen(f->mynum), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_FOUND);
    assert_false(dc_check_seal_needs_reason(inv));
    dc_inventory_free(inv);
}

/* Register an item stored at place, as the kiosk's registration does. */
static void item_at(fx_t *f, char *code, const char *title, const char *place)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    dc_copy(ev.actor, sizeof ev.actor, f->admin);
    dc_copy(ev.item, sizeof ev.item, code);
    dc_copy(ev.title, sizeof ev.title, title);
    dc_copy(ev.place, sizeof ev.place, place);
    ev.kind = DC_KIND_PAPER;
    ev.category = dc_kind_category(DC_KIND_PAPER);
    append(f, &ev);
}

/* The inventory is this terminal's places (list.places): an item kept at a branch office is
 * counted apart, never expected, and said to be elsewhere when it turns up here. */
static void test_inventory_scope(void **state)
{
    fx_t *f = *state;
    at(11, 2, 11, 0);
    char branch[DC_CODE_MAX], other[DC_CODE_MAX];
    item_at(f, branch, "北出張所 受付簿", "北出張所 書庫");
    item_at(f, other, "南出張所 綴り", "南出張所 金庫");
    assert_int_equal(dc_store_meta_set(f->st, "list.places", " 書庫A | 金庫 |"), DC_E_OK);
    dc_inventory_t *inv = NULL;
    assert_int_equal(dc_inventory_begin(f->st, &inv), DC_E_OK);
    assert_true(inv->scoped);
    /* u2, u3, mynum at 書庫A; the two branch items are apart. */
    assert_int_equal(inv->nexpected, 3);
    for (int i = 0; i < inv->nexpected; i++)
        assert_string_equal(inv->expected[i].item.place, "書庫A");
    assert_int_equal(inv->nelsewhere, 2);
    const dc_item_t *it;
    dc_inv_result_t r;
    assert_int_equal(dc_inventory_scan(inv, f->st, branch, strlen(branch), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_ELSEWHERE);
    assert_string_equal(it->title, "北出張所 受付簿");
    assert_int_equal(inv->nunexpected, 1);
    assert_int_equal(dc_inventory_scan(inv, f->st, branch, strlen(branch), &it, &r), DC_E_OK);
    assert_int_equal(r, DC_INV_AGAIN);
    int expected = inv->nexpected;
    dc_inventory_free(inv);

    /* A place taken off the list takes its items out of the inventory. */
    assert_int_equal(dc_store_meta_set(f->st, "list.places", "金庫"), DC_E_OK);
    assert_int_equal(dc_inventory_begin(f->st, &inv), DC_E_OK);
    assert_int_equal(inv->nexpected, 0);
    assert_int_equal(inv->nelsewhere, expected + 2);
    assert_false(dc_check_seal_needs_reason(inv)); /* nothing to find, nothing unfound */
    dc_inventory_free(inv);
}

/* An approved My Number take-out is for review, one with no approver an anomaly; failed
 * log-ins read in Japanese. */
static void test_review_and_reasons(void **state)
{
    fx_t *f = *state;
    dc_check_t *c = check(f, "2026-10");
    bool seen = false;
    for (int i = 0; i < c->nanomalies; i++) {
        const dc_anomaly_t *a = &c->anomalies[i];
        if (a->seq == f->mynum_out) {
            assert_int_equal(a->kind, DC_AN_MY_NUMBER_OUT);
            assert_true(dc_anomaly_review(a->kind));
            seen = true;
        }
        char what[DC_SHORT_MAX];
        if (a->seq == f->failed_logins[0]) {
            dc_anomaly_what(a, DC_LANG_JA, what, sizeof what);
            assert_string_equal(what, "暗証番号の誤り(連続1回目)");
            dc_anomaly_what(a, DC_LANG_EN, what, sizeof what);
            assert_string_equal(what, "wrong PIN (1 in a row)");
        }
        if (a->seq == f->lockout) {
            dc_anomaly_what(a, DC_LANG_JA, what, sizeof what);
            assert_string_equal(what, "暗証番号の誤り(連続5回目)・ロック");
        }
    }
    assert_true(seen);
    assert_int_equal(c->nreview, 2);
    assert_false(dc_anomaly_review(DC_AN_MY_NUMBER_BARE));
    assert_false(dc_anomaly_review(DC_AN_LOGIN_FAILED));
    assert_false(dc_anomaly_review(DC_AN_REFUSED));
    assert_true(dc_anomaly_review(DC_AN_REPRINT));
    int before = c->nanomalies - c->nreview;
    dc_check_free(c);

    /* An overdue's details are kept in both languages: each gets its own half. */
    dc_anomaly_t od = {.kind = DC_AN_OVERDUE};
    char half[DC_SHORT_MAX];
    dc_copy(od.what, sizeof od.what, "返却予定 2026-10-05 / due 2026-10-05");
    dc_anomaly_what(&od, DC_LANG_JA, half, sizeof half);
    assert_string_equal(half, "返却予定 2026-10-05");
    dc_anomaly_what(&od, DC_LANG_EN, half, sizeof half);
    assert_string_equal(half, "due 2026-10-05");

    /* The demo's words, and one this version does not know, kept as recorded. */
    dc_anomaly_t a = {.kind = DC_AN_LOGIN_FAILED};
    char what[DC_SHORT_MAX];
    dc_copy(a.what, sizeof a.what, "PIN mismatch");
    dc_anomaly_what(&a, DC_LANG_JA, what, sizeof what);
    assert_string_equal(what, "暗証番号の誤り");
    dc_copy(a.what, sizeof a.what, "unknown badge");
    dc_anomaly_what(&a, DC_LANG_JA, what, sizeof what);
    assert_string_equal(what, "登録されていない職員証");
    dc_copy(a.what, sizeof a.what, "too soon (8 s to wait)");
    dc_anomaly_what(&a, DC_LANG_JA, what, sizeof what);
    assert_string_equal(what, "待ち時間中の再入力(残り8秒)");
    dc_copy(a.what, sizeof a.what, "a new reason");
    dc_anomaly_what(&a, DC_LANG_JA, what, sizeof what);
    assert_string_equal(what, "a new reason");

    /* A My Number take-out with no approver cannot be recorded (the rules refuse it), so the
     * kind for one stays an anomaly for a ledger that has one all the same. */
    at(10, 20, 10, 0);
    int64_t none = 0;
    assert_int_not_equal(record(f, DC_EV_TAKE_OUT, f->mynum, f->s1, "", &none), DC_E_OK);
    c = check(f, "2026-10");
    assert_int_equal(c->by_kind[DC_AN_MY_NUMBER_BARE], 0);
    assert_int_equal(c->nanomalies - c->nreview, before);
    dc_check_free(c);
}

/* Sealed with items unfound: the reason is in the event and on the slip's source. */
static void test_seal_reason(void **state)
{
    fx_t *f = *state;
    at(11, 2, 11, 0);
    assert_true(dc_check_seal_reason_ok(DC_SEAL_REASON_LATER));
    assert_true(dc_check_seal_reason_ok(DC_SEAL_REASON_LENT));
    assert_true(dc_check_seal_reason_ok(DC_SEAL_REASON_OTHER));
    assert_false(dc_check_seal_reason_ok("適当"));
    assert_false(dc_check_seal_reason_ok(NULL));
    dc_check_t *c = check(f, "2026-10");
    dc_inventory_t *inv = NULL;
    assert_int_equal(dc_inventory_begin(f->st, &inv), DC_E_OK);
    int64_t seq = 0;
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, inv, DC_SEAL_REASON_LENT, &seq),
                     DC_E_OK);
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
    assert_non_null(strstr(ev.detail, "inventory=0/3,misplaced:0,elsewhere:0 "));
    assert_non_null(strstr(ev.detail, "review=2 "));
    char reason[DC_SHORT_MAX];
    dc_check_seal_reason(ev.detail, reason, sizeof reason);
    assert_string_equal(reason, "貸出先で確認済み");
    dc_check_seal_reason("events=1 anomalies=0[] checkpoint=1:ab", reason, sizeof reason);
    assert_string_equal(reason, "");
    /* The sealed month's summary and its slip, with the reason, render. */
    dc_check_free(c);
    c = check(f, "2026-10");
    assert_int_equal(c->sealed_seq, seq);
    dc_bitmap_t *b = NULL, *b2 = NULL;
    assert_int_equal(dc_desk_render_summary(f->st, &f->term, c, inv, f->manager, 384, &b), DC_E_OK);
    /* One line or more for each anomaly and each unfound item: longer than without them. */
    assert_int_equal(dc_desk_render_summary(f->st, &f->term, c, NULL, f->manager, 384, &b2),
                     DC_E_OK);
    assert_true(dc_bitmap_height(b) > dc_bitmap_height(b2));
    dc_bitmap_destroy(b);
    dc_bitmap_destroy(b2);
    dc_seal_count_t counts[16];
    int n = dc_check_counts(c, inv, counts, 16);
    assert_int_equal(dc_desk_render_seal(f->st, &f->term, seq, "2026-10", counts, n, 384, &b),
                     DC_E_OK);
    dc_bitmap_destroy(b);
    dc_check_free(c);
    dc_inventory_free(inv);
    dc_desk_print_shutdown();
}

static void test_seal(void **state)
{
    fx_t *f = *state;
    at(11, 2, 11, 0);
    dc_check_t *c = check(f, "2026-10");
    dc_inventory_t *inv = NULL;
    assert_int_equal(dc_inventory_begin(f->st, &inv), DC_E_OK);
    const dc_item_t *it;
    dc_inv_result_t r;
    assert_int_equal(dc_inventory_scan(inv, f->st, f->u2, strlen(f->u2), &it, &r), DC_E_OK);
    int64_t seq = 0, before = last_seq(f);
    /* Only a manager seals. */
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->s1, inv, NULL, &seq), DC_E_R_ACTOR_ROLE);
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->admin, inv, NULL, &seq),
                     DC_E_R_ACTOR_ROLE);
    assert_int_equal(last_seq(f), before);
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, inv, NULL, &seq), DC_E_OK);
    assert_int_equal(seq, before + 1);
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_MONTHLY_CHECK);
    assert_string_equal(ev.purpose, "2026-10");
    assert_string_equal(ev.actor, f->manager);
    char want[160];
    snprintf(want, sizeof want, "anomalies=16[refused:1,");
    assert_non_null(strstr(ev.detail, want));
    assert_non_null(strstr(ev.detail, "out=1 overdue=1 transit=1 disposed=1"));
    assert_non_null(strstr(ev.detail, "review=2 inventory=1/3,misplaced:0,elsewhere:0 verify=ok"));
    assert_null(strstr(ev.detail, "reason="));
    uint8_t head[32];
    int64_t count;
    assert_int_equal(dc_store_chain_at(f->st, before, head), DC_E_OK);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, head, 32);
    snprintf(want, sizeof want, "checkpoint=%lld:%s", (long long)before, hex);
    assert_non_null(strstr(ev.detail, want));

    /* Once only, and in order. */
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, inv, NULL, &seq),
                     DC_E_R_MONTH_SEALED);
    dc_check_free(c);
    c = check(f, "2026-09");
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, NULL, NULL, &seq),
                     DC_E_R_MONTH_ORDER);
    dc_check_free(c);
    c = check(f, "2026-11");
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, NULL, NULL, &seq),
                     DC_E_R_MONTH_OPEN);
    dc_check_free(c);
    assert_int_equal(dc_store_head(f->st, &count, head), DC_E_OK);
    assert_int_equal(count, before + 1);
    c = check(f, "2026-10");
    assert_int_equal(c->sealed_seq, before + 1);
    assert_string_equal(c->last_sealed, "2026-10");
    assert_true(c->intact);
    dc_check_free(c);

    /* The seal slip renders with its figures. */
    c = check(f, "2026-10");
    dc_seal_count_t counts[16];
    int n = dc_check_counts(c, inv, counts, 16);
    dc_bitmap_t *b = NULL;
    assert_int_equal(
        dc_desk_render_seal(f->st, &f->term, before + 1, "2026-10", counts, n, 384, &b), DC_E_OK);
    assert_non_null(b);
    dc_bitmap_destroy(b);
    dc_check_free(c);
    dc_inventory_free(inv);
    dc_desk_print_shutdown();
}

/* Someone with the key rewrites an event of the sealed month: verify, and the check, say so. */
static void test_sealed_month_changed(void **state)
{
    fx_t *f = *state;
    at(11, 2, 11, 0);
    dc_check_t *c = check(f, "2026-10");
    int64_t seq;
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, NULL, NULL, &seq), DC_E_OK);
    dc_check_free(c);
    dc_store_close(f->st);
    f->st = NULL;

    char hex[80] = "";
    FILE *k = fopen(f->key, "r");
    assert_non_null(k);
    assert_non_null(fgets(hex, sizeof hex, k));
    fclose(k);
    hex[strcspn(hex, "\r\n")] = '\0';
    char spec[90];
    snprintf(spec, sizeof spec, "x'%s'", hex);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_key(db, spec, (int)strlen(spec)), SQLITE_OK);
    char sql[300];
    snprintf(sql, sizeof sql,
             "DROP TRIGGER events_no_update; UPDATE events SET second = '%s' WHERE seq = %lld",
             f->s1, (long long)f->by_other);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term), DC_E_OK);
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_VERIFY_FAILED);
    assert_int_equal(rep.bad_seq, f->by_other);
    c = check(f, "2026-10");
    assert_false(c->intact);
    assert_int_equal(c->verify.bad_seq, f->by_other);
    dc_check_free(c);
}

/* A sealed month is closed: a take-out dated in it is refused (and the refusal logged), and the
 * month's figures still match its seal. */
static void test_month_closed_after_seal(void **state)
{
    fx_t *f = *state;
    at(11, 2, 11, 0);
    dc_check_t *c = check(f, "2026-10");
    int64_t seal, seq = 0;
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, NULL, NULL, &seal), DC_E_OK);
    int refused = c->by_kind[DC_AN_REFUSED];
    dc_check_free(c);
    /* The clock set back into October. */
    at(10, 20, 10, 0);
    int64_t before = last_seq(f);
    dc_err_t e = record(f, DC_EV_TAKE_OUT, f->u2, f->s1, f->s2, &seq);
    assert_int_equal(e, DC_E_R_MONTH_CLOSED);
    assert_int_equal(last_seq(f), before);
    assert_int_equal(
        dc_check_record_refusal(f->st, &f->term, f->s1, DC_EV_TAKE_OUT, e, f->u2, f->s2), DC_E_OK);
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, before + 1, &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_REFUSED);
    assert_string_equal(ev.detail, "R_MONTH_CLOSED");
    /* November is open. */
    at(11, 3, 10, 0);
    assert_int_equal(record(f, DC_EV_TAKE_OUT, f->u2, f->s1, f->s2, &seq), DC_E_OK);
    c = check(f, "2026-10");
    assert_int_equal(c->sealed_seq, seal);
    assert_int_equal(c->by_kind[DC_AN_REFUSED], refused + 1);
    assert_false(c->seal_mismatch);
    assert_true(c->intact);
    dc_check_free(c);
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_OK);
}

/* A seal whose figures are not the month's (the month changed after it): the check says the log
 * is not intact and names the seal. */
static void test_seal_figures_differ(void **state)
{
    fx_t *f = *state;
    at(11, 2, 11, 0);
    dc_check_t *c = check(f, "2026-10");
    char detail[DC_LONG_MAX];
    snprintf(detail, sizeof detail,
             "events=%lld out=%d overdue=0 transit=%d disposed=%d anomalies=0[] inventory=none "
             "verify=ok checkpoint=0:00",
             (long long)c->events - 1, c->nout, c->ntransit, c->ndisposed);
    dc_check_free(c);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_MONTHLY_CHECK);
    dc_copy(ev.actor, sizeof ev.actor, f->manager);
    dc_copy(ev.purpose, sizeof ev.purpose, "2026-10");
    dc_copy(ev.detail, sizeof ev.detail, detail);
    int64_t seal = append(f, &ev);
    c = check(f, "2026-10");
    assert_int_equal(c->sealed_seq, seal);
    assert_true(c->seal_mismatch);
    assert_false(c->intact);
    assert_int_equal(c->verify.bad_seq, seal);
    assert_non_null(strstr(c->verify.what, "changed after the seal"));
    dc_check_free(c);
}

/* A seal may not run more than a month ahead of the ledger's last work: the clock in 2099 does
 * not seal 2099-11 (which would refuse every later seal of a real month). */
static void test_seal_far_ahead(void **state)
{
    fx_t *f = *state;
    dc_clock_fix(dc_clock_from_civil(2099, 12, 2, 10, 0, 0, 540));
    /* A log-in at the wrong time does not count as the ledger's work. */
    assert_int_equal(login(f, f->manager, PIN, true), DC_E_OK);
    dc_check_t *c = check(f, "2099-11");
    int64_t seq = 0;
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, NULL, NULL, &seq),
                     DC_E_R_SEAL_AHEAD);
    dc_check_free(c);
    /* The clock put right: October seals. */
    at(11, 2, 11, 0);
    c = check(f, "2026-10");
    assert_int_equal(dc_check_seal(f->st, &f->term, c, f->manager, NULL, NULL, &seq), DC_E_OK);
    dc_check_free(c);
}

static void test_month_helpers(void **state)
{
    (void)state;
    char m[8];
    dc_check_month_step("2026-01", -1, m);
    assert_string_equal(m, "2025-12");
    dc_check_month_step("2026-12", 1, m);
    assert_string_equal(m, "2027-01");
    dc_check_month_step("2026-10", 1, m);
    assert_string_equal(m, "2026-11");
    /* 2026-11-01 00:10 JST is still 2026-10-31 in UTC: the terminal's own month counts. */
    dc_check_default_month(dc_clock_from_civil(2026, 11, 1, 0, 10, 0, 540), 540, m);
    assert_string_equal(m, "2026-10");
    dc_check_default_month(dc_clock_from_civil(2026, 1, 15, 12, 0, 0, 540), 540, m);
    assert_string_equal(m, "2025-12");
    for (int k = 0; k < DC_AN__COUNT; k++) {
        assert_string_not_equal(dc_anomaly_name((dc_anomaly_kind_t)k), "?");
        assert_string_not_equal(dc_anomaly_label((dc_anomaly_kind_t)k, DC_LANG_JA), "?");
        assert_string_not_equal(dc_anomaly_label((dc_anomaly_kind_t)k, DC_LANG_EN), "?");
    }
    assert_string_equal(dc_anomaly_name(DC_AN__COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_planted_anomalies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inventory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inventory_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review_and_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seal_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sealed_month_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_month_closed_after_seal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seal_figures_differ, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seal_far_ahead, setup, teardown),
        cmocka_unit_test(test_month_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
