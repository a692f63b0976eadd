/* The kiosk's texts for the counter flows: cart, form, approval, confirmation, result, home
 * (scr_flow.c, scr_home.c): X(key, japanese, english), as in text.h. */
#ifndef DC_UI_TEXT_FLOW_H
#define DC_UI_TEXT_FLOW_H

#define DC_TEXT_LIST_FLOW(X)

#endif
