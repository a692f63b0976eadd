/* staff add, release, list, new-badge. */
#include <sodium.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/check.h"
#include "desk/people.h"
#include "desk/session.h"

/* Read one PIN line from stdin; its bytes are wiped by the caller. */
static int read_pin(char *pin, size_t cap)
{
    return dc_cli_read_secret(pin, cap, "pin-stdin");
}

/* A PIN that could never be kept is refused before anything is recorded. */
static int pin_usable(const char *pin)
{
    size_t n = strlen(pin);
    if (n > 8 || strspn(pin, "0123456789") != n)
        return dc_cli_fail(DC_E_USAGE, "PIN: 4 to 8 digits");
    return dc_desk_pin_weak(pin) ? dc_cli_fail(DC_E_PIN_WEAK, "PIN") : DC_EXIT_OK;
}

static int staff_add(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "badge= name= role= section= kana= designated= pin-stdin actor=", argc,
                       argv) ||
        a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "staff add takes options only");
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    const char *name = dc_args_get(&a, "name"), *role = dc_args_get(&a, "role");
    if (!name || !*name)
        return dc_cli_usage("--name is required");
    if (!role || !dc_role_parse(role, &ev.role))
        return dc_cli_usage("--role must be staff, manager or admin");
    if (!dc_copy(ev.name, sizeof ev.name, name) ||
        !dc_copy(ev.kana, sizeof ev.kana, dc_args_get(&a, "kana")) ||
        !dc_copy(ev.section, sizeof ev.section, dc_args_get(&a, "section")) ||
        !dc_copy(ev.designated, sizeof ev.designated, dc_args_get(&a, "designated")))
        return dc_cli_fail(DC_E_TOO_LONG, "name, kana, section or designated");

    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    dc_err_t e;
    if (dc_args_get(&a, "badge")) {
        if ((rc = dc_cli_code(dc_args_get(&a, "badge"), DC_CODE_BADGE, ev.subject)))
            return rc;
    } else if ((e = dc_desk_new_code(c->st, DC_CODE_BADGE, ev.subject))) {
        return dc_cli_fail(e, dc_desk_detail(c->st));
    }

    /* The very first person enrols themself as the administrator. */
    if (dc_args_get(&a, "actor")) {
        if ((rc = dc_cli_code(dc_args_get(&a, "actor"), DC_CODE_BADGE, ev.actor)))
            return rc;
    } else if (!dc_cli_first_admin(c, ev.actor)) {
        memcpy(ev.actor, ev.subject, DC_CODE_MAX);
    }

    char pin[64] = "";
    if (dc_args_flag(&a, "pin-stdin") &&
        ((rc = read_pin(pin, sizeof pin)) || (rc = pin_usable(pin)))) {
        /* A weak PIN refuses the enrolment, and is logged as any refusal (not the PIN). */
        bool weak = pin[0] && strlen(pin) <= 8 && strspn(pin, "0123456789") == strlen(pin);
        sodium_memzero(pin, sizeof pin);
        if (weak &&
            dc_desk_log_refusal(c->st, &c->term, ev.actor, DC_EV_ENROLL, DC_E_PIN_WEAK, NULL, NULL))
            fprintf(stderr, "daicho-admin: the refusal could not be logged: %s\n",
                    dc_desk_detail(c->st));
        return rc;
    }
    int64_t seq;
    e = dc_desk_enrol(c->st, &c->term, &ev, &seq); /* a refusal is logged there */
    if (e) {
        sodium_memzero(pin, sizeof pin);
        return dc_cli_fail(e, name);
    }
    if (pin[0]) {
        e = dc_desk_set_pin(c->st, ev.subject, pin);
        sodium_memzero(pin, sizeof pin);
        if (e)
            return dc_cli_fail(e, "PIN: 4 to 8 digits; the person is enrolled, set the PIN again");
    }
    printf("%s\n", ev.subject);
    return DC_EXIT_OK;
}

static int staff_release(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "badge= actor=", argc, argv) || a.npos || !dc_args_get(&a, "badge"))
        return dc_cli_usage(a.error[0] ? a.error : "staff release --badge CODE");
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RELEASE);
    int rc = dc_cli_code(dc_args_get(&a, "badge"), DC_CODE_BADGE, ev.subject);
    if (rc || (rc = dc_cli_open(c)) || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), ev.actor)))
        return rc;
    int64_t seq;
    int failed;
    dc_err_t e = dc_desk_record(c->st, &c->term, &ev, (const char(*)[DC_CODE_MAX]) & ev.subject, 1,
                                &seq, &failed);
    if (e)
        return dc_cli_fail(e, ev.subject);
    printf("%lld\n", (long long)seq);
    return DC_EXIT_OK;
}

/* staff code: a one-time enrolment code for a first PIN, printed once on stdout. */
static int staff_code(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "badge= actor=", argc, argv) || a.npos || !dc_args_get(&a, "badge"))
        return dc_cli_usage(a.error[0] ? a.error : "staff code --badge CODE [--actor BADGE]");
    char badge[DC_CODE_MAX], actor[DC_CODE_MAX], code[DC_ENROL_CODE_MAX];
    int rc = dc_cli_code(dc_args_get(&a, "badge"), DC_CODE_BADGE, badge);
    if (rc || (rc = dc_cli_open(c)) || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
        return rc;
    dc_err_t e = dc_desk_enrol_code_issue(c->st, &c->term, actor, badge, code);
    if (e)
        return dc_cli_fail(e, badge); /* a refusal is logged there */
    printf("%s\n", code);
    fflush(stdout);
    sodium_memzero(code, sizeof code);
    fprintf(stderr, "daicho-admin: 登録コードは24時間有効、1回限りです。本人に直接渡してください / "
                    "the enrolment code works once, for 24 hours: hand it to the person\n");
    return DC_EXIT_OK;
}

/* staff pin-reset: a forgotten PIN. The reset is an event; the person then chooses a new PIN
 * with the enrolment code printed here once, at the kiosk or with 'staff pin'. */
static int staff_pin_reset(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "badge= actor=", argc, argv) || a.npos || !dc_args_get(&a, "badge"))
        return dc_cli_usage(a.error[0] ? a.error : "staff pin-reset --badge CODE [--actor BADGE]");
    char badge[DC_CODE_MAX], actor[DC_CODE_MAX], code[DC_ENROL_CODE_MAX];
    int rc = dc_cli_code(dc_args_get(&a, "badge"), DC_CODE_BADGE, badge);
    if (rc || (rc = dc_cli_open(c)) || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
        return rc;
    int64_t seq;
    dc_err_t e = dc_desk_pin_reset(c->st, &c->term, actor, badge, code, &seq); /* logs refusals */
    if (e)
        return dc_cli_fail(e, badge);
    printf("%s\n", code);
    fflush(stdout);
    sodium_memzero(code, sizeof code);
    fprintf(stderr,
            "daicho-admin: 暗証番号をリセットしました(記録 %lld)。次のログインで登録コードを入力し"
            "、新しい暗証番号を決めます。コードは24時間有効、1回限りです / the PIN is reset "
            "(record %lld): at the next log-in the person enters this code once (24 hours) and "
            "chooses a new PIN\n",
            (long long)seq, (long long)seq);
    return DC_EXIT_OK;
}

/* staff pin: the person sets their first PIN with the enrolment code (two lines on stdin). */
static int staff_pin(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "badge= code-stdin", argc, argv) || a.npos ||
        !dc_args_get(&a, "badge") || !dc_args_flag(&a, "code-stdin"))
        return dc_cli_usage(a.error[0] ? a.error
                                       : "staff pin --badge CODE --code-stdin (the enrolment code, "
                                         "then the new PIN, one line each)");
    char badge[DC_CODE_MAX], code[32] = "", pin[32] = "";
    int rc = dc_cli_code(dc_args_get(&a, "badge"), DC_CODE_BADGE, badge);
    if (rc || (rc = dc_cli_open(c)))
        return rc;
    if (!(rc = dc_cli_read_secret(code, sizeof code, "code-stdin")) &&
        !(rc = dc_cli_read_secret(pin, sizeof pin, "code-stdin"))) {
        dc_err_t e = dc_desk_first_pin(c->st, &c->term, badge, code, pin);
        rc = e ? dc_cli_fail(e, badge) : DC_EXIT_OK;
    }
    sodium_memzero(code, sizeof code);
    sodium_memzero(pin, sizeof pin);
    return rc;
}

static int list_one(const dc_staff_t *sf, void *ctx)
{
    (void)ctx;
    printf("%s  ", sf->badge);
    dc_cli_pad(stdout, dc_role_name(sf->role), 8);
    dc_cli_pad(stdout, sf->name, 16);
    dc_cli_pad(stdout, sf->kana, 20);
    dc_cli_pad(stdout, sf->section, 14);
    printf("%s %s%s\n", sf->designated, sf->released[0] ? "released " : "", sf->released);
    return 0;
}

int dc_cmd_staff(dc_cli_t *c, int argc, char **argv)
{
    if (argc < 1)
        return dc_cli_usage("staff add|release|code|pin|pin-reset|list|new-badge");
    if (strcmp(argv[0], "add") == 0)
        return staff_add(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "release") == 0)
        return staff_release(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "code") == 0)
        return staff_code(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "pin") == 0)
        return staff_pin(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "pin-reset") == 0)
        return staff_pin_reset(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "list") == 0 || strcmp(argv[0], "new-badge") == 0) {
        if (argc != 1)
            return dc_cli_usage("staff list and staff new-badge take no arguments");
        int rc = dc_cli_open(c);
        if (rc)
            return rc;
        dc_err_t e;
        if (argv[0][0] == 'l') {
            e = dc_desk_staff_each(c->st, list_one, NULL);
        } else {
            char code[DC_CODE_MAX];
            if (!(e = dc_desk_new_code(c->st, DC_CODE_BADGE, code)))
                printf("%s\n", code);
        }
        return e ? dc_cli_fail(e, dc_desk_detail(c->st)) : DC_EXIT_OK;
    }
    return dc_cli_usage("staff add|release|code|pin|pin-reset|list|new-badge");
}
