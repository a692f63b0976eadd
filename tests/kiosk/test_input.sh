#!/usr/bin/env bash
# Text input at the kiosk, in Japanese and English, at 1280x800 and 1024x600: a name typed in
# hiragana and converted to kanji (やまだはなこ → 山田花子, its reading ヤマダハナコ kept on the
# roster); a take-out whose purpose is その他, typed and converted (住民説明会), recorded in the
# ledger as typed; and the way back: キャンセル on the keyboard and 戻る on the number pad and the
# date picker leave the value as it was. Screenshots of the keyboard and of the candidates are
# kept for looking at (DAICHO_KEEP=1). $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_input.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

ITEM=DI-30XXRVVN-X # 窓口混雑 調査票: personal, a manager approves its take-out

# kiosk_at LANG SIZE NAME: plays the script on stdin at that size and language.
kiosk_at() { kiosk "$3" --size "$2" --lang "$1"; }

# type_kana K...: a tap for each key.
type_kana() {
    for k in "$@"; do
        printf 'tap %s\n' "$k"
    done
}

for lang in ja en; do
    if [ $lang = ja ]; then
        OK=確定 BACK=戻る CANCEL=キャンセル CONVERT=変換 ENROL=職員登録 NAME=氏名 KATA=カタカナ
        TAKE=持ち出し NEXT=次へ PURPOSE=目的 OTHER='その他(入力)' DEST=持出先 DUE=返却予定日
        WEEK=+1週 APPROVE=承認 FINISH=終了 COPY=複製 QTY=数量 READING=フリガナ ENROLLED=登録しました RECORDED=記録しました SMALL=小 NORTH=北出張所
        SEG_NEXT='文節→' SEG_LONGER=文節を長く UNCONVERT=かなに戻す
    else
        OK=OK BACK=Back CANCEL=Cancel CONVERT=Convert ENROL='Enrol staff' NAME=Name KATA=Katakana
        TAKE='Take out' NEXT=Next PURPOSE=Purpose OTHER='Other (type)' DEST=Destination
        DUE='Due back' WEEK='+1 week' APPROVE=Approve FINISH=Finish COPY=Copy QTY=Quantity
        READING=Reading ENROLLED=Enrolled RECORDED=Recorded SMALL=small NORTH='North branch office' SEG_NEXT='Part →' SEG_LONGER=Longer UNCONVERT=Undo
    fi
    for size in 1280x800 1024x600; do
        fresh
        NEWBADGE=$(admin staff new-badge)
        # --- a name in kanji, with its reading ----------------------------------------------------
        kiosk_at $lang $size enrol-$lang-$size <<SCRIPT
scan $SATO
keys 7391
tap $OK
tap $ENROL
scan $NEWBADGE
tap $NAME
$(type_kana や ま た ゛ は な こ)
shot keyboard
tap $CONVERT
shot candidates
expect やまだ
tap 山田
tap 花子
expect 山田花子
tap $OK
expect 山田花子
expect $READING: ヤマダハナコ
tap $NAME
tap あ
tap ←
tap ←
expect ヤマダハナコ
tap $CANCEL
expect 山田花子
expect $READING: ヤマダハナコ
absent 山田花子あ
tap $OK
expect $ENROLLED
SCRIPT
        check "$lang $size: 山田花子 is enrolled with the reading ヤマダハナコ" \
            bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' staff list | grep '$NEWBADGE' | grep -q '山田花子 *ヤマダハナコ'"

        # --- その他 on a closed list, typed and converted; キャンセル and 戻る change nothing -----
        kiosk_at $lang $size other-$lang-$size <<SCRIPT
scan $TANAKA
keys 7391
tap $OK
tap $TAKE
scan $ITEM
tap $NEXT
tap $PURPOSE
shot purposes
tap $OTHER
$(type_kana し ゛ ゆ "$SMALL" う み ん せ つ め い か い)
tap $CANCEL
tap $BACK
absent じゅうみん
tap $PURPOSE
tap $OTHER
$(type_kana し ゛ ゆ "$SMALL" う み ん せ つ め い か い)
tap $CONVERT
expect じゅうみん
tap $SEG_NEXT
tap $SEG_LONGER
tap $UNCONVERT
expect じゅうみんせつめいかい
tap $CONVERT
tap 住民
tap 説明
shot candidates
tap 会
expect 住民説明会
tap $OK
expect 住民説明会
tap $DEST
tap $NORTH
tap $DUE
tap $WEEK
expect 2026-11-09
tap $BACK
absent 2026-11-09
tap $DUE
tap $WEEK
tap $OK
expect 2026-11-09
tap $NEXT
scan $TAKAHASHI
keys 7391
tap $OK
tap $APPROVE
expect 住民説明会
tap $OK
expect $RECORDED
SCRIPT
        check "$lang $size: the take-out is recorded with the purpose typed" \
            bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' ledger --month 2026-11 --csv | grep take-out | grep -q 住民説明会"

        # --- the number pad's way back ------------------------------------------------------------
        kiosk_at $lang $size numpad-$lang-$size <<SCRIPT
scan $TANAKA
keys 7391
tap $OK
tap $COPY
scan DI-5J45YMBM-3
tap $NEXT
tap $QTY
tap ←
keys 3
tap $OK
expect 3
tap $QTY
keys 5
shot numpad
tap $BACK
absent 35
tap $QTY
expect 3
SCRIPT
    done
done

finish
