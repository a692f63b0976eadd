#!/usr/bin/env bash
# The monthly check's inventory and seal as a manager meets them, in Japanese and English at
# 1280x800 and 1024x600: the inventory expects only what is stored at this terminal's places
# (list.places) and counts the branch offices' items apart; an item found that the ledger has
# out gets the inventory's words; sealing with items unfound asks for a reason, which the seal
# records; the seal slip is printed again from the sealed screen (a reprint event); the
# summary printed after the seal says so and lists what it counts; an approved My Number
# take-out is for review, not an anomaly; a failed log-in's reason reads in Japanese.
# $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_inventory.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

# The demo office's own storage places; items transported to a branch office are kept there.
PLACES='書庫A キャビネット1|書庫A キャビネット2|書庫A キャビネット3|書庫A キャビネット4|書庫B キャビネット1|書庫B キャビネット2|書庫B キャビネット3|書庫C|金庫|施錠ロッカー3|事務室 書棚'
OUT_ITEM=DI-6Z7VEYGH-Y # 国民健康保険 資格異動届, out in the demo

# play NAME SIZE LANG: the script on stdin, at that size and language, paper to paper-NAME.png.
play() {
    local name=$1 size=$2 lang=$3
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" --lang "$lang" \
        --script "$TMP/$name.script" --printer "png:$TMP/paper-$name.png" \
        --screenshots "$TMP/shots-$name" 2>"$TMP/$name.err"
    local rc=$?
    check "script $name ($size, $lang) runs to its end" [ $rc -eq 0 ]
    [ $rc -eq 0 ] || sed 's/^/  /' "$TMP/$name.err" | tail -n 12
}

for lang in ja en; do
    for size in 1280x800 1024x600; do
        fresh
        admin settings set list.places "$PLACES" --actor "$SATO" >/dev/null
        # Stored here and elsewhere, as the ledger has them now.
        here=0 elsewhere=0 branch= found=
        while read -r code _; do
            place=$(admin item show "$code" | sed -n 's/^保管場所 \/ place: *//p')
            if grep -qxF -- "$place" <(tr '|' '\n' <<<"$PLACES"); then
                here=$((here + 1))
                found=${found:-$code}
            else
                elsewhere=$((elsewhere + 1))
                branch=${branch:-$code}
            fi
        done < <(admin item list --state in)
        check "the demo has items stored at a branch office" [ "$elsewhere" -gt 0 -a -n "$branch" ]
        admin check --month 2026-10 >"$TMP/cli.txt"
        check "the CLI lists the approved My Number take-outs for review, not as anomalies" \
            bash -c "sed -n '/^要確認/,\$p' '$TMP/cli.txt' | grep -q '\[my-number-out\]' &&
                     ! sed -n '/^異常/,/^要確認/p' '$TMP/cli.txt' | grep -q '\[my-number-out\]'"
        check "the CLI gives a failed log-in's reason in Japanese" \
            bash -c "grep '\[login-failed\]' '$TMP/cli.txt' | grep -q '暗証番号の誤り / PIN mismatch'"
        reviews=$(sed -n 's/^要確認 \/ For review: \([0-9]*\)$/\1/p' "$TMP/cli.txt")
        unfound=$((here - 1))
        tag=$lang-$size
        if [ $lang = ja ]; then
            play "inv-$tag" "$size" ja <<EOF
$(login $TAKAHASHI)
tap 月次点検
tap 点検する
expect 要確認 ${reviews}件
expect 特定個人情報の持ち出し
tap 異常一覧
expect 要確認: 特定個人情報の持ち出し
expect 暗証番号の誤り
absent PIN mismatch
shot anomalies
tap 戻る
tap 在庫確認
expect 確認済み 0 / ${here}件
expect 他の保管場所（この端末では確認しません） ${elsewhere}件
scan $branch
expect 他の保管場所の資料です
scan $OUT_ITEM
expect 貸出中のはずの資料です
absent 先に返却してください
scan $found
wait 2
expect 確認済み 1 / ${here}件
expect 所在違い 2件
shot scanned
tap 完了
tap 封印
expect 在庫確認で未確認の資料が${unfound}件あります。封印する理由を選んでください。
scan $TAKAHASHI
expect 理由を選んでから
tap 貸出先で確認済み
shot reason
scan $TAKAHASHI
keys 7391
tap 確定
expect 封印しました
expect 理由: 貸出先で確認済み
tap 再印刷
expect 封印票を再印刷しました
shot reprinted
tap 戻る
expect 封印済み No.
tap 印刷
expect 印刷しました
EOF
        else
            play "inv-$tag" "$size" en <<EOF
scan $TAKAHASHI
keys 7391
tap OK
tap Monthly check
tap Check
expect For review: ${reviews}
expect My Number taken out
tap Anomaly list
expect For review: My Number taken out
shot anomalies
tap Back
tap Inventory
expect Found 0 / ${here}
expect Stored elsewhere (not checked at this terminal): ${elsewhere}
scan $branch
expect Stored at another place
scan $OUT_ITEM
expect The ledger has this taken out
scan $found
wait 2
expect Found 1 / ${here}
shot scanned
tap Done
tap Seal
expect ${unfound} item(s) were not found in the inventory. Choose why you seal anyway.
tap Check later
shot reason
scan $TAKAHASHI
keys 7391
tap OK
expect Sealed
expect Reason: Check later
tap Print again
expect The seal slip was printed again
shot reprinted
tap Back
tap Print
expect Printed
EOF
        fi
        reason=$([ $lang = ja ] && echo 貸出先で確認済み || echo 後日確認する)
        check "the seal records its reason ($tag)" \
            bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' check --month 2026-10 | grep -q 'reason: $reason\$'"
        check "the slip's reprint is a reprint event ($tag)" [ "$(count_type reprint)" -eq 1 ]
        check "the summary after the seal was printed ($tag)" [ -s "$TMP/paper-inv-$tag.png" ]
    done
done
finish
