#!/usr/bin/env bash
# The kiosk's frame: the question over a screen (ログアウト with a cart), the idle warning with
# its countdown and 続ける, the longer wait at the second person's PIN pad, the lock's message
# saying what is true, the 4th and 5th wrong PIN, a long refusal shown whole with ×, a good
# receipt checked at the idle screen showing what it proves, and the error screen of a terminal
# that cannot start (a wrong key and a damaged file, whom to call, the error code, local time).
# Each in Japanese and English, at 1280x800 and 1024x600. $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_frame.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

play() { # play NAME SIZE LANG: the script on stdin
    local name=$1 size=$2 lang=$3
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" --lang "$lang" \
        --script "$TMP/$name.script" --printer "png:$TMP/paper-$name.png" \
        --screenshots "$TMP/shots-$name" 2>"$TMP/$name.err"
    local rc=$?
    check "$name plays to its end" [ $rc -eq 0 ]
    [ $rc -eq 0 ] || grep -v '^daicho: renderer' "$TMP/$name.err" | tail -n 6 | sed 's/^/  /'
}
lg() { printf 'scan %s\nkeys 7391\ntap %s\n' "$1" "$OK"; }

for lang in ja en; do
    if [ $lang = ja ]; then
        OK=確定 TAKEOUT=持ち出し NEXT=次へ LOGOUT=ログアウト BACK=戻る CONT=続ける
        PURPOSE=目的 AUDIT=監査対応 DEST=持出先 NORTH=北出張所 DUE=返却予定日 PLUS=+1日
        APPROVE=承認 FINISH=終了 CANCEL=キャンセル LANGBTN=English
        ASKQ=ログアウトしますか ASKD=記録されずに破棄されます WARN=あと10秒でログアウトします
        LOST=途中の操作は記録されていません KEPT=記録済みの内容はそのままです
        LAST=あと1回間違えるとロックされます LOCKED=ロックされています
        SECOND=承認者の暗証番号を入力してください HOME=業務を選んでください
        WHEN='2026年11月2日(月)' KIND=持ち出し
        ECANT=この端末は起動できません CALL='連絡先: 情報政策課 内線1234'
    else
        OK=OK TAKEOUT="Take out" NEXT=Next LOGOUT="Log out" BACK=Back CONT=Continue
        PURPOSE=Purpose AUDIT=Audit DEST=Destination NORTH="North branch office" DUE="Due back"
        PLUS="+1 day" APPROVE=Approve FINISH=Finish CANCEL=Cancel LANGBTN=日本語
        ASKQ="Log out?" ASKD="dropped, not recorded" WARN="logging out in 10 s"
        LOST="under way was not recorded" KEPT="What was recorded stays as it is"
        LAST="One more wrong PIN locks the badge" LOCKED="locked"
        SECOND="The approver enters their PIN" HOME="Choose what to record"
        WHEN="Mon 2 Nov 2026" KIND="Take out"
        ECANT="This terminal cannot start" CALL="Call: 情報政策課 内線1234"
    fi
    for size in 1280x800 1024x600; do
        id=$lang-$size
        fresh
        # --- the question over the cart: 戻る keeps it, a scan waits, ログアウト drops it ----------
        play ask-$id $size $lang <<EOF
$(lg $TANAKA)
tap $TAKEOUT
scan DI-4FE7FKSX-3
wait 2
tap $LOGOUT
expect $ASKQ
expect $ASKD
shot ask
scan DI-30XXRVVN-X
tap $BACK
absent $ASKQ
expect DI-4FE7FKSX-3
tap $LOGOUT
tap $LOGOUT
absent $ASKQ
expect $LANGBTN
EOF
        check "$id: a scan while the question was open was not taken" \
            [ "$(count_type take-out)" -eq 0 ]
        # --- the idle warning, 続ける, the lock's message after a dropped cart -----------------
        play idle-$id $size $lang <<EOF
$(lg $TANAKA)
tap $TAKEOUT
scan DI-4FE7FKSX-3
wait 40
absent $WARN
wait 10
expect $WARN
shot warning
tap $CONT
absent $WARN
wait 45
absent $WARN
wait 16
expect $LOST
EOF
        # --- after a completed record the lock does not say "nothing was recorded"; the
        # approver's PIN pad waits longer (180 s) than a screen (60 s) --------------------------
        play second-$id $size $lang <<EOF
$(lg $TAKAHASHI)
tap $TAKEOUT
scan DI-30XXRVVN-X
wait 2
tap $NEXT
tap $PURPOSE
tap $AUDIT
tap $DEST
tap $NORTH
tap $DUE
tap $PLUS
tap $OK
tap $NEXT
scan $YAMAZAKI
expect $SECOND
wait 100
expect $SECOND
absent $WARN
wait 70
expect $WARN
shot second-warning
tap $CONT
keys 7391
tap $OK
tap $APPROVE
tap $OK
wait 61
expect $KEPT
absent $LOST
shot kept
EOF
        check "$id: the take-out was recorded" [ "$(count_type take-out)" -eq 1 ]
        # --- the 4th wrong PIN warns, the 5th locks with a red flash and × ---------------------
        play pin-$id $size $lang <<EOF
scan $NAKAMURA
keys 0000
tap $OK
wait 1
keys 0000
tap $OK
wait 2
keys 0000
tap $OK
absent $LAST
wait 4
keys 0000
tap $OK
expect $LAST
shot pin-last
wait 8
keys 0000
tap $OK
expect ×
expect $LOCKED
shot pin-locked
wait 2
expect $LOCKED
EOF
        # --- a good receipt at the idle screen shows what it proves, for seconds --------------
        RECEIPT=$(zbarimg --nodbus --quiet --raw "$TMP/paper-second-$id.png" 2>/dev/null |
            head -n 1)
        check "$id: the take-out receipt holds a payload" grep -Eq '^DR[A-Z2-7]{100,}$' <<<"$RECEIPT"
        play receipt-$id $size $lang <<EOF
scan $RECEIPT
expect 〇
expect $KIND
expect $WHEN
expect 窓口端末1
wait 3
expect $WHEN
shot receipt
tap $LANGBTN
absent $WHEN
EOF
        # --- a terminal that cannot start: wrong key, damaged file, no ledger -----------------
        admin settings set support_contact "情報政策課 内線1234" >/dev/null
        play opened-$id $size $lang <<<"shot idle"
        check "$id: whom to call is kept beside the key" grep -q '^support_contact=情報政策課 内線1234$' "$TMP/support.txt"
        cp "$KEY" "$TMP/good.key"
        "$ADMIN" --db "$TMP/other.db" --key-file "$TMP/other.key" init >/dev/null 2>&1
        cp "$TMP/other.key" "$KEY"
        play wrongkey-$id $size $lang <<EOF
expect $ECANT
expect E-DB-KEY
expect $CALL
expect $WHEN 10:00
absent UTC
shot error-key
EOF
        cp "$TMP/good.key" "$KEY"
        admin checkpoint >/dev/null 2>&1
        rm -f "$DB-wal" "$DB-shm"
        printf '\377%.0s' $(seq 1 64) | dd of="$DB" bs=1 seek=2000 conv=notrunc 2>/dev/null
        play corrupt-$id $size $lang <<EOF
expect $ECANT
expect E-DB-CORRUPT
absent E-DB-KEY
expect $CALL
shot error-corrupt
EOF
        rm -f "$DB" "$DB"-*
        play missing-$id $size $lang <<EOF
expect E-DB-MISSING
expect $CALL
EOF
    done
done
finish
