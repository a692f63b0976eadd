/* record: custody events through the same rules as the counter. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/check.h"
#include "desk/correct.h"

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
                       "second-pin-stdin",
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

    if ((rc = dc_cli_open(c)) || (rc = dc_cli_second(c, &a, ev.second)))
        return rc;
    int64_t seqs[MAX_ITEMS];
    int failed = -1;
    dc_err_t e =
        dc_desk_record(c->st, &c->term, &ev, (const char(*)[DC_CODE_MAX])items, n, seqs, &failed);
    if (e) {
        /* A refusal is logged, so that the monthly check shows the attempt. */
        if (dc_err_class(e) == DC_CLASS_REFUSED &&
            dc_check_record_refusal(c->st, &c->term, ev.actor, type, e,
                                    failed >= 0 ? items[failed] : NULL, ev.second))
            fprintf(stderr, "daicho-admin: the refusal could not be logged: %s\n",
                    dc_store_detail(c->st));
        return dc_cli_fail(e, failed >= 0 ? items[failed] : dc_store_detail(c->st));
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
                    dc_store_detail(c->st));
        return dc_cli_fail(e, dc_args_get(&a, "event"));
    }
    printf("%lld\n", (long long)seq);
    return DC_EXIT_OK;
}
