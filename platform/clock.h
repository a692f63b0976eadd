/* Wall clock. Tests and the demo pin it with DAICHO_NOW (seconds since 1970 UTC, or
 * YYYY-MM-DDTHH:MM:SS+HH:MM); each reading then advances by one millisecond, so events keep
 * their order while the run stays repeatable. */
#ifndef DC_PLATFORM_CLOCK_H
#define DC_PLATFORM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

int64_t dc_clock_now_ms(void);

/* Parse "YYYY-MM-DDTHH:MM[:SS][+HH:MM|Z]" (offset defaults to +09:00) or plain seconds. */
bool dc_clock_parse(const char *s, int64_t *ms_out);

/* Milliseconds since 1970 UTC of a local civil time at offset tz_min. */
int64_t dc_clock_from_civil(int y, int mo, int d, int h, int mi, int s, int32_t tz_min);

#endif
