#!/usr/bin/env bash
# Four writers on one item: four real daicho-admin processes take the same USB stick out and
# return it, in loops, at the same time. The link of a return (the take-out it closes) and the
# time stamp are taken inside the write transaction, so whatever the interleaving: every return
# closes the take-out just before it on that item, the time stamps follow the chain, verify says
# OK, and the take-out ledger (様式2) shows no take-out unreturned while the item is in storage.
# $1 is the binary, $2 the rounds per writer (default 40).
set -u
BIN=${1:?usage: test_writers.sh path/to/daicho-admin [ROUNDS]}
ROUNDS=${2:-40}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/writersXXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
# The real clock: the writers' time stamps must come out in the chain's order by themselves.
unset DAICHO_NOW
. "$(dirname "$0")/../cli/lib.sh"

run 0 init --terminal "窓口端末1" --office "テスト区役所"
echo 4739 | run 0 staff add --name "佐藤 健一" --role admin --pin-stdin
ADMIN=$(cat "$OUT")
WRITERS=()
for n in 1 2 3 4; do
    echo 7391 | run 0 staff add --name "職員 $n" --role staff --pin-stdin --actor "$ADMIN"
    WRITERS+=("$(cat "$OUT")")
done
run 0 item add --kind usb --title "集計USB 住民記録" --place "書庫A" --actor "$ADMIN"
ITEM=$(cat "$OUT")

# writer N: take out and return, ROUNDS times; a refusal (the item already out or already back,
# because another writer was first) is a normal answer here.
writer() {
    local me=${WRITERS[$1]} other=${WRITERS[$((($1 + 1) % 4))]}
    for ((r = 0; r < ROUNDS; r++)); do
        "$BIN" --db "$DB" --key-file "$KEY" record take-out --item "$ITEM" --actor "$me" \
            --approver "$other" --purpose 会議 --to 本庁舎 --due 2099-12-31 \
            --second-pin-stdin <<<7391 >>"$TMP/w$1.out" 2>>"$TMP/w$1.err"
        echo "take-out $?" >>"$TMP/w$1.rc"
        "$BIN" --db "$DB" --key-file "$KEY" record return --item "$ITEM" --actor "$me" \
            --approver "$other" --second-pin-stdin <<<7391 >>"$TMP/w$1.out" 2>>"$TMP/w$1.err"
        echo "return $?" >>"$TMP/w$1.rc"
    done
}
for w in 0 1 2 3; do
    writer "$w" &
done
wait

check "every writer's command ended with 0 (done) or 1 (refused by the rules)" \
    bash -c "! grep -hvE ' (0|1)$' '$TMP'/w?.rc"
check "the rules refused only what the item's state forbids" \
    bash -c "! grep -h '^daicho-admin: \[' '$TMP'/w?.err | grep -vE '\[R_ITEM_(OUT|IN)\]'"
RETURNS=$(grep -ch '^return 0$' "$TMP"/w?.rc | paste -sd+ | bc)
TAKEOUTS=$(grep -ch '^take-out 0$' "$TMP"/w?.rc | paste -sd+ | bc)
check "the writers interleaved: returns were recorded ($RETURNS)" [ "$RETURNS" -ge 4 ]

MONTH=$(date +%Y-%m)
run 0 ledger --month "$MONTH" --csv
# seq,date,time,label,type,item,... and the link in the 22nd column
awk -F, -v item="$ITEM" '$6 == item && ($5 == "take-out" || $5 == "return") {print $1, $5, $22}' \
    "$OUT" >"$TMP/custody"
check "the ledger holds every take-out that was acknowledged ($TAKEOUTS)" \
    [ "$(grep -c ' take-out' "$TMP/custody")" -eq "$TAKEOUTS" ]
check "the ledger holds every return that was acknowledged ($RETURNS)" \
    [ "$(grep -c ' return' "$TMP/custody")" -eq "$RETURNS" ]
# In seq order: out, back, out, back...; each return names the take-out just before it.
check "every return is linked to the take-out it closes" awk '
    $2 == "take-out" { if (open) bad = 1; open = $1 }
    $2 == "return" { if (!open || $3 != open) bad = 1; open = 0 }
    END { exit bad }' "$TMP/custody"

run 0 verify
check "verify says OK" grep -q '^OK ' "$OUT"

run 0 check --month "$MONTH"
check "the time stamps follow the chain (no clock going back)" \
    bash -c "! grep -q '\[clock-back\]' '$OUT'"

run 0 item show "$ITEM"
STATE=$(cat "$OUT")
run 0 ledger --month "$MONTH" --form takeout --format csv --out "$TMP/form2.csv"
# 様式2: one row per take-out; a row without its return date (返却日, the 11th column) is still
# out. None may be while the item is in storage, at most the last one while it is out.
UNRETURNED=$(tail -n +2 "$TMP/form2.csv" | awk -F, '$11 == "" {n++} END {print n + 0}')
ROWS=$(tail -n +2 "$TMP/form2.csv" | grep -c .)
check "様式2 lists every take-out ($ROWS)" [ "$ROWS" -eq "$TAKEOUTS" ]
if grep -qE '^状態 / state: +保管中 \(in\)' <<<"$STATE"; then
    check "様式2: no take-out unreturned while the item is in storage" [ "$UNRETURNED" -eq 0 ]
else
    check "様式2: only the take-out still open is unreturned" [ "$UNRETURNED" -le 1 ]
fi
finish
