/* Settings values as typed by an administrator: the first byte picks the key, the rest is the
 * value. dc_setting_valid must decide without reading past it, and what it accepts must be what
 * the monthly check and the kiosk then parse (office hours, numbers). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int nkeys = 0;
    while (dc_setting_keys[nkeys])
        nkeys++;
    const char *key = dc_setting_keys[data[0] % nkeys];
    char *value = malloc(size);
    if (!value)
        return 0;
    memcpy(value, data + 1, size - 1);
    value[size - 1] = '\0';
    if (dc_setting_valid(key, value)) {
        /* An accepted value is text that fits the event's field. */
        if (!dc_text_ok(value, DC_LONG_MAX))
            abort();
        if (strcmp(key, "idle_seconds") == 0 || strcmp(key, "overdue_days") == 0) {
            long v = strtol(value, NULL, 10);
            if (v < 1 || v > 3650)
                abort();
        }
    }
    free(value);
    return 0;
}
