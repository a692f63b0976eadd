-- daicho schema 4: what keeps a badge's PIN its owner's.
-- The time of the last wrong PIN, so the 1-2-4-8 s wait survives a cancel, a rescan or another
-- program: an attempt before it has passed is refused without looking at the PIN.
ALTER TABLE credentials ADD COLUMN last_fail_ms INTEGER NOT NULL DEFAULT 0;

-- One-time enrolment codes: an administrator hands one out, the person enters it before
-- choosing a first PIN. Only a hash is kept; a code expires and is used once.
CREATE TABLE enrol_codes (
    badge      TEXT PRIMARY KEY,
    code_hash  TEXT NOT NULL,
    expires_ms INTEGER NOT NULL,
    issued_by  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
