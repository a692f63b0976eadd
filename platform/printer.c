#include <stdlib.h>
#include <string.h>

#include "platform/printer_internal.h"
#include "platform/safefile.h"

dc_err_t dc_printer_open(const char *spec, dc_printer_t **out)
{
    static const struct {
        const char *prefix;
        dc_printer_kind_t kind;
    } kinds[] = {{"escpos:", DC_PRINTER_ESCPOS}, {"png:", DC_PRINTER_PNG}, {"ql:", DC_PRINTER_QL}};
    DC_EXPECT(out);
    *out = NULL;
    if (!spec)
        return DC_E_PRINTER_SPEC;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(spec, kinds[i].prefix, n) != 0)
            continue;
        const char *path = spec + n;
        if (!*path || strlen(path) >= DC_PRINTER_SPEC_MAX)
            return DC_E_PRINTER_SPEC;
        /* A printer at the ledger or the key would overwrite it with every job. */
        dc_err_t e = dc_safefile_check(path);
        if (e)
            return e;
        dc_printer_t *p = calloc(1, sizeof *p);
        if (!p)
            return DC_E_NOMEM;
        p->kind = kinds[i].kind;
        memcpy(p->path, path, strlen(path) + 1);
        *out = p;
        return DC_E_OK;
    }
    return DC_E_PRINTER_SPEC;
}

void dc_printer_close(dc_printer_t *p)
{
    free(p);
}

dc_err_t dc_printer_print(dc_printer_t *p, const uint8_t *bits, int w, int h, int stride, int dpi)
{
    DC_EXPECT(p && bits && w > 0 && h > 0 && stride >= (w + 7) / 8 && dpi > 0);
    if (p->kind == DC_PRINTER_PNG)
        return dc_png_write(p->path, bits, w, h, stride, dpi);
    if (p->kind == DC_PRINTER_QL)
        return dc_ql_print(p->path, bits, w, h, stride, dpi);
    return dc_escpos_print(p->path, bits, w, h, stride);
}
