/* The kiosk's texts for the kana keyboard, kana-kanji conversion and free text on closed lists:
 * X(key, japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_INPUT_H
#define DC_UI_TEXT_INPUT_H

/* clang-format off */
#define DC_TEXT_LIST_INPUT(X) \
    X(IN_CONVERT, "変換", "Convert") \
    X(IN_KATAKANA, "カタカナ", "Katakana") \
    X(IN_HIRAGANA, "ひらがな", "Hiragana") \
    X(IN_SEG_PREV, "←文節", "← Part") \
    X(IN_SEG_NEXT, "文節→", "Part →") \
    X(IN_SEG_SHORTER, "文節を短く", "Shorter") \
    X(IN_SEG_LONGER, "文節を長く", "Longer") \
    X(IN_MORE, "次の候補", "More") \
    X(IN_UNCONVERT, "かなに戻す", "Undo") \
    X(IN_HINT, "ひらがなで読みを入れて「変換」を押すと漢字になります", \
      "Type the reading in hiragana and press Convert for kanji") \
    X(IN_CHOOSE_PRE, "「", "Choose the word for \"") \
    X(IN_CHOOSE_POST, "」の候補を選んでください", "\"") \
    X(IN_FULL, "これ以上入力できません", "No more can be typed here") \
    X(IN_NAME, "氏名", "Name") \
    X(IN_READING, "フリガナ", "Reading") \
    X(IN_OTHER, "その他(入力)", "Other (type)") \
    X(IN_NO_IME, "漢字変換が使えません。ひらがな・カタカナで入力できます", \
      "Kanji conversion is not available. Hiragana and katakana can be typed")
/* clang-format on */

#endif
