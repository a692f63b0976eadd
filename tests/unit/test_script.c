/* The kiosk's script format: every action, comments and blanks, and the lines it refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui/script.h"

static void test_actions(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        bool ok;
        dc_act_kind_t kind;
        const char *arg; /* or, when refused, the reason */
        long num;        /* wait: ms; frames: count */
    } rows[] = {
        {"scan DB-7K3M9Q2X-4", true, DC_ACT_SCAN, "DB-7K3M9Q2X-4", 0},
        {"  tap 持ち出し", true, DC_ACT_TAP, "持ち出し", 0},
        {"tap   return to menu", true, DC_ACT_TAP, "return to menu", 0},
        {"keys 1234", true, DC_ACT_KEYS, "1234", 0},
        {"wait 1.5", true, DC_ACT_WAIT, "1.5", 1500},
        {"wait 0", true, DC_ACT_WAIT, "0", 0},
        {"shot home", true, DC_ACT_SHOT, "home", 0},
        {"frames 200", true, DC_ACT_FRAMES, "200", 200},
        {"latency DI-7K3M9Q2X-4", true, DC_ACT_LATENCY, "DI-7K3M9Q2X-4", 0},
        {"expect 記録しました", true, DC_ACT_EXPECT, "記録しました", 0},
        {"scan", true, DC_ACT_SCAN, "", 0},
        {"", true, DC_ACT_NONE, "", 0},
        {"   ", true, DC_ACT_NONE, "", 0},
        {"# a comment", true, DC_ACT_NONE, "", 0},
        {"\t# indented", true, DC_ACT_NONE, "", 0},
        {"press 確定", false, DC_ACT_NONE, "unknown action", 0},
        {"Scan DB-1", false, DC_ACT_NONE, "unknown action", 0},
        {"wait soon", false, DC_ACT_WAIT, "wait needs seconds", 0},
        {"wait -1", false, DC_ACT_WAIT, "wait needs seconds", 0},
        {"wait 1e9", false, DC_ACT_WAIT, "wait needs seconds", 0},
        {"wait nan", false, DC_ACT_WAIT, "wait needs seconds", 0},
        {"wait", false, DC_ACT_WAIT, "wait needs seconds", 0},
        {"frames 5", false, DC_ACT_FRAMES, "frames needs a count from 10", 0},
        {"frames lots", false, DC_ACT_FRAMES, "frames needs a count from 10", 0},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        char line[128];
        snprintf(line, sizeof line, "%s", rows[r].line);
        dc_action_t a;
        const char *why = "unset";
        bool ok = dc_script_parse(line, &a, &why);
        if (ok != rows[r].ok || a.kind != rows[r].kind)
            fail_msg("row %zu '%s': ok %d kind %d", r, rows[r].line, ok, (int)a.kind);
        if (ok) {
            assert_null(why);
            assert_string_equal(a.arg, rows[r].arg);
            if (a.kind == DC_ACT_WAIT)
                assert_int_equal(a.ms, rows[r].num);
            if (a.kind == DC_ACT_FRAMES)
                assert_int_equal(a.count, rows[r].num);
        } else {
            assert_string_equal(why, rows[r].arg);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_actions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
