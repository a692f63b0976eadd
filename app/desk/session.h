/* The counter's session: logging in with badge and PIN (with a durable failure counter and
 * lockout), and a flow that collects a cart of items and a form before one commit. No SDL. */
#ifndef DC_DESK_SESSION_H
#define DC_DESK_SESSION_H

#include "desk/arrival.h"
#include "desk/desk.h"
#include "desk/item.h"

#define DC_PIN_LOCK_AT 5 /* wrong PINs in a row before the badge is locked */
#define DC_FLOW_MAX 32   /* items in one cart */

/* Check badge and PIN. The attempt is counted durably before the PIN is checked; a wrong PIN
 * is a login-failed event, a right one resets the count. With record_login a success is also
 * a login event (not for a second person approving). Results: DC_E_OK (who filled in),
 * DC_E_PIN_WRONG (*failures = wrong PINs in a row), DC_E_PIN_LOCKED, DC_E_PIN_NOT_SET,
 * DC_E_R_ACTOR_UNKNOWN, DC_E_R_ACTOR_RELEASED, or a storage error. */
DC_WUR dc_err_t dc_desk_login(dc_store_t *st, const dc_term_t *term, const char *badge,
                              const char *pin, bool record_login, dc_staff_t *who, int *failures);
/* The same, and the wait: after DC_E_PIN_WRONG how long the next attempt must wait, after
 * DC_E_PIN_WAIT (a try before the wait after the last wrong PIN has passed, kept in the
 * ledger so a cancel, a rescan or another program does not skip it) how long is left. At most
 * DC_PIN_LOCK_AT PINs are compared between resets, whatever runs at the same time. */
DC_WUR dc_err_t dc_desk_login_wait(dc_store_t *st, const dc_term_t *term, const char *badge,
                                   const char *pin, bool record_login, dc_staff_t *who,
                                   int *failures, int64_t *wait_ms);

/* How long the badge's next PIN attempt must still wait (0 when it need not): what the PIN
 * pad shows when it opens, so cancelling and scanning again does not skip the wait. */
int64_t dc_desk_pin_wait_ms(dc_store_t *st, const char *badge);

/* How long the PIN pad waits after the given number of wrong PINs: 0, 1, 2, 4, 8 s... */
int64_t dc_desk_pin_delay_ms(int failures);

/* A manager (or administrator) unlocks a badge locked by wrong PINs; recorded as an unlock
 * event (shown in the monthly check) before the counter is reset. */
DC_WUR dc_err_t dc_desk_unlock(dc_store_t *st, const dc_term_t *term, const dc_staff_t *manager,
                               const char *badge);

#define DC_ENROL_CODE_DIGITS 8 /* typed on the PIN pad's digits */
#define DC_ENROL_CODE_MAX (DC_ENROL_CODE_DIGITS + 1)
#define DC_ENROL_CODE_TTL_MS (24LL * 3600 * 1000)

/* A fresh enrolment code for ev (stamped): the digits, its Argon2id hash (hash_cap at least
 * crypto_pwhash_STRBYTES) and its expiry, also written in ev's detail as "WHAT DATE TIME" at the
 * terminal's offset. Shared by the code an administrator hands out and a PIN reset. */
DC_WUR dc_err_t dc_desk_enrol_code_make(dc_event_t *ev, const char *what,
                                        char code[DC_ENROL_CODE_MAX], char *hash, size_t hash_cap,
                                        int64_t *expires);

/* An administrator issues badge a one-time enrolment code (8 random digits in code, shown or
 * printed once; only its hash is kept; it expires in 24 h and a new one replaces it). Recorded
 * as an enrol-code event by admin before the code works. A first PIN needs it. */
DC_WUR dc_err_t dc_desk_enrol_code_issue(dc_store_t *st, const dc_term_t *term, const char *admin,
                                         const char *badge, char code[DC_ENROL_CODE_MAX]);
/* DC_E_OK when code is badge's current enrolment code; DC_E_ENROL_CODE_NEEDED when none was
 * issued; DC_E_ENROL_CODE_WRONG when wrong or expired (the code is then used up). Each
 * refusal is a failed log-in event. */
DC_WUR dc_err_t dc_desk_enrol_code_check(dc_store_t *st, const dc_term_t *term, const char *badge,
                                         const char *code);
/* Set badge's PIN with its enrolment code: the PIN must not be weak (DC_E_PIN_WEAK), the code
 * is checked as above and used up once the PIN is kept. */
DC_WUR dc_err_t dc_desk_first_pin(dc_store_t *st, const dc_term_t *term, const char *badge,
                                  const char *code, const char *pin);

/* May actor read or write out personal data (what: "ledger 2026-10", "check 2026-10"...)?
 * The rules decide (dc_rules_check_readout); a refusal is logged as a refused event before it
 * is returned. */
DC_WUR dc_err_t dc_desk_may_read_out(dc_store_t *st, const dc_term_t *term, const char *actor,
                                     const char *what);

typedef struct {
    dc_evtype_t type;
    char actor[DC_CODE_MAX];
    int n;
    dc_item_t items[DC_FLOW_MAX];
    dc_event_t form; /* the fields; item, actor and time are filled at commit */
    /* A disposal: the method and technique of each group of media in the cart (a paper folder
     * and a DVD-R are not destroyed the same way); each item's event takes its group's. */
    dc_kind_disposal_t dispose[DC_DGROUP__COUNT];
    /* An arrival (受領) of another terminal's transport (arrival.remote): its scans are checked
     * against that terminal's receipt and the commit records arrival events. */
    dc_arrival_t arrival;
} dc_flow_t;

void dc_flow_begin(dc_flow_t *f, dc_evtype_t type, const char *actor);

/* A scan at the cart: parse it as an item label and check it at once (known, not twice, and
 * in a state this flow can take). On success *added points at the item in the cart. */
DC_WUR dc_err_t dc_flow_scan(dc_store_t *st, dc_flow_t *f, const char *text, size_t len,
                             const dc_item_t **added);
/* The counter's scan: dc_flow_scan, and a refusal by the custody rules (an item out, disposed,
 * in transit, not this person's to take...) logged at once as a refused event naming the item,
 * as at a commit. Not logged: what is no refusal of the rules (not a label, an unknown code)
 * and the cart's own limits (the same item twice, a full cart). */
DC_WUR dc_err_t dc_desk_flow_scan(dc_store_t *st, const dc_term_t *term, dc_flow_t *f,
                                  const char *text, size_t len, const dc_item_t **added);

/* The second person this flow needs: DC_ROLE__COUNT for none, DC_ROLE_MANAGER or
 * DC_ROLE_STAFF (anyone else enrolled). */
dc_role_t dc_flow_second_role(const dc_flow_t *f);

/* A return's condition note (破損あり, 媒体消去済み...), written in every item's return event
 * (notes); "" for none. DC_E_USAGE for another flow, DC_E_TOO_LONG when it does not fit. */
DC_WUR dc_err_t dc_flow_set_note(dc_flow_t *f, const char *note);

/* Run the whole rules over every item with the form as it is; *failed names the item. */
DC_WUR dc_err_t dc_flow_check(dc_store_t *st, const dc_flow_t *f, int *failed);

/* Commit every item in one transaction; *first_seq is the first event's sequence number. */
DC_WUR dc_err_t dc_flow_commit(dc_store_t *st, const dc_term_t *term, dc_flow_t *f,
                               int64_t *first_seq, int *failed);

#endif
