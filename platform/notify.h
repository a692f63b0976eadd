/* Readiness and watchdog for systemd (Type=notify, WatchdogSec=), without libsystemd: one
 * datagram to the AF_UNIX socket named by $NOTIFY_SOCKET (a path, or "@name" for the abstract
 * namespace). Outside systemd (no $NOTIFY_SOCKET) every call does nothing. */
#ifndef DC_PLATFORM_NOTIFY_H
#define DC_PLATFORM_NOTIFY_H

#include <stdbool.h>

/* Send state ("READY=1\nSTATUS=...") as is. False when it could not be sent or there is no
 * $NOTIFY_SOCKET. */
bool dc_notify(const char *state);

/* READY=1 with a STATUS= line. */
void dc_notify_ready(const char *status);

/* WATCHDOG=1, at most once per quarter of $WATCHDOG_USEC: call it from every turn of the main
 * loop. Nothing when the unit has no watchdog (or $WATCHDOG_PID names another process). */
void dc_notify_watchdog(void);

#endif
