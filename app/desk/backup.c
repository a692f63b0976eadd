#include "desk/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "platform/clock.h"
#include "platform/keyfile.h"
#include "platform/paths.h"
#include "platform/safefile.h"
#include "store/backup.h"
#include "store/lock.h"
#include "store/store.h"

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
    return lstat(path, &sb) == 0;
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
    if (!suffixed(side, path, "-lock"))
        unlink(side);
}

/* rename, then make it durable: the folder holds the names. */
static dc_err_t rename_synced(const char *from, const char *to)
{
    if (rename(from, to) != 0)
        return DC_E_IO;
    return dc_paths_sync_parent(to);
}

void dc_desk_ledger_holders(const char *db_path, char *buf, size_t cap)
{
    dc_lock_holders(db_path, buf, cap);
}

/* Alone with the ledger: its lock taken exclusively, at once or never (store/lock.h). While it
 * is held no other program can open the ledger, so nothing is written into a file that is
 * about to be swapped, and nothing written meanwhile is lost. */
static dc_err_t alone(const char *db_path, dc_lock_t **lock)
{
    return dc_lock_take(db_path, true, 0, false, lock);
}

/* A temporary copy of ours (tmp and the side files SQLite makes beside it) must not be, or be
 * removed over, the ledger or the key. */
static dc_err_t temp_names_ok(const char *tmp)
{
    static const char *const sides[] = {"", "-wal", "-shm", "-journal", "-lock"};
    path_t p;
    dc_err_t e;
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++)
        if ((e = suffixed(p, tmp, sides[i])) || (e = dc_safefile_check(p)))
            return e;
    return DC_E_OK;
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
    if ((e = dc_safefile_check(to)) || (e = temp_names_ok(tmp)))
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
        e = dc_paths_sync_file(tmp);
    if (!e)
        e = rename_synced(tmp, to);
    if (e) {
        remove_leftover(tmp);
    } else {
        path_t lock;
        if (!suffixed(lock, tmp, "-lock"))
            unlink(lock);
    }
    return e;
}

/* Copy from to a new file at to, synced. */
static dc_err_t copy_file(const char *from, const char *to)
{
    char buf[65536];
    dc_err_t e = DC_E_OK;
    /* A FIFO or a device named as the backup is refused at once, not waited on. */
    int in = open(from, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (in < 0)
        return errno == ENOENT ? DC_E_DB_MISSING : DC_E_IO;
    struct stat sb;
    if (fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(in);
        return DC_E_DB_MISSING;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
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

/* Fold the old ledger's WAL into it (the caller is alone with it). */
static dc_err_t quiesce(const char *db_path, const uint8_t key[DC_KEY_LEN], bool *opened)
{
    dc_store_t *st;
    *opened = false;
    if (dc_store_open(db_path, key, false, &st) != DC_E_OK)
        return DC_E_OK; /* damaged or missing: it is what a restore replaces */
    *opened = true;
    dc_err_t e = dc_store_checkpoint(st);
    dc_store_close(st);
    return e;
}

dc_err_t dc_desk_restore(const char *db_path, const char *key_path, const char *from,
                         dc_verify_t *rep, char *kept, size_t cap)
{
    dc_safefile_protect_ledger(db_path, key_path);
    uint8_t key[DC_KEY_LEN];
    dc_verify_t local;
    path_t tmp, old, side, side_to;
    bool opened = false;
    dc_lock_t *lock = NULL;
    dc_err_t e;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    if (kept && cap)
        kept[0] = '\0';
    char stamp[40];
    snprintf(stamp, sizeof stamp, ".before-restore-%lld", (long long)dc_clock_now_ms());
    if ((e = suffixed(tmp, db_path, ".restore")) || (e = suffixed(old, db_path, stamp)))
        return e;
    /* Before anything is touched: refused while the kiosk (or anyone) has the ledger open. */
    if ((e = alone(db_path, &lock)))
        return e;
    if ((e = dc_keyfile_read(key_path, key)))
        goto fail;
    /* Verify a copy beside the ledger, never the backup itself: it may be on read-only media,
     * and opening it would add a WAL beside it. */
    remove_leftover(tmp);
    if (!(e = copy_file(from, tmp)))
        e = verify_file(tmp, key, rep);
    if (!e)
        e = dc_paths_sync_file(tmp);
    if (!e)
        e = quiesce(db_path, key, &opened);
    sodium_memzero(key, sizeof key);
    if (e)
        goto fail;
    if (exists(db_path)) {
        /* Keep the old ledger under another name (a second link: nothing is copied); a name
         * already taken (two restores in one millisecond, a fixed clock) gets a number. */
        int n = 1;
        while (link(db_path, old) != 0) {
            if (errno != EEXIST || ++n > 99 ||
                snprintf(old, sizeof old, "%s%s-%d", db_path, stamp, n) >= (int)sizeof old) {
                e = DC_E_IO;
                goto fail;
            }
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
    if (!suffixed(side, tmp, "-lock"))
        unlink(side);
    dc_lock_release(lock);
    return DC_E_OK;
fail:
    remove_leftover(tmp);
    dc_lock_release(lock);
    return e;
}

/* Write the key as key_path + ".new", atomically (platform/keyfile.h: a temporary file, synced,
 * renamed, the folder synced). */
static dc_err_t write_new_key(const char *key_path, const uint8_t key[DC_KEY_LEN])
{
    path_t dst;
    dc_err_t e = suffixed(dst, key_path, ".new");
    return e ? e : dc_keyfile_write(dst, key);
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

/* Keep the old key under a second name, key_path + ".old-YYYYMMDDTHHMMSS" (a hard link: the same
 * file, mode 0600, nothing copied), synced; its name in kept. */
static dc_err_t keep_old_key(const char *key_path, char *kept, size_t cap)
{
    time_t t = (time_t)(dc_clock_now_ms() / 1000);
    struct tm tm;
    char stamp[32];
    if (!localtime_r(&t, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm))
        return DC_E_IO;
    path_t old;
    for (int i = 1; i < 100; i++) {
        char suffix[64];
        if (i == 1)
            snprintf(suffix, sizeof suffix, ".old-%s", stamp);
        else
            snprintf(suffix, sizeof suffix, ".old-%s-%d", stamp, i);
        dc_err_t e = suffixed(old, key_path, suffix);
        if (e)
            return e;
        if (link(key_path, old) == 0) {
            if (kept && cap)
                snprintf(kept, cap, "%s", old);
            return dc_paths_sync_parent(old);
        }
        if (errno != EEXIST)
            return DC_E_IO;
    }
    return DC_E_IO;
}

dc_err_t dc_desk_rekey(const char *db_path, const char *key_path, const char *new_key_path,
                       dc_verify_t *rep)
{
    return dc_desk_rekey_keep(db_path, key_path, new_key_path, rep, NULL, 0);
}

dc_err_t dc_desk_rekey_keep(const char *db_path, const char *key_path, const char *new_key_path,
                            dc_verify_t *rep, char *kept, size_t cap)
{
    dc_safefile_protect_ledger(db_path, key_path);
    uint8_t oldk[DC_KEY_LEN], newk[DC_KEY_LEN];
    dc_verify_t local, before;
    path_t tmp, key_new, shm, tmp_lock;
    dc_store_t *st = NULL;
    dc_lock_t *lock = NULL;
    dc_err_t e;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    if (kept && cap)
        kept[0] = '\0';
    if ((e = suffixed(tmp, db_path, ".rekey")) || (e = suffixed(key_new, key_path, ".new")) ||
        (e = suffixed(shm, db_path, "-shm")) || (e = suffixed(tmp_lock, tmp, "-lock")))
        return e;
    /* The new key file is made only where it replaces nothing of the ledger's. */
    if ((e = dc_safefile_check(new_key_path)))
        return e;
    /* Alone with the ledger before anything is made or read: a rotation while the kiosk has it
     * open would leave the kiosk writing pages under the old key into the new file. */
    if ((e = alone(db_path, &lock)))
        return e;
    if ((e = dc_keyfile_read(key_path, oldk)))
        goto out;
    if ((e = new_key(new_key_path, newk)))
        goto out;
    if (sodium_memcmp(oldk, newk, DC_KEY_LEN) == 0) {
        e = DC_E_USAGE;
        goto out;
    }
    remove_leftover(tmp);
    unlink(key_new);
    /* A ledger that verifies: a rotation must not carry damage into the new file. */
    if ((e = dc_store_open(db_path, oldk, false, &st)) || (e = dc_store_checkpoint(st)) ||
        (e = dc_store_verify(st, &before)) || (e = dc_store_export(st, tmp, newk)))
        goto out;
    dc_store_close(st);
    st = NULL;
    if ((e = verify_file(tmp, newk, rep)))
        goto out;
    unlink(tmp_lock);
    if (rep->events != before.events || memcmp(rep->head, before.head, DC_HASH_LEN) != 0) {
        snprintf(rep->what, sizeof rep->what, "the new file holds %lld events, the ledger %lld",
                 (long long)rep->events, (long long)before.events);
        e = DC_E_VERIFY_FAILED;
        goto out;
    }
    /* The order is what makes a cut safe (see backup.h): new file and new key whole on disk,
     * the old key kept under its own name, then the database, then the key. */
    if ((e = dc_paths_sync_file(tmp)) || (e = dc_paths_sync_parent(tmp)) ||
        (e = write_new_key(key_path, newk)) || (e = keep_old_key(key_path, kept, cap)))
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
    dc_lock_release(lock);
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

dc_err_t dc_desk_open_ro(const char *db_path, const char *key_path, bool immutable_asked,
                         dc_store_t **st, bool *immutable)
{
    uint8_t key[DC_KEY_LEN];
    *st = NULL;
    dc_safefile_protect_ledger(db_path, key_path);
    if (sodium_init() < 0)
        return DC_E_IO;
    dc_err_t e = dc_keyfile_read(key_path, key);
    if (e)
        return e;
    /* Where the folder cannot be written, SQLite could not make the -shm index a read-only WAL
     * reader needs: read the file as it is, without one. */
    path_t dir;
    const char *slash = strrchr(db_path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == db_path ? 1 : (int)(slash - db_path), db_path);
    *immutable = immutable_asked || access(dir, W_OK) != 0;
    e = dc_store_open_ro(db_path, key, *immutable, st);
    if (e && !*immutable && (e == DC_E_DB_IO || e == DC_E_IO)) {
        *immutable = true;
        e = dc_store_open_ro(db_path, key, true, st);
    }
    sodium_memzero(key, sizeof key);
    return e;
}
