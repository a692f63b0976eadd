/* CSV as Excel writes it (RFC 4180): fields separated by commas, quoted with '"' when they hold a
 * comma, a quote ('""') or a line break; records end with CRLF or LF. Reading, and the one
 * encoder of a cell that every CSV this program writes goes through. Pure: buffers in UTF-8. */
#ifndef DC_CORE_CSV_H
#define DC_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define DC_CSV_MAX_FIELDS 64
#define DC_CSV_MAX_FIELD 2048 /* bytes of one field */

/* One record: its first line number (1-based; a quoted line break makes a record span lines),
 * and its fields as NUL-terminated strings valid during the call. Return 0 to go on. */
typedef int (*dc_csv_cb)(int line, const char *const *fields, int n, void *ctx);

/* Call cb for every record of buf, blank lines skipped. DC_E_CSV_QUOTE for a quote left open
 * or text after a closing quote, DC_E_CSV_TOO_BIG for a record over the limits; *line (may be
 * NULL) is then the line where the record starts. */
DC_WUR dc_err_t dc_csv_parse(const char *buf, size_t len, dc_csv_cb cb, void *ctx, int *line);

/* What a column holds, which decides how a spreadsheet must read its cells. */
typedef enum {
    DC_CSV_TEXT,   /* names, titles, codes, purposes, places: must open as the same text */
    DC_CSV_NUMBER, /* a count or a sequence number: a plain integer may open as a number */
    DC_CSV_DATE,   /* a date or time we wrote (YYYY-MM-DD, HH:MM, both): may open as a date */
} dc_csv_kind_t;

/* Whether a spreadsheet opening s as a cell would make it something other than the same text: a
 * formula or a command (it starts with = + - @, a tab, CR or LF, ASCII or full-width, after any
 * spaces), a number or a date (a digit, ASCII or full-width, '.', '(', a currency sign, an era
 * name and a digit as 令和8年10月1日), or a truth value (TRUE, FALSE). A lone "-" is text. */
bool dc_csv_risky(const char *s);

/* Encode one cell of the given kind into out (cap bytes, NUL-terminated when cap > 0) and return
 * its length, which may be more than cap - 1 (then nothing usable was written: call again with a
 * bigger buffer, as with snprintf). A number cell that is a plain integer (-?digits, no leading
 * zero, at most 15 digits, which a spreadsheet keeps exactly) and a date cell in our own ISO form
 * are written bare; an empty cell is written as nothing (a blank cell). Every other cell is text:
 * where dc_csv_risky, quoted and prefixed with a single quote, as OWASP's CSV injection advice
 * says, so that Excel and LibreOffice open it as text showing that quote; else bare, or quoted
 * (quotes doubled) when it holds a comma, a quote or a line break, as RFC 4180 asks. */
size_t dc_csv_cell(const char *s, dc_csv_kind_t kind, char *out, size_t cap);

#endif
