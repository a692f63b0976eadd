/* init, demo, item and verify. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/correct.h"
#include "desk/item.h"
#include "desk/receipt.h"

int dc_cmd_init(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "terminal= office=", argc, argv) || a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "init takes no arguments");
    dc_init_opts_t o = {dc_args_get(&a, "terminal"), dc_args_get(&a, "office"), 540};
    dc_err_t e = dc_desk_init(c->db, c->key, &o);
    if (e)
        return dc_cli_fail(e, c->db);
    printf("%s\n", c->db);
    return DC_EXIT_OK;
}

int dc_cmd_demo(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "month= seed= terminal= office=", argc, argv) || a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "demo takes no arguments");
    const char *terminal = dc_args_get(&a, "terminal");
    const char *office = dc_args_get(&a, "office");
    dc_init_opts_t o = {terminal ? terminal : "窓口端末1",
                        office ? office : "デモ区役所 戸籍住民課", 540};
    dc_demo_opts_t d = {dc_args_get(&a, "month"), 1};
    if (dc_args_get(&a, "seed"))
        d.seed = (unsigned)strtoul(dc_args_get(&a, "seed"), NULL, 10);
    int64_t from, to;
    if (d.month && dc_desk_month_range(d.month, 540, &from, &to))
        return dc_cli_fail(DC_E_BAD_DATE, "--month YYYY-MM");
    dc_err_t e = dc_desk_init(c->db, c->key, &o);
    if (e)
        return dc_cli_fail(e, c->db);
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    int64_t n = 0;
    if ((e = dc_desk_demo(c->st, &c->term, &d, &n)))
        return dc_cli_fail(e, "demo");
    printf("%s: %lld events\n", c->db, (long long)n);
    return DC_EXIT_OK;
}

static int item_add(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a,
                       "kind= title= personal my-number place= section= notes= actor= "
                       "category=",
                       argc, argv) ||
        a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "item add takes options only");
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    const char *kind = dc_args_get(&a, "kind"), *title = dc_args_get(&a, "title");
    if (!kind || !dc_kind_parse(kind, &ev.kind))
        return dc_cli_usage("--kind must be one of paper, cd, dvd, usb, hdd, sd, other");
    if (!title || !*title)
        return dc_cli_usage("--title is required");
    ev.category = dc_kind_category(ev.kind);
    if (dc_args_get(&a, "category") &&
        !dc_category_parse(dc_args_get(&a, "category"), &ev.category))
        return dc_cli_usage("--category must be paper, media, data, hardware or software");
    if (!dc_copy(ev.title, sizeof ev.title, title) ||
        !dc_copy(ev.place, sizeof ev.place, dc_args_get(&a, "place")) ||
        !dc_copy(ev.section, sizeof ev.section, dc_args_get(&a, "section")) ||
        !dc_copy(ev.notes, sizeof ev.notes, dc_args_get(&a, "notes")))
        return dc_cli_fail(DC_E_TOO_LONG, "title, place, section or notes");
    ev.personal = dc_args_flag(&a, "personal") || dc_args_flag(&a, "my-number");
    ev.my_number = dc_args_flag(&a, "my-number");

    int rc = dc_cli_open(c);
    if (rc || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), ev.actor)))
        return rc;
    int failed;
    dc_err_t e = dc_desk_register(c->st, &c->term, &ev, 1, false, &failed); /* logs a refusal */
    if (e)
        return dc_cli_fail(e, title);
    printf("%s\n", ev.item); /* alone on its line: scripts read it */
    return DC_EXIT_OK;
}

static void show_one(dc_cli_t *c, const dc_event_t *ev, int nfix, int64_t lastfix);

/* Each record as corrected (dc_desk_corrected), marked with the correction that made it so;
 * the correction itself follows as its own line. */
static int show_event(const dc_event_t *raw, void *ctx)
{
    dc_cli_t *c = ctx;
    dc_event_t *ev = malloc(sizeof *ev);
    int nfix = 0;
    int64_t lastfix = 0;
    if (!ev)
        return 1;
    if (dc_desk_corrected(c->st, raw, ev, &nfix, &lastfix)) {
        *ev = *raw;
        nfix = 0;
    }
    show_one(c, ev, nfix, lastfix);
    free(ev);
    return 0;
}

static void show_one(dc_cli_t *c, const dc_event_t *ev, int nfix, int64_t lastfix)
{
    char date[DC_DATE_MAX], time[6], actor[DC_SHORT_MAX], second[DC_SHORT_MAX];
    dc_event_local_date(ev->ts_ms, ev->tz_min, date);
    dc_event_local_time(ev->ts_ms, ev->tz_min, time);
    dc_cli_name(c, ev->actor, actor, sizeof actor);
    dc_cli_name(c, ev->second, second, sizeof second);
    printf("  %6lld  %s %s  ", (long long)ev->seq, date, time);
    dc_cli_pad(stdout, dc_evtype_label(ev->type, DC_LANG_JA), 10);
    dc_cli_pad(stdout, actor, 14);
    dc_cli_pad(stdout, second, 14);
    if (ev->type == DC_EV_TRANSPORT && ev->from_place[0])
        printf(" %s", ev->from_place);
    if (ev->to_place[0])
        printf(" → %s", ev->to_place);
    if (ev->due[0])
        printf(" (%s %s)", ev->type == DC_EV_TRANSPORT ? "到着予定" : "返却予定", ev->due);
    if (ev->type == DC_EV_TRANSPORT && ev->carrier[0]) {
        char carrier[DC_SHORT_MAX];
        dc_cli_name(c, ev->carrier, carrier, sizeof carrier);
        printf(" 運搬者 %s", carrier);
    }
    if (ev->type == DC_EV_DISPOSE)
        printf(" %s %s %s", dc_method_label(ev->method, DC_LANG_JA), ev->technique,
               ev->certificate);
    if (ev->type == DC_EV_RENAME)
        printf(" 件名 → %s (理由: %s)", ev->title, ev->detail);
    dc_evtype_t tried;
    dc_err_t why;
    if (ev->type == DC_EV_REFUSED && dc_evtype_parse(ev->purpose, &tried) &&
        dc_err_parse(ev->detail, &why))
        printf(" %s: [%s] %s", dc_evtype_label(tried, DC_LANG_JA), ev->detail,
               dc_err_msg(why, DC_LANG_JA));
    if (nfix)
        printf(" [訂正済 No.%lld]", (long long)lastfix);
    printf("\n");
}

typedef struct {
    const char *code;
    char found[DC_CODE_MAX]; /* the code this one replaced, "" for none */
} find_t;

static int earlier_code(const dc_event_t *ev, void *ctx)
{
    find_t *f = ctx;
    if (ev->type == DC_EV_RELABEL && strcmp(ev->dest_item, f->code) == 0)
        memcpy(f->found, ev->item, DC_CODE_MAX);
    return f->found[0] != '\0';
}

static int item_show(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "", argc, argv) || a.npos != 1)
        return dc_cli_usage(a.error[0] ? a.error : "item show CODE");
    char code[DC_CODE_MAX];
    int rc = dc_cli_code(a.pos[0], DC_CODE_ITEM, code);
    if (rc || (rc = dc_cli_open(c)))
        return rc;
    dc_item_t it;
    dc_err_t e = dc_desk_item_get(c->st, code, &it);
    if (e)
        return dc_cli_fail(e == DC_E_NOT_FOUND ? DC_E_R_ITEM_UNKNOWN : e, code);
    char holder[DC_SHORT_MAX];
    dc_cli_name(c, it.holder, holder, sizeof holder);
    printf("ラベル / code:      %s\n", it.code);
    printf("名称 / title:       %s\n", it.title);
    printf("分類 / category:    %s (%s)\n", dc_category_label(it.category, DC_LANG_JA),
           dc_kind_label(it.kind, DC_LANG_JA));
    printf("保管場所 / place:   %s\n", it.place);
    printf("所管 / section:     %s\n", it.section);
    printf("個人情報 / personal: %s   特定個人情報 / My Number: %s\n", it.personal ? "有" : "無",
           it.my_number ? "有" : "無");
    if (it.notes[0])
        printf("特記事項 / notes:   %s\n", it.notes);
    printf("状態 / state:       %s (%s)%s%s\n", dc_state_label(it.state, DC_LANG_JA),
           dc_state_name(it.state), it.holder[0] ? "  " : "", it.holder[0] ? holder : "");
    /* A relabelled item's history began under its earlier codes: show those first. */
    char chain[8][DC_CODE_MAX];
    int n = 0;
    memcpy(chain[0], code, DC_CODE_MAX);
    for (n = 1; n < 8; n++) {
        find_t f = {chain[n - 1], ""};
        if ((e = dc_desk_events_of_item(c->st, chain[n - 1], earlier_code, &f)))
            return dc_cli_fail(e, dc_desk_detail(c->st));
        if (!f.found[0])
            break;
        memcpy(chain[n], f.found, DC_CODE_MAX);
    }
    printf("履歴 / history:\n");
    for (int i = n - 1; i >= 0; i--) {
        if (n > 1)
            printf("  [%s]\n", chain[i]);
        if ((e = dc_desk_events_of_item(c->st, chain[i], show_event, c)))
            return dc_cli_fail(e, dc_desk_detail(c->st));
    }
    return DC_EXIT_OK;
}

static int list_item(const dc_item_t *it, void *ctx)
{
    (void)ctx;
    printf("%s  ", it->code);
    dc_cli_pad(stdout, dc_state_name(it->state), 9);
    dc_cli_pad(stdout, dc_kind_name(it->kind), 6);
    printf("%s  %s\n", it->personal ? (it->my_number ? "MN" : "P ") : "- ", it->title);
    return 0;
}

static int item_list(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "state=", argc, argv) || a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "item list [--state S]");
    dc_state_t state = DC_STATE_NONE;
    const char *s = dc_args_get(&a, "state");
    if (s && (!dc_state_parse(s, &state) || state == DC_STATE_NONE))
        return dc_cli_usage("--state must be in, out, transit or disposed");
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    dc_err_t e = dc_desk_items_each(c->st, state, list_item, NULL);
    return e ? dc_cli_fail(e, dc_desk_detail(c->st)) : DC_EXIT_OK;
}

/* A damaged label: the item gets a new code, the old one is retired. */
static int item_relabel(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "new= reason= actor= print printer=", argc, argv) || a.npos != 1 ||
        !dc_args_get(&a, "reason"))
        return dc_cli_usage(a.error[0]
                                ? a.error
                                : "item relabel CODE --reason R [--new CODE] [--actor BADGE] "
                                  "[--print] [--printer SPEC]");
    char old[DC_CODE_MAX], fresh[DC_CODE_MAX] = "", actor[DC_CODE_MAX];
    int rc = dc_cli_code(a.pos[0], DC_CODE_ITEM, old);
    if (!rc && dc_args_get(&a, "new"))
        rc = dc_cli_code(dc_args_get(&a, "new"), DC_CODE_ITEM, fresh);
    if (rc || (rc = dc_cli_open(c)) || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
        return rc;
    int64_t seq;
    char code[DC_CODE_MAX];
    dc_err_t e =
        dc_desk_relabel(c->st, &c->term, actor, old, fresh, dc_args_get(&a, "reason"), code, &seq);
    if (e)
        return dc_cli_fail(e, old);
    printf("%s\n", code);
    fflush(stdout);
    /* The new code is committed; a printer problem leaves it, and 'print label' prints again. */
    if (dc_args_flag(&a, "print") &&
        (e = dc_desk_print_label(c->st, code, dc_args_get(&a, "printer"))))
        return dc_cli_fail(e, code);
    return DC_EXIT_OK;
}

/* A title that was wrong or too vague: a rename event with a reason, approved by a manager who
 * proves presence with their PIN, as every second person does. */
static int item_rename(dc_cli_t *c, int argc, char **argv)
{
    static const char usage[] = "item rename CODE --title T --reason R --second BADGE "
                                "--second-pin-stdin [--actor BADGE]";
    dc_args_t a;
    if (!dc_args_parse(&a, "title= reason= second= approver= actor= second-pin-stdin", argc,
                       argv) ||
        a.npos != 1)
        return dc_cli_usage(a.error[0] ? a.error : usage);
    const char *title = dc_args_get(&a, "title"), *reason = dc_args_get(&a, "reason");
    const char *second_text = dc_args_get(&a, "second");
    if (!second_text)
        second_text = dc_args_get(&a, "approver");
    if (!second_text)
        return dc_cli_usage("--second BADGE (the approving manager) is required");
    char code[DC_CODE_MAX], actor[DC_CODE_MAX], second[DC_CODE_MAX];
    int rc = dc_cli_code(a.pos[0], DC_CODE_ITEM, code);
    if (!rc)
        rc = dc_cli_code(second_text, DC_CODE_BADGE, second);
    if (rc || (rc = dc_cli_open(c)) || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)) ||
        (rc = dc_cli_second(c, &a, second)))
        return rc;
    int64_t seq;
    /* A missing title or reason is the rules' refusal, named and logged like any other. */
    dc_err_t e = dc_desk_rename(c->st, &c->term, actor, code, title ? title : "",
                                reason ? reason : "", second, &seq);
    if (e == DC_E_R_FIELD_MISSING_TITLE || e == DC_E_R_FIELD_MISSING_REASON)
        return dc_cli_fail(e, e == DC_E_R_FIELD_MISSING_TITLE ? "--title" : "--reason");
    if (e)
        return dc_cli_fail(e, code);
    printf("%lld\n", (long long)seq);
    return DC_EXIT_OK;
}

int dc_cmd_item(dc_cli_t *c, int argc, char **argv)
{
    if (argc < 1)
        return dc_cli_usage("item add|show|list|relabel|rename");
    if (strcmp(argv[0], "rename") == 0)
        return item_rename(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "relabel") == 0)
        return item_relabel(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "add") == 0)
        return item_add(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "show") == 0)
        return item_show(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "list") == 0)
        return item_list(c, argc - 1, argv + 1);
    return dc_cli_usage("item add|show|list|relabel|rename");
}

int dc_cmd_verify(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "immutable", argc, argv) || a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "verify [--immutable]");
    /* Read-only: verify never writes, so a copy on read-only media can be checked. */
    int rc = dc_cli_open_ro(c, dc_args_flag(&a, "immutable"));
    if (rc)
        return rc;
    dc_verify_t rep;
    dc_err_t e = dc_desk_verify(c->st, &rep);
    if (e == DC_E_VERIFY_FAILED) {
        if (rep.bad_seq)
            printf("FAILED at seq %lld: %s\n", (long long)rep.bad_seq, rep.what);
        else
            printf("FAILED: %s\n", rep.what);
        return dc_cli_fail(e, NULL);
    }
    if (e)
        return dc_cli_fail(e, dc_desk_detail(c->st));
    char hex[2 * DC_HASH_LEN + 1];
    dc_hex(rep.head, DC_HASH_LEN, hex);
    printf("OK %lld events, head %s\n", (long long)rep.events, hex);
    return DC_EXIT_OK;
}
