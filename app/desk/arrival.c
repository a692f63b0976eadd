/* Arrival at another terminal: the receiving side (B) and the closing at the sender (A). */
#include "desk/arrival.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/code.h"
#include "desk/paper.h"
#include "desk/receipt.h"
#include "store/store.h"

/* A scanned receipt of another, trusted terminal with its signature checked, and its fields. */
static dc_err_t read_remote(dc_store_t *st, const char *text, dc_receipt_payload_t *p,
                            char name[DC_SHORT_MAX])
{
    dc_receipt_check_t *c = malloc(sizeof *c);
    if (!c)
        return DC_E_NOMEM;
    dc_err_t e = dc_desk_receipt_verify(st, text, c);
    if (e == DC_E_RECEIPT_SIGNED) {
        memcpy(name, c->terminal_name, DC_SHORT_MAX);
        e = dc_receipt_decode(text, strlen(text), p) ? DC_E_RECEIPT_FORMAT : DC_E_OK;
    }
    free(c);
    return e;
}

dc_err_t dc_desk_arrival_begin(dc_store_t *st, const dc_term_t *term, const char *actor,
                               const char *text, dc_arrival_t *a)
{
    DC_EXPECT(st && term && actor && text && a);
    memset(a, 0, sizeof *a);
    dc_err_t e = read_remote(st, text, &a->receipt, a->terminal_name);
    if (e)
        return e;
    if (a->receipt.nitems == 0)
        return DC_E_RECEIPT_SIGNED; /* signed, but no transport's list to receive from */
    if (!dc_copy(a->payload, sizeof a->payload, text))
        return DC_E_RECEIPT_FORMAT;
    /* The payload as it will be kept: trimmed and upper case, as the signature covers it. */
    size_t n = strlen(a->payload);
    while (n > 0 && (unsigned char)a->payload[n - 1] <= ' ')
        a->payload[--n] = '\0';
    size_t lead = strspn(a->payload, " \t");
    memmove(a->payload, a->payload + lead, n - lead + 1);
    for (char *c = a->payload; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    if (a->receipt.has_people) {
        uint8_t t[DC_RECEIPT_PERSON_TAG];
        dc_receipt_person_tag(actor, t);
        e = memcmp(t, a->receipt.carrier, sizeof t) == 0  ? DC_E_R_SELF_RECEIVE
            : memcmp(t, a->receipt.sender, sizeof t) == 0 ? DC_E_R_SENDER_RECEIVE
                                                          : DC_E_OK;
        if (e) {
            memset(a, 0, sizeof *a);
            dc_err_t le = dc_desk_log_refusal(st, term, actor, DC_EV_ARRIVAL, e, NULL, NULL);
            return le ? le : e;
        }
    }
    a->remote = true;
    return DC_E_OK;
}

typedef struct {
    const dc_arrival_t *a;
    bool found;
} seen_t;

static int seen_cb(const dc_event_t *ev, void *ctx)
{
    seen_t *s = ctx;
    if (ev->type == DC_EV_ARRIVAL && ev->link_seq == s->a->receipt.seq &&
        strcmp(ev->from_place, s->a->receipt.terminal_id) == 0)
        s->found = true;
    return 0;
}

dc_err_t dc_desk_arrival_item(dc_store_t *st, const dc_arrival_t *a, const char *code,
                              dc_item_t *out)
{
    DC_EXPECT(st && a && a->remote && code && out);
    memset(out, 0, sizeof *out);
    int i = dc_receipt_item_index(&a->receipt, code);
    if (i < 0)
        return DC_E_R_NOT_ON_RECEIPT;
    dc_err_t e = dc_store_item_get(st, code, out);
    if (!e && out->state != DC_STATE_TRANSIT)
        return DC_E_R_ITEM_EXISTS; /* this ledger's own, here: not another's arrival */
    if (e && e != DC_E_NOT_FOUND)
        return e;
    seen_t s = {a, false};
    if ((e = dc_store_events_for_item(st, code, seen_cb, &s)))
        return e;
    if (s.found)
        return DC_E_R_ALREADY_ARRIVED;
    memset(out, 0, sizeof *out);
    dc_copy(out->code, sizeof out->code, code);
    /* "<A> 運搬 No.<seq>  2/5": which transport and which of its items. */
    snprintf(out->title, sizeof out->title, "%.120s 運搬No.%lld  %d/%d",
             a->terminal_name[0] ? a->terminal_name : a->receipt.terminal_id,
             (long long)a->receipt.seq, i + 1, a->receipt.nitems);
    out->state = DC_STATE_TRANSIT;
    return DC_E_OK;
}

void dc_desk_terminal_name(dc_store_t *st, const char *id, char *out, size_t cap)
{
    uint8_t pk[DC_STORE_PK_LEN];
    char name[DC_SHORT_MAX];
    if (dc_store_trusted_get(st, id, pk, name, sizeof name) == DC_E_OK && name[0])
        snprintf(out, cap, "%s", name);
    else
        snprintf(out, cap, "%s", id);
}

void dc_desk_arrival_title(dc_store_t *st, const dc_event_t *ev, char *out, size_t cap)
{
    char name[DC_SHORT_MAX];
    dc_receipt_payload_t p;
    dc_desk_terminal_name(st, ev->from_place, name, sizeof name);
    int k = snprintf(out, cap, "%.120s 運搬No.%lld", name, (long long)ev->link_seq);
    if (k > 0 && (size_t)k < cap && dc_receipt_decode(ev->detail, strlen(ev->detail), &p) == 0 &&
        p.nitems > 0)
        snprintf(out + k, cap - (size_t)k, "  %d/%d", dc_receipt_item_index(&p, ev->item) + 1,
                 p.nitems);
}

void dc_desk_arrival_event(const dc_term_t *term, const dc_arrival_t *a, const char *actor,
                           const char *code, const char *place, dc_event_t *ev)
{
    dc_event_init(ev, DC_EV_ARRIVAL);
    dc_copy(ev->actor, sizeof ev->actor, actor);
    dc_copy(ev->item, sizeof ev->item, code);
    ev->link_seq = a->receipt.seq;
    dc_copy(ev->from_place, sizeof ev->from_place, a->receipt.terminal_id);
    dc_copy(ev->to_place, sizeof ev->to_place, place && place[0] ? place : term->terminal);
    dc_copy(ev->detail, sizeof ev->detail, a->payload);
}

dc_err_t dc_desk_arrival_commit(dc_store_t *st, const dc_term_t *term, const dc_arrival_t *a,
                                const char *actor, const char *place,
                                const char (*codes)[DC_CODE_MAX], int n, int64_t *seqs, int *failed)
{
    DC_EXPECT(st && term && a && actor && codes && seqs && failed);
    *failed = -1;
    if (n < 1)
        return DC_E_R_CART_EMPTY;
    if (!a->remote)
        return DC_E_USAGE;
    dc_event_t *evs = malloc((size_t)n * sizeof *evs);
    dc_item_t *it = malloc(sizeof *it);
    dc_err_t e = evs && it ? DC_E_OK : DC_E_NOMEM;
    for (int i = 0; i < n && !e; i++) {
        for (int j = 0; j < i && !e; j++)
            e = strcmp(codes[i], codes[j]) ? DC_E_OK : DC_E_R_DUPLICATE_ITEM;
        if (!e)
            e = dc_desk_arrival_item(st, a, codes[i], it);
        if (e) {
            *failed = i;
            break;
        }
        dc_desk_arrival_event(term, a, actor, codes[i], place, &evs[i]);
        dc_desk_stamp(term, &evs[i]);
    }
    if (!e)
        e = dc_store_append(st, evs, n, failed);
    for (int i = 0; !e && i < n; i++)
        seqs[i] = evs[i].seq;
    free(it);
    free(evs);
    return e;
}

dc_err_t dc_desk_arrival_fields(dc_store_t *st, const dc_event_t *evs, int n,
                                dc_receipt_fields_t *f, char *name, size_t name_cap)
{
    DC_EXPECT(st && evs && f && name);
    memset(f, 0, sizeof *f);
    name[0] = '\0';
    if (n < 1)
        return DC_E_RECEIPT_NONE;
    dc_receipt_payload_t *p = malloc(sizeof *p);
    if (!p)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_OK;
    if (dc_receipt_decode(evs[0].detail, strlen(evs[0].detail), p) || p->nitems == 0)
        e = DC_E_RECEIPT_NONE;
    for (int i = 0; i < n && !e; i++) {
        const dc_event_t *ev = &evs[i];
        int k = dc_receipt_item_index(p, ev->item);
        if (ev->type != DC_EV_ARRIVAL || ev->link_seq != evs[0].link_seq ||
            strcmp(ev->from_place, evs[0].from_place) || strcmp(ev->detail, evs[0].detail) || k < 0)
            e = DC_E_RECEIPT_NONE;
        else
            f->received |= 1u << k;
    }
    free(p);
    if (e)
        return e;
    f->answers_terminal = evs[0].from_place;
    f->answers_seq = evs[0].link_seq;
    f->receiver = evs[0].actor;
    dc_staff_t sf;
    if (dc_store_staff_get(st, evs[0].actor, &sf) == DC_E_OK)
        snprintf(name, name_cap, "%s", sf.name);
    f->receiver_name = name;
    return DC_E_OK;
}

/* ---- at the sender (A) ---- */

typedef struct {
    dc_event_t evs[DC_RECEIPT_ITEMS_MAX];
    int n;
    bool other; /* an event that is not a transport's */
} group_t;

static int group_cb(const dc_event_t *ev, void *ctx)
{
    group_t *g = ctx;
    if (ev->type != DC_EV_TRANSPORT)
        g->other = true;
    else if (g->n < DC_RECEIPT_ITEMS_MAX)
        g->evs[g->n++] = *ev;
    else
        g->other = true;
    return 0;
}

dc_err_t dc_desk_arrival_close_read(dc_store_t *st, const char *text, dc_arrival_close_t *c)
{
    DC_EXPECT(st && text && c);
    memset(c, 0, sizeof *c);
    dc_receipt_payload_t *p = malloc(sizeof *p);
    group_t *g = calloc(1, sizeof *g);
    dc_event_t *tr = malloc(sizeof *tr);
    dc_item_t it;
    char own[DC_TERMINAL_ID_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    dc_err_t e = p && g && tr ? DC_E_OK : DC_E_NOMEM;
    if (!e)
        e = read_remote(st, text, p, c->terminal_name);
    if (!e && !p->answers)
        e = DC_E_RECEIPT_SIGNED; /* another terminal's receipt, but no arrival's */
    if (!e)
        e = dc_desk_terminal_key(st, own, pk);
    if (!e && strcmp(own, p->answers_terminal) != 0)
        e = DC_E_R_ARRIVAL_ELSEWHERE;
    if (!e) {
        e = dc_store_event_get(st, p->answers_seq, tr);
        if (e == DC_E_NOT_FOUND || (!e && tr->type != DC_EV_TRANSPORT))
            e = DC_E_RECEIPT_EVENT_MISSING;
    }
    if (!e)
        e = dc_store_events_in_group(st, tr->group_seq, group_cb, g);
    if (!e && (g->other || g->n == 0 || g->evs[g->n - 1].seq != p->answers_seq))
        e = DC_E_RECEIPT_EVENT_MISSING; /* the receipt signed the record's last event */
    if (e)
        goto out;
    memcpy(c->terminal_id, p->terminal_id, sizeof c->terminal_id);
    if (!c->terminal_name[0])
        memcpy(c->terminal_name, p->terminal_id, sizeof p->terminal_id);
    c->seq = p->seq;
    c->transport_seq = p->answers_seq;
    for (int i = 0; i < g->n && !e; i++) {
        if (!(p->received & (1u << i)))
            continue;
        e = dc_store_item_get(st, g->evs[i].item, &it);
        if (e == DC_E_NOT_FOUND) {
            e = DC_E_OK;
            c->done++;
        } else if (!e && (it.state != DC_STATE_TRANSIT || it.state_seq != g->evs[i].seq)) {
            c->done++;
        } else if (!e) {
            memcpy(c->codes[c->n++], g->evs[i].item, DC_CODE_MAX);
        }
    }
    if (e)
        goto out;
    if (p->receiver_name[0])
        snprintf(c->recipient, sizeof c->recipient, "%.80s (%s)", p->receiver_name, p->receiver);
    else
        snprintf(c->recipient, sizeof c->recipient, "%s", p->receiver);
    snprintf(c->payload, sizeof c->payload, "%s", text);
    size_t n = strlen(c->payload);
    while (n > 0 && (unsigned char)c->payload[n - 1] <= ' ')
        c->payload[--n] = '\0';
    if (c->n == 0)
        e = DC_E_R_ARRIVAL_CLOSED;
out:
    free(tr);
    free(g);
    free(p);
    return e;
}

void dc_desk_arrival_close_form(const dc_arrival_close_t *c, dc_event_t *form)
{
    dc_copy(form->from_place, sizeof form->from_place, c->terminal_id);
    dc_copy(form->to_place, sizeof form->to_place, c->terminal_name);
    dc_copy(form->recipient, sizeof form->recipient, c->recipient);
    dc_copy(form->detail, sizeof form->detail, c->payload);
}

dc_err_t dc_desk_arrival_close(dc_store_t *st, const dc_term_t *term, const char *actor,
                               const dc_arrival_close_t *c, int64_t *seqs, int *failed)
{
    DC_EXPECT(st && term && actor && c && seqs && failed);
    dc_event_t *form = malloc(sizeof *form);
    if (!form)
        return DC_E_NOMEM;
    dc_event_init(form, DC_EV_RECEIVE);
    dc_copy(form->actor, sizeof form->actor, actor);
    dc_desk_arrival_close_form(c, form);
    dc_err_t e =
        dc_desk_record(st, term, form, (const char(*)[DC_CODE_MAX])c->codes, c->n, seqs, failed);
    free(form);
    if (dc_err_class(e) == DC_CLASS_REFUSED) {
        const char *item = *failed >= 0 ? c->codes[*failed] : NULL;
        dc_err_t le = dc_desk_log_refusal(st, term, actor, DC_EV_RECEIVE, e, item, NULL);
        if (le)
            return le;
    }
    return e;
}
