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
 * and US layouts. Decoding trims whitespace and ignores case (Caps Lock).
 *
 * Version 2: a transport's and an arrival's receipt, which another terminal acts on:
 *   0   1  version (2)
 *   1  37  as version 1: terminal, seq, digest, head count, head hash
 *  38   n  fields, each tag (1 byte), length (1 byte), value; tags ascending, each at most once
 *  end 64  Ed25519 signature of "daicho/receipt/v2" 0x00 || every byte before it
 * Fields (a reader skips a tag it does not know, so a later field, such as issue 17's Merkle
 * tree head, is a new tag and needs no new version):
 *   1 ITEMS     a transport's items in the record's order, 2 bytes each: the first 2 bytes of
 *               SHA-256("daicho/receipt/item/v2" 0x00 || seq (4) || code). The receiving
 *               terminal checks each label it scans against them (a digest, not the codes: 20
 *               codes would not fit a scan). An unlisted item passes with odds 1 in 65536 per
 *               listed item, and its code must also carry a valid check character.
 *   2 PEOPLE    3 + 3 bytes: the sender's and the carrier's badges, hashed the same way with
 *               "daicho/receipt/person/v2" (without seq): neither may record the arrival.
 *   3 ANSWERS   5 + 4 bytes: the terminal id bytes and seq of the transport an arrival answers
 *   4 RECEIVED  1-4 bytes, a bitmap (bit i of byte i/8, lowest first): which of the answered
 *               transport's items arrived, by their place in its ITEMS
 *   5 RECEIVER  5 bytes: the receiver's badge, its 40-bit body (the code is rebuilt from it)
 *   6 NAME      the receiver's name, UTF-8, cut at a character to fit
 * A version 2 payload has ITEMS (a transport) or ANSWERS and RECEIVED (an arrival). The whole
 * text must fit one scan (DC_RECEIPT_TEXT_CAP, as platform/scan.h frames them): a transport of
 * up to DC_RECEIPT_ITEMS_MAX items (20 items: 152 bytes, 246 characters, a version 11 QR). A
 * bigger transport gets a version 1 receipt, and its arrival is recorded at its own terminal.
 *
 * Version 3 (every receipt and seal slip printed since the ledger keeps its Merkle tree,
 * store/tree.h): version 2's layout and fields, where
 *  18   4  head count: the tree's size at commit (= seq)
 *  22  16  head: the first 16 bytes of the tree head (RFC 9162 MTH) of the first head count
 *          events, instead of the chain link
 *  end 64  Ed25519 signature of "daicho/receipt/v3" 0x00 || every byte before it
 * Fields are optional: a plain receipt has none and is 102 bytes, as version 1. Checking one is
 * an inclusion proof of its event's leaf in that head and a consistency proof from it to the
 * ledger's current head, O(log N) hashes; versions 1 and 2 are checked by walking the chain. */
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

#define DC_RECEIPT_V2_VERSION 2
#define DC_RECEIPT_V3_VERSION 3
#define DC_RECEIPT_TEXT_CAP 256 /* the longest text of any version: one scan (DC_SCAN_MAX) */
#define DC_RECEIPT_BYTES_MAX ((DC_RECEIPT_TEXT_CAP - 2) * 5 / 8) /* 158 */
#define DC_RECEIPT_ITEMS_MAX 23
#define DC_RECEIPT_ITEM_TAG 2
#define DC_RECEIPT_PERSON_TAG 3

/* "T" + 8 base32 characters + "-" + 52 base32 characters of the 32-byte key. */
#define DC_TERMINAL_KEY_TEXT_MAX 64

typedef struct {
    uint8_t version;
    char terminal_id[DC_TERMINAL_ID_MAX];
    int64_t seq;
    uint8_t digest[DC_RECEIPT_DIGEST_BYTES];
    int64_t head_count;
    uint8_t head[DC_RECEIPT_HEAD_BYTES];
    uint8_t bytes[DC_RECEIPT_BYTES_MAX]; /* as decoded, signature included */
    size_t nbytes;
    /* version 2: a transport's */
    int nitems; /* 0: no ITEMS */
    uint8_t item_tags[DC_RECEIPT_ITEMS_MAX][DC_RECEIPT_ITEM_TAG];
    bool has_people;
    uint8_t sender[DC_RECEIPT_PERSON_TAG], carrier[DC_RECEIPT_PERSON_TAG];
    /* version 2: an arrival's */
    bool answers;
    char answers_terminal[DC_TERMINAL_ID_MAX];
    int64_t answers_seq;
    uint32_t received; /* bit i: item i of the answered transport */
    char receiver[DC_CODE_MAX];
    char receiver_name[DC_SHORT_MAX];
} dc_receipt_payload_t;

/* What a version 2 receipt says beside the checkpoint: a transport's items (in the record's
 * order) with its sender and carrier, or an arrival's answered transport, the items that came
 * (bit i: item i of that transport's ITEMS) and the receiver. */
typedef struct {
    int nitems;
    const char (*items)[DC_CODE_MAX];
    const char *sender, *carrier; /* badges */
    const char *answers_terminal; /* "" or NULL: not an arrival */
    int64_t answers_seq;
    uint32_t received;
    const char *receiver, *receiver_name;
} dc_receipt_fields_t;

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

/* The same checkpoint as dc_receipt_sign, as version 2 with fields f, into out[cap]
 * (DC_RECEIPT_TEXT_CAP + 1 is always enough). DC_E_TOO_LONG when it would not fit one scan (more
 * than DC_RECEIPT_ITEMS_MAX items); DC_E_USAGE for a badge or code that is not one. */
DC_WUR dc_err_t dc_receipt_sign_v2(const dc_event_t *ev, int64_t head_count,
                                   const uint8_t head[DC_HASH_LEN], const dc_receipt_fields_t *f,
                                   const uint8_t pk[DC_STORE_PK_LEN],
                                   const uint8_t sk[DC_STORE_SK_LEN], char *out, size_t cap);

/* The same as version 3: root is the tree head of the first head_count events, f may be NULL (a
 * receipt without fields). */
DC_WUR dc_err_t dc_receipt_sign_v3(const dc_event_t *ev, int64_t head_count,
                                   const uint8_t root[DC_HASH_LEN], const dc_receipt_fields_t *f,
                                   const uint8_t pk[DC_STORE_PK_LEN],
                                   const uint8_t sk[DC_STORE_SK_LEN], char *out, size_t cap);

/* The tags ITEMS and PEOPLE carry: of code on the receipt of event seq, and of a badge. */
void dc_receipt_item_tag(int64_t seq, const char *code, uint8_t out[DC_RECEIPT_ITEM_TAG]);
void dc_receipt_person_tag(const char *badge, uint8_t out[DC_RECEIPT_PERSON_TAG]);
/* The place of code among p's ITEMS, or -1 when it is not listed. */
int dc_receipt_item_index(const dc_receipt_payload_t *p, const char *code);

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
