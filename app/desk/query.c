#include "desk/query.h"

#include <stdlib.h>
#include <string.h>

#include "desk/correct.h"
#include "store/store.h"

dc_err_t dc_desk_staff_get(dc_store_t *st, const char *badge, dc_staff_t *out)
{
    return dc_store_staff_get(st, badge, out);
}

dc_err_t dc_desk_item_get(dc_store_t *st, const char *code, dc_item_t *out)
{
    return dc_store_item_get(st, code, out);
}

dc_err_t dc_desk_items_each(dc_store_t *st, dc_state_t state, dc_item_cb cb, void *ctx)
{
    return dc_store_items_each(st, state, cb, ctx);
}

dc_err_t dc_desk_staff_each(dc_store_t *st, dc_staff_cb cb, void *ctx)
{
    return dc_store_staff_each(st, cb, ctx);
}

/* ---- events as shown ---- */

typedef struct {
    dc_store_t *st;
    dc_event_cb cb;
    void *ctx;
    dc_event_t *shown;
    dc_err_t err;
} shown_t;

/* The one place where an event read for a person becomes the event as corrected: every walk
 * below passes through it. The store's walks prepare a statement of their own each time, so
 * reading the corrections inside one is safe. */
static int as_shown(const dc_event_t *ev, void *ctx)
{
    shown_t *s = ctx;
    if ((s->err = dc_desk_corrected(s->st, ev, s->shown, NULL, NULL)))
        return 1;
    return s->cb(s->shown, s->ctx);
}

typedef enum { W_ITEM, W_BETWEEN, W_GROUP, W_LINKED } walk_t;

static dc_err_t walk_shown(dc_store_t *st, walk_t w, const char *code, int64_t a, int64_t b,
                           dc_event_cb cb, void *ctx)
{
    shown_t s = {st, cb, ctx, malloc(sizeof *s.shown), DC_E_OK};
    if (!s.shown)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_USAGE;
    switch (w) {
    case W_ITEM:
        e = dc_store_events_for_item(st, code, as_shown, &s);
        break;
    case W_BETWEEN:
        e = dc_store_events_between(st, a, b, as_shown, &s);
        break;
    case W_GROUP:
        e = dc_store_events_in_group(st, a, as_shown, &s);
        break;
    case W_LINKED:
        e = dc_store_events_linked(st, a, as_shown, &s);
        break;
    }
    free(s.shown);
    return e ? e : s.err;
}

dc_err_t dc_desk_events_of_item(dc_store_t *st, const char *code, dc_event_cb cb, void *ctx)
{
    return walk_shown(st, W_ITEM, code, 0, 0, cb, ctx);
}

dc_err_t dc_desk_events_between(dc_store_t *st, int64_t from_ms, int64_t to_ms, dc_event_cb cb,
                                void *ctx)
{
    return walk_shown(st, W_BETWEEN, NULL, from_ms, to_ms, cb, ctx);
}

dc_err_t dc_desk_events_in_group(dc_store_t *st, int64_t group, dc_event_cb cb, void *ctx)
{
    return walk_shown(st, W_GROUP, NULL, group, 0, cb, ctx);
}

dc_err_t dc_desk_events_linked(dc_store_t *st, int64_t seq, dc_event_cb cb, void *ctx)
{
    return walk_shown(st, W_LINKED, NULL, seq, 0, cb, ctx);
}

dc_err_t dc_desk_log_between(dc_store_t *st, int64_t from_ms, int64_t to_ms, dc_event_cb cb,
                             void *ctx)
{
    return dc_store_events_between(st, from_ms, to_ms, cb, ctx);
}

/* ---- the rest ---- */

dc_err_t dc_desk_check_event(dc_store_t *st, const dc_event_t *ev)
{
    return dc_store_check(st, ev);
}

dc_err_t dc_desk_setting_get(dc_store_t *st, const char *key, char *buf, size_t cap)
{
    return dc_store_meta_get(st, key, buf, cap);
}

dc_err_t dc_desk_head(dc_store_t *st, int64_t *count, uint8_t head[DC_HASH_LEN])
{
    return dc_store_head(st, count, head);
}

dc_err_t dc_desk_last_seal(dc_store_t *st, char month[8], int64_t *seq)
{
    return dc_store_last_seal(st, month, seq);
}

dc_err_t dc_desk_trusted_each(dc_store_t *st, dc_trusted_cb cb, void *ctx)
{
    return dc_store_trusted_each(st, cb, ctx);
}

dc_err_t dc_desk_pin_state(dc_store_t *st, const char *badge, int *failures, bool *locked)
{
    return dc_store_pin_state(st, badge, failures, locked);
}

dc_err_t dc_desk_verify(dc_store_t *st, dc_verify_t *rep)
{
    return dc_store_verify(st, rep);
}

const char *dc_desk_detail(const dc_store_t *st)
{
    return st ? dc_store_detail(st) : "";
}

dc_err_t dc_desk_checkpoint(dc_store_t *st)
{
    return dc_store_checkpoint_idle(st);
}

void dc_desk_close(dc_store_t *st)
{
    if (st)
        dc_store_close(st);
}

/* ---- a person's items out ---- */

dc_err_t dc_desk_item_held(dc_store_t *st, const dc_item_t *it, const char *today, dc_held_t *out)
{
    DC_EXPECT(st && it && today && out);
    memset(out, 0, sizeof *out);
    out->item = *it;
    if ((it->state != DC_STATE_OUT && it->state != DC_STATE_TRANSIT) || !it->state_seq)
        return DC_E_NOT_FOUND;
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    /* By its sequence number, not the item's history: a relabelled item keeps the take-out
     * recorded under its old code. */
    dc_err_t e = dc_store_event_get(st, it->state_seq, ev);
    if (!e)
        e = dc_desk_corrected(st, ev, ev, NULL, NULL);
    if (!e) {
        dc_event_local_date(ev->ts_ms, ev->tz_min, out->since);
        memcpy(out->due, ev->due, sizeof out->due);
        out->overdue = out->due[0] && strcmp(out->due, today) < 0;
        dc_staff_t who;
        if (it->holder[0] && dc_store_staff_get(st, it->holder, &who) == DC_E_OK && who.name[0])
            dc_copy(out->holder_name, sizeof out->holder_name, who.name);
        else
            dc_copy(out->holder_name, sizeof out->holder_name, it->holder);
    }
    free(ev);
    return e;
}

typedef struct {
    dc_store_t *st;
    const char *badge, *today;
    dc_held_t *out, one;
    int cap, total, noverdue;
    dc_err_t err;
} held_walk_t;

/* Earlier due first; no due date after every dated one; then by code. */
static bool held_before(const dc_held_t *a, const dc_held_t *b)
{
    if (!a->due[0] != !b->due[0])
        return a->due[0] != '\0';
    int c = strcmp(a->due, b->due);
    return c ? c < 0 : strcmp(a->item.code, b->item.code) < 0;
}

static int held_one(const dc_item_t *it, void *ctx)
{
    held_walk_t *w = ctx;
    if (strcmp(it->holder, w->badge) != 0)
        return 0;
    if ((w->err = dc_desk_item_held(w->st, it, w->today, &w->one)))
        return 1;
    w->total++;
    w->noverdue += w->one.overdue;
    /* Keep the first cap in order: insert, the last falls off when full. */
    int n = w->total - 1 < w->cap ? w->total - 1 : w->cap;
    int at = n;
    while (at > 0 && held_before(&w->one, &w->out[at - 1]))
        at--;
    if (at >= w->cap)
        return 0;
    if (n == w->cap)
        n--;
    memmove(&w->out[at + 1], &w->out[at], (size_t)(n - at) * sizeof *w->out);
    w->out[at] = w->one;
    return 0;
}

dc_err_t dc_desk_items_held_by(dc_store_t *st, const char *badge, const char *today, dc_held_t *out,
                               int cap, int *total, int *noverdue)
{
    DC_EXPECT(st && badge && today && total && noverdue && (out || cap == 0) && cap >= 0);
    held_walk_t w = {.st = st, .badge = badge, .today = today, .out = out, .cap = cap};
    *total = *noverdue = 0;
    if (!badge[0])
        return DC_E_OK;
    dc_err_t e = dc_store_items_each(st, DC_STATE_OUT, held_one, &w);
    if (e == DC_E_OK)
        e = w.err;
    if (e)
        return e;
    *total = w.total;
    *noverdue = w.noverdue;
    return DC_E_OK;
}
