#include "core/canon.h"

#include "core/sha.h"

#include <sodium.h>
#include <string.h>

static const char chain_domain[] = "daicho/event/v1"; /* hashed with its NUL */

typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
    crypto_hash_sha256_state *sha; /* NULL when only encoding */
} sink_t;

static void put(sink_t *s, const void *p, size_t n)
{
    if (s->sha)
        crypto_hash_sha256_update(s->sha, p, n);
    if (s->buf && s->len < s->cap)
        memcpy(s->buf + s->len, p, n <= s->cap - s->len ? n : s->cap - s->len);
    s->len += n;
}

static void put_be(sink_t *s, uint64_t x, int bytes)
{
    uint8_t b[8];
    for (int i = 0; i < bytes; i++)
        b[i] = (uint8_t)(x >> (8 * (bytes - 1 - i)));
    put(s, b, (size_t)bytes);
}

static void encode(sink_t *s, const dc_value_t v[DC_EVENT_NFIELDS])
{
    for (int i = 0; i < DC_EVENT_NFIELDS; i++) {
        uint8_t head[2] = {(uint8_t)i, v[i].is_int ? 'I' : 'T'};
        put(s, head, 2);
        if (v[i].is_int) {
            put_be(s, (uint64_t)v[i].i, 8);
        } else {
            size_t n = strlen(v[i].s);
            put_be(s, (uint64_t)n, 4);
            put(s, v[i].s, n);
        }
    }
}

size_t dc_canon_encode(const dc_value_t v[DC_EVENT_NFIELDS], uint8_t *buf, size_t cap)
{
    sink_t s = {buf, cap, 0, NULL};
    encode(&s, v);
    return s.len;
}

void dc_chain_hash(const uint8_t prev[DC_HASH_LEN], const dc_value_t v[DC_EVENT_NFIELDS],
                   uint8_t out[DC_HASH_LEN])
{
    /* One contiguous buffer and one hash call: fed field by field, SHA-256 costs twice as much
     * (verify hashes every event of the log). The bytes hashed are the same either way. */
    uint8_t buf[4096];
    memcpy(buf, chain_domain, sizeof chain_domain);
    memcpy(buf + sizeof chain_domain, prev, DC_HASH_LEN);
    size_t head = sizeof chain_domain + DC_HASH_LEN;
    size_t n = dc_canon_encode(v, buf + head, sizeof buf - head);
    if (head + n <= sizeof buf) {
        /* OpenSSL's SHA-256 uses the CPU's SHA instructions where there are any (libsodium's is
         * portable C); the digest is the same. */
        dc_sha256(buf, head + n, out);
        return;
    }
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    crypto_hash_sha256_update(&sha, buf, head);
    sink_t s = {NULL, 0, 0, &sha};
    encode(&s, v);
    crypto_hash_sha256_final(&sha, out);
}

void dc_chain_hash_bytes(const uint8_t prev[DC_HASH_LEN], const uint8_t *canon, size_t n,
                         uint8_t out[DC_HASH_LEN])
{
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    crypto_hash_sha256_update(&sha, (const uint8_t *)chain_domain, sizeof chain_domain);
    crypto_hash_sha256_update(&sha, prev, DC_HASH_LEN);
    crypto_hash_sha256_update(&sha, canon, n);
    crypto_hash_sha256_final(&sha, out);
}

void dc_canon_digest(const char *domain, const dc_value_t v[DC_EVENT_NFIELDS],
                     uint8_t out[DC_HASH_LEN])
{
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    crypto_hash_sha256_update(&sha, (const uint8_t *)domain, strlen(domain) + 1);
    sink_t s = {NULL, 0, 0, &sha};
    encode(&s, v);
    crypto_hash_sha256_final(&sha, out);
}

void dc_hex(const uint8_t *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}
