#include "print/bitmap.h"

#include <stdlib.h>
#include <string.h>

struct dc_bitmap {
    int w, h, dpi, stride;
    uint8_t *bits;
};

dc_err_t dc_bitmap_create(int w, int h, int dpi, dc_bitmap_t **out)
{
    DC_EXPECT(w > 0 && h > 0 && dpi > 0 && out);
    *out = NULL;
    dc_bitmap_t *b = calloc(1, sizeof *b);
    if (!b)
        return DC_E_NOMEM;
    b->w = w;
    b->h = h;
    b->dpi = dpi;
    b->stride = (w + 7) / 8;
    b->bits = calloc((size_t)h, (size_t)b->stride);
    if (!b->bits) {
        free(b);
        return DC_E_NOMEM;
    }
    *out = b;
    return DC_E_OK;
}

void dc_bitmap_destroy(dc_bitmap_t *b)
{
    if (!b)
        return;
    free(b->bits);
    free(b);
}

int dc_bitmap_width(const dc_bitmap_t *b)
{
    return b->w;
}

int dc_bitmap_height(const dc_bitmap_t *b)
{
    return b->h;
}

int dc_bitmap_dpi(const dc_bitmap_t *b)
{
    return b->dpi;
}

int dc_bitmap_stride(const dc_bitmap_t *b)
{
    return b->stride;
}

const uint8_t *dc_bitmap_data(const dc_bitmap_t *b)
{
    return b->bits;
}

uint8_t *dc_bitmap_rows(dc_bitmap_t *b)
{
    return b->bits;
}

bool dc_bitmap_get(const dc_bitmap_t *b, int x, int y)
{
    if (x < 0 || y < 0 || x >= b->w || y >= b->h)
        return false;
    return (b->bits[(size_t)y * (size_t)b->stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
}

void dc_bitmap_set(dc_bitmap_t *b, int x, int y, bool ink)
{
    if (x < 0 || y < 0 || x >= b->w || y >= b->h)
        return;
    uint8_t *p = &b->bits[(size_t)y * (size_t)b->stride + (size_t)(x >> 3)];
    uint8_t bit = (uint8_t)(0x80 >> (x & 7));
    *p = ink ? (uint8_t)(*p | bit) : (uint8_t)(*p & ~bit);
}

/* Clip a rectangle to the image; false when nothing is left. */
static bool clip(const dc_bitmap_t *b, int *x, int *y, int *w, int *h)
{
    if (*x < 0) {
        *w += *x;
        *x = 0;
    }
    if (*y < 0) {
        *h += *y;
        *y = 0;
    }
    if (*x + *w > b->w)
        *w = b->w - *x;
    if (*y + *h > b->h)
        *h = b->h - *y;
    return *w > 0 && *h > 0;
}

/* Apply op to the dots [x, x+w) of row y: whole bytes at once where the span covers them. */
typedef enum { OP_INK, OP_PAPER, OP_FLIP } op_t;

static void span(dc_bitmap_t *b, int y, int x, int w, op_t op)
{
    uint8_t *row = b->bits + (size_t)y * (size_t)b->stride;
    for (int i = x; i < x + w;) {
        uint8_t mask;
        int n;
        if ((i & 7) == 0 && x + w - i >= 8) {
            mask = 0xff;
            n = 8;
        } else {
            mask = (uint8_t)(0x80 >> (i & 7));
            n = 1;
        }
        uint8_t *p = &row[i >> 3];
        *p = op == OP_INK     ? (uint8_t)(*p | mask)
             : op == OP_PAPER ? (uint8_t)(*p & ~mask)
                              : (uint8_t)(*p ^ mask);
        i += n;
    }
}

void dc_bitmap_fill(dc_bitmap_t *b, int x, int y, int w, int h, bool ink)
{
    if (!clip(b, &x, &y, &w, &h))
        return;
    for (int r = y; r < y + h; r++)
        span(b, r, x, w, ink ? OP_INK : OP_PAPER);
}

void dc_bitmap_invert(dc_bitmap_t *b, int x, int y, int w, int h)
{
    if (!clip(b, &x, &y, &w, &h))
        return;
    for (int r = y; r < y + h; r++)
        span(b, r, x, w, OP_FLIP);
}

void dc_bitmap_crop(dc_bitmap_t *b, int h)
{
    DC_EXPECT(h > 0 && h <= b->h);
    b->h = h;
}

int64_t dc_bitmap_count(const dc_bitmap_t *b, int x, int y, int w, int h)
{
    if (!clip(b, &x, &y, &w, &h))
        return 0;
    int64_t n = 0;
    for (int r = y; r < y + h; r++) {
        for (int c = x; c < x + w; c++)
            n += dc_bitmap_get(b, c, r);
    }
    return n;
}
