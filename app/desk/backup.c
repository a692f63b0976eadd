#include "desk/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/clock.h"
#include "platform/keyfile.h"
#include "platform/paths.h"
#include "store/backup.h"

typedef char path_t[DC_PATH_MAX];

static dc_err_t suffixed(path_t out, const char *path, const char *suffix)
{
    return snprintf(out, sizeof(path_t), "%s%s", path, suffix) < (int)sizeof(path_t)
               ? DC_E_OK
               : DC_E_TOO_LONG;
}

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* A file of ours left by a cut: the file and the WAL and index SQLite may have made beside it. */
static void remove_leftover(const char *path)
{
    path_t side;
    unlink(path);
    if (!suffixed(side, path, "-wal"))
        unlink(side);
    if (!suffixed(side, path, "-shm"))
        unlink(side);
    if (!suffixed(side, path, "-journal"))
        unlink(side);
}

static dc_err_t sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return DC_E_IO;
    int rc = fsync(fd);
    close(fd);
    return rc ? DC_E_IO : DC_E_OK;
}

/* rename, then make it durable: the folder holds the names. */
static dc_err_t rename_synced(const char *from, const char *to)
{
    if (rename(from, to) != 0)
        return DC_E_IO;
    return dc_paths_sync_parent(to);
}

/* After the last connection closed, its WAL is gone. One still there means another program
 * (the kiosk) has the ledger open, and a file swapped under it would be overwritten. */
static dc_err_t nobody_else(const char *db_path)
{
    path_t wal;
    struct stat sb;
    dc_err_t e = suffixed(wal, db_path, "-wal");
    if (e)
        return e;
    return stat(wal, &sb) == 0 && sb.st_size > 0 ? DC_E_DB_BUSY : DC_E_OK;
}

/* Open path with key and verify it in full; rep gets the figures either way. */
static dc_err_t verify_file(const char *path, const uint8_t key[DC_KEY_LEN], dc_verify_t *rep)
{
    dc_store_t *st;
    dc_err_t e = dc_store_open(path, key, false, &st);
    if (e)
        return e;
    e = dc_store_verify(st, rep);
    dc_store_close(st);
    return e;
}

dc_err_t dc_desk_backup(dc_store_t *st, const char *key_path, const char *to, dc_verify_t *rep)
{
    uint8_t key[DC_KEY_LEN];
    dc_verify_t local;
    path_t tmp;
    dc_err_t e;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    if ((e = suffixed(tmp, to, ".tmp")))
        return e;
    if (exists(to))
        return DC_E_DB_EXISTS;
    if ((e = dc_keyfile_read(key_path, key)))
        return e;
    remove_leftover(tmp);
    e = dc_store_backup(st, tmp, key);
    /* Only a copy that opens with the key and verifies is worth keeping. */
    if (!e)
        e = verify_file(tmp, key, rep);
    sodium_memzero(key, sizeof key);
    if (!e)
        e = sync_file(tmp);
    if (!e)
        e = rename_synced(tmp, to);
    if (e)
        remove_leftover(tmp);
    return e;
}

/* Copy from to a new file at to, synced. */
static dc_err_t copy_file(const char *from, const char *to)
{
    char buf[65536];
    dc_err_t e = DC_E_OK;
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return errno == ENOENT ? DC_E_DB_MISSING : DC_E_IO;
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return DC_E_IO;
    }
    ssize_t n;
    while (!e && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || write(out, buf, (size_t)n) != n)
            e = errno == ENOSPC ? DC_E_DB_FULL : DC_E_IO;
    }
    if (!e && fsync(out) != 0)
        e = DC_E_IO;
    if (close(out) != 0 && !e)
        e = DC_E_IO;
    close(in);
    return e;
}

/* Fold the old ledger's WAL into it and check that no one else has it open. */
static dc_err_t quiesce(const char *db_path, const uint8_t key[DC_KEY_LEN], bool *opened)
{
    dc_store_t *st;
    *opened = false;
    if (dc_store_open(db_path, key, false, &st) != DC_E_OK)
        return DC_E_OK; /* damaged or missing: it is what a restore replaces */
    *opened = true;
    dc_err_t e = dc_store_checkpoint(st);
    dc_store_close(st);
    return e ? e : nobody_else(db_path);
}

dc_err_t dc_desk_restore(const char *db_path, const char *key_path, const char *from,
                         dc_verify_t *rep, char *kept, size_t cap)
{
    uint8_t key[DC_KEY_LEN];
    dc_verify_t local;
    path_t tmp, old, side, side_to;
    bool opened = false;
    dc_err_t e;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    if (kept && cap)
        kept[0] = '\0';
    char stamp[40];
    snprintf(stamp, sizeof stamp, ".before-restore-%lld", (long long)dc_clock_now_ms());
    if ((e = suffixed(tmp, db_path, ".restore")) || (e = suffixed(old, db_path, stamp)))
        return e;
    if ((e = dc_keyfile_read(key_path, key)))
        return e;
    /* Verify a copy beside the ledger, never the backup itself: it may be on read-only media,
     * and opening it would add a WAL beside it. */
    remove_leftover(tmp);
    if (!(e = copy_file(from, tmp)))
        e = verify_file(tmp, key, rep);
    if (!e)
        e = sync_file(tmp);
    if (!e)
        e = quiesce(db_path, key, &opened);
    sodium_memzero(key, sizeof key);
    if (e)
        goto fail;
    if (exists(db_path)) {
        /* Keep the old ledger under another name (a second link: nothing is copied). */
        if (link(db_path, old) != 0) {
            e = DC_E_IO;
            goto fail;
        }
        /* A ledger that did not open may still have a WAL: it goes with its file. */
        if (!opened && !suffixed(side, db_path, "-wal") && exists(side) &&
            !suffixed(side_to, old, "-wal") && rename(side, side_to) != 0) {
            e = DC_E_IO;
            goto fail;
        }
        if ((e = dc_paths_sync_parent(old)))
            goto fail;
        if (kept && cap)
            snprintf(kept, cap, "%s", old);
    }
    if (!suffixed(side, db_path, "-shm"))
        unlink(side);
    if ((e = rename_synced(tmp, db_path)))
        goto fail;
    return DC_E_OK;
fail:
    remove_leftover(tmp);
    return e;
}

/* Write the key as key_path + ".new", atomically (a temporary file, synced, renamed). */
static dc_err_t write_new_key(const char *key_path, const uint8_t key[DC_KEY_LEN])
{
    path_t tmp, dst;
    char hex[2 * DC_KEY_LEN + 2];
    dc_err_t e;
    if ((e = suffixed(tmp, key_path, ".new.tmp")) || (e = suffixed(dst, key_path, ".new")))
        return e;
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return DC_E_IO;
    sodium_bin2hex(hex, sizeof hex, key, DC_KEY_LEN);
    hex[2 * DC_KEY_LEN] = '\n';
    e = write(fd, hex, 2 * DC_KEY_LEN + 1) == 2 * DC_KEY_LEN + 1 && fsync(fd) == 0 ? DC_E_OK
                                                                                   : DC_E_IO;
    sodium_memzero(hex, sizeof hex);
    if (close(fd) != 0)
        e = DC_E_IO;
    if (!e)
        e = rename_synced(tmp, dst);
    if (e)
        unlink(tmp);
    return e;
}

/* The new key: read from new_key_path, or made there when the file does not exist. */
static dc_err_t new_key(const char *new_key_path, uint8_t key[DC_KEY_LEN])
{
    dc_err_t e = dc_keyfile_read(new_key_path, key);
    if (e == DC_E_KEY_MISSING) {
        if ((e = dc_keyfile_create(new_key_path)))
            return e;
        e = dc_keyfile_read(new_key_path, key);
    }
    return e;
}

dc_err_t dc_desk_rekey(const char *db_path, const char *key_path, const char *new_key_path,
                       dc_verify_t *rep)
{
    uint8_t oldk[DC_KEY_LEN], newk[DC_KEY_LEN];
    dc_verify_t local, before;
    path_t tmp, key_new, shm;
    dc_store_t *st = NULL;
    dc_err_t e;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    if ((e = suffixed(tmp, db_path, ".rekey")) || (e = suffixed(key_new, key_path, ".new")) ||
        (e = suffixed(shm, db_path, "-shm")))
        return e;
    if ((e = dc_keyfile_read(key_path, oldk)))
        return e;
    if ((e = new_key(new_key_path, newk)))
        goto out;
    if (sodium_memcmp(oldk, newk, DC_KEY_LEN) == 0) {
        e = DC_E_USAGE;
        goto out;
    }
    remove_leftover(tmp);
    unlink(key_new);
    /* Alone with a ledger that verifies: a rotation must not carry damage into the new file, nor
     * miss what someone else writes meanwhile. */
    if ((e = dc_store_open(db_path, oldk, false, &st)) || (e = dc_store_checkpoint(st)))
        goto out;
    dc_store_close(st);
    st = NULL;
    if ((e = nobody_else(db_path)) || (e = dc_store_open(db_path, oldk, false, &st)) ||
        (e = dc_store_verify(st, &before)) || (e = dc_store_export(st, tmp, newk)))
        goto out;
    dc_store_close(st);
    st = NULL;
    if ((e = nobody_else(db_path)) || (e = verify_file(tmp, newk, rep)))
        goto out;
    if (rep->events != before.events || memcmp(rep->head, before.head, DC_HASH_LEN) != 0) {
        snprintf(rep->what, sizeof rep->what, "the new file holds %lld events, the ledger %lld",
                 (long long)rep->events, (long long)before.events);
        e = DC_E_VERIFY_FAILED;
        goto out;
    }
    /* The order is what makes a cut safe (see backup.h): new file and new key whole on disk,
     * then the database, then the key. */
    if ((e = sync_file(tmp)) || (e = dc_paths_sync_parent(tmp)) ||
        (e = write_new_key(key_path, newk)))
        goto out;
    unlink(shm);
    if ((e = rename_synced(tmp, db_path)))
        goto out;
    e = rename_synced(key_new, key_path);
out:
    dc_store_close(st);
    sodium_memzero(oldk, sizeof oldk);
    sodium_memzero(newk, sizeof newk);
    if (e && exists(tmp) && !exists(key_new))
        remove_leftover(tmp);
    return e;
}

dc_err_t dc_desk_rekey_finish(const char *db_path, const char *key_path, dc_store_t **st)
{
    uint8_t key[DC_KEY_LEN];
    path_t key_new;
    *st = NULL;
    if (suffixed(key_new, key_path, ".new") || dc_keyfile_read(key_new, key))
        return DC_E_DB_WRONG_KEY;
    dc_err_t e = dc_store_open(db_path, key, false, st);
    sodium_memzero(key, sizeof key);
    if (e)
        return DC_E_DB_WRONG_KEY;
    if ((e = rename_synced(key_new, key_path))) {
        dc_store_close(*st);
        *st = NULL;
    }
    return e;
}
