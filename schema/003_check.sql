-- daicho schema 3: what the monthly check asks of the log quickly, on a ledger of years.
-- The latest seal and the events of one type (monthly checks, refusals, reprints...).
CREATE INDEX events_by_type ON events (type, seq);
-- The return that closes a take-out and the arrival that closes a transport.
CREATE INDEX events_by_link ON events (link_seq) WHERE link_seq <> 0;
