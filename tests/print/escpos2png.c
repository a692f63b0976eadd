/* escpos2png IN OUT [DPI]: turn an ESC/POS stream back into a PNG (for zbarimg and for people).
 * Exits 1 with the decoder's complaint when the stream is not what daicho writes. */
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
    tp_image_t img;
    char err[160];
    if (tp_escpos_decode_file(argv[1], &img, err, sizeof err) != 0) {
        fprintf(stderr, "escpos2png: %s: %s\n", argv[1], err);
        return 1;
    }
    int dpi = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 203;
    dc_err_t e = dc_png_write(argv[2], img.bits, img.w, img.h, img.stride, dpi > 0 ? dpi : 203);
    tp_image_free(&img);
    if (e) {
        fprintf(stderr, "escpos2png: cannot write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
