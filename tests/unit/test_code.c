/* Label and badge codes: making, parsing, normalising, and refusing misreads (core/code.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/code.h"

#define N_ROUND_TRIP 2000 /* codes of each type */
#define N_MISREAD 100     /* codes of each type for substitutions and swaps */

static const char code_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"; /* the 37 */
static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static const dc_code_type_t both_types[] = {DC_CODE_ITEM, DC_CODE_BADGE};

/* splitmix64: deterministic pseudo-random bytes, so a failure can be replayed. */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static void random_bytes(uint64_t *s, uint8_t out[DC_CODE_RANDOM_BYTES])
{
    uint64_t r = next_random(s);
    for (int i = 0; i < DC_CODE_RANDOM_BYTES; i++)
        out[i] = (uint8_t)(r >> (8 * i));
}

static int value_of(char c)
{
    const char *p = c ? strchr(code_chars, c) : NULL;
    return p ? (int)(p - code_chars) : -1;
}

/* The check character as code.h describes it, computed independently of code.c: weights 2..13
 * on the first 12 characters, weight 1 on the check, the total 0 modulo 37. */
static char ref_check(const char *code)
{
    int sum = 0;
    for (int i = 0; i < DC_CODE_LEN - 1; i++)
        sum += (i + 2) * value_of(code[i]);
    return code_chars[(37 - sum % 37) % 37];
}

/* The 8 Crockford characters of 40 random bits, most significant first. */
static void ref_body(const uint8_t rnd[DC_CODE_RANDOM_BYTES], char body[9])
{
    uint64_t bits = 0;
    for (int i = 0; i < DC_CODE_RANDOM_BYTES; i++)
        bits = (bits << 8) | rnd[i];
    for (int i = 7; i >= 0; i--) {
        body[i] = crockford[bits & 31];
        bits >>= 5;
    }
    body[8] = '\0';
}

static dc_code_type_t type_at(size_t n)
{
    return both_types[n % 2];
}

/* n codes alternating item and badge from a fixed seed. */
static void make_codes(char (*codes)[DC_CODE_MAX], size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t rnd[DC_CODE_RANDOM_BYTES];
        random_bytes(&seed, rnd);
        dc_code_make(type_at(i), rnd, codes[i]);
    }
}

/* Parse exactly len bytes from a heap copy with no terminator, so ASan sees any over-read. */
static dc_err_t parse_exact(const char *in, size_t len, dc_code_type_t *type, char out[DC_CODE_MAX])
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    if (len)
        memcpy(copy, in, len);
    memset(out, 'X', DC_CODE_MAX);
    dc_err_t e = dc_code_parse(copy, len, type, out);
    free(copy);
    return e;
}

static void test_make_parse_round_trip(void **state)
{
    (void)state;
    for (size_t t = 0; t < 2; t++) {
        uint64_t seed = UINT64_C(0xda1c40) + t;
        int stepped = 0;
        for (int n = 0; n < N_ROUND_TRIP; n++) {
            uint8_t rnd[DC_CODE_RANDOM_BYTES];
            random_bytes(&seed, rnd);
            char code[DC_CODE_MAX];
            memset(code, 0x55, sizeof code);
            dc_code_make(both_types[t], rnd, code);

            assert_int_equal(strlen(code), DC_CODE_LEN);
            assert_int_equal(code[0], 'D');
            assert_int_equal(code[1], both_types[t] == DC_CODE_BADGE ? 'B' : 'I');
            assert_int_equal(code[2], '-');
            assert_int_equal(code[11], '-');
            assert_int_not_equal(code[12], '-');
            for (int i = 0; i < DC_CODE_LEN; i++)
                assert_true(value_of(code[i]) >= 0);
            for (int i = 3; i < 11; i++)
                assert_non_null(strchr(crockford, code[i]));
            assert_int_equal(code[12], ref_check(code));

            /* The body is the random bits, except that the last character steps once when the
             * check would otherwise have been "-". */
            char body[9];
            ref_body(rnd, body);
            assert_memory_equal(code + 3, body, 7);
            if (code[10] != body[7]) {
                stepped++;
                char plain[DC_CODE_MAX];
                memcpy(plain, code, sizeof plain);
                plain[10] = body[7];
                assert_int_equal(ref_check(plain), '-');
                size_t at = (size_t)(strchr(crockford, body[7]) - crockford);
                assert_int_equal(code[10], crockford[(at + 1) % 32]);
            }

            dc_code_type_t got = (dc_code_type_t)-1;
            char out[DC_CODE_MAX];
            assert_int_equal(parse_exact(code, DC_CODE_LEN, &got, out), DC_E_OK);
            assert_string_equal(out, code);
            assert_int_equal(got, both_types[t]);
            assert_int_equal(dc_code_expect(code, strlen(code), both_types[t], out), DC_E_OK);
            assert_string_equal(out, code);
        }
        /* About 1 in 37 codes needs the step: make sure the branch was exercised. */
        assert_true(stepped > 10);
        assert_true(stepped < 200);
    }
}

static void test_known_codes(void **state)
{
    (void)state;
    /* Worked by hand from code.h with D=13 I=18 B=11 Z=35 -=36 and weights 2..13:
     * DI-00000000: 2*13+3*18+4*36+13*36 = 692 = 26 (mod 37), check 37-26 = 11 = "B".
     * DB-00000000: 671 = 5, check 32 = "W". DB-ZZZZZZZZ: 3051 = 17, check 20 = "K".
     * DI-ZZZZZZZZ: 3072 = 1 would need the check "-", so the last body character steps from Z
     * round to 0: 3072-12*35 = 2652 = 25, check 12 = "C". */
    static const struct {
        uint8_t rnd[DC_CODE_RANDOM_BYTES];
        dc_code_type_t type;
        const char *code;
    } known[] = {
        {{0, 0, 0, 0, 0}, DC_CODE_ITEM, "DI-00000000-B"},
        {{0, 0, 0, 0, 0}, DC_CODE_BADGE, "DB-00000000-W"},
        {{0xff, 0xff, 0xff, 0xff, 0xff}, DC_CODE_ITEM, "DI-ZZZZZZZ0-C"},
        {{0xff, 0xff, 0xff, 0xff, 0xff}, DC_CODE_BADGE, "DB-ZZZZZZZZ-K"},
        {{0x00, 0x00, 0x00, 0x00, 0x21}, DC_CODE_ITEM, "DI-00000011-P"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        char code[DC_CODE_MAX];
        memset(code, 0x55, sizeof code);
        dc_code_make(known[i].type, known[i].rnd, code);
        assert_string_equal(code, known[i].code);
        dc_code_type_t got;
        char out[DC_CODE_MAX];
        assert_int_equal(parse_exact(code, strlen(code), &got, out), DC_E_OK);
        assert_string_equal(out, known[i].code);
        assert_int_equal(got, known[i].type);
    }
}

static void test_every_substitution_refused(void **state)
{
    (void)state;
    static char codes[2 * N_MISREAD][DC_CODE_MAX];
    make_codes(codes, 2 * N_MISREAD, UINT64_C(0x5b57));
    long tried = 0;
    for (size_t k = 0; k < 2 * N_MISREAD; k++) {
        for (int pos = 0; pos < DC_CODE_LEN; pos++) {
            for (const char *c = code_chars; *c; c++) {
                if (*c == codes[k][pos])
                    continue;
                char bad[DC_CODE_MAX];
                memcpy(bad, codes[k], sizeof bad);
                bad[pos] = *c;
                dc_err_t want = DC_E_CODE_CHECK;
                if (pos == 0 || (pos == 1 && *c != 'I' && *c != 'B'))
                    want = DC_E_CODE_FORMAT;
                dc_code_type_t got;
                char out[DC_CODE_MAX];
                dc_err_t e = parse_exact(bad, DC_CODE_LEN, &got, out);
                if (e != want)
                    print_error("substitution %s -> %s\n", codes[k], bad);
                assert_int_equal(e, want);
                assert_int_equal(out[0], '\0');
                tried++;
            }
        }
    }
    assert_int_equal(tried, 2L * N_MISREAD * DC_CODE_LEN * 36);
}

static void test_every_adjacent_swap_refused(void **state)
{
    (void)state;
    static char codes[2 * N_MISREAD][DC_CODE_MAX];
    make_codes(codes, 2 * N_MISREAD, UINT64_C(0x5a9));
    long tried = 0;
    for (size_t k = 0; k < 2 * N_MISREAD; k++) {
        for (int pos = 0; pos + 1 < DC_CODE_LEN; pos++) {
            if (codes[k][pos] == codes[k][pos + 1])
                continue;
            char bad[DC_CODE_MAX];
            memcpy(bad, codes[k], sizeof bad);
            bad[pos] = codes[k][pos + 1];
            bad[pos + 1] = codes[k][pos];
            dc_err_t want = pos <= 1 ? DC_E_CODE_FORMAT : DC_E_CODE_CHECK;
            dc_code_type_t got;
            char out[DC_CODE_MAX];
            dc_err_t e = parse_exact(bad, DC_CODE_LEN, &got, out);
            if (e != want)
                print_error("swap %s -> %s\n", codes[k], bad);
            assert_int_equal(e, want);
            assert_int_equal(out[0], '\0');
            tried++;
        }
    }
    /* Positions 0-1, 1-2, 2-3, 10-11 and 11-12 always differ. */
    assert_true(tried >= 2L * N_MISREAD * 5);
}

typedef struct {
    const char *s;
    size_t n;
} bytes_t;

#define B(lit)                                                                                     \
    {                                                                                              \
        lit, sizeof lit - 1                                                                        \
    }

static void test_normalisation(void **state)
{
    (void)state;
    static const struct {
        bytes_t pre, post;
        int lower; /* 0 as is, 1 all lower case, 2 every other letter lower case */
    } cases[] = {
        {B(""), B(""), 0},
        {B(""), B(""), 1},
        {B(""), B(""), 2},
        {B(" "), B(" "), 0},
        {B("   "), B(""), 1},
        {B(""), B("  "), 0},
        {B("\t"), B("\r\n"), 0},
        {B(""), B("\n"), 1},
        {B(""), B("\r\n"), 2},
        {B("\r\n"), B("\r\n"), 0},
        {B(" \t \t"), B("\t\t  \r\n"), 1},
        {B("\0"), B(""), 0},
        {B(""), B("\0\0"), 0},
        {B("\x01\x02\x03"), B("\x1f"), 0},
        {B("\x1b"), B("\x04"), 1},
        {B("\x0b\x0c"), B("\x0b\x0c"), 0},
        {B(""), B("\x7f"), 0},
        {B(" "), B("\x7f\r\n\x7f"), 2},
        /* DEL before the code is trimmed like DEL after it. */
        {B("\x7f"), B(""), 0},
    };
    static const uint8_t rnd[2][DC_CODE_RANDOM_BYTES] = {{0x12, 0x34, 0x56, 0x78, 0x9a},
                                                         {0xfe, 0xdc, 0xba, 0x98, 0x76}};
    for (size_t t = 0; t < 2; t++) {
        char canon[DC_CODE_MAX];
        dc_code_make(both_types[t], rnd[t], canon);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char in[64];
            size_t n = 0;
            memcpy(in, cases[i].pre.s, cases[i].pre.n);
            n += cases[i].pre.n;
            for (int k = 0; k < DC_CODE_LEN; k++) {
                char c = canon[k];
                bool lower = cases[i].lower == 1 || (cases[i].lower == 2 && k % 2 == 0);
                in[n++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
            }
            memcpy(in + n, cases[i].post.s, cases[i].post.n);
            n += cases[i].post.n;

            dc_code_type_t got = (dc_code_type_t)-1;
            char out[DC_CODE_MAX];
            dc_err_t e = parse_exact(in, n, &got, out);
            if (e != DC_E_OK)
                print_error("normalisation case %zu type %zu: %s\n", i, t, dc_err_name(e));
            assert_int_equal(e, DC_E_OK);
            assert_string_equal(out, canon);
            assert_int_equal(got, both_types[t]);
        }
    }
}

/* Whitespace inside a code is a misread, not something to drop. */
static void test_internal_whitespace_refused(void **state)
{
    (void)state;
    static const uint8_t rnd[DC_CODE_RANDOM_BYTES] = {1, 2, 3, 4, 5};
    static const char blanks[] = {' ', '\t', '\n', '\r', '\0'};
    char canon[DC_CODE_MAX];
    dc_code_make(DC_CODE_ITEM, rnd, canon);
    for (size_t b = 0; b < sizeof blanks; b++) {
        for (int pos = 1; pos < DC_CODE_LEN; pos++) {
            /* inserted */
            char in[DC_CODE_MAX + 1];
            memcpy(in, canon, (size_t)pos);
            in[pos] = blanks[b];
            memcpy(in + pos + 1, canon + pos, (size_t)(DC_CODE_LEN - pos));
            dc_code_type_t got;
            char out[DC_CODE_MAX];
            assert_int_equal(parse_exact(in, DC_CODE_LEN + 1, &got, out), DC_E_CODE_CHARS);
            assert_int_equal(out[0], '\0');
            /* replacing a character (not the last: that would be trimmed) */
            if (pos < DC_CODE_LEN - 1) {
                memcpy(in, canon, DC_CODE_LEN);
                in[pos] = blanks[b];
                assert_int_equal(parse_exact(in, DC_CODE_LEN, &got, out), DC_E_CODE_CHARS);
                assert_int_equal(out[0], '\0');
            }
        }
    }
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        bytes_t in;
        dc_err_t want;
    } cases[] = {
        {B(""), DC_E_CODE_EMPTY},
        {B(" "), DC_E_CODE_EMPTY},
        {B("          "), DC_E_CODE_EMPTY},
        {B("\t\r\n"), DC_E_CODE_EMPTY},
        {B("\0"), DC_E_CODE_EMPTY},
        {B("\0\0\0 \0"), DC_E_CODE_EMPTY},
        {B("\x7f"), DC_E_CODE_EMPTY},
        {B(" \x01 \x7f\r\n"), DC_E_CODE_EMPTY},
        {B("DI-00000000-B@"), DC_E_CODE_CHARS},
        {B("DI-0000@000-B"), DC_E_CODE_CHARS},
        {B("DI:00000000:B"), DC_E_CODE_CHARS},
        {B("DI-0000*000-B"), DC_E_CODE_CHARS},
        {B("DI_00000000_B"), DC_E_CODE_CHARS},
        {B("DI-00000000.B"), DC_E_CODE_CHARS},
        {B("DI-00000000/B"), DC_E_CODE_CHARS},
        {B("DI-00000000+B"), DC_E_CODE_CHARS},
        {B("@"), DC_E_CODE_CHARS},
        {B("*"), DC_E_CODE_CHARS},
        {B("http://example.com/"), DC_E_CODE_CHARS},
        {B("DI-0000\303\25100-B"), DC_E_CODE_CHARS},       /* é */
        {B("\xef\xbc\xa4I-00000000-B"), DC_E_CODE_CHARS},  /* full-width Ｄ */
        {B("\357\273\277DI-00000000-B"), DC_E_CODE_CHARS}, /* BOM */
        {B("DI-00000000-B\x80"), DC_E_CODE_CHARS},
        {B("\xff"), DC_E_CODE_CHARS},
        {B("DI-00000000-"), DC_E_CODE_FORMAT},
        {B("DI-00000000-BB"), DC_E_CODE_FORMAT},
        {B("DI-0000000-B"), DC_E_CODE_FORMAT},
        {B("DI-000000000-B"), DC_E_CODE_FORMAT},
        {B("D"), DC_E_CODE_FORMAT},
        {B("-"), DC_E_CODE_FORMAT},
        {B("DX-00000000-B"), DC_E_CODE_FORMAT},
        {B("XI-00000000-B"), DC_E_CODE_FORMAT},
        {B("ID-00000000-B"), DC_E_CODE_FORMAT},
        {B("EI-00000000-B"), DC_E_CODE_FORMAT},
        {B("DIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDIDI"), DC_E_CODE_FORMAT},
        {B("DI-00000000-A"), DC_E_CODE_CHECK},
        {B("DI-00000001-B"), DC_E_CODE_CHECK},
        {B("DB-00000000-B"), DC_E_CODE_CHECK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dc_code_type_t got;
        char out[DC_CODE_MAX];
        dc_err_t e = parse_exact(cases[i].in.s, cases[i].in.n, &got, out);
        if (e != cases[i].want)
            print_error("error case %zu: got %s\n", i, dc_err_name(e));
        assert_int_equal(e, cases[i].want);
        assert_int_equal(out[0], '\0');
    }

    /* A length of 0 means nothing was scanned whatever the buffer holds. */
    char out[DC_CODE_MAX];
    dc_code_type_t got;
    assert_int_equal(dc_code_parse("DI-00000000-B", 0, &got, out), DC_E_CODE_EMPTY);
    /* Only len bytes count: a valid code followed by more text in the buffer is still valid. */
    assert_int_equal(dc_code_parse("DI-00000000-B@@@", DC_CODE_LEN, &got, out), DC_E_OK);
    assert_string_equal(out, "DI-00000000-B");

    /* A long scan of allowed characters is a format error and writes nothing out of bounds. */
    char big[4096];
    memset(big, 'A', sizeof big);
    assert_int_equal(parse_exact(big, sizeof big, &got, out), DC_E_CODE_FORMAT);
    assert_int_equal(out[0], '\0');
}

/* Codes whose check is right but which are not in the form: the format is checked too. */
static void test_format_behind_valid_check(void **state)
{
    (void)state;
    static const char *const twelve[] = {
        "DI-0000O000-", /* O is not Crockford */
        "DI-I0000000-", /* I */
        "DI-0000000L-", /* L */
        "DB-U0000000-", /* U */
        "DI0000000000", /* separators replaced */
        "DIA00000000-", "DI-00000000A", "DI--0000000-", "DB-0000000--",
    };
    for (size_t i = 0; i < sizeof twelve / sizeof twelve[0]; i++) {
        char code[DC_CODE_MAX];
        memcpy(code, twelve[i], DC_CODE_LEN - 1);
        code[DC_CODE_LEN - 1] = ref_check(code);
        code[DC_CODE_LEN] = '\0';
        dc_code_type_t got;
        char out[DC_CODE_MAX];
        assert_int_equal(parse_exact(code, DC_CODE_LEN, &got, out), DC_E_CODE_FORMAT);
        assert_int_equal(out[0], '\0');
    }

    /* A check character of "-" satisfies the sum but is refused as a format error. */
    int found = 0;
    for (const char *c = crockford; *c; c++) {
        char code[DC_CODE_MAX] = "DI-0000000?-?";
        code[10] = *c;
        if (ref_check(code) != '-')
            continue;
        code[12] = '-';
        dc_code_type_t got;
        char out[DC_CODE_MAX];
        assert_int_equal(parse_exact(code, DC_CODE_LEN, &got, out), DC_E_CODE_FORMAT);
        found++;
    }
    assert_int_equal(found, 1);
}

static void test_expect(void **state)
{
    (void)state;
    static const uint8_t rnd[DC_CODE_RANDOM_BYTES] = {0xca, 0xfe, 0xba, 0xbe, 0x01};
    char item[DC_CODE_MAX], badge[DC_CODE_MAX];
    dc_code_make(DC_CODE_ITEM, rnd, item);
    dc_code_make(DC_CODE_BADGE, rnd, badge);
    char lower_badge[DC_CODE_MAX + 2] = " ";
    for (int i = 0; i < DC_CODE_LEN; i++) {
        char c = badge[i];
        lower_badge[1 + i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    lower_badge[1 + DC_CODE_LEN] = '\n';

    const struct {
        const char *in;
        size_t n;
        dc_code_type_t want_type;
        dc_err_t want;
        const char *out;
    } cases[] = {
        {item, DC_CODE_LEN, DC_CODE_ITEM, DC_E_OK, item},
        {badge, DC_CODE_LEN, DC_CODE_BADGE, DC_E_OK, badge},
        {lower_badge, DC_CODE_LEN + 2, DC_CODE_BADGE, DC_E_OK, badge},
        {badge, DC_CODE_LEN, DC_CODE_ITEM, DC_E_CODE_WANT_ITEM, ""},
        {lower_badge, DC_CODE_LEN + 2, DC_CODE_ITEM, DC_E_CODE_WANT_ITEM, ""},
        {item, DC_CODE_LEN, DC_CODE_BADGE, DC_E_CODE_WANT_BADGE, ""},
        {"", 0, DC_CODE_ITEM, DC_E_CODE_EMPTY, ""},
        {"DI-00000000-A", DC_CODE_LEN, DC_CODE_ITEM, DC_E_CODE_CHECK, ""},
        {"DI-00000000-A", DC_CODE_LEN, DC_CODE_BADGE, DC_E_CODE_CHECK, ""},
        {"DI-0000@000-B", DC_CODE_LEN, DC_CODE_BADGE, DC_E_CODE_CHARS, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[DC_CODE_MAX];
        memset(out, 'X', sizeof out);
        dc_err_t e = dc_code_expect(cases[i].in, cases[i].n, cases[i].want_type, out);
        if (e != cases[i].want)
            print_error("expect case %zu: got %s\n", i, dc_err_name(e));
        assert_int_equal(e, cases[i].want);
        assert_string_equal(out, cases[i].out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_make_parse_round_trip),
        cmocka_unit_test(test_known_codes),
        cmocka_unit_test(test_every_substitution_refused),
        cmocka_unit_test(test_every_adjacent_swap_refused),
        cmocka_unit_test(test_normalisation),
        cmocka_unit_test(test_internal_whitespace_refused),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_format_behind_valid_check),
        cmocka_unit_test(test_expect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
