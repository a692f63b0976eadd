/* SHA-256 of one buffer, with OpenSSL's libcrypto (the CPU's SHA instructions where there are
 * any). OpenSSL 3's one-shot SHA256() looks the algorithm up and makes a context on every call,
 * which costs as much as hashing an event; this keeps one fetched algorithm and one context per
 * thread, freed at exit for the main thread. The digest is SHA-256's, whatever the path. */
#ifndef DC_CORE_SHA_H
#define DC_CORE_SHA_H

#include <stddef.h>
#include <stdint.h>

void dc_sha256(const void *data, size_t n, uint8_t out[32]);

#endif
