#include "platform/sound.h"

#include <SDL.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { RATE = 22050 };

struct dc_sound {
    SDL_AudioDeviceID dev; /* 0: no device */
    int16_t ok[RATE / 4];
    int16_t refused[RATE / 2];
    int ok_len, refused_len;
    bool audio_init; /* SDL's audio subsystem is ours to quit */
};

/* A sine burst with short fades, so it clicks neither in nor out. */
static int tone(int16_t *out, int freq, int ms, int gap_ms, int repeat)
{
    int n = 0, len = RATE * ms / 1000, gap = RATE * gap_ms / 1000, fade = RATE / 200;
    for (int k = 0; k < repeat; k++) {
        for (int i = 0; i < len; i++) {
            double env = i < fade         ? (double)i / fade
                         : i > len - fade ? (double)(len - i) / fade
                                          : 1;
            out[n++] = (int16_t)(9000 * env * sin(2 * 3.14159265358979 * freq * i / RATE));
        }
        for (int i = 0; i < gap && k + 1 < repeat; i++)
            out[n++] = 0;
    }
    return n;
}

/* An output SDL can open: an ALSA playback device, or a sound server's socket. */
static bool output_present(const char *snd_dir, const char *runtime_dir)
{
    bool found = false;
    DIR *d = snd_dir ? opendir(snd_dir) : NULL;
    for (struct dirent *e; d && !found && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        found = strncmp(e->d_name, "pcmC", 4) == 0 && n > 4 && e->d_name[n - 1] == 'p';
    }
    if (d)
        closedir(d);
    static const char *const sockets[] = {"pulse/native", "pipewire-0"};
    for (size_t i = 0; runtime_dir && *runtime_dir && !found && i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", runtime_dir, sockets[i]);
        found = access(path, F_OK) == 0;
    }
    return found;
}

dc_sound_t *dc_sound_open_probe(const char *snd_dir, const char *runtime_dir)
{
    dc_sound_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ok_len = tone(s->ok, 1568, 70, 40, 2);          /* two short high beeps */
    s->refused_len = tone(s->refused, 220, 400, 0, 1); /* one low buzz */
    const char *driver = getenv("SDL_AUDIODRIVER");
    if (!(driver && *driver) && !output_present(snd_dir, runtime_dir)) {
        fprintf(stderr, "daicho: no sound device; the scan tones are off\n");
        return s;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "daicho: no sound (%s); the scan tones are off\n", SDL_GetError());
        return s;
    }
    s->audio_init = true;
    SDL_AudioSpec want = {0}, have;
    want.freq = RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (s->dev)
        SDL_PauseAudioDevice(s->dev, 0);
    else
        fprintf(stderr, "daicho: no sound (%s); the scan tones are off\n", SDL_GetError());
    return s;
}

dc_sound_t *dc_sound_open(void)
{
    return dc_sound_open_probe("/dev/snd", getenv("XDG_RUNTIME_DIR"));
}

bool dc_sound_on(const dc_sound_t *s)
{
    return s && s->dev;
}

void dc_sound_close(dc_sound_t *s)
{
    if (!s)
        return;
    if (s->dev)
        SDL_CloseAudioDevice(s->dev);
    if (s->audio_init)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(s);
}

void dc_sound_tone(dc_sound_t *s, bool ok)
{
    if (!s || !s->dev)
        return;
    SDL_ClearQueuedAudio(s->dev);
    if (ok)
        SDL_QueueAudio(s->dev, s->ok, (Uint32)(s->ok_len * (int)sizeof(int16_t)));
    else
        SDL_QueueAudio(s->dev, s->refused, (Uint32)(s->refused_len * (int)sizeof(int16_t)));
}
