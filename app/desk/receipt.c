/* Receipts, labels, badges and seal slips from the ledger, and receipts scanned back. */
#include "desk/receipt.h"

#include "store/tree.h"

#include "core/rules.h"
#include "core/text.h"
#include "desk/arrival.h"
#include "desk/correct.h"
#include "desk/paper.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/clock.h"
#include "platform/font.h"
#include "store/store.h"
#include "store/tree.h"

enum {
    MAX_ITEMS = 64, /* listed on one receipt; a bigger record says how many more */
    MAX_ROWS = 24,
};

/* Everything a receipt shows, kept alive until it is laid out. */
typedef struct {
    dc_event_t evs[MAX_ITEMS];
    int n, total;
    dc_event_t last; /* the event the QR signs: the record's last */
    char titles[MAX_ITEMS][DC_LONG_MAX];
    char notes[MAX_ITEMS][DC_LONG_MAX]; /* category and kind, then the item's own facts */
    char each[MAX_ITEMS][DC_LONG_MAX];  /* one field's value for each item, being compared */
    int64_t fixed_by[MAX_ITEMS];        /* the latest correction of each item's event, 0 none */
    dc_print_item_t items[MAX_ITEMS];
    char values[MAX_ROWS][DC_LONG_MAX];
    dc_print_row_t rows[MAX_ROWS];
    int nrows;
    char terminal_id[DC_TERMINAL_ID_MAX];
    char payload[DC_RECEIPT_TEXT_CAP + 1];
    char codes[DC_RECEIPT_ITEMS_MAX][DC_CODE_MAX]; /* what a version 2 payload lists */
    char receiver[DC_SHORT_MAX];
    char date[DC_DATE_MAX], time[6], printed_at[32];
    dc_item_t item;
    dc_staff_t staff;
} receipt_t;

static int collect(const dc_event_t *ev, void *ctx)
{
    receipt_t *r = ctx;
    if (r->n < MAX_ITEMS)
        r->evs[r->n++] = *ev;
    r->total++;
    r->last = *ev;
    return 0;
}

/* The record that event seq belongs to. */
static dc_err_t load_group(dc_store_t *st, int64_t seq, receipt_t *r)
{
    dc_err_t e = dc_store_event_get(st, seq, &r->last);
    if (e == DC_E_NOT_FOUND)
        return DC_E_RECEIPT_NONE;
    if (e)
        return e;
    r->n = r->total = 0;
    if ((e = dc_store_events_in_group(st, r->last.group_seq, collect, r)))
        return e;
    /* What the receipt says is the record as corrected (the QR still signs the event as it was
     * logged, r->last, which is never corrected here). */
    for (int i = 0; i < r->n && !e; i++)
        e = dc_desk_corrected(st, &r->evs[i], &r->evs[i], NULL, &r->fixed_by[i]);
    if (e)
        return e;
    return r->n > 0 ? DC_E_OK : DC_E_DB_CORRUPT;
}

/* The event's own link must hold before this terminal signs for it. */
static dc_err_t link_ok(const dc_event_t *ev)
{
    dc_value_t v[DC_EVENT_NFIELDS];
    uint8_t h[DC_HASH_LEN];
    dc_event_values(ev, v);
    dc_chain_hash(ev->prev_hash, v, h);
    return memcmp(h, ev->hash, DC_HASH_LEN) == 0 ? DC_E_OK : DC_E_VERIFY_FAILED;
}

dc_err_t dc_desk_sign_checkpoint(dc_store_t *st, const dc_event_t *ev, char id[DC_TERMINAL_ID_MAX],
                                 char payload[DC_RECEIPT_TEXT_MAX])
{
    uint8_t pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
    dc_err_t e = link_ok(ev);
    if (!e)
        e = dc_desk_terminal_key(st, id, pk);
    if (!e)
        e = dc_store_terminal_key_get(st, id, pk, sk);
    uint8_t root[DC_HASH_LEN];
    if (!e)
        e = dc_store_tree_root(st, ev->seq, root);
    if (!e)
        e = dc_receipt_sign_v3(ev, ev->seq, root, NULL, pk, sk, payload, DC_RECEIPT_TEXT_MAX);
    sodium_memzero(sk, sizeof sk);
    return e;
}

/* A transport's receipt lists its items and people, so that the terminal it goes to can record
 * the arrival (desk/arrival.h); an arrival's answers the transport. A transport too big for one
 * scan gets the checkpoint alone. All signed as version 3 (print/payload.h). */
static dc_err_t sign_record(dc_store_t *st, receipt_t *r)
{
    const dc_event_t *ev = &r->last;
    dc_receipt_fields_t f;
    dc_err_t e;
    if (ev->type == DC_EV_ARRIVAL) {
        if (r->total != r->n)
            return DC_E_RECEIPT_NONE;
        e = dc_desk_arrival_fields(st, r->evs, r->n, &f, r->receiver, sizeof r->receiver);
    } else if (ev->type == DC_EV_TRANSPORT && r->total == r->n && r->n <= DC_RECEIPT_ITEMS_MAX) {
        memset(&f, 0, sizeof f);
        for (int i = 0; i < r->n; i++)
            memcpy(r->codes[i], r->evs[i].item, DC_CODE_MAX);
        f.nitems = r->n;
        f.items = (const char(*)[DC_CODE_MAX])r->codes;
        f.sender = ev->actor;
        f.carrier = ev->carrier[0] ? ev->carrier : ev->actor;
        e = DC_E_OK;
    } else {
        return dc_desk_sign_checkpoint(st, ev, r->terminal_id, r->payload);
    }
    uint8_t pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
    if (!e)
        e = link_ok(ev);
    if (!e)
        e = dc_desk_terminal_key(st, r->terminal_id, pk);
    if (!e)
        e = dc_store_terminal_key_get(st, r->terminal_id, pk, sk);
    uint8_t root[DC_HASH_LEN];
    if (!e)
        e = dc_store_tree_root(st, ev->seq, root);
    if (!e)
        e = dc_receipt_sign_v3(ev, ev->seq, root, &f, pk, sk, r->payload, sizeof r->payload);
    sodium_memzero(sk, sizeof sk);
    return e;
}

static void add_row(receipt_t *r, const char *ja, const char *en, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add_row(receipt_t *r, const char *ja, const char *en, const char *fmt, ...)
{
    if (r->nrows == MAX_ROWS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->values[r->nrows], sizeof r->values[r->nrows], fmt, ap);
    va_end(ap);
    if (!r->values[r->nrows][0])
        return; /* nothing to say: no row */
    r->rows[r->nrows] = (dc_print_row_t){ja, en, r->values[r->nrows]};
    r->nrows++;
}

const char *dc_desk_name_of(dc_store_t *st, dc_staff_t *tmp, const char *badge)
{
    if (!badge[0])
        return "";
    if (dc_store_staff_get(st, badge, tmp) == DC_E_OK && tmp->name[0])
        return tmp->name;
    return badge;
}

static const char *yes_no(bool b)
{
    return b ? "有 / Yes" : "無 / No";
}

/* One field of the form: r->each[i] holds its value for item i. The same for every item, it is
 * one row; different (two places a transport left from, the take-outs a return closes, a
 * record corrected for one item), the row says so and each item carries its own value under
 * it, so that no item's fact is printed as another's. */
static void field_row(receipt_t *r, const char *ja, const char *en)
{
    bool same = true;
    for (int i = 1; i < r->n && same; i++)
        same = strcmp(r->each[i], r->each[0]) == 0;
    if (same) {
        add_row(r, ja, en, "%s", r->each[0]);
        return;
    }
    add_row(r, ja, en, "%s", "品目ごと / per item");
    for (int i = 0; i < r->n; i++) {
        if (!r->each[i][0])
            continue;
        size_t k = strlen(r->notes[i]);
        snprintf(r->notes[i] + k, sizeof r->notes[i] - k, "\n%s %s: %s", ja, en, r->each[i]);
    }
}

/* Fill r->each with fmt applied to each item's event (E is the event in the arguments). */
#define EACH(...)                                                                                  \
    for (int i_ = 0; i_ < r->n; i_++) {                                                            \
        const dc_event_t *E = &r->evs[i_];                                                         \
        (void)E;                                                                                   \
        snprintf(r->each[i_], sizeof r->each[i_], __VA_ARGS__);                                    \
    }

#define EACH_NAME(field)                                                                           \
    for (int i_ = 0; i_ < r->n; i_++)                                                              \
        snprintf(r->each[i_], sizeof r->each[i_], "%s",                                            \
                 dc_desk_name_of(st, &r->staff, r->evs[i_].field));

/* The fields of the record's form, by type: what the paper ledgers (様式2, 8, 10) ask for. */
static void form_rows(dc_store_t *st, receipt_t *r)
{
    dc_evtype_t type = r->evs[0].type;
    EACH_NAME(actor);
    if (type == DC_EV_ARRIVAL)
        field_row(r, "受取人", "Received by");
    else
        field_row(r, "取扱者", "Handler");
    switch (type) {
    case DC_EV_TAKE_OUT:
        EACH_NAME(second);
        field_row(r, "承認者", "Approved by");
        EACH("%s", E->purpose);
        field_row(r, "目的", "Purpose");
        EACH("%s", E->to_place);
        field_row(r, "持出先", "Destination");
        EACH("%s", E->due);
        field_row(r, "返却予定日", "Due back");
        break;
    case DC_EV_RETURN:
        EACH_NAME(second);
        field_row(r, "返却確認者", "Confirmed by");
        EACH("%s", "");
        for (int i = 0; i < r->n; i++) {
            if (r->evs[i].link_seq)
                snprintf(r->each[i], sizeof r->each[i], "%lld", (long long)r->evs[i].link_seq);
        }
        field_row(r, "持ち出し記録", "Take-out no.");
        EACH("%s", E->notes); /* the condition the item came back in: 破損あり, 媒体消去済み... */
        field_row(r, "返却時の状態", "Condition");
        break;
    case DC_EV_COPY:
        EACH_NAME(second);
        field_row(r, "承認者", "Approved by");
        EACH("%s", E->purpose);
        field_row(r, "目的", "Purpose");
        EACH("%lld", (long long)E->quantity);
        field_row(r, "数量", "Quantity");
        for (int i = 0; i < r->n; i++) {
            const char *dest = r->evs[i].dest_item;
            bool known = dest[0] && dc_store_item_get(st, dest, &r->item) == DC_E_OK;
            snprintf(r->each[i], sizeof r->each[i], "%s%s%.400s", dest, known ? " " : "",
                     known ? r->item.title : "");
        }
        field_row(r, "複製先", "Copied to");
        EACH("%s", E->recipient);
        field_row(r, "提供先", "Recipient");
        EACH("%s", E->masked ? "済 / Done" : "");
        field_row(r, "マスキング", "Masking");
        break;
    case DC_EV_TRANSPORT:
        EACH("%s", E->from_place);
        field_row(r, "運搬元", "From");
        EACH("%s", E->to_place);
        field_row(r, "運搬先", "To");
        EACH("%s", E->due);
        field_row(r, "到着予定日", "Due to arrive");
        EACH_NAME(carrier);
        field_row(r, "運搬者", "Carrier");
        EACH("%s", E->recipient);
        field_row(r, "受取人", "Recipient");
        EACH("%s", yes_no(E->locked_bag));
        field_row(r, "施錠鞄", "Locked bag");
        break;
    case DC_EV_RECEIVE:
        EACH("%s", E->to_place);
        field_row(r, "受領場所", "Received at");
        /* Closed by the arrival receipt of the terminal it went to: who received it there. */
        EACH("%s", E->from_place[0] ? E->recipient : "");
        field_row(r, "受取人", "Received by");
        EACH("%s", E->from_place);
        field_row(r, "受領端末", "Receiving terminal");
        EACH("%s", "");
        for (int i = 0; i < r->n; i++) {
            if (r->evs[i].link_seq)
                snprintf(r->each[i], sizeof r->each[i], "%lld", (long long)r->evs[i].link_seq);
        }
        field_row(r, "運搬記録", "Transport no.");
        break;
    case DC_EV_ARRIVAL:
        EACH("%s", E->to_place);
        field_row(r, "受領場所", "Received at");
        for (int i = 0; i < r->n; i++) {
            char name[DC_SHORT_MAX];
            dc_desk_terminal_name(st, r->evs[i].from_place, name, sizeof name);
            snprintf(r->each[i], sizeof r->each[i], "%.120s (%s)", name, r->evs[i].from_place);
        }
        field_row(r, "運搬元端末", "Sent from");
        EACH("%lld", (long long)E->link_seq);
        field_row(r, "運搬記録", "Transport no.");
        break;
    case DC_EV_DISPOSE:
        EACH_NAME(second);
        field_row(r, "立会者", "Witness");
        EACH("%s", dc_method_label(E->method, DC_LANG_JA));
        field_row(r, "廃棄方法", "Method");
        EACH("%s", E->technique);
        field_row(r, "廃棄手段", "Technique");
        EACH("%s", E->certificate);
        field_row(r, "証明書番号", "Certificate");
        break;
    case DC_EV_REGISTER: {
        const dc_event_t *ev = &r->evs[0];
        add_row(r, "保管場所", "Storage place", "%s", ev->place);
        add_row(r, "所管", "Section", "%s", ev->section);
        add_row(r, "個人情報", "Personal data", "%s", yes_no(ev->personal));
        if (ev->my_number)
            add_row(r, "特定個人情報", "My Number data", "%s", yes_no(true));
        break;
    }
    default:
        break;
    }
    /* A reprint after a correction shows the values as corrected, and says by which record. */
    for (int i = 0; i < r->n; i++) {
        r->each[i][0] = '\0';
        if (r->fixed_by[i])
            snprintf(r->each[i], sizeof r->each[i], "No.%lld", (long long)r->fixed_by[i]);
    }
    field_row(r, "訂正", "Corrected");
    if (r->total > r->n)
        add_row(r, "ほか", "More items", "%d", r->total - r->n);
}

static void item_rows(dc_store_t *st, receipt_t *r)
{
    for (int i = 0; i < r->n; i++) {
        const dc_event_t *ev = &r->evs[i];
        r->titles[i][0] = r->notes[i][0] = '\0';
        if (ev->type == DC_EV_ARRIVAL) {
            /* Not an item of this ledger: named by the terminal it came from. */
            dc_desk_arrival_title(st, ev, r->titles[i], sizeof r->titles[i]);
            snprintf(r->notes[i], sizeof r->notes[i], "%s",
                     "他端末の品目 / Item of another terminal");
        } else if (dc_store_item_get(st, ev->item, &r->item) == DC_E_OK) {
            snprintf(r->titles[i], sizeof r->titles[i], "%s", r->item.title);
            snprintf(r->notes[i], sizeof r->notes[i], "%s・%s",
                     dc_category_label(r->item.category, DC_LANG_JA),
                     dc_kind_label(r->item.kind, DC_LANG_JA));
        }
        r->items[i] = (dc_print_item_t){ev->item, r->titles[i], r->notes[i]};
    }
}

/* The record that event group_seq belongs to, loaded into a new r and signed: what a receipt
 * and its payload both start from. The caller frees *out, also on failure. */
static dc_err_t load_signed(dc_store_t *st, int64_t group_seq, receipt_t **out)
{
    receipt_t *r = *out = calloc(1, sizeof *r);
    if (!r)
        return DC_E_NOMEM;
    dc_err_t e = load_group(st, group_seq, r);
    if (!e && !dc_evtype_has_item(r->last.type) && r->last.type != DC_EV_ARRIVAL)
        e = DC_E_RECEIPT_NONE;
    if (!e)
        e = sign_record(st, r);
    return e;
}

dc_err_t dc_desk_render_receipt(dc_store_t *st, const dc_term_t *term, int64_t group_seq,
                                bool reprint, int width_dots, dc_bitmap_t **out)
{
    DC_EXPECT(st && term && out);
    *out = NULL;
    receipt_t *r;
    dc_err_t e = load_signed(st, group_seq, &r);
    if (e)
        goto out;
    item_rows(st, r);
    form_rows(st, r);
    dc_event_local_date(r->last.ts_ms, r->last.tz_min, r->date);
    dc_event_local_time(r->last.ts_ms, r->last.tz_min, r->time);
    if (reprint) {
        int64_t now = dc_clock_now_ms();
        char d[DC_DATE_MAX], t[6];
        dc_event_local_date(now, term->tz_min, d);
        dc_event_local_time(now, term->tz_min, t);
        snprintf(r->printed_at, sizeof r->printed_at, "%s %s", d, t);
    }
    dc_receipt_doc_t doc = {
        .office = term->office,
        .terminal_name = r->last.terminal,
        .terminal_id = r->terminal_id,
        .title_ja = dc_evtype_label(r->last.type, DC_LANG_JA),
        .title_en = dc_evtype_label(r->last.type, DC_LANG_EN),
        .reprint = reprint,
        .printed_at = reprint ? r->printed_at : NULL,
        .date = r->date,
        .time = r->time,
        .first_seq = r->evs[0].seq,
        .last_seq = r->last.seq,
        .items = r->items,
        .nitems = r->n,
        .rows = r->rows,
        .nrows = r->nrows,
        .payload = r->payload,
        .footer_ja =
            r->last.type == DC_EV_ARRIVAL
                ? "受領の証明です。運搬元の端末の受領でこのQRを読み取ると運搬が完了します。"
            : r->payload[DC_RECEIPT_TEXT_LEN]
                ? "運搬の証明です。到着先の端末の受領で、受取人がこのQRと各品目を読み取ります。"
                : "台帳の記録の証明です。QRで照合できます。",
        .footer_en = r->last.type == DC_EV_ARRIVAL
                         ? "This proves the arrival. Scan the QR at the sending terminal's "
                           "Receive to close the transport."
                     : r->payload[DC_RECEIPT_TEXT_LEN]
                         ? "This proves the transport. At the receiving terminal's Receive, the "
                           "recipient scans this QR and each item."
                         : "This receipt proves the record. Scan the QR to check it.",
    };
    e = dc_layout_receipt(&doc, width_dots, out);
out:
    free(r);
    return e;
}

dc_err_t dc_desk_receipt_payload(dc_store_t *st, int64_t group_seq, char *out, size_t cap)
{
    DC_EXPECT(st && out && cap > 0);
    out[0] = '\0';
    receipt_t *r;
    dc_err_t e = load_signed(st, group_seq, &r);
    if (!e && !dc_copy(out, cap, r->payload))
        e = DC_E_TOO_LONG;
    free(r);
    return e;
}

dc_err_t dc_desk_print_bitmap(const dc_bitmap_t *b, const char *printer_spec)
{
    dc_printer_t *p;
    dc_err_t e = dc_printer_open(printer_spec, &p);
    if (e)
        return e;
    e = dc_printer_print(p, dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                         dc_bitmap_stride(b), dc_bitmap_dpi(b));
    dc_printer_close(p);
    return e;
}

dc_err_t dc_desk_print_on_roll(dc_store_t *st, dc_render_fn render, void *ctx, const char *spec,
                               dc_bitmap_t **shown)
{
    dc_printer_cfg_t *cfg = malloc(sizeof *cfg);
    dc_bitmap_t *b = NULL;
    if (shown)
        *shown = NULL;
    if (!cfg)
        return DC_E_NOMEM;
    dc_err_t e = dc_desk_printer_config(st, cfg);
    if (!e)
        e = render(ctx, dc_paper_info(cfg->receipt_paper)->width, &b);
    if (!e)
        e = dc_desk_print_bitmap(b, spec ? spec : cfg->receipt);
    if (shown)
        *shown = b;
    else
        dc_bitmap_destroy(b);
    free(cfg);
    return e;
}

static dc_err_t render_receipt(void *ctx, int width, dc_bitmap_t **out)
{
    const dc_paper_args_t *a = ctx;
    return dc_desk_render_receipt(a->st, a->term, a->seq, a->reprint, width, out);
}

dc_err_t dc_desk_print_receipt(dc_store_t *st, const dc_term_t *term, int64_t group_seq,
                               bool reprint, const char *printer_spec)
{
    dc_paper_args_t a = {.st = st, .term = term, .seq = group_seq, .reprint = reprint};
    return dc_desk_print_on_roll(st, render_receipt, &a, printer_spec, NULL);
}

static int last_of_group(const dc_event_t *ev, void *ctx)
{
    *(int64_t *)ctx = ev->seq;
    return 0;
}

dc_err_t dc_desk_record_reprint(dc_store_t *st, const dc_term_t *term, const char *actor,
                                int64_t seq, int64_t *reprint_seq)
{
    DC_EXPECT(st && term && actor && reprint_seq);
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    int64_t last = 0;
    int failed;
    dc_err_t e = dc_store_event_get(st, seq, ev);
    if (e == DC_E_NOT_FOUND || (!e && !dc_evtype_has_item(ev->type) &&
                                ev->type != DC_EV_MONTHLY_CHECK && ev->type != DC_EV_ARRIVAL))
        e = DC_E_RECEIPT_NONE;
    if (!e)
        e = dc_store_events_in_group(st, ev->group_seq, last_of_group, &last);
    if (e)
        goto out;
    dc_event_init(ev, DC_EV_REPRINT);
    if (!dc_copy(ev->actor, sizeof ev->actor, actor)) {
        e = DC_E_TOO_LONG;
        goto out;
    }
    ev->link_seq = last;
    dc_desk_stamp(term, ev);
    if (!(e = dc_store_append(st, ev, 1, &failed)))
        *reprint_seq = ev->seq;
out:
    free(ev);
    return e;
}

/* Words of a label, alive until it is laid out. */
typedef struct {
    dc_item_t item;
    dc_staff_t staff;
    char line2[DC_SHORT_MAX * 2];
    char line3[DC_SHORT_MAX * 2];
} label_words_t;

dc_err_t dc_desk_render_label(dc_store_t *st, const char *code, dc_paper_t paper, dc_bitmap_t **out)
{
    DC_EXPECT(st && code && out);
    *out = NULL;
    label_words_t *w = calloc(1, sizeof *w);
    if (!w)
        return DC_E_NOMEM;
    dc_err_t e = dc_store_item_get(st, code, &w->item);
    if (e == DC_E_NOT_FOUND)
        e = DC_E_R_ITEM_UNKNOWN;
    if (!e) {
        const dc_item_t *it = &w->item;
        snprintf(w->line2, sizeof w->line2, "%s・%s", dc_category_label(it->category, DC_LANG_JA),
                 dc_kind_label(it->kind, DC_LANG_JA));
        /* Handling starts from the label: say when it holds personal data. */
        snprintf(w->line3, sizeof w->line3, "%s%s%s",
                 it->my_number  ? "特定個人情報"
                 : it->personal ? "個人情報あり"
                                : "",
                 it->personal && it->place[0] ? "  " : "", it->place);
        dc_label_doc_t d = {it->code, it->section[0] ? it->section : "情報資産 / Asset", it->title,
                            w->line2, w->line3};
        e = dc_layout_label(&d, paper, out);
    }
    free(w);
    return e;
}

dc_err_t dc_desk_render_badge(dc_store_t *st, const char *badge, dc_paper_t paper,
                              dc_bitmap_t **out)
{
    DC_EXPECT(st && badge && out);
    *out = NULL;
    label_words_t *w = calloc(1, sizeof *w);
    if (!w)
        return DC_E_NOMEM;
    dc_err_t e = dc_store_staff_get(st, badge, &w->staff);
    if (e == DC_E_NOT_FOUND)
        e = DC_E_R_ACTOR_UNKNOWN;
    else if (!e && w->staff.released[0])
        e = DC_E_R_ACTOR_RELEASED;
    if (!e) {
        const dc_staff_t *sf = &w->staff;
        snprintf(w->line3, sizeof w->line3, "%s%s%s", dc_role_label(sf->role, DC_LANG_JA),
                 sf->section[0] ? "  " : "", sf->section);
        dc_label_doc_t d = {sf->badge, "職員証 / Staff badge", sf->name, sf->kana, w->line3};
        e = dc_layout_label(&d, paper, out);
    }
    free(w);
    return e;
}

/* Print a label or badge on the configured label paper. */
static dc_err_t print_label_kind(dc_store_t *st, const char *code, const char *spec, bool badge)
{
    dc_printer_cfg_t *cfg = malloc(sizeof *cfg);
    dc_bitmap_t *b = NULL;
    if (!cfg)
        return DC_E_NOMEM;
    dc_err_t e = dc_desk_printer_config(st, cfg);
    if (!e)
        e = badge ? dc_desk_render_badge(st, code, cfg->label_paper, &b)
                  : dc_desk_render_label(st, code, cfg->label_paper, &b);
    if (!e)
        e = dc_desk_print_bitmap(b, spec ? spec : cfg->label);
    dc_bitmap_destroy(b);
    free(cfg);
    return e;
}

dc_err_t dc_desk_print_label(dc_store_t *st, const char *code, const char *printer_spec)
{
    return print_label_kind(st, code, printer_spec, false);
}

dc_err_t dc_desk_print_badge(dc_store_t *st, const char *badge, const char *printer_spec)
{
    return print_label_kind(st, badge, printer_spec, true);
}

static dc_err_t verdict(dc_receipt_check_t *out, dc_err_t e)
{
    out->verdict = e;
    return e;
}

/* A version 3 receipt against the ledger's tree: the event's leaf (from its recomputed link) is in
 * the signed head by an inclusion proof, and the ledger's current head extends that head by a
 * consistency proof. A failing proof, or a stored tree that no longer gives the signed head, is a
 * rewritten log; O(log N) rows and hashes in all. */
static dc_err_t in_tree(dc_store_t *st, const dc_receipt_payload_t *p,
                        const uint8_t link[DC_HASH_LEN], dc_receipt_check_t *out)
{
    dc_hash_t proof[DC_MERKLE_PROOF_MAX];
    uint8_t leaf[DC_HASH_LEN], then[DC_HASH_LEN], now[DC_HASH_LEN];
    int len;
    dc_merkle_leaf(link, DC_HASH_LEN, leaf);
    dc_err_t e = dc_store_tree_inclusion(st, p->seq, p->head_count, proof, &len);
    if (e)
        return e == DC_E_VERIFY_FAILED ? DC_E_RECEIPT_LOG_REWRITTEN : e;
    out->proof_hashes = len;
    if (!dc_merkle_verify_inclusion((uint64_t)p->seq - 1, (uint64_t)p->head_count, leaf, proof, len,
                                    p->head, DC_RECEIPT_HEAD_BYTES))
        return DC_E_RECEIPT_LOG_REWRITTEN;
    if ((e = dc_store_tree_root(st, p->head_count, then)) ||
        (e = dc_store_tree_root(st, out->log_count, now)) ||
        (e = dc_store_tree_consistency(st, p->head_count, out->log_count, proof, &len)))
        return e == DC_E_VERIFY_FAILED ? DC_E_RECEIPT_LOG_REWRITTEN : e;
    out->proof_hashes += len;
    if (memcmp(then, p->head, DC_RECEIPT_HEAD_BYTES) != 0 ||
        !dc_merkle_verify_consistency((uint64_t)p->head_count, (uint64_t)out->log_count, then, now,
                                      proof, len))
        return DC_E_RECEIPT_LOG_REWRITTEN;
    return DC_E_RECEIPT_GOOD;
}

dc_err_t dc_desk_receipt_verify(dc_store_t *st, const char *payload, dc_receipt_check_t *out)
{
    DC_EXPECT(st && payload && out);
    memset(out, 0, sizeof *out);
    dc_receipt_payload_t p;
    dc_err_t e = dc_receipt_parse(payload, strlen(payload), &p);
    if (e)
        return verdict(out, e);
    memcpy(out->terminal_id, p.terminal_id, sizeof out->terminal_id);
    out->version = p.version;
    out->seq = p.seq;
    out->head_count = p.head_count;

    char own_id[DC_TERMINAL_ID_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    if ((e = dc_desk_terminal_key(st, own_id, pk)))
        return verdict(out, e);
    out->local = strcmp(own_id, p.terminal_id) == 0;
    if (!out->local) {
        e = dc_store_trusted_get(st, p.terminal_id, pk, out->terminal_name,
                                 sizeof out->terminal_name);
        if (e)
            return verdict(out, e == DC_E_NOT_FOUND ? DC_E_RECEIPT_UNKNOWN_TERMINAL : e);
    }
    if ((e = dc_receipt_check_sig(&p, pk)))
        return verdict(out, e);
    /* Signed, so written by a signer; still, never act on values no signer writes. */
    if (p.seq < 1 || p.head_count < p.seq)
        return verdict(out, DC_E_RECEIPT_FORMAT);
    if (!out->local)
        return verdict(out, DC_E_RECEIPT_SIGNED);

    /* Signed here: now the ledger must still hold the event as it was, and extend the head. */
    uint8_t head[DC_HASH_LEN];
    if ((e = dc_store_head(st, &out->log_count, head)))
        return verdict(out, e);
    if (p.seq > out->log_count || p.head_count > out->log_count)
        return verdict(out, DC_E_RECEIPT_EVENT_MISSING);
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return verdict(out, DC_E_NOMEM);
    uint8_t link[DC_HASH_LEN];
    e = dc_store_event_get(st, p.seq, ev);
    if (!e) {
        out->group_seq = ev->group_seq;
        out->type = ev->type;
        dc_receipt_event_digest(ev, head);
        if (memcmp(head, p.digest, DC_RECEIPT_DIGEST_BYTES) != 0)
            e = DC_E_RECEIPT_EVENT_ALTERED;
        /* The link the event has with what it follows, recomputed, not the stored column. */
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(ev, v);
        dc_chain_hash(ev->prev_hash, v, link);
    } else if (e == DC_E_NOT_FOUND) {
        e = DC_E_RECEIPT_EVENT_MISSING;
    } else if (e == DC_E_DB_CORRUPT) {
        e = DC_E_RECEIPT_EVENT_ALTERED; /* the row no longer reads as an event */
    }
    free(ev);
    if (e)
        return verdict(out, e);
    if (p.version == DC_RECEIPT_V3_VERSION)
        return verdict(out, in_tree(st, &p, link, out));
    /* Versions 1 and 2 signed the chain link: the chain is walked up to it. */
    e = dc_store_chain_at(st, p.head_count, head);
    if (e == DC_E_NOT_FOUND)
        return verdict(out, DC_E_RECEIPT_EVENT_MISSING);
    if (e == DC_E_VERIFY_FAILED || (!e && memcmp(head, p.head, DC_RECEIPT_HEAD_BYTES) != 0))
        return verdict(out, DC_E_RECEIPT_LOG_REWRITTEN);
    return verdict(out, e ? e : DC_E_RECEIPT_GOOD);
}

void dc_desk_print_shutdown(void)
{
    dc_font_shared_close();
}
