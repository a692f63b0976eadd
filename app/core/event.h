/* An event of the ledger: what happened, to what, by whom, with the fields the paper forms
 * (様式2, 様式8, 様式10) need. Every field is also a column of the events table; the table of
 * fields below is the one place that names them, in the order the canonical encoding uses. */
#ifndef DC_CORE_EVENT_H
#define DC_CORE_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"

typedef struct {
    int64_t seq;       /* 1, 2, 3... assigned by the store on append */
    int64_t group_seq; /* the first seq of the batch this event was committed with */
    dc_evtype_t type;
    int64_t ts_ms;  /* wall clock, milliseconds since 1970 UTC */
    int32_t tz_min; /* the terminal's UTC offset then, in minutes (540 for JST) */
    char terminal[DC_SHORT_MAX];
    dc_channel_t channel;
    char actor[DC_CODE_MAX];  /* who did it */
    char second[DC_CODE_MAX]; /* approver, return confirmer or disposal witness */
    char item[DC_CODE_MAX];
    char subject[DC_CODE_MAX]; /* the staff member enrolled or released */
    int64_t link_seq;          /* return -> take-out, receive -> transport; 0 = none */
    char purpose[DC_SHORT_MAX];
    char from_place[DC_SHORT_MAX];
    char to_place[DC_SHORT_MAX]; /* destination */
    char due[DC_DATE_MAX];       /* expected return date */
    dc_method_t method;
    char technique[DC_SHORT_MAX];
    char certificate[DC_SHORT_MAX];
    bool masked;
    int64_t quantity;
    char carrier[DC_CODE_MAX];
    bool locked_bag;
    char recipient[DC_SHORT_MAX];
    char dest_item[DC_CODE_MAX]; /* the medium a copy was written to */
    /* register: the item's inventory entry */
    dc_kind_t kind;
    dc_category_t category;
    char title[DC_LONG_MAX];
    char place[DC_SHORT_MAX];
    char section[DC_SHORT_MAX];
    bool personal;
    bool my_number;
    char notes[DC_LONG_MAX];
    /* enroll: the roster entry */
    char name[DC_SHORT_MAX];
    char kana[DC_SHORT_MAX];
    dc_role_t role;
    char designated[DC_DATE_MAX];
    char detail[DC_LONG_MAX]; /* free text: monthly check figures, failed-login reason... */
    uint8_t prev_hash[32];
    uint8_t hash[32];
    /* Not stored: the reading of the clock dc_desk_stamp put in ts_ms. While ts_ms still holds
     * it (nobody dated the event on purpose), the store takes ts_ms again from its clock inside
     * the write transaction (dc_store_set_clock), so that across programs the time stamps
     * follow the chain. 0: the event is dated by its maker. */
    int64_t stamped_ms;
} dc_event_t;

/* One field as stored: an integer or a text. */
typedef struct {
    bool is_int;
    int64_t i;
    const char *s; /* points into the event or the database row; never NULL for text */
} dc_value_t;

/* X(column, is_int) in canonical order. */
/* clang-format off */
#define DC_EVENT_FIELDS(X) \
    X(seq, 1) \
    X(group_seq, 1) \
    X(type, 0) \
    X(ts_ms, 1) \
    X(tz_min, 1) \
    X(terminal, 0) \
    X(channel, 0) \
    X(actor, 0) \
    X(second, 0) \
    X(item, 0) \
    X(subject, 0) \
    X(link_seq, 1) \
    X(purpose, 0) \
    X(from_place, 0) \
    X(to_place, 0) \
    X(due, 0) \
    X(method, 0) \
    X(technique, 0) \
    X(certificate, 0) \
    X(masked, 1) \
    X(quantity, 1) \
    X(carrier, 0) \
    X(locked_bag, 1) \
    X(recipient, 0) \
    X(dest_item, 0) \
    X(kind, 0) \
    X(category, 0) \
    X(title, 0) \
    X(place, 0) \
    X(section, 0) \
    X(personal, 1) \
    X(my_number, 1) \
    X(notes, 0) \
    X(name, 0) \
    X(kana, 0) \
    X(role, 0) \
    X(designated, 0) \
    X(detail, 0)
/* clang-format on */

enum {
#define DC_X(col, is_int) DC_F_##col,
    DC_EVENT_FIELDS(DC_X)
#undef DC_X
        DC_EVENT_NFIELDS
};

extern const char *const dc_event_columns[DC_EVENT_NFIELDS];

/* A zeroed event of the given type. */
void dc_event_init(dc_event_t *ev, dc_evtype_t type);

/* The stored values of ev, pointing into ev. Enumerations are written by name, and only for the
 * events they belong to (kind for register, role for enroll, method for dispose). */
void dc_event_values(const dc_event_t *ev, dc_value_t out[DC_EVENT_NFIELDS]);

/* Rebuild an event from stored values (text is copied). DC_E_VERIFY_FAILED when a value cannot
 * have been written by dc_event_values (unknown name, text too long). */
DC_WUR dc_err_t dc_event_from_values(const dc_value_t v[DC_EVENT_NFIELDS], dc_event_t *ev);

/* Check the text fields are valid UTF-8 without control characters and dates are dates. */
DC_WUR dc_err_t dc_event_check_text(const dc_event_t *ev);

/* Local calendar date (YYYY-MM-DD) and time (HH:MM) of the event at its own UTC offset. */
void dc_event_local_date(int64_t ts_ms, int32_t tz_min, char out[DC_DATE_MAX]);
void dc_event_local_time(int64_t ts_ms, int32_t tz_min, char out[6]);
/* YYYY-MM of the event at its own offset. */
void dc_event_local_month(int64_t ts_ms, int32_t tz_min, char out[8]);

#endif
