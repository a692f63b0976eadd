/* Brother QL raster for 62 x 29 mm die-cut labels, read back by a decoder written from Brother's
 * Raster Command Reference (tests/print/testprint.c, tp_ql_decode): every command known, every
 * line 90 bytes, the print information naming the label and the lines sent, a cut, Control-Z at
 * the end. An image of the printable size comes back dot for dot; a real label, scaled to the
 * printable area, comes back as dc_ql_page made it and its QR still reads. The decoder itself
 * refuses streams that break the rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/model.h"
#include "fixture.h"
#include "platform/printer.h"
#include "print/layout.h"
#include "testprint.h"

static char dir[512];

static int setup(void **state)
{
    (void)state;
    return dc_fx_tmpdir(dir, sizeof dir, "ql");
}

static int teardown(void **state)
{
    (void)state;
    return dc_fx_rmdir(dir);
}

/* A w x h image: a frame, a diagonal, a pseudo-random speckle, and the first row's first dot
 * alone (so a mirrored or shifted decode cannot pass). */
static uint8_t *image(int w, int h, int *stride)
{
    *stride = (w + 7) / 8;
    uint8_t *b = calloc((size_t)h, (size_t)*stride);
    uint32_t r = 12345;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            r = r * 1103515245u + 12345u;
            bool frame = x == 0 || x == w - 1 || y == h - 1 || (y == 0 && x < 5);
            bool ink = frame || x == y || ((r >> 16) & 7) == 0;
            if (y == 1 && x == 1)
                ink = false;
            if (ink)
                b[(size_t)y * (size_t)*stride + (size_t)(x >> 3)] |= (uint8_t)(0x80 >> (x & 7));
        }
    }
    return b;
}

static void test_round_trip_printable_size(void **state)
{
    (void)state;
    int stride;
    uint8_t *bits = image(DC_QL_62X29_W, DC_QL_62X29_H, &stride);
    uint8_t *data;
    size_t len;
    assert_int_equal(dc_ql_encode(bits, DC_QL_62X29_W, DC_QL_62X29_H, stride, 300, &data, &len),
                     DC_E_OK);
    /* 200 NULs, the 36-byte header, 271 lines of 3 + 90 bytes, Control-Z. */
    assert_int_equal(len, 200 + 36 + DC_QL_62X29_H * 93 + 1);
    tp_image_t img;
    char err[200] = "";
    int rc = tp_ql_decode(data, len, &img, err, sizeof err);
    if (rc)
        fail_msg("decoder: %s", err);
    assert_int_equal(img.w, DC_QL_62X29_W);
    assert_int_equal(img.h, DC_QL_62X29_H);
    assert_int_equal(img.dpi, 300);
    assert_true(tp_image_equal(&img, bits, DC_QL_62X29_W, DC_QL_62X29_H, stride));
    tp_image_free(&img);
    free(data);
    free(bits);
}

/* Change one byte of a good stream (or cut it) and the decoder must say no. */
static void refuse(const uint8_t *good, size_t len, size_t at, int value, size_t cut,
                   const char *why)
{
    uint8_t *b = malloc(len + 1);
    memcpy(b, good, len);
    if (value >= 0)
        b[at] = (uint8_t)value;
    tp_image_t img;
    char err[200] = "";
    int rc = tp_ql_decode(b, len - cut, &img, err, sizeof err);
    if (rc == 0) {
        tp_image_free(&img);
        fail_msg("the decoder took a stream with %s", why);
    }
    assert_true(err[0] != '\0');
    free(b);
}

static void test_decoder_is_strict(void **state)
{
    (void)state;
    int stride;
    uint8_t *bits = image(100, 40, &stride);
    uint8_t *d;
    size_t len;
    assert_int_equal(dc_ql_encode(bits, 100, 40, stride, 300, &d, &len), DC_E_OK);
    /* Where things are: 200 NULs, ESC @ at 200, ESC i a at 202, ESC i z at 206 (flags 209,
     * media 210-212, lines 213-216), ESC i M at 219, A at 223, K at 227, d at 231, lines at 236. */
    assert_int_equal(d[206], 0x1b);
    assert_int_equal(d[208], 'z');
    assert_int_equal(d[236], 'g');
    refuse(d, len, 10, 0x01, 0, "a short invalidate");
    refuse(d, len, 201, 'A', 0, "no ESC @");
    refuse(d, len, 205, 0x00, 0, "raster mode off");
    refuse(d, len, 209, 0x80, 0, "no media in the print information");
    refuse(d, len, 210, 0x0a, 0, "continuous tape named");
    refuse(d, len, 211, 58, 0, "58 mm media named");
    refuse(d, len, 212, 100, 0, "a 100 mm label named");
    refuse(d, len, 213, 17, 0, "a line count that is not the lines sent");
    refuse(d, len, 222, 0x00, 0, "no auto cut");
    refuse(d, len, 226, 0x02, 0, "a cut every second label");
    refuse(d, len, 230, 0x40, 0, "600 dpi asked for");
    refuse(d, len, 234, 0x23, 0, "a feed margin on die-cut labels");
    refuse(d, len, 238, 89, 0, "a 89-byte line");
    refuse(d, len, 237, 0x01, 0, "a line that is not g 00");
    refuse(d, len, 239, 0x80, 0, "ink on pin 0, off the label");
    refuse(d, len, 236, 'q', 0, "an unknown command");
    refuse(d, len, len - 1, 0x0c, 0, "a form feed for a next page");
    refuse(d, len, 0, -1, 1, "no Control-Z");
    refuse(d, len, 0, -1, 50, "a stream cut in a line");
    /* And the stream as written passes. */
    tp_image_t img;
    char err[200] = "";
    assert_int_equal(tp_ql_decode(d, len, &img, err, sizeof err), 0);
    tp_image_free(&img);
    free(d);
    free(bits);
}

/* A real label as app/print lays it out for 62x29 stock (732 x 342), through "ql:FILE". */
static void test_label_through_the_backend(void **state)
{
    (void)state;
    dc_label_doc_t doc = {"DI-30XXRVVN-X", "台帳 文書ラベル", "窓口混雑 調査票", "文書 / 紙",
                          "書庫A-3"};
    dc_bitmap_t *b;
    assert_int_equal(dc_layout_label(&doc, DC_PAPER_62X29, &b), DC_E_OK);
    assert_int_equal(dc_bitmap_width(b), 732);
    assert_int_equal(dc_bitmap_dpi(b), 300);
    char path[600], spec[620];
    snprintf(path, sizeof path, "%s/lp0", dir);
    snprintf(spec, sizeof spec, "ql:%s", path);
    dc_printer_t *p;
    assert_int_equal(dc_printer_open(spec, &p), DC_E_OK);
    /* No device there: said so, and nothing is created. */
    assert_int_equal(dc_printer_print(p, dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                                      dc_bitmap_stride(b), dc_bitmap_dpi(b)),
                     DC_E_PRINTER_MISSING);
    assert_int_not_equal(access(path, F_OK), 0);
    FILE *f = fopen(path, "w"); /* a file standing in for the printer */
    assert_non_null(f);
    fclose(f);
    assert_int_equal(dc_printer_print(p, dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                                      dc_bitmap_stride(b), dc_bitmap_dpi(b)),
                     DC_E_OK);
    /* A receipt at 203 dpi is not for this printer: refused, the last job left as it was. */
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    assert_int_equal(dc_printer_print(p, dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                                      dc_bitmap_stride(b), 203),
                     DC_E_PRINTER_SPEC);
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(before.st_size, after.st_size);
    dc_printer_close(p);

    tp_image_t img;
    char err[200] = "";
    if (tp_ql_decode_file(path, &img, err, sizeof err))
        fail_msg("decoder: %s", err);
    uint8_t *page;
    assert_int_equal(dc_ql_page(dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                                dc_bitmap_stride(b), &page),
                     DC_E_OK);
    assert_true(tp_image_equal(&img, page, DC_QL_62X29_W, DC_QL_62X29_H, (DC_QL_62X29_W + 7) / 8));
    /* The page is the label, smaller: as much ink, give or take the scaling (0.79 both ways,
     * 0.63 of the area), and the QR on it still reads. */
    long ink_label = 0, ink_page = 0;
    for (int y = 0; y < dc_bitmap_height(b); y++)
        for (int x = 0; x < dc_bitmap_width(b); x++)
            ink_label += dc_bitmap_get(b, x, y);
    for (int y = 0; y < img.h; y++)
        for (int x = 0; x < img.w; x++)
            ink_page +=
                img.bits[(size_t)y * (size_t)img.stride + (size_t)(x >> 3)] >> (7 - (x & 7)) & 1;
    assert_true(ink_page > ink_label * 55 / 100 && ink_page < ink_label * 72 / 100);
    char text[128] = "";
    assert_int_equal(tp_qr_read(img.bits, img.w, img.h, img.stride, text, sizeof text), 1);
    assert_string_equal(text, "DI-30XXRVVN-X");
    free(page);
    tp_image_free(&img);
    dc_bitmap_destroy(b);
}

static void test_spec(void **state)
{
    (void)state;
    dc_printer_t *p;
    assert_int_equal(dc_printer_open("ql:/dev/usb/lp0", &p), DC_E_OK);
    dc_printer_close(p);
    assert_int_equal(dc_printer_open("ql:", &p), DC_E_PRINTER_SPEC);
    assert_int_equal(dc_printer_open("brother:/dev/usb/lp0", &p), DC_E_PRINTER_SPEC);
    /* The label printer can be set to one, as `printer set --label` and the settings do. */
    assert_true(dc_setting_valid("printer_label", "ql:/dev/usb/lp0"));
    assert_false(dc_setting_valid("printer_label", "ql:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),
        cmocka_unit_test(test_round_trip_printable_size),
        cmocka_unit_test(test_decoder_is_strict),
        cmocka_unit_test(test_label_through_the_backend),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
