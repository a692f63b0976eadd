/* Test helpers for paper: an ESC/POS decoder that turns the printer's byte stream back into an
 * image, a PNG reader, and a QR reader (zbar). Images are 1-bit, rows of stride bytes, most
 * significant bit first, 1 = ink: the layout's own order. */
#ifndef DC_TESTS_TESTPRINT_H
#define DC_TESTS_TESTPRINT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int w, h, stride, dpi; /* dpi 0 when the source does not say */
    uint8_t *bits;         /* malloc'ed; free with tp_image_free */
} tp_image_t;

void tp_image_free(tp_image_t *img);

/* Decode an ESC/POS stream as daicho writes it: ESC @, then GS v 0 raster bands of one width,
 * then ESC d n and GS V 66 n. Anything else is an error described in err. Returns 0 or -1. */
int tp_escpos_decode(const uint8_t *buf, size_t len, tp_image_t *out, char *err, size_t cap);
/* The same from a file. */
int tp_escpos_decode_file(const char *path, tp_image_t *out, char *err, size_t cap);

/* Decode a Brother QL raster stream, read strictly as the QL series' Raster Command Reference
 * describes it, for a 62 x 29 mm die-cut label on a 720-pin head: at least 200 NUL bytes
 * (invalidate), ESC @, then only the commands of a page (ESC i a, ESC i z, ESC i M, ESC i A,
 * ESC i K, ESC i d, M, g, Z) and one Control-Z (print with feed) as the last byte. Raster mode
 * must be on, the print information must name die-cut 62 x 29 mm media and the number of lines
 * sent (at most the label's 271 printable ones), auto cut and cut-every-1 must be set, each
 * line must be "g 00 5A" and 90 bytes with no ink on the pins outside the label. The image is
 * the label's printable area as it reads (696 dots wide, 300 dpi). Returns 0 or -1 with err. */
int tp_ql_decode(const uint8_t *buf, size_t len, tp_image_t *out, char *err, size_t cap);
int tp_ql_decode_file(const char *path, tp_image_t *out, char *err, size_t cap);

/* Read a PNG (any greyscale or colour PNG; dark is ink) and its resolution. Returns 0 or -1. */
int tp_png_read(const char *path, tp_image_t *out);

/* Read every QR code in a 1-bit image with zbar; the first symbol's text goes to out. Returns
 * the number of QR symbols found, or -1 when zbar fails. */
int tp_qr_read(const uint8_t *bits, int w, int h, int stride, char *out, size_t cap);
/* As tp_qr_read, and the bounding box of the first symbol's corners as zbar found them. */
int tp_qr_locate(const uint8_t *bits, int w, int h, int stride, char *out, size_t cap, int box[4]);

/* 1 when the two images have the same size and dots. */
int tp_image_equal(const tp_image_t *a, const uint8_t *bits, int w, int h, int stride);

#endif
