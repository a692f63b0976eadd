/* A form as PDF for the manager's monthly check: A4 landscape, a ruled table whose columns share
 * the width by what they hold, cells wrapped (Latin between words, Japanese between characters
 * under the kinsoku rules of core/text.h) and shrunk when wrapping is not enough, the header row on
 * every page, and a footer with the checkpoint and the seal box. Cairo draws, FreeType reads the
 * paper font. */
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/canon.h"
#include "core/text.h"
#include "platform/font.h"
#include "report/write.h"

/* Points: A4 landscape, 10 mm margins. */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 28.35
#define FOOTER_H 58.0
#define TABLE_TOP (MARGIN + 40)
#define BODY_PT 7.5
#define MIN_PT 5.0
#define HEAD_JA_PT 7.5
#define HEAD_EN_PT 5.5
#define PAD_X 2.5
#define PAD_Y 2.0
#define LINE 1.22       /* line height in ems */
#define BODY_LINES 3    /* a cell wraps to at most this many lines before it shrinks further */
#define SHORT_W 45.0    /* a text this wide (six characters) is kept on one line */
#define WORD_MAX_W 48.0 /* a column need not be wider than this for one word: it wraps */
#define CODE_MAX_W 64.0 /* nor than this for one Latin word (a code): it shrinks */
#define MAX_CHARS 640   /* characters measured in one cell; texts are at most 512 bytes */
#define MAX_LINES 4

enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* One character of a text: where it is, how wide at 10 pt, whether a line may start with it. */
typedef struct {
    int off, len;
    double adv;
    bool ascii, space, brk;
} ch_t;

typedef struct {
    const char *s;
    ch_t ch[MAX_CHARS];
    int n;
} text_t;

/* A text laid into a width: its size and lines (character ranges). */
typedef struct {
    double size;
    int nlines; /* may exceed MAX_LINES while fitting; only the first MAX_LINES are kept */
    struct {
        int from, to;
    } line[MAX_LINES];
    bool ellipsis; /* the last line was cut */
} fit_t;

typedef struct {
    double min, nat, w;
    int align;
} col_t;

typedef struct {
    const dc_form_t *f;
    cairo_t *cr;
    double asc, desc, ell; /* font ascent, descent and the width of "…", at 10 pt */
    int ncols;
    col_t *cols;
    double *row_h;
    double head_h;
    int *starts; /* first row of each page, and nrows after the last */
    int npages;
    text_t t; /* scratch, large: kept off the stack */
} pdf_t;

static void measure(pdf_t *p, const char *s)
{
    text_t *t = &p->t;
    t->s = s;
    t->n = 0;
    cairo_set_font_size(p->cr, 10);
    for (int i = 0; s[i] && t->n < MAX_CHARS;) {
        unsigned char b = (unsigned char)s[i];
        int len = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
        char one[5] = {0};
        for (int k = 0; k < len && s[i + k]; k++)
            one[k] = s[i + k];
        len = (int)strlen(one);
        cairo_text_extents_t te;
        cairo_text_extents(p->cr, one, &te);
        ch_t *c = &t->ch[t->n];
        *c = (ch_t){i, len, te.x_advance, b < 0x80, b == ' ', false};
        if (t->n > 0) {
            /* The rules every screen and paper share (core/text.h); spaces are handled in wrap. */
            c->brk = !c->space && dc_text_break_ok(s, (size_t)i);
        }
        t->n++;
        i += len;
    }
}

static double span_w(const text_t *t, int from, int to, double size)
{
    double w = 0;
    for (int i = from; i < to; i++)
        w += t->ch[i].adv;
    return w * size / 10;
}

/* True when the word from start, overflowing at i, is wider than w even at the least size: it
 * will be cut whatever the size, so it may as well be cut at this one. */
static bool hopeless(const text_t *t, int start, int i, double w)
{
    int end = i + 1;
    while (end < t->n && !t->ch[end].brk && !t->ch[end].space)
        end++;
    return span_w(t, start, end, MIN_PT) > w;
}

/* Greedy lines of t in width w at size. Lines break where brk allows; a word wider than the line
 * is cut between characters only with cut or when no size would fit it; else the answer is
 * false (try a smaller size). */
static bool wrap(const text_t *t, double w, double size, bool cut, fit_t *fit)
{
    double k = size / 10;
    fit->size = size;
    fit->nlines = 0;
    fit->ellipsis = false;
    int i = 0;
    while (i < t->n) {
        while (i < t->n && t->ch[i].space)
            i++;
        if (i >= t->n)
            break;
        /* Break at the last space if that leaves the line at least a third full (names and places
         * are written with a space between their parts), else at the last place allowed. */
        int start = i, brk = -1, at_space = -1;
        double x = 0;
        for (; i < t->n; i++) {
            if (i > start && t->ch[i].brk) {
                brk = i;
                at_space = t->ch[i - 1].space && x >= w / 3 ? i : at_space;
            }
            if (x + t->ch[i].adv * k > w + 1e-6)
                break;
            x += t->ch[i].adv * k;
        }
        int end = i;
        if (i < t->n && brk > start)
            end = at_space > start ? at_space : brk;
        else if (i < t->n && !cut && !hopeless(t, start, i, w))
            return false;
        else if (end == start)
            end = start + 1;
        while (end > start + 1 && t->ch[end - 1].space)
            end--;
        if (fit->nlines < MAX_LINES) {
            fit->line[fit->nlines].from = start;
            fit->line[fit->nlines].to = end;
        }
        fit->nlines++;
        i = end;
    }
    return true;
}

/* Fit p->t into width w: the largest size from base down to least that needs at most maxlines
 * lines without cutting a word; else cut words at least, and end with "…" if still too long. */
static void fit_text(pdf_t *p, double w, double base, double least, int maxlines, fit_t *fit)
{
    for (double size = base; size >= least - 1e-9; size -= 0.5) {
        if (wrap(&p->t, w, size, false, fit) && fit->nlines <= maxlines)
            return;
    }
    wrap(&p->t, w, least, true, fit);
    if (fit->nlines <= maxlines)
        return;
    fit->nlines = maxlines;
    fit->ellipsis = true;
    int from = fit->line[maxlines - 1].from, *to = &fit->line[maxlines - 1].to;
    while (*to > from + 1 && span_w(&p->t, from, *to, least) + p->ell * least / 10 > w)
        (*to)--;
}

static double lines_h(const fit_t *fit)
{
    return fit->nlines * fit->size * LINE;
}

/* Draw the fitted lines of p->t inside the box, centred vertically. */
static void draw_fit(pdf_t *p, const fit_t *fit, double x, double y, double w, double h, int align)
{
    const text_t *t = &p->t;
    double lh = fit->size * LINE, k = fit->size / 10;
    double top = y + (h - lines_h(fit)) / 2;
    double base = (lh - (p->asc + p->desc) * k) / 2 + p->asc * k;
    cairo_set_font_size(p->cr, fit->size);
    for (int l = 0; l < fit->nlines && l < MAX_LINES; l++) {
        int from = fit->line[l].from, to = fit->line[l].to;
        bool ell = fit->ellipsis && l == fit->nlines - 1;
        char buf[2 * DC_LONG_MAX];
        int a = t->ch[from].off, b = t->ch[to - 1].off + t->ch[to - 1].len;
        snprintf(buf, sizeof buf, "%.*s%s", b - a, t->s + a, ell ? "…" : "");
        double lw = span_w(t, from, to, fit->size) + (ell ? p->ell * k : 0);
        double lx = align == ALIGN_LEFT ? x : align == ALIGN_RIGHT ? x + w - lw : x + (w - lw) / 2;
        cairo_move_to(p->cr, lx, top + l * lh + base);
        cairo_show_text(p->cr, buf);
    }
}

/* One line of text at a size (smaller if it would be wider than max_w), placed by its left,
 * centre or right end at x; returns its width. */
static double text_at(pdf_t *p, const char *s, double size, double max_w, double x, double baseline,
                      int align)
{
    measure(p, s);
    double w = span_w(&p->t, 0, p->t.n, size);
    if (w > max_w) {
        size *= max_w / w;
        w = max_w;
    }
    cairo_set_font_size(p->cr, size);
    cairo_move_to(p->cr,
                  align == ALIGN_LEFT    ? x
                  : align == ALIGN_RIGHT ? x - w
                                         : x - w / 2,
                  baseline);
    cairo_show_text(p->cr, s);
    return w;
}

/* Natural and least widths of the text just measured, at size: the whole line, and what its
 * column needs not to wrap it badly: all of it when it is short (a name, a date), else its
 * longest space-separated word, capped (a longer word shrinks instead). */
static void widths(const pdf_t *p, double size, double short_max, double *nat, double *least)
{
    double word = 0, run = 0;
    bool ascii = true;
    for (int i = 0; i <= p->t.n; i++) {
        const ch_t *c = i < p->t.n ? &p->t.ch[i] : NULL;
        if (c && !c->space) {
            run += c->adv * size / 10;
            ascii = ascii && c->ascii;
            continue;
        }
        double cap = ascii ? CODE_MAX_W : WORD_MAX_W;
        word = fmax(word, fmin(run, cap));
        run = 0;
        ascii = true;
    }
    *nat = span_w(&p->t, 0, p->t.n, size);
    *least = *nat <= short_max ? *nat : word;
}

static bool digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Column widths: each its natural width when everything fits; else each at least its longest
 * word and the rest of the line shared by how much more each would like. */
static void layout_columns(pdf_t *p)
{
    const dc_form_t *f = p->f;
    double avail = PAGE_W - 2 * MARGIN, sum_min = 0, sum_nat = 0;
    for (int c = 0; c < p->ncols; c++) {
        col_t *col = &p->cols[c];
        double nat, least;
        measure(p, dc_form_header(f, c, DC_LANG_JA));
        widths(p, HEAD_JA_PT, SHORT_W, &col->nat, &col->min);
        measure(p, dc_form_header(f, c, DC_LANG_EN));
        widths(p, HEAD_EN_PT, 0, &nat, &least);
        col->nat = fmax(col->nat, nat);
        col->min = fmax(col->min, least);
        bool all_digits = true, all_short = true;
        for (int r = 0; r < dc_form_nrows(f); r++) {
            const char *s = dc_form_cell(f, r, c);
            measure(p, s);
            widths(p, BODY_PT, SHORT_W, &nat, &least);
            col->nat = fmax(col->nat, nat);
            col->min = fmax(col->min, least);
            all_digits = all_digits && digits(s);
            all_short = all_short && p->t.n <= 2;
        }
        col->align = dc_form_nrows(f) && all_digits  ? ALIGN_RIGHT
                     : dc_form_nrows(f) && all_short ? ALIGN_CENTER
                                                     : ALIGN_LEFT;
        col->min += 2 * PAD_X;
        col->nat += 2 * PAD_X;
        sum_min += col->min;
        sum_nat += col->nat;
    }
    for (int c = 0; c < p->ncols; c++) {
        col_t *col = &p->cols[c];
        if (sum_nat <= avail)
            col->w = col->nat * avail / sum_nat;
        else if (sum_min <= avail)
            col->w = col->min + (avail - sum_min) * (col->nat - col->min) / (sum_nat - sum_min);
        else
            col->w = col->min * avail / sum_min;
    }
}

static void fit_cell(pdf_t *p, const char *s, const col_t *col, fit_t *fit)
{
    measure(p, s);
    fit_text(p, col->w - 2 * PAD_X, BODY_PT, MIN_PT, BODY_LINES, fit);
}

static double fit_head(pdf_t *p, int c, dc_lang_t lang, fit_t *fit)
{
    measure(p, dc_form_header(p->f, c, lang));
    double base = lang == DC_LANG_EN ? HEAD_EN_PT : HEAD_JA_PT;
    fit_text(p, p->cols[c].w - 2 * PAD_X, base, base - 2, 2, fit);
    return lines_h(fit);
}

/* Row heights, the header row's, and which rows go on which page. */
static dc_err_t layout_rows(pdf_t *p, double top, double bottom)
{
    int nrows = dc_form_nrows(p->f);
    fit_t fit;
    p->head_h = 0;
    for (int c = 0; c < p->ncols; c++) {
        double h = fit_head(p, c, DC_LANG_JA, &fit) + fit_head(p, c, DC_LANG_EN, &fit);
        p->head_h = h > p->head_h ? h : p->head_h;
    }
    p->head_h += 2 * PAD_Y;
    p->row_h = calloc((size_t)nrows + 1, sizeof *p->row_h);
    p->starts = calloc((size_t)nrows + 2, sizeof *p->starts);
    if (!p->row_h || !p->starts)
        return DC_E_NOMEM;
    p->npages = 0;
    double y = bottom;
    for (int r = 0; r < nrows; r++) {
        double h = BODY_PT * LINE;
        for (int c = 0; c < p->ncols; c++) {
            fit_cell(p, dc_form_cell(p->f, r, c), &p->cols[c], &fit);
            h = lines_h(&fit) > h ? lines_h(&fit) : h;
        }
        p->row_h[r] = h + 2 * PAD_Y;
        if (y + p->row_h[r] > bottom) {
            p->starts[p->npages++] = r;
            y = top + p->head_h;
        }
        y += p->row_h[r];
    }
    if (p->npages == 0)
        p->starts[p->npages++] = 0;
    p->starts[p->npages] = nrows;
    return DC_E_OK;
}

static void rule(cairo_t *cr, double x0, double y0, double x1, double y1, double width)
{
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

static void grey(cairo_t *cr, double g)
{
    cairo_set_source_rgb(cr, g, g, g);
}

/* The header row at y; returns the y below it. */
static double draw_head(pdf_t *p, double y)
{
    double x = MARGIN, w = PAGE_W - 2 * MARGIN;
    grey(p->cr, 0.88);
    cairo_rectangle(p->cr, x, y, w, p->head_h);
    cairo_fill(p->cr);
    for (int c = 0; c < p->ncols; c++) {
        const col_t *col = &p->cols[c];
        fit_t ja, en;
        double hj = fit_head(p, c, DC_LANG_JA, &ja);
        double he = fit_head(p, c, DC_LANG_EN, &en);
        double top = y + (p->head_h - hj - he) / 2;
        grey(p->cr, 0);
        measure(p, dc_form_header(p->f, c, DC_LANG_JA));
        draw_fit(p, &ja, x + PAD_X, top, col->w - 2 * PAD_X, hj, ALIGN_CENTER);
        grey(p->cr, 0.3);
        measure(p, dc_form_header(p->f, c, DC_LANG_EN));
        draw_fit(p, &en, x + PAD_X, top + hj, col->w - 2 * PAD_X, he, ALIGN_CENTER);
        x += col->w;
    }
    return y + p->head_h;
}

static void draw_row(pdf_t *p, int r, double y)
{
    double x = MARGIN, h = p->row_h[r];
    if (r % 2) {
        grey(p->cr, 0.95);
        cairo_rectangle(p->cr, x, y, PAGE_W - 2 * MARGIN, h);
        cairo_fill(p->cr);
    }
    grey(p->cr, 0);
    for (int c = 0; c < p->ncols; c++) {
        const col_t *col = &p->cols[c];
        fit_t fit;
        fit_cell(p, dc_form_cell(p->f, r, c), col, &fit);
        draw_fit(p, &fit, x + PAD_X, y + PAD_Y, col->w - 2 * PAD_X, h - 2 * PAD_Y, col->align);
        x += col->w;
    }
}

/* The ruled lines of a page's table from top to bottom: the grid over the fills. */
static void draw_grid(pdf_t *p, int page, double top, double bottom)
{
    cairo_t *cr = p->cr;
    double left = MARGIN, right = PAGE_W - MARGIN;
    grey(cr, 0);
    double y = top + p->head_h;
    for (int r = p->starts[page]; r < p->starts[page + 1] - 1; r++) {
        y += p->row_h[r];
        rule(cr, left, y, right, y, 0.3);
    }
    /* A page without rows holds one message across the table: the columns stop above it. */
    double cols_bottom = p->starts[page] == p->starts[page + 1] ? top + p->head_h : bottom;
    double x = left;
    for (int c = 0; c + 1 < p->ncols; c++) {
        x += p->cols[c].w;
        rule(cr, x, top, x, cols_bottom, 0.3);
    }
    rule(cr, left, top + p->head_h, right, top + p->head_h, 0.8);
    cairo_set_line_width(cr, 0.9);
    cairo_rectangle(cr, left, top, right - left, bottom - top);
    cairo_stroke(cr);
}

/* Title, period, office and terminal; returns the y where the table starts. */
static double draw_top(pdf_t *p)
{
    const dc_form_t *f = p->f;
    char line[3 * DC_SHORT_MAX];
    double right = PAGE_W - MARGIN, avail = PAGE_W - 2 * MARGIN;
    grey(p->cr, 0);
    snprintf(line, sizeof line, "%s %s", dc_form_title(f, DC_LANG_JA),
             dc_form_period(f, DC_LANG_JA));
    double title_w = text_at(p, line, 15, avail / 2, MARGIN, MARGIN + 14, ALIGN_LEFT);
    snprintf(line, sizeof line, "%s — %s", dc_form_title(f, DC_LANG_EN),
             dc_form_period(f, DC_LANG_EN));
    grey(p->cr, 0.3);
    title_w = fmax(title_w, text_at(p, line, 8, avail / 2, MARGIN, MARGIN + 27, ALIGN_LEFT));
    /* The office and terminal on the right, in what the title leaves. */
    double room = avail - title_w - 24;
    grey(p->cr, 0);
    text_at(p, dc_form_office(f), 9, room, right, MARGIN + 9, ALIGN_RIGHT);
    snprintf(line, sizeof line, "端末 / Terminal: %s", dc_form_terminal(f));
    text_at(p, line, 7, room, right, MARGIN + 20, ALIGN_RIGHT);
    snprintf(line, sizeof line, "作成 / Made: %s", dc_form_made(f));
    text_at(p, line, 7, room, right, MARGIN + 30, ALIGN_RIGHT);
    return TABLE_TOP;
}

/* A box with a small label strip on top, for the manager to fill in by hand. */
static void draw_box(pdf_t *p, const char *label, double x, double y, double w, double h)
{
    cairo_t *cr = p->cr;
    grey(cr, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
    rule(cr, x, y + 12, x + w, y + 12, 0.5);
    text_at(p, label, 7, w - 4, x + w / 2, y + 9, ALIGN_CENTER);
}

static void draw_bottom(pdf_t *p, int page)
{
    const dc_form_t *f = p->f;
    /* The left of the footer ends short of the page number in the middle. */
    double bottom = PAGE_H - MARGIN, right = PAGE_W - MARGIN, left_w = PAGE_W / 2 - MARGIN - 36;
    int64_t events;
    uint8_t head[DC_HASH_LEN];
    char hex[2 * DC_HASH_LEN + 1], line[160];
    dc_form_checkpoint(f, &events, head);
    dc_hex(head, DC_HASH_LEN, hex);
    grey(p->cr, 0);
    snprintf(line, sizeof line, "検証点 / Checkpoint: %lld 件 head %.16s…", (long long)events, hex);
    text_at(p, line, 8, left_w, MARGIN, bottom - 30, ALIGN_LEFT);
    grey(p->cr, 0.3);
    text_at(p,
            "作成時の台帳の記録数とハッシュ連鎖の先頭。daicho-admin verify の出力と照合できます。",
            6.5, left_w, MARGIN, bottom - 20, ALIGN_LEFT);
    text_at(p,
            "Events in the ledger and the head of its hash chain when this was made: compare with "
            "'daicho-admin verify'.",
            6.5, left_w, MARGIN, bottom - 11, ALIGN_LEFT);
    grey(p->cr, 0);
    snprintf(line, sizeof line, "%d / %d ページ", page + 1, p->npages);
    text_at(p, line, 8, 64, PAGE_W / 2, bottom - 1, ALIGN_CENTER);
    double box_h = FOOTER_H - 8;
    draw_box(p, "管理責任者 印", right - 70, bottom - box_h, 70, box_h);
    draw_box(p, "点検日 / Date checked", right - 190, bottom - box_h, 112, box_h);
    text_at(p, "年　　月　　日", 8, 96, right - 190 + 104, bottom - 14, ALIGN_RIGHT);
}

static void draw_page(pdf_t *p, int page)
{
    double top = draw_top(p), y = draw_head(p, top);
    int from = p->starts[page], to = p->starts[page + 1];
    for (int r = from; r < to; r++) {
        draw_row(p, r, y);
        y += p->row_h[r];
    }
    if (from == to) {
        double h = BODY_PT * LINE * 2 + 2 * PAD_Y;
        grey(p->cr, 0.3);
        text_at(p,
                dc_form_monthly(dc_form_kind(p->f))
                    ? "この月の記録はありません / No records this month"
                    : "登録された書類・媒体はありません / No items",
                BODY_PT, PAGE_W - 2 * MARGIN, PAGE_W / 2, y + h / 2 + BODY_PT / 3, ALIGN_CENTER);
        y += h;
    }
    draw_grid(p, page, top, y);
    draw_bottom(p, page);
    cairo_show_page(p->cr);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static const cairo_user_data_key_t face_key;

static void done_face(void *face)
{
    FT_Done_Face(face);
}

dc_err_t dc_form_write_pdf(const dc_form_t *f, FILE *out)
{
    DC_EXPECT(f && out);
    const char *path = dc_font_path();
    if (!path)
        return DC_E_FONT_MISSING;
    dc_err_t e = DC_E_OK;
    FT_Library lib = NULL;
    FT_Face face = NULL;
    cairo_font_face_t *cface = NULL;
    cairo_surface_t *surface = NULL;
    pdf_t *p = calloc(1, sizeof *p);
    if (!p)
        return DC_E_NOMEM;
    p->f = f;
    p->ncols = dc_form_ncols(f);
    if (!(p->cols = calloc((size_t)p->ncols, sizeof *p->cols))) {
        e = DC_E_NOMEM;
        goto out;
    }
    if (FT_Init_FreeType(&lib) != 0) {
        lib = NULL;
        e = DC_E_NOMEM;
        goto out;
    }
    if (FT_New_Face(lib, path, 0, &face) != 0) {
        face = NULL;
        e = DC_E_FONT_MISSING;
        goto out;
    }
    cface = cairo_ft_font_face_create_for_ft_face(face, 0);
    /* Cairo keeps the face in its caches past our last reference: it closes it itself. */
    if (cairo_font_face_status(cface) ||
        cairo_font_face_set_user_data(cface, &face_key, face, done_face)) {
        e = DC_E_NOMEM;
        goto out;
    }
    face = NULL;
    surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
    char title[2 * DC_SHORT_MAX];
    snprintf(title, sizeof title, "%s %s", dc_form_title(f, DC_LANG_JA),
             dc_form_period(f, DC_LANG_JA));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "daicho");
    p->cr = cairo_create(surface);
    cairo_set_font_face(p->cr, cface);
    /* Outlines as designed: hinting would make the measured widths differ from the drawn ones. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(p->cr, fo);
    cairo_font_options_destroy(fo);
    cairo_set_font_size(p->cr, 10);
    cairo_font_extents_t fe;
    cairo_font_extents(p->cr, &fe);
    p->asc = fe.ascent;
    p->desc = fe.descent;
    cairo_text_extents_t te;
    cairo_text_extents(p->cr, "…", &te);
    p->ell = te.x_advance;
    if (cairo_status(p->cr)) {
        e = DC_E_IO;
        goto out;
    }
    layout_columns(p);
    double top = TABLE_TOP, bottom = PAGE_H - MARGIN - FOOTER_H;
    if ((e = layout_rows(p, top, bottom)))
        goto out;
    for (int page = 0; page < p->npages; page++)
        draw_page(p, page);
out:
    if (p->cr) {
        if (!e && cairo_status(p->cr))
            e = DC_E_IO;
        cairo_destroy(p->cr);
    }
    if (surface) {
        cairo_surface_finish(surface);
        if (!e && cairo_surface_status(surface))
            e = DC_E_IO;
        cairo_surface_destroy(surface);
    }
    if (cface)
        cairo_font_face_destroy(cface);
    /* Drop cairo's font caches (which hold the face) before FreeType goes. */
    cairo_debug_reset_static_data();
    if (face)
        FT_Done_Face(face);
    if (lib)
        FT_Done_FreeType(lib);
    free(p->starts);
    free(p->row_h);
    free(p->cols);
    free(p);
    if (!e && (fflush(out) != 0 || ferror(out)))
        e = DC_E_IO;
    return e;
}
