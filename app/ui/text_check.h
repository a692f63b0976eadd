/* The kiosk's texts for the monthly check: inventory, anomalies, seal, summary, export: X(key,
 * japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_CHECK_H
#define DC_UI_TEXT_CHECK_H

/* clang-format off */
#define DC_TEXT_LIST_CHECK(X) \
    X(CK_REVIEW, "要確認", "For review") \
    X(CK_REVIEW_N, "要確認 %d件", "For review: %d") \
    X(CK_ANOMALIES_N, "異常 %d件", "Anomalies: %d") \
    X(CK_INV_OUT, "貸出中のはずの資料です", "The ledger has this taken out") \
    X(CK_INV_TRANSIT, "運搬中のはずの資料です", "The ledger has this on the way") \
    X(CK_INV_DISPOSED, "廃棄済みのはずの資料です", "The ledger has this disposed") \
    X(CK_INV_RETIRED, "ラベルを貼り替える前の資料です", "This label was replaced") \
    X(CK_INV_ELSEWHERE, "他の保管場所の資料です", "Stored at another place") \
    X(CK_INV_UNKNOWN, "この事務所の資料ではありません", "Not an item of this office") \
    X(CK_INV_AGAIN, "確認済みです(2回目のスキャン)", "Already scanned") \
    X(CK_INV_BAD, "資料のラベルではありません", "Not an item label") \
    X(CK_INV_ELSEWHERE_N, "他の保管場所（この端末では確認しません） %d件", \
      "Stored elsewhere (not checked at this terminal): %d") \
    X(CK_INV_ALL_PLACES, "保管場所の一覧が未設定のため、保管中のすべての資料を確認します", \
      "No storage places are set: every item in storage is expected") \
    X(CK_SEAL_UNFOUND, "在庫確認で未確認の資料が%d件あります。封印する理由を選んでください。", \
      "%d item(s) were not found in the inventory. Choose why you seal anyway.") \
    X(CK_SEAL_NO_INV, "在庫確認をしていません。封印する理由を選んでください。", \
      "No inventory was made. Choose why you seal anyway.") \
    X(CK_REASON_LATER, "後日確認する", "Check later") \
    X(CK_REASON_LENT, "貸出先で確認済み", "Checked where lent") \
    X(CK_REASON_OTHER, "その他", "Other") \
    X(CK_REASON_FIRST, "理由を選んでから、ご本人の職員証をスキャンしてください", \
      "Choose a reason, then scan your own badge") \
    X(CK_REASON_CHOSEN, "理由: %s", "Reason: %s") \
    X(CK_SLIP_REPRINTED, "封印票を再印刷しました", "The seal slip was printed again")
/* clang-format on */

#endif
