#include "fixture.h"

#include <sodium.h>
#include <string.h>
#include "store/internal.h"
#include "store/store.h"

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

int dc_fx_enrol(dc_store_t *st, const dc_term_t *term, const char *actor, char badge[DC_CODE_MAX],
                dc_role_t role, const char *name, const char *pin)
{
    if (dc_desk_new_code(st, DC_CODE_BADGE, badge))
        return -1;
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    dc_copy(ev.actor, sizeof ev.actor, actor ? actor : badge);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    dc_copy(ev.name, sizeof ev.name, name);
    ev.role = role;
    dc_desk_stamp(term, &ev);
    int failed;
    if (dc_store_append(st, &ev, 1, &failed))
        return -1;
    return pin && dc_desk_set_pin(st, badge, pin) ? -1 : 0;
}

int dc_fx_admin(dc_store_t *st, const dc_term_t *term, const char *name, char badge[DC_CODE_MAX])
{
    return dc_fx_enrol(st, term, NULL, badge, DC_ROLE_ADMIN, name, NULL);
}

int64_t dc_fx_count(dc_store_t *st)
{
    int64_t n = -1;
    uint8_t head[DC_HASH_LEN];
    if (dc_store_head(st, &n, head))
        return -1;
    return n;
}

void dc_fx_seeded_keys(uint8_t seed_byte, dc_fx_keys_t *k)
{
    uint8_t seed[crypto_sign_SEEDBYTES];
    memset(seed, seed_byte, sizeof seed);
    crypto_sign_seed_keypair(k->pk, k->sk, seed);
}

int dc_fx_sql(dc_store_t *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg ? msg : "");
    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : -1;
}
