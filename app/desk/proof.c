/* Inclusion and consistency proofs as text an auditor checks without the ledger (desk/proof.h). */
#include "desk/proof.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/canon.h"
#include "core/merkle.h"
#include "desk/query.h"
#include "desk/receipt.h"
#include "print/payload.h"
#include "store/store.h"
#include "store/tree.h"

static const char sth_domain[] = "daicho/proof/v1"; /* signed with its NUL */

/* The message a signed tree head covers. */
static void sth_message(int64_t size, const uint8_t root[DC_HASH_LEN],
                        uint8_t msg[sizeof sth_domain + 8 + DC_HASH_LEN])
{
    memcpy(msg, sth_domain, sizeof sth_domain);
    for (int i = 0; i < 8; i++)
        msg[sizeof sth_domain + i] = (uint8_t)((uint64_t)size >> (56 - 8 * i));
    memcpy(msg + sizeof sth_domain + 8, root, DC_HASH_LEN);
}

/* Text appended to a buffer; too long sets e. */
typedef struct {
    char *out;
    size_t cap, n;
    dc_err_t e;
} text_t;

static void put(text_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(text_t *t, const char *fmt, ...)
{
    if (t->e)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(t->out + t->n, t->cap - t->n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= t->cap - t->n)
        t->e = DC_E_TOO_LONG;
    else
        t->n += (size_t)k;
}

static void put_hex(text_t *t, const char *name, const uint8_t *b, size_t n)
{
    if (t->e)
        return;
    if (t->cap - t->n < strlen(name) + 2 * n + 3) {
        t->e = DC_E_TOO_LONG;
        return;
    }
    t->n += (size_t)snprintf(t->out + t->n, t->cap - t->n, "%s ", name);
    dc_hex(b, n, t->out + t->n);
    t->n += 2 * n;
    t->out[t->n++] = '\n';
    t->out[t->n] = '\0';
}

/* The lines every proof begins with, and the signed tree head it ends with. */
static dc_err_t head_lines(dc_store_t *st, text_t *t, const char *kind, uint8_t sk[DC_STORE_SK_LEN])
{
    char id[DC_TERMINAL_ID_MAX], key[DC_TERMINAL_KEY_TEXT_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    dc_err_t e = dc_desk_terminal_key(st, id, pk);
    if (!e)
        e = dc_store_terminal_key_get(st, id, pk, sk);
    if (e)
        return e;
    dc_terminal_key_text(pk, key);
    put(t, "daicho-proof 1\n");
    put(t, "%s",
        strcmp(kind, "inclusion") == 0
            ? "# 記録が台帳にあることの証明 / a proof that an event is in the ledger (RFC 9162)\n"
            : "# 台帳が以前の台帳を含むことの証明 / a proof that the ledger extends an earlier one "
              "(RFC 9162)\n");
    put(t, "# 検証 / check: daicho-admin proof check FILE [--key KEY] [--receipt PAYLOAD]\n");
    put(t, "kind %s\nterminal %s\nkey %s\n", kind, id, key);
    return t->e;
}

static dc_err_t tail_lines(text_t *t, int64_t size, const uint8_t root[DC_HASH_LEN],
                           const dc_hash_t *proof, int len, const uint8_t sk[DC_STORE_SK_LEN])
{
    put(t, "size %lld\n", (long long)size);
    put_hex(t, "root", root, DC_HASH_LEN);
    for (int i = 0; i < len; i++)
        put_hex(t, "hash", proof[i], DC_HASH_LEN);
    uint8_t msg[sizeof sth_domain + 8 + DC_HASH_LEN], sig[crypto_sign_BYTES];
    sth_message(size, root, msg);
    if (crypto_sign_detached(sig, NULL, msg, sizeof msg, sk) != 0)
        return DC_E_IO;
    put_hex(t, "signature", sig, sizeof sig);
    return t->e;
}

static dc_err_t count_now(dc_store_t *st, int64_t *size)
{
    uint8_t head[DC_HASH_LEN];
    int64_t n;
    dc_err_t e = dc_desk_head(st, &n, head);
    if (!e && *size == 0)
        *size = n;
    return e;
}

dc_err_t dc_desk_proof_inclusion(dc_store_t *st, int64_t seq, int64_t size, char *out, size_t cap)
{
    DC_EXPECT(st && out && cap > 0);
    out[0] = '\0';
    dc_err_t e = count_now(st, &size);
    if (e)
        return e;
    dc_event_t *ev = malloc(sizeof *ev);
    uint8_t *canon = malloc(DC_PROOF_CANON_MAX);
    dc_hash_t proof[DC_MERKLE_PROOF_MAX];
    uint8_t root[DC_HASH_LEN], sk[DC_STORE_SK_LEN];
    int len = 0;
    text_t t = {out, cap, 0, DC_E_OK};
    e = ev && canon ? DC_E_OK : DC_E_NOMEM;
    if (!e && (seq < 1 || seq > size))
        e = DC_E_NOT_FOUND;
    if (!e)
        e = dc_store_tree_inclusion(st, seq, size, proof, &len);
    if (!e)
        e = dc_store_tree_root(st, size, root);
    if (!e)
        e = dc_store_event_get(st, seq, ev);
    size_t n = 0;
    if (!e) {
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(ev, v);
        n = dc_canon_encode(v, canon, DC_PROOF_CANON_MAX);
        if (n > DC_PROOF_CANON_MAX)
            e = DC_E_TOO_LONG;
    }
    if (!e)
        e = head_lines(st, &t, "inclusion", sk);
    if (!e) {
        put(&t, "# %s #%lld\n", dc_evtype_name(ev->type), (long long)seq);
        put(&t, "event %lld\n", (long long)seq);
        put_hex(&t, "prev", ev->prev_hash, DC_HASH_LEN);
        put_hex(&t, "canon", canon, n);
        e = tail_lines(&t, size, root, proof, len, sk);
    }
    sodium_memzero(sk, sizeof sk);
    free(canon);
    free(ev);
    if (e)
        out[0] = '\0';
    return e;
}

dc_err_t dc_desk_proof_consistency(dc_store_t *st, int64_t from, int64_t to, char *out, size_t cap)
{
    DC_EXPECT(st && out && cap > 0);
    out[0] = '\0';
    dc_err_t e = count_now(st, &to);
    dc_hash_t proof[DC_MERKLE_PROOF_MAX];
    uint8_t then[DC_HASH_LEN], now[DC_HASH_LEN], sk[DC_STORE_SK_LEN];
    int len = 0;
    text_t t = {out, cap, 0, DC_E_OK};
    if (!e && (from < 1 || from > to))
        e = DC_E_NOT_FOUND;
    if (!e)
        e = dc_store_tree_consistency(st, from, to, proof, &len);
    if (!e)
        e = dc_store_tree_root(st, from, then);
    if (!e)
        e = dc_store_tree_root(st, to, now);
    if (!e)
        e = head_lines(st, &t, "consistency", sk);
    if (!e) {
        put(&t, "from %lld\n", (long long)from);
        put_hex(&t, "from-root", then, DC_HASH_LEN);
        e = tail_lines(&t, to, now, proof, len, sk);
    }
    sodium_memzero(sk, sizeof sk);
    if (e)
        out[0] = '\0';
    return e;
}

/* ---- checking, without a ledger ---- */

typedef struct {
    char kind[16], terminal[DC_TERMINAL_ID_MAX], key[DC_TERMINAL_KEY_TEXT_MAX];
    int64_t event, from, size;
    bool has_event, has_from, has_size, has_prev, has_root, has_from_root, has_sig;
    uint8_t prev[DC_HASH_LEN], root[DC_HASH_LEN], from_root[DC_HASH_LEN], sig[crypto_sign_BYTES];
    uint8_t *canon;
    size_t ncanon;
    dc_hash_t proof[DC_MERKLE_PROOF_MAX];
    int len;
} parsed_t;

static dc_err_t bad(dc_proof_check_t *out, dc_err_t e, const char *what)
{
    snprintf(out->what, sizeof out->what, "%s", what);
    return e;
}

static bool number(const char *s, int64_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    long long v = strtoll(s, &end, 10);
    *out = v;
    return *end == '\0' && v > 0;
}

static bool hex_exact(const char *s, uint8_t *out, size_t n)
{
    size_t got;
    return strlen(s) == 2 * n && sodium_hex2bin(out, n, s, 2 * n, NULL, &got, NULL) == 0 &&
           got == n;
}

/* One line into p; false when it is not one a proof has, or comes twice. */
static bool parse_line(parsed_t *p, const char *name, const char *value)
{
    if (strcmp(name, "kind") == 0)
        return !p->kind[0] && strlen(value) < sizeof p->kind &&
               snprintf(p->kind, sizeof p->kind, "%s", value) > 0;
    if (strcmp(name, "terminal") == 0)
        return !p->terminal[0] && strlen(value) < sizeof p->terminal &&
               snprintf(p->terminal, sizeof p->terminal, "%s", value) > 0;
    if (strcmp(name, "key") == 0)
        return !p->key[0] && strlen(value) < sizeof p->key &&
               snprintf(p->key, sizeof p->key, "%s", value) > 0;
    if (strcmp(name, "event") == 0)
        return !p->has_event && (p->has_event = number(value, &p->event));
    if (strcmp(name, "from") == 0)
        return !p->has_from && (p->has_from = number(value, &p->from));
    if (strcmp(name, "size") == 0)
        return !p->has_size && (p->has_size = number(value, &p->size));
    if (strcmp(name, "prev") == 0)
        return !p->has_prev && (p->has_prev = hex_exact(value, p->prev, DC_HASH_LEN));
    if (strcmp(name, "root") == 0)
        return !p->has_root && (p->has_root = hex_exact(value, p->root, DC_HASH_LEN));
    if (strcmp(name, "from-root") == 0)
        return !p->has_from_root &&
               (p->has_from_root = hex_exact(value, p->from_root, DC_HASH_LEN));
    if (strcmp(name, "signature") == 0)
        return !p->has_sig && (p->has_sig = hex_exact(value, p->sig, sizeof p->sig));
    if (strcmp(name, "hash") == 0)
        return !p->has_sig && p->len < DC_MERKLE_PROOF_MAX &&
               hex_exact(value, p->proof[p->len++], DC_HASH_LEN);
    if (strcmp(name, "canon") == 0) {
        size_t n = strlen(value);
        return !p->ncanon && n > 0 && n % 2 == 0 && n / 2 <= DC_PROOF_CANON_MAX &&
               hex_exact(value, p->canon, n / 2) && (p->ncanon = n / 2) > 0;
    }
    return false;
}

static dc_err_t parse(const char *text, parsed_t *p, dc_proof_check_t *out)
{
    const char *at = text;
    bool first = true;
    char line[2 * DC_PROOF_CANON_MAX + 64];
    while (*at) {
        const char *nl = strchr(at, '\n');
        size_t n = nl ? (size_t)(nl - at) : strlen(at);
        if (n >= sizeof line)
            return bad(out, DC_E_PROOF_FORMAT, "a line is too long");
        memcpy(line, at, n);
        line[n] = '\0';
        at += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (first) {
            if (strcmp(line, "daicho-proof 1") != 0)
                return bad(out, DC_E_PROOF_FORMAT, "it does not begin with 'daicho-proof 1'");
            first = false;
            continue;
        }
        char *sp = strchr(line, ' ');
        if (!sp) {
            snprintf(out->what, sizeof out->what, "line '%.60s' has no value", line);
            return DC_E_PROOF_FORMAT;
        }
        *sp = '\0';
        if (!parse_line(p, line, sp + 1)) {
            snprintf(out->what, sizeof out->what, "line '%.40s' is not valid here", line);
            return DC_E_PROOF_FORMAT;
        }
    }
    if (first)
        return bad(out, DC_E_PROOF_FORMAT, "it does not begin with 'daicho-proof 1'");
    bool inclusion = strcmp(p->kind, "inclusion") == 0;
    if (!inclusion && strcmp(p->kind, "consistency") != 0)
        return bad(out, DC_E_PROOF_FORMAT, "kind is neither inclusion nor consistency");
    if (!p->terminal[0] || !p->key[0] || !p->has_size || !p->has_root || !p->has_sig)
        return bad(out, DC_E_PROOF_FORMAT, "terminal, key, size, root or signature is missing");
    if (inclusion ? !p->has_event || !p->has_prev || !p->ncanon || p->has_from || p->has_from_root
                  : !p->has_from || !p->has_from_root || p->has_event || p->has_prev || p->ncanon)
        return bad(out, DC_E_PROOF_FORMAT, "the lines are not those of its kind");
    return DC_E_OK;
}

/* The canonical bytes back into an event: each field in order, and encoding it again must give
 * the same bytes (one event, one encoding). */
static dc_err_t decode_event(const parsed_t *p, dc_event_t *ev)
{
    dc_value_t v[DC_EVENT_NFIELDS];
    char *texts = malloc(p->ncanon + DC_EVENT_NFIELDS);
    if (!texts)
        return DC_E_NOMEM;
    size_t at = 0, tn = 0;
    bool ok = true;
    for (int i = 0; ok && i < DC_EVENT_NFIELDS; i++) {
        if (at + 2 > p->ncanon || p->canon[at] != i) {
            ok = false;
            break;
        }
        char type = (char)p->canon[at + 1];
        at += 2;
        if (type == 'I' && at + 8 <= p->ncanon) {
            uint64_t x = 0;
            for (int k = 0; k < 8; k++)
                x = x << 8 | p->canon[at + k];
            v[i] = (dc_value_t){.is_int = true, .i = (int64_t)x, .s = NULL};
            at += 8;
        } else if (type == 'T' && at + 4 <= p->ncanon) {
            size_t len = (size_t)p->canon[at] << 24 | (size_t)p->canon[at + 1] << 16 |
                         (size_t)p->canon[at + 2] << 8 | p->canon[at + 3];
            at += 4;
            if (len > p->ncanon - at || memchr(p->canon + at, 0, len)) {
                ok = false;
                break;
            }
            memcpy(texts + tn, p->canon + at, len);
            texts[tn + len] = '\0';
            v[i] = (dc_value_t){.is_int = false, .i = 0, .s = texts + tn};
            tn += len + 1;
            at += len;
        } else {
            ok = false;
        }
    }
    uint8_t again[DC_PROOF_CANON_MAX];
    ok = ok && at == p->ncanon && dc_canon_encode(v, again, sizeof again) == p->ncanon &&
         memcmp(again, p->canon, p->ncanon) == 0 && dc_event_from_values(v, ev) == DC_E_OK;
    free(texts);
    return ok ? DC_E_OK : DC_E_PROOF_FORMAT;
}

/* The receipt's checkpoint against the checked proof. */
static dc_err_t against_receipt(const char *receipt, const uint8_t pk[DC_STORE_PK_LEN],
                                const parsed_t *p, dc_proof_check_t *out)
{
    dc_receipt_payload_t r;
    dc_err_t e = dc_receipt_parse(receipt, strlen(receipt), &r);
    if (!e)
        e = dc_receipt_check_sig(&r, pk);
    if (e)
        return bad(out, e, "the receipt is not one this terminal signed");
    if (r.version != DC_RECEIPT_V3_VERSION)
        return bad(
            out, DC_E_PROOF_CHECKPOINT,
            "the receipt is of version 1 or 2 (a chain link, not a tree head): check it with "
            "'receipt verify' against the ledger");
    if (out->inclusion) {
        uint8_t digest[DC_HASH_LEN];
        dc_receipt_event_digest(&out->event, digest);
        if (r.seq != p->event || r.head_count != p->size)
            return bad(out, DC_E_PROOF_CHECKPOINT,
                       "the proof is not for the receipt's event in the receipt's tree head");
        if (memcmp(r.head, p->root, DC_RECEIPT_HEAD_BYTES) != 0 ||
            memcmp(r.digest, digest, DC_RECEIPT_DIGEST_BYTES) != 0)
            return bad(out, DC_E_PROOF_FAILED,
                       "the receipt's tree head or event digest differs from the proof's");
    } else {
        if (r.head_count != p->from)
            return bad(out, DC_E_PROOF_CHECKPOINT,
                       "the proof does not start at the receipt's head");
        if (memcmp(r.head, p->from_root, DC_RECEIPT_HEAD_BYTES) != 0)
            return bad(out, DC_E_PROOF_FAILED, "the receipt's tree head differs from the proof's");
    }
    out->checkpoint = true;
    return DC_E_OK;
}

dc_err_t dc_desk_proof_check(const char *text, const char *key_text, const char *receipt,
                             dc_proof_check_t *out)
{
    DC_EXPECT(text && out);
    memset(out, 0, sizeof *out);
    parsed_t *p = calloc(1, sizeof *p);
    uint8_t *canon = malloc(DC_PROOF_CANON_MAX);
    if (!p || !canon) {
        free(p);
        free(canon);
        return DC_E_NOMEM;
    }
    p->canon = canon;
    dc_err_t e = parse(text, p, out);
    uint8_t pk[DC_STORE_PK_LEN], given[DC_STORE_PK_LEN];
    char id[DC_TERMINAL_ID_MAX];
    if (!e && (dc_terminal_key_parse(p->key, pk, id) || strcmp(id, p->terminal) != 0))
        e = bad(out, DC_E_PROOF_FORMAT, "the key is not the terminal's id's key");
    if (!e) {
        out->inclusion = strcmp(p->kind, "inclusion") == 0;
        memcpy(out->terminal_id, p->terminal, sizeof out->terminal_id);
        out->seq = p->event;
        out->from = p->from;
        out->size = p->size;
        out->hashes = p->len;
        memcpy(out->root, p->root, DC_HASH_LEN);
        memcpy(out->from_root, p->from_root, DC_HASH_LEN);
    }
    if (!e && key_text) {
        char gid[DC_TERMINAL_ID_MAX];
        if (dc_terminal_key_parse(key_text, given, gid))
            e = bad(out, DC_E_TERMINAL_KEY_FORMAT, "the key given is not a terminal key");
        else if (memcmp(given, pk, sizeof pk) != 0)
            e = bad(out, DC_E_PROOF_KEY, "the proof is signed by another key than the one given");
    }
    if (!e) {
        uint8_t msg[sizeof sth_domain + 8 + DC_HASH_LEN];
        sth_message(p->size, p->root, msg);
        if (crypto_sign_verify_detached(p->sig, msg, sizeof msg, pk) != 0)
            e = bad(out, DC_E_PROOF_BAD_SIG, "the signed tree head does not verify with the key");
    }
    if (!e && out->inclusion) {
        if (p->event > p->size)
            e = bad(out, DC_E_PROOF_FORMAT, "the event is beyond the tree's size");
        else if ((e = decode_event(p, &out->event)))
            e = bad(out, e, "the event's canonical bytes are not an event's");
        else if (out->event.seq != p->event)
            e = bad(out, DC_E_PROOF_FAILED, "the event's bytes are of another event number");
        if (!e) {
            uint8_t link[DC_HASH_LEN], leaf[DC_HASH_LEN];
            dc_chain_hash_bytes(p->prev, p->canon, p->ncanon, link);
            dc_merkle_leaf(link, DC_HASH_LEN, leaf);
            if (!dc_merkle_verify_inclusion((uint64_t)p->event - 1, (uint64_t)p->size, leaf,
                                            p->proof, p->len, p->root, DC_HASH_LEN))
                e = bad(out, DC_E_PROOF_FAILED,
                        "the event's leaf is not in the tree head by this proof");
        }
    } else if (!e) {
        if (p->from > p->size)
            e = bad(out, DC_E_PROOF_FORMAT, "from is beyond the tree's size");
        else if (!dc_merkle_verify_consistency((uint64_t)p->from, (uint64_t)p->size, p->from_root,
                                               p->root, p->proof, p->len))
            e = bad(out, DC_E_PROOF_FAILED, "the later tree head does not extend the earlier one");
    }
    if (!e && receipt)
        e = against_receipt(receipt, pk, p, out);
    free(canon);
    free(p);
    return e;
}
