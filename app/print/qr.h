/* QR codes drawn into a 1-bit image: whole dots per module (at least 3, which scanners read
 * from thermal paper) and the 4-module quiet zone kept blank around the symbol. */
#ifndef DC_PRINT_QR_H
#define DC_PRINT_QR_H

#include "print/bitmap.h"

#define DC_QR_MIN_MODULE 3 /* dots per module */
#define DC_QR_QUIET 4      /* modules of blank margin on each side */

typedef enum { DC_QR_ECC_M, DC_QR_ECC_Q } dc_qr_ecc_t;

typedef struct dc_qr dc_qr_t;

/* Encode text (upper-case letters, digits and "-" take alphanumeric mode) at the smallest
 * version that holds it. */
DC_WUR dc_err_t dc_qr_create(const char *text, dc_qr_ecc_t ecc, dc_qr_t **out);
void dc_qr_destroy(dc_qr_t *q);

int dc_qr_version(const dc_qr_t *q);
/* Modules across the symbol, without the quiet zone. */
int dc_qr_modules(const dc_qr_t *q);
/* The largest module size, at most max_module dots, for which the symbol and its quiet zone fit
 * in box dots; DC_E_PAPER_TOO_SMALL below DC_QR_MIN_MODULE. */
DC_WUR dc_err_t dc_qr_fit(const dc_qr_t *q, int box, int max_module, int *module);
/* Dots across symbol and quiet zone at this module size. */
int dc_qr_size(const dc_qr_t *q, int module);
/* Draw with the quiet zone's top-left corner at (x, y); the zone is painted blank. */
void dc_qr_draw(const dc_qr_t *q, dc_bitmap_t *b, int x, int y, int module);

#endif
