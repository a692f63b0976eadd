#!/usr/bin/env bash
# The month to a removable medium from the monthly check (書出し), driven headless: the manager
# scans the medium's label, a second person approves with badge and PIN, and after the
# confirmation the copy is recorded and seven files are written to export_dir/daicho-2026-10/.
# Refused: a paper label, the manager approving their own copy, a medium that is not mounted
# (nothing recorded); a failure after the record keeps the record. Printing the summary is
# logged as an export. $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_export.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

USB=DI-EC74G7FJ-W   # a USB stick in storage with personal data: a manager approves its copy
PAPER=DI-30XXRVVN-X # a paper folder in storage
MEDIA=$TMP/media
MONTH_DIR=$MEDIA/daicho-2026-10

# export_to NAME: log in as the manager and open the export of October 2026.
export_to() {
    printf '%s\ntap 月次点検\ntap 点検する\ntap 書出し\n' "$(login $TAKAHASHI)"
}
copies() { # copy events of the USB stick, for the month's export, by the manager
    november | awk -F, -v usb=$USB -v m=$TAKAHASHI \
        '$5 == "copy" && $6 == usb && $9 == m && $11 == "月次台帳の書出し 2026-10"' | wc -l
}

fresh
mkdir -p "$MEDIA"
admin settings set export_dir "$MEDIA" >/dev/null

# --- an empty mount point (a folder on the terminal's own disk) is no medium --------------------
before=$(november | wc -l)
DAICHO_EXPORT_ANY_DIR=0 kiosk unmounted <<EOF
$(export_to)
scan $USB
expect 書出し先の媒体が見つかりません
EOF
check "a folder with no medium mounted on it records nothing but the log-in" \
    [ "$(november | wc -l)" -eq $((before + 1)) ]
# From here on the test's folders stand in for mounted media.
export DAICHO_EXPORT_ANY_DIR=1

# --- printing the summary is an export event, committed before the paper ------------------------
kiosk print <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
tap 印刷
expect 印刷しました
EOF
check "the summary was printed" [ -s "$TMP/paper-print.png" ]
check "the printed summary is logged as an export by the manager" \
    [ "$(november | awk -F, -v m=$TAKAHASHI '$5 == "export" && $9 == m && $11 == "summary 2026-10" && $12 == "printer"' | wc -l)" -eq 1 ]

# --- refused: a paper label, and the manager approving their own copy ---------------------------
refused_before=$(count_type refused)
kiosk refusals <<EOF
$(export_to)
expect 月次点検 2026年10月
expect 書き出す媒体(USBメモリなど)のラベルをスキャンしてください
scan $PAPER
expect 紙媒体には書き出せません
expect 書き出す媒体(USBメモリなど)のラベルをスキャンしてください
scan $USB
expect 複製の承認者が職員証をスキャンしてください
expect 窓口集計 USBメモリ 01 ($USB)
expect media/daicho-2026-10
scan $TAKAHASHI
expect 本人は承認・確認・立会いできません
expect 複製の承認者が職員証をスキャンしてください
tap 戻る
expect 月次点検 2026年10月
EOF
check "a paper label and a self-approval record no copy" [ "$(count_type copy)" -eq 0 ]
check "the self-approval is logged for the next check" \
    [ "$(count_type refused)" -eq $((refused_before + 1)) ]

# --- a medium that is not mounted: said at its label, nothing recorded --------------------------
admin settings set export_dir "$TMP/not-mounted" >/dev/null
before=$(november | wc -l)
kiosk nomedium <<EOF
$(export_to)
scan $USB
expect 書出し先の媒体が見つかりません
expect 書き出す媒体(USBメモリなど)のラベルをスキャンしてください
EOF
check "a medium not mounted records nothing but the log-in" [ "$(november | wc -l)" -eq $((before + 1)) ]
check "and writes nothing" [ ! -e "$TMP/not-mounted" ]
admin settings set export_dir "$MEDIA" >/dev/null

# --- the idle lock at the approver's PIN pad commits nothing -----------------------------------
before=$(november | wc -l)
kiosk idle <<EOF
$(export_to)
scan $USB
scan $YAMAZAKI
expect 確認者の暗証番号を入力してください
wait 181
expect 操作がなかったため
EOF
check "the idle lock records no copy (the log-in only)" [ "$(november | wc -l)" -eq $((before + 1)) ]
check "nothing was written" [ ! -e "$MONTH_DIR" ]

# --- the export: the medium, the approver's badge and PIN, the confirmation --------------------
kiosk export <<EOF
$(export_to)
scan $USB
scan $YAMAZAKI
keys 7391
tap 確定
expect 内容を確認して確定してください
expect 窓口集計 USBメモリ 01 ($USB)
expect media/daicho-2026-10
expect 7  様式2・様式10・様式8 (CSVとPDF)、情報資産目録 (CSV)
expect 山﨑 浩二
tap 確定
expect 書き出しました
expect ファイル: 7
expect takeout-2026-10.pdf
tap 終了
expect 職員証をスキャンしてください
EOF
check "seven files were written" [ "$(ls "$MONTH_DIR" | wc -l)" -eq 7 ]
for f in takeout copy-transport receipt-disposal; do
    check "$f as CSV and PDF" [ -s "$MONTH_DIR/$f-2026-10.csv" -a -s "$MONTH_DIR/$f-2026-10.pdf" ]
done
check "the inventory as CSV" [ -s "$MONTH_DIR/inventory-2026-10.csv" ]
check "the PDFs are PDFs" bash -c "head -c 4 '$MONTH_DIR/takeout-2026-10.pdf' | grep -q '%PDF'"
check "one copy of the medium, by the manager" [ "$(copies)" -eq 1 ]
check "approved by the second person, seven files" \
    [ "$(november | awk -F, '$5 == "copy" && $10 == "山﨑 浩二" && $15 == 7' | wc -l)" -eq 1 ]

# --- a failure after the record: the copy stays recorded, the screen says to try again ---------
rm -rf "$MONTH_DIR"
: >"$MONTH_DIR" # a file where the folder should be: the writing fails once the copy is recorded
kiosk partial <<EOF
$(export_to)
scan $USB
scan $YAMAZAKI
keys 7391
tap 確定
tap 確定
expect 記録しましたが、書出しに失敗しました
expect 媒体に一部だけ書き込まれている可能性があります
tap 戻る
expect 月次点検 2026年10月
EOF
check "the copy stays recorded after the failure" [ "$(copies)" -eq 2 ]

# --- in English -------------------------------------------------------------------------------
rm -f "$MONTH_DIR"
kiosk english <<EOF
$(login $TAKAHASHI)
tap English
tap Monthly check
tap Check
tap Export
expect Scan the label of the medium to write to
scan $USB
expect The approver of the copy scans their badge
scan $YAMAZAKI
keys 7391
tap OK
expect Check and confirm
tap OK
expect Written
EOF
check "the English export wrote seven files too" [ "$(ls "$MONTH_DIR" | wc -l)" -eq 7 ]
check "the ledger still verifies" bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' verify >/dev/null"
finish
