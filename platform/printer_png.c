/* PNG output for previews and tests: 1-bit greyscale with the printer's resolution. */
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/printer.h"
#include "platform/safefile.h"

/* libpng reports errors by longjmp: everything it may skip over lives in this struct. */
typedef struct {
    FILE *f;
    png_structp png;
    png_infop info;
    uint8_t *row;
} png_job_t;

static bool png_rows(png_job_t *j, const uint8_t *bits, int w, int h, int stride, int dpi)
{
    if (setjmp(png_jmpbuf(j->png)))
        return false;
    png_init_io(j->png, j->f);
    png_set_IHDR(j->png, j->info, (png_uint_32)w, (png_uint_32)h, 1, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(j->png, j->info, ppm, ppm, PNG_RESOLUTION_METER);
    png_write_info(j->png, j->info);
    size_t row = (size_t)(w + 7) / 8;
    for (int y = 0; y < h; y++) {
        /* PNG greyscale is 0 = black: ink bits are inverted. */
        const uint8_t *src = bits + (size_t)y * (size_t)stride;
        for (size_t i = 0; i < row; i++)
            j->row[i] = (uint8_t)~src[i];
        png_write_row(j->png, j->row);
    }
    png_write_end(j->png, NULL);
    return true;
}

dc_err_t dc_png_write(const char *path, const uint8_t *bits, int w, int h, int stride, int dpi)
{
    DC_EXPECT(path && bits && w > 0 && h > 0 && stride >= (w + 7) / 8 && dpi > 0);
    dc_err_t e = DC_E_OK;
    dc_safefile_t sf;
    int err;
    bool opened = false;
    png_job_t j = {0};
    if (!(j.row = malloc((size_t)(w + 7) / 8)))
        return DC_E_NOMEM;
    /* Never over the ledger or the key, never through a link (platform/safefile.h). */
    if ((e = dc_safefile_open(&sf, path, &err))) {
        if (e == DC_E_IO || e == DC_E_TOO_LONG)
            e = DC_E_PRINTER_MISSING; /* the folder is missing or not writable */
        goto out;
    }
    opened = true;
    j.f = sf.f;
    j.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    j.info = j.png ? png_create_info_struct(j.png) : NULL;
    if (!j.info) {
        e = DC_E_NOMEM;
        goto out;
    }
    if (!png_rows(&j, bits, w, h, stride, dpi))
        e = DC_E_PRINTER_WRITE;
out:
    if (j.png)
        png_destroy_write_struct(&j.png, &j.info);
    if (opened && e)
        dc_safefile_abort(&sf);
    else if (opened && dc_safefile_commit(&sf, &err))
        e = DC_E_PRINTER_WRITE;
    free(j.row);
    return e;
}
