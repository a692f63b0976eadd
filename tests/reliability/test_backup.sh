#!/usr/bin/env bash
# backup, restore and rekey from the real daicho-admin: the exit codes of the contract, a backup
# taken while another process appends, a damaged backup refused before anything is replaced,
# the old key refused after a rotation, and kill -9 during each leaving a ledger that verifies
# with the key file it is found with. $1 is the binary.
set -u
BIN=${1:?usage: test_backup.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/backupXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/../cli/lib.sh"

events() { sed -n 's/^OK \([0-9]*\) events.*/\1/p' "$OUT"; }

run 0 init --terminal backup
run 0 staff add --name "管理 者" --role admin
for i in 1 2 3; do run 0 settings set office_name "庁舎$i"; done

# --- backup, online -----------------------------------------------------------------------------
run 2 backup
run 0 verify
B1=$(events)
run 0 backup --to "$TMP/b1.db"
check "backup prints the copy's figures" grep -q "^OK $B1 events" "$OUT"
run 3 backup --to "$TMP/b1.db"
check "an existing file is not overwritten" grep -q DB_EXISTS "$ERR"
check "the backup is encrypted" bash -c "! grep -qa 'SQLite format 3' '$TMP/b1.db'"
# A writer appends meanwhile: the copy is one consistent snapshot that verifies.
(for i in $(seq 1 20); do
    "$BIN" --db "$DB" --key-file "$KEY" settings set office_name "並行$i" >/dev/null 2>&1
done) &
writer=$!
for i in 1 2 3; do run 0 backup --to "$TMP/online$i.db"; done
wait "$writer"
run 0 verify
TOTAL=$(events)

# --- restore ------------------------------------------------------------------------------------
cp "$TMP/b1.db" "$TMP/bad.db"
printf '\x55' | dd of="$TMP/bad.db" bs=1 seek=9000 conv=notrunc status=none
run 1 restore --from "$TMP/bad.db"
check "a damaged backup is refused" grep -q "FAILED" "$OUT"
run 0 verify
check "a refused restore leaves the ledger alone" [ "$(events)" = "$TOTAL" ]
openssl rand -hex 32 >"$TMP/other.key" 2>/dev/null || head -c 32 /dev/urandom | od -An -tx1 |
    tr -d ' \n' >"$TMP/other.key"
chmod 600 "$TMP/other.key"
"$BIN" --db "$TMP/b1.db" --key-file "$TMP/other.key" verify >/dev/null 2>&1
check "a backup does not open with another key" [ $? -eq 3 ]
run 0 restore --from "$TMP/b1.db"
check "the old ledger is kept" grep -q "before-restore" "$OUT"
run 0 verify
check "the restored ledger is the backup" grep -q "^OK $B1 events" "$OUT"
# A second restore at the same (fixed) clock keeps the ledger it replaces under its own name.
run 0 restore --from "$TMP/b1.db"
check "two restores keep two earlier ledgers" [ "$(ls "$DB".before-restore-* | wc -l)" -eq 2 ]

# --- rekey --------------------------------------------------------------------------------------
cp "$KEY" "$TMP/old.key"
run 0 rekey --new-key-file "$TMP/new.key"
check "the new key is in place" cmp -s "$KEY" "$TMP/new.key"
# The old key is kept beside the key, named in the output, until the person removes it.
OLDKEY=$(sed -n 's/^古い鍵 \/ The old key is kept as: //p' "$OUT")
check "rekey names the kept old key" [ -n "$OLDKEY" ]
check "the kept old key is KEY.old-YYYYMMDDTHHMMSS" bash -c "[[ '$OLDKEY' =~ ^$KEY\.old-[0-9]{8}T[0-9]{6}$ ]]"
check "the kept old key is the old key" cmp -s "$OLDKEY" "$TMP/old.key"
check "the kept old key is mode 0600" [ "$(stat -c %a "$OLDKEY")" = 600 ]
check "rekey says to keep the old key with the backups" grep -q 'remove it yourself' "$OUT"
"$BIN" --db "$TMP/b1.db" --key-file "$OLDKEY" verify >/dev/null 2>&1
check "a backup made before the rekey opens with the kept old key" [ $? -eq 0 ]
"$BIN" --db "$DB" --key-file "$TMP/old.key" verify >/dev/null 2>&1
check "the old key no longer opens the ledger" [ $? -eq 3 ]
run 0 verify
run 2 rekey --new-key-file "$KEY"

# --- kill -9 during each ------------------------------------------------------------------------
killed=0
for i in $(seq 1 12); do
    case $((i % 3)) in
    0) args=(backup --to "$TMP/k$i.db") ;;
    1) args=(restore --from "$TMP/b1.db") ;;
    2) args=(rekey --new-key-file "$TMP/k$i.key") ;;
    esac
    "$BIN" --db "$DB" --key-file "$KEY" "${args[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$((RANDOM % 5))$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
    run 0 verify || echo "  after kill -9 during ${args[0]} ($i)"
    [ -e "$TMP/k$i.db" ] && { "$BIN" --db "$TMP/k$i.db" --key-file "$KEY" verify >/dev/null 2>&1 ||
        check "a backup that took its name verifies" false; }
done
echo "backup/restore/rekey: 12 runs, $killed killed mid-way, ledger verified after each"
finish
