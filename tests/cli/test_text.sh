#!/usr/bin/env bash
# Text as a person reads it, from the real daicho-admin: a long title in the PDF form wraps by
# the Japanese line-break rules the screens and receipts share (core/text.h; read back with
# pdftotext), and text that would be stored is refused when too long, never cut. $1 is the
# binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_text.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/textXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

run 0 init --terminal "窓口端末1" --office "テスト区役所"
echo 4739 | run 0 staff add --name "佐藤 健一" --role admin --pin-stdin
ADMIN=$(cat "$OUT")
# Titles full of characters that must not start or end a line, long enough to wrap many times.
T1=$("$PY" -c 'print("会議資料、" * 33)')
T2=$("$PY" -c 'print("「会議」資料（写し）キャッシュ！" * 8)')
run 0 item add --kind usb --title "$T1" --actor "$ADMIN"
run 0 item add --kind usb --title "$T2" --actor "$ADMIN"
run 0 ledger --month 2026-10 --form receipt-disposal --format pdf --out "$TMP/f.pdf" \
    --actor "$ADMIN"
pdftotext -raw "$TMP/f.pdf" "$TMP/f.txt"
grep -E '会議|資料|キャッシュ' "$TMP/f.txt" >"$TMP/lines"
check "the long titles wrap onto several lines" [ "$(wc -l <"$TMP/lines")" -ge 5 ]
check "no line starts with 、。」）！ or a small kana" \
    bash -c "! grep -qE '^(、|。|」|）|！|ャ|ッ|ュ)' '$TMP/lines'"
check "no line ends with 「 or （" bash -c "! grep -qE '(「|（)\$' '$TMP/lines'"
check "every 、 of the first title is kept" \
    [ "$(grep -o '、' "$TMP/lines" | wc -l)" -ge 33 ]

# Stored text is refused when too long, not cut: nothing is registered or recorded.
run 0 inventory --format csv --out "$TMP/before.csv" --actor "$ADMIN"
LONG=$("$PY" -c 'print("会議資料、" * 35)') # 525 bytes, over the 511 a title may hold
run 2 item add --kind usb --title "$LONG" --actor "$ADMIN"
check "an overlong title is refused as too long" grep -q TOO_LONG "$ERR"
run 0 inventory --format csv --out "$TMP/after.csv" --actor "$ADMIN"
check "nothing was registered" [ "$(wc -l <"$TMP/after.csv")" -eq "$(wc -l <"$TMP/before.csv")" ]
ITEM=$(grep -o 'DI-[0-9A-Z-]*' "$TMP/after.csv" | head -n 1)
run 2 record take-out --item "$ITEM" --actor "$ADMIN" --purpose "$("$PY" -c 'print("あ" * 50)')" \
    --to 書庫 --due 2026-10-09
check "an overlong purpose is refused as too long" grep -q TOO_LONG "$ERR"

finish
