#!/usr/bin/env bash
# What a person confirms is complete: the cart, the second person's summary, the confirmation
# and the result list every item, paged, with the totals (personal and My Number); 承認 and
# 確定 wait until every page has been seen; the approver approves with 承認 after the PIN; the
# result screen's 再印刷 and 終了; the question before a cart is dropped; the person's own items
# out on the home screen; the return cart's taker and due date; a return's condition note in the
# ledger. In Japanese and English, at 1280x800 and 1024x600. $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_confirm.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

# kiosk_at NAME SIZE LANG, and kiosk_at_fails (the script must stop at its last line).
kiosk_at() { kiosk "$1" --size "$2" --lang "$3"; }
kiosk_at_fails() {
    local name=$1 size=$2 lang=$3
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" --lang "$lang" \
        --script "$TMP/$name.script" 2>"$TMP/$name.err"
    check "$name: the script stops at its last line" [ $? -eq 1 ]
    check "$name: stopped there, the button not pressable" \
        grep -q "$name.script:$(wc -l <"$TMP/$name.script").*cannot be pressed" "$TMP/$name.err"
}

# The 14 items of the take-out: 4 without personal data, 7 personal, 3 My Number (which are
# personal too): 全14件、うち個人情報10件・特定個人情報3件.
ITEMS="DI-30XXRVVN-X DI-4FE7FKSX-3 DI-VCD0V8Y0-X DI-Y06EE5X5-D DI-49YKVFD0-3 DI-5J45YMBM-3
DI-EC74G7FJ-W DI-HX7X7ZFE-1 DI-J2DHXVR8-9 DI-JTRTAVTY-7 DI-M3HMDPYT-G DI-1GXKMJ6Z-E
DI-3WZHS727-V DI-B5PRTC38-O"
# pg N M: 「N/Mページ」 in the language of the run.
pg() { if [ "$lang" = ja ]; then echo "$1/$2ページ"; else echo "Page $1 of $2"; fi; }
scans() { for i in $ITEMS; do echo "scan $i"; done; }

words() {
    if [ "$1" = ja ]; then
        OK=確定 TAKE_OUT=持ち出し RETURN=返却 REGISTER=新規登録 NEXT=次へ ABORT=中止 YES=はい NO=いいえ
        PREV=前へ PAGE_NEXT=次へ CART_PREV=前のページ CART_NEXT=次のページ APPROVE=承認
        TOTALS=全14件、うち個人情報10件・特定個人情報3件 COUNT="14 件" SEE_ALL=すべてのページを確認してください
        MANAGER=管理責任者が必要です RECORDED=記録しました
        REPRINT=再印刷 FINISH=終了 PRINTED=印刷しました IDLE=職員証をスキャンしてください
        HOME=業務を選んでください PURPOSE=目的 AUDIT=監査対応 DEST=持出先 DUE=返却予定日 WEEK=+1週
        APPROVER="承認者: 髙橋 美咲" HINT="髙橋 美咲さん: 内容を確認" ASK=スキャンした3件を破棄して中止しますか
        THREE="3 件" MINE=あなたの持ち出し中 MINE_N="17件(うち超過1件)" OVER="× 超過"
        TAKEN="持出者 田中 花子" SINCE="持出日 2026-10-15" DUE_ON="返却予定 2026-10-20" TAKEOUT_NO="持ち出し記録 No.160"
        NOTE=返却時の状態 DAMAGED=破損あり NOTE_LINE="返却時の状態: 破損あり" CONFIRMER="返却確認者: 鈴木 一郎"
        KIND=媒体の種類 USB=USBメモリ PLACE=保管場所 SAFE=金庫 LABEL="ラベル番号: DI-"
    else
        OK=OK TAKE_OUT="Take out" RETURN=Return REGISTER=Register NEXT=Next ABORT=Stop YES=Yes NO=No
        PREV=Previous PAGE_NEXT=Next CART_PREV="Prev. page" CART_NEXT="Next page" APPROVE=Approve
        TOTALS="14 item(s), of which 10 personal, 3 My Number" COUNT="14 item(s)"
        SEE_ALL="Look at every page first"
        MANAGER="A manager is needed" RECORDED=Recorded REPRINT="Print again" FINISH=Finish
        PRINTED=Printed IDLE="Scan your staff badge" HOME="Choose what to record" PURPOSE=Purpose
        AUDIT=Audit DEST=Destination DUE="Due back" WEEK="+1 week" APPROVER="Approver: 髙橋 美咲"
        HINT="髙橋 美咲: check the record" ASK="Drop the 3 scanned item(s) and stop?"
        THREE="3 item(s)" MINE="Your items out" MINE_N="17 (1 overdue)" OVER="× Overdue"
        TAKEN="Taken by 田中 花子" SINCE="Since 2026-10-15" DUE_ON="due 2026-10-20" TAKEOUT_NO="Take-out record No.160"
        NOTE=Condition DAMAGED=Damaged NOTE_LINE="Condition: Damaged"
        CONFIRMER="Return confirmer: 鈴木 一郎" KIND="Kind of medium" USB="USB memory"
        PLACE="Storage place" SAFE=Safe LABEL="Label code: DI-"
    fi
}

# Up to the approver's summary after a right PIN: the cart paged, the form, the scan and PIN.
to_approval() {
    printf 'scan %s\nkeys 7391\ntap %s\n' "$TANAKA" "$OK"
    cat <<S
tap $TAKE_OUT
$(scans)
expect $COUNT
expect $TOTALS
expect $(pg 3 3)
tap $CART_PREV
expect $(pg 2 3)
shot cart-pages
tap $NEXT
tap $PURPOSE
tap $AUDIT
tap $DEST
tap 北出張所
tap $DUE
tap $WEEK
tap $OK
tap $NEXT
expect $MANAGER
expect $TOTALS
expect $(pg 1 4)
scan $TAKAHASHI
keys 7391
tap $OK
expect $HINT
expect $APPROVER
expect $SEE_ALL
S
}

for lang in ja en; do
    words $lang
    for size in 1280x800 1024x600; do
        tag=$lang-$size
        fresh
        admin settings set list.destinations "本庁舎 3階会議室|北出張所|南出張所" >/dev/null

        # 承認 cannot be pressed before the last page; nor 確定 at the confirmation.
        { to_approval; echo "tap $APPROVE"; } >"$TMP/in"
        kiosk_at_fails approve-early-$tag $size $lang <"$TMP/in"
        { to_approval; printf 'tap %s\ntap %s\ntap %s\ntap %s\nexpect %s\ntap %s\n' "$PAGE_NEXT" \
            "$PAGE_NEXT" "$PAGE_NEXT" "$APPROVE" "$TOTALS" "$OK"; } >"$TMP/in"
        kiosk_at_fails confirm-early-$tag $size $lang <"$TMP/in"
        check "$tag: nothing recorded before the confirmation" [ "$(count_type take-out)" -eq 0 ]

        { to_approval; cat <<S; } >"$TMP/in"
shot approve-first
tap $PAGE_NEXT
expect $(pg 2 4)
tap $PAGE_NEXT
expect $(pg 3 4)
tap $PAGE_NEXT
expect $(pg 4 4)
expect 児童手当 認定請求書
absent $SEE_ALL
shot approve-last
tap $APPROVE
expect $TOTALS
expect $(pg 1 3)
expect $SEE_ALL
expect $APPROVER
shot confirm-first
tap $PAGE_NEXT
tap $PREV
tap $PAGE_NEXT
tap $PAGE_NEXT
absent $SEE_ALL
shot confirm-last
tap $OK
expect $RECORDED
wait 2
expect $TOTALS
expect 窓口混雑 調査票
shot result-first
tap $PAGE_NEXT
tap $REPRINT
expect $PRINTED
shot result-reprinted
tap $FINISH
expect $IDLE
S
        kiosk_at takeout-$tag $size $lang <"$TMP/in"
        check "$tag: all 14 take-outs recorded" [ "$(count_type take-out)" -eq 14 ]
        check "$tag: the My Number folder too" bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' ledger --month 2026-11 --csv | grep take-out | grep -q DI-B5PRTC38-O"
        check "$tag: the approver recorded" [ "$(november | awk -F, '$5 == "take-out"' | grep -c 髙橋)" -eq 14 ]

        # Home: the person's own items; the question before a cart is dropped; a return with
        # its taker, due date and a condition note; a new item's result screen.
        before=$(november | wc -l)
        kiosk_at home-$tag $size $lang <<S
$(printf 'scan %s\nkeys 7391\ntap %s\n' "$TANAKA" "$OK")
expect $HOME
expect $MINE
expect $MINE_N
expect $OVER
expect 国民健康保険 資格異動届
shot home-mine
tap $TAKE_OUT
scan DI-1FKKBTAY-4
scan DI-HFH9M5DT-G
scan DI-J10EVZ9V-U
tap $ABORT
expect $ASK
shot ask-discard
tap $NO
expect $THREE
tap $ABORT
tap $YES
expect $HOME
tap $RETURN
tap $ABORT
expect $HOME
S
        check "$tag: the dropped cart recorded nothing" \
            [ "$(november | wc -l)" -eq $((before + 1)) ] # the log-in only
        check "$tag: the dropped items stay in storage" [ "$(state_of DI-HFH9M5DT-G)" = in ]

        kiosk_at return-$tag $size $lang <<S
$(printf 'scan %s\nkeys 7391\ntap %s\n' "$TANAKA" "$OK")
tap $RETURN
scan DI-6Z7VEYGH-Y
expect $TAKEN
expect $SINCE
expect $DUE_ON
expect $OVER
tap $NOTE
shot note-choose
tap $DAMAGED
expect $NOTE_LINE
shot return-cart
tap $NEXT
expect $NOTE_LINE
scan $SUZUKI
keys 7391
tap $OK
expect $CONFIRMER
expect $NOTE_LINE
expect $OVER
expect $TAKEOUT_NO
shot return-approve
tap $APPROVE
tap $OK
expect $RECORDED
wait 2
expect $NOTE_LINE
shot return-result
tap $FINISH
S
        check "$tag: the return is recorded" [ "$(state_of DI-6Z7VEYGH-Y)" = in ]
        hex=$(cat "$KEY")
        note=$(printf "PRAGMA key = \"x'%s'\";\nSELECT notes FROM events WHERE type = 'return' AND item = 'DI-6Z7VEYGH-Y' ORDER BY seq DESC LIMIT 1;\n" "$hex" |
            sqlcipher "$DB" 2>/dev/null | tail -n 1)
        check "$tag: the note is in the return event ($note)" [ "$note" = 破損あり ]

        if [ $lang = ja ]; then
            # A note of one's own words: その他(入力) opens the keyboard on the note itself.
            kiosk_at return-typed-$tag $size $lang <<S
$(printf 'scan %s\nkeys 7391\ntap %s\n' "$TANAKA" "$OK")
tap $RETURN
scan DI-MAZ8YDBX-M
tap $NOTE
tap その他(入力)
tap カタカナ
tap カ
tap ケ
tap 確定
expect 返却時の状態: カケ
tap $NEXT
scan $SUZUKI
keys 7391
tap $OK
expect 返却時の状態: カケ
tap $APPROVE
tap $OK
expect $RECORDED
tap $FINISH
S
            note=$(printf "PRAGMA key = \"x'%s'\";\nSELECT notes FROM events WHERE type = 'return' AND item = 'DI-MAZ8YDBX-M' ORDER BY seq DESC LIMIT 1;\n" "$hex" |
                sqlcipher "$DB" 2>/dev/null | tail -n 1)
            check "$tag: the typed note is in the return event ($note)" [ "$note" = カケ ]
        fi

        kiosk_at register-$tag $size $lang <<S
$(printf 'scan %s\nkeys 7391\ntap %s\n' "$SATO" "$OK")
tap $REGISTER
tap $KIND
tap $USB
tap $PLACE
tap $SAFE
tap $NEXT
tap $OK
expect $LABEL
wait 2
shot register-result
tap $REPRINT
expect $PRINTED
tap $FINISH
expect $IDLE
S

        # A printer that is not there: recorded, but never the green of a finished handover.
        if [ "$lang" = ja ]; then UNPRINTED=ラベルは印刷されていません MARK="× 未印刷"; else
            UNPRINTED="The label did not print" MARK="× NOT PRINTED"; fi
        cat >"$TMP/noprinter-$tag.script" <<S
$(printf 'scan %s\nkeys 7391\ntap %s\n' "$SATO" "$OK")
tap $REGISTER
tap $KIND
tap $USB
tap $PLACE
tap $SAFE
tap $NEXT
tap $OK
expect $RECORDED
expect $UNPRINTED
expect $MARK
wait 2
shot noprinter-result
tap $FINISH
S
        before=$(november | wc -l)
        "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" --lang "$lang" \
            --script "$TMP/noprinter-$tag.script" --printer "escpos:$TMP/no-such-dir/lp0" \
            --screenshots "$TMP/shots-noprinter-$tag" 2>"$TMP/noprinter-$tag.err"
        check "$tag: with no printer the result says the label did not print" [ $? -eq 0 ]
        check "$tag: and the registration is recorded all the same" [ "$(november | wc -l)" -gt "$before" ]
    done
done

finish
