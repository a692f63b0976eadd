/* escpos2png IN OUT [DPI]: turn a printer stream back into a PNG (for zbarimg and for people):
 * ESC/POS as daicho writes it, or Brother QL raster (a stream that starts with the invalidate's
 * NUL bytes; always 300 dpi). Exits 1 with the decoder's complaint when the stream is not what
 * daicho writes. */
#include <stdio.h>
#include <stdlib.h>

#include "platform/printer.h"
#include "testprint.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: escpos2png IN OUT [DPI]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    int first = f ? fgetc(f) : EOF;
    if (f)
        fclose(f);
    tp_image_t img;
    char err[160];
    int ql = first == 0x00;
    int rc = ql ? tp_ql_decode_file(argv[1], &img, err, sizeof err)
                : tp_escpos_decode_file(argv[1], &img, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "escpos2png: %s: %s\n", argv[1], err);
        return 1;
    }
    int dpi = ql ? 300 : argc > 3 ? (int)strtol(argv[3], NULL, 10) : 203;
    dc_err_t e = dc_png_write(argv[2], img.bits, img.w, img.h, img.stride, dpi > 0 ? dpi : 203);
    tp_image_free(&img);
    if (e) {
        fprintf(stderr, "escpos2png: cannot write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
