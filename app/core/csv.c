#include "core/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

/* The next UTF-8 character of s as its code point, and how many bytes it took (0 at the end). A
 * malformed byte counts as itself: it is only compared, never decoded further. */
static unsigned next_cp(const char *s, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!u[0]) {
        *len = 0;
        return 0;
    }
    if (u[0] >= 0xE0 && u[0] < 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *len = 3;
        return (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3Fu);
    }
    if (u[0] >= 0xC0 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
        *len = 2;
        return (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3Fu);
    }
    *len = 1;
    return u[0];
}

static bool starts_ci(const char *s, const char *word)
{
    for (; *word; s++, word++) {
        char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
        if (c != *word)
            return false;
    }
    return true;
}

bool dc_csv_risky(const char *s)
{
    DC_EXPECT(s);
    int n;
    unsigned c = next_cp(s, &n);
    /* Spreadsheets skip leading spaces when they look for a number; so does this. */
    while (c == ' ' || c == 0x3000) {
        s += n;
        c = next_cp(s, &n);
    }
    /* Nothing, or a lone "-" (a blank written by hand, "standard output" in the ledger): no
     * spreadsheet reads either as anything but text. */
    if (!c || strcmp(s, "-") == 0)
        return false;
    /* Formulas and commands (DDE), in ASCII or the full-width forms a Japanese IME types. */
    if ((c < 0x80 && strchr("=+-@\t\r\n", (int)c)) || c == 0xFF1D || c == 0xFF0B || c == 0xFF0D ||
        c == 0xFF20 || c == 0x2212)
        return true;
    /* Numbers, percentages, money and dates: Excel in Japan reads full-width digits as numbers. */
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == '.' || c == '(' ||
        c == '$' || c == 0xA5 || c == 0xFFE5 || c == 0x20AC || c == 0xA3)
        return true;
    if ((starts_ci(s, "TRUE") && !s[4]) || (starts_ci(s, "FALSE") && !s[5]))
        return true;
    /* Japanese era dates: 令和8年10月1日, 平成30年... */
    static const char *const eras[] = {"令和", "平成", "昭和", "大正", "明治"};
    for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
        size_t len = strlen(eras[i]);
        if (strncmp(s, eras[i], len) == 0) {
            unsigned d = next_cp(s + len, &n);
            if ((d >= '0' && d <= '9') || (d >= 0xFF10 && d <= 0xFF19) || d == 0x5143 /* 元 */)
                return true;
        }
    }
    return false;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool plain_integer(const char *s)
{
    if (*s == '-')
        s++;
    size_t n = strlen(s);
    return n >= 1 && n <= 15 && digits(s, n) && (s[0] != '0' || n == 1);
}

/* YYYY-MM-DD, HH:MM or "YYYY-MM-DD HH:MM": the forms the ledger writes its dates in. */
static bool iso_date(const char *s)
{
    size_t n = strlen(s);
    bool date = n >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
                digits(s + 8, 2);
    if (date && n == 10)
        return true;
    const char *t = date ? s + 11 : s;
    if (date && s[10] != ' ')
        return false;
    return strlen(t) == 5 && digits(t, 2) && t[2] == ':' && digits(t + 3, 2);
}

size_t dc_csv_cell(const char *s, dc_csv_kind_t kind, char *out, size_t cap)
{
    DC_EXPECT(s && (out || cap == 0));
    size_t n = 0;
#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (n + 1 < cap)                                                                           \
            out[n] = (ch);                                                                         \
        n++;                                                                                       \
    } while (0)
    bool bare = !s[0] || (kind == DC_CSV_NUMBER && plain_integer(s)) ||
                (kind == DC_CSV_DATE && iso_date(s));
    bool risky = !bare && dc_csv_risky(s);
    /* Ordinary text opens as the same text bare; RFC 4180 quotes only what holds a separator. */
    if (!bare && !risky && !strpbrk(s, ",\"\r\n"))
        bare = true;
    if (bare) {
        for (const char *p = s; *p; p++)
            PUT(*p);
    } else {
        PUT('"');
        if (risky)
            PUT('\'');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                PUT('"');
            PUT(*p);
        }
        PUT('"');
    }
#undef PUT
    if (cap)
        out[n < cap ? n : cap - 1] = '\0';
    return n;
}
