/* CSV for Excel in Japan: without the byte-order mark Excel reads the file as Shift_JIS, and it
 * expects CRLF. Every cell goes through dc_csv_cell (core/csv.h), the one encoder, so no file we
 * write opens with a formula, or with a title turned into a number or a date. */
#include <stdlib.h>

#include "report/write.h"

void dc_csv_bom(FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
}

static dc_err_t csv_field(FILE *out, const char *s, dc_csv_kind_t kind)
{
    char buf[1024];
    size_t n = dc_csv_cell(s, kind, buf, sizeof buf);
    if (n < sizeof buf) {
        fwrite(buf, 1, n, out);
        return DC_E_OK;
    }
    char *big = malloc(n + 1);
    if (!big)
        return DC_E_NOMEM;
    dc_csv_cell(s, kind, big, n + 1);
    fwrite(big, 1, n, out);
    free(big);
    return DC_E_OK;
}

dc_err_t dc_csv_row(FILE *out, const char *const *fields, const dc_csv_kind_t *kinds, int n)
{
    DC_EXPECT(out && fields && n >= 0);
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', out);
        dc_err_t e = csv_field(out, fields[i], kinds ? kinds[i] : DC_CSV_TEXT);
        if (e)
            return e;
    }
    fputs("\r\n", out);
    return ferror(out) ? DC_E_IO : DC_E_OK;
}

dc_err_t dc_form_write_csv(const dc_form_t *f, FILE *out)
{
    DC_EXPECT(f && out);
    int n = dc_form_ncols(f);
    const char *fields[32];
    dc_csv_kind_t kinds[32];
    DC_EXPECT(n <= (int)(sizeof fields / sizeof fields[0]));
    dc_csv_bom(out);
    for (int c = 0; c < n; c++) {
        fields[c] = dc_form_header(f, c, DC_LANG_JA);
        kinds[c] = dc_form_col_kind(f, c);
    }
    dc_err_t e = dc_csv_row(out, fields, NULL, n);
    for (int r = 0; r < dc_form_nrows(f) && !e; r++) {
        for (int c = 0; c < n; c++)
            fields[c] = dc_form_cell(f, r, c);
        e = dc_csv_row(out, fields, kinds, n);
    }
    if (e)
        return e;
    return fflush(out) == 0 && !ferror(out) ? DC_E_OK : DC_E_IO;
}
