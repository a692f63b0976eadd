#!/usr/bin/env bash
# The desk as the only door, against the real daicho-admin: every refusal of `settings set`,
# `staff add`, `item add` and `import` leaves exactly one event, the refused event by the actor
# with the type attempted and the reason (as the monthly check lists it), and nothing else; a
# refused output path leaves the ledger as it was; registering at the CLI and by the import is
# one way (My Number data is personal); the export's copy names its recipient.
# $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_door.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/doorXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
DATA=$(dirname "$0")/../data
export DAICHO_NOW=2026-10-05T10:00:00+09:00
export DAICHO_EXPORT_ANY_DIR=1
. "$(dirname "$0")/lib.sh"

events() { "$BIN" --db "$DB" --key-file "$KEY" verify 2>/dev/null | awk '{print $2}'; }

run 0 init
run 0 staff add --name "管理 者" --role admin
ADMIN=$(cat "$OUT")
echo 5820 | run 0 staff add --name "課長 一" --role manager --pin-stdin
BOSS=$(cat "$OUT")
run 0 staff add --name "職員 一" --role staff
CLERK=$(cat "$OUT")
run 0 staff add --name "異動 二" --role staff
GONE=$(cat "$OUT")
run 0 staff release --badge "$GONE"
run 0 staff new-badge
NOBODY=$(cat "$OUT")

# refused WHO TYPE CODE args...: exit 1 with [CODE], one event more, and that event is the
# refused TYPE by WHO for CODE in the month's check.
n_refused=0
refused() {
    local who=$1 type=$2 code=$3
    shift 3
    local before after
    before=$(events)
    run 1 "$@"
    check "$*: refused with [$code]" grep -q "\[$code\]" "$ERR"
    after=$(events)
    check "$*: one event more (the refusal), nothing else" [ "$after" -eq $((before + 1)) ]
    n_refused=$((n_refused + 1))
    run 0 check --month 2026-10 --actor "$BOSS"
    check "$*: the check lists it as No.$after by its actor, $type: $code" \
        grep -qE "^ +No\.$after .*\[refused\].*$who.* $type: $code\$" "$OUT"
}

refused "管理 者" setting R_SETTING_VALUE settings set idle_seconds 5
refused "職員 一" setting R_ACTOR_ROLE settings set idle_seconds 90 --actor "$CLERK"
refused "異動 二" setting R_ACTOR_RELEASED settings set office_name 区役所 --actor "$GONE"
refused "職員 一" enroll R_ACTOR_ROLE staff add --name "新人 三" --role staff --actor "$CLERK"
refused "管理 者" enroll R_STAFF_EXISTS staff add --name "職員 一" --role staff --badge "$CLERK"
refused "管理 者" enroll PIN_WEAK staff add --name "新人 四" --role staff --pin-stdin <<<1234
refused "異動 二" register R_ACTOR_RELEASED item add --kind paper --title 住民票 --actor "$GONE"
refused "" register R_ACTOR_UNKNOWN item add --kind dvd --title 写し --actor "$NOBODY"
refused "職員 一" register R_ACTOR_ROLE import items "$DATA/items-good.csv" --actor "$CLERK"
refused "職員 一" enroll R_ACTOR_ROLE import staff "$DATA/staff-good.csv" --actor "$CLERK"

# Not refusals of the rules: a usage error and a printer at the key write nothing at all.
before=$(events)
run 2 settings set colour blue
check "an unknown setting is a usage error, nothing written" [ "$(events)" -eq "$before" ]
run 1 settings set printer_receipt "png:$KEY"
check "a printer at the key: [OUT_PROTECTED]" grep -q "\[OUT_PROTECTED\]" "$ERR"
check "a printer at the key writes nothing" [ "$(events)" -eq "$before" ]

# Registering: one way at the CLI and by the import.
run 0 item add --kind usb --title "マイナンバー台帳 USB" --my-number
USB=$(cat "$OUT")
run 0 item show "$USB"
check "item add: My Number data is personal" grep -q "特定個人情報" "$OUT"
before=$(events)
run 0 import items "$DATA/items-good.csv"
check "import registers its lines" [ "$(events)" -gt "$before" ]

# The export's copy, built once: the recipient is named.
mkdir -p "$TMP/media"
echo 5820 | run 0 export --month 2026-10 --medium "$USB" --to "$TMP/media" --actor "$ADMIN" \
    --approver "$BOSS" --second-pin-stdin
COPY=$(head -n 1 "$OUT")
run 0 ledger --month 2026-10 --csv
check "the export's copy names its recipient" \
    grep -qE "^$COPY,.*copy.*管理責任者" "$OUT"

check "every refusal was logged ($n_refused)" [ "$n_refused" -eq 10 ]
finish
