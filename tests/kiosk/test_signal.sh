#!/usr/bin/env bash
# Stopping the kiosk: SIGTERM (how systemd stops, reboots and powers off) ends the real kiosk at
# once, fullscreen or not, with the ledger closed and verifying; it exits 0. What the kiosk
# writes is its own: the demo ledger, its key and a PNG receipt come out 0600 whatever the umask
# of whoever started it.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_signal.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"
NOW=$DAICHO_NOW
unset DAICHO_NOW # the live kiosk runs on the real clock

export SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start NAME ARGS...: the kiosk in the background (PID), up once it says it is ready.
start() {
    local name=$1
    shift
    "$KIOSK" "$@" 2>"$TMP/$name.err" &
    PID=$!
    for _ in $(seq 1 300); do
        grep -q '^daicho: ready' "$TMP/$name.err" && return 0
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "FAIL: the kiosk ($name) did not come up"
    sed 's/^/  /' "$TMP/$name.err" | tail -n 10
    fails=$((fails + 1))
    kill -KILL "$PID" 2>/dev/null
    return 1
}

# stop NAME: SIGTERM, then how long it took (STOP_MS) and the exit code (STOP_RC); a kiosk still
# there after 5 s is killed and counts as a failure.
stop() {
    local name=$1 t0
    t0=$(now_ms)
    kill -TERM "$PID"
    for _ in $(seq 1 500); do
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.01
    done
    STOP_MS=$(($(now_ms) - t0))
    if kill -0 "$PID" 2>/dev/null; then
        kill -KILL "$PID"
        echo "FAIL: the kiosk ($name) ignored SIGTERM for 5 s"
        fails=$((fails + 1))
    fi
    wait "$PID"
    STOP_RC=$?
    echo "  $name: stopped ${STOP_MS} ms after SIGTERM, exit $STOP_RC"
}

umask 022 # the kiosk must not rely on its caller's umask

# --- fullscreen, on the demo ledger it makes itself ----------------------------------------------
HOME_DIR=$TMP/home
mkdir -p "$HOME_DIR"
if HOME=$HOME_DIR XDG_DATA_HOME= start demo --demo --fullscreen --idle 5; then
    DEMO=$HOME_DIR/.local/share/daicho
    check "the demo ledger is 0600" [ "$(stat -c %a "$DEMO/demo.db")" = 600 ]
    check "the demo key is 0600" [ "$(stat -c %a "$DEMO/demo.key")" = 600 ]
    sleep 1 # a second of idling (the loop asleep, the idle-time checkpoint due)
    stop demo
    check "fullscreen: SIGTERM ends the kiosk within 2 s" [ "$STOP_MS" -lt 2000 ]
    check "fullscreen: it exits 0" [ "$STOP_RC" -eq 0 ]
    check "fullscreen: it says it is stopping" grep -q '^daicho: stopping' "$TMP/demo.err"
    check "fullscreen: the demo ledger verifies" \
        bash -c "'$ADMIN' --db '$DEMO/demo.db' --key-file '$DEMO/demo.key' verify >/dev/null 2>&1"
    check "no file of the ledger is readable by others" \
        bash -c "[ -z \"\$(find '$DEMO' -type f -perm /077)\" ]"
fi

# --- windowed, on a ledger someone is logged in to ----------------------------------------------
fresh
if start windowed --db "$DB" --key-file "$KEY" --size 1024x600; then
    stop windowed
    check "windowed: SIGTERM ends the kiosk within 2 s" [ "$STOP_MS" -lt 2000 ]
    check "windowed: it exits 0" [ "$STOP_RC" -eq 0 ]
    check "windowed: the ledger verifies" bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' verify >/dev/null 2>&1"
fi

# --- a receipt printed as a PNG is 0600 ---------------------------------------------------------
export DAICHO_NOW=$NOW # the script's flow on the demo month's clock, as the other tests
fresh
kiosk receipt <<EOF
$(login $TANAKA)
tap 持ち出し
scan DI-30XXRVVN-X
tap 次へ
tap 目的
tap 監査対応
tap 持出先
tap 北出張所
tap 返却予定日
tap +1週
tap 確定
tap 次へ
$(login $TAKAHASHI)
tap 承認
tap 確定
expect 記録しました
EOF
check "the receipt was printed" [ -s "$TMP/paper-receipt.png" ]
check "the PNG receipt is 0600" [ "$(stat -c %a "$TMP/paper-receipt.png")" = 600 ]

finish
