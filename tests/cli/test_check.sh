#!/usr/bin/env bash
# The monthly check from the real daicho-admin on the demo month: the figures and anomalies, the
# seal (manager only, with the right PIN, once, in order, not before the month ends) and its
# slip read back with zbarimg; a refused record shows up as an anomaly. $1 is the binary;
# DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_check.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/checkXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

run 0 demo --month 2026-10
run 0 staff list
MANAGER=$(awk '$2 == "manager" {print $1; exit}' "$OUT")
STAFF=$(awk '$2 == "staff" {print $1; exit}' "$OUT")
OTHER=$(awk '$2 == "staff" && !/released/ {n++} n == 2 {print $1; exit}' "$OUT") # present, not released
run 0 item list --state in
ITEM=$(awk '$3 == "usb" || $3 == "cd" {print $1; exit}' "$OUT")

# --- the check ----------------------------------------------------------------------------------
run 0 check --month 2026-10
check "the check names the month" grep -q "月次点検 / Monthly check 2026-10" "$OUT"
EVENTS=$(sed -n 's|^記録件数 / Events: \([0-9]*\)$|\1|p' "$OUT")
run 0 ledger --month 2026-10 --csv
check "the event count matches the month's ledger" [ "$EVENTS" -eq "$(($(wc -l <"$OUT") - 1))" ]
run 0 check --month 2026-10
check "items still out are listed" grep -qE '^持ち出し中 / Still out: [1-9]' "$OUT"
check "the log is intact" grep -q "Integrity: OK $((EVENTS + 1))" "$OUT" || # and the CSV's export
    grep -q "Integrity: OK" "$OUT"
check "the month is not sealed yet" grep -q "未封印 not sealed" "$OUT"
check "failed log-ins are anomalies" grep -q "\[login-failed\]" "$OUT"
check "no refusal in the demo month" bash -c "! grep -q '\[refused\]' '$OUT'"

# A refused record in November is logged, and November's check shows it.
run 1 record take-out --item "$ITEM" --actor "$STAFF" --approver "$STAFF" --purpose 会議 \
    --to 本庁舎 --due 2026-11-05 --second-pin-stdin <<<"7391"
run 0 check --month 2026-11
check "a refused self-approval is an anomaly of its month" \
    grep -qE '\[refused\].*take-out: R_SELF_APPROVAL' "$OUT"

# --- the seal -----------------------------------------------------------------------------------
run 2 check seal --month 2026-10 --actor "$MANAGER" </dev/null
check "sealing needs the PIN" grep -q "pin-stdin" "$ERR"
run 1 check seal --month 2026-10 --actor "$MANAGER" --pin-stdin <<<"9999"
check "a wrong PIN does not seal" grep -q PIN_WRONG "$ERR"
export DAICHO_NOW=2026-11-02T10:00:02+09:00 # past the 1 s wait after a wrong PIN
run 1 check seal --month 2026-10 --actor "$STAFF" --pin-stdin <<<"7391"
check "a handler cannot seal" grep -q R_ACTOR_ROLE "$ERR"
run 1 check seal --month 2026-11 --actor "$MANAGER" --pin-stdin <<<"7391"
check "a month that has not ended cannot be sealed" grep -q R_MONTH_OPEN "$ERR"
run 2 check seal --month 2026-10 --actor "$MANAGER" --pin-stdin --reason なんとなく <<<"7391"
check "a reason not on the list is refused, naming the ones allowed" grep -q '後日確認する' "$ERR"
cp "$DB" "$TMP/pre-seal.db"
run 0 check seal --month 2026-10 --actor "$MANAGER" --pin-stdin --printer "png:$TMP/seal.png" \
    --reason 後日確認する <<<"7391"
SEAL=$(head -n 1 "$OUT")
check "the seal prints its sequence number" grep -Eq '^[0-9]+$' <<<"$SEAL"
PAYLOAD=$(zbarimg --nodbus --quiet --raw "$TMP/seal.png" 2>/dev/null)
check "the seal slip carries a signed checkpoint" grep -q '^DR' <<<"$PAYLOAD"
run 0 receipt verify "$PAYLOAD"
check "the slip's checkpoint verifies" grep -q RECEIPT_GOOD "$OUT"
check "the slip's checkpoint is a tree head, checked by proofs" \
    grep -Eq '^照合 / checked by: +Merkle tree proofs, [0-9]+ hashes \(v3\)$' "$OUT"
run 1 check seal --month 2026-10 --actor "$MANAGER" --pin-stdin <<<"7391"
check "a month is sealed once" grep -q R_MONTH_SEALED "$ERR"
run 0 check --month 2026-10
check "the check shows the seal's reason" grep -q '^封印 / Seal: 封印済み.*reason: 後日確認する$' "$OUT"
check "the check lists the anomalies and, apart, those for review" \
    bash -c "grep -q '^異常 / Anomalies: ' '$OUT' && grep -q '^要確認 / For review: ' '$OUT'"
# The slip is the outside witness: a ledger rolled back to before the seal, or cut short, is
# found by scanning it.
cp "$DB" "$TMP/sealed.db"
cp "$TMP/pre-seal.db" "$DB"
run 1 receipt verify "$PAYLOAD"
check "a ledger rolled back past the seal is caught by its slip" grep -q RECEIPT_EVENT_MISSING "$OUT"
cp "$TMP/sealed.db" "$DB"
run 1 check seal --month 2026-09 --actor "$MANAGER" --pin-stdin <<<"7391"
check "an earlier month cannot be sealed after a later one" grep -q R_MONTH_ORDER "$ERR"
# A sealed month is closed: a record dated in it (the clock set back) is refused and logged; a
# clock set years ahead cannot seal a month far past the ledger's last work.
run 0 staff list
HELPER=$(awk '$2 == "staff" && !/released/ && $1 != "'"$STAFF"'" {print $1; exit}' "$OUT")
DAICHO_NOW=2026-10-20T10:00:00+09:00 run 1 record take-out --item "$ITEM" --actor "$STAFF" \
    --approver "$HELPER" --purpose 会議 --to 本庁舎 --due 2026-10-25 --second-pin-stdin <<<"7391"
check "nothing dated in a sealed month is recorded" grep -q R_MONTH_CLOSED "$ERR"
run 0 check --month 2026-10
check "the refusal is logged with its reason" grep -qE '\[refused\].*take-out: R_MONTH_CLOSED' "$OUT"
check "and the sealed month still matches its seal" grep -q "Integrity: OK" "$OUT"
DAICHO_NOW=2099-12-02T10:00:00+09:00 run 1 check seal --month 2099-11 --actor "$MANAGER" \
    --pin-stdin <<<"7391"
check "a clock in 2099 cannot seal 2099-11" grep -q R_SEAL_AHEAD "$ERR"
run 0 check --month 2026-10
check "the check shows the seal" grep -q "封印済み sealed, No.$SEAL" "$OUT"
run 0 ledger --month 2026-11 --csv
check "the seal is one monthly-check event of the manager" \
    [ "$(grep -c ",月次点検,monthly-check,,,[^,]*,$MANAGER,,\"'2026-10\"," "$OUT")" -eq 1 ]
check "the four refused seals are logged" \
    [ "$(grep -c ",操作拒否,refused,.*,monthly-check," "$OUT")" -eq 4 ]
run 0 verify

# --- the month to a registered medium: a copy of that medium, by two people ------------------------
run 0 item add --kind usb --title "月次台帳 書出し用USB"
USB=$(cat "$OUT")
run 0 item list --state in
PAPER=$(awk '$3 == "paper" {print $1; exit}' "$OUT")
mkdir -p "$TMP/media"
DAICHO_EXPORT_ANY_DIR=0 run 1 export --month 2026-10 --medium "$USB" --to "$TMP/media" \
    --actor "$MANAGER" --approver "$STAFF" --second-pin-stdin <<<"7391"
check "a folder with no medium mounted on it is refused" grep -q EXPORT_NO_MEDIUM "$ERR"
check "and nothing was written to the terminal's disk" [ ! -e "$TMP/media/daicho-2026-10" ]
# From here on the test's folder stands in for a mounted medium.
export DAICHO_EXPORT_ANY_DIR=1
run 1 export --month 2026-10 --medium "$USB" --to "$TMP/media" --actor "$MANAGER" \
    --approver "$MANAGER" --second-pin-stdin <<<"7391"
check "the export of a month needs a second person" grep -q R_SELF_APPROVAL "$ERR"
check "and nothing was written" [ ! -e "$TMP/media/daicho-2026-10" ]
run 1 export --month 2026-10 --medium "$PAPER" --to "$TMP/media" --actor "$MANAGER" \
    --approver "$STAFF" --second-pin-stdin <<<"7391"
check "a ledger is not written to paper" grep -q EXPORT_PAPER "$ERR"
run 1 export --month 2026-10 --medium "$USB" --to "$TMP/nomedia" --actor "$MANAGER" \
    --approver "$STAFF" --second-pin-stdin <<<"7391"
check "a medium that is not there is said so" grep -q EXPORT_NO_MEDIUM "$ERR"
run 0 ledger --month 2026-11 --csv
BEFORE=$(grep -c ",複製,copy," "$OUT")
run 0 export --month 2026-10 --medium "$USB" --to "$TMP/media" --actor "$MANAGER" \
    --approver "$STAFF" --second-pin-stdin <<<"7391"
EXPSEQ=$(head -n 1 "$OUT")
check "the export prints the copy's number and the folder" \
    grep -q "^$TMP/media/daicho-2026-10\$" "$OUT"
check "seven files on the medium" [ "$(ls "$TMP/media/daicho-2026-10" | wc -l)" -eq 7 ]
check "the take-out ledger on the medium is a PDF" \
    [ "$(head -c 5 "$TMP/media/daicho-2026-10/takeout-2026-10.pdf")" = "%PDF-" ]
run 0 ledger --month 2026-11 --csv
check "the export is one copy event of the medium, approved" \
    [ "$(grep -c ",複製,copy," "$OUT")" -eq $((BEFORE + 1)) -a \
      -n "$(grep -E "^$EXPSEQ,.*,copy,$USB,.*,月次台帳の書出し 2026-10," "$OUT")" ]
run 0 verify

# --- bad input ----------------------------------------------------------------------------------
run 2 check --month 2026-13
check "a bad month is a usage error" grep -q BAD_MONTH "$ERR"
run 2 check
run 2 check seal --month 2026-10 --pin-stdin <<<"7391"
check "sealing names the manager" grep -q -- "--actor" "$ERR"
[ -n "$OTHER" ]
finish
