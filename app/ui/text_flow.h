/* The kiosk's texts for the counter flows: cart, form, approval, confirmation, result, home
 * (scr_flow.c, scr_home.c): X(key, japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_FLOW_H
#define DC_UI_TEXT_FLOW_H

/* clang-format off */
#define DC_TEXT_LIST_FLOW(X) \
    X(FL_TOTAL, "全%d件", "%d item(s)") \
    X(FL_OF_WHICH, "、うち", ", of which ") \
    X(FL_PERSONAL_N, "個人情報%d件", "%d personal") \
    X(FL_MY_NUMBER_N, "特定個人情報%d件", "%d My Number") \
    X(FL_AND, "・", ", ") \
    X(FL_PAGE, "%d/%dページ", "Page %d of %d") \
    X(FL_NEXT_PAGE, "次へ", "Next") \
    X(FL_CART_PREV, "前のページ", "Prev. page") \
    X(FL_CART_NEXT, "次のページ", "Next page") \
    X(FL_SEE_ALL, "すべてのページを確認してください", "Look at every page first") \
    X(FL_TAG_PERSONAL, "個人情報", "personal") \
    X(FL_TAG_MY_NUMBER, "特定個人情報", "My Number") \
    X(FL_APPROVER, "承認者", "Approver") \
    X(FL_CONFIRMER, "返却確認者", "Return confirmer") \
    X(FL_WITNESS, "立会者", "Witness") \
    X(FL_APPROVE, "承認", "Approve") \
    X(FL_APPROVE_HINT, "%sさん: 内容を確認して「承認」を押してください", \
      "%s: check the record, then press Approve") \
    X(FL_CONFIRM_HINT, "%sさん: 返却された物と内容を確認して「承認」を押してください", \
      "%s: check the items and the record, then press Approve") \
    X(FL_WITNESS_HINT, "%sさん: 廃棄する物と内容を確認して「承認」を押してください", \
      "%s: check the items and the record, then press Approve") \
    X(FL_SECOND_ABOUT, "次の内容を承認します", "You approve this record") \
    X(FL_APPROVED_BY, "承認済み", "approved") \
    X(FL_DISCARD_Q, "スキャンした%d件を破棄して中止しますか", "Drop the %d scanned item(s) and stop?") \
    X(FL_DISCARD_DETAIL, "何も記録されません。", "Nothing is recorded.") \
    X(FL_TAKEN_BY, "持出者", "Taken by") \
    X(FL_SINCE, "持出日", "Since") \
    X(FL_OVERDUE, "超過", "Overdue") \
    X(FL_NOTE, "返却時の状態", "Condition") \
    X(FL_NOTE_NONE, "特記なし", "No remarks") \
    X(FL_NOTE_CHOOSE, "返却時の状態を選んでください", "Choose the condition on return") \
    X(FL_NOTE_DAMAGED, "破損あり", "Damaged") \
    X(FL_NOTE_SOILED, "汚損あり", "Soiled") \
    X(FL_NOTE_WIPED, "媒体消去済み", "Medium wiped") \
    X(FL_NOTE_MISSING, "一部欠落あり", "Part missing") \
    X(FL_NOTE_SEAL, "封印破損あり", "Seal broken") \
    X(FL_NOTE_KANA, "その他(入力)", "Other (type)") \
    X(FL_MINE, "あなたの持ち出し中", "Your items out") \
    X(FL_MINE_N, "%d件(うち超過%d件)", "%d (%d overdue)") \
    X(FL_MINE_MORE, "ほか%d件", "and %d more") \
    X(FL_MINE_NONE, "持ち出し中のものはありません", "Nothing out in your name") \
    X(FL_DUE_SHORT, "返却予定", "due") \
    X(FL_RECEIPT_UNPRINTED, "控えは印刷されていません", "The receipt did not print") \
    X(FL_LABEL_UNPRINTED, "ラベルは印刷されていません", "The label did not print") \
    X(FL_UNPRINTED, "× 未印刷", "× NOT PRINTED")
/* clang-format on */

#endif
