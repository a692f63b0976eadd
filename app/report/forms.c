/* The ledgers as rows of strings. Each monthly form takes the month's events of its types in
 * sequence order; a linked event (the return of a take-out, the arrival of a transport) is found
 * among the item's events whenever it happened, so a take-out in October returned in November
 * shows its return. */
#include "report/forms.h"

#include "desk/correct.h"
#include "desk/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/clock.h"

typedef struct {
    const char *ja, *en;
    dc_csv_kind_t kind; /* how a spreadsheet may read it: text unless said */
} col_t;

typedef struct {
    const char *name;
    const char *title[2];
    const col_t *cols;
    int ncols;
} form_def_t;

static const col_t takeout_cols[] = {
    {"番号", "No.", DC_CSV_NUMBER},
    {"持出日", "Date out", DC_CSV_DATE},
    {"時刻", "Time", DC_CSV_DATE},
    {"ラベル", "Label", DC_CSV_TEXT},
    {"書類名・媒体名", "Document / medium", DC_CSV_TEXT},
    {"持出者", "Taken out by", DC_CSV_TEXT},
    {"承認者", "Approved by", DC_CSV_TEXT},
    {"目的", "Purpose", DC_CSV_TEXT},
    {"持出先", "Destination", DC_CSV_TEXT},
    {"返却予定日", "Due back", DC_CSV_DATE},
    {"返却日", "Returned on", DC_CSV_DATE},
    {"返却者", "Returned by", DC_CSV_TEXT},
    {"返却確認者", "Return checked by", DC_CSV_TEXT},
    {"訂正", "Corrections", DC_CSV_TEXT},
    {"返却時の状態", "Condition on return", DC_CSV_TEXT}, /* last: the columns before keep places */
};

static const col_t copy_transport_cols[] = {
    {"番号", "No.", DC_CSV_NUMBER},         {"日付", "Date", DC_CSV_DATE},
    {"区分", "Type", DC_CSV_TEXT},          {"ラベル", "Label", DC_CSV_TEXT},
    {"名称", "Title", DC_CSV_TEXT},         {"複製先媒体", "Copied to", DC_CSV_TEXT},
    {"数量", "Qty", DC_CSV_NUMBER},         {"目的", "Purpose", DC_CSV_TEXT},
    {"受取人", "Recipient", DC_CSV_TEXT},   {"マスキング", "Masked", DC_CSV_TEXT},
    {"運搬元", "From", DC_CSV_TEXT},        {"運搬先", "To", DC_CSV_TEXT},
    {"運搬者", "Carrier", DC_CSV_TEXT},     {"施錠鞄", "Locked bag", DC_CSV_TEXT},
    {"取扱者", "Handler", DC_CSV_TEXT},     {"承認者", "Approved by", DC_CSV_TEXT},
    {"受領日", "Received on", DC_CSV_DATE}, {"受領者", "Received by", DC_CSV_TEXT},
    {"訂正", "Corrections", DC_CSV_TEXT},
};

static const col_t receipt_disposal_cols[] = {
    {"番号", "No.", DC_CSV_NUMBER},       {"年月日", "Date", DC_CSV_DATE},
    {"受払", "In / out", DC_CSV_TEXT},    {"ラベル", "Label", DC_CSV_TEXT},
    {"名称", "Title", DC_CSV_TEXT},       {"種別", "Kind", DC_CSV_TEXT},
    {"事由", "Reason", DC_CSV_TEXT},      {"取扱者", "Handler", DC_CSV_TEXT},
    {"立会者", "Witness", DC_CSV_TEXT},   {"証明書番号", "Certificate", DC_CSV_TEXT},
    {"訂正", "Corrections", DC_CSV_TEXT},
};

static const col_t inventory_cols[] = {
    {"ラベル", "Label", DC_CSV_TEXT},
    {"分類", "Category", DC_CSV_TEXT},
    {"媒体", "Medium", DC_CSV_TEXT},
    {"名称", "Title", DC_CSV_TEXT},
    {"保管場所", "Storage place", DC_CSV_TEXT},
    {"管理課", "Section", DC_CSV_TEXT},
    {"個人情報", "Personal data", DC_CSV_TEXT},
    {"特定個人情報", "My Number", DC_CSV_TEXT},
    {"状態", "State", DC_CSV_TEXT},
    {"特記事項", "Notes", DC_CSV_TEXT},
};

#define COLS(a) a, (int)(sizeof a / sizeof a[0])

static const form_def_t defs[DC_FORM__COUNT] = {
    [DC_FORM_TAKEOUT] = {"takeout",
                         {"様式2 情報資産持ち出し管理簿",
                          "Form 2: Information asset take-out register"},
                         COLS(takeout_cols)},
    [DC_FORM_COPY_TRANSPORT] = {"copy-transport",
                                {"様式10 複製・運搬記録簿", "Form 10: Copy and transport record"},
                                COLS(copy_transport_cols)},
    [DC_FORM_RECEIPT_DISPOSAL] = {"receipt-disposal",
                                  {"様式8 受払簿", "Form 8: Receipt and disposal register"},
                                  COLS(receipt_disposal_cols)},
    [DC_FORM_INVENTORY] = {"inventory",
                           {"様式1 情報資産目録", "Form 1: Information asset inventory"},
                           COLS(inventory_cols)},
};

struct dc_form {
    dc_form_kind_t kind;
    const form_def_t *def;
    char period[2][48];
    char office[DC_SHORT_MAX];
    char terminal[DC_SHORT_MAX];
    char made[DC_DATE_MAX + 6];
    int64_t events;
    uint8_t head[DC_HASH_LEN];
    int nrows, cap;
    char **cells; /* nrows * ncols, each owned */
};

const char *dc_form_name(dc_form_kind_t k)
{
    DC_EXPECT(k < DC_FORM__COUNT);
    return defs[k].name;
}

bool dc_form_parse(const char *s, dc_form_kind_t *out)
{
    for (int k = 0; k < DC_FORM__COUNT; k++) {
        if (s && strcmp(s, defs[k].name) == 0) {
            *out = (dc_form_kind_t)k;
            return true;
        }
    }
    return false;
}

bool dc_form_monthly(dc_form_kind_t k)
{
    return k != DC_FORM_INVENTORY;
}

dc_form_kind_t dc_form_kind(const dc_form_t *f)
{
    return f->kind;
}

const char *dc_form_title(const dc_form_t *f, dc_lang_t lang)
{
    return f->def->title[lang == DC_LANG_EN];
}

const char *dc_form_period(const dc_form_t *f, dc_lang_t lang)
{
    return f->period[lang == DC_LANG_EN];
}

const char *dc_form_office(const dc_form_t *f)
{
    return f->office;
}

const char *dc_form_terminal(const dc_form_t *f)
{
    return f->terminal;
}

const char *dc_form_made(const dc_form_t *f)
{
    return f->made;
}

void dc_form_checkpoint(const dc_form_t *f, int64_t *events, uint8_t head[DC_HASH_LEN])
{
    *events = f->events;
    memcpy(head, f->head, DC_HASH_LEN);
}

int dc_form_ncols(const dc_form_t *f)
{
    return f->def->ncols;
}

const char *dc_form_header(const dc_form_t *f, int col, dc_lang_t lang)
{
    DC_EXPECT(col >= 0 && col < f->def->ncols);
    return lang == DC_LANG_EN ? f->def->cols[col].en : f->def->cols[col].ja;
}

int dc_form_nrows(const dc_form_t *f)
{
    return f->nrows;
}

dc_csv_kind_t dc_form_col_kind(const dc_form_t *f, int col)
{
    DC_EXPECT(col >= 0 && col < f->def->ncols);
    return f->def->cols[col].kind;
}

const char *dc_form_cell(const dc_form_t *f, int row, int col)
{
    DC_EXPECT(row >= 0 && row < f->nrows && col >= 0 && col < f->def->ncols);
    return f->cells[(size_t)row * (size_t)f->def->ncols + (size_t)col];
}

void dc_form_free(dc_form_t *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < (size_t)f->nrows * (size_t)f->def->ncols; i++)
        free(f->cells[i]);
    free(f->cells);
    free(f);
}

/* Append one row of the form's width; the strings are copied. */
static dc_err_t add_row(dc_form_t *f, const char *const *fields)
{
    size_t n = (size_t)f->def->ncols;
    if (f->nrows == f->cap) {
        int cap = f->cap ? 2 * f->cap : 32;
        char **cells = realloc(f->cells, (size_t)cap * n * sizeof *cells);
        if (!cells)
            return DC_E_NOMEM;
        f->cells = cells;
        f->cap = cap;
    }
    char **row = f->cells + (size_t)f->nrows * n;
    for (size_t i = 0; i < n; i++) {
        if (!(row[i] = strdup(fields[i]))) {
            while (i--)
                free(row[i]);
            return DC_E_NOMEM;
        }
    }
    f->nrows++;
    return DC_E_OK;
}

/* A person as the paper names them: their name, or the badge when it is not on the roster. */
static void person(dc_store_t *st, const char *badge, char out[DC_SHORT_MAX])
{
    dc_staff_t sf;
    bool known = badge[0] && dc_desk_staff_get(st, badge, &sf) == DC_E_OK;
    dc_copy(out, DC_SHORT_MAX, known ? sf.name : badge);
}

/* The item a row is about: its title and kind as registered (blank when unknown). */
static void item_of(dc_store_t *st, const char *code, dc_item_t *it)
{
    if (!code[0] || dc_desk_item_get(st, code, it) != DC_E_OK) {
        memset(it, 0, sizeof *it);
        it->kind = DC_KIND__COUNT;
    }
}

static const char *kind_label(dc_kind_t k)
{
    return k < DC_KIND__COUNT ? dc_kind_label(k, DC_LANG_JA) : "";
}

static const char *yes_no(bool b)
{
    return b ? "有" : "無";
}

/* What every event row shows: its number, when, the item and the two people. */
typedef struct {
    char seq[24];
    char date[DC_DATE_MAX];
    char time[6];
    dc_item_t item;
    char actor[DC_SHORT_MAX];
    char second[DC_SHORT_MAX];
} base_t;

static void base_of(dc_store_t *st, const dc_event_t *ev, base_t *b)
{
    snprintf(b->seq, sizeof b->seq, "%lld", (long long)ev->seq);
    dc_event_local_date(ev->ts_ms, ev->tz_min, b->date);
    dc_event_local_time(ev->ts_ms, ev->tz_min, b->time);
    item_of(st, ev->item, &b->item);
    person(st, ev->actor, b->actor);
    person(st, ev->second, b->second);
}

/* The event of type want that names seq as its link (blank fields when there is none yet). */
typedef struct {
    int64_t seq;
    dc_evtype_t want;
    bool found;
    dc_event_t ev;
} link_t;

static int find_link(const dc_event_t *ev, void *ctx)
{
    link_t *l = ctx;
    if (ev->type != l->want)
        return 0;
    l->ev = *ev;
    l->found = true;
    return 1;
}

typedef struct {
    char date[DC_DATE_MAX];
    char actor[DC_SHORT_MAX];
    char second[DC_SHORT_MAX];
    char notes[DC_LONG_MAX]; /* a return's condition note */
} linked_t;

/* Through the link itself, so a return recorded under a new label still closes its take-out. */
static dc_err_t linked_of(dc_store_t *st, const dc_event_t *ev, dc_evtype_t want, linked_t *out)
{
    memset(out, 0, sizeof *out);
    link_t *l = calloc(1, sizeof *l);
    if (!l)
        return DC_E_NOMEM;
    l->seq = ev->seq;
    l->want = want;
    dc_err_t e = dc_desk_events_linked(st, ev->seq, find_link, l);
    if (!e && l->found) {
        dc_event_local_date(l->ev.ts_ms, l->ev.tz_min, out->date);
        person(st, l->ev.actor, out->actor);
        person(st, l->ev.second, out->second);
        memcpy(out->notes, l->ev.notes, sizeof out->notes);
    }
    free(l);
    return e;
}

/* The corrections of a record, in words for its last column: "No.12 目的の記入誤り (田中 花子 /
 * 承認 髙橋 美咲)", one after another. */
typedef struct {
    dc_store_t *st;
    char text[600];
} fixes_t;

static int add_fix(const dc_event_t *ev, void *ctx)
{
    fixes_t *x = ctx;
    if (ev->type != DC_EV_CORRECTION)
        return 0;
    char who[DC_SHORT_MAX], ok[DC_SHORT_MAX];
    person(x->st, ev->actor, who);
    person(x->st, ev->second, ok);
    size_t n = strlen(x->text);
    snprintf(x->text + n, sizeof x->text - n, "%sNo.%lld %.200s (%.60s / 承認 %.60s)",
             n ? "; " : "", (long long)ev->seq, ev->detail, who, ok);
    return 0;
}

static dc_err_t row_takeout(dc_form_t *f, dc_store_t *st, const dc_event_t *ev, const char *fixes)
{
    base_t b;
    linked_t r;
    base_of(st, ev, &b);
    dc_err_t e = linked_of(st, ev, DC_EV_RETURN, &r);
    if (e)
        return e;
    const char *row[] = {
        b.seq,        b.date,  b.time, ev->item, b.item.title, b.actor, b.second, ev->purpose,
        ev->to_place, ev->due, r.date, r.actor,  r.second,     fixes,   r.notes,
    };
    return add_row(f, row);
}

static dc_err_t row_copy_transport(dc_form_t *f, dc_store_t *st, const dc_event_t *ev,
                                   const char *fixes)
{
    base_t b;
    linked_t r = {0};
    base_of(st, ev, &b);
    bool copy = ev->type == DC_EV_COPY;
    dc_err_t e = copy ? DC_E_OK : linked_of(st, ev, DC_EV_RECEIVE, &r);
    if (e)
        return e;
    char qty[24], carrier[DC_SHORT_MAX];
    snprintf(qty, sizeof qty, "%lld", (long long)ev->quantity);
    person(st, ev->carrier, carrier);
    const char *row[] = {
        b.seq,
        b.date,
        dc_evtype_label(ev->type, DC_LANG_JA),
        ev->item,
        b.item.title,
        ev->dest_item,
        copy ? qty : "",
        ev->purpose,
        ev->recipient,
        copy ? (ev->masked ? "済" : "—") : "",
        copy ? "" : ev->from_place,
        copy ? "" : ev->to_place,
        carrier,
        copy ? "" : yes_no(ev->locked_bag),
        b.actor,
        b.second,
        r.date,
        r.actor,
        fixes,
    };
    return add_row(f, row);
}

static dc_err_t row_receipt_disposal(dc_form_t *f, dc_store_t *st, const dc_event_t *ev,
                                     const char *fixes)
{
    base_t b;
    base_of(st, ev, &b);
    bool reg = ev->type == DC_EV_REGISTER;
    char reason[2 * DC_SHORT_MAX];
    if (reg)
        dc_copy(reason, sizeof reason, "新規登録");
    else
        snprintf(reason, sizeof reason, "%s%s%s", dc_method_label(ev->method, DC_LANG_JA),
                 ev->technique[0] ? " " : "", ev->technique);
    const char *row[] = {
        b.seq,           b.date,       reg ? "受入" : "払出",
        ev->item,        b.item.title, kind_label(reg ? ev->kind : b.item.kind),
        reason,          b.actor,      b.second,
        ev->certificate, fixes,
    };
    return add_row(f, row);
}

typedef struct {
    dc_form_t *f;
    dc_err_t e;
} inventory_t;

static int row_inventory(const dc_item_t *it, void *ctx)
{
    inventory_t *v = ctx;
    const char *row[] = {
        it->code,
        dc_category_label(it->category, DC_LANG_JA),
        dc_kind_label(it->kind, DC_LANG_JA),
        it->title,
        it->place,
        it->section,
        yes_no(it->personal),
        yes_no(it->my_number),
        dc_state_label(it->state, DC_LANG_JA),
        it->notes,
    };
    v->e = add_row(v->f, row);
    return v->e != DC_E_OK;
}

static dc_err_t build_inventory(dc_form_t *f, dc_store_t *st)
{
    inventory_t v = {f, DC_E_OK};
    dc_err_t e = dc_desk_items_each(st, DC_STATE_NONE, row_inventory, &v);
    return e ? e : v.e;
}

/* The month's events of the form's types, copied out first so that the look-ups for each row
 * never run inside the walk. */
typedef struct {
    dc_form_kind_t kind;
    dc_event_t *evs;
    int n, cap;
    bool nomem;
} collect_t;

static bool wanted(dc_form_kind_t k, dc_evtype_t t)
{
    switch (k) {
    case DC_FORM_TAKEOUT:
        return t == DC_EV_TAKE_OUT;
    case DC_FORM_COPY_TRANSPORT:
        return t == DC_EV_COPY || t == DC_EV_TRANSPORT;
    case DC_FORM_RECEIPT_DISPOSAL:
        return t == DC_EV_REGISTER || t == DC_EV_DISPOSE;
    default:
        return false;
    }
}

static int collect(const dc_event_t *ev, void *ctx)
{
    collect_t *c = ctx;
    if (!wanted(c->kind, ev->type))
        return 0;
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 64;
        dc_event_t *evs = realloc(c->evs, (size_t)cap * sizeof *evs);
        if (!evs) {
            c->nomem = true;
            return 1;
        }
        c->evs = evs;
        c->cap = cap;
    }
    c->evs[c->n++] = *ev;
    return 0;
}

static dc_err_t build_monthly(dc_form_t *f, dc_store_t *st, int64_t from, int64_t to)
{
    collect_t c = {f->kind, NULL, 0, 0, false};
    dc_err_t e = dc_desk_events_between(st, from, to, collect, &c);
    if (!e && c.nomem)
        e = DC_E_NOMEM;
    fixes_t *x = calloc(1, sizeof *x);
    if (!x)
        e = DC_E_NOMEM;
    for (int i = 0; i < c.n && !e; i++) {
        /* The record as corrected (dc_desk_events_between read it so), and the corrections
         * named beside it: the form shows what is right now and how it came to be. */
        dc_event_t *ev = &c.evs[i];
        x->st = st;
        x->text[0] = '\0';
        if ((e = dc_desk_events_linked(st, ev->seq, add_fix, x)))
            break;
        if (f->kind == DC_FORM_TAKEOUT)
            e = row_takeout(f, st, ev, x->text);
        else if (f->kind == DC_FORM_COPY_TRANSPORT)
            e = row_copy_transport(f, st, ev, x->text);
        else
            e = row_receipt_disposal(f, st, ev, x->text);
    }
    free(x);
    free(c.evs);
    return e;
}

static const char *const month_en[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

dc_err_t dc_form_build(dc_store_t *st, const dc_term_t *term, dc_form_kind_t kind,
                       const char *month, dc_form_t **out)
{
    DC_EXPECT(st && term && kind < DC_FORM__COUNT && out);
    *out = NULL;
    int64_t from = 0, to = 0;
    if (dc_form_monthly(kind)) {
        dc_err_t e = dc_desk_month_range(month, term->tz_min, &from, &to);
        if (e)
            return e;
    }
    dc_form_t *f = calloc(1, sizeof *f);
    if (!f)
        return DC_E_NOMEM;
    f->kind = kind;
    f->def = &defs[kind];
    dc_copy(f->office, sizeof f->office, term->office);
    dc_copy(f->terminal, sizeof f->terminal, term->terminal);
    int64_t now = dc_clock_now_ms();
    char date[DC_DATE_MAX], time[6];
    dc_event_local_date(now, term->tz_min, date);
    dc_event_local_time(now, term->tz_min, time);
    snprintf(f->made, sizeof f->made, "%s %s", date, time);
    /* The period's figures come from text already checked as a month or a date. */
    const char *ym = dc_form_monthly(kind) ? month : date;
    int y = (int)strtol(ym, NULL, 10), m = (int)strtol(ym + 5, NULL, 10);
    if (dc_form_monthly(kind)) {
        snprintf(f->period[0], sizeof f->period[0], "%d年%d月", y, m);
        snprintf(f->period[1], sizeof f->period[1], "%s %d", month_en[m - 1], y);
    } else {
        snprintf(f->period[0], sizeof f->period[0], "%d年%d月%d日現在", y, m,
                 (int)strtol(date + 8, NULL, 10));
        snprintf(f->period[1], sizeof f->period[1], "as of %s", date);
    }
    dc_err_t e = dc_desk_head(st, &f->events, f->head);
    if (!e)
        e = dc_form_monthly(kind) ? build_monthly(f, st, from, to) : build_inventory(f, st);
    if (e) {
        dc_form_free(f);
        return e;
    }
    *out = f;
    return DC_E_OK;
}
