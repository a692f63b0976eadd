#!/usr/bin/env bash
# Screenshots of the main screens against committed references, in Japanese and English, at
# 1280x800 and 1024x600. DAICHO_UPDATE_REFS=1 writes the references instead (look at them
# before committing). $1: daicho, $2: daicho-admin, $3: pngdiff.
set -u
KIOSK=${1:?usage: test_screens.sh daicho daicho-admin pngdiff}
ADMIN=${2:?}
DIFF=${3:?}
REF=$(cd "$(dirname "$0")" && pwd)/ref
TMP=$(mktemp -d "${DAICHO_TEST_TMP:-/tmp}/screensXXXXXX")
[ -n "${DAICHO_KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
export DAICHO_NOW=2026-11-02T10:00:00+09:00
# The test's folder stands in for a mounted medium (test_export.sh checks the refusal).
export DAICHO_EXPORT_ANY_DIR=1
fails=0
passes=0

for lang in ja en; do
    for size in 1280x800 1024x600; do
        DB=$TMP/$lang-$size.db
        KEY=$TMP/$lang-$size.key
        "$ADMIN" --db "$DB" --key-file "$KEY" demo --month 2026-10 >/dev/null || exit 1
        if [ $lang = ja ]; then
            ok=確定 next=次へ takeout=持ち出し purpose=目的 audit=監査対応 dest=持出先
            north=北出張所 due=返却予定日 plus=+1日 finish=終了 monthly=月次点検 start=点検する
            anomalies=異常一覧 back=戻る inventory=在庫確認 export=書出し logout=ログアウト
            settings=設定 purposes=目的の一覧 remove=削除 approve=承認
            abort=中止 no=いいえ other="その他(入力)" convert=変換
        else
            ok=OK next=Next takeout="Take out" purpose=Purpose audit=Audit dest=Destination
            north="North branch office" due="Due back" plus="+1 day" finish=Finish
            monthly="Monthly check" start=Check anomalies="Anomaly list" back=Back
            inventory=Inventory export=Export logout="Log out" settings=Settings purposes=Purposes
            remove=Remove approve=Approve
            abort=Stop no=No other="Other (type)" convert=Convert
        fi
        cat >"$TMP/$lang-$size.script" <<SCRIPT
shot idle
scan DB-3JPTBZEN-N
keys 73
shot pin
keys 91
tap $ok
shot home
tap $takeout
scan DI-30XXRVVN-X
scan DI-5J45YMBM-3
wait 2
shot cart
tap $next
tap $purpose
shot choose
tap $audit
tap $dest
tap $north
tap $due
tap $plus
tap $ok
shot form
tap $next
scan DB-JE8PWE6V-Q
keys 7391
tap $ok
shot approve
tap $approve
shot confirm
tap $ok
wait 2
shot result
tap $finish
scan DB-3JPTBZEN-N
keys 7391
tap $ok
tap $monthly
shot month
tap $start
shot check
tap $anomalies
shot anomalies
tap $back
tap $inventory
scan DI-4FE7FKSX-3
scan DI-M3HMDPYT-G
scan DI-6Z7VEYGH-Y
wait 2
shot inventory
SCRIPT
        out=$TMP/shots-$lang-$size
        lang_opt=()
        [ $lang = en ] && lang_opt=(--lang en)
        if ! "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" "${lang_opt[@]}" \
            --printer "png:$TMP/paper.png" --script "$TMP/$lang-$size.script" --screenshots "$out" 2>"$TMP/err"; then
            echo "FAIL: script for $lang $size"
            cat "$TMP/err"
            fails=$((fails + 1))
            continue
        fi
        # Then the export's confirmation (to /tmp, which every machine has; nothing is written
        # before 確定) and an administrator's settings, with the list of purposes open: an entry
        # removed (now a suggestion) and another selected.
        "$ADMIN" --db "$DB" --key-file "$KEY" settings set export_dir /tmp >/dev/null || exit 1
        cat >"$TMP/$lang-$size-2.script" <<SCRIPT
scan DB-3JPTBZEN-N
keys 7391
tap $ok
tap $monthly
tap $start
tap $export
scan DI-EC74G7FJ-W
scan DB-JE8PWE6V-Q
keys 7391
tap $ok
wait 2
shot export-confirm
tap $logout
scan DB-5QQCG2CV-F
keys 7391
tap $ok
tap $settings
wait 2
shot settings
tap $purposes
tap 監査対応
tap $remove
tap 会議資料として使用
wait 2
shot setting
SCRIPT
        if ! "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" "${lang_opt[@]}" \
            --script "$TMP/$lang-$size-2.script" --screenshots "$out" 2>"$TMP/err"; then
            echo "FAIL: second script for $lang $size"
            cat "$TMP/err"
            fails=$((fails + 1))
            continue
        fi
        # Then a clerk's question before a cart is dropped, the kana keyboard with its
        # conversion candidates, and the idle warning.
        cat >"$TMP/$lang-$size-3.script" <<SCRIPT
scan DB-26CHMTM9-1
keys 7391
tap $ok
tap $takeout
scan DI-VCD0V8Y0-X
wait 2
tap $abort
shot ask
tap $no
tap $next
tap $purpose
tap $other
tap か
tap い
tap き
tap ゛
tap $convert
shot kana
wait 50
shot idle-warning
SCRIPT
        if ! "$KIOSK" --db "$DB" --key-file "$KEY" --size "$size" "${lang_opt[@]}" \
            --script "$TMP/$lang-$size-3.script" --screenshots "$out" 2>"$TMP/err"; then
            echo "FAIL: third script for $lang $size"
            cat "$TMP/err"
            fails=$((fails + 1))
            continue
        fi
        for shot in idle pin home cart choose form approve confirm result \
            month check anomalies inventory export-confirm settings setting ask kana idle-warning; do
            ref=$REF/$lang-$size/$shot.png
            if [ -n "${DAICHO_UPDATE_REFS:-}" ]; then
                mkdir -p "$(dirname "$ref")"
                cp "$out/$shot.png" "$ref"
                continue
            fi
            # The result shows the printed receipt, whose QR and terminal id come from the
            # ledger's own random signing key: about 1% of the screen changes from run to run.
            max=0.5
            [ $shot = result ] && max=2.5
            if result=$("$DIFF" "$ref" "$out/$shot.png" $max); then
                passes=$((passes + 1))
            else
                echo "FAIL: $lang $size $shot: $result (got $out/$shot.png)"
                fails=$((fails + 1))
            fi
        done
    done
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
