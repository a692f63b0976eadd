#include "platform/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/paths.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

dc_err_t dc_keyfile_read(const char *path, uint8_t key[DC_KEY_LEN])
{
    char buf[2 * DC_KEY_LEN + 4];
    dc_err_t err = DC_E_KEY_FORMAT;
    /* O_NONBLOCK: a FIFO at the key's path must be refused at once, not waited on. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return errno == ENOENT ? DC_E_KEY_MISSING : DC_E_IO;

    struct stat st;
    if (fstat(fd, &st) != 0) {
        err = DC_E_IO;
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        err = DC_E_KEY_NOT_FILE;
        goto out;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        err = DC_E_KEY_PERMS;
        goto out;
    }
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
        err = DC_E_IO;
        goto out;
    }
    /* Exactly 64 hex digits, then nothing, "\n" or "\r\n". */
    if (n > 2 * DC_KEY_LEN && buf[n - 1] == '\n')
        n--;
    if (n > 2 * DC_KEY_LEN && buf[n - 1] == '\r')
        n--;
    if (n != 2 * DC_KEY_LEN)
        goto out;
    for (int i = 0; i < DC_KEY_LEN; i++) {
        int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
        if (hi < 0 || lo < 0)
            goto out;
        key[i] = (uint8_t)(hi << 4 | lo);
    }
    err = DC_E_OK;
out:
    sodium_memzero(buf, sizeof buf);
    if (err)
        sodium_memzero(key, DC_KEY_LEN);
    close(fd);
    return err;
}

/* The key as the file holds it (64 hex digits and a newline) into a new file at path, synced;
 * the file is removed again on failure. */
static dc_err_t write_new(const char *path, const uint8_t key[DC_KEY_LEN])
{
    char hex[2 * DC_KEY_LEN + 2];
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return DC_E_IO;
    sodium_bin2hex(hex, sizeof hex, key, DC_KEY_LEN);
    hex[2 * DC_KEY_LEN] = '\n';
    dc_err_t err = write(fd, hex, 2 * DC_KEY_LEN + 1) == 2 * DC_KEY_LEN + 1 && fsync(fd) == 0
                       ? DC_E_OK
                       : DC_E_IO;
    sodium_memzero(hex, sizeof hex);
    if (close(fd) != 0)
        err = DC_E_IO;
    if (err)
        unlink(path);
    return err;
}

dc_err_t dc_keyfile_create(const char *path)
{
    uint8_t key[DC_KEY_LEN];
    randombytes_buf(key, sizeof key);
    dc_err_t err = write_new(path, key);
    sodium_memzero(key, sizeof key);
    if (!err && (err = dc_paths_sync_parent(path)))
        unlink(path);
    return err;
}

dc_err_t dc_keyfile_write(const char *path, const uint8_t key[DC_KEY_LEN])
{
    char tmp[DC_PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return DC_E_TOO_LONG;
    unlink(tmp); /* what a crash left: never our key, the rename had not happened */
    dc_err_t err = write_new(tmp, key);
    if (err)
        return err;
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return DC_E_IO;
    }
    return dc_paths_sync_parent(path);
}
