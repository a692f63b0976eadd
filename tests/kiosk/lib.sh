# Shared by the kiosk tests: a scratch directory (kept with DAICHO_KEEP=1), the fixed clock,
# the demo office's badges, a fresh demo ledger, playing a script on the kiosk, and reading the
# ledger back; tests/cli/lib.sh brings check, finish and the counters. The sourcing script sets
# KIOSK and ADMIN.
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/$(basename "$0" .sh)XXXXXX")
[ -n "${DAICHO_KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
export DAICHO_NOW=2026-11-02T10:00:00+09:00
# The tests' folders stand in for mounted media (test_export.sh checks the refusal without).
export DAICHO_EXPORT_ANY_DIR=1
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
DB=$TMP/ledger.db
KEY=$TMP/ledger.key

# The demo office (seed 1, October 2026): its codes are fixed.
TANAKA=DB-26CHMTM9-1   # staff
SUZUKI=DB-B3B1QR7Q-H   # staff
NAKAMURA=DB-9HRH82XA-L # staff
KOBAYASHI=DB-5F22PKFJ-V # released on 2026-10-15
TAKAHASHI=DB-3JPTBZEN-N # manager
YAMAZAKI=DB-JE8PWE6V-Q  # manager
SATO=DB-5QQCG2CV-F      # administrator

fresh() {
    rm -f "$DB" "$DB"-* "$KEY"
    "$ADMIN" --db "$DB" --key-file "$KEY" demo --month 2026-10 >/dev/null || exit 1
}

# kiosk NAME [OPTION...]: plays the script on stdin (with the kiosk's options after NAME, such
# as --size and --lang); exit code and stderr kept.
kiosk() {
    local name=$1
    shift
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" "$@" --script "$TMP/$name.script" \
        --printer "png:$TMP/paper-$name.png" --screenshots "$TMP/shots-$name" 2>"$TMP/$name.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: script $name exited $rc"
        sed 's/^/  /' "$TMP/$name.err" | tail -n 25
        fails=$((fails + 1))
    else
        passes=$((passes + 1))
    fi
    return $rc
}

# kiosk_fails NAME: plays the script on stdin, which must end with exit 1 on its last line.
kiosk_fails() {
    local name=$1
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" --script "$TMP/$name.script" 2>"$TMP/$name.err"
    check "script $name stops at its last line" [ $? -eq 1 ]
    check "script $name stops there" grep -q "$name.script:$(wc -l <"$TMP/$name.script")" \
        "$TMP/$name.err"
}

admin() { "$ADMIN" --db "$DB" --key-file "$KEY" "$@"; }
state_of() { admin item show "$1" | sed -n 's/^状態 \/ state: *[^(]*(\([a-z]*\)).*/\1/p'; }
# November's events, without the export events these CSV read-outs log themselves.
november() { admin ledger --month 2026-11 --csv | grep -v ',書出し,export,.*,ledger 2026-11,-,'; }
count_type() { november | awk -F, -v t="$1" '$5 == t' | wc -l; }

login() { # login BADGE
    printf 'scan %s\nkeys 7391\ntap 確定\n' "$1"
}
