#!/usr/bin/env bash
# Corrections without rewriting history, and a damaged label replaced, with the real
# daicho-admin: the original stays, the correction names it with a reason and a manager's
# approval, the monthly check lists it; a relabelled item lives on under its new code and the
# old code is refused. $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_correct.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/correctXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

run 0 init
run 0 staff add --name "佐藤 健一" --role admin
ADMIN=$(cat "$OUT")
run 0 staff add --name "髙橋 美咲" --role manager --pin-stdin <<<"4739"
MANAGER=$(cat "$OUT")
run 0 staff add --name "田中 花子" --role staff --pin-stdin <<<"4739"
TANAKA=$(cat "$OUT")
run 0 item add --kind usb --title "集計USB"
USB=$(cat "$OUT")
run 0 record take-out --item "$USB" --actor "$TANAKA" --approver "$MANAGER" --purpose "会議資料" \
    --to "本庁舎" --due 2026-10-07 --second-pin-stdin <<<"4739"
OUTSEQ=$(cat "$OUT")

# --- corrections ------------------------------------------------------------------------------
fix=(correct --event "$OUTSEQ" --reason "目的の記入誤り" --actor "$TANAKA")
run 1 "${fix[@]}" --approver "$TANAKA" --purpose "監査対応" --second-pin-stdin <<<"4739"
check "the corrector cannot approve their own correction" grep -q R_SELF_APPROVAL "$ERR"
run 0 staff add --name "鈴木 一郎" --role staff --pin-stdin <<<"4739"
SUZUKI=$(cat "$OUT")
run 1 "${fix[@]}" --approver "$SUZUKI" --purpose "監査対応" --second-pin-stdin <<<"4739"
check "a correction needs a manager's approval" grep -q R_SECOND_ROLE "$ERR"
run 1 "${fix[@]}" --approver "$MANAGER" --certificate "X-1" --second-pin-stdin <<<"4739"
check "a field the record does not have is refused" grep -q R_CORRECT_FIELD "$ERR"
run 1 "${fix[@]}" --approver "$MANAGER" --second-pin-stdin <<<"4739"
check "a correction must change something" grep -q R_FIELD_MISSING "$ERR"
run 1 correct --event 1 --reason "x" --actor "$TANAKA" --approver "$MANAGER" --purpose "y" --second-pin-stdin <<<"4739"
check "only custody records can be corrected" grep -q R_CORRECT_TARGET "$ERR"
run 1 correct --event 9999 --reason "x" --actor "$TANAKA" --approver "$MANAGER" --purpose "y" --second-pin-stdin <<<"4739"
check "a record that does not exist cannot be corrected" grep -q R_CORRECT_TARGET "$ERR"
run 2 correct --event "$OUTSEQ" --actor "$TANAKA" --approver "$MANAGER" --purpose "y" --second-pin-stdin <<<"4739"
check "a correction needs a reason" grep -q -- "--reason" "$ERR"
run 0 "${fix[@]}" --approver "$MANAGER" --purpose "監査対応" --due 2026-10-09 --second-pin-stdin <<<"4739"
FIXSEQ=$(cat "$OUT")
check "the correction is a new event" [ "$FIXSEQ" -gt "$OUTSEQ" ]
run 0 item show "$USB"
check "the item's history shows the correction" grep -qE "^ +$FIXSEQ .*訂正" "$OUT"
run 0 ledger --month 2026-10 --csv
check "the original take-out is kept as it was" \
    grep -qE "^$OUTSEQ,.*,take-out,.*,会議資料,本庁舎,,2026-10-07," "$OUT"
check "the ledger shows the correction, who made it and who approved" \
    grep -qE "^$FIXSEQ,.*,correction,$USB,.*,田中 花子,$TANAKA,髙橋 美咲,監査対応,.*,2026-10-09," \
    "$OUT"
run 0 ledger --month 2026-10 --form takeout --out -
check "the take-out ledger shows the record as corrected, and the correction beside it" \
    grep -qE "^$OUTSEQ,.*,監査対応,本庁舎,2026-10-09,.*,No.$FIXSEQ 目的の記入誤り \(田中 花子 / 承認 髙橋 美咲\)" "$OUT"
run 0 check --month 2026-10
check "the monthly check lists the correction with its reason" \
    grep -qE "\[correction\].*No.$OUTSEQ: 目的の記入誤り" "$OUT"
check "the refused corrections are anomalies too" \
    [ "$(grep -c '\[refused\].*correction: ' "$OUT")" -eq 6 ]

# --- a damaged label --------------------------------------------------------------------------
run 1 item relabel "$USB" --reason "ラベル破損" --actor "$TANAKA"
check "only an administrator relabels" grep -q R_ACTOR_ROLE "$ERR"
run 2 item relabel "$USB" --actor "$ADMIN"
run 0 item relabel "$USB" --reason "ラベル破損" --actor "$ADMIN"
NEW=$(cat "$OUT")
check "relabel prints the new code" grep -Eq '^DI-[0-9A-Z]{8}-[0-9A-Z]$' <<<"$NEW"
check "the new code is another code" [ "$NEW" != "$USB" ]
run 0 item show "$USB"
check "the old code is retired" grep -q "ラベル廃止" "$OUT"
run 0 item show "$NEW"
check "the item is still out under its new code" grep -q "持ち出し中" "$OUT"
check "the new code's history shows the relabel" grep -q "貼り替え" "$OUT"
run 1 record return --item "$USB" --actor "$TANAKA" --approver "$MANAGER" --second-pin-stdin <<<"4739"
check "the old code is refused with what to do" grep -q R_ITEM_RETIRED "$ERR"
run 0 record return --item "$NEW" --actor "$TANAKA" --approver "$MANAGER" --second-pin-stdin <<<"4739"
RETSEQ=$(cat "$OUT")
run 0 ledger --month 2026-10 --csv
check "the return under the new code links to the take-out" \
    grep -qE "^$RETSEQ,.*,return,$NEW,.*,$OUTSEQ,[^,]*,cli" "$OUT"
run 1 item relabel "$USB" --reason "again" --actor "$ADMIN"
check "a retired code cannot be relabelled" grep -q R_ITEM_RETIRED "$ERR"
run 1 item relabel "$NEW" --new "$NEW" --reason "same" --actor "$ADMIN"
check "the new code must be free" grep -q R_ITEM_EXISTS "$ERR"
run 0 item list --state retired
check "item list shows retired codes" grep -q "$USB" "$OUT"
run 0 verify
finish
