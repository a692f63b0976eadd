/* Backup, restore and key rotation of the ledger, as files: each step synced before the next,
 * every replacement an atomic rename followed by a sync of the folder, so that a power cut at
 * any point leaves a whole ledger with a key that opens it.
 *
 * Where the key is after a cut in a rotation: the database at db_path is always opened with the
 * key in key_path; when that key does not open it and key_path + ".new" does, the rotation had
 * renamed the new database in but not yet the new key, and opening finishes it (renames the
 * ".new" key over the old one). Leftover db_path + ".rekey" and key_path + ".new" files of a
 * rotation that never got that far are ignored and removed by the next rotation. */
#ifndef DC_DESK_BACKUP_H
#define DC_DESK_BACKUP_H

#include "desk/desk.h"

/* Write a consistent, encrypted (same key) copy of the open ledger to the new file to, while
 * others may be writing. The copy is verified in full before it takes its name; rep (may be
 * NULL) receives the copy's event count and head. DC_E_DB_EXISTS when to exists. */
DC_WUR dc_err_t dc_desk_backup(dc_store_t *st, const char *key_path, const char *to,
                               dc_verify_t *rep);

/* Replace the ledger at db_path by the backup from (encrypted with the key in key_path). The
 * backup is copied beside the ledger and verified in full first; a failure there leaves the
 * ledger untouched (DC_E_VERIFY_FAILED with rep filled in, or the open error). The old ledger is
 * kept as db_path + ".before-restore-<ms>" (in *kept, cap bytes, when not NULL). DC_E_DB_BUSY
 * when another program has the ledger open (its lock, store/lock.h): nothing is touched then. */
DC_WUR dc_err_t dc_desk_restore(const char *db_path, const char *key_path, const char *from,
                                dc_verify_t *rep, char *kept, size_t cap);

/* Re-encrypt the ledger with the key in new_key_path (created, random, when that file does not
 * exist) and make that key the one in key_path. The ledger must verify first and nothing else
 * may have it open (DC_E_DB_BUSY, before anything is made or changed). rep (may be NULL) receives
 * the new file's count and head. */
DC_WUR dc_err_t dc_desk_rekey(const char *db_path, const char *key_path, const char *new_key_path,
                              dc_verify_t *rep);

/* As dc_desk_rekey, and the old key is kept (never removed by daicho) as key_path +
 * ".old-YYYYMMDDTHHMMSS" (mode 0600, the name in kept, cap bytes, when not NULL): backups made
 * before open only with it. */
DC_WUR dc_err_t dc_desk_rekey_keep(const char *db_path, const char *key_path,
                                   const char *new_key_path, dc_verify_t *rep, char *kept,
                                   size_t cap);

/* The programs holding the ledger's lock (store/lock.h), e.g. "daicho (pid 812)", for the
 * message of a refused restore or rekey; "" when it cannot be told. */
void dc_desk_ledger_holders(const char *db_path, char *buf, size_t cap);

/* Open the ledger read-only to verify it (store.h dc_store_open_ro): immutable when asked, or
 * when its folder cannot be written (read-only media: not even the -shm index can be made);
 * *immutable says which was done. */
DC_WUR dc_err_t dc_desk_open_ro(const char *db_path, const char *key_path, bool immutable_asked,
                                dc_store_t **st, bool *immutable);

/* Finish a rotation cut between its last two steps (see above): when key_path + ".new" opens
 * db_path, rename it over key_path and return the open store in *st. DC_E_DB_WRONG_KEY when
 * there is no such key or it does not open the database either. */
DC_WUR dc_err_t dc_desk_rekey_finish(const char *db_path, const char *key_path, dc_store_t **st);

#endif
