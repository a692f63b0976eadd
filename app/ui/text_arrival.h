/* The kiosk's texts for arrival at another terminal and the receipts that carry it: X(key,
 * japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_ARRIVAL_H
#define DC_UI_TEXT_ARRIVAL_H

#define DC_TEXT_LIST_ARRIVAL(X)

#endif
