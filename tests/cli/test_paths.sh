#!/usr/bin/env bash
# Files from outside: every output path that names the ledger, its side files or the key is
# refused (a printer, --out, a printer setting, a hard link to the key), links are never
# followed (at --out, at its .tmp name, on a crafted medium at daicho-YYYY-MM/<form>.csv.tmp and
# at daicho-YYYY-MM itself), a FIFO as the key file is refused at once, and what daicho-admin
# writes is for its user alone (0600, folders 0700). After each refusal the ledger and the key
# are byte for byte what they were. $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it
# under a tool.
set -u
BIN=${1:?usage: test_paths.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/pathsXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

TAKAHASHI=DB-3JPTBZEN-N # the demo office's managers
YAMAZAKI=DB-JE8PWE6V-Q
ITEM=DI-30XXRVVN-X
PIN=7391 # every demo PIN
# export_to DIR EXIT: the month to the medium at DIR, the approver present with their PIN.
export_to() {
    run "$2" export --month 2026-10 --medium "$USB" --to "$1" --actor "$TAKAHASHI" \
        --approver "$YAMAZAKI" --second-pin-stdin <<<"$PIN"
}

run 0 demo --month 2026-10
run 0 item add --kind usb --title "月次台帳 書出し用USB"
USB=$(cat "$OUT")

# snapshot; then unchanged WHAT: the ledger and the key are byte for byte the snapshot, and no
# -wal was made by anything but SQLite.
snapshot() { cp "$DB" "$TMP/db.copy" && cp "$KEY" "$TMP/key.copy"; }
unchanged() {
    check "$1: the ledger is unchanged" cmp -s "$DB" "$TMP/db.copy"
    check "$1: the key is unchanged" cmp -s "$KEY" "$TMP/key.copy"
}
# refused CODE WHAT args...: exit 1 with [CODE] said in Japanese and English, nothing changed.
refused() {
    local code=$1 what=$2
    shift 2
    snapshot
    run 1 "$@"
    check "$what: refused with [$code]" grep -q "\[$code\]" "$ERR"
    check "$what: said in Japanese and English" [ "$(grep -c "\[$code\]" "$ERR")" -eq 2 ]
    unchanged "$what"
}

# --- output paths naming the ledger, its side files or the key ---------------------------------
refused OUT_PROTECTED "label to png:DB" print label --item "$ITEM" --printer "png:$DB"
refused OUT_PROTECTED "label to png:KEY" print label --item "$ITEM" --printer "png:$KEY"
refused OUT_PROTECTED "label to escpos:KEY" print label --item "$ITEM" --printer "escpos:$KEY"
refused OUT_PROTECTED "form to --out KEY" ledger --month 2026-10 --form takeout --out "$KEY"
refused OUT_PROTECTED "PDF to --out DB" ledger --month 2026-10 --form takeout --format pdf \
    --out "$DB"
refused OUT_PROTECTED "form to --out DB-wal" ledger --month 2026-10 --form takeout --out "$DB-wal"
check "no -wal was made by the refused form" [ ! -e "$DB-wal" ]
refused OUT_PROTECTED "form to --out DB-lock" inventory --out "$DB-lock"
refused OUT_PROTECTED "form to the ledger by another spelling" ledger --month 2026-10 \
    --form takeout --out "$TMP/./ledger.db"
run 0 ledger --month 2026-10 --csv
check "a refused --out leaves no export event" bash -c "! grep -q ',export,' '$OUT'"
refused OUT_PROTECTED "printer set --receipt png:DB" printer set --receipt "png:$DB"
refused OUT_PROTECTED "printer set --label png:DB-shm" printer set --label "png:$DB-shm"
refused OUT_PROTECTED "settings set printer_receipt png:KEY" settings set printer_receipt \
    "png:$KEY"
run 0 printer show
check "the refused printers were not kept" bash -c "! grep -q '$TMP' '$OUT'"
refused OUT_PROTECTED "import's check sheet to DB" import items \
    "$(dirname "$0")/../data/items-good.csv" --sheet "$DB"
ln -s "$KEY" "$TMP/sheet.csv"
refused OUT_LINK "import's check sheet at a link to the key" import items \
    "$(dirname "$0")/../data/items-good.csv" --sheet "$TMP/sheet.csv"
rm "$TMP/sheet.csv"
refused OUT_PROTECTED "backup --to KEY.new" backup --to "$KEY.new"
refused OUT_PROTECTED "rekey --new-key-file DB-wal" rekey --new-key-file "$DB-wal"
check "no -wal was made by the refused rekey" [ ! -e "$DB-wal" ]

# At print time too: a configured printer whose file is now a hard link to the ledger.
run 0 printer set --receipt "png:$TMP/receipt.png"
ln "$DB" "$TMP/receipt.png"
refused OUT_PROTECTED "receipt to a hard link of the ledger" print receipt --event 5
rm -f "$TMP/receipt.png"

# --- links at the output, never followed --------------------------------------------------------
ln -s "$KEY" "$TMP/form.csv"
refused OUT_LINK "--out is a link to the key" ledger --month 2026-10 --form takeout \
    --out "$TMP/form.csv"
check "the link is left as it was" [ "$(readlink "$TMP/form.csv")" = "$KEY" ]
rm "$TMP/form.csv"
ln -s "$KEY" "$TMP/form.csv.tmp"
refused OUT_LINK "--out's .tmp is a link to the key" ledger --month 2026-10 --form takeout \
    --out "$TMP/form.csv"
check "nothing was written at the name" [ ! -e "$TMP/form.csv" ]
rm "$TMP/form.csv.tmp"
ln "$KEY" "$TMP/label.png.tmp"
refused OUT_PROTECTED "a label's .tmp is a hard link to the key" print label --item "$ITEM" \
    --printer "png:$TMP/label.png"
rm "$TMP/label.png.tmp"

# --- a crafted medium (a test folder stands in for the mount point, as in test_check.sh) -------
export DAICHO_EXPORT_ANY_DIR=1
M=$TMP/usb
mkdir -p "$M/daicho-2026-10"
ln -s "$KEY" "$M/daicho-2026-10/takeout-2026-10.csv.tmp"
ln -s "$DB" "$M/daicho-2026-10/takeout-2026-10.pdf.tmp"
snapshot
export_to "$M" 1
check "medium: a link at <form>.csv.tmp is refused" grep -q '\[OUT_LINK\]' "$ERR"
check "medium: the refusal says the copy is recorded" grep -q 'the copy is recorded' "$ERR"
check "medium: the key is unchanged" cmp -s "$KEY" "$TMP/key.copy"
run 0 verify
check "medium: the ledger verifies after it" grep -q '^OK' "$OUT"
check "medium: the planted link is left as it was" \
    [ "$(readlink "$M/daicho-2026-10/takeout-2026-10.csv.tmp")" = "$KEY" ]
rm -rf "$M/daicho-2026-10"
ln -s "$TMP" "$M/daicho-2026-10" # the folder itself: a link to the ledger's folder
# (the ledger's own -wal and -shm come and go with each run)
ls "$TMP" | grep -v '^out$\|^err$\|^ls\.\|^ledger\.db-' >"$TMP/ls.before"
export_to "$M" 1
check "medium: a link at daicho-YYYY-MM is refused" grep -q '\[OUT_LINK\]' "$ERR"
ls "$TMP" | grep -v '^out$\|^err$\|^ls\.\|^ledger\.db-' >"$TMP/ls.after"
check "medium: nothing was written into the linked folder" diff "$TMP/ls.before" "$TMP/ls.after"
check "medium: the key is unchanged" cmp -s "$KEY" "$TMP/key.copy"
rm "$M/daicho-2026-10"
export_to "$M" 0
check "medium: a clean medium takes the seven files" [ "$(ls "$M/daicho-2026-10" | wc -l)" -eq 7 ]

# --- a FIFO or a folder as the key file: refused at once ----------------------------------------
mkfifo "$TMP/fifo.key"
timeout 5 "${WRAP[@]}" "$BIN" --db "$DB" --key-file "$TMP/fifo.key" verify >"$OUT" 2>"$ERR"
rc=$?
check "a FIFO key file does not hang (verify)" [ "$rc" -ne 124 ]
check "a FIFO key file cannot be opened (exit 3)" [ "$rc" -eq 3 ]
check "a FIFO key file is said so" grep -q '\[KEY_NOT_FILE\]' "$ERR"
timeout 5 "${WRAP[@]}" "$BIN" --db "$DB" --key-file "$TMP/fifo.key" item list >"$OUT" 2>"$ERR"
check "a FIFO key file does not hang (item list)" [ $? -eq 3 ]
mkdir "$TMP/dir.key"
run 3 --key-file "$TMP/dir.key" verify
check "a folder as the key file is said so" grep -q '\[KEY_NOT_FILE\]' "$ERR"

# --- what daicho-admin writes is for its user alone (umask 077) ---------------------------------
umask 022
mode() { stat -c %a "$1"; }
run 0 print label --item "$ITEM" --printer "png:$TMP/label.png"
run 0 ledger --month 2026-10 --form takeout --out "$TMP/takeout.csv"
run 0 ledger --month 2026-10 --form takeout --format pdf --out "$TMP/takeout.pdf"
run 0 backup --to "$TMP/backup.db"
"${WRAP[@]}" "$BIN" --db "$TMP/new/l.db" --key-file "$TMP/new/l.key" init >/dev/null 2>&1
for f in "$DB" "$KEY" "$DB-lock" "$TMP/label.png" "$TMP/takeout.csv" "$TMP/takeout.pdf" \
    "$TMP/backup.db" "$TMP/new/l.db" "$TMP/new/l.key" "$M/daicho-2026-10/takeout-2026-10.csv" \
    "$M/daicho-2026-10/inventory-2026-10.csv" "$M/daicho-2026-10/takeout-2026-10.pdf"; do
    check "$(basename "$f") is mode 0600 (umask 022 outside)" [ "$(mode "$f")" = 600 ]
done
check "the new ledger's folder is 0700" [ "$(mode "$TMP/new")" = 700 ]
check "the medium's folder is 0700" [ "$(mode "$M/daicho-2026-10")" = 700 ]

finish
