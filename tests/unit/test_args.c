/* daicho-admin's option parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cli/args.h"

static const char spec[] = "item=* actor= masked due=";

static bool parse(dc_args_t *a, int argc, const char *const *argv)
{
    return dc_args_parse(a, spec, argc, (char **)argv);
}

static void test_values_flags_repeats(void **state)
{
    (void)state;
    const char *argv[] = {"--item",   "A",     "--actor=B",  "--masked", "pos1",
                          "--item=C", "--due", "2026-10-09", "--",       "--item"};
    dc_args_t a;
    assert_true(parse(&a, 10, argv));
    assert_string_equal(dc_args_get(&a, "actor"), "B");
    assert_string_equal(dc_args_get(&a, "due"), "2026-10-09");
    assert_true(dc_args_flag(&a, "masked"));
    assert_false(dc_args_flag(&a, "locked-bag"));
    assert_null(dc_args_get(&a, "item-x"));
    const char *items[4];
    assert_int_equal(dc_args_all(&a, "item", items, 4), 2);
    assert_string_equal(items[0], "A");
    assert_string_equal(items[1], "C");
    /* After "--" everything is positional. */
    assert_int_equal(a.npos, 2);
    assert_string_equal(a.pos[0], "pos1");
    assert_string_equal(a.pos[1], "--item");
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        int argc;
        const char *argv[3];
        const char *says;
    } cases[] = {
        {1, {"--bogus"}, "unknown option --bogus"},
        {1, {"--actor"}, "--actor needs a value"},
        {2, {"--actor=a", "--actor=b"}, "--actor given twice"},
        {1, {"--masked=yes"}, "--masked takes no value"},
        {1, {"--act"}, "unknown option --act"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dc_args_t a;
        assert_false(parse(&a, cases[i].argc, cases[i].argv));
        assert_string_equal(a.error, cases[i].says);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_flags_repeats),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
