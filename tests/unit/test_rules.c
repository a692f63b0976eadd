/* The custody state machine: dc_rules_check, dc_rules_apply_item, dc_rules_apply_staff. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/event.h"
#include "core/model.h"
#include "core/rules.h"

/* The rules compare badges and labels as strings; these need not carry valid check characters. */
#define ACTOR "DB-ACTR0001-1"
#define MANAGER "DB-MGR00001-2"
#define CARRIER "DB-CARR0001-3"
#define SUBJECT "DB-SUBJ0001-4"
#define NEWCOMER "DB-NEW00001-5"
#define ITEM "DI-ITEM0001-6"

#define TZ_JST 540

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Milliseconds since 1970 UTC of a local wall-clock time at UTC offset tz_min. */
static int64_t ts_local(int y, int mo, int d, int h, int mi, int tz_min)
{
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 - tz_min * 60;
    return secs * 1000;
}

/* 2026-10-05 (Monday) 10:00 JST. */
static int64_t now_ms(void)
{
    return ts_local(2026, 10, 5, 10, 0, TZ_JST);
}

/* A world the rules look at: the people and item the event names, looked up. */
typedef struct {
    dc_staff_t actor, second, carrier, subject;
    dc_item_t item;
    dc_rules_ctx_t ctx;
    dc_event_t ev;
    dc_event_t linked; /* the record a correction names: a take-out */
} world_t;

static void make_staff(dc_staff_t *s, const char *badge, dc_role_t role)
{
    memset(s, 0, sizeof *s);
    assert_true(dc_copy(s->badge, sizeof s->badge, badge));
    assert_true(dc_copy(s->name, sizeof s->name, "山田 太郎"));
    assert_true(dc_copy(s->kana, sizeof s->kana, "ヤマダ タロウ"));
    assert_true(dc_copy(s->section, sizeof s->section, "総務課"));
    s->role = role;
    assert_true(dc_copy(s->designated, sizeof s->designated, "2026-04-01"));
}

static void release_staff(dc_staff_t *s)
{
    assert_true(dc_copy(s->released, sizeof s->released, "2026-09-30"));
}

static void make_item(dc_item_t *it, dc_state_t st, dc_kind_t kind, bool personal, bool my_number)
{
    memset(it, 0, sizeof *it);
    assert_true(dc_copy(it->code, sizeof it->code, ITEM));
    it->kind = kind;
    it->category = dc_kind_category(kind);
    assert_true(dc_copy(it->title, sizeof it->title, "令和8年度 申請書綴り"));
    assert_true(dc_copy(it->place, sizeof it->place, "本館2階 書庫A"));
    assert_true(dc_copy(it->section, sizeof it->section, "住民課"));
    it->personal = personal;
    it->my_number = my_number;
    it->state = st;
    it->state_seq = 3;
    /* Out with the actor; in transit with a carrier who is not the actor. */
    if (st == DC_STATE_OUT)
        assert_true(dc_copy(it->holder, sizeof it->holder, ACTOR));
    else if (st == DC_STATE_TRANSIT)
        assert_true(dc_copy(it->holder, sizeof it->holder, CARRIER));
}

static void set(char *dst, size_t cap, const char *src)
{
    assert_true(dc_copy(dst, cap, src));
}

#define SET(field, value) set(field, sizeof field, value)

/* An event of type t with every field the rules need, valid for a plain item. */
static void make_event(dc_event_t *ev, dc_evtype_t t)
{
    dc_event_init(ev, t);
    ev->seq = 42;
    ev->group_seq = 42;
    ev->ts_ms = now_ms();
    ev->tz_min = TZ_JST;
    SET(ev->terminal, "kiosk-1");
    SET(ev->actor, ACTOR);
    if (dc_evtype_has_item(t))
        SET(ev->item, ITEM);
    switch (t) {
    case DC_EV_REGISTER:
        ev->kind = DC_KIND_USB;
        ev->category = DC_CAT_MEDIA;
        SET(ev->title, "住民票写し 控え");
        SET(ev->place, "本館2階 書庫B");
        SET(ev->section, "住民課");
        SET(ev->notes, "暗号化済み");
        ev->personal = true;
        break;
    case DC_EV_TAKE_OUT:
        SET(ev->second, MANAGER);
        SET(ev->purpose, "会議資料");
        SET(ev->to_place, "本館3階 会議室");
        SET(ev->due, "2026-10-06");
        break;
    case DC_EV_RETURN:
        SET(ev->second, MANAGER);
        ev->link_seq = 3; /* the item's take-out (make_item's state_seq) */
        break;
    case DC_EV_COPY:
        SET(ev->second, MANAGER);
        SET(ev->purpose, "監査用の写し");
        ev->quantity = 2;
        ev->masked = true;
        break;
    case DC_EV_TRANSPORT:
        SET(ev->from_place, "本館2階 書庫A");
        SET(ev->to_place, "別館1階 書庫");
        SET(ev->recipient, "別館 総務係");
        ev->locked_bag = true;
        break;
    case DC_EV_RECEIVE:
        SET(ev->to_place, "別館1階 書庫");
        ev->link_seq = 3; /* the item's transport (make_item's state_seq) */
        break;
    case DC_EV_ARRIVAL: /* another terminal's item: its rules are in test_arrival.c */
        SET(ev->item, ITEM);
        SET(ev->from_place, "TABCDEFGH");
        SET(ev->detail, "DRAE");
        ev->link_seq = 3;
        break;
    case DC_EV_DISPOSE:
        SET(ev->second, MANAGER);
        ev->method = DC_METHOD_DESTROY;
        SET(ev->technique, "クロスカットシュレッダー");
        SET(ev->certificate, "CERT-2026-001");
        break;
    case DC_EV_ENROLL:
        SET(ev->subject, NEWCOMER);
        SET(ev->name, "鈴木 花子");
        SET(ev->kana, "スズキ ハナコ");
        SET(ev->section, "税務課");
        ev->role = DC_ROLE_STAFF;
        break;
    case DC_EV_RELEASE:
    case DC_EV_UNLOCK:
    case DC_EV_ENROL_CODE:
    case DC_EV_PIN_RESET:
        SET(ev->subject, SUBJECT);
        break;
    case DC_EV_RENAME:
        SET(ev->second, MANAGER);
        SET(ev->title, "住民票写し 控え 2026年度");
        SET(ev->detail, "年度の記入漏れ");
        break;
    case DC_EV_MONTHLY_CHECK:
        SET(ev->purpose, "2026-09"); /* the month before the clock's (2026-10-05) */
        SET(ev->detail, "在庫 12件 / 持ち出し中 1件");
        break;
    case DC_EV_REFUSED:
        SET(ev->purpose, "take-out");
        SET(ev->detail, "R_SELF_APPROVAL");
        break;
    case DC_EV_CORRECTION:
        SET(ev->second, MANAGER);
        ev->link_seq = 41;
        SET(ev->purpose, "監査対応");
        SET(ev->detail, "目的の記入誤り");
        break;
    case DC_EV_EXPORT:
        SET(ev->purpose, "takeout 2026-09");
        SET(ev->to_place, "/media/usb/daicho-2026-09.pdf");
        SET(ev->detail, "pdf");
        break;
    case DC_EV_RELABEL:
        SET(ev->dest_item, "DI-NEWLABEL-1");
        SET(ev->detail, "ラベル破損");
        break;
    case DC_EV_REPRINT:
        ev->link_seq = 41;
        break;
    case DC_EV_SETTING:
        SET(ev->purpose, "list.purposes");
        SET(ev->detail, "監査対応|研修");
        break;
    default:
        break;
    }
}

/* The item state in which an event of type t is allowed for a plain item. */
static dc_state_t natural_state(dc_evtype_t t)
{
    switch (t) {
    case DC_EV_TAKE_OUT:
    case DC_EV_COPY:
    case DC_EV_TRANSPORT:
    case DC_EV_DISPOSE:
        return DC_STATE_IN;
    case DC_EV_RELABEL:
    case DC_EV_RENAME:
        return DC_STATE_IN;
    case DC_EV_RETURN:
        return DC_STATE_OUT;
    case DC_EV_RECEIVE:
        return DC_STATE_TRANSIT;
    default:
        return DC_STATE_NONE;
    }
}

/* A world in which ev (type t) is allowed: the actor has role, the second is a manager, the item
 * is a plain USB stick in state st (NONE: not registered, looked up as NULL). */
static void make_world(world_t *w, dc_evtype_t t, dc_state_t st, dc_role_t role)
{
    memset(w, 0, sizeof *w);
    make_staff(&w->actor, ACTOR, role);
    make_staff(&w->second, MANAGER, DC_ROLE_MANAGER);
    make_staff(&w->carrier, CARRIER, DC_ROLE_STAFF);
    make_staff(&w->subject, SUBJECT, DC_ROLE_STAFF);
    make_item(&w->item, st, DC_KIND_USB, false, false);
    make_event(&w->ev, t);
    w->ctx.actor = &w->actor;
    w->ctx.second = w->ev.second[0] ? &w->second : NULL;
    w->ctx.carrier = NULL;
    w->ctx.subject =
        t == DC_EV_RELEASE || t == DC_EV_UNLOCK || t == DC_EV_ENROL_CODE || t == DC_EV_PIN_RESET
            ? &w->subject
            : NULL;
    w->ctx.item = st == DC_STATE_NONE ? NULL : &w->item;
    w->ctx.roster_empty = false;
    make_event(&w->linked, DC_EV_TAKE_OUT);
    w->linked.seq = 41;
    SET(w->linked.item, ITEM);
    w->ctx.linked = t == DC_EV_CORRECTION ? &w->linked : NULL;
}

static dc_err_t check(const world_t *w)
{
    return dc_rules_check(&w->ev, &w->ctx);
}

static void expect_err(dc_err_t got, dc_err_t want, const char *what, int row)
{
    if (got != want)
        print_error("%s (row %d): got %s, want %s\n", what, row, dc_err_name(got),
                    dc_err_name(want));
    assert_int_equal(got, want);
}

static void test_time_helper(void **state)
{
    (void)state;
    assert_int_equal(now_ms(), INT64_C(1791162000000));
    assert_int_equal(ts_local(1970, 1, 1, 9, 0, TZ_JST), 0);
    char date[DC_DATE_MAX], hhmm[6];
    dc_event_local_date(now_ms(), TZ_JST, date);
    dc_event_local_time(now_ms(), TZ_JST, hhmm);
    assert_string_equal(date, "2026-10-05");
    assert_string_equal(hhmm, "10:00");
}

/* Every custody event type against every item state, for each role of actor. */
static void test_state_matrix(void **state)
{
    (void)state;
    static const struct {
        dc_evtype_t type;
        dc_err_t want[DC_STATE__COUNT]; /* NONE (not registered), IN, OUT, TRANSIT, DISPOSED,
                                         * RETIRED */
    } rows[] = {
        {DC_EV_REGISTER,
         {DC_E_OK, DC_E_R_ITEM_EXISTS, DC_E_R_ITEM_EXISTS, DC_E_R_ITEM_EXISTS, DC_E_R_ITEM_EXISTS,
          DC_E_R_ITEM_EXISTS}},
        {DC_EV_TAKE_OUT,
         {DC_E_R_ITEM_UNKNOWN, DC_E_OK, DC_E_R_ITEM_OUT, DC_E_R_ITEM_TRANSIT, DC_E_R_ITEM_DISPOSED,
          DC_E_R_ITEM_RETIRED}},
        {DC_EV_RETURN,
         {DC_E_R_ITEM_UNKNOWN, DC_E_R_ITEM_IN, DC_E_OK, DC_E_R_ITEM_TRANSIT, DC_E_R_ITEM_DISPOSED,
          DC_E_R_ITEM_RETIRED}},
        {DC_EV_COPY,
         {DC_E_R_ITEM_UNKNOWN, DC_E_OK, DC_E_OK, DC_E_R_ITEM_TRANSIT, DC_E_R_ITEM_DISPOSED,
          DC_E_R_ITEM_RETIRED}},
        {DC_EV_TRANSPORT,
         {DC_E_R_ITEM_UNKNOWN, DC_E_OK, DC_E_R_ITEM_OUT, DC_E_R_ITEM_TRANSIT, DC_E_R_ITEM_DISPOSED,
          DC_E_R_ITEM_RETIRED}},
        {DC_EV_RECEIVE,
         {DC_E_R_ITEM_UNKNOWN, DC_E_R_ITEM_NOT_TRANSIT, DC_E_R_ITEM_NOT_TRANSIT, DC_E_OK,
          DC_E_R_ITEM_DISPOSED, DC_E_R_ITEM_RETIRED}},
        {DC_EV_DISPOSE,
         {DC_E_R_ITEM_UNKNOWN, DC_E_OK, DC_E_R_ITEM_OUT, DC_E_R_ITEM_TRANSIT, DC_E_R_ITEM_DISPOSED,
          DC_E_R_ITEM_RETIRED}},
    };
    int cells = 0;
    for (int role = 0; role < DC_ROLE__COUNT; role++) {
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
            for (int st = 0; st < DC_STATE__COUNT; st++) {
                world_t w;
                make_world(&w, rows[r].type, (dc_state_t)st, (dc_role_t)role);
                expect_err(check(&w), rows[r].want[st], dc_evtype_name(rows[r].type),
                           st + 10 * role);
                cells++;
                if (st == DC_STATE_NONE) {
                    /* A looked-up item still in state NONE counts as not registered. */
                    w.ctx.item = &w.item;
                    expect_err(check(&w), rows[r].want[st], dc_evtype_name(rows[r].type),
                               st + 10 * role);
                }
            }
        }
    }
    assert_int_equal(cells, DC_ROLE__COUNT * 7 * DC_STATE__COUNT);
}

/* Who may record what: every event type for each role. */
static void test_roles(void **state)
{
    (void)state;
    static const struct {
        dc_evtype_t type;
        dc_err_t want[DC_ROLE__COUNT]; /* staff, manager, admin */
    } rows[] = {
        {DC_EV_REGISTER, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_TAKE_OUT, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_RETURN, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_COPY, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_TRANSPORT, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_RECEIVE, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_DISPOSE, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_ENROLL, {DC_E_R_ACTOR_ROLE, DC_E_R_ACTOR_ROLE, DC_E_OK}},
        {DC_EV_RELEASE, {DC_E_R_ACTOR_ROLE, DC_E_R_ACTOR_ROLE, DC_E_OK}},
        {DC_EV_LOGIN, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_LOGIN_FAILED, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_MONTHLY_CHECK, {DC_E_R_ACTOR_ROLE, DC_E_OK, DC_E_R_ACTOR_ROLE}},
        {DC_EV_REPRINT, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_SETTING, {DC_E_R_ACTOR_ROLE, DC_E_R_ACTOR_ROLE, DC_E_OK}},
        {DC_EV_REFUSED, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_CORRECTION, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_RELABEL, {DC_E_R_ACTOR_ROLE, DC_E_R_ACTOR_ROLE, DC_E_OK}},
        {DC_EV_EXPORT, {DC_E_R_ACTOR_ROLE, DC_E_OK, DC_E_OK}},
        {DC_EV_UNLOCK, {DC_E_R_ACTOR_ROLE, DC_E_OK, DC_E_OK}},
        {DC_EV_ENROL_CODE, {DC_E_R_ACTOR_ROLE, DC_E_R_ACTOR_ROLE, DC_E_OK}},
        {DC_EV_RENAME, {DC_E_OK, DC_E_OK, DC_E_OK}},
        {DC_EV_PIN_RESET, {DC_E_R_ACTOR_ROLE, DC_E_OK, DC_E_OK}},
        {DC_EV_ARRIVAL, {DC_E_OK, DC_E_OK, DC_E_OK}},
    };
    assert_int_equal(sizeof rows / sizeof rows[0], DC_EV__COUNT);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        for (int role = 0; role < DC_ROLE__COUNT; role++) {
            world_t w;
            make_world(&w, rows[r].type, natural_state(rows[r].type), (dc_role_t)role);
            expect_err(check(&w), rows[r].want[role], dc_evtype_name(rows[r].type), role);
        }
    }
}

/* A released or unknown actor can do nothing, except have a failed log-in recorded. */
static void test_actor_released_or_unknown(void **state)
{
    (void)state;
    for (int t = 0; t < DC_EV__COUNT; t++) {
        for (int role = 0; role < DC_ROLE__COUNT; role++) {
            bool always = t == DC_EV_LOGIN_FAILED || t == DC_EV_REFUSED;
            world_t w;
            make_world(&w, (dc_evtype_t)t, natural_state((dc_evtype_t)t), (dc_role_t)role);
            release_staff(&w.actor);
            expect_err(check(&w), always ? DC_E_OK : DC_E_R_ACTOR_RELEASED,
                       dc_evtype_name((dc_evtype_t)t), role);

            make_world(&w, (dc_evtype_t)t, natural_state((dc_evtype_t)t), (dc_role_t)role);
            w.ctx.actor = NULL;
            expect_err(check(&w), always ? DC_E_OK : DC_E_R_ACTOR_UNKNOWN,
                       dc_evtype_name((dc_evtype_t)t), role);
        }
    }
    /* A failed log-in with nothing known at all: an unreadable badge, an empty roster. */
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_LOGIN_FAILED);
    ev.ts_ms = now_ms();
    dc_rules_ctx_t ctx = {0};
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_OK);
    ctx.roster_empty = true;
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_OK);
}

enum {
    SECOND_NONE,     /* no second badge scanned */
    SECOND_SELF,     /* the actor scanned their own badge twice */
    SECOND_UNKNOWN,  /* not enrolled */
    SECOND_RELEASED, /* a released manager */
    SECOND_STAFF,
    SECOND_MANAGER,
    SECOND_ADMIN,
    SECOND__COUNT
};

/* Put the second person of kind k into w. */
static void set_second(world_t *w, int k)
{
    w->ev.second[0] = '\0';
    w->ctx.second = &w->second;
    switch (k) {
    case SECOND_NONE:
        w->ctx.second = NULL;
        break;
    case SECOND_SELF:
        SET(w->ev.second, ACTOR);
        w->ctx.second = &w->actor;
        break;
    case SECOND_UNKNOWN:
        SET(w->ev.second, MANAGER);
        w->ctx.second = NULL;
        break;
    case SECOND_RELEASED:
        SET(w->ev.second, MANAGER);
        make_staff(&w->second, MANAGER, DC_ROLE_MANAGER);
        release_staff(&w->second);
        break;
    case SECOND_STAFF:
        SET(w->ev.second, MANAGER);
        make_staff(&w->second, MANAGER, DC_ROLE_STAFF);
        break;
    case SECOND_MANAGER:
        SET(w->ev.second, MANAGER);
        make_staff(&w->second, MANAGER, DC_ROLE_MANAGER);
        break;
    case SECOND_ADMIN:
        SET(w->ev.second, MANAGER);
        make_staff(&w->second, MANAGER, DC_ROLE_ADMIN);
        break;
    default:
        fail();
    }
}

/* The two-person rule on a plain item: approver (take-out, copy), confirmer (return), witness
 * (dispose, a manager). Events without the rule ignore the second. */
static void test_two_person_rule(void **state)
{
    (void)state;
    enum { M = DC_E_R_SECOND_MISSING, S = DC_E_R_SELF_APPROVAL, U = DC_E_R_SECOND_UNKNOWN };
    enum { R = DC_E_R_SECOND_RELEASED, W = DC_E_R_SECOND_ROLE, K = DC_E_OK };
    static const struct {
        dc_evtype_t type;
        int want[SECOND__COUNT]; /* none, self, unknown, released, staff, manager, admin */
    } rows[] = {
        {DC_EV_TAKE_OUT, {M, S, U, R, K, K, K}},  /* approver */
        {DC_EV_RETURN, {M, S, U, R, K, K, K}},    /* confirmer */
        {DC_EV_COPY, {M, S, U, R, K, K, K}},      /* approver */
        {DC_EV_DISPOSE, {M, S, U, R, W, K, W}},   /* witness: a manager */
        {DC_EV_REGISTER, {K, K, K, K, K, K, K}},  /* no second person */
        {DC_EV_TRANSPORT, {K, K, K, K, K, K, K}}, /* no second person */
        {DC_EV_RECEIVE, {K, K, K, K, K, K, K}},   /* no second person */
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        for (int k = 0; k < SECOND__COUNT; k++) {
            world_t w;
            make_world(&w, rows[r].type, natural_state(rows[r].type), DC_ROLE_STAFF);
            set_second(&w, k);
            expect_err(check(&w), (dc_err_t)rows[r].want[k], dc_evtype_name(rows[r].type), k);
        }
    }
}

static void no_purpose(world_t *w)
{
    w->ev.purpose[0] = '\0';
}

static void no_to_place(world_t *w)
{
    w->ev.to_place[0] = '\0';
}

static void no_due(world_t *w)
{
    w->ev.due[0] = '\0';
}

static void due_yesterday(world_t *w)
{
    SET(w->ev.due, "2026-10-04");
}

static void due_today(world_t *w)
{
    SET(w->ev.due, "2026-10-05");
}

static void due_last_year(world_t *w)
{
    SET(w->ev.due, "2025-12-31");
}

static void due_next_year(world_t *w)
{
    SET(w->ev.due, "2027-01-04");
}

/* 00:30 JST on 5 October is still 4 October in UTC: the local date decides. */
static void due_utc_yesterday_jst(world_t *w)
{
    w->ev.ts_ms = ts_local(2026, 10, 5, 0, 30, TZ_JST);
    SET(w->ev.due, "2026-10-04");
}

static void due_utc_yesterday_utc(world_t *w)
{
    w->ev.ts_ms = ts_local(2026, 10, 5, 0, 30, TZ_JST);
    w->ev.tz_min = 0;
    SET(w->ev.due, "2026-10-04");
}

static void unmasked(world_t *w)
{
    w->ev.masked = false;
}

static void no_copies(world_t *w)
{
    w->ev.quantity = 0;
}

static void negative_copies(world_t *w)
{
    w->ev.quantity = -1;
}

static void no_bag(world_t *w)
{
    w->ev.locked_bag = false;
}

static void carrier_enrolled(world_t *w)
{
    SET(w->ev.carrier, CARRIER);
    w->ctx.carrier = &w->carrier;
}

static void carrier_unknown(world_t *w)
{
    SET(w->ev.carrier, CARRIER);
    w->ctx.carrier = NULL;
}

static void carrier_released(world_t *w)
{
    carrier_enrolled(w);
    release_staff(&w->carrier);
}

static void received_by_carrier(world_t *w)
{
    SET(w->item.holder, ACTOR);
}

static void method_clear(world_t *w)
{
    w->ev.method = DC_METHOD_CLEAR;
}

static void method_purge(world_t *w)
{
    w->ev.method = DC_METHOD_PURGE;
}

static void method_none(world_t *w)
{
    w->ev.method = DC_METHOD_NONE;
}

static void no_technique(world_t *w)
{
    w->ev.technique[0] = '\0';
}

static void no_title(world_t *w)
{
    w->ev.title[0] = '\0';
}

static void subject_enrolled(world_t *w)
{
    SET(w->ev.subject, SUBJECT);
    w->ctx.subject = &w->subject;
}

static void no_subject(world_t *w)
{
    w->ev.subject[0] = '\0';
}

static void no_name(world_t *w)
{
    w->ev.name[0] = '\0';
}

static void release_self(world_t *w)
{
    SET(w->ev.subject, ACTOR);
    w->ctx.subject = &w->actor;
}

static void release_unknown(world_t *w)
{
    w->ctx.subject = NULL;
}

static void release_released(world_t *w)
{
    release_staff(&w->subject);
}

/* The specific rules, each on top of a world where the event is otherwise allowed. */
static void test_specific_rules(void **state)
{
    (void)state;
    enum { PAPER = DC_KIND_PAPER, USB = DC_KIND_USB, CD = DC_KIND_CD };
    enum { STAFF = DC_ROLE_STAFF, MGR = DC_ROLE_MANAGER, ADMIN = DC_ROLE_ADMIN };
    static const struct {
        dc_evtype_t type;
        int kind;
        bool personal, my_number;
        int second_role;
        void (*tweak)(world_t *);
        dc_err_t want;
    } rows[] = {
        /* take-out: personal paper and My Number need a manager's approval */
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, NULL, DC_E_OK},
        {DC_EV_TAKE_OUT, PAPER, false, false, STAFF, NULL, DC_E_OK},
        {DC_EV_TAKE_OUT, PAPER, true, false, STAFF, NULL, DC_E_R_PAPER_PERSONAL_OUT},
        {DC_EV_TAKE_OUT, PAPER, true, false, ADMIN, NULL, DC_E_R_PAPER_PERSONAL_OUT},
        {DC_EV_TAKE_OUT, PAPER, true, false, MGR, NULL, DC_E_OK},
        {DC_EV_TAKE_OUT, PAPER, true, true, STAFF, NULL, DC_E_R_PAPER_PERSONAL_OUT},
        {DC_EV_TAKE_OUT, PAPER, true, true, MGR, NULL, DC_E_OK},
        {DC_EV_TAKE_OUT, PAPER, false, true, STAFF, NULL, DC_E_R_SECOND_ROLE},
        {DC_EV_TAKE_OUT, USB, false, true, STAFF, NULL, DC_E_R_SECOND_ROLE},
        {DC_EV_TAKE_OUT, USB, false, true, ADMIN, NULL, DC_E_R_SECOND_ROLE},
        {DC_EV_TAKE_OUT, USB, false, true, MGR, NULL, DC_E_OK},
        {DC_EV_TAKE_OUT, USB, true, false, STAFF, NULL, DC_E_OK},
        /* take-out: purpose, destination, due date */
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, no_purpose, DC_E_R_FIELD_MISSING_PURPOSE},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, no_to_place, DC_E_R_FIELD_MISSING_DESTINATION},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, no_due, DC_E_R_FIELD_MISSING_DUE},
        {DC_EV_TAKE_OUT, PAPER, true, false, STAFF, no_due, DC_E_R_FIELD_MISSING_DUE},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, due_yesterday, DC_E_BAD_DATE},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, due_last_year, DC_E_BAD_DATE},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, due_today, DC_E_OK},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, due_next_year, DC_E_OK},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, due_utc_yesterday_jst, DC_E_BAD_DATE},
        {DC_EV_TAKE_OUT, USB, false, false, STAFF, due_utc_yesterday_utc, DC_E_OK},
        /* copy: masking of personal paper, a manager for anything sensitive */
        {DC_EV_COPY, PAPER, true, false, MGR, unmasked, DC_E_R_MASKING_REQUIRED},
        {DC_EV_COPY, PAPER, true, false, STAFF, unmasked, DC_E_R_MASKING_REQUIRED},
        {DC_EV_COPY, PAPER, true, false, MGR, NULL, DC_E_OK},
        {DC_EV_COPY, PAPER, true, false, STAFF, NULL, DC_E_R_SECOND_ROLE},
        {DC_EV_COPY, PAPER, false, false, STAFF, unmasked, DC_E_OK},
        {DC_EV_COPY, USB, true, false, MGR, unmasked, DC_E_OK},
        {DC_EV_COPY, USB, true, false, STAFF, NULL, DC_E_R_SECOND_ROLE},
        {DC_EV_COPY, CD, false, true, STAFF, NULL, DC_E_R_SECOND_ROLE},
        {DC_EV_COPY, CD, false, true, MGR, NULL, DC_E_OK},
        {DC_EV_COPY, USB, false, false, STAFF, no_purpose, DC_E_R_FIELD_MISSING_PURPOSE},
        {DC_EV_COPY, USB, false, false, STAFF, no_copies, DC_E_R_FIELD_MISSING_QUANTITY},
        {DC_EV_COPY, USB, false, false, STAFF, negative_copies, DC_E_R_FIELD_MISSING_QUANTITY},
        /* transport: locked bag for anything sensitive, an enrolled carrier */
        {DC_EV_TRANSPORT, USB, true, false, STAFF, no_bag, DC_E_R_LOCKED_BAG_REQUIRED},
        {DC_EV_TRANSPORT, PAPER, true, false, STAFF, no_bag, DC_E_R_LOCKED_BAG_REQUIRED},
        {DC_EV_TRANSPORT, CD, false, true, STAFF, no_bag, DC_E_R_LOCKED_BAG_REQUIRED},
        {DC_EV_TRANSPORT, PAPER, true, true, STAFF, NULL, DC_E_OK},
        {DC_EV_TRANSPORT, PAPER, false, false, STAFF, no_bag, DC_E_OK},
        {DC_EV_TRANSPORT, USB, false, false, STAFF, carrier_enrolled, DC_E_OK},
        {DC_EV_TRANSPORT, USB, false, false, STAFF, carrier_unknown, DC_E_R_SECOND_UNKNOWN},
        {DC_EV_TRANSPORT, USB, false, false, STAFF, carrier_released, DC_E_R_SECOND_RELEASED},
        {DC_EV_TRANSPORT, USB, false, false, STAFF, no_to_place, DC_E_R_FIELD_MISSING_DESTINATION},
        /* receive: not by the person who carried it */
        {DC_EV_RECEIVE, USB, false, false, STAFF, NULL, DC_E_OK},
        {DC_EV_RECEIVE, USB, false, false, STAFF, received_by_carrier, DC_E_R_SELF_RECEIVE},
        {DC_EV_RECEIVE, PAPER, true, true, STAFF, received_by_carrier, DC_E_R_SELF_RECEIVE},
        /* dispose: paper only by destruction; method and technique recorded */
        {DC_EV_DISPOSE, PAPER, false, false, MGR, NULL, DC_E_OK},
        {DC_EV_DISPOSE, PAPER, false, false, MGR, method_clear, DC_E_R_METHOD_PAPER},
        {DC_EV_DISPOSE, PAPER, true, false, MGR, method_purge, DC_E_R_METHOD_PAPER},
        {DC_EV_DISPOSE, USB, false, false, MGR, method_clear, DC_E_OK},
        {DC_EV_DISPOSE, USB, true, true, MGR, method_purge, DC_E_OK},
        {DC_EV_DISPOSE, USB, false, false, MGR, method_none, DC_E_R_FIELD_MISSING_METHOD},
        {DC_EV_DISPOSE, PAPER, false, false, MGR, method_none, DC_E_R_FIELD_MISSING_METHOD},
        {DC_EV_DISPOSE, USB, false, false, MGR, no_technique, DC_E_R_FIELD_MISSING_TECHNIQUE},
        {DC_EV_DISPOSE, PAPER, false, false, STAFF, NULL, DC_E_R_SECOND_ROLE},
        /* register */
        {DC_EV_REGISTER, USB, false, false, STAFF, no_title, DC_E_R_FIELD_MISSING_TITLE},
        /* enroll (by an administrator: the actor role is set below) */
        {DC_EV_ENROLL, USB, false, false, STAFF, subject_enrolled, DC_E_R_STAFF_EXISTS},
        {DC_EV_ENROLL, USB, false, false, STAFF, no_subject, DC_E_R_FIELD_MISSING_BADGE},
        {DC_EV_ENROLL, USB, false, false, STAFF, no_name, DC_E_R_FIELD_MISSING_NAME},
        /* release */
        {DC_EV_RELEASE, USB, false, false, STAFF, release_self, DC_E_R_STAFF_SELF_RELEASE},
        {DC_EV_RELEASE, USB, false, false, STAFF, release_unknown, DC_E_R_ACTOR_UNKNOWN},
        {DC_EV_RELEASE, USB, false, false, STAFF, release_released, DC_E_R_ACTOR_RELEASED},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        bool staff_event = rows[r].type == DC_EV_ENROLL || rows[r].type == DC_EV_RELEASE;
        world_t w;
        make_world(&w, rows[r].type, natural_state(rows[r].type),
                   staff_event ? DC_ROLE_ADMIN : DC_ROLE_STAFF);
        if (w.ctx.item) {
            make_item(&w.item, w.item.state, (dc_kind_t)rows[r].kind, rows[r].personal,
                      rows[r].my_number);
        }
        if (w.ev.second[0])
            make_staff(&w.second, MANAGER, (dc_role_t)rows[r].second_role);
        if (rows[r].tweak)
            rows[r].tweak(&w);
        expect_err(check(&w), rows[r].want, dc_evtype_name(rows[r].type), (int)r);
    }
}

/* The first person is an administrator who enrols themself; nothing else passes on an empty
 * roster. */
static void test_bootstrap_enroll(void **state)
{
    (void)state;
    static const struct {
        bool roster_empty;
        bool self;
        dc_role_t role;
        bool actor_known;
        bool named;
        dc_err_t want;
    } rows[] = {
        {true, true, DC_ROLE_ADMIN, false, true, DC_E_OK},
        {true, true, DC_ROLE_STAFF, false, true, DC_E_R_ACTOR_ROLE},
        {true, true, DC_ROLE_MANAGER, false, true, DC_E_R_ACTOR_ROLE},
        {true, false, DC_ROLE_ADMIN, false, true, DC_E_R_ACTOR_ROLE},
        {true, false, DC_ROLE_STAFF, false, true, DC_E_R_ACTOR_ROLE},
        {true, true, DC_ROLE_ADMIN, false, false, DC_E_R_FIELD_MISSING_NAME},
        {false, true, DC_ROLE_ADMIN, false, true, DC_E_R_ACTOR_UNKNOWN},
        {false, false, DC_ROLE_ADMIN, false, true, DC_E_R_ACTOR_UNKNOWN},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, DC_EV_ENROLL, DC_STATE_NONE, DC_ROLE_ADMIN);
        w.ctx.actor = rows[r].actor_known ? &w.actor : NULL;
        w.ctx.roster_empty = rows[r].roster_empty;
        SET(w.ev.subject, rows[r].self ? ACTOR : NEWCOMER);
        w.ev.role = rows[r].role;
        if (!rows[r].named)
            w.ev.name[0] = '\0';
        expect_err(check(&w), rows[r].want, "bootstrap", (int)r);
    }

    /* An empty roster lets nothing else through. */
    for (int t = 0; t < DC_EV__COUNT; t++) {
        if (t == DC_EV_ENROLL || t == DC_EV_LOGIN_FAILED || t == DC_EV_REFUSED)
            continue;
        world_t w;
        make_world(&w, (dc_evtype_t)t, natural_state((dc_evtype_t)t), DC_ROLE_ADMIN);
        w.ctx.actor = NULL;
        w.ctx.second = NULL;
        w.ctx.roster_empty = true;
        expect_err(check(&w), DC_E_R_ACTOR_UNKNOWN, dc_evtype_name((dc_evtype_t)t), t);
    }
}

/* An event type outside the enumeration is refused, not crashed on. */
static void test_unknown_event_type(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_LOGIN, DC_STATE_NONE, DC_ROLE_ADMIN);
    w.ev.type = DC_EV__COUNT;
    assert_int_equal(check(&w), DC_E_USAGE);
    assert_false(dc_evtype_has_item(DC_EV__COUNT));
    for (int t = 0; t < DC_EV__COUNT; t++) {
        bool want = t <= DC_EV_DISPOSE || t == DC_EV_RELABEL || t == DC_EV_RENAME;
        assert_int_equal(dc_evtype_has_item((dc_evtype_t)t), want);
        assert_int_equal(dc_evtype_correctable((dc_evtype_t)t), t <= DC_EV_DISPOSE);
    }
}

static void test_apply_item(void **state)
{
    (void)state;
    static const struct {
        dc_evtype_t type;
        bool with_carrier;
        bool empty_to_place;
        dc_state_t state;
        const char *holder;
        const char *place; /* NULL: unchanged */
    } rows[] = {
        {DC_EV_TAKE_OUT, false, false, DC_STATE_OUT, ACTOR, NULL},
        {DC_EV_TRANSPORT, false, false, DC_STATE_TRANSIT, ACTOR, NULL},
        {DC_EV_TRANSPORT, true, false, DC_STATE_TRANSIT, CARRIER, NULL},
        {DC_EV_RETURN, false, false, DC_STATE_IN, "", NULL},
        {DC_EV_RECEIVE, false, false, DC_STATE_IN, "", "別館1階 書庫"},
        {DC_EV_RECEIVE, false, true, DC_STATE_IN, "", NULL},
        {DC_EV_DISPOSE, false, false, DC_STATE_DISPOSED, "", NULL},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, rows[r].type, natural_state(rows[r].type), DC_ROLE_STAFF);
        if (rows[r].with_carrier)
            carrier_enrolled(&w);
        if (rows[r].empty_to_place)
            w.ev.to_place[0] = '\0';
        w.ev.seq = 100 + (int64_t)r;
        assert_int_equal(check(&w), DC_E_OK);
        dc_item_t before = w.item;
        dc_rules_apply_item(&w.ev, &w.item);
        assert_int_equal(w.item.state, rows[r].state);
        assert_string_equal(w.item.holder, rows[r].holder);
        assert_int_equal(w.item.state_seq, 100 + (int64_t)r);
        assert_string_equal(w.item.place, rows[r].place ? rows[r].place : before.place);
        /* The inventory entry is untouched. */
        assert_string_equal(w.item.code, before.code);
        assert_string_equal(w.item.title, before.title);
        assert_string_equal(w.item.section, before.section);
        assert_int_equal(w.item.kind, before.kind);
        assert_int_equal(w.item.personal, before.personal);
    }

    /* Copy (and every event without an item) leaves the item exactly as it was. */
    static const dc_evtype_t inert[] = {DC_EV_COPY,    DC_EV_ENROLL,       DC_EV_RELEASE,
                                        DC_EV_LOGIN,   DC_EV_LOGIN_FAILED, DC_EV_MONTHLY_CHECK,
                                        DC_EV_REPRINT, DC_EV_SETTING,      DC_EV_REFUSED};
    for (size_t i = 0; i < sizeof inert / sizeof inert[0]; i++) {
        world_t w;
        make_world(&w, inert[i], DC_STATE_NONE, DC_ROLE_STAFF);
        make_item(&w.item, DC_STATE_OUT, DC_KIND_PAPER, true, false);
        w.ev.seq = 999;
        dc_item_t before;
        memcpy(&before, &w.item, sizeof before);
        dc_rules_apply_item(&w.ev, &w.item);
        assert_memory_equal(&w.item, &before, sizeof before);
    }
}

static void test_apply_register(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_REGISTER, DC_STATE_NONE, DC_ROLE_STAFF);
    w.ev.seq = 17;
    w.ev.kind = DC_KIND_HDD;
    w.ev.category = DC_CAT_MEDIA;
    w.ev.my_number = true;
    assert_int_equal(check(&w), DC_E_OK);
    dc_item_t it;
    memset(&it, 0x5a, sizeof it); /* a recycled slot: nothing of it may survive */
    dc_rules_apply_item(&w.ev, &it);
    assert_string_equal(it.code, ITEM);
    assert_int_equal(it.kind, DC_KIND_HDD);
    assert_int_equal(it.category, DC_CAT_MEDIA);
    assert_string_equal(it.title, "住民票写し 控え");
    assert_string_equal(it.place, "本館2階 書庫B");
    assert_string_equal(it.section, "住民課");
    assert_string_equal(it.notes, "暗号化済み");
    assert_true(it.personal);
    assert_true(it.my_number);
    assert_int_equal(it.state, DC_STATE_IN);
    assert_int_equal(it.state_seq, 17);
    assert_string_equal(it.holder, "");
}

static void test_apply_staff(void **state)
{
    (void)state;
    /* Enrolled at 00:30 JST on 5 October: designated that day, not the UTC day before. */
    world_t w;
    make_world(&w, DC_EV_ENROLL, DC_STATE_NONE, DC_ROLE_ADMIN);
    w.ev.ts_ms = ts_local(2026, 10, 5, 0, 30, TZ_JST);
    w.ev.role = DC_ROLE_MANAGER;
    assert_int_equal(check(&w), DC_E_OK);
    dc_staff_t s;
    memset(&s, 0x5a, sizeof s);
    dc_rules_apply_staff(&w.ev, &s);
    assert_string_equal(s.badge, NEWCOMER);
    assert_string_equal(s.name, "鈴木 花子");
    assert_string_equal(s.kana, "スズキ ハナコ");
    assert_string_equal(s.section, "税務課");
    assert_int_equal(s.role, DC_ROLE_MANAGER);
    assert_string_equal(s.designated, "2026-10-05");
    assert_string_equal(s.released, "");

    /* An explicit designation date (from the paper roster) wins. */
    SET(w.ev.designated, "2026-04-01");
    dc_rules_apply_staff(&w.ev, &s);
    assert_string_equal(s.designated, "2026-04-01");

    /* Release on 1 November JST sets only the release date. */
    world_t r;
    make_world(&r, DC_EV_RELEASE, DC_STATE_NONE, DC_ROLE_ADMIN);
    r.ev.ts_ms = ts_local(2026, 11, 1, 0, 5, TZ_JST);
    assert_int_equal(check(&r), DC_E_OK);
    dc_staff_t before = r.subject;
    dc_rules_apply_staff(&r.ev, &r.subject);
    assert_string_equal(r.subject.released, "2026-11-01");
    assert_string_equal(r.subject.badge, before.badge);
    assert_string_equal(r.subject.name, before.name);
    assert_string_equal(r.subject.designated, before.designated);
    assert_int_equal(r.subject.role, before.role);
    /* Released, the person can no longer act, nor be released again. */
    r.ctx.actor = &r.subject;
    assert_int_equal(check(&r), DC_E_R_ACTOR_RELEASED);
    r.ctx.actor = &r.actor;
    assert_int_equal(check(&r), DC_E_R_ACTOR_RELEASED);

    /* Other events leave the roster entry alone. */
    for (int t = 0; t < DC_EV__COUNT; t++) {
        if (t == DC_EV_ENROLL || t == DC_EV_RELEASE)
            continue;
        world_t o;
        make_world(&o, (dc_evtype_t)t, DC_STATE_NONE, DC_ROLE_ADMIN);
        dc_staff_t keep;
        memcpy(&keep, &o.subject, sizeof keep);
        dc_rules_apply_staff(&o.ev, &o.subject);
        assert_memory_equal(&o.subject, &keep, sizeof keep);
    }
}

/* A whole life: each step checked against the state the previous steps left, and the steps that
 * are out of order refused on the way. */
static void test_lifecycle(void **state)
{
    (void)state;
    dc_staff_t actor, manager, carrier;
    make_staff(&actor, ACTOR, DC_ROLE_STAFF);
    make_staff(&manager, MANAGER, DC_ROLE_MANAGER);
    make_staff(&carrier, CARRIER, DC_ROLE_STAFF);
    dc_item_t it;
    memset(&it, 0, sizeof it);
    static const struct {
        dc_evtype_t type;
        const char *actor;
        bool carrier;
        dc_err_t want;
        dc_state_t after;
    } steps[] = {
        {DC_EV_TAKE_OUT, ACTOR, false, DC_E_R_ITEM_UNKNOWN, DC_STATE_NONE},
        {DC_EV_REGISTER, ACTOR, false, DC_E_OK, DC_STATE_IN},
        {DC_EV_REGISTER, ACTOR, false, DC_E_R_ITEM_EXISTS, DC_STATE_IN},
        {DC_EV_RETURN, ACTOR, false, DC_E_R_ITEM_IN, DC_STATE_IN},
        {DC_EV_TAKE_OUT, ACTOR, false, DC_E_OK, DC_STATE_OUT},
        {DC_EV_TAKE_OUT, ACTOR, false, DC_E_R_ITEM_OUT, DC_STATE_OUT},
        {DC_EV_COPY, ACTOR, false, DC_E_OK, DC_STATE_OUT},
        {DC_EV_RETURN, ACTOR, false, DC_E_OK, DC_STATE_IN},
        {DC_EV_TRANSPORT, ACTOR, true, DC_E_OK, DC_STATE_TRANSIT},
        {DC_EV_DISPOSE, ACTOR, false, DC_E_R_ITEM_TRANSIT, DC_STATE_TRANSIT},
        {DC_EV_RECEIVE, CARRIER, false, DC_E_R_SELF_RECEIVE, DC_STATE_TRANSIT},
        {DC_EV_RECEIVE, ACTOR, false, DC_E_OK, DC_STATE_IN},
        {DC_EV_RECEIVE, ACTOR, false, DC_E_R_ITEM_NOT_TRANSIT, DC_STATE_IN},
        {DC_EV_DISPOSE, ACTOR, false, DC_E_OK, DC_STATE_DISPOSED},
        {DC_EV_TAKE_OUT, ACTOR, false, DC_E_R_ITEM_DISPOSED, DC_STATE_DISPOSED},
        {DC_EV_REGISTER, ACTOR, false, DC_E_R_ITEM_EXISTS, DC_STATE_DISPOSED},
    };
    int64_t seq = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        dc_event_t ev;
        make_event(&ev, steps[i].type);
        SET(ev.actor, steps[i].actor);
        if (steps[i].carrier)
            SET(ev.carrier, CARRIER);
        ev.seq = ++seq;
        if (steps[i].type == DC_EV_RETURN || steps[i].type == DC_EV_RECEIVE)
            ev.link_seq = it.state_seq;
        dc_rules_ctx_t ctx = {0};
        ctx.actor = strcmp(steps[i].actor, ACTOR) == 0 ? &actor : &carrier;
        ctx.second = ev.second[0] ? &manager : NULL;
        ctx.carrier = ev.carrier[0] ? &carrier : NULL;
        ctx.item = it.state == DC_STATE_NONE ? NULL : &it;
        int64_t before_seq = it.state_seq;
        dc_err_t e = dc_rules_check(&ev, &ctx);
        expect_err(e, steps[i].want, dc_evtype_name(steps[i].type), (int)i);
        if (!e)
            dc_rules_apply_item(&ev, &it);
        assert_int_equal(it.state, steps[i].after);
        if (!e && steps[i].type != DC_EV_COPY)
            assert_int_equal(it.state_seq, ev.seq);
        else
            assert_int_equal(it.state_seq, before_seq);
    }
    assert_string_equal(it.place, "別館1階 書庫");
    assert_string_equal(it.holder, "");
}

/* A reprint must name the event it reprints; any item state is left alone. */
static void test_reprint(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_REPRINT, DC_STATE_OUT, DC_ROLE_STAFF);
    assert_int_equal(check(&w), DC_E_OK);
    w.ev.link_seq = 0;
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_RECORD);
    assert_false(dc_evtype_has_item(DC_EV_REPRINT));
    assert_string_equal(dc_evtype_name(DC_EV_REPRINT), "reprint");
    assert_string_equal(dc_evtype_label(DC_EV_REPRINT, DC_LANG_JA), "再発行");
    assert_string_equal(dc_evtype_label(DC_EV_REPRINT, DC_LANG_EN), "Reprint");
}

/* A setting is an administrator's, for a key the office may change. */
static void test_setting(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_SETTING, DC_STATE_NONE, DC_ROLE_ADMIN);
    assert_int_equal(check(&w), DC_E_OK);
    SET(w.ev.purpose, "colour");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_SETTING);
    SET(w.ev.purpose, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_SETTING);
    for (int i = 0; dc_setting_keys[i]; i++)
        assert_true(dc_setting_known(dc_setting_keys[i]));
    assert_false(dc_setting_known(NULL));
    assert_false(dc_evtype_has_item(DC_EV_SETTING));
    assert_string_equal(dc_evtype_name(DC_EV_SETTING), "setting");
}

/* The monthly check seals an ended month, once, after every earlier seal, by a manager. */
static void test_seal(void **state)
{
    (void)state;
    static const struct {
        const char *month;       /* the month sealed (the clock is 2026-10-05 JST) */
        const char *last_sealed; /* NULL: never sealed */
        dc_role_t role;
        dc_err_t want;
    } rows[] = {
        {"2026-09", NULL, DC_ROLE_MANAGER, DC_E_OK},
        {"2026-09", "", DC_ROLE_MANAGER, DC_E_OK},
        {"2026-09", "2026-08", DC_ROLE_MANAGER, DC_E_OK},
        {"2026-09", "2025-12", DC_ROLE_MANAGER, DC_E_OK},
        {"2026-09", "2026-09", DC_ROLE_MANAGER, DC_E_R_MONTH_SEALED},
        {"2026-08", "2026-09", DC_ROLE_MANAGER, DC_E_R_MONTH_ORDER},
        {"2026-10", NULL, DC_ROLE_MANAGER, DC_E_R_MONTH_OPEN},
        {"2026-11", NULL, DC_ROLE_MANAGER, DC_E_R_MONTH_OPEN},
        {"2026-9", NULL, DC_ROLE_MANAGER, DC_E_BAD_MONTH},
        {"2026-13", NULL, DC_ROLE_MANAGER, DC_E_BAD_MONTH},
        {"", NULL, DC_ROLE_MANAGER, DC_E_BAD_MONTH},
        {"2026-09", NULL, DC_ROLE_STAFF, DC_E_R_ACTOR_ROLE},
        {"2026-09", NULL, DC_ROLE_ADMIN, DC_E_R_ACTOR_ROLE},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, DC_EV_MONTHLY_CHECK, DC_STATE_NONE, rows[r].role);
        SET(w.ev.purpose, rows[r].month);
        w.ctx.last_sealed = rows[r].last_sealed;
        expect_err(check(&w), rows[r].want, "seal", (int)r);
    }
    /* The month the event falls in is the terminal's own: 2026-10-31 23:30 JST is October. */
    world_t w;
    make_world(&w, DC_EV_MONTHLY_CHECK, DC_STATE_NONE, DC_ROLE_MANAGER);
    SET(w.ev.purpose, "2026-10");
    w.ev.ts_ms = ts_local(2026, 10, 31, 23, 30, TZ_JST);
    assert_int_equal(check(&w), DC_E_R_MONTH_OPEN);
    w.ev.ts_ms = ts_local(2026, 11, 1, 0, 0, TZ_JST);
    assert_int_equal(check(&w), DC_E_OK);
    assert_true(dc_month_ok("2026-02"));
    assert_false(dc_month_ok("2026-02-01"));
    assert_false(dc_month_ok(NULL));
}

/* A return closes the item's current take-out and an arrival its current transport: a link to
 * an older one (read before another program's return and take-out) or none is refused. */
static void test_links(void **state)
{
    (void)state;
    static const struct {
        dc_evtype_t type;
        int64_t link;
        dc_err_t want;
    } rows[] = {
        {DC_EV_RETURN, 3, DC_E_OK},
        {DC_EV_RETURN, 2, DC_E_R_LINK_STALE},
        {DC_EV_RETURN, 0, DC_E_R_LINK_STALE},
        {DC_EV_RETURN, 4, DC_E_R_LINK_STALE},
        {DC_EV_RECEIVE, 3, DC_E_OK},
        {DC_EV_RECEIVE, 1, DC_E_R_LINK_STALE},
        {DC_EV_RECEIVE, 0, DC_E_R_LINK_STALE},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, rows[r].type, natural_state(rows[r].type), DC_ROLE_STAFF);
        w.ev.link_seq = rows[r].link;
        expect_err(check(&w), rows[r].want, dc_evtype_name(rows[r].type), (int)r);
    }
    /* The item's state decides first: a return of an item in storage is that, not a link. */
    world_t w;
    make_world(&w, DC_EV_RETURN, DC_STATE_IN, DC_ROLE_STAFF);
    w.ev.link_seq = 0;
    assert_int_equal(check(&w), DC_E_R_ITEM_IN);
}

/* A sealed month is closed: nothing dated in it or before it is recorded; a refusal or a failed
 * log-in is still kept (it is the record that someone tried). */
static void test_sealed_month_closed(void **state)
{
    (void)state;
    static const struct {
        dc_evtype_t type;
        int y, m, d;
        const char *last_sealed;
        dc_err_t want;
    } rows[] = {
        {DC_EV_TAKE_OUT, 2026, 10, 5, "2026-09", DC_E_OK},
        {DC_EV_TAKE_OUT, 2026, 9, 30, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_TAKE_OUT, 2026, 9, 1, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_TAKE_OUT, 2026, 4, 24, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_COPY, 2026, 9, 15, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_REGISTER, 2026, 9, 15, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_SETTING, 2026, 9, 15, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_LOGIN, 2026, 9, 15, "2026-09", DC_E_R_MONTH_CLOSED},
        {DC_EV_REFUSED, 2026, 9, 15, "2026-09", DC_E_OK},
        {DC_EV_LOGIN_FAILED, 2026, 9, 15, "2026-09", DC_E_OK},
        {DC_EV_TAKE_OUT, 2026, 9, 30, "", DC_E_OK},
        {DC_EV_TAKE_OUT, 2026, 9, 30, "2026-08", DC_E_OK},
        {DC_EV_TAKE_OUT, 2026, 9, 30, NULL, DC_E_OK},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, rows[r].type, natural_state(rows[r].type), DC_ROLE_ADMIN);
        w.ctx.second = w.ev.second[0] ? &w.second : NULL;
        w.second.role = DC_ROLE_MANAGER;
        w.ev.ts_ms = ts_local(rows[r].y, rows[r].m, rows[r].d, 10, 0, TZ_JST);
        SET(w.ev.due, "2026-12-01");
        w.ctx.last_sealed = rows[r].last_sealed;
        expect_err(check(&w), rows[r].want, dc_evtype_name(rows[r].type), (int)r);
    }
    /* The month is the terminal's own: 2026-09-30 23:30 JST is 14:30 UTC, still September. */
    world_t w;
    make_world(&w, DC_EV_TAKE_OUT, DC_STATE_IN, DC_ROLE_STAFF);
    w.ctx.last_sealed = "2026-09";
    w.ev.ts_ms = ts_local(2026, 9, 30, 23, 30, TZ_JST);
    assert_int_equal(check(&w), DC_E_R_MONTH_CLOSED);
    w.ev.ts_ms = ts_local(2026, 10, 1, 0, 0, TZ_JST);
    assert_int_equal(check(&w), DC_E_OK);
}

/* A seal more than one month ahead of the ledger's last work is refused: a clock set to 2099
 * must not seal 2099-11 and so refuse every later seal of a real month. */
static void test_seal_ahead(void **state)
{
    (void)state;
    static const struct {
        const char *month;      /* sealed */
        const char *prev_month; /* of the previous event */
        int y, m;               /* the clock's month */
        dc_err_t want;
    } rows[] = {
        {"2026-09", "2026-09", 2026, 10, DC_E_OK},
        {"2026-09", "2026-08", 2026, 10, DC_E_OK},
        {"2026-09", "2026-07", 2026, 10, DC_E_R_SEAL_AHEAD},
        {"2026-09", "2026-10", 2026, 10, DC_E_OK},
        {"2026-09", "", 2026, 10, DC_E_OK},
        {"2027-01", "2026-12", 2027, 2, DC_E_OK},
        {"2027-01", "2026-11", 2027, 2, DC_E_R_SEAL_AHEAD},
        {"2099-11", "2026-10", 2099, 12, DC_E_R_SEAL_AHEAD},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, DC_EV_MONTHLY_CHECK, DC_STATE_NONE, DC_ROLE_MANAGER);
        SET(w.ev.purpose, rows[r].month);
        w.ev.ts_ms = ts_local(rows[r].y, rows[r].m, 2, 10, 0, TZ_JST);
        w.ctx.prev_month = rows[r].prev_month;
        expect_err(check(&w), rows[r].want, "seal", (int)r);
    }
    /* What only says someone was at the counter does not date the ledger's work. */
    assert_true(dc_evtype_is_counter_noise(DC_EV_LOGIN));
    assert_true(dc_evtype_is_counter_noise(DC_EV_EXPORT));
    assert_true(dc_evtype_is_counter_noise(DC_EV_REFUSED));
    assert_false(dc_evtype_is_counter_noise(DC_EV_TAKE_OUT));
    assert_false(dc_evtype_is_counter_noise(DC_EV_MONTHLY_CHECK));
}

/* A correction names a custody record, gives new values that belong to it and a reason, and
 * is approved by a manager other than the person correcting. */
static void test_correction(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_STAFF);
    assert_int_equal(check(&w), DC_E_OK);
    w.ctx.linked = NULL;
    assert_int_equal(check(&w), DC_E_R_CORRECT_TARGET);
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_STAFF);
    static const dc_evtype_t not_records[] = {DC_EV_LOGIN, DC_EV_SETTING, DC_EV_CORRECTION,
                                              DC_EV_MONTHLY_CHECK, DC_EV_REFUSED};
    for (size_t i = 0; i < sizeof not_records / sizeof not_records[0]; i++) {
        w.linked.type = not_records[i];
        expect_err(check(&w), DC_E_R_CORRECT_TARGET, "target", (int)i);
    }
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_STAFF);
    SET(w.ev.item, "DI-SOMETHING-1");
    assert_int_equal(check(&w), DC_E_R_CORRECT_TARGET);
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_STAFF);
    SET(w.ev.detail, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_REASON);
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_STAFF);
    SET(w.ev.purpose, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_VALUE); /* nothing to correct */
    /* Fields of a take-out: purpose, destination, due date; not a disposal certificate. */
    SET(w.ev.due, "2026-10-09");
    assert_int_equal(check(&w), DC_E_OK);
    SET(w.ev.due, "2026-10-01"); /* before the take-out itself */
    assert_int_equal(check(&w), DC_E_BAD_DATE);
    SET(w.ev.due, "");
    SET(w.ev.certificate, "CERT-1");
    assert_int_equal(check(&w), DC_E_R_CORRECT_FIELD);
    w.linked.type = DC_EV_DISPOSE;
    assert_int_equal(check(&w), DC_E_OK);
    SET(w.ev.certificate, "");
    w.ev.quantity = 3;
    assert_int_equal(check(&w), DC_E_R_CORRECT_FIELD);
    w.linked.type = DC_EV_COPY;
    assert_int_equal(check(&w), DC_E_OK);
    /* The two-person rule, with a manager. */
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_MANAGER);
    SET(w.ev.second, ACTOR);
    assert_int_equal(check(&w), DC_E_R_SELF_APPROVAL);
    make_world(&w, DC_EV_CORRECTION, DC_STATE_NONE, DC_ROLE_STAFF);
    w.second.role = DC_ROLE_STAFF;
    assert_int_equal(check(&w), DC_E_R_SECOND_ROLE);
    w.ev.second[0] = '\0';
    w.ctx.second = NULL;
    assert_int_equal(check(&w), DC_E_R_SECOND_MISSING);
    assert_false(dc_evtype_has_item(DC_EV_CORRECTION));
}

/* A damaged label is replaced by an administrator; the old code is retired, the item lives on
 * under the new one in the same state. */
static void test_relabel(void **state)
{
    (void)state;
    static const struct {
        dc_state_t st;
        dc_err_t want;
    } rows[] = {
        {DC_STATE_NONE, DC_E_R_ITEM_UNKNOWN},
        {DC_STATE_IN, DC_E_OK},
        {DC_STATE_OUT, DC_E_OK},
        {DC_STATE_TRANSIT, DC_E_OK},
        {DC_STATE_DISPOSED, DC_E_R_ITEM_DISPOSED},
        {DC_STATE_RETIRED, DC_E_R_ITEM_RETIRED},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        world_t w;
        make_world(&w, DC_EV_RELABEL, rows[r].st, DC_ROLE_ADMIN);
        expect_err(check(&w), rows[r].want, "relabel", (int)r);
    }
    world_t w;
    make_world(&w, DC_EV_RELABEL, DC_STATE_OUT, DC_ROLE_ADMIN);
    dc_item_t taken;
    make_item(&taken, DC_STATE_IN, DC_KIND_CD, false, false);
    w.ctx.dest = &taken;
    assert_int_equal(check(&w), DC_E_R_ITEM_EXISTS);
    w.ctx.dest = NULL;
    SET(w.ev.dest_item, ITEM);
    assert_int_equal(check(&w), DC_E_R_ITEM_EXISTS);
    SET(w.ev.dest_item, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_NEW_CODE);
    make_world(&w, DC_EV_RELABEL, DC_STATE_OUT, DC_ROLE_ADMIN);
    w.ev.seq = 77;
    dc_item_t fresh;
    dc_rules_relabelled(&w.ev, &w.item, &fresh);
    assert_string_equal(fresh.code, "DI-NEWLABEL-1");
    assert_int_equal(fresh.state, DC_STATE_OUT);
    assert_int_equal(fresh.state_seq, w.item.state_seq);
    assert_string_equal(fresh.holder, ACTOR);
    assert_string_equal(fresh.title, w.item.title);
    dc_rules_apply_item(&w.ev, &w.item);
    assert_int_equal(w.item.state, DC_STATE_RETIRED);
    assert_string_equal(w.item.holder, "DI-NEWLABEL-1");
    assert_int_equal(w.item.state_seq, 77);
}

/* Techniques by kind: each known technique against each kind, with its own NIST method. */
static void test_disposal_by_kind(void **state)
{
    (void)state;
    static const struct {
        const char *technique;
        bool fits[DC_KIND__COUNT]; /* paper cd dvd usb hdd sd other */
    } rows[] = {
        {"シュレッダー裁断", {true, true, true, false, false, false, true}},
        {"溶解処理", {true, false, false, false, false, false, false}},
        {"焼却", {true, false, false, false, false, false, false}},
        {"物理破壊(破砕)", {false, true, true, true, true, true, true}},
        {"消磁", {false, false, false, false, true, false, true}},
        {"完全消去(セキュア消去)", {false, false, false, true, true, true, true}},
        {"データ消去ソフト(上書き)", {false, false, false, true, true, true, true}},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        const dc_technique_t *t = dc_technique_find(rows[r].technique);
        assert_non_null(t);
        assert_ptr_equal(dc_technique_find(t->label_en), t);
        for (int k = 0; k < DC_KIND__COUNT; k++) {
            world_t w;
            make_world(&w, DC_EV_DISPOSE, DC_STATE_IN, DC_ROLE_STAFF);
            w.item.kind = (dc_kind_t)k;
            SET(w.ev.technique, rows[r].technique);
            w.ev.method = t->method;
            dc_err_t want = rows[r].fits[k] ? DC_E_OK : DC_E_R_TECHNIQUE_KIND;
            expect_err(check(&w), want, rows[r].technique, k);
            assert_int_equal(dc_technique_fits(t, dc_kind_dgroup((dc_kind_t)k)), rows[r].fits[k]);
            /* Another method than the technique's own is refused where the technique fits. */
            for (int m = DC_METHOD_CLEAR; rows[r].fits[k] && m < DC_METHOD__COUNT; m++) {
                w.ev.method = (dc_method_t)m;
                dc_err_t wm = m == (int)t->method ? DC_E_OK
                              : k == DC_KIND_PAPER && m != DC_METHOD_DESTROY
                                  ? DC_E_R_METHOD_PAPER
                                  : DC_E_R_TECHNIQUE_METHOD;
                expect_err(check(&w), wm, rows[r].technique, 100 + m);
            }
            /* An older ledger's disposal is replayed with the older rule only. */
            w.ev.method = DC_METHOD_DESTROY;
            w.ctx.legacy_disposal = true;
            expect_err(check(&w), DC_E_OK, "legacy", k);
        }
    }
    /* The techniques offered for a group are exactly those that fit it. */
    const dc_technique_t *offer[8];
    assert_int_equal(dc_techniques_for(DC_DGROUP_PAPER, offer, 8), 3);
    assert_string_equal(offer[0]->name, "シュレッダー裁断");
    assert_int_equal(dc_techniques_for(DC_DGROUP_MAGNETIC, offer, 8), 4);
    assert_int_equal(dc_techniques_for(DC_DGROUP_FLASH, offer, 8), 3);
    for (int i = 0; i < 3; i++)
        assert_string_not_equal(offer[i]->name, "消磁");
    /* An office's own wording: only paper's Destroy rule. */
    world_t w;
    make_world(&w, DC_EV_DISPOSE, DC_STATE_IN, DC_ROLE_STAFF);
    w.item.kind = DC_KIND_PAPER;
    SET(w.ev.technique, "委託業者による処理");
    w.ev.method = DC_METHOD_DESTROY;
    assert_int_equal(check(&w), DC_E_OK);
    w.ev.method = DC_METHOD_CLEAR;
    assert_int_equal(check(&w), DC_E_R_METHOD_PAPER);
}

/* Certificate numbers: letters, digits, '-' and '/'. */
static void test_certificate(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
    } rows[] = {
        {"HK-2026-10-033", true},
        {"2026/10-7", true},
        {"12345", true},
        {"abc", true},
        {"", false},
        {"HK 2026", false},
        {"---", false},
        {"ＨＫ-1", false},
        {"HK_1", false},
        {"=1+1", false},
        {"1234567890123456789012345678901234567890", true},
        {"12345678901234567890123456789012345678901", false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (dc_certificate_ok(rows[i].s) != rows[i].ok)
            print_error("certificate %s\n", rows[i].s);
        assert_int_equal(dc_certificate_ok(rows[i].s), rows[i].ok);
        world_t w;
        make_world(&w, DC_EV_DISPOSE, DC_STATE_IN, DC_ROLE_STAFF);
        SET(w.ev.certificate, rows[i].s);
        /* None is fine: the contractor's certificate may come later. */
        dc_err_t want = rows[i].ok || !rows[i].s[0] ? DC_E_OK : DC_E_R_CERTIFICATE_FORMAT;
        expect_err(check(&w), want, rows[i].s, (int)i);
    }
}

/* A rename: a title, a reason, a manager's approval; only the title changes. */
static void test_rename(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_RENAME, DC_STATE_OUT, DC_ROLE_STAFF);
    assert_int_equal(check(&w), DC_E_OK);
    SET(w.ev.title, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_TITLE);
    make_world(&w, DC_EV_RENAME, DC_STATE_IN, DC_ROLE_STAFF);
    SET(w.ev.detail, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_REASON);
    make_world(&w, DC_EV_RENAME, DC_STATE_IN, DC_ROLE_STAFF);
    SET(w.ev.title, w.item.title);
    assert_int_equal(check(&w), DC_E_R_RENAME_SAME);
    make_world(&w, DC_EV_RENAME, DC_STATE_IN, DC_ROLE_STAFF);
    make_staff(&w.second, MANAGER, DC_ROLE_STAFF);
    assert_int_equal(check(&w), DC_E_R_SECOND_ROLE);
    SET(w.ev.second, ACTOR);
    assert_int_equal(check(&w), DC_E_R_SELF_APPROVAL);
    for (int st = DC_STATE_DISPOSED; st <= DC_STATE_RETIRED; st++) {
        make_world(&w, DC_EV_RENAME, (dc_state_t)st, DC_ROLE_ADMIN);
        assert_int_not_equal(check(&w), DC_E_OK);
    }
    make_world(&w, DC_EV_RENAME, DC_STATE_OUT, DC_ROLE_STAFF);
    w.item.state_seq = 3;
    dc_item_t before = w.item;
    dc_rules_apply_item(&w.ev, &w.item);
    assert_string_equal(w.item.title, "住民票写し 控え 2026年度");
    assert_int_equal(w.item.state, before.state);
    assert_int_equal(w.item.state_seq, 3); /* a return still closes the take-out */
    assert_string_equal(w.item.holder, before.holder);
    assert_int_equal(dc_rules_second_role(DC_EV_RENAME, &w.item), DC_ROLE_MANAGER);
    assert_string_equal(dc_evtype_name(DC_EV_RENAME), "rename");
    assert_string_equal(dc_evtype_label(DC_EV_RENAME, DC_LANG_JA), "件名変更");
}

/* A PIN reset: a manager's or administrator's, for someone else still designated. */
static void test_pin_reset(void **state)
{
    (void)state;
    world_t w;
    make_world(&w, DC_EV_PIN_RESET, DC_STATE_NONE, DC_ROLE_MANAGER);
    assert_int_equal(check(&w), DC_E_OK);
    release_staff(&w.subject);
    assert_int_equal(check(&w), DC_E_R_ACTOR_RELEASED);
    make_world(&w, DC_EV_PIN_RESET, DC_STATE_NONE, DC_ROLE_ADMIN);
    w.ctx.subject = NULL;
    assert_int_equal(check(&w), DC_E_R_ACTOR_UNKNOWN);
    make_world(&w, DC_EV_PIN_RESET, DC_STATE_NONE, DC_ROLE_ADMIN);
    SET(w.ev.subject, ACTOR);
    w.ctx.subject = &w.actor;
    assert_int_equal(check(&w), DC_E_R_PIN_RESET_SELF);
    make_world(&w, DC_EV_PIN_RESET, DC_STATE_NONE, DC_ROLE_ADMIN);
    SET(w.ev.subject, "");
    assert_int_equal(check(&w), DC_E_R_FIELD_MISSING_BADGE);
    assert_false(dc_evtype_has_item(DC_EV_PIN_RESET));
    assert_string_equal(dc_evtype_name(DC_EV_PIN_RESET), "pin-reset");
}

/* Every missing-field refusal names its field, in Japanese and in English. */
static void test_missing_field_named(void **state)
{
    (void)state;
    int n = 0;
    for (int e = 0; e < DC_E__COUNT; e++) {
        const char *name = dc_err_name((dc_err_t)e);
        if (strncmp(name, "R_FIELD_MISSING_", 16) != 0)
            continue;
        n++;
        const char *ja = dc_err_msg((dc_err_t)e, DC_LANG_JA),
                   *en = dc_err_msg((dc_err_t)e, DC_LANG_EN);
        const char *open = strstr(ja, "「"), *close = strstr(ja, "」");
        if (!open || !close || close - open < 4 || !strstr(en, "missing: "))
            print_error("%s does not name its field: %s / %s\n", name, ja, en);
        assert_true(open && close && close - open >= 4);
        assert_non_null(strstr(en, "missing: "));
        assert_int_equal(dc_err_class((dc_err_t)e), DC_CLASS_REFUSED);
    }
    assert_true(n >= 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_helper),
        cmocka_unit_test(test_state_matrix),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_actor_released_or_unknown),
        cmocka_unit_test(test_two_person_rule),
        cmocka_unit_test(test_specific_rules),
        cmocka_unit_test(test_bootstrap_enroll),
        cmocka_unit_test(test_unknown_event_type),
        cmocka_unit_test(test_apply_item),
        cmocka_unit_test(test_apply_register),
        cmocka_unit_test(test_apply_staff),
        cmocka_unit_test(test_lifecycle),
        cmocka_unit_test(test_reprint),
        cmocka_unit_test(test_setting),
        cmocka_unit_test(test_seal),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_sealed_month_closed),
        cmocka_unit_test(test_seal_ahead),
        cmocka_unit_test(test_correction),
        cmocka_unit_test(test_relabel),
        cmocka_unit_test(test_disposal_by_kind),
        cmocka_unit_test(test_certificate),
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_pin_reset),
        cmocka_unit_test(test_missing_field_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
