-- daicho schema 2: the terminal's signing key for receipts, and the terminals whose receipts
-- this one trusts. Keys are secrets and settings, not history, so they live beside the log.

-- This terminal's Ed25519 key pair (libsodium): one row at most. terminal_id is "T" and the
-- first 8 base32 characters of SHA-256(public_key); it is also kept in meta as terminal_id.
CREATE TABLE terminal_key (
    one         INTEGER PRIMARY KEY CHECK (one = 1),
    terminal_id TEXT NOT NULL,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    secret_key  BLOB NOT NULL CHECK (length(secret_key) = 64),
    created_ms  INTEGER NOT NULL
) STRICT;

-- Other terminals' public keys, added by 'daicho-admin terminal trust'. A receipt from one of
-- them can be checked for its signature here (its ledger is on the other terminal).
CREATE TABLE trusted_terminals (
    terminal_id TEXT PRIMARY KEY,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    name        TEXT NOT NULL,
    trusted_ms  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
