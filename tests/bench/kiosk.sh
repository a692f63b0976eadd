#!/usr/bin/env bash
# Kiosk figures for tests/bench/run, as Markdown table rows: the frame time of three screens at
# 1280x800 in software next to a blank frame (clear and present) measured in the same run, and
# the time from a scan to the frame that shows its feedback (script action latency), and
# the peak resident memory of a session with a log-in (Argon2id) and the Japanese font loaded,
# next to the same program idling. $1: daicho, $2: daicho-admin.
set -eu
KIOSK=${1:?usage: kiosk.sh daicho daicho-admin}
ADMIN=${2:?}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export DAICHO_NOW=2026-11-02T10:00:00+09:00
"$ADMIN" --db "$TMP/d.db" --key-file "$TMP/d.key" demo --month 2026-10 >/dev/null
cat >"$TMP/frames.script" <<'SCRIPT'
frames 500
scan DB-26CHMTM9-1
keys 7391
tap 確定
frames 500
tap 持ち出し
latency DI-30XXRVVN-X
latency DI-30XXRVVN-X
scan DI-5J45YMBM-3
wait 2
frames 500
SCRIPT
printf 'frames 50\n' >"$TMP/idle.script"
rss() { # peak resident KiB of daicho playing a script
    /usr/bin/time -f '%M' "$KIOSK" --db "$TMP/d.db" --key-file "$TMP/d.key" \
        --printer "png:$TMP/p.png" --script "$1" 2>&1 >"$TMP/out" | tail -n 1
}
session=$(rss "$TMP/frames.script")
idle=$(rss "$TMP/idle.script")
"$KIOSK" --db "$TMP/d.db" --key-file "$TMP/d.key" --printer "png:$TMP/p.png" \
    --script "$TMP/frames.script" >"$TMP/frames" 2>/dev/null
awk '/^frames/ {
    sub(":", "", $3); med = $5; base = $12;
    printf "| kiosk frame, %s screen %s (median) | %.2f ms | %.2f ms blank frame | %.1fx | < 4 ms | %s |\n",
        $2, $3, med, base, med / base, (med < 4 ? "yes" : "no") }' "$TMP/frames"
# A scan is handled and its flash drawn on the very next frame: the time from the scan to that
# frame on screen, next to the frame alone. Met when the flash is on that frame and the scan's
# handling (the commit of the cart line) takes less than a frame at 60 Hz.
awk '/^latency/ {
    sub(":", "", $2); scan = $4; fr = $7; fb = $10;
    printf "| scan to feedback, %s scan (%s) | %.2f ms | %.2f ms frame | %.1fx | on the next frame | %s |\n",
        $2, fb, scan + fr, fr, (scan + fr) / fr, (fb != "none" && scan < 16.7 ? "yes" : "no") }' "$TMP/frames"
awk -v s="$session" -v i="$idle" 'BEGIN {
    printf "| kiosk peak RSS, log-in and a flow | %.1f MiB | %.1f MiB idle | %.2fx | < 64 MiB | %s |\n",
        s / 1024, i / 1024, s / i, (s / 1024 < 64 ? "yes" : "no") }'
