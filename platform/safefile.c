#include "platform/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/model.h"
#include "platform/paths.h"

enum { MAX_PROTECTED = 32 };
static char protected_paths[MAX_PROTECTED][DC_PATH_MAX];
static int nprotected;
static pthread_mutex_t protected_mu = PTHREAD_MUTEX_INITIALIZER;

void dc_safefile_protect(const char *path)
{
    if (!path || !*path || strlen(path) >= DC_PATH_MAX)
        return;
    pthread_mutex_lock(&protected_mu);
    bool known = false;
    for (int i = 0; i < nprotected && !known; i++)
        known = strcmp(protected_paths[i], path) == 0;
    if (!known && nprotected < MAX_PROTECTED)
        memcpy(protected_paths[nprotected++], path, strlen(path) + 1);
    pthread_mutex_unlock(&protected_mu);
}

void dc_safefile_protect_ledger(const char *db, const char *key)
{
    static const char *const db_sides[] = {"", "-wal", "-shm", "-journal", "-lock"};
    static const char *const key_sides[] = {"", ".new"};
    char p[DC_PATH_MAX];
    for (size_t i = 0; db && i < sizeof db_sides / sizeof db_sides[0]; i++)
        if (snprintf(p, sizeof p, "%s%s", db, db_sides[i]) < (int)sizeof p)
            dc_safefile_protect(p);
    for (size_t i = 0; key && i < sizeof key_sides / sizeof key_sides[0]; i++)
        if (snprintf(p, sizeof p, "%s%s", key, key_sides[i]) < (int)sizeof p)
            dc_safefile_protect(p);
}

/* path split into its folder (in dir) and the last name (a pointer into path). */
static const char *split(const char *path, char dir[DC_PATH_MAX])
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, DC_PATH_MAX, ".");
        return path;
    }
    size_t n = (size_t)(slash - path);
    if (n == 0)
        n = 1; /* "/name" */
    if (n >= DC_PATH_MAX)
        n = DC_PATH_MAX - 1;
    memcpy(dir, path, n);
    dir[n] = '\0';
    return slash + 1;
}

static bool same(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether name in the folder dir is, or would replace, a protected file. */
static bool is_protected(int dir, const char *name)
{
    struct stat d, here, pdir, p;
    if (fstat(dir, &d) != 0)
        return false;
    bool exists = fstatat(dir, name, &here, AT_SYMLINK_NOFOLLOW) == 0;
    bool hit = false;
    pthread_mutex_lock(&protected_mu);
    for (int i = 0; i < nprotected && !hit; i++) {
        char pd[DC_PATH_MAX];
        const char *base = split(protected_paths[i], pd);
        if (strcmp(base, name) == 0 && stat(pd, &pdir) == 0 && same(&pdir, &d))
            hit = true;
        if (!hit && exists && lstat(protected_paths[i], &p) == 0 && same(&p, &here))
            hit = true;
        if (!hit && exists && stat(protected_paths[i], &p) == 0 && same(&p, &here))
            hit = true;
    }
    pthread_mutex_unlock(&protected_mu);
    return hit;
}

/* The names of a write: name and name + ".tmp"; checks both against the protected files. */
static dc_err_t check_names(int dir, const char *name, char tmp[264])
{
    if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '/'))
        return DC_E_USAGE;
    if (snprintf(tmp, 264, "%s.tmp", name) >= 256)
        return DC_E_TOO_LONG;
    return is_protected(dir, name) || is_protected(dir, tmp) ? DC_E_OUT_PROTECTED : DC_E_OK;
}

/* What is at the final name may be replaced only when it is a regular file (or nothing). */
static dc_err_t check_target(int dir, const char *name)
{
    struct stat sb;
    if (fstatat(dir, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? DC_E_OK : DC_E_IO;
    return S_ISREG(sb.st_mode) ? DC_E_OK : DC_E_OUT_LINK;
}

static int open_dir(const char *path, int *err)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    *err = fd < 0 ? errno : 0;
    return fd;
}

static dc_err_t dir_error(int err)
{
    return err == ELOOP || err == ENOTDIR ? DC_E_OUT_LINK : DC_E_IO;
}

dc_err_t dc_safefile_check(const char *path)
{
    DC_EXPECT(path);
    char dir[DC_PATH_MAX], tmp[264];
    const char *name = split(path, dir);
    int err;
    int fd = open_dir(dir, &err);
    if (fd < 0)
        return DC_E_OK; /* nothing can be written there, protected or not */
    dc_err_t e = check_names(fd, name, tmp);
    close(fd);
    return e == DC_E_OUT_PROTECTED ? e : DC_E_OK;
}

/* A leftover .tmp may be removed only when it is a plain file with one name (our own, from a
 * cut); anything else was put there by someone else. */
static dc_err_t check_tmp(int dir, const char *tmp, bool *present)
{
    struct stat sb;
    *present = fstatat(dir, tmp, &sb, AT_SYMLINK_NOFOLLOW) == 0;
    if (!*present)
        return errno == ENOENT ? DC_E_OK : DC_E_IO;
    return S_ISREG(sb.st_mode) && sb.st_nlink == 1 ? DC_E_OK : DC_E_OUT_LINK;
}

dc_err_t dc_safefile_precheck(const char *path)
{
    DC_EXPECT(path);
    char dir[DC_PATH_MAX], tmp[264];
    const char *name = split(path, dir);
    int err;
    int fd = open_dir(dir, &err);
    if (fd < 0)
        return err == ELOOP ? DC_E_OUT_LINK : DC_E_OK; /* a missing folder fails at the write */
    bool present;
    dc_err_t e = check_names(fd, name, tmp);
    if (!e)
        e = check_target(fd, name);
    if (!e)
        e = check_tmp(fd, tmp, &present);
    close(fd);
    return e == DC_E_OUT_PROTECTED || e == DC_E_OUT_LINK ? e : DC_E_OK;
}

dc_err_t dc_safefile_open_at(dc_safefile_t *sf, int dir, const char *name, int *err)
{
    DC_EXPECT(sf && name && err);
    memset(sf, 0, sizeof *sf);
    *err = 0;
    sf->dir = fcntl(dir, F_DUPFD_CLOEXEC, 0);
    if (sf->dir < 0) {
        *err = errno;
        return DC_E_IO;
    }
    dc_err_t e = check_names(sf->dir, name, sf->tmp);
    if (!e && !dc_copy(sf->name, sizeof sf->name, name))
        e = DC_E_TOO_LONG;
    if (!e)
        e = check_target(sf->dir, name);
    bool present = false;
    if (!e)
        e = check_tmp(sf->dir, sf->tmp, &present);
    /* Our own leftover from a cut: removed. Anything else is neither followed nor removed. */
    if (!e && present && unlinkat(sf->dir, sf->tmp, 0) != 0)
        e = DC_E_IO;
    int fd = -1;
    if (!e) {
        fd = openat(sf->dir, sf->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            *err = errno;
            e = errno == EEXIST || errno == ELOOP ? DC_E_OUT_LINK : DC_E_IO;
        }
    }
    if (!e && !(sf->f = fdopen(fd, "wb"))) {
        *err = errno;
        e = DC_E_NOMEM;
        close(fd);
        unlinkat(sf->dir, sf->tmp, 0);
    }
    if (e) {
        close(sf->dir);
        sf->dir = -1;
    }
    return e;
}

dc_err_t dc_safefile_open(dc_safefile_t *sf, const char *path, int *err)
{
    DC_EXPECT(sf && path && err);
    memset(sf, 0, sizeof *sf);
    sf->dir = -1;
    char dir[DC_PATH_MAX];
    const char *name = split(path, dir);
    int fd = open_dir(dir, err);
    if (fd < 0)
        return dir_error(*err);
    dc_err_t e = dc_safefile_open_at(sf, fd, name, err);
    close(fd);
    return e;
}

void dc_safefile_abort(dc_safefile_t *sf)
{
    if (!sf || sf->dir < 0 || !sf->f)
        return;
    fclose(sf->f);
    sf->f = NULL;
    unlinkat(sf->dir, sf->tmp, 0);
    close(sf->dir);
    sf->dir = -1;
}

dc_err_t dc_safefile_commit(dc_safefile_t *sf, int *err)
{
    DC_EXPECT(sf && sf->f && err);
    dc_err_t e = DC_E_OK;
    *err = 0;
    if (fflush(sf->f) != 0 || fsync(fileno(sf->f)) != 0) {
        *err = errno;
        e = errno == ENOSPC ? DC_E_DB_FULL : DC_E_IO;
    }
    if (fclose(sf->f) != 0 && !e) {
        *err = errno;
        e = DC_E_IO;
    }
    sf->f = NULL;
    /* Again just before the rename: a link may have been planted while the file was written. */
    char tmp[264];
    if (!e)
        e = check_names(sf->dir, sf->name, tmp);
    if (!e)
        e = check_target(sf->dir, sf->name);
    if (!e && renameat(sf->dir, sf->tmp, sf->dir, sf->name) != 0) {
        *err = errno;
        e = DC_E_IO;
    }
    if (!e && fsync(sf->dir) != 0) {
        *err = errno;
        e = DC_E_IO;
    }
    if (e)
        unlinkat(sf->dir, sf->tmp, 0);
    close(sf->dir);
    sf->dir = -1;
    return e;
}

dc_err_t dc_safefile_mkdir_at(int dir, const char *name, int *out, int *err)
{
    DC_EXPECT(name && out && err);
    *out = -1;
    *err = 0;
    if (mkdirat(dir, name, 0700) != 0 && errno != EEXIST) {
        *err = errno;
        return DC_E_IO;
    }
    int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *err = errno;
        return dir_error(errno);
    }
    *out = fd;
    return DC_E_OK;
}
