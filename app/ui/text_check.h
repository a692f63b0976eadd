/* The kiosk's texts for the monthly check: inventory, anomalies, seal, summary, export: X(key,
 * japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_CHECK_H
#define DC_UI_TEXT_CHECK_H

#define DC_TEXT_LIST_CHECK(X)

#endif
