/* The RFC 9162 Merkle tree (core/merkle.h): the published Certificate Transparency test vectors
 * (the eight leaves of RFC 6962's reference tests, their roots, audit paths and consistency
 * proofs), and every proof of every tree of 1..64 leaves made and checked, with any changed byte,
 * index or size refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/merkle.h"

static const char *const leaf_hex[8] = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
};

/* MTH of the first n leaves, n = 0..8. */
static const char *const root_hex[9] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static const struct {
    uint64_t leaf, size;
    int n;
    const char *path[3];
} paths[] = {
    {0, 1, 0, {NULL}},
    {0,
     8,
     3,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {5,
     8,
     3,
     {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2, 3, 1, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
    {1,
     5,
     3,
     {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
};

static const struct {
    uint64_t m, n;
    int len;
    const char *proof[3];
} consistencies[] = {
    {1, 1, 0, {NULL}},
    {1,
     8,
     3,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {6,
     8,
     3,
     {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2,
     5,
     2,
     {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
};

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = strlen(h) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned b;
        assert_int_equal(sscanf(h + 2 * i, "%2x", &b), 1);
        out[i] = (uint8_t)b;
    }
    return n;
}

static void hash_of(const char *h, uint8_t out[DC_HASH_LEN])
{
    assert_int_equal(unhex(h, out), DC_HASH_LEN);
}

/* A tree held in memory: the leaf hashes, every perfect subtree computed from them. */
typedef struct {
    dc_hash_t leaf[64];
    uint64_t n;
    int calls;
} mem_t;

static void subtree(const mem_t *t, int level, uint64_t index, uint8_t out[DC_HASH_LEN])
{
    if (level == 0) {
        memcpy(out, t->leaf[index], DC_HASH_LEN);
        return;
    }
    uint8_t l[DC_HASH_LEN], r[DC_HASH_LEN];
    subtree(t, level - 1, index * 2, l);
    subtree(t, level - 1, index * 2 + 1, r);
    dc_merkle_node(l, r, out);
}

static int get(void *ctx, int level, uint64_t index, uint8_t out[DC_HASH_LEN])
{
    mem_t *t = ctx;
    t->calls++;
    if ((index + 1) << level > t->n)
        return 7; /* a subtree beyond the leaves: never asked for */
    subtree(t, level, index, out);
    return 0;
}

static void vector_tree(mem_t *t, uint64_t n)
{
    memset(t, 0, sizeof *t);
    for (uint64_t i = 0; i < n; i++) {
        uint8_t d[16];
        size_t len = unhex(leaf_hex[i], d);
        dc_merkle_leaf(d, len, t->leaf[i]);
    }
    t->n = n;
}

static void test_roots(void **state)
{
    (void)state;
    for (uint64_t n = 0; n <= 8; n++) {
        mem_t t;
        vector_tree(&t, n);
        uint8_t want[DC_HASH_LEN], got[DC_HASH_LEN];
        hash_of(root_hex[n], want);
        assert_int_equal(dc_merkle_root(get, &t, n, got), 0);
        assert_memory_equal(got, want, DC_HASH_LEN);
        /* The accumulator, leaf by leaf, gives the same heads. */
        dc_merkle_acc_t acc = {0};
        for (uint64_t i = 0; i < n; i++)
            dc_merkle_acc_push(&acc, t.leaf[i], NULL, NULL);
        dc_merkle_acc_root(&acc, got);
        assert_memory_equal(got, want, DC_HASH_LEN);
    }
}

static void test_published_paths(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof paths / sizeof paths[0]; c++) {
        mem_t t;
        vector_tree(&t, paths[c].size);
        dc_hash_t proof[DC_MERKLE_PROOF_MAX];
        int len = -1;
        assert_int_equal(dc_merkle_inclusion(get, &t, paths[c].leaf, paths[c].size, proof, &len),
                         0);
        assert_int_equal(len, paths[c].n);
        for (int i = 0; i < len; i++) {
            uint8_t want[DC_HASH_LEN];
            hash_of(paths[c].path[i], want);
            assert_memory_equal(proof[i], want, DC_HASH_LEN);
        }
        uint8_t root[DC_HASH_LEN];
        hash_of(root_hex[paths[c].size], root);
        assert_true(dc_merkle_verify_inclusion(paths[c].leaf, paths[c].size, t.leaf[paths[c].leaf],
                                               (const dc_hash_t *)proof, len, root, DC_HASH_LEN));
    }
}

static void test_published_consistency(void **state)
{
    (void)state;
    mem_t t;
    vector_tree(&t, 8);
    for (size_t c = 0; c < sizeof consistencies / sizeof consistencies[0]; c++) {
        dc_hash_t proof[DC_MERKLE_PROOF_MAX];
        int len = -1;
        uint64_t m = consistencies[c].m, n = consistencies[c].n;
        assert_int_equal(dc_merkle_consistency(get, &t, m, n, proof, &len), 0);
        assert_int_equal(len, consistencies[c].len);
        for (int i = 0; i < len; i++) {
            uint8_t want[DC_HASH_LEN];
            hash_of(consistencies[c].proof[i], want);
            assert_memory_equal(proof[i], want, DC_HASH_LEN);
        }
        uint8_t rm[DC_HASH_LEN], rn[DC_HASH_LEN];
        hash_of(root_hex[m], rm);
        hash_of(root_hex[n], rn);
        assert_true(dc_merkle_verify_consistency(m, n, rm, rn, (const dc_hash_t *)proof, len));
    }
}

/* Every inclusion and consistency proof of trees of 1..64 leaves verifies; a flipped bit in any
 * hash of it, another leaf index, another size or the other head does not. */
static void test_all_sizes(void **state)
{
    (void)state;
    mem_t t = {0};
    for (int i = 0; i < 64; i++) {
        uint8_t d[4] = {(uint8_t)i, 0xda, 0x1c, 0x40};
        dc_merkle_leaf(d, sizeof d, t.leaf[i]);
    }
    t.n = 64;
    dc_hash_t roots[65];
    for (uint64_t n = 1; n <= 64; n++)
        assert_int_equal(dc_merkle_root(get, &t, n, roots[n]), 0);
    for (uint64_t n = 1; n <= 64; n++) {
        for (uint64_t i = 0; i < n; i++) {
            dc_hash_t p[DC_MERKLE_PROOF_MAX];
            int len;
            assert_int_equal(dc_merkle_inclusion(get, &t, i, n, p, &len), 0);
            const dc_hash_t *cp = (const dc_hash_t *)p;
            assert_true(dc_merkle_verify_inclusion(i, n, t.leaf[i], cp, len, roots[n], 32));
            assert_true(dc_merkle_verify_inclusion(i, n, t.leaf[i], cp, len, roots[n], 16));
            if (n > 1)
                assert_false(
                    dc_merkle_verify_inclusion(i, n, t.leaf[(i + 1) % n], cp, len, roots[n], 32));
            if (i + 1 < n)
                assert_false(
                    dc_merkle_verify_inclusion(i + 1, n, t.leaf[i], cp, len, roots[n], 32));
            if (n < 64)
                assert_false(
                    dc_merkle_verify_inclusion(i, n + 1, t.leaf[i], cp, len, roots[n + 1], 32));
            for (int j = 0; j < len; j++) {
                p[j][j % 32] ^= 0x10;
                assert_false(dc_merkle_verify_inclusion(i, n, t.leaf[i], cp, len, roots[n], 32));
                p[j][j % 32] ^= 0x10;
            }
            if (len)
                assert_false(
                    dc_merkle_verify_inclusion(i, n, t.leaf[i], cp, len - 1, roots[n], 32));
        }
        for (uint64_t m = 1; m <= n; m++) {
            dc_hash_t p[DC_MERKLE_PROOF_MAX];
            int len;
            assert_int_equal(dc_merkle_consistency(get, &t, m, n, p, &len), 0);
            const dc_hash_t *cp = (const dc_hash_t *)p;
            assert_true(dc_merkle_verify_consistency(m, n, roots[m], roots[n], cp, len));
            if (m < n) {
                assert_false(dc_merkle_verify_consistency(m, n, roots[n], roots[n], cp, len));
                assert_false(dc_merkle_verify_consistency(m, n, roots[m], roots[m], cp, len));
                if (m > 1)
                    assert_false(
                        dc_merkle_verify_consistency(m - 1, n, roots[m - 1], roots[n], cp, len));
                for (int j = 0; j < len; j++) {
                    p[j][31 - j % 32] ^= 0x01;
                    assert_false(dc_merkle_verify_consistency(m, n, roots[m], roots[n], cp, len));
                    p[j][31 - j % 32] ^= 0x01;
                }
            }
        }
    }
}

/* A proof asks the store for about log2(N) perfect subtrees, however large the tree. */
static void test_log_lookups(void **state)
{
    (void)state;
    mem_t t = {0};
    for (int i = 0; i < 64; i++)
        dc_merkle_leaf((const uint8_t *)&i, sizeof i, t.leaf[i]);
    t.n = 63;
    dc_hash_t p[DC_MERKLE_PROOF_MAX];
    int len;
    t.calls = 0;
    assert_int_equal(dc_merkle_inclusion(get, &t, 17, 63, p, &len), 0);
    assert_true(len <= 6 && t.calls <= 2 * 6);
    t.calls = 0;
    assert_int_equal(dc_merkle_consistency(get, &t, 37, 63, p, &len), 0);
    assert_true(len <= 12 && t.calls <= 2 * 12);
    /* Out of range: refused, not answered. */
    assert_int_equal(dc_merkle_inclusion(get, &t, 63, 63, p, &len), -1);
    assert_int_equal(dc_merkle_consistency(get, &t, 0, 63, p, &len), -1);
    assert_int_equal(dc_merkle_consistency(get, &t, 9, 8, p, &len), -1);
}

/* The accumulator reports every perfect subtree it completes, as the store keeps them. */
typedef struct {
    int count[7];
    const mem_t *t;
} seen_t;

static void done(void *ctx, int level, uint64_t index, const uint8_t hash[DC_HASH_LEN])
{
    seen_t *s = ctx;
    uint8_t want[DC_HASH_LEN];
    subtree(s->t, level, index, want);
    assert_memory_equal(hash, want, DC_HASH_LEN);
    s->count[level]++;
}

static void test_acc_done(void **state)
{
    (void)state;
    mem_t t = {0};
    for (int i = 0; i < 64; i++)
        dc_merkle_leaf((const uint8_t *)&i, sizeof i, t.leaf[i]);
    t.n = 64;
    seen_t s = {.t = &t};
    dc_merkle_acc_t acc = {0};
    for (int i = 0; i < 64; i++)
        dc_merkle_acc_push(&acc, t.leaf[i], done, &s);
    for (int l = 0; l <= 6; l++)
        assert_int_equal(s.count[l], 64 >> l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roots),
        cmocka_unit_test(test_published_paths),
        cmocka_unit_test(test_published_consistency),
        cmocka_unit_test(test_all_sizes),
        cmocka_unit_test(test_log_lookups),
        cmocka_unit_test(test_acc_done),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
