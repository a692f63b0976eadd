/* The ledger as a Merkle tree (RFC 9162, section 2.1): its leaves are the events' chain links in
 * sequence order (leaf i is event i + 1), so that one event's place in the log, and one log's
 * being a prefix of a later one, are each proved with about log2(N) hashes.
 *
 *   leaf hash  = SHA-256(0x00 || the event's 32-byte chain link)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH of n leaves: the leaf hash for n = 1, SHA-256 of nothing for n = 0, and otherwise
 *   node(MTH(first k), MTH(rest)) with k the largest power of two below n.
 *
 * Proofs are RFC 9162's (2.1.3 inclusion, 2.1.4 consistency), as the transparency logs verify them.
 * A subtree of 2^level leaves starting at leaf index << level is "perfect"; every hash a proof or a
 * root needs is a perfect subtree's or is made of them, so a store that keeps the perfect
 * subtrees' hashes answers each proof in O(log N) lookups. Pure: no I/O; SHA-256 is OpenSSL's. */
#ifndef DC_CORE_MERKLE_H
#define DC_CORE_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/canon.h"

/* A proof of a tree of up to 2^63 leaves has at most 63 (inclusion) or 64 (consistency) hashes. */
#define DC_MERKLE_PROOF_MAX 64

typedef uint8_t dc_hash_t[DC_HASH_LEN];

/* SHA-256(0x00 || data) and SHA-256(0x01 || left || right). */
void dc_merkle_leaf(const uint8_t *data, size_t n, uint8_t out[DC_HASH_LEN]);
void dc_merkle_node(const uint8_t left[DC_HASH_LEN], const uint8_t right[DC_HASH_LEN],
                    uint8_t out[DC_HASH_LEN]);

/* Where the hashes of perfect subtrees come from: fill out with the hash of the 2^level leaves
 * from leaf index << level. Returns 0, or a non-zero code that the caller passes back. */
typedef int (*dc_merkle_get_fn)(void *ctx, int level, uint64_t index, uint8_t out[DC_HASH_LEN]);

/* MTH of the first size leaves; inclusion proof of leaf (0-based) in the tree of size leaves;
 * consistency proof from the tree of m leaves to the tree of n leaves (0 < m <= n). *len receives
 * the number of hashes. Returns 0, get's non-zero code, or -1 for arguments out of range. */
int dc_merkle_root(dc_merkle_get_fn get, void *ctx, uint64_t size, uint8_t out[DC_HASH_LEN]);
int dc_merkle_inclusion(dc_merkle_get_fn get, void *ctx, uint64_t leaf, uint64_t size,
                        dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len);
int dc_merkle_consistency(dc_merkle_get_fn get, void *ctx, uint64_t m, uint64_t n,
                          dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len);

/* RFC 9162's verifiers. The inclusion's root may be given truncated (root_len 16 for a printed
 * checkpoint, 32 in full): its first root_len bytes must match. A consistency proof from a tree
 * whose size is a power of two leaves that tree's head out (the verifier is to know it), so both
 * heads are given whole; a printed one is compared by its prefix first. m == n is consistent with
 * an empty proof and equal heads. */
bool dc_merkle_verify_inclusion(uint64_t leaf, uint64_t size, const uint8_t leaf_hash[DC_HASH_LEN],
                                const dc_hash_t *proof, int len, const uint8_t *root,
                                size_t root_len);
bool dc_merkle_verify_consistency(uint64_t m, uint64_t n, const uint8_t root_m[DC_HASH_LEN],
                                  const uint8_t root_n[DC_HASH_LEN], const dc_hash_t *proof,
                                  int len);

/* The tree grown leaf by leaf (the "compact range" of the whole tree: one hash per set bit of
 * size). dc_merkle_acc_push adds a leaf hash and reports each perfect subtree it completes to
 * done (may be NULL), lowest level first, the leaf itself as level 0. */
typedef struct {
    uint64_t size;
    dc_hash_t peak[64]; /* peak[k]: the perfect subtree of 2^k leaves, when bit k of size is set */
} dc_merkle_acc_t;

typedef void (*dc_merkle_done_fn)(void *ctx, int level, uint64_t index,
                                  const uint8_t hash[DC_HASH_LEN]);
void dc_merkle_acc_push(dc_merkle_acc_t *acc, const uint8_t leaf_hash[DC_HASH_LEN],
                        dc_merkle_done_fn done, void *ctx);
/* MTH of the leaves pushed so far. */
void dc_merkle_acc_root(const dc_merkle_acc_t *acc, uint8_t out[DC_HASH_LEN]);

#endif
