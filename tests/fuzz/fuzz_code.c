/* Item labels and badges as scanned: any bytes, of any length. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/code.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[DC_CODE_MAX];
    dc_code_type_t type;
    if (dc_code_parse((const char *)data, size, &type, out) == DC_E_OK) {
        /* A code that parses is canonical: parsing it again gives itself. */
        char again[DC_CODE_MAX];
        dc_code_type_t t2;
        if (dc_code_parse(out, strlen(out), &t2, again) != DC_E_OK || strcmp(out, again) != 0 ||
            t2 != type)
            __builtin_trap();
    }
    if (dc_code_expect((const char *)data, size, DC_CODE_ITEM, out) == DC_E_OK)
        (void)out;
    return 0;
}
