#!/usr/bin/env bash
# Every record as it is right now, and per item, with the real daicho-admin: a corrected due date
# seen by the monthly check, a late return and a late arrival flagged, the carrier of a transport
# recorded (default the handler) and in 様式10, and the receipt of a transport of two items from
# two places printed to PNG, its QR read by zbarimg and verified, and both places found in its
# dots (pngfind). $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool;
# DAICHO_PNGFIND is tests/print/pngfind.
set -u
BIN=${1:?usage: test_records.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/recordsXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-01T10:00:00+09:00
. "$(dirname "$0")/lib.sh"
FIND=${DAICHO_PNGFIND:-}
qr() { zbarimg --nodbus --quiet --raw "$1" 2>/dev/null; }

run 0 init --terminal "窓口端末1" --office "テスト区役所"
run 0 staff add --name "佐藤 健一" --role admin
run 0 staff add --name "髙橋 美咲" --role manager --pin-stdin <<<"4739"
MANAGER=$(cat "$OUT")
run 0 staff add --name "田中 花子" --role staff --pin-stdin <<<"4739"
TANAKA=$(cat "$OUT")
run 0 staff add --name "鈴木 一郎" --role staff --pin-stdin <<<"4739"
SUZUKI=$(cat "$OUT")
run 0 staff add --name "山本 次郎" --role staff --pin-stdin <<<"4739"
YAMAMOTO=$(cat "$OUT")
for v in A B C D E; do
    place=書庫A
    [ "$v" = B ] && place=倉庫B
    run 0 item add --kind usb --title "USB $v" --place "$place"
    eval "U$v=\$(cat \"\$OUT\")"
done

# --- the issue's case: due 10-10 corrected to 11-30 -------------------------------------------
out() { # item due: a take-out by 田中, approved by 鈴木
    run 0 record take-out --item "$1" --actor "$TANAKA" --approver "$SUZUKI" --purpose "監査対応" \
        --to "本庁舎" --due "$2" --second-pin-stdin <<<"4739"
}
out "$UA" 2026-10-10
OUTA=$(cat "$OUT")
run 0 correct --event "$OUTA" --reason "返却予定日の記入誤り" --actor "$TANAKA" \
    --approver "$MANAGER" --due 2026-11-30 --second-pin-stdin <<<"4739"
FIX=$(cat "$OUT")
out "$UC" 2026-10-09
OUTC=$(cat "$OUT")
DAICHO_NOW=2026-10-16T10:00:00+09:00 run 0 record return --item "$UC" --actor "$TANAKA" \
    --approver "$SUZUKI" --second-pin-stdin <<<"4739"
BACKC=$(cat "$OUT")

# --- a transport of two items from two places, one carried by someone else -------------------
DAICHO_NOW=2026-10-05T10:00:00+09:00 run 0 record transport --item "$UB" --item "$UD" \
    --actor "$TANAKA" --to "北出張所" --due 2026-10-06
read -r TR1 TR2 < <(tr '\n' ' ' <"$OUT")
DAICHO_NOW=2026-10-05T11:00:00+09:00 run 0 record transport --item "$UE" --actor "$TANAKA" \
    --carrier "$SUZUKI" --to "南出張所"
TR3=$(cat "$OUT")
run 0 item show "$UB"
check "the item's history names the carrier: the handler by default" \
    grep -qE "^ +$TR1 .*運搬者 田中 花子" "$OUT"
check "and where it left from and is due to arrive" grep -qE "^ +$TR1 .*倉庫B → 北出張所 \(到着予定 2026-10-06\)" "$OUT"
run 0 item show "$UA"
check "the item's history shows the take-out as corrected" \
    grep -qE "^ +$OUTA .*\(返却予定 2026-11-30\) \[訂正済 No.$FIX\]" "$OUT"
DAICHO_NOW=2026-10-08T10:00:00+09:00 run 1 record receive --item "$UE" --actor "$SUZUKI"
check "the carrier named cannot record the arrival" grep -q R_SELF_RECEIVE "$ERR"
DAICHO_NOW=2026-10-08T10:00:00+09:00 run 1 record receive --item "$UB" --actor "$TANAKA"
check "nor the handler who carried it" grep -q R_SELF_RECEIVE "$ERR"
DAICHO_NOW=2026-10-08T10:00:00+09:00 run 0 record receive --item "$UB" --actor "$YAMAMOTO"
GOTB=$(cat "$OUT")
DAICHO_NOW=2026-10-08T10:05:00+09:00 run 0 record receive --item "$UE" --actor "$YAMAMOTO"

# The receipt on paper: its QR read back and checked, its words found in its dots.
run 0 print receipt --event "$TR1" --printer "png:$TMP/transport.png"
PAYLOAD=$(qr "$TMP/transport.png")
check "zbarimg reads the receipt's QR" grep -q '^DR' <<<"$PAYLOAD"
run 0 receipt verify "$PAYLOAD"
check "the receipt proves the record" grep -q RECEIPT_GOOD "$OUT"
if [ -n "$FIND" ]; then
    check "the receipt shows where each item left from: 書庫A" \
        "$FIND" "$TMP/transport.png" "運搬元 From: 書庫A"
    check "and 倉庫B" "$FIND" "$TMP/transport.png" "運搬元 From: 倉庫B"
    check "the receipt names the carrier, the handler" "$FIND" "$TMP/transport.png" "田中 花子"
    check "a place it does not show is not found" \
        bash -c '! "$0" "$1" "南出張所" 2>/dev/null' "$FIND" "$TMP/transport.png"
fi

# --- the monthly check --------------------------------------------------------------------------
DAICHO_NOW=2026-11-02T10:00:00+09:00 run 0 check --month 2026-10
check "the corrected take-out is not overdue" \
    bash -c '! grep -E "No.$0 .*\[overdue\]" "$1"' "$OUTA" "$OUT"
check "and is listed with its corrected due date" grep -qE "No.$OUTA .*返却予定 2026-11-30" "$OUT"
check "a return after its due date is flagged 返却予定日超過" \
    grep -qE "No.$BACKC .*\[overdue\] 返却予定日超過.*返却 2026-10-16 \(返却予定 2026-10-09\)" "$OUT"
check "an arrival after the transport's due date is flagged" \
    grep -qE "No.$GOTB .*\[late-arrival\] 到着予定日超過.*受領 2026-10-08 \(到着予定 2026-10-06\)" "$OUT"
check "a transport still on the way after its due date is flagged" \
    grep -qE "No.$TR2 .*\[late-arrival\].*運搬中" "$OUT"

# A transport's expected arrival can be corrected like a take-out's due date, and is measured
# as corrected.
DAICHO_NOW=2026-10-20T10:00:00+09:00 run 0 correct --event "$TR1" --reason "到着予定日の記入誤り" \
    --actor "$TANAKA" --approver "$MANAGER" --due 2026-10-08 --second-pin-stdin <<<"4739"
DAICHO_NOW=2026-11-02T10:00:00+09:00 run 0 check --month 2026-10
check "the arrival on its corrected date is not late" \
    bash -c '! grep -E "No.$0 .*\[late-arrival\]" "$1"' "$GOTB" "$OUT"

# --- 様式10: the carrier is filled -------------------------------------------------------------
# Cells may be quoted (text stays text in Excel): "? around each.
q() { local IFS='|'; echo "$*" | sed 's/|/"?,"?/g'; }
run 0 ledger --month 2026-10 --form copy-transport --out -
check "様式10 names the handler as carrier when none was named" \
    grep -qE "^$TR1,.*,\"?$(q 倉庫B 北出張所 "田中 花子")\"?," "$OUT"
check "様式10 names each item's own place" \
    grep -qE "^$TR2,.*,\"?$(q 書庫A 北出張所 "田中 花子")\"?," "$OUT"
check "様式10 names the carrier named" grep -qE "^$TR3,.*,\"?$(q 南出張所 "鈴木 一郎")\"?," "$OUT"
run 0 verify
finish
