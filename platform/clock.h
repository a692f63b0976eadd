/* Wall clock. Tests and the demo pin it with DAICHO_NOW (seconds since 1970 UTC, or
 * YYYY-MM-DDTHH:MM:SS+HH:MM); each reading then advances by one millisecond, so events keep
 * their order while the run stays repeatable. */
#ifndef DC_PLATFORM_CLOCK_H
#define DC_PLATFORM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

int64_t dc_clock_now_ms(void);

/* Pin the clock at ms (scripts and tests); later readings go on from there as above. */
void dc_clock_fix(int64_t ms);
/* Move a pinned clock forward (a script's "wait"); a real clock is not moved. */
void dc_clock_advance(int64_t ms);
/* True when the clock is pinned. */
bool dc_clock_is_fixed(void);

/* Parse "YYYY-MM-DDTHH:MM[:SS][+HH:MM|Z]" (offset defaults to +09:00) or plain seconds. */
bool dc_clock_parse(const char *s, int64_t *ms_out);

/* Milliseconds since 1970 UTC of a local civil time at offset tz_min. */
int64_t dc_clock_from_civil(int y, int mo, int d, int h, int mi, int s, int32_t tz_min);

#endif
