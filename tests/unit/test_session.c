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

static void test_login_and_lockout(void **state)
{
    fx_t *f = *state;
    dc_staff_t who;
    int failures;
    int64_t n0 = events(f);
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "2468", true, &who, &failures),
                     DC_E_OK);
    assert_string_equal(who.name, "職員");
    assert_int_equal(events(f), n0 + 1); /* a login event */

    for (int i = 1; i < DC_PIN_LOCK_AT; i++) {
        assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "0000", true, &who, &failures),
                         DC_E_PIN_WRONG);
        assert_int_equal(failures, i);
        assert_int_equal(dc_desk_pin_delay_ms(failures), 1000LL << (i - 1));
    }
    /* The fifth wrong PIN locks; even the right PIN is then refused. */
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "0000", true, &who, &failures),
                     DC_E_PIN_LOCKED);
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "2468", true, &who, &failures),
                     DC_E_PIN_LOCKED);
    assert_int_equal(events(f), n0 + 1 + DC_PIN_LOCK_AT + 1); /* every failure is an event */

    /* Only a manager unlocks, and only a locked badge. */
    dc_staff_t staff, manager;
    assert_int_equal(dc_store_staff_get(f->st, f->other, &staff), DC_E_OK);
    assert_int_equal(dc_store_staff_get(f->st, f->manager, &manager), DC_E_OK);
    assert_int_equal(dc_desk_unlock(f->st, &staff, f->staff), DC_E_R_ACTOR_ROLE);
    assert_int_equal(dc_desk_unlock(f->st, &manager, f->other), DC_E_R_NOT_LOCKED);
    assert_int_equal(dc_desk_unlock(f->st, &manager, f->staff), DC_E_OK);
    assert_int_equal(dc_desk_login(f->st, &f->term, f->staff, "2468", true, &who, &failures),
                     DC_E_OK);
    assert_int_equal(failures, 0);
}

static void test_attempt_counted_before_check(void **state)
{
    fx_t *f = *state;
    /* An attempt counted and then cut off by a power failure (no result recorded) still
     * counts at the next attempt: the count lives in the database, not in memory. */
    int failures;
    bool locked;
    assert_int_equal(dc_store_pin_attempt(f->st, f->other, &failures), DC_E_OK);
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
    assert_int_equal(dc_flow_check(f->st, flow, &failed), DC_E_R_FIELD_MISSING);
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
        cmocka_unit_test_setup_teardown(test_attempt_counted_before_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_released_and_no_pin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_cart_and_checks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
