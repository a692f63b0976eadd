/* The custody state machine: the one place that decides whether an event may be recorded.
 * The kiosk and the CLI both ask it before anything is committed; verify replays it. */
#ifndef DC_CORE_RULES_H
#define DC_CORE_RULES_H

#include <stdbool.h>

#include "core/event.h"
#include "core/model.h"

/* What the rules need to know about the world at the moment of the event. NULL means the badge
 * or label named in the event is not enrolled or registered. */
typedef struct {
    const dc_staff_t *actor;
    const dc_staff_t *second;  /* ev->second looked up */
    const dc_staff_t *carrier; /* ev->carrier looked up */
    const dc_staff_t *subject; /* ev->subject looked up (enroll, release) */
    const dc_item_t *item;     /* ev->item looked up */
    bool roster_empty;         /* no one enrolled yet: the first admin enrols themself */
} dc_rules_ctx_t;

/* DC_E_OK when ev is allowed, else the refusal (a DC_E_R_* code, or DC_E_BAD_DATE). */
DC_WUR dc_err_t dc_rules_check(const dc_event_t *ev, const dc_rules_ctx_t *ctx);

/* The item after an allowed event (register builds it from the event). */
void dc_rules_apply_item(const dc_event_t *ev, dc_item_t *item);

/* The roster entry after an allowed enroll or release. */
void dc_rules_apply_staff(const dc_event_t *ev, dc_staff_t *staff);

/* True when the event type concerns an item (and so names one in ev->item). */
bool dc_evtype_has_item(dc_evtype_t t);

#endif
