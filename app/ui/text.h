/* Every text on the kiosk's screens, Japanese first and English second. */
#ifndef DC_UI_TEXT_H
#define DC_UI_TEXT_H

#include "core/err.h"

/* X(key, japanese, english) */
#define DC_TEXT_LIST(X)                                                                            \
    X(LANG_TOGGLE, "English", "日本語")                                                            \
    X(SCAN_BADGE, "社員証をスキャンしてください", "Scan your staff badge")                         \
    X(IDLE_HINT, "持ち出し・返却・複製・運搬・廃棄を記録します",                                   \
      "Record take-out, return, copy, transport and disposal")                                     \
    X(ENTER_PIN, "暗証番号を入力してください", "Enter your PIN")                                   \
    X(ENTER_PIN_SECOND, "確認者の暗証番号を入力してください",                                      \
      "The second person enters their PIN")                                                        \
    X(PIN_CLEAR, "クリア", "Clear")                                                                \
    X(PIN_BACK, "←", "←")                                                                          \
    X(OK, "確定", "OK")                                                                            \
    X(CANCEL, "キャンセル", "Cancel")                                                              \
    X(WAIT_SECONDS, "秒お待ちください", "s: please wait")                                          \
    X(HELLO, "さん", "")                                                                           \
    X(CHOOSE_TASK, "業務を選んでください", "Choose what to record")                                \
    X(TAKE_OUT, "持ち出し", "Take out")                                                            \
    X(RETURN, "返却", "Return")                                                                    \
    X(COPY, "複製", "Copy")                                                                        \
    X(TRANSPORT, "運搬", "Transport")                                                              \
    X(RECEIVE, "受領", "Receive")                                                                  \
    X(DISPOSE, "廃棄", "Dispose")                                                                  \
    X(REGISTER, "新規登録", "Register")                                                            \
    X(UNLOCK, "ロック解除", "Unlock badge")                                                        \
    X(ENROLL, "職員登録", "Enrol staff")                                                           \
    X(MONTHLY, "月次点検", "Monthly check")                                                        \
    X(LOGOUT, "ログアウト", "Log out")                                                             \
    X(SCAN_ITEMS, "書類・媒体のラベルをスキャンしてください", "Scan the labels of the items")      \
    X(ITEMS_SCANNED, "件", "item(s)")                                                              \
    X(NEXT, "次へ", "Next")                                                                        \
    X(BACK, "戻る", "Back")                                                                        \
    X(ABORT, "中止", "Stop")                                                                       \
    X(REMOVE_LAST, "最後を取消", "Remove last")                                                    \
    X(FILL_FORM, "記録する内容を選んでください", "Fill in the record")                             \
    X(F_PURPOSE, "目的", "Purpose")                                                                \
    X(F_DESTINATION, "持出先", "Destination")                                                      \
    X(F_TO_PLACE, "運搬先", "Deliver to")                                                          \
    X(F_RECIPIENT, "受取人", "Recipient")                                                          \
    X(F_DUE, "返却予定日", "Due back")                                                             \
    X(F_QUANTITY, "数量", "Quantity")                                                              \
    X(F_MASKED, "マスキング確認", "Masking done")                                                  \
    X(F_LOCKED_BAG, "施錠できる鞄", "Locked bag")                                                  \
    X(F_METHOD, "廃棄方法", "Method")                                                              \
    X(F_TECHNIQUE, "廃棄手段", "Technique")                                                        \
    X(F_CERTIFICATE, "証明書番号", "Certificate no.")                                              \
    X(F_KIND, "媒体の種類", "Kind of medium")                                                      \
    X(F_PLACE, "保管場所", "Storage place")                                                        \
    X(F_PERSONAL, "個人情報", "Personal data")                                                     \
    X(F_MY_NUMBER, "特定個人情報", "My Number data")                                               \
    X(NOT_SET, "未選択", "not set")                                                                \
    X(YES, "はい", "Yes")                                                                          \
    X(NO, "いいえ", "No")                                                                          \
    X(MISSING_FIELD, "未選択の項目があります", "Some fields are not set")                          \
    X(CHOOSE, "選んでください", "Choose one")                                                      \
    X(DAY_MINUS, "−1日", "−1 day")                                                                 \
    X(DAY_PLUS, "+1日", "+1 day")                                                                  \
    X(WEEK_PLUS, "+1週", "+1 week")                                                                \
    X(TODAY, "今日", "Today")                                                                      \
    X(SCAN_APPROVER, "承認者の社員証をスキャンしてください", "The approver scans their badge")     \
    X(SCAN_CONFIRMER, "返却確認者の社員証をスキャンしてください",                                  \
      "The return confirmer scans their badge")                                                    \
    X(SCAN_WITNESS, "立会者の社員証をスキャンしてください", "The witness scans their badge")       \
    X(MANAGER_NEEDED, "管理責任者が必要です", "A manager is needed")                               \
    X(OTHER_PERSON, "本人以外の職員", "Someone other than you")                                    \
    X(CONFIRM, "内容を確認して確定してください", "Check and confirm")                              \
    X(ACTOR, "取扱者", "Handler")                                                                  \
    X(SECOND, "承認・確認者", "Approver")                                                          \
    X(RECORDED, "記録しました", "Recorded")                                                        \
    X(RECEIPT, "控え", "Receipt")                                                                  \
    X(FINISH, "終了", "Finish")                                                                    \
    X(SEQ, "番号", "No.")                                                                          \
    X(TIMED_OUT, "操作がなかったためログアウトしました。記録はされていません。",                   \
      "Logged out after no activity. Nothing was recorded.")                                       \
    X(SCAN_LOCKED_BADGE, "ロックを解除する社員証をスキャンしてください",                           \
      "Scan the badge to unlock")                                                                  \
    X(UNLOCKED, "ロックを解除しました", "Unlocked")                                                \
    X(NOT_YET, "この機能は次の版で利用できます", "Coming in a later version")                      \
    X(LABEL_CODE, "ラベル番号", "Label code")                                                      \
    X(NEW_PIN, "初めてのご利用です。暗証番号(4〜8桁)を決めて入力してください",                     \
      "First use: choose a PIN of 4 to 8 digits")                                                  \
    X(REPEAT_PIN, "確認のため、同じ暗証番号をもう一度入力してください",                            \
      "Enter the same PIN again")                                                                  \
    X(PIN_MISMATCH, "暗証番号が一致しません。もう一度決めてください",                              \
      "The PINs differ. Choose again")                                                             \
    X(PIN_SET, "暗証番号を設定しました", "PIN set")                                                \
    X(SCAN_NEW_BADGE, "登録する社員証をスキャンしてください", "Scan the new staff badge")          \
    X(F_NAME, "氏名(カナ)", "Name (kana)")                                                         \
    X(F_ROLE, "役割", "Role")                                                                      \
    X(F_SECTION, "所属", "Section")                                                                \
    X(ENROLLED, "登録しました。初回ログイン時に暗証番号を設定します",                              \
      "Enrolled. The PIN is set at the first log-in")                                              \
    X(KANA_SMALL, "小", "small")                                                                   \
    X(KANA_SPACE, "空白", "space")                                                                 \
    X(REPRINT, "再印刷", "Print again")                                                            \
    X(PRINTED, "印刷しました", "Printed")                                                          \
    X(FROM_RECEIPT, "控えから読み込みました", "Read from the receipt")                             \
    X(SCAN_NOT_HERE, "この画面ではスキャンは使いません。画面のボタンで進めてください",             \
      "No scan is needed on this screen. Use the buttons")                                         \
    X(NEW_LABEL, "新しいラベル", "New label")                                                      \
    X(ERROR_DB, "データベースを開けません", "The database cannot be opened")

typedef enum {
#define DC_X(key, ja, en) DC_T_##key,
    DC_TEXT_LIST(DC_X)
#undef DC_X
        DC_T__COUNT
} dc_text_t;

const char *dc_text(dc_text_t t, dc_lang_t lang);

#endif
