#!/usr/bin/env bash
# The paper ledgers from the real daicho-admin on the demo month: 様式2, 様式10, 様式8 and the
# inventory as CSV (read back with Python's csv module, rows counted against the month's event
# ledger) and as PDF (read back with pdftotext and pdftoppm); the errors a person can hit. $1 is
# the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_ledger_forms.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/formsXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/lib.sh"
# Debian's Python: `python3` on a developer's machine may be another one without the same setup.
PY=/usr/bin/python3

# csv_rows FILE HEADER: checks the header row (after the byte-order mark) and that every row has as many
# fields; prints the number of data rows.
csv_rows() {
    "$PY" - "$@" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
if ",".join(rows[0]) != sys.argv[2]:
    sys.exit("header is %r" % rows[0])
if any(len(r) != len(rows[0]) for r in rows):
    sys.exit("a row has another number of fields")
print(len(rows) - 1)
PY
}

# csv_col FILE COLUMN [TYPE...]: the column (by header name) of each data row; with TYPEs, only
# of the rows whose 種別コード is one of them (the month's event ledger).
csv_col() {
    "$PY" - "$@" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
col, types = rows[0].index(sys.argv[2]), sys.argv[3:]
for r in rows[1:]:
    if not types or r[rows[0].index("種別コード")] in types:
        print(r[col])
PY
}

# landscape PNG: true when the PNG is wider than tall.
landscape() {
    "$PY" -c 'import struct, sys
d = open(sys.argv[1], "rb").read(24)
w, h = struct.unpack(">II", d[16:24])
sys.exit(0 if d[:8] == b"\x89PNG\r\n\x1a\n" and w > h > 0 else 1)' "$1"
}

run 0 demo --month 2026-10
run 0 verify
EVENTS=$(awk '{print $2}' "$OUT")
HEAD=$(awk '{print $5}' "$OUT")
run 0 ledger --month 2026-10 --csv
cp "$OUT" "$TMP/month.csv"
# The event ledger's columns: the handler's 職員証, and the return's condition last (the columns
# before it keep their places); a register's 特記事項 is not a condition.
check "the event ledger's header" [ "$(head -n 1 "$TMP/month.csv" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')" = \
    "番号,日付,時刻,種別,種別コード,ラベル,名称,取扱者,取扱者職員証,承認・確認・立会者,目的,持出先・運搬先,運搬元,返却予定日,数量,マスキング,施錠鞄,廃棄方法,廃棄手段,証明書番号,受取人,関連番号,端末,経路,返却時の状態" ]
check "every event row has the condition column" csv_rows "$TMP/month.csv" \
    "$(head -n 1 "$TMP/month.csv" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')"
check "only a return has a condition" \
    [ -z "$(csv_col "$TMP/month.csv" 返却時の状態 register take-out transport dispose | tr -d '\n')" ]

# form NAME HEADER TYPES TITLE: CSV and PDF of one form, checked against the month's ledger.
form() {
    local name=$1 header=$2 types=$3 title=$4
    local csv=$TMP/$name.csv pdf=$TMP/$name.pdf
    run 0 ledger --month 2026-10 --form "$name" --format csv --out "$csv"
    check "$name: nothing on stdout when writing a file" [ ! -s "$OUT" ]
    check "$name: CSV starts with a byte-order mark" \
        [ "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
    check "$name: every CSV line ends in CRLF" \
        [ "$(grep -c $'\r$' "$csv")" -eq "$(wc -l <"$csv")" ]
    local rows
    rows=$(csv_rows "$csv" "$header")
    # shellcheck disable=SC2086 # TYPES is a list of words
    check "$name: one row for each event of the month (${rows:-none})" \
        [ "${rows:--1}" -eq "$(csv_col "$TMP/month.csv" 番号 $types | wc -l)" ]
    # shellcheck disable=SC2086
    check "$name: the rows are those events, in order" \
        [ "$(csv_col "$csv" 番号)" = "$(csv_col "$TMP/month.csv" 番号 $types)" ]
    run 0 ledger --month 2026-10 --form "$name" --format csv --out -
    check "$name: stdout is the file" cmp -s "$OUT" "$csv"

    run 0 ledger --month 2026-10 --form "$name" --format pdf --out "$pdf"
    # Each export is logged before it is written, so the form's checkpoint includes its own.
    cp "$OUT" "$TMP/pdf.out"
    run 0 verify
    EVENTS=$(awk '{print $2}' "$OUT")
    HEAD=$(awk '{print $5}' "$OUT")
    run 0 ledger --month 2026-11 --csv
    check "$name: the PDF export is an export event" \
        grep -qE ",書出し,export,.*,$name 2026-10,$pdf," "$OUT"
    cp "$TMP/pdf.out" "$OUT"
    check "$name: a PDF" [ "$(head -c 5 "$pdf")" = "%PDF-" ]
    check "$name: no temporary file is left" [ ! -e "$pdf.tmp" ]
    pdftotext -layout "$pdf" "$TMP/$name.txt"
    local pages
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    check "$name: the title and month" grep -qE "$title +2026年10月" "$TMP/$name.txt"
    check "$name: the month in English" grep -q "October 2026" "$TMP/$name.txt"
    check "$name: the office and terminal" grep -q "窓口端末1" "$TMP/$name.txt"
    check "$name: the first page number" grep -q "1 / $pages ページ" "$TMP/$name.txt"
    check "$name: the last page number" grep -q "$pages / $pages ページ" "$TMP/$name.txt"
    check "$name: the header row on every page" \
        [ "$(grep -c "返却確認者\|受領者\|証明書番号" "$TMP/$name.txt")" -eq "$pages" ]
    check "$name: the seal box on every page" \
        [ "$(grep -c "管理責任者 印" "$TMP/$name.txt")" -eq "$pages" ]
    check "$name: the checkpoint" \
        grep -q "検証点 / Checkpoint: $EVENTS 件 head ${HEAD:0:16}…" "$TMP/$name.txt"
    pdftoppm -r 50 -png -f 1 -l 1 -singlefile "$pdf" "$TMP/$name"
    check "$name: page 1 renders, landscape" landscape "$TMP/$name.png"
}

form takeout "番号,持出日,時刻,ラベル,書類名・媒体名,持出者,承認者,目的,持出先,返却予定日,返却日,返却者,返却確認者,訂正,返却時の状態" \
    take-out "様式2 情報資産持ち出し管理簿"
form copy-transport "番号,日付,区分,ラベル,名称,複製先媒体,数量,目的,受取人,マスキング,運搬元,運搬先,運搬者,施錠鞄,取扱者,承認者,受領日,受領者,訂正" \
    "copy transport" "様式10 複製・運搬記録簿"
form receipt-disposal "番号,年月日,受払,ラベル,名称,種別,事由,取扱者,立会者,証明書番号,訂正" \
    "register dispose" "様式8 受払簿"

# The links: every return of the month fills a take-out's return columns, every arrival a
# transport's (the demo's returns and arrivals are all of October's own take-outs and transports).
check "each return fills a take-out row" [ "$(csv_col "$TMP/takeout.csv" 返却日 | grep -c .)" \
    -eq "$(csv_col "$TMP/month.csv" 番号 return | wc -l)" ]
check "each arrival fills a transport row" [ "$(csv_col "$TMP/copy-transport.csv" 受領日 |
    grep -c .)" -eq "$(csv_col "$TMP/month.csv" 番号 receive | wc -l)" ]
check "a take-out not returned has blank return columns" \
    grep -qE '^[0-9]+,([^,]*,){9},,,,'$'\r''$' "$TMP/takeout.csv"
# Row content in the PDF: an item that was taken out, by code and by title.
CODE=$(csv_col "$TMP/takeout.csv" ラベル | head -n 1)
TITLE=$(csv_col "$TMP/takeout.csv" 書類名・媒体名 | awk '{print length, $0}' | sort -n |
    head -n 1 | cut -d' ' -f2-)
check "the take-out PDF shows an item's code" grep -q "$CODE" "$TMP/takeout.txt"
check "the take-out PDF shows the title of an item taken out ($TITLE)" \
    grep -qF "$TITLE" "$TMP/takeout.txt"
check "the disposal PDF shows a certificate" \
    grep -q "$(csv_col "$TMP/receipt-disposal.csv" 証明書番号 | grep . | head -n 1)" \
    "$TMP/receipt-disposal.txt"

# --- the inventory ------------------------------------------------------------------------------
run 0 item list
ITEMS=$(wc -l <"$OUT")
run 0 inventory --format csv
check "inventory: CSV to stdout, one row per item" [ "$(csv_rows "$OUT" \
    "ラベル,分類,媒体,名称,保管場所,管理課,個人情報,特定個人情報,状態,特記事項")" -eq "$ITEMS" ]
run 0 inventory --format pdf --out "$TMP/inventory.pdf"
pdftotext -layout "$TMP/inventory.pdf" "$TMP/inventory.txt"
check "inventory: the title and day" grep -qE "様式1 情報資産目録 +2026年11月2日現在" \
    "$TMP/inventory.txt"
check "inventory: the seal box" grep -q "管理責任者 印" "$TMP/inventory.txt"
check "inventory: an item's code" grep -q "$CODE" "$TMP/inventory.txt"

# --- errors -------------------------------------------------------------------------------------
run 2 ledger --month 2026-13 --form takeout --format csv --out "$TMP/x.csv"
check "a bad month is named" grep -q "YYYY-MM" "$ERR"
run 2 ledger --month 2026-10 --form tekeout --format csv
check "an unknown form lists the forms, in Japanese and English" \
    grep -q "takeout, copy-transport, receipt-disposal のどれか.*--form takes" "$ERR"
run 2 ledger --month 2026-10 --form inventory
check "the inventory is pointed to its command" grep -q "daicho-admin inventory" "$ERR"
run 2 ledger --month 2026-10 --form takeout --format xlsx --out "$TMP/x.xlsx"
check "an unknown format says which there are" grep -q "csv か pdf.*csv or pdf" "$ERR"
run 2 inventory --format doc
run 2 ledger --month 2026-10 --form takeout --format pdf
check "PDF without --out asks for a file" grep -q -- "--out FILE" "$ERR"
run 2 ledger --month 2026-10 --format pdf --out "$TMP/x.pdf"
check "--format without --form is a usage error" grep -q -- "--form" "$ERR"
run 2 ledger --month 2026-10 --form takeout --csv
check "--csv with --form points to --format csv" grep -q -- "--format csv instead" "$ERR"
run 2 inventory --bogus
check "nothing was written by usage errors" bash -c "! ls '$TMP'/x.* 2>/dev/null | grep -q ."
run 1 ledger --month 2026-10 --form takeout --format pdf --out "$TMP/missing/dir/t.pdf"
check "an unwritable path is named, with what to do" \
    grep -q "missing/dir/t.pdf.*フォルダーがあり書き込めるか.*check that the folder" "$ERR"
check "and said in both languages" grep -q "\[IO\] Reading or writing a file failed" "$ERR"
DAICHO_FONT=$TMP/month.csv run 1 ledger --month 2026-10 --form takeout --format pdf \
    --out "$TMP/nofont.pdf"
check "a font that cannot be read is named" grep -q FONT_MISSING "$ERR"
check "and no file is left" [ ! -e "$TMP/nofont.pdf" -a ! -e "$TMP/nofont.pdf.tmp" ]
mkdir "$TMP/adir"
run 1 ledger --month 2026-10 --form takeout --format csv --out "$TMP/adir"
check "a failed rename leaves no temporary file" [ ! -e "$TMP/adir.tmp" ]
check "and the folder is untouched" [ -d "$TMP/adir" ]
# The old commands are unchanged.
run 0 ledger --month 2026-10 --csv
check "ledger --csv is as before" cmp -s "$OUT" "$TMP/month.csv"
run 0 ledger --month 2026-10
check "ledger is as before" grep -q "($(($(wc -l <"$TMP/month.csv") - 1)) 件 / events)" "$OUT"

finish
