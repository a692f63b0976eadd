#include "core/code.h"

#include <string.h>

static const char check_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"; /* 37: prime */
static const char body_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";       /* Crockford */

enum { MOD = 37, BODY_AT = 3, BODY_LEN = 8 };

static int check_value(char c)
{
    const char *p = c ? strchr(check_alphabet, c) : NULL;
    return p ? (int)(p - check_alphabet) : -1;
}

/* Weights 2..13 for the 12 characters before the check, 1 for the check itself: all distinct
 * and non-zero modulo 37, so a single change or adjacent swap changes the sum. */
static int weighted_sum(const char *code, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += (i + 2) * check_value(code[i]);
    return sum % MOD;
}

static char type_letter(dc_code_type_t t)
{
    return t == DC_CODE_BADGE ? 'B' : 'I';
}

dc_err_t dc_code_parse(const char *in, size_t len, dc_code_type_t *type, char out[DC_CODE_MAX])
{
    DC_EXPECT(in && type && out);
    out[0] = '\0';
    size_t a = 0, b = len;
    while (a < b && ((unsigned char)in[a] <= 0x20 || in[a] == 0x7f))
        a++;
    while (b > a && ((unsigned char)in[b - 1] <= 0x20 || in[b - 1] == 0x7f))
        b--;
    if (a == b)
        return DC_E_CODE_EMPTY;

    char c[DC_CODE_LEN + 1];
    size_t n = b - a;
    for (size_t i = 0; i < n; i++) {
        char ch = in[a + i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (check_value(ch) < 0)
            return DC_E_CODE_CHARS;
        if (i < DC_CODE_LEN)
            c[i] = ch;
    }
    if (n != DC_CODE_LEN || c[0] != 'D' || (c[1] != 'I' && c[1] != 'B'))
        return DC_E_CODE_FORMAT;
    c[DC_CODE_LEN] = '\0';

    int sum = (weighted_sum(c, DC_CODE_LEN - 1) + check_value(c[DC_CODE_LEN - 1])) % MOD;
    if (sum != 0)
        return DC_E_CODE_CHECK;
    if (c[2] != '-' || c[BODY_AT + BODY_LEN] != '-' || c[DC_CODE_LEN - 1] == '-')
        return DC_E_CODE_FORMAT;
    for (int i = BODY_AT; i < BODY_AT + BODY_LEN; i++) {
        if (!strchr(body_alphabet, c[i]))
            return DC_E_CODE_FORMAT;
    }
    *type = c[1] == 'B' ? DC_CODE_BADGE : DC_CODE_ITEM;
    memcpy(out, c, DC_CODE_LEN + 1);
    return DC_E_OK;
}

dc_err_t dc_code_expect(const char *in, size_t len, dc_code_type_t want, char out[DC_CODE_MAX])
{
    dc_code_type_t got;
    dc_err_t e = dc_code_parse(in, len, &got, out);
    if (e)
        return e;
    if (got != want) {
        out[0] = '\0';
        return want == DC_CODE_ITEM ? DC_E_CODE_WANT_ITEM : DC_E_CODE_WANT_BADGE;
    }
    return DC_E_OK;
}

void dc_code_make(dc_code_type_t type, const uint8_t random[DC_CODE_RANDOM_BYTES],
                  char out[DC_CODE_MAX])
{
    uint64_t bits = 0;
    for (int i = 0; i < DC_CODE_RANDOM_BYTES; i++)
        bits = (bits << 8) | random[i];

    char c[DC_CODE_LEN + 1];
    c[0] = 'D';
    c[1] = type_letter(type);
    c[2] = '-';
    for (int i = BODY_LEN - 1; i >= 0; i--) {
        c[BODY_AT + i] = body_alphabet[bits & 31];
        bits >>= 5;
    }
    c[BODY_AT + BODY_LEN] = '-';
    for (;;) {
        int check = (MOD - weighted_sum(c, DC_CODE_LEN - 1)) % MOD;
        if (check_alphabet[check] != '-') {
            c[DC_CODE_LEN - 1] = check_alphabet[check];
            break;
        }
        /* A check of "-" would read as a separator: step the last body character instead. */
        const char *p = strchr(body_alphabet, c[BODY_AT + BODY_LEN - 1]);
        c[BODY_AT + BODY_LEN - 1] = body_alphabet[((p - body_alphabet) + 1) % 32];
    }
    c[DC_CODE_LEN] = '\0';
    memcpy(out, c, DC_CODE_LEN + 1);
}
