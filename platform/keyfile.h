/* The database key: 64 hexadecimal characters (256 bits) in a file, a trailing newline allowed.
 * In production the file is the systemd credential $CREDENTIALS_DIRECTORY/daicho.key. */
#ifndef DC_PLATFORM_KEYFILE_H
#define DC_PLATFORM_KEYFILE_H

#include <stdint.h>

#include "core/err.h"

#define DC_KEY_LEN 32

/* Read the key. Refuses a file that group or others may access (DC_E_KEY_PERMS), a missing one
 * (DC_E_KEY_MISSING) and anything but 64 hex digits (DC_E_KEY_FORMAT). */
DC_WUR dc_err_t dc_keyfile_read(const char *path, uint8_t key[DC_KEY_LEN]);

/* Create a new random key file with mode 0600, durably (file and folder synced). Fails with
 * DC_E_IO if it exists: a key is never overwritten. */
DC_WUR dc_err_t dc_keyfile_create(const char *path);

/* Write key to path atomically: path + ".tmp" is created afresh (mode 0600, never through a
 * link), written, synced and renamed over path, and the folder synced; nothing is left behind
 * on failure. For a key made elsewhere (rekey's new key); dc_keyfile_create makes new ones. */
DC_WUR dc_err_t dc_keyfile_write(const char *path, const uint8_t key[DC_KEY_LEN]);

#endif
