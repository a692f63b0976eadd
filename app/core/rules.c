#include "core/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool released(const dc_staff_t *s)
{
    return s->released[0] != '\0';
}

bool dc_evtype_has_item(dc_evtype_t t)
{
    switch (t) {
    case DC_EV_REGISTER:
    case DC_EV_TAKE_OUT:
    case DC_EV_RETURN:
    case DC_EV_COPY:
    case DC_EV_TRANSPORT:
    case DC_EV_RECEIVE:
    case DC_EV_DISPOSE:
    case DC_EV_RELABEL:
    case DC_EV_RENAME:
        return true;
    default:
        return false;
    }
}

bool dc_evtype_is_counter_noise(dc_evtype_t t)
{
    return t == DC_EV_LOGIN || t == DC_EV_LOGIN_FAILED || t == DC_EV_REFUSED ||
           t == DC_EV_REPRINT || t == DC_EV_UNLOCK || t == DC_EV_EXPORT;
}

bool dc_evtype_correctable(dc_evtype_t t)
{
    return t >= DC_EV_REGISTER && t <= DC_EV_DISPOSE;
}

/* The item must exist and be in one of the allowed states. */
static dc_err_t check_item(const dc_item_t *it, bool in_ok, bool out_ok, bool transit_ok)
{
    if (!it || it->state == DC_STATE_NONE)
        return DC_E_R_ITEM_UNKNOWN;
    switch (it->state) {
    case DC_STATE_DISPOSED:
        return DC_E_R_ITEM_DISPOSED;
    case DC_STATE_RETIRED:
        return DC_E_R_ITEM_RETIRED;
    case DC_STATE_IN:
        return in_ok ? DC_E_OK : DC_E_R_ITEM_IN;
    case DC_STATE_OUT:
        return out_ok ? DC_E_OK : DC_E_R_ITEM_OUT;
    case DC_STATE_TRANSIT:
        if (transit_ok)
            return DC_E_OK;
        return DC_E_R_ITEM_TRANSIT;
    default:
        return DC_E_R_ITEM_UNKNOWN;
    }
}

/* True when s's designation (指定年月日) has begun on the event's local date: before it the
 * person may neither act nor approve. */
static bool designated_by(const dc_staff_t *s, const dc_event_t *ev)
{
    char today[DC_DATE_MAX];
    /* An event not stamped yet (a check of a cart before its commit) is decided at the commit,
     * as its other dates are. */
    if (!s->designated[0] || ev->ts_ms <= 0)
        return true;
    dc_event_local_date(ev->ts_ms, ev->tz_min, today);
    return strcmp(today, s->designated) >= 0;
}

/* The two-person rule: a second, different, enrolled and designated person; a manager where
 * need_manager. */
static dc_err_t check_second(const dc_event_t *ev, const dc_rules_ctx_t *ctx, bool need_manager,
                             dc_err_t role_refusal)
{
    if (!ev->second[0])
        return DC_E_R_SECOND_MISSING;
    if (strcmp(ev->second, ev->actor) == 0)
        return DC_E_R_SELF_APPROVAL;
    if (!ctx->second)
        return DC_E_R_SECOND_UNKNOWN;
    if (released(ctx->second))
        return DC_E_R_SECOND_RELEASED;
    if (!designated_by(ctx->second, ev))
        return DC_E_R_NOT_YET_DESIGNATED;
    if (need_manager && ctx->second->role != DC_ROLE_MANAGER)
        return role_refusal;
    return DC_E_OK;
}

static bool sensitive(const dc_item_t *it)
{
    return it->personal || it->my_number;
}

static bool personal_paper(const dc_item_t *it)
{
    return it->kind == DC_KIND_PAPER && it->personal;
}

static dc_err_t check_take_out(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    const dc_item_t *it = ctx->item;
    dc_err_t e = check_item(it, true, false, false);
    if (e)
        return e;
    if (!ev->purpose[0])
        return DC_E_R_FIELD_MISSING_PURPOSE;
    if (!ev->to_place[0])
        return DC_E_R_FIELD_MISSING_DESTINATION;
    if (!ev->due[0])
        return DC_E_R_FIELD_MISSING_DUE;
    char today[DC_DATE_MAX];
    dc_event_local_date(ev->ts_ms, ev->tz_min, today);
    if (strcmp(ev->due, today) < 0)
        return DC_E_BAD_DATE;
    bool manager = personal_paper(it) || it->my_number;
    return check_second(ev, ctx, manager,
                        personal_paper(it) ? DC_E_R_PAPER_PERSONAL_OUT : DC_E_R_SECOND_ROLE);
}

static dc_err_t check_copy(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    const dc_item_t *it = ctx->item;
    dc_err_t e = check_item(it, true, true, false);
    if (e)
        return e;
    if (!ev->purpose[0])
        return DC_E_R_FIELD_MISSING_PURPOSE;
    if (ev->quantity < 1)
        return DC_E_R_FIELD_MISSING_QUANTITY;
    if (personal_paper(it) && !ev->masked)
        return DC_E_R_MASKING_REQUIRED;
    return check_second(ev, ctx, sensitive(it), DC_E_R_SECOND_ROLE);
}

static dc_err_t check_transport(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    const dc_item_t *it = ctx->item;
    dc_err_t e = check_item(it, true, false, false);
    if (e)
        return e;
    if (!ev->to_place[0])
        return DC_E_R_FIELD_MISSING_DESTINATION;
    if (ev->carrier[0]) {
        if (!ctx->carrier)
            return DC_E_R_SECOND_UNKNOWN;
        if (released(ctx->carrier))
            return DC_E_R_SECOND_RELEASED;
    }
    if (sensitive(it) && !ev->locked_bag)
        return DC_E_R_LOCKED_BAG_REQUIRED;
    return DC_E_OK;
}

static dc_err_t check_receive(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    const dc_item_t *it = ctx->item;
    if (!it || it->state == DC_STATE_NONE)
        return DC_E_R_ITEM_UNKNOWN;
    if (it->state == DC_STATE_DISPOSED)
        return DC_E_R_ITEM_DISPOSED;
    if (it->state == DC_STATE_RETIRED)
        return DC_E_R_ITEM_RETIRED;
    if (it->state != DC_STATE_TRANSIT)
        return DC_E_R_ITEM_NOT_TRANSIT;
    /* An arrival closes the item's transport, the one on the way now: a link read before
     * another program's arrival and transport would close the wrong one. */
    if (ev->link_seq != it->state_seq)
        return DC_E_R_LINK_STALE;
    /* Neither the carrier the transport recorded nor the sender: the arrival is the
     * recipient's word that it came. The carrier is the transport's own field; only without
     * the transport at hand (never at a commit or a replay) is the item's holder asked. */
    /* Closed by the arrival receipt of the terminal it went to (from_place, its id): the
     * receiver named there recorded it and that terminal signed it, so whoever brings the
     * paper back (the carrier too) records it here. */
    if (ev->from_place[0])
        return ev->recipient[0] ? DC_E_OK : DC_E_R_FIELD_MISSING;
    const dc_event_t *tr = ctx->linked && ctx->linked->type == DC_EV_TRANSPORT ? ctx->linked : NULL;
    if (!tr)
        return strcmp(it->holder, ev->actor) == 0 ? DC_E_R_SELF_RECEIVE : DC_E_OK;
    if (tr->carrier[0] && strcmp(tr->carrier, ev->actor) == 0)
        return DC_E_R_SELF_RECEIVE;
    if (strcmp(tr->actor, ev->actor) == 0)
        return DC_E_R_SENDER_RECEIVE;
    return DC_E_OK;
}

/* An item of another terminal arrived here, from that terminal's signed transport receipt
 * (kept in detail): not an item this ledger holds (none here, or its own on the way back), and
 * naming the transport. That the receipt lists the item and that the receiver is neither its
 * sender nor its carrier is checked against the receipt before the commit (desk/arrival.c): the
 * receipt carries digests of them, which only the scanned label and badge match. The item's
 * state stays with the terminal that sent it, until its arrival receipt is scanned there. */
static dc_err_t check_arrival(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    if (!ev->item[0])
        return DC_E_R_ITEM_UNKNOWN;
    if (ctx->item && ctx->item->state != DC_STATE_NONE && ctx->item->state != DC_STATE_TRANSIT)
        return DC_E_R_ITEM_EXISTS;
    if (ev->link_seq < 1 || !ev->from_place[0] || !ev->detail[0])
        return DC_E_R_FIELD_MISSING_RECORD;
    return DC_E_OK;
}

static dc_err_t check_dispose(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    const dc_item_t *it = ctx->item;
    dc_err_t e = check_item(it, true, false, false);
    if (e)
        return e;
    if (!ev->technique[0])
        return DC_E_R_FIELD_MISSING_TECHNIQUE;
    if (ev->method == DC_METHOD_NONE)
        return DC_E_R_FIELD_MISSING_METHOD;
    /* A technique the ledger knows must work on the item's kind and be of its NIST category;
     * an office's own wording is judged only by paper's rule. Older records were not held to
     * this, and replaying them must still pass. */
    const dc_technique_t *t = dc_technique_find(ev->technique);
    if (!ctx->legacy_disposal && t && !dc_technique_fits(t, dc_kind_dgroup(it->kind)))
        return DC_E_R_TECHNIQUE_KIND;
    if (it->kind == DC_KIND_PAPER && ev->method != DC_METHOD_DESTROY)
        return DC_E_R_METHOD_PAPER;
    if (!ctx->legacy_disposal && t && t->method != ev->method)
        return DC_E_R_TECHNIQUE_METHOD;
    if (!ctx->legacy_disposal && ev->certificate[0] && !dc_certificate_ok(ev->certificate))
        return DC_E_R_CERTIFICATE_FORMAT;
    return check_second(ev, ctx, true, DC_E_R_SECOND_ROLE);
}

static dc_err_t check_enroll(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    if (!ev->subject[0])
        return DC_E_R_FIELD_MISSING_BADGE;
    if (!ev->name[0])
        return DC_E_R_FIELD_MISSING_NAME;
    if (ctx->subject)
        return DC_E_R_STAFF_EXISTS;
    if (ctx->roster_empty) {
        /* Bootstrap: the first person is an administrator enrolling themself. */
        if (strcmp(ev->subject, ev->actor) != 0 || ev->role != DC_ROLE_ADMIN)
            return DC_E_R_ACTOR_ROLE;
        return DC_E_OK;
    }
    return DC_E_OK;
}

/* Which fields a correction may give for a record of type t. */
static bool field_of(dc_evtype_t t, const dc_event_t *ev)
{
    bool out = t == DC_EV_TAKE_OUT, copy = t == DC_EV_COPY, tr = t == DC_EV_TRANSPORT;
    if (ev->purpose[0] && !out && !copy)
        return false;
    if (ev->to_place[0] && !out && !tr)
        return false;
    if ((ev->from_place[0] && !tr) || (ev->due[0] && !out && !tr) || (ev->quantity && !copy))
        return false;
    if (ev->recipient[0] && !copy && !tr)
        return false;
    return !((ev->technique[0] || ev->certificate[0]) && t != DC_EV_DISPOSE);
}

/* A correction names a record, says why, gives at least one new value that belongs to that
 * record, and is approved by a manager other than the person correcting. */
static dc_err_t check_correction(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    const dc_event_t *old = ctx->linked;
    if (!old || !dc_evtype_correctable(old->type) || (ev->item[0] && strcmp(ev->item, old->item)))
        return DC_E_R_CORRECT_TARGET;
    if (!ev->detail[0])
        return DC_E_R_FIELD_MISSING_REASON;
    if (!(ev->purpose[0] || ev->to_place[0] || ev->from_place[0] || ev->due[0] ||
          ev->recipient[0] || ev->technique[0] || ev->certificate[0] || ev->quantity))
        return DC_E_R_FIELD_MISSING_VALUE;
    if (!field_of(old->type, ev))
        return DC_E_R_CORRECT_FIELD;
    if (ev->quantity < 0)
        return DC_E_R_FIELD_MISSING_QUANTITY;
    if (ev->due[0]) {
        char taken[DC_DATE_MAX];
        dc_event_local_date(old->ts_ms, old->tz_min, taken);
        if (strcmp(ev->due, taken) < 0)
            return DC_E_BAD_DATE;
    }
    /* A disposal corrected to another technique is held to the same rules as one recorded. */
    const dc_technique_t *t = dc_technique_find(ev->technique);
    if (!ctx->legacy_disposal && t && ctx->item &&
        !dc_technique_fits(t, dc_kind_dgroup(ctx->item->kind)))
        return DC_E_R_TECHNIQUE_KIND;
    if (!ctx->legacy_disposal && t && t->method != old->method)
        return DC_E_R_TECHNIQUE_METHOD;
    if (!ctx->legacy_disposal && ev->certificate[0] && !dc_certificate_ok(ev->certificate))
        return DC_E_R_CERTIFICATE_FORMAT;
    return check_second(ev, ctx, true, DC_E_R_SECOND_ROLE);
}

/* A damaged label is replaced by an administrator: the item keeps its record and state under
 * the new code, and the old code is retired. */
static dc_err_t check_relabel(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    if (ctx->actor->role != DC_ROLE_ADMIN)
        return DC_E_R_ACTOR_ROLE;
    dc_err_t e = check_item(ctx->item, true, true, true);
    if (e)
        return e;
    if (!ev->dest_item[0])
        return DC_E_R_FIELD_MISSING_NEW_CODE;
    if (!ev->detail[0])
        return DC_E_R_FIELD_MISSING_REASON;
    if (strcmp(ev->dest_item, ev->item) == 0 || (ctx->dest && ctx->dest->state != DC_STATE_NONE))
        return DC_E_R_ITEM_EXISTS;
    return DC_E_OK;
}

/* A title changes with a reason and a manager's approval; the history keeps the old one. An
 * item that is gone (disposed, its label retired) is no longer named. */
static dc_err_t check_rename(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    dc_err_t e = check_item(ctx->item, true, true, true);
    if (e)
        return e;
    if (!ev->title[0])
        return DC_E_R_FIELD_MISSING_TITLE;
    if (!ev->detail[0])
        return DC_E_R_FIELD_MISSING_REASON;
    if (strcmp(ev->title, ctx->item->title) == 0)
        return DC_E_R_RENAME_SAME;
    return check_second(ev, ctx, true, DC_E_R_SECOND_ROLE);
}

bool dc_month_ok(const char *s)
{
    char date[DC_DATE_MAX];
    if (!s || strlen(s) != 7)
        return false;
    snprintf(date, sizeof date, "%s-01", s);
    return dc_date_ok(date);
}

/* The monthly check seals a month that has ended, once, and after every earlier seal, so that
 * the seals form a chain of checkpoints that only moves forward. */
static dc_err_t check_seal(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    if (ctx->actor->role != DC_ROLE_MANAGER)
        return DC_E_R_ACTOR_ROLE;
    if (!dc_month_ok(ev->purpose))
        return DC_E_BAD_MONTH;
    char now[8];
    dc_event_local_month(ev->ts_ms, ev->tz_min, now);
    if (strcmp(ev->purpose, now) >= 0)
        return DC_E_R_MONTH_OPEN;
    if (ctx->last_sealed && ctx->last_sealed[0]) {
        int c = strcmp(ev->purpose, ctx->last_sealed);
        if (c == 0)
            return DC_E_R_MONTH_SEALED;
        if (c < 0)
            return DC_E_R_MONTH_ORDER;
    }
    /* A clock set years ahead must not seal a month no work was recorded near: one seal for
     * 2099-11 would refuse every later seal for real months. */
    if (ctx->prev_month && dc_month_ok(ctx->prev_month)) {
        char next[16];
        int y = (int)strtol(ctx->prev_month, NULL, 10) % 10000,
            m = (int)strtol(ctx->prev_month + 5, NULL, 10) % 100;
        snprintf(next, sizeof next, "%04d-%02d", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
        if (strcmp(ev->purpose, next) > 0)
            return DC_E_R_SEAL_AHEAD;
    }
    return DC_E_OK;
}

dc_err_t dc_rules_check_readout(const dc_staff_t *actor, const dc_event_t *ev)
{
    if (!actor)
        return DC_E_R_ACTOR_UNKNOWN;
    if (released(actor))
        return DC_E_R_ACTOR_RELEASED;
    if (!designated_by(actor, ev))
        return DC_E_R_NOT_YET_DESIGNATED;
    /* The ledgers hold personal information: managers and administrators read them out. */
    return actor->role == DC_ROLE_STAFF ? DC_E_R_ACTOR_ROLE : DC_E_OK;
}

dc_err_t dc_rules_check(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    /* A failure or a refusal is always recorded, even for an unknown badge. */
    if (ev->type == DC_EV_LOGIN_FAILED || ev->type == DC_EV_REFUSED)
        return DC_E_OK;
    /* A sealed month is closed: what its seal counted is all it will ever hold, whoever asks.
     * (An event not stamped yet is decided at its commit.) */
    if (ctx->last_sealed && ctx->last_sealed[0] && ev->ts_ms > 0) {
        char month[8];
        dc_event_local_month(ev->ts_ms, ev->tz_min, month);
        if (strcmp(month, ctx->last_sealed) <= 0)
            return DC_E_R_MONTH_CLOSED;
    }
    if (ev->type == DC_EV_ENROLL && ctx->roster_empty)
        return check_enroll(ev, ctx);
    if (!ctx->actor)
        return DC_E_R_ACTOR_UNKNOWN;
    if (released(ctx->actor))
        return DC_E_R_ACTOR_RELEASED;
    if (ev->type != DC_EV_LOGIN && !designated_by(ctx->actor, ev))
        return DC_E_R_NOT_YET_DESIGNATED;

    switch (ev->type) {
    case DC_EV_REGISTER:
        if (ctx->item && ctx->item->state != DC_STATE_NONE)
            return DC_E_R_ITEM_EXISTS;
        if (!ev->title[0])
            return DC_E_R_FIELD_MISSING_TITLE;
        return DC_E_OK;
    case DC_EV_TAKE_OUT:
        return check_take_out(ev, ctx);
    case DC_EV_RETURN: {
        dc_err_t e = check_item(ctx->item, false, true, false);
        /* A return closes the item's take-out, the one open now. */
        if (!e && ev->link_seq != ctx->item->state_seq)
            e = DC_E_R_LINK_STALE;
        return e ? e : check_second(ev, ctx, false, DC_E_R_SECOND_ROLE);
    }
    case DC_EV_COPY:
        return check_copy(ev, ctx);
    case DC_EV_TRANSPORT:
        return check_transport(ev, ctx);
    case DC_EV_RECEIVE:
        return check_receive(ev, ctx);
    case DC_EV_DISPOSE:
        return check_dispose(ev, ctx);
    case DC_EV_ARRIVAL:
        return check_arrival(ev, ctx);
    case DC_EV_ENROLL:
        if (ctx->actor->role != DC_ROLE_ADMIN)
            return DC_E_R_ACTOR_ROLE;
        return check_enroll(ev, ctx);
    case DC_EV_RELEASE:
        if (ctx->actor->role != DC_ROLE_ADMIN)
            return DC_E_R_ACTOR_ROLE;
        if (!ctx->subject)
            return DC_E_R_ACTOR_UNKNOWN;
        if (strcmp(ev->subject, ev->actor) == 0)
            return DC_E_R_STAFF_SELF_RELEASE;
        if (released(ctx->subject))
            return DC_E_R_ACTOR_RELEASED;
        return DC_E_OK;
    case DC_EV_LOGIN:
        return DC_E_OK;
    case DC_EV_MONTHLY_CHECK:
        return check_seal(ev, ctx);
    case DC_EV_REPRINT:
        /* Anyone who may act may reprint; that the named event exists is the desk's check. */
        return ev->link_seq > 0 ? DC_E_OK : DC_E_R_FIELD_MISSING_RECORD;
    case DC_EV_CORRECTION:
        return check_correction(ev, ctx);
    case DC_EV_RELABEL:
        return check_relabel(ev, ctx);
    case DC_EV_EXPORT: {
        dc_err_t e = dc_rules_check_readout(ctx->actor, ev);
        if (e)
            return e;
        return ev->purpose[0] && ev->to_place[0] ? DC_E_OK : DC_E_R_FIELD_MISSING_EXPORT;
    }
    case DC_EV_UNLOCK:
        /* Managers and administrators unlock someone else's badge. */
        if (ctx->actor->role == DC_ROLE_STAFF)
            return DC_E_R_ACTOR_ROLE;
        if (!ctx->subject)
            return DC_E_R_ACTOR_UNKNOWN;
        return strcmp(ev->subject, ev->actor) ? DC_E_OK : DC_E_R_SELF_APPROVAL;
    case DC_EV_ENROL_CODE:
        /* Administrators hand codes to someone else, still designated. */
        if (ctx->actor->role != DC_ROLE_ADMIN)
            return DC_E_R_ACTOR_ROLE;
        if (!ctx->subject)
            return DC_E_R_ACTOR_UNKNOWN;
        if (released(ctx->subject))
            return DC_E_R_ACTOR_RELEASED;
        return strcmp(ev->subject, ev->actor) ? DC_E_OK : DC_E_R_SELF_APPROVAL;
    case DC_EV_RENAME:
        return check_rename(ev, ctx);
    case DC_EV_PIN_RESET:
        /* Managers and administrators reset someone else's forgotten PIN, while designated. */
        if (ctx->actor->role == DC_ROLE_STAFF)
            return DC_E_R_ACTOR_ROLE;
        if (!ev->subject[0])
            return DC_E_R_FIELD_MISSING_BADGE;
        if (!ctx->subject)
            return DC_E_R_ACTOR_UNKNOWN;
        if (released(ctx->subject))
            return DC_E_R_ACTOR_RELEASED;
        return strcmp(ev->subject, ev->actor) ? DC_E_OK : DC_E_R_PIN_RESET_SELF;
    case DC_EV_SETTING:
        if (ctx->actor->role != DC_ROLE_ADMIN)
            return DC_E_R_ACTOR_ROLE;
        if (!dc_setting_known(ev->purpose))
            return DC_E_R_FIELD_MISSING_SETTING;
        return dc_setting_valid(ev->purpose, ev->detail) ? DC_E_OK : DC_E_R_SETTING_VALUE;
    default:
        return DC_E_USAGE;
    }
}

dc_err_t dc_rules_check_scan(const dc_event_t *ev, const dc_rules_ctx_t *ctx)
{
    if (!ctx->actor)
        return DC_E_R_ACTOR_UNKNOWN;
    if (released(ctx->actor))
        return DC_E_R_ACTOR_RELEASED;
    switch (ev->type) {
    case DC_EV_TAKE_OUT:
    case DC_EV_TRANSPORT:
    case DC_EV_DISPOSE:
        return check_item(ctx->item, true, false, false);
    case DC_EV_RETURN:
        return check_item(ctx->item, false, true, false);
    case DC_EV_COPY:
        return check_item(ctx->item, true, true, false);
    case DC_EV_RECEIVE:
        if (!ctx->item || ctx->item->state == DC_STATE_NONE)
            return DC_E_R_ITEM_UNKNOWN;
        if (ctx->item->state == DC_STATE_DISPOSED)
            return DC_E_R_ITEM_DISPOSED;
        if (ctx->item->state == DC_STATE_RETIRED)
            return DC_E_R_ITEM_RETIRED;
        if (ctx->item->state != DC_STATE_TRANSIT)
            return DC_E_R_ITEM_NOT_TRANSIT;
        return strcmp(ctx->item->holder, ev->actor) == 0 ? DC_E_R_SELF_RECEIVE : DC_E_OK;
    default:
        return DC_E_USAGE;
    }
}

dc_role_t dc_rules_second_role(dc_evtype_t type, const dc_item_t *it)
{
    switch (type) {
    case DC_EV_TAKE_OUT:
        return personal_paper(it) || it->my_number ? DC_ROLE_MANAGER : DC_ROLE_STAFF;
    case DC_EV_COPY:
        return sensitive(it) ? DC_ROLE_MANAGER : DC_ROLE_STAFF;
    case DC_EV_RETURN:
        return DC_ROLE_STAFF;
    case DC_EV_DISPOSE:
    case DC_EV_RENAME:
        return DC_ROLE_MANAGER;
    default:
        return DC_ROLE__COUNT;
    }
}

void dc_rules_apply_item(const dc_event_t *ev, dc_item_t *it)
{
    switch (ev->type) {
    case DC_EV_REGISTER:
        memset(it, 0, sizeof *it);
        memcpy(it->code, ev->item, sizeof it->code);
        it->kind = ev->kind;
        it->category = ev->category;
        memcpy(it->title, ev->title, sizeof it->title);
        memcpy(it->place, ev->place, sizeof it->place);
        memcpy(it->section, ev->section, sizeof it->section);
        it->personal = ev->personal;
        it->my_number = ev->my_number;
        memcpy(it->notes, ev->notes, sizeof it->notes);
        it->state = DC_STATE_IN;
        break;
    case DC_EV_TAKE_OUT:
        it->state = DC_STATE_OUT;
        memcpy(it->holder, ev->actor, sizeof it->holder);
        break;
    case DC_EV_TRANSPORT:
        it->state = DC_STATE_TRANSIT;
        memcpy(it->holder, ev->carrier[0] ? ev->carrier : ev->actor, sizeof it->holder);
        break;
    case DC_EV_RETURN:
        it->state = DC_STATE_IN;
        it->holder[0] = '\0';
        break;
    case DC_EV_RECEIVE:
        it->state = DC_STATE_IN;
        it->holder[0] = '\0';
        if (ev->to_place[0])
            memcpy(it->place, ev->to_place, sizeof it->place);
        break;
    case DC_EV_DISPOSE:
        it->state = DC_STATE_DISPOSED;
        it->holder[0] = '\0';
        break;
    case DC_EV_RELABEL:
        it->state = DC_STATE_RETIRED;
        memcpy(it->holder, ev->dest_item, sizeof it->holder);
        break;
    case DC_EV_RENAME:
        /* Only the title: state and state_seq stay, so a return still closes its take-out. */
        memcpy(it->title, ev->title, sizeof it->title);
        return;
    default:
        return; /* copy and the rest leave the item as it is */
    }
    it->state_seq = ev->seq;
}

void dc_rules_relabelled(const dc_event_t *ev, const dc_item_t *old, dc_item_t *replacement)
{
    /* Same state, holder and state_seq: a return still links to the take-out before it. */
    *replacement = *old;
    memcpy(replacement->code, ev->dest_item, sizeof replacement->code);
}

void dc_rules_apply_staff(const dc_event_t *ev, dc_staff_t *s)
{
    if (ev->type == DC_EV_ENROLL) {
        memset(s, 0, sizeof *s);
        memcpy(s->badge, ev->subject, sizeof s->badge);
        memcpy(s->name, ev->name, sizeof s->name);
        memcpy(s->kana, ev->kana, sizeof s->kana);
        memcpy(s->section, ev->section, sizeof s->section);
        s->role = ev->role;
        if (ev->designated[0])
            memcpy(s->designated, ev->designated, sizeof s->designated);
        else
            dc_event_local_date(ev->ts_ms, ev->tz_min, s->designated);
    } else if (ev->type == DC_EV_RELEASE) {
        dc_event_local_date(ev->ts_ms, ev->tz_min, s->released);
    }
}
