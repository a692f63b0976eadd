/* Kana-kanji conversion (platform/ime.c, Anthy): readings a ward office types convert to the
 * words it writes (たなか → 田中, かいぎ → 会議, とうきょう → 東京, やまだはなこ → 山田 花子 in
 * two segments); segments can be resized and committed; and nothing is written to any home
 * directory (the kiosk's file system is read-only): HOME and XDG_CONFIG_HOME point at an empty
 * folder made read-only, which must still be empty afterwards, and the password database's home
 * gains no .anthy. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "platform/ime.h"

static char home[512];
static char pw_anthy[512]; /* ~/.anthy by the password database, where Anthy would write */
static bool pw_anthy_before;

static int setup(void **state)
{
    (void)state;
    if (dc_fx_tmpdir(home, sizeof home, "ime") != 0)
        return -1;
    if (chmod(home, 0555) != 0)
        return -1;
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", home, 1);
    const struct passwd *pw = getpwuid(getuid());
    snprintf(pw_anthy, sizeof pw_anthy, "%s/.anthy", pw && pw->pw_dir ? pw->pw_dir : "/");
    struct stat st;
    pw_anthy_before = stat(pw_anthy, &st) == 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    chmod(home, 0755);
    return 0;
}

/* True when segment seg of the conversion offers want among its candidates. */
static bool offers(dc_ime_t *ime, int seg, const char *want)
{
    char c[256];
    for (int i = 0; i < dc_ime_candidates(ime, seg); i++) {
        assert_int_equal(dc_ime_candidate(ime, seg, i, c, sizeof c), DC_E_OK);
        if (strcmp(c, want) == 0)
            return true;
    }
    return false;
}

static void test_words(void **state)
{
    (void)state;
    static const struct {
        const char *reading, *word;
    } cases[] = {
        {"たなか", "田中"},     {"かいぎ", "会議"},         {"とうきょう", "東京"},
        {"じゅうみん", "住民"}, {"せつめいかい", "説明会"},
    };
    dc_ime_t *ime;
    assert_int_equal(dc_ime_open(&ime), DC_E_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = 0;
        assert_int_equal(dc_ime_convert(ime, cases[i].reading, &n), DC_E_OK);
        assert_int_equal(n, 1);
        if (!offers(ime, 0, cases[i].word))
            fail_msg("%s: %s is not among the candidates", cases[i].reading, cases[i].word);
        char r[64];
        assert_int_equal(dc_ime_candidate(ime, 0, DC_IME_READING, r, sizeof r), DC_E_OK);
        assert_string_equal(r, cases[i].reading);
    }
    dc_ime_close(ime);
}

static void test_segments(void **state)
{
    (void)state;
    dc_ime_t *ime;
    char c[64], r0[64], r1[64];
    int n;
    assert_int_equal(dc_ime_open(&ime), DC_E_OK);
    assert_int_equal(dc_ime_convert(ime, "やまだはなこ", &n), DC_E_OK);
    assert_int_equal(n, 2);
    assert_int_equal(dc_ime_segments(ime), 2);
    assert_true(offers(ime, 0, "山田"));
    assert_true(offers(ime, 1, "花子"));
    assert_int_equal(dc_ime_candidate(ime, 0, DC_IME_READING, r0, sizeof r0), DC_E_OK);
    assert_string_equal(r0, "やまだ");
    /* One kana longer: やまだは, then the rest cut again; the readings still add up to what was
     * typed. */
    n = dc_ime_resize(ime, 0, 1);
    assert_true(n >= 2);
    assert_int_equal(dc_ime_candidate(ime, 0, DC_IME_READING, r0, sizeof r0), DC_E_OK);
    assert_string_equal(r0, "やまだは");
    char all[128] = "";
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        assert_int_equal(dc_ime_candidate(ime, i, DC_IME_READING, r1, sizeof r1), DC_E_OK);
        int w = snprintf(all + len, sizeof all - len, "%s", r1);
        assert_true(w >= 0 && (size_t)w < sizeof all - len);
        len += (size_t)w;
    }
    assert_string_equal(all, "やまだはなこ");
    /* And back. */
    n = dc_ime_resize(ime, 0, -1);
    assert_int_equal(dc_ime_candidate(ime, 0, DC_IME_READING, r0, sizeof r0), DC_E_OK);
    assert_string_equal(r0, "やまだ");
    /* Converted again from the start, the two words come back. */
    assert_int_equal(dc_ime_convert(ime, "やまだはなこ", &n), DC_E_OK);
    assert_int_equal(n, 2);
    /* Out of range: refused, not read past. */
    assert_int_equal(dc_ime_candidate(ime, 5, 0, c, sizeof c), DC_E_NOT_FOUND);
    assert_int_equal(dc_ime_candidate(ime, 0, 999, c, sizeof c), DC_E_NOT_FOUND);
    assert_int_equal(dc_ime_candidate(ime, 0, 0, c, 2), DC_E_TOO_LONG);
    assert_int_equal(dc_ime_candidates(ime, -1), 0);
    /* Commit needs a choice for every segment, each in range. */
    int bad[2] = {0, 999};
    assert_int_equal(dc_ime_commit(ime, bad, 2), DC_E_USAGE);
    assert_int_equal(dc_ime_commit(ime, bad, 1), DC_E_USAGE);
    int ok[2] = {0, 0};
    n = dc_ime_segments(ime);
    assert_int_equal(n, 2);
    assert_int_equal(dc_ime_commit(ime, ok, n), DC_E_OK);
    assert_int_equal(dc_ime_segments(ime), 0);
    /* Empty and over-long readings are refused. */
    assert_int_equal(dc_ime_convert(ime, "", &n), DC_E_USAGE);
    char longer[DC_IME_READING_MAX + 4];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(dc_ime_convert(ime, longer, &n), DC_E_TOO_LONG);
    dc_ime_close(ime);
}

static void test_two_handles(void **state)
{
    (void)state;
    dc_ime_t *a, *b;
    assert_int_equal(dc_ime_open(&a), DC_E_OK);
    assert_int_equal(dc_ime_open(&b), DC_E_OK);
    assert_int_equal(dc_ime_convert(a, "かいぎ", NULL), DC_E_OK);
    dc_ime_close(b); /* Anthy stays up for a */
    assert_true(offers(a, 0, "会議"));
    dc_ime_close(a);
}

static void test_katakana(void **state)
{
    (void)state;
    char out[64];
    assert_true(dc_ime_katakana("やまだ はなこ", out, sizeof out));
    assert_string_equal(out, "ヤマダ ハナコ");
    assert_true(dc_ime_katakana("きょうゔぁっー山田A", out, sizeof out));
    assert_string_equal(out, "キョウヴァッー山田A");
    assert_false(dc_ime_katakana("あいう", out, 7)); /* two of three fit, with the NUL */
    assert_string_equal(out, "アイ");
    /* And back, for a reading typed in katakana before 変換. */
    assert_true(dc_ime_hiragana("ヤマダ ハナコヴー", out, sizeof out));
    assert_string_equal(out, "やまだ はなこゔー");
    assert_true(dc_ime_is_kana("やまだハナコー"));
    assert_false(dc_ime_is_kana("山田"));
    assert_false(dc_ime_is_kana("やまだ はなこ")); /* a space is not converted */
    assert_false(dc_ime_is_kana("abc"));
    assert_true(dc_ime_is_kana(""));
}

/* Runs last: after every conversion and commit above, no file anywhere Anthy could keep one. */
static void test_nothing_written(void **state)
{
    (void)state;
    DIR *d = opendir(home);
    assert_non_null(d);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    assert_int_equal(entries, 0);
    struct stat st;
    if (!pw_anthy_before)
        assert_int_not_equal(stat(pw_anthy, &st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),           cmocka_unit_test(test_segments),
        cmocka_unit_test(test_two_handles),     cmocka_unit_test(test_katakana),
        cmocka_unit_test(test_nothing_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
