#include "platform/notify.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

bool dc_notify(const char *state)
{
    const char *path = getenv("NOTIFY_SOCKET");
    struct sockaddr_un sa;
    size_t len = path ? strlen(path) : 0;
    if (len < 2 || len >= sizeof sa.sun_path || (path[0] != '/' && path[0] != '@'))
        return false;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, len);
    if (path[0] == '@')
        sa.sun_path[0] = '\0'; /* abstract namespace: the length below says where it ends */
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    socklen_t salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
    ssize_t n = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa, salen);
    close(fd);
    return n == (ssize_t)strlen(state);
}

void dc_notify_ready(const char *status)
{
    char msg[256];
    snprintf(msg, sizeof msg, "READY=1\nSTATUS=%s", status);
    dc_notify(msg);
}

static int64_t mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void dc_notify_watchdog(void)
{
    static int64_t every_us = -1, last_us;
    if (every_us < 0) {
        const char *usec = getenv("WATCHDOG_USEC");
        const char *pid = getenv("WATCHDOG_PID");
        long long v = usec ? strtoll(usec, NULL, 10) : 0;
        every_us = v > 0 ? v / 4 : 0;
        if (pid && *pid && strtoll(pid, NULL, 10) != (long long)getpid())
            every_us = 0;
    }
    if (!every_us)
        return;
    int64_t now = mono_us();
    if (last_us && now - last_us < every_us)
        return;
    last_us = now;
    dc_notify("WATCHDOG=1");
}
