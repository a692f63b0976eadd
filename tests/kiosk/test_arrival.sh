#!/usr/bin/env bash
# Arrival (受領) at another terminal, on two kiosks that trust each other: a transport at A, its
# receipt (read back from the printed paper by zbar) scanned at B with each item's label, B's
# arrival receipt scanned back at A, which closes the transport; the refusals on the way (the
# carrier, an item not on the receipt, a receipt scanned twice); both ledgers verify.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_arrival.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

# A: the demo office of seed 1; B: another office (seed 2), each with its own terminal key.
fresh
DB_A=$DB KEY_A=$KEY
DB_B=$TMP/b.db KEY_B=$TMP/b.key
"$ADMIN" --db "$DB_B" --key-file "$KEY_B" demo --month 2026-10 --seed 2 >/dev/null || exit 1
admin_b() { "$ADMIN" --db "$DB_B" --key-file "$KEY_B" "$@"; }
arrivals_b() { admin_b ledger --month 2026-11 --csv | awk -F, '$5 == "arrival"' | wc -l; }
at_a() { DB=$DB_A KEY=$KEY_A; }
at_b() { DB=$DB_B KEY=$KEY_B; }
check "A trusts B" bash -c "'$ADMIN' --db '$DB_A' --key-file '$KEY_A' terminal trust \
    '$(admin_b terminal export-key)' --name 北出張所 >/dev/null"
check "B trusts A" bash -c "'$ADMIN' --db '$DB_B' --key-file '$KEY_B' terminal trust \
    '$(admin terminal export-key)' --name 本庁舎 >/dev/null"
A_ID=$(admin terminal show | sed -n 's/^端末番号[^:]*: *//p')
B_SATO=$(admin_b staff list | awk '$3 == "佐藤" {print $1}')
B_SUZUKI=$(admin_b staff list | awk '$3 == "鈴木" {print $1}')
B_OWN=$(admin_b item list --state in | grep -o 'DI-[0-9A-Z]*-[0-9A-Z]' | head -n 1)
# The carrier travels with her badge: enrolled at B too, so that B can refuse her.
check "the carrier is enrolled at B" bash -c "echo 7391 | '$ADMIN' --db '$DB_B' --key-file \
    '$KEY_B' staff add --name '田中 花子' --role staff --badge $TANAKA --pin-stdin --actor $B_SATO >/dev/null"

ITEMS=(DI-30XXRVVN-X DI-5J45YMBM-3 DI-HX7X7ZFE-1)

# --- at A: three items out to B, carried by 田中 ------------------------------------------------
kiosk transport_a <<EOF
$(login $TANAKA)
tap 運搬
scan ${ITEMS[0]}
scan ${ITEMS[1]}
scan ${ITEMS[2]}
expect 3 件
tap 次へ
tap 運搬先
tap 南出張所
tap 受取人
tap 南出張所 窓口係
tap 施錠できる鞄
tap 次へ
tap 確定
expect 記録しました
wait 2
shot transport-result
tap 終了
EOF
SENT=$(zbarimg --nodbus --quiet --raw "$TMP/paper-transport_a.png" 2>/dev/null | head -n 1)
check "the transport receipt's QR reads back" grep -Eq '^DR[A-Z2-7]{170,254}$' <<<"$SENT"
check "the receipt says what to do with it" [ -s "$TMP/paper-transport_a.png" ]

# --- the carrier scans the receipt at A's own arrival: refused in red, and why; at a return it --
# --- brings nothing, said in red too --------------------------------------------------------
kiosk carrier_a <<EOF
$(login $TANAKA)
tap 受領
scan $SENT
expect 運搬した本人
absent 控えから読み込みました
expect 0 件
wait 2
shot carrier-refused
tap 中止
tap 返却
scan $SENT
expect 読み込める書類・媒体はありません
absent 正しい控えです
tap 中止
EOF

# --- at B: the carrier is refused; the recipient scans the receipt, then two of the labels --------
at_b
kiosk arrival_b <<EOF
$(login $TANAKA)
tap 受領
scan $SENT
expect 運搬した本人
expect 0 件
tap 中止
tap ログアウト
$(login $B_SUZUKI)
tap 受領
scan $SENT
expect 届いた書類・媒体のラベル
expect 本庁舎
wait 2
shot b-receipt-read
scan ${ITEMS[0]}
expect 1 件
scan $B_OWN
expect 控えに載っていません
scan DI-6Z7VEYGH-Y
expect 控えに載っていません
wait 2
shot b-not-on-receipt
scan ${ITEMS[2]}
expect 2 件
wait 2
shot b-cart
tap 次へ
expect 内容を確認
wait 2
shot b-confirm
tap 確定
expect 記録しました
wait 2
shot b-result
tap 終了
EOF
check "B records two arrivals" [ "$(arrivals_b)" -eq 2 ]
check "B's arrivals name A's terminal" bash -c "'$ADMIN' --db '$DB_B' --key-file '$KEY_B' \
    ledger --month 2026-11 --csv | awk -F, '\$5 == \"arrival\"' | grep -q ',$A_ID,'"
check "B does not take them as its own" bash -c "! '$ADMIN' --db '$DB_B' --key-file '$KEY_B' item show ${ITEMS[0]} >/dev/null 2>&1"
BACK=$(zbarimg --nodbus --quiet --raw "$TMP/paper-arrival_b.png" 2>/dev/null | head -n 1)
check "the arrival receipt's QR reads back" grep -Eq '^DR[A-Z2-7]{170,254}$' <<<"$BACK"

# --- at A: the carrier brings B's arrival receipt back; it closes the two that came ---------------
at_a
kiosk close_a <<EOF
$(login $TANAKA)
tap 受領
scan $BACK
expect 受領の控えを読み込みました
expect 2 件
wait 2
shot a-close-cart
tap 次へ
tap 確定
expect 記録しました
wait 2
shot a-close-result
tap 終了
$(login $TANAKA)
tap 受領
scan $BACK
expect すべて受領済み
expect 0 件
tap 中止
EOF
check "A: the first item is received" [ "$(state_of ${ITEMS[0]})" = in ]
check "A: the third item is received" [ "$(state_of ${ITEMS[2]})" = in ]
check "A: the second, not scanned at B, is still in transit" [ "$(state_of ${ITEMS[1]})" = transit ]
check "A's receive events name B's receiver" bash -c "'$ADMIN' --db '$DB_A' --key-file '$KEY_A' \
    ledger --month 2026-11 --csv | grep ',receive,' | grep -q '鈴木 一郎'"
check "A verifies" admin verify
at_b
check "B verifies" admin verify

# --- in English at 1024x600: the last item arrives at B -----------------------------------------
cat >"$TMP/arrival_en.script" <<EOF
scan $B_SUZUKI
keys 7391
tap OK
tap Receive
scan $SENT
expect Scan the label of each item
wait 2
shot en-receipt-read
scan ${ITEMS[0]}
expect already recorded
wait 2
shot en-already
scan DI-6Z7VEYGH-Y
expect not on the transport receipt
scan ${ITEMS[1]}
expect 1 item(s)
wait 2
shot en-cart
tap Next
wait 2
shot en-confirm
tap OK
expect Recorded
wait 2
shot en-result
tap Finish
EOF
"$KIOSK" --db "$DB" --key-file "$KEY" --lang en --size 1024x600 --script "$TMP/arrival_en.script" \
    --printer "png:$TMP/paper-arrival_en.png" --screenshots "$TMP/shots-arrival_en" \
    2>"$TMP/arrival_en.err"
check "the English arrival at 1024x600 runs" [ $? -eq 0 ]
grep -v '^daicho: renderer' "$TMP/arrival_en.err" | tail -n 20
check "B now has three arrivals" [ "$(arrivals_b)" -eq 3 ]
check "B still verifies" admin verify

# --- in English at A: the second arrival receipt closes the transport's last item ----------------
BACK2=$(zbarimg --nodbus --quiet --raw "$TMP/paper-arrival_en.png" 2>/dev/null | head -n 1)
at_a
cat >"$TMP/close_en.script" <<EOF
scan $SUZUKI
keys 7391
tap OK
tap Receive
scan $BACK
expect already received
scan $BACK2
expect Read the arrival receipt
expect 1 item(s)
wait 2
shot en-close-cart
tap Next
tap OK
expect Recorded
wait 2
shot en-close-result
tap Finish
EOF
"$KIOSK" --db "$DB" --key-file "$KEY" --lang en --size 1024x600 --script "$TMP/close_en.script" \
    --printer "png:$TMP/paper-close_en.png" --screenshots "$TMP/shots-close_en" \
    2>"$TMP/close_en.err"
check "the English closing at A runs" [ $? -eq 0 ]
grep -v '^daicho: renderer' "$TMP/close_en.err" | tail -n 20
check "A: the second item is received too" [ "$(state_of ${ITEMS[1]})" = in ]
check "A verifies at the end" admin verify
[ -n "${DAICHO_SHOTS:-}" ] && cp -r "$TMP"/shots-* "$TMP"/paper-*.png "$DAICHO_SHOTS"/ 2>/dev/null
finish
