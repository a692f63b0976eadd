/* The manager's monthly check (月次点検): the month picker, the month's summary on one screen,
 * printing it, and the seal (the manager's own badge, then the PIN pad) with its slip. Nothing
 * is written before the seal; a session that ends half-way leaves the ledger as it was. */
#include <stdlib.h>
#include <string.h>

#include "desk/receipt.h"
#include "platform/clock.h"
#include "report/export.h"
#include "ui/check_ui.h"

enum {
    BTN_PREV_MONTH = DC_CHK_BTN_OWN,
    BTN_NEXT_MONTH,
    BTN_START,
    BTN_ANOMALIES,
    BTN_INVENTORY,
    BTN_PRINT,
    BTN_EXPORT,
    BTN_SEAL,
    BTN_FINISH,
    BTN_REPRINT,
    BTN_REASON, /* + 0, 1, 2: the reasons to seal with items unfound */
};

/* The reasons offered, in the order of their buttons. */
static const char *const seal_reasons[] = {DC_SEAL_REASON_LATER, DC_SEAL_REASON_LENT,
                                           DC_SEAL_REASON_OTHER};
enum { NREASONS = sizeof seal_reasons / sizeof seal_reasons[0] };

/* ---- what the check screens share ---- */

int dc_check_title(dc_ui_t *ui, const char *big, const char *sub, const char *status,
                   uint32_t status_rgb)
{
    int top = dc_draw_header(ui), pad = dc_px(ui, 40);
    int sw = status && *status ? dc_draw_text(ui, ui->w - pad, top + dc_px(ui, 22), dc_px(ui, 34),
                                              status_rgb, DC_ALIGN_RIGHT, status)
                               : 0;
    int w =
        dc_draw_text(ui, pad, top + dc_px(ui, 10), dc_px(ui, 48), DC_C_HEADER, DC_ALIGN_LEFT, big);
    int sx = pad + w + dc_px(ui, 24);
    if (sub && *sub)
        dc_draw_text_fit(ui, sx, top + dc_px(ui, 24), ui->w - pad - sw - dc_px(ui, 24) - sx,
                         dc_px(ui, 30), DC_C_TEXT, DC_ALIGN_LEFT, sub);
    return top + dc_px(ui, 76);
}

void dc_check_month_label(dc_ui_t *ui, const char *month, char *out, size_t cap)
{
    static const char *const names[12] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
    int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10);
    if (m < 1 || m > 12)
        snprintf(out, cap, "%s", month);
    else if (ui->lang == DC_LANG_EN)
        snprintf(out, cap, "%s %d", names[m - 1], y);
    else
        snprintf(out, cap, "%d年%d月", y, m);
}

int dc_check_bar(dc_ui_t *ui, const dc_bar_button_t *b, int n, int right)
{
    int pad = dc_px(ui, 40), gap = dc_px(ui, 16), bh = dc_px(ui, 100);
    int top = ui->h - bh - dc_px(ui, 20), bw = (right - pad - gap * (n - 1)) / n;
    for (int i = 0; i < n; i++)
        dc_draw_button(ui, (SDL_Rect){pad + i * (bw + gap), top, bw, bh}, b[i].label, b[i].id,
                       b[i].primary, b[i].enabled);
    return top;
}

void dc_check_message(dc_ui_t *ui, int right)
{
    if (!ui->message[0])
        return;
    int pad = dc_px(ui, 40), y = ui->h - dc_px(ui, 120) - dc_px(ui, 38);
    dc_draw_text_fit(ui, pad, y, right - pad, dc_px(ui, 26),
                     ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT, ui->message);
}

int dc_check_paginate(dc_pager_t *p, int n, int per)
{
    if (per < 1)
        per = 1;
    p->pages = n > 0 ? (n + per - 1) / per : 1;
    if (p->page >= p->pages)
        p->page = p->pages - 1;
    if (p->page < 0)
        p->page = 0;
    return p->page * per;
}

bool dc_check_turn(dc_pager_t *p, int id)
{
    if (id == DC_CHK_BTN_PREV && p->page > 0)
        p->page--;
    else if (id == DC_CHK_BTN_NEXT && p->page < p->pages - 1)
        p->page++;
    return id == DC_CHK_BTN_PREV || id == DC_CHK_BTN_NEXT;
}

void dc_check_pager_bar(dc_ui_t *ui, const dc_pager_t *p, dc_bar_button_t extra, bool before)
{
    dc_bar_button_t bar[3] = {
        {T(PREV_PAGE), DC_CHK_BTN_PREV, false, p->page > 0},
        {T(NEXT), DC_CHK_BTN_NEXT, false, p->page < p->pages - 1},
        extra,
    };
    if (before) {
        bar[2] = bar[1];
        bar[1] = bar[0];
        bar[0] = extra;
    }
    dc_check_bar(ui, bar, 3, ui->w - dc_px(ui, 40));
}

void dc_check_fill(char *out, size_t cap, const char *tmpl, const char *str, int n)
{
    size_t len = 0;
    out[0] = '\0';
    for (const char *p = tmpl; *p && len + 1 < cap; p++) {
        int w = 0;
        if (p[0] == '%' && p[1] == 'd')
            w = snprintf(out + len, cap - len, "%d", n);
        else if (p[0] == '%' && p[1] == 's')
            w = snprintf(out + len, cap - len, "%s", str ? str : "");
        else {
            out[len++] = *p;
            out[len] = '\0';
        }
        if (w) {
            len += (size_t)w < cap - len ? (size_t)w : cap - len - 1;
            p++;
        }
    }
}

void dc_check_page_label(const dc_pager_t *p, char *out, size_t cap)
{
    snprintf(out, cap, "%d / %d", p->page + 1, p->pages);
}

void dc_check_heading(dc_ui_t *ui, char *out, size_t cap)
{
    char month[40];
    dc_check_month_label(ui, ui->check->month, month, sizeof month);
    snprintf(out, cap, "%s %s", T(MONTHLY), month);
}

/* ---- the state of the check ---- */

void dc_check_free_rows(dc_check_ui_t *k)
{
    free(k->rows);
    free(k->an);
    free(k->hist);
    k->rows = NULL;
    k->an = NULL;
    k->hist = NULL;
    k->nrows = k->nan = k->nhist = k->cap_hist = 0;
}

void dc_ui_check_drop(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    if (!k)
        return;
    dc_check_free_rows(k);
    dc_check_free(k->check);
    dc_inventory_free(k->inv);
    free(k->inv_who);
    free(k);
    ui->check = NULL;
}

void dc_ui_check_begin(dc_ui_t *ui)
{
    dc_ui_check_drop(ui);
    dc_check_ui_t *k = calloc(1, sizeof *k);
    if (!k) {
        dc_ui_refuse(ui, DC_E_NOMEM, NULL);
        return;
    }
    ui->check = k;
    dc_check_default_month(dc_clock_now_ms(), ui->term.tz_min, k->month);
    int64_t seq;
    if (dc_desk_last_seal(ui->st, k->last_sealed, &seq) != DC_E_OK)
        k->last_sealed[0] = '\0';
    dc_ui_go(ui, DC_SCR_MONTH);
}

/* An item of the summary's list: a take-out or transport still open, its marks in red. */
static void outstanding_row(dc_ui_t *ui, const dc_outstanding_t *o, dc_sum_row_t *r)
{
    char note[DC_LONG_MAX];
    r->heading = -1;
    dc_copy(r->title, sizeof r->title, o->title[0] ? o->title : o->item);
    r->alarm = true;
    for (int lang = 0; lang < 2; lang++) {
        dc_desk_note_outstanding(ui->st, o, (dc_lang_t)lang, note, sizeof note);
        snprintf(r->note[lang], sizeof r->note[lang], "%s  %.480s", o->item, note);
        snprintf(r->mark[lang], sizeof r->mark[lang], "%s%s%s",
                 o->overdue ? dc_anomaly_label(o->type == DC_EV_TRANSPORT ? DC_AN_LATE_ARRIVAL
                                                                          : DC_AN_OVERDUE,
                                               (dc_lang_t)lang)
                            : "",
                 o->overdue && o->too_long ? "・" : "",
                 o->too_long ? dc_anomaly_label(DC_AN_OUT_TOO_LONG, (dc_lang_t)lang) : "");
    }
}

/* A disposal of the month, its method beside the title. */
static void disposal_row(dc_ui_t *ui, const dc_disposal_t *d, dc_sum_row_t *r)
{
    char note[DC_LONG_MAX];
    r->heading = -1;
    dc_copy(r->title, sizeof r->title, d->title[0] ? d->title : d->item);
    for (int lang = 0; lang < 2; lang++) {
        dc_desk_note_disposal(ui->st, d, (dc_lang_t)lang, note, sizeof note);
        snprintf(r->note[lang], sizeof r->note[lang], "%s  %.480s", d->item, note);
        dc_copy(r->mark[lang], sizeof r->mark[lang], dc_method_label(d->method, (dc_lang_t)lang));
    }
}

/* The summary's list: still out, in transit, disposed, each under its heading. */
static bool summary_rows(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    const dc_check_t *c = k->check;
    k->rows = calloc((size_t)(3 + c->nout + c->ntransit + c->ndisposed), sizeof *k->rows);
    if (!k->rows)
        return false;
    k->rows[k->nrows++].heading = 0;
    for (int i = 0; i < c->nout; i++, k->nrows++)
        outstanding_row(ui, &c->out[i], &k->rows[k->nrows]);
    k->rows[k->nrows++].heading = 1;
    for (int i = 0; i < c->ntransit; i++, k->nrows++)
        outstanding_row(ui, &c->transit[i], &k->rows[k->nrows]);
    k->rows[k->nrows++].heading = 2;
    for (int i = 0; i < c->ndisposed; i++, k->nrows++)
        disposal_row(ui, &c->disposed[i], &k->rows[k->nrows]);
    return true;
}

bool dc_check_load(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    dc_check_free_rows(k);
    dc_check_free(k->check);
    k->check = NULL;
    k->sum_pager.page = k->an_pager.page = k->hist_pager.page = 0;
    dc_err_t e = dc_check_month(ui->st, &ui->term, k->month, &k->check);
    if (!e && (!summary_rows(ui) || !dc_check_an_rows(ui)))
        e = DC_E_NOMEM;
    if (e) {
        dc_check_free(k->check);
        k->check = NULL;
        dc_ui_refuse(ui, e, k->month);
        return false;
    }
    return true;
}

/* True when month is over by the clock: only then can it be sealed. */
static bool month_ended(const char *month, dc_ui_t *ui)
{
    char now[8];
    dc_event_local_month(dc_clock_now_ms(), ui->term.tz_min, now);
    return strcmp(month, now) < 0;
}

/* ---- the month picker ---- */

static void month_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    int y = dc_check_title(ui, T(MONTHLY), T(CHECK_MONTH), NULL, 0);
    int cx = ui->w / 2, bw = dc_px(ui, 250), bh = dc_px(ui, 130), pad = dc_px(ui, 40);
    char label[40], line[160];
    dc_check_month_label(ui, k->month, label, sizeof label);
    int my = y + dc_px(ui, 60);
    dc_draw_text(ui, cx, my, dc_px(ui, 96), DC_C_HEADER, DC_ALIGN_CENTER, label);
    dc_draw_button(ui, (SDL_Rect){pad, my, bw, bh}, T(PREV_MONTH), BTN_PREV_MONTH, false, true);
    dc_draw_button(ui, (SDL_Rect){ui->w - pad - bw, my, bw, bh}, T(NEXT_MONTH), BTN_NEXT_MONTH,
                   false, month_ended(k->month, ui));
    snprintf(line, sizeof line, "%s: %s", T(LAST_SEALED),
             k->last_sealed[0] ? k->last_sealed : T(NONE));
    dc_draw_text(ui, cx, my + bh + dc_px(ui, 40), dc_px(ui, 32), DC_C_MUTED, DC_ALIGN_CENTER, line);
    if (!month_ended(k->month, ui))
        dc_draw_wrapped(ui,
                        (SDL_Rect){pad, my + bh + dc_px(ui, 96), ui->w - 2 * pad, dc_px(ui, 80)},
                        dc_px(ui, 30), DC_C_ERROR, DC_ALIGN_CENTER, T(MONTH_NOT_ENDED));
    dc_check_message(ui, ui->w - pad);
    const dc_bar_button_t bar[] = {{T(BACK), DC_CHK_BTN_BACK, false, true},
                                   {T(START_CHECK), BTN_START, true, true}};
    dc_check_bar(ui, bar, 2, ui->w - pad);
}

static void month_button(dc_ui_t *ui, int id)
{
    dc_check_ui_t *k = ui->check;
    ui->message[0] = '\0';
    if (id == BTN_PREV_MONTH || id == BTN_NEXT_MONTH) {
        char m[8];
        dc_check_month_step(k->month, id == BTN_PREV_MONTH ? -1 : 1, m);
        memcpy(k->month, m, sizeof m);
    } else if (id == BTN_START) {
        if (dc_check_load(ui))
            dc_ui_go(ui, DC_SCR_CHECK);
    } else if (id == DC_CHK_BTN_BACK) {
        dc_ui_check_drop(ui);
        dc_ui_go(ui, DC_SCR_HOME);
    }
}

const dc_screen_t dc_scr_month = {"month", NULL, month_draw, NULL, month_button};

/* ---- the summary ---- */

static void check_enter(dc_ui_t *ui)
{
    if (ui->check && ui->check->check && !month_ended(ui->check->month, ui) && !ui->message[0])
        dc_ui_message(ui, false, T(MONTH_NOT_ENDED));
}

/* Integrity in a band across the screen: green when intact, red with the first bad record. */
static int integrity_band(dc_ui_t *ui, int y)
{
    const dc_check_t *c = ui->check->check;
    int pad = dc_px(ui, 40);
    SDL_Rect band = {0, y, ui->w, dc_px(ui, 54)};
    char line[400];
    dc_draw_fill(ui, band, c->intact ? DC_C_OK : DC_C_ERROR);
    if (c->intact)
        snprintf(line, sizeof line, "%s  (%lld %s)", T(INTACT), (long long)c->verify.events,
                 T(VERIFIED));
    else
        snprintf(line, sizeof line, "%s%lld  %s", T(TAMPERED), (long long)c->verify.bad_seq,
                 c->verify.what);
    dc_draw_band_text(ui, (SDL_Rect){pad, y + dc_px(ui, 2), ui->w - 2 * pad, band.h - dc_px(ui, 4)},
                      dc_px(ui, 30), DC_C_WHITE, line);
    return y + band.h + dc_px(ui, 10);
}

/* Append s to out[cap] from n with its spaces made no-break; returns the new length. */
static size_t append_nbsp(char *out, size_t n, size_t cap, const char *s)
{
    for (; *s && n + 3 < cap; s++) {
        if (*s == ' ') {
            memcpy(out + n, "\u00a0", 2);
            n += 2;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return n;
}

/* The month's events by type, as one paragraph that breaks only between types. */
static int type_counts(dc_ui_t *ui, int y)
{
    const dc_check_t *c = ui->check->check;
    int pad = dc_px(ui, 40);
    char text[1200], entry[160];
    size_t n = (size_t)snprintf(text, sizeof text, "%s %lld%s%s", T(EVENTS), (long long)c->events,
                                T(UNIT), c->events ? ":" : "");
    for (int t = 0; t < DC_EV__COUNT && n + 3 < sizeof text; t++) {
        if (!c->by_type[t])
            continue;
        snprintf(entry, sizeof entry, "%s %lld", dc_evtype_label((dc_evtype_t)t, ui->lang),
                 (long long)c->by_type[t]);
        n += (size_t)snprintf(text + n, sizeof text - n, "  "); /* a line may break here */
        n = append_nbsp(text, n, sizeof text, entry);
    }
    return y +
           dc_draw_wrapped(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, dc_px(ui, 70)}, dc_px(ui, 26),
                           DC_C_TEXT, DC_ALIGN_LEFT, text) +
           dc_px(ui, 8);
}

/* The kinds of one side (anomalies, or those for review) with their counts, from y; returns
 * the y below them. */
static int kind_rows(dc_ui_t *ui, SDL_Rect r, int y, int bottom, bool review)
{
    const dc_check_t *c = ui->check->check;
    char line[32];
    int row = dc_px(ui, 32);
    for (int i = 0; i < DC_AN__COUNT && y + row <= bottom; i++) {
        if (!c->by_kind[i] || dc_anomaly_review((dc_anomaly_kind_t)i) != review)
            continue;
        dc_draw_fill(ui, (SDL_Rect){r.x, y, r.w, row - dc_px(ui, 4)}, DC_C_WHITE);
        snprintf(line, sizeof line, "%d", c->by_kind[i]);
        int cw = dc_draw_text(ui, r.x + r.w - dc_px(ui, 10), y + dc_px(ui, 2), dc_px(ui, 24),
                              DC_C_TEXT, DC_ALIGN_RIGHT, line);
        dc_draw_text_fit(ui, r.x + dc_px(ui, 10), y + dc_px(ui, 2), r.w - cw - dc_px(ui, 30),
                         dc_px(ui, 24), DC_C_TEXT, DC_ALIGN_LEFT,
                         dc_anomaly_label((dc_anomaly_kind_t)i, ui->lang));
        y += row;
    }
    return y;
}

/* Anomalies by kind, then what is recorded for review, then the inventory, in r. */
static void kind_counts(dc_ui_t *ui, SDL_Rect r)
{
    const dc_check_ui_t *k = ui->check;
    const dc_check_t *c = k->check;
    char line[200];
    int y = r.y, bottom = r.y + r.h - dc_px(ui, 70);
    int nanomalies = c->nanomalies - c->nreview;
    dc_check_fill(line, sizeof line, T(CK_ANOMALIES_N), NULL, nanomalies);
    dc_draw_text(ui, r.x, y, dc_px(ui, 32), nanomalies ? DC_C_ERROR : DC_C_OK, DC_ALIGN_LEFT,
                 nanomalies ? line : T(NO_ANOMALIES));
    y = kind_rows(ui, r, y + dc_px(ui, 44), bottom, false);
    if (c->nreview && y + dc_px(ui, 40) <= bottom) {
        dc_check_fill(line, sizeof line, T(CK_REVIEW_N), NULL, c->nreview);
        dc_draw_text(ui, r.x, y + dc_px(ui, 4), dc_px(ui, 28), DC_C_HEADER, DC_ALIGN_LEFT, line);
        kind_rows(ui, r, y + dc_px(ui, 40), bottom, true);
    }
    if (k->inv)
        snprintf(line, sizeof line, "%s: %s %d / %d%s  %s %d%s  %s %d%s", T(INVENTORY),
                 T(INV_FOUND), k->inv->nfound, k->inv->nexpected, T(UNIT), T(INV_MISSING),
                 dc_inventory_unfound(k->inv), T(UNIT), T(INV_UNEXPECTED), k->inv->nunexpected,
                 T(UNIT));
    dc_draw_wrapped(ui, (SDL_Rect){r.x, r.y + r.h - dc_px(ui, 66), r.w, dc_px(ui, 66)},
                    dc_px(ui, 24), k->inv && k->inv->nunexpected ? DC_C_ERROR : DC_C_MUTED,
                    DC_ALIGN_LEFT, k->inv ? line : T(INV_NOT_YET));
}

/* A heading of the summary's list: "持ち出し中 10件(うち返却予定日超過 8件)". */
static void list_heading(dc_ui_t *ui, int list, char *out, size_t cap)
{
    const dc_check_t *c = ui->check->check;
    if (list == 0)
        snprintf(out, cap, "%s %d%s (%s %d%s)", T(STILL_OUT), c->nout, T(UNIT), T(OF_WHICH_OVERDUE),
                 c->noverdue, T(UNIT));
    else
        snprintf(out, cap, "%s %d%s", list == 1 ? T(IN_TRANSIT) : T(DISPOSED),
                 list == 1 ? c->ntransit : c->ndisposed, T(UNIT));
}

/* Still out, in transit and disposed, paged, in r. */
static void handover_list(dc_ui_t *ui, SDL_Rect r)
{
    dc_check_ui_t *k = ui->check;
    /* The paging buttons above the list, each at least 80 each way. */
    int slot = dc_px(ui, 64), top_h = dc_px(ui, 90);
    int per = (r.h - top_h) / slot;
    int first = dc_check_paginate(&k->sum_pager, k->nrows, per);
    char buf[DC_LONG_MAX + 64];
    int bw = dc_px(ui, 150), bh = dc_px(ui, 80);
    dc_draw_button(ui, (SDL_Rect){r.x + r.w - bw, r.y, bw, bh}, T(NEXT), DC_CHK_BTN_NEXT, false,
                   k->sum_pager.page < k->sum_pager.pages - 1);
    dc_draw_button(ui, (SDL_Rect){r.x + r.w - 2 * bw - dc_px(ui, 12), r.y, bw, bh}, T(PREV_PAGE),
                   DC_CHK_BTN_PREV, false, k->sum_pager.page > 0);
    dc_check_page_label(&k->sum_pager, buf, sizeof buf);
    dc_draw_text(ui, r.x + r.w - 2 * bw - dc_px(ui, 28), r.y + dc_px(ui, 25), dc_px(ui, 28),
                 DC_C_MUTED, DC_ALIGN_RIGHT, buf);
    int y = r.y + top_h;
    for (int i = first; i < k->nrows && i < first + per; i++, y += slot) {
        const dc_sum_row_t *row = &k->rows[i];
        if (row->heading >= 0) {
            list_heading(ui, row->heading, buf, sizeof buf);
            dc_draw_text_fit(ui, r.x, y + dc_px(ui, 20), r.w, dc_px(ui, 30), DC_C_HEADER,
                             DC_ALIGN_LEFT, buf);
            dc_draw_fill(ui, (SDL_Rect){r.x, y + slot - dc_px(ui, 6), r.w, dc_px(ui, 2)},
                         DC_C_HEADER);
            continue;
        }
        dc_draw_fill(ui, (SDL_Rect){r.x, y, r.w, slot - dc_px(ui, 6)}, DC_C_WHITE);
        int mw = 0, x = r.x + dc_px(ui, 10), w = r.w - dc_px(ui, 20);
        int lang = ui->lang == DC_LANG_EN;
        if (row->mark[lang][0])
            mw =
                dc_draw_text(ui, x + w, y + dc_px(ui, 4), dc_px(ui, 22),
                             row->alarm ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_RIGHT, row->mark[lang]) +
                dc_px(ui, 12);
        dc_draw_text_fit(ui, x, y + dc_px(ui, 2), w - mw, dc_px(ui, 26), DC_C_TEXT, DC_ALIGN_LEFT,
                         row->title);
        dc_draw_text_fit(ui, x, y + dc_px(ui, 32), w, dc_px(ui, 22), DC_C_MUTED, DC_ALIGN_LEFT,
                         row->note[lang]);
    }
}

static void check_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    const dc_check_t *c = k->check;
    char big[80], status[80];
    dc_check_heading(ui, big, sizeof big);
    if (c->sealed_seq)
        snprintf(status, sizeof status, "%s No.%lld", T(SEALED), (long long)c->sealed_seq);
    else
        dc_copy(status, sizeof status, T(NOT_SEALED));
    int y = dc_check_title(ui, big, NULL, status, c->sealed_seq ? DC_C_OK : DC_C_MUTED);
    y = type_counts(ui, integrity_band(ui, y));
    int pad = dc_px(ui, 40), lw = dc_px(ui, 380), gap = dc_px(ui, 28);
    int bottom = ui->h - dc_px(ui, 166);
    kind_counts(ui, (SDL_Rect){pad, y, lw, bottom - y});
    handover_list(ui, (SDL_Rect){pad + lw + gap, y, ui->w - 2 * pad - lw - gap, bottom - y});
    dc_check_message(ui, ui->w - pad);
    /* The inventory comes before the seal: until it is made, it is the button to press. */
    bool inv_done = k->inv != NULL;
    const dc_bar_button_t bar[] = {
        {T(BACK), DC_CHK_BTN_BACK, false, true},
        {T(ANOMALY_LIST), BTN_ANOMALIES, false, true},
        {T(INVENTORY), BTN_INVENTORY, !inv_done && !c->sealed_seq, true},
        {T(PRINT), BTN_PRINT, false, true},
        {T(EXPORT), BTN_EXPORT, false, true},
        {T(SEAL), BTN_SEAL, inv_done, !c->sealed_seq},
    };
    dc_check_bar(ui, bar, 6, ui->w - pad);
}

static void check_button(dc_ui_t *ui, int id)
{
    dc_check_ui_t *k = ui->check;
    if (dc_check_turn(&k->sum_pager, id))
        return;
    ui->message[0] = '\0';
    if (id == DC_CHK_BTN_BACK) {
        dc_check_free_rows(k);
        dc_check_free(k->check);
        k->check = NULL;
        dc_ui_go(ui, DC_SCR_MONTH);
    } else if (id == BTN_ANOMALIES) {
        dc_ui_go(ui, DC_SCR_ANOMALIES);
    } else if (id == BTN_INVENTORY) {
        dc_ui_go(ui, DC_SCR_INVENTORY);
    } else if (id == BTN_PRINT) {
        /* The summary on paper leaves the terminal: an export event, committed first. */
        char what[40];
        int64_t seq;
        snprintf(what, sizeof what, "summary %s", k->month);
        dc_err_t e =
            dc_report_log_export(ui->st, &ui->term, ui->user.badge, what, "printer", "paper", &seq);
        if (!e)
            e = dc_desk_print_summary(ui->st, &ui->term, k->check, k->inv, ui->user.badge,
                                      ui->printer);
        if (e)
            dc_ui_refuse(ui, e, NULL);
        else
            dc_ui_message(ui, false, T(PRINTED));
    } else if (id == BTN_EXPORT) {
        dc_ui_export_begin(ui);
    } else if (id == BTN_SEAL && !k->check->sealed_seq) {
        dc_ui_go(ui, DC_SCR_SEAL);
    }
}

static void check_scan(dc_ui_t *ui, const char *text)
{
    /* Receipts come back at the monthly check: anything else is for the inventory. */
    if (dc_ui_is_receipt(text))
        dc_ui_check_receipt(ui, text, NULL);
    else
        dc_ui_flash(ui, false, T(SCAN_NOT_HERE), text);
}

const dc_screen_t dc_scr_check = {"check", check_enter, check_draw, check_scan, check_button};

/* ---- the seal ---- */

/* The figures the seal records, in cols columns (more if they need) inside r. */
static void seal_figures(dc_ui_t *ui, SDL_Rect r, int size, int cols)
{
    const dc_check_ui_t *k = ui->check;
    dc_seal_count_t counts[DC_SEAL_COUNTS_MAX];
    int n = dc_check_counts(k->check, k->inv, counts, DC_SEAL_COUNTS_MAX);
    int line = size * 3 / 2;
    /* More columns rather than rows that run past r (into a message under it). */
    while (cols < 4 && (n + cols - 1) / cols * line > r.h)
        cols++;
    int rows = (n + cols - 1) / cols, cw = r.w / cols;
    char buf[160];
    for (int i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, "%s: %lld",
                 ui->lang == DC_LANG_EN ? counts[i].label_en : counts[i].label_ja,
                 (long long)counts[i].value);
        dc_draw_text_fit(ui, r.x + (i / rows) * cw, r.y + (i % rows) * line, cw - dc_px(ui, 16),
                         size, DC_C_TEXT, DC_ALIGN_LEFT, buf);
    }
}

/* A message that may be long (a printer's trouble and what to do), wrapped inside r. */
static void long_message(dc_ui_t *ui, SDL_Rect r)
{
    if (ui->message[0])
        dc_draw_wrapped(ui, r, dc_px(ui, 26), ui->message_error ? DC_C_ERROR : DC_C_TEXT,
                        DC_ALIGN_LEFT, ui->message);
}

static void seal_enter(dc_ui_t *ui)
{
    ui->check->seal_reason = NULL; /* asked again each time: the inventory may have moved on */
}

/* With items unfound or no inventory: how many, and the reasons to choose from, in r. */
static void seal_reason_ask(dc_ui_t *ui, SDL_Rect r)
{
    const dc_check_ui_t *k = ui->check;
    char line[300];
    if (k->inv)
        dc_check_fill(line, sizeof line, T(CK_SEAL_UNFOUND), NULL, dc_inventory_unfound(k->inv));
    else
        dc_copy(line, sizeof line, T(CK_SEAL_NO_INV));
    dc_draw_fill(ui, r, DC_C_WHITE);
    int pad = dc_px(ui, 16);
    dc_draw_wrapped(ui, (SDL_Rect){r.x + pad, r.y + dc_px(ui, 10), r.w - 2 * pad, dc_px(ui, 40)},
                    dc_px(ui, 28), DC_C_ERROR, DC_ALIGN_LEFT, line);
    static const dc_text_t labels[NREASONS] = {DC_T_CK_REASON_LATER, DC_T_CK_REASON_LENT,
                                               DC_T_CK_REASON_OTHER};
    int gap = dc_px(ui, 16), bw = (r.w - 2 * pad - gap * (NREASONS - 1)) / NREASONS;
    for (int i = 0; i < NREASONS; i++)
        dc_draw_button(
            ui, (SDL_Rect){r.x + pad + i * (bw + gap), r.y + dc_px(ui, 54), bw, dc_px(ui, 84)},
            dc_text(labels[i], ui->lang), BTN_REASON + i, k->seal_reason == seal_reasons[i], true);
}

static void seal_draw(dc_ui_t *ui)
{
    const dc_check_ui_t *k = ui->check;
    char big[80];
    dc_check_heading(ui, big, sizeof big);
    int y = dc_check_title(ui, big, T(SEAL), NULL, 0), pad = dc_px(ui, 40);
    bool ask = dc_check_seal_needs_reason(k->inv);
    SDL_Rect band = {0, y + dc_px(ui, 10), ui->w, dc_px(ui, ask ? 72 : 110)};
    dc_draw_fill(ui, band, DC_C_PRIMARY);
    dc_draw_wrapped(
        ui, (SDL_Rect){pad, band.y + dc_px(ui, ask ? 14 : 24), ui->w - 2 * pad, dc_px(ui, 70)},
        dc_px(ui, ask ? 36 : 44), DC_C_WHITE, DC_ALIGN_CENTER,
        ask && !k->seal_reason ? T(CK_REASON_FIRST) : T(SEAL_SCAN));
    y = band.y + band.h + dc_px(ui, 14);
    dc_draw_text_fit(ui, pad, y, ui->w - 2 * pad, dc_px(ui, 26), DC_C_MUTED, DC_ALIGN_LEFT,
                     T(SEAL_NOTE));
    y += dc_px(ui, 40);
    if (ask) {
        seal_reason_ask(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, dc_px(ui, 150)});
        y += dc_px(ui, 166);
    }
    int bottom = ui->h - dc_px(ui, ui->message[0] ? 166 : 140); /* above the message, the bar */
    seal_figures(ui, (SDL_Rect){pad, y, ui->w - 2 * pad, bottom - y}, dc_px(ui, ask ? 22 : 26),
                 ask ? 3 : 2);
    dc_check_message(ui, ui->w - pad);
    const dc_bar_button_t bar[] = {{T(BACK), DC_CHK_BTN_BACK, false, true}};
    dc_check_bar(ui, bar, 1, ui->w / 3);
}

static void seal_scan(dc_ui_t *ui, const char *text)
{
    char badge[DC_CODE_MAX];
    if (!dc_ui_badge_of(ui, text, badge))
        return;
    /* Unfound items or no inventory: sealed only with a reason, recorded with the seal. */
    if (dc_check_seal_needs_reason(ui->check->inv) && !ui->check->seal_reason) {
        dc_ui_flash(ui, false, T(CK_REASON_FIRST), NULL);
        dc_ui_message(ui, true, T(CK_REASON_FIRST));
        return;
    }
    /* The seal is the check of the person logged in: their own badge, then their PIN. */
    if (strcmp(badge, ui->user.badge) != 0) {
        dc_ui_flash(ui, false, T(SEAL_NOT_YOU), ui->user.name);
        dc_ui_message(ui, true, T(SEAL_NOT_YOU));
        return;
    }
    dc_ui_ask_pin(ui, badge, DC_PIN_SEAL);
}

static void seal_button(dc_ui_t *ui, int id)
{
    if (id == DC_CHK_BTN_BACK) {
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_CHECK);
    } else if (id >= BTN_REASON && id < BTN_REASON + NREASONS) {
        ui->check->seal_reason = seal_reasons[id - BTN_REASON];
        ui->message[0] = '\0';
    }
}

const dc_screen_t dc_scr_seal = {"seal", seal_enter, seal_draw, seal_scan, seal_button};

void dc_ui_check_seal(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    int64_t seq = 0;
    bool ask = dc_check_seal_needs_reason(k->inv);
    if (ask && !k->seal_reason) {
        /* The badge is refused before the PIN without a reason (seal_scan): never sealed so. */
        dc_ui_go(ui, DC_SCR_SEAL);
        dc_ui_message(ui, true, T(CK_REASON_FIRST));
        return;
    }
    dc_err_t e = dc_check_seal(ui->st, &ui->term, k->check, ui->user.badge, k->inv,
                               ask ? k->seal_reason : NULL, &seq);
    if (e) {
        /* Refused by the rules: logged for the next check, shown here; nothing was sealed. */
        if (dc_err_class(e) == DC_CLASS_REFUSED &&
            dc_check_record_refusal(ui->st, &ui->term, ui->user.badge, DC_EV_MONTHLY_CHECK, e, NULL,
                                    NULL))
            SDL_Log("daicho: a refusal could not be logged: %s", dc_desk_detail(ui->st));
        dc_ui_go(ui, DC_SCR_CHECK);
        dc_ui_refuse(ui, e, k->month);
        return;
    }
    /* Committed: whatever happens to the paper, the seal stands. */
    dc_bitmap_t *b = NULL;
    ui->print_err = dc_desk_print_seal(ui->st, &ui->term, seq, k->check, k->inv, ui->printer, &b);
    if (b)
        dc_ui_show_paper(ui, b);
    dc_bitmap_destroy(b);
    k->sealed_seq = seq;
    dc_copy(k->last_sealed, sizeof k->last_sealed, k->month);
    char big[80];
    dc_check_heading(ui, big, sizeof big);
    dc_ui_flash(ui, true, T(SEALED_DONE), big);
    ui->message[0] = '\0';
    if (ui->print_err)
        dc_ui_message(ui, true, dc_err_msg(ui->print_err, ui->lang));
    dc_ui_go(ui, DC_SCR_SEALED);
}

/* ---- sealed: the result, with the slip as printed ---- */

static void sealed_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    char big[80], head[120];
    dc_check_heading(ui, big, sizeof big);
    int y = dc_check_title(ui, big, NULL, NULL, 0), pad = dc_px(ui, 40);
    SDL_Rect band = {0, y, ui->w, dc_px(ui, 84)};
    dc_draw_fill(ui, band, DC_C_OK);
    snprintf(head, sizeof head, "%s  No.%lld", T(SEALED_DONE), (long long)k->sealed_seq);
    dc_draw_text(ui, ui->w / 2, band.y + dc_px(ui, 14), dc_px(ui, 50), DC_C_WHITE, DC_ALIGN_CENTER,
                 head);
    int right = dc_ui_draw_paper(ui, band.y + band.h) - dc_px(ui, 20);
    SDL_Rect panel = {pad, band.y + band.h + dc_px(ui, 16), right - pad, 0};
    panel.h = ui->h - panel.y - dc_px(ui, 166);
    /* A message (the printer's trouble and to reprint) gets three lines under the figures. */
    int msg_h = ui->message[0] ? dc_px(ui, 100) : 0;
    dc_draw_fill(ui, panel, DC_C_WHITE);
    int fy = panel.y + dc_px(ui, 12);
    if (k->seal_reason) {
        char line[120];
        dc_check_fill(line, sizeof line, T(CK_REASON_CHOSEN),
                      ui->lang == DC_LANG_EN
                          ? dc_text(k->seal_reason == seal_reasons[0]   ? DC_T_CK_REASON_LATER
                                    : k->seal_reason == seal_reasons[1] ? DC_T_CK_REASON_LENT
                                                                        : DC_T_CK_REASON_OTHER,
                                    ui->lang)
                          : k->seal_reason,
                      0);
        dc_draw_text_fit(ui, panel.x + dc_px(ui, 16), fy, panel.w - dc_px(ui, 32), dc_px(ui, 24),
                         DC_C_ERROR, DC_ALIGN_LEFT, line);
        fy += dc_px(ui, 36);
    }
    seal_figures(ui,
                 (SDL_Rect){panel.x + dc_px(ui, 16), fy, panel.w - dc_px(ui, 32),
                            panel.y + panel.h - msg_h - fy - dc_px(ui, 12)},
                 dc_px(ui, msg_h ? 20 : 24), 2);
    long_message(ui, (SDL_Rect){panel.x + dc_px(ui, 16), panel.y + panel.h - msg_h,
                                panel.w - dc_px(ui, 32), msg_h});
    const dc_bar_button_t bar[] = {{T(BACK), DC_CHK_BTN_BACK, false, true},
                                   {T(REPRINT), BTN_REPRINT, false, true},
                                   {T(FINISH), BTN_FINISH, true, true}};
    dc_check_bar(ui, bar, 3, right);
}

/* The seal slip again: a reprint event first (as every reprint at the kiosk), then the paper. */
static void sealed_reprint(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    int64_t rs;
    dc_bitmap_t *b = NULL;
    dc_err_t e = dc_desk_record_reprint(ui->st, &ui->term, ui->user.badge, k->sealed_seq, &rs);
    if (!e)
        e = dc_desk_print_seal(ui->st, &ui->term, k->sealed_seq, k->check, k->inv, ui->printer, &b);
    if (b)
        dc_ui_show_paper(ui, b);
    dc_bitmap_destroy(b);
    ui->print_err = e;
    if (e)
        dc_ui_refuse(ui, e, NULL);
    else
        dc_ui_message(ui, false, T(CK_SLIP_REPRINTED));
}

static void sealed_button(dc_ui_t *ui, int id)
{
    if (id == BTN_REPRINT) {
        sealed_reprint(ui);
    } else if (id == BTN_FINISH) {
        dc_ui_logout(ui, DC_T__COUNT); /* a completed check ends the session */
    } else if (id == DC_CHK_BTN_BACK) {
        ui->message[0] = '\0';
        dc_ui_drop_paper(ui);
        if (dc_check_load(ui)) /* sealed now: the summary says so */
            dc_ui_go(ui, DC_SCR_CHECK);
    }
}

const dc_screen_t dc_scr_sealed = {"sealed", NULL, sealed_draw, NULL, sealed_button};
