/* Copies of the ledger at the SQLite level: an online backup under the same key, an export under
 * a new key (key rotation), and folding the WAL into the main file. The file-level steps
 * (fsync, rename, the key file) are in desk/backup.h. */
#ifndef DC_STORE_BACKUP_H
#define DC_STORE_BACKUP_H

#include "store/store.h"

/* Copy the whole database, as one consistent snapshot, into a new file at path encrypted with
 * the same key. Other connections may go on writing meanwhile (WAL readers see one snapshot).
 * The file is synced; its folder is not. DC_E_DB_EXISTS when path exists. */
DC_WUR dc_err_t dc_store_backup(dc_store_t *st, const char *path,
                                const uint8_t key[DC_STORE_KEY_LEN]);

/* Export every table (sqlcipher_export) into a new file at path encrypted with new_key, with the
 * schema version kept; synced, folder not. DC_E_DB_EXISTS when path exists. */
DC_WUR dc_err_t dc_store_export(dc_store_t *st, const char *path,
                                const uint8_t new_key[DC_STORE_KEY_LEN]);

/* Move everything in the WAL into the main file and empty the WAL (a TRUNCATE checkpoint).
 * DC_E_DB_BUSY when another connection keeps a reader on an older snapshot. */
DC_WUR dc_err_t dc_store_checkpoint(dc_store_t *st);

#endif
