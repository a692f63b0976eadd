-- daicho schema 8: the ledger as a Merkle tree (RFC 9162; app/core/merkle.h), kept beside the events
-- so that a receipt's event and a later ledger's keeping of an earlier one are each proved with
-- about log2(N) hashes instead of a walk over every event.
--
-- Leaf i is the leaf hash of event i + 1's chain link (events.hash). The perfect subtree of 2^l
-- leaves ending at event s is complete when event s is written; for l >= 1, s is even. The row of
-- an even event s holds, 32 bytes each and lowest level first, the perfect subtrees that its leaf
-- completes: levels 1 to the number of trailing zero bits of s. Odd events complete none (their
-- own leaf is computed from the event) and get no row. The program writes the row in the
-- transaction that writes the event; schema 8 fills the rows of the events already kept.
-- verify recomputes the tree from the events and compares every row.
CREATE TABLE tree (
    seq INTEGER PRIMARY KEY CHECK (seq > 0 AND seq % 2 = 0),
    nodes BLOB NOT NULL CHECK (length(nodes) > 0 AND length(nodes) % 32 = 0)
) STRICT;

CREATE TRIGGER tree_no_update BEFORE UPDATE ON tree
BEGIN
    SELECT RAISE(ABORT, 'daicho: the tree is append-only (UPDATE refused)');
END;

CREATE TRIGGER tree_no_delete BEFORE DELETE ON tree
BEGIN
    SELECT RAISE(ABORT, 'daicho: the tree is append-only (DELETE refused)');
END;

CREATE TRIGGER tree_append_only BEFORE INSERT ON tree
WHEN NEW.seq <= coalesce((SELECT max(seq) FROM tree), 0)
    OR NEW.seq > coalesce((SELECT max(seq) FROM events), 0)
BEGIN
    SELECT RAISE(ABORT, 'daicho: tree rows are appended in order, for events already written');
END;
