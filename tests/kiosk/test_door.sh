#!/usr/bin/env bash
# The kiosk through the desk's use cases: a new item's label printed again at the result leaves a
# reprint event linked to the registration (as a receipt's reprint does at daicho-admin), and an
# administrator scanning a badge already enrolled at 職員登録 leaves a refused enrolment, by the
# administrator, in the month's check.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_door.sh daicho daicho-admin}
ADMIN=${2:?}
BIN=$ADMIN
. "$(dirname "$0")/lib.sh"

# The month's events as "seq type link" lines, whatever the CSV's quoting.
events() {
    admin ledger --month 2026-11 --csv | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
head = [h.lstrip("\ufeff") for h in rows[0]]
seq, typ, link = head.index("番号"), head.index("種別コード"), head.index("関連番号")
for r in rows[1:]:
    print(r[seq].lstrip("\x27"), r[typ].lstrip("\x27"), r[link].lstrip("\x27") or 0)'
}

fresh
kiosk register <<EOF
$(login $SUZUKI)
tap 新規登録
tap 媒体の種類
tap USBメモリ
tap 保管場所
tap 金庫
tap 次へ
tap 確定
expect ラベル番号: DI-
tap 再印刷
expect 印刷しました
tap 終了
EOF
REG=$(events | awk '$2 == "register" { print $1 }' | tail -n 1)
check "the kiosk registered the item" [ -n "$REG" ]
check "the label's reprint is one reprint event, linked to the registration" \
    [ "$(events | awk -v r="$REG" '$2 == "reprint" && $3 == r' | wc -l)" -eq 1 ]

kiosk enrol <<EOF
$(login $SATO)
tap 職員登録
scan $TANAKA
expect 既に登録されています
tap 戻る
EOF
run 0 check --month 2026-11 --actor "$TAKAHASHI"
check "a badge enrolled already is a refused enrolment by the administrator" \
    grep -qE '\[refused\].*佐藤 健一.* enroll: R_STAFF_EXISTS$' "$OUT"
finish
