/* holidays: the public holidays daicho keeps the office closed on (core/holiday.h), for a manager
 * to see which days the monthly check takes as closed. Needs no ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/cal.h"
#include "core/holiday.h"
#include "platform/clock.h"

static const char usage_holidays[] = "holidays [--year YYYY | --from YYYY --to YYYY]";

static int year_of(const char *s, int dflt)
{
    if (!s)
        return dflt;
    char *end;
    long y = strtol(s, &end, 10);
    return *end == '\0' && y >= DC_HOLIDAY_FIRST_YEAR && y <= DC_HOLIDAY_LAST_YEAR ? (int)y : -1;
}

int dc_cmd_holidays(dc_cli_t *c, int argc, char **argv)
{
    (void)c;
    dc_args_t a;
    if (!dc_args_parse(&a, "year= from= to=", argc, argv) || a.npos != 0 ||
        (dc_args_get(&a, "year") && (dc_args_get(&a, "from") || dc_args_get(&a, "to"))))
        return dc_cli_usage(a.error[0] ? a.error : usage_holidays);
    int y, m, d;
    dc_cal_civil_from_days(dc_cal_local_day(dc_clock_now_ms(), 540, &m), &y, &m, &d);
    int from =
        year_of(dc_args_get(&a, "year") ? dc_args_get(&a, "year") : dc_args_get(&a, "from"), y);
    int to =
        year_of(dc_args_get(&a, "year") ? dc_args_get(&a, "year") : dc_args_get(&a, "to"), from);
    if (from < 0 || to < 0 || to < from) {
        fprintf(stderr,
                "daicho-admin: 年は %d から %d までで、--from は --to 以前にしてください。\n"
                "daicho-admin: years go from %d to %d, and --from may not be after --to.\n",
                DC_HOLIDAY_FIRST_YEAR, DC_HOLIDAY_LAST_YEAR, DC_HOLIDAY_FIRST_YEAR,
                DC_HOLIDAY_LAST_YEAR);
        return DC_EXIT_USAGE;
    }
    static const char *const days[7] = {"月", "火", "水", "木", "金", "土", "日"};
    for (int64_t day = dc_cal_days_from_civil(from, 1, 1),
                 end = dc_cal_days_from_civil(to + 1, 1, 1);
         day < end; day++) {
        dc_cal_civil_from_days(day, &y, &m, &d);
        const char *ja = dc_holiday_name(y, m, d, DC_LANG_JA);
        if (ja)
            printf("%04d-%02d-%02d %s %s / %s\n", y, m, d, days[dc_cal_weekday(day)], ja,
                   dc_holiday_name(y, m, d, DC_LANG_EN));
    }
    return DC_EXIT_OK;
}
