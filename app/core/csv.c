#include "core/csv.h"

#include <stdbool.h>
#include <stdlib.h>

typedef struct {
    char *text; /* all fields of the record, each NUL-terminated */
    size_t used;
    const char *fields[DC_CSV_MAX_FIELDS];
    int n;
    size_t start; /* where the current field starts in text */
} record_t;

static dc_err_t put(record_t *r, char c)
{
    if (r->used - r->start >= DC_CSV_MAX_FIELD)
        return DC_E_CSV_TOO_BIG;
    r->text[r->used++] = c;
    return DC_E_OK;
}

static dc_err_t end_field(record_t *r)
{
    if (r->n == DC_CSV_MAX_FIELDS)
        return DC_E_CSV_TOO_BIG;
    r->text[r->used++] = '\0';
    r->fields[r->n++] = r->text + r->start;
    r->start = r->used;
    return DC_E_OK;
}

dc_err_t dc_csv_parse(const char *buf, size_t len, dc_csv_cb cb, void *ctx, int *line_out)
{
    DC_EXPECT((buf || len == 0) && cb);
    record_t r = {0};
    /* A record never needs more than its own bytes plus one NUL per field. */
    r.text = malloc((DC_CSV_MAX_FIELD + 1) * (size_t)DC_CSV_MAX_FIELDS);
    if (!r.text)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_OK;
    int line = 1, rec_line = 1;
    size_t i = 0;
    while (i < len && !e) {
        /* One record. */
        r.used = r.start = 0;
        r.n = 0;
        rec_line = line;
        bool blank = true;
        for (;;) {
            bool quoted = i < len && buf[i] == '"';
            if (quoted) {
                blank = false;
                i++;
                for (;;) {
                    if (i >= len) {
                        e = DC_E_CSV_QUOTE;
                        break;
                    }
                    char c = buf[i++];
                    if (c == '"') {
                        if (i < len && buf[i] == '"') {
                            i++;
                        } else {
                            break;
                        }
                    } else if (c == '\n') {
                        line++;
                    }
                    if ((e = put(&r, c)))
                        break;
                }
                if (e)
                    break;
                /* After the closing quote: a separator or the end of the record. */
                if (i < len && buf[i] != ',' && buf[i] != '\r' && buf[i] != '\n') {
                    e = DC_E_CSV_QUOTE;
                    break;
                }
            } else {
                while (i < len && buf[i] != ',' && buf[i] != '\r' && buf[i] != '\n') {
                    blank = false;
                    if ((e = put(&r, buf[i++])))
                        break;
                }
                if (e)
                    break;
            }
            if ((e = end_field(&r)))
                break;
            if (i < len && buf[i] == ',') {
                blank = false;
                i++;
                continue;
            }
            /* End of record: CRLF, LF, a lone CR, or the end of the buffer. */
            if (i < len && buf[i] == '\r')
                i++;
            if (i < len && buf[i] == '\n')
                i++;
            line++;
            break;
        }
        if (!e && !blank && cb(rec_line, r.fields, r.n, ctx))
            break;
    }
    if (line_out)
        *line_out = e ? rec_line : line;
    free(r.text);
    return e;
}
