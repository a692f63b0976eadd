/* The fields of the paper forms as the kiosk asks for them: which ones each flow needs, their
 * choices, and how they show. The values live in the flow's form (dc_event_t). */
#ifndef DC_UI_FIELDS_H
#define DC_UI_FIELDS_H

#include "ui/ui.h"

typedef enum { DC_FK_LIST, DC_FK_DATE, DC_FK_NUMBER, DC_FK_TOGGLE } dc_field_kind_t;

#define DC_FIELD_MAX_OPTIONS 12

/* Read the office's configured lists from the ledger's settings (at the start of a flow). */
void dc_fields_load(dc_ui_t *ui);

/* The built-in choices of a list field in Japanese (as the ledger keeps them), offered when an
 * office writes its own list; returns how many (at most cap). */
int dc_field_defaults(dc_field_t f, const char **out, int cap);

dc_field_kind_t dc_field_kind(dc_field_t f);
dc_text_t dc_field_label(dc_field_t f);
/* The fields a flow asks for, in order; returns how many. */
int dc_flow_fields(dc_evtype_t type, dc_field_t out[8]);
/* The value as shown, in the current language ("未選択" when not set). */
void dc_field_show(dc_ui_t *ui, dc_field_t f, char *out, size_t cap);
/* True when a required field has a value (toggles always have one). */
bool dc_field_done(dc_ui_t *ui, dc_field_t f);
/* The choices of a list field, in the current language; returns how many. */
int dc_field_options(dc_ui_t *ui, dc_field_t f, const char **out);
/* Which choice is set now, or -1. */
int dc_field_selected(dc_ui_t *ui, dc_field_t f);
void dc_field_choose(dc_ui_t *ui, dc_field_t f, int index);
void dc_field_toggle(dc_ui_t *ui, dc_field_t f);

#endif
