#include "core/sha.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdbool.h>
#include <stdlib.h>

static _Thread_local EVP_MD *md;
static _Thread_local EVP_MD_CTX *ctx;
static _Thread_local bool failed;

static void release(void)
{
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    ctx = NULL;
    md = NULL;
}

/* The context of this thread; NULL (and the one-shot call instead) when OpenSSL cannot give one. */
static EVP_MD_CTX *context(void)
{
    if (ctx || failed)
        return ctx;
    md = EVP_MD_fetch(NULL, "SHA256", NULL);
    ctx = md ? EVP_MD_CTX_new() : NULL;
    if (!ctx) {
        EVP_MD_free(md);
        md = NULL;
        failed = true;
        return NULL;
    }
    static bool registered;
    /* The main thread's (the only one that hashes: the scanner's thread never does) at exit, so
     * that leak checkers see nothing left. */
    if (!registered && atexit(release) == 0)
        registered = true;
    return ctx;
}

void dc_sha256(const void *data, size_t n, uint8_t out[32])
{
    EVP_MD_CTX *c = context();
    if (c && EVP_DigestInit_ex2(c, md, NULL) && EVP_DigestUpdate(c, data, n) &&
        EVP_DigestFinal_ex(c, out, NULL))
        return;
    SHA256(data, n, out);
}
