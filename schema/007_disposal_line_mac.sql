-- daicho schema 7: the line schema/006 drew is kept under the ledger's row MAC key.
-- disposal_rules_from_seq decides which disposals verify and the counter judge by the older,
-- looser rule, yet it is a row of meta, not an event: raised with another tool, it would let a
-- new, wrong disposal pass both. Its MAC (the daicho_mac of schema/005, over the table, the key
-- and the value) is kept beside it; verify refuses the line when the two differ, and the counter
-- then judges by kind. The line never moves after 006 wrote it, so no trigger keeps the MAC: a
-- ledger that reaches this migration gets it once, here.
INSERT INTO meta(key, value)
    SELECT 'disposal_rules_from_seq_mac', lower(hex(daicho_mac(
        (SELECT value FROM meta WHERE key = 'row_mac_key'), 'meta', key, value)))
    FROM meta WHERE key = 'disposal_rules_from_seq';
