#!/usr/bin/env bash
# An administrator's settings at the kiosk (設定), driven headless: numbers and office hours from
# the number pad, a list's entries removed and added in kana, a name in kana, a paper and a
# folder from their choices. Each change is a setting event by the administrator, read back with
# daicho-admin; a bad value is refused; the idle time, the lists and the header's names change
# at once; the idle lock in the middle of a change commits nothing; managers have no settings.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_settings.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

setting_of() { admin settings | sed -n "s/^$1=//p"; }
kiosk_settings() { # setting events entered at the kiosk by the administrator
    november | awk -F, -v a=$SATO '$5 == "setting" && $9 == a && $24 ~ /^kiosk/' | wc -l
}

fresh
admin printer set --receipt "png:$TMP/receipt.png" --label "png:$TMP/label.png" >/dev/null

# --- managers have no settings ------------------------------------------------------------------
kiosk_fails manager <<EOF
$(login $TAKAHASHI)
expect 月次点検
tap 設定
EOF
check "a manager's home has no settings" grep -q 'no such button on this screen: 設定' \
    "$TMP/manager.err"

# --- every kind of change, each an event; a bad value refused ----------------------------------
kiosk change <<EOF
$(login $SATO)
tap 設定
expect 変更する項目を選んでください
expect 既定: 60
expect 既定: 08:30-17:15
tap 自動ログアウト(秒)
expect 現在の値: 60
keys 5
tap 確定
expect 設定の値が正しくありません
tap クリア
keys 120
tap 確定
expect 設定を変更しました: 自動ログアウト(秒) = 120
tap 返却超過(日)
keys 30
tap 確定
tap 執務時間
keys 0900
expect 09:00-__:__
keys 1800
tap 確定
expect 09:00-18:00
tap 目的の一覧
tap 会議資料として使用
tap 削除
tap カナで追加
tap カタカナ
tap カ
tap イ
tap キ
tap ゛
tap 確定
expect カイギ
tap 確定
tap 端末名
tap クリア
tap カナで入力
tap カタカナ
tap ウ
tap ケ
tap ツ
tap ケ
tap 確定
tap 確定
expect デモ区役所 戸籍住民課  ウケツケ
tap 控えの用紙
tap 80 mm
tap 確定
expect 80 mm
tap 書出し先フォルダ
tap /media/usb
tap 確定
tap 戻る
tap 持ち出し
scan DI-30XXRVVN-X
tap 次へ
tap 目的
expect カイギ
tap 戻る
tap 中止
tap はい
wait 100
expect 業務を選んでください
wait 30
expect 操作がなかったため
EOF
check "idle_seconds" [ "$(setting_of idle_seconds)" = 120 ]
check "overdue_days" [ "$(setting_of overdue_days)" = 30 ]
check "office_hours" [ "$(setting_of office_hours)" = 09:00-18:00 ]
check "list.purposes: one removed, one added" \
    [ "$(setting_of list.purposes)" = "出張所での窓口対応|監査対応|法務局への照会|庁内打合せ|委託業者への引渡し|カイギ" ]
check "terminal_name" [ "$(setting_of terminal_name)" = ウケツケ ]
check "printer_receipt_paper" [ "$(setting_of printer_receipt_paper)" = 80 ]
check "the printers are kept" [ "$(setting_of printer_receipt)" = "png:$TMP/receipt.png" ]
check "export_dir" [ "$(setting_of export_dir)" = /media/usb ]
# Six settings, and the printer's four (it is recorded as a whole); none for the refused value.
check "each change is a setting event by the administrator" [ "$(kiosk_settings)" -eq 10 ]
check "the refused value is logged as a refused setting, for the monthly check" \
    [ "$(november | awk -F, '$5 == "refused" && $11 == "setting"' | wc -l)" -eq 1 ]
check "the new terminal name is used for the next events" \
    [ "$(november | tail -n 1 | awk -F, '{ print $23 }')" = ウケツケ ]

# --- the idle lock in the middle of a change commits nothing ------------------------------------
before=$(kiosk_settings)
kiosk idle <<EOF
$(login $SATO)
tap 設定
tap 返却超過(日)
keys 45
wait 121
expect 操作がなかったため
$(login $SATO)
tap 設定
tap 事務所名
tap カナで入力
tap カタカナ
tap ア
wait 121
expect 操作がなかったため
EOF
check "the idle lock commits no setting" [ "$(kiosk_settings)" -eq "$before" ]
check "overdue_days unchanged" [ "$(setting_of overdue_days)" = 30 ]
check "office_name unchanged" [ "$(setting_of office_name)" = "デモ区役所 戸籍住民課" ]

# --- in English --------------------------------------------------------------------------------
kiosk english <<EOF
$(login $SATO)
tap English
tap Settings
expect Choose what to change
tap Overdue after (days)
expect Now: 30
keys 21
tap OK
expect Setting changed
EOF
check "overdue_days in English" [ "$(setting_of overdue_days)" = 21 ]
check "the ledger still verifies" bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' verify >/dev/null"
finish
