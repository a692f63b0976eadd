-- daicho schema 6: disposal techniques judged by the kind of medium.
-- From this upgrade on, a disposal whose technique the ledger knows must suit the item's kind
-- and the technique's NIST SP 800-88 category, and a certificate number is letters, digits, '-'
-- and '/'. Records made before it were not held to that: verify replays the events before this
-- sequence number with the older rule only (paper by destruction), so older ledgers still verify.
INSERT INTO meta(key, value)
    SELECT 'disposal_rules_from_seq', CAST(coalesce(max(seq), 0) + 1 AS TEXT) FROM events;
