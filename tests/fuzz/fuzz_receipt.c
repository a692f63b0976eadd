/* Scanned receipt payloads and exported terminal keys: any bytes. */
#include <stddef.h>
#include <stdint.h>

#include "print/payload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_receipt_payload_t p;
    if (dc_receipt_parse((const char *)data, size, &p) == DC_E_OK) {
        uint8_t pk[DC_STORE_PK_LEN] = {0};
        (void)dc_receipt_check_sig(&p, pk);
    }
    if (dc_receipt_decode((const char *)data, size, &p) == DC_E_OK)
        (void)p;
    /* The key text is read as a C string. */
    char text[512];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    for (size_t i = 0; i < n; i++)
        text[i] = data[i] ? (char)data[i] : ' ';
    text[n] = '\0';
    uint8_t pk[DC_STORE_PK_LEN];
    char id[DC_TERMINAL_ID_MAX];
    (void)dc_terminal_key_parse(text, pk, id);
    return 0;
}
