#!/usr/bin/env bash
# The second person's PIN pad names the role (承認者 / 返却確認者 / 立会者) as the second
# person's screen does, and the confirmation and the result write days as the header does,
# with the weekday; in Japanese and English. $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_role_words.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

play() { # play NAME LANG: the script on stdin at 1024x600
    local name=$1 lang=$2 opt=()
    [ "$lang" = en ] && opt=(--lang en)
    cat >"$TMP/$name.script"
    "$KIOSK" --db "$DB" --key-file "$KEY" --size 1024x600 "${opt[@]}" --script "$TMP/$name.script" \
        --printer "png:$TMP/paper-$name.png" 2>"$TMP/$name.err"
    local rc=$?
    check "$name plays to its end" [ $rc -eq 0 ]
    [ $rc -eq 0 ] || grep -v '^daicho: renderer' "$TMP/$name.err" | tail -n 4 | sed 's/^/  /'
}

lg() { printf 'scan %s\nkeys 7391\ntap %s\n' "$1" "$ok"; }

for lang in ja en; do
    fresh
    if [ $lang = ja ]; then
        ok=確定 next=次へ takeout=持ち出し purpose=目的 audit=監査対応 dest=持出先 north=北出張所
        due=返却予定日 plus=+1日 approve=承認 finish=終了 ret=返却
        APPROVER=承認者の暗証番号を入力してください CONFIRMER=返却確認者の暗証番号を
        DUE_LINE="返却予定日: 2026年11月3日(火)" WHEN="控え 持ち出し  2026年11月2日(月) 10:00"
        OLD=確認者の暗証番号を入力してください
    else
        ok=OK next=Next takeout="Take out" purpose=Purpose audit=Audit dest=Destination
        north="North branch office" due="Due back" plus="+1 day" approve=Approve finish=Finish
        ret=Return
        APPROVER="The approver enters their PIN" CONFIRMER="The return confirmer enters their PIN"
        DUE_LINE="Due back: Tue 3 Nov 2026" WHEN="Receipt Take out  Mon 2 Nov 2026 10:00"
        OLD="The second person enters their PIN"
    fi
    play takeout-$lang $lang <<EOF
$(lg $TAKAHASHI)
tap $takeout
scan DI-30XXRVVN-X
wait 2
tap $next
tap $purpose
tap $audit
tap $dest
tap $north
tap $due
tap $plus
tap $ok
tap $next
scan $YAMAZAKI
expect $APPROVER
absent $OLD
keys 7391
tap $ok
tap $approve
expect $DUE_LINE
absent 2026-11-03
tap $ok
wait 2
expect $WHEN
absent 2026-11-02 10:00
tap $finish
EOF
    play return-$lang $lang <<EOF
$(lg $TANAKA)
tap $ret
scan DI-6Z7VEYGH-Y
wait 2
tap $next
scan $SUZUKI
expect $CONFIRMER
EOF
done
finish
