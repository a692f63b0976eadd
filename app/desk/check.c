#include "desk/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cal.h"
#include "core/rules.h"
#include "desk/correct.h"
#include "store/store.h"

#define DAY_MS INT64_C(86400000)

static const struct {
    const char *name;
    const char *label[2];
} an_names[DC_AN__COUNT] = {
    [DC_AN_REFUSED] = {"refused", {"拒否された操作", "Refused attempt"}},
    [DC_AN_RETURN_BY_OTHER] = {"return-by-other", {"持出者以外の返却", "Returned by another"}},
    [DC_AN_MY_NUMBER_OUT] = {"my-number-out", {"特定個人情報の持ち出し", "My Number taken out"}},
    [DC_AN_AFTER_HOURS] = {"after-hours", {"時間外の操作", "Outside office hours"}},
    [DC_AN_REPRINT] = {"reprint", {"控えの再発行", "Receipt reprinted"}},
    [DC_AN_LOGIN_FAILED] = {"login-failed", {"ログイン失敗", "Failed log-in"}},
    [DC_AN_LOCKOUT] = {"lockout", {"職員証のロック", "Badge locked"}},
    [DC_AN_CLOCK_BACK] = {"clock-back", {"時計の逆行", "Clock went back"}},
    [DC_AN_CLOCK_GAP] = {"clock-gap", {"時計の飛び", "Clock jumped ahead"}},
    [DC_AN_OUT_TOO_LONG] = {"out-too-long", {"長期の持ち出し", "Out too long"}},
    [DC_AN_OVERDUE] = {"overdue", {"返却予定日超過", "Overdue"}},
    [DC_AN_CORRECTION] = {"correction", {"記録の訂正", "Record corrected"}},
    [DC_AN_CLI_SECOND] = {"cli-second", {"CLIで入力した承認者", "Second person via CLI"}},
    [DC_AN_LATE_ARRIVAL] = {"late-arrival", {"到着予定日超過", "Arrived late"}},
    [DC_AN_MY_NUMBER_BARE] = {"my-number-unapproved",
                              {"承認のない特定個人情報の持ち出し", "My Number out, no approver"}},
};

const char *dc_anomaly_name(dc_anomaly_kind_t k)
{
    return (unsigned)k < DC_AN__COUNT ? an_names[k].name : "?";
}

const char *dc_anomaly_label(dc_anomaly_kind_t k, dc_lang_t lang)
{
    return (unsigned)k < DC_AN__COUNT ? an_names[k].label[lang == DC_LANG_EN] : "?";
}

bool dc_anomaly_review(dc_anomaly_kind_t k)
{
    /* Allowed by the rules and seen by a second person (or, for a reprint, marked 再発行 on the
     * paper itself): the manager looks at them, but nothing went wrong. */
    return k == DC_AN_MY_NUMBER_OUT || k == DC_AN_REPRINT || k == DC_AN_CORRECTION;
}

/* The reasons a failed log-in records (desk/session.c), in Japanese; matched by their start,
 * the rest (a count, the seconds) carried over. */
static const struct {
    const char *en, *ja;
} login_reasons[] = {
    {"PIN mismatch", "暗証番号の誤り"},
    {"wrong PIN", "暗証番号の誤り"},
    {"unknown badge", "登録されていない職員証"},
    {"released", "解除された職員"},
    {"no PIN set", "暗証番号が未設定"},
    {"locked", "ロック中の職員証"},
    {"too soon", "待ち時間中の再入力"},
    {"right PIN, but locked meanwhile", "正しい暗証番号(入力中にロック)"},
    {"first PIN without an enrolment code", "登録コードなしの暗証番号設定"},
    {"enrolment code expired", "登録コードの期限切れ"},
    {"wrong enrolment code", "登録コードの誤り"},
};

static void login_reason_ja(const char *what, char *out, size_t cap)
{
    for (size_t i = 0; i < sizeof login_reasons / sizeof login_reasons[0]; i++) {
        size_t n = strlen(login_reasons[i].en);
        if (strncmp(what, login_reasons[i].en, n) != 0)
            continue;
        const char *rest = what + n;
        int count = 0, secs = 0, used = 0;
        bool locked = strstr(rest, ", locked") != NULL;
        /* %n after the last literal: set only when the whole pattern matched. */
        if (sscanf(rest, " (%d in a row)%n", &count, &used) == 1 && used)
            snprintf(out, cap, "%s(連続%d回目)%s", login_reasons[i].ja, count,
                     locked ? "・ロック" : "");
        else if (sscanf(rest, " (%d s to wait)%n", &secs, &used) == 1 && used)
            snprintf(out, cap, "%s(残り%d秒)", login_reasons[i].ja, secs);
        else if (!*rest)
            snprintf(out, cap, "%s", login_reasons[i].ja);
        else
            continue; /* "locked" must not take "locked out..." it does not know */
        return;
    }
    snprintf(out, cap, "%s", what); /* a reason this version does not know: as recorded */
}

void dc_anomaly_what(const dc_anomaly_t *a, dc_lang_t lang, char *out, size_t cap)
{
    DC_EXPECT(a && out && cap);
    const char *sep = strstr(a->what, " / ");
    bool ja = lang != DC_LANG_EN;
    if ((a->kind == DC_AN_LOGIN_FAILED || a->kind == DC_AN_LOCKOUT) && ja)
        login_reason_ja(a->what, out, cap);
    else if (sep && (a->kind == DC_AN_OVERDUE || a->kind == DC_AN_OUT_TOO_LONG ||
                     a->kind == DC_AN_LATE_ARRIVAL))
        /* These are recorded "日本語 / English" (check_return, open_one): the half asked for. */
        snprintf(out, cap, "%.*s", ja ? (int)(sep - a->what) : (int)strlen(sep + 3),
                 ja ? a->what : sep + 3);
    else
        snprintf(out, cap, "%s", a->what);
}

void dc_check_month_step(const char *month, int delta, char out[8])
{
    int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10) + delta;
    while (m < 1) {
        m += 12;
        y--;
    }
    while (m > 12) {
        m -= 12;
        y++;
    }
    snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

void dc_check_default_month(int64_t now_ms, int32_t tz_min, char month[8])
{
    char now[8];
    dc_event_local_month(now_ms, tz_min, now);
    dc_check_month_step(now, -1, month);
}

/* ---- gathering the month ---- */

typedef struct {
    dc_store_t *st;
    dc_check_t *c;
    dc_err_t err;
    int cap_an, cap_out, cap_transit, cap_disposed;
    int64_t prev_seq, prev_ts;
    int64_t hours_from, hours_to; /* minutes after midnight */
    int64_t after_hours_group;    /* one anomaly per record */
    char next_month_first[DC_DATE_MAX];
} walk_t;

static void *grow(void *p, int n, int *cap, size_t size)
{
    if (n < *cap)
        return p;
    int ncap = *cap ? *cap * 2 : 16;
    void *q = realloc(p, (size_t)ncap * size);
    if (q)
        *cap = ncap;
    return q;
}

static dc_anomaly_t *add_anomaly(walk_t *w, dc_anomaly_kind_t kind, const dc_event_t *ev)
{
    dc_check_t *c = w->c;
    dc_anomaly_t *a = grow(c->anomalies, c->nanomalies, &w->cap_an, sizeof *a);
    if (!a) {
        w->err = DC_E_NOMEM;
        return NULL;
    }
    c->anomalies = a;
    a = &c->anomalies[c->nanomalies++];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    c->nreview += dc_anomaly_review(kind);
    a->seq = ev->seq;
    a->ts_ms = ev->ts_ms;
    a->tz_min = ev->tz_min;
    memcpy(a->item, ev->item, DC_CODE_MAX);
    memcpy(a->who, ev->actor, DC_CODE_MAX);
    c->by_kind[kind]++;
    return a;
}

/* The same rules as the setting's own check (core/cal.h), so a value accepted there is the value
 * used here. */
static bool parse_hours(const char *s, int64_t *from, int64_t *to)
{
    int f, t;
    if (!dc_cal_hours_parse(s, &f, &t))
        return false;
    *from = f;
    *to = t;
    return true;
}

static void check_hours(walk_t *w, const dc_event_t *ev)
{
    int minute;
    int64_t day = dc_cal_local_day(ev->ts_ms, ev->tz_min, &minute);
    bool weekend = dc_cal_weekday(day) >= 5;
    if (!weekend && minute >= w->hours_from && minute < w->hours_to)
        return;
    if (ev->group_seq == w->after_hours_group)
        return;
    w->after_hours_group = ev->group_seq;
    dc_anomaly_t *a = add_anomaly(w, DC_AN_AFTER_HOURS, ev);
    if (a) {
        char date[DC_DATE_MAX], time[6];
        static const char *const days[7] = {"月", "火", "水", "木", "金", "土", "日"};
        dc_event_local_date(ev->ts_ms, ev->tz_min, date);
        dc_event_local_time(ev->ts_ms, ev->tz_min, time);
        snprintf(a->what, sizeof a->what, "%s(%s) %s %s", date, days[dc_cal_weekday(day)], time,
                 dc_evtype_label(ev->type, DC_LANG_JA));
    }
}

static void check_clock(walk_t *w, const dc_event_t *ev)
{
    int64_t prev_ts = w->prev_ts, prev_seq = ev->seq - 1;
    if (w->prev_seq != ev->seq - 1) {
        /* The event before this one lies outside the month (or this is the month's first). */
        dc_event_t *prev = malloc(sizeof *prev);
        if (!prev) {
            w->err = DC_E_NOMEM;
            return;
        }
        dc_err_t e = prev_seq > 0 ? dc_store_event_get(w->st, prev_seq, prev) : DC_E_NOT_FOUND;
        prev_ts = prev->ts_ms;
        free(prev);
        if (e == DC_E_NOT_FOUND)
            return;
        if (e) {
            w->err = e;
            return;
        }
    }
    int64_t step = ev->ts_ms - prev_ts;
    if (step >= 0 && step <= DC_CHECK_GAP_DAYS * DAY_MS)
        return;
    dc_anomaly_t *a = add_anomaly(w, step < 0 ? DC_AN_CLOCK_BACK : DC_AN_CLOCK_GAP, ev);
    if (!a)
        return;
    a->other_seq = prev_seq;
    char d1[DC_DATE_MAX], t1[6], d2[DC_DATE_MAX], t2[6];
    dc_event_local_date(prev_ts, ev->tz_min, d1);
    dc_event_local_time(prev_ts, ev->tz_min, t1);
    dc_event_local_date(ev->ts_ms, ev->tz_min, d2);
    dc_event_local_time(ev->ts_ms, ev->tz_min, t2);
    snprintf(a->what, sizeof a->what, "No.%lld %s %s → No.%lld %s %s", (long long)prev_seq, d1, t1,
             (long long)ev->seq, d2, t2);
}

static void check_return(walk_t *w, const dc_event_t *ev)
{
    if (!ev->link_seq)
        return;
    dc_event_t *out = malloc(sizeof *out);
    if (!out) {
        w->err = DC_E_NOMEM;
        return;
    }
    dc_err_t e = dc_store_event_get(w->st, ev->link_seq, out);
    /* The take-out as corrected: a due date put right is the one the return is measured by. */
    if (!e)
        e = dc_desk_corrected(w->st, out, out, NULL, NULL);
    if (e) {
        if (e != DC_E_NOT_FOUND)
            w->err = e;
        free(out);
        return;
    }
    char back[DC_DATE_MAX];
    dc_event_local_date(ev->ts_ms, ev->tz_min, back);
    if (out->type == DC_EV_TAKE_OUT && out->due[0] && strcmp(back, out->due) > 0) {
        dc_anomaly_t *a = add_anomaly(w, DC_AN_OVERDUE, ev);
        if (a) {
            a->other_seq = out->seq;
            memcpy(a->who, out->actor, DC_CODE_MAX);
            snprintf(a->what, sizeof a->what, "返却 %s (返却予定 %s) / returned %s, due %s", back,
                     out->due, back, out->due);
        }
    }
    if (strcmp(out->actor, ev->actor) != 0) {
        dc_anomaly_t *a = add_anomaly(w, DC_AN_RETURN_BY_OTHER, ev);
        dc_staff_t taker;
        if (a && dc_store_staff_get(w->st, out->actor, &taker) != DC_E_OK)
            dc_copy(taker.name, sizeof taker.name, out->actor);
        if (a) {
            a->other_seq = out->seq;
            snprintf(a->what, sizeof a->what, "持出 No.%lld %.80s", (long long)out->seq,
                     taker.name);
        }
    }
    int64_t days = (ev->ts_ms - out->ts_ms) / DAY_MS;
    if (out->type == DC_EV_TAKE_OUT && days > w->c->overdue_days) {
        dc_anomaly_t *a = add_anomaly(w, DC_AN_OUT_TOO_LONG, ev);
        if (a) {
            a->other_seq = out->seq;
            memcpy(a->who, out->actor, DC_CODE_MAX);
            snprintf(a->what, sizeof a->what, "%lld日間 (返却済み) / %lld days, returned",
                     (long long)days, (long long)days);
        }
    }
    free(out);
}

/* An arrival after the date the transport was expected (its due, as corrected). */
static void check_arrival(walk_t *w, const dc_event_t *ev)
{
    if (!ev->link_seq)
        return;
    dc_event_t *tr = malloc(sizeof *tr);
    if (!tr) {
        w->err = DC_E_NOMEM;
        return;
    }
    dc_err_t e = dc_store_event_get(w->st, ev->link_seq, tr);
    if (!e)
        e = dc_desk_corrected(w->st, tr, tr, NULL, NULL);
    if (e && e != DC_E_NOT_FOUND)
        w->err = e;
    char came[DC_DATE_MAX];
    dc_event_local_date(ev->ts_ms, ev->tz_min, came);
    dc_anomaly_t *a;
    if (!e && tr->type == DC_EV_TRANSPORT && tr->due[0] && strcmp(came, tr->due) > 0 &&
        (a = add_anomaly(w, DC_AN_LATE_ARRIVAL, ev))) {
        a->other_seq = tr->seq;
        memcpy(a->who, tr->carrier[0] ? tr->carrier : tr->actor, DC_CODE_MAX);
        snprintf(a->what, sizeof a->what, "受領 %s (到着予定 %s) / received %s, due %s", came,
                 tr->due, came, tr->due);
    }
    free(tr);
}

static void add_disposal(walk_t *w, const dc_event_t *ev)
{
    dc_check_t *c = w->c;
    dc_disposal_t *d = grow(c->disposed, c->ndisposed, &w->cap_disposed, sizeof *d);
    if (!d) {
        w->err = DC_E_NOMEM;
        return;
    }
    c->disposed = d;
    d = &c->disposed[c->ndisposed++];
    memset(d, 0, sizeof *d);
    d->seq = ev->seq;
    d->ts_ms = ev->ts_ms;
    d->tz_min = ev->tz_min;
    memcpy(d->item, ev->item, DC_CODE_MAX);
    d->method = ev->method;
    memcpy(d->technique, ev->technique, sizeof d->technique);
    memcpy(d->certificate, ev->certificate, sizeof d->certificate);
    memcpy(d->actor, ev->actor, DC_CODE_MAX);
    memcpy(d->witness, ev->second, DC_CODE_MAX);
    dc_item_t it;
    if (dc_store_item_get(w->st, ev->item, &it) == DC_E_OK)
        memcpy(d->title, it.title, sizeof d->title);
}

static int month_event(const dc_event_t *raw, void *ctx)
{
    walk_t *w = ctx;
    dc_check_t *c = w->c;
    /* Every record as corrected (places, technique, certificate): what the forms show too. */
    dc_event_t *fixed = NULL;
    const dc_event_t *ev = raw;
    if (dc_evtype_correctable(raw->type)) {
        if (!(fixed = malloc(sizeof *fixed))) {
            w->err = DC_E_NOMEM;
            return 1;
        }
        if ((w->err = dc_desk_corrected(w->st, raw, fixed, NULL, NULL))) {
            free(fixed);
            return 1;
        }
        ev = fixed;
    }
    c->events++;
    if ((unsigned)ev->type < DC_EV__COUNT)
        c->by_type[ev->type]++;
    check_clock(w, ev);
    check_hours(w, ev);
    dc_anomaly_t *a = NULL;
    /* The approver, confirmer or witness typed in at a terminal's command line proved presence
     * with a PIN on standard input, not in front of the kiosk: the manager sees each one. */
    if (ev->channel == DC_CHANNEL_CLI && ev->second[0] && ev->type != DC_EV_REFUSED &&
        (a = add_anomaly(w, DC_AN_CLI_SECOND, ev)))
        snprintf(a->what, sizeof a->what, "CLI: %s %s", dc_evtype_name(ev->type), ev->second);
    switch (ev->type) {
    case DC_EV_REFUSED:
        if ((a = add_anomaly(w, DC_AN_REFUSED, ev)))
            snprintf(a->what, sizeof a->what, "%.40s: %.80s", ev->purpose, ev->detail);
        break;
    case DC_EV_RETURN:
        check_return(w, ev);
        break;
    case DC_EV_RECEIVE:
        check_arrival(w, ev);
        break;
    case DC_EV_TAKE_OUT: {
        dc_item_t it;
        /* With an approver it is the exception the rules allow, recorded for review. */
        if (dc_store_item_get(w->st, ev->item, &it) == DC_E_OK && it.my_number &&
            (a = add_anomaly(w, ev->second[0] ? DC_AN_MY_NUMBER_OUT : DC_AN_MY_NUMBER_BARE, ev)))
            snprintf(a->what, sizeof a->what, "%s", ev->to_place);
        break;
    }
    case DC_EV_CORRECTION:
        if ((a = add_anomaly(w, DC_AN_CORRECTION, ev))) {
            a->other_seq = ev->link_seq;
            snprintf(a->what, sizeof a->what, "No.%lld: %.100s", (long long)ev->link_seq,
                     ev->detail);
        }
        break;
    case DC_EV_REPRINT:
        if ((a = add_anomaly(w, DC_AN_REPRINT, ev)))
            snprintf(a->what, sizeof a->what, "No.%lld", (long long)ev->link_seq);
        break;
    case DC_EV_LOGIN_FAILED:
        /* The attempt that locked a badge names it as its subject (dc_desk_login_wait). */
        a = add_anomaly(w, ev->subject[0] ? DC_AN_LOCKOUT : DC_AN_LOGIN_FAILED, ev);
        if (a)
            snprintf(a->what, sizeof a->what, "%.120s", ev->detail);
        break;
    case DC_EV_DISPOSE:
        add_disposal(w, ev);
        break;
    default:
        break;
    }
    w->prev_seq = ev->seq;
    w->prev_ts = ev->ts_ms;
    free(fixed);
    return w->err != DC_E_OK;
}

static int open_one(walk_t *w, dc_check_t *c, const dc_event_t *ev)
{
    bool out = ev->type == DC_EV_TAKE_OUT;
    dc_outstanding_t **list = out ? &c->out : &c->transit;
    int *n = out ? &c->nout : &c->ntransit;
    dc_outstanding_t *o = grow(*list, *n, out ? &w->cap_out : &w->cap_transit, sizeof *o);
    if (!o) {
        w->err = DC_E_NOMEM;
        return 1;
    }
    *list = o;
    o = &o[(*n)++];
    memset(o, 0, sizeof *o);
    o->seq = ev->seq;
    o->type = ev->type;
    memcpy(o->item, ev->item, DC_CODE_MAX);
    memcpy(o->holder, out || !ev->carrier[0] ? ev->actor : ev->carrier, DC_CODE_MAX);
    o->since_ms = ev->ts_ms;
    o->tz_min = ev->tz_min;
    memcpy(o->due, ev->due, DC_DATE_MAX);
    memcpy(o->to_place, ev->to_place, sizeof o->to_place);
    o->days = (int)((c->to_ms - ev->ts_ms) / DAY_MS);
    dc_item_t it;
    if (dc_store_item_get(w->st, ev->item, &it) == DC_E_OK)
        memcpy(o->title, it.title, sizeof o->title);
    o->overdue = o->due[0] && strcmp(o->due, w->next_month_first) < 0;
    dc_anomaly_t *a;
    if (!out) {
        /* A transport's due is the day it was expected to arrive. */
        if (o->overdue && (a = add_anomaly(w, DC_AN_LATE_ARRIVAL, ev))) {
            memcpy(a->who, o->holder, DC_CODE_MAX);
            snprintf(a->what, sizeof a->what, "到着予定 %s (運搬中) / due %s, still on the way",
                     o->due, o->due);
        }
        return w->err != DC_E_OK;
    }
    o->too_long = o->days > c->overdue_days;
    c->noverdue += o->overdue;
    if (o->overdue && (a = add_anomaly(w, DC_AN_OVERDUE, ev)))
        snprintf(a->what, sizeof a->what, "返却予定 %s / due %s", o->due, o->due);
    if (o->too_long && (a = add_anomaly(w, DC_AN_OUT_TOO_LONG, ev)))
        snprintf(a->what, sizeof a->what, "%d日間 (持ち出し中) / %d days, still out", o->days,
                 o->days);
    return w->err != DC_E_OK;
}

static int open_handover(const dc_event_t *raw, void *ctx)
{
    walk_t *w = ctx;
    dc_check_t *c = w->c;
    /* The due date as corrected: the one 様式2 shows and the person was told. */
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev || (w->err = dc_desk_corrected(w->st, raw, ev, NULL, NULL))) {
        if (!ev)
            w->err = DC_E_NOMEM;
        free(ev);
        return 1;
    }
    int stop = open_one(w, c, ev);
    free(ev);
    return stop;
}

static int seal_event(const dc_event_t *ev, void *ctx)
{
    dc_check_t *c = ctx;
    if (strcmp(ev->purpose, c->month) == 0) {
        c->sealed_seq = ev->seq;
        dc_check_seal_reason(ev->detail, c->seal_reason, sizeof c->seal_reason);
    }
    dc_copy(c->last_sealed, sizeof c->last_sealed, ev->purpose);
    c->last_sealed_seq = ev->seq;
    return 0;
}

/* The count of "name:N" in a seal's list of anomalies acknowledged ("[refused:1,lockout:2]"). */
static int acked_count(const char *detail, const char *name)
{
    const char *list = strchr(detail, '[');
    const char *end = list ? strchr(list, ']') : NULL;
    size_t n = strlen(name);
    for (const char *p = list; p && end && p < end; p = strchr(p + 1, ',')) {
        p++;
        if (strncmp(p, name, n) == 0 && p[n] == ':')
            return (int)strtol(p + n + 1, NULL, 10);
        if (p >= end)
            break;
    }
    return 0;
}

/* Compare a sealed month's figures now with those its seal recorded. Refusals and failed
 * log-ins are not compared: they are kept even when dated in a closed month (a wrong clock, a
 * backdated attempt), and they are the record of the attempt, not a change of the month. */
static dc_err_t check_seal_figures(dc_store_t *st, dc_check_t *c)
{
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_err_t e = dc_store_event_get(st, c->sealed_seq, ev);
    if (e) {
        free(ev);
        return e;
    }
    long long events = -1;
    int out = -1, overdue = -1, transit = -1, disposed = -1, anomalies = -1;
    bool parsed = sscanf(ev->detail,
                         "events=%lld out=%d overdue=%d transit=%d disposed=%d "
                         "anomalies=%d",
                         &events, &out, &overdue, &transit, &disposed, &anomalies) == 6;
    long long kept = events - acked_count(ev->detail, "refused") -
                     acked_count(ev->detail, "login-failed") - acked_count(ev->detail, "lockout");
    long long now = c->events - c->by_kind[DC_AN_REFUSED] - c->by_kind[DC_AN_LOGIN_FAILED] -
                    c->by_kind[DC_AN_LOCKOUT];
    if (!parsed || kept != now || out != c->nout || transit != c->ntransit ||
        disposed != c->ndisposed) {
        c->seal_mismatch = true;
        if (c->intact) {
            c->intact = false;
            c->verify.bad_seq = c->sealed_seq;
            snprintf(c->verify.what, sizeof c->verify.what,
                     "the month sealed by event %lld changed after the seal: records %lld, still "
                     "out %d, in transit %d, disposed %d then; %lld, %d, %d, %d now",
                     (long long)c->sealed_seq, kept, out, transit, disposed, now, c->nout,
                     c->ntransit, c->ndisposed);
        }
    }
    free(ev);
    return DC_E_OK;
}

static int by_seq(const void *a, const void *b)
{
    const dc_anomaly_t *x = a, *y = b;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

dc_err_t dc_check_month(dc_store_t *st, const dc_term_t *term, const char *month, dc_check_t **out)
{
    DC_EXPECT(st && term && out);
    *out = NULL;
    if (!dc_month_ok(month))
        return DC_E_BAD_MONTH;
    dc_check_t *c = calloc(1, sizeof *c);
    if (!c)
        return DC_E_NOMEM;
    walk_t w = {.st = st, .c = c, .prev_seq = -1, .after_hours_group = -1};
    memcpy(c->month, month, 8);
    dc_err_t e = dc_desk_month_range(month, term->tz_min, &c->from_ms, &c->to_ms);
    if (e)
        goto out;
    char next[8];
    dc_check_month_step(month, 1, next);
    snprintf(w.next_month_first, sizeof w.next_month_first, "%s-01", next);

    char value[DC_LONG_MAX];
    c->overdue_days = DC_CHECK_OVERDUE_DAYS;
    if (dc_store_meta_get(st, "overdue_days", value, sizeof value) == DC_E_OK) {
        char *end;
        long d = strtol(value, &end, 10);
        if (end != value && !*end && d > 0 && d < 10000)
            c->overdue_days = (int)d;
    }
    if (dc_store_meta_get(st, "office_hours", value, sizeof value) != DC_E_OK ||
        !parse_hours(value, &w.hours_from, &w.hours_to))
        dc_copy(value, sizeof value, DC_CHECK_HOURS);
    dc_copy(c->office_hours, sizeof c->office_hours, value);
    if (!parse_hours(c->office_hours, &w.hours_from, &w.hours_to))
        DC_EXPECT(!"the default office hours parse");

    if ((e = dc_store_events_between(st, c->from_ms, c->to_ms, month_event, &w)) || (e = w.err))
        goto out;
    if ((e = dc_store_open_handovers(st, c->to_ms, open_handover, &w)) || (e = w.err))
        goto out;
    if ((e = dc_store_seals_each(st, seal_event, c)))
        goto out;
    if (c->nanomalies > 1)
        qsort(c->anomalies, (size_t)c->nanomalies, sizeof *c->anomalies, by_seq);
    e = dc_store_verify(st, &c->verify);
    c->intact = e == DC_E_OK;
    if (e == DC_E_VERIFY_FAILED)
        e = DC_E_OK;
    if (!e && c->sealed_seq > 0)
        e = check_seal_figures(st, c);
out:
    if (e) {
        dc_check_free(c);
        return e;
    }
    *out = c;
    return DC_E_OK;
}

void dc_check_free(dc_check_t *c)
{
    if (!c)
        return;
    free(c->out);
    free(c->transit);
    free(c->disposed);
    free(c->anomalies);
    free(c);
}

/* ---- the scan-back inventory ---- */

typedef struct {
    dc_inventory_t *inv;
    int cap, cap_elsewhere;
    bool nomem;
} inv_walk_t;

/* Split "a|b|c" into NUL-separated entries trimmed of spaces; false when there is none. */
static bool split_places(char *list)
{
    char *w = list;
    bool any = false;
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        const char *end = strchr(p, '|');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n && p[n - 1] == ' ')
            n--;
        if (n) {
            memmove(w, p, n);
            w += n;
            *w++ = '\0';
            any = true;
        }
        if (!end)
            break;
        p = end + 1;
    }
    *w = '\0';
    return any;
}

static bool place_here(const char *places, const char *place)
{
    for (const char *p = places; *p; p += strlen(p) + 1) {
        if (strcmp(p, place) == 0)
            return true;
    }
    return false;
}

static int inv_expected(const dc_item_t *it, void *ctx)
{
    inv_walk_t *w = ctx;
    dc_inventory_t *inv = w->inv;
    bool here = !inv->scoped || place_here(inv->places, it->place);
    dc_inv_entry_t **list = here ? &inv->expected : &inv->elsewhere;
    int *n = here ? &inv->nexpected : &inv->nelsewhere;
    dc_inv_entry_t *e = grow(*list, *n, here ? &w->cap : &w->cap_elsewhere, sizeof *e);
    if (!e) {
        w->nomem = true;
        return 1;
    }
    *list = e;
    e[*n].item = *it;
    e[*n].found = false;
    (*n)++;
    return 0;
}

dc_err_t dc_inventory_begin(dc_store_t *st, dc_inventory_t **out)
{
    DC_EXPECT(st && out);
    *out = NULL;
    dc_inventory_t *inv = calloc(1, sizeof *inv);
    inv_walk_t *w = calloc(1, sizeof *w);
    dc_err_t e = DC_E_NOMEM;
    if (!inv || !w)
        goto out;
    w->inv = inv;
    e = dc_store_meta_get(st, "list.places", inv->places, sizeof inv->places);
    if (e && e != DC_E_NOT_FOUND)
        goto out;
    inv->scoped = !e && split_places(inv->places);
    e = dc_store_items_each(st, DC_STATE_IN, inv_expected, w);
    if (!e && w->nomem)
        e = DC_E_NOMEM;
out:
    free(w);
    if (e) {
        dc_inventory_free(inv);
        return e;
    }
    *out = inv;
    return DC_E_OK;
}

void dc_inventory_free(dc_inventory_t *inv)
{
    if (!inv)
        return;
    free(inv->expected);
    free(inv->elsewhere);
    free(inv->unexpected);
    free(inv);
}

int dc_inventory_unfound(const dc_inventory_t *inv)
{
    return inv ? inv->nexpected - inv->nfound : 0;
}

bool dc_check_seal_needs_reason(const dc_inventory_t *inv)
{
    return !inv || dc_inventory_unfound(inv) > 0;
}

/* The entry of code in a list sorted by code (dc_store_items_each), or NULL. */
static dc_inv_entry_t *inv_find(dc_inv_entry_t *list, int n, const char *code)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int cmp = strcmp(list[mid].item.code, code);
        if (cmp == 0)
            return &list[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static dc_err_t keep_unexpected(dc_inventory_t *inv, const dc_item_t *it, const dc_item_t **item)
{
    dc_item_t *u = grow(inv->unexpected, inv->nunexpected, &inv->capunexpected, sizeof *u);
    if (!u)
        return DC_E_NOMEM;
    inv->unexpected = u;
    u[inv->nunexpected] = *it;
    *item = &u[inv->nunexpected++];
    return DC_E_OK;
}

/* An item stored here since the inventory began: expected after all, and found, kept in order. */
static dc_err_t put_back(dc_inventory_t *inv, const dc_item_t *it, const dc_item_t **item,
                         dc_inv_result_t *res)
{
    dc_inv_entry_t *e = realloc(inv->expected, (size_t)(inv->nexpected + 1) * sizeof *e);
    if (!e)
        return DC_E_NOMEM;
    inv->expected = e;
    int at = 0;
    while (at < inv->nexpected && strcmp(e[at].item.code, it->code) < 0)
        at++;
    memmove(&e[at + 1], &e[at], (size_t)(inv->nexpected - at) * sizeof *e);
    e[at].item = *it;
    e[at].found = true;
    inv->nexpected++;
    inv->nfound++;
    *item = &e[at].item;
    *res = DC_INV_PUT_BACK;
    return DC_E_OK;
}

dc_err_t dc_inventory_scan(dc_inventory_t *inv, dc_store_t *st, const char *text, size_t len,
                           const dc_item_t **item, dc_inv_result_t *res)
{
    DC_EXPECT(inv && st && text && item && res);
    *item = NULL;
    *res = DC_INV_BAD_SCAN;
    char code[DC_CODE_MAX];
    dc_err_t e = dc_code_expect(text, len, DC_CODE_ITEM, code);
    if (e)
        return e; /* not an item's label: the code's own words say what it is */
    dc_inv_entry_t *en = inv_find(inv->expected, inv->nexpected, code);
    if (en) {
        *item = &en->item;
        *res = en->found ? DC_INV_AGAIN : DC_INV_FOUND;
        if (!en->found)
            inv->nfound++;
        en->found = true;
        return DC_E_OK;
    }
    for (int i = 0; i < inv->nunexpected; i++) {
        if (strcmp(inv->unexpected[i].code, code) == 0) {
            *item = &inv->unexpected[i];
            *res = DC_INV_AGAIN;
            return DC_E_OK;
        }
    }
    dc_item_t it;
    e = dc_store_item_get(st, code, &it);
    if (e == DC_E_NOT_FOUND) {
        *res = DC_INV_UNKNOWN;
        return DC_E_OK;
    }
    if (e)
        return e;
    bool elsewhere = false;
    if (it.state == DC_STATE_IN) {
        /* Stored since the inventory began: here when its place is this terminal's. */
        dc_inv_entry_t *other = inv_find(inv->elsewhere, inv->nelsewhere, code);
        elsewhere = other || (inv->scoped && !place_here(inv->places, it.place));
        if (other)
            other->found = true;
        if (!elsewhere)
            return put_back(inv, &it, item, res);
    }
    if ((e = keep_unexpected(inv, &it, item)))
        return e;
    switch (it.state) {
    case DC_STATE_OUT:
        *res = DC_INV_OUT;
        break;
    case DC_STATE_TRANSIT:
        *res = DC_INV_TRANSIT;
        break;
    case DC_STATE_DISPOSED:
        *res = DC_INV_DISPOSED;
        break;
    case DC_STATE_RETIRED:
        *res = DC_INV_RETIRED;
        break;
    default:
        *res = DC_INV_ELSEWHERE;
        break;
    }
    return DC_E_OK;
}

/* ---- the seal ---- */

int dc_check_counts(const dc_check_t *c, const dc_inventory_t *inv, dc_seal_count_t *out, int cap)
{
    const dc_seal_count_t all[] = {
        {"記録件数", "Events", c->events},
        {"持ち出し", "Taken out", c->by_type[DC_EV_TAKE_OUT]},
        {"返却", "Returned", c->by_type[DC_EV_RETURN]},
        {"複製", "Copied", c->by_type[DC_EV_COPY]},
        {"運搬", "Transported", c->by_type[DC_EV_TRANSPORT]},
        {"廃棄", "Disposed", c->by_type[DC_EV_DISPOSE]},
        {"持ち出し中", "Still out", c->nout},
        {"返却予定日超過", "Overdue", c->noverdue},
        {"運搬中", "In transit", c->ntransit},
        {"異常", "Anomalies", c->nanomalies - c->nreview},
        {"要確認", "For review", c->nreview},
        {"在庫確認 確認数", "Inventory found", inv ? inv->nfound : -1},
        {"在庫確認 未確認", "Inventory not found", inv ? inv->nexpected - inv->nfound : -1},
        {"在庫確認 所在違い", "Inventory misplaced", inv ? inv->nunexpected : -1},
        {"他の保管場所(対象外)", "Elsewhere (not checked)", inv ? inv->nelsewhere : -1},
    };
    int n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0] && n < cap; i++) {
        if (all[i].value >= 0)
            out[n++] = all[i];
    }
    return n;
}

bool dc_check_seal_reason_ok(const char *reason)
{
    return reason &&
           (strcmp(reason, DC_SEAL_REASON_LATER) == 0 || strcmp(reason, DC_SEAL_REASON_LENT) == 0 ||
            strcmp(reason, DC_SEAL_REASON_OTHER) == 0);
}

void dc_check_seal_reason(const char *detail, char *out, size_t cap)
{
    const char *r = strstr(detail, " reason=");
    snprintf(out, cap, "%s", r ? r + 8 : "");
}

dc_err_t dc_check_seal(dc_store_t *st, const dc_term_t *term, const dc_check_t *c,
                       const char *manager, const dc_inventory_t *inv, const char *reason,
                       int64_t *seq)
{
    DC_EXPECT(st && term && c && manager && seq);
    int64_t count;
    uint8_t head[DC_HASH_LEN];
    dc_err_t e = dc_store_head(st, &count, head);
    if (e)
        return e;
    char hex[2 * DC_HASH_LEN + 1];
    for (int i = 0; i < DC_HASH_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02x", head[i]);

    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_event_init(ev, DC_EV_MONTHLY_CHECK);
    dc_desk_stamp(term, ev);
    dc_copy(ev->actor, sizeof ev->actor, manager);
    dc_copy(ev->purpose, sizeof ev->purpose, c->month);
    /* The figures and the anomalies acknowledged, in words a later reader can check. */
    char acked[200] = "";
    for (int k = 0; k < DC_AN__COUNT; k++) {
        size_t n = strlen(acked);
        if (c->by_kind[k])
            snprintf(acked + n, sizeof acked - n, "%s%s:%d", n ? "," : "",
                     dc_anomaly_name((dc_anomaly_kind_t)k), c->by_kind[k]);
    }
    char inventory[64] = "none";
    if (inv)
        snprintf(inventory, sizeof inventory, "%d/%d,misplaced:%d,elsewhere:%d", inv->nfound,
                 inv->nexpected, inv->nunexpected, inv->nelsewhere);
    char verified[40] = "ok";
    if (!c->intact)
        snprintf(verified, sizeof verified, "failed@%lld", (long long)c->verify.bad_seq);
    /* Written whole or not at all: a seal whose figures were cut could not be checked later. */
    char detail[1024];
    int w =
        snprintf(detail, sizeof detail,
                 "events=%lld out=%d overdue=%d transit=%d disposed=%d anomalies=%d[%s] "
                 "review=%d inventory=%s verify=%s checkpoint=%lld:%s%s%.80s",
                 (long long)c->events, c->nout, c->noverdue, c->ntransit, c->ndisposed,
                 c->nanomalies - c->nreview, acked, c->nreview, inventory, verified,
                 (long long)count, hex, reason && *reason ? " reason=" : "", reason ? reason : "");
    if (w < 0 || !dc_copy(ev->detail, sizeof ev->detail, detail)) {
        free(ev);
        return DC_E_TOO_LONG;
    }
    int failed;
    e = dc_store_append(st, ev, 1, &failed);
    *seq = e ? 0 : ev->seq;
    free(ev);
    return e;
}

dc_err_t dc_check_record_refusal(dc_store_t *st, const dc_term_t *term, const char *actor,
                                 dc_evtype_t attempted, dc_err_t why, const char *item,
                                 const char *second)
{
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_event_init(ev, DC_EV_REFUSED);
    dc_desk_stamp(term, ev);
    /* What was typed or scanned may not fit or not be text: keep what can be kept. */
    if (actor && dc_text_ok(actor, sizeof ev->actor))
        dc_copy(ev->actor, sizeof ev->actor, actor);
    if (item && dc_text_ok(item, sizeof ev->item))
        dc_copy(ev->item, sizeof ev->item, item);
    if (second && dc_text_ok(second, sizeof ev->second))
        dc_copy(ev->second, sizeof ev->second, second);
    dc_copy(ev->purpose, sizeof ev->purpose, dc_evtype_name(attempted));
    dc_copy(ev->detail, sizeof ev->detail, dc_err_name(why));
    int failed;
    dc_err_t e = dc_store_append(st, ev, 1, &failed);
    free(ev);
    return e;
}
