/* Where the database and its key live.
 *
 * Order: the --db/--key-file options; DAICHO_DB / DAICHO_KEY_FILE; under systemd (when
 * CREDENTIALS_DIRECTORY is set) /var/lib/daicho/daicho.db ($STATE_DIRECTORY if set) and
 * $CREDENTIALS_DIRECTORY/daicho.key; otherwise the per-user data folder
 * ${XDG_DATA_HOME:-~/.local/share}/daicho/daicho.db and daicho.key. */
#ifndef DC_PLATFORM_PATHS_H
#define DC_PLATFORM_PATHS_H

#include <stddef.h>

#include "core/err.h"

#define DC_PATH_MAX 4096

/* Fill the default paths; DC_E_DB_MISSING when there is no home folder to put them in. */
DC_WUR dc_err_t dc_paths_default(char db[DC_PATH_MAX], char key[DC_PATH_MAX]);

/* Create the folder holding path (and its parents), mode 0700 for new folders. */
DC_WUR dc_err_t dc_paths_make_parent(const char *path);

/* fsync the folder holding path, so a new or renamed entry survives a power cut. The one copy:
 * the store, the backup, the key files and the export all call it. */
DC_WUR dc_err_t dc_paths_sync_parent(const char *path);
/* fsync the file at path (opened read-only), so what another writer left in it is durable. */
DC_WUR dc_err_t dc_paths_sync_file(const char *path);

#endif
