/* The one CSV cell encoder (core/csv.h): what a spreadsheet would turn into a formula, a number
 * or a date is quoted and marked; numbers and our own dates stay bare; the result reads back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/csv.h"

typedef struct {
    const char *in;
    dc_csv_kind_t kind;
    const char *out;
} cell_case_t;

static const cell_case_t cases[] = {
    /* Formulas and commands, ASCII and full-width, also after spaces. */
    {"=1+1", DC_CSV_TEXT, "\"'=1+1\""},
    {"=HYPERLINK(\"http://x/\",\"y\")", DC_CSV_TEXT,
     "\"'=HYPERLINK(\"\"http://x/\"\",\"\"y\"\")\""},
    {"+1", DC_CSV_TEXT, "\"'+1\""},
    {"-1+2", DC_CSV_TEXT, "\"'-1+2\""},
    {"@SUM(A1)", DC_CSV_TEXT, "\"'@SUM(A1)\""},
    {"\t=1", DC_CSV_TEXT, "\"'\t=1\""},
    {"\r=1", DC_CSV_TEXT, "\"'\r=1\""},
    {"\n=1", DC_CSV_TEXT, "\"'\n=1\""},
    {"  =1", DC_CSV_TEXT, "\"'  =1\""},
    {"\xE3\x80\x80=1", DC_CSV_TEXT, "\"'\xE3\x80\x80=1\""}, /* ideographic space */
    {"＝１＋１", DC_CSV_TEXT, "\"'＝１＋１\""},
    {"＋１", DC_CSV_TEXT, "\"'＋１\""},
    {"－１", DC_CSV_TEXT, "\"'－１\""},
    {"＠A", DC_CSV_TEXT, "\"'＠A\""},
    /* What would open as a number, a date, money or a truth value. */
    {"0012345", DC_CSV_TEXT, "\"'0012345\""},
    {"2026-10-01", DC_CSV_TEXT, "\"'2026-10-01\""},
    {"10:00", DC_CSV_TEXT, "\"'10:00\""},
    {"１２３", DC_CSV_TEXT, "\"'１２３\""},
    {".5", DC_CSV_TEXT, "\"'.5\""},
    {"(100)", DC_CSV_TEXT, "\"'(100)\""},
    {"$5", DC_CSV_TEXT, "\"'$5\""},
    {"¥500", DC_CSV_TEXT, "\"'¥500\""},
    {"￥500", DC_CSV_TEXT, "\"'￥500\""},
    {"TRUE", DC_CSV_TEXT, "\"'TRUE\""},
    {"false", DC_CSV_TEXT, "\"'false\""},
    {"令和8年10月1日", DC_CSV_TEXT, "\"'令和8年10月1日\""},
    {"平成元年", DC_CSV_TEXT, "\"'平成元年\""},
    /* Ordinary text: bare, quoted only around a separator, quotes doubled. */
    {"住民異動届 綴り", DC_CSV_TEXT, "住民異動届 綴り"},
    {"名称", DC_CSV_TEXT, "名称"}, /* 名 is U+540D: its low byte is CR's */
    {"TRUEST", DC_CSV_TEXT, "TRUEST"},
    {"令和の記録", DC_CSV_TEXT, "令和の記録"},
    {"it's", DC_CSV_TEXT, "it's"},
    {"-", DC_CSV_TEXT, "-"},
    {"--", DC_CSV_TEXT, "\"'--\""},
    {"say \"hi\"", DC_CSV_TEXT, "\"say \"\"hi\"\"\""},
    {"a,b\r\nc", DC_CSV_TEXT, "\"a,b\r\nc\""},
    {"", DC_CSV_TEXT, ""},
    {"DI-0QTJ3DRH-Q", DC_CSV_TEXT, "DI-0QTJ3DRH-Q"},
    {"1,2", DC_CSV_TEXT, "\"'1,2\""},
    /* Numbers: plain integers bare, anything else as text. */
    {"294", DC_CSV_NUMBER, "294"},
    {"0", DC_CSV_NUMBER, "0"},
    {"-5", DC_CSV_NUMBER, "-5"},
    {"", DC_CSV_NUMBER, ""},
    {"007", DC_CSV_NUMBER, "\"'007\""},
    {"1234567890123456", DC_CSV_NUMBER, "\"'1234567890123456\""}, /* 16 digits lose precision */
    {"=1", DC_CSV_NUMBER, "\"'=1\""},
    {"1e5", DC_CSV_NUMBER, "\"'1e5\""},
    /* Dates: our ISO forms bare, anything else as text. */
    {"2026-10-01", DC_CSV_DATE, "2026-10-01"},
    {"10:00", DC_CSV_DATE, "10:00"},
    {"2026-10-01 10:00", DC_CSV_DATE, "2026-10-01 10:00"},
    {"", DC_CSV_DATE, ""},
    {"2026/10/01", DC_CSV_DATE, "\"'2026/10/01\""},
    {"2026-10-01T10:00", DC_CSV_DATE, "\"'2026-10-01T10:00\""},
    {"=NOW()", DC_CSV_DATE, "\"'=NOW()\""},
    {"未返却", DC_CSV_DATE, "未返却"},
};

static void test_cells(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        size_t n = dc_csv_cell(cases[i].in, cases[i].kind, out, sizeof out);
        if (strcmp(out, cases[i].out) != 0 || n != strlen(cases[i].out))
            fail_msg("case %zu: %s -> %s, want %s", i, cases[i].in, out, cases[i].out);
    }
}

typedef struct {
    char got[256];
} one_t;

static int take(int line, const char *const *f, int n, void *ctx)
{
    (void)line;
    assert_int_equal(n, 1);
    snprintf(((one_t *)ctx)->got, sizeof((one_t *)ctx)->got, "%s", f[0]);
    return 0;
}

/* What the encoder writes, the program's own reader reads back: the text, after the mark when it
 * was risky. */
static void test_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (!cases[i].in[0])
            continue;
        char out[256], want[256];
        size_t n = dc_csv_cell(cases[i].in, cases[i].kind, out, sizeof out);
        one_t one = {""};
        assert_int_equal(dc_csv_parse(out, n, take, &one, NULL), DC_E_OK);
        bool bare = out[0] != '"';
        snprintf(want, sizeof want, "%s%s", !bare && dc_csv_risky(cases[i].in) ? "'" : "",
                 cases[i].in);
        if (strcmp(one.got, want) != 0)
            fail_msg("case %zu: read back %s, want %s", i, one.got, want);
    }
}

/* A buffer too small gets what fits and a NUL; the return says how much was needed. */
static void test_small_buffer(void **state)
{
    (void)state;
    char out[4];
    assert_int_equal(dc_csv_cell("=1+1", DC_CSV_TEXT, out, sizeof out), 7);
    assert_string_equal(out, "\"'=");
    assert_int_equal(dc_csv_cell("=1+1", DC_CSV_TEXT, NULL, 0), 7);
    char big[8];
    assert_int_equal(dc_csv_cell("=1+1", DC_CSV_TEXT, big, sizeof big), 7);
    assert_string_equal(big, "\"'=1+1\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
