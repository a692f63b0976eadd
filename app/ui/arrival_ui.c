/* The arrival flow (受領) with another terminal: its transport receipt scanned here starts the
 * receiving of its items (each label is then checked against it, desk/arrival.h), and the
 * arrival receipt that terminal printed, scanned back here, fills the cart with the items it
 * closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/arrival.h"
#include "desk/receipt.h"
#include "ui/ui.h"

static void refuse_text(dc_ui_t *ui, const char *msg, const char *about)
{
    dc_ui_flash(ui, false, msg, about);
    dc_ui_message(ui, true, msg);
}

/* B: another terminal's transport. */
static void begin_remote(dc_ui_t *ui, const dc_arrival_t *a)
{
    dc_flow_t *f = ui->flow;
    char detail[200];
    snprintf(detail, sizeof detail, "%s %.100s  No.%lld  %s %d", T(ARRIVAL_FROM),
             a->terminal_name[0] ? a->terminal_name : a->receipt.terminal_id,
             (long long)a->receipt.seq, T(ARRIVAL_ON_RECEIPT), a->receipt.nitems);
    if (f->arrival.remote) {
        bool same = f->arrival.receipt.seq == a->receipt.seq &&
                    strcmp(f->arrival.receipt.terminal_id, a->receipt.terminal_id) == 0;
        if (same)
            dc_ui_flash(ui, true, T(ARRIVAL_AGAIN), detail);
        else
            refuse_text(ui, T(ARRIVAL_MIXED), detail);
        return;
    }
    if (f->n > 0) {
        refuse_text(ui, T(ARRIVAL_MIXED), detail);
        return;
    }
    f->arrival = *a;
    dc_ui_flash(ui, true, T(ARRIVAL_READ), detail);
    char msg[400];
    snprintf(msg, sizeof msg, "%s  (%s)", T(ARRIVAL_SCAN_ITEMS), detail);
    dc_ui_message(ui, false, msg);
}

/* A: the arrival receipt of a transport of this terminal. */
static void begin_close(dc_ui_t *ui, const dc_arrival_close_t *c)
{
    dc_flow_t *f = ui->flow;
    char detail[300];
    if (f->n > 0 || f->arrival.remote) {
        refuse_text(ui, T(ARRIVAL_MIXED), c->terminal_name);
        return;
    }
    for (int i = 0; i < c->n && f->n < DC_FLOW_MAX; i++) {
        if (dc_desk_item_get(ui->st, c->codes[i], &f->items[f->n]) == DC_E_OK)
            f->n++;
    }
    if (f->n == 0) {
        refuse_text(ui, T(ARRIVAL_NONE_ADDED), c->terminal_name);
        return;
    }
    dc_desk_arrival_close_form(c, &f->form);
    int k = snprintf(detail, sizeof detail, "%d %s  %s %.100s  %s %.100s", f->n, T(ITEMS_SCANNED),
                     T(ARRIVAL_AT), c->terminal_name, T(ARRIVAL_RECEIVER), c->recipient);
    if (c->done && k > 0 && (size_t)k < sizeof detail)
        snprintf(detail + k, sizeof detail - (size_t)k, "  (%d %s)", c->done,
                 T(ARRIVAL_DONE_BEFORE));
    dc_ui_flash(ui, true, T(ARRIVAL_CLOSE_READ), detail);
    dc_ui_message(ui, false, detail);
}

bool dc_ui_arrival_receipt(dc_ui_t *ui, const char *text)
{
    dc_arrival_t *a = malloc(sizeof *a);
    dc_arrival_close_t *c = malloc(sizeof *c);
    bool handled = true;
    if (!a || !c) {
        dc_ui_refuse(ui, DC_E_NOMEM, NULL);
        goto out;
    }
    dc_err_t e = dc_desk_arrival_begin(ui->st, &ui->term, ui->flow->actor, text, a);
    if (e == DC_E_RECEIPT_GOOD) {
        handled = false; /* this terminal's own: the cart reads it */
    } else if (e == DC_E_OK) {
        begin_remote(ui, a);
    } else if (e != DC_E_RECEIPT_SIGNED) {
        dc_ui_refuse(ui, e, NULL);
    } else if ((e = dc_desk_arrival_close_read(ui->st, text, c)) == DC_E_OK) {
        begin_close(ui, c);
    } else if (e == DC_E_RECEIPT_SIGNED) {
        refuse_text(ui, T(ARRIVAL_NO_LIST), NULL);
    } else {
        dc_ui_refuse(ui, e, NULL);
    }
out:
    free(c);
    free(a);
    return handled;
}
