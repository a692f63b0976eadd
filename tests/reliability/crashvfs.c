#include "crashvfs.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SECTOR = 512, MAX_FILES = 32 };

typedef struct {
    long long off;
    int len; /* -1: a truncate to off */
    unsigned char *data;
} op_t;

/* What the disk holds for sure (img, as of the last sync) and what is still in the cache. */
typedef struct {
    char path[1024];
    bool used, exists;
    unsigned char *img;
    size_t len;
    op_t *ops;
    size_t nops, cap;
} shadow_t;

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;
    shadow_t *sh; /* NULL: not tracked */
} cv_file_t;

static struct {
    sqlite3_vfs vfs;
    sqlite3_vfs *under;
    char prefix[1024];
    shadow_t files[MAX_FILES];
    long writes, cut_at, fault_at;
    cv_fault_t fault;
    bool dead, torn;
    unsigned seed;
} g;

static unsigned rnd(void)
{
    g.seed = g.seed * 1103515245u + 12345u;
    return (g.seed >> 16) & 0x7fff;
}

static bool read_all(const char *path, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && sb.st_size > 0) {
        *out = malloc((size_t)sb.st_size);
        *len = fread(*out, 1, (size_t)sb.st_size, f);
    }
    fclose(f);
    return true;
}

static void forget_ops(shadow_t *s)
{
    for (size_t i = 0; i < s->nops; i++)
        free(s->ops[i].data);
    s->nops = 0;
}

static void forget(shadow_t *s)
{
    forget_ops(s);
    free(s->ops);
    free(s->img);
    memset(s, 0, sizeof *s);
}

static shadow_t *find(const char *path)
{
    for (int i = 0; i < MAX_FILES; i++) {
        if (g.files[i].used && strcmp(g.files[i].path, path) == 0)
            return &g.files[i];
    }
    return NULL;
}

/* The shadow of a tracked path, made from the file as it is now (taken as synced). */
static shadow_t *shadow_of(const char *path)
{
    if (!path || !g.prefix[0] || strncmp(path, g.prefix, strlen(g.prefix)) != 0)
        return NULL;
    shadow_t *s = find(path);
    for (int i = 0; !s && i < MAX_FILES; i++) {
        if (!g.files[i].used) {
            s = &g.files[i];
            s->used = true;
            snprintf(s->path, sizeof s->path, "%s", path);
            s->exists = read_all(path, &s->img, &s->len);
        }
    }
    return s;
}

static void add_op(shadow_t *s, long long off, int len, const void *data)
{
    if (s->nops == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->ops = realloc(s->ops, s->cap * sizeof *s->ops);
    }
    op_t *o = &s->ops[s->nops++];
    o->off = off;
    o->len = len;
    o->data = NULL;
    if (len > 0) {
        o->data = malloc((size_t)len);
        memcpy(o->data, data, (size_t)len);
    }
}

static void image_put(unsigned char **img, size_t *len, long long off, const void *p, size_t n)
{
    size_t end = (size_t)off + n;
    if (end > *len) {
        *img = realloc(*img, end);
        memset(*img + *len, 0, end - *len);
        *len = end;
    }
    memcpy(*img + off, p, n);
}

/* ---- the file methods: pass through, keeping track ---- */

static int x_close(sqlite3_file *f)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods ? c->real->pMethods->xClose(c->real) : SQLITE_OK;
}

static int x_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xRead(c->real, p, n, off);
}

static int x_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
    cv_file_t *c = (cv_file_t *)f;
    if (c->sh) {
        if (g.dead)
            return SQLITE_IOERR_WRITE;
        long k = ++g.writes;
        if (g.cut_at && k == g.cut_at) {
            /* This write may still reach the disk in part: it is in the cache. */
            add_op(c->sh, off, n, p);
            g.dead = true;
            return SQLITE_IOERR_WRITE;
        }
        if (g.fault && k >= g.fault_at)
            return g.fault == CV_FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
        add_op(c->sh, off, n, p);
    }
    return c->real->pMethods->xWrite(c->real, p, n, off);
}

static int x_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    cv_file_t *c = (cv_file_t *)f;
    if (c->sh) {
        if (g.dead)
            return SQLITE_IOERR_TRUNCATE;
        add_op(c->sh, size, -1, NULL);
    }
    return c->real->pMethods->xTruncate(c->real, size);
}

static int x_sync(sqlite3_file *f, int flags)
{
    cv_file_t *c = (cv_file_t *)f;
    if (c->sh && (g.dead || (g.fault == CV_FAULT_EIO && g.writes + 1 >= g.fault_at)))
        return SQLITE_IOERR_FSYNC;
    int rc = c->real->pMethods->xSync(c->real, flags);
    if (rc == SQLITE_OK && c->sh) {
        /* Everything written so far is now on the disk for sure. */
        free(c->sh->img);
        c->sh->exists = read_all(c->sh->path, &c->sh->img, &c->sh->len);
        forget_ops(c->sh);
    }
    return rc;
}

static int x_size(sqlite3_file *f, sqlite3_int64 *size)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xFileSize(c->real, size);
}

static int x_lock(sqlite3_file *f, int l)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xLock(c->real, l);
}

static int x_unlock(sqlite3_file *f, int l)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xUnlock(c->real, l);
}

static int x_reserved(sqlite3_file *f, int *out)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xCheckReservedLock(c->real, out);
}

static int x_fcntl(sqlite3_file *f, int op, void *arg)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xFileControl(c->real, op, arg);
}

static int x_sector(sqlite3_file *f)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xSectorSize(c->real);
}

static int x_devchar(sqlite3_file *f)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xDeviceCharacteristics(c->real);
}

static int x_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xShmMap(c->real, pg, sz, extend, pp);
}

static int x_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xShmLock(c->real, off, n, flags);
}

static void x_shm_barrier(sqlite3_file *f)
{
    cv_file_t *c = (cv_file_t *)f;
    c->real->pMethods->xShmBarrier(c->real);
}

static int x_shm_unmap(sqlite3_file *f, int del)
{
    cv_file_t *c = (cv_file_t *)f;
    return c->real->pMethods->xShmUnmap(c->real, del);
}

/* Version 2: no xFetch, so SQLite never memory-maps a file behind our back. */
static const sqlite3_io_methods methods = {
    2,          x_close,       x_read,      x_write, x_truncate, x_sync,    x_size,
    x_lock,     x_unlock,      x_reserved,  x_fcntl, x_sector,   x_devchar, x_shm_map,
    x_shm_lock, x_shm_barrier, x_shm_unmap, NULL,    NULL,
};

/* ---- the VFS methods ---- */

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)v;
    cv_file_t *c = (cv_file_t *)f;
    c->real = (sqlite3_file *)(c + 1);
    c->sh = shadow_of(name);
    int rc = g.under->xOpen(g.under, name, c->real, flags, out);
    c->base.pMethods = rc == SQLITE_OK ? &methods : NULL;
    return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int dir_sync)
{
    (void)v;
    shadow_t *s = find(name);
    if (s && g.dead)
        return SQLITE_IOERR_DELETE;
    int rc = g.under->xDelete(g.under, name, dir_sync);
    if (s && rc == SQLITE_OK)
        forget(s);
    return rc;
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return g.under->xAccess(g.under, name, flags, out);
}

static int v_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return g.under->xFullPathname(g.under, name, n, out);
}

static int v_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return g.under->xRandomness(g.under, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return g.under->xSleep(g.under, us);
}

static int v_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return g.under->xCurrentTime(g.under, out);
}

static int v_lasterr(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return g.under->xGetLastError(g.under, n, out);
}

static int v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return g.under->xCurrentTimeInt64(g.under, out);
}

int cv_install(void)
{
    if (g.under)
        return 0;
    g.under = sqlite3_vfs_find(NULL);
    if (!g.under)
        return -1;
    sqlite3_vfs *v = &g.vfs;
    v->iVersion = 2;
    v->szOsFile = (int)sizeof(cv_file_t) + g.under->szOsFile;
    v->mxPathname = g.under->mxPathname;
    v->zName = "dccrash";
    v->xOpen = v_open;
    v->xDelete = v_delete;
    v->xAccess = v_access;
    v->xFullPathname = v_fullpath;
    v->xRandomness = v_random;
    v->xSleep = v_sleep;
    v->xCurrentTime = v_time;
    v->xGetLastError = v_lasterr;
    v->xCurrentTimeInt64 = v_time64;
    return sqlite3_vfs_register(v, 1) == SQLITE_OK ? 0 : -1;
}

void cv_track(const char *dir)
{
    for (int i = 0; i < MAX_FILES; i++)
        forget(&g.files[i]);
    snprintf(g.prefix, sizeof g.prefix, "%s/", dir);
    g.writes = g.cut_at = g.fault_at = 0;
    g.fault = CV_FAULT_NONE;
    g.dead = false;
}

void cv_cut_at(long n, bool torn, unsigned seed)
{
    g.cut_at = n ? g.writes + n : 0;
    g.torn = torn;
    g.seed = seed;
}

void cv_fault(cv_fault_t fault, long n)
{
    g.fault = fault;
    g.fault_at = g.writes + n;
}

void cv_die(void)
{
    g.dead = true;
}

bool cv_dead(void)
{
    return g.dead;
}

long cv_writes(void)
{
    return g.writes;
}

/* What the disk of s holds after a cut: the synced image, and in the torn mode a random part of
 * the cached writes, in a random order, each cut at sectors. */
static void after_cut(shadow_t *s, unsigned char **img, size_t *len)
{
    *len = s->exists ? s->len : 0;
    *img = malloc(*len ? *len : 1);
    if (*len)
        memcpy(*img, s->img, *len);
    if (!g.torn)
        return;
    size_t *order = malloc((s->nops ? s->nops : 1) * sizeof *order);
    for (size_t i = 0; i < s->nops; i++)
        order[i] = i;
    for (size_t i = s->nops; i > 1; i--) {
        size_t j = rnd() % i, t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    for (size_t k = 0; k < s->nops; k++) {
        const op_t *o = &s->ops[order[k]];
        if (rnd() % 2)
            continue;
        if (o->len < 0) {
            if ((size_t)o->off < *len)
                *len = (size_t)o->off;
            continue;
        }
        for (int at = 0; at < o->len; at += SECTOR) {
            int n = o->len - at < SECTOR ? o->len - at : SECTOR;
            if (rnd() % 4)
                image_put(img, len, o->off + at, o->data + at, (size_t)n);
        }
    }
    free(order);
}

static void put_file(const char *path, const unsigned char *img, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return;
    if (len && write(fd, img, len) != (ssize_t)len)
        perror(path);
    close(fd);
}

void cv_snapshot(const char *other_dir)
{
    for (int i = 0; i < MAX_FILES; i++) {
        shadow_t *s = &g.files[i];
        if (!s->used || !s->exists || access(s->path, F_OK) != 0)
            continue;
        const char *base = strrchr(s->path, '/');
        char to[1200];
        snprintf(to, sizeof to, "%s%s", other_dir, base);
        put_file(to, s->img, s->len);
    }
}

void cv_reboot(void)
{
    for (int i = 0; i < MAX_FILES; i++) {
        shadow_t *s = &g.files[i];
        char shm[1100];
        if (!s->used)
            continue;
        /* The wal-index is memory, rebuilt from the WAL after a crash. */
        snprintf(shm, sizeof shm, "%s-shm", s->path);
        unlink(shm);
        if (access(s->path, F_OK) != 0)
            continue; /* removed (removals are synced by the code under test) */
        unsigned char *img;
        size_t len;
        after_cut(s, &img, &len);
        if (!s->exists && len == 0)
            unlink(s->path);
        else
            put_file(s->path, img, len);
        free(img);
    }
    char keep[1024];
    snprintf(keep, sizeof keep, "%s", g.prefix);
    keep[strlen(keep) - 1] = '\0';
    cv_track(keep);
    g.prefix[0] = '\0';
}

/* A rename seen by the harness (through --wrap=rename): the synced image goes with the name. */
void cv_renamed(const char *from, const char *to);
void cv_renamed(const char *from, const char *to)
{
    shadow_t *s = find(from), *d = find(to);
    if (d)
        forget(d);
    if (s)
        snprintf(s->path, sizeof s->path, "%s", to);
}
