/* The fields of the paper forms as the kiosk asks for them: which ones each flow needs, their
 * choices, and how they show. The values live in the flow's form (dc_event_t). */
#ifndef DC_UI_FIELDS_H
#define DC_UI_FIELDS_H

#include "ui/ui.h"

/* CODE: letters, digits, '-' and '/' from an on-screen keyboard (certificate numbers);
 * TEXT: the kana keyboard (a new item's title). */
typedef enum {
    DC_FK_LIST,
    DC_FK_DATE,
    DC_FK_NUMBER,
    DC_FK_TOGGLE,
    DC_FK_CODE,
    DC_FK_TEXT
} dc_field_kind_t;

#define DC_FORM_FIELDS_MAX 16

#define DC_FIELD_MAX_OPTIONS 12

/* Read the office's configured lists from the ledger's settings (at the start of a flow). */
void dc_fields_load(dc_ui_t *ui);

/* The built-in choices of a list field in Japanese (as the ledger keeps them), offered when an
 * office writes its own list; returns how many (at most cap). */
int dc_field_defaults(dc_field_t f, const char **out, int cap);

dc_field_kind_t dc_field_kind(dc_field_t f);
dc_text_t dc_field_label(dc_field_t f);
/* The label in the current language: a disposal's per-kind fields name their kind when the
 * cart holds more than one ("廃棄手段(紙媒体)"). */
void dc_field_name(dc_ui_t *ui, dc_field_t f, char *out, size_t cap);
/* The fields the flow under way asks for, in order; returns how many (a disposal: method and
 * technique for each group of media in the cart, then the certificate). */
int dc_form_fields(dc_ui_t *ui, dc_field_t out[DC_FORM_FIELDS_MAX]);
/* The names of the required fields still not set, joined with "、" ("" when none). */
void dc_form_missing(dc_ui_t *ui, char *out, size_t cap);
/* True for a disposal's per-kind field while the cart holds more than one kind: the summary
 * then shows each item's own method and technique (dc_disposal_show) instead. */
bool dc_field_per_kind(dc_ui_t *ui, dc_field_t f);
/* The method and technique an item of the disposal under way is given
 * ("破壊(Destroy)・溶解処理"). */
void dc_disposal_show(dc_ui_t *ui, const dc_item_t *it, char *out, size_t cap);
/* Forget that the form showed a missing-field message (a session or a flow ended). */
void dc_ui_form_reset(dc_ui_t *ui);
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
