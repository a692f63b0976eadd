/* The scan tones: without a sound device the kiosk says so in one line and stays silent (ALSA is
 * not even asked, so its library prints nothing); with one, the tones are played: SDL's "disk"
 * driver writes what the device would play to a file, where the two high beeps are found at
 * 1568 Hz and the low buzz at 220 Hz. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <SDL.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "platform/sound.h"

static char dir[512];

static int setup(void **state)
{
    (void)state;
    return dc_fx_tmpdir(dir, sizeof dir, "sound");
}

static int teardown(void **state)
{
    (void)state;
    return dc_fx_rmdir(dir);
}

static void touch(const char *sub)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    assert_true(fd >= 0);
    close(fd);
}

/* Run dc_sound_open_probe with stderr going to a file; returns what it wrote. */
static dc_sound_t *open_quietly(const char *snd, const char *runtime, char *said, size_t cap)
{
    char log[700];
    snprintf(log, sizeof log, "%s/stderr", dir);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(log, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    dc_sound_t *s = dc_sound_open_probe(snd, runtime);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    size_t n = fread(said, 1, cap - 1, f);
    said[n] = '\0';
    fclose(f);
    return s;
}

static int lines(const char *text)
{
    int n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

static void test_no_device_one_line(void **state)
{
    (void)state;
    unsetenv("SDL_AUDIODRIVER");
    char snd[600], said[4096];
    snprintf(snd, sizeof snd, "%s/snd", dir);
    mkdir(snd, 0700);
    touch("snd/controlC0"); /* a card with no playback device */
    touch("snd/pcmC0D0c");  /* a capture device only */
    dc_sound_t *s = open_quietly(snd, dir, said, sizeof said);
    assert_non_null(s);
    assert_false(dc_sound_on(s));
    assert_int_equal(lines(said), 1);
    assert_non_null(strstr(said, "no sound device"));
    assert_null(strstr(said, "ALSA"));
    dc_sound_tone(s, true); /* silently nothing */
    dc_sound_close(s);
    /* No /dev/snd at all, no runtime dir: the same. */
    s = open_quietly("/nonexistent/snd", NULL, said, sizeof said);
    assert_false(dc_sound_on(s));
    assert_int_equal(lines(said), 1);
    dc_sound_close(s);
}

/* Zero crossings a second in samples [a, b) of 22050 Hz mono. */
static double crossings_hz(const int16_t *x, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = a + 1; i < b; i++)
        n += (x[i - 1] < 0) != (x[i] < 0);
    return n / 2.0 / ((double)(b - a) / 22050.0);
}

static void test_tones_are_played(void **state)
{
    (void)state;
    char out[700];
    snprintf(out, sizeof out, "%s/played.raw", dir);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", out, 1);
    unsetenv("SDL_DISKAUDIODELAY"); /* at the pace of a real device */
    char said[4096];
    dc_sound_t *s = open_quietly("/nonexistent/snd", NULL, said, sizeof said);
    assert_true(dc_sound_on(s));
    assert_null(strstr(said, "daicho:")); /* (SDL warns that the disk driver is for testing) */
    dc_sound_tone(s, true);
    SDL_Delay(300);
    dc_sound_tone(s, false);
    SDL_Delay(600);
    dc_sound_close(s);
    unsetenv("SDL_AUDIODRIVER");
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    static int16_t pcm[22050 * 30];
    size_t n = fread(pcm, sizeof pcm[0], sizeof pcm / sizeof pcm[0], f);
    fclose(f);
    /* Find the sound: runs of samples louder than 1000. */
    size_t first = 0, last = 0;
    int peak = 0;
    for (size_t i = 0; i < n; i++) {
        int v = pcm[i] < 0 ? -pcm[i] : pcm[i];
        if (v > 1000 && !first)
            first = i;
        if (v > 1000)
            last = i;
        if (v > peak)
            peak = v;
    }
    assert_true(first > 0 && last > first);
    assert_in_range(peak, 8000, 9100);
    /* The first beep: 70 ms at 1568 Hz (its middle 40 ms, between the fades). */
    double hi = crossings_hz(pcm, first + 330, first + 330 + 882);
    assert_in_range((int)hi, 1500, 1640);
    /* The buzz at the end: 220 Hz, its middle 200 ms. */
    double lo = crossings_hz(pcm, last - 6615, last - 2205);
    assert_in_range((int)lo, 200, 240);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_device_one_line),
        cmocka_unit_test(test_tones_are_played),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
