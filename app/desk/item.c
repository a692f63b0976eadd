#include "desk/item.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

dc_err_t dc_desk_rename(dc_store_t *st, const dc_term_t *term, const char *actor, const char *code,
                        const char *title, const char *reason, const char *second, int64_t *seq)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RENAME);
    dc_desk_stamp(term, &ev);
    dc_err_t e = DC_E_OK;
    if (!dc_copy(ev.actor, sizeof ev.actor, actor) || !dc_copy(ev.item, sizeof ev.item, code) ||
        !dc_copy(ev.second, sizeof ev.second, second ? second : ""))
        return DC_E_USAGE;
    if (!dc_copy(ev.title, sizeof ev.title, title) || !dc_copy(ev.detail, sizeof ev.detail, reason))
        return DC_E_TOO_LONG;
    int failed;
    if (!(e = dc_store_append(st, &ev, 1, &failed))) {
        *seq = ev.seq;
        return DC_E_OK;
    }
    dc_err_t le = dc_desk_log_refusal(st, term, actor, DC_EV_RENAME, e, code, second);
    return le ? le : e;
}

void dc_disposal_apply(const dc_kind_disposal_t per[DC_DGROUP__COUNT], dc_kind_t kind,
                       dc_event_t *ev)
{
    const dc_kind_disposal_t *d = per ? &per[dc_kind_dgroup(kind)] : NULL;
    if (d && d->technique[0]) {
        memcpy(ev->technique, d->technique, sizeof ev->technique);
        ev->method = d->method;
    }
    const dc_technique_t *t = dc_technique_find(ev->technique);
    if (ev->method == DC_METHOD_NONE && t)
        ev->method = t->method;
}

dc_err_t dc_disposal_mixed(const dc_kind_disposal_t per[DC_DGROUP__COUNT], const dc_event_t *tmpl,
                           const dc_kind_t *kinds, int n, dc_dgroup_t *group)
{
    bool seen[DC_DGROUP__COUNT] = {false};
    int groups = 0;
    for (int i = 0; i < n; i++) {
        dc_dgroup_t g = dc_kind_dgroup(kinds[i]);
        groups += !seen[g];
        seen[g] = true;
    }
    if (groups < 2)
        return DC_E_OK;
    /* One technique for several kinds only where the ledger knows it works on each (shredding
     * paper and discs together); otherwise each kind is asked its own. */
    const dc_technique_t *t = dc_technique_find(tmpl->technique);
    for (int g = 0; g < DC_DGROUP__COUNT; g++) {
        if (!seen[g] || (per && per[g].technique[0]))
            continue;
        if (!t || !dc_technique_fits(t, (dc_dgroup_t)g)) {
            *group = (dc_dgroup_t)g;
            return DC_E_R_DISPOSE_MIXED;
        }
    }
    return DC_E_OK;
}

dc_err_t dc_desk_dispose(dc_store_t *st, const dc_term_t *term, const dc_event_t *tmpl,
                         const dc_kind_disposal_t per[DC_DGROUP__COUNT],
                         const char (*items)[DC_CODE_MAX], int n, int64_t *seqs, int *failed,
                         dc_dgroup_t *group)
{
    DC_EXPECT(n > 0 && tmpl->type == DC_EV_DISPOSE);
    *failed = -1;
    *group = DC_DGROUP__COUNT;
    dc_event_t *evs = malloc((size_t)n * sizeof *evs);
    dc_kind_t *kinds = malloc((size_t)n * sizeof *kinds);
    dc_err_t e = evs && kinds ? DC_E_OK : DC_E_NOMEM;
    for (int i = 0; i < n && !e; i++) {
        for (int j = 0; j < i && !e; j++) {
            if (strcmp(items[i], items[j]) == 0)
                e = DC_E_R_DUPLICATE_ITEM;
        }
        dc_item_t it;
        dc_err_t ge = e ? e : dc_store_item_get(st, items[i], &it);
        if (ge == DC_E_NOT_FOUND)
            it.kind = DC_KIND_OTHER; /* the rules will say it is unknown */
        else if (ge)
            e = ge;
        if (e) {
            *failed = i;
            break;
        }
        kinds[i] = it.kind;
        evs[i] = *tmpl;
        dc_desk_stamp(term, &evs[i]);
        memcpy(evs[i].item, items[i], DC_CODE_MAX);
        dc_disposal_apply(per, it.kind, &evs[i]);
    }
    if (!e)
        e = dc_disposal_mixed(per, tmpl, kinds, n, group);
    if (!e)
        e = dc_store_append(st, evs, n, failed);
    if (!e) {
        for (int i = 0; i < n; i++)
            seqs[i] = evs[i].seq;
    } else if (dc_err_class(e) == DC_CLASS_REFUSED) {
        dc_err_t le = dc_desk_log_refusal(st, term, tmpl->actor, DC_EV_DISPOSE, e,
                                          *failed >= 0 ? items[*failed] : NULL, tmpl->second);
        if (le)
            e = le;
    }
    free(evs);
    free(kinds);
    return e;
}
