#!/usr/bin/env bash
# Sixteen programs try one manager's PIN at the same moment against the real daicho-admin
# (`check seal --pin-stdin`, the command that takes a PIN on standard input): fifteen wrong PINs
# and the right one. However they interleave, at most 5 PINs are ever compared between two
# resets (the count and the limit are one statement in one write transaction), every attempt
# leaves a failed log-in or the seal, and bursts of wrong PINs end with the badge locked, after
# which the right PIN is refused too. $1 is the binary, $2 the rounds (default 4).
set -u
BIN=${1:?usage: test_pin_race.sh path/to/daicho-admin [rounds]}
ROUNDS=${2:-4}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/pinraceXXXXXX")
trap 'rm -rf "$TMP"' EXIT
export DAICHO_NOW=2026-11-02T10:00:00+09:00
DB=$TMP/template.db
KEY=$TMP/template.key
. "$(dirname "$0")/../cli/lib.sh"

MANAGER=DB-3JPTBZEN-N # the demo office's manager 髙橋 美咲; every demo PIN is 7391
RIGHT=7391
run 0 demo --month 2026-10

# burst DIR N RIGHT_AT: N programs at once, the one numbered RIGHT_AT (0 for none) with the
# right PIN; each one's exit code and error code are kept in DIR.
burst() {
    local dir=$1 n=$2 right_at=$3 i
    rm -f "$dir/go"
    for i in $(seq 1 "$n"); do
        (
            pin=$((1000 + i))
            [ "$i" -eq "$right_at" ] && pin=$RIGHT
            while [ ! -e "$dir/go" ]; do sleep 0.005; done
            "$BIN" --db "$dir/ledger.db" --key-file "$dir/ledger.key" check seal \
                --month 2026-10 --actor "$MANAGER" --pin-stdin <<<"$pin" >"$dir/out.$i" \
                2>"$dir/err.$i"
            echo $? >"$dir/rc.$i"
        ) &
    done
    sleep 0.2
    touch "$dir/go"
    wait
}

# anomalies DIR PATTERN: the manager's failed log-ins of November whose detail matches.
anomalies() {
    "$BIN" --db "$1/ledger.db" --key-file "$1/ledger.key" check --month 2026-11 |
        grep -E '\[(login-failed|lockout)\]' | grep '髙橋' | grep -cE "$2"
}

total_compared=0
max_compared=0
for r in $(seq 1 "$ROUNDS"); do
    D=$TMP/round$r
    mkdir -p "$D"
    cp "$DB" "$D/ledger.db"
    cp "$KEY" "$D/ledger.key"
    export DAICHO_NOW=2026-11-02T10:00:00+09:00
    burst "$D" 16 $((1 + RANDOM % 16))
    sealed=$(cat "$D"/rc.* | grep -c '^0$')
    wrong=$(anomalies "$D" 'wrong PIN')
    late=$(anomalies "$D" 'right PIN, but locked')
    logged=$(anomalies "$D" '.')
    compared=$((wrong + late + sealed))
    total_compared=$((total_compared + compared))
    [ "$compared" -gt "$max_compared" ] && max_compared=$compared
    echo "round $r: $compared PINs compared (wrong $wrong, right but locked $late, seals $sealed)," \
        "$(grep -l PIN_LOCKED "$D"/err.* | wc -l) refused locked," \
        "$(grep -l PIN_WAIT "$D"/err.* | wc -l) refused too soon"
    check "round $r: at most 5 PINs compared of 16" [ "$compared" -le 5 ]
    check "round $r: at most one seal" [ "$sealed" -le 1 ]
    check "round $r: every attempt is a failed log-in or the seal" [ $((logged + sealed)) -eq 16 ]
    check "round $r: every program ended with a PIN refusal or the seal" \
        [ "$(cat "$D"/err.* | grep -cE '^daicho-admin: \[PIN_(WRONG|LOCKED|WAIT)\] [^A-Za-z]')" \
        -eq $((16 - sealed)) ]
    check "round $r: the ledger verifies" \
        bash -c "'$BIN' --db '$D/ledger.db' --key-file '$D/ledger.key' verify >/dev/null 2>&1"
    [ "$sealed" -eq 0 ] || continue
    # Bursts of wrong PINs only, each after the wait: the badge ends locked after at most 5
    # comparisons in all, and then even the right PIN is refused.
    for b in 1 2 3 4 5 6; do
        export DAICHO_NOW=2026-11-02T10:0$b:00+09:00
        burst "$D" 16 0
        grep -q PIN_LOCKED "$D"/err.* && break
    done
    wrong=$(anomalies "$D" 'wrong PIN')
    check "round $r: bursts of wrong PINs lock the badge" grep -q PIN_LOCKED "$D"/err.*
    check "round $r: at most 5 PINs compared before the lock ($wrong + $late)" \
        [ $((wrong + late)) -le 5 ]
    export DAICHO_NOW=2026-11-02T11:00:00+09:00
    "$BIN" --db "$D/ledger.db" --key-file "$D/ledger.key" check seal --month 2026-10 \
        --actor "$MANAGER" --pin-stdin <<<"$RIGHT" >/dev/null 2>"$D/after"
    check "round $r: the locked badge refuses the right PIN" grep -q PIN_LOCKED "$D/after"
done
echo "PIN race: $ROUNDS rounds of 16 programs, $total_compared PINs compared in the first bursts," \
    "at most $max_compared in one"
finish
