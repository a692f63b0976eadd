#!/usr/bin/env bash
# The PIN pad of the real kiosk keeps the ledger's wait: after a wrong PIN, cancelling and
# scanning the badge again (or trying at daicho-admin) still waits; a manager's unlock is an
# event the monthly check shows; a badge without a PIN needs the administrator's enrolment code.
# $1 is the kiosk, $2 daicho-admin.
set -u
KIOSK=${1:?usage: test_pin.sh path/to/daicho path/to/daicho-admin}
ADMIN=${2:?usage: test_pin.sh path/to/daicho path/to/daicho-admin}
. "$(dirname "$0")/lib.sh"
fresh

# --- the wait survives a cancel and a rescan, and the other program ----------------------------
kiosk rescan <<EOF
scan $NAKAMURA
keys 0000
tap 確定
expect 暗証番号が違います
tap キャンセル
scan $NAKAMURA
expect 秒お待ちください
EOF
check "the rescan did not compare a PIN" [ "$(count_type login-failed)" -eq 1 ]
"$ADMIN" --db "$DB" --key-file "$KEY" check seal --month 2026-10 --actor "$NAKAMURA" \
    --pin-stdin <<<7391 >/dev/null 2>"$TMP/cli.err"
check "daicho-admin sees the kiosk's wait" grep -q PIN_WAIT "$TMP/cli.err"
kiosk after <<EOF
wait 2
scan $NAKAMURA
keys 7391
tap 確定
expect 業務を選んでください
EOF

# --- a manager's unlock is an event, and the monthly check shows it -----------------------------
kiosk lock <<EOF
scan $NAKAMURA
keys 0000
tap 確定
wait 1
keys 0000
tap 確定
wait 2
keys 0000
tap 確定
wait 4
keys 0000
tap 確定
wait 8
keys 0000
tap 確定
expect ロックされています
$(login $TAKAHASHI)
tap ロック解除
scan $NAKAMURA
expect ロックを解除しました
EOF
check "the unlock is an event by the manager" \
    bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' ledger --month 2026-11 --csv | grep ',unlock,' | grep -q 髙橋"
check "the monthly check counts it" \
    bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' check --month 2026-11 | grep -q 'ロック解除 1'"

# --- a badge without a PIN: the enrolment code first ------------------------------------------
NEWBADGE=$(admin staff new-badge)
admin staff add --name "ニシ ハナコ" --role staff --badge "$NEWBADGE" >/dev/null
kiosk nocode <<EOF
scan $NEWBADGE
expect 登録コード(8桁)
keys 12345678
tap 確定
expect 登録コードが必要
EOF
check "a first PIN without a code is a failed log-in" \
    bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' check --month 2026-11 | grep -q 'first PIN without an enrolment code'"
finish
