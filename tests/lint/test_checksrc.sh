#!/usr/bin/env bash
# .ci/checksrc catches what it says it does: on a copy of app/ and platform/, each planted
# violation (a store header included above the desk, a dc_store_ call from app/ui, app/cli and
# app/report, a banned call anywhere) makes it fail naming the file and line; a comment or a
# string naming them is not a finding; and the real tree passes.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK=$ROOT/.ci/checksrc
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/checksrcXXXXXX")
trap 'rm -rf "$TMP"' EXIT
fails=0
passes=0
check() {
    local what=$1
    shift
    if "$@"; then
        passes=$((passes + 1))
    else
        echo "FAIL: $what"
        fails=$((fails + 1))
    fi
}

"$CHECK" "$ROOT" >"$TMP/out" 2>&1
check "the tree passes" [ $? -eq 0 ]
cat "$TMP/out"

# plant NAME FILE LINE-TEXT WANT: a fresh copy with one line appended to FILE; checksrc must
# fail and name FILE at that line with WANT.
plant() {
    local name=$1 file=$2 text=$3 want=$4
    rm -rf "$TMP/tree"
    mkdir -p "$TMP/tree"
    cp -r "$ROOT/app" "$ROOT/platform" "$TMP/tree/"
    printf '%s\n' "$text" >>"$TMP/tree/$file"
    local line
    line=$(wc -l <"$TMP/tree/$file")
    "$CHECK" "$TMP/tree" >"$TMP/out" 2>&1
    local rc=$?
    check "$name: fails" [ "$rc" -eq 1 ]
    check "$name: names $file:$line ($want)" grep -q "^$file:$line: .*$want" "$TMP/out"
    check "$name: one finding only" [ "$(grep -c "^[a-z].*:[0-9]*: " "$TMP/out")" -eq 1 ]
}

plant "store header in the kiosk" app/ui/scr_home.c '#include "store/store.h"' "store/store.h"
plant "store header in a report" app/report/forms.h '#include "store/types.h"' "store/types.h"
plant "store call in the CLI" app/cli/cmd_item.c \
    'static void x(dc_store_t *st) { (void)dc_store_append(st, 0, 0, 0); }' "dc_store_append"
plant "store call in a report" app/report/export.c \
    'static void y(dc_store_t *st) { dc_store_close (st); }' "dc_store_close"
plant "sprintf in the core" app/core/model.c 'static void z(char *b) { sprintf(b, "x"); }' \
    "sprintf"
plant "strcpy in platform" platform/clock.c 'static void w(char *b) { strcpy(b, "x"); }' "strcpy"
plant "atoi in the desk" app/desk/desk.c 'static int v(const char *s) { return atoi(s); }' "atoi"
plant "strncat in the kiosk" app/ui/draw.c \
    'static void u(char *b) { strncat(b, "x", 1); }' "strncat"
plant "gets in the CLI" app/cli/main.c 'static void t(char *b) { gets(b); }' "gets"
plant "strcat in the store" app/store/store.c 'static void s_(char *b) { strcat(b, "x"); }' \
    "strcat"

# Below the desk the store is the desk's to call; words in comments and strings are not calls.
rm -rf "$TMP/tree" && mkdir -p "$TMP/tree" && cp -r "$ROOT/app" "$ROOT/platform" "$TMP/tree/"
printf '%s\n' '/* never sprintf( or dc_store_append( here */' \
    'static const char *q = "strcpy(a, b) dc_store_close(x)";' >>"$TMP/tree/app/ui/draw.c"
printf '%s\n' '#include "store/store.h"' >>"$TMP/tree/app/desk/gen.c"
"$CHECK" "$TMP/tree" >"$TMP/out" 2>&1
check "comments, strings and the desk's own store calls pass" [ $? -eq 0 ]

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
