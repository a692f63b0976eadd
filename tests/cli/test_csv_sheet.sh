#!/usr/bin/env bash
# Every CSV daicho-admin writes, opened by a real spreadsheet: LibreOffice converts the month's
# ledger, the forms, the inventory and the import check sheet to xlsx as a clerk opening them in
# Excel would (numbers and dates detected, formulas evaluated, quoted fields not forced to text),
# and openpyxl reads the cells back. Titles, purposes and places that start with = + - @, a tab, a
# digit or look like a date must come back as text cells (with OWASP's leading quote where one
# was needed), never as a formula, a number or a date; sequence numbers stay numbers. $1 is the
# binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_csv_sheet.sh path/to/daicho-admin}
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -z "$SOFFICE" ]; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: soffice is missing in CI (.ci/install installs libreoffice-calc-nogui)"
        exit 1
    fi
    echo "SKIP: soffice not found (apt-get install libreoffice-calc-nogui python3-openpyxl)"
    exit 77
fi
PY=/usr/bin/python3
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: python3-openpyxl is missing in CI"
        exit 1
    fi
    echo "SKIP: python3-openpyxl not found (apt-get install python3-openpyxl)"
    exit 77
fi
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/csvsheetXXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

# The cells an attacker or an ordinary clerk may type, one per title.
TITLES=(
    '=HYPERLINK("http://example.invalid/","詳細はこちら")'
    '=1+1'
    '+1+2'
    '-3+4'
    '@SUM(1,2)'
    '0012345'
    '2026-10-01'
    '１２３'
    '＝１＋１'
    'TRUE'
    '令和8年10月1日'
    '10:00'
    '1e5'
    '住民異動届 綴り'
)

run 0 init --terminal "窓口端末1" --office "テスト区役所"
echo 4739 | run 0 staff add --name "佐藤 健一" --role admin --pin-stdin
ADMIN=$(cat "$OUT")
echo 7391 | run 0 staff add --name "髙橋 美咲" --role manager --pin-stdin
MANAGER=$(cat "$OUT")
echo 5820 | run 0 staff add --name "=田中 花子" --role staff --pin-stdin
STAFF=$(cat "$OUT")
ITEMS=()
for t in "${TITLES[@]}"; do
    run 0 item add --kind usb --title "$t" --actor "$ADMIN" --place "+書庫A"
    ITEMS+=("$(cat "$OUT")")
done
run 0 record take-out --item "${ITEMS[0]}" --item "${ITEMS[1]}" --actor "$STAFF" \
    --approver "$MANAGER" --purpose "=1+1" --to "-本庁舎" --due 2026-10-09 \
    --second-pin-stdin <<<7391
run 0 record copy --item "${ITEMS[6]}" --actor "$STAFF" --approver "$MANAGER" --purpose "@会議" \
    --quantity 2 --recipient "0012345" --second-pin-stdin <<<7391

# The import's check sheet lists the titles it read.
{
    echo "種別,名称,保管場所,個人情報,特定個人情報,特記事項"
    echo 'USBメモリ,"=HYPERLINK(""http://example.invalid/"",""x"")",金庫,無,無,"-1+1"'
    echo 'USBメモリ,0012345,金庫,無,無,2026-10-01'
} >"$TMP/items.csv"
run 0 import items "$TMP/items.csv" --actor "$ADMIN" --sheet "$TMP/sheet.csv"

run 0 ledger --month 2026-10 --csv --actor "$ADMIN"
cp "$OUT" "$TMP/ledger.csv"
run 0 ledger --month 2026-10 --form takeout --format csv --out "$TMP/takeout.csv" --actor "$ADMIN"
run 0 ledger --month 2026-10 --form copy-transport --format csv --out "$TMP/copy.csv" \
    --actor "$ADMIN"
run 0 ledger --month 2026-10 --form receipt-disposal --format csv --out "$TMP/receipt.csv" \
    --actor "$ADMIN"
run 0 inventory --format csv --out "$TMP/inventory.csv" --actor "$ADMIN"
# LibreOffice opens CSV the way Excel does when it is double-clicked: comma, '"', UTF-8, from
# line 1, no column forced to text, quoted fields not forced to text (token 7 false), special
# numbers (dates, times) detected (token 8 true); formulas are evaluated by default.
FILTER='CSV:44,34,76,1,,0,false,true'
# Its own profile, so that it neither needs nor touches a home folder and runs beside others.
if ! (cd "$TMP" && HOME=$TMP timeout 120 "$SOFFICE" -env:UserInstallation=file://$TMP/lo \
    --headless --convert-to xlsx --infilter="$FILTER" --outdir "$TMP/x" \
    ledger.csv takeout.csv copy.csv receipt.csv inventory.csv sheet.csv >"$TMP/lo.log" 2>&1); then
    echo "FAIL: soffice could not convert"
    sed 's/^/  /' "$TMP/lo.log" | head
    exit 1
fi

# cells FILE: every cell as "ROW<TAB>HEADER<TAB>TYPE<TAB>VALUE" (VALUE with \t and \n escaped),
# TYPE as openpyxl says: s text, n number, d date, f formula, b boolean.
cells() {
    "$PY" - "$1" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows())
head = [c.value for c in rows[0]]
for r in rows[1:]:
    for h, c in zip(head, r):
        if c.value is None:
            continue
        v = str(c.value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        print("%d\t%s\t%s\t%s" % (c.row, h, c.data_type, v))
PY
}
for f in ledger takeout copy receipt inventory sheet; do
    check "$f.csv converted to xlsx" [ -s "$TMP/x/$f.xlsx" ]
    cells "$TMP/x/$f.xlsx" >"$TMP/$f.cells"
done

# No cell of any sheet is a formula or a truth value.
for f in ledger takeout copy receipt inventory sheet; do
    check "$f: no formula cells" bash -c "! awk -F'\t' '\$3 == \"f\" || \$3 == \"b\"' '$TMP/$f.cells' | grep -q ."
done

# has FILE HEADER TYPE VALUE: a cell of that column with that type and exactly that value.
has() {
    awk -F'\t' -v h="$2" -v t="$3" -v v="$4" '$2 == h && $3 == t && $4 == v { ok = 1 }
        END { exit !ok }' "$TMP/$1.cells"
}
esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/\t/\\t/g'; }

# Every title is text in every sheet that lists titles, shown as typed after OWASP's quote.
for t in "${TITLES[@]}"; do
    want=$(esc "$t")
    case "$t" in 住民*) ;; *) want="'$want" ;; esac
    check "ledger: title $(esc "$t") is text" has ledger 名称 s "$want"
    check "inventory: title $(esc "$t") is text" has inventory 名称 s "$want"
    check "receipt: title $(esc "$t") is text" has receipt 名称 s "$want"
done
check "ledger: the plain title carries no quote" has ledger 名称 s "住民異動届 綴り"
check "takeout: the HYPERLINK title is text" \
    has takeout 書類名・媒体名 s "'=HYPERLINK(\"http://example.invalid/\",\"詳細はこちら\")"
check "ledger: purpose =1+1 is text" has ledger 目的 s "'=1+1"
check "takeout: purpose =1+1 is text" has takeout 目的 s "'=1+1"
check "takeout: destination -本庁舎 is text" has takeout 持出先 s "'-本庁舎"
check "inventory: place +書庫A is text" has inventory 保管場所 s "'+書庫A"
check "ledger: a handler named =田中 is text" has ledger 取扱者 s "'=田中 花子"
check "copy: recipient 0012345 keeps its zeros" has copy 受取人 s "'0012345"
check "copy: purpose @会議 is text" has copy 目的 s "'@会議"
check "sheet: the imported HYPERLINK title is text" \
    has sheet "名称 / title" s "'=HYPERLINK(\"http://example.invalid/\",\"x\")"
check "sheet: the imported 0012345 keeps its zeros" has sheet "名称 / title" s "'0012345"
check "inventory: notes -1+1 is text" has inventory 特記事項 s "'-1+1"

# Columns of numbers and dates stay numbers and dates.
check "ledger: 番号 are numbers" bash -c "awk -F'\t' '\$2 == \"番号\" && \$3 != \"n\"' '$TMP/ledger.cells' | grep -q . && exit 1; grep -q \$'\t番号\tn\t' '$TMP/ledger.cells'"
check "ledger: 日付 are dates" has ledger 日付 d "2026-10-05 00:00:00"
check "copy: 数量 is a number" has copy 数量 n 2
check "takeout: 返却予定日 is a date" has takeout 返却予定日 d "2026-10-09 00:00:00"
check "sheet: 行 are numbers" has sheet "行 / line" n 2
# No text column holds a number or a date: only the columns the writer declares may.
for f in ledger takeout copy receipt inventory sheet; do
    check "$f: numbers and dates only in their columns" bash -c "! awk -F'\t' '(\$3 == \"n\" || \$3 == \"d\") && \$2 !~ /^(番号|日付|時刻|返却予定日|数量|関連番号|持出日|返却日|受領日|年月日|行 \\/ line)\$/' '$TMP/$f.cells' | grep -q ."
done

# The same files still read back with the program's own CSV reader (RFC 4180): the sheet's titles
# round-trip through import after the leading quote is taken off by a person.
check "every CSV starts with a byte-order mark" bash -c "for f in '$TMP'/*.csv; do [ \"\$(head -c 3 \"\$f\" | od -An -tx1 | tr -d ' ')\" = efbbbf ] || [ \"\$f\" = '$TMP/items.csv' ] || exit 1; done"

finish
