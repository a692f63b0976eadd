#include "core/holiday.h"

#include <stddef.h>

#include "core/cal.h"

typedef enum {
    H_NONE = -1,
    H_NEW_YEAR,
    H_ADULTS,
    H_FOUNDATION,
    H_EMPEROR,
    H_SPRING,
    H_SHOWA,
    H_GREENERY,
    H_CONSTITUTION,
    H_CHILDREN,
    H_MARINE,
    H_MOUNTAIN,
    H_AGED,
    H_AUTUMN,
    H_SPORTS_OLD,
    H_SPORTS,
    H_CULTURE,
    H_LABOR,
    H_WEDDING_1959,
    H_FUNERAL_1989,
    H_ENTHRONEMENT_1990,
    H_WEDDING_1993,
    H_ACCESSION_2019,
    H_ENTHRONEMENT_2019,
    H_SUBSTITUTE,
    H_CITIZENS,
    H_COUNT
} holiday_t;

static const char *const names[H_COUNT][2] = {
    [H_NEW_YEAR] = {"元日", "New Year's Day"},
    [H_ADULTS] = {"成人の日", "Coming of Age Day"},
    [H_FOUNDATION] = {"建国記念の日", "National Foundation Day"},
    [H_EMPEROR] = {"天皇誕生日", "The Emperor's Birthday"},
    [H_SPRING] = {"春分の日", "Vernal Equinox Day"},
    [H_SHOWA] = {"昭和の日", "Showa Day"},
    [H_GREENERY] = {"みどりの日", "Greenery Day"},
    [H_CONSTITUTION] = {"憲法記念日", "Constitution Memorial Day"},
    [H_CHILDREN] = {"こどもの日", "Children's Day"},
    [H_MARINE] = {"海の日", "Marine Day"},
    [H_MOUNTAIN] = {"山の日", "Mountain Day"},
    [H_AGED] = {"敬老の日", "Respect for the Aged Day"},
    [H_AUTUMN] = {"秋分の日", "Autumnal Equinox Day"},
    [H_SPORTS_OLD] = {"体育の日", "Health and Sports Day"},
    [H_SPORTS] = {"スポーツの日", "Sports Day"},
    [H_CULTURE] = {"文化の日", "Culture Day"},
    [H_LABOR] = {"勤労感謝の日", "Labor Thanksgiving Day"},
    [H_WEDDING_1959] = {"皇太子明仁親王の結婚の儀", "The Crown Prince Akihito's wedding"},
    [H_FUNERAL_1989] = {"昭和天皇の大喪の礼", "The Showa Emperor's funeral"},
    [H_ENTHRONEMENT_1990] = {"即位礼正殿の儀", "The enthronement ceremony"},
    [H_WEDDING_1993] = {"皇太子徳仁親王の結婚の儀", "The Crown Prince Naruhito's wedding"},
    [H_ACCESSION_2019] = {"天皇の即位の日", "The Emperor's accession"},
    [H_ENTHRONEMENT_2019] = {"即位礼正殿の儀", "The enthronement ceremony"},
    [H_SUBSTITUTE] = {"振替休日", "Substitute holiday"},
    [H_CITIZENS] = {"国民の休日", "Citizens' holiday"},
};

/* The day of the n-th Monday of month m. */
static int nth_monday(int y, int m, int n)
{
    int first = dc_cal_weekday(dc_cal_days_from_civil(y, m, 1)); /* Monday 0 */
    return 1 + (7 - first) % 7 + 7 * (n - 1);
}

/* The equinox days: the approximations that give the observatory's days for 1900-2099, with C's
 * truncating division as the published formula has it. */
static int equinox(int y, bool spring)
{
    double base = y <= 1979 ? (spring ? 20.8357 : 23.2588) : (spring ? 20.8431 : 23.2488);
    int since = y <= 1979 ? (y - 1983) / 4 : (y - 1980) / 4;
    return (int)(base + 0.242194 * (y - 1980) - since);
}

/* The 国民の祝日 of the law (and the one-day laws) on y-m-d, not the days it adds. */
static holiday_t base(int y, int m, int d)
{
    switch (m) {
    case 1:
        if (d == 1)
            return H_NEW_YEAR;
        if (d == (y < 2000 ? 15 : nth_monday(y, 1, 2)))
            return H_ADULTS;
        break;
    case 2:
        if (d == 11 && y >= 1967)
            return H_FOUNDATION;
        if (d == 23 && y >= 2020)
            return H_EMPEROR;
        if (d == 24 && y == 1989)
            return H_FUNERAL_1989;
        break;
    case 3:
        if (d == equinox(y, true))
            return H_SPRING;
        break;
    case 4:
        if (d == 29)
            return y <= 1988 ? H_EMPEROR : y <= 2006 ? H_GREENERY : H_SHOWA;
        if (d == 10 && y == 1959)
            return H_WEDDING_1959;
        break;
    case 5:
        if (d == 3)
            return H_CONSTITUTION;
        if (d == 4 && y >= 2007)
            return H_GREENERY;
        if (d == 5)
            return H_CHILDREN;
        if (d == 1 && y == 2019)
            return H_ACCESSION_2019;
        break;
    case 6:
        if (d == 9 && y == 1993)
            return H_WEDDING_1993;
        break;
    case 7:
        if (y == 2020   ? d == 23
            : y == 2021 ? d == 22
            : y >= 2003 ? d == nth_monday(y, 7, 3)
                        : y >= 1996 && d == 20)
            return H_MARINE;
        if ((y == 2020 && d == 24) || (y == 2021 && d == 23))
            return H_SPORTS;
        break;
    case 8:
        if (y == 2020 ? d == 10 : y == 2021 ? d == 8 : y >= 2016 && d == 11)
            return H_MOUNTAIN;
        break;
    case 9:
        if (y >= 2003 ? d == nth_monday(y, 9, 3) : y >= 1966 && d == 15)
            return H_AGED;
        if (d == equinox(y, false))
            return H_AUTUMN;
        break;
    case 10:
        if (y >= 1966 && y <= 1999 && d == 10)
            return H_SPORTS_OLD;
        if (y >= 2000 && y <= 2019 && d == nth_monday(y, 10, 2))
            return H_SPORTS_OLD;
        if (y >= 2022 && d == nth_monday(y, 10, 2))
            return H_SPORTS;
        if (d == 22 && y == 2019)
            return H_ENTHRONEMENT_2019;
        break;
    case 11:
        if (d == 3)
            return H_CULTURE;
        if (d == 23)
            return H_LABOR;
        if (d == 12 && y == 1990)
            return H_ENTHRONEMENT_1990;
        break;
    case 12:
        if (d == 23 && y >= 1989 && y <= 2018)
            return H_EMPEROR;
        break;
    }
    return H_NONE;
}

static holiday_t base_day(int64_t days)
{
    int y, m, d;
    dc_cal_civil_from_days(days, &y, &m, &d);
    return base(y, m, d);
}

static holiday_t holiday(int64_t days)
{
    holiday_t h = base_day(days);
    if (h != H_NONE)
        return h;
    /* 振替休日 (from 1973-04-12): a holiday on a Sunday gives the next day; from 2007 the next
     * day that is not itself a holiday. */
    if (days > dc_cal_days_from_civil(1973, 4, 12)) {
        int y, m, d;
        dc_cal_civil_from_days(days, &y, &m, &d);
        for (int64_t k = days - 1; base_day(k) != H_NONE; k--) {
            if (dc_cal_weekday(k) == 6)
                return H_SUBSTITUTE;
            if (y < 2007)
                break;
        }
    }
    /* 国民の休日 (from 1985-12-27): a day, not a Sunday, between two holidays of the law. */
    if (days >= dc_cal_days_from_civil(1985, 12, 27) && dc_cal_weekday(days) != 6 &&
        base_day(days - 1) != H_NONE && base_day(days + 1) != H_NONE)
        return H_CITIZENS;
    return H_NONE;
}

const char *dc_holiday_name(int y, int m, int d, dc_lang_t lang)
{
    if (y < DC_HOLIDAY_FIRST_YEAR || y > DC_HOLIDAY_LAST_YEAR || m < 1 || m > 12 || d < 1 ||
        d > dc_cal_days_in_month(y, m))
        return NULL;
    holiday_t h = holiday(dc_cal_days_from_civil(y, m, d));
    return h == H_NONE ? NULL : names[h][lang == DC_LANG_EN];
}

bool dc_holiday_day(int64_t days)
{
    int y, m, d;
    dc_cal_civil_from_days(days, &y, &m, &d);
    return dc_holiday_name(y, m, d, DC_LANG_JA) != NULL;
}

bool dc_cal_working_day(int64_t days)
{
    return dc_cal_weekday(days) < 5 && !dc_holiday_day(days);
}
