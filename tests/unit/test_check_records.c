/* The monthly check reads records as they are right now and by their fields: a take-out's due
 * date as corrected, a late return and a late arrival flagged, a lockout found by the event's
 * own fields (never by its words), and the carrier of a transport recorded and asked by the
 * arrival rule. Every record goes through the desk and the store, as at the counter. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/check.h"
#include "desk/correct.h"
#include "desk/session.h"
#include "fixture.h"
#include "platform/clock.h"
#include "store/store.h"

#define PIN "4739"

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], s1[DC_CODE_MAX], s2[DC_CODE_MAX],
        s3[DC_CODE_MAX];
    char a[DC_CODE_MAX], b[DC_CODE_MAX], c[DC_CODE_MAX], d[DC_CODE_MAX];
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

static void enroll(fx_t *f, char *badge, const char *name, dc_role_t role)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, badge), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    dc_copy(ev.actor, sizeof ev.actor, f->admin);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    dc_copy(ev.name, sizeof ev.name, name);
    dc_copy(ev.designated, sizeof ev.designated, "2026-04-01");
    ev.role = role;
    append(f, &ev);
    assert_int_equal(dc_desk_set_pin(f->st, badge, PIN), DC_E_OK);
}

static void item(fx_t *f, char *code, const char *title, const char *place)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    dc_copy(ev.actor, sizeof ev.actor, f->admin);
    dc_copy(ev.item, sizeof ev.item, code);
    dc_copy(ev.title, sizeof ev.title, title);
    dc_copy(ev.place, sizeof ev.place, place);
    ev.kind = DC_KIND_USB;
    ev.category = dc_kind_category(DC_KIND_USB);
    append(f, &ev);
}

static dc_err_t rec(fx_t *f, dc_event_t *ev, const char *code, int64_t *seq)
{
    int failed;
    return dc_desk_record(f->st, &f->term, ev, (const char(*)[DC_CODE_MAX])code, 1, seq, &failed);
}

static int64_t take_out(fx_t *f, const char *code, const char *due)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.second, sizeof ev.second, f->s2);
    dc_copy(ev.purpose, sizeof ev.purpose, "監査対応");
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    dc_copy(ev.due, sizeof ev.due, due);
    int64_t seq = 0;
    assert_int_equal(rec(f, &ev, code, &seq), DC_E_OK);
    return seq;
}

static int64_t give_back(fx_t *f, const char *code)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RETURN);
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.second, sizeof ev.second, f->s2);
    int64_t seq = 0;
    assert_int_equal(rec(f, &ev, code, &seq), DC_E_OK);
    return seq;
}

static int64_t send(fx_t *f, const char *code, const char *carrier, const char *due)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_TRANSPORT);
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.carrier, sizeof ev.carrier, carrier);
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所 書庫");
    dc_copy(ev.due, sizeof ev.due, due);
    int64_t seq = 0;
    assert_int_equal(rec(f, &ev, code, &seq), DC_E_OK);
    return seq;
}

static dc_err_t receive(fx_t *f, const char *code, const char *who, int64_t *seq)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RECEIVE);
    dc_copy(ev.actor, sizeof ev.actor, who);
    return rec(f, &ev, code, seq);
}

static int64_t correct_due(fx_t *f, int64_t seq, const char *due)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_CORRECTION);
    ev.link_seq = seq;
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.second, sizeof ev.second, f->manager);
    dc_copy(ev.detail, sizeof ev.detail, "返却予定日の記入誤り");
    dc_copy(ev.due, sizeof ev.due, due);
    int64_t fix = 0;
    assert_int_equal(dc_desk_correct(f->st, &f->term, &ev, &fix), DC_E_OK);
    return fix;
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "checkrec") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term))
        return -1;
    at(9, 30, 10, 0);
    if (dc_fx_admin(f->st, &f->term, "佐藤 管理", f->admin))
        return -1;
    enroll(f, f->manager, "山﨑 浩二", DC_ROLE_MANAGER);
    enroll(f, f->s1, "髙橋 美咲", DC_ROLE_STAFF);
    enroll(f, f->s2, "田中 花子", DC_ROLE_STAFF);
    enroll(f, f->s3, "鈴木 一郎", DC_ROLE_STAFF);
    item(f, f->a, "USB A", "書庫A");
    item(f, f->b, "USB B", "書庫A");
    item(f, f->c, "USB C", "倉庫B");
    item(f, f->d, "USB D", "倉庫B");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    dc_clock_fix(0);
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f);
    return rc;
}

static dc_check_t *check(fx_t *f, const char *month)
{
    dc_check_t *c = NULL;
    at(12, 1, 10, 0);
    assert_int_equal(dc_check_month(f->st, &f->term, month, &c), DC_E_OK);
    assert_non_null(c);
    return c;
}

static const dc_anomaly_t *find(const dc_check_t *c, dc_anomaly_kind_t kind, int64_t seq)
{
    for (int i = 0; i < c->nanomalies; i++) {
        if (c->anomalies[i].kind == kind && c->anomalies[i].seq == seq)
            return &c->anomalies[i];
    }
    return NULL;
}

/* The case: due 10-10, corrected to 11-30. October's check must not call it overdue;
 * November's, with the item still out after 11-30... is December's business, so November does
 * not either; and a take-out with the uncorrected date is overdue, as before. */
static void test_corrected_due_seen_by_check(void **state)
{
    fx_t *f = *state;
    at(10, 1, 10, 0);
    int64_t out_a = take_out(f, f->a, "2026-10-10");
    int64_t out_b = take_out(f, f->b, "2026-10-10");
    at(10, 2, 10, 0);
    correct_due(f, out_a, "2026-11-30");

    dc_event_t raw, fixed;
    assert_int_equal(dc_store_event_get(f->st, out_a, &raw), DC_E_OK);
    int n = 0;
    int64_t last = 0;
    assert_int_equal(dc_desk_corrected(f->st, &raw, &fixed, &n, &last), DC_E_OK);
    assert_string_equal(raw.due, "2026-10-10"); /* the log keeps the original */
    assert_string_equal(fixed.due, "2026-11-30");
    assert_int_equal(n, 1);
    assert_true(last > out_a);

    dc_check_t *c = check(f, "2026-10");
    assert_int_equal(c->nout, 2);
    for (int i = 0; i < c->nout; i++) {
        const dc_outstanding_t *o = &c->out[i];
        if (o->seq == out_a) {
            assert_string_equal(o->due, "2026-11-30");
            assert_false(o->overdue);
        } else {
            assert_int_equal(o->seq, out_b);
            assert_string_equal(o->due, "2026-10-10");
            assert_true(o->overdue);
        }
    }
    assert_int_equal(c->noverdue, 1);
    assert_null(find(c, DC_AN_OVERDUE, out_a));
    assert_non_null(find(c, DC_AN_OVERDUE, out_b));
    dc_check_free(c);
}

/* Due 10-09, back 10-16: flagged 返却予定日超過 on the return, naming the take-out and the
 * person who took it; back on the due date is not; a due date corrected to later than the
 * return is measured as corrected. */
static void test_late_return_flagged(void **state)
{
    fx_t *f = *state;
    at(10, 5, 10, 0);
    int64_t out_a = take_out(f, f->a, "2026-10-09");
    take_out(f, f->b, "2026-10-09");
    int64_t out_c = take_out(f, f->c, "2026-10-09");
    correct_due(f, out_c, "2026-10-20");
    at(10, 9, 16, 0);
    int64_t back_b = give_back(f, f->b);
    at(10, 16, 10, 0);
    int64_t back_a = give_back(f, f->a);
    int64_t back_c = give_back(f, f->c);

    dc_check_t *c = check(f, "2026-10");
    const dc_anomaly_t *late = find(c, DC_AN_OVERDUE, back_a);
    assert_non_null(late);
    assert_int_equal(late->other_seq, out_a);
    assert_string_equal(late->who, f->s1);
    assert_string_equal(late->item, f->a);
    assert_non_null(strstr(late->what, "2026-10-16"));
    assert_non_null(strstr(late->what, "2026-10-09"));
    assert_string_equal(dc_anomaly_label(late->kind, DC_LANG_JA), "返却予定日超過");
    assert_null(find(c, DC_AN_OVERDUE, back_b)); /* on the day: not late */
    assert_null(find(c, DC_AN_OVERDUE, back_c)); /* due put right to 10-20 */
    assert_int_equal(c->by_kind[DC_AN_OVERDUE], 1);
    assert_int_equal(c->nout, 0);
    dc_check_free(c);
}

/* A transport's due is the day it is expected to arrive: received later, or still on the way
 * at the month's end after it, is 到着予定日超過; without a due nothing is said. */
static void test_late_arrival_flagged(void **state)
{
    fx_t *f = *state;
    at(10, 5, 10, 0);
    int64_t tr_a = send(f, f->a, "", "2026-10-06");
    int64_t tr_b = send(f, f->b, "", "2026-10-08");
    int64_t tr_c = send(f, f->c, "", "");
    int64_t tr_d = send(f, f->d, "", "2026-10-20");
    at(10, 8, 10, 0);
    int64_t got_a = 0, got_b = 0, got_c = 0;
    assert_int_equal(receive(f, f->a, f->s3, &got_a), DC_E_OK);
    assert_int_equal(receive(f, f->b, f->s3, &got_b), DC_E_OK);
    at(10, 30, 10, 0);
    assert_int_equal(receive(f, f->c, f->s3, &got_c), DC_E_OK);

    dc_check_t *c = check(f, "2026-10");
    const dc_anomaly_t *late = find(c, DC_AN_LATE_ARRIVAL, got_a);
    assert_non_null(late);
    assert_int_equal(late->other_seq, tr_a);
    assert_string_equal(late->who, f->s1); /* the carrier: the handler, by default */
    assert_null(find(c, DC_AN_LATE_ARRIVAL, got_b));
    assert_null(find(c, DC_AN_LATE_ARRIVAL, got_c));
    assert_non_null(find(c, DC_AN_LATE_ARRIVAL, tr_d)); /* still on the way after 10-20 */
    assert_int_equal(c->by_kind[DC_AN_LATE_ARRIVAL], 2);
    assert_int_equal(c->ntransit, 1);
    assert_true(c->transit[0].overdue);
    assert_int_equal(c->noverdue, 0); /* the take-outs' figure */
    (void)tr_b;
    (void)tr_c;
    dc_check_free(c);
}

/* The fifth wrong PIN locks the badge and the event says so in its fields: the badge locked as
 * its subject, the count in quantity. A failed log-in whose words say "locked" but whose fields
 * do not is a failed log-in, nothing more. */
static void test_lockout_by_fields(void **state)
{
    fx_t *f = *state;
    dc_staff_t who;
    int failures = 0;
    int64_t seqs[5];
    for (int i = 0; i < 5; i++) {
        at(10, 13, 10, 1 + i);
        dc_err_t e = dc_desk_login(f->st, &f->term, f->s2, "9999", true, &who, &failures);
        assert_int_equal(e, i < 4 ? DC_E_PIN_WRONG : DC_E_PIN_LOCKED);
        seqs[i] = dc_fx_count(f->st);
    }
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, seqs[4], &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_LOGIN_FAILED);
    assert_string_equal(ev.subject, f->s2);
    assert_int_equal(ev.quantity, 5);
    assert_int_equal(dc_store_event_get(f->st, seqs[2], &ev), DC_E_OK);
    assert_string_equal(ev.subject, "");
    assert_int_equal(ev.quantity, 3);

    at(10, 14, 10, 0);
    dc_event_t words;
    dc_event_init(&words, DC_EV_LOGIN_FAILED);
    dc_copy(words.actor, sizeof words.actor, f->s3);
    dc_copy(words.detail, sizeof words.detail, "wrong PIN (5 in a row), locked");
    int64_t planted = append(f, &words);

    dc_check_t *c = check(f, "2026-10");
    assert_non_null(find(c, DC_AN_LOCKOUT, seqs[4]));
    assert_null(find(c, DC_AN_LOGIN_FAILED, seqs[4]));
    for (int i = 0; i < 4; i++)
        assert_non_null(find(c, DC_AN_LOGIN_FAILED, seqs[i]));
    assert_non_null(find(c, DC_AN_LOGIN_FAILED, planted));
    assert_null(find(c, DC_AN_LOCKOUT, planted));
    assert_int_equal(c->by_kind[DC_AN_LOCKOUT], 1);
    assert_true(c->intact);
    dc_check_free(c);
}

/* The carrier is recorded: the handler unless another badge is named. The arrival rule asks
 * the transport's carrier and sender, not the handler standing in for the carrier. */
static void test_carrier_recorded(void **state)
{
    fx_t *f = *state;
    at(10, 5, 10, 0);
    int64_t tr_a = send(f, f->a, "", "");
    int64_t tr_b = send(f, f->b, f->s2, "");
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, tr_a, &ev), DC_E_OK);
    assert_string_equal(ev.carrier, f->s1);
    assert_string_equal(ev.from_place, "書庫A");
    assert_int_equal(dc_store_event_get(f->st, tr_b, &ev), DC_E_OK);
    assert_string_equal(ev.carrier, f->s2);

    at(10, 6, 10, 0);
    int64_t seq = 0;
    assert_int_equal(receive(f, f->b, f->s2, &seq), DC_E_R_SELF_RECEIVE);   /* the carrier */
    assert_int_equal(receive(f, f->b, f->s1, &seq), DC_E_R_SENDER_RECEIVE); /* the sender */
    assert_int_equal(receive(f, f->b, f->s3, &seq), DC_E_OK);
    assert_int_equal(receive(f, f->a, f->s1, &seq), DC_E_R_SELF_RECEIVE); /* sender carried it */
    assert_int_equal(receive(f, f->a, f->s2, &seq), DC_E_OK);

    /* An unknown badge cannot carry. */
    dc_event_init(&ev, DC_EV_TRANSPORT);
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.carrier, sizeof ev.carrier, "DB-00000000-0");
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    assert_int_not_equal(rec(f, &ev, f->c, &seq), DC_E_OK);

    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_corrected_due_seen_by_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_return_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_arrival_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout_by_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_carrier_recorded, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
