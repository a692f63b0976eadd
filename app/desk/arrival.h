/* Arrival at another terminal (受領). A transport's receipt (print/payload.h, version 2) is
 * signed by the terminal that sent it (A) and carries digests of its items and of its sender's
 * and carrier's badges. The terminal it goes to (B), which trusts A's key, reads it, checks each
 * label scanned against it and records each item's arrival as an arrival event (DC_EV_ARRIVAL)
 * naming A's terminal id and transport and keeping A's receipt as evidence; B does not take the
 * item as its own. B's arrival receipt, signed by B (the transport it answers, which of its
 * items came, the receiver), scanned at A closes the transport there: receive events naming B
 * (from_place) and the receiver (recipient). The kiosk and daicho-admin share all of it. */
#ifndef DC_DESK_ARRIVAL_H
#define DC_DESK_ARRIVAL_H

#include <stdbool.h>

#include "desk/desk.h"
#include "print/payload.h"

/* B: the transport of another terminal being received. */
typedef struct {
    bool remote;                  /* set by dc_desk_arrival_begin */
    dc_receipt_payload_t receipt; /* A's transport receipt as read, its signature good */
    char payload[DC_RECEIPT_TEXT_CAP + 1];
    char terminal_name[DC_SHORT_MAX]; /* A as trusted here ("" when unnamed) */
} dc_arrival_t;

/* B: read a scanned receipt for actor to receive what it lists. DC_E_OK fills a. Otherwise the
 * refusal: a verdict of dc_desk_receipt_verify; DC_E_RECEIPT_GOOD for this terminal's own
 * receipt (a same-terminal arrival: not for this); DC_E_RECEIPT_SIGNED for another terminal's
 * receipt that is not a transport's, or one too old to list its items; DC_E_R_SELF_RECEIVE for
 * its carrier and DC_E_R_SENDER_RECEIVE for its sender (both logged as refused events). */
DC_WUR dc_err_t dc_desk_arrival_begin(dc_store_t *st, const dc_term_t *term, const char *actor,
                                      const char *text, dc_arrival_t *a);

/* B: the scanned label code as one of a's items (out: code, and a title naming A, as nothing
 * else is known here). DC_E_R_NOT_ON_RECEIPT when a does not list it, DC_E_R_ALREADY_ARRIVED
 * when its arrival from that transport is in this ledger, DC_E_R_ITEM_EXISTS for an item this
 * ledger holds here. */
DC_WUR dc_err_t dc_desk_arrival_item(dc_store_t *st, const dc_arrival_t *a, const char *code,
                                     dc_item_t *out);

/* B: the arrival event of code received by actor at place (NULL: this terminal's name). */
void dc_desk_arrival_event(const dc_term_t *term, const dc_arrival_t *a, const char *actor,
                           const char *code, const char *place, dc_event_t *ev);

/* B: how paper and screens name an arrival event's item, which this ledger does not know:
 * "<sender as trusted here> 運搬No.<seq>  <its place>/<items on the receipt>". */
void dc_desk_arrival_title(dc_store_t *st, const dc_event_t *ev, char *out, size_t cap);
/* The name a terminal id is trusted under here, or the id itself. */
void dc_desk_terminal_name(dc_store_t *st, const char *id, char *out, size_t cap);

/* B: record the arrival of n items (each as dc_desk_arrival_item checks it) by actor in one
 * transaction; seqs receives each event's number, *failed the refused item. As dc_flow_commit,
 * a refusal is the caller's to log. */
DC_WUR dc_err_t dc_desk_arrival_commit(dc_store_t *st, const dc_term_t *term, const dc_arrival_t *a,
                                       const char *actor, const char *place,
                                       const char (*codes)[DC_CODE_MAX], int n, int64_t *seqs,
                                       int *failed);

/* B: the fields an arrival receipt signs, for the record whose events are evs[0..n) (arrival
 * events of one transport). names[] holds the received codes. DC_E_RECEIPT_NONE when they are
 * not arrivals of one transport. */
DC_WUR dc_err_t dc_desk_arrival_fields(dc_store_t *st, const dc_event_t *evs, int n,
                                       dc_receipt_fields_t *f, char *name, size_t name_cap);

/* A: what a scanned arrival receipt closes here. */
typedef struct {
    char terminal_id[DC_TERMINAL_ID_MAX]; /* B */
    char terminal_name[DC_SHORT_MAX];     /* B as trusted here, or its id */
    int64_t seq;                          /* B's arrival record */
    int64_t transport_seq;                /* this terminal's transport it answers */
    int n;                                /* the items to close */
    char codes[DC_RECEIPT_ITEMS_MAX][DC_CODE_MAX];
    int done;                              /* listed, but no longer in that transport here */
    char recipient[DC_SHORT_MAX];          /* "name (badge)" of B's receiver */
    char payload[DC_RECEIPT_TEXT_CAP + 1]; /* B's receipt, kept in each receive event */
} dc_arrival_close_t;

/* A: read a scanned receipt as an arrival receipt answering a transport of this terminal.
 * DC_E_OK fills c (n > 0). Otherwise: a verdict of dc_desk_receipt_verify; DC_E_RECEIPT_SIGNED
 * when it is not an arrival receipt; DC_E_R_ARRIVAL_ELSEWHERE when it answers another
 * terminal; DC_E_RECEIPT_EVENT_MISSING when the transport it names is not here;
 * DC_E_R_ARRIVAL_CLOSED when none of its items is still in that transport. */
DC_WUR dc_err_t dc_desk_arrival_close_read(dc_store_t *st, const char *text, dc_arrival_close_t *c);

/* A: the fields of the receive events that close c (from_place, recipient, to_place, detail). */
void dc_desk_arrival_close_form(const dc_arrival_close_t *c, dc_event_t *form);

/* A: record c's receive events by actor (who brings the receipt back; the receiver is B's) in
 * one transaction. A refusal of the rules is logged. */
DC_WUR dc_err_t dc_desk_arrival_close(dc_store_t *st, const dc_term_t *term, const char *actor,
                                      const dc_arrival_close_t *c, int64_t *seqs, int *failed);

#endif
