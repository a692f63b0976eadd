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
    const char *last_sealed;   /* YYYY-MM of the latest monthly check; NULL or "" for none:
                                * nothing dated in or before it may be recorded */
    const char *prev_month;    /* YYYY-MM of the latest event that is not a log-in, a refusal,
                                * a reprint, an unlock or an export (seals); NULL or "" for none */
    const dc_event_t *linked;  /* ev->link_seq looked up (corrections; the transport an arrival
                                * closes); NULL when none */
    const dc_item_t *dest;     /* ev->dest_item looked up (relabel); NULL when none */
    bool legacy_disposal;      /* a disposal recorded before the techniques were judged by
                                * kind (verify of an older ledger): only paper's Destroy rule */
} dc_rules_ctx_t;

/* True when s is a month written YYYY-MM. */
bool dc_month_ok(const char *s);

/* DC_E_OK when ev is allowed, else the refusal (a DC_E_R_* code, or DC_E_BAD_DATE). */
DC_WUR dc_err_t dc_rules_check(const dc_event_t *ev, const dc_rules_ctx_t *ctx);

/* Whether actor may read or write out the ledger's personal data (a form, the month's CSV, the
 * inventory, the monthly check, an export to a medium) at the time of ev: an enrolled,
 * designated, not released manager or administrator. The one place every read-out asks. */
DC_WUR dc_err_t dc_rules_check_readout(const dc_staff_t *actor, const dc_event_t *ev);

/* The part of the rules that can be decided when an item is scanned into a cart, before the
 * form is filled in and the second person is known: the actor and the item's state. */
DC_WUR dc_err_t dc_rules_check_scan(const dc_event_t *ev, const dc_rules_ctx_t *ctx);

/* What the second person of an event type is for this item: DC_ROLE__COUNT when no second
 * person is needed, DC_ROLE_MANAGER when it must be a manager, DC_ROLE_STAFF when anyone
 * enrolled will do. */
dc_role_t dc_rules_second_role(dc_evtype_t type, const dc_item_t *item);

/* The item after an allowed event (register builds it from the event). */
void dc_rules_apply_item(const dc_event_t *ev, dc_item_t *item);

/* The new item record of an allowed relabel: the old one under its new code. */
void dc_rules_relabelled(const dc_event_t *ev, const dc_item_t *old, dc_item_t *replacement);

/* True for the events that only say someone was at the counter (log-ins, refusals, reprints,
 * unlocks, exports): they do not date the ledger's work, so a seal is not measured from them. */
bool dc_evtype_is_counter_noise(dc_evtype_t t);

/* True for the records a correction may name (registration and the custody events). */
bool dc_evtype_correctable(dc_evtype_t t);

/* The roster entry after an allowed enroll or release. */
void dc_rules_apply_staff(const dc_event_t *ev, dc_staff_t *staff);

/* True when the event type concerns an item (and so names one in ev->item). */
bool dc_evtype_has_item(dc_evtype_t t);

#endif
