/* Proofs for an auditor: that an event is in the ledger's Merkle tree (RFC 9162 inclusion) and that
 * a later ledger extends an earlier one (consistency), written as text that is checked without the
 * ledger or its key: only the hashes, the event's own bytes, and the terminal's public key.
 *
 * The text, one "name value" per line, '#' lines being notes for the reader:
 *   daicho-proof 1
 *   kind inclusion | consistency
 *   terminal T…            the terminal id
 *   key T…-<base32>        its public key, as 'terminal export-key' prints it
 *   event SEQ              inclusion: the event, its chain link before it (event SEQ - 1's) and
 *   prev <64 hex>          its canonical bytes (core/canon.h), so that the verifier computes its
 *   canon <hex>            link and its leaf itself, and can show what the event was
 *   from N                 consistency: the earlier tree's size and head
 *   from-root <64 hex>
 *   size N                 the tree the proof is in (inclusion) or extends to (consistency)
 *   root <64 hex>          its head (MTH)
 *   hash <64 hex>          the proof, in RFC 9162's order, one line each (none for some)
 *   signature <128 hex>    Ed25519, by the terminal, of "daicho/proof/v1" 0x00 || size (8 bytes,
 *                          big-endian) || root: a signed tree head
 */
#ifndef DC_DESK_PROOF_H
#define DC_DESK_PROOF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk/desk.h"

/* Enough for any proof of an event whose canonical bytes fit DC_PROOF_CANON_MAX. */
#define DC_PROOF_CANON_MAX 8192
#define DC_PROOF_TEXT_MAX (2 * DC_PROOF_CANON_MAX + 8192)

/* The proof of event seq in the tree of the first size events (size 0: all of them now), and the
 * proof that the tree of the first to events (0: all now) extends that of the first from; signed
 * by this terminal's key. DC_E_NOT_FOUND when an event or a size is beyond the ledger;
 * DC_E_VERIFY_FAILED when the stored tree cannot give it (verify names the row). */
DC_WUR dc_err_t dc_desk_proof_inclusion(dc_store_t *st, int64_t seq, int64_t size, char *out,
                                        size_t cap);
DC_WUR dc_err_t dc_desk_proof_consistency(dc_store_t *st, int64_t from, int64_t to, char *out,
                                          size_t cap);

/* What a checked proof showed. */
typedef struct {
    bool inclusion;
    char terminal_id[DC_TERMINAL_ID_MAX];
    int64_t seq, from, size;
    uint8_t root[DC_HASH_LEN], from_root[DC_HASH_LEN];
    int hashes;
    dc_event_t event; /* inclusion: the event, decoded from its canonical bytes */
    bool checkpoint;  /* a receipt was given and the proof holds for its checkpoint */
    char what[160];   /* why it was refused, English, for the report */
} dc_proof_check_t;

/* Check a proof's text with no ledger: its form, the signed tree head against the key in it
 * (and against key_text, the terminal's exported key, when not NULL), the event's link and leaf
 * computed from its bytes, and the proof against the head. With receipt (a scanned payload of
 * version 3, or NULL), also that the receipt is that terminal's and the proof is for its
 * checkpoint: an inclusion proof of its event in its head (its content digest matching), or a
 * consistency proof from its head. DC_E_OK, or DC_E_PROOF_FORMAT, _BAD_SIG, _KEY, _FAILED,
 * _CHECKPOINT, or a receipt's own error (DC_E_RECEIPT_FORMAT, _BAD_SIG). */
DC_WUR dc_err_t dc_desk_proof_check(const char *text, const char *key_text, const char *receipt,
                                    dc_proof_check_t *out);

#endif
