/* The printer backends: the spec, the ESC/POS bytes, writing to a device (missing, out of paper,
 * failing, slow) and PNG files. write() is wrapped (-Wl,--wrap=write) to make the failures. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "platform/printer.h"
#include "testprint.h"

typedef enum { W_PASS, W_EIO, W_SHORT, W_AGAIN_ONCE, W_EINTR_ONCE } wmode_t;
static wmode_t wmode;
static int wcalls;

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    wcalls++;
    switch (wmode) {
    case W_EIO:
        errno = EIO;
        return -1;
    case W_SHORT:
        n = n > 7 ? 7 : n;
        break;
    case W_AGAIN_ONCE:
    case W_EINTR_ONCE:
        if (wcalls == 1) {
            errno = wmode == W_AGAIN_ONCE ? EAGAIN : EINTR;
            return -1;
        }
        break;
    default:
        break;
    }
    return __real_write(fd, buf, n);
}

static char dir[512];

static int setup(void **state)
{
    (void)state;
    return dc_fx_tmpdir(dir, sizeof dir, "escpos");
}

static int teardown(void **state)
{
    (void)state;
    return dc_fx_rmdir(dir);
}

/* A w x h test image: a diagonal, a frame, and garbage in the bits past the width. */
static uint8_t *image(int w, int h, int *stride)
{
    *stride = (w + 7) / 8 + 1; /* rows wider than needed, as a caller's may be */
    uint8_t *b = calloc((size_t)h, (size_t)*stride);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < *stride * 8; x++) {
            bool ink = x >= w || x == y % w || x == 0 || y == 0 || x == w - 1 || y == h - 1;
            if (ink)
                b[(size_t)y * (size_t)*stride + (size_t)(x >> 3)] |= (uint8_t)(0x80 >> (x & 7));
        }
    }
    return b;
}

static void test_spec(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        dc_err_t want;
    } rows[] = {
        {"escpos:/dev/usb/lp0", DC_E_OK},
        {"png:/tmp/x.png", DC_E_OK},
        {"escpos:", DC_E_PRINTER_SPEC},
        {"png:", DC_E_PRINTER_SPEC},
        {"/dev/usb/lp0", DC_E_PRINTER_SPEC},
        {"ESCPOS:/dev/usb/lp0", DC_E_PRINTER_SPEC},
        {"pdf:/tmp/x.pdf", DC_E_PRINTER_SPEC},
        {"", DC_E_PRINTER_SPEC},
        {NULL, DC_E_PRINTER_SPEC},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        dc_printer_t *p = (dc_printer_t *)&p;
        assert_int_equal(dc_printer_open(rows[i].spec, &p), rows[i].want);
        if (rows[i].want)
            assert_null(p);
        dc_printer_close(p);
    }
}

static void test_escpos_bytes(void **state)
{
    (void)state;
    /* 10 x 3 dots: 2 bytes a row, the 6 dots past the width cleared. */
    const uint8_t bits[] = {0xff, 0xff, 0x80, 0x7f, 0xaa, 0xaa};
    uint8_t *out;
    size_t len;
    assert_int_equal(dc_escpos_encode(bits, 10, 3, 2, &out, &len), DC_E_OK);
    const uint8_t want[] = {0x1b, '@',                                /* initialise */
                            0x1d, 'v',  '0',  0,    2,    0,    3, 0, /* GS v 0, 2 x 3 */
                            0xff, 0xc0, 0x80, 0x40, 0xaa, 0x80,       /* rows, masked */
                            0x1b, 'd',  3,                            /* feed */
                            0x1d, 'V',  66,   0};                     /* cut */
    assert_int_equal(len, sizeof want);
    assert_memory_equal(out, want, sizeof want);
    free(out);

    /* Tall images go in bands of 256 rows, and decode back to the same dots. */
    int stride;
    uint8_t *img = image(100, 600, &stride);
    assert_int_equal(dc_escpos_encode(img, 100, 600, stride, &out, &len), DC_E_OK);
    assert_int_equal(len, 2 + 3 * 8 + 13 * 600 + 7);
    assert_memory_equal(out + 2 + 8 + 13 * 256, ((const uint8_t[]){0x1d, 'v', '0', 0, 13, 0, 0, 1}),
                        8);
    tp_image_t dec;
    char err[160];
    assert_int_equal(tp_escpos_decode(out, len, &dec, err, sizeof err), 0);
    assert_int_equal(dec.h, 600);
    assert_true(tp_image_equal(&dec, img, 100, 600, stride));
    tp_image_free(&dec);
    /* The decoder is strict: a stray byte is an error. */
    out[len - 6] = 'x';
    assert_int_equal(tp_escpos_decode(out, len, &dec, err, sizeof err), -1);
    tp_image_free(&dec);
    free(out);
    free(img);
}

static void print_to(const char *spec, const uint8_t *bits, int w, int h, int stride, dc_err_t want)
{
    dc_printer_t *p;
    assert_int_equal(dc_printer_open(spec, &p), DC_E_OK);
    wcalls = 0;
    assert_int_equal(dc_printer_print(p, bits, w, h, stride, 203), want);
    dc_printer_close(p);
}

static void test_escpos_device(void **state)
{
    (void)state;
    char path[600], spec[700];
    int stride, s2;
    uint8_t *big = image(384, 300, &stride), *small = image(64, 20, &s2);
    tp_image_t dec;
    char err[160];

    /* A device that is not there (unplugged) is not created. */
    snprintf(path, sizeof path, "%s/lp0", dir);
    snprintf(spec, sizeof spec, "escpos:%s", path);
    print_to(spec, big, 384, 300, stride, DC_E_PRINTER_MISSING);
    assert_int_not_equal(access(path, F_OK), 0);

    /* A file standing in for the device holds the last job. */
    FILE *f = fopen(path, "w");
    fclose(f);
    print_to(spec, big, 384, 300, stride, DC_E_OK);
    print_to(spec, small, 64, 20, s2, DC_E_OK);
    assert_int_equal(tp_escpos_decode_file(path, &dec, err, sizeof err), 0);
    assert_true(tp_image_equal(&dec, small, 64, 20, s2));
    tp_image_free(&dec);

    /* The driver's answers: short writes, a busy device, a signal, then a broken one. */
    wmode = W_SHORT;
    print_to(spec, big, 384, 300, stride, DC_E_OK);
    assert_true(wcalls > 100);
    wmode = W_AGAIN_ONCE;
    print_to(spec, big, 384, 300, stride, DC_E_OK);
    wmode = W_EINTR_ONCE;
    print_to(spec, big, 384, 300, stride, DC_E_OK);
    assert_int_equal(tp_escpos_decode_file(path, &dec, err, sizeof err), 0);
    assert_true(tp_image_equal(&dec, big, 384, 300, stride));
    tp_image_free(&dec);
    wmode = W_EIO;
    print_to(spec, big, 384, 300, stride, DC_E_PRINTER_WRITE);
    wmode = W_PASS;

    /* Out of paper: the usblp driver says ENOSPC, as /dev/full does. */
    if (access("/dev/full", W_OK) == 0)
        print_to("escpos:/dev/full", big, 384, 300, stride, DC_E_PRINTER_PAPER);
    free(big);
    free(small);
}

static void test_png(void **state)
{
    (void)state;
    int stride;
    uint8_t *img = image(590, 354, &stride);
    char path[600], spec[700];
    snprintf(path, sizeof path, "%s/label.png", dir);
    snprintf(spec, sizeof spec, "png:%s", path);
    dc_printer_t *p;
    assert_int_equal(dc_printer_open(spec, &p), DC_E_OK);
    assert_int_equal(dc_printer_print(p, img, 590, 354, stride, 300), DC_E_OK);
    dc_printer_close(p);
    tp_image_t dec;
    assert_int_equal(tp_png_read(path, &dec), 0);
    assert_int_equal(dec.dpi, 300);
    assert_true(tp_image_equal(&dec, img, 590, 354, stride));
    tp_image_free(&dec);
    char tmp[700];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_not_equal(access(tmp, F_OK), 0);

    /* A folder that is not there. */
    snprintf(spec, sizeof spec, "png:%s/no/such/dir/x.png", dir);
    print_to(spec, img, 590, 354, stride, DC_E_PRINTER_MISSING);
    free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec),
        cmocka_unit_test(test_escpos_bytes),
        cmocka_unit_test(test_escpos_device),
        cmocka_unit_test(test_png),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
