#include "platform/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cal.h"

int64_t dc_clock_from_civil(int y, int mo, int d, int h, int mi, int s, int32_t tz_min)
{
    int64_t secs = dc_cal_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return (secs - (int64_t)tz_min * 60) * 1000;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool dc_clock_parse(const char *s, int64_t *ms_out)
{
    if (!s || !*s)
        return false;
    size_t n = strlen(s);
    bool all_digits = true;
    for (size_t i = 0; i < n; i++)
        all_digits = all_digits && s[i] >= '0' && s[i] <= '9';
    if (all_digits) {
        if (n > 12)
            return false;
        *ms_out = strtoll(s, NULL, 10) * 1000;
        return true;
    }
    int y, mo, d, h, mi, sec = 0, oh = 9, om = 0, sign = 1;
    if (n < 16 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2, &h) ||
        s[13] != ':' || !digits(s + 14, 2, &mi))
        return false;
    const char *p = s + 16;
    if (*p == ':') {
        if (!digits(p + 1, 2, &sec))
            return false;
        p += 3;
    }
    if (*p == 'Z') {
        oh = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om))
            return false;
        p += 6;
    }
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return false;
    *ms_out = dc_clock_from_civil(y, mo, d, h, mi, sec, sign * (oh * 60 + om));
    return true;
}

static bool checked;
static bool pinned;
static int64_t next;

static void check_env(void)
{
    if (checked)
        return;
    checked = true;
    const char *env = getenv("DAICHO_NOW");
    if (env && *env) {
        if (dc_clock_parse(env, &next))
            pinned = true;
        else
            fprintf(stderr, "daicho: DAICHO_NOW=%s is not a time; using the real clock\n", env);
    }
}

int64_t dc_clock_now_ms(void)
{
    check_env();
    if (pinned)
        return next++;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void dc_clock_fix(int64_t ms)
{
    checked = true;
    pinned = true;
    next = ms;
}

void dc_clock_advance(int64_t ms)
{
    check_env();
    if (pinned)
        next += ms;
}

bool dc_clock_is_fixed(void)
{
    check_env();
    return pinned;
}
