/* Corrections without rewriting history: a mistaken record is corrected by a new event that
 * names it, gives the right values, says why and is approved by a manager; and a damaged label
 * is replaced, its old code retired. The log keeps the original, the correction and who made
 * it; ledgers show the record as corrected. */
#ifndef DC_DESK_CORRECT_H
#define DC_DESK_CORRECT_H

#include "desk/desk.h"

/* Record corr (type correction: link_seq, the new values, actor, second = the approving
 * manager, detail = the reason). Its item is taken from the record it names. */
DC_WUR dc_err_t dc_desk_correct(dc_store_t *st, const dc_term_t *term, dc_event_t *corr,
                                int64_t *seq);

/* The record orig as corrected: every correction naming it applied in order (the later wins),
 * whenever it was made (a correction says the record was wrong from the start). The one
 * function every reader of a record uses: the monthly check (due dates, places), the forms,
 * the item history, the receipts on paper and on screen. Events that cannot be corrected come
 * back unchanged. out may be orig. *n (may be NULL) is how many corrections there were, *last
 * (may be NULL) the latest one's seq. It reads the log (dc_store_events_linked), so it may be
 * called from inside another walk of the log. */
DC_WUR dc_err_t dc_desk_corrected(dc_store_t *st, const dc_event_t *orig, dc_event_t *out, int *n,
                                  int64_t *last);

/* Give an item a new label: new_code "" for a fresh code (written to out), the old code retired.
 * An administrator's, with a reason. */
DC_WUR dc_err_t dc_desk_relabel(dc_store_t *st, const dc_term_t *term, const char *actor,
                                const char *old_code, const char *new_code, const char *reason,
                                char out[DC_CODE_MAX], int64_t *seq);

#endif
