/* Short tones after a scan: high for accepted, low for refused. Generated in code; when there is
 * no audio device the kiosk simply stays silent. */
#ifndef DC_PLATFORM_SOUND_H
#define DC_PLATFORM_SOUND_H

#include <stdbool.h>

typedef struct dc_sound dc_sound_t;

/* Never fails: without a device the result plays nothing. */
dc_sound_t *dc_sound_open(void);
void dc_sound_close(dc_sound_t *s);
void dc_sound_tone(dc_sound_t *s, bool ok);

#endif
