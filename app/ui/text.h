/* Every text on the kiosk's screens, Japanese first and English second. */
#ifndef DC_UI_TEXT_H
#define DC_UI_TEXT_H

#include "core/err.h"
#include "ui/text_arrival.h"
#include "ui/text_check.h"
#include "ui/text_flow.h"
#include "ui/text_input.h"

/* X(key, japanese, english) */
#define DC_TEXT_LIST(X)                                                                                           \
    X(LANG_TOGGLE, "English", "日本語")                                                                           \
    X(SCAN_BADGE, "職員証をスキャンしてください", "Scan your staff badge")                                        \
    X(IDLE_HINT, "持ち出し・返却・複製・運搬・廃棄を記録します",                                                  \
      "Record take-out, return, copy, transport and disposal")                                                    \
    X(ENTER_PIN, "暗証番号を入力してください", "Enter your PIN")                                                  \
    X(ENTER_PIN_SECOND, "確認者の暗証番号を入力してください",                                                     \
      "The second person enters their PIN")                                                                       \
    X(ENTER_PIN_APPROVER, "承認者の暗証番号を入力してください", "The approver enters their PIN")                  \
    X(ENTER_PIN_CONFIRMER, "返却確認者の暗証番号を\n入力してください",                                            \
      "The return confirmer enters their PIN")                                                                    \
    X(ENTER_PIN_WITNESS, "立会者の暗証番号を入力してください", "The witness enters their PIN")                    \
    X(PIN_LAST_TRY, "あと1回間違えるとロックされます", "One more wrong PIN locks the badge")                      \
    X(PIN_CLEAR, "クリア", "Clear")                                                                               \
    X(PIN_BACK, "←", "←")                                                                                         \
    X(OK, "確定", "OK")                                                                                           \
    X(CANCEL, "キャンセル", "Cancel")                                                                             \
    X(WAIT_SECONDS, "秒お待ちください", "s: please wait")                                                         \
    X(HELLO, "さん", "")                                                                                          \
    X(CHOOSE_TASK, "業務を選んでください", "Choose what to record")                                               \
    X(TAKE_OUT, "持ち出し", "Take out")                                                                           \
    X(RETURN, "返却", "Return")                                                                                   \
    X(COPY, "複製", "Copy")                                                                                       \
    X(TRANSPORT, "運搬", "Transport")                                                                             \
    X(RECEIVE, "受領", "Receive")                                                                                 \
    X(DISPOSE, "廃棄", "Dispose")                                                                                 \
    X(REGISTER, "新規登録", "Register")                                                                           \
    X(UNLOCK, "ロック解除", "Unlock badge")                                                                       \
    X(ENROLL, "職員登録", "Enrol staff")                                                                          \
    X(MONTHLY, "月次点検", "Monthly check")                                                                       \
    X(LOGOUT, "ログアウト", "Log out")                                                                            \
    X(SCAN_ITEMS, "書類・媒体のラベルをスキャンしてください", "Scan the labels of the items")                     \
    X(ITEMS_SCANNED, "件", "item(s)")                                                                             \
    X(NEXT, "次へ", "Next")                                                                                       \
    X(BACK, "戻る", "Back")                                                                                       \
    X(ABORT, "中止", "Stop")                                                                                      \
    X(REMOVE_LAST, "最後を取消", "Remove last")                                                                   \
    X(FILL_FORM, "記録する内容を選んでください", "Fill in the record")                                            \
    X(F_PURPOSE, "目的", "Purpose")                                                                               \
    X(F_DESTINATION, "持出先", "Destination")                                                                     \
    X(F_TO_PLACE, "運搬先", "Deliver to")                                                                         \
    X(F_FROM, "運搬元", "From")                                                                                   \
    X(F_CARRIER, "運搬者", "Carrier")                                                                             \
    X(CARRIER_HINT, "別の職員が運ぶときは、その職員証をスキャンしてください",                                     \
      "If someone else carries it, scan their badge")                                                             \
    X(CARRIER_SET, "運搬者を記録します", "Carrier recorded")                                                      \
    X(TAKEOUT_NO, "持ち出し記録", "Take-out record")                                                              \
    X(TRANSPORT_NO, "運搬記録", "Transport record")                                                               \
    X(F_RECIPIENT, "受取人", "Recipient")                                                                         \
    X(F_DUE, "返却予定日", "Due back")                                                                            \
    X(F_QUANTITY, "数量", "Quantity")                                                                             \
    X(F_MASKED, "マスキング確認", "Masking done")                                                                 \
    X(F_LOCKED_BAG, "施錠できる鞄", "Locked bag")                                                                 \
    X(F_METHOD, "廃棄方法", "Method")                                                                             \
    X(F_TECHNIQUE, "廃棄手段", "Technique")                                                                       \
    X(F_CERTIFICATE, "証明書番号", "Certificate no.")                                                             \
    X(F_KIND, "媒体の種類", "Kind of medium")                                                                     \
    X(F_PLACE, "保管場所", "Storage place")                                                                       \
    X(F_PERSONAL, "個人情報", "Personal data")                                                                    \
    X(F_MY_NUMBER, "特定個人情報", "My Number data")                                                              \
    X(F_TITLE, "件名", "Title")                                                                                   \
    X(F_TITLE_AUTO, "(空欄: 種類・日時・氏名から作ります)", "(blank: made from kind, date, name)")                \
    X(CERTIFICATE_HINT, "英字・数字・「-」「/」(例 HK-2026-10-033)",                                              \
      "Letters, digits, - and / (HK-2026-10-033)")                                                                \
    X(PIN_RESET, "暗証番号リセット", "Reset a PIN")                                                               \
    X(SCAN_RESET_BADGE, "暗証番号を忘れた人の職員証をスキャンしてください",                                       \
      "Scan the badge of the person who forgot their PIN")                                                        \
    X(PIN_RESET_DONE, "暗証番号をリセットしました。登録コード:", "PIN reset. Enrolment code:")                    \
    X(NOT_SET, "未選択", "not set")                                                                               \
    X(YES, "はい", "Yes")                                                                                         \
    X(NO, "いいえ", "No")                                                                                         \
    X(MISSING_FIELD, "未選択の項目があります", "Some fields are not set")                                         \
    X(CHOOSE, "選んでください", "Choose one")                                                                     \
    X(DAY_MINUS, "−1日", "−1 day")                                                                                \
    X(DAY_PLUS, "+1日", "+1 day")                                                                                 \
    X(WEEK_PLUS, "+1週", "+1 week")                                                                               \
    X(TODAY, "今日", "Today")                                                                                     \
    X(SCAN_APPROVER, "承認者の職員証をスキャンしてください", "The approver scans their badge")                    \
    X(SCAN_CONFIRMER, "返却確認者の職員証をスキャンしてください",                                                 \
      "The return confirmer scans their badge")                                                                   \
    X(SCAN_WITNESS, "立会者の職員証をスキャンしてください", "The witness scans their badge")                      \
    X(MANAGER_NEEDED, "管理責任者が必要です", "A manager is needed")                                              \
    X(OTHER_PERSON, "本人以外の職員", "Someone other than you")                                                   \
    X(CONFIRM, "内容を確認して確定してください", "Check and confirm")                                             \
    X(ACTOR, "取扱者", "Handler")                                                                                 \
    X(SECOND, "承認・確認者", "Approver")                                                                         \
    X(RECORDED, "記録しました", "Recorded")                                                                       \
    X(RECEIPT, "控え", "Receipt")                                                                                 \
    X(FINISH, "終了", "Finish")                                                                                   \
    X(SEQ, "番号", "No.")                                                                                         \
    X(TIMED_OUT, "操作がなかったためログアウトしました。記録済みの内容はそのままです。",                          \
      "Logged out after no activity. What was recorded stays as it is.")                                          \
    X(TIMED_OUT_LOST,                                                                                             \
      "操作がなかったためログアウトしました。途中の操作は記録されていません。" \
      "記録済みの内容はそのままです。",                                                                           \
      "Logged out after no activity. What was under way was not recorded; "                                       \
      "what was recorded before stays as it is.")                                                                 \
    X(IDLE_WARN_A, "操作がないため、あと", "No activity: logging out in ")                                        \
    X(IDLE_WARN_B, "秒でログアウトします", " s")                                                                  \
    X(IDLE_WARN_DETAIL, "続けるときは「続ける」を押してください。", "To go on, press Continue.")                  \
    X(IDLE_CONTINUE, "続ける", "Continue")                                                                        \
    X(LOGOUT_Q, "ログアウトしますか", "Log out?")                                                                 \
    X(LOGOUT_CART, "スキャンした書類・媒体は記録されずに破棄されます",                                            \
      "The items scanned are dropped, not recorded")                                                              \
    X(LOGOUT_INVENTORY, "途中の在庫確認は破棄され、最初からやり直しになります",                                   \
      "The inventory under way is dropped and must be begun again")                                               \
    X(LOGOUT_SETTING, "変更中の設定は記録されません", "The setting being changed is not recorded")                \
    X(SCAN_LOCKED_BADGE, "ロックを解除する職員証をスキャンしてください",                                          \
      "Scan the badge to unlock")                                                                                 \
    X(UNLOCKED, "ロックを解除しました", "Unlocked")                                                               \
    X(LABEL_CODE, "ラベル番号", "Label code")                                                                     \
    X(NEW_PIN, "新しい暗証番号(4〜8桁)を決めて入力してください",                                                  \
      "Choose a new PIN of 4 to 8 digits")                                                                        \
    X(REPEAT_PIN, "確認のため、同じ暗証番号をもう一度入力してください",                                           \
      "Enter the same PIN again")                                                                                 \
    X(PIN_MISMATCH, "暗証番号が一致しません。もう一度決めてください",                                             \
      "The PINs differ. Choose again")                                                                            \
    X(PIN_SET, "暗証番号を設定しました", "PIN set")                                                               \
    X(SCAN_NEW_BADGE, "登録する職員証をスキャンしてください", "Scan the new staff badge")                         \
    X(F_NAME, "氏名(カナ)", "Name (kana)")                                                                        \
    X(F_ROLE, "役割", "Role")                                                                                     \
    X(F_SECTION, "所属", "Section")                                                                               \
    X(ENROLLED, "登録しました。初回ログイン時に暗証番号を設定します",                                             \
      "Enrolled. The PIN is set at the first log-in")                                                             \
    X(ENTER_CODE, "初めてのご利用です。管理者から受け取った登録コード(8桁)を入力してください",                    \
      "First use: enter the 8-digit enrolment code from the administrator")                                       \
    X(ENTER_CODE_RESET, "暗証番号をリセットした方も、受け取った登録コードを入力します",                           \
      "After a PIN reset too: enter the code you were given")                                                     \
    X(ENROL_CODE_IS, "登録コード(本人に渡す・24時間有効・1回限り):",                                              \
      "Enrolment code (give it to the person; once, within 24 h):")                                               \
    X(KANA_SMALL, "小", "small")                                                                                  \
    X(KANA_SPACE, "空白", "space")                                                                                \
    X(REPRINT, "再印刷", "Print again")                                                                           \
    X(PRINTED, "印刷しました", "Printed")                                                                         \
    X(RC_AND_MORE, "ほか", "and more")                                                                            \
    X(FROM_RECEIPT, "控えから読み込みました", "Read from the receipt")                                            \
    X(SCAN_NOT_HERE, "この画面ではスキャンは使いません。画面のボタンで進めてください",                            \
      "No scan is needed on this screen. Use the buttons")                                                        \
    X(NEW_LABEL, "新しいラベル", "New label")                                                                     \
    X(CHECK_MONTH, "点検する月を選んでください", "Choose the month to check")                                     \
    X(PREV_MONTH, "前の月", "Previous month")                                                                     \
    X(NEXT_MONTH, "次の月", "Next month")                                                                         \
    X(START_CHECK, "点検する", "Check")                                                                           \
    X(LAST_SEALED, "最後に封印した月", "Last month sealed")                                                       \
    X(NONE, "なし", "none")                                                                                       \
    X(MONTH_NOT_ENDED, "この月はまだ終わっていません。封印は月が終わってからできます",                            \
      "This month has not ended yet. It can be sealed once it is over")                                           \
    X(EVENTS, "記録", "Events")                                                                                   \
    X(UNIT, "件", "")                                                                                             \
    X(ANOMALIES, "異常", "Anomalies")                                                                             \
    X(NO_ANOMALIES, "異常はありません", "No anomalies")                                                           \
    X(STILL_OUT, "持ち出し中", "Still out")                                                                       \
    X(OF_WHICH_OVERDUE, "うち返却予定日超過", "overdue")                                                          \
    X(IN_TRANSIT, "運搬中(未受領)", "In transit, not received")                                                   \
    X(DISPOSED, "廃棄", "Disposed")                                                                               \
    X(INTACT, "台帳の改ざんは検出されませんでした", "No alteration of the ledger was found")                      \
    X(VERIFIED, "件を検証", "events verified")                                                                    \
    X(TAMPERED, "台帳に改ざんか破損があります。最初の異常: No.",                                                  \
      "The ledger was altered or damaged. First bad record: No.")                                                 \
    X(SEALED, "封印済み", "Sealed")                                                                               \
    X(NOT_SEALED, "未封印", "Not sealed")                                                                         \
    X(ANOMALY_LIST, "異常一覧", "Anomaly list")                                                                   \
    X(INVENTORY, "在庫確認", "Inventory")                                                                         \
    X(PRINT, "印刷", "Print")                                                                                     \
    X(SEAL, "封印", "Seal")                                                                                       \
    X(PREV_PAGE, "前へ", "Previous")                                                                              \
    X(INV_SCAN, "保管中の書類・媒体のラベルを順にスキャンしてください",                                           \
      "Scan the label of every item in storage")                                                                  \
    X(INV_FOUND, "確認済み", "Found")                                                                             \
    X(INV_MISSING, "未確認", "Not found yet")                                                                     \
    X(INV_UNEXPECTED, "所在違い", "Should not be here")                                                           \
    X(INV_NOT_YET, "在庫確認はまだです", "No inventory yet")                                                      \
    X(DONE, "完了", "Done")                                                                                       \
    X(SEAL_SCAN, "封印するには、ご本人の職員証をスキャンしてください",                                            \
      "To seal, scan your own badge")                                                                             \
    X(SEAL_NOTE, "封印すると、この点検の結果が台帳に記録されます。取り消しはできません。",                        \
      "Sealing records this check in the ledger. It cannot be undone.")                                           \
    X(SEAL_NOT_YOU, "ログインしているご本人の職員証をスキャンしてください",                                       \
      "Scan the badge of the person logged in")                                                                   \
    X(ENTER_PIN_SEAL, "封印を確定するため暗証番号を入力してください",                                             \
      "Enter your PIN to seal the month")                                                                         \
    X(SEALED_DONE, "封印しました", "Sealed")                                                                      \
    X(HISTORY, "履歴", "History")                                                                                 \
    X(ACTIVITY, "操作記録", "Activity")                                                                           \
    X(MARKED, "← この記録", "← this record")                                                                      \
    X(EXPORT, "書出し", "Export")                                                                                 \
    X(EXPORT_SCAN_MEDIUM, "書き出す媒体(USBメモリなど)のラベルをスキャンしてください",                            \
      "Scan the label of the medium to write to (a USB stick or the like)")                                       \
    X(EXPORT_SCAN_APPROVER, "複製の承認者が職員証をスキャンしてください",                                         \
      "The approver of the copy scans their badge")                                                               \
    X(F_MONTH, "対象月", "Month")                                                                                 \
    X(F_MEDIUM, "媒体", "Medium")                                                                                 \
    X(F_FOLDER, "書出し先", "Written to")                                                                         \
    X(F_FILES, "ファイル", "Files")                                                                               \
    X(EXPORT_FILES, "様式2・様式10・様式8 (CSVとPDF)、情報資産目録 (CSV)",                                        \
      "Forms 2, 10 and 8 (CSV and PDF), the asset inventory (CSV)")                                               \
    X(EXPORTER, "書出し者", "Written by")                                                                         \
    X(APPROVER, "承認者", "Approver")                                                                             \
    X(EXPORT_NOTE, "確定すると、媒体への複製を台帳に記録してから書き出します。",                                  \
      "OK records the copy to the medium in the ledger first, then writes it.")                                   \
    X(EXPORTED, "書き出しました", "Written")                                                                      \
    X(EXPORT_PARTIAL, "記録しましたが、書出しに失敗しました", "Recorded, but the writing failed")                 \
    X(EXPORT_RETRY,                                                                                               \
      "媒体に一部だけ書き込まれている可能性があります。"                                  \
      "媒体を確かめて、もう一度書き出してください。",                                                             \
      "The medium may hold part of it. Check the medium and export again.")                                       \
    X(SETTINGS, "設定", "Settings")                                                                               \
    X(SETTINGS_HINT, "変更する項目を選んでください。変更はすべて台帳に記録されます",                              \
      "Choose what to change. Every change is recorded in the ledger")                                            \
    X(S_OFFICE, "事務所名", "Office name")                                                                        \
    X(S_TERMINAL, "端末名", "Terminal name")                                                                      \
    X(S_PURPOSES, "目的の一覧", "Purposes")                                                                       \
    X(S_DESTINATIONS, "持出先の一覧", "Destinations")                                                             \
    X(S_PLACES, "保管場所の一覧", "Storage places")                                                               \
    X(S_HOURS, "執務時間", "Office hours")                                                                        \
    X(S_IDLE, "自動ログアウト(秒)", "Idle log-out (s)")                                                           \
    X(S_OVERDUE, "返却超過(日)", "Overdue after (days)")                                                          \
    X(S_RECEIPT_PRINTER, "控えのプリンター", "Receipt printer")                                                   \
    X(S_RECEIPT_PAPER, "控えの用紙", "Receipt paper")                                                             \
    X(S_LABEL_PRINTER, "ラベルのプリンター", "Label printer")                                                     \
    X(S_LABEL_PAPER, "ラベルの用紙", "Label paper")                                                               \
    X(S_EXPORT_DIR, "書出し先フォルダ", "Export folder")                                                          \
    X(S_IDLE_SECOND, "確認者を待つ時間(秒)", "Wait for 2nd person (s)")                                           \
    X(S_IDLE_INVENTORY, "在庫確認中の自動ログアウト(秒)", "Idle during inventory (s)")                            \
    X(DEFAULT, "既定", "default")                                                                                 \
    X(CURRENT, "現在の値", "Now")                                                                                 \
    X(NEW_VALUE, "新しい値", "New value")                                                                         \
    X(TYPE_KANA, "カナで入力", "Type in kana")                                                                    \
    X(ADD_KANA, "カナで追加", "Add in kana")                                                                      \
    X(REMOVE, "削除", "Remove")                                                                                   \
    X(PRESETS, "候補から追加", "Add a suggestion")                                                                \
    X(HOURS_HINT, "始業と終業を4桁ずつ (例 0830 1715)",                                                           \
      "Start and end, 4 digits each (0830 1715)")                                                                 \
    X(LIST_FULL, "これ以上は追加できません", "No more entries can be added")                                      \
    X(SETTING_SAVED, "設定を変更しました", "Setting changed")                                                     \
    X(ERROR_DB, "データベースを開けません", "The database cannot be opened")                                      \
    X(ERR_CANNOT_START, "この端末は起動できません。台帳を開けません。",                                           \
      "This terminal cannot start: the ledger cannot be opened.")                                                 \
    X(ERR_CODE, "エラーコード", "Error code")                                                                     \
    X(ERR_KEY, "台帳の鍵が、この台帳に合いません(鍵ファイルの取り違え)。",                                        \
      "The ledger's key does not fit this ledger (the wrong key file).")                                          \
    X(ERR_CORRUPT, "台帳のファイルが壊れています。バックアップからの復元が必要です。",                            \
      "The ledger file is damaged. It must be restored from a backup.")                                           \
    X(ERR_PERM, "鍵ファイルの権限または種類が正しくありません。",                                                 \
      "The key file's permissions or type are not right.")                                                        \
    X(ERR_MISSING, "台帳のファイルまたは鍵ファイルが見つかりません。",                                            \
      "The ledger file or its key file is not there.")                                                            \
    X(ERR_NEWER, "台帳が新しい版のdaichoで作られています。更新が必要です。",                                      \
      "The ledger was written by a newer daicho. An update is needed.")                                           \
    X(ERR_FULL, "ディスクがいっぱいです。", "The disk is full.")                                                  \
    X(ERR_OTHER, "台帳を開くときに問題が起きました。", "A problem occurred opening the ledger.")                  \
    X(ERR_CALL, "連絡先:", "Call:")                                                                               \
    X(ERR_CALL_ADMIN, "システム管理者に連絡してください。", "Call the system administrator.")                     \
    X(ERR_PAPER, "この画面のエラーコードと時刻を伝えてください。復旧までは紙の様式で記録します。",                \
      "Tell them the error code and the time on this screen. Until then, record on the paper "                    \
      "forms.")                                                                                                   \
    X(ERR_TIME, "時刻", "Time")                                                                                   \
    X(ERR_FOR_ADMIN, "管理者向けの詳細", "For the administrator")

/* Every list: the shared one above and one per part of the kiosk (text_*.h). */
#define DC_TEXT_ALL(X)                                                                             \
    DC_TEXT_LIST(X)                                                                                \
    DC_TEXT_LIST_FLOW(X) DC_TEXT_LIST_ARRIVAL(X) DC_TEXT_LIST_CHECK(X) DC_TEXT_LIST_INPUT(X)

typedef enum {
#define DC_X(key, ja, en) DC_T_##key,
    DC_TEXT_ALL(DC_X)
#undef DC_X
        DC_T__COUNT
} dc_text_t;

const char *dc_text(dc_text_t t, dc_lang_t lang);

#endif
