#include "desk/desk.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cal.h"
#include "desk/backup.h"
#include "desk/check.h"
#include "desk/receipt.h"
#include "platform/clock.h"
#include "platform/keyfile.h"
#include "platform/paths.h"
#include "platform/safefile.h"
#include "store/store.h"

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
        /* The carrier is always recorded (様式10's 運搬者): the handler unless someone else
         * was named, so that no rule has to guess who carried it. */
        if (!ev->carrier[0])
            memcpy(ev->carrier, ev->actor, sizeof ev->carrier);
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
    dc_cal_month_range(y, m, tz_min, from, to);
    return DC_E_OK;
}

/* ---- the counter's actions, each logging its own refusal ---- */

dc_err_t dc_desk_log_refusal(dc_store_t *st, const dc_term_t *term, const char *actor,
                             dc_evtype_t attempted, dc_err_t why, const char *item,
                             const char *second)
{
    if (dc_err_class(why) != DC_CLASS_REFUSED)
        return DC_E_OK;
    return dc_check_record_refusal(st, term, actor, attempted, why, item, second);
}

/* The refusal e of actor's attempt, logged; a failure to log is said on stderr, the refusal is
 * still what the caller gets. */
static dc_err_t refused(dc_store_t *st, const dc_term_t *term, const char *actor,
                        dc_evtype_t attempted, dc_err_t e, const char *item, const char *second)
{
    if (dc_desk_log_refusal(st, term, actor, attempted, e, item, second))
        fprintf(stderr, "daicho: a refusal could not be logged: %s\n", dc_store_detail(st));
    return e;
}

/* Why a setting's value cannot be taken, besides the rules (which judge the key, the value's
 * form and who may): a printer at the ledger or the key would overwrite it with every
 * receipt. */
static dc_err_t setting_usable(const char *key, const char *value)
{
    if (strcmp(key, "printer_receipt") == 0 || strcmp(key, "printer_label") == 0) {
        const char *colon = strchr(value, ':');
        if (colon && colon[1])
            return dc_safefile_check(colon + 1);
    }
    return DC_E_OK;
}

dc_err_t dc_desk_set_settings(dc_store_t *st, const dc_term_t *term, const char *actor,
                              const char *const *keys, const char *const *values, int n,
                              int64_t *seq)
{
    DC_EXPECT(st && term && actor && keys && values && n > 0 && n <= 8);
    if (seq)
        *seq = 0;
    dc_event_t *evs = calloc((size_t)n, sizeof *evs);
    if (!evs)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_OK;
    for (int i = 0; i < n && !e; i++) {
        dc_event_init(&evs[i], DC_EV_SETTING);
        dc_desk_stamp(term, &evs[i]);
        if (!dc_copy(evs[i].actor, sizeof evs[i].actor, actor) ||
            !dc_copy(evs[i].purpose, sizeof evs[i].purpose, keys[i]) ||
            !dc_copy(evs[i].detail, sizeof evs[i].detail, values[i]))
            e = DC_E_TOO_LONG;
        else
            e = setting_usable(keys[i], values[i]);
    }
    int failed;
    /* Both or neither: one append, one transaction. */
    if (!e)
        e = dc_store_append(st, evs, n, &failed);
    if (!e && seq)
        *seq = evs[n - 1].seq;
    free(evs);
    /* A printer at the ledger is refused as every output path is: no file of the ledger is
     * touched, not even by a log line (tests/cli/test_paths.sh). */
    if (e == DC_E_OUT_PROTECTED || e == DC_E_OUT_LINK)
        return e;
    return e ? refused(st, term, actor, DC_EV_SETTING, e, NULL, NULL) : DC_E_OK;
}

dc_err_t dc_desk_set_setting(dc_store_t *st, const dc_term_t *term, const char *actor,
                             const char *key, const char *value, int64_t *seq)
{
    return dc_desk_set_settings(st, term, actor, &key, &value, 1, seq);
}

dc_err_t dc_desk_enrol(dc_store_t *st, const dc_term_t *term, dc_event_t *ev, int64_t *seq)
{
    DC_EXPECT(st && term && ev && seq && ev->type == DC_EV_ENROLL);
    *seq = 0;
    dc_err_t e = ev->subject[0] ? DC_E_OK : dc_desk_new_code(st, DC_CODE_BADGE, ev->subject);
    int failed;
    if (!e)
        e = dc_desk_record(st, term, ev, (const char(*)[DC_CODE_MAX])ev->subject, 1, seq, &failed);
    return e ? refused(st, term, ev->actor, DC_EV_ENROLL, e, NULL, NULL) : DC_E_OK;
}

dc_err_t dc_desk_register(dc_store_t *st, const dc_term_t *term, dc_event_t *evs, int n, bool trial,
                          int *failed)
{
    DC_EXPECT(st && term && evs && n > 0 && failed);
    *failed = -1;
    dc_err_t e = DC_E_OK;
    for (int i = 0; i < n && !e; i++) {
        dc_event_t *ev = &evs[i];
        DC_EXPECT(ev->type == DC_EV_REGISTER);
        ev->personal = ev->personal || ev->my_number;
        /* A fresh code names no item yet, nor another line of this record. */
        for (int tries = 0; !ev->item[0] && !e && tries < 16; tries++) {
            if ((e = dc_desk_new_code(st, DC_CODE_ITEM, ev->item)))
                break;
            for (int j = 0; j < n; j++)
                if (j != i && strcmp(evs[j].item, ev->item) == 0)
                    ev->item[0] = '\0';
        }
        if (!e && !ev->item[0])
            e = DC_E_IO;
        dc_desk_stamp(term, ev);
    }
    if (!e)
        e = trial ? dc_store_trial(st, evs, n, failed) : dc_store_append(st, evs, n, failed);
    if (!e || trial)
        return e;
    return refused(st, term, evs[*failed >= 0 ? *failed : 0].actor, DC_EV_REGISTER, e, NULL, NULL);
}

void dc_desk_export_copy_event(const dc_term_t *term, const char *month, const char *actor,
                               const char *approver, const char *medium, dc_event_t *ev)
{
    dc_event_init(ev, DC_EV_COPY);
    dc_desk_stamp(term, ev);
    dc_copy(ev->actor, sizeof ev->actor, actor);
    dc_copy(ev->second, sizeof ev->second, approver);
    dc_copy(ev->item, sizeof ev->item, medium);
    dc_copy(ev->dest_item, sizeof ev->dest_item, medium);
    snprintf(ev->purpose, sizeof ev->purpose, "月次台帳の書出し %s", month);
    dc_copy(ev->recipient, sizeof ev->recipient, "管理責任者");
    ev->quantity = DC_DESK_EXPORT_FILES;
}

dc_err_t dc_desk_export_medium(dc_store_t *st, const dc_term_t *term, const char *actor,
                               const char *approver, const char *medium, dc_item_t *out)
{
    DC_EXPECT(st && term && actor && approver && medium);
    dc_item_t it;
    dc_err_t e = dc_store_item_get(st, medium, &it);
    if (e == DC_E_NOT_FOUND)
        e = DC_E_R_ITEM_UNKNOWN;
    else if (!e && it.kind == DC_KIND_PAPER)
        e = DC_E_EXPORT_PAPER;
    if (!e && out)
        *out = it;
    return e ? refused(st, term, actor, DC_EV_COPY, e, medium, approver[0] ? approver : NULL)
             : DC_E_OK;
}

dc_err_t dc_desk_export_copy(dc_store_t *st, const dc_term_t *term, const char *month,
                             const char *actor, const char *approver, const char *medium,
                             int64_t *seq)
{
    DC_EXPECT(st && term && month && actor && approver && medium && seq);
    *seq = 0;
    dc_err_t e = dc_desk_export_medium(st, term, actor, approver, medium, NULL);
    if (e)
        return e;
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_desk_export_copy_event(term, month, actor, approver, medium, ev);
    int failed;
    e = dc_desk_record(st, term, ev, (const char(*)[DC_CODE_MAX])ev->item, 1, seq, &failed);
    free(ev);
    return e ? refused(st, term, actor, DC_EV_COPY, e, medium, approver) : DC_E_OK;
}

/* The end of a path that fits a field: where it went matters more than how deep. */
static void path_tail(char *dst, size_t cap, const char *path)
{
    size_t n = strlen(path);
    const char *p = n < cap ? path : path + n - (cap - 1);
    /* Never start inside a UTF-8 sequence. */
    while (((unsigned char)*p & 0xc0) == 0x80)
        p++;
    dc_copy(dst, cap, p);
}

dc_err_t dc_desk_log_export(dc_store_t *st, const dc_term_t *term, const char *actor,
                            const char *what, const char *path, const char *format, int64_t *seq)
{
    DC_EXPECT(st && term && actor && what && path && format && seq);
    *seq = 0;
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_event_init(ev, DC_EV_EXPORT);
    dc_desk_stamp(term, ev);
    dc_err_t e = DC_E_OK;
    if (!dc_copy(ev->actor, sizeof ev->actor, actor) ||
        !dc_copy(ev->purpose, sizeof ev->purpose, what) ||
        !dc_copy(ev->detail, sizeof ev->detail, format))
        e = DC_E_TOO_LONG;
    path_tail(ev->to_place, sizeof ev->to_place, path);
    int failed;
    if (!e)
        e = dc_store_append(st, ev, 1, &failed);
    *seq = e ? 0 : ev->seq;
    free(ev);
    return e ? refused(st, term, actor, DC_EV_EXPORT, e, NULL, NULL) : DC_E_OK;
}
