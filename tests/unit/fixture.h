/* Shared by the unit tests: a temporary folder under $DAICHO_TEST_TMP and a new ledger in it. */
#ifndef DC_TEST_FIXTURE_H
#define DC_TEST_FIXTURE_H

#include <stddef.h>

#include "desk/desk.h"
#include "store/types.h"

/* Make a new folder prefix + "XXXXXX" under $DAICHO_TEST_TMP (or /tmp); 0 or -1. */
int dc_fx_tmpdir(char *dir, size_t cap, const char *prefix);
/* Remove the folder and everything in it; 0 or -1. */
int dc_fx_rmdir(const char *dir);
/* Create daicho.db and daicho.key in dir (terminal, office, JST) and open it; 0 or -1. */
int dc_fx_ledger(const char *dir, const char *terminal, const char *office, dc_store_t **st,
                 dc_term_t *term);
/* Enrol name with a new badge in role, by actor (NULL: themself, as the first administrator),
 * through the rules; with pin (may be NULL) as their PIN; 0 or -1. */
int dc_fx_enrol(dc_store_t *st, const dc_term_t *term, const char *actor, char badge[DC_CODE_MAX],
                dc_role_t role, const char *name, const char *pin);
/* Enrol the first administrator, who enrols themself, with a new badge; 0 or -1. */
int dc_fx_admin(dc_store_t *st, const dc_term_t *term, const char *name, char badge[DC_CODE_MAX]);
/* Run sql on the ledger's own connection, as someone with the key and another tool could;
 * prints SQLite's message and returns -1 when it fails, 0 when it ran. */
int dc_fx_sql(dc_store_t *st, const char *sql);
/* How many events the ledger holds (fails the test on a storage error). */
int64_t dc_fx_count(dc_store_t *st);
/* Close the ledger (st may be NULL) and remove dir with everything in it; 0 or -1. */
int dc_fx_ledger_close(dc_store_t *st, const char *dir);

/* A receipt-signing key pair made from a seed of one repeated byte: the same keys every run. */
typedef struct {
    uint8_t pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
} dc_fx_keys_t;
void dc_fx_seeded_keys(uint8_t seed_byte, dc_fx_keys_t *k);

#endif
