/* The counter's session: PIN log-in with a durable failure count and lockout, unlock, and a
 * flow's cart and checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/session.h"
#include "platform/clock.h"
#include "store/store.h"

typedef struct {
    char dir[512], db[600], key[600];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], staff[DC_CODE_MAX], other[DC_CODE_MAX];
    char item[DC_CODE_MAX], paper[DC_CODE_MAX];
} fx_t;

static void enroll(fx_t *f, const char *actor, char badge[DC_CODE_MAX], dc_role_t role,
                   const char *name)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, badge), DC_E_OK);
    dc_copy(ev.actor, sizeof ev.actor, actor ? actor : badge);
    memcpy(ev.subject, badge, DC_CODE_MAX);
    dc_copy(ev.name, sizeof ev.name, name);
    ev.role = role;
    int64_t seq;
    int failed;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])badge, 1, &seq, &failed),
        DC_E_OK);
    assert_int_equal(dc_desk_set_pin(f->st, badge, "2468"), DC_E_OK);
}

static void reg(fx_t *f, char code[DC_CODE_MAX], dc_kind_t kind, bool personal)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    memcpy(ev.actor, f->admin, DC_CODE_MAX);
    ev.kind = kind;
    ev.category = dc_kind_category(kind);
    ev.personal = personal;
    dc_copy(ev.title, sizeof ev.title, "試験用");
    int64_t seq;
    int failed;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed),
        DC_E_OK);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    const char *tmp = getenv("DAICHO_TEST_TMP");
    snprintf(f->dir, sizeof f->dir, "%s/sessXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/d.db", f->dir);
    snprintf(f->key, sizeof f->key, "%s/d.key", f->dir);
    dc_init_opts_t o = {"t", "o", 540};
    if (dc_desk_init(f->db, f->key, &o) ||
        dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term))
        return -1;
    enroll(f, NULL, f->admin, DC_ROLE_ADMIN, "管理者");
    enroll(f, f->admin, f->manager, DC_ROLE_MANAGER, "課長");
    enroll(f, f->admin, f->staff, DC_ROLE_STAFF, "職員");
    enroll(f, f->admin, f->other, DC_ROLE_STAFF, "同僚");
    reg(f, f->item, DC_KIND_USB, false);
    reg(f, f->paper, DC_KIND_PAPER, true);
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

static int64_t events(fx_t *f)
{
    int64_t n;
    uint8_t head[DC_HASH_LEN];
    assert_int_equal(dc_store_head(f->st, &n, head), DC_E_OK);
    return n;
}

static dc_err_t login(fx_t *f, const char *badge, const char *pin, int *failures, int64_t *wait)
{
    dc_staff_t who;
    return dc_desk_login_wait(f->st, &f->term, badge, pin, true, &who, failures, wait);
}

static void last_event(fx_t *f, dc_event_t *ev)
{
    assert_int_equal(dc_store_event_get(f->st, events(f), ev), DC_E_OK);
}

static void test_login_and_lockout(void **state)
{
    fx_t *f = *state;
    dc_staff_t who;
    int failures;
    int64_t wait;
    dc_clock_fix(dc_clock_now_ms());
    int64_t n0 = events(f);
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "2468", true, &who, &failures),
                     DC_E_OK);
    assert_string_equal(who.name, "職員");
    assert_int_equal(events(f), n0 + 1); /* a login event */

    for (int i = 1; i < DC_PIN_LOCK_AT; i++) {
        assert_int_equal(login(f, f->staff, "0000", &failures, &wait), DC_E_PIN_WRONG);
        assert_int_equal(failures, i);
        assert_int_equal(wait, 1000LL << (i - 1));
        assert_int_equal(dc_desk_pin_delay_ms(failures), 1000LL << (i - 1));
        dc_clock_advance(wait);
    }
    /* The fifth wrong PIN locks; even the right PIN is then refused. */
    assert_int_equal(login(f, f->staff, "0000", &failures, &wait), DC_E_PIN_LOCKED);
    dc_clock_advance(60000);
    assert_int_equal(login(f, f->staff, "2468", &failures, &wait), DC_E_PIN_LOCKED);
    assert_int_equal(events(f), n0 + 1 + DC_PIN_LOCK_AT + 1); /* every failure is an event */

    /* Only a manager unlocks, and only a locked badge; the unlock is an event. */
    dc_staff_t staff, manager;
    assert_int_equal(dc_store_staff_get(f->st, f->other, &staff), DC_E_OK);
    assert_int_equal(dc_store_staff_get(f->st, f->manager, &manager), DC_E_OK);
    assert_int_equal(dc_desk_unlock(f->st, &f->term, &staff, f->staff), DC_E_R_ACTOR_ROLE);
    assert_int_equal(dc_desk_unlock(f->st, &f->term, &manager, f->other), DC_E_R_NOT_LOCKED);
    int64_t n1 = events(f);
    assert_int_equal(dc_desk_unlock(f->st, &f->term, &manager, f->staff), DC_E_OK);
    assert_int_equal(events(f), n1 + 1);
    dc_event_t ev;
    last_event(f, &ev);
    assert_int_equal(ev.type, DC_EV_UNLOCK);
    assert_string_equal(ev.actor, f->manager);
    assert_string_equal(ev.subject, f->staff);
    assert_non_null(strstr(ev.detail, "5 wrong"));
    assert_int_equal(login(f, f->staff, "2468", &failures, &wait), DC_E_OK);
    assert_int_equal(failures, 0);
}

static void test_wait_is_kept(void **state)
{
    fx_t *f = *state;
    int failures;
    int64_t wait;
    dc_clock_fix(dc_clock_now_ms());
    assert_int_equal(login(f, f->staff, "0000", &failures, &wait), DC_E_PIN_WRONG);
    dc_clock_advance(wait);
    assert_int_equal(login(f, f->staff, "0000", &failures, &wait), DC_E_PIN_WRONG);
    assert_int_equal(wait, 2000);
    /* Too soon, even with the right PIN: refused without comparing it, logged, not counted. */
    int64_t n0 = events(f);
    assert_int_equal(login(f, f->staff, "2468", &failures, &wait), DC_E_PIN_WAIT);
    assert_true(wait > 1900 && wait <= 2000);
    assert_int_equal(events(f), n0 + 1);
    dc_event_t ev;
    last_event(f, &ev);
    assert_int_equal(ev.type, DC_EV_LOGIN_FAILED);
    assert_non_null(strstr(ev.detail, "too soon"));
    /* Kept in the ledger: another program (here, the ledger opened again) sees the same wait,
     * so a cancel and a rescan do not skip it. */
    dc_store_close(f->st);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_CLI, &f->st, &f->term), DC_E_OK);
    assert_true(dc_desk_pin_wait_ms(f->st, f->staff) > 1900);
    bool locked;
    assert_int_equal(dc_store_pin_state(f->st, f->staff, &failures, &locked), DC_E_OK);
    assert_int_equal(failures, 2);
    dc_clock_advance(2000);
    assert_int_equal(dc_desk_pin_wait_ms(f->st, f->staff), 0);
    assert_int_equal(login(f, f->staff, "2468", &failures, &wait), DC_E_OK);
    assert_int_equal(dc_desk_pin_wait_ms(f->st, f->staff), 0);
}

static void test_attempts_admitted_at_most_five(void **state)
{
    fx_t *f = *state;
    /* Five attempts admitted and still being compared (other programs): the sixth is refused
     * and locks the badge; a right PIN among the five then does not count. */
    char hash[DC_PIN_HASH_MAX];
    int failures;
    int64_t wait, now = dc_clock_now_ms();
    for (int i = 1; i <= DC_PIN_LOCK_AT; i++) {
        assert_int_equal(dc_store_pin_begin(f->st, f->other, DC_PIN_LOCK_AT, now, hash, sizeof hash,
                                            &failures, &wait),
                         DC_E_OK);
        assert_int_equal(failures, i);
    }
    assert_int_equal(dc_store_pin_begin(f->st, f->other, DC_PIN_LOCK_AT, now, hash, sizeof hash,
                                        &failures, &wait),
                     DC_E_PIN_LOCKED);
    bool locked;
    assert_int_equal(dc_store_pin_state(f->st, f->other, &failures, &locked), DC_E_OK);
    assert_true(locked);
    assert_int_equal(failures, DC_PIN_LOCK_AT);
    assert_int_equal(dc_store_pin_right(f->st, f->other), DC_E_PIN_LOCKED);
}

static void test_attempt_counted_before_check(void **state)
{
    fx_t *f = *state;
    /* An attempt counted and then cut off by a power failure (no result recorded) still
     * counts at the next attempt: the count lives in the database, not in memory. */
    int failures;
    bool locked;
    char hash[DC_PIN_HASH_MAX];
    int64_t wait;
    assert_int_equal(dc_store_pin_begin(f->st, f->other, DC_PIN_LOCK_AT, dc_clock_now_ms(), hash,
                                        sizeof hash, &failures, &wait),
                     DC_E_OK);
    assert_int_equal(failures, 1);
    dc_store_close(f->st);
    assert_int_equal(dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term), DC_E_OK);
    assert_int_equal(dc_store_pin_state(f->st, f->other, &failures, &locked), DC_E_OK);
    assert_int_equal(failures, 1);
    dc_staff_t who;
    assert_int_equal(dc_desk_login(f->st, &f->term, f->other, "1111", false, &who, &failures),
                     DC_E_PIN_WRONG);
    assert_int_equal(failures, 2);
}

static void test_weak_pins(void **state)
{
    fx_t *f = *state;
    static const struct {
        const char *pin;
        dc_err_t want;
    } cases[] = {
        {"0000", DC_E_PIN_WEAK}, {"99999", DC_E_PIN_WEAK},   {"1234", DC_E_PIN_WEAK},
        {"4321", DC_E_PIN_WEAK}, {"3456789", DC_E_PIN_WEAK}, {"9876", DC_E_PIN_WEAK},
        {"12", DC_E_PIN_WEAK},   {"12a4", DC_E_USAGE},       {"123456789", DC_E_USAGE},
        {"7391", DC_E_OK},       {"2468", DC_E_OK},          {"1123", DC_E_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(dc_desk_set_pin(f->st, f->other, cases[i].pin), cases[i].want);
    assert_true(dc_desk_pin_weak("123"));
    assert_false(dc_desk_pin_weak("7391"));
}

static dc_err_t record1(fx_t *f, dc_event_t *ev, const char *code)
{
    int64_t seq;
    int failed;
    return dc_desk_record(f->st, &f->term, ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed);
}

static void test_designation_date_and_sender(void **state)
{
    fx_t *f = *state;
    dc_clock_fix(dc_clock_now_ms());
    /* A manager designated from 2099 can neither approve nor act before that date. */
    char later[DC_CODE_MAX];
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, later), DC_E_OK);
    memcpy(ev.actor, f->admin, DC_CODE_MAX);
    memcpy(ev.subject, later, DC_CODE_MAX);
    dc_copy(ev.name, sizeof ev.name, "未来");
    dc_copy(ev.designated, sizeof ev.designated, "2099-04-01");
    ev.role = DC_ROLE_MANAGER;
    assert_int_equal(record1(f, &ev, later), DC_E_OK);
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    memcpy(ev.actor, f->staff, DC_CODE_MAX);
    memcpy(ev.second, later, DC_CODE_MAX);
    dc_copy(ev.purpose, sizeof ev.purpose, "会議");
    dc_copy(ev.to_place, sizeof ev.to_place, "本庁");
    dc_copy(ev.due, sizeof ev.due, "2099-01-01");
    assert_int_equal(record1(f, &ev, f->paper), DC_E_R_NOT_YET_DESIGNATED);
    memcpy(ev.actor, later, DC_CODE_MAX);
    memcpy(ev.second, f->manager, DC_CODE_MAX);
    assert_int_equal(record1(f, &ev, f->item), DC_E_R_NOT_YET_DESIGNATED);
    dc_event_init(&ev, DC_EV_MONTHLY_CHECK);
    dc_desk_stamp(&f->term, &ev);
    memcpy(ev.actor, later, DC_CODE_MAX);
    dc_copy(ev.purpose, sizeof ev.purpose, "2000-01");
    assert_int_equal(dc_store_check(f->st, &ev), DC_E_R_NOT_YET_DESIGNATED);
    memcpy(ev.actor, f->manager, DC_CODE_MAX);
    assert_int_equal(dc_store_check(f->st, &ev), DC_E_OK);

    /* The sender of a transport may not record its arrival, nor may its carrier. */
    dc_event_init(&ev, DC_EV_TRANSPORT);
    memcpy(ev.actor, f->staff, DC_CODE_MAX);
    memcpy(ev.carrier, f->manager, DC_CODE_MAX);
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    assert_int_equal(record1(f, &ev, f->item), DC_E_OK);
    dc_event_init(&ev, DC_EV_RECEIVE);
    memcpy(ev.actor, f->staff, DC_CODE_MAX);
    assert_int_equal(record1(f, &ev, f->item), DC_E_R_SENDER_RECEIVE);
    memcpy(ev.actor, f->manager, DC_CODE_MAX);
    assert_int_equal(record1(f, &ev, f->item), DC_E_R_SELF_RECEIVE);
    memcpy(ev.actor, f->other, DC_CODE_MAX);
    assert_int_equal(record1(f, &ev, f->item), DC_E_OK);
}

static void test_unknown_released_and_no_pin(void **state)
{
    fx_t *f = *state;
    dc_staff_t who;
    int failures;
    int64_t n0 = events(f);
    assert_int_equal(dc_desk_login(f->st, &f->term, "DB-00000000-0", "1", true, &who, &failures),
                     DC_E_R_ACTOR_UNKNOWN);
    assert_int_equal(events(f), n0 + 1);
    assert_int_equal(dc_store_pin_set(f->st, f->other, "x"), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RELEASE);
    memcpy(ev.actor, f->admin, DC_CODE_MAX);
    memcpy(ev.subject, f->other, DC_CODE_MAX);
    int64_t seq;
    int failed;
    assert_int_equal(dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])f->other, 1,
                                    &seq, &failed),
                     DC_E_OK);
    assert_int_equal(dc_desk_login(f->st, &f->term, f->other, "2468", true, &who, &failures),
                     DC_E_R_ACTOR_RELEASED);
}

/* The counter's scan logs a refusal of the custody rules (a return of an item that is in), and
 * nothing for what is no such refusal (a staff badge, the same item twice). */
static void test_flow_scan_refusal_logged(void **state)
{
    fx_t *f = *state;
    dc_flow_t *flow = calloc(1, sizeof *flow);
    const dc_item_t *added;
    dc_flow_begin(flow, DC_EV_RETURN, f->staff);
    int64_t n0 = events(f);
    assert_int_equal(dc_desk_flow_scan(f->st, &f->term, flow, f->staff, strlen(f->staff), &added),
                     DC_E_CODE_WANT_ITEM);
    assert_int_equal(events(f), n0);
    dc_err_t e = dc_desk_flow_scan(f->st, &f->term, flow, f->item, strlen(f->item), &added);
    assert_int_equal(dc_err_class(e), DC_CLASS_REFUSED);
    assert_int_equal(flow->n, 0);
    assert_int_equal(events(f), n0 + 1);
    dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, n0 + 1, &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_REFUSED);
    assert_string_equal(ev.item, f->item);
    assert_string_equal(ev.actor, f->staff);
    assert_string_equal(ev.purpose, "return");
    dc_flow_begin(flow, DC_EV_TAKE_OUT, f->staff);
    assert_int_equal(dc_desk_flow_scan(f->st, &f->term, flow, f->item, strlen(f->item), &added),
                     DC_E_OK);
    assert_int_equal(dc_desk_flow_scan(f->st, &f->term, flow, f->item, strlen(f->item), &added),
                     DC_E_R_DUPLICATE_ITEM);
    assert_int_equal(events(f), n0 + 1);
    free(flow);
}

static void test_flow_cart_and_checks(void **state)
{
    fx_t *f = *state;
    dc_flow_t *flow = calloc(1, sizeof *flow);
    const dc_item_t *added;
    dc_flow_begin(flow, DC_EV_TAKE_OUT, f->staff);
    assert_int_equal(dc_flow_second_role(flow), DC_ROLE__COUNT);
    assert_int_equal(dc_flow_scan(f->st, flow, f->staff, strlen(f->staff), &added),
                     DC_E_CODE_WANT_ITEM);
    assert_int_equal(dc_flow_scan(f->st, flow, "DI-00000000-0", 13, &added), DC_E_CODE_CHECK);
    assert_int_equal(dc_flow_scan(f->st, flow, f->item, strlen(f->item), &added), DC_E_OK);
    assert_non_null(added);
    assert_string_equal(added->title, "試験用");
    assert_int_equal(dc_flow_second_role(flow), DC_ROLE_STAFF);
    assert_int_equal(dc_flow_scan(f->st, flow, f->item, strlen(f->item), &added),
                     DC_E_R_DUPLICATE_ITEM);
    assert_int_equal(dc_flow_scan(f->st, flow, f->paper, strlen(f->paper), &added), DC_E_OK);
    assert_int_equal(dc_flow_second_role(flow), DC_ROLE_MANAGER);
    assert_int_equal(flow->n, 2);

    int failed;
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_R_FIELD_MISSING_PURPOSE);
    dc_copy(flow->form.purpose, sizeof flow->form.purpose, "監査対応");
    dc_copy(flow->form.to_place, sizeof flow->form.to_place, "北出張所");
    dc_copy(flow->form.due, sizeof flow->form.due, "2099-01-01");
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_R_SECOND_MISSING);
    memcpy(flow->form.second, f->other, DC_CODE_MAX);
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_R_PAPER_PERSONAL_OUT);
    assert_int_equal(failed, 1);
    memcpy(flow->form.second, f->manager, DC_CODE_MAX);
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_OK);
    int64_t n0 = events(f), first;
    assert_int_equal(dc_flow_commit(f->st, &f->term, flow, &first, &failed), DC_E_OK);
    assert_int_equal(first, n0 + 1);
    assert_int_equal(events(f), n0 + 2);

    /* Both are out now: a new take-out cart refuses them at the scan. */
    dc_flow_begin(flow, DC_EV_TAKE_OUT, f->other);
    assert_int_equal(dc_flow_scan(f->st, flow, f->item, strlen(f->item), &added), DC_E_R_ITEM_OUT);
    dc_flow_begin(flow, DC_EV_RETURN, f->other);
    assert_int_equal(dc_flow_scan(f->st, flow, f->item, strlen(f->item), &added), DC_E_OK);
    assert_int_equal(dc_flow_commit(f->st, &f->term, flow, &first, &failed), DC_E_R_SECOND_MISSING);
    dc_flow_begin(flow, DC_EV_RECEIVE, f->other);
    assert_int_equal(dc_flow_scan(f->st, flow, f->item, strlen(f->item), &added),
                     DC_E_R_ITEM_NOT_TRANSIT);
    dc_flow_begin(flow, DC_EV_TAKE_OUT, "DB-00000000-0");
    assert_int_equal(dc_flow_scan(f->st, flow, f->item, strlen(f->item), &added),
                     DC_E_R_ACTOR_UNKNOWN);
    free(flow);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_login_and_lockout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_is_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attempts_admitted_at_most_five, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attempt_counted_before_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weak_pins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_designation_date_and_sender, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_released_and_no_pin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_cart_and_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_scan_refusal_logged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
