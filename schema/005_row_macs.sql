-- The rows beside the log that decide an identity or a rule (PIN hashes and their counters, the
-- enrolment codes that let a first PIN be chosen, the terminal's signing key, the terminals it
-- trusts) carry a MAC (BLAKE2b) under a random key of
-- this ledger, kept in meta. The triggers below keep it with every change, inside the same
-- statement, so it is never out of step; they call daicho_mac, which only daicho defines, so an
-- edit through another tool fails unless the triggers are dropped first, and verify then finds
-- both the changed rows and the changed schema. See dc_store_check_macs in app/store/verify.c.
INSERT INTO meta(key, value) VALUES ('row_mac_key', lower(hex(randomblob(32))));

ALTER TABLE credentials ADD COLUMN mac BLOB NOT NULL DEFAULT x'';
ALTER TABLE terminal_key ADD COLUMN mac BLOB NOT NULL DEFAULT x'';
ALTER TABLE trusted_terminals ADD COLUMN mac BLOB NOT NULL DEFAULT x'';
ALTER TABLE enrol_codes ADD COLUMN mac BLOB NOT NULL DEFAULT x'';

UPDATE credentials SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
    'credentials', badge, pin_hash, failures, locked, last_fail_ms);
UPDATE terminal_key SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
    'terminal_key', terminal_id, public_key, secret_key, created_ms);
UPDATE trusted_terminals SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
    'trusted_terminals', terminal_id, public_key, name, trusted_ms);
UPDATE enrol_codes SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
    'enrol_codes', badge, code_hash, expires_ms, issued_by);

CREATE TRIGGER credentials_mac_insert AFTER INSERT ON credentials
BEGIN
    UPDATE credentials SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
        'credentials', badge, pin_hash, failures, locked, last_fail_ms) WHERE badge = NEW.badge;
END;

CREATE TRIGGER credentials_mac_update
AFTER UPDATE OF badge, pin_hash, failures, locked, last_fail_ms ON credentials
BEGIN
    UPDATE credentials SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
        'credentials', badge, pin_hash, failures, locked, last_fail_ms) WHERE badge = NEW.badge;
END;

CREATE TRIGGER terminal_key_mac_insert AFTER INSERT ON terminal_key
BEGIN
    UPDATE terminal_key SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
        'terminal_key', terminal_id, public_key, secret_key, created_ms) WHERE one = NEW.one;
END;

CREATE TRIGGER terminal_key_mac_update
AFTER UPDATE OF terminal_id, public_key, secret_key, created_ms ON terminal_key
BEGIN
    UPDATE terminal_key SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
        'terminal_key', terminal_id, public_key, secret_key, created_ms) WHERE one = NEW.one;
END;

CREATE TRIGGER trusted_terminals_mac_insert AFTER INSERT ON trusted_terminals
BEGIN
    UPDATE trusted_terminals SET mac = daicho_mac(
        (SELECT value FROM meta WHERE key = 'row_mac_key'),
        'trusted_terminals', terminal_id, public_key, name, trusted_ms)
        WHERE terminal_id = NEW.terminal_id;
END;

CREATE TRIGGER trusted_terminals_mac_update
AFTER UPDATE OF terminal_id, public_key, name, trusted_ms ON trusted_terminals
BEGIN
    UPDATE trusted_terminals SET mac = daicho_mac(
        (SELECT value FROM meta WHERE key = 'row_mac_key'),
        'trusted_terminals', terminal_id, public_key, name, trusted_ms)
        WHERE terminal_id = NEW.terminal_id;
END;

CREATE TRIGGER enrol_codes_mac_insert AFTER INSERT ON enrol_codes
BEGIN
    UPDATE enrol_codes SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
        'enrol_codes', badge, code_hash, expires_ms, issued_by) WHERE badge = NEW.badge;
END;

CREATE TRIGGER enrol_codes_mac_update
AFTER UPDATE OF badge, code_hash, expires_ms, issued_by ON enrol_codes
BEGIN
    UPDATE enrol_codes SET mac = daicho_mac((SELECT value FROM meta WHERE key = 'row_mac_key'),
        'enrol_codes', badge, code_hash, expires_ms, issued_by) WHERE badge = NEW.badge;
END;
