/* Use cases of the roster beyond enrolment: a forgotten PIN reset. */
#ifndef DC_DESK_PEOPLE_H
#define DC_DESK_PEOPLE_H

#include "desk/session.h"

/* A manager or administrator (actor) resets badge's forgotten PIN: a pin-reset event first
 * (who reset whose, and when the new code expires), then a fresh one-time enrolment code in
 * code (shown or printed once; only its hash is kept; 24 h), then the old PIN is forgotten. The
 * person chooses a new PIN at their next log-in under that code, on the same badge, so their
 * history stays one. A released person, an unknown badge, one's own badge and staff acting are
 * refused and logged. *seq is the event. */
DC_WUR dc_err_t dc_desk_pin_reset(dc_store_t *st, const dc_term_t *term, const char *actor,
                                  const char *badge, char code[DC_ENROL_CODE_MAX], int64_t *seq);

#endif
