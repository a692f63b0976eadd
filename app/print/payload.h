/* The signed checkpoint printed as the receipt's QR.
 *
 * Binary layout, version 1 (102 bytes, integers big-endian):
 *   0   1  version (1)
 *   1   5  terminal: the first 5 bytes of SHA-256(public key); as text "T" + their 8 base32
 *          characters, the terminal id
 *   6   4  seq: the event the receipt proves (the last event of its record)
 *  10   8  digest: the first 8 bytes of SHA-256("daicho/receipt/event/v1" 0x00 || canon(event))
 *          - the event's own content, so a changed event is told apart from a rewritten log
 *  18   4  head count: the chain head at commit, the number of events then (= seq)
 *  22  16  head hash: the first 16 bytes of the chain link of event [head count]
 *  38  64  Ed25519 signature (libsodium) of "daicho/receipt/v1" 0x00 || bytes 0..37
 * Text: "DR" + base32 (RFC 4648, A-Z 2-7, no padding) of the 102 bytes = 166 characters. Only
 * 0-9 A-Z appear: QR alphanumeric mode, and keyboard-wedge scanners type them the same under JIS
 * and US layouts. Decoding trims whitespace and ignores case (Caps Lock). */
#ifndef DC_PRINT_PAYLOAD_H
#define DC_PRINT_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/canon.h"
#include "core/event.h"
#include "store/types.h"

#define DC_RECEIPT_VERSION 1
#define DC_RECEIPT_PREFIX "DR"
#define DC_RECEIPT_ID_BYTES 5
#define DC_RECEIPT_DIGEST_BYTES 8
#define DC_RECEIPT_HEAD_BYTES 16
#define DC_RECEIPT_SIG_BYTES 64
#define DC_RECEIPT_SIGNED_BYTES 38 /* the bytes the signature covers */
#define DC_RECEIPT_BYTES (DC_RECEIPT_SIGNED_BYTES + DC_RECEIPT_SIG_BYTES)
#define DC_RECEIPT_TEXT_LEN (2 + (DC_RECEIPT_BYTES * 8 + 4) / 5) /* 166 */
#define DC_RECEIPT_TEXT_MAX (DC_RECEIPT_TEXT_LEN + 1)

/* "T" + 8 base32 characters + "-" + 52 base32 characters of the 32-byte key. */
#define DC_TERMINAL_KEY_TEXT_MAX 64

typedef struct {
    uint8_t version;
    char terminal_id[DC_TERMINAL_ID_MAX];
    int64_t seq;
    uint8_t digest[DC_RECEIPT_DIGEST_BYTES];
    int64_t head_count;
    uint8_t head[DC_RECEIPT_HEAD_BYTES];
    uint8_t bytes[DC_RECEIPT_BYTES]; /* as decoded, signature included */
} dc_receipt_payload_t;

/* Base32, RFC 4648 alphabet, no padding. Encoding writes a NUL-terminated string and returns
 * its length (0 when cap is too small). Decoding takes upper-case letters and 2-7 only, and
 * refuses leftover bits that are not zero (each text has one byte string and back). */
size_t dc_base32_encode(const uint8_t *in, size_t n, char *out, size_t cap);
bool dc_base32_decode(const char *in, size_t len, uint8_t *out, size_t cap, size_t *n);

/* The terminal id of a public key: "T" + the first 8 base32 characters of SHA-256(pk). */
void dc_terminal_id(const uint8_t pk[DC_STORE_PK_LEN], char out[DC_TERMINAL_ID_MAX]);
/* A public key as exported for other terminals: "<terminal id>-<base32 key>". */
void dc_terminal_key_text(const uint8_t pk[DC_STORE_PK_LEN], char out[DC_TERMINAL_KEY_TEXT_MAX]);
/* Parse an exported key (trimmed, any case); the id must be the key's own, so a mistyped key is
 * caught. DC_E_TERMINAL_KEY_FORMAT otherwise. */
DC_WUR dc_err_t dc_terminal_key_parse(const char *text, uint8_t pk[DC_STORE_PK_LEN],
                                      char id[DC_TERMINAL_ID_MAX]);

/* The digest of an event's own content (bytes 10..17 of the payload are its first 8). */
void dc_receipt_event_digest(const dc_event_t *ev, uint8_t out[DC_HASH_LEN]);

/* Build and sign the payload text for event ev (as stored: seq and content) with the chain head
 * (head_count, head) at commit, by the key pair pk/sk. */
DC_WUR dc_err_t dc_receipt_sign(const dc_event_t *ev, int64_t head_count,
                                const uint8_t head[DC_HASH_LEN], const uint8_t pk[DC_STORE_PK_LEN],
                                const uint8_t sk[DC_STORE_SK_LEN], char out[DC_RECEIPT_TEXT_MAX]);

/* Decode a scanned payload of len bytes without checking the signature: for the kiosk to see
 * which terminal and event a receipt names. DC_E_RECEIPT_FORMAT when it is not a receipt of a
 * known version. */
DC_WUR dc_err_t dc_receipt_decode(const char *text, size_t len, dc_receipt_payload_t *out);

/* As dc_receipt_decode, but only the form (prefix, length, alphabet, version) is checked: a
 * verifier checks the signature first, so that a changed character anywhere past the version is
 * reported as a bad signature, then the values. */
DC_WUR dc_err_t dc_receipt_parse(const char *text, size_t len, dc_receipt_payload_t *out);

/* Check the signature with the issuing terminal's public key: DC_E_OK or
 * DC_E_RECEIPT_BAD_SIG (also when pk is not the key of the payload's terminal id). */
DC_WUR dc_err_t dc_receipt_check_sig(const dc_receipt_payload_t *p,
                                     const uint8_t pk[DC_STORE_PK_LEN]);

#endif
