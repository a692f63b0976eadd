/* Use cases of an item after its registration: its title changed (rename), and its disposal
 * with a method and technique for each kind of medium in the cart. Each logs its own refusal. */
#ifndef DC_DESK_ITEM_H
#define DC_DESK_ITEM_H

#include "desk/desk.h"

/* Rename code to title for reason, approved by the manager second (whose presence the caller
 * has proved: a PIN at the kiosk or --second-pin-stdin). *seq is the rename event. A refusal
 * (unknown, disposed or retired item, same title, no reason, no manager) is logged first. */
DC_WUR dc_err_t dc_desk_rename(dc_store_t *st, const dc_term_t *term, const char *actor,
                               const char *code, const char *title, const char *reason,
                               const char *second, int64_t *seq);

/* A disposal's method and technique for one group of media (dc_dgroup_t). */
typedef struct {
    dc_method_t method; /* DC_METHOD_NONE: the technique's own, when the ledger knows it */
    char technique[DC_SHORT_MAX];
} dc_kind_disposal_t;

/* Give ev (a disposal of an item of kind) the method and technique of its group in per, or,
 * where the group has none, those already in ev; a known technique without a method brings
 * its own. */
void dc_disposal_apply(const dc_kind_disposal_t per[DC_DGROUP__COUNT], dc_kind_t kind,
                       dc_event_t *ev);

/* Whether one technique (tmpl's) may stand for every group among the items' kinds that per
 * leaves without one: DC_E_OK, or DC_E_R_DISPOSE_MIXED with *group the first group that
 * needs its own (a mixed cart whose shared technique is unknown or does not fit it). */
DC_WUR dc_err_t dc_disposal_mixed(const dc_kind_disposal_t per[DC_DGROUP__COUNT],
                                  const dc_event_t *tmpl, const dc_kind_t *kinds, int n,
                                  dc_dgroup_t *group);

/* Dispose of n items as one record: tmpl holds what every event shares (actor, witness,
 * certificate), per the method and technique of each group (NULL: tmpl's for all). Each item's
 * event carries its own group's. seqs gets n numbers; on a refusal (logged) *failed is the
 * refused item (-1 when not one in particular) and *group the group a mixed cart misses. */
DC_WUR dc_err_t dc_desk_dispose(dc_store_t *st, const dc_term_t *term, const dc_event_t *tmpl,
                                const dc_kind_disposal_t per[DC_DGROUP__COUNT],
                                const char (*items)[DC_CODE_MAX], int n, int64_t *seqs, int *failed,
                                dc_dgroup_t *group);

#endif
