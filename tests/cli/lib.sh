# Shared by the shell tests: counting checks, and running daicho-admin with its output kept.
# The sourcing script sets BIN, DB, KEY and TMP first; DAICHO_WRAP (e.g. valgrind ...) runs the
# binary under a tool.
read -r -a WRAP <<<"${DAICHO_WRAP:-}"
fails=0
passes=0
OUT=$TMP/out
ERR=$TMP/err

# run EXPECTED_EXIT args...: runs the binary, keeps stdout/stderr in $OUT/$ERR.
run() {
    local want=$1
    shift
    "${WRAP[@]}" "$BIN" --db "$DB" --key-file "$KEY" "$@" >"$OUT" 2>"$ERR"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: exit $got, want $want: daicho-admin $*"
        sed 's/^/  stdout: /' "$OUT" | head -n 5
        sed 's/^/  stderr: /' "$ERR" | head -n 8
        fails=$((fails + 1))
        return 1
    fi
    passes=$((passes + 1))
    return 0
}

# check DESCRIPTION COMMAND...: one more pass or fail.
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

# The closing line CI reads.
finish() {
    echo "$passes passed, $fails failed"
    [ "$fails" -eq 0 ]
}
