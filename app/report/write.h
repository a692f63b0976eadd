/* The writers of a form: CSV for Excel and PDF for the manager's signature. They lay out what
 * forms.c decided and add nothing to it. */
#ifndef DC_REPORT_WRITE_H
#define DC_REPORT_WRITE_H

#include <stdio.h>

#include "core/csv.h"
#include "report/forms.h"

/* CSV (csv.c): UTF-8 with a byte-order mark, CRLF line ends and every cell encoded by
 * dc_csv_cell, which Excel in Japan opens without asking, with text as text and no formulas. */

/* The byte-order mark that makes Excel read the file as UTF-8. */
void dc_csv_bom(FILE *out);
/* One line of n fields, field i of kinds[i] (every field text when kinds is NULL). DC_E_IO when out
 * reports a write error, DC_E_NOMEM when a long cell finds no memory. */
DC_WUR dc_err_t dc_csv_row(FILE *out, const char *const *fields, const dc_csv_kind_t *kinds, int n);
/* The whole form: byte-order mark, one row of Japanese column names, then its rows.
 * DC_E_IO when out reports a write error. */
DC_WUR dc_err_t dc_form_write_csv(const dc_form_t *f, FILE *out);

/* PDF (pdf.c): A4 landscape pages of a ruled table with the header row on every page, the
 * title, period, office and terminal at the top, and at the bottom the checkpoint, the page
 * number and a box for the manager's seal. Japanese text in the paper font (platform/font.h).
 * DC_E_FONT_MISSING without a font, DC_E_IO when out reports a write error. Cairo's static
 * caches are reset at the end, so nothing else in the process may be using cairo then. */
DC_WUR dc_err_t dc_form_write_pdf(const dc_form_t *f, FILE *out);

#endif
