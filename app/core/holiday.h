/* Japan's public holidays, computed by the law (国民の祝日に関する法律 as amended, and the laws of
 * single days), for the working-day and office-hours checks: the fixed days of each period, the
 * Happy Mondays (from 2000 and 2003), the equinoxes (the formula the National Astronomical
 * Observatory's announced days follow from 1900 to 2099), 振替休日 (from 1973-04-12; from 2007 the
 * next day that is not a holiday), 国民の休日 (a day between two holidays, from 1985-12-27), the
 * moves of 2020 and 2021 for the Games, and the one-day holidays of 1959, 1989, 1990, 1993 and
 * 2019. Years 1949 to 2099; pure, no tables to update but the law's next amendment. */
#ifndef DC_CORE_HOLIDAY_H
#define DC_CORE_HOLIDAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

#define DC_HOLIDAY_FIRST_YEAR 1949
#define DC_HOLIDAY_LAST_YEAR 2099

/* The holiday's name on the civil date y-m-d, or NULL when it is not a holiday (or outside the
 * years above). */
const char *dc_holiday_name(int y, int m, int d, dc_lang_t lang);

/* A day number (days since 1970-01-01, core/cal.h) that is a holiday. */
bool dc_holiday_day(int64_t days);

/* Monday to Friday and not a holiday: the days an office is open. */
bool dc_cal_working_day(int64_t days);

#endif
