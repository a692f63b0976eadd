/* The canonical encoding of an event and the hash chain that links the ledger.
 *
 * hash(n) = SHA-256( "daicho/event/v1" 0x00 || hash(n-1) || canon(event n) ), hash(0) = 32 zero
 * bytes. canon() writes every stored field in the fixed order of DC_EVENT_FIELDS: its index
 * (1 byte), 'I' + 8 bytes big-endian for integers or 'T' + 4-byte big-endian length + UTF-8 bytes
 * for text. The sequence number is a field, so moving a row breaks the chain as much as
 * changing one. */
#ifndef DC_CORE_CANON_H
#define DC_CORE_CANON_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

#define DC_HASH_LEN 32

/* Write the canonical bytes of v to buf (at most cap bytes); returns the full length, which may
 * exceed cap (nothing past cap is written). */
size_t dc_canon_encode(const dc_value_t v[DC_EVENT_NFIELDS], uint8_t *buf, size_t cap);

/* The chain link of an event given the previous link. */
void dc_chain_hash(const uint8_t prev[DC_HASH_LEN], const dc_value_t v[DC_EVENT_NFIELDS],
                   uint8_t out[DC_HASH_LEN]);

/* The same link from canonical bytes already encoded (n of them): for a verifier that has the
 * bytes of one event and the link before it, and no ledger. */
void dc_chain_hash_bytes(const uint8_t prev[DC_HASH_LEN], const uint8_t *canon, size_t n,
                         uint8_t out[DC_HASH_LEN]);

/* SHA-256( domain 0x00 || canon(v) ): a digest of one event's own content, without the chain
 * (receipts use it to tell a changed event from a rewritten log before it). */
void dc_canon_digest(const char *domain, const dc_value_t v[DC_EVENT_NFIELDS],
                     uint8_t out[DC_HASH_LEN]);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void dc_hex(const uint8_t *bytes, size_t n, char *out);

#endif
