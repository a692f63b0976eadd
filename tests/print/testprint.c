#include "testprint.h"

#include <png.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

void tp_image_free(tp_image_t *img)
{
    free(img->bits);
    memset(img, 0, sizeof *img);
}

static int fail(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
    return -1;
}

int tp_escpos_decode(const uint8_t *b, size_t len, tp_image_t *out, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    int cut = 0;
    if (len < 2 || b[0] != 0x1b || b[1] != '@')
        return fail(err, cap, "does not start with ESC @");
    i = 2;
    while (i < len) {
        if (cut)
            return fail(err, cap, "bytes after the cut at %zu", i);
        if (b[i] == 0x1d && i + 1 < len && b[i + 1] == 'v') {
            if (i + 8 > len || b[i + 2] != '0' || b[i + 3] != 0)
                return fail(err, cap, "bad GS v 0 header at %zu", i);
            int xb = b[i + 4] | b[i + 5] << 8, rows = b[i + 6] | b[i + 7] << 8;
            i += 8;
            if (xb == 0 || rows == 0 || i + (size_t)xb * (size_t)rows > len)
                return fail(err, cap, "GS v 0 band of %d x %d runs past the end", xb, rows);
            if (out->stride && out->stride != xb)
                return fail(err, cap, "band width %d after %d", xb, out->stride);
            uint8_t *nb = realloc(out->bits, (size_t)(out->h + rows) * (size_t)xb);
            if (!nb)
                return fail(err, cap, "out of memory");
            out->bits = nb;
            memcpy(out->bits + (size_t)out->h * (size_t)xb, b + i, (size_t)xb * (size_t)rows);
            out->stride = xb;
            out->w = xb * 8;
            out->h += rows;
            i += (size_t)xb * (size_t)rows;
        } else if (b[i] == 0x1b && i + 2 < len && b[i + 1] == 'd') {
            i += 3; /* feed n lines: paper, not image */
        } else if (b[i] == 0x1d && i + 3 < len && b[i + 1] == 'V' && b[i + 2] == 66) {
            i += 4;
            cut = 1;
        } else {
            return fail(err, cap, "unknown byte 0x%02x at %zu", b[i], i);
        }
    }
    if (!out->h)
        return fail(err, cap, "no raster image");
    if (!cut)
        return fail(err, cap, "no cut at the end");
    return 0;
}

int tp_escpos_decode_file(const char *path, tp_image_t *out, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, cap, "cannot open %s", path);
    size_t n = 0, room = 1 << 16;
    uint8_t *buf = malloc(room);
    size_t k;
    while (buf && (k = fread(buf + n, 1, room - n, f)) > 0) {
        n += k;
        if (n == room) {
            uint8_t *nb = realloc(buf, room *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return fail(err, cap, "out of memory");
    int rc = tp_escpos_decode(buf, n, out, err, cap);
    free(buf);
    return rc;
}

/* The QL head: 720 pins, 90 bytes a line; a 62 mm label lies on pins 12 to 707, its right edge
 * (as it comes out of the printer) on pin 12. A 62 x 29 die-cut label prints 271 lines. */
enum { QL_LINE = 90, QL_PIN0 = 12, QL_W = 696, QL_MAX_LINES = 271 };

int tp_ql_decode(const uint8_t *b, size_t len, tp_image_t *out, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len && b[i] == 0x00)
        i++;
    if (i < 200)
        return fail(err, cap, "%zu NUL bytes of invalidate, want at least 200", i);
    if (i + 2 > len || b[i] != 0x1b || b[i + 1] != '@')
        return fail(err, cap, "no ESC @ after the invalidate (at %zu)", i);
    i += 2;
    int raster = 0, info = 0, autocut = 0, every = 0, expanded = -1, margin = -1, compress = 0;
    long lines_said = -1;
    int lines = 0;
    size_t stride = (QL_W + 7) / 8;
    out->bits = calloc(QL_MAX_LINES, stride);
    if (!out->bits)
        return fail(err, cap, "out of memory");
    out->w = QL_W;
    out->stride = (int)stride;
    out->dpi = 300;
    int done = 0;
#define NEED(n, what)                                                                              \
    do {                                                                                           \
        if (i + (n) > len) {                                                                       \
            tp_image_free(out);                                                                    \
            return fail(err, cap, "%s cut short at %zu", what, i);                                 \
        }                                                                                          \
    } while (0)
#define BAD(...)                                                                                   \
    do {                                                                                           \
        tp_image_free(out);                                                                        \
        return fail(err, cap, __VA_ARGS__);                                                        \
    } while (0)
    while (i < len && !done) {
        uint8_t c = b[i];
        if (c == 0x1b) {
            NEED(3, "ESC command");
            if (b[i + 1] != 'i')
                BAD("unknown command ESC %02x at %zu", b[i + 1], i);
            uint8_t k = b[i + 2];
            if (k == 'a') {
                NEED(4, "ESC i a");
                if (b[i + 3] != 0x01)
                    BAD("ESC i a %02x: not raster mode", b[i + 3]);
                raster = 1;
                i += 4;
            } else if (k == 'z') {
                NEED(13, "ESC i z");
                const uint8_t *n = b + i + 3;
                if ((n[0] & 0x0e) != 0x0e)
                    BAD("print information flags %02x: media type, width and length not all "
                        "valid",
                        n[0]);
                if (n[1] != 0x0b || n[2] != 62 || n[3] != 29)
                    BAD("print information names media %02x %d x %d mm, not die-cut 62 x 29", n[1],
                        n[2], n[3]);
                lines_said = (long)n[4] | (long)n[5] << 8 | (long)n[6] << 16 | (long)n[7] << 24;
                if (n[8] != 0 || n[9] != 0)
                    BAD("print information: not the starting page (%d) or n10 %d not 0", n[8],
                        n[9]);
                info = 1;
                i += 13;
            } else if (k == 'M') {
                NEED(4, "ESC i M");
                autocut = (b[i + 3] & 0x40) != 0;
                i += 4;
            } else if (k == 'A') {
                NEED(4, "ESC i A");
                every = b[i + 3];
                i += 4;
            } else if (k == 'K') {
                NEED(4, "ESC i K");
                expanded = b[i + 3];
                if (expanded & 0x40)
                    BAD("ESC i K %02x asks for 600 dpi", expanded);
                i += 4;
            } else if (k == 'd') {
                NEED(5, "ESC i d");
                margin = b[i + 3] | b[i + 4] << 8;
                i += 5;
            } else {
                BAD("unknown command ESC i %02x at %zu", k, i);
            }
        } else if (c == 'M') {
            NEED(2, "M");
            compress = b[i + 1];
            if (compress != 0)
                BAD("compression mode %02x: this stream should be plain", compress);
            i += 2;
        } else if (c == 'g' || c == 'Z') {
            if (!raster || !info)
                BAD("raster data at %zu before raster mode and the print information", i);
            if (lines == QL_MAX_LINES)
                BAD("more than the label's %d lines", QL_MAX_LINES);
            if (c == 'g') {
                NEED(3, "g");
                if (b[i + 1] != 0x00 || b[i + 2] != QL_LINE)
                    BAD("raster line %d is g %02x %d, want g 00 %d", lines, b[i + 1], b[i + 2],
                        QL_LINE);
                i += 3;
                NEED(QL_LINE, "raster line");
                for (int pin = 0; pin < QL_LINE * 8; pin++) {
                    if (!(b[i + (size_t)(pin >> 3)] >> (7 - (pin & 7)) & 1))
                        continue;
                    if (pin < QL_PIN0 || pin >= QL_PIN0 + QL_W)
                        BAD("line %d: ink on pin %d, off the label", lines, pin);
                    int x = QL_W - 1 - (pin - QL_PIN0);
                    out->bits[(size_t)lines * stride + (size_t)(x >> 3)] |=
                        (uint8_t)(0x80 >> (x & 7));
                }
                i += QL_LINE;
            } else {
                i++; /* a blank line */
            }
            lines++;
        } else if (c == 0x1a) {
            done = 1;
            i++;
        } else if (c == 0x0c) {
            BAD("form feed at %zu: a page to follow, but daicho prints one label a job", i);
        } else {
            BAD("unknown byte %02x at %zu", c, i);
        }
    }
    if (!done)
        BAD("no Control-Z (print with feed) at the end");
    if (i != len)
        BAD("%zu bytes after Control-Z", len - i);
    if (lines_said != lines)
        BAD("print information says %ld lines, %d were sent", lines_said, lines);
    if (!autocut || every != 1)
        BAD("auto cut %s, cut every %d label(s): want each label cut", autocut ? "on" : "off",
            every);
    if (expanded < 0 || !(expanded & 0x08))
        BAD("no cut at the end (ESC i K)");
    if (margin != 0)
        BAD("feed margin %d: die-cut labels take 0", margin);
#undef NEED
#undef BAD
    out->h = lines;
    return 0;
}

int tp_ql_decode_file(const char *path, tp_image_t *out, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, cap, "cannot open %s", path);
    uint8_t *buf = NULL;
    size_t len = 0, capb = 0;
    for (;;) {
        if (len == capb) {
            capb = capb ? capb * 2 : 65536;
            uint8_t *nb = realloc(buf, capb);
            if (!nb) {
                free(buf);
                fclose(f);
                return fail(err, cap, "out of memory");
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, capb - len, f);
        if (n == 0)
            break;
        len += n;
    }
    fclose(f);
    int rc = tp_ql_decode(buf, len, out, err, cap);
    free(buf);
    return rc;
}

int tp_png_read(const char *path, tp_image_t *out)
{
    memset(out, 0, sizeof *out);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return -1;
    img.format = PNG_FORMAT_GRAY;
    uint8_t *grey = malloc(PNG_IMAGE_SIZE(img));
    if (!grey || !png_image_finish_read(&img, NULL, grey, 0, NULL)) {
        free(grey);
        png_image_free(&img);
        return -1;
    }
    out->w = (int)img.width;
    out->h = (int)img.height;
    out->stride = (out->w + 7) / 8;
    out->bits = calloc((size_t)out->h, (size_t)out->stride);
    for (int y = 0; out->bits && y < out->h; y++) {
        for (int x = 0; x < out->w; x++) {
            if (grey[(size_t)y * (size_t)out->w + (size_t)x] < 128)
                out->bits[(size_t)y * (size_t)out->stride + (size_t)(x >> 3)] |=
                    (uint8_t)(0x80 >> (x & 7));
        }
    }
    free(grey);
    /* The resolution, from the pHYs chunk, through the low-level reader. */
    FILE *f = fopen(path, "rb");
    png_structp png = f ? png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL) : NULL;
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (info && !setjmp(png_jmpbuf(png))) {
        png_init_io(png, f);
        png_read_info(png, info);
        png_uint_32 rx, ry;
        int unit;
        if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER)
            out->dpi = (int)(rx * 0.0254 + 0.5);
    }
    if (png)
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
    if (f)
        fclose(f);
    return out->bits ? 0 : -1;
}

int tp_qr_read(const uint8_t *bits, int w, int h, int stride, char *out, size_t cap)
{
    int box[4];
    return tp_qr_locate(bits, w, h, stride, out, cap, box);
}

int tp_qr_locate(const uint8_t *bits, int w, int h, int stride, char *out, size_t cap, int box[4])
{
    uint8_t *grey = malloc((size_t)w * (size_t)h);
    if (!grey)
        return -1;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            int ink = (bits[(size_t)y * (size_t)stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
            grey[(size_t)y * (size_t)w + (size_t)x] = ink ? 0 : 255;
        }
    }
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_image_set_data(img, grey, (unsigned long)w * (unsigned long)h, NULL);
    int n = zbar_scan_image(sc, img);
    int found = 0;
    if (cap)
        out[0] = '\0';
    for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s)) {
        if (zbar_symbol_get_type(s) != ZBAR_QRCODE)
            continue;
        if (found++ == 0) {
            snprintf(out, cap, "%s", zbar_symbol_get_data(s));
            box[0] = box[1] = 1 << 30;
            box[2] = box[3] = -1;
            for (unsigned k = 0; k < zbar_symbol_get_loc_size(s); k++) {
                int x = zbar_symbol_get_loc_x(s, k), y = zbar_symbol_get_loc_y(s, k);
                box[0] = x < box[0] ? x : box[0];
                box[1] = y < box[1] ? y : box[1];
                box[2] = x > box[2] ? x : box[2];
                box[3] = y > box[3] ? y : box[3];
            }
        }
    }
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(sc);
    free(grey);
    return n < 0 ? -1 : found;
}

int tp_image_equal(const tp_image_t *a, const uint8_t *bits, int w, int h, int stride)
{
    if (a->w < w || a->w > w + 7 || a->h != h)
        return 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            int p =
                (a->bits[(size_t)y * (size_t)a->stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
            int q = (bits[(size_t)y * (size_t)stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
            if (p != q)
                return 0;
        }
    }
    return 1;
}
