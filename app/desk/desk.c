#include "desk/desk.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/backup.h"
#include "desk/receipt.h"
#include "platform/clock.h"
#include "platform/keyfile.h"
#include "platform/paths.h"
#include "platform/safefile.h"

static dc_err_t crypto_ready(void)
{
    return sodium_init() < 0 ? DC_E_IO : DC_E_OK;
}

dc_err_t dc_desk_init(const char *db_path, const char *key_path, const dc_init_opts_t *opts)
{
    uint8_t key[DC_KEY_LEN];
    dc_store_t *st = NULL;
    dc_err_t e;
    if ((e = crypto_ready()))
        return e;
    /* No file this process writes may replace the ledger or its key (platform/safefile.h). */
    dc_safefile_protect_ledger(db_path, key_path);
    if ((e = dc_paths_make_parent(db_path)) || (e = dc_paths_make_parent(key_path)))
        return e;
    e = dc_keyfile_read(key_path, key);
    if (e == DC_E_KEY_MISSING) {
        if ((e = dc_keyfile_create(key_path)))
            return e;
        e = dc_keyfile_read(key_path, key);
    }
    if (e)
        return e;
    e = dc_store_open(db_path, key, true, &st);
    sodium_memzero(key, sizeof key);
    if (e)
        return e;

    uint8_t id[16];
    char hex[33], num[32];
    randombytes_buf(id, sizeof id);
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    snprintf(num, sizeof num, "%d", (int)opts->tz_min);
    char created[32];
    snprintf(created, sizeof created, "%lld", (long long)dc_clock_now_ms());
    const char *terminal = opts->terminal && *opts->terminal ? opts->terminal : "daicho-1";
    if (!dc_text_ok(terminal, DC_SHORT_MAX) ||
        (opts->office && !dc_text_ok(opts->office, DC_SHORT_MAX)))
        e = DC_E_USAGE;
    if (!e)
        e = dc_store_meta_set(st, "db_id", hex);
    if (!e)
        e = dc_store_meta_set(st, "terminal_name", terminal);
    if (!e)
        e = dc_store_meta_set(st, "office_name", opts->office ? opts->office : "");
    if (!e)
        e = dc_store_meta_set(st, "tz_min", num);
    if (!e)
        e = dc_store_meta_set(st, "created_ms", created);
    if (!e) {
        /* The key that signs this terminal's receipts is born with the ledger. */
        char term_id[DC_TERMINAL_ID_MAX];
        uint8_t pk[DC_STORE_PK_LEN];
        e = dc_desk_terminal_key(st, term_id, pk);
    }
    dc_store_close(st);
    return e;
}

dc_err_t dc_desk_open(const char *db_path, const char *key_path, dc_channel_t channel,
                      dc_store_t **st, dc_term_t *term)
{
    uint8_t key[DC_KEY_LEN];
    dc_err_t e;
    *st = NULL;
    if ((e = crypto_ready()))
        return e;
    /* No file this process writes may replace the ledger or its key (platform/safefile.h). */
    dc_safefile_protect_ledger(db_path, key_path);
    if ((e = dc_keyfile_read(key_path, key)))
        return e;
    e = dc_store_open(db_path, key, false, st);
    sodium_memzero(key, sizeof key);
    /* A key rotation cut after the new database took its name but before the new key did. */
    if (e == DC_E_DB_WRONG_KEY && dc_desk_rekey_finish(db_path, key_path, st) == DC_E_OK)
        e = DC_E_OK;
    if (e)
        return e;
    dc_store_set_clock(*st, dc_clock_now_ms);
    memset(term, 0, sizeof *term);
    term->channel = channel;
    term->tz_min = 540;
    char num[32];
    if ((e = dc_store_meta_get(*st, "terminal_name", term->terminal, sizeof term->terminal)) ||
        (e = dc_store_meta_get(*st, "office_name", term->office, sizeof term->office)))
        goto fail;
    if (dc_store_meta_get(*st, "tz_min", num, sizeof num) == DC_E_OK)
        term->tz_min = (int32_t)strtol(num, NULL, 10);
    return DC_E_OK;
fail:
    dc_store_close(*st);
    *st = NULL;
    return e == DC_E_NOT_FOUND ? DC_E_DB_CORRUPT : e;
}

dc_err_t dc_desk_new_code(dc_store_t *st, dc_code_type_t type, char out[DC_CODE_MAX])
{
    /* 40 random bits: a clash is rare, but a code must never name two things. */
    for (int tries = 0; tries < 16; tries++) {
        uint8_t r[DC_CODE_RANDOM_BYTES];
        randombytes_buf(r, sizeof r);
        dc_code_make(type, r, out);
        dc_err_t e;
        if (type == DC_CODE_ITEM) {
            dc_item_t it;
            e = dc_store_item_get(st, out, &it);
        } else {
            dc_staff_t sf;
            e = dc_store_staff_get(st, out, &sf);
        }
        if (e == DC_E_NOT_FOUND)
            return DC_E_OK;
        if (e)
            return e;
    }
    return DC_E_IO;
}

void dc_desk_stamp(const dc_term_t *term, dc_event_t *ev)
{
    ev->ts_ms = dc_clock_now_ms();
    ev->stamped_ms = ev->ts_ms;
    ev->tz_min = term->tz_min;
    ev->channel = term->channel;
    memcpy(ev->terminal, term->terminal, sizeof ev->terminal);
}

/* What the counter knows without asking: the take-out a return closes, the transport an
 * arrival closes (and where it went), the place a transport leaves from. */
static dc_err_t fill_from_item(dc_store_t *st, dc_event_t *ev)
{
    if (ev->type != DC_EV_RETURN && ev->type != DC_EV_RECEIVE && ev->type != DC_EV_TRANSPORT)
        return DC_E_OK;
    dc_item_t it;
    dc_err_t e = dc_store_item_get(st, ev->item, &it);
    if (e == DC_E_NOT_FOUND)
        return DC_E_OK; /* the rules will say it is unknown */
    if (e)
        return e;
    if (ev->type == DC_EV_TRANSPORT) {
        if (!ev->from_place[0])
            memcpy(ev->from_place, it.place, sizeof ev->from_place);
        return DC_E_OK;
    }
    bool open = (ev->type == DC_EV_RETURN && it.state == DC_STATE_OUT) ||
                (ev->type == DC_EV_RECEIVE && it.state == DC_STATE_TRANSIT);
    /* The link itself is taken by the store inside the write transaction: read here, another
     * program's return and take-out in between would make it stale. */
    if (!open || ev->link_seq)
        return DC_E_OK;
    if (ev->type == DC_EV_RECEIVE && !ev->to_place[0]) {
        dc_event_t *tr = malloc(sizeof *tr);
        if (!tr)
            return DC_E_NOMEM;
        if (!(e = dc_store_event_get(st, it.state_seq, tr)))
            memcpy(ev->to_place, tr->to_place, sizeof ev->to_place);
        free(tr);
    }
    return e;
}

dc_err_t dc_desk_record(dc_store_t *st, const dc_term_t *term, const dc_event_t *tmpl,
                        const char (*items)[DC_CODE_MAX], int n, int64_t *seqs, int *failed)
{
    DC_EXPECT(n > 0);
    *failed = -1;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
            if (strcmp(items[i], items[j]) == 0) {
                *failed = i;
                return DC_E_R_DUPLICATE_ITEM;
            }
        }
    }
    dc_event_t *evs = malloc((size_t)n * sizeof *evs);
    if (!evs)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_OK;
    for (int i = 0; i < n && !e; i++) {
        evs[i] = *tmpl;
        dc_desk_stamp(term, &evs[i]);
        memcpy(evs[i].item, items[i], DC_CODE_MAX);
        if ((e = fill_from_item(st, &evs[i])))
            *failed = i;
    }
    if (!e)
        e = dc_store_append(st, evs, n, failed);
    if (!e) {
        for (int i = 0; i < n; i++)
            seqs[i] = evs[i].seq;
    }
    free(evs);
    return e;
}

static bool pin_ok(const char *pin)
{
    size_t n = strlen(pin);
    if (n < 4 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    }
    return true;
}

bool dc_desk_pin_weak(const char *pin)
{
    /* The PINs tried first: one digit repeated (0000) and runs up or down (1234, 4321, 9876). */
    size_t n = strlen(pin);
    if (n < 4)
        return true;
    bool same = true, up = true, down = true;
    for (size_t i = 1; i < n; i++) {
        same = same && pin[i] == pin[0];
        up = up && pin[i] == pin[i - 1] + 1;
        down = down && pin[i] == pin[i - 1] - 1;
    }
    return same || up || down;
}

dc_err_t dc_desk_set_pin(dc_store_t *st, const char *badge, const char *pin)
{
    char hash[crypto_pwhash_STRBYTES];
    if (strlen(pin) < 4)
        return DC_E_PIN_WEAK; /* too short says what to do, like any weak PIN */
    if (!pin_ok(pin))
        return DC_E_USAGE;
    if (dc_desk_pin_weak(pin))
        return DC_E_PIN_WEAK;
    /* Argon2id at 16 MiB and 3 passes (OWASP's minimum is 12 MiB with 3): a PIN has few digits,
     * so the lockout after 5 failures is what protects it; 64 MiB would more than double the
     * kiosk's resident memory at every log-in (24 MiB idle). Hashes carry their own
     * parameters, so older ones still verify. */
    if (crypto_pwhash_str_alg(hash, pin, strlen(pin), 3, 16u << 20, crypto_pwhash_ALG_ARGON2ID13) !=
        0)
        return DC_E_NOMEM;
    return dc_store_pin_set(st, badge, hash);
}

dc_err_t dc_desk_check_pin(dc_store_t *st, const char *badge, const char *pin)
{
    char hash[crypto_pwhash_STRBYTES];
    dc_err_t e = dc_store_pin_get(st, badge, hash, sizeof hash);
    if (e == DC_E_NOT_FOUND)
        return DC_E_R_ACTOR_UNKNOWN;
    if (e)
        return e;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0 ? DC_E_OK : DC_E_USAGE;
}

dc_err_t dc_desk_month_range(const char *month, int32_t tz_min, int64_t *from, int64_t *to)
{
    char date[DC_DATE_MAX];
    if (!month || strlen(month) != 7 || snprintf(date, sizeof date, "%s-01", month) != 10 ||
        !dc_date_ok(date))
        return DC_E_BAD_DATE;
    int y = (int)strtol(month, NULL, 10), m = (int)strtol(month + 5, NULL, 10);
    *from = dc_clock_from_civil(y, m, 1, 0, 0, 0, tz_min);
    *to = dc_clock_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, 0, 0, 0, tz_min);
    return DC_E_OK;
}
