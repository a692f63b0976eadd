/* core/text.h: cutting at a character boundary with "…", never blank; the Japanese line-break
 * rules shared by the screens, the paper and the PDF; dc_copy refusing for storage. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "core/text.h"

typedef struct {
    const char *src;
    size_t cap;
    const char *want;
    bool whole;
} fit_case_t;

static const fit_case_t fits[] = {
    {"abc", 4, "abc", true},
    {"abcd", 4, "abc", false}, /* under 5 bytes: no room for the mark */
    {"abcdef", 6, "ab…", false},
    {"住民異動届", 16, "住民異動届", true},
    {"住民異動届 綴り", 16, "住民異動…", false}, /* 4 kanji + … = 15 bytes */
    {"住民異動届", 15, "住民異…", false},        /* never half a kanji */
    {"住民異動届", 14, "住民異…", false},
    {"住民異動届", 9, "住…", false},
    {"住民", 4, "住", false},
    {"住民", 3, "", false},             /* not even one kanji fits with its NUL */
    {"ab    cdefgh", 10, "ab…", false}, /* no spaces before the mark */
    {"", 1, "", true},
    {"x", 1, "", false},
};

static void test_fit(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
        char dst[64];
        memset(dst, 'Z', sizeof dst);
        bool whole = dc_text_fit(dst, fits[i].cap, fits[i].src);
        if (strcmp(dst, fits[i].want) != 0 || whole != fits[i].whole)
            fail_msg("case %zu: %s in %zu -> %s (%d), want %s", i, fits[i].src, fits[i].cap, dst,
                     whole, fits[i].want);
        assert_true(strlen(dst) < fits[i].cap);
        assert_true(dc_text_ok(dst, fits[i].cap)); /* valid UTF-8, whole characters */
    }
}

/* A long title in a flash message: shortened with the mark, never blank (issue 15). */
static void test_long_title_not_blank(void **state)
{
    (void)state;
    char title[300];
    for (int i = 0; i < 90; i++)
        memcpy(title + 3 * i, "綴", 3); /* 270 bytes */
    title[270] = '\0';
    char flash[64];
    assert_false(dc_text_fit(flash, sizeof flash, title));
    assert_true(strlen(flash) > 0);
    assert_string_equal(flash + strlen(flash) - 3, "…");
    assert_int_equal(strlen(flash), 63); /* 20 kanji and the mark: 63 bytes */
}

/* dc_copy refuses what does not fit (for storage) but leaves a readable cut, not "". */
static void test_copy_refuses(void **state)
{
    (void)state;
    char dst[8];
    assert_true(dc_copy(dst, sizeof dst, "1234567"));
    assert_string_equal(dst, "1234567");
    assert_false(dc_copy(dst, sizeof dst, "12345678"));
    assert_string_equal(dst, "1234…");
    assert_false(dc_copy(dst, sizeof dst, "あいうえ"));
    assert_string_equal(dst, "あ…");
    assert_true(dc_copy(dst, sizeof dst, NULL));
    assert_string_equal(dst, "");
    assert_false(dc_copy(dst, 0, "x"));
}

static void test_prefix(void **state)
{
    (void)state;
    assert_int_equal(dc_text_prefix("あいう", 8), 6);
    assert_int_equal(dc_text_prefix("あいう", 9), 9);
    assert_int_equal(dc_text_prefix("aあ", 3), 1);
    assert_int_equal(dc_text_prefix("", 5), 0);
    assert_int_equal(dc_text_prefix("\xE3\x81", 5), 2); /* a cut character counts as it is */
    char cut[16];
    snprintf(cut, sizeof cut, "%s", "あい\xE3\x81");
    dc_text_trim_partial(cut);
    assert_string_equal(cut, "あい");
    snprintf(cut, sizeof cut, "%s", "あいう");
    dc_text_trim_partial(cut);
    assert_string_equal(cut, "あいう");
    snprintf(cut, sizeof cut, "%s", "ab\xC3");
    dc_text_trim_partial(cut);
    assert_string_equal(cut, "ab");
}

typedef struct {
    const char *s;
    const char *before; /* the text that follows a break at this place */
    bool ok;
} brk_case_t;

static const brk_case_t brks[] = {
    {"会議資料", "資料", true},
    {"会議、資料", "、資料", false}, /* 、 never starts a line */
    {"会議、資料", "資料", true},
    {"会議。", "。", false},
    {"「会議」", "会議」", false}, /* 「 never ends a line */
    {"「会議」", "」", false},
    {"（写し）", "写し）", false},
    {"（写し）", "）", false},
    {"確認！", "！", false},
    {"確認？", "？", false},
    {"キャッシュ", "ャッシュ", false}, /* small kana */
    {"キャッシュ", "ッシュ", false},
    {"キャッシュ", "シュ", true},
    {"きっぷ", "っぷ", false},
    {"データー", "ー", false},
    {"人々", "々", false},
    {"書庫A棚", "A棚", true},
    {"書庫A棚", "棚", true},
    {"USBメモリ", "SBメモリ", false}, /* inside a word */
    {"USBメモリ", "メモリ", true},
    {"DI-0QTJ3DRH-Q", "0QTJ3DRH-Q", false}, /* a code is one word */
    {"2026-10-01", "10-01", false},
    {"the meeting", "meeting", true},
    {"the meeting", " meeting", true},
    {"the meeting", "eeting", false},
    {"集計(10月)", "10月)", false}, /* ( never ends a line */
    {"集計(10月)", ")", false},
};

static void test_break_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof brks / sizeof brks[0]; i++) {
        const char *at = strstr(brks[i].s, brks[i].before);
        assert_non_null(at);
        /* The last occurrence, so "」" means the closing one. */
        for (const char *p = at; (p = strstr(p + 1, brks[i].before));)
            at = p;
        bool ok = dc_text_break_ok(brks[i].s, (size_t)(at - brks[i].s));
        if (ok != brks[i].ok)
            fail_msg("case %zu: break in %s before %s: %d, want %d", i, brks[i].s, brks[i].before,
                     ok, brks[i].ok);
    }
}

typedef struct {
    const char *s;
    size_t fit;
    const char *line; /* what goes on the line */
} end_case_t;

static const end_case_t ends[] = {
    {"会議資料", 12, "会議資料"},            /* all of it fits */
    {"会議資料を作成", 12, "会議資料"},      /* break between kanji */
    {"会議資料、作成", 12, "会議資"},        /* 、 would start the next line */
    {"会議資料、作成", 15, "会議資料、"},    /* 、 stays at the end */
    {"「会議」資料", 3, "「"},               /* nothing else possible: cut */
    {"資料「会議」", 9, "資料"},             /* 「 moves down with its word */
    {"the meeting room", 13, "the meeting"}, /* back to the space */
    {"USBメモリ", 2, "US"},                  /* a word wider than the line is cut */
    {"USBメモリ", 3, "USB"},                 /* メ starts the next line */
    {"あいう", 0, "あ"},                     /* at least one character */
    {"ロッカー", 9, "ロッ"},                 /* ー cannot start the next line */
    {"キャッシュ", 6, "キャ"},               /* no allowed break: cut where it fits */
    {"ab\ncd", 2, "ab"},
    {"取扱者指定 9 指定解除 1", 27, "取扱者指定 9"}, /* a space rather than inside 指定解除 */
    {"あ いうえおかきくけこ", 25, "あ いうえおかきく"}, /* a space too far back: between kana */
};

static void test_line_end(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t n = dc_text_line_end(ends[i].s, ends[i].fit);
        if (n != strlen(ends[i].line) || strncmp(ends[i].s, ends[i].line, n) != 0)
            fail_msg("case %zu: %s fitting %zu ends after %zu, want %s", i, ends[i].s, ends[i].fit,
                     n, ends[i].line);
    }
    assert_string_equal(dc_text_skip_spaces("  next"), "next");
    assert_string_equal(dc_text_skip_spaces("\nnext"), "next");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit),          cmocka_unit_test(test_long_title_not_blank),
        cmocka_unit_test(test_copy_refuses), cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_break_rules),  cmocka_unit_test(test_line_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
