/* Shared by the desk's paper (receipt.c, seal.c): signing a checkpoint, names as paper shows
 * them, and printing a rendered paper on the configured roll. Not for callers outside desk/. */
#ifndef DC_DESK_PAPER_H
#define DC_DESK_PAPER_H

#include "desk/receipt.h"

/* Sign the checkpoint of ev: the head at its commit is (ev->seq, ev->hash), so the same
 * receipt can be made again from the log at any later time. DC_E_VERIFY_FAILED when ev's hash
 * does not match its fields. */
DC_WUR dc_err_t dc_desk_sign_checkpoint(dc_store_t *st, const dc_event_t *ev,
                                        char id[DC_TERMINAL_ID_MAX],
                                        char payload[DC_RECEIPT_TEXT_MAX]);

/* A person's name as paper shows it (looked up into tmp); the badge code when not enrolled. */
const char *dc_desk_name_of(dc_store_t *st, dc_staff_t *tmp, const char *badge);

/* Renders one paper width dots across. */
typedef dc_err_t (*dc_render_fn)(void *ctx, int width, dc_bitmap_t **out);

/* Render on the configured receipt paper and print to spec (NULL: the configured receipt
 * printer); the paper goes to shown when asked for, printed or not. */
DC_WUR dc_err_t dc_desk_print_on_roll(dc_store_t *st, dc_render_fn render, void *ctx,
                                      const char *spec, dc_bitmap_t **shown);

/* What a render_fn needs, for the papers that go through dc_desk_print_on_roll. */
typedef struct {
    dc_store_t *st;
    const dc_term_t *term;
    int64_t seq;
    bool reprint;
    const dc_check_t *check;
    const dc_inventory_t *inv;
    const char *printed_by;
} dc_paper_args_t;

#endif
