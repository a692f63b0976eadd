/* Paper at the counter: the receipt of every record (with its QR, a checkpoint of the ledger
 * signed by this terminal), labels for new items, badge labels, the monthly seal slip; checking
 * a receipt scanned back; the terminal's signing key and the other terminals it trusts; the
 * printer settings. The kiosk and daicho-admin share all of it.
 *
 * Printing never undoes a record: the event is committed first, and a printer that is missing,
 * out of paper or failing is reported (DC_E_PRINTER_*) while the receipt can be printed again
 * from the record's history. */
#ifndef DC_DESK_RECEIPT_H
#define DC_DESK_RECEIPT_H

#include <stdbool.h>
#include <stdint.h>

#include "desk/check.h"
#include "desk/desk.h"
#include "platform/printer.h"
#include "print/bitmap.h"
#include "print/layout.h"
#include "print/payload.h"

/* Printer settings, kept in meta. spec: "escpos:PATH" or "png:PATH" (platform/printer.h). */
typedef struct {
    char receipt[DC_PRINTER_SPEC_MAX];
    dc_paper_t receipt_paper; /* DC_PAPER_58 or DC_PAPER_80 */
    char label[DC_PRINTER_SPEC_MAX];
    dc_paper_t label_paper; /* any: die-cut stock, or the receipt roll as a fallback */
} dc_printer_cfg_t;

#define DC_PRINTER_DEFAULT "escpos:/dev/usb/lp0"

/* The settings; unset ones default to DC_PRINTER_DEFAULT on 58 mm paper, and labels to the
 * receipt printer and its paper. */
DC_WUR dc_err_t dc_desk_printer_config(dc_store_t *st, dc_printer_cfg_t *out);
/* Keep the settings, as setting events by actor (an administrator); DC_E_PRINTER_SPEC for a spec of
 * neither form, DC_E_USAGE for a receipt paper that is not a roll. */
DC_WUR dc_err_t dc_desk_printer_configure(dc_store_t *st, const dc_term_t *term, const char *actor,
                                          const dc_printer_cfg_t *cfg);

/* This terminal's id and public key. The key pair is made by dc_desk_init; a ledger made before
 * receipts were signed gets one here, the first time it is needed. */
DC_WUR dc_err_t dc_desk_terminal_key(dc_store_t *st, char id[DC_TERMINAL_ID_MAX],
                                     uint8_t pk[DC_STORE_PK_LEN]);
/* Trust another terminal's exported key (dc_terminal_key_text); id receives its terminal id.
 * DC_E_TERMINAL_KEY_FORMAT, DC_E_TERMINAL_SELF for this terminal's own key,
 * DC_E_TERMINAL_CONFLICT when another key is trusted under that id. */
DC_WUR dc_err_t dc_desk_terminal_trust(dc_store_t *st, const char *key_text, const char *name,
                                       char id[DC_TERMINAL_ID_MAX]);

/* The receipt of the record that event seq belongs to (any of its events; a record is the
 * events committed together): one receipt listing every item, whose QR signs the record's last
 * event and the chain head at its commit. reprint marks it 再発行 / REPRINT with the time now.
 * width: 384 (58 mm) or 576 (80 mm) dots, or any from DC_RECEIPT_MIN_WIDTH. DC_E_RECEIPT_NONE
 * when there is no such event or it is not a custody record or a registration. */
DC_WUR dc_err_t dc_desk_render_receipt(dc_store_t *st, const dc_term_t *term, int64_t group_seq,
                                       bool reprint, int width_dots, dc_bitmap_t **out);
/* The QR payload of that receipt (out[cap], DC_RECEIPT_TEXT_CAP + 1 always enough): for
 * daicho-admin to show it, and for tests. Errors as dc_desk_render_receipt. */
DC_WUR dc_err_t dc_desk_receipt_payload(dc_store_t *st, int64_t group_seq, char *out, size_t cap);

/* Render on the configured receipt paper and print to printer_spec (NULL: the configured
 * receipt printer). */
DC_WUR dc_err_t dc_desk_print_receipt(dc_store_t *st, const dc_term_t *term, int64_t group_seq,
                                      bool reprint, const char *printer_spec);

/* Record that the receipt of event seq's record is printed again (event type reprint, by
 * actor, naming the record's last event). Commit it before printing. */
DC_WUR dc_err_t dc_desk_record_reprint(dc_store_t *st, const dc_term_t *term, const char *actor,
                                       int64_t seq, int64_t *reprint_seq);

/* The label of a registered item: DC_E_R_ITEM_UNKNOWN when there is none. */
DC_WUR dc_err_t dc_desk_render_label(dc_store_t *st, const char *code, dc_paper_t paper,
                                     dc_bitmap_t **out);
/* Render on the configured label paper and print (printer_spec NULL: the label printer). */
DC_WUR dc_err_t dc_desk_print_label(dc_store_t *st, const char *code, const char *printer_spec);

/* The badge label of an enrolled, designated person (DC_E_R_ACTOR_UNKNOWN, _RELEASED). */
DC_WUR dc_err_t dc_desk_render_badge(dc_store_t *st, const char *badge, dc_paper_t paper,
                                     dc_bitmap_t **out);
DC_WUR dc_err_t dc_desk_print_badge(dc_store_t *st, const char *badge, const char *printer_spec);

/* The monthly seal slip of the monthly-check event seq: month, the figures counted, and the
 * checkpoint (the chain head at that event) in words and as a signed QR. */
DC_WUR dc_err_t dc_desk_render_seal(dc_store_t *st, const dc_term_t *term, int64_t seq,
                                    const char *month, const dc_seal_count_t *counts, int n,
                                    int width_dots, dc_bitmap_t **out);

/* Render the seal slip of the monthly-check event seq, with the figures of check c and inventory
 * inv (NULL when none was made), on the configured receipt paper and print it to printer_spec
 * (NULL: the configured receipt printer). shown (may be NULL) receives the slip as rendered,
 * also when printing fails; the caller destroys it. */
DC_WUR dc_err_t dc_desk_print_seal(dc_store_t *st, const dc_term_t *term, int64_t seq,
                                   const dc_check_t *c, const dc_inventory_t *inv,
                                   const char *printer_spec, dc_bitmap_t **shown);

/* The summary of check c before the seal, printed by the manager printed_by (a badge): the
 * figures, integrity, seal, anomalies by kind, and what is still out, in transit or disposed.
 * Marked as not a seal, with no QR. */
DC_WUR dc_err_t dc_desk_render_summary(dc_store_t *st, const dc_term_t *term, const dc_check_t *c,
                                       const dc_inventory_t *inv, const char *printed_by,
                                       int width_dots, dc_bitmap_t **out);
/* Render it on the configured receipt paper and print it (printer_spec as above). */
DC_WUR dc_err_t dc_desk_print_summary(dc_store_t *st, const dc_term_t *term, const dc_check_t *c,
                                      const dc_inventory_t *inv, const char *printed_by,
                                      const char *printer_spec);

/* One line about a take-out or transport still open at the month's end (who, since when, how
 * many days, the due date or the destination), or about a disposal (when, method, technique,
 * certificate, who and the witness), in lang; names from the roster. The summary's lines on
 * paper and on screen. */
void dc_desk_note_outstanding(dc_store_t *st, const dc_outstanding_t *o, dc_lang_t lang, char *out,
                              size_t cap);
void dc_desk_note_disposal(dc_store_t *st, const dc_disposal_t *d, dc_lang_t lang, char *out,
                           size_t cap);

/* Print any rendered paper to printer_spec. */
DC_WUR dc_err_t dc_desk_print_bitmap(const dc_bitmap_t *b, const char *printer_spec);

/* What a scanned receipt says and what the ledger says about it. */
typedef struct {
    dc_err_t verdict;                     /* as returned */
    char terminal_id[DC_TERMINAL_ID_MAX]; /* the issuing terminal (once decoded) */
    char terminal_name[DC_SHORT_MAX];     /* the name it was trusted under; "" for this one */
    int64_t seq;                          /* the event the receipt proves */
    int64_t head_count;                   /* the checkpoint's count */
    bool local;                           /* issued by this terminal */
    int64_t log_count;                    /* events in this ledger now (local receipts) */
    int64_t group_seq;                    /* its record's first event (local, when found) */
    dc_evtype_t type;                     /* its type (local, when found) */
    int version;                          /* the payload's version (print/payload.h) */
    int proof_hashes; /* version 3: the hashes of its inclusion and consistency proofs */
} dc_receipt_check_t;

/* Check a scanned receipt payload. The verdict: DC_E_RECEIPT_GOOD (signature good, the event is
 * in this ledger unchanged and the ledger still extends the checkpoint), DC_E_RECEIPT_SIGNED
 * (another, trusted terminal's receipt: only its signature can be checked here), or
 * DC_E_RECEIPT_FORMAT, _UNKNOWN_TERMINAL, _BAD_SIG, _EVENT_MISSING (truncated or rolled back),
 * _EVENT_ALTERED, _LOG_REWRITTEN; the first two are of class DC_CLASS_OK. A storage failure is
 * returned as itself. out is filled as far as the payload could be read: the terminal id and
 * seq let the kiosk fill a return or an arrival from a take-out or transport receipt. A version 3
 * receipt is checked by two proofs over the ledger's tree, O(log N); versions 1 and 2 by walking
 * the chain up to their checkpoint. */
DC_WUR dc_err_t dc_desk_receipt_verify(dc_store_t *st, const char *payload,
                                       dc_receipt_check_t *out);

/* Close what printing keeps open (the shared font): at exit. */
void dc_desk_print_shutdown(void);

#endif
