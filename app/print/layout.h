/* What goes on paper, laid out as 1-bit images at the printer's resolution: receipts (one per
 * record, listing every item), item labels, staff badge labels and the monthly seal slip.
 * Japanese first, English second where the paper has room. The caller gives the words; layout
 * decides only where they go. Text uses the shared paper font (platform/font.h). */
#ifndef DC_PRINT_LAYOUT_H
#define DC_PRINT_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "print/bitmap.h"

typedef enum {
    DC_PAPER_58,    /* receipt roll, 203 dpi, 384 dots across */
    DC_PAPER_80,    /* receipt roll, 203 dpi, 576 dots across */
    DC_PAPER_62X29, /* die-cut label, 300 dpi, 732 x 342 dots */
    DC_PAPER_50X30, /* die-cut label, 300 dpi, 590 x 354 dots */
    DC_PAPER__COUNT
} dc_paper_t;

typedef struct {
    const char *name; /* "58", "80", "62x29", "50x30" */
    int width;        /* dots across */
    int height;       /* dots along; 0 for a roll (as long as the print) */
    int dpi;
} dc_paper_info_t;

const dc_paper_info_t *dc_paper_info(dc_paper_t p);
bool dc_paper_parse(const char *s, dc_paper_t *out);

#define DC_RECEIPT_DPI 203
#define DC_RECEIPT_MIN_WIDTH 320

/* A labelled line of a receipt: "目的 / Purpose: 会議資料". */
typedef struct {
    const char *label_ja;
    const char *label_en;
    const char *value;
} dc_print_row_t;

/* An item on a receipt. */
typedef struct {
    const char *code;
    const char *title;
    const char *note; /* category and kind, small; on a receipt, after each "\n", one more line
                       * of the item's own facts (運搬元 From: 書庫A) */
} dc_print_item_t;

typedef struct {
    const char *office;
    const char *terminal_name;
    const char *terminal_id;
    const char *title_ja; /* the event type, in large type */
    const char *title_en;
    bool reprint;           /* marked 再発行 / REPRINT */
    const char *printed_at; /* for a reprint: when it was printed again; may be NULL */
    const char *date;       /* of the record, YYYY-MM-DD */
    const char *time;       /* HH:MM */
    int64_t first_seq, last_seq;
    const dc_print_item_t *items;
    int nitems;
    const dc_print_row_t *rows;
    int nrows;
    const char *payload; /* the QR's text */
    const char *footer_ja, *footer_en;
} dc_receipt_doc_t;

/* A receipt width dots across (203 dpi), as long as it needs. */
DC_WUR dc_err_t dc_layout_receipt(const dc_receipt_doc_t *d, int width, dc_bitmap_t **out);

typedef struct {
    const char *code;    /* in the QR and in text under it */
    const char *heading; /* small, above the title: what kind of label */
    const char *title;   /* the item's title or the person's name, as large as fits */
    const char *line2;   /* category and kind, or kana */
    const char *line3;   /* storage place, or role and section; may be NULL */
} dc_label_doc_t;

/* A label (item or badge) on die-cut stock of its size, or on a receipt roll as a fallback. */
DC_WUR dc_err_t dc_layout_label(const dc_label_doc_t *d, dc_paper_t paper, dc_bitmap_t **out);

/* One figure of the monthly check: "持ち出し中 / Still out: 3". */
typedef struct {
    const char *label_ja;
    const char *label_en;
    int64_t value;
} dc_seal_count_t;

typedef struct {
    const char *office;
    const char *terminal_name;
    const char *terminal_id;
    const char *month;   /* YYYY-MM checked */
    const char *manager; /* who checked and sealed */
    const char *date, *time;
    const dc_seal_count_t *counts;
    int ncounts;
    int64_t seq;         /* the monthly-check event */
    int64_t head_count;  /* the checkpoint: events in the log at the seal... */
    const uint8_t *head; /* ...and the chain head then (32 bytes) */
    const uint8_t *tree; /* the Merkle tree head of those events (32 bytes; NULL: none) */
    const char *payload; /* the signed checkpoint for the QR */
    const char *reason;  /* why sealed with items unfound or no inventory; NULL or "" for none */
} dc_seal_doc_t;

#define DC_SEAL_COUNTS_MAX 16

/* The monthly seal slip on a receipt roll width dots across (at most DC_SEAL_COUNTS_MAX
 * figures). */
DC_WUR dc_err_t dc_layout_seal(const dc_seal_doc_t *d, int width, dc_bitmap_t **out);

/* A headed list of items on paper: "持ち出し中 / Still out (10)" and the items. */
typedef struct {
    const char *heading_ja;
    const char *heading_en;
    const dc_print_item_t *items; /* note: who, since when, due... */
    int nitems;
} dc_print_list_t;

typedef struct {
    const char *office;
    const char *terminal_name;
    const char *terminal_id;
    const char *month;      /* YYYY-MM checked */
    const char *printed_by; /* the manager at the kiosk */
    const char *date, *time;
    const dc_seal_count_t *counts; /* the same figures as the seal slip */
    int ncounts;
    const dc_print_row_t *rows; /* integrity, seal, anomalies by kind */
    int nrows;
    const dc_print_list_t *lists; /* anomalies, still out, in transit, disposed, unfound... */
    int nlists;
    const char *sealed_on; /* the seal's date once the month is sealed; NULL before */
} dc_summary_doc_t;

/* The monthly check's summary, for the manager's desk: the figures, the rows and the lists,
 * marked at the top: 点検用集計(封印前), or after the seal 封印済み YYYY-MM-DD, and as not a
 * seal itself in words. No QR: it proves nothing. */
DC_WUR dc_err_t dc_layout_summary(const dc_summary_doc_t *d, int width, dc_bitmap_t **out);

#endif
