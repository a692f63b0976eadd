#include "platform/ime.h"

#include <anthy/anthy.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct dc_ime {
    anthy_context_t ac;
    int segments;
};

/* anthy_init is for the whole process: one start, shared by every handle. */
static int ime_users;

dc_err_t dc_ime_open(dc_ime_t **out)
{
    *out = NULL;
    if (ime_users == 0) {
        /* Anthy finds its home through the password database, not $HOME, and creates ~/.anthy
         * with a lock file even for the anonymous personality: point it at a path below a file,
         * which no one can ever create, so every open fails with ENOTDIR. */
        anthy_conf_override("HOME", "/dev/null");
        if (anthy_init() != 0)
            return DC_E_IO;
        /* "" is Anthy's anonymous personality: no learning read from or written to a file. It
         * is for the process, and Anthy takes it only before the first context. */
        if (anthy_set_personality("") != 0) {
            anthy_quit();
            return DC_E_IO;
        }
    }
    ime_users++;
    dc_ime_t *ime = calloc(1, sizeof *ime);
    if (!ime)
        goto fail;
    ime->ac = anthy_create_context();
    if (!ime->ac)
        goto fail;
    if (anthy_context_set_encoding(ime->ac, ANTHY_UTF8_ENCODING) != ANTHY_UTF8_ENCODING)
        goto fail;
    *out = ime;
    return DC_E_OK;
fail:
    if (ime && ime->ac)
        anthy_release_context(ime->ac);
    free(ime);
    if (--ime_users == 0)
        anthy_quit();
    return DC_E_IO;
}

void dc_ime_close(dc_ime_t *ime)
{
    if (!ime)
        return;
    anthy_release_context(ime->ac);
    free(ime);
    if (--ime_users == 0)
        anthy_quit();
}

static int count_segments(dc_ime_t *ime)
{
    struct anthy_conv_stat cs;
    if (anthy_get_stat(ime->ac, &cs) != 0)
        return 0;
    return cs.nr_segment;
}

dc_err_t dc_ime_convert(dc_ime_t *ime, const char *reading, int *segments)
{
    size_t n = strlen(reading);
    ime->segments = 0;
    if (segments)
        *segments = 0;
    if (n == 0)
        return DC_E_USAGE;
    if (n >= DC_IME_READING_MAX)
        return DC_E_TOO_LONG;
    anthy_reset_context(ime->ac);
    if (anthy_set_string(ime->ac, reading) != 0)
        return DC_E_IO;
    ime->segments = count_segments(ime);
    if (segments)
        *segments = ime->segments;
    return ime->segments > 0 ? DC_E_OK : DC_E_IO;
}

int dc_ime_segments(dc_ime_t *ime)
{
    return ime->segments;
}

int dc_ime_candidates(dc_ime_t *ime, int seg)
{
    struct anthy_segment_stat ss;
    if (seg < 0 || seg >= ime->segments || anthy_get_segment_stat(ime->ac, seg, &ss) != 0)
        return 0;
    return ss.nr_candidate;
}

dc_err_t dc_ime_candidate(dc_ime_t *ime, int seg, int cand, char *out, size_t cap)
{
    if (cap)
        out[0] = '\0';
    if (cand < DC_IME_READING || cand >= dc_ime_candidates(ime, seg))
        return DC_E_NOT_FOUND;
    char buf[DC_IME_READING_MAX * 2];
    int cand_id = cand == DC_IME_READING ? NTH_UNCONVERTED_CANDIDATE : cand;
    int len = anthy_get_segment(ime->ac, seg, cand_id, buf, (int)sizeof buf);
    if (len < 0)
        return DC_E_NOT_FOUND;
    if ((size_t)len >= cap)
        return DC_E_TOO_LONG;
    memcpy(out, buf, (size_t)len + 1);
    return DC_E_OK;
}

int dc_ime_resize(dc_ime_t *ime, int seg, int delta)
{
    if (seg >= 0 && seg < ime->segments && (delta == 1 || delta == -1)) {
        anthy_resize_segment(ime->ac, seg, delta);
        ime->segments = count_segments(ime);
    }
    return ime->segments;
}

dc_err_t dc_ime_commit(dc_ime_t *ime, const int *choice, int n)
{
    if (n != ime->segments)
        return DC_E_USAGE;
    for (int i = 0; i < n; i++) {
        if (choice[i] < 0 || choice[i] >= dc_ime_candidates(ime, i))
            return DC_E_USAGE;
    }
    for (int i = 0; i < n; i++) {
        if (anthy_commit_segment(ime->ac, i, choice[i]) != 0)
            return DC_E_IO;
    }
    ime->segments = 0;
    anthy_reset_context(ime->ac);
    return DC_E_OK;
}

/* Copy in to out[cap], moving kana between the two scripts by delta (0x60: hiragana to
 * katakana; -0x60 back). */
static bool shift_kana(const char *in, char *out, size_t cap, int delta)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p;) {
        size_t len = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4;
        for (size_t k = 1; k < len; k++) {
            if (!p[k]) {
                len = k;
                break;
            }
        }
        if (o + len >= cap) {
            out[o] = '\0';
            return false;
        }
        memcpy(out + o, p, len);
        /* ぁ (U+3041) .. ゖ (U+3096) and ゝゞ (U+309D, U+309E) are 0x60 below their katakana. */
        if (len == 3 && p[0] == 0xe3) {
            unsigned cp = 0x3000u | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
            unsigned from = delta > 0 ? 0x3041 : 0x30a1;
            unsigned to = delta > 0 ? 0x3096 : 0x30f6;
            unsigned it = delta > 0 ? 0x309d : 0x30fd;
            if ((cp >= from && cp <= to) || cp == it || cp == it + 1) {
                cp = (unsigned)((int)cp + delta);
                out[o + 1] = (char)(0x80 | ((cp >> 6) & 0x3f));
                out[o + 2] = (char)(0x80 | (cp & 0x3f));
            }
        }
        o += len;
        p += len;
    }
    out[o] = '\0';
    return true;
}

bool dc_ime_katakana(const char *in, char *out, size_t cap)
{
    return shift_kana(in, out, cap, 0x60);
}

bool dc_ime_hiragana(const char *in, char *out, size_t cap)
{
    return shift_kana(in, out, cap, -0x60);
}

bool dc_ime_is_kana(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p += 3) {
        if (p[0] != 0xe3 || !p[1] || !p[2])
            return false;
        unsigned cp = 0x3000u | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
        if (!((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa) || cp == 0x30fc))
            return false;
    }
    return true;
}
