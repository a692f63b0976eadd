/* The kiosk's script format (headless runs and audits): one action a line, '#' starts a
 * comment. Parsing is apart from the screens so that it can be tested and fuzzed alone. */
#ifndef DC_UI_SCRIPT_H
#define DC_UI_SCRIPT_H

#include <stdbool.h>

typedef enum {
    DC_ACT_NONE, /* a blank line or a comment */
    DC_ACT_SCAN,
    DC_ACT_TAP,
    DC_ACT_KEYS,
    DC_ACT_WAIT,
    DC_ACT_SHOT,
    DC_ACT_FRAMES,
    DC_ACT_LATENCY,
    DC_ACT_EXPECT,
    DC_ACT_ABSENT, /* the text must not be on the screen */
} dc_act_kind_t;

typedef struct {
    dc_act_kind_t kind;
    const char *verb; /* as written, for messages */
    const char *arg;  /* the rest of the line, leading blanks dropped; never NULL */
    long ms;          /* wait: milliseconds */
    long count;       /* frames: how many */
} dc_action_t;

/* Parse one line (its line end already removed) in place. False when it is not an action the
 * script format knows, with *why saying what is wrong (out->verb names the word). */
bool dc_script_parse(char *line, dc_action_t *out, const char **why);

#endif
