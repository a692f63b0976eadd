/* The ledger's Merkle tree (core/merkle.h) as the store keeps it (schema/008_tree.sql): tree heads
 * and proofs of any size up to the ledger's, each in O(log N) reads. Leaf i is event i + 1. */
#ifndef DC_STORE_TREE_H
#define DC_STORE_TREE_H

#include <stdint.h>

#include "core/err.h"
#include "core/merkle.h"
#include "store/types.h"

/* The tree head (MTH) of the ledger's first size events (size 0: the empty tree). */
DC_WUR dc_err_t dc_store_tree_root(dc_store_t *st, int64_t size, uint8_t out[DC_HASH_LEN]);

/* The leaf hash of event seq: SHA-256(0x00 || its chain link). */
DC_WUR dc_err_t dc_store_tree_leaf(dc_store_t *st, int64_t seq, uint8_t out[DC_HASH_LEN]);

/* The inclusion proof of event seq in the tree of the first size events (1 <= seq <= size), and
 * the consistency proof from the tree of from events to the tree of to (1 <= from <= to).
 * *len receives the number of hashes. DC_E_NOT_FOUND when a size is beyond the ledger's events;
 * DC_E_VERIFY_FAILED (with dc_store_detail saying which) when a row the proof needs is missing. */
DC_WUR dc_err_t dc_store_tree_inclusion(dc_store_t *st, int64_t seq, int64_t size,
                                        dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len);
DC_WUR dc_err_t dc_store_tree_consistency(dc_store_t *st, int64_t from, int64_t to,
                                          dc_hash_t proof[DC_MERKLE_PROOF_MAX], int *len);

#endif
