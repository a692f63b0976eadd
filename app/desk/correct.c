#include "desk/correct.h"

#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "store/store.h"

dc_err_t dc_desk_correct(dc_store_t *st, const dc_term_t *term, dc_event_t *corr, int64_t *seq)
{
    DC_EXPECT(st && term && corr && seq && corr->type == DC_EV_CORRECTION);
    *seq = 0;
    dc_event_t *old = malloc(sizeof *old);
    if (!old)
        return DC_E_NOMEM;
    dc_err_t e = corr->link_seq > 0 ? dc_store_event_get(st, corr->link_seq, old) : DC_E_NOT_FOUND;
    if (e == DC_E_NOT_FOUND)
        e = DC_E_R_CORRECT_TARGET;
    if (!e) {
        memcpy(corr->item, old->item, sizeof corr->item);
        dc_desk_stamp(term, corr);
        int failed;
        e = dc_store_append(st, corr, 1, &failed);
        *seq = e ? 0 : corr->seq;
    }
    free(old);
    return e;
}

typedef struct {
    dc_event_t *out;
    int n;
    int64_t last;
} apply_t;

#define TAKE(field)                                                                                \
    if (c->field[0])                                                                               \
    memcpy(a->out->field, c->field, sizeof a->out->field)

static int apply(const dc_event_t *c, void *ctx)
{
    apply_t *a = ctx;
    if (c->type != DC_EV_CORRECTION)
        return 0;
    TAKE(purpose);
    TAKE(to_place);
    TAKE(from_place);
    TAKE(due);
    TAKE(recipient);
    TAKE(technique);
    TAKE(certificate);
    if (c->quantity)
        a->out->quantity = c->quantity;
    a->n++;
    a->last = c->seq;
    return 0;
}

dc_err_t dc_desk_corrected(dc_store_t *st, const dc_event_t *orig, dc_event_t *out, int *n,
                           int64_t *last)
{
    DC_EXPECT(st && orig && out);
    if (out != orig)
        *out = *orig;
    apply_t a = {out, 0, 0};
    dc_err_t e = dc_evtype_correctable(orig->type)
                     ? dc_store_corrections_of(st, orig->seq, apply, &a)
                     : DC_E_OK;
    if (n)
        *n = a.n;
    if (last)
        *last = a.last;
    return e;
}

dc_err_t dc_desk_relabel(dc_store_t *st, const dc_term_t *term, const char *actor,
                         const char *old_code, const char *new_code, const char *reason,
                         char out[DC_CODE_MAX], int64_t *seq)
{
    DC_EXPECT(st && term && actor && old_code && reason && out && seq);
    *seq = 0;
    dc_err_t e = DC_E_OK;
    if (new_code && new_code[0])
        dc_copy(out, DC_CODE_MAX, new_code);
    else if ((e = dc_desk_new_code(st, DC_CODE_ITEM, out)))
        return e;
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_event_init(ev, DC_EV_RELABEL);
    dc_desk_stamp(term, ev);
    if (!dc_copy(ev->actor, sizeof ev->actor, actor) ||
        !dc_copy(ev->item, sizeof ev->item, old_code) ||
        !dc_copy(ev->dest_item, sizeof ev->dest_item, out) ||
        !dc_copy(ev->detail, sizeof ev->detail, reason))
        e = DC_E_TOO_LONG;
    int failed;
    if (!e)
        e = dc_store_append(st, ev, 1, &failed);
    *seq = e ? 0 : ev->seq;
    free(ev);
    return e;
}
