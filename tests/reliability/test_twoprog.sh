#!/usr/bin/env bash
# Two programs on one ledger: the real kiosk (daicho, headless) holds the ledger open while
# daicho-admin runs rekey, restore and backup beside it, with the kiosk idle and in the middle of
# a take-out. The kiosk reads its script from a FIFO, so each step waits for the test (a real
# pause, not the script's clock). Rekey and restore must be refused (DB_BUSY, naming the kiosk)
# and change nothing; backup works and its copy restores and verifies; the kiosk's commit
# afterwards is in the ledger; after the kiosk exits rekey works and nothing acknowledged is lost.
# A ledger swapped by hand under the kiosk is never written into.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_twoprog.sh daicho daicho-admin}
ADMIN=${2:?}
BIN=$ADMIN
. "$(dirname "$0")/../kiosk/lib.sh"

FIFO=$TMP/script.fifo
KPID=
# A kiosk that died early makes a write to its FIFO fail (and the checks after it), not kill us.
trap '' PIPE

# start_kiosk NAME: the kiosk on the ledger, its script the FIFO (held open on fd 3).
start_kiosk() {
    rm -f "$FIFO"
    mkfifo "$FIFO"
    "$KIOSK" --db "$DB" --key-file "$KEY" --script "$FIFO" --printer "png:$TMP/paper-$1.png" \
        --screenshots "$TMP/shots-$1" 2>"$TMP/$1.err" &
    KPID=$!
    exec 3>"$FIFO"
}
# say LINE...: the next script lines for the kiosk.
say() { printf '%s\n' "$@" >&3; }
# reached SHOTDIR NAME: the kiosk has played everything up to "shot NAME" (30 s at most).
reached() {
    local i
    for i in $(seq 1 600); do
        [ -s "$1/$2.png" ] && return 0
        kill -0 "$KPID" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}
stop_kiosk() {
    exec 3>&-
    wait "$KPID"
    local rc=$?
    KPID=
    return $rc
}
events() { sed -n 's/^OK \([0-9]*\) events.*/\1/p' "$OUT"; }
takeouts() { "$ADMIN" --db "$DB" --key-file "$1" ledger --month 2026-11 --csv | grep -c ',take-out,'; }

# refused_while_open WHEN: rekey and restore refused with DB_BUSY naming the kiosk, and the
# ledger, the key and the folder left as they were.
refused_while_open() {
    local when=$1 n
    run 0 verify
    n=$(events)
    cp "$KEY" "$TMP/key.before"
    ls "$TMP" | grep -v '^out$\|^err$\|^files\.' >"$TMP/files.before"
    run 1 rekey --new-key-file "$TMP/new-$when.key"
    check "$when: rekey refused with DB_BUSY" grep -q '\[DB_BUSY\]' "$ERR"
    check "$when: the refusal names the kiosk" grep -q "daicho (pid $KPID)" "$ERR"
    check "$when: the refusal says to stop the kiosk" grep -q 'systemctl stop daicho' "$ERR"
    check "$when: no new key was made" [ ! -e "$TMP/new-$when.key" ]
    run 1 restore --from "$TMP/b-idle.db"
    check "$when: restore refused with DB_BUSY" grep -q '\[DB_BUSY\]' "$ERR"
    check "$when: the key is unchanged" cmp -s "$KEY" "$TMP/key.before"
    ls "$TMP" | grep -v '^out$\|^err$\|^files\.' >"$TMP/files.after"
    check "$when: no file was added or removed" diff "$TMP/files.before" "$TMP/files.after"
    run 0 verify
    check "$when: the ledger still holds every event" [ "$(events)" = "$n" ]
}

# backup_restores WHEN: a backup taken beside the open kiosk restores elsewhere and verifies.
backup_restores() {
    local when=$1 n
    run 0 verify
    n=$(events)
    run 0 backup --to "$TMP/b-$when.db"
    check "$when: backup works beside the kiosk" grep -q "^OK $n events" "$OUT"
    mkdir -p "$TMP/r-$when"
    "$ADMIN" --db "$TMP/r-$when/ledger.db" --key-file "$KEY" restore --from "$TMP/b-$when.db" \
        >"$OUT" 2>"$ERR"
    check "$when: the backup restores into another ledger" [ $? -eq 0 ]
    "$ADMIN" --db "$TMP/r-$when/ledger.db" --key-file "$KEY" verify >"$OUT" 2>"$ERR"
    check "$when: the restored backup verifies with every event" grep -q "^OK $n events" "$OUT"
}

# --- the kiosk idle, then in the middle of a take-out -------------------------------------------
fresh
admin settings set list.destinations "本庁舎 3階会議室|北出張所|南出張所|東出張所" >/dev/null
run 0 verify
BASE=$(events)
start_kiosk twoprog
say "shot idle"
check "the kiosk is up on the idle screen" reached "$TMP/shots-twoprog" idle
check "the kiosk holds the ledger's lock file" [ -e "$DB-lock" ]
backup_restores idle
refused_while_open idle

say "$(login "$TANAKA")" "tap 持ち出し" "scan DI-30XXRVVN-X" "scan DI-5J45YMBM-3" "tap 次へ" \
    "tap 目的" "tap 監査対応" "tap 持出先" "tap 北出張所" "tap 返却予定日" "tap +1週" "tap 確定" \
    "tap 次へ" "scan $TAKAHASHI" "keys 7391" "tap 確定" "tap 承認" "expect 内容を確認" "shot midflow"
check "the kiosk is in the middle of a take-out" reached "$TMP/shots-twoprog" midflow
refused_while_open midflow
backup_restores midflow

# The kiosk commits after all that: acknowledged, and in the ledger while it is still open.
say "tap 確定" "expect 記録しました" "shot committed"
check "the kiosk's take-out is acknowledged" reached "$TMP/shots-twoprog" committed
check "the acknowledged take-outs are in the ledger" [ "$(takeouts "$KEY")" -eq 2 ]
run 0 verify
AFTER=$(events)
check "the kiosk's log-in and take-outs are new events" [ "$AFTER" -gt $((BASE + 2)) ]
run 1 rekey --new-key-file "$TMP/new-after.key"
check "rekey is still refused after the commit" grep -q '\[DB_BUSY\]' "$ERR"

# --- a crash image with a live -wal: a wrong key never writes; verify opens read-only ----------
IMG=$TMP/img
mkdir "$IMG"
cp "$DB" "$IMG/ledger.db"
cp "$DB-wal" "$IMG/ledger.db-wal"
check "the image has the kiosk's commits in its -wal" [ -s "$IMG/ledger.db-wal" ]
cp "$IMG/ledger.db" "$TMP/img.db"
cp "$IMG/ledger.db-wal" "$TMP/img.wal"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$TMP/wrong.key"
chmod 600 "$TMP/wrong.key"
for cmd in verify "item list" "staff list"; do
    # shellcheck disable=SC2086
    "$ADMIN" --db "$IMG/ledger.db" --key-file "$TMP/wrong.key" $cmd >"$OUT" 2>"$ERR"
    check "wrong key ($cmd): cannot open (exit 3)" [ $? -eq 3 ]
    check "wrong key ($cmd): said so" grep -q '\[DB_WRONG_KEY\]' "$ERR"
    check "wrong key ($cmd): the file is unchanged" cmp -s "$IMG/ledger.db" "$TMP/img.db"
    check "wrong key ($cmd): its -wal is unchanged" cmp -s "$IMG/ledger.db-wal" "$TMP/img.wal"
done
"$ADMIN" --db "$IMG/ledger.db" --key-file "$KEY" verify >"$OUT" 2>"$ERR"
check "the image verifies read-only with the -wal's events" grep -q "^OK $AFTER events" "$OUT"
check "verify says it opened read-only" grep -q 'opened read-only$' "$ERR"
check "read-only verify left the file unchanged" cmp -s "$IMG/ledger.db" "$TMP/img.db"
check "read-only verify left the -wal unchanged" cmp -s "$IMG/ledger.db-wal" "$TMP/img.wal"
"$ADMIN" --db "$IMG/ledger.db" --key-file "$KEY" verify --immutable >"$OUT" 2>"$ERR"
check "verify --immutable works and says so" grep -q 'immutable' "$ERR"
check "verify --immutable reads the main file only" grep -q '^OK [0-9]* events' "$OUT"
check "verify --immutable left the file unchanged" cmp -s "$IMG/ledger.db" "$TMP/img.db"
# A folder that cannot be written, even by root: chattr +i where the file system has it.
rm -f "$IMG/ledger.db-shm" "$IMG/ledger.db-wal" "$IMG/ledger.db-lock"
if chattr +i "$IMG" 2>/dev/null; then
    trap 'chattr -i "$IMG" 2>/dev/null; [ -n "${DAICHO_KEEP:-}" ] || rm -rf "$TMP"' EXIT
    "$ADMIN" --db "$IMG/ledger.db" --key-file "$KEY" verify >"$OUT" 2>"$ERR"
    check "read-only folder: verify works (exit 0)" [ $? -eq 0 ]
    check "read-only folder: verify says it opened immutable" grep -q 'immutable' "$ERR"
    check "read-only folder: the file is unchanged" cmp -s "$IMG/ledger.db" "$TMP/img.db"
    chattr -i "$IMG"
else
    echo "note: chattr +i is not available here; the read-only folder case was not run"
fi
say "tap 終了" "expect 職員証をスキャンしてください"
stop_kiosk
check "the kiosk's script ran to its end" [ $? -eq 0 ]

# --- after the kiosk exits: the rotation works and nothing is lost ------------------------------
run 0 rekey --new-key-file "$TMP/new.key"
check "rekey works once the kiosk is stopped" cmp -s "$KEY" "$TMP/new.key"
run 0 verify
check "the rotated ledger verifies" grep -q '^OK [0-9]* events' "$OUT"
check "it holds the kiosk's take-outs" [ "$(takeouts "$KEY")" -eq 2 ]
check "it holds every event" [ "$(events)" -eq "$AFTER" ]

# --- a ledger swapped by hand (cp + mv, no lock) under the kiosk is never written into ----------
start_kiosk swap
say "shot idle"
check "swap: the kiosk is up" reached "$TMP/shots-swap" idle
run 0 verify
BEFORE=$(events)
cp "$DB" "$TMP/swapped.db"
mv "$TMP/swapped.db" "$DB"
cp "$DB" "$TMP/swapped.copy"
# The PIN check writes (the attempt counter): refused, and said on the screen.
say "scan $TANAKA" "keys 7391" "tap 確定" "expect 差し替えられました"
stop_kiosk
check "swap: the kiosk refused to write and said the file was replaced" [ $? -eq 0 ]
check "swap: the swapped-in file is unchanged" cmp -s "$DB" "$TMP/swapped.copy"
run 0 verify
check "swap: the ledger verifies with the events it had" [ "$(events)" = "$BEFORE" ]

finish
