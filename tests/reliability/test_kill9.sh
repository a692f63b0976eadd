#!/usr/bin/env bash
# kill -9 against the real daicho-admin while it appends: every sequence number it printed
# before it was killed is in the ledger afterwards, and the ledger verifies. $1 is the binary,
# $2 the number of kills (default 40).
set -u
BIN=${1:?usage: test_kill9.sh path/to/daicho-admin [kills]}
KILLS=${2:-40}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/kill9XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-11-02T10:00:00+09:00
. "$(dirname "$0")/../cli/lib.sh"

run 0 init --terminal kill9
run 0 staff add --name "管理 者" --role admin

acked=0
max=0
for i in $(seq 1 "$KILLS"); do
    # One append, killed at a random moment: before, during or after its commit.
    "$BIN" --db "$DB" --key-file "$KEY" settings set office_name "庁舎$i" \
        >"$TMP/printed.$i" 2>/dev/null &
    pid=$!
    sleep "0.0$((RANDOM % 7))$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    while read -r seq; do
        acked=$((acked + 1))
        [ "$seq" -gt "$max" ] && max=$seq
    done < <(cat "$TMP/printed.$i" 2>/dev/null)
done

run 0 verify
count=$(sed -n 's/^OK \([0-9]*\) events.*/\1/p' "$OUT")
check "the ledger verifies after $KILLS kills" [ -n "$count" ]
check "every printed sequence number survived ($max <= ${count:-0})" [ "${count:-0}" -ge "$max" ]
run 0 settings set office_name 最後
echo "kill -9: $KILLS kills, $acked events acknowledged, highest $max, ledger holds ${count:-0}," \
    "lost $([ "${count:-0}" -ge "$max" ] && echo 0 || echo $((max - count)))"
finish
