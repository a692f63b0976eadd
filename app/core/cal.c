#include "core/cal.h"

#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int64_t dc_cal_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void dc_cal_civil_from_days(int64_t days, int *y, int *m, int *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool dc_cal_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int dc_cal_days_in_month(int y, int m)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return mdays[m - 1] + (m == 2 && dc_cal_leap(y));
}

int dc_cal_weekday(int64_t days)
{
    int64_t r = (days + 3) % 7;
    return (int)(r < 0 ? r + 7 : r);
}

int64_t dc_cal_local_day(int64_t ts_ms, int32_t tz_min, int *minute_of_day)
{
    int64_t local = ts_ms + (int64_t)tz_min * 60000;
    int64_t day = floor_div(local, DC_CAL_DAY_MS);
    if (minute_of_day)
        *minute_of_day = (int)((local - day * DC_CAL_DAY_MS) / 60000);
    return day;
}

void dc_cal_month_range(int y, int m, int32_t tz_min, int64_t *from_ms, int64_t *to_ms)
{
    int64_t off = (int64_t)tz_min * 60000;
    *from_ms = dc_cal_days_from_civil(y, m, 1) * DC_CAL_DAY_MS - off;
    *to_ms =
        dc_cal_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * DC_CAL_DAY_MS - off;
}

static bool two_digits(const char *s, int *out)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    *out = (s[0] - '0') * 10 + (s[1] - '0');
    return true;
}

bool dc_cal_hours_parse(const char *s, int *from_min, int *to_min)
{
    int h1, m1, h2, m2;
    if (!s || strlen(s) != 11 || s[2] != ':' || s[5] != '-' || s[8] != ':' || !two_digits(s, &h1) ||
        !two_digits(s + 3, &m1) || !two_digits(s + 6, &h2) || !two_digits(s + 9, &m2))
        return false;
    int from = h1 * 60 + m1, to = h2 * 60 + m2;
    if (m1 > 59 || m2 > 59 || from >= to || to > 24 * 60)
        return false;
    if (from_min)
        *from_min = from;
    if (to_min)
        *to_min = to;
    return true;
}
