-- daicho schema 3: what the monthly check asks of the log quickly, on a ledger of years.
-- The seals: a partial index, a handful of rows, nothing to maintain on other appends.
CREATE INDEX events_seals ON events (seq) WHERE type = 'monthly-check';
-- The return that closes a take-out and the arrival that closes a transport (and what a
-- correction or a reprint names); the other events carry no link and stay out of it.
CREATE INDEX events_by_link ON events (link_seq) WHERE link_seq <> 0;
