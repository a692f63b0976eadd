#include "desk/people.h"

#include <sodium.h>
#include <string.h>

#include "store/store.h"

dc_err_t dc_desk_pin_reset(dc_store_t *st, const dc_term_t *term, const char *actor,
                           const char *badge, char code[DC_ENROL_CODE_MAX], int64_t *seq)
{
    char hash[crypto_pwhash_STRBYTES];
    dc_err_t e;
    code[0] = '\0';
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_PIN_RESET);
    dc_desk_stamp(term, &ev);
    if (!dc_copy(ev.actor, sizeof ev.actor, actor) ||
        !dc_copy(ev.subject, sizeof ev.subject, badge))
        return DC_E_USAGE;
    int64_t expires;
    if ((e = dc_desk_enrol_code_make(&ev, "enrolment code expires", code, hash, sizeof hash,
                                     &expires)))
        goto out;
    /* The event first, then the code, then the old PIN goes: a cut on the way leaves a logged
     * reset with the old PIN still working, or with both, never a reset nobody logged. */
    int failed;
    if ((e = dc_store_append(st, &ev, 1, &failed))) {
        dc_err_t le = dc_desk_log_refusal(st, term, actor, DC_EV_PIN_RESET, e, NULL, NULL);
        if (le)
            e = le;
        goto out;
    }
    *seq = ev.seq;
    if ((e = dc_store_enrol_code_put(st, badge, hash, expires, actor)))
        goto out;
    e = dc_store_pin_drop(st, badge);
    if (e == DC_E_NOT_FOUND)
        e = DC_E_OK; /* never had one: the code is all they need */
out:
    sodium_memzero(hash, sizeof hash);
    if (e)
        sodium_memzero(code, DC_ENROL_CODE_MAX);
    return e;
}
