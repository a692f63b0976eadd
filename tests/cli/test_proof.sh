#!/usr/bin/env bash
# The ledger's Merkle tree proofs from the real daicho-admin, as an auditor uses them: a receipt
# printed and scanned back (zbarimg); the inclusion proof of its event in its checkpoint and the
# consistency proof from its checkpoint to the ledger now, each checked with the ledger and its
# key moved away; the inclusion proof logged as a read-out and refused to staff; and every
# changed line of a proof, another terminal's key, another receipt and a malformed file refused
# with a reason. $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_proof.sh path/to/daicho-admin}
command -v zbarimg >/dev/null || { echo "zbarimg missing (apt-get install zbar-tools)"; exit 77; }
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/proofXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

run 0 demo --month 2026-10
run 0 staff list
MANAGER=$(awk '$2 == "manager" {print $1; exit}' "$OUT")
STAFF=$(awk '$2 == "staff" && !/released/ {print $1; exit}' "$OUT")
OTHER=$(awk '$2 == "staff" && !/released/ {n++} n == 2 {print $1; exit}' "$OUT")
run 0 item list --state in
ITEM=$(awk '$3 == "paper" {print $1; exit}' "$OUT")

# A take-out at the counter and its receipt, as the scanner reads it.
run 0 record take-out --item "$ITEM" --actor "$STAFF" --approver "$MANAGER" --purpose 会議 \
    --to 本庁舎 --due 2026-11-05 --second-pin-stdin <<<"7391"
SEQ=$(head -n 1 "$OUT")
run 0 print receipt --event "$SEQ" --printer "png:$TMP/receipt.png" --actor "$MANAGER"
RECEIPT=$(zbarimg --nodbus --quiet --raw "$TMP/receipt.png" 2>/dev/null)
check "the receipt carries a signed checkpoint" grep -q '^DR' <<<"$RECEIPT"
run 0 receipt verify "$RECEIPT"
check "the receipt is checked by the tree's proofs" grep -q 'Merkle tree proofs' "$OUT"
SIZE=$(sed -n 's|^時点 / checkpoint: *\([0-9]*\) events.*|\1|p' "$OUT")
check "the receipt's checkpoint is its event" [ "$SIZE" = "$SEQ" ]
run 0 terminal export-key
TERMKEY=$(cat "$OUT")

# The ledger goes on after the receipt.
for i in 1 2 3; do
    run 0 record return --item "$ITEM" --actor "$STAFF" --approver "$MANAGER" \
        --second-pin-stdin <<<"7391"
    run 0 record take-out --item "$ITEM" --actor "$STAFF" --approver "$MANAGER" --purpose 会議 \
        --to 本庁舎 --due 2026-11-05 --second-pin-stdin <<<"7391"
done

# --- making them ---------------------------------------------------------------------------------
run 0 proof inclusion --event "$SEQ" --size "$SIZE" --actor "$MANAGER"
cp "$OUT" "$TMP/inclusion.txt"
check "the proof names its kind, event and size" \
    bash -c "grep -qx 'kind inclusion' '$OUT' && grep -qx 'event $SEQ' '$OUT' && grep -qx 'size $SIZE' '$OUT'"
run 0 ledger --month 2026-11 --csv --actor "$MANAGER"
check "the inclusion proof (the event's own bytes) is logged as a read-out" \
    grep -q "proof inclusion $SEQ" "$OUT"
run 1 proof inclusion --event "$SEQ" --actor "$OTHER"
check "staff may not take an event's bytes out" grep -q 'R_ACTOR_ROLE\|役割\|role' "$ERR"
run 0 proof consistency --from "$SIZE"
cp "$OUT" "$TMP/consistency.txt"
run 0 verify
NOW=$(sed -n 's/^OK \([0-9]*\) events.*/\1/p' "$OUT")
check "the consistency proof reaches the ledger now" grep -qx "size $NOW" "$TMP/consistency.txt"
run 1 proof inclusion --event 999999 --actor "$MANAGER"
check "an event beyond the ledger is named" grep -q 'beyond the ledger' "$ERR"
run 1 proof consistency --from 5 --to 999999
check "a size beyond the ledger is named" grep -q 'beyond the ledger' "$ERR"
run 2 proof inclusion --event abc
run 2 proof consistency
run 2 proof frobnicate

# --- checking them, with no ledger and no key ------------------------------------------------------
mv "$DB" "$TMP/away.db"
mv "$KEY" "$TMP/away.key"
run 0 proof check "$TMP/inclusion.txt" --key "$TERMKEY" --receipt "$RECEIPT"
check "the inclusion proof holds for the receipt's checkpoint" \
    bash -c "grep -q '^\[OK\]' '$OUT' && grep -q 'its event in its head' '$OUT'"
check "the event the proof is about is shown" grep -q "記録 / event: *$SEQ (take-out" "$OUT"
run 0 proof check "$TMP/consistency.txt" --key "$TERMKEY" --receipt "$RECEIPT"
check "the ledger now extends the receipt's checkpoint" grep -q 'from its head' "$OUT"
run 0 proof check - <"$TMP/consistency.txt"
check "the proof is read from standard input" grep -q '^\[OK\]' "$OUT"
check "no ledger was made where it was moved from" [ ! -e "$DB" ]

# Every line changed, one at a time: each is refused (1) or not a proof (2), never OK.
for f in inclusion consistency; do
    lines=$(wc -l <"$TMP/$f.txt")
    bad=0
    for ((l = 1; l <= lines; l++)); do
        line=$(sed -n "${l}p" "$TMP/$f.txt")
        case $line in '#'*) continue ;; esac
        # the last hex digit flipped, or the number made one more
        awk -v l="$l" 'NR == l {
            c = substr($0, length($0), 1)
            if (c ~ /[0-9a-f]/ && $1 != "kind" && $1 != "event" && $1 != "size" && $1 != "from")
                $0 = substr($0, 1, length($0) - 1) (c == "0" ? "1" : "0")
            else if ($2 ~ /^[0-9]+$/) $2 = $2 + 1
            else $0 = $0 "x"
        } { print }' "$TMP/$f.txt" >"$TMP/changed.txt"
        "${WRAP[@]}" "$BIN" proof check "$TMP/changed.txt" >"$OUT" 2>"$ERR"
        rc=$?
        if [ "$rc" -eq 0 ] || ! grep -q 'PROOF_\|TERMINAL_KEY' "$ERR"; then
            echo "  $f line $l accepted or unexplained (exit $rc): $line" | cut -c1-120
            bad=$((bad + 1))
        fi
    done
    check "every changed line of the $f proof is refused with a reason" [ "$bad" -eq 0 ]
done

run 2 proof check "$TMP/inclusion.txt" --key "TAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check "a key that is not a terminal key is named" grep -q 'TERMINAL_KEY_FORMAT' "$ERR"
# Another terminal's key: a new ledger's.
"$BIN" --db "$TMP/b.db" --key-file "$TMP/b.key" init --terminal 別端末 --office 別庁舎 >/dev/null
OTHERKEY=$("$BIN" --db "$TMP/b.db" --key-file "$TMP/b.key" terminal export-key)
run 1 proof check "$TMP/inclusion.txt" --key "$OTHERKEY"
check "a proof signed by another terminal's key than the one given is refused" \
    grep -q 'PROOF_KEY' "$ERR"
# The consistency proof does not prove the receipt's event; the inclusion proof not another's.
sed "s/^size $SIZE\$/size $((SIZE + 1))/" "$TMP/inclusion.txt" >"$TMP/resized.txt"
run 1 proof check "$TMP/resized.txt"
check "a proof moved to another size breaks its signature" grep -q 'PROOF_BAD_SIG' "$ERR"
mv "$TMP/away.db" "$DB"
mv "$TMP/away.key" "$KEY"
run 0 proof inclusion --event "$SEQ" --actor "$MANAGER"
cp "$OUT" "$TMP/later.txt"
run 1 proof check "$TMP/later.txt" --receipt "$RECEIPT"
check "a proof in a later head is not the receipt's checkpoint, and says what to do" \
    bash -c "grep -q 'PROOF_CHECKPOINT' '$ERR' && grep -q 'Make the proof again' '$ERR'"
run 0 proof check "$TMP/later.txt"
check "...though it holds by itself" grep -q '^\[OK\]' "$OUT"

printf 'hello\n' >"$TMP/junk.txt"
run 2 proof check "$TMP/junk.txt"
check "a file that is not a proof is named" grep -q 'PROOF_FORMAT' "$ERR"
head -n 8 "$TMP/inclusion.txt" >"$TMP/short.txt"
run 2 proof check "$TMP/short.txt"
check "a cut proof is named" grep -q 'missing' "$ERR"
run 2 proof check "$TMP/nothing-here.txt"
check "a missing file is named" grep -q 'nothing-here.txt' "$ERR"
finish
