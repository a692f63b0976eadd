/* Benchmark ledgers: years of counter work in minutes. The randomness is a fixed xorshift, so a
 * seed gives the same events (and the same chain) on every machine. */
#include "desk/gen.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    NSTAFF = 60,
    NMANAGERS = 8,   /* staff 1..8; staff 0 is the administrator */
    NITEMS0 = 3000,  /* registered on the first day */
    PER_TXN = 2000,  /* events per committed transaction */
    NOPEN = 1 << 16, /* take-outs and transports open at once, at most */
    SPAN_S = 31500,  /* 08:30-17:15 */
    DAY_MS = 86400000,
};

static const char *const family[] = {"佐藤", "鈴木", "髙橋", "田中", "伊藤", "渡辺",
                                     "山本", "中村", "小林", "加藤", "吉田", "山﨑"};
static const char *const family_kana[] = {"サトウ",   "スズキ",   "タカハシ", "タナカ",
                                          "イトウ",   "ワタナベ", "ヤマモト", "ナカムラ",
                                          "コバヤシ", "カトウ",   "ヨシダ",   "ヤマザキ"};
static const char *const given[] = {"健一", "美咲", "浩二", "花子", "一郎"};
static const char *const given_kana[] = {"ケンイチ", "ミサキ", "コウジ", "ハナコ", "イチロウ"};
static const char *const sections[] = {"戸籍住民課", "税務課", "保険年金課", "情報政策課"};
static const char *const places[] = {"書庫A キャビネット1", "書庫A キャビネット2", "書庫B", "金庫",
                                     "施錠ロッカー3",       "事務室 書棚"};
static const char *const destinations[] = {"本庁舎 3階会議室", "北出張所", "南出張所",
                                           "法務局 本局", "議会棟 委員会室"};
static const char *const recipients[] = {"北出張所 窓口係", "南出張所 窓口係", "税務課 諸税係"};
static const char *const purposes[] = {"会議資料として使用", "出張所での窓口対応", "監査対応",
                                       "法務局への照会", "庁内打合せ"};

typedef struct {
    const char *title;
    dc_kind_t kind;
    bool personal, my_number;
} kind_t;

static const kind_t kinds[] = {
    {"住民異動届 綴り", DC_KIND_PAPER, true, false},
    {"個人番号カード交付申請書", DC_KIND_PAPER, true, true},
    {"住民税 課税資料", DC_KIND_PAPER, true, true},
    {"庁内会議資料", DC_KIND_PAPER, false, false},
    {"固定資産税 評価資料", DC_KIND_PAPER, true, false},
    {"住民異動データ CD-R", DC_KIND_CD, true, true},
    {"統計データ DVD-R", DC_KIND_DVD, false, false},
    {"窓口集計 USBメモリ", DC_KIND_USB, true, false},
    {"バックアップ 外付けHDD", DC_KIND_HDD, true, true},
    {"申請書 スキャンデータ SDカード", DC_KIND_SD, true, false},
};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

typedef struct {
    char code[DC_CODE_MAX];
    int kind, place, to;
    dc_state_t state;
    int holder;
    int64_t out_seq;
} gen_item_t;

typedef struct {
    dc_store_t *st;
    const dc_term_t *term;
    uint64_t rng;
    char badge[NSTAFF][DC_CODE_MAX];
    gen_item_t *items;
    int nitems, cap;
    int64_t written, target;
    int in_txn;
    int64_t last_ts;
    /* What is out or on the way: a heap by when it comes back, the soonest first. */
    struct {
        int64_t until;
        int item;
    } open[NOPEN];
    int nopen;
    int64_t until; /* when the item being taken out now comes back */
} gen_t;

static uint32_t next(gen_t *g)
{
    g->rng ^= g->rng << 13;
    g->rng ^= g->rng >> 7;
    g->rng ^= g->rng << 17;
    return (uint32_t)(g->rng >> 11);
}

static int below(gen_t *g, int n)
{
    return (int)(next(g) % (uint32_t)n);
}

static void new_code(gen_t *g, dc_code_type_t type, char out[DC_CODE_MAX])
{
    uint8_t r[DC_CODE_RANDOM_BYTES];
    for (int i = 0; i < DC_CODE_RANDOM_BYTES; i++)
        r[i] = (uint8_t)next(g);
    dc_code_make(type, r, out);
}

static void begin(gen_t *g, dc_event_t *ev, dc_evtype_t type, int64_t ts, int actor)
{
    dc_event_init(ev, type);
    ev->ts_ms = ts;
    ev->tz_min = g->term->tz_min;
    ev->channel = DC_CHANNEL_KIOSK;
    memcpy(ev->terminal, g->term->terminal, sizeof ev->terminal);
    memcpy(ev->actor, g->badge[actor], DC_CODE_MAX);
}

/* Append one record; every PER_TXN events the open transaction is committed. */
static dc_err_t put(gen_t *g, dc_event_t *ev)
{
    int failed;
    dc_err_t e = dc_store_append(g->st, ev, 1, &failed);
    if (e) {
        fprintf(stderr, "bench-data: %s event refused: %s (%s)\n", dc_evtype_name(ev->type),
                dc_err_name(e), dc_store_detail(g->st));
        return e;
    }
    g->written++;
    g->last_ts = ev->ts_ms;
    if (++g->in_txn == PER_TXN) {
        g->in_txn = 0;
        if ((e = dc_store_bulk_end(g->st, true)) || (e = dc_store_bulk_begin(g->st)))
            return e;
    }
    return DC_E_OK;
}

/* Someone other than who: a manager when manager is set, else anyone but the administrator. */
static int other(gen_t *g, int who, bool manager)
{
    for (;;) {
        int i = manager ? 1 + below(g, NMANAGERS) : 1 + below(g, NSTAFF - 1);
        if (i != who)
            return i;
    }
}

static dc_err_t enrol(gen_t *g, int i, int64_t ts)
{
    dc_event_t ev;
    new_code(g, DC_CODE_BADGE, g->badge[i]);
    begin(g, &ev, DC_EV_ENROLL, ts, 0);
    memcpy(ev.subject, g->badge[i], DC_CODE_MAX);
    int f = i % 12, n = (i / 12) % 5;
    snprintf(ev.name, sizeof ev.name, "%s %s", family[f], given[n]);
    snprintf(ev.kana, sizeof ev.kana, "%s %s", family_kana[f], given_kana[n]);
    dc_copy(ev.section, sizeof ev.section, sections[i % 4]);
    ev.role = i == 0 ? DC_ROLE_ADMIN : i <= NMANAGERS ? DC_ROLE_MANAGER : DC_ROLE_STAFF;
    return put(g, &ev);
}

static dc_err_t add_item(gen_t *g, int64_t ts)
{
    if (g->nitems == g->cap) {
        int cap = g->cap * 2;
        gen_item_t *items = realloc(g->items, (size_t)cap * sizeof *items);
        if (!items)
            return DC_E_NOMEM;
        g->items = items;
        g->cap = cap;
    }
    gen_item_t *it = &g->items[g->nitems];
    memset(it, 0, sizeof *it);
    new_code(g, DC_CODE_ITEM, it->code);
    it->kind = below(g, NKINDS);
    it->place = below(g, (int)(sizeof places / sizeof places[0]));
    const kind_t *k = &kinds[it->kind];
    dc_event_t ev;
    begin(g, &ev, DC_EV_REGISTER, ts, below(g, 2) ? 0 : 1 + below(g, NMANAGERS));
    memcpy(ev.item, it->code, DC_CODE_MAX);
    ev.kind = k->kind;
    ev.category = dc_kind_category(k->kind);
    snprintf(ev.title, sizeof ev.title, "%s 第%d号", k->title, g->nitems + 1);
    dc_copy(ev.place, sizeof ev.place, places[it->place]);
    dc_copy(ev.section, sizeof ev.section, sections[g->nitems % 4]);
    ev.personal = k->personal;
    ev.my_number = k->my_number;
    dc_copy(ev.notes, sizeof ev.notes, k->my_number ? "特定個人情報" : "");
    dc_err_t e = put(g, &ev);
    if (!e) {
        it->state = DC_STATE_IN;
        g->nitems++;
    }
    return e;
}

/* What happens next to an item in storage. */
static void from_storage(gen_t *g, gen_item_t *it, dc_event_t *ev, int who, int64_t ts)
{
    const kind_t *k = &kinds[it->kind];
    bool sensitive = k->personal || k->my_number;
    int r = below(g, 1000);
    if (r < 5) {
        begin(g, ev, DC_EV_DISPOSE, ts, who);
        memcpy(ev->second, g->badge[other(g, who, true)], DC_CODE_MAX);
        ev->method = k->kind == DC_KIND_HDD ? DC_METHOD_PURGE : DC_METHOD_DESTROY;
        dc_copy(ev->technique, sizeof ev->technique,
                k->kind == DC_KIND_PAPER ? "溶解処理"
                : k->kind == DC_KIND_HDD ? "データ消去ソフト(上書き)及び消磁"
                                         : "破砕");
        snprintf(ev->certificate, sizeof ev->certificate, "HK-%lld", (long long)(g->written + 1));
        it->state = DC_STATE_DISPOSED;
    } else if (r < 560) {
        begin(g, ev, DC_EV_TAKE_OUT, ts, who);
        /* Back in one to five days; now and then weeks later (the check's overdue items). */
        int days = below(g, 100) < 3 ? 20 + below(g, 20) : 1 + below(g, 5);
        dc_event_local_date(ts + (int64_t)(days < 6 ? days : 5) * DAY_MS, g->term->tz_min, ev->due);
        g->until = ts + (int64_t)days * DAY_MS;
        bool manager = (k->kind == DC_KIND_PAPER && k->personal) || k->my_number || r < 300;
        memcpy(ev->second, g->badge[other(g, who, manager)], DC_CODE_MAX);
        dc_copy(ev->purpose, sizeof ev->purpose, purposes[below(g, 5)]);
        dc_copy(ev->to_place, sizeof ev->to_place, destinations[below(g, 5)]);
        it->state = DC_STATE_OUT;
        it->holder = who;
    } else if (r < 780) {
        begin(g, ev, DC_EV_COPY, ts, who);
        memcpy(ev->second, g->badge[other(g, who, sensitive)], DC_CODE_MAX);
        dc_copy(ev->purpose, sizeof ev->purpose, "照会回答の添付資料");
        dc_copy(ev->recipient, sizeof ev->recipient, recipients[below(g, 3)]);
        ev->quantity = 1 + below(g, 3);
        ev->masked = k->kind == DC_KIND_PAPER && k->personal;
    } else {
        begin(g, ev, DC_EV_TRANSPORT, ts, who);
        memcpy(ev->carrier, g->badge[who], DC_CODE_MAX);
        dc_copy(ev->from_place, sizeof ev->from_place, places[it->place]);
        it->to = 1 + below(g, 2);
        dc_copy(ev->to_place, sizeof ev->to_place, destinations[it->to]);
        dc_copy(ev->recipient, sizeof ev->recipient, recipients[it->to - 1]);
        ev->locked_bag = sensitive || r % 2;
        g->until = ts + DAY_MS / 4 + below(g, DAY_MS);
        it->state = DC_STATE_TRANSIT;
        it->holder = who;
    }
}

static void open_push(gen_t *g, int item)
{
    int i = g->nopen++;
    while (i > 0 && g->open[(i - 1) / 2].until > g->until) {
        g->open[i] = g->open[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    g->open[i].until = g->until;
    g->open[i].item = item;
}

/* The item that comes back soonest, taken off the heap. */
static int open_pop(gen_t *g)
{
    int item = g->open[0].item;
    int n = --g->nopen, i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && g->open[c + 1].until < g->open[c].until)
            c++;
        if (g->open[n].until <= g->open[c].until)
            break;
        g->open[i] = g->open[c];
        i = c;
    }
    g->open[i] = g->open[n];
    return item;
}

/* One event at ts: a log-in, a failed one, a registration, or custody work on an item. */
static dc_err_t step(gen_t *g, int64_t ts)
{
    int who = 1 + below(g, NSTAFF - 1);
    int r = below(g, 100);
    dc_event_t ev;
    if (r < 25 || r == 99) {
        begin(g, &ev, r < 25 ? DC_EV_LOGIN : DC_EV_LOGIN_FAILED, ts, who);
        if (r == 99)
            dc_copy(ev.detail, sizeof ev.detail, "PIN mismatch");
        return put(g, &ev);
    }
    if (r == 98)
        return add_item(g, ts);
    gen_item_t *it = NULL;
    if (g->nopen && (g->open[0].until <= ts || g->nopen == NOPEN))
        it = &g->items[open_pop(g)];
    for (int tries = 0; !it && tries < 64; tries++) {
        gen_item_t *pick = &g->items[below(g, g->nitems)];
        if (pick->state == DC_STATE_IN)
            it = pick;
    }
    if (!it) { /* everything is out: a log-in instead */
        begin(g, &ev, DC_EV_LOGIN, ts, who);
        return put(g, &ev);
    }
    if (it->state == DC_STATE_OUT) {
        int by = below(g, 100) < 85 ? it->holder : other(g, it->holder, false);
        begin(g, &ev, DC_EV_RETURN, ts, by);
        memcpy(ev.second, g->badge[other(g, by, false)], DC_CODE_MAX);
        ev.link_seq = it->out_seq;
        it->state = DC_STATE_IN;
    } else if (it->state == DC_STATE_TRANSIT) {
        begin(g, &ev, DC_EV_RECEIVE, ts, other(g, it->holder, false));
        dc_copy(ev.to_place, sizeof ev.to_place, destinations[it->to]);
        ev.link_seq = it->out_seq;
        it->state = DC_STATE_IN;
    } else {
        from_storage(g, it, &ev, who, ts);
    }
    memcpy(ev.item, it->code, DC_CODE_MAX);
    dc_err_t e = put(g, &ev);
    if (!e && (ev.type == DC_EV_TAKE_OUT || ev.type == DC_EV_TRANSPORT)) {
        it->out_seq = ev.seq;
        open_push(g, (int)(it - g->items));
    }
    return e;
}

static dc_err_t run(gen_t *g, int64_t from, int per_day)
{
    dc_err_t e = DC_E_OK;
    /* The roster and the first items the day before the first month, so that every month
     * holds only counter work and the same seed gives the same months at any size. */
    int64_t t = from - DAY_MS + 8 * 3600000 + 30 * 60000;
    for (int i = 0; i < NSTAFF && !e && g->written < g->target; i++)
        e = enrol(g, i, t + i * 1000);
    for (int i = 0; i < NITEMS0 && !e && g->written < g->target; i++)
        e = add_item(g, t + 60000 + i * 1000);
    for (int64_t day = 0; !e && g->written < g->target; day++) {
        int64_t start = from + day * DAY_MS + 8 * 3600000 + 30 * 60000;
        /* 1970-01-01 was a Thursday: weekday 0 is Monday. */
        int weekday = (int)(((start + g->term->tz_min * 60000LL) / DAY_MS + 3) % 7);
        if (weekday >= 5)
            continue;
        for (int k = 0; k < per_day && !e && g->written < g->target; k++)
            e = step(g, start + (int64_t)k * SPAN_S * 1000 / per_day + below(g, 30000));
    }
    return e;
}

dc_err_t dc_desk_gen(dc_store_t *st, const dc_term_t *term, const dc_gen_opts_t *opts,
                     char last_month[8])
{
    DC_EXPECT(st && term && opts && opts->events > 0);
    int64_t from, to;
    dc_err_t e =
        dc_desk_month_range(opts->start ? opts->start : "2013-04", term->tz_min, &from, &to);
    if (e)
        return e;
    gen_t *g = calloc(1, sizeof *g);
    if (!g)
        return DC_E_NOMEM;
    g->st = st;
    g->term = term;
    g->rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t)opts->seed * 0x2545f4914f6cdd1dull);
    g->target = opts->events;
    g->cap = NITEMS0 * 2;
    g->items = malloc((size_t)g->cap * sizeof *g->items);
    if (!g->items) {
        free(g);
        return DC_E_NOMEM;
    }
    if (!(e = dc_store_bulk_begin(st))) {
        e = run(g, from, opts->per_day > 0 ? opts->per_day : 300);
        dc_err_t end = dc_store_bulk_end(st, !e);
        if (!e)
            e = end;
    }
    if (!e && last_month)
        dc_event_local_month(g->last_ts, term->tz_min, last_month);
    free(g->items);
    free(g);
    return e;
}
