/* The kiosk frame's settings and dates: the longer idle waits (a second person, an inventory)
 * and whom to call are settings like idle_seconds, checked the same way; the weekday the
 * header shows comes from core/cal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/cal.h"
#include "core/model.h"

static void test_idle_waits_known_and_bounded(void **state)
{
    (void)state;
    const char *keys[] = {"idle_seconds", "idle_second_seconds", "idle_inventory_seconds"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        assert_true(dc_setting_known(keys[i]));
        assert_true(dc_setting_valid(keys[i], "10"));
        assert_true(dc_setting_valid(keys[i], "180"));
        assert_true(dc_setting_valid(keys[i], "3600"));
        assert_false(dc_setting_valid(keys[i], "9"));
        assert_false(dc_setting_valid(keys[i], "3601"));
        assert_false(dc_setting_valid(keys[i], "ten"));
        assert_false(dc_setting_valid(keys[i], "-60"));
        assert_false(dc_setting_valid(keys[i], ""));
    }
}

static void test_support_contact(void **state)
{
    (void)state;
    assert_true(dc_setting_known("support_contact"));
    assert_true(dc_setting_valid("support_contact", "情報政策課 内線1234"));
    assert_true(dc_setting_valid("support_contact", ""));
    char long_one[128];
    memset(long_one, 'x', sizeof long_one - 1);
    long_one[sizeof long_one - 1] = '\0';
    assert_false(dc_setting_valid("support_contact", long_one));
    assert_false(dc_setting_valid("support_contact", "line\nbreak")); /* one line on screen */
}

static void test_keys_listed_once(void **state)
{
    (void)state;
    int seen[3] = {0};
    const char *want[3] = {"idle_second_seconds", "idle_inventory_seconds", "support_contact"};
    for (int i = 0; dc_setting_keys[i]; i++)
        for (int k = 0; k < 3; k++)
            seen[k] += strcmp(dc_setting_keys[i], want[k]) == 0;
    for (int k = 0; k < 3; k++)
        assert_int_equal(seen[k], 1);
}

static void test_header_weekdays(void **state)
{
    (void)state;
    /* 2026-11-02 is a Monday (月), 2026-11-08 a Sunday (日); Monday is 0. */
    assert_int_equal(dc_cal_weekday(dc_cal_days_from_civil(2026, 11, 2)), 0);
    assert_int_equal(dc_cal_weekday(dc_cal_days_from_civil(2026, 11, 8)), 6);
    /* 10:00 in Tokyo on 2026-11-02 is 01:00 UTC the same day; 08:00 JST is 23:00 UTC the day
     * before: the local day decides the weekday. */
    int64_t day = dc_cal_days_from_civil(2026, 11, 2);
    int64_t jst_0800 = day * DC_CAL_DAY_MS - 60 * 60000; /* 2026-11-01 23:00 UTC */
    assert_int_equal(dc_cal_local_day(jst_0800, 540, NULL), day);
    assert_int_equal(dc_cal_weekday(dc_cal_local_day(jst_0800, 0, NULL)), 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idle_waits_known_and_bounded),
        cmocka_unit_test(test_support_contact),
        cmocka_unit_test(test_keys_listed_once),
        cmocka_unit_test(test_header_weekdays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
