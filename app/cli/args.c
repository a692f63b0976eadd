#include "cli/args.h"

#include <stdio.h>
#include <string.h>

/* Find name in spec; sets *value and *repeat from its suffix. */
static bool spec_find(const char *spec, const char *name, size_t len, bool *value, bool *repeat)
{
    const char *p = spec;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ' && *end != '=')
            end++;
        bool v = *end == '=';
        bool r = v && end[1] == '*';
        if ((size_t)(end - p) == len && strncmp(p, name, len) == 0) {
            *value = v;
            *repeat = r;
            return true;
        }
        while (*end && *end != ' ')
            end++;
        p = end;
    }
    return false;
}

bool dc_args_parse(dc_args_t *a, const char *spec, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (!options_done && strcmp(arg, "--") == 0) {
                options_done = true;
                continue;
            }
            if (a->npos == DC_ARGS_MAX) {
                snprintf(a->error, sizeof a->error, "too many arguments");
                return false;
            }
            a->pos[a->npos++] = arg;
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        bool takes, repeat;
        if (!spec_find(spec, name, len, &takes, &repeat)) {
            snprintf(a->error, sizeof a->error, "unknown option --%.*s", (int)len, name);
            return false;
        }
        const char *value = NULL;
        if (takes) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else {
                snprintf(a->error, sizeof a->error, "--%.*s needs a value", (int)len, name);
                return false;
            }
        } else if (eq) {
            snprintf(a->error, sizeof a->error, "--%.*s takes no value", (int)len, name);
            return false;
        }
        for (int k = 0; k < a->n && !repeat; k++) {
            if (strcspn(a->name[k], "=") == len && strncmp(a->name[k], name, len) == 0) {
                snprintf(a->error, sizeof a->error, "--%.*s given twice", (int)len, name);
                return false;
            }
        }
        if (a->n == DC_ARGS_MAX) {
            snprintf(a->error, sizeof a->error, "too many options");
            return false;
        }
        /* The name is kept as argv has it: up to '=' when the value was attached. */
        a->name[a->n] = name;
        a->value[a->n] = value;
        a->n++;
    }
    return true;
}

static bool name_is(const char *stored, const char *name)
{
    size_t n = strlen(name);
    return strncmp(stored, name, n) == 0 && (stored[n] == '\0' || stored[n] == '=');
}

const char *dc_args_get(const dc_args_t *a, const char *name)
{
    for (int k = 0; k < a->n; k++) {
        if (name_is(a->name[k], name))
            return a->value[k] ? a->value[k] : "";
    }
    return NULL;
}

bool dc_args_flag(const dc_args_t *a, const char *name)
{
    return dc_args_get(a, name) != NULL;
}

int dc_args_all(const dc_args_t *a, const char *name, const char **out, int max)
{
    int n = 0;
    for (int k = 0; k < a->n && n < max; k++) {
        if (name_is(a->name[k], name))
            out[n++] = a->value[k];
    }
    return n;
}
