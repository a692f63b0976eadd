#include "desk/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "desk/check.h"
#include "platform/clock.h"
#include "store/store.h"

/* A log-in or a failed one. The facts the monthly check reads are fields, not words: a wrong
 * PIN keeps the count of wrong PINs in a row in quantity, and the attempt that locked the badge
 * names it as its subject (as an unlock names the badge it unlocked); why is for people. */
static dc_err_t record_login_counted(dc_store_t *st, const dc_term_t *term, const char *badge,
                                     bool ok, const char *why, int failures, bool locked)
{
    dc_event_t ev;
    dc_event_init(&ev, ok ? DC_EV_LOGIN : DC_EV_LOGIN_FAILED);
    dc_desk_stamp(term, &ev);
    dc_copy(ev.actor, sizeof ev.actor, badge);
    dc_copy(ev.detail, sizeof ev.detail, why);
    ev.quantity = failures;
    if (locked)
        dc_copy(ev.subject, sizeof ev.subject, badge);
    int failed;
    return dc_store_append(st, &ev, 1, &failed);
}

static dc_err_t record_login(dc_store_t *st, const dc_term_t *term, const char *badge, bool ok,
                             const char *why)
{
    return record_login_counted(st, term, badge, ok, why, 0, false);
}

dc_err_t dc_desk_login_wait(dc_store_t *st, const dc_term_t *term, const char *badge,
                            const char *pin, bool record, dc_staff_t *who, int *failures,
                            int64_t *wait_ms)
{
    dc_err_t e, le;
    char hash[DC_PIN_HASH_MAX];
    *failures = 0;
    *wait_ms = 0;
    e = dc_store_staff_get(st, badge, who);
    if (e == DC_E_NOT_FOUND) {
        le = record_login(st, term, badge, false, "unknown badge");
        return le ? le : DC_E_R_ACTOR_UNKNOWN;
    }
    if (e)
        return e;
    if (who->released[0]) {
        le = record_login(st, term, badge, false, "released");
        return le ? le : DC_E_R_ACTOR_RELEASED;
    }
    /* Admitted or refused in one write transaction (count, limit and wait together), and
     * counted before the PIN is compared: neither a power cut during the comparison nor a
     * second program trying at the same moment gets a sixth comparison. */
    e = dc_store_pin_begin(st, badge, DC_PIN_LOCK_AT, dc_clock_now_ms(), hash, sizeof hash,
                           failures, wait_ms);
    if (e == DC_E_NOT_FOUND) {
        le = record_login(st, term, badge, false, "no PIN set");
        return le ? le : DC_E_PIN_NOT_SET;
    }
    if (e == DC_E_PIN_LOCKED || e == DC_E_PIN_WAIT) {
        char why[64];
        snprintf(why, sizeof why, e == DC_E_PIN_LOCKED ? "locked" : "too soon (%lld s to wait)",
                 (long long)((*wait_ms + 999) / 1000));
        le = record_login(st, term, badge, false, why);
        return le ? le : e;
    }
    if (e)
        return e;
    bool right = crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    sodium_memzero(hash, sizeof hash);
    if (right) {
        e = dc_store_pin_right(st, badge);
        if (e == DC_E_PIN_LOCKED) {
            le = record_login(st, term, badge, false, "right PIN, but locked meanwhile");
            return le ? le : e;
        }
        if (e)
            return e;
        *failures = 0;
        return record ? record_login(st, term, badge, true, "") : DC_E_OK;
    }
    bool locked = false;
    if ((e = dc_store_pin_wrong(st, badge, DC_PIN_LOCK_AT, dc_clock_now_ms(), failures, &locked)))
        return e;
    *wait_ms = dc_desk_pin_delay_ms(*failures);
    char why[64];
    snprintf(why, sizeof why, "wrong PIN (%d in a row)%s", *failures, locked ? ", locked" : "");
    if ((le = record_login_counted(st, term, badge, false, why, *failures, locked)))
        return le;
    return locked ? DC_E_PIN_LOCKED : DC_E_PIN_WRONG;
}

dc_err_t dc_desk_login(dc_store_t *st, const dc_term_t *term, const char *badge, const char *pin,
                       bool record, dc_staff_t *who, int *failures)
{
    int64_t wait_ms;
    return dc_desk_login_wait(st, term, badge, pin, record, who, failures, &wait_ms);
}

int64_t dc_desk_pin_wait_ms(dc_store_t *st, const char *badge)
{
    int64_t wait_ms = 0;
    if (dc_store_pin_wait(st, badge, dc_clock_now_ms(), &wait_ms))
        return 0; /* no PIN kept, or unreadable: the attempt itself will say so */
    return wait_ms;
}

int64_t dc_desk_pin_delay_ms(int failures)
{
    if (failures <= 0)
        return 0;
    if (failures > 10)
        failures = 10;
    return 1000LL << (failures - 1);
}

dc_err_t dc_desk_unlock(dc_store_t *st, const dc_term_t *term, const dc_staff_t *manager,
                        const char *badge)
{
    if (manager->role == DC_ROLE_STAFF || manager->released[0])
        return DC_E_R_ACTOR_ROLE;
    int failures;
    bool locked;
    dc_err_t e = dc_store_pin_state(st, badge, &failures, &locked);
    if (e == DC_E_NOT_FOUND)
        return DC_E_R_ACTOR_UNKNOWN;
    if (e)
        return e;
    if (!locked)
        return DC_E_R_NOT_LOCKED;
    /* The unlock is an event first (who unlocked whom, after how many), then the counter: a
     * cut between the two leaves a logged unlock and a badge still locked, never the reverse. */
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_UNLOCK);
    dc_desk_stamp(term, &ev);
    dc_copy(ev.actor, sizeof ev.actor, manager->badge);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    snprintf(ev.detail, sizeof ev.detail, "unlocked after %d wrong PINs", failures);
    int failed;
    if ((e = dc_store_append(st, &ev, 1, &failed)))
        return e;
    return dc_store_pin_reset(st, badge, true);
}

dc_err_t dc_desk_enrol_code_make(dc_event_t *ev, const char *what, char code[DC_ENROL_CODE_MAX],
                                 char *hash, size_t hash_cap, int64_t *expires)
{
    if (hash_cap < crypto_pwhash_STRBYTES)
        return DC_E_USAGE;
    for (int i = 0; i < DC_ENROL_CODE_DIGITS; i++)
        code[i] = (char)('0' + randombytes_uniform(10));
    code[DC_ENROL_CODE_DIGITS] = '\0';
    *expires = ev->ts_ms + DC_ENROL_CODE_TTL_MS;
    char date[DC_DATE_MAX], time[6];
    dc_event_local_date(*expires, ev->tz_min, date);
    dc_event_local_time(*expires, ev->tz_min, time);
    snprintf(ev->detail, sizeof ev->detail, "%s %s %s", what, date, time);
    /* The same Argon2id as a PIN: the code is short, and only its hash is kept. */
    if (crypto_pwhash_str_alg(hash, code, strlen(code), 3, 16u << 20,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_memzero(code, DC_ENROL_CODE_MAX);
        return DC_E_NOMEM;
    }
    return DC_E_OK;
}

dc_err_t dc_desk_enrol_code_issue(dc_store_t *st, const dc_term_t *term, const char *admin,
                                  const char *badge, char code[DC_ENROL_CODE_MAX])
{
    char hash[crypto_pwhash_STRBYTES];
    dc_err_t e;
    code[0] = '\0';
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROL_CODE);
    dc_desk_stamp(term, &ev);
    dc_copy(ev.actor, sizeof ev.actor, admin);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    int64_t expires;
    if ((e = dc_desk_enrol_code_make(&ev, "expires", code, hash, sizeof hash, &expires)))
        goto out;
    /* The event first (who handed a code to whom), then the code: a cut between them leaves a
     * logged code that does not work, never a working code nobody logged. */
    int failed;
    if ((e = dc_store_append(st, &ev, 1, &failed))) {
        /* Refused (not an administrator, a badge not enrolled or released): logged here, for
         * the kiosk and daicho-admin alike. */
        if (dc_desk_log_refusal(st, term, admin, DC_EV_ENROL_CODE, e, NULL, NULL))
            fprintf(stderr, "daicho: a refusal could not be logged: %s\n", dc_store_detail(st));
        goto out;
    }
    e = dc_store_enrol_code_put(st, badge, hash, expires, admin);
out:
    if (e)
        sodium_memzero(code, DC_ENROL_CODE_MAX);
    return e;
}

dc_err_t dc_desk_enrol_code_check(dc_store_t *st, const dc_term_t *term, const char *badge,
                                  const char *code)
{
    char hash[crypto_pwhash_STRBYTES];
    int64_t expires;
    dc_err_t e = dc_store_enrol_code_get(st, badge, hash, sizeof hash, &expires);
    if (e == DC_E_NOT_FOUND) {
        dc_err_t le = record_login(st, term, badge, false, "first PIN without an enrolment code");
        return le ? le : DC_E_ENROL_CODE_NEEDED;
    }
    if (e)
        return e;
    const char *why = NULL;
    if (dc_clock_now_ms() >= expires)
        why = "enrolment code expired";
    else if (crypto_pwhash_str_verify(hash, code, strlen(code)) != 0)
        why = "wrong enrolment code";
    sodium_memzero(hash, sizeof hash);
    if (!why)
        return DC_E_OK;
    /* One try per code: a wrong or late one is used up, and the administrator issues another,
     * so guessing 10^8 codes is not possible at a counter. */
    if ((e = dc_store_enrol_code_drop(st, badge)) && e != DC_E_NOT_FOUND)
        return e;
    dc_err_t le = record_login(st, term, badge, false, why);
    return le ? le : DC_E_ENROL_CODE_WRONG;
}

dc_err_t dc_desk_first_pin(dc_store_t *st, const dc_term_t *term, const char *badge,
                           const char *code, const char *pin)
{
    dc_staff_t who;
    dc_err_t e = dc_store_staff_get(st, badge, &who);
    if (e == DC_E_NOT_FOUND)
        return DC_E_R_ACTOR_UNKNOWN;
    if (e)
        return e;
    if (who.released[0])
        return DC_E_R_ACTOR_RELEASED;
    if (dc_desk_pin_weak(pin))
        return DC_E_PIN_WEAK;
    if ((e = dc_desk_enrol_code_check(st, term, badge, code)))
        return e;
    if ((e = dc_desk_set_pin(st, badge, pin)))
        return e;
    e = dc_store_enrol_code_drop(st, badge);
    return e == DC_E_NOT_FOUND ? DC_E_OK : e;
}

dc_err_t dc_desk_may_read_out(dc_store_t *st, const dc_term_t *term, const char *actor,
                              const char *what)
{
    dc_staff_t who;
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_EXPORT);
    dc_desk_stamp(term, &ev);
    dc_copy(ev.actor, sizeof ev.actor, actor);
    dc_copy(ev.purpose, sizeof ev.purpose, what);
    dc_err_t e = dc_store_staff_get(st, actor, &who);
    if (e && e != DC_E_NOT_FOUND)
        return e;
    e = dc_rules_check_readout(e ? NULL : &who, &ev);
    if (!e)
        return DC_E_OK;
    /* A refused read-out is an attempt the monthly check shows, like any refusal. */
    dc_err_t le = dc_check_record_refusal(st, term, actor, DC_EV_EXPORT, e, NULL, NULL);
    return le ? le : e;
}

void dc_flow_begin(dc_flow_t *f, dc_evtype_t type, const char *actor)
{
    memset(f, 0, sizeof *f);
    f->type = type;
    dc_copy(f->actor, sizeof f->actor, actor);
    dc_event_init(&f->form, type);
    dc_copy(f->form.actor, sizeof f->form.actor, actor);
    if (type == DC_EV_COPY)
        f->form.quantity = 1;
}

dc_err_t dc_flow_scan(dc_store_t *st, dc_flow_t *f, const char *text, size_t len,
                      const dc_item_t **added)
{
    char code[DC_CODE_MAX];
    *added = NULL;
    dc_err_t e = dc_code_expect(text, len, DC_CODE_ITEM, code);
    if (e)
        return e;
    for (int i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].code, code) == 0)
            return DC_E_R_DUPLICATE_ITEM;
    }
    if (f->n == DC_FLOW_MAX)
        return DC_E_R_CART_FULL;
    if (f->arrival.remote) {
        if (!(e = dc_desk_arrival_item(st, &f->arrival, code, &f->items[f->n])))
            *added = &f->items[f->n++];
        return e;
    }
    /* Closing by another terminal's arrival receipt: its items are in the cart already, and
     * no other item may be recorded as received by that terminal's receiver. */
    if (f->type == DC_EV_RECEIVE && f->form.from_place[0])
        return DC_E_R_NOT_ON_RECEIPT;

    dc_staff_t actor;
    dc_item_t *it = &f->items[f->n];
    dc_rules_ctx_t ctx = {0};
    e = dc_store_staff_get(st, f->actor, &actor);
    if (!e)
        ctx.actor = &actor;
    else if (e != DC_E_NOT_FOUND)
        return e;
    e = dc_store_item_get(st, code, it);
    if (!e)
        ctx.item = it;
    else if (e != DC_E_NOT_FOUND)
        return e;
    dc_event_t ev;
    dc_event_init(&ev, f->type);
    memcpy(ev.actor, f->actor, DC_CODE_MAX);
    memcpy(ev.item, code, DC_CODE_MAX);
    if ((e = dc_rules_check_scan(&ev, &ctx)))
        return e;
    *added = it;
    f->n++;
    return DC_E_OK;
}

dc_err_t dc_desk_flow_scan(dc_store_t *st, const dc_term_t *term, dc_flow_t *f, const char *text,
                           size_t len, const dc_item_t **added)
{
    dc_err_t e = dc_flow_scan(st, f, text, len, added);
    if (e == DC_E_OK || e == DC_E_R_DUPLICATE_ITEM || e == DC_E_R_CART_FULL ||
        dc_err_class(e) != DC_CLASS_REFUSED)
        return e;
    char code[DC_CODE_MAX];
    if (dc_code_expect(text, len, DC_CODE_ITEM, code))
        return e;
    dc_err_t le = dc_desk_log_refusal(st, term, f->actor, f->type, e, code, NULL);
    return le ? le : e;
}

dc_err_t dc_flow_set_note(dc_flow_t *f, const char *note)
{
    DC_EXPECT(f && note);
    if (f->type != DC_EV_RETURN)
        return DC_E_USAGE;
    if (strlen(note) >= sizeof f->form.notes)
        return DC_E_TOO_LONG;
    dc_copy(f->form.notes, sizeof f->form.notes, note);
    return DC_E_OK;
}

dc_role_t dc_flow_second_role(const dc_flow_t *f)
{
    dc_role_t need = DC_ROLE__COUNT;
    for (int i = 0; i < f->n; i++) {
        dc_role_t r = dc_rules_second_role(f->type, &f->items[i]);
        if (r == DC_ROLE_MANAGER)
            need = DC_ROLE_MANAGER;
        else if (r == DC_ROLE_STAFF && need == DC_ROLE__COUNT)
            need = DC_ROLE_STAFF;
    }
    return need;
}

dc_err_t dc_flow_check(dc_store_t *st, const dc_flow_t *f, int *failed)
{
    *failed = -1;
    if (f->n == 0)
        return DC_E_R_CART_EMPTY;
    for (int i = 0; i < f->n; i++) {
        dc_event_t ev = f->form;
        if (f->arrival.remote)
            dc_desk_arrival_event(&(dc_term_t){0}, &f->arrival, f->actor, f->items[i].code, "-",
                                  &ev);
        memcpy(ev.item, f->items[i].code, DC_CODE_MAX);
        if (f->type == DC_EV_DISPOSE)
            dc_disposal_apply(f->dispose, f->items[i].kind, &ev);
        dc_err_t e = dc_store_check(st, &ev);
        if (e) {
            *failed = i;
            return e;
        }
    }
    return DC_E_OK;
}

dc_err_t dc_flow_commit(dc_store_t *st, const dc_term_t *term, dc_flow_t *f, int64_t *first_seq,
                        int *failed)
{
    char codes[DC_FLOW_MAX][DC_CODE_MAX];
    int64_t seqs[DC_FLOW_MAX];
    *failed = -1;
    if (f->n == 0)
        return DC_E_R_CART_EMPTY;
    for (int i = 0; i < f->n; i++)
        memcpy(codes[i], f->items[i].code, DC_CODE_MAX);
    dc_err_t e;
    if (f->arrival.remote) {
        e = dc_desk_arrival_commit(st, term, &f->arrival, f->actor, f->form.to_place,
                                   (const char(*)[DC_CODE_MAX])codes, f->n, seqs, failed);
    } else if (f->type == DC_EV_DISPOSE) {
        /* Each item with its own group's method and technique, in one transaction. */
        dc_event_t *evs = malloc((size_t)f->n * sizeof *evs);
        if (!evs)
            return DC_E_NOMEM;
        for (int i = 0; i < f->n; i++) {
            evs[i] = f->form;
            dc_desk_stamp(term, &evs[i]);
            memcpy(evs[i].item, codes[i], DC_CODE_MAX);
            dc_disposal_apply(f->dispose, f->items[i].kind, &evs[i]);
        }
        e = dc_store_append(st, evs, f->n, failed);
        for (int i = 0; !e && i < f->n; i++)
            seqs[i] = evs[i].seq;
        free(evs);
    } else {
        e = dc_desk_record(st, term, &f->form, (const char(*)[DC_CODE_MAX])codes, f->n, seqs,
                           failed);
    }
    if (!e)
        *first_seq = seqs[0];
    return e;
}
