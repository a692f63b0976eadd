/* pngfind FILE.png TEXT...: exit 0 when every TEXT is printed in the PNG (tests/print/textfind.h),
 * 1 when one is not (named on stderr), 2 on a usage or read error. For the CLI tests, beside
 * zbarimg: zbar reads the QR of a receipt, this reads its words. */
#include <stdio.h>

#include "testprint.h"
#include "textfind.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pngfind FILE.png TEXT...\n");
        return 2;
    }
    tp_image_t img;
    if (tp_png_read(argv[1], &img)) {
        fprintf(stderr, "pngfind: cannot read %s\n", argv[1]);
        return 2;
    }
    int rc = 0;
    for (int i = 2; i < argc && rc != 2; i++) {
        int px = 0, r = tf_text_find(img.bits, img.w, img.h, img.stride, argv[i], &px);
        if (r < 0) {
            fprintf(stderr, "pngfind: no font\n");
            rc = 2;
        } else if (r == 0) {
            fprintf(stderr, "pngfind: \"%s\" is not in %s\n", argv[i], argv[1]);
            rc = 1;
        } else {
            printf("%s\t%d\n", argv[i], px);
        }
    }
    tp_image_free(&img);
    return rc;
}
