/* ESC/POS raster printing: the bytes, and writing them (or any backend's) to the device. */
#include <errno.h>
#include <fcntl.h>
#include <linux/lp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/printer_internal.h"

/* Rows per GS v 0 command: printers buffer a command whole, and some cap its height. */
enum { BAND = 256, FEED_LINES = 3, WRITE_TIMEOUT_MS = 10000 };

dc_err_t dc_escpos_encode(const uint8_t *bits, int w, int h, int stride, uint8_t **out, size_t *len)
{
    DC_EXPECT(bits && w > 0 && h > 0 && stride >= (w + 7) / 8 && out && len);
    size_t row = (size_t)(w + 7) / 8;
    size_t bands = ((size_t)h + BAND - 1) / BAND;
    size_t cap = 2 + bands * 8 + row * (size_t)h + 3 + 4;
    uint8_t *b = malloc(cap);
    if (!b)
        return DC_E_NOMEM;
    size_t n = 0;
    b[n++] = 0x1b; /* ESC @: initialise */
    b[n++] = '@';
    /* Dots past the width in the last byte of a row are paper, whatever the caller left. */
    uint8_t last_mask = (uint8_t)(0xff << (8 * row - (size_t)w));
    for (int y0 = 0; y0 < h; y0 += BAND) {
        int rows = h - y0 < BAND ? h - y0 : BAND;
        const uint8_t head[8] = {0x1d,          'v',
                                 '0',           0,
                                 (uint8_t)row,  (uint8_t)(row >> 8),
                                 (uint8_t)rows, (uint8_t)(rows >> 8)};
        memcpy(b + n, head, sizeof head);
        n += sizeof head;
        for (int y = y0; y < y0 + rows; y++) {
            memcpy(b + n, bits + (size_t)y * (size_t)stride, row);
            b[n + row - 1] &= last_mask;
            n += row;
        }
    }
    const uint8_t tail[7] = {0x1b, 'd', FEED_LINES,     /* feed past the tear bar */
                             0x1d, 'V', 66,         0}; /* GS V 66 0: feed to the cutter, cut */
    memcpy(b + n, tail, sizeof tail);
    n += sizeof tail;
    DC_EXPECT(n <= cap);
    *out = b;
    *len = n;
    return DC_E_OK;
}

static dc_err_t write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* A printer that takes nothing for this long is stuck (cover open, jammed). */
            struct pollfd pfd = {fd, POLLOUT, 0};
            int r = poll(&pfd, 1, WRITE_TIMEOUT_MS);
            if (r > 0 || (r < 0 && errno == EINTR))
                continue;
            return DC_E_PRINTER_WRITE;
        }
        /* The usblp driver answers ENOSPC when the printer says it is out of paper. */
        return k < 0 && errno == ENOSPC ? DC_E_PRINTER_PAPER : DC_E_PRINTER_WRITE;
    }
    return DC_E_OK;
}

dc_err_t dc_printer_write_device(const char *path, const uint8_t *data, size_t len)
{
    dc_err_t e = DC_E_OK;
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return DC_E_PRINTER_MISSING;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        e = DC_E_PRINTER_WRITE;
        goto out;
    }
    if (S_ISREG(sb.st_mode)) {
        /* A file standing in for the printer holds the last job only. */
        if (ftruncate(fd, 0) != 0) {
            e = DC_E_PRINTER_WRITE;
            goto out;
        }
    } else {
        int status = 0;
        /* Only line printer devices answer; others (ENOTTY) are simply written to. */
        if (ioctl(fd, LPGETSTATUS, &status) == 0 && (status & LP_POUTPA)) {
            e = DC_E_PRINTER_PAPER;
            goto out;
        }
    }
    e = write_all(fd, data, len);
out:
    if (close(fd) != 0 && !e)
        e = DC_E_PRINTER_WRITE;
    return e;
}

dc_err_t dc_escpos_print(const char *path, const uint8_t *bits, int w, int h, int stride)
{
    uint8_t *data = NULL;
    size_t len = 0;
    dc_err_t e = dc_escpos_encode(bits, w, h, stride, &data, &len);
    if (!e)
        e = dc_printer_write_device(path, data, len);
    free(data);
    return e;
}
