/* A person's own items out (desk/query.h): which ones, in what order, overdue against a date,
 * the due date as corrected, and the holder and date of a single item; and a return's
 * condition note (desk/session.h) as written in the return events. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/correct.h"
#include "desk/query.h"
#include "desk/session.h"
#include "fixture.h"
#include "platform/clock.h"
#include "store/store.h"

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], s1[DC_CODE_MAX], s2[DC_CODE_MAX];
    char item[5][DC_CODE_MAX];
} fx_t;

static void at(int mo, int d)
{
    dc_clock_fix(dc_clock_from_civil(2026, mo, d, 10, 0, 0, 540));
}

static void enroll(fx_t *f, char *badge, const char *name, dc_role_t role)
{
    assert_int_equal(dc_fx_enrol(f->st, &f->term, f->admin, badge, role, name, "4739"), 0);
}

static void reg(fx_t *f, char *code, const char *title)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    dc_copy(ev.actor, sizeof ev.actor, f->admin);
    dc_copy(ev.title, sizeof ev.title, title);
    dc_copy(ev.place, sizeof ev.place, "書庫A");
    ev.kind = DC_KIND_USB;
    ev.category = dc_kind_category(DC_KIND_USB);
    int64_t seq;
    int failed;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed),
        DC_E_OK);
}

static int64_t take_out(fx_t *f, const char *who, const char *other, const char *code,
                        const char *due)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    dc_copy(ev.actor, sizeof ev.actor, who);
    dc_copy(ev.second, sizeof ev.second, other);
    dc_copy(ev.purpose, sizeof ev.purpose, "監査対応");
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    dc_copy(ev.due, sizeof ev.due, due);
    int64_t seq = 0;
    int failed;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed),
        DC_E_OK);
    return seq;
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "mine") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term))
        return -1;
    at(10, 1);
    if (dc_fx_admin(f->st, &f->term, "佐藤 管理", f->admin))
        return -1;
    enroll(f, f->manager, "山﨑 浩二", DC_ROLE_MANAGER);
    enroll(f, f->s1, "髙橋 美咲", DC_ROLE_STAFF);
    enroll(f, f->s2, "田中 花子", DC_ROLE_STAFF);
    static const char *const titles[5] = {"USB 1", "USB 2", "USB 3", "USB 4", "USB 5"};
    for (int i = 0; i < 5; i++)
        reg(f, f->item[i], titles[i]);
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

/* Only the person's own, the earliest due first; overdue counted against the date given, over
 * all of them even when fewer are asked for. */
static void test_items_held_by(void **state)
{
    fx_t *f = *state;
    at(10, 2);
    take_out(f, f->s1, f->s2, f->item[0], "2026-10-20");
    take_out(f, f->s1, f->s2, f->item[1], "2026-10-05");
    at(10, 3);
    take_out(f, f->s1, f->s2, f->item[2], "2026-10-10");
    take_out(f, f->s2, f->s1, f->item[3], "2026-10-04"); /* someone else's */

    dc_held_t h[4];
    int total = -1, overdue = -1;
    assert_int_equal(dc_desk_items_held_by(f->st, f->s1, "2026-10-11", h, 4, &total, &overdue),
                     DC_E_OK);
    assert_int_equal(total, 3);
    assert_int_equal(overdue, 2); /* 10-05 and 10-10 are before 10-11; 10-20 is not */
    assert_string_equal(h[0].item.code, f->item[1]);
    assert_string_equal(h[0].due, "2026-10-05");
    assert_true(h[0].overdue);
    assert_string_equal(h[0].since, "2026-10-02");
    assert_string_equal(h[0].holder_name, "髙橋 美咲");
    assert_string_equal(h[1].item.code, f->item[2]);
    assert_string_equal(h[1].since, "2026-10-03");
    assert_true(h[1].overdue);
    assert_string_equal(h[2].item.code, f->item[0]);
    assert_false(h[2].overdue);
    assert_string_equal(h[2].item.title, "USB 1");

    /* The due date itself is not overdue; fewer asked for, the earliest kept, all counted. */
    assert_int_equal(dc_desk_items_held_by(f->st, f->s1, "2026-10-05", h, 2, &total, &overdue),
                     DC_E_OK);
    assert_int_equal(total, 3);
    assert_int_equal(overdue, 0);
    assert_string_equal(h[0].item.code, f->item[1]);
    assert_string_equal(h[1].item.code, f->item[2]);

    /* None asked for: only the counts. Nobody's badge: nothing. */
    assert_int_equal(dc_desk_items_held_by(f->st, f->s2, "2026-10-11", NULL, 0, &total, &overdue),
                     DC_E_OK);
    assert_int_equal(total, 1);
    assert_int_equal(overdue, 1);
    assert_int_equal(dc_desk_items_held_by(f->st, f->manager, "2026-10-11", h, 4, &total, &overdue),
                     DC_E_OK);
    assert_int_equal(total, 0);
    assert_int_equal(overdue, 0);

    /* A return takes it off the list. */
    dc_flow_t *fl = calloc(1, sizeof *fl);
    assert_non_null(fl);
    dc_flow_begin(fl, DC_EV_RETURN, f->s1);
    const dc_item_t *added;
    assert_int_equal(dc_flow_scan(f->st, fl, f->item[1], strlen(f->item[1]), &added), DC_E_OK);
    memcpy(fl->form.second, f->s2, DC_CODE_MAX);
    int64_t first;
    int failed;
    assert_int_equal(dc_flow_commit(f->st, &f->term, fl, &first, &failed), DC_E_OK);
    free(fl);
    assert_int_equal(dc_desk_items_held_by(f->st, f->s1, "2026-10-11", h, 4, &total, &overdue),
                     DC_E_OK);
    assert_int_equal(total, 2);
    assert_int_equal(overdue, 1);
    assert_string_equal(h[0].item.code, f->item[2]);
}

/* One item: the record that put it out, as corrected; an item in storage has none. */
static void test_item_held(void **state)
{
    fx_t *f = *state;
    at(10, 2);
    int64_t seq = take_out(f, f->s1, f->s2, f->item[0], "2026-10-10");
    dc_event_t corr;
    dc_event_init(&corr, DC_EV_CORRECTION);
    corr.link_seq = seq;
    dc_copy(corr.actor, sizeof corr.actor, f->s1);
    dc_copy(corr.second, sizeof corr.second, f->manager);
    dc_copy(corr.detail, sizeof corr.detail, "返却予定日の記入誤り");
    dc_copy(corr.due, sizeof corr.due, "2026-11-30");
    int64_t fix = 0;
    assert_int_equal(dc_desk_correct(f->st, &f->term, &corr, &fix), DC_E_OK);

    dc_item_t it;
    dc_held_t h;
    assert_int_equal(dc_desk_item_get(f->st, f->item[0], &it), DC_E_OK);
    assert_int_equal(dc_desk_item_held(f->st, &it, "2026-10-20", &h), DC_E_OK);
    assert_string_equal(h.due, "2026-11-30");
    assert_false(h.overdue);
    assert_string_equal(h.holder_name, "髙橋 美咲");
    assert_string_equal(h.since, "2026-10-02");
    assert_int_equal(dc_desk_item_held(f->st, &it, "2026-12-01", &h), DC_E_OK);
    assert_true(h.overdue);

    assert_int_equal(dc_desk_item_get(f->st, f->item[4], &it), DC_E_OK);
    assert_int_equal(dc_desk_item_held(f->st, &it, "2026-10-20", &h), DC_E_NOT_FOUND);
}

/* The condition note: only for a return, refused when too long, and written in every item's
 * return event. */
static void test_return_note(void **state)
{
    fx_t *f = *state;
    at(10, 2);
    take_out(f, f->s1, f->s2, f->item[0], "2026-10-10");
    take_out(f, f->s1, f->s2, f->item[1], "2026-10-10");
    at(10, 4);
    dc_flow_t *fl = calloc(1, sizeof *fl);
    assert_non_null(fl);

    dc_flow_begin(fl, DC_EV_TAKE_OUT, f->s1);
    assert_int_equal(dc_flow_set_note(fl, "破損あり"), DC_E_USAGE);
    assert_string_equal(fl->form.notes, "");

    dc_flow_begin(fl, DC_EV_RETURN, f->s1);
    char longer[DC_LONG_MAX + 8];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(dc_flow_set_note(fl, longer), DC_E_TOO_LONG);
    assert_string_equal(fl->form.notes, "");
    assert_int_equal(dc_flow_set_note(fl, "媒体消去済み"), DC_E_OK);
    assert_int_equal(dc_flow_set_note(fl, "破損あり"), DC_E_OK); /* the last choice counts */
    const dc_item_t *added;
    for (int i = 0; i < 2; i++)
        assert_int_equal(dc_flow_scan(f->st, fl, f->item[i], strlen(f->item[i]), &added), DC_E_OK);
    memcpy(fl->form.second, f->s2, DC_CODE_MAX);
    int failed;
    assert_int_equal(dc_flow_check(f->st, fl, &failed), DC_E_OK); /* the rules accept it */
    int64_t first;
    assert_int_equal(dc_flow_commit(f->st, &f->term, fl, &first, &failed), DC_E_OK);
    for (int i = 0; i < 2; i++) {
        dc_event_t ev;
        assert_int_equal(dc_store_event_get(f->st, first + i, &ev), DC_E_OK);
        assert_int_equal(ev.type, DC_EV_RETURN);
        assert_string_equal(ev.item, f->item[i]);
        assert_string_equal(ev.notes, "破損あり");
    }
    /* The note is the return's, not the item's: its inventory entry keeps its own notes. */
    dc_item_t it;
    assert_int_equal(dc_desk_item_get(f->st, f->item[0], &it), DC_E_OK);
    assert_string_equal(it.notes, "");
    dc_verify_t rep;
    assert_int_equal(dc_desk_verify(f->st, &rep), DC_E_OK);
    free(fl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_items_held_by, setup, teardown),
        cmocka_unit_test_setup_teardown(test_item_held, setup, teardown),
        cmocka_unit_test_setup_teardown(test_return_note, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
