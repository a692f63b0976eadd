/* Printers: one 1-bit image per job, then a cut. The backend is chosen by a spec string:
 *   "escpos:PATH"  ESC/POS raster (ESC @, GS v 0 in bands, feed, GS V cut) written to a device
 *                  such as /dev/usb/lp0. The path must exist: a device is never created, so a
 *                  missing printer is reported as such (for tests, create an empty file).
 *   "ql:PATH"      Brother QL raster (QL-500 to QL-820 class, 300 dpi) for 62 x 29 mm die-cut
 *                  labels, to a device such as /dev/usb/lp0 (the same rules as escpos). The
 *                  printer checks the roll against the media the job names, and cuts each label.
 *   "png:PATH"     a 1-bit PNG with the resolution recorded, for previews and tests (written
 *                  beside PATH and renamed into place).
 * Images are rows of stride bytes, most significant bit first, 1 = ink (ESC/POS's own order). */
#ifndef DC_PLATFORM_PRINTER_H
#define DC_PLATFORM_PRINTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DC_PRINTER_SPEC_MAX 4200

typedef struct dc_printer dc_printer_t;

/* Parse spec; the device itself is opened for each job, so a printer plugged in later works.
 * DC_E_PRINTER_SPEC when spec is none of these forms. */
DC_WUR dc_err_t dc_printer_open(const char *spec, dc_printer_t **out);
void dc_printer_close(dc_printer_t *p);

/* Print one image of w x h dots at dpi dots per inch, and cut. DC_E_PRINTER_MISSING when the
 * device cannot be opened, DC_E_PRINTER_PAPER when it reports no paper (ENOSPC from the usblp
 * driver, or its status), DC_E_PRINTER_WRITE for any other failure or a printer that stops
 * taking data. */
DC_WUR dc_err_t dc_printer_print(dc_printer_t *p, const uint8_t *bits, int w, int h, int stride,
                                 int dpi);

/* The ESC/POS bytes for one image (what the escpos backend writes); *out is malloc'ed. */
DC_WUR dc_err_t dc_escpos_encode(const uint8_t *bits, int w, int h, int stride, uint8_t **out,
                                 size_t *len);

/* Brother QL: the printable area of a 62 x 29 mm die-cut label, in dots at 300 dpi. */
#define DC_QL_62X29_W 696
#define DC_QL_62X29_H 271

/* The label as the QL prints it: the image scaled (never enlarged) to fit the printable area,
 * nearest dot, centred; *out is DC_QL_62X29_H rows of (DC_QL_62X29_W + 7) / 8 bytes, malloc'ed. */
DC_WUR dc_err_t dc_ql_page(const uint8_t *bits, int w, int h, int stride, uint8_t **out);

/* The Brother QL raster bytes for one label (what the ql backend writes); *out is malloc'ed.
 * DC_E_PRINTER_SPEC when dpi is not the head's 300. */
DC_WUR dc_err_t dc_ql_encode(const uint8_t *bits, int w, int h, int stride, int dpi, uint8_t **out,
                             size_t *len);

/* Write a 1-bit PNG of the image to path (via path.tmp and a rename). */
DC_WUR dc_err_t dc_png_write(const char *path, const uint8_t *bits, int w, int h, int stride,
                             int dpi);

#endif
