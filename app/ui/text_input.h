/* The kiosk's texts for the kana keyboard, kana-kanji conversion and free text on closed lists:
 * X(key, japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_INPUT_H
#define DC_UI_TEXT_INPUT_H

#define DC_TEXT_LIST_INPUT(X)

#endif
