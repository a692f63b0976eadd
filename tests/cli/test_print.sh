#!/usr/bin/env bash
# Paper from the real daicho-admin: labels, badges and receipts as PNG and as ESC/POS, read back
# with zbarimg; receipts verified good, changed, from another terminal (before and after it is
# trusted) and after the ledger was altered; printers that are missing or out of paper, which
# leave the record standing; reprints logged. $1 is the binary; DAICHO_WRAP (e.g. valgrind ...)
# runs it under a tool; DAICHO_ESCPOS2PNG (tests/print/escpos2png) turns ESC/POS back into PNG.
set -u
BIN=${1:?usage: test_print.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/printXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"
CONV=${DAICHO_ESCPOS2PNG:-}


# runb: the same on ledger B, another terminal.
runb() {
    local save_db=$DB save_key=$KEY
    DB=$TMP/b.db KEY=$TMP/b.key
    run "$@"
    local rc=$?
    DB=$save_db KEY=$save_key
    return $rc
}

qr() { zbarimg --nodbus --quiet --raw "$1" 2>/dev/null; }

# qr_escpos FILE DPI: the QR of an ESC/POS stream, through escpos2png.
qr_escpos() {
    "$CONV" "$1" "$1.png" "$2" && qr "$1.png"
}

# --- a ledger with people and items -------------------------------------------------------
run 0 init --terminal "窓口端末1" --office "テスト区役所 戸籍住民課"
run 0 staff add --name "佐藤 健一" --role admin
run 0 staff add --name "髙﨑 美咲" --kana "タカサキ ミサキ" --role manager --section "戸籍住民課" --pin-stdin <<<"4739"
MANAGER=$(cat "$OUT")
run 0 staff add --name "田中 花子" --role staff
TANAKA=$(cat "$OUT")
run 0 staff add --name "鈴木 一郎" --role staff
SUZUKI=$(cat "$OUT")
run 0 item add --kind paper --title "住民異動届 綴り" --personal --place "書庫A"
ITEM=$(cat "$OUT")
run 0 item add --kind usb --title "集計USB"
USB=$(cat "$OUT")

# --- labels and badges ----------------------------------------------------------------------
run 0 print label --item "$ITEM" --printer "png:$TMP/label.png" --paper 62x29
check "print label prints the code alone" [ "$(cat "$OUT")" = "$ITEM" ]
check "the label's QR is the item code (PNG, zbarimg)" [ "$(qr "$TMP/label.png")" = "$ITEM" ]
: >"$TMP/lp0"
run 0 print label --item "$USB" --printer "escpos:$TMP/lp0" --paper 50x30
if [ -n "$CONV" ]; then
    check "the label's QR is the item code (ESC/POS decoded)" \
        [ "$(qr_escpos "$TMP/lp0" 300)" = "$USB" ]
fi
run 0 print badge --badge "$MANAGER" --printer "png:$TMP/badge.png"
check "the badge's QR is the badge code" [ "$(qr "$TMP/badge.png")" = "$MANAGER" ]
run 2 print label --item "$MANAGER" --printer "png:$TMP/x.png"
check "a badge where an item is expected is named" grep -q CODE_WANT_ITEM "$ERR"
run 2 print label --item "$ITEM" --printer "png:$TMP/x.png" --paper 99x99

# --- a record of two items: one receipt, its QR a signed checkpoint ------------------------
run 0 record take-out --item "$ITEM" --item "$USB" --actor "$TANAKA" --approver "$MANAGER" \
    --purpose "会議資料" --to "本庁舎 3階会議室" --due 2026-10-09 --second-pin-stdin <<<"4739"
FIRST=$(head -n 1 "$OUT")
LAST=$(tail -n 1 "$OUT")
run 0 print receipt --event "$FIRST" --printer "png:$TMP/r58.png" --actor "$SUZUKI"
REPRINT=$(cat "$OUT")
check "the reprint is logged after the record" [ "$REPRINT" -eq $((LAST + 1)) ]
PAY=$(qr "$TMP/r58.png")
check "the receipt's QR is a signed checkpoint (DR + base32)" grep -Eq '^DR[A-Z2-7]{164}$' <<<"$PAY"
run 0 receipt verify "$PAY"
check "the receipt is good" grep -q RECEIPT_GOOD "$OUT"
check "verify names the record's last event" grep -q "event: *$LAST " "$OUT"
run 0 print receipt --event "$LAST" --printer "escpos:$TMP/lp0" --paper 80
if [ -n "$CONV" ]; then
    check "80 mm ESC/POS receipt carries the same checkpoint" \
        [ "$(qr_escpos "$TMP/lp0" 203)" = "$PAY" ]
fi
echo "$PAY" | run 0 receipt verify -
check "a payload can come on standard input" grep -q RECEIPT_GOOD "$OUT"
run 0 receipt verify "$(tr 'A-Z' 'a-z' <<<"$PAY")"
check "Caps Lock does not matter" grep -q RECEIPT_GOOD "$OUT"

# --- wrong receipts -------------------------------------------------------------------------
C=${PAY:120:1}
BAD=${PAY:0:120}$([ "$C" = Q ] && echo R || echo Q)${PAY:121}
run 1 receipt verify "$BAD"
check "a changed character is a bad signature" grep -q RECEIPT_BAD_SIG "$OUT"
check "and is explained in Japanese" grep -q "署名が合いません" "$OUT"
run 1 receipt verify "$ITEM"
check "a label is not a receipt" grep -q RECEIPT_FORMAT "$OUT"

# --- another terminal: unknown until trusted, then its signature only -----------------------
runb 0 init --terminal "窓口端末2" --office "テスト区役所 別館"
runb 0 staff add --name "別館 管理者" --role admin
runb 0 item add --kind cd --title "別館CD"
runb 0 print receipt --event 2 --printer "png:$TMP/b.png"
PAYB=$(qr "$TMP/b.png")
run 1 receipt verify "$PAYB"
check "another terminal's receipt is unknown here" grep -q RECEIPT_UNKNOWN_TERMINAL "$OUT"
runb 0 terminal export-key
KEYB=$(cat "$OUT")
run 0 terminal trust "$KEYB" --name "別館"
IDB=$(cat "$OUT")
check "trust prints the terminal id of the key" [ "${KEYB%%-*}" = "$IDB" ]
run 0 receipt verify "$PAYB"
check "a trusted terminal's receipt: signature only" grep -q RECEIPT_SIGNED "$OUT"
run 0 terminal list
check "the trusted terminal is listed" grep -q "$IDB" "$OUT"
run 2 terminal trust "${KEYB:0:20}"
check "a cut key is refused" grep -q TERMINAL_KEY_FORMAT "$ERR"
run 0 terminal show
check "terminal show gives the id and the key" grep -q "^公開鍵 / public key: *T" "$OUT"

# --- printers that fail: the record stands, the receipt can be printed again --------------------
run 0 verify
N=$(awk '{print $2}' "$OUT")
run 1 print receipt --event "$FIRST" --printer "escpos:$TMP/no-such-printer"
check "a missing printer is named" grep -q PRINTER_MISSING "$ERR"
check "and says to print again" grep -q "print receipt --event $FIRST" "$ERR"
if [ -w /dev/full ]; then
    run 1 print receipt --event "$FIRST" --printer escpos:/dev/full
    check "paper out is named" grep -q PRINTER_PAPER "$ERR"
fi
run 2 print receipt --event "$FIRST" --printer lp0
check "a printer spec of neither form is named" grep -q PRINTER_SPEC "$ERR"
run 1 print receipt --event 1 --printer "png:$TMP/x.png"
check "an enrolment has no receipt" grep -q RECEIPT_NONE "$ERR"
run 2 print receipt --event "$FIRST" --paper 62x29
run 2 print receipt --event abc
run 0 verify
M=$(awk '{print $2}' "$OUT")
check "the failed prints were logged as reprints, nothing else" \
    [ "$M" -eq $((N + $([ -w /dev/full ] && echo 2 || echo 1))) ]

# --- settings: the configured printer and paper ---------------------------------------------
run 0 printer set --receipt "png:$TMP/cfg.png" --receipt-paper 80
run 0 printer show
check "printer show gives the receipt printer" grep -q "receipt: png:$TMP/cfg.png (80)" "$OUT"
run 0 print receipt --event "$LAST"
check "the configured printer is used" [ "$(qr "$TMP/cfg.png")" = "$PAY" ]
run 2 printer set --receipt-paper 62x29

# --- the ledger ---------------------------------------------------------------------------------
run 0 ledger --month 2026-10
check "reprints are in the ledger" [ "$(grep -c "再発行" "$OUT")" -ge 2 ]

# --- a receipt for an event altered later -------------------------------------------------------
if command -v sqlcipher >/dev/null; then
    cp "$DB" "$TMP/tampered.db"
    sqlcipher "$TMP/tampered.db" >/dev/null 2>&1 <<SQL
PRAGMA key = "x'$(cat "$KEY")'";
DROP TRIGGER events_no_update;
UPDATE events SET purpose = '私用' WHERE seq = $LAST;
SQL
    run 1 --db "$TMP/tampered.db" receipt verify "$PAY"
    check "an altered event is named" grep -q RECEIPT_EVENT_ALTERED "$OUT"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
