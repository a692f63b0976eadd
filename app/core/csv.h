/* Reading CSV as Excel writes it (RFC 4180): fields separated by commas, quoted with '"' when
 * they hold a comma, a quote ('""') or a line break; records end with CRLF or LF. Pure: it reads
 * a buffer already in UTF-8. */
#ifndef DC_CORE_CSV_H
#define DC_CORE_CSV_H

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

#endif
