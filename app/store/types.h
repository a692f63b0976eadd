/* The store's handle and value types, without its functions: what the layers above the desk may
 * name (through desk/desk.h) while only app/desk calls the store (store.h). */
#ifndef DC_STORE_TYPES_H
#define DC_STORE_TYPES_H

#include <stdint.h>

#include "core/canon.h"
#include "core/event.h"
#include "core/model.h"

/* The open ledger, opaque. */
typedef struct dc_store dc_store_t;

/* Callbacks return 0 to go on, anything else to stop (the walk then returns DC_E_OK). */
typedef int (*dc_item_cb)(const dc_item_t *item, void *ctx);
typedef int (*dc_staff_cb)(const dc_staff_t *staff, void *ctx);
typedef int (*dc_event_cb)(const dc_event_t *ev, void *ctx);

/* The terminal's receipt-signing key pair (Ed25519) and the terminals it trusts. */
#define DC_STORE_PK_LEN 32
#define DC_STORE_SK_LEN 64
#define DC_TERMINAL_ID_MAX 16 /* "T" + 8 characters, NUL included, with room */

typedef int (*dc_trusted_cb)(const char *id, const uint8_t pk[DC_STORE_PK_LEN], const char *name,
                             void *ctx);

typedef struct {
    int64_t events; /* events checked */
    uint8_t head[DC_HASH_LEN];
    int64_t bad_seq; /* first bad sequence number, 0 when none */
    char what[256];  /* what was wrong, English, for the report */
} dc_verify_t;

#endif
