#include "print/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>

struct dc_qr {
    QRcode *code;
};

dc_err_t dc_qr_create(const char *text, dc_qr_ecc_t ecc, dc_qr_t **out)
{
    DC_EXPECT(text && *text && out);
    *out = NULL;
    dc_qr_t *q = calloc(1, sizeof *q);
    if (!q)
        return DC_E_NOMEM;
    /* QR_MODE_8 as the hint lets libqrencode pick alphanumeric mode for 0-9 A-Z "-". */
    q->code = QRcode_encodeString(text, 0, ecc == DC_QR_ECC_Q ? QR_ECLEVEL_Q : QR_ECLEVEL_M,
                                  QR_MODE_8, 1);
    if (!q->code) {
        dc_err_t e = errno == ENOMEM ? DC_E_NOMEM : DC_E_TOO_LONG;
        free(q);
        return e;
    }
    *out = q;
    return DC_E_OK;
}

void dc_qr_destroy(dc_qr_t *q)
{
    if (!q)
        return;
    QRcode_free(q->code);
    free(q);
}

int dc_qr_version(const dc_qr_t *q)
{
    return q->code->version;
}

int dc_qr_modules(const dc_qr_t *q)
{
    return q->code->width;
}

int dc_qr_size(const dc_qr_t *q, int module)
{
    return (q->code->width + 2 * DC_QR_QUIET) * module;
}

dc_err_t dc_qr_fit(const dc_qr_t *q, int box, int max_module, int *module)
{
    int m = box / (q->code->width + 2 * DC_QR_QUIET);
    if (m > max_module)
        m = max_module;
    *module = m;
    return m < DC_QR_MIN_MODULE ? DC_E_PAPER_TOO_SMALL : DC_E_OK;
}

void dc_qr_draw(const dc_qr_t *q, dc_bitmap_t *b, int x, int y, int module)
{
    DC_EXPECT(module >= 1);
    int n = q->code->width;
    int size = dc_qr_size(q, module);
    dc_bitmap_fill(b, x, y, size, size, false);
    int x0 = x + DC_QR_QUIET * module, y0 = y + DC_QR_QUIET * module;
    for (int r = 0; r < n; r++) {
        const unsigned char *row = q->code->data + (size_t)r * (size_t)n;
        for (int c = 0; c < n;) {
            if (!(row[c] & 1)) {
                c++;
                continue;
            }
            /* A run of dark modules is one rectangle. */
            int start = c;
            while (c < n && (row[c] & 1))
                c++;
            dc_bitmap_fill(b, x0 + start * module, y0 + r * module, (c - start) * module, module,
                           true);
        }
    }
}
