/* The kiosk's script lines: any bytes, one line, parsed in place. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    dc_action_t a;
    const char *why;
    if (dc_script_parse(line, &a, &why)) {
        /* What is accepted points into the line and is within range. */
        if (!a.arg || (a.kind == DC_ACT_WAIT && (a.ms < 0 || a.ms > 86400000L)) ||
            (a.kind == DC_ACT_FRAMES && (a.count < 10 || a.count > 100000)))
            abort();
    } else if (!why) {
        abort();
    }
    free(line);
    return 0;
}
