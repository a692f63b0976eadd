#include "store/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* One open lock file per ledger and process: flock conflicts between two descriptions of one
 * file even in one process, so a second take of the same ledger shares the first. */
struct dc_lock {
    dev_t dev;
    ino_t ino;
    int fd;
    bool exclusive;
    int refs;
};

enum { MAX_LOCKS = 16 };
static struct dc_lock held[MAX_LOCKS];
static pthread_mutex_t held_mu = PTHREAD_MUTEX_INITIALIZER;

static dc_err_t lock_path(const char *db_path, char *out, size_t cap)
{
    return snprintf(out, cap, "%s-lock", db_path) < (int)cap ? DC_E_OK : DC_E_TOO_LONG;
}

static void pause_ms(int ms)
{
    struct timespec ts = {0, (long)ms * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* flock, retried every 20 ms for up to wait_ms. */
static int flock_wait(int fd, int op, int wait_ms)
{
    for (int waited = 0;; waited += 20) {
        if (flock(fd, op | LOCK_NB) == 0)
            return 0;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return -1;
        if (waited >= wait_ms)
            return -1;
        pause_ms(20);
    }
}

dc_err_t dc_lock_take(const char *db_path, bool exclusive, int wait_ms, bool optional,
                      dc_lock_t **out)
{
    DC_EXPECT(db_path && out);
    *out = NULL;
    char path[4200];
    dc_err_t e = lock_path(db_path, path, sizeof path);
    if (e)
        return e;
    /* Never through a link: the lock file is ours and stays where the ledger is. */
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
    if (fd < 0 && optional && (errno == EROFS || errno == EACCES || errno == EPERM))
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return optional && (errno == EROFS || errno == EACCES || errno == EPERM || errno == ENOENT)
                   ? DC_E_OK
                   : DC_E_IO;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return DC_E_IO;
    }
    pthread_mutex_lock(&held_mu);
    struct dc_lock *free_slot = NULL;
    for (int i = 0; i < MAX_LOCKS; i++) {
        struct dc_lock *l = &held[i];
        if (l->refs == 0) {
            free_slot = free_slot ? free_slot : l;
            continue;
        }
        if (l->dev != sb.st_dev || l->ino != sb.st_ino)
            continue;
        /* This process has it already: shared under either, exclusive only under exclusive. */
        close(fd);
        if (exclusive && !l->exclusive) {
            pthread_mutex_unlock(&held_mu);
            return DC_E_DB_BUSY;
        }
        l->refs++;
        *out = l;
        pthread_mutex_unlock(&held_mu);
        return DC_E_OK;
    }
    if (!free_slot) {
        pthread_mutex_unlock(&held_mu);
        close(fd);
        return DC_E_NOMEM;
    }
    if (flock_wait(fd, exclusive ? LOCK_EX : LOCK_SH, exclusive ? 0 : wait_ms) != 0) {
        e = errno == EWOULDBLOCK || errno == EINTR ? DC_E_DB_BUSY : DC_E_IO;
        pthread_mutex_unlock(&held_mu);
        close(fd);
        return e;
    }
    *free_slot = (struct dc_lock){sb.st_dev, sb.st_ino, fd, exclusive, 1};
    *out = free_slot;
    pthread_mutex_unlock(&held_mu);
    return DC_E_OK;
}

void dc_lock_release(dc_lock_t *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&held_mu);
    if (l->refs > 0 && --l->refs == 0) {
        close(l->fd); /* closing the last descriptor of the description drops the flock */
        l->fd = -1;
    }
    pthread_mutex_unlock(&held_mu);
}

/* The program name of pid (its comm), or "?". */
static void comm_of(long pid, char *out, size_t cap)
{
    char p[64];
    snprintf(p, sizeof p, "/proc/%ld/comm", pid);
    FILE *f = fopen(p, "re");
    if (!f || !fgets(out, (int)cap, f))
        snprintf(out, cap, "?");
    else
        out[strcspn(out, "\n")] = '\0';
    if (f)
        fclose(f);
}

void dc_lock_holders(const char *db_path, char *buf, size_t cap)
{
    DC_EXPECT(buf && cap);
    buf[0] = '\0';
    char path[4200];
    struct stat sb;
    if (lock_path(db_path, path, sizeof path) || stat(path, &sb) != 0)
        return;
    FILE *f = fopen("/proc/locks", "re");
    if (!f)
        return;
    char line[256];
    size_t n = 0;
    long self = (long)getpid();
    while (fgets(line, sizeof line, f)) {
        char kind[16], mode[16];
        long pid;
        unsigned maj, min;
        unsigned long long ino;
        /* "1: FLOCK  ADVISORY  READ  812 fe:00:5358143 0 EOF" (devices in hex) */
        if (sscanf(line, "%*d: %15s %*s %15s %ld %x:%x:%llu", kind, mode, &pid, &maj, &min, &ino) !=
                6 ||
            strcmp(kind, "FLOCK") != 0 || ino != (unsigned long long)sb.st_ino ||
            maj != major(sb.st_dev) || min != minor(sb.st_dev) || pid == self || pid <= 0)
            continue;
        char name[64];
        comm_of(pid, name, sizeof name);
        int w = snprintf(buf + n, cap - n, "%s%s (pid %ld)", n ? ", " : "", name, pid);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
    fclose(f);
}
