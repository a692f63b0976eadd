/* Brother QL raster printing (QL-500 to QL-820 class: a 720-pin head at 300 dpi), for 62 x 29 mm
 * die-cut labels. The commands and numbers are those of Brother's "Raster Command Reference" for
 * the QL series:
 *   invalidate (200 NUL bytes), ESC @ (initialise), ESC i a 01 (raster mode),
 *   ESC i z (print information: the media, checked by the printer against the roll loaded),
 *   ESC i M 40 (auto cut), ESC i A 01 (cut every label), ESC i K 08 (cut at the end),
 *   ESC i d 00 00 (no feed margin: die-cut labels have their own gap),
 *   one "g 00 5A" + 90 bytes (720 pins) per raster line, uncompressed, then Control-Z (print and
 *   feed to the next label).
 * The label's printable area is 696 x 271 dots, on pins 12 to 707; the first pin of a line is the
 * label's right edge as it comes out, so a line's bits run from the right of the image. */
#include <stdlib.h>
#include <string.h>

#include "platform/printer_internal.h"

enum {
    LINE_BYTES = 90, /* 720 pins */
    FIRST_PIN = 12,  /* pins 0-11 lie outside a 62 mm label */
    INVALIDATE = 200,
};

/* The die-cut 62 x 29 mm label: its size in the print information, and its printable dots. */
enum { MEDIA_DIE_CUT = 0x0b, MEDIA_W_MM = 62, MEDIA_L_MM = 29 };

static int bit(const uint8_t *bits, int stride, int x, int y)
{
    return bits[(size_t)y * (size_t)stride + (size_t)(x >> 3)] >> (7 - (x & 7)) & 1;
}

dc_err_t dc_ql_page(const uint8_t *bits, int w, int h, int stride, uint8_t **out)
{
    DC_EXPECT(bits && w > 0 && h > 0 && stride >= (w + 7) / 8 && out);
    enum { PW = DC_QL_62X29_W, PH = DC_QL_62X29_H, PS = (PW + 7) / 8 };
    uint8_t *page = calloc(PH, PS);
    if (!page)
        return DC_E_NOMEM;
    /* The label layouts fill the whole 732 x 342 of the stock; the QL cannot print its edges.
     * Scaled by one factor both ways to fit (nearest dot: no grey, a QR's edges stay sharp) and
     * centred; an image already no larger than the printable area is copied dot for dot. */
    int64_t num = PW, den = w;
    if ((int64_t)PH * den < num * h)
        num = PH, den = h;
    if (num > den)
        num = den = 1; /* never enlarged */
    int sw = (int)(w * num / den), sh = (int)(h * num / den);
    int ox = (PW - sw) / 2, oy = (PH - sh) / 2;
    for (int y = 0; y < sh; y++) {
        int srcy = (int)(y * den / num);
        for (int x = 0; x < sw; x++) {
            if (bit(bits, stride, (int)(x * den / num), srcy)) {
                int px = ox + x, py = oy + y;
                page[(size_t)py * PS + (size_t)(px >> 3)] |= (uint8_t)(0x80 >> (px & 7));
            }
        }
    }
    *out = page;
    return DC_E_OK;
}

dc_err_t dc_ql_encode(const uint8_t *bits, int w, int h, int stride, int dpi, uint8_t **out,
                      size_t *len)
{
    DC_EXPECT(bits && w > 0 && h > 0 && stride >= (w + 7) / 8 && out && len);
    *out = NULL;
    *len = 0;
    /* The head is 300 dpi: a receipt laid out at 203 dpi would come out two thirds its size. */
    if (dpi != 300)
        return DC_E_PRINTER_SPEC;
    enum { PW = DC_QL_62X29_W, PH = DC_QL_62X29_H, PS = (PW + 7) / 8 };
    uint8_t *page = NULL;
    dc_err_t e = dc_ql_page(bits, w, h, stride, &page);
    if (e)
        return e;
    size_t cap = INVALIDATE + 2 + 4 + 13 + 4 + 4 + 4 + 5 + (size_t)PH * (3 + LINE_BYTES) + 1;
    uint8_t *b = malloc(cap);
    if (!b) {
        free(page);
        return DC_E_NOMEM;
    }
    size_t n = 0;
    memset(b, 0, INVALIDATE); /* ends whatever a previous, broken job left half sent */
    n += INVALIDATE;
    /* One command a line. */
    /* clang-format off */
    const uint8_t head[] = {
        0x1b, '@',                                  /* initialise */
        0x1b, 'i', 'a', 0x01,                       /* raster mode */
        0x1b, 'i', 'z', 0x80 | 0x02 | 0x04 | 0x08,  /* print information, recovery on, and */
        MEDIA_DIE_CUT, MEDIA_W_MM, MEDIA_L_MM,      /* the media's type, width, length valid */
        (uint8_t)PH, (uint8_t)(PH >> 8), 0, 0,      /* raster lines */
        0x00, 0x00,                                 /* the starting page; fixed */
        0x1b, 'i', 'M', 0x40,                       /* auto cut */
        0x1b, 'i', 'A', 0x01,                       /* cut every label */
        0x1b, 'i', 'K', 0x08,                       /* cut at the end, 300 dpi */
        0x1b, 'i', 'd', 0x00, 0x00,                 /* no feed margin */
    };
    /* clang-format on */
    memcpy(b + n, head, sizeof head);
    n += sizeof head;
    for (int y = 0; y < PH; y++) {
        b[n++] = 'g';
        b[n++] = 0x00;
        b[n++] = LINE_BYTES;
        uint8_t *line = b + n;
        memset(line, 0, LINE_BYTES);
        for (int x = 0; x < PW; x++) {
            if (bit(page, PS, x, y)) {
                int pin = FIRST_PIN + (PW - 1 - x);
                line[pin >> 3] |= (uint8_t)(0x80 >> (pin & 7));
            }
        }
        n += LINE_BYTES;
    }
    b[n++] = 0x1a; /* print, and feed to the next label */
    DC_EXPECT(n <= cap);
    free(page);
    *out = b;
    *len = n;
    return DC_E_OK;
}

dc_err_t dc_ql_print(const char *path, const uint8_t *bits, int w, int h, int stride, int dpi)
{
    uint8_t *data = NULL;
    size_t len = 0;
    dc_err_t e = dc_ql_encode(bits, w, h, stride, dpi, &data, &len);
    if (!e)
        e = dc_printer_write_device(path, data, len);
    free(data);
    return e;
}
