#!/usr/bin/env bash
# Touch targets: every button on every screen of the kiosk's screen table (app/ui/ui.c) is at
# least 60 px each way at 1024x600 (80 units: 9 mm on a 7-inch panel). The kiosk logs every
# button of every frame (DAICHO_BUTTON_LOG); scripts walk every screen (log in as staff, manager
# and administrator, a flow with its approver, the monthly check with its lists, the inventory,
# the seal, the export, settings, enrolment, the unlock, first-time setup). Fails naming each
# button under 60 px and each screen never reached. $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_targets.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"
LOG=$TMP/buttons.log
export DAICHO_BUTTON_LOG=$LOG
MIN=60

walk() { # walk NAME: the script on stdin at 1024x600
    local name=$1
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" --size 1024x600 --script "$TMP/$name.script" \
        --printer "png:$TMP/paper-$name.png" 2>"$TMP/$name.err"
    local rc=$?
    check "walk $name plays to its end" [ $rc -eq 0 ]
    [ $rc -eq 0 ] || grep -v '^daicho: renderer' "$TMP/$name.err" | tail -n 4 | sed 's/^/  /'
}

fresh
admin settings set export_dir "$TMP" >/dev/null || exit 1
mkdir -p "$TMP/export"
walk flow <<EOF
$(login $TAKAHASHI)
tap 持ち出し
scan DI-30XXRVVN-X
scan DI-5J45YMBM-3
wait 2
tap 次へ
tap 目的
tap 監査対応
tap 持出先
tap 北出張所
tap 返却予定日
tap +1日
tap 確定
tap 次へ
scan $YAMAZAKI
keys 7391
tap 確定
tap 承認
tap 確定
wait 2
tap 終了
$(login $TANAKA)
tap 新規登録
wait 1
tap ログアウト
$(login $TAKAHASHI)
tap ロック解除
tap 戻る
tap 月次点検
tap 点検する
tap 異常一覧
EOF
row=$(awk -F'\t' '$1 == "anomalies" && $2 ~ /^No\./ { print $2; exit }' "$LOG")
walk check <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 異常一覧
${row:+tap $row}
tap 戻る
tap 戻る
tap 在庫確認
scan DI-4FE7FKSX-3
tap 完了
tap 書出し
scan DI-EC74G7FJ-W
scan $YAMAZAKI
keys 7391
tap 確定
wait 2
tap 確定
wait 2
tap ログアウト
expect ログアウトしますか
tap ログアウト
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 封印
tap 後日確認する
scan $TAKAHASHI
keys 7391
tap 確定
wait 2
EOF
NEWBADGE=$(admin staff new-badge)
walk admin <<EOF
$(login $SATO)
tap 職員登録
scan $NEWBADGE
tap 氏名
tap キャンセル
tap 戻る
tap 設定
tap 自動ログアウト(秒)
EOF
# First boot: a ledger without an office name asks an administrator for the setup screen.
rm -f "$DB" "$DB"-* "$KEY"
admin init >/dev/null || exit 1
echo 7391 | admin staff add --name 'サトウ ハナコ' --role admin --badge $SATO --pin-stdin \
    >/dev/null || exit 1
walk setup <<EOF
$(login $SATO)
EOF

# Every screen of the table reached; every button at least MIN px each way.
screens=$(grep -hA1 '^const dc_screen_t dc_scr_' "$(dirname "$0")/../../app/ui/"*.c | tr -d '\n' |
    grep -o 'dc_scr_[a-z_]* = {[[:space:]]*"[a-z-]*"' | grep -o '"[a-z-]*"' | tr -d '"' | sort -u)
check "the screen table is read ($(wc -w <<<"$screens") screens)" [ "$(wc -w <<<"$screens")" -ge 20 ]
for s in $screens; do
    check "screen $s reached" grep -q "^$s	" "$LOG"
done
small=$(awk -F'\t' -v min=$MIN '$7 == "1024x600" && ($5 < min || $6 < min) {
    print $1 ": " $2 " " $5 "x" $6 " px" }' "$LOG" | sort -u)
while IFS= read -r b; do
    [ -n "$b" ] && echo "  under $MIN px: $b"
done <<<"$small"
check "no button under $MIN px at 1024x600 ($(grep -c . <<<"$small") under)" [ -z "$small" ]
finish
