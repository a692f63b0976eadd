#!/usr/bin/env bash
# The kiosk records and shows each item's own facts: a transport of two items from two places
# shows both places at the confirmation, takes an optional carrier scan (default the handler)
# that the arrival rule then asks, and a return of items from two take-outs shows both take-out
# numbers. The ledger is read back with daicho-admin. $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_records.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

fresh
admin item add --kind usb --title "運搬テスト USB1" --place "書庫A" >"$TMP/a" || exit 1
admin item add --kind usb --title "運搬テスト USB2" --place "倉庫B" >"$TMP/b" || exit 1
A=$(cat "$TMP/a")
B=$(cat "$TMP/b")

# --- a transport carried by someone else, from two places ---------------------------------------
kiosk transport <<EOF
$(login $TANAKA)
tap 運搬
scan $A
scan $B
tap 次へ
expect 運搬者: 田中 花子
expect 別の職員が運ぶときは
tap 運搬先
tap 南出張所
tap 受取人
tap 南出張所 窓口係
scan DB-00000000-0
scan $SUZUKI
expect 運搬者を記録します
expect 運搬者: 鈴木 一郎
tap 次へ
expect 内容を確認
expect 運搬元 書庫A
expect 運搬元 倉庫B
expect 運搬者: 鈴木 一郎
tap 確定
expect 記録しました
expect 運搬元 倉庫B
tap 終了
EOF
if [ -n "${DAICHO_PNGFIND:-}" ]; then
    check "the transport receipt shows the first place" \
        "$DAICHO_PNGFIND" "$TMP/paper-transport.png" "運搬元 From: 書庫A"
    check "and the second" "$DAICHO_PNGFIND" "$TMP/paper-transport.png" "運搬元 From: 倉庫B"
    check "and the carrier scanned" "$DAICHO_PNGFIND" "$TMP/paper-transport.png" "鈴木 一郎"
fi
kiosk receive <<EOF
$(login $SUZUKI)
tap 受領
scan $A
expect 運搬した本人
tap 中止
tap ログアウト
$(login $NAKAMURA)
tap 受領
scan $A
scan $B
tap 次へ
expect 運搬記録 No.
tap 確定
expect 記録しました
tap 終了
EOF
# Cells may be quoted in the CSV (text stays text in Excel).
# The record's own type is the fifth column (a refused attempt names the type later on).
types() { november | awk -F, -v t="$1" '$5 == t || $5 == "\"" t "\""' | wc -l; }
check "two transports and two arrivals recorded" [ "$(types transport)" -eq 2 -a "$(types receive)" -eq 2 ]
admin item show "$A" >"$TMP/show-a"
check "the carrier scanned is recorded" grep -qE "運搬 .*書庫A → 南出張所 運搬者 鈴木 一郎" "$TMP/show-a"
admin item show "$B" >"$TMP/show-b"
check "each item leaves from its own place" grep -qE "運搬 .*倉庫B → 南出張所" "$TMP/show-b"
admin ledger --month 2026-11 --form copy-transport --out - >"$TMP/f10" 2>/dev/null
check "様式10 names the carrier" grep -q "鈴木 一郎" "$TMP/f10"

# --- without a scan, the handler carries ------------------------------------------------------
kiosk transport2 <<EOF
$(login $TANAKA)
tap 運搬
scan $A
tap 次へ
tap 運搬先
tap 北出張所
tap 受取人
tap 北出張所 窓口係
tap 次へ
expect 運搬元: 南出張所
expect 運搬者: 田中 花子
tap 確定
expect 記録しました
tap 終了
EOF
admin item show "$A" >"$TMP/show-a2"
check "without a carrier scan the handler is the carrier" \
    grep -qE "運搬 .*南出張所 → 北出張所 運搬者 田中 花子" "$TMP/show-a2"

# --- a return of items from two take-outs -----------------------------------------------------
for item in "$B"; do
    admin record take-out --item "$item" --actor "$TANAKA" --approver "$SUZUKI" \
        --purpose "監査対応" --to "本庁舎" --due 2026-11-09 --second-pin-stdin <<<"7391" \
        >"$TMP/out1" || exit 1
done
OUT1=$(cat "$TMP/out1")
admin item add --kind usb --title "返却テスト USB3" --place "書庫A" >"$TMP/c" || exit 1
C=$(cat "$TMP/c")
admin record take-out --item "$C" --actor "$TANAKA" --approver "$SUZUKI" --purpose "監査対応" \
    --to "本庁舎" --due 2026-11-09 --second-pin-stdin <<<"7391" >"$TMP/out2" || exit 1
OUT2=$(cat "$TMP/out2")
kiosk return <<EOF
$(login $TANAKA)
tap 返却
scan $B
scan $C
tap 次へ
scan $SUZUKI
keys 7391
tap 確定
tap 承認
expect 持ち出し記録 No.$OUT1
expect 持ち出し記録 No.$OUT2
tap 確定
expect 記録しました
tap 終了
EOF
check "both items are back" [ "$(state_of "$B")" = in -a "$(state_of "$C")" = in ]
finish
