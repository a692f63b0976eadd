/* CSV for Excel in Japan: without the byte-order mark Excel reads the file as Shift_JIS, and it
 * expects CRLF. Fields follow RFC 4180: quoted only when they must be, quotes doubled. */
#include <string.h>

#include "report/write.h"

void dc_csv_bom(FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
}

static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

void dc_csv_row(FILE *out, const char *const *fields, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', out);
        csv_field(out, fields[i]);
    }
    fputs("\r\n", out);
}

dc_err_t dc_form_write_csv(const dc_form_t *f, FILE *out)
{
    DC_EXPECT(f && out);
    int n = dc_form_ncols(f);
    const char *fields[32];
    DC_EXPECT(n <= (int)(sizeof fields / sizeof fields[0]));
    dc_csv_bom(out);
    for (int c = 0; c < n; c++)
        fields[c] = dc_form_header(f, c, DC_LANG_JA);
    dc_csv_row(out, fields, n);
    for (int r = 0; r < dc_form_nrows(f); r++) {
        for (int c = 0; c < n; c++)
            fields[c] = dc_form_cell(f, r, c);
        dc_csv_row(out, fields, n);
    }
    return fflush(out) == 0 && !ferror(out) ? DC_E_OK : DC_E_IO;
}
