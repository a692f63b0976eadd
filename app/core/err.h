/* Result codes for every runtime failure and every refusal, each with a Japanese and an English
 * message that tells the person what to do next. 0 is success. */
#ifndef DC_CORE_ERR_H
#define DC_CORE_ERR_H

#include <stdbool.h>

#define DC_WUR __attribute__((warn_unused_result))

/* Classes decide the exit code of daicho-admin and the colour of a kiosk message. */
typedef enum {
    DC_CLASS_OK = 0,
    DC_CLASS_REFUSED, /* the rules say no: exit 1 */
    DC_CLASS_USAGE,   /* malformed input: exit 2 */
    DC_CLASS_OPEN,    /* cannot open the database or key: exit 3 */
    DC_CLASS_IO,      /* failure while running: exit 1 */
} dc_class_t;

/* X(name, class, japanese, english) */
#define DC_ERR_LIST(X)                                                                                                                          \
    X(OK, OK, "完了しました。", "Done.")                                                                                                        \
    /* codes (labels and badges) */                                                                                                             \
    X(CODE_EMPTY, USAGE, "コードが読み取れませんでした。もう一度スキャンしてください。",                                                        \
      "Nothing was scanned. Please scan again.")                                                                                                \
    X(CODE_CHARS, USAGE,                                                                                                                        \
      "コードに使えない文字があります。ラベルを確認してスキャンし直してください。",                                                             \
      "The code contains characters that are not allowed. Check the label and scan again.")                                                     \
    X(CODE_FORMAT, USAGE, "台帳のラベルではありません。台帳のQRラベルをスキャンしてください。",                                                 \
      "This is not a daicho label. Scan the daicho QR label.")                                                                                  \
    X(CODE_CHECK, USAGE,                                                                                                                        \
      "コードの検査文字が合いません。読み違いの可能性があります。スキャンし直してください。",                                                   \
      "The check character does not match: the code was misread. Scan again.")                                                                  \
    X(CODE_WANT_ITEM, USAGE, "これは職員証です。書類・媒体のラベルをスキャンしてください。",                                                    \
      "This is a staff badge. Scan the label of the document or medium.")                                                                       \
    X(CODE_WANT_BADGE, USAGE, "これは書類・媒体のラベルです。職員証をスキャンしてください。",                                                   \
      "This is an item label. Scan a staff badge.")                                                                                             \
    /* refusals of the custody rules */                                                                                                         \
    X(R_ITEM_UNKNOWN, REFUSED, "登録されていない書類・媒体です。先に登録してください。",                                                        \
      "This item is not registered. Register it first.")                                                                                        \
    X(R_ITEM_EXISTS, REFUSED, "このラベルは既に登録されています。",                                                                             \
      "This label is already registered.")                                                                                                      \
    X(R_ITEM_DISPOSED, REFUSED, "この書類・媒体は廃棄済みです。記録できません。",                                                               \
      "This item has been disposed of. Nothing more can be recorded for it.")                                                                   \
    X(R_ITEM_OUT, REFUSED, "この書類・媒体は持ち出し中です。先に返却してください。",                                                            \
      "This item is out. Return it first.")                                                                                                     \
    X(R_ITEM_IN, REFUSED, "この書類・媒体は保管中です。持ち出されていないため返却できません。",                                                 \
      "This item is in storage: it was not taken out, so it cannot be returned.")                                                               \
    X(R_ITEM_TRANSIT, REFUSED, "この書類・媒体は運搬中です。到着の記録を先にしてください。",                                                    \
      "This item is in transit. Record its arrival first.")                                                                                     \
    X(R_SETTING_VALUE, REFUSED,                                                                                                                 \
      "設定の値が正しくありません。例: office_hours 08:30-17:15、idle_seconds 10〜3600、"                                     \
      "overdue_days 1〜3650。",                                                                                                                 \
      "The setting's value is not valid. E.g. office_hours 08:30-17:15, idle_seconds 10 to 3600, "                                              \
      "overdue_days 1 to 3650.")                                                                                                                \
    X(EXPORT_PAPER, REFUSED,                                                                                                                    \
      "紙媒体には書き出せません。USBメモリなど登録済みの記録媒体のラベルをスキャンしてください。",                                              \
      "A ledger cannot be written to paper. Scan the label of a registered medium such as a USB "                                               \
      "stick.")                                                                                                                                 \
    X(EXPORT_NO_MEDIUM, IO,                                                                                                                     \
      "書出し先の媒体が見つかりません。媒体を差し込み、認識されてからもう一度お試しください。",                                                 \
      "The medium to write to was not found. Insert it, wait until it is recognised, and try "                                                  \
      "again.")                                                                                                                                 \
    X(R_ITEM_RETIRED, REFUSED,                                                                                                                  \
      "このラベルは貼り替えで廃止されています。新しいラベルをスキャンしてください。",                                                           \
      "This label was replaced and is retired. Scan the new label.")                                                                            \
    X(R_CORRECT_TARGET, REFUSED,                                                                                                                \
      "訂正できるのは持ち出し・返却・複製・運搬・受領・廃棄・登録の記録だけです。番号を確認してく" \
      "ださい。",                                                                                                                               \
      "Only custody records (take-out, return, copy, transport, receipt, disposal, registration) "                                              \
      "can be corrected. Check the number.")                                                                                                    \
    X(R_CORRECT_FIELD, REFUSED,                                                                                                                 \
      "その項目はこの記録にはありません。訂正する項目を確認してください。",                                                                     \
      "That field does not belong to this record. Check what to correct.")                                                                      \
    X(R_ITEM_NOT_TRANSIT, REFUSED, "この書類・媒体は運搬中ではありません。到着を記録できません。",                                              \
      "This item is not in transit, so its arrival cannot be recorded.")                                                                        \
    X(R_ACTOR_UNKNOWN, REFUSED,                                                                                                                 \
      "登録されていない職員証です。システム管理者に登録を依頼してください。",                                                                   \
      "This badge is not enrolled. Ask the system administrator to enrol it.")                                                                  \
    X(R_ACTOR_RELEASED, REFUSED, "この職員は取扱者の指定を解除されています。操作できません。",                                                  \
      "This person's designation has been released. They can no longer act.")                                                                   \
    X(R_ACTOR_ROLE, REFUSED,                                                                                                                    \
      "この操作をする権限がありません。管理責任者かシステム管理者に依頼してください。",                                                         \
      "Your role does not allow this. Ask a manager or the system administrator.")                                                              \
    X(R_SECOND_MISSING, REFUSED,                                                                                                                \
      "承認者・確認者・立会者が必要です。別の職員の職員証をスキャンしてください。",                                                             \
      "An approver, confirmer or witness is needed. Scan another person's badge.")                                                              \
    X(R_SELF_APPROVAL, REFUSED,                                                                                                                 \
      "本人は承認・確認・立会いできません。別の職員に依頼してください。",                                                                       \
      "You cannot approve, confirm or witness your own action. Ask another person.")                                                            \
    X(R_SECOND_UNKNOWN, REFUSED, "承認者の職員証が登録されていません。",                                                                        \
      "The approver's badge is not enrolled.")                                                                                                  \
    X(R_SECOND_RELEASED, REFUSED,                                                                                                               \
      "承認者は取扱者の指定を解除されています。別の職員に依頼してください。",                                                                   \
      "The approver's designation has been released. Ask another person.")                                                                      \
    X(R_SECOND_ROLE, REFUSED,                                                                                                                   \
      "この承認は管理責任者が行う必要があります。管理責任者に依頼してください。",                                                               \
      "This approval must be given by a manager. Ask a manager.")                                                                               \
    X(R_PAPER_PERSONAL_OUT, REFUSED,                                                                                                            \
      "個人情報を含む紙媒体の持ち出しは原則禁止です。管理責任者の承認が必要です。",                                                             \
      "Paper with personal information may not leave without a manager's approval.")                                                            \
    X(R_MASKING_REQUIRED, REFUSED,                                                                                                              \
      "個人情報を含む紙媒体の複製は、不要な部分のマスキングが必要です。マスキングを確認してくださ" \
      "い。",                                                                                                                                   \
      "Copying paper with personal information needs masking of everything not needed. "                                                        \
      "Confirm the masking.")                                                                                                                   \
    X(R_LOCKED_BAG_REQUIRED, REFUSED, "個人情報を含む物の運搬には施錠できる鞄が必要です。",                                                     \
      "Items with personal information must travel in a locked bag.")                                                                           \
    X(R_SELF_RECEIVE, REFUSED, "運搬した本人は受領を記録できません。受取人が記録してください。",                                                \
      "The person who carried the item cannot record its arrival. The recipient must.")                                                         \
    X(R_FIELD_MISSING, REFUSED, "必要な項目が入力されていません。",                                                                             \
      "A required field is missing.")                                                                                                           \
    X(R_METHOD_PAPER, REFUSED, "紙媒体は破壊(シュレッダー・溶解・焼却)でのみ廃棄できます。",                                                    \
      "Paper can only be disposed of by destruction (shredding, dissolving, burning).")                                                         \
    X(R_FIELD_MISSING_PURPOSE, REFUSED,                                                                                                         \
      "必要な項目「目的」が入力されていません。選んでからもう一度記録してください。",                                                           \
      "A required field is missing: purpose. Choose the purpose, then record again.")                                                           \
    X(R_FIELD_MISSING_DESTINATION, REFUSED,                                                                                                     \
      "必要な項目「行き先(持出先・運搬先)"                                                                                      \
      "」が入力されていません。選んでからもう一度記録してください。",                                                                           \
      "A required field is missing: destination. Choose where it goes, then record again.")                                                     \
    X(R_FIELD_MISSING_DUE, REFUSED,                                                                                                             \
      "必要な項目「返却予定日」が入力されていません。選んでからもう一度記録してください。",                                                     \
      "A required field is missing: due date. Choose the date it is due back, then record again.")                                              \
    X(R_FIELD_MISSING_QUANTITY, REFUSED,                                                                                                        \
      "必要な項目「数量」が入力されていません。入力してからもう一度記録してください。",                                                         \
      "A required field is missing: quantity. Enter how many copies, then record again.")                                                       \
    X(R_FIELD_MISSING_METHOD, REFUSED,                                                                                                          \
      "必要な項目「廃棄方法」が入力されていません。選んでからもう一度記録してください。",                                                       \
      "A required field is missing: disposal method. Choose the method (Clear, Purge or "                                                       \
      "Destroy), then record again.")                                                                                                           \
    X(R_FIELD_MISSING_TECHNIQUE, REFUSED,                                                                                                       \
      "必要な項目「廃棄手段」が入力されていません。選んでからもう一度記録してください。",                                                       \
      "A required field is missing: disposal technique. Choose the technique, then record again.")                                              \
    X(R_FIELD_MISSING_TITLE, REFUSED,                                                                                                           \
      "必要な項目「件名(書類名・ファイル名)"                                                                                   \
      "」が入力されていません。入力してからもう一度記録してください。",                                                                         \
      "A required field is missing: title. Enter the title, then record again.")                                                                \
    X(R_FIELD_MISSING_REASON, REFUSED,                                                                                                          \
      "必要な項目「理由」が入力されていません。入力してからもう一度記録してください。",                                                         \
      "A required field is missing: reason. Enter the reason, then record again.")                                                              \
    X(R_FIELD_MISSING_VALUE, REFUSED,                                                                                                           \
      "必要な項目「訂正する値」が入力されていません。指定してからもう一度記録してください。",                                                   \
      "A required field is missing: corrected value. Give at least one corrected value, then "                                                  \
      "record again.")                                                                                                                          \
    X(R_FIELD_MISSING_BADGE, REFUSED,                                                                                                           \
      "必要な項目「職員証」が入力されていません。指定してからもう一度記録してください。",                                                       \
      "A required field is missing: badge. Scan or give the badge, then record again.")                                                         \
    X(R_FIELD_MISSING_NAME, REFUSED,                                                                                                            \
      "必要な項目「氏名」が入力されていません。入力してからもう一度記録してください。",                                                         \
      "A required field is missing: name. Enter the name, then record again.")                                                                  \
    X(R_FIELD_MISSING_NEW_CODE, REFUSED,                                                                                                        \
      "必要な項目「新しいラベルのコード」が入力されていません。指定してからもう一度記録してくださ" \
      "い。",                                                                                                                                   \
      "A required field is missing: new label code. Give the new label's code, then record "                                                    \
      "again.")                                                                                                                                 \
    X(R_FIELD_MISSING_RECORD, REFUSED,                                                                                                          \
      "必要な項目「記録番号」が入力されていません。指定してからもう一度記録してください。",                                                     \
      "A required field is missing: record number. Give the record's number, then record again.")                                               \
    X(R_FIELD_MISSING_EXPORT, REFUSED,                                                                                                          \
      "必要な項目「書出しの内容と書出し先」が入力されていません。指定してからもう一度記録してくだ" \
      "さい。",                                                                                                                                 \
      "A required field is missing: what to export and where. Give what is exported and where, "                                                \
      "then record again.")                                                                                                                     \
    X(R_FIELD_MISSING_SETTING, REFUSED,                                                                                                         \
      "必要な項目「設定項目」が入力されていません。指定してからもう一度記録してください。",                                                     \
      "A required field is missing: setting. Give a setting the terminal knows, then record "                                                   \
      "again.")                                                                                                                                 \
    X(R_TECHNIQUE_KIND, REFUSED,                                                                                                                \
      "この廃棄手段はこの種類の媒体には使えません。媒体の種類に合う廃棄手段を選んでください。",                                                 \
      "This technique does not work on this kind of medium. Choose a technique made for its "                                                   \
      "kind.")                                                                                                                                  \
    X(R_TECHNIQUE_METHOD, REFUSED,                                                                                                              \
      "廃棄手段と廃棄方法が合いません(消磁は完全消去、破砕・裁断は破壊、上書きは消去)"                    \
      "。手段に合う方法を選んでください。",                                                                                                     \
      "The technique and the method do not match (degaussing is Purge, crushing and shredding "                                                 \
      "are Destroy, overwriting is Clear). Choose the technique's method.")                                                                     \
    X(R_CERTIFICATE_FORMAT, REFUSED,                                                                                                            \
      "証明書番号は英字・数字・「-」「/」で40文字までです(例: "                                                         \
      "HK-2026-10-033)。証明書のとおり入力してください。",                                                                                      \
      "A certificate number is up to 40 letters, digits, '-' and '/' (e.g. HK-2026-10-033). "                                                   \
      "Enter it as printed on the certificate.")                                                                                                \
    X(R_DISPOSE_MIXED, REFUSED,                                                                                                                 \
      "種類の違う媒体が一緒に指定されています。種類ごとの廃棄手段を指定するか、種類ごとに分けて記" \
      "録してください。",                                                                                                                       \
      "Items of different kinds are disposed of together. Give a technique for each kind, or "                                                  \
      "record each kind separately.")                                                                                                           \
    X(R_RENAME_SAME, REFUSED, "新しい件名が今の件名と同じです。変更する件名を入力してください。",                                               \
      "The new title is the same as the current one. Enter the title it should have.")                                                          \
    X(R_PIN_RESET_SELF, REFUSED,                                                                                                                \
      "自分の暗証番号はリセットできません。別の管理責任者かシステム管理者に依頼してください。",                                                 \
      "You cannot reset your own PIN. Ask another manager or administrator.")                                                                   \
    X(R_STAFF_EXISTS, REFUSED, "この職員証は既に登録されています。",                                                                            \
      "This badge is already enrolled.")                                                                                                        \
    X(R_STAFF_SELF_RELEASE, REFUSED, "自分自身の指定は解除できません。",                                                                        \
      "You cannot release your own designation.")                                                                                               \
    X(R_DUPLICATE_ITEM, REFUSED, "同じ書類・媒体が二回スキャンされています。",                                                                  \
      "The same item was scanned twice.")                                                                                                       \
    X(R_CART_FULL, REFUSED, "一度に記録できるのは32件までです。先にこの分を記録してください。",                                                 \
      "At most 32 items can be recorded at once. Record these first.")                                                                          \
    X(R_CART_EMPTY, REFUSED,                                                                                                                    \
      "書類・媒体がまだスキャンされていません。ラベルをスキャンしてください。",                                                                 \
      "No item has been scanned yet. Scan a label.")                                                                                            \
    X(R_MONTH_OPEN, REFUSED, "その月はまだ終わっていません。月が終わってから点検してください。",                                                \
      "That month has not ended yet. Seal it after the month is over.")                                                                         \
    X(R_MONTH_SEALED, REFUSED, "その月の点検は封印済みです。月次点検は一度だけ記録できます。",                                                  \
      "That month is already sealed. A month's check can be recorded only once.")                                                               \
    X(R_MONTH_ORDER, REFUSED, "それより後の月が封印済みです。点検は月の順に封印してください。",                                                 \
      "A later month is already sealed. Seal the months in order.")                                                                             \
    X(PIN_WRONG, REFUSED, "暗証番号が違います。もう一度入力してください。",                                                                     \
      "Wrong PIN. Enter it again.")                                                                                                             \
    X(PIN_WAIT, REFUSED,                                                                                                                        \
      "暗証番号を続けて間違えたため、表示の秒数だけ待ってから入力してください(1・2・4・8秒)。",                                                 \
      "Too many wrong PINs: wait the seconds shown (1, 2, 4, 8) before trying again.")                                                          \
    X(PIN_LOCKED, REFUSED,                                                                                                                      \
      "暗証番号を5回間違えたため、この職員証はロックされています。管理責任者にロック解除を依頼し"   \
      "てください。",                                                                                                                           \
      "This badge is locked after 5 wrong PINs. Ask a manager to unlock it.")                                                                   \
    X(PIN_NOT_SET, REFUSED,                                                                                                                     \
      "暗証番号が設定されていません。システム管理者に登録コードの発行を依頼し、初回ログインで決め" \
      "てください。",                                                                                                                           \
      "No PIN is set for this badge. Ask the system administrator for an enrolment code, then "                                                 \
      "choose a PIN at the first log-in.")                                                                                                      \
    X(R_NOT_LOCKED, REFUSED, "この職員証はロックされていません。", "This badge is not locked.")                                                 \
    /* people: first PINs, enrolment codes, designation dates */                                                                                \
    X(PIN_WEAK, REFUSED,                                                                                                                        \
      "推測されやすい暗証番号です。同じ数字の繰り返し(0000)や並び(1234・4321)"                                       \
      "を避け、4〜8桁で決めてください。",                                                                                                       \
      "This PIN is too easy to guess. Avoid repeated digits (0000) and runs (1234, 4321); choose "                                              \
      "4 to 8 digits.")                                                                                                                         \
    X(ENROL_CODE_NEEDED, REFUSED,                                                                                                               \
      "初めての暗証番号には登録コードが必要です。システム管理者に登録コードの発行を依頼してくださ" \
      "い。",                                                                                                                                   \
      "A first PIN needs an enrolment code. Ask the system administrator to issue one.")                                                        \
    X(ENROL_CODE_WRONG, REFUSED,                                                                                                                \
      "登録コードが違うか、期限切れ・使用済みです。システム管理者に新しい登録コードを依頼してくだ" \
      "さい。",                                                                                                                                 \
      "The enrolment code is wrong, expired or used. Ask the system administrator for a new one.")                                              \
    X(R_NOT_YET_DESIGNATED, REFUSED,                                                                                                            \
      "指定年月日より前のため、この人はまだ承認・記録できません。指定日以降に行うか、指定年月日を" \
      "確認してください。",                                                                                                                     \
      "This person's designation starts later: they cannot act or approve before that date. "                                                   \
      "Wait, or check the designation date.")                                                                                                   \
    X(R_SENDER_RECEIVE, REFUSED,                                                                                                                \
      "運搬を記録した本人は受領を記録できません。受取人が記録してください。",                                                                   \
      "The person who sent the item cannot record its arrival. The recipient must.")                                                            \
    X(R_NOT_ON_RECEIPT, REFUSED,                                                                                                                \
      "この書類・媒体は運搬の控えに載っていません。受領できません。運搬元に確認してください。",                                                 \
      "This item is not on the transport receipt: it cannot be received. Check with the "                                                       \
      "sending office.")                                                                                                                        \
    X(R_ALREADY_ARRIVED, REFUSED,                                                                                                               \
      "この書類・媒体の到着はすでに記録されています。受領控えを確認してください。",                                                             \
      "The arrival of this item is already recorded. Check the arrival receipt.")                                                               \
    X(R_ARRIVAL_ELSEWHERE, REFUSED,                                                                                                             \
      "この受領の控えは別の端末の運搬に対するものです。運搬を記録した端末で読み取ってください。",                                               \
      "This arrival receipt answers another terminal's transport. Scan it at the terminal "                                                     \
      "that recorded the transport.")                                                                                                           \
    X(R_ARRIVAL_CLOSED, REFUSED,                                                                                                                \
      "この受領の控えの品目は、すべて受領済みか運搬中ではありません。記録はありません。",                                                       \
      "Every item on this arrival receipt is already received or no longer in transit. "                                                        \
      "Nothing was recorded.")                                                                                                                  \
    /* integrity: links, sealed months */                                                                                                       \
    X(R_LINK_STALE, REFUSED,                                                                                                                    \
      "この返却・受領が閉じる持ち出し・運搬の記録が、その書類・媒体の今の記録と違います。もう一度" \
      "スキャンして記録してください。",                                                                                                         \
      "The take-out or transport this return or arrival names is not the item's current one. "                                                  \
      "Scan it again and record it again.")                                                                                                     \
    X(R_MONTH_CLOSED, REFUSED,                                                                                                                  \
      "この日時の月は封印済みのため記録できません。端末の時計を確認し、正しい日時で記録してくださ" \
      "い。",                                                                                                                                   \
      "That month is sealed: nothing dated in it can be recorded. Check the terminal's clock and "                                              \
      "record with the right date.")                                                                                                            \
    X(R_SEAL_AHEAD, REFUSED,                                                                                                                    \
      "直前の記録より2か月以上先の月は封印できません。端末の時計を確認し、前の月から順に封印して"   \
      "ください。",                                                                                                                             \
      "A month more than one month after the last record cannot be sealed. Check the terminal's "                                               \
      "clock and seal the earlier months first.")                                                                                               \
    X(SCAN_TOO_LONG, USAGE,                                                                                                                     \
      "読み取った内容が長すぎます。台帳のラベルか職員証をスキャンしてください。",                                                               \
      "What was scanned is too long. Scan a daicho label or badge.")                                                                            \
    X(SCANNER_MISSING, IO, "スキャナーが見つかりません。接続を確認してください。",                                                              \
      "The scanner is not connected. Check its cable.")                                                                                         \
    /* usage */                                                                                                                                 \
    X(USAGE, USAGE, "入力が正しくありません。", "The input is not valid.")                                                                      \
    X(BAD_DATE, USAGE, "日付が正しくありません。YYYY-MM-DD の形で入力してください。",                                                           \
      "The date is not valid. Use the form YYYY-MM-DD.")                                                                                        \
    X(BAD_MONTH, USAGE, "月が正しくありません。YYYY-MM の形で入力してください。",                                                               \
      "The month is not valid. Use the form YYYY-MM.")                                                                                          \
    X(TOO_LONG, USAGE, "入力が長すぎます。短くしてください。",                                                                                  \
      "The input is too long. Shorten it.")                                                                                                     \
    /* importing an office's lists (CSV) */                                                                                                     \
    X(CSV_QUOTE, USAGE,                                                                                                                         \
      "CSVの引用符(\")"                                                                                                                     \
      "が閉じていないか、引用符の後に文字があります。Excelで開いて保存し直してください。",                                                      \
      "A quote (\") is left open, or text follows a closing quote. Open and save the file again "                                               \
      "in Excel.")                                                                                                                              \
    X(CSV_TOO_BIG, USAGE,                                                                                                                       \
      "CSVの行が長すぎます(64列・1項目2048バイトまで)"                                                                         \
      "。不要な列を消すか、長い項目を短くしてください。",                                                                                       \
      "A CSV record is too long (at most 64 fields of 2048 bytes). Delete unused columns or "                                                   \
      "shorten the cell.")                                                                                                                      \
    X(IMPORT_ENCODING, USAGE,                                                                                                                   \
      "文字コードが読めません。UTF-8 か Shift_JIS で保存し直してください。",                                                                    \
      "The file is neither UTF-8 nor Shift_JIS. Save it again as UTF-8 or Shift_JIS.")                                                          \
    X(IMPORT_HEADER, USAGE,                                                                                                                     \
      "見出し行に必要な列がありません。1行目に列名(名称・種別 など)を入れてください。",                                                         \
      "The header row lacks a required column. Put the column names (title, kind...) on line 1.")                                               \
    X(IMPORT_LINES, REFUSED,                                                                                                                    \
      "誤りのある行があるため、何も取り込んでいません。行を直してもう一度取り込んでください。",                                                 \
      "Some lines are wrong, so nothing was imported. Fix them and import again.")                                                              \
    X(IMPORT_FIELDS, USAGE, "見出し行より列の多い行です。余分なカンマやセルを消してください。",                                                 \
      "This line has more cells than the header. Remove the extra commas or cells.")                                                            \
    X(IMPORT_KIND, USAGE,                                                                                                                       \
      "媒体の種別が分かりません(紙・CD-R・DVD-R・USBメモリ・外付けHDD・SDカード・その他)。",                                                    \
      "Unknown kind (paper, cd, dvd, usb, hdd, sd, other).")                                                                                    \
    X(IMPORT_ROLE, USAGE, "役割が分かりません(取扱者・管理責任者・システム管理者)。",                                                           \
      "Unknown role (staff, manager, admin).")                                                                                                  \
    X(IMPORT_YESNO, USAGE, "有無の欄は 有/無、○/×、yes/no、1/0 のどれかにしてください。",                                                       \
      "A yes/no field must be one of 有/無, ○/×, yes/no, 1/0.")                                                                                 \
    X(IMPORT_DUPLICATE, USAGE,                                                                                                                  \
      "同じものが既に登録されているか、ファイル内で重複しています。重複した行を消してください。",                                               \
      "This is already registered, or appears twice in the file. Delete the duplicate line.")                                                   \
    X(IMPORT_TOO_MANY, USAGE, "一度に取り込めるのは10000行までです。ファイルを分けてください。",                                                \
      "At most 10000 lines can be imported at once. Split the file.")                                                                           \
    /* opening the database */                                                                                                                  \
    X(KEY_MISSING, OPEN,                                                                                                                        \
      "鍵ファイルがありません。daicho-admin init で作成するか、パスを確認してください。",                                                       \
      "The key file does not exist. Create it with 'daicho-admin init' or check the path.")                                                     \
    X(KEY_FORMAT, OPEN, "鍵ファイルの形式が正しくありません(16進数64文字が必要です)。",                                                         \
      "The key file is not valid: it must hold 64 hexadecimal characters.")                                                                     \
    X(KEY_PERMS, OPEN, "鍵ファイルが他のユーザーから読めます。chmod 600 で権限を直してください。",                                              \
      "The key file is readable by other users. Fix it with 'chmod 600'.")                                                                      \
    X(DB_MISSING, OPEN,                                                                                                                         \
      "データベースがありません。daicho-admin init で作成するか、パスを確認してください。",                                                     \
      "The database does not exist. Create it with 'daicho-admin init' or check the path.")                                                     \
    X(DB_EXISTS, OPEN, "データベースは既にあります。上書きはしません。",                                                                        \
      "The database already exists. It will not be overwritten.")                                                                               \
    X(DB_WRONG_KEY, OPEN,                                                                                                                       \
      "鍵がこのデータベースに合いません。正しい鍵ファイルを指定してください。",                                                                 \
      "The key does not open this database. Give the right key file.")                                                                          \
    X(DB_PLAINTEXT, OPEN,                                                                                                                       \
      "暗号化されていない SQLite ファイルです。台帳のデータベースではありません。",                                                             \
      "This is an unencrypted SQLite file, not a daicho database.")                                                                             \
    X(DB_TRUNCATED, OPEN,                                                                                                                       \
      "データベースファイルが途中で切れています。バックアップから復元してください。",                                                           \
      "The database file is truncated. Restore it from a backup.")                                                                              \
    X(DB_EMPTY, OPEN,                                                                                                                           \
      "データベースファイルが空です。パスを確認するか、バックアップから復元してください。",                                                     \
      "The database file is empty. Check the path or restore from a backup.")                                                                   \
    X(DB_NEWER, OPEN,                                                                                                                           \
      "このデータベースは新しい版の daicho で作られています。daicho を更新してください。",                                                      \
      "This database was written by a newer daicho. Update daicho.")                                                                            \
    X(DB_NOT_CIPHER, OPEN, "SQLCipher が読み込まれていません。暗号化なしでは動作しません。",                                                    \
      "SQLCipher is not loaded; daicho will not run without encryption.")                                                                       \
    X(DB_CORRUPT, IO,                                                                                                                           \
      "データベースが壊れています。daicho-admin verify "                                                                          \
      "で確認し、バックアップから復元してください。",                                                                                           \
      "The database is damaged. Check it with 'daicho-admin verify' and restore from a backup.")                                                \
    X(DB_IO, IO,                                                                                                                                \
      "データベースへの書き込みに失敗しました。記録されていません。もう一度お試しください。",                                                   \
      "Writing to the database failed. Nothing was recorded. Try again.")                                                                       \
    X(DB_FULL, IO,                                                                                                                              \
      "ディスクがいっぱいです。記録されていません。システム管理者に連絡してください。",                                                         \
      "The disk is full. Nothing was recorded. Call the system administrator.")                                                                 \
    X(DB_BUSY, IO, "データベースが使用中です。少し待ってからもう一度お試しください。",                                                          \
      "The database is busy. Wait a moment and try again.")                                                                                     \
    X(NOT_FOUND, REFUSED, "見つかりません。", "Not found.")                                                                                     \
    X(VERIFY_FAILED, REFUSED,                                                                                                                   \
      "台帳の検証に失敗しました。改ざんか破損の可能性があります。管理責任者に連絡してください。",                                               \
      "The ledger failed verification: it may have been altered or damaged. Call the manager.")                                                 \
    X(DISPOSAL_LINE_ALTERED, REFUSED,                                                                                                           \
      "廃棄を種類別に判定し始める記録番号(disposal_rules_from_seq)が daicho "                                                 \
      "の外で書き換えられています。"                                                                                              \
      "この台帳で廃棄を記録せず、検証が通るバックアップから復元して管理責任者に連絡してください"    \
      "。",                                                                                                                                     \
      "The sequence number from which disposals are judged by kind (disposal_rules_from_seq) was "                                              \
      "changed outside daicho. Record no disposal; restore a backup that verifies and call the "                                                \
      "manager.")                                                                                                                               \
    /* printing */                                                                                                                              \
    X(PRINTER_SPEC, USAGE,                                                                                                                      \
      "プリンターの指定が正しくありません。escpos:パス、ql:パス か png:パス "                                         \
      "の形で指定してください。",                                                                                                               \
      "The printer setting is not valid. Give escpos:PATH, ql:PATH or png:PATH.")                                                               \
    X(PRINTER_MISSING, IO,                                                                                                                      \
      "プリンターが見つかりません。電源とケーブルを確認してください。記録は保存されています。準備" \
      "ができたら再印刷してください。",                                                                                                         \
      "The printer was not found. Check its power and cable. The record is saved: print it again "                                              \
      "once the printer is ready.")                                                                                                             \
    X(PRINTER_PAPER, IO,                                                                                                                        \
      "プリンターの用紙がありません。用紙を補充してください。記録は保存されています。補充後に再印" \
      "刷してください。",                                                                                                                       \
      "The printer is out of paper. Load paper. The record is saved: print it again afterwards.")                                               \
    X(PRINTER_WRITE, IO,                                                                                                                        \
      "プリンターへの送信に失敗しました。プリンターを確認してください。記録は保存されています。再" \
      "印刷してください。",                                                                                                                     \
      "Sending to the printer failed. Check the printer. The record is saved: print it again.")                                                 \
    X(FONT_MISSING, IO,                                                                                                                         \
      "日本語フォントが見つかりません。fonts-ipaexfont-gothic を導入するか DAICHO_FONT "                                  \
      "を設定してください。",                                                                                                                   \
      "No Japanese font was found. Install fonts-ipaexfont-gothic or set DAICHO_FONT.")                                                         \
    X(PAPER_TOO_SMALL, USAGE, "用紙が小さすぎて印刷できません。大きい用紙を選んでください。",                                                   \
      "The paper is too small for this print. Choose larger paper.")                                                                            \
    X(RECEIPT_NONE, REFUSED,                                                                                                                    \
      "この記録には控えがありません。持ち出し・返却などの記録番号を指定してください。",                                                         \
      "This record has no receipt. Give the number of a custody record such as a take-out.")                                                    \
    /* receipts scanned back: the verdicts */                                                                                                   \
    X(RECEIPT_GOOD, OK, "正しい控えです。署名は有効で、記録は台帳にそのまま残っています。",                                                     \
      "This receipt is genuine: the signature is good and the record is in the ledger unchanged.")                                              \
    X(RECEIPT_SIGNED, OK,                                                                                                                       \
      "他の端末の控えです。署名は有効ですが、その端末の台帳はここでは確認できません。その端末で確" \
      "認してください。",                                                                                                                       \
      "This receipt is from another terminal: its signature is good, but that terminal's ledger "                                               \
      "cannot be checked here. Check it on that terminal.")                                                                                     \
    X(RECEIPT_FORMAT, REFUSED,                                                                                                                  \
      "台帳の控えのQRではないか、読み取りが不完全です。もう一度スキャンしてください。",                                                         \
      "This is not a daicho receipt QR, or it was not read completely. Scan it again.")                                                         \
    X(RECEIPT_BAD_SIG, REFUSED,                                                                                                                 \
      "控えの署名が合いません。書き換えられたか偽造の可能性があります。管理責任者に連絡してくださ" \
      "い。",                                                                                                                                   \
      "The receipt's signature does not match: it may have been changed or forged. Call the "                                                   \
      "manager.")                                                                                                                               \
    X(RECEIPT_UNKNOWN_TERMINAL, REFUSED,                                                                                                        \
      "この控えを発行した端末は登録されていません。その端末の公開鍵を daicho-admin terminal "                    \
      "trust で登録してください。",                                                                                                             \
      "The terminal that issued this receipt is not trusted here. Add its public key with "                                                     \
      "'daicho-admin terminal trust'.")                                                                                                         \
    X(RECEIPT_EVENT_MISSING, REFUSED,                                                                                                           \
      "控えの記録が台帳にありません。台帳が切り詰められたか古い状態に戻されています。管理責任者に" \
      "連絡してください。",                                                                                                                     \
      "The receipt's record is not in the ledger: the ledger was truncated or rolled back. Call "                                               \
      "the manager.")                                                                                                                           \
    X(RECEIPT_EVENT_ALTERED, REFUSED,                                                                                                           \
      "控えの記録が台帳の中で書き換えられています。管理責任者に連絡してください。",                                                             \
      "The receipt's record has been changed in the ledger. Call the manager.")                                                                 \
    X(RECEIPT_LOG_REWRITTEN, REFUSED,                                                                                                           \
      "控えの発行時点までの台帳が書き換えられています。管理責任者に連絡してください。",                                                         \
      "The ledger up to this receipt has been rewritten. Call the manager.")                                                                    \
    X(TERMINAL_KEY_FORMAT, USAGE,                                                                                                               \
      "端末の公開鍵の形式が正しくありません。terminal export-key "                                                           \
      "の出力をそのまま指定してください。",                                                                                                     \
      "The terminal key is not valid. Give the output of 'terminal export-key' as it is.")                                                      \
    X(TERMINAL_SELF, REFUSED, "これはこの端末自身の鍵です。登録は不要です。",                                                                   \
      "This is this terminal's own key. It does not need to be trusted.")                                                                       \
    X(TERMINAL_CONFLICT, REFUSED,                                                                                                               \
      "この端末番号には別の鍵が登録されています。鍵を確認してください。",                                                                       \
      "Another key is already trusted for this terminal id. Check the key.")                                                                    \
    X(PROOF_FORMAT, USAGE,                                                                                                                      \
      "証明ファイルの形式が正しくありません。daicho-admin proof の出力をそのまま渡してください。",                                              \
      "The proof is not in the form daicho-admin proof writes. Give its output as it is.")                                                      \
    X(PROOF_BAD_SIG, REFUSED,                                                                                                                   \
      "証明のツリーヘッドの署名が合いません。書き換えられたか、別の端末の鍵です。",                                                             \
      "The proof's signed tree head does not match its key: it was changed, or the key is "                                                     \
      "another terminal's.")                                                                                                                    \
    X(PROOF_KEY, REFUSED, "証明の鍵が指定の端末の鍵と違います。端末の公開鍵を確認してください。",                                               \
      "The proof was signed by another key than the terminal's given. Check the terminal's "                                                    \
      "public key.")                                                                                                                            \
    X(PROOF_FAILED, REFUSED,                                                                                                                    \
      "証明が成り立ちません。記録またはハッシュが書き換えられています。管理責任者に連絡してくださ" \
      "い。",                                                                                                                                   \
      "The proof does not hold: an event or a hash was changed. Call the manager.")                                                             \
    X(PROOF_CHECKPOINT, REFUSED,                                                                                                                \
      "証明は成り立ちますが、控えの時点と合いません。控えの記録番号と時点で証明を作り直してくださ" \
      "い。",                                                                                                                                   \
      "The proof holds, but not for this receipt's checkpoint. Make the proof again for the "                                                   \
      "receipt's event and checkpoint.")                                                                                                        \
    /* files: the ledger's own and those daicho writes */                                                                                       \
    X(DB_SWAPPED, IO,                                                                                                                           \
      "台帳ファイルが開いた後で差し替えられました。記録されていません。daicho "                                 \
      "を再起動してください。",                                                                                                                 \
      "The ledger file was replaced after it was opened. Nothing was recorded. Restart daicho.")                                                \
    X(KEY_NOT_FILE, OPEN,                                                                                                                       \
      "鍵ファイルが通常のファイルではありません "                                                                           \
      "(FIFO・デバイス・フォルダ)。鍵ファイルのパスを確認してください。",                                                                       \
      "The key file is not a regular file (a FIFO, a device or a folder). Check the key file's "                                                \
      "path.")                                                                                                                                  \
    X(OUT_PROTECTED, REFUSED,                                                                                                                   \
      "出力先が台帳・その付属ファイル・鍵ファイルです。上書きしません。別のファイル名を指定してく" \
      "ださい。",                                                                                                                               \
      "The output would replace the ledger, one of its side files or the key. Nothing was "                                                     \
      "written. Give another file name.")                                                                                                       \
    X(OUT_LINK, REFUSED,                                                                                                                        \
      "出力先にリンクかファイル以外のものがあります。たどらずに中止しました。それを取り除いてから" \
      "もう一度書き出してください。",                                                                                                           \
      "There is a link or something other than a file where the output goes; it was not "                                                       \
      "followed. Remove it, then write again.")                                                                                                 \
    X(IO, IO, "ファイルの読み書きに失敗しました。", "Reading or writing a file failed.")                                                        \
    X(NOMEM, IO, "メモリが足りません。", "Out of memory.")

typedef enum {
#define DC_X(name, cls, ja, en) DC_E_##name,
    DC_ERR_LIST(DC_X)
#undef DC_X
        DC_E__COUNT
} dc_err_t;

typedef enum { DC_LANG_JA = 0, DC_LANG_EN = 1 } dc_lang_t;

/* The message for code e in language lang; never NULL. */
const char *dc_err_msg(dc_err_t e, dc_lang_t lang);
/* A stable name such as "R_SELF_APPROVAL", for logs, tests and scripts. */
const char *dc_err_name(dc_err_t e);
/* The code a stable name names; false for none. */
bool dc_err_parse(const char *name, dc_err_t *out);
dc_class_t dc_err_class(dc_err_t e);

/* Programmer errors fail fast with file:line (contract violations, not runtime failures). */
void dc_fail(const char *file, int line, const char *what) __attribute__((noreturn));
#define DC_EXPECT(cond)                                                                            \
    do {                                                                                           \
        if (!(cond))                                                                               \
            dc_fail(__FILE__, __LINE__, #cond);                                                    \
    } while (0)

#endif
