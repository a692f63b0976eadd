/* A SQLite VFS for tests that loses power, as SQLite's own crash tests do. It wraps the default
 * VFS (under SQLCipher, so it sees encrypted pages) and, for files under a chosen folder, keeps
 * what was last synced. At a chosen write the machine "dies": that write and every later one
 * fail. cv_reboot() then puts back on disk only what was synced (in the torn mode, also a random
 * part of the unsynced writes, in any order and cut at 512-byte sectors, as a disk with a write
 * cache may). It can also fail writes with a full disk or an I/O error until told to stop. */
#ifndef DC_TEST_CRASHVFS_H
#define DC_TEST_CRASHVFS_H

#include <stdbool.h>

typedef enum { CV_FAULT_NONE, CV_FAULT_FULL, CV_FAULT_EIO } cv_fault_t;

/* Register the VFS as the default one (so every sqlite3_open goes through it); 0 on success. */
int cv_install(void);
/* Track the files under dir (a folder path): reads their current contents as synced. */
void cv_track(const char *dir);
/* Lose power at the n-th write from now (0: never); torn chooses the harsher reboot. */
void cv_cut_at(long n, bool torn, unsigned seed);
/* Fail every write (and sync, for EIO) from the n-th from now with fault, until CV_FAULT_NONE. */
void cv_fault(cv_fault_t fault, long n);
/* Lose power now (for cuts outside SQLite's writes, such as a rename). */
void cv_die(void);
bool cv_dead(void);
/* Writes to tracked files since cv_track. */
long cv_writes(void);
/* Put back on disk what survives the power cut and forget it all; the machine is up again. */
void cv_reboot(void);
/* Materialise the synced state of the tracked files as they would be after a cut now, into
 * other_dir (the same names), without stopping anything. */
void cv_snapshot(const char *other_dir);

#endif
