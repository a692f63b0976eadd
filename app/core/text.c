#include "core/text.h"

#include <string.h>

#include "core/err.h"

size_t dc_text_charlen(unsigned char b)
{
    return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

size_t dc_text_prefix(const char *s, size_t max)
{
    DC_EXPECT(s);
    size_t n = 0;
    while (s[n]) {
        size_t k = dc_text_charlen((unsigned char)s[n]);
        /* A character cut short by the end of the string counts as what is there. */
        size_t have = 1;
        while (have < k && s[n + have] && ((unsigned char)s[n + have] & 0xC0) == 0x80)
            have++;
        if (n + have > max)
            break;
        n += have;
    }
    return n;
}

void dc_text_trim_partial(char *s)
{
    DC_EXPECT(s);
    size_t n = strlen(s), k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && (unsigned char)s[k - 1] >= 0xC0 &&
        n - (k - 1) < dc_text_charlen((unsigned char)s[k - 1]))
        s[k - 1] = '\0';
}

bool dc_text_fit(char *dst, size_t cap, const char *src)
{
    DC_EXPECT(dst && cap > 0);
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n < cap) {
        memcpy(dst, src, n + 1);
        return true;
    }
    size_t mark = sizeof DC_TEXT_MARK - 1;
    if (cap < mark + 2) {
        n = dc_text_prefix(src, cap - 1);
        memcpy(dst, src, n);
        dst[n] = '\0';
        return false;
    }
    n = dc_text_prefix(src, cap - 1 - mark);
    /* A cut after a space reads as a word missing: drop the spaces before the mark. */
    while (n > 1 && src[n - 1] == ' ')
        n--;
    memcpy(dst, src, n);
    memcpy(dst + n, DC_TEXT_MARK, mark + 1);
    return false;
}

/* The character at s as a code point (a malformed byte as itself). */
static unsigned cp_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = dc_text_charlen(u[0]);
    for (size_t i = 1; i < k; i++)
        if ((u[i] & 0xC0) != 0x80)
            return u[0];
    switch (k) {
    case 2:
        return (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3Fu);
    case 3:
        return (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3Fu);
    case 4:
        return (unsigned)(u[0] & 0x07) << 18 | (unsigned)(u[1] & 0x3F) << 12 |
               (unsigned)(u[2] & 0x3F) << 6 | (u[3] & 0x3Fu);
    default:
        return u[0];
    }
}

/* The start of the character that ends just before byte i. */
static size_t prev_start(const char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

static bool in(unsigned c, const unsigned *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == c)
            return true;
    return false;
}

/* Must not start a line (行頭禁則). */
static bool no_start(unsigned c)
{
    static const unsigned set[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, /* 、。，．・：；！？
                                                                                 */
        0x300D, 0x300F, 0xFF09, 0x3011, 0x3015, 0x3009, 0x300B, 0xFF3D, 0xFF5D, /* 」』）】〕〉》］｝
                                                                                 */
        0x30FC, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE, 0x2026, 0x2025, 0x301C, /* ー々ゝゞヽヾ…‥〜
                                                                                 */
        0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,
        0x3095, 0x3096, /* ぁぃぅぇぉっゃゅょゎゕゖ */
        0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
        0x30F5, 0x30F6, /* ァィゥェォッャュョヮヵヶ */
        ',',    '.',    ')',    ']',    '}',    '!',    '?',    ':',    ';',    0x3009,
        0xFF65, /* ･ */
    };
    return in(c, set, sizeof set / sizeof set[0]);
}

/* Must not end a line (行末禁則). */
static bool no_end(unsigned c)
{
    static const unsigned set[] = {
        0x300C, 0x300E, 0xFF08, 0x3010, 0x3014,
        0x3008, 0x300A, 0xFF3B, 0xFF5B, /* 「『（【〔〈《［｛ */
        '(',    '[',    '{',
    };
    return in(c, set, sizeof set / sizeof set[0]);
}

bool dc_text_break_ok(const char *s, size_t i)
{
    DC_EXPECT(s && i > 0);
    if (s[i] == ' ' || s[i - 1] == ' ')
        return true;
    unsigned a = cp_at(s + prev_start(s, i)), b = cp_at(s + i);
    if (a < 0x80 && b < 0x80)
        return false;
    return !no_start(b) && !no_end(a);
}

/* The end of a line that breaks before byte i: before the spaces it breaks at. */
static size_t trim_end(const char *s, size_t i)
{
    while (i > 1 && s[i - 1] == ' ')
        i--;
    return i;
}

size_t dc_text_line_end(const char *s, size_t fit)
{
    DC_EXPECT(s);
    if (fit == 0)
        return s[0] && s[0] != '\n' ? dc_text_prefix(s, dc_text_charlen((unsigned char)s[0])) : 0;
    if (!s[fit] || s[fit] == '\n')
        return fit;
    /* Names, places and counts are written with spaces between their parts: break at the last
     * space when that leaves the line at least a third full, else at the nearest place allowed. */
    size_t nearest = 0;
    for (size_t i = fit; i > 0 && i >= fit / 3; i = prev_start(s, i)) {
        if (s[i] == ' ' || s[i - 1] == ' ')
            return trim_end(s, i);
        if (!nearest && dc_text_break_ok(s, i))
            nearest = i;
    }
    if (nearest)
        return nearest;
    for (size_t i = fit; i > 0; i = prev_start(s, i))
        if (dc_text_break_ok(s, i))
            return trim_end(s, i);
    return fit;
}

const char *dc_text_skip_spaces(const char *s)
{
    DC_EXPECT(s);
    while (*s == ' ')
        s++;
    if (*s == '\n')
        s++;
    return s;
}
