#include <sodium.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/session.h"

int dc_cli_fail(dc_err_t e, const char *context)
{
    fprintf(stderr, "daicho-admin: [%s] %s\n", dc_err_name(e), dc_err_msg(e, DC_LANG_JA));
    fprintf(stderr, "daicho-admin: [%s] %s\n", dc_err_name(e), dc_err_msg(e, DC_LANG_EN));
    if (context && *context)
        fprintf(stderr, "daicho-admin: (%s)\n", context);
    switch (dc_err_class(e)) {
    case DC_CLASS_OK:
        return DC_EXIT_OK;
    case DC_CLASS_USAGE:
        return DC_EXIT_USAGE;
    case DC_CLASS_OPEN:
        return DC_EXIT_OPEN;
    default:
        return DC_EXIT_REFUSED;
    }
}

int dc_cli_usage(const char *problem)
{
    fprintf(stderr, "daicho-admin: %s (daicho-admin --help で使い方 / for usage)\n", problem);
    return DC_EXIT_USAGE;
}

int dc_cli_open(dc_cli_t *c)
{
    dc_err_t e = dc_desk_open(c->db, c->key, DC_CHANNEL_CLI, &c->st, &c->term);
    if (!e)
        return DC_EXIT_OK;
    char ctx[DC_PATH_MAX + 32];
    bool about_key = e == DC_E_KEY_MISSING || e == DC_E_KEY_FORMAT || e == DC_E_KEY_PERMS ||
                     e == DC_E_KEY_NOT_FILE;
    snprintf(ctx, sizeof ctx, "%s: %s", about_key ? "key" : "database", about_key ? c->key : c->db);
    return dc_cli_fail(e, ctx);
}

typedef struct {
    char *out;
    bool found;
} first_admin_t;

static int find_admin(const dc_staff_t *sf, void *ctx)
{
    first_admin_t *f = ctx;
    if (sf->role != DC_ROLE_ADMIN || sf->released[0])
        return 0;
    memcpy(f->out, sf->badge, DC_CODE_MAX);
    f->found = true;
    return 1;
}

bool dc_cli_first_admin(dc_cli_t *c, char out[DC_CODE_MAX])
{
    first_admin_t f = {out, false};
    return dc_desk_staff_each(c->st, find_admin, &f) == DC_E_OK && f.found;
}

int dc_cli_actor(dc_cli_t *c, const char *given, char out[DC_CODE_MAX])
{
    if (given)
        return dc_cli_code(given, DC_CODE_BADGE, out);
    if (!dc_cli_first_admin(c, out))
        return dc_cli_fail(DC_E_R_ACTOR_UNKNOWN, "no administrator is enrolled: enrol one first, "
                                                 "or give --actor");
    return DC_EXIT_OK;
}

int dc_cli_code(const char *text, dc_code_type_t want, char out[DC_CODE_MAX])
{
    dc_err_t e = dc_code_expect(text, strlen(text), want, out);
    if (!e)
        return DC_EXIT_OK;
    char ctx[96];
    snprintf(ctx, sizeof ctx, "%s: %.60s", want == DC_CODE_ITEM ? "item" : "badge", text);
    return dc_cli_fail(e, ctx);
}

void dc_cli_name(dc_cli_t *c, const char *badge, char *out, size_t cap)
{
    dc_staff_t sf;
    if (badge[0] && dc_desk_staff_get(c->st, badge, &sf) == DC_E_OK)
        snprintf(out, cap, "%s", sf.name);
    else
        snprintf(out, cap, "%s", badge);
}

/* Display columns of one code point: East Asian wide and fullwidth forms take two. */
static int cp_width(unsigned cp)
{
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

void dc_cli_pad(FILE *f, const char *s, int width)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp = *p;
        int len = cp < 0x80 ? 1 : cp < 0xe0 ? 2 : cp < 0xf0 ? 3 : 4;
        if (len > 1) {
            cp &= 0x3f >> (len - 1);
            for (int i = 1; i < len && p[i]; i++)
                cp = (cp << 6) | (p[i] & 0x3f);
        }
        int cw = cp_width(cp);
        if (w + cw > width - 1) /* keep one column to separate from the next */
            break;
        fwrite(p, 1, (size_t)len, f);
        w += cw;
        p += len;
    }
    for (; w < width; w++)
        fputc(' ', f);
}

int dc_cli_read_secret(char *buf, size_t cap, const char *option)
{
    /* Unbuffered, so that no copy of the secret stays behind in stdio's buffer, and a second
     * line is still there for the next read. */
    setvbuf(stdin, NULL, _IONBF, 0);
    if (!fgets(buf, (int)cap, stdin)) {
        char msg[96];
        snprintf(msg, sizeof msg, "--%s: nothing on standard input", option);
        return dc_cli_usage(msg);
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    return DC_EXIT_OK;
}

int dc_cli_login_fail(dc_err_t e, const char *badge, int64_t wait_ms)
{
    char ctx[96];
    long long s = (wait_ms + 500) / 1000; /* to the nearest second, at least one */
    if (s < 1)
        s = 1;
    if (e == DC_E_PIN_WAIT || e == DC_E_PIN_WRONG)
        snprintf(ctx, sizeof ctx, "%s: %lld 秒後に再入力 / try again in %lld s", badge, s, s);
    else
        snprintf(ctx, sizeof ctx, "%s", badge);
    return dc_cli_fail(e, ctx);
}

int dc_cli_second(dc_cli_t *c, const dc_args_t *a, const char *badge)
{
    if (!badge[0])
        return DC_EXIT_OK;
    if (!dc_args_flag(a, "second-pin-stdin"))
        return dc_cli_usage("--approver needs the second person present: their PIN on standard "
                            "input with --second-pin-stdin");
    char pin[32] = "";
    int rc = dc_cli_read_secret(pin, sizeof pin, "second-pin-stdin");
    if (rc)
        return rc;
    dc_staff_t who;
    int failures;
    int64_t wait_ms;
    dc_err_t e = dc_desk_login_wait(c->st, &c->term, badge, pin, false, &who, &failures, &wait_ms);
    sodium_memzero(pin, sizeof pin);
    return e ? dc_cli_login_fail(e, badge, wait_ms) : DC_EXIT_OK;
}
