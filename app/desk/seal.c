/* The monthly check on paper: the seal slip of a sealed month and the summary printed before the
 * seal, and the lines both give about what is still out and what was disposed. */
#include "desk/receipt.h"

#include "core/text.h"
#include "desk/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/clock.h"
#include "store/store.h"
#include "store/tree.h"

/* What the seal slip signs and shows, kept alive until it is laid out. */
typedef struct {
    dc_event_t last; /* the monthly-check event */
    char terminal_id[DC_TERMINAL_ID_MAX];
    char payload[DC_RECEIPT_TEXT_MAX];
    char date[DC_DATE_MAX], time[6];
    char reason[DC_SHORT_MAX];
    uint8_t tree[DC_HASH_LEN]; /* the tree head the payload signs */
    dc_staff_t staff;
} seal_t;

dc_err_t dc_desk_render_seal(dc_store_t *st, const dc_term_t *term, int64_t seq, const char *month,
                             const dc_seal_count_t *counts, int n, int width_dots,
                             dc_bitmap_t **out)
{
    DC_EXPECT(st && term && month && (n == 0 || counts) && out);
    *out = NULL;
    seal_t *r = calloc(1, sizeof *r);
    if (!r)
        return DC_E_NOMEM;
    dc_err_t e = dc_store_event_get(st, seq, &r->last);
    if (e == DC_E_NOT_FOUND || (!e && r->last.type != DC_EV_MONTHLY_CHECK))
        e = DC_E_RECEIPT_NONE;
    if (!e)
        e = dc_desk_sign_checkpoint(st, &r->last, r->terminal_id, r->payload);
    if (!e)
        e = dc_store_tree_root(st, r->last.seq, r->tree);
    if (!e) {
        dc_event_local_date(r->last.ts_ms, r->last.tz_min, r->date);
        dc_event_local_time(r->last.ts_ms, r->last.tz_min, r->time);
        dc_check_seal_reason(r->last.detail, r->reason, sizeof r->reason);
        dc_seal_doc_t d = {
            .office = term->office,
            .terminal_name = r->last.terminal,
            .terminal_id = r->terminal_id,
            .month = month,
            .manager = dc_desk_name_of(st, &r->staff, r->last.actor),
            .date = r->date,
            .time = r->time,
            .counts = counts,
            .ncounts = n,
            .seq = r->last.seq,
            .head_count = r->last.seq,
            .head = r->last.hash,
            .tree = r->tree,
            .payload = r->payload,
            .reason = r->reason,
        };
        e = dc_layout_seal(&d, width_dots, out);
    }
    free(r);
    return e;
}

static dc_err_t render_seal(void *ctx, int width, dc_bitmap_t **out)
{
    const dc_paper_args_t *a = ctx;
    dc_seal_count_t counts[DC_SEAL_COUNTS_MAX];
    int n = dc_check_counts(a->check, a->inv, counts, DC_SEAL_COUNTS_MAX);
    return dc_desk_render_seal(a->st, a->term, a->seq, a->check->month, counts, n, width, out);
}

dc_err_t dc_desk_print_seal(dc_store_t *st, const dc_term_t *term, int64_t seq, const dc_check_t *c,
                            const dc_inventory_t *inv, const char *printer_spec,
                            dc_bitmap_t **shown)
{
    DC_EXPECT(st && term && c);
    dc_paper_args_t a = {.st = st, .term = term, .seq = seq, .check = c, .inv = inv};
    return dc_desk_print_on_roll(st, render_seal, &a, printer_spec, shown);
}

/* "10-13 11:40": the month is the check's, so the year is left out. */
static void short_when(int64_t ts_ms, int32_t tz_min, char out[20])
{
    char date[DC_DATE_MAX], time[6];
    dc_event_local_date(ts_ms, tz_min, date);
    dc_event_local_time(ts_ms, tz_min, time);
    snprintf(out, 20, "%s %s", date + 5, time);
}

void dc_desk_note_outstanding(dc_store_t *st, const dc_outstanding_t *o, dc_lang_t lang, char *out,
                              size_t cap)
{
    dc_staff_t tmp;
    char since[20];
    const char *who = dc_desk_name_of(st, &tmp, o->holder);
    bool ja = lang != DC_LANG_EN, out_not_transit = o->type == DC_EV_TAKE_OUT;
    short_when(o->since_ms, o->tz_min, since);
    const char *due = o->due[0] ? o->due + 5 : "-";
    /* A transport's due is when it was expected to arrive: said only when there is one. */
    bool arrival = !out_not_transit && o->due[0];
    if (ja)
        snprintf(out, cap, "%s  %sから %d日  %s %s%s%s", who, since, o->days,
                 out_not_transit ? "返却予定" : "運搬先", out_not_transit ? due : o->to_place,
                 arrival ? "  到着予定 " : "", arrival ? due : "");
    else
        snprintf(out, cap, "%s, since %s, %d days, %s %s%s%s", who, since, o->days,
                 out_not_transit ? "due" : "to", out_not_transit ? due : o->to_place,
                 arrival ? ", due " : "", arrival ? due : "");
}

void dc_desk_note_disposal(dc_store_t *st, const dc_disposal_t *d, dc_lang_t lang, char *out,
                           size_t cap)
{
    dc_staff_t tmp1, tmp2;
    char at[20];
    short_when(d->ts_ms, d->tz_min, at);
    const char *who = dc_desk_name_of(st, &tmp1, d->actor),
               *witness = dc_desk_name_of(st, &tmp2, d->witness);
    const char *cert = d->certificate[0] ? d->certificate : "-";
    /* The certificate first: it is what the contractor's paper is checked against. A note too
     * long for out is cut: it is read on a screen or a slip, never parsed. */
    int n;
    if (lang != DC_LANG_EN)
        n = snprintf(out, cap, "%s  証明書 %s  %s %s  %s/立会 %s", at, cert,
                     dc_method_label(d->method, lang), d->technique, who, witness);
    else
        n = snprintf(out, cap, "%s, certificate %s, %s, %s, %s, witness %s", at, cert,
                     dc_method_label(d->method, lang), d->technique, who, witness);
    if (n >= 0 && (size_t)n >= cap)
        dc_text_trim_partial(out); /* after the cut the note stays text (core/text.h) */
}

/* The words of a printed summary, alive until it is laid out. */
typedef struct {
    dc_print_item_t *items;
    char (*notes)[DC_LONG_MAX];
    char (*codes)[24]; /* "No.123" of an anomaly */
    dc_print_list_t lists[6];
    int nlists;
    char sealed_on[DC_DATE_MAX];
    dc_seal_count_t counts[DC_SEAL_COUNTS_MAX];
    dc_print_row_t rows[DC_AN__COUNT + 5];
    char values[4][DC_LONG_MAX];
    char kinds[DC_AN__COUNT][16];
    char terminal_id[DC_TERMINAL_ID_MAX];
    char date[DC_DATE_MAX], time[6];
    dc_staff_t staff;
} summary_words_t;

/* A take-out or transport still open, as a printed item: its marks ahead of the note. */
static void outstanding_item(dc_store_t *st, const dc_outstanding_t *o, dc_print_item_t *it,
                             char *note)
{
    const char *late = o->type == DC_EV_TRANSPORT ? "[到着予定日超過] " : "[返却予定日超過] ";
    int k =
        snprintf(note, DC_LONG_MAX, "%s%s", o->overdue ? late : "", o->too_long ? "[長期] " : "");
    dc_desk_note_outstanding(st, o, DC_LANG_JA, note + k, DC_LONG_MAX - (size_t)k);
    *it = (dc_print_item_t){o->item, o->title[0] ? o->title : o->item, note};
}

/* An anomaly, or a thing for review, as a printed line: its number, its kind, then when, who,
 * the item and the details. */
static void anomaly_item(dc_store_t *st, const dc_anomaly_t *a, dc_print_item_t *it, char *code,
                         char *note)
{
    dc_staff_t tmp;
    char at[20], what[DC_SHORT_MAX];
    short_when(a->ts_ms, a->tz_min, at);
    dc_anomaly_what(a, DC_LANG_JA, what, sizeof what);
    snprintf(code, 24, "No.%lld", (long long)a->seq);
    snprintf(note, DC_LONG_MAX, "%s  %s  %s  %s", at,
             a->who[0] ? dc_desk_name_of(st, &tmp, a->who) : "-", a->item[0] ? a->item : "", what);
    *it = (dc_print_item_t){code, dc_anomaly_label(a->kind, DC_LANG_JA), note};
}

static dc_err_t summary_words(dc_store_t *st, const dc_check_t *c, const dc_inventory_t *inv,
                              summary_words_t *w)
{
    int unfound = dc_inventory_unfound(inv);
    int total = c->nanomalies + c->nout + c->ntransit + c->ndisposed + unfound, n = 0;
    w->items = calloc((size_t)(total ? total : 1), sizeof *w->items);
    w->notes = calloc((size_t)(total ? total : 1), sizeof *w->notes);
    w->codes = calloc((size_t)(c->nanomalies ? c->nanomalies : 1), sizeof *w->codes);
    if (!w->items || !w->notes || !w->codes)
        return DC_E_NOMEM;
    /* The anomalies first, then what is for review: each list is what its figure counts. */
    for (int review = 0; review < 2; review++) {
        dc_print_list_t *l = &w->lists[w->nlists++];
        *l = (dc_print_list_t){review ? "要確認" : "異常", review ? "For review" : "Anomalies",
                               w->items + n, 0};
        for (int i = 0; i < c->nanomalies; i++) {
            if (dc_anomaly_review(c->anomalies[i].kind) != (bool)review)
                continue;
            anomaly_item(st, &c->anomalies[i], &w->items[n], w->codes[i], w->notes[n]);
            n++;
            l->nitems++;
        }
    }
    w->lists[w->nlists++] = (dc_print_list_t){"持ち出し中", "Still out", w->items + n, c->nout};
    for (int i = 0; i < c->nout; i++, n++)
        outstanding_item(st, &c->out[i], &w->items[n], w->notes[n]);
    w->lists[w->nlists++] =
        (dc_print_list_t){"運搬中(未受領)", "In transit", w->items + n, c->ntransit};
    for (int i = 0; i < c->ntransit; i++, n++)
        outstanding_item(st, &c->transit[i], &w->items[n], w->notes[n]);
    w->lists[w->nlists++] = (dc_print_list_t){"廃棄", "Disposed", w->items + n, c->ndisposed};
    for (int i = 0; i < c->ndisposed; i++, n++) {
        const dc_disposal_t *d = &c->disposed[i];
        dc_desk_note_disposal(st, d, DC_LANG_JA, w->notes[n], DC_LONG_MAX);
        w->items[n] = (dc_print_item_t){d->item, d->title[0] ? d->title : d->item, w->notes[n]};
    }
    if (inv) {
        w->lists[w->nlists++] =
            (dc_print_list_t){"在庫確認 未確認", "Inventory not found", w->items + n, unfound};
        for (int i = 0; i < inv->nexpected; i++) {
            const dc_item_t *it = &inv->expected[i].item;
            if (inv->expected[i].found)
                continue;
            snprintf(w->notes[n], DC_LONG_MAX, "保管場所 %s", it->place);
            w->items[n] = (dc_print_item_t){it->code, it->title, w->notes[n]};
            n++;
        }
    }
    return DC_E_OK;
}

/* Integrity, the seal and the anomalies by kind, as rows. */
static int summary_rows(const dc_check_t *c, summary_words_t *w)
{
    int n = 0;
    if (c->intact)
        snprintf(w->values[0], DC_LONG_MAX, "改ざんなし / intact (%lld)",
                 (long long)c->verify.events);
    else
        snprintf(w->values[0], DC_LONG_MAX, "異常あり / FAILED No.%lld %s",
                 (long long)c->verify.bad_seq, c->verify.what);
    w->rows[n++] = (dc_print_row_t){"台帳の検証", "Integrity", w->values[0]};
    if (c->sealed_seq)
        snprintf(w->values[1], DC_LONG_MAX, "封印済み %s / sealed No.%lld", w->sealed_on,
                 (long long)c->sealed_seq);
    else
        snprintf(w->values[1], DC_LONG_MAX, "未封印 / not sealed");
    w->rows[n++] = (dc_print_row_t){"封印", "Seal", w->values[1]};
    if (c->seal_reason[0])
        w->rows[n++] =
            (dc_print_row_t){"未確認のまま封印した理由", "Sealed unfound, because", c->seal_reason};
    w->rows[n++] = (dc_print_row_t){"業務時間", "Office hours", c->office_hours};
    for (int k = 0; k < DC_AN__COUNT; k++) {
        if (!c->by_kind[k])
            continue;
        snprintf(w->kinds[k], sizeof w->kinds[k], "%d", c->by_kind[k]);
        w->rows[n++] =
            (dc_print_row_t){dc_anomaly_label((dc_anomaly_kind_t)k, DC_LANG_JA),
                             dc_anomaly_label((dc_anomaly_kind_t)k, DC_LANG_EN), w->kinds[k]};
    }
    return n;
}

dc_err_t dc_desk_render_summary(dc_store_t *st, const dc_term_t *term, const dc_check_t *c,
                                const dc_inventory_t *inv, const char *printed_by, int width_dots,
                                dc_bitmap_t **out)
{
    DC_EXPECT(st && term && c && printed_by && out);
    *out = NULL;
    summary_words_t *w = calloc(1, sizeof *w);
    if (!w)
        return DC_E_NOMEM;
    uint8_t pk[DC_STORE_PK_LEN];
    dc_err_t e = summary_words(st, c, inv, w);
    if (!e && c->sealed_seq) {
        dc_event_t *seal = malloc(sizeof *seal);
        e = seal ? dc_store_event_get(st, c->sealed_seq, seal) : DC_E_NOMEM;
        if (!e)
            dc_event_local_date(seal->ts_ms, seal->tz_min, w->sealed_on);
        free(seal);
    }
    if (!e)
        e = dc_desk_terminal_key(st, w->terminal_id, pk);
    if (!e) {
        int64_t now = dc_clock_now_ms();
        dc_event_local_date(now, term->tz_min, w->date);
        dc_event_local_time(now, term->tz_min, w->time);
        dc_summary_doc_t d = {
            .office = term->office,
            .terminal_name = term->terminal,
            .terminal_id = w->terminal_id,
            .month = c->month,
            .printed_by = dc_desk_name_of(st, &w->staff, printed_by),
            .date = w->date,
            .time = w->time,
            .counts = w->counts,
            .ncounts = dc_check_counts(c, inv, w->counts, DC_SEAL_COUNTS_MAX),
            .rows = w->rows,
            .nrows = summary_rows(c, w),
            .lists = w->lists,
            .nlists = w->nlists,
            .sealed_on = c->sealed_seq ? w->sealed_on : NULL,
        };
        e = dc_layout_summary(&d, width_dots, out);
    }
    free(w->items);
    free(w->notes);
    free(w->codes);
    free(w);
    return e;
}

static dc_err_t render_summary(void *ctx, int width, dc_bitmap_t **out)
{
    const dc_paper_args_t *a = ctx;
    return dc_desk_render_summary(a->st, a->term, a->check, a->inv, a->printed_by, width, out);
}

dc_err_t dc_desk_print_summary(dc_store_t *st, const dc_term_t *term, const dc_check_t *c,
                               const dc_inventory_t *inv, const char *printed_by,
                               const char *printer_spec)
{
    dc_paper_args_t a = {.st = st, .term = term, .check = c, .inv = inv, .printed_by = printed_by};
    return dc_desk_print_on_roll(st, render_summary, &a, printer_spec, NULL);
}
