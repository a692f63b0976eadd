/* A 1-bit image at a printer's resolution: rows of stride bytes, most significant bit first,
 * 1 = ink. This is ESC/POS's own raster order, so the printers and the PNG writer take the
 * rows as they are, and the kiosk shows the same image on screen. */
#ifndef DC_PRINT_BITMAP_H
#define DC_PRINT_BITMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

typedef struct dc_bitmap dc_bitmap_t;

/* A blank (all paper) image of w x h dots at dpi. */
DC_WUR dc_err_t dc_bitmap_create(int w, int h, int dpi, dc_bitmap_t **out);
void dc_bitmap_destroy(dc_bitmap_t *b);

int dc_bitmap_width(const dc_bitmap_t *b);
int dc_bitmap_height(const dc_bitmap_t *b);
int dc_bitmap_dpi(const dc_bitmap_t *b);
int dc_bitmap_stride(const dc_bitmap_t *b);
/* The rows, height * stride bytes. */
const uint8_t *dc_bitmap_data(const dc_bitmap_t *b);
uint8_t *dc_bitmap_rows(dc_bitmap_t *b);

/* One dot; outside the image reads as paper and writes nothing. */
bool dc_bitmap_get(const dc_bitmap_t *b, int x, int y);
void dc_bitmap_set(dc_bitmap_t *b, int x, int y, bool ink);
/* Fill a rectangle (clipped) with ink or paper. */
void dc_bitmap_fill(dc_bitmap_t *b, int x, int y, int w, int h, bool ink);
/* Flip every dot of a rectangle (clipped): white text on a black band. */
void dc_bitmap_invert(dc_bitmap_t *b, int x, int y, int w, int h);
/* Keep only the first h rows (h <= height): a layout drawn on a tall sheet is cut to length. */
void dc_bitmap_crop(dc_bitmap_t *b, int h);
/* Number of ink dots in a rectangle (clipped); tests and layout checks. */
int64_t dc_bitmap_count(const dc_bitmap_t *b, int x, int y, int w, int h);

#endif
