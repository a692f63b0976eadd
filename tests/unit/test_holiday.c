/* core/holiday.h by the law's cases: each kind of holiday in its period, the substitute rules
 * before and after 2007, 国民の休日, the Games' moves, the one-day holidays, the edges of the years
 * it knows and working days. (Every day of 1955-2099 against python3-holidays is
 * tests/cli/test_holidays.sh.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/cal.h"
#include "core/holiday.h"

static void is(int y, int m, int d, const char *ja)
{
    const char *got = dc_holiday_name(y, m, d, DC_LANG_JA);
    if (!got || strcmp(got, ja) != 0)
        fail_msg("%04d-%02d-%02d: got %s, want %s", y, m, d, got ? got : "(none)", ja);
}

static void not(int y, int m, int d)
{
    const char *got = dc_holiday_name(y, m, d, DC_LANG_JA);
    if (got)
        fail_msg("%04d-%02d-%02d: got %s, want no holiday", y, m, d, got);
}

static void test_periods(void **state)
{
    (void)state;
    is(1960, 1, 15, "成人の日");
    is(2000, 1, 10, "成人の日"); /* the second Monday from 2000 */
    not(2000, 1, 15);
    not(1966, 2, 11);
    is(1967, 2, 11, "建国記念の日");
    is(1988, 4, 29, "天皇誕生日");
    is(1989, 4, 29, "みどりの日");
    is(2007, 4, 29, "昭和の日");
    is(2007, 5, 4, "みどりの日");
    is(1989, 12, 23, "天皇誕生日");
    not(2019, 12, 23);
    not(2019, 2, 23);
    is(2020, 2, 23, "天皇誕生日");
    not(1995, 7, 20);
    is(1996, 7, 20, "海の日");
    is(2003, 7, 21, "海の日");
    not(2015, 8, 11);
    is(2016, 8, 11, "山の日");
    not(1965, 9, 15);
    is(1966, 9, 15, "敬老の日");
    is(2003, 9, 15, "敬老の日");
    is(1999, 10, 10, "体育の日");
    is(2019, 10, 14, "体育の日");
    is(2022, 10, 10, "スポーツの日");
    /* The equinoxes of the observatory's announcements. */
    is(1960, 3, 20, "春分の日");
    is(2026, 3, 20, "春分の日");
    is(2026, 9, 23, "秋分の日");
    is(2012, 9, 22, "秋分の日");
}

static void test_added_days(void **state)
{
    (void)state;
    not(1973, 4, 9); /* before the amendment of 1973-04-12 */
    is(1973, 4, 30, "振替休日");
    is(2006, 1, 2, "振替休日");
    /* Before 2007 only the Monday; from 2007 the next day that is not a holiday. */
    not(2003, 5, 6);            /* 5/4 was a Sunday, 5/5 a holiday: nothing more */
    is(2008, 5, 6, "振替休日"); /* 5/4 Sunday */
    is(2026, 5, 6, "振替休日"); /* 5/3 Sunday */
    not(1985, 5, 4);
    is(1988, 5, 4, "国民の休日");
    is(2009, 9, 22, "国民の休日");
    is(2026, 9, 22, "国民の休日");
    is(2019, 4, 30, "国民の休日");
    is(2019, 5, 2, "国民の休日");
    is(2019, 5, 1, "天皇の即位の日");
    is(2019, 10, 22, "即位礼正殿の儀");
    is(1959, 4, 10, "皇太子明仁親王の結婚の儀");
    is(1989, 2, 24, "昭和天皇の大喪の礼");
    is(1990, 11, 12, "即位礼正殿の儀");
    is(1993, 6, 9, "皇太子徳仁親王の結婚の儀");
    /* The Games: 2020 and 2021 moved 海の日, スポーツの日 and 山の日. */
    is(2020, 7, 23, "海の日");
    is(2020, 7, 24, "スポーツの日");
    is(2020, 8, 10, "山の日");
    not(2020, 10, 12);
    is(2021, 7, 22, "海の日");
    is(2021, 7, 23, "スポーツの日");
    is(2021, 8, 8, "山の日");
    is(2021, 8, 9, "振替休日");
    not(2021, 8, 11);
}

static void test_edges_and_working_days(void **state)
{
    (void)state;
    assert_null(dc_holiday_name(1948, 1, 1, DC_LANG_JA));
    assert_null(dc_holiday_name(2100, 1, 1, DC_LANG_JA));
    assert_null(dc_holiday_name(2026, 2, 30, DC_LANG_JA));
    assert_null(dc_holiday_name(2026, 13, 1, DC_LANG_JA));
    is(2099, 1, 1, "元日");
    assert_string_equal(dc_holiday_name(2026, 11, 23, DC_LANG_EN), "Labor Thanksgiving Day");
    assert_string_equal(dc_holiday_name(2026, 9, 22, DC_LANG_EN), "Citizens' holiday");
    /* 2026-10: 31 days, 9 of them weekends and スポーツの日 on Monday the 12th. */
    int working = 0;
    for (int d = 1; d <= 31; d++)
        working += dc_cal_working_day(dc_cal_days_from_civil(2026, 10, d));
    assert_int_equal(working, 21);
    assert_false(dc_cal_working_day(dc_cal_days_from_civil(2026, 10, 12)));
    assert_true(dc_cal_working_day(dc_cal_days_from_civil(2026, 10, 13)));
    assert_true(dc_holiday_day(dc_cal_days_from_civil(2026, 1, 1)));
    assert_false(dc_holiday_day(dc_cal_days_from_civil(2026, 1, 2)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_added_days),
        cmocka_unit_test(test_edges_and_working_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
