/* settings: what an office changes (names, lists, hours, limits), each change an event. */
#include <string.h>

#include "cli/cli.h"

static int settings_show(dc_cli_t *c)
{
    for (int i = 0; dc_setting_keys[i]; i++) {
        char value[DC_LONG_MAX];
        dc_err_t e = dc_desk_setting_get(c->st, dc_setting_keys[i], value, sizeof value);
        if (e == DC_E_NOT_FOUND)
            value[0] = '\0';
        else if (e)
            return dc_cli_fail(e, dc_desk_detail(c->st));
        printf("%s=%s\n", dc_setting_keys[i], value);
    }
    return DC_EXIT_OK;
}

static int settings_set(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "actor=", argc, argv) || a.npos != 2)
        return dc_cli_usage(a.error[0] ? a.error : "settings set KEY VALUE [--actor BADGE]");
    if (!dc_setting_known(a.pos[0])) {
        char known[512] = "";
        for (int i = 0; dc_setting_keys[i]; i++) {
            size_t n = strlen(known);
            snprintf(known + n, sizeof known - n, "%s%s", n ? ", " : "", dc_setting_keys[i]);
        }
        fprintf(stderr, "daicho-admin: unknown setting '%s'; known: %s\n", a.pos[0], known);
        return DC_EXIT_USAGE;
    }
    char actor[DC_CODE_MAX];
    int rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor);
    if (rc)
        return rc;
    /* The value is the desk's to judge (a printer never at the ledger or the key); a refusal
     * is logged there. */
    int64_t seq;
    dc_err_t e = dc_desk_set_setting(c->st, &c->term, actor, a.pos[0], a.pos[1], &seq);
    if (e)
        return dc_cli_fail(e, e == DC_E_OUT_PROTECTED || e == DC_E_OUT_LINK ? a.pos[1] : a.pos[0]);
    printf("%lld\n", (long long)seq);
    return DC_EXIT_OK;
}

int dc_cmd_settings(dc_cli_t *c, int argc, char **argv)
{
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    if (argc == 0 || (argc == 1 && strcmp(argv[0], "show") == 0))
        return settings_show(c);
    if (strcmp(argv[0], "set") == 0)
        return settings_set(c, argc - 1, argv + 1);
    return dc_cli_usage("settings [show] | settings set KEY VALUE [--actor BADGE]");
}
