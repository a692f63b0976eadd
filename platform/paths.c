#include "platform/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static dc_err_t join(char out[DC_PATH_MAX], const char *dir, const char *name)
{
    int n = snprintf(out, DC_PATH_MAX, "%s/%s", dir, name);
    return n < 0 || n >= DC_PATH_MAX ? DC_E_TOO_LONG : DC_E_OK;
}

dc_err_t dc_paths_default(char db[DC_PATH_MAX], char key[DC_PATH_MAX])
{
    char dir[DC_PATH_MAX];
    const char *creds = getenv("CREDENTIALS_DIRECTORY");
    const char *env_db = getenv("DAICHO_DB");
    const char *env_key = getenv("DAICHO_KEY_FILE");
    dc_err_t e;

    if (creds && *creds) {
        const char *state = getenv("STATE_DIRECTORY");
        if ((e = join(db, state && *state ? state : "/var/lib/daicho", "daicho.db")) ||
            (e = join(key, creds, "daicho.key")))
            return e;
    } else {
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        int n;
        if (xdg && *xdg)
            n = snprintf(dir, sizeof dir, "%s/daicho", xdg);
        else if (home && *home)
            n = snprintf(dir, sizeof dir, "%s/.local/share/daicho", home);
        else
            return DC_E_DB_MISSING;
        if (n < 0 || n >= (int)sizeof dir)
            return DC_E_TOO_LONG;
        if ((e = join(db, dir, "daicho.db")) || (e = join(key, dir, "daicho.key")))
            return e;
    }
    if (env_db && *env_db && snprintf(db, DC_PATH_MAX, "%s", env_db) >= DC_PATH_MAX)
        return DC_E_TOO_LONG;
    if (env_key && *env_key && snprintf(key, DC_PATH_MAX, "%s", env_key) >= DC_PATH_MAX)
        return DC_E_TOO_LONG;
    return DC_E_OK;
}

dc_err_t dc_paths_make_parent(const char *path)
{
    char dir[DC_PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return DC_E_TOO_LONG;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return DC_E_OK;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return DC_E_IO;
        *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return DC_E_IO;
    return DC_E_OK;
}

dc_err_t dc_paths_sync_parent(const char *path)
{
    char dir[DC_PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return DC_E_TOO_LONG;
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return DC_E_IO;
    int rc = fsync(fd);
    close(fd);
    return rc == 0 ? DC_E_OK : DC_E_IO;
}

dc_err_t dc_paths_sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return DC_E_IO;
    int rc = fsync(fd);
    close(fd);
    return rc == 0 ? DC_E_OK : DC_E_IO;
}
