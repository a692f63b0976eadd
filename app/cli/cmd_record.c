/* record: custody events through the same rules as the counter. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/check.h"
#include "desk/correct.h"
#include "desk/item.h"

enum { MAX_ITEMS = 32 };

static int text_opt(const dc_args_t *a, const char *name, char *dst, size_t cap)
{
    const char *v = dc_args_get(a, name);
    if (v && !dc_copy(dst, cap, v)) {
        char ctx[64];
        snprintf(ctx, sizeof ctx, "--%s", name);
        return dc_cli_fail(DC_E_TOO_LONG, ctx);
    }
    return DC_EXIT_OK;
}

static int badge_opt(const dc_args_t *a, const char *name, char dst[DC_CODE_MAX])
{
    const char *v = dc_args_get(a, name);
    return v ? dc_cli_code(v, DC_CODE_BADGE, dst) : DC_EXIT_OK;
}

/* The option that fills a field a refusal names, for the person at the terminal. */
static const char *missing_option(dc_err_t e)
{
    switch (e) {
    case DC_E_R_FIELD_MISSING_PURPOSE:
        return "--purpose";
    case DC_E_R_FIELD_MISSING_DESTINATION:
        return "--to";
    case DC_E_R_FIELD_MISSING_DUE:
        return "--due";
    case DC_E_R_FIELD_MISSING_QUANTITY:
        return "--quantity";
    case DC_E_R_FIELD_MISSING_METHOD:
        return "--method clear|purge|destroy";
    case DC_E_R_FIELD_MISSING_TECHNIQUE:
        return "--technique";
    default:
        return NULL;
    }
}

/* What a mixed disposal misses: the group's option and the techniques that fit it. */
static void mixed_hint(dc_dgroup_t g, char *out, size_t cap)
{
    const dc_technique_t *t[8];
    int n = dc_techniques_for(g, t, 8);
    int len = snprintf(out, cap, "%s / %s: --technique-%s T (", dc_dgroup_label(g, DC_LANG_JA),
                       dc_dgroup_label(g, DC_LANG_EN), dc_dgroup_name(g));
    for (int i = 0; i < n && len > 0 && (size_t)len < cap; i++)
        len += snprintf(out + len, cap - (size_t)len, "%s%s", i ? ", " : "", t[i]->name);
    if (len > 0 && (size_t)len < cap)
        snprintf(out + len, cap - (size_t)len, ")");
}

/* --technique-GROUP and --method-GROUP: a mixed cart's method and technique for each kind. */
static int per_group_opts(const dc_args_t *a, dc_kind_disposal_t per[DC_DGROUP__COUNT])
{
    for (int g = 0; g < DC_DGROUP__COUNT; g++) {
        char name[40];
        snprintf(name, sizeof name, "technique-%s", dc_dgroup_name((dc_dgroup_t)g));
        int rc = text_opt(a, name, per[g].technique, sizeof per[g].technique);
        if (rc)
            return rc;
        snprintf(name, sizeof name, "method-%s", dc_dgroup_name((dc_dgroup_t)g));
        const char *m = dc_args_get(a, name);
        if (m && (!dc_method_parse(m, &per[g].method) || per[g].method == DC_METHOD_NONE))
            return dc_cli_usage("--method-KIND must be clear, purge or destroy (NIST SP 800-88)");
    }
    return DC_EXIT_OK;
}

int dc_cmd_record(dc_cli_t *c, int argc, char **argv)
{
    static const dc_evtype_t custody[] = {DC_EV_TAKE_OUT,  DC_EV_RETURN,  DC_EV_COPY,
                                          DC_EV_TRANSPORT, DC_EV_RECEIVE, DC_EV_DISPOSE};
    dc_evtype_t type;
    bool known = argc >= 1 && dc_evtype_parse(argv[0], &type);
    bool ok = false;
    for (size_t i = 0; known && i < sizeof custody / sizeof custody[0]; i++)
        ok = ok || custody[i] == type;
    if (!ok)
        return dc_cli_usage(
            "record take-out|return|copy|transport|receive|dispose --item CODE ...");

    dc_args_t a;
    if (!dc_args_parse(&a,
                       "item=* actor= approver= purpose= to= from= due= method= technique= "
                       "certificate= masked quantity= carrier= locked-bag recipient= dest-item= "
                       "second-pin-stdin technique-paper= technique-optical= "
                       "technique-magnetic= technique-flash= technique-other= method-paper= "
                       "method-optical= method-magnetic= method-flash= method-other=",
                       argc - 1, argv + 1) ||
        a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "record takes options only");

    dc_event_t ev;
    dc_event_init(&ev, type);
    const char *item_text[MAX_ITEMS + 1];
    int n = dc_args_all(&a, "item", item_text, MAX_ITEMS + 1);
    if (n == 0)
        return dc_cli_usage("--item CODE is required");
    if (n > MAX_ITEMS)
        return dc_cli_usage("at most 32 items in one record");
    if (!dc_args_get(&a, "actor"))
        return dc_cli_usage("--actor BADGE is required");
    char items[MAX_ITEMS][DC_CODE_MAX];
    int rc;
    for (int i = 0; i < n; i++) {
        if ((rc = dc_cli_code(item_text[i], DC_CODE_ITEM, items[i])))
            return rc;
    }
    if ((rc = badge_opt(&a, "actor", ev.actor)) || (rc = badge_opt(&a, "approver", ev.second)) ||
        (rc = badge_opt(&a, "carrier", ev.carrier)) ||
        (rc = text_opt(&a, "purpose", ev.purpose, sizeof ev.purpose)) ||
        (rc = text_opt(&a, "to", ev.to_place, sizeof ev.to_place)) ||
        (rc = text_opt(&a, "from", ev.from_place, sizeof ev.from_place)) ||
        (rc = text_opt(&a, "technique", ev.technique, sizeof ev.technique)) ||
        (rc = text_opt(&a, "certificate", ev.certificate, sizeof ev.certificate)) ||
        (rc = text_opt(&a, "recipient", ev.recipient, sizeof ev.recipient)))
        return rc;
    if (dc_args_get(&a, "dest-item") &&
        (rc = dc_cli_code(dc_args_get(&a, "dest-item"), DC_CODE_ITEM, ev.dest_item)))
        return rc;
    const char *due = dc_args_get(&a, "due");
    if (due && (!dc_date_ok(due) || !dc_copy(ev.due, sizeof ev.due, due)))
        return dc_cli_fail(DC_E_BAD_DATE, due);
    const char *method = dc_args_get(&a, "method");
    if (method && (!dc_method_parse(method, &ev.method) || ev.method == DC_METHOD_NONE))
        return dc_cli_usage("--method must be clear, purge or destroy (NIST SP 800-88)");
    ev.masked = dc_args_flag(&a, "masked");
    ev.locked_bag = dc_args_flag(&a, "locked-bag");
    const char *q = dc_args_get(&a, "quantity");
    if (q) {
        char *end;
        long v = strtol(q, &end, 10);
        if (*end || v < 1 || v > 100000)
            return dc_cli_usage("--quantity must be a whole number from 1");
        ev.quantity = v;
    } else if (type == DC_EV_COPY) {
        ev.quantity = 1;
    }

    dc_kind_disposal_t per[DC_DGROUP__COUNT];
    memset(per, 0, sizeof per);
    if ((rc = per_group_opts(&a, per)))
        return rc;
    bool any_per = false;
    for (int g = 0; g < DC_DGROUP__COUNT; g++)
        any_per = any_per || per[g].technique[0];
    if (any_per && type != DC_EV_DISPOSE)
        return dc_cli_usage("--technique-KIND is for record dispose");

    if ((rc = dc_cli_open(c)) || (rc = dc_cli_second(c, &a, ev.second)))
        return rc;
    int64_t seqs[MAX_ITEMS];
    int failed = -1;
    dc_err_t e;
    if (type == DC_EV_DISPOSE) {
        /* Each item with its kind's method and technique; the desk logs a refusal. */
        dc_dgroup_t group;
        e = dc_desk_dispose(c->st, &c->term, &ev, per, (const char(*)[DC_CODE_MAX])items, n, seqs,
                            &failed, &group);
        if (e == DC_E_R_DISPOSE_MIXED) {
            char hint[400];
            mixed_hint(group, hint, sizeof hint);
            return dc_cli_fail(e, hint);
        }
        if (e) {
            char ctx[DC_LONG_MAX + 2 * DC_SHORT_MAX + 64];
            const char *opt = missing_option(e);
            dc_item_t it;
            if (failed >= 0 && dc_desk_item_get(c->st, items[failed], &it) == DC_E_OK)
                snprintf(ctx, sizeof ctx, "%s %s (%s / %s)%s%s", items[failed], it.title,
                         dc_kind_label(it.kind, DC_LANG_JA), dc_kind_label(it.kind, DC_LANG_EN),
                         opt ? "; " : "", opt ? opt : "");
            else
                snprintf(ctx, sizeof ctx, "%s", opt ? opt : dc_desk_detail(c->st));
            return dc_cli_fail(e, ctx);
        }
    } else {
        e = dc_desk_record(c->st, &c->term, &ev, (const char(*)[DC_CODE_MAX])items, n, seqs,
                           &failed);
    }
    if (e) {
        if (missing_option(e)) {
            char ctx[120];
            snprintf(ctx, sizeof ctx, "%s%s%s", failed >= 0 ? items[failed] : "",
                     failed >= 0 ? "; " : "", missing_option(e));
            if (dc_err_class(e) == DC_CLASS_REFUSED &&
                dc_check_record_refusal(c->st, &c->term, ev.actor, type, e,
                                        failed >= 0 ? items[failed] : NULL, ev.second))
                fprintf(stderr, "daicho-admin: the refusal could not be logged: %s\n",
                        dc_desk_detail(c->st));
            return dc_cli_fail(e, ctx);
        }
        /* A refusal is logged, so that the monthly check shows the attempt. */
        if (dc_err_class(e) == DC_CLASS_REFUSED &&
            dc_check_record_refusal(c->st, &c->term, ev.actor, type, e,
                                    failed >= 0 ? items[failed] : NULL, ev.second))
            fprintf(stderr, "daicho-admin: the refusal could not be logged: %s\n",
                    dc_desk_detail(c->st));
        return dc_cli_fail(e, failed >= 0 ? items[failed] : dc_desk_detail(c->st));
    }
    for (int i = 0; i < n; i++)
        printf("%lld\n", (long long)seqs[i]);
    return DC_EXIT_OK;
}

/* correct: a new event that names a mistaken record, with the right values, a reason and a
 * manager's approval. The original stays in the log as it was. */
int dc_cmd_correct(dc_cli_t *c, int argc, char **argv)
{
    static const char usage[] =
        "correct --event SEQ --reason R --actor BADGE --approver BADGE --second-pin-stdin "
        "[--purpose P] [--to PLACE] "
        "[--from PLACE] [--due YYYY-MM-DD] [--recipient R] [--technique T] [--certificate N] "
        "[--quantity N]";
    dc_args_t a;
    if (!dc_args_parse(&a,
                       "event= reason= actor= approver= purpose= to= from= due= recipient= "
                       "technique= certificate= quantity= second-pin-stdin",
                       argc, argv) ||
        a.npos || !dc_args_get(&a, "event") || !dc_args_get(&a, "reason") ||
        !dc_args_get(&a, "actor") || !dc_args_get(&a, "approver"))
        return dc_cli_usage(a.error[0] ? a.error : usage);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_CORRECTION);
    char *end;
    ev.link_seq = strtoll(dc_args_get(&a, "event"), &end, 10);
    if (*end || ev.link_seq < 1)
        return dc_cli_usage("--event must be a record's sequence number");
    int rc;
    if ((rc = badge_opt(&a, "actor", ev.actor)) || (rc = badge_opt(&a, "approver", ev.second)) ||
        (rc = text_opt(&a, "reason", ev.detail, sizeof ev.detail)) ||
        (rc = text_opt(&a, "purpose", ev.purpose, sizeof ev.purpose)) ||
        (rc = text_opt(&a, "to", ev.to_place, sizeof ev.to_place)) ||
        (rc = text_opt(&a, "from", ev.from_place, sizeof ev.from_place)) ||
        (rc = text_opt(&a, "recipient", ev.recipient, sizeof ev.recipient)) ||
        (rc = text_opt(&a, "technique", ev.technique, sizeof ev.technique)) ||
        (rc = text_opt(&a, "certificate", ev.certificate, sizeof ev.certificate)))
        return rc;
    const char *due = dc_args_get(&a, "due");
    if (due && (!dc_date_ok(due) || !dc_copy(ev.due, sizeof ev.due, due)))
        return dc_cli_fail(DC_E_BAD_DATE, due);
    const char *q = dc_args_get(&a, "quantity");
    if (q) {
        long v = strtol(q, &end, 10);
        if (*end || v < 1 || v > 100000)
            return dc_cli_usage("--quantity must be a whole number from 1");
        ev.quantity = v;
    }
    if ((rc = dc_cli_open(c)) || (rc = dc_cli_second(c, &a, ev.second)))
        return rc;
    int64_t seq;
    dc_err_t e = dc_desk_correct(c->st, &c->term, &ev, &seq);
    if (e) {
        if (dc_err_class(e) == DC_CLASS_REFUSED &&
            dc_check_record_refusal(c->st, &c->term, ev.actor, DC_EV_CORRECTION, e, ev.item,
                                    ev.second))
            fprintf(stderr, "daicho-admin: the refusal could not be logged: %s\n",
                    dc_desk_detail(c->st));
        return dc_cli_fail(e, dc_args_get(&a, "event"));
    }
    printf("%lld\n", (long long)seq);
    return DC_EXIT_OK;
}
