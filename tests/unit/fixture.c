#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>

int dc_fx_tmpdir(char *dir, size_t cap, const char *prefix)
{
    const char *tmp = getenv("DAICHO_TEST_TMP");
    if ((size_t)snprintf(dir, cap, "%s/%sXXXXXX", tmp && *tmp ? tmp : "/tmp", prefix) >= cap)
        return -1;
    return mkdtemp(dir) ? 0 : -1;
}

int dc_fx_rmdir(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int dc_fx_ledger(const char *dir, const char *terminal, const char *office, dc_store_t **st,
                 dc_term_t *term)
{
    char db[1100], key[1100];
    snprintf(db, sizeof db, "%s/daicho.db", dir);
    snprintf(key, sizeof key, "%s/daicho.key", dir);
    dc_init_opts_t o = {terminal, office, 540};
    if (dc_desk_init(db, key, &o) != DC_E_OK ||
        dc_desk_open(db, key, DC_CHANNEL_KIOSK, st, term) != DC_E_OK)
        return -1;
    return 0;
}

int dc_fx_ledger_close(dc_store_t *st, const char *dir)
{
    dc_store_close(st);
    return dc_fx_rmdir(dir);
}
