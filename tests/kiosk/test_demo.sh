#!/usr/bin/env bash
# The README's headless demo (tests/kiosk/demo.script) must keep working: it plays on the demo
# ledger, writes its named screenshots and leaves a ledger that verifies.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_demo.sh daicho daicho-admin}
ADMIN=${2:?}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/demoXXXXXX")
trap 'rm -rf "$TMP"' EXIT
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/../cli/lib.sh"
admin() { "$ADMIN" --db "$TMP/d.db" --key-file "$TMP/d.key" "$@"; }

admin demo --month 2026-10 >/dev/null
"$KIOSK" --db "$TMP/d.db" --key-file "$TMP/d.key" --printer "png:$TMP/paper.png" \
    --script "$(dirname "$0")/demo.script" --screenshots "$TMP/screens" 2>"$TMP/err"
check "the demo script plays to the end" [ $? -eq 0 ]
check "it writes its 11 named screenshots" [ "$(ls "$TMP/screens" | grep -cE '^[0-9]{2}-')" -eq 11 ]
check "it records two take-outs and a return" \
    [ "$(admin ledger --month 2026-11 --csv | grep -cE ',(持ち出し,take-out|返却,return),')" -eq 3 ]
check "the refused self-approval is logged for the monthly check" \
    [ "$(admin ledger --month 2026-11 --csv |
        grep -cE ',操作拒否,refused,DI-30XXRVVN-X,[^,]*,田中 花子,DB-26CHMTM9-1,田中 花子,take-out,')" -eq 1 ]
check "the item refused at the cart (already out) is logged too, naming it" \
    [ "$(admin ledger --month 2026-11 --csv | grep -cE ',操作拒否,refused,DI-6Z7VEYGH-Y,.*,take-out,')" -eq 1 ]
check "the ledger verifies" bash -c "'$ADMIN' --db '$TMP/d.db' --key-file '$TMP/d.key' verify >/dev/null"
finish
