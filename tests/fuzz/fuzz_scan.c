/* Scanner framing: a stream of (character, gap in ms) pairs, two bytes each. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_scan_framer_t f;
    char out[DC_SCAN_MAX + 1];
    int64_t t = 1000;
    dc_scan_framer_init(&f, DC_SCAN_GAP_MS);
    for (size_t i = 0; i + 1 < size; i += 2) {
        t += data[i + 1];
        if (dc_scan_feed(&f, (char)data[i], t, out) == DC_SCAN_DONE && strlen(out) > DC_SCAN_MAX)
            __builtin_trap();
    }
    /* Key positions through the fixed US map. */
    for (size_t i = 0; i < size; i++)
        (void)dc_scan_us_char(data[i], i & 1);
    return 0;
}
