#include "ui/script.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *verb;
    dc_act_kind_t kind;
} verbs[] = {
    {"scan", DC_ACT_SCAN},       {"tap", DC_ACT_TAP},       {"keys", DC_ACT_KEYS},
    {"wait", DC_ACT_WAIT},       {"shot", DC_ACT_SHOT},     {"frames", DC_ACT_FRAMES},
    {"latency", DC_ACT_LATENCY}, {"expect", DC_ACT_EXPECT}, {"absent", DC_ACT_ABSENT},
};

bool dc_script_parse(char *line, dc_action_t *out, const char **why)
{
    memset(out, 0, sizeof *out);
    *why = NULL;
    char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    out->verb = p;
    out->arg = "";
    if (!*p || *p == '#')
        return true;
    char *arg = strchr(p, ' ');
    if (arg) {
        *arg++ = '\0';
        while (*arg == ' ')
            arg++;
        out->arg = arg;
    }
    out->kind = DC_ACT_NONE;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcmp(p, verbs[i].verb) == 0)
            out->kind = verbs[i].kind;
    }
    if (out->kind == DC_ACT_NONE) {
        *why = "unknown action";
        return false;
    }
    if (out->kind == DC_ACT_WAIT) {
        char *end;
        double s = strtod(out->arg, &end);
        /* A day at most: a script never waits longer, and the clock stays in range. */
        if (end == out->arg || *end || !(s >= 0 && s <= 86400.0) || isnan(s)) {
            *why = "wait needs seconds";
            return false;
        }
        out->ms = (long)(s * 1000);
    } else if (out->kind == DC_ACT_FRAMES) {
        char *end;
        out->count = strtol(out->arg, &end, 10);
        if (end == out->arg || *end || out->count < 10 || out->count > 100000) {
            *why = "frames needs a count from 10";
            return false;
        }
    }
    return true;
}
