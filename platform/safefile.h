/* Creating the files daicho writes (receipts as PNG, forms as CSV and PDF, exports, backups,
 * keys) so that no path given by a person or found on a medium can make them replace the ledger,
 * its side files or the key, or write through a link.
 *
 * A file is written as NAME.tmp in its folder, which is opened once without following a link
 * (O_DIRECTORY | O_NOFOLLOW); the temporary file is created there with O_CREAT | O_EXCL |
 * O_NOFOLLOW, mode 0600, so a link or a file planted at the .tmp name is never followed, then
 * synced, renamed over NAME (renameat, in the same folder) and the folder synced. Before the
 * first byte and again before the rename, NAME and NAME.tmp are compared with the protected
 * files: by folder and name, and by device and inode of what is there now (a hard link to the
 * key is the key). */
#ifndef DC_PLATFORM_SAFEFILE_H
#define DC_PLATFORM_SAFEFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

/* Never write over path (the process keeps up to 32 of them). */
void dc_safefile_protect(const char *path);
/* The ledger at db, its -wal, -shm, -journal and -lock, and the key file with its .new. */
void dc_safefile_protect_ledger(const char *db, const char *key);

/* DC_E_OUT_PROTECTED when path (or path + ".tmp") is a protected file, or would be one
 * (checked for a printer setting when it is set, and when it is used). */
DC_WUR dc_err_t dc_safefile_check(const char *path);

/* dc_safefile_check, and what dc_safefile_open would refuse about links: DC_E_OUT_LINK when
 * the folder is a link, or what is at path or path + ".tmp" is a link or not a regular file (or
 * a file with other names). For a writer that records something before it writes. */
DC_WUR dc_err_t dc_safefile_precheck(const char *path);

typedef struct {
    int dir; /* the folder, opened without following links */
    FILE *f; /* the temporary file, for writing */
    char name[256];
    char tmp[264];
} dc_safefile_t;

/* Create path + ".tmp" for writing (sf->f). DC_E_OUT_PROTECTED (see above); DC_E_OUT_LINK when
 * the folder is a link or the .tmp or final name is a link or not a regular file; DC_E_IO with
 * *err = errno otherwise (ENOENT: no such folder). A leftover .tmp regular file of ours (one
 * link) is removed first. */
DC_WUR dc_err_t dc_safefile_open(dc_safefile_t *sf, const char *path, int *err);
/* The same for name in the folder dir (an open descriptor, which is duplicated). */
DC_WUR dc_err_t dc_safefile_open_at(dc_safefile_t *sf, int dir, const char *name, int *err);
/* Flush, fsync, close, check again, rename over the name and fsync the folder. On failure the
 * temporary file is removed. Either way sf is finished. */
DC_WUR dc_err_t dc_safefile_commit(dc_safefile_t *sf, int *err);
/* Drop the temporary file (after a failed write). */
void dc_safefile_abort(dc_safefile_t *sf);

/* Open the folder name inside dir (made, mode 0700, when missing) without following a link:
 * *out is its descriptor. DC_E_OUT_LINK when name is a link or not a folder. */
DC_WUR dc_err_t dc_safefile_mkdir_at(int dir, const char *name, int *out, int *err);

#endif
