#include "desk/query.h"

#include <stdlib.h>

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
