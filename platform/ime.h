/* Kana-kanji conversion for the on-screen keyboard, through Anthy (libanthy1, its dictionary in
 * anthy-common). The kiosk's file system is read-only outside its state dir, and what one clerk
 * typed is no business of the next: Anthy's learning is kept off the disk (its anonymous
 * personality, and its home pointed at a path that can never be a directory), so nothing is read
 * from or written to any HOME. Conversion is by segments (文節): the reading is cut into
 * segments, each with its candidates, best first; a segment can be made longer or shorter. */
#ifndef DC_PLATFORM_IME_H
#define DC_PLATFORM_IME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef struct dc_ime dc_ime_t;

/* The candidate index of a segment's reading as typed (hiragana). */
#define DC_IME_READING (-1)
/* The most bytes a reading may have (about 80 kana). */
#define DC_IME_READING_MAX 256

/* Open the converter. DC_E_IO when Anthy cannot start (its dictionary is missing). */
DC_WUR dc_err_t dc_ime_open(dc_ime_t **out);
void dc_ime_close(dc_ime_t *ime);

/* Convert a reading in hiragana (UTF-8); *segments (may be NULL) is how many segments it was cut
 * into. DC_E_TOO_LONG past DC_IME_READING_MAX, DC_E_USAGE for an empty reading. */
DC_WUR dc_err_t dc_ime_convert(dc_ime_t *ime, const char *reading, int *segments);
/* The segments of the conversion under way (0 before one). */
int dc_ime_segments(dc_ime_t *ime);
/* How many candidates segment seg has (0 when there is no such segment). */
int dc_ime_candidates(dc_ime_t *ime, int seg);
/* Candidate cand of segment seg (DC_IME_READING: its reading) into out[cap]. DC_E_NOT_FOUND for
 * no such segment or candidate, DC_E_TOO_LONG when it does not fit. */
DC_WUR dc_err_t dc_ime_candidate(dc_ime_t *ime, int seg, int cand, char *out, size_t cap);
/* Make segment seg one kana longer (delta 1) or shorter (-1); the segments after it are cut
 * again. Returns the number of segments. */
int dc_ime_resize(dc_ime_t *ime, int seg, int delta);
/* The choices are final: choice[i] is the candidate taken for segment i (n of them). Anthy
 * learns from it in memory only, for this process. Ends the conversion. */
DC_WUR dc_err_t dc_ime_commit(dc_ime_t *ime, const int *choice, int n);

/* Hiragana to katakana (the reading kept beside a name: ヤマダハナコ); other characters are
 * copied. False when out[cap] is too small (out then holds what fits, whole characters). */
bool dc_ime_katakana(const char *in, char *out, size_t cap);

/* Katakana to hiragana, the other way (a reading typed in katakana, converted). */
bool dc_ime_hiragana(const char *in, char *out, size_t cap);
/* True when s is nothing but hiragana, katakana and ー (a reading Anthy can convert). */
bool dc_ime_is_kana(const char *s);

#endif
