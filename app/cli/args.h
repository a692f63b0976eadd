/* A small option parser for daicho-admin: "--name value", "--name=value" and flags, checked
 * against a spec such as "badge= name= role= pin-stdin item=*" ('=' takes a value, '*' may
 * repeat). Everything else is a positional argument. */
#ifndef DC_CLI_ARGS_H
#define DC_CLI_ARGS_H

#include <stdbool.h>

#define DC_ARGS_MAX 64

typedef struct {
    const char *name[DC_ARGS_MAX];
    const char *value[DC_ARGS_MAX]; /* NULL for flags */
    int n;
    const char *pos[DC_ARGS_MAX];
    int npos;
    char error[160];
} dc_args_t;

/* false (with a message in a->error) on an unknown option, a missing value or a repeat. */
bool dc_args_parse(dc_args_t *a, const char *spec, int argc, char **argv);
const char *dc_args_get(const dc_args_t *a, const char *name);
bool dc_args_flag(const dc_args_t *a, const char *name);
/* All values of a repeatable option, in order; returns how many (at most max). */
int dc_args_all(const dc_args_t *a, const char *name, const char **out, int max);

#endif
