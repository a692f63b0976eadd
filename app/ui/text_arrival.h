/* The kiosk's texts for arrival at another terminal and the receipts that carry it: X(key,
 * japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_ARRIVAL_H
#define DC_UI_TEXT_ARRIVAL_H

/* clang-format off */
#define DC_TEXT_LIST_ARRIVAL(X)                                                                    \
    X(ARRIVAL_READ, "他の端末の運搬の控えを読み込みました", "Read another terminal's transport receipt") \
    X(ARRIVAL_SCAN_ITEMS, "届いた書類・媒体のラベルを1件ずつスキャンしてください。",                   \
      "Scan the label of each item that arrived.")                                                 \
    X(ARRIVAL_ON_RECEIPT, "控えの品目", "items on the receipt:")                       \
    X(ARRIVAL_FROM, "運搬元", "From")                                                              \
    X(ARRIVAL_CLOSE_READ, "受領の控えを読み込みました", "Read the arrival receipt")                \
    X(ARRIVAL_RECEIVER, "受取人", "Received by")                                                   \
    X(ARRIVAL_AT, "受領端末", "Received at")                                                       \
    X(ARRIVAL_DONE_BEFORE, "件は受領済み", "already received")                                     \
    X(ARRIVAL_NO_LIST, "この控えには受領できる品目がありません。運搬の控え、または受領の控えをスキャンしてください。", \
      "This receipt lists nothing to receive. Scan a transport receipt or an arrival receipt.")    \
    X(ARRIVAL_MIXED, "別の運搬の品目がカートにあります。1回の受領は1つの運搬の品目だけです。先に記録するか中止してください。", \
      "The cart holds items of another transport. One arrival takes one transport's items: "      \
      "record them first, or cancel.")                                                             \
    X(ARRIVAL_AGAIN, "この控えは読み込み済みです", "This receipt is already read")                 \
    X(RECEIPT_NOTHING_HERE, "この控えから、この業務で読み込める書類・媒体はありません。", \
      "This receipt brings no item for this task.")                                               \
    X(ARRIVAL_NONE_ADDED, "控えの品目を読み込めませんでした", "No item could be read from the receipt")
/* clang-format on */

#endif
