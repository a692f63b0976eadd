#include "print/payload.h"

#include <sodium.h>
#include <string.h>

#include "core/code.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char sign_domain[] = "daicho/receipt/v1";        /* signed with its NUL */
static const char event_domain[] = "daicho/receipt/event/v1"; /* hashed with its NUL */
static const char sign_domain_v2[] = "daicho/receipt/v2";
static const char sign_domain_v3[] = "daicho/receipt/v3"; /* the same length as v2's */
static const char item_domain[] = "daicho/receipt/item/v2";
static const char person_domain[] = "daicho/receipt/person/v2";
static const char body_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; /* of codes (core/code.c) */

enum {
    TAG_ITEMS = 1,
    TAG_PEOPLE = 2,
    TAG_ANSWERS = 3,
    TAG_RECEIVED = 4,
    TAG_RECEIVER = 5,
    TAG_NAME = 6,
    HEADER = DC_RECEIPT_SIGNED_BYTES, /* the bytes version 2 shares with version 1 */
    BODY_AT = 3,                      /* "DB-" */
    BODY_LEN = 8,
};

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

/* The message a version 1 signature covers. */
static void signed_message(const uint8_t bytes[DC_RECEIPT_BYTES],
                           uint8_t msg[sizeof sign_domain + DC_RECEIPT_SIGNED_BYTES])
{
    memcpy(msg, sign_domain, sizeof sign_domain);
    memcpy(msg + sizeof sign_domain, bytes, DC_RECEIPT_SIGNED_BYTES);
}

/* Bytes 0..37, the checkpoint both versions carry. */
static void put_header(uint8_t version, const dc_event_t *ev, int64_t head_count,
                       const uint8_t head[DC_HASH_LEN], const uint8_t pk[DC_STORE_PK_LEN],
                       uint8_t *b)
{
    uint8_t h[crypto_hash_sha256_BYTES];
    b[0] = version;
    crypto_hash_sha256(h, pk, DC_STORE_PK_LEN);
    memcpy(b + 1, h, DC_RECEIPT_ID_BYTES);
    put_u32(b + 6, (uint32_t)ev->seq);
    dc_receipt_event_digest(ev, h);
    memcpy(b + 10, h, DC_RECEIPT_DIGEST_BYTES);
    put_u32(b + 18, (uint32_t)head_count);
    memcpy(b + 22, head, DC_RECEIPT_HEAD_BYTES);
}

dc_err_t dc_receipt_sign(const dc_event_t *ev, int64_t head_count, const uint8_t head[DC_HASH_LEN],
                         const uint8_t pk[DC_STORE_PK_LEN], const uint8_t sk[DC_STORE_SK_LEN],
                         char out[DC_RECEIPT_TEXT_MAX])
{
    DC_EXPECT(ev && head && pk && sk && out);
    DC_EXPECT(ev->seq > 0 && head_count >= ev->seq);
    if (head_count > (int64_t)UINT32_MAX)
        return DC_E_TOO_LONG;
    uint8_t b[DC_RECEIPT_BYTES];
    put_header(DC_RECEIPT_VERSION, ev, head_count, head, pk, b);
    uint8_t msg[sizeof sign_domain + DC_RECEIPT_SIGNED_BYTES];
    signed_message(b, msg);
    if (crypto_sign_detached(b + DC_RECEIPT_SIGNED_BYTES, NULL, msg, sizeof msg, sk) != 0)
        return DC_E_IO;
    memcpy(out, DC_RECEIPT_PREFIX, 2);
    size_t n = dc_base32_encode(b, sizeof b, out + 2, DC_RECEIPT_TEXT_MAX - 2);
    DC_EXPECT(n + 2 == DC_RECEIPT_TEXT_LEN);
    return DC_E_OK;
}

void dc_receipt_item_tag(int64_t seq, const char *code, uint8_t out[DC_RECEIPT_ITEM_TAG])
{
    crypto_hash_sha256_state s;
    uint8_t h[crypto_hash_sha256_BYTES], n[4];
    put_u32(n, (uint32_t)seq);
    crypto_hash_sha256_init(&s);
    crypto_hash_sha256_update(&s, (const uint8_t *)item_domain, sizeof item_domain);
    crypto_hash_sha256_update(&s, n, sizeof n);
    crypto_hash_sha256_update(&s, (const uint8_t *)code, strlen(code));
    crypto_hash_sha256_final(&s, h);
    memcpy(out, h, DC_RECEIPT_ITEM_TAG);
}

void dc_receipt_person_tag(const char *badge, uint8_t out[DC_RECEIPT_PERSON_TAG])
{
    crypto_hash_sha256_state s;
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&s);
    crypto_hash_sha256_update(&s, (const uint8_t *)person_domain, sizeof person_domain);
    crypto_hash_sha256_update(&s, (const uint8_t *)badge, strlen(badge));
    crypto_hash_sha256_final(&s, h);
    memcpy(out, h, DC_RECEIPT_PERSON_TAG);
}

int dc_receipt_item_index(const dc_receipt_payload_t *p, const char *code)
{
    uint8_t t[DC_RECEIPT_ITEM_TAG];
    dc_receipt_item_tag(p->seq, code, t);
    for (int i = 0; i < p->nitems; i++) {
        if (memcmp(p->item_tags[i], t, sizeof t) == 0)
            return i;
    }
    return -1;
}

/* A badge's 40-bit body, and the badge again from it: false for anything that is not a badge
 * the code module would make from those bits. */
static bool badge_pack(const char *badge, uint8_t out[DC_CODE_RANDOM_BYTES])
{
    char code[DC_CODE_MAX], again[DC_CODE_MAX];
    if (dc_code_expect(badge, strlen(badge), DC_CODE_BADGE, code))
        return false;
    uint64_t bits = 0;
    for (int i = 0; i < BODY_LEN; i++) {
        const char *c = strchr(body_alphabet, code[BODY_AT + i]);
        if (!c || !*c)
            return false;
        bits = bits << 5 | (uint64_t)(c - body_alphabet);
    }
    for (int i = DC_CODE_RANDOM_BYTES - 1; i >= 0; i--, bits >>= 8)
        out[i] = (uint8_t)bits;
    dc_code_make(DC_CODE_BADGE, out, again);
    return strcmp(again, code) == 0;
}

/* Append a field; false when it does not fit. */
static bool put_field(uint8_t *b, size_t *n, int tag, const void *v, size_t len)
{
    if (len > 255 || *n + 2 + len + DC_RECEIPT_SIG_BYTES > DC_RECEIPT_BYTES_MAX)
        return false;
    b[(*n)++] = (uint8_t)tag;
    b[(*n)++] = (uint8_t)len;
    memcpy(b + *n, v, len);
    *n += len;
    return true;
}

/* The longest head of s, at most max bytes, that ends at a character. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
        max--;
    return max;
}

/* Versions 2 and 3: the checkpoint, then f's fields (none when f is NULL, version 3 only). */
static dc_err_t sign_fields(uint8_t version, const dc_event_t *ev, int64_t head_count,
                            const uint8_t head[DC_HASH_LEN], const dc_receipt_fields_t *f,
                            const uint8_t pk[DC_STORE_PK_LEN], const uint8_t sk[DC_STORE_SK_LEN],
                            char *out, size_t cap)
{
    DC_EXPECT(ev && head && pk && sk && out);
    DC_EXPECT(ev->seq > 0 && head_count >= ev->seq);
    static const dc_receipt_fields_t none = {.nitems = 0};
    bool fields = f != NULL;
    if (!f)
        f = &none;
    bool arrival = f->answers_terminal && f->answers_terminal[0];
    if (head_count > (int64_t)UINT32_MAX || f->nitems > DC_RECEIPT_ITEMS_MAX)
        return DC_E_TOO_LONG;
    if (fields && !arrival && f->nitems < 1)
        return DC_E_USAGE;
    uint8_t b[DC_RECEIPT_BYTES_MAX];
    size_t n = HEADER;
    put_header(version, ev, head_count, head, pk, b);
    bool ok = true;
    if (!fields) {
        /* the checkpoint alone */
    } else if (!arrival) {
        uint8_t tags[DC_RECEIPT_ITEMS_MAX * DC_RECEIPT_ITEM_TAG], people[2 * DC_RECEIPT_PERSON_TAG];
        for (int i = 0; i < f->nitems; i++)
            dc_receipt_item_tag(ev->seq, f->items[i], tags + i * DC_RECEIPT_ITEM_TAG);
        ok = put_field(b, &n, TAG_ITEMS, tags, (size_t)f->nitems * DC_RECEIPT_ITEM_TAG);
        if (ok && f->sender && f->carrier) {
            dc_receipt_person_tag(f->sender, people);
            dc_receipt_person_tag(f->carrier, people + DC_RECEIPT_PERSON_TAG);
            ok = put_field(b, &n, TAG_PEOPLE, people, sizeof people);
        }
    } else {
        uint8_t ans[DC_RECEIPT_ID_BYTES + 4], rcv[4], badge[DC_CODE_RANDOM_BYTES];
        size_t idn;
        const char *id = f->answers_terminal;
        if (id[0] != 'T' ||
            !dc_base32_decode(id + 1, strlen(id + 1), ans, DC_RECEIPT_ID_BYTES, &idn) ||
            idn != DC_RECEIPT_ID_BYTES || f->answers_seq < 1 || f->answers_seq > UINT32_MAX ||
            !f->received || !f->receiver || !badge_pack(f->receiver, badge))
            return DC_E_USAGE;
        put_u32(ans + DC_RECEIPT_ID_BYTES, (uint32_t)f->answers_seq);
        size_t nr = f->received >> 24 ? 4 : f->received >> 16 ? 3 : f->received >> 8 ? 2 : 1;
        for (size_t i = 0; i < nr; i++)
            rcv[i] = (uint8_t)(f->received >> (8 * i));
        ok = put_field(b, &n, TAG_ANSWERS, ans, sizeof ans) &&
             put_field(b, &n, TAG_RECEIVED, rcv, nr) &&
             put_field(b, &n, TAG_RECEIVER, badge, sizeof badge);
        const char *name = f->receiver_name ? f->receiver_name : "";
        size_t room = DC_RECEIPT_BYTES_MAX - DC_RECEIPT_SIG_BYTES - n - 2;
        if (ok && name[0] && n + 2 + DC_RECEIPT_SIG_BYTES < DC_RECEIPT_BYTES_MAX)
            ok = put_field(b, &n, TAG_NAME, name, utf8_cut(name, room));
    }
    if (!ok)
        return DC_E_TOO_LONG;
    uint8_t msg[sizeof sign_domain_v2 + DC_RECEIPT_BYTES_MAX];
    memcpy(msg, version == DC_RECEIPT_V3_VERSION ? sign_domain_v3 : sign_domain_v2,
           sizeof sign_domain_v2);
    memcpy(msg + sizeof sign_domain_v2, b, n);
    if (crypto_sign_detached(b + n, NULL, msg, sizeof sign_domain_v2 + n, sk) != 0)
        return DC_E_IO;
    n += DC_RECEIPT_SIG_BYTES;
    if (cap < 3)
        return DC_E_TOO_LONG;
    memcpy(out, DC_RECEIPT_PREFIX, 2);
    if (!dc_base32_encode(b, n, out + 2, cap - 2))
        return DC_E_TOO_LONG;
    return DC_E_OK;
}

dc_err_t dc_receipt_sign_v2(const dc_event_t *ev, int64_t head_count,
                            const uint8_t head[DC_HASH_LEN], const dc_receipt_fields_t *f,
                            const uint8_t pk[DC_STORE_PK_LEN], const uint8_t sk[DC_STORE_SK_LEN],
                            char *out, size_t cap)
{
    DC_EXPECT(f);
    return sign_fields(DC_RECEIPT_V2_VERSION, ev, head_count, head, f, pk, sk, out, cap);
}

dc_err_t dc_receipt_sign_v3(const dc_event_t *ev, int64_t head_count,
                            const uint8_t root[DC_HASH_LEN], const dc_receipt_fields_t *f,
                            const uint8_t pk[DC_STORE_PK_LEN], const uint8_t sk[DC_STORE_SK_LEN],
                            char *out, size_t cap)
{
    return sign_fields(DC_RECEIPT_V3_VERSION, ev, head_count, root, f, pk, sk, out, cap);
}

/* The fields of a version 2 or 3 payload: each known one well formed, tags ascending, and a
 * transport's items or an arrival's answer present (version 3 may also have neither). */
static bool read_fields(dc_receipt_payload_t *out)
{
    const uint8_t *b = out->bytes;
    size_t end = out->nbytes - DC_RECEIPT_SIG_BYTES, at = HEADER;
    int last = 0;
    bool received = false;
    while (at < end) {
        if (at + 2 > end)
            return false;
        int tag = b[at];
        size_t len = b[at + 1];
        const uint8_t *v = b + at + 2;
        if (tag <= last || at + 2 + len > end)
            return false;
        last = tag;
        at += 2 + len;
        switch (tag) {
        case TAG_ITEMS:
            if (len == 0 || len % DC_RECEIPT_ITEM_TAG ||
                len / DC_RECEIPT_ITEM_TAG > DC_RECEIPT_ITEMS_MAX)
                return false;
            out->nitems = (int)(len / DC_RECEIPT_ITEM_TAG);
            memcpy(out->item_tags, v, len);
            break;
        case TAG_PEOPLE:
            if (len != 2 * DC_RECEIPT_PERSON_TAG)
                return false;
            out->has_people = true;
            memcpy(out->sender, v, DC_RECEIPT_PERSON_TAG);
            memcpy(out->carrier, v + DC_RECEIPT_PERSON_TAG, DC_RECEIPT_PERSON_TAG);
            break;
        case TAG_ANSWERS:
            if (len != DC_RECEIPT_ID_BYTES + 4)
                return false;
            out->answers = true;
            id_of_bytes(v, out->answers_terminal);
            out->answers_seq = get_u32(v + DC_RECEIPT_ID_BYTES);
            break;
        case TAG_RECEIVED:
            if (len < 1 || len > 4)
                return false;
            received = true;
            for (size_t i = 0; i < len; i++)
                out->received |= (uint32_t)v[i] << (8 * i);
            break;
        case TAG_RECEIVER:
            if (len != DC_CODE_RANDOM_BYTES)
                return false;
            dc_code_make(DC_CODE_BADGE, v, out->receiver);
            break;
        case TAG_NAME:
            if (len >= DC_SHORT_MAX)
                return false;
            memcpy(out->receiver_name, v, len);
            out->receiver_name[len] = '\0';
            if (!dc_text_ok(out->receiver_name, DC_SHORT_MAX))
                return false;
            break;
        default:
            break; /* a later field: signed with the rest, read by a later reader */
        }
    }
    if (out->nitems && !out->answers)
        return true;
    if (out->version == DC_RECEIPT_V3_VERSION && !out->nitems && !out->answers && !received &&
        !out->receiver[0])
        return true;
    return out->answers && received && out->received && out->receiver[0] && !out->nitems;
}

/* Read the payload; with strict, also refuse values no signer writes. */
static dc_err_t parse(const char *text, size_t len, dc_receipt_payload_t *out, bool strict)
{
    DC_EXPECT(text && out);
    memset(out, 0, sizeof *out);
    char buf[DC_RECEIPT_TEXT_CAP + 1];
    size_t n;
    if (!normalise(text, len, buf, sizeof buf) || strlen(buf) < DC_RECEIPT_TEXT_LEN ||
        memcmp(buf, DC_RECEIPT_PREFIX, 2) != 0 ||
        !dc_base32_decode(buf + 2, strlen(buf) - 2, out->bytes, sizeof out->bytes, &n))
        return DC_E_RECEIPT_FORMAT;
    const uint8_t *b = out->bytes;
    out->nbytes = n;
    out->version = b[0];
    out->seq = get_u32(b + 6);
    out->head_count = get_u32(b + 18);
    if (out->version == DC_RECEIPT_VERSION) {
        if (n != DC_RECEIPT_BYTES)
            return DC_E_RECEIPT_FORMAT;
    } else if ((out->version != DC_RECEIPT_V2_VERSION && out->version != DC_RECEIPT_V3_VERSION) ||
               n < DC_RECEIPT_BYTES || !read_fields(out)) {
        return DC_E_RECEIPT_FORMAT;
    }
    if (strict && (out->seq < 1 || out->head_count < out->seq))
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
    int rc;
    if (p->version == DC_RECEIPT_VERSION) {
        uint8_t msg[sizeof sign_domain + DC_RECEIPT_SIGNED_BYTES];
        signed_message(p->bytes, msg);
        rc = crypto_sign_verify_detached(p->bytes + DC_RECEIPT_SIGNED_BYTES, msg, sizeof msg, pk);
    } else {
        size_t n = p->nbytes - DC_RECEIPT_SIG_BYTES;
        uint8_t msg[sizeof sign_domain_v2 + DC_RECEIPT_BYTES_MAX];
        memcpy(msg, p->version == DC_RECEIPT_V3_VERSION ? sign_domain_v3 : sign_domain_v2,
               sizeof sign_domain_v2);
        memcpy(msg + sizeof sign_domain_v2, p->bytes, n);
        rc = crypto_sign_verify_detached(p->bytes + n, msg, sizeof sign_domain_v2 + n, pk);
    }
    return rc == 0 ? DC_E_OK : DC_E_RECEIPT_BAD_SIG;
}
