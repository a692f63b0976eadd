#include "print/payload.h"

#include <sodium.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char sign_domain[] = "daicho/receipt/v1";        /* signed with its NUL */
static const char event_domain[] = "daicho/receipt/event/v1"; /* hashed with its NUL */

size_t dc_base32_encode(const uint8_t *in, size_t n, char *out, size_t cap)
{
    size_t chars = (n * 8 + 4) / 5;
    if (cap < chars + 1) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            out[k++] = alphabet[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[k++] = alphabet[(acc << (5 - bits)) & 31];
    out[k] = '\0';
    return k;
}

static int b32_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

bool dc_base32_decode(const char *in, size_t len, uint8_t *out, size_t cap, size_t *n)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    *n = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b32_value(in[i]);
        if (v < 0)
            return false;
        acc = (acc << 5) | (uint32_t)v;
        bits += 5;
        if (bits >= 8) {
            if (k == cap)
                return false;
            out[k++] = (uint8_t)(acc >> (bits - 8));
            bits -= 8;
        }
    }
    /* Leftover bits are padding: more than a character's worth, or not zero, is another text
     * for the same bytes (or a changed last character), and refused. */
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
        return false;
    *n = k;
    return true;
}

/* Copy text without surrounding whitespace and control characters, upper-cased; false when it
 * does not fit in cap (NUL included). */
static bool normalise(const char *text, size_t len, char *out, size_t cap)
{
    while (len > 0 && (unsigned char)text[0] <= ' ')
        text++, len--;
    while (len > 0 && (unsigned char)text[len - 1] <= ' ')
        len--;
    if (len >= cap)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[len] = '\0';
    return true;
}

static void id_of_bytes(const uint8_t id[DC_RECEIPT_ID_BYTES], char out[DC_TERMINAL_ID_MAX])
{
    out[0] = 'T';
    dc_base32_encode(id, DC_RECEIPT_ID_BYTES, out + 1, DC_TERMINAL_ID_MAX - 1);
}

void dc_terminal_id(const uint8_t pk[DC_STORE_PK_LEN], char out[DC_TERMINAL_ID_MAX])
{
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, DC_STORE_PK_LEN);
    id_of_bytes(h, out);
}

void dc_terminal_key_text(const uint8_t pk[DC_STORE_PK_LEN], char out[DC_TERMINAL_KEY_TEXT_MAX])
{
    char id[DC_TERMINAL_ID_MAX];
    dc_terminal_id(pk, id);
    size_t n = strlen(id);
    memcpy(out, id, n);
    out[n++] = '-';
    dc_base32_encode(pk, DC_STORE_PK_LEN, out + n, DC_TERMINAL_KEY_TEXT_MAX - n);
}

dc_err_t dc_terminal_key_parse(const char *text, uint8_t pk[DC_STORE_PK_LEN],
                               char id[DC_TERMINAL_ID_MAX])
{
    char buf[DC_TERMINAL_KEY_TEXT_MAX];
    if (!normalise(text, strlen(text), buf, sizeof buf))
        return DC_E_TERMINAL_KEY_FORMAT;
    char *dash = strchr(buf, '-');
    size_t n;
    if (!dash || !dc_base32_decode(dash + 1, strlen(dash + 1), pk, DC_STORE_PK_LEN, &n) ||
        n != DC_STORE_PK_LEN)
        return DC_E_TERMINAL_KEY_FORMAT;
    *dash = '\0';
    dc_terminal_id(pk, id);
    return strcmp(id, buf) == 0 ? DC_E_OK : DC_E_TERMINAL_KEY_FORMAT;
}

void dc_receipt_event_digest(const dc_event_t *ev, uint8_t out[DC_HASH_LEN])
{
    dc_value_t v[DC_EVENT_NFIELDS];
    dc_event_values(ev, v);
    dc_canon_digest(event_domain, v, out);
}

static void put_u32(uint8_t *p, uint32_t x)
{
    p[0] = (uint8_t)(x >> 24);
    p[1] = (uint8_t)(x >> 16);
    p[2] = (uint8_t)(x >> 8);
    p[3] = (uint8_t)x;
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The message the signature covers. */
static void signed_message(const uint8_t bytes[DC_RECEIPT_BYTES],
                           uint8_t msg[sizeof sign_domain + DC_RECEIPT_SIGNED_BYTES])
{
    memcpy(msg, sign_domain, sizeof sign_domain);
    memcpy(msg + sizeof sign_domain, bytes, DC_RECEIPT_SIGNED_BYTES);
}

dc_err_t dc_receipt_sign(const dc_event_t *ev, int64_t head_count, const uint8_t head[DC_HASH_LEN],
                         const uint8_t pk[DC_STORE_PK_LEN], const uint8_t sk[DC_STORE_SK_LEN],
                         char out[DC_RECEIPT_TEXT_MAX])
{
    DC_EXPECT(ev && head && pk && sk && out);
    DC_EXPECT(ev->seq > 0 && head_count >= ev->seq);
    if (head_count > (int64_t)UINT32_MAX)
        return DC_E_TOO_LONG;
    uint8_t b[DC_RECEIPT_BYTES], h[crypto_hash_sha256_BYTES];
    b[0] = DC_RECEIPT_VERSION;
    crypto_hash_sha256(h, pk, DC_STORE_PK_LEN);
    memcpy(b + 1, h, DC_RECEIPT_ID_BYTES);
    put_u32(b + 6, (uint32_t)ev->seq);
    dc_receipt_event_digest(ev, h);
    memcpy(b + 10, h, DC_RECEIPT_DIGEST_BYTES);
    put_u32(b + 18, (uint32_t)head_count);
    memcpy(b + 22, head, DC_RECEIPT_HEAD_BYTES);
    uint8_t msg[sizeof sign_domain + DC_RECEIPT_SIGNED_BYTES];
    signed_message(b, msg);
    if (crypto_sign_detached(b + DC_RECEIPT_SIGNED_BYTES, NULL, msg, sizeof msg, sk) != 0)
        return DC_E_IO;
    memcpy(out, DC_RECEIPT_PREFIX, 2);
    size_t n = dc_base32_encode(b, sizeof b, out + 2, DC_RECEIPT_TEXT_MAX - 2);
    DC_EXPECT(n + 2 == DC_RECEIPT_TEXT_LEN);
    return DC_E_OK;
}

/* Read the payload; with strict, also refuse values no signer writes. */
static dc_err_t parse(const char *text, size_t len, dc_receipt_payload_t *out, bool strict)
{
    DC_EXPECT(text && out);
    memset(out, 0, sizeof *out);
    char buf[DC_RECEIPT_TEXT_MAX];
    size_t n;
    if (!normalise(text, len, buf, sizeof buf) || strlen(buf) != DC_RECEIPT_TEXT_LEN ||
        memcmp(buf, DC_RECEIPT_PREFIX, 2) != 0 ||
        !dc_base32_decode(buf + 2, DC_RECEIPT_TEXT_LEN - 2, out->bytes, sizeof out->bytes, &n) ||
        n != DC_RECEIPT_BYTES)
        return DC_E_RECEIPT_FORMAT;
    const uint8_t *b = out->bytes;
    out->version = b[0];
    out->seq = get_u32(b + 6);
    out->head_count = get_u32(b + 18);
    if (out->version != DC_RECEIPT_VERSION ||
        (strict && (out->seq < 1 || out->head_count < out->seq)))
        return DC_E_RECEIPT_FORMAT;
    id_of_bytes(b + 1, out->terminal_id);
    memcpy(out->digest, b + 10, DC_RECEIPT_DIGEST_BYTES);
    memcpy(out->head, b + 22, DC_RECEIPT_HEAD_BYTES);
    return DC_E_OK;
}

dc_err_t dc_receipt_decode(const char *text, size_t len, dc_receipt_payload_t *out)
{
    return parse(text, len, out, true);
}

dc_err_t dc_receipt_parse(const char *text, size_t len, dc_receipt_payload_t *out)
{
    return parse(text, len, out, false);
}

dc_err_t dc_receipt_check_sig(const dc_receipt_payload_t *p, const uint8_t pk[DC_STORE_PK_LEN])
{
    char id[DC_TERMINAL_ID_MAX];
    dc_terminal_id(pk, id);
    if (strcmp(id, p->terminal_id) != 0)
        return DC_E_RECEIPT_BAD_SIG;
    uint8_t msg[sizeof sign_domain + DC_RECEIPT_SIGNED_BYTES];
    signed_message(p->bytes, msg);
    return crypto_sign_verify_detached(p->bytes + DC_RECEIPT_SIGNED_BYTES, msg, sizeof msg, pk) == 0
               ? DC_E_OK
               : DC_E_RECEIPT_BAD_SIG;
}
