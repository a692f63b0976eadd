/* A demo office: a roster, an inventory and a month of counter work, deterministic for a seed.
 * Every event goes through the same rules as the counter; a refusal here is a bug. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "platform/clock.h"
#include "store/store.h"

typedef struct {
    const char *name, *kana, *section;
    dc_role_t role;
} demo_staff_t;

static const demo_staff_t roster[] = {
    {"佐藤 健一", "サトウ ケンイチ", "情報政策課", DC_ROLE_ADMIN},
    {"髙橋 美咲", "タカハシ ミサキ", "戸籍住民課", DC_ROLE_MANAGER},
    {"山﨑 浩二", "ヤマザキ コウジ", "税務課", DC_ROLE_MANAGER},
    {"田中 花子", "タナカ ハナコ", "戸籍住民課", DC_ROLE_STAFF},
    {"鈴木 一郎", "スズキ イチロウ", "戸籍住民課", DC_ROLE_STAFF},
    {"伊藤 直美", "イトウ ナオミ", "税務課", DC_ROLE_STAFF},
    {"渡辺 翔", "ワタナベ ショウ", "税務課", DC_ROLE_STAFF},
    {"中村 由紀", "ナカムラ ユキ", "戸籍住民課", DC_ROLE_STAFF},
    {"小林 誠", "コバヤシ マコト", "税務課", DC_ROLE_STAFF},
};
enum { NSTAFF = sizeof roster / sizeof roster[0], RELEASED = NSTAFF - 1 };

typedef struct {
    const char *title;
    dc_kind_t kind;
    const char *place;
    bool personal, my_number;
    const char *notes;
} demo_item_t;

static const demo_item_t inventory[] = {
    {"住民異動届 綴り", DC_KIND_PAPER, "書庫A キャビネット1", true, false, ""},
    {"転出証明書 控え", DC_KIND_PAPER, "書庫A キャビネット1", true, false, ""},
    {"印鑑登録申請書 綴り", DC_KIND_PAPER, "書庫A キャビネット2", true, false, ""},
    {"個人番号カード交付申請書 綴り", DC_KIND_PAPER, "金庫", true, true, "特定個人情報"},
    {"戸籍届書 受付簿", DC_KIND_PAPER, "書庫A キャビネット2", true, false, ""},
    {"窓口案内マニュアル", DC_KIND_PAPER, "事務室 書棚", false, false, ""},
    {"庁内会議資料 綴り", DC_KIND_PAPER, "事務室 書棚", false, false, ""},
    {"市民課 予算関係書類", DC_KIND_PAPER, "事務室 書棚", false, false, ""},
    {"住民税 課税資料", DC_KIND_PAPER, "書庫B キャビネット1", true, true, "特定個人情報"},
    {"給与支払報告書 綴り", DC_KIND_PAPER, "書庫B キャビネット1", true, true, "特定個人情報"},
    {"固定資産税 評価資料", DC_KIND_PAPER, "書庫B キャビネット2", true, false, ""},
    {"納税相談記録", DC_KIND_PAPER, "書庫B キャビネット2", true, false, ""},
    {"軽自動車税 申告書", DC_KIND_PAPER, "書庫B キャビネット3", true, false, ""},
    {"税務統計 集計表", DC_KIND_PAPER, "事務室 書棚", false, false, ""},
    {"住民異動データ CD-R 1", DC_KIND_CD, "金庫", true, true, "パスワード別送"},
    {"住民異動データ CD-R 2", DC_KIND_CD, "金庫", true, true, "パスワード別送"},
    {"課税資料 DVD-R", DC_KIND_DVD, "金庫", true, true, "パスワード別送"},
    {"統計データ CD-R", DC_KIND_CD, "施錠ロッカー3", false, false, ""},
    {"窓口集計 USBメモリ 01", DC_KIND_USB, "施錠ロッカー3", true, false, "暗号化USB"},
    {"窓口集計 USBメモリ 02", DC_KIND_USB, "施錠ロッカー3", true, false, "暗号化USB"},
    {"広報原稿 USBメモリ", DC_KIND_USB, "施錠ロッカー3", false, false, ""},
    {"バックアップ 外付けHDD", DC_KIND_HDD, "金庫", true, true, "暗号化済み"},
    {"証明書発行ログ 外付けHDD", DC_KIND_HDD, "金庫", true, false, "暗号化済み"},
    {"写真データ SDカード", DC_KIND_SD, "施錠ロッカー3", false, false, ""},
    {"申請書 スキャンデータ SDカード", DC_KIND_SD, "施錠ロッカー3", true, false, ""},
    {"国民健康保険 資格異動届", DC_KIND_PAPER, "書庫A キャビネット3", true, false, ""},
    {"児童手当 認定請求書", DC_KIND_PAPER, "書庫A キャビネット3", true, true, "特定個人情報"},
    {"介護保険 申請書 綴り", DC_KIND_PAPER, "書庫A キャビネット3", true, false, ""},
    {"窓口混雑 調査票", DC_KIND_PAPER, "事務室 書棚", false, false, ""},
    {"旧システム 移行データ DVD-R", DC_KIND_DVD, "金庫", true, true, "廃棄予定"},
    {"旧 窓口端末 HDD", DC_KIND_HDD, "金庫", true, false, "廃棄予定"},
    {"保存期間満了 文書箱 2019", DC_KIND_PAPER, "書庫C", true, false, "廃棄予定"},
    {"保存期間満了 文書箱 2020", DC_KIND_PAPER, "書庫C", true, false, "廃棄予定"},
    {"研修資料 USBメモリ", DC_KIND_USB, "施錠ロッカー3", false, false, ""},
    {"選挙人名簿 抄本", DC_KIND_PAPER, "金庫", true, false, ""},
    {"住居表示 台帳", DC_KIND_PAPER, "書庫A キャビネット4", true, false, ""},
};
enum { NITEMS = sizeof inventory / sizeof inventory[0] };

static const char *const purposes[] = {"会議資料として使用", "出張所での窓口対応", "監査対応",
                                       "法務局への照会", "庁内打合せ"};
static const char *const destinations[] = {"本庁舎 3階会議室", "北出張所", "南出張所",
                                           "法務局 本局", "議会棟 委員会室"};
static const char *const recipients[] = {"北出張所 窓口係", "南出張所 窓口係", "税務課 諸税係"};

typedef struct {
    uint64_t s;
} rng_t;

static uint32_t rnd(rng_t *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)(r->s >> 11);
}

static int pick(rng_t *r, int n)
{
    return (int)(rnd(r) % (uint32_t)n);
}

typedef struct {
    dc_store_t *st;
    const dc_term_t *term;
    rng_t rng;
    char badge[NSTAFF][DC_CODE_MAX];
    char code[NITEMS][DC_CODE_MAX];
    int64_t out_seq[NITEMS]; /* the take-out or transport that holds the item, 0 when in */
    int holder[NITEMS];
    dc_state_t state[NITEMS];
    int64_t events;
} demo_t;

static void make_code(demo_t *d, dc_code_type_t type, char out[DC_CODE_MAX])
{
    uint8_t r[DC_CODE_RANDOM_BYTES];
    for (int i = 0; i < DC_CODE_RANDOM_BYTES; i++)
        r[i] = (uint8_t)rnd(&d->rng);
    dc_code_make(type, r, out);
}

static void stamp(const demo_t *d, dc_event_t *ev, int64_t ts)
{
    ev->ts_ms = ts;
    ev->tz_min = d->term->tz_min;
    ev->channel = DC_CHANNEL_KIOSK;
    memcpy(ev->terminal, d->term->terminal, sizeof ev->terminal);
}

static dc_err_t commit(demo_t *d, dc_event_t *ev)
{
    int failed;
    dc_err_t e = dc_store_append(d->st, ev, 1, &failed);
    if (e)
        fprintf(stderr, "demo: %s event refused: %s (%s)\n", dc_evtype_name(ev->type),
                dc_err_name(e), dc_store_detail(d->st));
    else
        d->events++;
    return e;
}

static int staff_other_than(demo_t *d, int who, dc_role_t role)
{
    for (;;) {
        int i = pick(&d->rng, RELEASED); /* the released person never acts */
        if (i != who && (role == DC_ROLE__COUNT || roster[i].role == role))
            return i;
    }
}

static int handler(demo_t *d, bool include_released)
{
    /* Handlers are staff and managers; the administrator rarely works the counter. */
    return 1 + pick(&d->rng, include_released ? NSTAFF - 1 : RELEASED - 1);
}

static dc_err_t setup(demo_t *d, int64_t t)
{
    dc_err_t e;
    dc_event_t ev;
    for (int i = 0; i < NSTAFF; i++) {
        make_code(d, DC_CODE_BADGE, d->badge[i]);
        dc_event_init(&ev, DC_EV_ENROLL);
        stamp(d, &ev, t + i * 60000);
        memcpy(ev.actor, d->badge[0], DC_CODE_MAX);
        memcpy(ev.subject, d->badge[i], DC_CODE_MAX);
        dc_copy(ev.name, sizeof ev.name, roster[i].name);
        dc_copy(ev.kana, sizeof ev.kana, roster[i].kana);
        dc_copy(ev.section, sizeof ev.section, roster[i].section);
        ev.role = roster[i].role;
        if ((e = commit(d, &ev)))
            return e;
        if ((e = dc_desk_set_pin(d->st, d->badge[i], "7391")))
            return e;
    }
    t += NSTAFF * 60000;
    for (int i = 0; i < NITEMS; i++) {
        const demo_item_t *di = &inventory[i];
        make_code(d, DC_CODE_ITEM, d->code[i]);
        dc_event_init(&ev, DC_EV_REGISTER);
        stamp(d, &ev, t + i * 30000);
        memcpy(ev.actor, d->badge[0], DC_CODE_MAX);
        memcpy(ev.item, d->code[i], DC_CODE_MAX);
        ev.kind = di->kind;
        ev.category = dc_kind_category(di->kind);
        dc_copy(ev.title, sizeof ev.title, di->title);
        dc_copy(ev.place, sizeof ev.place, di->place);
        dc_copy(ev.section, sizeof ev.section, i < 8 || i >= 25 ? "戸籍住民課" : "税務課");
        ev.personal = di->personal;
        ev.my_number = di->my_number;
        dc_copy(ev.notes, sizeof ev.notes, di->notes);
        if ((e = commit(d, &ev)))
            return e;
        d->state[i] = DC_STATE_IN;
    }
    return DC_E_OK;
}

/* One piece of counter work on item i at time t. */
static dc_err_t act(demo_t *d, int i, int64_t t, int day, int days_in_month, const char *month)
{
    const demo_item_t *di = &inventory[i];
    bool sensitive = di->personal || di->my_number;
    dc_event_t ev;
    int who = handler(d, false);
    int r = pick(&d->rng, 100);

    if (d->state[i] == DC_STATE_OUT) {
        dc_event_init(&ev, DC_EV_RETURN);
        /* Mostly the taker returns it; now and then a colleague brings it back. */
        int by = r < 85 ? d->holder[i] : staff_other_than(d, d->holder[i], DC_ROLE__COUNT);
        memcpy(ev.actor, d->badge[by], DC_CODE_MAX);
        memcpy(ev.second, d->badge[staff_other_than(d, by, DC_ROLE_MANAGER)], DC_CODE_MAX);
        ev.link_seq = d->out_seq[i];
        d->state[i] = DC_STATE_IN;
    } else if (d->state[i] == DC_STATE_TRANSIT) {
        dc_event_init(&ev, DC_EV_RECEIVE);
        int by = staff_other_than(d, d->holder[i], DC_ROLE__COUNT);
        memcpy(ev.actor, d->badge[by], DC_CODE_MAX);
        dc_event_t tr;
        dc_err_t e = dc_store_event_get(d->st, d->out_seq[i], &tr);
        if (e)
            return e;
        memcpy(ev.to_place, tr.to_place, sizeof ev.to_place);
        ev.link_seq = d->out_seq[i];
        d->state[i] = DC_STATE_IN;
    } else if (strstr(di->notes, "廃棄予定") && day > days_in_month / 2) {
        dc_event_init(&ev, DC_EV_DISPOSE);
        memcpy(ev.actor, d->badge[who], DC_CODE_MAX);
        memcpy(ev.second, d->badge[staff_other_than(d, who, DC_ROLE_MANAGER)], DC_CODE_MAX);
        if (di->kind == DC_KIND_PAPER) {
            ev.method = DC_METHOD_DESTROY;
            dc_copy(ev.technique, sizeof ev.technique, "溶解処理");
        } else if (di->kind == DC_KIND_HDD) {
            ev.method = DC_METHOD_PURGE;
            dc_copy(ev.technique, sizeof ev.technique, "データ消去ソフト(上書き)及び消磁");
        } else {
            ev.method = DC_METHOD_DESTROY;
            dc_copy(ev.technique, sizeof ev.technique, "破砕");
        }
        snprintf(ev.certificate, sizeof ev.certificate, "HK-%s-%03d", month, i + 1);
        d->state[i] = DC_STATE_DISPOSED;
    } else if (r < 55) {
        dc_event_init(&ev, DC_EV_TAKE_OUT);
        memcpy(ev.actor, d->badge[who], DC_CODE_MAX);
        bool manager = (di->kind == DC_KIND_PAPER && di->personal) || di->my_number;
        int approver =
            staff_other_than(d, who, manager || r < 30 ? DC_ROLE_MANAGER : DC_ROLE__COUNT);
        memcpy(ev.second, d->badge[approver], DC_CODE_MAX);
        dc_copy(ev.purpose, sizeof ev.purpose, purposes[pick(&d->rng, 5)]);
        dc_copy(ev.to_place, sizeof ev.to_place, destinations[pick(&d->rng, 5)]);
        int64_t due = t + (int64_t)(1 + pick(&d->rng, 5)) * 86400000;
        dc_event_local_date(due, d->term->tz_min, ev.due);
        d->state[i] = DC_STATE_OUT;
        d->holder[i] = who;
    } else if (r < 75) {
        dc_event_init(&ev, DC_EV_COPY);
        memcpy(ev.actor, d->badge[who], DC_CODE_MAX);
        memcpy(ev.second,
               d->badge[staff_other_than(d, who, sensitive ? DC_ROLE_MANAGER : DC_ROLE__COUNT)],
               DC_CODE_MAX);
        dc_copy(ev.purpose, sizeof ev.purpose, "照会回答の添付資料");
        dc_copy(ev.recipient, sizeof ev.recipient, recipients[pick(&d->rng, 3)]);
        ev.quantity = 1 + pick(&d->rng, 3);
        ev.masked = di->kind == DC_KIND_PAPER && di->personal;
    } else {
        dc_event_init(&ev, DC_EV_TRANSPORT);
        memcpy(ev.actor, d->badge[who], DC_CODE_MAX);
        memcpy(ev.carrier, d->badge[who], DC_CODE_MAX);
        dc_copy(ev.from_place, sizeof ev.from_place, di->place);
        int to = pick(&d->rng, 2);
        dc_copy(ev.to_place, sizeof ev.to_place, destinations[1 + to]);
        dc_copy(ev.recipient, sizeof ev.recipient, recipients[to]);
        ev.locked_bag = sensitive || r % 2;
        d->state[i] = DC_STATE_TRANSIT;
        d->holder[i] = who;
    }
    stamp(d, &ev, t);
    memcpy(ev.item, d->code[i], DC_CODE_MAX);
    dc_err_t e = commit(d, &ev);
    if (!e && (ev.type == DC_EV_TAKE_OUT || ev.type == DC_EV_TRANSPORT))
        d->out_seq[i] = ev.seq;
    return e;
}

static dc_err_t login(demo_t *d, int who, int64_t t, bool ok)
{
    dc_event_t ev;
    dc_event_init(&ev, ok ? DC_EV_LOGIN : DC_EV_LOGIN_FAILED);
    stamp(d, &ev, t);
    memcpy(ev.actor, d->badge[who], DC_CODE_MAX);
    if (!ok)
        dc_copy(ev.detail, sizeof ev.detail, "PIN mismatch");
    return commit(d, &ev);
}

dc_err_t dc_desk_demo(dc_store_t *st, const dc_term_t *term, const dc_demo_opts_t *opts,
                      int64_t *events_out)
{
    demo_t *d = calloc(1, sizeof *d);
    if (!d)
        return DC_E_NOMEM;
    d->st = st;
    d->term = term;
    d->rng.s = 0x9e3779b97f4a7c15ull ^ opts->seed;

    char month[8];
    if (opts->month) {
        snprintf(month, sizeof month, "%.7s", opts->month);
    } else {
        /* The month before the clock's: a whole month in the past. */
        int64_t now = dc_clock_now_ms();
        char date[DC_DATE_MAX];
        dc_event_local_date(now, term->tz_min, date);
        /* The day before the first of this month lies in the month before. */
        int64_t from, to;
        char this_month[8];
        memcpy(this_month, date, 7);
        this_month[7] = '\0';
        if (dc_desk_month_range(this_month, term->tz_min, &from, &to) == DC_E_OK)
            dc_event_local_month(from - 86400000, term->tz_min, month);
        else
            memcpy(month, this_month, sizeof month);
    }
    int64_t from, to;
    dc_err_t e = dc_desk_month_range(month, term->tz_min, &from, &to);
    if (e)
        goto out;
    int days = (int)((to - from) / 86400000);
    const int64_t hour = 3600000;

    if ((e = setup(d, from + 8 * hour + 30 * 60000)))
        goto out;
    for (int day = 1; day <= days && !e; day++) {
        int64_t t = from + (int64_t)(day - 1) * 24 * hour + 9 * hour;
        /* 1970-01-01 was a Thursday: weekday 0 = Monday. */
        int weekday = (int)(((t / 86400000) + 3) % 7);
        if (weekday >= 5 && day != 1)
            continue;
        if (day == 1)
            t += 2 * hour; /* after the morning's enrolment and registration */
        int n = 3 + pick(&d->rng, 5);
        for (int k = 0; k < n && !e; k++) {
            t += (int64_t)(20 + pick(&d->rng, 50)) * 60000;
            int who = handler(d, false);
            if (pick(&d->rng, 12) == 0)
                e = login(d, who, t - 60000, false);
            if (!e)
                e = login(d, who, t - 30000, true);
            int i = pick(&d->rng, NITEMS);
            if (!e && d->state[i] != DC_STATE_DISPOSED)
                e = act(d, i, t, day, days, month);
        }
        if (!e && day == days / 2) {
            /* Mid-month a handler leaves the section and is released. */
            dc_event_t ev;
            dc_event_init(&ev, DC_EV_RELEASE);
            stamp(d, &ev, t + hour);
            memcpy(ev.actor, d->badge[0], DC_CODE_MAX);
            memcpy(ev.subject, d->badge[RELEASED], DC_CODE_MAX);
            e = commit(d, &ev);
        }
    }
    *events_out = d->events;
out:
    free(d);
    return e;
}
