/* The CSV reader of the import (Excel's CSV), and the one cell encoder of every CSV written: any
 * bytes. An encoded cell must read back as one field holding the text (after the leading quote
 * when the encoder added one). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

static int on_row(int line, const char *const *fields, int n, void *ctx)
{
    size_t *total = ctx;
    for (int i = 0; i < n; i++)
        *total += strlen(fields[i]);
    return line < 0;
}

typedef struct {
    const char *want;
    bool marked;
    int rows;
} back_t;

static int check_back(int line, const char *const *fields, int n, void *ctx)
{
    (void)line;
    back_t *b = ctx;
    b->rows++;
    if (n != 1 || strcmp(fields[0] + (b->marked ? 1 : 0), b->want) != 0 ||
        (b->marked && fields[0][0] != '\''))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t total = 0;
    int line = 0;
    (void)dc_csv_parse((const char *)data, size, on_row, &total, &line);

    /* The first bytes up to a NUL as one text cell, when the reader's field limit allows. */
    char cell[DC_CSV_MAX_FIELD / 2];
    size_t n = size < sizeof cell - 1 ? size : sizeof cell - 1;
    memcpy(cell, data, n);
    cell[n] = '\0';
    n = strlen(cell);
    if (n == 0 || strspn(cell, "\r\n") == n)
        return 0; /* blank records are skipped by design */
    char out[2 * sizeof cell + 4];
    size_t len = dc_csv_cell(cell, DC_CSV_TEXT, out, sizeof out);
    if (len >= sizeof out)
        abort();
    back_t b = {cell, dc_csv_risky(cell), 0};
    if (dc_csv_parse(out, len, check_back, &b, NULL) != DC_E_OK || b.rows != 1)
        abort();
    return 0;
}
