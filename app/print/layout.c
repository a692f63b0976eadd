#include "print/layout.h"

#include <stdio.h>
#include <string.h>

#include "core/canon.h"
#include "core/text.h"
#include "platform/font.h"
#include "print/qr.h"

static const dc_paper_info_t papers[DC_PAPER__COUNT] = {
    {"58", 384, 0, DC_RECEIPT_DPI},
    {"80", 576, 0, DC_RECEIPT_DPI},
    {"62x29", 732, 342, 300},
    {"50x30", 590, 354, 300},
};

const dc_paper_info_t *dc_paper_info(dc_paper_t p)
{
    DC_EXPECT((unsigned)p < DC_PAPER__COUNT);
    return &papers[p];
}

bool dc_paper_parse(const char *s, dc_paper_t *out)
{
    for (int i = 0; s && i < DC_PAPER__COUNT; i++) {
        if (strcmp(s, papers[i].name) == 0) {
            *out = (dc_paper_t)i;
            return true;
        }
    }
    return false;
}

/* Sizes in dots at 203 dpi (8 dots a millimetre). */
enum {
    R_MARGIN = 6,
    R_HEAD = 24,  /* office */
    R_SMALL = 17, /* terminal, codes, footers */
    R_TITLE = 56, /* the event type: the person sees at a glance what the paper is */
    R_TITLE_EN = 24,
    R_BODY = 22,
    R_LABEL = 18,    /* the Japanese label of a row */
    R_LABEL_EN = 15, /* its English under it */
    R_QR_MODULE = 8, /* 1 mm: more only makes the roll longer */
    R_ITEM_LINES = 3,
    R_NOTE_LINES = 3, /* under an item: its code and note (who, since, due on a summary) */
    R_VALUE_LINES = 4,
    R_FACT_LINES = 8, /* an item's own facts under it, two lines each at most */
};

enum { ALIGN_LEFT, ALIGN_CENTER };

/* Where the next line goes; the first error sticks and later drawing does nothing. */
typedef struct {
    dc_bitmap_t *b;
    dc_font_t *f;
    dc_err_t e;
    int y;
    int scale; /* percent: wider rolls get larger type, not just longer lines */
} pen_t;

/* A receipt size at the pen's scale. */
static int sz(const pen_t *p, int px)
{
    return px * p->scale / 100;
}

static int line_skip(pen_t *p, int px, bool bold)
{
    dc_font_metrics_t m = {0, px, px};
    if (!p->e)
        p->e = dc_font_metrics(p->f, px, bold, &m);
    return m.line_skip;
}

/* Draw one line in [x, x+w) at y; returns its width. */
static int draw_line(pen_t *p, int x, int y, int w, int px, bool bold, int align, const char *text)
{
    int tw = 0;
    if (p->e || !*text)
        return 0;
    if (align == ALIGN_CENTER && (p->e = dc_font_width(p->f, px, bold, text, &tw)))
        return 0;
    int dx = align == ALIGN_CENTER && tw < w ? (w - tw) / 2 : 0;
    p->e = dc_font_draw(p->f, px, bold, text, dc_bitmap_rows(p->b), dc_bitmap_stride(p->b),
                        x + w < dc_bitmap_width(p->b) ? x + w : dc_bitmap_width(p->b),
                        dc_bitmap_height(p->b), x + dx, y, &tw);
    return tw;
}

/* Bytes of text that go on the next line of w dots: as many characters as fit, moved back to
 * where the line-break rules shared with the screens and the PDF allow (core/text.h). */
static size_t next_break(pen_t *p, int px, bool bold, const char *text, int w)
{
    size_t n = 0;
    if (p->e || (p->e = dc_font_fit(p->f, px, bold, text, w, &n)))
        return 0;
    return dc_text_line_end(text, n);
}

/* Draw text wrapped into [x, x+w) from y, at most max_lines lines (the last one cut with "…").
 * Returns the height used; draws nothing when draw is false. */
static int wrap(pen_t *p, int x, int y, int w, int px, bool bold, int align, const char *text,
                int max_lines, bool draw)
{
    char line[DC_LONG_MAX + 8];
    int skip = line_skip(p, px, bold), lines = 0;
    while (*text && lines < max_lines && !p->e) {
        while (*text == ' ')
            text++;
        size_t n = next_break(p, px, bold, text, w);
        if (n >= sizeof line - 4)
            n = sizeof line - 4;
        memcpy(line, text, n);
        line[n] = '\0';
        text += n;
        while (n > 0 && line[n - 1] == ' ')
            line[--n] = '\0';
        if (lines == max_lines - 1 && *text) {
            /* Out of lines: make room for an ellipsis on this one. */
            size_t k = n;
            int tw = w + 1;
            while (k > 0 && !p->e) {
                memcpy(line + k, "…", sizeof "…");
                if ((p->e = dc_font_width(p->f, px, bold, line, &tw)) || tw <= w)
                    break;
                do
                    k--;
                while (k > 0 && (line[k] & 0xc0) == 0x80);
            }
        }
        if (draw)
            draw_line(p, x, y + lines * skip, w, px, bold, align, line);
        lines++;
    }
    return lines * skip;
}

static void rule(pen_t *p, int x, int w, int thick)
{
    dc_bitmap_fill(p->b, x, p->y, w, thick, true);
    p->y += thick;
}

/* The QR of text, centred in [x, x+w), its quiet zone from p->y. */
static void qr_block(pen_t *p, int x, int w, const char *text, dc_qr_ecc_t ecc, int max_module)
{
    dc_qr_t *q = NULL;
    int module = 0;
    if (p->e || (p->e = dc_qr_create(text, ecc, &q)) ||
        (p->e = dc_qr_fit(q, w, max_module, &module))) {
        dc_qr_destroy(q);
        return;
    }
    int size = dc_qr_size(q, module);
    dc_qr_draw(q, p->b, x + (w - size) / 2, p->y, module);
    p->y += size;
    dc_qr_destroy(q);
}

/* A labelled row: the label in Japanese with its English under it on the left, the value
 * wrapped on the right. */
static void row(pen_t *p, int x, int w, const dc_print_row_t *r)
{
    if (!r->value || !*r->value)
        return;
    int lw = w * 34 / 100, gap = 6;
    int h1 = wrap(p, x, p->y, lw, sz(p, R_LABEL), true, ALIGN_LEFT, r->label_ja, 2, true);
    int h2 = r->label_en ? wrap(p, x, p->y + h1, lw, sz(p, R_LABEL_EN), false, ALIGN_LEFT,
                                r->label_en, 2, true)
                         : 0;
    int hv = wrap(p, x + lw + gap, p->y, w - lw - gap, sz(p, R_BODY), false, ALIGN_LEFT, r->value,
                  R_VALUE_LINES, true);
    p->y += (h1 + h2 > hv ? h1 + h2 : hv) + 6;
}

/* A tall enough sheet for nitems items and nrows rows: every wrapped text is capped in lines, so
 * this bounds the print. */
static int sheet_bound(int nitems, int nrows, int facts)
{
    int h = 1400 + R_TITLE * 3;
    h += nitems * (R_ITEM_LINES + 2) * (R_BODY * 2);
    h += facts * 2 * (R_BODY * 2);
    h += (nrows + 2) * (R_VALUE_LINES + 1) * (R_BODY * 2);
    return (h + 1200) * 5 / 4; /* the QR at its largest, the footer, and the largest type */
}

/* A pen on a new sheet width dots across, type scaled with the roll. */
static dc_err_t sheet_begin(pen_t *p, int width, int height)
{
    *p = (pen_t){NULL, NULL, DC_E_OK, R_MARGIN, width * 100 / 384};
    if (p->scale > 125)
        p->scale = 125;
    if ((p->e = dc_font_shared(&p->f)))
        return p->e;
    return p->e = dc_bitmap_create(width, height, DC_RECEIPT_DPI, &p->b);
}

/* The finished sheet, cut to what was drawn; or the first error, with the sheet freed. */
static dc_err_t sheet_end(pen_t *p, dc_bitmap_t **out)
{
    if (p->e) {
        dc_bitmap_destroy(p->b);
        return p->e;
    }
    p->y += 16;
    dc_bitmap_crop(p->b, p->y < dc_bitmap_height(p->b) ? p->y : dc_bitmap_height(p->b));
    *out = p->b;
    return DC_E_OK;
}

/* Who issued the paper, then what it is in large type. */
static void head_block(pen_t *p, int x, int w, const char *office, const char *terminal_name,
                       const char *terminal_id, const char *title_ja, const char *title_en)
{
    char buf[DC_LONG_MAX];
    p->y += wrap(p, x, p->y, w, sz(p, R_HEAD), true, ALIGN_CENTER, office ? office : "", 2, true);
    snprintf(buf, sizeof buf, "%s  %s", terminal_name ? terminal_name : "",
             terminal_id ? terminal_id : "");
    p->y += wrap(p, x, p->y, w, sz(p, R_SMALL), false, ALIGN_CENTER, buf, 1, true) + 6;
    rule(p, x, w, 3);
    p->y += 8;
    /* The title is what the paper is: smaller type rather than a cut word ("月次点検 封印" on a
     * 58 mm roll), down to two thirds of its size. */
    int px = sz(p, R_TITLE), tw = 0;
    while (px > sz(p, R_TITLE) * 2 / 3 && !p->e &&
           !(p->e = dc_font_width(p->f, px, true, title_ja, &tw)) && tw > w)
        px -= px / 10;
    p->y += wrap(p, x, p->y, w, px, true, ALIGN_CENTER, title_ja, 1, true);
    if (title_en)
        p->y += wrap(p, x, p->y, w, sz(p, R_TITLE_EN), false, ALIGN_CENTER, title_en, 1, true);
    p->y += 6;
}

/* White on black: a paper so marked cannot be mistaken for another (a reprint, a draft). */
static void mark_block(pen_t *p, int x, int w, const char *text)
{
    int top = p->y, h = line_skip(p, sz(p, R_HEAD), true) + 8;
    draw_line(p, x, top + 4, w, sz(p, R_HEAD), true, ALIGN_CENTER, text);
    dc_bitmap_invert(p->b, x, top, w, h);
    p->y += h + 6;
}

/* A heading over a list of items: a thin rule, then the heading. */
static void list_heading(pen_t *p, int x, int w, const char *heading)
{
    p->y += 2;
    rule(p, x, w, 1);
    p->y += 6;
    p->y += wrap(p, x, p->y, w, sz(p, R_LABEL), true, ALIGN_LEFT, heading, 1, true) + 4;
}

/* An item: its title, then its code and note small under it. A note may hold more lines, after
 * "\n": the item's own facts where a record's items differ (運搬元 書庫A), each on a line of
 * its own so that no fact runs into another item's. */
static void item_block(pen_t *p, int x, int w, const dc_print_item_t *it)
{
    char buf[DC_LONG_MAX + DC_CODE_MAX];
    p->y += wrap(p, x, p->y, w, sz(p, R_BODY), true, ALIGN_LEFT, it->title ? it->title : "",
                 R_ITEM_LINES, true);
    const char *note = it->note ? it->note : "", *nl = strchr(note, '\n');
    snprintf(buf, sizeof buf, "%s  %.*s", it->code ? it->code : "",
             (int)(nl ? (size_t)(nl - note) : strlen(note)), note);
    p->y +=
        wrap(p, x + 12, p->y, w - 12, sz(p, R_SMALL), false, ALIGN_LEFT, buf, R_NOTE_LINES, true);
    for (int k = 0; nl && k < R_FACT_LINES; k++) {
        note = nl + 1;
        nl = strchr(note, '\n');
        snprintf(buf, sizeof buf, "%.*s", (int)(nl ? (size_t)(nl - note) : strlen(note)), note);
        p->y += wrap(p, x + 24, p->y, w - 24, sz(p, R_SMALL), false, ALIGN_LEFT, buf, 2, true);
    }
    p->y += 6;
}

static void footer_block(pen_t *p, int x, int w, const char *ja, const char *en)
{
    if (ja)
        p->y += wrap(p, x, p->y, w, sz(p, R_SMALL), false, ALIGN_CENTER, ja, 3, true);
    if (en)
        p->y += wrap(p, x, p->y, w, sz(p, R_SMALL), false, ALIGN_CENTER, en, 3, true);
}

dc_err_t dc_layout_receipt(const dc_receipt_doc_t *d, int width, dc_bitmap_t **out)
{
    DC_EXPECT(d && out && d->payload && (d->nitems == 0 || d->items) && (d->nrows == 0 || d->rows));
    *out = NULL;
    if (width < DC_RECEIPT_MIN_WIDTH)
        return DC_E_PAPER_TOO_SMALL;
    pen_t p;
    int facts = 0; /* the items' own lines, each drawn in at most two */
    for (int i = 0; i < d->nitems; i++) {
        const char *n = d->items[i].note;
        for (int k = 0; n && (n = strchr(n, '\n')) && k < R_FACT_LINES; k++, n++)
            facts++;
    }
    if (sheet_begin(&p, width, sheet_bound(d->nitems, d->nrows, facts)))
        return p.e;
    int x = R_MARGIN, w = width - 2 * R_MARGIN;
    char buf[DC_LONG_MAX];

    head_block(&p, x, w, d->office, d->terminal_name, d->terminal_id, d->title_ja, d->title_en);
    if (d->reprint)
        mark_block(&p, x, w, "再発行 / REPRINT");

    /* When and which record. */
    char when[48], nums[48];
    snprintf(when, sizeof when, "%s %s", d->date ? d->date : "", d->time ? d->time : "");
    if (d->first_seq == d->last_seq)
        snprintf(nums, sizeof nums, "%lld", (long long)d->last_seq);
    else
        snprintf(nums, sizeof nums, "%lld - %lld", (long long)d->first_seq, (long long)d->last_seq);
    const dc_print_row_t head_rows[] = {{"日時", "Date", when}, {"記録番号", "Record no.", nums}};
    for (size_t i = 0; i < sizeof head_rows / sizeof head_rows[0]; i++)
        row(&p, x, w, &head_rows[i]);

    /* The items. */
    if (d->nitems) {
        snprintf(buf, sizeof buf, "書類・媒体 / Items (%d)", d->nitems);
        list_heading(&p, x, w, buf);
    }
    for (int i = 0; i < d->nitems; i++)
        item_block(&p, x, w, &d->items[i]);

    /* Who, and the fields of the form. */
    if (d->nrows) {
        rule(&p, x, w, 1);
        p.y += 6;
    }
    for (int i = 0; i < d->nrows; i++)
        row(&p, x, w, &d->rows[i]);
    if (d->reprint && d->printed_at) {
        const dc_print_row_t r = {"再発行日時", "Reprinted", d->printed_at};
        row(&p, x, w, &r);
    }
    rule(&p, x, w, 3);

    /* The signed checkpoint. */
    qr_block(&p, x, w, d->payload, DC_QR_ECC_M, R_QR_MODULE);
    snprintf(buf, sizeof buf, "%s  No.%lld", d->terminal_id ? d->terminal_id : "",
             (long long)d->last_seq);
    p.y += wrap(&p, x, p.y, w, sz(&p, R_SMALL), false, ALIGN_CENTER, buf, 1, true) + 2;
    footer_block(&p, x, w, d->footer_ja, d->footer_en);
    return sheet_end(&p, out);
}

/* The largest size from sizes at which text fits in w dots and max_lines lines. */
static int fit_size(pen_t *p, const int *sizes, int n, int w, int max_lines, const char *text)
{
    for (int i = 0; i < n - 1 && !p->e; i++) {
        int lines_h = wrap(p, 0, 0, w, sizes[i], true, ALIGN_LEFT, text, max_lines + 1, false);
        if (lines_h <= max_lines * line_skip(p, sizes[i], true))
            return sizes[i];
    }
    return sizes[n - 1];
}

/* Die-cut stock at 300 dpi: the QR on the left with the code under it, the words beside it. */
static void label_die_cut(pen_t *p, const dc_label_doc_t *d, const dc_paper_info_t *pi)
{
    static const int title_sizes[] = {46, 40, 34, 30, 26};
    enum { M = 12, CODE_PX = 30, HEAD_PX = 24, LINE_PX = 27, QR_MODULE = 10 };
    int code_h = line_skip(p, CODE_PX, false);
    int box = pi->height - code_h - 4;
    if (box > pi->width / 2)
        box = pi->width / 2;
    dc_qr_t *q = NULL;
    int module = 0;
    if (p->e || (p->e = dc_qr_create(d->code, DC_QR_ECC_Q, &q)) ||
        (p->e = dc_qr_fit(q, box, QR_MODULE, &module))) {
        dc_qr_destroy(q);
        return;
    }
    int size = dc_qr_size(q, module);
    int qy = (pi->height - size - code_h) / 2;
    dc_qr_draw(q, p->b, 0, qy, module);
    dc_qr_destroy(q);
    wrap(p, 0, qy + size, size, CODE_PX, false, ALIGN_CENTER, d->code, 1, true);

    int x = size + 4, w = pi->width - x - M, y = qy + DC_QR_QUIET * module / 2;
    int bottom = pi->height - M;
    if (d->heading && *d->heading)
        y += wrap(p, x, y, w, HEAD_PX, false, ALIGN_LEFT, d->heading, 1, true) + 4;
    int rest = (d->line2 && *d->line2 ? line_skip(p, LINE_PX, false) : 0) +
               (d->line3 && *d->line3 ? line_skip(p, LINE_PX, false) : 0);
    int title_lines = 3;
    int px = fit_size(p, title_sizes, sizeof title_sizes / sizeof title_sizes[0], w, title_lines,
                      d->title);
    while (title_lines > 1 && y + title_lines * line_skip(p, px, true) + rest > bottom)
        title_lines--;
    y += wrap(p, x, y, w, px, true, ALIGN_LEFT, d->title, title_lines, true) + 6;
    if (d->line2 && *d->line2)
        y += wrap(p, x, y, w, LINE_PX, false, ALIGN_LEFT, d->line2, 1, true);
    if (d->line3 && *d->line3)
        wrap(p, x, y, w, LINE_PX, false, ALIGN_LEFT, d->line3, 1, true);
}

/* A receipt roll (203 dpi) as a fallback: everything centred, one under the other. */
static void label_roll(pen_t *p, const dc_label_doc_t *d, int width)
{
    enum { M = R_MARGIN, CODE_PX = 28, HEAD_PX = 20, TITLE_PX = 30, LINE_PX = 22 };
    int x = M, w = width - 2 * M;
    p->y = M;
    if (d->heading && *d->heading)
        p->y += wrap(p, x, p->y, w, HEAD_PX, false, ALIGN_CENTER, d->heading, 1, true);
    qr_block(p, x, w, d->code, DC_QR_ECC_Q, R_QR_MODULE);
    p->y += wrap(p, x, p->y, w, CODE_PX, false, ALIGN_CENTER, d->code, 1, true) + 6;
    p->y += wrap(p, x, p->y, w, TITLE_PX, true, ALIGN_CENTER, d->title, 4, true) + 4;
    if (d->line2 && *d->line2)
        p->y += wrap(p, x, p->y, w, LINE_PX, false, ALIGN_CENTER, d->line2, 2, true);
    if (d->line3 && *d->line3)
        p->y += wrap(p, x, p->y, w, LINE_PX, false, ALIGN_CENTER, d->line3, 2, true);
    p->y += 16;
}

dc_err_t dc_layout_label(const dc_label_doc_t *d, dc_paper_t paper, dc_bitmap_t **out)
{
    DC_EXPECT(d && d->code && *d->code && d->title && out);
    *out = NULL;
    const dc_paper_info_t *pi = dc_paper_info(paper);
    pen_t p = {NULL, NULL, DC_E_OK, 0, 100};
    int h = pi->height ? pi->height : 1400;
    if ((p.e = dc_font_shared(&p.f)) || (p.e = dc_bitmap_create(pi->width, h, pi->dpi, &p.b)))
        return p.e;
    if (pi->height)
        label_die_cut(&p, d, pi);
    else
        label_roll(&p, d, pi->width);
    if (p.e) {
        dc_bitmap_destroy(p.b);
        return p.e;
    }
    if (!pi->height)
        dc_bitmap_crop(p.b, p.y < h ? p.y : h);
    *out = p.b;
    return DC_E_OK;
}

/* The figures of a monthly check as labelled rows; values[] holds their text. */
static int count_rows(const dc_seal_count_t *counts, int n, char (*values)[32],
                      dc_print_row_t *rows)
{
    for (int i = 0; i < n; i++) {
        snprintf(values[i], sizeof values[i], "%lld", (long long)counts[i].value);
        rows[i] = (dc_print_row_t){counts[i].label_ja, counts[i].label_en, values[i]};
    }
    return n;
}

dc_err_t dc_layout_seal(const dc_seal_doc_t *d, int width, dc_bitmap_t **out)
{
    DC_EXPECT(d && d->head && d->payload && d->ncounts >= 0 && d->ncounts <= DC_SEAL_COUNTS_MAX);
    enum { MAX_ROWS = DC_SEAL_COUNTS_MAX + 6 };
    dc_print_row_t rows[MAX_ROWS];
    char values[DC_SEAL_COUNTS_MAX][32], count[32], hex[2 * DC_HASH_LEN + 1], head[48], tree[48];
    int n = 0;
    rows[n++] = (dc_print_row_t){"対象月", "Month", d->month};
    rows[n++] = (dc_print_row_t){"点検者", "Checked by", d->manager};
    n += count_rows(d->counts, d->ncounts, values, rows + n);
    /* The checkpoint in words as well as in the QR: it can be read out over the phone. */
    snprintf(count, sizeof count, "%lld", (long long)d->head_count);
    dc_hex(d->head, DC_HASH_LEN, hex);
    snprintf(head, sizeof head, "%.8s %.8s %.8s %.8s", hex, hex + 8, hex + 16, hex + 24);
    rows[n++] = (dc_print_row_t){"記録数", "Events in ledger", count};
    rows[n++] = (dc_print_row_t){"封印ハッシュ", "Chain head", head};
    if (d->tree) {
        /* The first 16 bytes: what the QR signs and `proof` prints first. */
        dc_hex(d->tree, DC_HASH_LEN, hex);
        snprintf(tree, sizeof tree, "%.8s %.8s %.8s %.8s", hex, hex + 8, hex + 16, hex + 24);
        rows[n++] = (dc_print_row_t){"ツリーヘッド", "Tree head", tree};
    }
    if (d->reason && d->reason[0])
        rows[n++] =
            (dc_print_row_t){"未確認のまま封印した理由", "Sealed unfound, because", d->reason};
    dc_receipt_doc_t r = {
        .office = d->office,
        .terminal_name = d->terminal_name,
        .terminal_id = d->terminal_id,
        .title_ja = "月次点検 封印",
        .title_en = "Monthly check seal",
        .date = d->date,
        .time = d->time,
        .first_seq = d->seq,
        .last_seq = d->seq,
        .rows = rows,
        .nrows = n,
        .payload = d->payload,
        .footer_ja = "この時点で台帳を封印しました。QRで照合できます。",
        .footer_en = "The month's ledger was sealed here. Scan the QR to check it.",
    };
    return dc_layout_receipt(&r, width, out);
}

dc_err_t dc_layout_summary(const dc_summary_doc_t *d, int width, dc_bitmap_t **out)
{
    DC_EXPECT(d && out && d->ncounts >= 0 && d->ncounts <= DC_SEAL_COUNTS_MAX &&
              (d->nrows == 0 || d->rows) && (d->nlists == 0 || d->lists));
    *out = NULL;
    if (width < DC_RECEIPT_MIN_WIDTH)
        return DC_E_PAPER_TOO_SMALL;
    int nitems = 0;
    for (int i = 0; i < d->nlists; i++)
        nitems += d->lists[i].nitems + 1;
    pen_t p;
    if (sheet_begin(&p, width, sheet_bound(nitems, d->ncounts + d->nrows + 3, 0)))
        return p.e;
    int x = R_MARGIN, w = width - 2 * R_MARGIN;
    char when[48], buf[DC_LONG_MAX], values[DC_SEAL_COUNTS_MAX][32];
    dc_print_row_t counts[DC_SEAL_COUNTS_MAX];

    head_block(&p, x, w, d->office, d->terminal_name, d->terminal_id, "月次点検",
               "Monthly check summary");
    /* No checkpoint and no QR: this paper proves nothing, and says so at the top. */
    char mark[64];
    if (d->sealed_on)
        snprintf(mark, sizeof mark, "封印済み %s", d->sealed_on);
    else
        snprintf(mark, sizeof mark, "点検用集計(封印前)");
    mark_block(&p, x, w, mark);
    p.y += wrap(&p, x, p.y, w, sz(&p, R_SMALL), false, ALIGN_CENTER,
                d->sealed_on ? "NOT A SEAL: a copy of a sealed month"
                             : "NOT A SEAL: a working copy for the check",
                1, true) +
           6;
    snprintf(when, sizeof when, "%s %s", d->date ? d->date : "", d->time ? d->time : "");
    const dc_print_row_t head_rows[] = {{"対象月", "Month", d->month},
                                        {"印刷者", "Printed by", d->printed_by},
                                        {"印刷日時", "Printed", when}};
    for (size_t i = 0; i < sizeof head_rows / sizeof head_rows[0]; i++)
        row(&p, x, w, &head_rows[i]);
    rule(&p, x, w, 1);
    p.y += 6;
    int n = count_rows(d->counts, d->ncounts, values, counts);
    for (int i = 0; i < n; i++)
        row(&p, x, w, &counts[i]);
    for (int i = 0; i < d->nrows; i++)
        row(&p, x, w, &d->rows[i]);
    for (int i = 0; i < d->nlists; i++) {
        const dc_print_list_t *l = &d->lists[i];
        snprintf(buf, sizeof buf, "%s / %s (%d)", l->heading_ja, l->heading_en, l->nitems);
        list_heading(&p, x, w, buf);
        for (int k = 0; k < l->nitems; k++)
            item_block(&p, x, w, &l->items[k]);
    }
    rule(&p, x, w, 3);
    p.y += 8;
    footer_block(&p, x, w, "これは封印ではありません。封印は端末の月次点検で行います。",
                 "This is not a seal. The month is sealed at the kiosk's monthly check.");
    return sheet_end(&p, out);
}
