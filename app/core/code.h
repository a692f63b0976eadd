/* Codes printed as QR on item labels and staff badges.
 *
 * Form: "D" + type letter + "-" + 8 body characters + "-" + 1 check character, e.g.
 * "DI-7K3M9Q2X-4". Only 0-9, A-Z and "-" appear: keyboard-wedge scanners type these the same
 * under JIS and US layouts, and QR encodes them in alphanumeric mode. The body uses Crockford's
 * base32 (no I, L, O, U). The check is a weighted sum modulo 37 over every character, so any
 * single wrong character and any swap of two adjacent characters is rejected. */
#ifndef DC_CORE_CODE_H
#define DC_CORE_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"

#define DC_CODE_LEN 13
#define DC_CODE_RANDOM_BYTES 5 /* 40 bits: the 8 body characters */

typedef enum { DC_CODE_ITEM, DC_CODE_BADGE } dc_code_type_t;

/* Normalise and check a scanned code of len bytes: surrounding whitespace and control characters
 * are dropped, letters upper-cased. On success writes the canonical code to out and its type. */
DC_WUR dc_err_t dc_code_parse(const char *in, size_t len, dc_code_type_t *type,
                              char out[DC_CODE_MAX]);

/* As dc_code_parse, but a valid code of the other type is DC_E_CODE_WANT_ITEM or _WANT_BADGE. */
DC_WUR dc_err_t dc_code_expect(const char *in, size_t len, dc_code_type_t want,
                               char out[DC_CODE_MAX]);

/* Build a valid code of the given type from random bytes (the caller supplies randomness;
 * core does no I/O). Always succeeds. */
void dc_code_make(dc_code_type_t type, const uint8_t random[DC_CODE_RANDOM_BYTES],
                  char out[DC_CODE_MAX]);

#endif
