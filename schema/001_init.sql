-- daicho schema 1: the append-only, hash-chained event log and the state derived from it.
-- Every table is STRICT so that a stored value is exactly what was hashed (no silent
-- conversion between '5' and 5).

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_ms INTEGER NOT NULL
) STRICT;

-- Terminal settings: db_id, terminal_id, terminal_name, office_name, tz_min, created_ms.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One row per event. The columns are the fields of dc_event_t in canonical order; hash links
-- the row to prev_hash (see app/core/canon.h).
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY CHECK (seq > 0),
    group_seq   INTEGER NOT NULL CHECK (group_seq > 0 AND group_seq <= seq),
    type        TEXT NOT NULL,
    ts_ms       INTEGER NOT NULL,
    tz_min      INTEGER NOT NULL,
    terminal    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    actor       TEXT NOT NULL,
    second      TEXT NOT NULL,
    item        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    link_seq    INTEGER NOT NULL,
    purpose     TEXT NOT NULL,
    from_place  TEXT NOT NULL,
    to_place    TEXT NOT NULL,
    due         TEXT NOT NULL,
    method      TEXT NOT NULL,
    technique   TEXT NOT NULL,
    certificate TEXT NOT NULL,
    masked      INTEGER NOT NULL,
    quantity    INTEGER NOT NULL,
    carrier     TEXT NOT NULL,
    locked_bag  INTEGER NOT NULL,
    recipient   TEXT NOT NULL,
    dest_item   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    category    TEXT NOT NULL,
    title       TEXT NOT NULL,
    place       TEXT NOT NULL,
    section     TEXT NOT NULL,
    personal    INTEGER NOT NULL,
    my_number   INTEGER NOT NULL,
    notes       TEXT NOT NULL,
    name        TEXT NOT NULL,
    kana        TEXT NOT NULL,
    role        TEXT NOT NULL,
    designated  TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash        BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE INDEX events_by_item ON events (item, seq) WHERE item <> '';
CREATE INDEX events_by_time ON events (ts_ms);

-- Append-only: rows are never changed or removed, and each new row extends the sequence by
-- exactly one (this also stops INSERT OR REPLACE from overwriting a row without a DELETE).
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'daicho: events are append-only (UPDATE refused)');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'daicho: events are append-only (DELETE refused)');
END;

CREATE TRIGGER events_append_only BEFORE INSERT ON events
WHEN NEW.seq <> coalesce((SELECT max(seq) FROM events), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'daicho: events are append-only (sequence must grow by one)');
END;

-- Derived from the events in the same transaction; verify rebuilds and compares them.
CREATE TABLE items (
    code      TEXT PRIMARY KEY,
    category  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    title     TEXT NOT NULL,
    place     TEXT NOT NULL,
    section   TEXT NOT NULL,
    personal  INTEGER NOT NULL,
    my_number INTEGER NOT NULL,
    notes     TEXT NOT NULL,
    state     TEXT NOT NULL,
    state_seq INTEGER NOT NULL,
    holder    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX items_by_state ON items (state);

CREATE TABLE staff (
    badge      TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kana       TEXT NOT NULL,
    section    TEXT NOT NULL,
    role       TEXT NOT NULL,
    designated TEXT NOT NULL,
    released   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- PIN hashes (Argon2id strings) and the failure counter: secrets and counters, not history,
-- so they are kept beside the log rather than in it.
CREATE TABLE credentials (
    badge    TEXT PRIMARY KEY,
    pin_hash TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    locked   INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
