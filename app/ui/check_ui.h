/* The manager's monthly check at the kiosk (月次点検): what its screens share. The month picker,
 * the summary, the seal and its result are in scr_check.c; the anomalies and the history behind
 * one in scr_check_list.c; the scan-back inventory in scr_inventory.c. Nothing is written before
 * the seal: all of it lives here, in memory, and goes with the session. */
#ifndef DC_UI_CHECK_UI_H
#define DC_UI_CHECK_UI_H

#include "desk/check.h"
#include "ui/ui.h"

/* A line of the summary's list: a heading (still out, in transit, disposed) or an item. */
typedef struct {
    int heading; /* -1 for an item, else which list it heads (0 out, 1 transit, 2 disposed) */
    char title[DC_LONG_MAX];
    char note[2][DC_LONG_MAX]; /* in Japanese and English */
    char mark[2][96];          /* beside the title: overdue (red), or the disposal method */
    bool alarm;
} dc_sum_row_t;

/* A row of the anomalies list: the anomalies about one event. */
typedef struct {
    int first, n;           /* check->anomalies[first .. first + n) */
    char who[DC_SHORT_MAX]; /* the name, or the badge when not enrolled */
    char item[DC_LONG_MAX]; /* "title (code)", or "" */
} dc_an_row_t;

/* A row of the history behind an anomaly. */
typedef struct {
    int64_t seq, ts_ms;
    int32_t tz_min;
    dc_evtype_t type;
    char who[DC_SHORT_MAX * 2 + 8]; /* the actor, and the second person */
    char item[DC_LONG_MAX];
    char what[2][DC_LONG_MAX]; /* the fields, in Japanese and English */
} dc_hist_row_t;

/* A paged list: the draw counts the pages for the screen's size, the buttons turn them. */
typedef struct {
    int page, pages;
} dc_pager_t;

struct dc_check_ui {
    char month[8];                 /* the month picked */
    char last_sealed[8];           /* the latest month sealed, "" when none */
    dc_check_t *check;             /* the month gathered; NULL until 点検する */
    dc_inventory_t *inv;           /* the scan-back inventory; NULL until begun */
    char (*inv_who)[DC_SHORT_MAX]; /* the holder of each unexpected item, by name... */
    int ninv_who;                  /* ...for the first ninv_who of them */
    dc_sum_row_t *rows;            /* the summary's list */
    int nrows;
    dc_an_row_t *an;
    int nan;
    dc_hist_row_t *hist;
    int nhist, cap_hist;
    char hist_title[DC_LONG_MAX];
    bool hist_person;  /* a person's month, not an item's history */
    int64_t hist_mark; /* the event behind the anomaly, shown marked */
    int hist_open;     /* the row to open at (its page), -1 once shown */
    dc_pager_t sum_pager, an_pager, hist_pager, inv_pager;
    int64_t sealed_seq;      /* the seal just made, for its result screen */
    const char *seal_reason; /* DC_SEAL_REASON_*, chosen on the seal screen; NULL until then */
    /* The month to a removable medium (scr_export.c) */
    dc_item_t medium;             /* the medium scanned; its code is "" until then */
    char export_dir[DC_LONG_MAX]; /* where the medium is mounted (the export_dir setting) */
    int64_t export_seq;           /* the copy event recorded, 0 when none */
    dc_err_t export_err;          /* after the copy was recorded: DC_E_OK or DC_E_IO */
    int export_errno;
};

/* Buttons every check screen may have; each adds its own from DC_CHK_BTN_OWN. */
enum {
    DC_CHK_BTN_BACK = DC_BTN_USER,
    DC_CHK_BTN_PREV,
    DC_CHK_BTN_NEXT,
    DC_CHK_BTN_OWN,
};

typedef struct {
    const char *label;
    int id;
    bool primary, enabled;
} dc_bar_button_t;

/* The title row: big ("月次点検 2026年10月") large, sub after it, status (may be NULL)
 * right-aligned in colour. Returns the y below it. */
int dc_check_title(dc_ui_t *ui, const char *big, const char *sub, const char *status,
                   uint32_t status_rgb);
/* The month as people write it: 2026年10月, October 2026. */
void dc_check_month_label(dc_ui_t *ui, const char *month, char *out, size_t cap);
/* The row of buttons at the bottom, evenly spread up to right. Returns its top. */
int dc_check_bar(dc_ui_t *ui, const dc_bar_button_t *b, int n, int right);
/* The message line just above the bar, up to right. */
void dc_check_message(dc_ui_t *ui, int right);
/* n rows, per to a page: count the pages (at least 1) and keep the page in range; returns the
 * first row of the page. */
int dc_check_paginate(dc_pager_t *p, int n, int per);
/* 前へ and 次へ: turn the page. True when id was one of them. */
bool dc_check_turn(dc_pager_t *p, int id);
/* The bar of a paged screen: 前へ and 次へ for p, with extra before them (戻る) or after them
 * (完了). */
void dc_check_pager_bar(dc_ui_t *ui, const dc_pager_t *p, dc_bar_button_t extra, bool before);
/* "月次点検 2026年10月" */
void dc_check_heading(dc_ui_t *ui, char *out, size_t cap);
/* "2 / 5" */
void dc_check_page_label(const dc_pager_t *p, char *out, size_t cap);

/* A text with one %d (n) and one %s (str) put in: the catalog's templates are not literals. */
void dc_check_fill(char *out, size_t cap, const char *tmpl, const char *str, int n);

/* Gather the month again (after a seal, or for another month); a failure is shown. */
bool dc_check_load(dc_ui_t *ui);
/* The anomalies' rows, one for each event named (scr_check_list.c); false when out of memory. */
bool dc_check_an_rows(dc_ui_t *ui);
void dc_check_free_rows(dc_check_ui_t *k);

#endif
