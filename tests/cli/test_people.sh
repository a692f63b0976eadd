#!/usr/bin/env bash
# People against the real daicho-admin: the CLI's second person proves presence with a PIN on
# standard input (counted and locked as at the kiosk), first PINs need a one-time enrolment code,
# weak PINs are refused, designation dates and the sender of a transport are enforced, and only
# managers and administrators read out or write out personal data, each refusal logged.
# $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_people.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/peopleXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
export DAICHO_EXPORT_ANY_DIR=1
. "$(dirname "$0")/lib.sh"
at() { export DAICHO_NOW=2026-10-05T$1+09:00; }

run 0 init
echo 4739 | run 0 staff add --name "管理 者" --role admin --pin-stdin
ADMIN=$(cat "$OUT")
echo 5820 | run 0 staff add --name "課長 一" --role manager --pin-stdin
BOSS=$(cat "$OUT")
echo 5820 | run 0 staff add --name "課長 二" --role manager --pin-stdin
BOSS2=$(cat "$OUT")
echo 5820 | run 0 staff add --name "職員 一" --role staff --pin-stdin
CLERK=$(cat "$OUT")
echo 5820 | run 0 staff add --name "職員 二" --role staff --pin-stdin
CLERK2=$(cat "$OUT")
echo 5820 | run 0 staff add --name "未来 課長" --role manager --designated 2099-04-01 --pin-stdin
LATER=$(cat "$OUT")
run 0 item add --kind paper --title "住民票 綴り" --personal
PAPER=$(cat "$OUT")
run 0 item add --kind usb --title "集計USB"
USB=$(cat "$OUT")
out=(--purpose 会議 --to 本庁 --due 2026-10-09)

# --- first PINs: an enrolment code, once, not a weak PIN ---------------------------------------
run 0 staff add --name "新人 三" --role staff
NEW=$(cat "$OUT")
run 1 staff pin --badge "$NEW" --code-stdin <<<$'00000000\n5820'
check "no first PIN without an enrolment code" grep -q ENROL_CODE_NEEDED "$ERR"
run 1 staff code --badge "$NEW" --actor "$CLERK"
check "only an administrator issues enrolment codes" grep -q R_ACTOR_ROLE "$ERR"
run 0 staff code --badge "$NEW"
CODE=$(cat "$OUT")
check "the code is 8 digits, printed once" grep -Eq '^[0-9]{8}$' <<<"$CODE"
check "the code is not in the database file" bash -c "! grep -qa '$CODE' '$DB'"
run 1 staff pin --badge "$NEW" --code-stdin <<<$'99999999\n5820'
check "a wrong code is refused" grep -q ENROL_CODE_WRONG "$ERR"
run 1 staff pin --badge "$NEW" --code-stdin <<<"$CODE"$'\n5820'
check "and used up: the right one no longer works" grep -q ENROL_CODE_NEEDED "$ERR"
run 0 staff code --badge "$NEW"
CODE=$(cat "$OUT")
for weak in 0000 1234 4321 98765 123; do
    run 1 staff pin --badge "$NEW" --code-stdin <<<"$CODE"$'\n'"$weak"
done
check "weak PINs are refused with what to do" grep -q "Avoid repeated digits" "$ERR"
run 0 staff pin --badge "$NEW" --code-stdin <<<"$CODE"$'\n5820'
run 0 record take-out --item "$USB" --actor "$NEW" --approver "$CLERK" "${out[@]}" \
    --second-pin-stdin <<<5820
check "the new person can act with their first PIN" grep -Eq '^[0-9]+$' "$OUT"
run 0 record return --item "$USB" --actor "$NEW" --approver "$CLERK" --second-pin-stdin <<<5820
at 10:01:00
DAICHO_NOW=2026-10-06T10:00:00+09:00 run 1 staff code --badge "$NEW" --actor "$NEW"
check "enrolment codes are for administrators" grep -q R_ACTOR_ROLE "$ERR"

# --- the second person proves presence --------------------------------------------------------
run 2 record take-out --item "$PAPER" --actor "$CLERK" --approver "$BOSS" "${out[@]}"
check "an approver without a PIN is a usage error" grep -q second-pin-stdin "$ERR"
run 1 record take-out --item "$PAPER" --actor "$CLERK" --approver "$BOSS" "${out[@]}" \
    --second-pin-stdin <<<1111
check "a wrong approver PIN refuses the record" grep -q PIN_WRONG "$ERR"
run 1 record take-out --item "$PAPER" --actor "$CLERK" --approver "$BOSS" "${out[@]}" \
    --second-pin-stdin <<<5820
check "the next try waits as at the kiosk" grep -q PIN_WAIT "$ERR"
check "the wait is given in seconds" grep -q "try again in 1 s" "$ERR"
run 0 item show "$PAPER"
check "nothing was taken out" grep -q "保管中 (in)" "$OUT"
# Four more wrong PINs, each after its wait: the manager's badge locks.
for t in 10:02:00 10:03:00 10:04:00 10:05:00; do
    at $t
    run 1 record take-out --item "$PAPER" --actor "$CLERK" --approver "$BOSS" "${out[@]}" \
        --second-pin-stdin <<<1111
done
check "the fifth wrong approver PIN locks the badge" grep -q PIN_LOCKED "$ERR"
at 10:10:00
run 1 record take-out --item "$PAPER" --actor "$CLERK" --approver "$BOSS" "${out[@]}" \
    --second-pin-stdin <<<5820
check "a locked manager cannot approve, even with the right PIN" grep -q PIN_LOCKED "$ERR"
run 1 check seal --month 2026-09 --actor "$BOSS" --pin-stdin <<<5820
check "nor seal" grep -q PIN_LOCKED "$ERR"
run 0 record take-out --item "$PAPER" --actor "$CLERK" --approver "$BOSS2" "${out[@]}" \
    --second-pin-stdin <<<5820
TAKEOUT=$(cat "$OUT")
run 0 staff release --badge "$BOSS2"
run 1 record return --item "$PAPER" --actor "$CLERK" --approver "$BOSS2" --second-pin-stdin <<<5820
check "a released manager cannot confirm" grep -q R_ACTOR_RELEASED "$ERR"
run 0 record return --item "$PAPER" --actor "$CLERK" --approver "$CLERK2" --second-pin-stdin <<<5820

# --- designation dates, the sender ------------------------------------------------------------
run 1 record take-out --item "$PAPER" --actor "$CLERK" --approver "$LATER" "${out[@]}" \
    --second-pin-stdin <<<5820
check "a manager designated from 2099 cannot approve today" grep -q R_NOT_YET_DESIGNATED "$ERR"
run 1 check seal --month 2026-09 --actor "$LATER" --pin-stdin <<<5820
check "nor seal" grep -q R_NOT_YET_DESIGNATED "$ERR"
run 0 record transport --item "$USB" --actor "$CLERK" --carrier "$CLERK2" --to 北出張所
run 1 record receive --item "$USB" --actor "$CLERK"
check "the sender cannot record the arrival" grep -q R_SENDER_RECEIVE "$ERR"
run 1 record receive --item "$USB" --actor "$CLERK2"
check "nor the carrier" grep -q R_SELF_RECEIVE "$ERR"
run 0 record receive --item "$USB" --actor "$NEW"

# --- read-outs: managers and administrators only, each refusal logged --------------------------
run 1 ledger --month 2026-10 --csv --actor "$CLERK"
check "a handler cannot take the month's CSV" grep -q R_ACTOR_ROLE "$ERR"
check "and nothing was written" [ ! -s "$OUT" ]
run 1 ledger --month 2026-10 --actor "$CLERK"
check "nor the month as text on the screen" grep -q R_ACTOR_ROLE "$ERR"
check "and no name was printed" [ ! -s "$OUT" ]
run 1 ledger --month 2026-10 --form takeout --out "$TMP/f.csv" --actor "$CLERK"
check "nor a form" [ ! -e "$TMP/f.csv" ]
run 1 inventory --out "$TMP/i.csv" --actor "$CLERK"
check "nor the inventory" [ ! -e "$TMP/i.csv" ]
run 1 check --month 2026-10 --actor "$CLERK"
check "nor the monthly check" grep -q R_ACTOR_ROLE "$ERR"
run 1 export --month 2026-10 --medium "$USB" --to "$TMP" --actor "$CLERK" --approver "$CLERK2" \
    --second-pin-stdin <<<5820
check "two handlers cannot export the month" grep -q R_ACTOR_ROLE "$ERR"
check "and nothing is on the medium" [ ! -e "$TMP/daicho-2026-10" ]
run 1 ledger --month 2026-10 --csv --actor "$LATER"
check "a manager not yet designated cannot read out" grep -q R_NOT_YET_DESIGNATED "$ERR"
run 0 ledger --month 2026-10 --csv --actor "$BOSS"
check "a manager takes the CSV" grep -q ',take-out,' "$OUT"
check "the CSV is logged as an export first" grep -q ',export,.*,ledger 2026-10,-,' "$OUT"

# --- the monthly check shows all of it ----------------------------------------------------------
run 0 check --month 2026-10 --actor "$BOSS"
check "refused read-outs are anomalies" [ "$(grep -c '\[refused\].*export: R_' "$OUT")" -eq 7 ]
check "approvers entered on the CLI are flagged" grep -q "\[cli-second\].*CLI: take-out $BOSS2" "$OUT"
check "the lockout is an anomaly" grep -q '\[lockout\]' "$OUT"
check "waits refused are failed log-ins" grep -q 'too soon' "$OUT"
check "enrolment codes issued are counted" grep -q "登録コード発行 2" "$OUT"
check "wrong enrolment codes are failed log-ins" grep -q 'wrong enrolment code' "$OUT"
run 0 verify
finish
