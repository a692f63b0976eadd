#!/usr/bin/env bash
# Onboarding from Excel with the real daicho-admin: the inventory and the roster as CSV in UTF-8
# (with and without a byte-order mark) and Shift_JIS (CP932: 髙 and 﨑), Japanese and English
# headers, a dry run that names every bad line, all or nothing, a check sheet and labels.
# $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_import.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/importXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DATA=$(cd "$(dirname "$0")/../data" && pwd)
DB=$TMP/a.db
KEY=$TMP/a.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

events() { run 0 verify && sed -n 's/^OK \([0-9]*\) events.*/\1/p' "$OUT"; }

run 0 init --office "テスト区役所"
run 0 staff add --name "佐藤 健一" --role admin
ADMIN=$(cat "$OUT")
run 0 staff add --name "鈴木 一郎" --role staff
CLERK=$(cat "$OUT")

# --- items: UTF-8, Japanese headers, quoted commas and line breaks, full-width CD-R ---------------
BEFORE=$(events)
run 0 import items "$DATA/items-good.csv" --dry-run
check "a dry run lists every line" [ "$(wc -l <"$OUT")" -eq 7 ]
check "a dry run says nothing was imported" grep -q "nothing imported" "$ERR"
check "a dry run writes nothing" [ "$(events)" -eq "$BEFORE" ]
run 0 import items "$DATA/items-good.csv" --sheet "$TMP/sheet.csv"
cp "$OUT" "$TMP/imported"
check "seven items imported" [ "$(wc -l <"$OUT")" -eq 7 ]
check "each line gets a label code" [ "$(cut -f2 "$OUT" | grep -cE '^DI-[0-9A-Z]{8}-[0-9A-Z]$')" -eq 7 ]
check "the import is seven register events" [ "$(events)" -eq $((BEFORE + 7)) ]
USB=$(awk -F'\t' '$1 == 3 {print $2}' "$TMP/imported")
CD=$(awk -F'\t' '$1 == 5 {print $2}' "$TMP/imported")
run 0 item show "$USB"
check "a quoted comma stays in the title" grep -q "集計データ, 10月分" "$OUT"
check "○ means personal information" grep -qE "個人情報: *有|personal: *yes|個人情報.*有" "$OUT"
run 0 item show "$CD"
check "full-width ＣＤ－Ｒ is a CD-R" grep -q "CD-R" "$OUT"
check "the check sheet lists every line with its code" \
    [ "$(grep -c "^[0-9]*,DI-" "$TMP/sheet.csv")" -eq 7 ]
run 0 item list
check "the item list holds them" [ "$(grep -c '^DI-' "$OUT")" -eq 7 ]

# The same file in Shift_JIS names the same things: all seven are duplicates now, nothing written.
BEFORE=$(events)
run 1 import items "$DATA/items-good-sjis.csv"
check "Shift_JIS is read as the same titles (all duplicates)" \
    [ "$(grep -c IMPORT_DUPLICATE "$ERR")" -eq 7 ]
check "a refused import writes nothing" [ "$(events)" -eq "$BEFORE" ]

# --- items with planted errors ----------------------------------------------------------------
run 1 import items "$DATA/items-bad.csv" --dry-run
for want in "items-bad.csv:3: \[IMPORT_KIND\]" "items-bad.csv:4: \[R_FIELD_MISSING\]" \
    "items-bad.csv:5: \[IMPORT_YESNO\]" "items-bad.csv:6: \[IMPORT_DUPLICATE\]" \
    "items-bad.csv:7: \[IMPORT_FIELDS\]"; do
    check "the dry run reports $want" grep -q "$want" "$ERR"
done
check "good lines are not reported" bash -c "! grep -qE 'items-bad.csv:(2|8):' '$ERR'"
check "the reasons are in Japanese and English" grep -q "媒体の種別が分かりません" "$ERR"
run 1 import items "$DATA/items-bad.csv"
check "a file with a bad line imports nothing" [ "$(events)" -eq "$BEFORE" ]
# The same planted errors in Shift_JIS, with Japanese headers and values.
run 1 import items "$DATA/items-bad-sjis.csv" --dry-run
for want in "items-bad-sjis.csv:3: \[IMPORT_KIND\]" "items-bad-sjis.csv:4: \[R_FIELD_MISSING\]" \
    "items-bad-sjis.csv:5: \[IMPORT_YESNO\]" "items-bad-sjis.csv:6: \[IMPORT_DUPLICATE\]" \
    "items-bad-sjis.csv:7: \[IMPORT_FIELDS\]"; do
    check "Shift_JIS: the dry run reports $want" grep -q "$want" "$ERR"
done
check "Shift_JIS: the bad value is quoted back as text" grep -q "「フロッピー」" "$ERR"
check "Shift_JIS: good lines are not reported" \
    bash -c "! grep -qE 'items-bad-sjis.csv:(2|8):' '$ERR'"

# --- staff: UTF-8, with a byte-order mark, and CP932 into three new ledgers ----------------------
for f in staff-good.csv staff-good-bom.csv staff-good-sjis.csv; do
    DB=$TMP/$f.db KEY=$TMP/$f.key
    run 0 init
    run 0 staff add --name "佐藤 健一" --role admin
    run 0 import staff "$DATA/$f"
    check "$f: three people enrolled with badge codes" \
        [ "$(cut -f2 "$OUT" | grep -cE '^DB-[0-9A-Z]{8}-[0-9A-Z]$')" -eq 3 ]
    run 0 staff list
    check "$f: 髙橋 美咲 is a manager" grep -qE "manager +髙橋 美咲" "$OUT"
    check "$f: 山﨑 浩二 keeps his 﨑" grep -q "山﨑 浩二" "$OUT"
    check "$f: 2026/4/1 is read as 2026-04-01" grep -q "2026-04-01" "$OUT"
    check "$f: an empty date is today" grep -q "2026-10-05" "$OUT"
done
DB=$TMP/a.db KEY=$TMP/a.key

run 1 import staff "$DATA/staff-bad.csv" --dry-run
for want in "staff-bad.csv:3: \[IMPORT_ROLE\]" "staff-bad.csv:4: \[BAD_DATE\]" \
    "staff-bad.csv:5: \[R_FIELD_MISSING\]" "staff-bad.csv:6: \[IMPORT_DUPLICATE\]"; do
    check "the dry run reports $want" grep -q "$want" "$ERR"
done

# --- the badge column: 職員証 as the header (社員証 still read), 職員証 in the messages ---------
n=0
for h in 職員証 社員証; do
    n=$((n + 1)) # the files are named by number: the message quotes the file's name
    DB=$TMP/badge-$n.db KEY=$TMP/badge-$n.key
    run 0 init
    run 0 staff add --name "佐藤 健一" --role admin
    run 0 staff new-badge
    B=$(head -n 1 "$OUT")
    printf '氏名,役割,%s\n小林 陽子,staff,%s\n' "$h" "$B" >"$TMP/badge-$n.csv"
    run 0 import staff "$TMP/badge-$n.csv"
    check "header $h: the badge in the file is the one enrolled" grep -q "$B" "$OUT"
    printf '氏名,役割,%s\n中村 大輔,staff,XX-1\n' "$h" >"$TMP/badge-bad-$n.csv"
    run 1 import staff "$TMP/badge-bad-$n.csv" --dry-run
    check "header $h: a bad badge is named 職員証" grep -q "職員証 badge 「XX-1」" "$ERR"
    check "header $h: not 社員証" bash -c "! grep -q 社員証 '$ERR'"
done
DB=$TMP/a.db KEY=$TMP/a.key

# --- the inventory daicho writes (様式1 CSV) reads back into a new ledger ------------------------
run 0 inventory --format csv --out "$TMP/inventory.csv"
DB=$TMP/z.db KEY=$TMP/z.key
run 0 init
run 0 staff add --name "佐藤 健一" --role admin
run 0 import items "$TMP/inventory.csv"
check "an exported inventory imports again, line for line" [ "$(wc -l <"$OUT")" -eq 7 ]
run 0 item list
check "with the same titles" grep -q "集計データ, 10月分" "$OUT"
check "and the same kinds" [ "$(grep -c ' usb ' "$OUT")" -eq 1 -a "$(grep -c ' cd ' "$OUT")" -eq 1 ]
DB=$TMP/a.db KEY=$TMP/a.key

# --- who may import, and files that are not lists -----------------------------------------------
run 1 import items "$DATA/items-good.csv" --actor "$CLERK" --dry-run
check "only an administrator imports" grep -q R_ACTOR_ROLE "$ERR"
printf 'title\nx\n' >"$TMP/nokind.csv"
run 2 import items "$TMP/nokind.csv"
check "a missing column is named" grep -q "IMPORT_HEADER" "$ERR"
printf 'kind,title\npaper,"open\n' >"$TMP/quote.csv"
run 2 import items "$TMP/quote.csv"
check "an open quote is reported with its line" grep -q "quote.csv:2: \[CSV_QUOTE\]" "$ERR"
printf 'kind,title\npaper,\xff\xfe\xfd\n' >"$TMP/binary.csv"
run 2 import items "$TMP/binary.csv"
check "bytes that are no text are refused" grep -q IMPORT_ENCODING "$ERR"
run 1 import items "$TMP/missing.csv"
run 2 import things "$DATA/items-good.csv"
[ -n "$ADMIN" ]
finish
