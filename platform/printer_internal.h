/* Shared by the printer backends; not part of the printer interface. */
#ifndef DC_PLATFORM_PRINTER_INTERNAL_H
#define DC_PLATFORM_PRINTER_INTERNAL_H

#include "platform/printer.h"

typedef enum { DC_PRINTER_ESCPOS, DC_PRINTER_PNG, DC_PRINTER_QL } dc_printer_kind_t;

struct dc_printer {
    dc_printer_kind_t kind;
    char path[DC_PRINTER_SPEC_MAX];
};

dc_err_t dc_escpos_print(const char *path, const uint8_t *bits, int w, int h, int stride);
dc_err_t dc_ql_print(const char *path, const uint8_t *bits, int w, int h, int stride, int dpi);

/* Write one job to a device (or a regular file standing in for one, truncated first):
 * DC_E_PRINTER_MISSING, _PAPER (LPGETSTATUS or ENOSPC) or _WRITE as dc_printer_print says. */
dc_err_t dc_printer_write_device(const char *path, const uint8_t *data, size_t len);

#endif
