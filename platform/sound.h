/* Short tones after a scan: high for accepted, low for refused. Generated in code; when there is
 * no audio device the kiosk stays silent and says so once on stderr (without asking ALSA, whose
 * library prints nine lines of errors when there is no card). */
#ifndef DC_PLATFORM_SOUND_H
#define DC_PLATFORM_SOUND_H

#include <stdbool.h>

typedef struct dc_sound dc_sound_t;

/* Never fails: without a device the result plays nothing. */
dc_sound_t *dc_sound_open(void);
/* The same, looking for ALSA playback devices (pcmC*D*p) in snd_dir instead of /dev/snd and for
 * a sound server's socket (pulse/native, pipewire-0) in runtime_dir (may be NULL): for tests.
 * SDL_AUDIODRIVER in the environment skips the search (the driver was chosen). */
dc_sound_t *dc_sound_open_probe(const char *snd_dir, const char *runtime_dir);
/* Whether the tones will be heard (a device was opened). */
bool dc_sound_on(const dc_sound_t *s);
void dc_sound_close(dc_sound_t *s);
void dc_sound_tone(dc_sound_t *s, bool ok);

#endif
