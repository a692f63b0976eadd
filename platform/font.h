/* Where the Japanese font is: DAICHO_FONT, else IPAex Gothic (fonts-ipaexfont-gothic, covers
 * JIS X 0213: 髙, 﨑), else Noto Sans CJK (face 0 is Japanese). Shared by screens and paper.
 *
 * Paper: text is rendered with SDL2_ttf (FreeType; no SDL video is needed) and thresholded to
 * 1 bit for the printers. Opening a font costs milliseconds, so each size is opened once and
 * kept in the handle. */
#ifndef DC_PLATFORM_FONT_H
#define DC_PLATFORM_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* The path of the first font file that exists, or NULL when none does. */
const char *dc_font_path(void);

typedef struct dc_font dc_font_t;

/* Open the font file at path (NULL: dc_font_path()); sizes are opened as they are asked for.
 * DC_E_FONT_MISSING when there is no font or it cannot be read. */
DC_WUR dc_err_t dc_font_open(const char *path, dc_font_t **out);
void dc_font_close(dc_font_t *f);

/* The process's font for paper, opened on first use and kept until dc_font_shared_close(). */
DC_WUR dc_err_t dc_font_shared(dc_font_t **out);
/* Close the shared font (at exit, so that leak checkers see everything freed). */
void dc_font_shared_close(void);

typedef struct {
    int ascent;    /* baseline below the top of a line */
    int height;    /* of one line's ink box */
    int line_skip; /* from one line's top to the next */
} dc_font_metrics_t;

/* Sizes are em sizes in pixels (dots); bold is emboldened by FreeType. */
DC_WUR dc_err_t dc_font_metrics(dc_font_t *f, int px, bool bold, dc_font_metrics_t *out);
/* Width in pixels of one line of UTF-8 text. */
DC_WUR dc_err_t dc_font_width(dc_font_t *f, int px, bool bold, const char *text, int *w);
/* How many bytes of text (whole characters) fit in max_w pixels. */
DC_WUR dc_err_t dc_font_fit(dc_font_t *f, int px, bool bold, const char *text, int max_w,
                            size_t *bytes);

/* Draw one line of text with its top-left corner at (x, y) into a 1-bit image of w x h dots
 * (rows of stride bytes, most significant bit first, 1 = ink), clipped to the image. Coverage
 * of half a dot or more becomes ink. *drawn_w (may be NULL) is the width of the line. */
DC_WUR dc_err_t dc_font_draw(dc_font_t *f, int px, bool bold, const char *text, uint8_t *bits,
                             int stride, int w, int h, int x, int y, int *drawn_w);

/* True when the font has a glyph for every character of text (no tofu boxes). */
bool dc_font_covers(dc_font_t *f, const char *text);

#endif
