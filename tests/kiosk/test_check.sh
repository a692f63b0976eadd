#!/usr/bin/env bash
# The manager's monthly check at the kiosk (月次点検), driven headless: the month picker, the
# summary, the anomalies and the history behind them, the scan-back inventory, the printed
# summary, and the seal with the manager's badge and PIN; then the ledger is read back with
# daicho-admin. Also: staff never see the check, a second seal and the other refusals are shown
# on screen, and the idle lock in the middle of a check commits nothing. The export to a medium
# is in test_export.sh.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_check.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

sealed_october() { # how many monthly-check events of 2026-10 by the manager
    # The month is text in the CSV: quoted with OWASP's leading quote, so it never opens as a date.
    november | awk -F, -v m="$1" -v mon="\"'2026-10\"" \
        '$5 == "monthly-check" && $11 == mon && $9 == m' | wc -l
}

fresh

# What the check should show, from the same ledger through daicho-admin.
admin check --month 2026-10 >"$TMP/cli-check.txt"
ANOMALIES=$(sed -n 's/^異常 \/ Anomalies: \([0-9]*\)$/\1/p' "$TMP/cli-check.txt")
STILL_OUT=$(sed -n 's/^持ち出し中 \/ Still out: \([0-9]*\) .*/\1/p' "$TMP/cli-check.txt")
OVERDUE=$(sed -n 's/.*(返却予定日超過 \/ overdue: \([0-9]*\))$/\1/p' "$TMP/cli-check.txt")
IN_STORAGE=$(admin item list --state in | wc -l)
# The anomaly rows, one per event: the first (a failed log-in, no item: the person's month) and
# the first naming an item (its whole history), and how many pages of six rows come before it.
# The CLI lists the anomalies, then those for review; the kiosk lists them together by number.
grep -E '^  No\.[0-9]+ .*\[[a-z-]+\]' "$TMP/cli-check.txt" | awk '!seen[$1]++' |
    sed 's/^  No\.//' | sort -s -n -k1,1 | sed 's/^/  No./' >"$TMP/rows.txt"
FIRST_SEQ=$(head -n 1 "$TMP/rows.txt" | sed 's/^  No\.\([0-9]*\).*/\1/')
FIRST_WHO=$(head -n 1 "$TMP/rows.txt" | grep -vq 'DI-' && echo yes)
ITEM_ROW=$(grep -n 'DI-' "$TMP/rows.txt" | head -n 1)
ITEM_SEQ=$(sed 's/^[0-9]*:  No\.\([0-9]*\).*/\1/' <<<"$ITEM_ROW")
ITEM_CODE=$(grep -o 'DI-[0-9A-Z]*-[0-9A-Z]' <<<"$ITEM_ROW" | head -n 1)
ITEM_PAGES=$(((${ITEM_ROW%%:*} - 1) / 6))
check "the demo month has anomalies, items out and items in storage" \
    [ "${ANOMALIES:-0}" -gt 0 -a "${STILL_OUT:-0}" -gt 0 -a "$IN_STORAGE" -gt 2 ]
check "its first anomaly names no item (a person's month)" [ "$FIRST_WHO" = yes ]
ITEM_TITLE=$(admin item show "$ITEM_CODE" | sed -n 's/^名称 \/ title: *//p')
next_pages=$(for _ in $(seq 1 "$ITEM_PAGES"); do echo "tap 次へ"; done)

# --- staff do not see the monthly check -------------------------------------------------------
kiosk_fails staff <<EOF
$(login $TANAKA)
expect 業務を選んでください
tap 月次点検
EOF
check "the staff home has no monthly check" grep -q 'no such button on this screen: 月次点検' \
    "$TMP/staff.err"

# --- the idle lock in the middle of a check: in the inventory, and at the seal's PIN pad --------
before=$(november | wc -l)
kiosk idle <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 在庫確認
scan DI-30XXRVVN-X
wait 601
expect 操作がなかったため
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 封印
tap 後日確認する
scan $TAKAHASHI
expect 封印を確定するため
wait 61
expect 操作がなかったため
EOF
check "the idle lock commits nothing of the check (two log-ins only)" \
    [ "$(november | wc -l)" -eq $((before + 2)) ]
check "nothing was sealed" [ "$(count_type monthly-check)" -eq 0 ]

# --- the summary, the anomalies and the history behind them, the printed summary ----------------
kiosk summary <<EOF
$(login $TAKAHASHI)
tap 月次点検
expect 点検する月を選んでください
expect 2026年10月
expect 最後に封印した月: なし
tap 次の月
expect 2026年11月
expect この月はまだ終わっていません
tap 前の月
tap 点検する
expect 月次点検 2026年10月
expect 台帳の改ざんは検出されませんでした
expect 未封印
expect 異常 ${ANOMALIES}件
expect 持ち出し中 ${STILL_OUT}件 (うち返却予定日超過 ${OVERDUE}件)
expect 返却予定日超過・長期の持ち出し
expect 在庫確認はまだです
tap 印刷
expect 印刷しました
tap 異常一覧
expect 異常一覧
expect 2026年10月  異常 ${ANOMALIES}件
expect ログイン失敗
tap No.$FIRST_SEQ
expect 操作記録
expect No.$FIRST_SEQ
expect ← この記録
tap 戻る
$next_pages
tap No.$ITEM_SEQ
expect 履歴
expect $ITEM_TITLE ($ITEM_CODE)
expect No.$ITEM_SEQ
expect ← この記録
expect 登録
tap 戻る
tap 戻る
expect 月次点検 2026年10月
tap 戻る
tap 戻る
expect 業務を選んでください
EOF
check "the summary was printed" [ -s "$TMP/paper-summary.png" ]
check "the printed summary has no QR: it is not a seal" \
    bash -c "! zbarimg --nodbus --quiet --raw '$TMP/paper-summary.png' >/dev/null 2>&1"
check "looking commits nothing but the log-in" [ "$(count_type monthly-check)" -eq 0 ]

# --- the inventory, then the seal: another badge, a wrong PIN, the right one ---------------------
failed_before=$(count_type login-failed)
kiosk seal <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 在庫確認
expect 保管中の書類・媒体のラベルを順にスキャンしてください
expect 確認済み 0 / ${IN_STORAGE}件
scan DI-30XXRVVN-X
expect 確認済み 1 / ${IN_STORAGE}件
scan DI-5J45YMBM-3
scan DI-5J45YMBM-3
expect 確認済みです(2回目のスキャン)
scan DI-6Z7VEYGH-Y
expect 貸出中のはずの資料です
expect 所在違い 1件
expect 国民健康保険 資格異動届
expect 確認済み 2 / ${IN_STORAGE}件
expect 未確認 $((IN_STORAGE - 2))件
shot inventory-scanned
tap 完了
expect 在庫確認: 確認済み 2 / ${IN_STORAGE}件
tap 封印
expect 在庫確認で未確認の資料が$((IN_STORAGE - 2))件あります。封印する理由を選んでください。
expect 理由を選んでから、ご本人の職員証をスキャンしてください
scan $TAKAHASHI
expect 理由を選んでから
tap 後日確認する
shot seal-reason
expect 封印するには、ご本人の
expect 在庫確認 確認数: 2
scan $YAMAZAKI
expect ログインしているご本人の
scan $TAKAHASHI
expect 封印を確定するため
keys 0000
tap 確定
expect 暗証番号が違います
wait 1
keys 7391
tap 確定
expect 封印しました
expect 在庫確認 所在違い: 1
expect 理由: 後日確認する
tap 再印刷
expect 封印票を再印刷しました
shot sealed-reprint
tap 戻る
expect 封印済み No.
EOF
SEAL_SEQ=$(november | awk -F, '$5 == "monthly-check" { print $1 }' | head -n 1)
check "exactly one monthly check of 2026-10, by the manager" [ "$(sealed_october $TAKAHASHI)" -eq 1 ]
check "the wrong PIN at the seal counts as a failed log-in" \
    [ "$(count_type login-failed)" -eq $((failed_before + 1)) ]
check "the seal slip was printed" [ -s "$TMP/paper-seal.png" ]
check "the seal records the reason chosen" \
    bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' check --month 2026-10 | grep -q '^封印 / Seal: 封印済み.*reason: 後日確認する$'"
check "the slip's reprint is a reprint event of the seal" [ "$(count_type reprint)" -eq 1 ]
SLIP=$(zbarimg --nodbus --quiet --raw "$TMP/paper-seal.png" 2>/dev/null | head -n 1)
check "the seal slip's QR is a good checkpoint of the seal" \
    bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' receipt verify '$SLIP' | grep -q '記録 / event: *$SEAL_SEQ (monthly-check'"
check "the ledger verifies after the seal" bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' verify >/dev/null"

# --- the summary printed after the seal says so, and lists what it counts ----------------------
kiosk sealed-summary <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
expect 封印済み No.$SEAL_SEQ
tap 印刷
expect 印刷しました
EOF
check "the summary after the seal was printed" [ -s "$TMP/paper-sealed-summary.png" ]

# --- a second seal of the month: shown sealed, and 封印 cannot be pressed -------------------------
kiosk_fails again <<EOF
$(login $YAMAZAKI)
tap 月次点検
expect 最後に封印した月: 2026-10
tap 点検する
expect 封印済み No.$SEAL_SEQ
tap 封印
EOF
check "the second attempt is refused at the button" \
    grep -q 'the button cannot be pressed now: 封印' "$TMP/again.err"

# --- refusals of the rules, shown on screen after the badge and PIN --------------------------
refused_before=$(count_type refused)
kiosk refusals <<EOF
$(login $YAMAZAKI)
tap 月次点検
tap 前の月
expect 2026年9月
tap 点検する
tap 封印
tap 後日確認する
scan $YAMAZAKI
keys 7391
tap 確定
expect それより後の月が封印済みです
expect 未封印
tap 戻る
tap 次の月
tap 次の月
expect 2026年11月
tap 点検する
expect この月はまだ終わっていません
tap 封印
tap 後日確認する
scan $YAMAZAKI
keys 7391
tap 確定
expect その月はまだ終わっていません
tap ログアウト
$(login $SATO)
tap 月次点検
tap 次の月
tap 点検する
tap 封印
tap その他
scan $SATO
keys 7391
tap 確定
expect この操作をする権限がありません
EOF
check "still exactly one monthly check" [ "$(count_type monthly-check)" -eq 1 ]
check "each refused seal is logged for the next check" \
    [ "$(count_type refused)" -eq $((refused_before + 3)) ]

# --- every check screen in English, and back ---------------------------------------------------
kiosk english <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap English
expect Choose the month to check
expect Previous month
tap Check
expect Monthly check October 2026
expect No alteration of the ledger was found
expect Sealed No.$SEAL_SEQ
tap Anomaly list
expect Anomaly list
expect Failed log-in
tap No.$FIRST_SEQ
expect Activity
expect ← this record
tap Back
tap Back
tap Inventory
expect Scan the label of every item in storage
expect Found 0 / ${IN_STORAGE}
tap 日本語
expect 確認済み 0 / ${IN_STORAGE}件
tap 完了
expect 月次点検 2026年10月
EOF

# --- a missing printer: said on screen, and the seal stays committed ----------------------------
fresh
cat >"$TMP/noprinter.script" <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 封印
expect 在庫確認をしていません。封印する理由を選んでください。
tap 貸出先で確認済み
scan $TAKAHASHI
keys 7391
tap 確定
expect 封印しました
expect プリンター
tap 戻る
expect 封印済み No.
EOF
"$KIOSK" --db "$DB" --key-file "$KEY" --printer escpos:/nonexistent/lp0 \
    --script "$TMP/noprinter.script" 2>"$TMP/noprinter.err"
check "a missing printer does not stop the seal" [ $? -eq 0 ]
check "the seal stays committed without paper" [ "$(sealed_october $TAKAHASHI)" -eq 1 ]

check "the ledger still verifies" bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' verify >/dev/null"
finish
