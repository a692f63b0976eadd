#!/usr/bin/env bash
# First-time setup at the kiosk (初期設定): a ledger made on a terminal's first boot has no
# office name. The idle screen then asks for an administrator; staff are refused (and the
# refusal logged); after the administrator's PIN the setup screen takes the office name and the
# terminal's name in kana, recorded as two setting events by the administrator in one commit;
# the header shows them at once and the next idle screen is the usual one. An empty terminal
# name keeps "daicho-1". $1: daicho, $2: daicho-admin.
set -u
KIOSK=${1:?usage: test_setup.sh daicho daicho-admin}
ADMIN=${2:?}
. "$(dirname "$0")/lib.sh"

setting_of() { admin settings | sed -n "s/^$1=//p"; }
first_boot() { # an empty ledger, as daicho.service's first start makes it, plus two people
    rm -f "$DB" "$DB"-* "$KEY"
    admin init >/dev/null || exit 1
    echo 7391 | admin staff add --name 'サトウ ハナコ' --role admin --badge $SATO --pin-stdin \
        >/dev/null || exit 1
    echo 7391 | admin staff add --name 'タナカ イチロウ' --role staff --badge $TANAKA \
        --pin-stdin >/dev/null || exit 1
}
setting_events() { november | awk -F, -v a=$SATO '$5 == "setting" && $9 == a' | wc -l; }

first_boot
check "a new ledger has no office name" [ -z "$(setting_of office_name)" ]
kiosk setup <<EOF
expect 初期設定
expect 管理者の職員証をスキャンしてください
scan $TANAKA
expect 管理者の職員証をスキャンしてください
$(login $SATO)
expect 事務所名と端末名
expect 現在の値: daicho-1
tap 事務所名
tap カタカナ
tap ト
tap コ
tap ゛
tap 確定
tap 端末名
tap カタカナ
tap マ
tap ト
tap ゛
tap ク
tap チ
tap 確定
expect トゴ
expect マドクチ
shot setup-filled
tap 確定
expect トゴ  マドクチ
tap ログアウト
expect 職員証をスキャンしてください
EOF
check "office_name recorded" [ "$(setting_of office_name)" = "トゴ" ]
check "terminal_name recorded" [ "$(setting_of terminal_name)" = "マドクチ" ]
check "two setting events by the administrator" [ "$(setting_events)" -eq 2 ]
check "the staff member's log-in before setup was refused and logged" \
    bash -c "'$ADMIN' --db '$DB' --key-file '$KEY' ledger --month 2026-11 --csv | grep $TANAKA | grep -q login"
check "the setup shot was taken" [ -s "$TMP/shots-setup/setup-filled.png" ]

# --- an empty terminal name keeps the current one; logging out leaves setup pending -----------
first_boot
kiosk later <<EOF
$(login $SATO)
expect 事務所名と端末名
tap ログアウト
expect 管理者の職員証をスキャンしてください
$(login $SATO)
tap 事務所名
tap カタカナ
tap ア
tap 確定
tap 確定
expect ア  daicho-1
EOF
check "office_name only" [ "$(setting_of office_name)" = "ア" ]
check "terminal_name kept" [ "$(setting_of terminal_name)" = daicho-1 ]
check "one setting event" [ "$(setting_events)" -eq 1 ]

finish
