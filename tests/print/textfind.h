/* Finding printed text in a 1-bit image without OCR: the text is drawn again with the paper's
 * own font (platform/font.h) at every size and weight paper uses, and its dots are looked for,
 * exactly, anywhere in the image. Paper draws each glyph from the same cache at whole-dot
 * positions, so a word printed inside a longer line has the same dots as the word alone. */
#ifndef DC_TESTS_TEXTFIND_H
#define DC_TESTS_TEXTFIND_H

#include <stdint.h>

/* 1 when text appears in the image (rows of stride bytes, MSB first, 1 = ink) at some size from
 * 10 to 64 dots, regular or bold; 0 when not; -1 when the font cannot be had. *px_out (may be
 * NULL) receives the size it was found at. */
int tf_text_find(const uint8_t *bits, int w, int h, int stride, const char *text, int *px_out);

#endif
