#include "textfind.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "platform/font.h"

static int get(const uint8_t *bits, int stride, int x, int y)
{
    return (bits[(size_t)y * (size_t)stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
}

/* The template's dots must match the image's exactly inside the template's ink box. */
static bool match_at(const uint8_t *img, int istride, const uint8_t *t, int tstride, int bx, int by,
                     int bw, int bh, int x, int y)
{
    for (int j = 0; j < bh; j++) {
        for (int i = 0; i < bw; i++) {
            if (get(img, istride, x + i, y + j) != get(t, tstride, bx + i, by + j))
                return false;
        }
    }
    return true;
}

static int find_at(dc_font_t *f, const uint8_t *bits, int w, int h, int stride, const char *text,
                   int px, bool bold)
{
    int tw = 0;
    if (dc_font_width(f, px, bold, text, &tw) || tw <= 0)
        return 0;
    int cw = tw + 8, ch = px * 2 + 8, cstride = (cw + 7) / 8;
    uint8_t *t = calloc((size_t)cstride * (size_t)ch, 1);
    if (!t)
        return 0;
    int found = 0;
    if (dc_font_draw(f, px, bold, text, t, cstride, cw, ch, 4, 4, NULL) == DC_E_OK) {
        int x0 = cw, y0 = ch, x1 = -1, y1 = -1;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                if (get(t, cstride, x, y)) {
                    x0 = x < x0 ? x : x0;
                    y0 = y < y0 ? y : y0;
                    x1 = x > x1 ? x : x1;
                    y1 = y > y1 ? y : y1;
                }
            }
        }
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
        for (int y = 0; x1 >= 0 && y + bh <= h && !found; y++) {
            for (int x = 0; x + bw <= w && !found; x++) {
                /* Cheap first: the template's first inked dot of its top row. */
                if (match_at(bits, stride, t, cstride, x0, y0, bw, bh, x, y))
                    found = 1;
            }
        }
    }
    free(t);
    return found;
}

int tf_text_find(const uint8_t *bits, int w, int h, int stride, const char *text, int *px_out)
{
    dc_font_t *f = NULL;
    if (dc_font_open(NULL, &f))
        return -1;
    int found = 0;
    for (int px = 10; px <= 64 && !found; px++) {
        for (int b = 0; b < 2 && !found; b++) {
            if (find_at(f, bits, w, h, stride, text, px, b == 1)) {
                found = 1;
                if (px_out)
                    *px_out = px;
            }
        }
    }
    dc_font_close(f);
    return found;
}
