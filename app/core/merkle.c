/* RFC 9162 Merkle tree: see core/merkle.h. */
#include "core/merkle.h"

#include "core/err.h"
#include "core/sha.h"

#include <string.h>

void dc_merkle_leaf(const uint8_t *data, size_t n, uint8_t out[DC_HASH_LEN])
{
    /* The ledger's leaves are 32-byte links, the published vectors' at most 16 bytes: one buffer
     * and one call of core/sha.h. */
    uint8_t buf[1 + 1024];
    DC_EXPECT(n <= 1024);
    buf[0] = 0x00;
    if (n)
        memcpy(buf + 1, data, n);
    dc_sha256(buf, 1 + n, out);
}

void dc_merkle_node(const uint8_t left[DC_HASH_LEN], const uint8_t right[DC_HASH_LEN],
                    uint8_t out[DC_HASH_LEN])
{
    uint8_t buf[1 + 2 * DC_HASH_LEN];
    buf[0] = 0x01;
    memcpy(buf + 1, left, DC_HASH_LEN);
    memcpy(buf + 1 + DC_HASH_LEN, right, DC_HASH_LEN);
    dc_sha256(buf, sizeof buf, out);
}

/* The largest power of two below n (n >= 2). */
static uint64_t split(uint64_t n)
{
    uint64_t k = 1;
    while (k << 1 < n)
        k <<= 1;
    return k;
}

static int level_of(uint64_t n) /* n a power of two */
{
    int l = 0;
    while ((UINT64_C(1) << l) < n)
        l++;
    return l;
}

/* MTH of leaves a .. b - 1. Every range the recursion makes starts at a multiple of its largest
 * power of two, so a range whose size is a power of two is a perfect subtree the getter knows. */
static int mth(dc_merkle_get_fn get, void *ctx, uint64_t a, uint64_t b, uint8_t out[DC_HASH_LEN])
{
    uint64_t n = b - a;
    if ((n & (n - 1)) == 0) {
        int l = level_of(n);
        return get(ctx, l, a >> l, out);
    }
    uint64_t k = split(n);
    uint8_t left[DC_HASH_LEN], right[DC_HASH_LEN];
    int rc = mth(get, ctx, a, a + k, left);
    if (!rc)
        rc = mth(get, ctx, a + k, b, right);
    if (!rc)
        dc_merkle_node(left, right, out);
    return rc;
}

int dc_merkle_root(dc_merkle_get_fn get, void *ctx, uint64_t size, uint8_t out[DC_HASH_LEN])
{
    if (size == 0) {
        dc_sha256("", 0, out);
        return 0;
    }
    if (size > UINT64_C(1) << 62)
        return -1;
    return mth(get, ctx, 0, size, out);
}

/* RFC 9162 2.1.3.1 PATH(m, D[a:b]): the deepest sibling first. */
static int path(dc_merkle_get_fn get, void *ctx, uint64_t m, uint64_t a, uint64_t b,
                dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len)
{
    uint64_t n = b - a;
    if (n == 1)
        return 0;
    uint64_t k = split(n);
    int rc = m < a + k ? path(get, ctx, m, a, a + k, proof, len)
                       : path(get, ctx, m, a + k, b, proof, len);
    if (rc)
        return rc;
    if (*len >= DC_MERKLE_PROOF_MAX)
        return -1;
    rc = m < a + k ? mth(get, ctx, a + k, b, proof[*len]) : mth(get, ctx, a, a + k, proof[*len]);
    if (!rc)
        (*len)++;
    return rc;
}

int dc_merkle_inclusion(dc_merkle_get_fn get, void *ctx, uint64_t leaf, uint64_t size,
                        dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len)
{
    *len = 0;
    if (leaf >= size || size > UINT64_C(1) << 62)
        return -1;
    return path(get, ctx, leaf, 0, size, proof, len);
}

/* RFC 9162 2.1.4.1 SUBPROOF(m, D[a:b], whole): m leaves of the range are the old tree's. */
static int subproof(dc_merkle_get_fn get, void *ctx, uint64_t m, uint64_t a, uint64_t b, bool whole,
                    dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len)
{
    uint64_t n = b - a;
    int rc;
    if (m == n) {
        if (whole)
            return 0;
        if (*len >= DC_MERKLE_PROOF_MAX)
            return -1;
        if (!(rc = mth(get, ctx, a, b, proof[*len])))
            (*len)++;
        return rc;
    }
    uint64_t k = split(n);
    if (m <= k)
        rc = subproof(get, ctx, m, a, a + k, whole, proof, len);
    else
        rc = subproof(get, ctx, m - k, a + k, b, false, proof, len);
    if (rc)
        return rc;
    if (*len >= DC_MERKLE_PROOF_MAX)
        return -1;
    rc = m <= k ? mth(get, ctx, a + k, b, proof[*len]) : mth(get, ctx, a, a + k, proof[*len]);
    if (!rc)
        (*len)++;
    return rc;
}

int dc_merkle_consistency(dc_merkle_get_fn get, void *ctx, uint64_t m, uint64_t n,
                          dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len)
{
    *len = 0;
    if (m == 0 || m > n || n > UINT64_C(1) << 62)
        return -1;
    return subproof(get, ctx, m, 0, n, true, proof, len);
}

/* RFC 9162's verifiers, after a node taken from the left: shift fn and sn right together until
 * fn's lowest bit is set or fn is 0 (the subtrees that had no right sibling). */
static void realign(uint64_t *fn, uint64_t *sn)
{
    while (!(*fn & 1) && *fn != 0) {
        *fn >>= 1;
        *sn >>= 1;
    }
}

bool dc_merkle_verify_inclusion(uint64_t leaf, uint64_t size, const uint8_t leaf_hash[DC_HASH_LEN],
                                const dc_hash_t *proof, int len, const uint8_t *root,
                                size_t root_len)
{
    if (leaf >= size || root_len == 0 || root_len > DC_HASH_LEN || len < 0)
        return false;
    uint64_t fn = leaf, sn = size - 1;
    uint8_t r[DC_HASH_LEN];
    memcpy(r, leaf_hash, DC_HASH_LEN);
    for (int i = 0; i < len; i++) {
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            dc_merkle_node(proof[i], r, r);
            realign(&fn, &sn);
        } else {
            dc_merkle_node(r, proof[i], r);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && memcmp(r, root, root_len) == 0;
}

bool dc_merkle_verify_consistency(uint64_t m, uint64_t n, const uint8_t root_m[DC_HASH_LEN],
                                  const uint8_t root_n[DC_HASH_LEN], const dc_hash_t *proof,
                                  int len)
{
    if (m == 0 || m > n || len < 0)
        return false;
    if (m == n)
        return len == 0 && memcmp(root_m, root_n, DC_HASH_LEN) == 0;
    if (len == 0)
        return false;
    /* A power-of-two old tree is the first node of the path, which the proof leaves out. */
    bool pow2 = (m & (m - 1)) == 0;
    const uint8_t *first = pow2 ? root_m : proof[0];
    int i = pow2 ? 0 : 1;
    uint64_t fn = m - 1, sn = n - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    uint8_t fr[DC_HASH_LEN], sr[DC_HASH_LEN];
    memcpy(fr, first, DC_HASH_LEN);
    memcpy(sr, first, DC_HASH_LEN);
    for (; i < len; i++) {
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            dc_merkle_node(proof[i], fr, fr);
            dc_merkle_node(proof[i], sr, sr);
            realign(&fn, &sn);
        } else {
            dc_merkle_node(sr, proof[i], sr);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && memcmp(fr, root_m, DC_HASH_LEN) == 0 && memcmp(sr, root_n, DC_HASH_LEN) == 0;
}

void dc_merkle_acc_push(dc_merkle_acc_t *acc, const uint8_t leaf_hash[DC_HASH_LEN],
                        dc_merkle_done_fn done, void *ctx)
{
    uint8_t h[DC_HASH_LEN];
    memcpy(h, leaf_hash, DC_HASH_LEN);
    uint64_t size = acc->size;
    if (done)
        done(ctx, 0, size, h);
    int level = 0;
    while (size >> level & 1) {
        dc_merkle_node(acc->peak[level], h, h);
        level++;
        if (done)
            done(ctx, level, size >> level, h);
    }
    memcpy(acc->peak[level], h, DC_HASH_LEN);
    acc->size = size + 1;
}

void dc_merkle_acc_root(const dc_merkle_acc_t *acc, uint8_t out[DC_HASH_LEN])
{
    if (acc->size == 0) {
        dc_sha256("", 0, out);
        return;
    }
    int level = 0;
    while (!(acc->size >> level & 1))
        level++;
    uint8_t r[DC_HASH_LEN];
    memcpy(r, acc->peak[level], DC_HASH_LEN);
    for (level++; level < 64; level++)
        if (acc->size >> level & 1)
            dc_merkle_node(acc->peak[level], r, r);
    memcpy(out, r, DC_HASH_LEN);
}
