/* The counter's session: logging in with badge and PIN (with a durable failure counter and
 * lockout), and a flow that collects a cart of items and a form before one commit. No SDL. */
#ifndef DC_DESK_SESSION_H
#define DC_DESK_SESSION_H

#include "desk/desk.h"

#define DC_PIN_LOCK_AT 5 /* wrong PINs in a row before the badge is locked */
#define DC_FLOW_MAX 32   /* items in one cart */

/* Check badge and PIN. The attempt is counted durably before the PIN is checked; a wrong PIN
 * is a login-failed event, a right one resets the count. With record_login a success is also
 * a login event (not for a second person approving). Results: DC_E_OK (who filled in),
 * DC_E_PIN_WRONG (*failures = wrong PINs in a row), DC_E_PIN_LOCKED, DC_E_PIN_NOT_SET,
 * DC_E_R_ACTOR_UNKNOWN, DC_E_R_ACTOR_RELEASED, or a storage error. */
DC_WUR dc_err_t dc_desk_login(dc_store_t *st, const dc_term_t *term, const char *badge,
                              const char *pin, bool record_login, dc_staff_t *who, int *failures);

/* How long the PIN pad waits after the given number of wrong PINs: 0, 1, 2, 4, 8 s... */
int64_t dc_desk_pin_delay_ms(int failures);

/* A manager (or administrator) unlocks a badge locked by wrong PINs. */
DC_WUR dc_err_t dc_desk_unlock(dc_store_t *st, const dc_staff_t *manager, const char *badge);

typedef struct {
    dc_evtype_t type;
    char actor[DC_CODE_MAX];
    int n;
    dc_item_t items[DC_FLOW_MAX];
    dc_event_t form; /* the fields; item, actor and time are filled at commit */
} dc_flow_t;

void dc_flow_begin(dc_flow_t *f, dc_evtype_t type, const char *actor);

/* A scan at the cart: parse it as an item label and check it at once (known, not twice, and
 * in a state this flow can take). On success *added points at the item in the cart. */
DC_WUR dc_err_t dc_flow_scan(dc_store_t *st, dc_flow_t *f, const char *text, size_t len,
                             const dc_item_t **added);

/* The second person this flow needs: DC_ROLE__COUNT for none, DC_ROLE_MANAGER or
 * DC_ROLE_STAFF (anyone else enrolled). */
dc_role_t dc_flow_second_role(const dc_flow_t *f);

/* Run the whole rules over every item with the form as it is; *failed names the item. */
DC_WUR dc_err_t dc_flow_check(dc_store_t *st, const dc_flow_t *f, int *failed);

/* Commit every item in one transaction; *first_seq is the first event's sequence number. */
DC_WUR dc_err_t dc_flow_commit(dc_store_t *st, const dc_term_t *term, dc_flow_t *f,
                               int64_t *first_seq, int *failed);

#endif
