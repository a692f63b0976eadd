#!/usr/bin/env bash
# The real daicho-admin binary, end to end: init, enrol, register, a take-out and return with
# refusals on the way, verify, ledger, and the errors a person can hit. $1 is the binary;
# DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_flow.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/cliXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"


code_re='^D[IB]-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-Z]$'

# --- init -------------------------------------------------------------------------------------
run 0 init --terminal "窓口端末1" --office "テスト区役所"
check "key file is mode 600" [ "$(stat -c %a "$KEY")" = 600 ]
check "key file holds 64 hex digits" grep -Eq '^[0-9a-f]{64}$' "$KEY"
check "database file exists" [ -s "$DB" ]
run 3 init
check "init over an existing database says so" grep -q DB_EXISTS "$ERR"

# --- enrol ------------------------------------------------------------------------------------
echo 4739 | run 0 staff add --name "佐藤 健一" --kana "サトウ ケンイチ" --role admin --pin-stdin
ADMIN=$(cat "$OUT")
check "admin badge is a badge code" grep -Eq "$code_re" <<<"$ADMIN"
run 0 staff add --name "髙橋 美咲" --role manager --section "戸籍住民課"
MANAGER=$(cat "$OUT")
# Without --pin-stdin a person has no PIN until an administrator issues a one-time code.
run 1 staff pin --badge "$MANAGER" --code-stdin <<<$'12345678\n4739'
check "a first PIN without an enrolment code is refused" grep -q ENROL_CODE_NEEDED "$ERR"
run 0 staff code --badge "$MANAGER"
CODE=$(cat "$OUT")
check "staff code prints an 8-digit code once" grep -Eq '^[0-9]{8}$' <<<"$CODE"
run 1 staff pin --badge "$MANAGER" --code-stdin <<<"$CODE"$'\n1234'
check "a weak first PIN is refused" grep -q PIN_WEAK "$ERR"
check "the weak-PIN refusal says what to do in Japanese" grep -q "推測されやすい" "$ERR"
run 0 staff pin --badge "$MANAGER" --code-stdin <<<"$CODE"$'\n4739'
run 1 staff pin --badge "$MANAGER" --code-stdin <<<"$CODE"$'\n5820'
check "an enrolment code works once" grep -q ENROL_CODE_NEEDED "$ERR"
echo 4739 | run 0 staff add --name "田中 花子" --role staff --section "戸籍住民課" --pin-stdin
TANAKA=$(cat "$OUT")
echo 4739 | run 0 staff add --name "鈴木 一郎" --role staff --pin-stdin
SUZUKI=$(cat "$OUT")
echo 0000 | run 1 staff add --name "弱い 番号" --role staff --pin-stdin
check "staff add refuses a weak PIN before enrolling" grep -q PIN_WEAK "$ERR"
run 0 staff new-badge
check "new-badge prints a fresh badge code" grep -Eq '^DB-' "$OUT"
run 0 staff list
check "staff list shows 4 people (not the refused one)" [ "$(wc -l <"$OUT")" -eq 4 ]
check "staff list shows 髙橋" grep -q "髙橋 美咲" "$OUT"
run 1 staff add --name "勝手 登録" --role staff --actor "$TANAKA"
check "a handler cannot enrol" grep -q R_ACTOR_ROLE "$ERR"

# --- register ---------------------------------------------------------------------------------
run 0 item add --kind paper --title "住民異動届 綴り SECRETWORD" --personal --place "書庫A"
ITEM=$(cat "$OUT")
check "item add prints the label code alone on its line" \
    [ "$(wc -l <"$OUT")" -eq 1 -a -n "$(grep -E "$code_re" "$OUT")" ]
run 0 item add --kind usb --title "集計USB" --actor "$TANAKA"
USB=$(cat "$OUT")
run 2 item add --kind floppy --title "x"
run 2 item add --kind paper

# --- take-out with refusals -------------------------------------------------------------------
out_args=(--purpose "会議資料" --to "本庁舎 3階会議室" --due 2026-10-09)
run 1 record take-out --item "$ITEM" --actor "$TANAKA" --approver "$TANAKA" "${out_args[@]}" --second-pin-stdin <<<4739
check "self-approval is refused with its reason" grep -q R_SELF_APPROVAL "$ERR"
check "refusal is explained in Japanese" grep -q "本人は承認" "$ERR"
run 1 record take-out --item "$ITEM" --actor "$TANAKA" --approver "$SUZUKI" "${out_args[@]}" --second-pin-stdin <<<4739
check "personal paper needs a manager's approval" grep -q R_PAPER_PERSONAL_OUT "$ERR"
run 1 record take-out --item "$ITEM" --actor "$TANAKA" --approver "$MANAGER" --purpose x --second-pin-stdin <<<4739
check "take-out without destination and due date is refused" grep -q R_FIELD_MISSING "$ERR"
run 1 record return --item "$ITEM" --actor "$TANAKA" --approver "$SUZUKI" --second-pin-stdin <<<4739
check "an item in storage cannot be returned" grep -q R_ITEM_IN "$ERR"
run 0 record take-out --item "$ITEM" --actor "$TANAKA" --approver "$MANAGER" "${out_args[@]}" --second-pin-stdin <<<4739
TAKEOUT_SEQ=$(cat "$OUT")
check "take-out prints its sequence number" grep -Eq '^[0-9]+$' <<<"$TAKEOUT_SEQ"
run 1 record take-out --item "$ITEM" --actor "$SUZUKI" --approver "$MANAGER" "${out_args[@]}" --second-pin-stdin <<<4739
check "an item that is out cannot be taken out again" grep -q R_ITEM_OUT "$ERR"

# --- codes typed wrong ------------------------------------------------------------------------
run 2 record return --item "$MANAGER" --actor "$TANAKA" --approver "$SUZUKI" --second-pin-stdin <<<4739
check "a badge where an item is expected is a clear error" grep -q CODE_WANT_ITEM "$ERR"
BAD=${ITEM:0:5}$([ "${ITEM:5:1}" = 0 ] && echo 1 || echo 0)${ITEM:6}
run 2 record return --item "$BAD" --actor "$TANAKA" --approver "$SUZUKI" --second-pin-stdin <<<4739
check "a misread character is caught by the check character" grep -q CODE_CHECK "$ERR"
run 0 item show "$(tr 'A-Z' 'a-z' <<<"$ITEM")"
check "lower-case codes are accepted" grep -q "持ち出し中" "$OUT"

# --- return -----------------------------------------------------------------------------------
run 1 record return --item "$ITEM" --actor "$TANAKA" --approver "$TANAKA" --second-pin-stdin <<<4739
check "the return confirmer must be someone else" grep -q R_SELF_APPROVAL "$ERR"
run 0 record return --item "$ITEM" --actor "$TANAKA" --approver "$SUZUKI" --second-pin-stdin <<<4739
RETURN_SEQ=$(cat "$OUT")
# Between them: the refused second take-out and the refused self-confirmation, each logged.
check "return follows the take-out and the two refusals" [ "$RETURN_SEQ" -eq $((TAKEOUT_SEQ + 3)) ]
run 0 item show "$ITEM"
check "item is back in storage" grep -q "保管中 (in)" "$OUT"
check "history lists register, take-out, return and six refused attempts" \
    [ "$(grep -cE '^ +[0-9]+ ' "$OUT")" -eq 9 -a "$(grep -c '操作拒否' "$OUT")" -eq 6 ]
run 0 item list --state in
check "item list shows both items in storage" [ "$(wc -l <"$OUT")" -eq 2 ]

# --- several items in one record, all or nothing ----------------------------------------------
run 1 record take-out --item "$USB" --item "$ITEM" --actor "$SUZUKI" --approver "$TANAKA" \
    "${out_args[@]}" --second-pin-stdin <<<4739
check "a refused item refuses the whole record" grep -q "$ITEM" "$ERR"
run 0 item list --state out
check "nothing was taken out by the refused record" [ ! -s "$OUT" ]

# --- disposal, release ------------------------------------------------------------------------
run 1 record dispose --item "$USB" --actor "$SUZUKI" --approver "$TANAKA" --method purge \
    --technique "消去ソフト" --second-pin-stdin <<<4739
check "a disposal witness must be a manager" grep -q R_SECOND_ROLE "$ERR"
run 2 record dispose --item "$USB" --actor "$SUZUKI" --approver "$MANAGER" --method shred --second-pin-stdin <<<4739
run 0 record dispose --item "$USB" --actor "$SUZUKI" --approver "$MANAGER" --method purge \
    --technique "消去ソフト" --certificate "C-001" --second-pin-stdin <<<4739
run 1 record take-out --item "$USB" --actor "$SUZUKI" --approver "$MANAGER" "${out_args[@]}" --second-pin-stdin <<<4739
check "nothing after disposal" grep -q R_ITEM_DISPOSED "$ERR"
run 0 staff release --badge "$SUZUKI"
run 1 record take-out --item "$ITEM" --actor "$SUZUKI" --approver "$MANAGER" "${out_args[@]}" --second-pin-stdin <<<4739
check "a released person can no longer act" grep -q R_ACTOR_RELEASED "$ERR"

# --- settings: each change an event, by an administrator ------------------------------------
run 0 settings set list.purposes "窓口応援|研修|監査対応"
check "a setting change prints its sequence number" grep -Eq '^[0-9]+$' "$OUT"
run 0 settings
check "settings show the new list" grep -q '^list.purposes=窓口応援|研修|監査対応$' "$OUT"
check "settings show the office" grep -q '^office_name=テスト区役所$' "$OUT"
run 2 settings set colour blue
check "an unknown setting names the known ones" grep -q 'list.purposes' "$ERR"
run 1 settings set idle_seconds 90 --actor "$TANAKA"
check "only an administrator changes settings" grep -q R_ACTOR_ROLE "$ERR"
for bad in "office_hours 9-5" "office_hours 17:15-08:30" "idle_seconds 5" "idle_seconds ten" \
    "overdue_days 0" "printer_receipt lp0" "printer_receipt_paper 62x29" "office_name ''" "export_dir media"; do
    eval "run 1 settings set $bad"
    check "a setting of no sense is refused: $bad" grep -q R_SETTING_VALUE "$ERR"
done
run 0 settings set office_hours 08:30-17:15
run 0 settings set overdue_days 30
run 0 printer set --receipt "png:$TMP/r.png" --receipt-paper 80
run 0 ledger --month 2026-10 --csv
READOUTS=$(grep -c ',書出し,export,.*,ledger 2026-10,-,' "$OUT")
check "a printer change is four setting events" \
    [ "$(grep -cE ',setting,.*,printer_(receipt|receipt_paper|label|label_paper),' "$OUT")" -eq 4 ]

# --- verify and ledger ------------------------------------------------------------------------
run 0 verify
check "verify prints OK, the count and the head" \
    grep -Eq '^OK [0-9]+ events, head [0-9a-f]{64}$' "$OUT"
N=$(awk '{print $2}' "$OUT")
# The month on the screen shows names and titles: a read-out, logged first, so it lists N + 1.
run 0 ledger --month 2026-10
check "ledger lists every event of the month, its own read-out too" grep -q "($((N + 1)) 件" "$OUT"
run 0 ledger --month 2026-10 --csv
# The CSV leaves the terminal: its own export event is logged first, so it lists N + 2.
check "the text read-out and the CSV's own export are logged before they are written" \
    [ "$(grep -c ',書出し,export,.*,ledger 2026-10,-,' "$OUT")" -eq $((READOUTS + 2)) ]
check "CSV starts with a UTF-8 byte-order mark" [ "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "CSV lines end in CRLF" [ "$(grep -c $'\r$' "$OUT")" -eq $((N + 3)) ]
run 0 ledger --month 2026-09
check "another month is empty" grep -q "(0 件" "$OUT"
run 2 ledger --month 2026-13

# --- nothing in clear -------------------------------------------------------------------------
check "titles are not in the database file" bash -c "! grep -qa SECRETWORD '$DB'"
check "names are not in the database file" bash -c "! grep -qa '田中' '$DB'"

# --- tampering through SQL with the key is found by verify ------------------------------------
if command -v sqlcipher >/dev/null; then
    cp "$DB" "$TMP/tampered.db"
    sqlcipher "$TMP/tampered.db" >/dev/null 2>&1 <<SQL
PRAGMA key = "x'$(cat "$KEY")'";
CREATE TEMP TABLE t AS SELECT sql FROM sqlite_schema WHERE name = 'events_no_update';
DROP TRIGGER events_no_update;
UPDATE events SET purpose = '私用' WHERE seq = $TAKEOUT_SEQ;
SQL
    run 1 --db "$TMP/tampered.db" verify
    check "verify names the changed event" grep -q "seq $TAKEOUT_SEQ" "$OUT"
    check "verify failure explained" grep -q VERIFY_FAILED "$ERR"
fi

# --- files and keys that cannot be opened, left unchanged -------------------------------------
SUM=$(sha256sum <"$DB")
head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 64 >"$TMP/wrong.key"
chmod 600 "$TMP/wrong.key"
run 3 --key-file "$TMP/wrong.key" verify
check "wrong key is named" grep -q DB_WRONG_KEY "$ERR"
check "the database is unchanged after a wrong key" [ "$(sha256sum <"$DB")" = "$SUM" ]
cp "$KEY" "$TMP/open.key"
chmod 644 "$TMP/open.key"
run 3 --key-file "$TMP/open.key" verify
check "a key readable by others is refused" grep -q KEY_PERMS "$ERR"
run 3 --key-file "$TMP/absent.key" verify
check "a missing key is named" grep -q KEY_MISSING "$ERR"
run 3 --db "$TMP/absent.db" verify
check "a missing database is named" grep -q DB_MISSING "$ERR"
check "a missing database is not created" [ ! -e "$TMP/absent.db" ]
printf 'SQLite format 3\0plain' >"$TMP/plain.db"
run 3 --db "$TMP/plain.db" verify
check "a plaintext SQLite file is named" grep -q DB_PLAINTEXT "$ERR"
head -c 5000 "$DB" >"$TMP/trunc.db"
run 3 --db "$TMP/trunc.db" verify
check "a truncated file is named" grep -q DB_TRUNCATED "$ERR"

# --- usage --------------------------------------------------------------------------------------
run 2 record take-out --actor "$TANAKA"
run 2 record fly --item "$ITEM"
run 2 item list --state lost
run 2 verify --bogus
run 2 frobnicate
run 0 --help

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
