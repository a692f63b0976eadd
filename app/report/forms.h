/* The paper ledgers the office's rules name, as data: a title, columns (Japanese and English)
 * and rows of strings, built from the event log and the item table. The writers (CSV for Excel,
 * PDF for the manager's monthly check) only lay them out; what a row says is decided here. */
#ifndef DC_REPORT_FORMS_H
#define DC_REPORT_FORMS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/csv.h"
#include "desk/desk.h"

typedef enum {
    DC_FORM_TAKEOUT, /* 様式2 情報資産持ち出し管理簿: take-outs and their returns */
    DC_FORM_COPY_TRANSPORT, /* 様式10 複製・運搬記録簿: copies, transports and arrivals */
    DC_FORM_RECEIPT_DISPOSAL, /* 様式8 受払簿: registrations (受入) and disposals (払出) */
    DC_FORM_INVENTORY,        /* 様式1 情報資産目録: the items as they are now */
    DC_FORM__COUNT
} dc_form_kind_t;

/* The stable name of a form on the command line ("takeout", "copy-transport",
 * "receipt-disposal", "inventory"), and back; false when s names no form. */
const char *dc_form_name(dc_form_kind_t k);
bool dc_form_parse(const char *s, dc_form_kind_t *out);
/* True for the forms of one month (all but the inventory). */
bool dc_form_monthly(dc_form_kind_t k);

typedef struct dc_form dc_form_t;

/* Build a form from the ledger. Monthly forms take month "YYYY-MM" (at the terminal's offset;
 * dc_desk_month_range's usage error when it is not a month) and list the events of that month, with
 * the events linked to them (a take-out's return, a transport's arrival) whenever those happened.
 * The inventory ignores month and lists every item now. The form also keeps the office, the
 * terminal, when it was made and the ledger's checkpoint (event count and chain head). */
DC_WUR dc_err_t dc_form_build(dc_store_t *st, const dc_term_t *term, dc_form_kind_t kind,
                              const char *month, dc_form_t **out);
void dc_form_free(dc_form_t *f);

dc_form_kind_t dc_form_kind(const dc_form_t *f);
/* "様式2 情報資産持ち出し管理簿" / "Form 2: Information asset take-out register". */
const char *dc_form_title(const dc_form_t *f, dc_lang_t lang);
/* What the form covers: "2026年10月" / "October 2026", or for the inventory the day it was made,
 * "2026年11月2日現在" / "as of 2026-11-02". */
const char *dc_form_period(const dc_form_t *f, dc_lang_t lang);
const char *dc_form_office(const dc_form_t *f);
const char *dc_form_terminal(const dc_form_t *f);
/* When the form was made, "YYYY-MM-DD HH:MM" at the terminal's offset. */
const char *dc_form_made(const dc_form_t *f);
/* The ledger's checkpoint when the form was made: events in the log and the chain head. */
void dc_form_checkpoint(const dc_form_t *f, int64_t *events, uint8_t head[DC_HASH_LEN]);

int dc_form_ncols(const dc_form_t *f);
const char *dc_form_header(const dc_form_t *f, int col, dc_lang_t lang);
/* What a column holds, for the CSV writer: its sequence numbers and counts may open as numbers
 * and its dates as dates; every other column opens as text. */
dc_csv_kind_t dc_form_col_kind(const dc_form_t *f, int col);
int dc_form_nrows(const dc_form_t *f);
/* The text of one cell, "" when blank; never NULL. */
const char *dc_form_cell(const dc_form_t *f, int row, int col);

#endif
