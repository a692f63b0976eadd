#include "core/event.h"

#include "core/cal.h"

#include <string.h>

const char *const dc_event_columns[DC_EVENT_NFIELDS] = {
#define DC_X(col, is_int) #col,
    DC_EVENT_FIELDS(DC_X)
#undef DC_X
};

void dc_event_init(dc_event_t *ev, dc_evtype_t type)
{
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    ev->tz_min = 540;
}

static dc_value_t vi(int64_t i)
{
    return (dc_value_t){.is_int = true, .i = i, .s = NULL};
}

static dc_value_t vs(const char *s)
{
    return (dc_value_t){.is_int = false, .i = 0, .s = s};
}

void dc_event_values(const dc_event_t *ev, dc_value_t v[DC_EVENT_NFIELDS])
{
    bool reg = ev->type == DC_EV_REGISTER;
    v[DC_F_seq] = vi(ev->seq);
    v[DC_F_group_seq] = vi(ev->group_seq);
    v[DC_F_type] = vs(dc_evtype_name(ev->type));
    v[DC_F_ts_ms] = vi(ev->ts_ms);
    v[DC_F_tz_min] = vi(ev->tz_min);
    v[DC_F_terminal] = vs(ev->terminal);
    v[DC_F_channel] = vs(dc_channel_name(ev->channel));
    v[DC_F_actor] = vs(ev->actor);
    v[DC_F_second] = vs(ev->second);
    v[DC_F_item] = vs(ev->item);
    v[DC_F_subject] = vs(ev->subject);
    v[DC_F_link_seq] = vi(ev->link_seq);
    v[DC_F_purpose] = vs(ev->purpose);
    v[DC_F_from_place] = vs(ev->from_place);
    v[DC_F_to_place] = vs(ev->to_place);
    v[DC_F_due] = vs(ev->due);
    v[DC_F_method] = vs(ev->type == DC_EV_DISPOSE ? dc_method_name(ev->method) : "");
    v[DC_F_technique] = vs(ev->technique);
    v[DC_F_certificate] = vs(ev->certificate);
    v[DC_F_masked] = vi(ev->masked);
    v[DC_F_quantity] = vi(ev->quantity);
    v[DC_F_carrier] = vs(ev->carrier);
    v[DC_F_locked_bag] = vi(ev->locked_bag);
    v[DC_F_recipient] = vs(ev->recipient);
    v[DC_F_dest_item] = vs(ev->dest_item);
    v[DC_F_kind] = vs(reg ? dc_kind_name(ev->kind) : "");
    v[DC_F_category] = vs(reg ? dc_category_name(ev->category) : "");
    v[DC_F_title] = vs(ev->title);
    v[DC_F_place] = vs(ev->place);
    v[DC_F_section] = vs(ev->section);
    v[DC_F_personal] = vi(ev->personal);
    v[DC_F_my_number] = vi(ev->my_number);
    v[DC_F_notes] = vs(ev->notes);
    v[DC_F_name] = vs(ev->name);
    v[DC_F_kana] = vs(ev->kana);
    v[DC_F_role] = vs(ev->type == DC_EV_ENROLL ? dc_role_name(ev->role) : "");
    v[DC_F_designated] = vs(ev->designated);
    v[DC_F_detail] = vs(ev->detail);
}

#define COPY(field)                                                                                \
    do {                                                                                           \
        if (!dc_copy(ev->field, sizeof ev->field, v[DC_F_##field].s))                              \
            return DC_E_VERIFY_FAILED;                                                             \
    } while (0)

static bool flag(const dc_value_t *v, bool *out)
{
    if (v->i != 0 && v->i != 1)
        return false;
    *out = v->i == 1;
    return true;
}

dc_err_t dc_event_from_values(const dc_value_t v[DC_EVENT_NFIELDS], dc_event_t *ev)
{
    static const bool ints[DC_EVENT_NFIELDS] = {
#define DC_X(col, is_int) is_int,
        DC_EVENT_FIELDS(DC_X)
#undef DC_X
    };
    for (int i = 0; i < DC_EVENT_NFIELDS; i++) {
        if (v[i].is_int != ints[i] || (!v[i].is_int && !v[i].s))
            return DC_E_VERIFY_FAILED;
    }
    dc_evtype_t type;
    if (!dc_evtype_parse(v[DC_F_type].s, &type))
        return DC_E_VERIFY_FAILED;
    /* Names of enumerations are written only for the events they belong to. */
    if ((type != DC_EV_REGISTER && (v[DC_F_kind].s[0] || v[DC_F_category].s[0])) ||
        (type != DC_EV_DISPOSE && v[DC_F_method].s[0]) ||
        (type != DC_EV_ENROLL && v[DC_F_role].s[0]))
        return DC_E_VERIFY_FAILED;
    dc_event_init(ev, type);
    ev->seq = v[DC_F_seq].i;
    ev->group_seq = v[DC_F_group_seq].i;
    ev->ts_ms = v[DC_F_ts_ms].i;
    if (v[DC_F_tz_min].i < -24 * 60 || v[DC_F_tz_min].i > 24 * 60)
        return DC_E_VERIFY_FAILED;
    ev->tz_min = (int32_t)v[DC_F_tz_min].i;
    if (!dc_channel_parse(v[DC_F_channel].s, &ev->channel))
        return DC_E_VERIFY_FAILED;
    COPY(terminal);
    COPY(actor);
    COPY(second);
    COPY(item);
    COPY(subject);
    ev->link_seq = v[DC_F_link_seq].i;
    COPY(purpose);
    COPY(from_place);
    COPY(to_place);
    COPY(due);
    if (type == DC_EV_DISPOSE && !dc_method_parse(v[DC_F_method].s, &ev->method))
        return DC_E_VERIFY_FAILED;
    COPY(technique);
    COPY(certificate);
    ev->quantity = v[DC_F_quantity].i;
    COPY(carrier);
    COPY(recipient);
    COPY(dest_item);
    if (type == DC_EV_REGISTER && (!dc_kind_parse(v[DC_F_kind].s, &ev->kind) ||
                                   !dc_category_parse(v[DC_F_category].s, &ev->category)))
        return DC_E_VERIFY_FAILED;
    COPY(title);
    COPY(place);
    COPY(section);
    COPY(notes);
    COPY(name);
    COPY(kana);
    if (type == DC_EV_ENROLL && !dc_role_parse(v[DC_F_role].s, &ev->role))
        return DC_E_VERIFY_FAILED;
    COPY(designated);
    COPY(detail);
    if (!flag(&v[DC_F_masked], &ev->masked) || !flag(&v[DC_F_locked_bag], &ev->locked_bag) ||
        !flag(&v[DC_F_personal], &ev->personal) || !flag(&v[DC_F_my_number], &ev->my_number))
        return DC_E_VERIFY_FAILED;
    return DC_E_OK;
}

dc_err_t dc_event_check_text(const dc_event_t *ev)
{
    const struct {
        const char *s;
        size_t cap;
    } texts[] = {
        {ev->terminal, sizeof ev->terminal},
        {ev->purpose, sizeof ev->purpose},
        {ev->from_place, sizeof ev->from_place},
        {ev->to_place, sizeof ev->to_place},
        {ev->technique, sizeof ev->technique},
        {ev->certificate, sizeof ev->certificate},
        {ev->recipient, sizeof ev->recipient},
        {ev->title, sizeof ev->title},
        {ev->place, sizeof ev->place},
        {ev->section, sizeof ev->section},
        {ev->notes, sizeof ev->notes},
        {ev->name, sizeof ev->name},
        {ev->kana, sizeof ev->kana},
        {ev->detail, sizeof ev->detail},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (!dc_text_ok(texts[i].s, texts[i].cap))
            return DC_E_USAGE;
    }
    if ((ev->due[0] && !dc_date_ok(ev->due)) || (ev->designated[0] && !dc_date_ok(ev->designated)))
        return DC_E_BAD_DATE;
    return DC_E_OK;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static void local_parts(int64_t ts_ms, int32_t tz_min, int *y, int *mo, int *d, int *h, int *mi)
{
    int64_t secs = floor_div(ts_ms, 1000) + (int64_t)tz_min * 60;
    int64_t days = floor_div(secs, 86400);
    int64_t rem = secs - days * 86400;
    dc_cal_civil_from_days(days, y, mo, d);
    *h = (int)(rem / 3600);
    *mi = (int)(rem % 3600 / 60);
}

/* Write v as n decimal digits (the caller keeps v in range). */
static char *digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + n;
}

void dc_event_local_date(int64_t ts_ms, int32_t tz_min, char out[DC_DATE_MAX])
{
    int y, mo, d, h, mi;
    local_parts(ts_ms, tz_min, &y, &mo, &d, &h, &mi);
    char *p = digits(out, ((y % 10000) + 10000) % 10000, 4);
    *p++ = '-';
    p = digits(p, mo, 2);
    *p++ = '-';
    p = digits(p, d, 2);
    *p = '\0';
}

void dc_event_local_time(int64_t ts_ms, int32_t tz_min, char out[6])
{
    int y, mo, d, h, mi;
    local_parts(ts_ms, tz_min, &y, &mo, &d, &h, &mi);
    char *p = digits(out, h, 2);
    *p++ = ':';
    p = digits(p, mi, 2);
    *p = '\0';
}

void dc_event_local_month(int64_t ts_ms, int32_t tz_min, char out[8])
{
    char date[DC_DATE_MAX];
    dc_event_local_date(ts_ms, tz_min, date);
    memcpy(out, date, 7);
    out[7] = '\0';
}
