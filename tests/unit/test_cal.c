/* core/cal.h: the one calendar (civil dates and day numbers, weekdays, months at an offset) and
 * the one reading of office hours, which the settings check and the monthly check share. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/cal.h"
#include "core/model.h"

static void test_known_days(void **state)
{
    (void)state;
    assert_int_equal(dc_cal_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(dc_cal_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(dc_cal_days_from_civil(2026, 10, 1), 20727);
    assert_int_equal(dc_cal_weekday(20727), 3); /* 2026-10-01: a Thursday */
    assert_int_equal(dc_cal_weekday(0), 3);     /* 1970-01-01: a Thursday */
    assert_int_equal(dc_cal_weekday(-1), 2);    /* 1969-12-31: a Wednesday */
}

/* Every day from 1900 to 2100 goes to its date and back, one after another. */
static void test_round_trip(void **state)
{
    (void)state;
    int64_t first = dc_cal_days_from_civil(1900, 1, 1), last = dc_cal_days_from_civil(2100, 12, 31);
    int py = 1899, pm = 12, pd = 31;
    for (int64_t day = first; day <= last; day++) {
        int y, m, d;
        dc_cal_civil_from_days(day, &y, &m, &d);
        assert_int_equal(dc_cal_days_from_civil(y, m, d), day);
        bool next_day = y == py && m == pm && d == pd + 1;
        bool next_month = y == py && m == pm + 1 && d == 1 && pd == dc_cal_days_in_month(py, pm);
        bool next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
        assert_true(next_day || next_month || next_year);
        py = y, pm = m, pd = d;
    }
}

static void test_months(void **state)
{
    (void)state;
    assert_int_equal(dc_cal_days_in_month(2024, 2), 29);
    assert_int_equal(dc_cal_days_in_month(2026, 2), 28);
    assert_int_equal(dc_cal_days_in_month(2000, 2), 29);
    assert_int_equal(dc_cal_days_in_month(1900, 2), 28);
    assert_int_equal(dc_cal_days_in_month(2026, 12), 31);
    assert_int_equal(dc_cal_days_in_month(2026, 13), 0);
    assert_true(dc_date_ok("2024-02-29"));
    assert_false(dc_date_ok("2026-02-29"));
    assert_false(dc_date_ok("2026-04-31"));
    int64_t from, to;
    /* October 2026 at +09:00: from 2026-09-30T15:00Z to 2026-10-31T15:00Z. */
    dc_cal_month_range(2026, 10, 540, &from, &to);
    assert_int_equal(from, INT64_C(1790780400000));
    assert_int_equal(to, INT64_C(1793458800000));
    dc_cal_month_range(2026, 12, 540, &from, &to);
    assert_int_equal(to - from, 31 * DC_CAL_DAY_MS);
    int minute;
    assert_int_equal(dc_cal_local_day(from, 540, &minute), dc_cal_days_from_civil(2026, 12, 1));
    assert_int_equal(minute, 0);
    assert_int_equal(dc_cal_local_day(from - 60000, 540, &minute),
                     dc_cal_days_from_civil(2026, 11, 30));
    assert_int_equal(minute, 24 * 60 - 1);
    assert_int_equal(dc_cal_local_day(-1, 0, &minute), -1); /* before 1970 too */
    assert_int_equal(minute, 24 * 60 - 1);
}

typedef struct {
    const char *s;
    bool ok;
    int from, to;
} hours_case_t;

static const hours_case_t hours[] = {
    {"08:30-17:15", true, 510, 1035}, {"00:00-24:00", true, 0, 1440},
    {"09:00-09:01", true, 540, 541},  {"8:30-17:15", false, 0, 0},
    {"08:30-17:15x", false, 0, 0},    {"08:30 17:15", false, 0, 0},
    {"08:60-17:15", false, 0, 0},     {"08:30-24:01", false, 0, 0},
    {"17:00-08:00", false, 0, 0},     {"08:30-08:30", false, 0, 0},
    {"+8:30-17:15", false, 0, 0},     {"", false, 0, 0},
};

/* One reading of office hours: the setting is accepted exactly when the check can use it. */
static void test_hours(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof hours / sizeof hours[0]; i++) {
        int from = -1, to = -1;
        bool ok = dc_cal_hours_parse(hours[i].s, &from, &to);
        if (ok != hours[i].ok || (ok && (from != hours[i].from || to != hours[i].to)))
            fail_msg("case %zu: %s -> %d %d-%d", i, hours[i].s, ok, from, to);
        assert_int_equal(dc_setting_valid("office_hours", hours[i].s), hours[i].ok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_days),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_hours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
