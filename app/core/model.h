/* The nouns of the ledger: roles, media kinds, item states, event types, disposal methods,
 * and the staff and item records the rules look at. Pure data, no I/O. */
#ifndef DC_CORE_MODEL_H
#define DC_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DC_CODE_MAX 24   /* label and badge codes, NUL included */
#define DC_SHORT_MAX 128 /* names, places, purposes: bytes, NUL included */
#define DC_LONG_MAX 512  /* titles, notes, details */
#define DC_DATE_MAX 11   /* YYYY-MM-DD */

typedef enum { DC_ROLE_STAFF, DC_ROLE_MANAGER, DC_ROLE_ADMIN, DC_ROLE__COUNT } dc_role_t;

typedef enum {
    DC_KIND_PAPER,
    DC_KIND_CD,
    DC_KIND_DVD,
    DC_KIND_USB,
    DC_KIND_HDD,
    DC_KIND_SD,
    DC_KIND_OTHER,
    DC_KIND__COUNT
} dc_kind_t;

/* 情報資産目録 categories; the kiosk handles the physical ones (paper and recording media). */
typedef enum {
    DC_CAT_PAPER,
    DC_CAT_MEDIA,
    DC_CAT_DATA,
    DC_CAT_HARDWARE,
    DC_CAT_SOFTWARE,
    DC_CAT__COUNT
} dc_category_t;

typedef enum {
    DC_STATE_NONE, /* not registered */
    DC_STATE_IN,
    DC_STATE_OUT,
    DC_STATE_TRANSIT,
    DC_STATE_DISPOSED,
    DC_STATE_RETIRED, /* its label was replaced (relabel); holder names the new code */
    DC_STATE__COUNT
} dc_state_t;

typedef enum {
    DC_EV_REGISTER,
    DC_EV_TAKE_OUT,
    DC_EV_RETURN,
    DC_EV_COPY,
    DC_EV_TRANSPORT,
    DC_EV_RECEIVE,
    DC_EV_DISPOSE,
    DC_EV_ENROLL,
    DC_EV_RELEASE,
    DC_EV_LOGIN,
    DC_EV_LOGIN_FAILED,
    DC_EV_MONTHLY_CHECK,
    DC_EV_REPRINT,    /* a receipt printed again; link_seq names the event it proves */
    DC_EV_SETTING,    /* a terminal setting changed: purpose holds the key, detail the value */
    DC_EV_REFUSED,    /* an attempt the rules refused: purpose holds the attempted type, detail the
                       * reason code; kept so the monthly check can show it */
    DC_EV_CORRECTION, /* corrects the fields of the record link_seq names: the new values in
                       * this event's own fields, detail the reason, second the manager */
    DC_EV_RELABEL,    /* item gets the new label dest_item; the old code is retired */
    DC_EV_EXPORT,     /* a ledger written out of the terminal: purpose what (form and month),
                       * to_place where, detail the format */
    DC_EV_UNLOCK,     /* a manager unlocked subject's badge after wrong PINs; detail the count */
    DC_EV_ENROL_CODE, /* an administrator issued subject a one-time enrolment code (the code is
                       * never in the log); detail when it expires */
    DC_EV_RENAME, /* the item's title (書類名・ファイル名) becomes title; detail the reason,
                   * second the approving manager; the history keeps the old one */
    DC_EV_PIN_RESET, /* a manager or administrator cleared subject's forgotten PIN: the person
                      * chooses a new one under a fresh enrolment code; detail when it expires */
    DC_EV_ARRIVAL,   /* an item of another terminal arrived here: item its code (not this
                      * ledger's own item: no state here), link_seq the transport's seq and
                      * from_place the terminal id on that terminal's signed receipt, which
                      * detail keeps; actor the receiver, to_place where it was received */
    DC_EV__COUNT
} dc_evtype_t;

/* NIST SP 800-88 sanitisation categories. */
typedef enum {
    DC_METHOD_NONE,
    DC_METHOD_CLEAR,
    DC_METHOD_PURGE,
    DC_METHOD_DESTROY,
    DC_METHOD__COUNT
} dc_method_t;

/* What a disposal technique works on: the physics of the medium, not its label. A mixed cart
 * is asked its method and technique once per group present in it. */
typedef enum {
    DC_DGROUP_PAPER,    /* paper */
    DC_DGROUP_OPTICAL,  /* CD-R, DVD-R */
    DC_DGROUP_MAGNETIC, /* external HDD */
    DC_DGROUP_FLASH,    /* USB memory, SD card */
    DC_DGROUP_OTHER,
    DC_DGROUP__COUNT
} dc_dgroup_t;

/* A disposal technique the ledger knows (seed 003 ch.4: paper shredded, dissolved or burned;
 * media physically destroyed, degaussed or logically erased), with its NIST SP 800-88 category
 * and the groups it works on. name is what the ledger records (Japanese). */
typedef struct {
    const char *name;
    const char *label_en;
    dc_method_t method;
    unsigned groups; /* bit (1u << dc_dgroup_t) for each group it fits */
} dc_technique_t;

typedef enum { DC_CHANNEL_KIOSK, DC_CHANNEL_CLI, DC_CHANNEL__COUNT } dc_channel_t;

/* A person as the rules see them (様式7 roster entry). */
typedef struct {
    char badge[DC_CODE_MAX];
    char name[DC_SHORT_MAX];
    char kana[DC_SHORT_MAX];
    char section[DC_SHORT_MAX];
    dc_role_t role;
    char designated[DC_DATE_MAX];
    char released[DC_DATE_MAX]; /* "" while designated */
} dc_staff_t;

/* An item as the rules see it (様式1 inventory entry plus its derived state). */
typedef struct {
    char code[DC_CODE_MAX];
    dc_category_t category;
    dc_kind_t kind;
    char title[DC_LONG_MAX];
    char place[DC_SHORT_MAX];   /* home storage place */
    char section[DC_SHORT_MAX]; /* owner section */
    bool personal;
    bool my_number;
    char notes[DC_LONG_MAX];
    dc_state_t state;
    int64_t state_seq;        /* the event that put it in this state */
    char holder[DC_CODE_MAX]; /* who has it while out or in transit */
} dc_item_t;

/* Stable ASCII names (used in the database, the CLI and CSV) and labels for screens. */
const char *dc_role_name(dc_role_t r);
const char *dc_kind_name(dc_kind_t k);
const char *dc_category_name(dc_category_t c);
const char *dc_state_name(dc_state_t s);
const char *dc_evtype_name(dc_evtype_t t);
const char *dc_method_name(dc_method_t m);
const char *dc_channel_name(dc_channel_t c);

const char *dc_role_label(dc_role_t r, dc_lang_t lang);
const char *dc_kind_label(dc_kind_t k, dc_lang_t lang);
const char *dc_category_label(dc_category_t c, dc_lang_t lang);
const char *dc_state_label(dc_state_t s, dc_lang_t lang);
const char *dc_evtype_label(dc_evtype_t t, dc_lang_t lang);
const char *dc_method_label(dc_method_t m, dc_lang_t lang);

/* Parse a stable name; false when it names nothing. */
bool dc_role_parse(const char *s, dc_role_t *out);
bool dc_kind_parse(const char *s, dc_kind_t *out);
bool dc_category_parse(const char *s, dc_category_t *out);
bool dc_state_parse(const char *s, dc_state_t *out);
bool dc_evtype_parse(const char *s, dc_evtype_t *out);
bool dc_method_parse(const char *s, dc_method_t *out);
bool dc_channel_parse(const char *s, dc_channel_t *out);

/* Settings an office changes (each change is a setting event; the value lives in meta too).
 * Lists are written with "|" between their entries. NULL-terminated. */
extern const char *const dc_setting_keys[];
bool dc_setting_known(const char *key);
/* True when value is one the setting can take: idle_seconds (and idle_second_seconds,
 * idle_inventory_seconds: the longer waits for a second person and an inventory) 10..3600,
 * support_contact up to 100 bytes, overdue_days 1..3650,
 * office_hours "HH:MM-HH:MM", printers "escpos:PATH", "ql:PATH" or "png:PATH", papers by name;
 * names are not empty; lists are any text. */
bool dc_setting_valid(const char *key, const char *value);

/* The disposal group of a media kind, and its label for screens and messages. */
dc_dgroup_t dc_kind_dgroup(dc_kind_t k);
const char *dc_dgroup_label(dc_dgroup_t g, dc_lang_t lang);
/* Its stable name (paper, optical, magnetic, flash, other): the CLI's --technique-NAME. */
const char *dc_dgroup_name(dc_dgroup_t g);
/* The known technique named name (its Japanese name or its English label); NULL for an
 * office's own wording, which the rules cannot judge. */
const dc_technique_t *dc_technique_find(const char *name);
/* True when t works on items of group g. */
bool dc_technique_fits(const dc_technique_t *t, dc_dgroup_t g);
/* The known techniques that fit group g, in the order offered; returns how many (<= cap). */
int dc_techniques_for(dc_dgroup_t g, const dc_technique_t **out, int cap);
/* True for a disposal certificate number as contractors write them: 1 to 40 letters, digits,
 * '-' and '/', with at least one letter or digit (HK-2026-10-033, 2026/10-7). */
bool dc_certificate_ok(const char *s);

/* The category a media kind belongs to. */
dc_category_t dc_kind_category(dc_kind_t k);

/* True when s is valid UTF-8 with no control characters and fits in cap bytes with its NUL. */
bool dc_text_ok(const char *s, size_t cap);
/* True when s is a real calendar date written YYYY-MM-DD. */
bool dc_date_ok(const char *s);
/* Copy src into dst[cap] for storing it: false when it does not fit, and a caller that keeps
 * data refuses then (DC_E_TOO_LONG) rather than store less than it was given. Even so, dst then
 * holds src cut at a character boundary with "…" (dc_text_fit, core/text.h), never an empty or
 * broken string. For text that is only shown, call dc_text_fit. */
bool dc_copy(char *dst, size_t cap, const char *src);

#endif
