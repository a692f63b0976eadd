/* Exclusion between programs on one ledger: an advisory flock(2) on a lock file beside the
 * database, db_path + "-lock", that is never renamed, replaced or removed.
 *
 * Why a file of its own and flock: SQLite locks byte ranges of the database file with POSIX
 * fcntl locks, which a process loses when it closes any descriptor of that file, and restore and
 * rekey rename a new database over the old one, so a lock on the database's inode would not
 * stop a program that opens the new file by its name. The lock file keeps one inode for the
 * life of the ledger, and flock locks belong to the open file description (not the process), so
 * they do not mix with SQLite's.
 *
 * Who holds it: every connection of dc_store_open (the kiosk for as long as it has the ledger
 * open, every daicho-admin command while it runs, so every writer while it writes) holds it
 * shared; anything that swaps the file (restore, rekey) takes it exclusively, never waiting,
 * and is refused with DC_E_DB_BUSY while anyone else holds it. Within one process the locks of
 * one ledger nest: an exclusive holder may open the ledger itself. */
#ifndef DC_STORE_LOCK_H
#define DC_STORE_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef struct dc_lock dc_lock_t;

/* Take the lock of the ledger at db_path (the lock file is made, mode 0600, when missing).
 * exclusive: never waits. shared: waits up to wait_ms for an exclusive holder (a rekey takes a
 * second or two). DC_E_DB_BUSY when another program holds it the other way; DC_E_IO when the
 * lock file cannot be made or opened. With optional, a folder where the lock file cannot be
 * made (read-only media) gives *out = NULL and DC_E_OK: nobody can write there either. */
DC_WUR dc_err_t dc_lock_take(const char *db_path, bool exclusive, int wait_ms, bool optional,
                             dc_lock_t **out);

/* Give it back (NULL is fine). */
void dc_lock_release(dc_lock_t *l);

/* The programs holding the lock of db_path, read from /proc/locks, e.g. "daicho (pid 812)";
 * "" when there is none or it cannot be told. */
void dc_lock_holders(const char *db_path, char *buf, size_t cap);

#endif
