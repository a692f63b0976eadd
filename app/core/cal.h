/* Calendar arithmetic in one place (proleptic Gregorian, days counted from 1970-01-01), and the
 * office hours setting, which the settings check and the monthly check both read. Pure: no
 * clock, no time zone database; an offset in minutes is all a terminal has. */
#ifndef DC_CORE_CAL_H
#define DC_CORE_CAL_H

#include <stdbool.h>
#include <stdint.h>

#define DC_CAL_DAY_MS INT64_C(86400000)

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms). */
int64_t dc_cal_days_from_civil(int y, int m, int d);
void dc_cal_civil_from_days(int64_t days, int *y, int *m, int *d);
bool dc_cal_leap(int y);
/* Days in month m (1-12) of year y; 0 for a month that does not exist. */
int dc_cal_days_in_month(int y, int m);
/* Monday = 0 ... Sunday = 6 of a day number (1970-01-01 was a Thursday). */
int dc_cal_weekday(int64_t days);
/* The local day number of an instant at a terminal offset, and the minute of that day. */
int64_t dc_cal_local_day(int64_t ts_ms, int32_t tz_min, int *minute_of_day);
/* The first instant of month m of year y at the offset, and of the month after. */
void dc_cal_month_range(int y, int m, int32_t tz_min, int64_t *from_ms, int64_t *to_ms);

/* Office hours "HH:MM-HH:MM": two digits each, minutes below 60, the start before the end, the
 * end at most 24:00. The minutes of the day they start and end (to is exclusive). */
bool dc_cal_hours_parse(const char *s, int *from_min, int *to_min);

#endif
