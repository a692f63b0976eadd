#!/usr/bin/env bash
# The real daicho-admin: disposal by kind (a mixed cart per kind, techniques that fit, certificate
# numbers in letters), a missing field named, a title changed with a manager's approval, and a
# forgotten PIN reset. $1 is the binary; DAICHO_WRAP (e.g. valgrind ...) runs it under a tool.
set -u
BIN=${1:?usage: test_kinds.sh path/to/daicho-admin}
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/cliXXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/ledger.db
KEY=$TMP/ledger.key
export DAICHO_NOW=2026-10-05T10:00:00+09:00
. "$(dirname "$0")/lib.sh"

run 0 init --terminal "窓口端末1" --office "テスト区役所"
echo 4739 | run 0 staff add --name "佐藤 健一" --role admin --pin-stdin
ADMIN=$(cat "$OUT")
echo 4739 | run 0 staff add --name "髙橋 美咲" --role manager --pin-stdin
MANAGER=$(cat "$OUT")
echo 4739 | run 0 staff add --name "田中 花子" --role staff --pin-stdin
TANAKA=$(cat "$OUT")
echo 4739 | run 0 staff add --name "鈴木 一郎" --role staff --pin-stdin
SUZUKI=$(cat "$OUT")

add() { run 0 item add --kind "$1" --title "$2" && cat "$OUT"; }
PAPER=$(add paper "住民異動届 綴り")
DVD=$(add dvd "転出データ DVD-R")
HDD=$(add hdd "旧サーバー HDD")
USB=$(add usb "集計USB")
W=(--actor "$TANAKA" --approver "$MANAGER" --second-pin-stdin)

# Each refusal below must also be in the log as a refused event: count them at the end.
refused_before=$(run 0 ledger --month 2026-10 --csv && grep -c 'refused\|操作拒否' "$OUT")

# --- a missing field is named ---------------------------------------------------------------
run 1 record dispose --item "$USB" --method purge "${W[@]}" <<<4739
check "a disposal without technique names the field (code)" grep -q R_FIELD_MISSING_TECHNIQUE "$ERR"
check "... in Japanese" grep -q "「廃棄手段」" "$ERR"
check "... in English" grep -q "missing: disposal technique" "$ERR"
check "... and the option that fills it" grep -q -- "--technique" "$ERR"
check "the old code name still matches for scripts" grep -q R_FIELD_MISSING "$ERR"
run 1 record dispose --item "$USB" --technique "社外委託" "${W[@]}" <<<4739
check "an office's own technique without a method names the method" \
    grep -q "R_FIELD_MISSING_METHOD.*廃棄方法" "$ERR"
run 1 record take-out --item "$USB" --actor "$TANAKA" --approver "$SUZUKI" --purpose "会議" \
    --due 2026-10-09 --second-pin-stdin <<<4739
check "a take-out without destination names it" grep -q "R_FIELD_MISSING_DESTINATION.*行き先" "$ERR"
check "... with --to" grep -q -- "--to" "$ERR"
run 1 record take-out --item "$USB" --actor "$TANAKA" --approver "$SUZUKI" --purpose "会議" \
    --to "会議室" --second-pin-stdin <<<4739
check "a take-out without due date names it" grep -q "R_FIELD_MISSING_DUE.*返却予定日" "$ERR"

# --- techniques by kind ---------------------------------------------------------------------
run 1 record dispose --item "$PAPER" --technique "消磁" "${W[@]}" <<<4739
check "degaussing paper is refused" grep -q R_TECHNIQUE_KIND "$ERR"
check "... naming the item and its kind" grep -q "$PAPER 住民異動届 綴り (紙(書類) / Paper)" "$ERR"
run 1 record dispose --item "$USB" --technique "消磁" "${W[@]}" <<<4739
check "degaussing flash memory is refused" grep -q R_TECHNIQUE_KIND "$ERR"
run 1 record dispose --item "$DVD" --technique "データ消去ソフト(上書き)" "${W[@]}" <<<4739
check "a write-once disc cannot be overwritten" grep -q R_TECHNIQUE_KIND "$ERR"
run 1 record dispose --item "$HDD" --technique "消磁" --method destroy "${W[@]}" <<<4739
check "degaussing is Purge, not Destroy" grep -q R_TECHNIQUE_METHOD "$ERR"
run 1 record dispose --item "$HDD" --technique "消磁" --certificate "HK 2026" "${W[@]}" <<<4739
check "a certificate with a space is refused" grep -q R_CERTIFICATE_FORMAT "$ERR"

# --- a mixed cart -----------------------------------------------------------------------------
run 1 record dispose --item "$PAPER" --item "$DVD" --technique "物理破壊(破砕)" "${W[@]}" <<<4739
check "one technique that does not fit every kind refuses the mixed set" \
    grep -q R_DISPOSE_MIXED "$ERR"
check "... saying which option is missing" grep -q -- "--technique-paper" "$ERR"
check "... and what fits paper" grep -q "シュレッダー裁断, 溶解処理, 焼却" "$ERR"
run 1 record dispose --item "$PAPER" --item "$DVD" --technique-paper "消磁" \
    --technique-optical "物理破壊(破砕)" "${W[@]}" <<<4739
check "a per-kind technique is judged too" grep -q R_TECHNIQUE_KIND "$ERR"
run 0 item list --state disposed
check "nothing was disposed by the refusals" [ ! -s "$OUT" ]
run 0 record dispose --item "$PAPER" --item "$DVD" --item "$HDD" --technique-paper "溶解処理" \
    --technique-optical "物理破壊(破砕)" --technique-magnetic "消磁" \
    --certificate "HK-2026-10-033" "${W[@]}" <<<4739
check "a mixed cart with a technique per kind is recorded, one event each" \
    [ "$(wc -l <"$OUT")" -eq 3 ]
mapfile -t SEQS <"$OUT"
run 0 item show "$PAPER"
check "the paper was dissolved (Destroy)" grep -q "破壊(Destroy) 溶解処理 HK-2026-10-033" "$OUT"
run 0 item show "$DVD"
check "the DVD-R was crushed (Destroy)" grep -q "破壊(Destroy) 物理破壊(破砕) HK-2026-10-033" "$OUT"
run 0 item show "$HDD"
check "the HDD was degaussed (Purge, the technique's own method)" \
    grep -q "完全消去(Purge) 消磁 HK-2026-10-033" "$OUT"
run 0 ledger --month 2026-10 --form receipt-disposal --format csv
check "様式8 shows the paper's own technique" grep -q "溶解処理" "$OUT"
check "様式8 shows the HDD's own technique" grep -q "消磁" "$OUT"
check "様式8 never shows the paper crushed" bash -c "! grep '住民異動届' '$OUT' | grep -q '破砕'"
check "the certificate with letters is kept" grep -q "HK-2026-10-033" "$OUT"
C=(--event "${SEQS[0]}" --reason "記入誤り" --actor "$TANAKA" --approver "$MANAGER" --second-pin-stdin)
run 1 correct "${C[@]}" --technique "消磁" <<<4739
check "a correction to a technique that does not fit the kind is refused" grep -q R_TECHNIQUE_KIND "$ERR"
run 1 correct "${C[@]}" --certificate "HK 2026" <<<4739
check "a correction to a certificate with a space is refused" grep -q R_CERTIFICATE_FORMAT "$ERR"
run 0 correct "${C[@]}" --technique "焼却" <<<4739
run 0 item show "$PAPER"
check "the paper's disposal shows the corrected technique" grep -q "焼却" "$OUT"

# --- rename -------------------------------------------------------------------------------------
RN=(--title "住民異動届 綴り 2026年度上期" --reason "件名の年度が抜けていた")
run 0 item add --kind paper --title "紙(書類) 2026-11-02 10:00 鈴木 一郎"
DOC=$(cat "$OUT")
run 1 item rename "$DOC" --reason "x" --second "$MANAGER" --second-pin-stdin <<<4739
check "a rename without a title names it" grep -q "R_FIELD_MISSING_TITLE.*件名" "$ERR"
run 1 item rename "$DOC" --title "新しい件名" --second "$MANAGER" --second-pin-stdin <<<4739
check "a rename without a reason names it" grep -q "R_FIELD_MISSING_REASON.*理由" "$ERR"
run 1 item rename "$DOC" "${RN[@]}" --second "$SUZUKI" --actor "$TANAKA" --second-pin-stdin <<<4739
check "a rename needs a manager's approval" grep -q R_SECOND_ROLE "$ERR"
run 1 item rename "$DOC" "${RN[@]}" --second "$MANAGER" --actor "$TANAKA" --second-pin-stdin <<<1111
check "the approver's PIN is checked" grep -q PIN_WRONG "$ERR"
export DAICHO_NOW=2026-10-05T10:05:00+09:00 # past the wait after the wrong PIN
run 2 item rename "$DOC" "${RN[@]}" --second "$MANAGER" --actor "$TANAKA"
check "the approver must be present (--second-pin-stdin)" grep -q "second-pin-stdin" "$ERR"
run 0 item rename "$DOC" "${RN[@]}" --second "$MANAGER" --actor "$TANAKA" --second-pin-stdin <<<4739
RENAME_SEQ=$(cat "$OUT")
check "a rename prints its sequence number" grep -Eq '^[0-9]+$' <<<"$RENAME_SEQ"
run 0 item show "$DOC"
check "the item has its new title" grep -q "^名称 / title: *住民異動届 綴り 2026年度上期$" "$OUT"
check "the history shows the rename, who approved and why" \
    grep -q "$RENAME_SEQ .*件名変更 *田中 花子 *髙橋 美咲 *件名 → 住民異動届 綴り 2026年度上期 (理由: 件名の年度が抜けていた)" "$OUT"
check "the history keeps the registration as it was" grep -q "登録" "$OUT"
run 1 item rename "$DOC" "${RN[@]}" --second "$MANAGER" --actor "$TANAKA" --second-pin-stdin <<<4739
check "the same title again is refused" grep -q R_RENAME_SAME "$ERR"
run 1 item rename "$PAPER" --title "x" --reason "y" --second "$MANAGER" --second-pin-stdin <<<4739
check "a disposed item cannot be renamed" grep -q R_ITEM_DISPOSED "$ERR"
run 0 record take-out --item "$DOC" --actor "$TANAKA" --approver "$SUZUKI" --purpose "会議" \
    --to "会議室" --due 2026-10-09 --second-pin-stdin <<<4739
run 0 ledger --month 2026-10 --form takeout --format csv
check "様式2 shows the current title" grep -q "住民異動届 綴り 2026年度上期" "$OUT"

# --- PIN reset ----------------------------------------------------------------------------------
run 1 staff pin-reset --badge "$SUZUKI" --actor "$TANAKA"
check "a handler cannot reset a PIN" grep -q R_ACTOR_ROLE "$ERR"
run 1 staff pin-reset --badge "$MANAGER" --actor "$MANAGER"
check "nobody resets their own PIN" grep -q R_PIN_RESET_SELF "$ERR"
run 0 staff pin-reset --badge "$TANAKA" --actor "$MANAGER"
CODE=$(cat "$OUT")
check "a PIN reset prints a one-time code" grep -Eq '^[0-9]{8}$' <<<"$CODE"
check "... and says what happens next" grep -q "次のログインで登録コード" "$ERR"
run 1 record take-out --item "$USB" --actor "$SUZUKI" --approver "$TANAKA" --purpose "会議" \
    --to "会議室" --due 2026-10-09 --second-pin-stdin <<<4739
check "the old PIN no longer works" grep -q PIN_NOT_SET "$ERR"
run 1 staff pin --badge "$TANAKA" --code-stdin <<<"00000000"$'\n5820'
check "a wrong code is refused" grep -q ENROL_CODE_WRONG "$ERR"
run 0 staff pin-reset --badge "$TANAKA" --actor "$ADMIN"
CODE=$(cat "$OUT")
run 0 staff pin --badge "$TANAKA" --code-stdin <<<"$CODE"$'\n5820'
run 0 record take-out --item "$USB" --actor "$SUZUKI" --approver "$TANAKA" --purpose "会議" \
    --to "会議室" --due 2026-10-09 --second-pin-stdin <<<5820
check "the new PIN works on the same badge" grep -Eq '^[0-9]+$' "$OUT"
run 0 staff list
check "the roster still has one 田中 (history not split)" [ "$(grep -c '田中 花子' "$OUT")" -eq 1 ]
run 0 staff release --badge "$SUZUKI"
run 1 staff pin-reset --badge "$SUZUKI" --actor "$MANAGER"
check "a released person's PIN is not reset" grep -q R_ACTOR_RELEASED "$ERR"
run 0 ledger --month 2026-10 --csv
check "the resets are in the ledger" [ "$(grep -c 'pin-reset\|暗証番号リセット' "$OUT")" -ge 2 ]
refused_after=$(grep -c 'refused\|操作拒否' "$OUT")
# 4 missing fields, 5 techniques, 2 mixed, 2 corrections, 5 renames, 3 PIN resets (the PIN_WRONG and the usage
# error are not rule refusals; PIN_NOT_SET is a failed log-in).
check "every refusal of the rules is logged ($((refused_after - refused_before)))" \
    [ $((refused_after - refused_before)) -eq 21 ]

run 0 verify
check "the ledger verifies" grep -q '^OK ' "$OUT"

finish
