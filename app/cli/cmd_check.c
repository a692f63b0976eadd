/* check: the manager's monthly check from the command line, and its seal. */
#include <sodium.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/check.h"
#include "desk/receipt.h"
#include "desk/session.h"

static void when(int64_t ts_ms, int32_t tz_min, char out[17])
{
    char date[DC_DATE_MAX], time[6];
    dc_event_local_date(ts_ms, tz_min, date);
    dc_event_local_time(ts_ms, tz_min, time);
    snprintf(out, 17, "%s %s", date, time);
}

static void print_handovers(dc_cli_t *c, const dc_outstanding_t *o, int n)
{
    for (int i = 0; i < n; i++) {
        char since[17], who[DC_SHORT_MAX];
        when(o[i].since_ms, o[i].tz_min, since);
        dc_cli_name(c, o[i].holder, who, sizeof who);
        printf("  No.%-6lld ", (long long)o[i].seq);
        dc_cli_pad(stdout, o[i].item, 15);
        dc_cli_pad(stdout, o[i].title, 28);
        dc_cli_pad(stdout, who, 12);
        printf("%s〜 %d日", since, o[i].days);
        if (o[i].due[0])
            printf("  %s %s", o[i].type == DC_EV_TRANSPORT ? "到着予定" : "返却予定", o[i].due);
        if (o[i].overdue)
            fputs("  [超過 OVERDUE]", stdout);
        if (o[i].too_long)
            fputs("  [長期 TOO LONG]", stdout);
        fputc('\n', stdout);
    }
}

static void print_check(dc_cli_t *c, const dc_check_t *k)
{
    printf("月次点検 / Monthly check %s  %s  %s\n", k->month, c->term.office, c->term.terminal);
    printf("記録件数 / Events: %lld\n ", (long long)k->events);
    for (int t = 0; t < DC_EV__COUNT; t++) {
        if (k->by_type[t])
            printf(" %s %lld", dc_evtype_label((dc_evtype_t)t, DC_LANG_JA),
                   (long long)k->by_type[t]);
    }
    printf("\n持ち出し中 / Still out: %d (返却予定日超過 / overdue: %d)\n", k->nout, k->noverdue);
    print_handovers(c, k->out, k->nout);
    printf("運搬中 / In transit, not received: %d\n", k->ntransit);
    print_handovers(c, k->transit, k->ntransit);
    printf("廃棄 / Disposed: %d\n", k->ndisposed);
    for (int i = 0; i < k->ndisposed; i++) {
        const dc_disposal_t *d = &k->disposed[i];
        char at[17], who[DC_SHORT_MAX], witness[DC_SHORT_MAX];
        when(d->ts_ms, d->tz_min, at);
        dc_cli_name(c, d->actor, who, sizeof who);
        dc_cli_name(c, d->witness, witness, sizeof witness);
        printf("  No.%-6lld %s  ", (long long)d->seq, at);
        dc_cli_pad(stdout, d->item, 15);
        dc_cli_pad(stdout, d->title, 28);
        printf("%s %s  証明書 %s  %s / 立会 %s\n", dc_method_label(d->method, DC_LANG_JA),
               d->technique, d->certificate[0] ? d->certificate : "-", who, witness);
    }
    /* The same two lists as the kiosk and the paper (dc_anomaly_review). */
    for (int review = 0; review < 2; review++) {
        printf("%s: %d\n", review ? "要確認 / For review" : "異常 / Anomalies",
               review ? k->nreview : k->nanomalies - k->nreview);
        for (int i = 0; i < k->nanomalies; i++) {
            const dc_anomaly_t *a = &k->anomalies[i];
            if (dc_anomaly_review(a->kind) != (bool)review)
                continue;
            char at[17], who[DC_SHORT_MAX] = "", what[DC_SHORT_MAX];
            when(a->ts_ms, a->tz_min, at);
            if (a->who[0])
                dc_cli_name(c, a->who, who, sizeof who);
            dc_anomaly_what(a, DC_LANG_JA, what, sizeof what);
            /* The CLI is read in both languages: a reason put in Japanese keeps its words. */
            bool both = strcmp(what, a->what) != 0 &&
                        (a->kind == DC_AN_LOGIN_FAILED || a->kind == DC_AN_LOCKOUT);
            printf("  No.%-6lld %s  [%s] ", (long long)a->seq, at, dc_anomaly_name(a->kind));
            dc_cli_pad(stdout, dc_anomaly_label(a->kind, DC_LANG_JA), 24);
            dc_cli_pad(stdout, who, 12);
            dc_cli_pad(stdout, a->item, 15);
            printf("%s%s%s\n", what, both ? " / " : "", both ? a->what : "");
        }
    }
    if (k->intact)
        printf("台帳の検証 / Integrity: OK %lld events\n", (long long)k->verify.events);
    else
        printf("台帳の検証 / Integrity: FAILED at seq %lld: %s\n", (long long)k->verify.bad_seq,
               k->verify.what);
    if (k->sealed_seq)
        printf("封印 / Seal: 封印済み sealed, No.%lld%s%s\n", (long long)k->sealed_seq,
               k->seal_reason[0] ? "  未確認のまま封印した理由 / reason: " : "", k->seal_reason);
    else
        printf("封印 / Seal: 未封印 not sealed%s%s\n", k->last_sealed[0] ? " (latest sealed: " : "",
               k->last_sealed[0] ? k->last_sealed : "");
}

static int check_seal(dc_cli_t *c, dc_args_t *a, const dc_check_t *k)
{
    char actor[DC_CODE_MAX], pin[32] = "";
    const char *given = dc_args_get(a, "actor");
    if (!given)
        return dc_cli_usage("check seal needs --actor BADGE (the manager) and --pin-stdin");
    int rc = dc_cli_code(given, DC_CODE_BADGE, actor);
    if (rc)
        return rc;
    if (!dc_args_flag(a, "pin-stdin"))
        return dc_cli_usage("check seal needs the manager's PIN: --pin-stdin");
    const char *reason = dc_args_get(a, "reason");
    if (reason && !dc_check_seal_reason_ok(reason))
        return dc_cli_usage("check seal --reason is one of " DC_SEAL_REASON_LATER
                            ", " DC_SEAL_REASON_LENT ", " DC_SEAL_REASON_OTHER);
    if ((rc = dc_cli_read_secret(pin, sizeof pin, "pin-stdin")))
        return rc;
    dc_staff_t who;
    int failures;
    int64_t wait_ms;
    dc_err_t e = dc_desk_login_wait(c->st, &c->term, actor, pin, false, &who, &failures, &wait_ms);
    sodium_memzero(pin, sizeof pin);
    if (e)
        return dc_cli_login_fail(e, actor, wait_ms);
    int64_t seq;
    e = dc_check_seal(c->st, &c->term, k, actor, NULL, reason, &seq);
    if (e) {
        if (dc_err_class(e) == DC_CLASS_REFUSED &&
            dc_check_record_refusal(c->st, &c->term, actor, DC_EV_MONTHLY_CHECK, e, NULL, NULL))
            fprintf(stderr, "daicho-admin: the refusal could not be logged: %s\n",
                    dc_desk_detail(c->st));
        return dc_cli_fail(e, k->month);
    }
    printf("%lld\n", (long long)seq);
    fflush(stdout);
    const char *printer = dc_args_get(a, "printer");
    if (!printer)
        return DC_EXIT_OK;
    /* The seal is committed: a printer problem is reported, and the slip can be printed again. */
    dc_seal_count_t counts[16];
    int n = dc_check_counts(k, NULL, counts, 16);
    dc_printer_cfg_t cfg;
    dc_bitmap_t *b = NULL;
    if (!(e = dc_desk_printer_config(c->st, &cfg)))
        e = dc_desk_render_seal(c->st, &c->term, seq, k->month, counts, n,
                                dc_paper_info(cfg.receipt_paper)->width, &b);
    if (!e)
        e = dc_desk_print_bitmap(b, printer);
    dc_bitmap_destroy(b);
    return e ? dc_cli_fail(e, printer) : DC_EXIT_OK;
}

int dc_cmd_check(dc_cli_t *c, int argc, char **argv)
{
    bool seal = argc > 0 && strcmp(argv[0], "seal") == 0;
    dc_args_t a;
    if (!dc_args_parse(&a, seal ? "month= actor= pin-stdin printer= reason=" : "month= actor=",
                       argc - seal, argv + seal) ||
        a.npos || !dc_args_get(&a, "month"))
        return dc_cli_usage(a.error[0] ? a.error
                                       : "check --month YYYY-MM [--actor BADGE] | check seal "
                                         "--month YYYY-MM "
                                         "--actor BADGE --pin-stdin [--printer SPEC] "
                                         "[--reason R]");
    const char *month = dc_args_get(&a, "month");
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    if (!seal) {
        /* The check lists people, items and who holds what: a read-out like a form. */
        char actor[DC_CODE_MAX], what[32];
        if ((rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
            return rc;
        snprintf(what, sizeof what, "check %s", month);
        dc_err_t re = dc_desk_may_read_out(c->st, &c->term, actor, what);
        if (re)
            return dc_cli_fail(re, actor);
    }
    dc_check_t *k = NULL;
    dc_err_t e = dc_check_month(c->st, &c->term, month, &k);
    if (e)
        return dc_cli_fail(e, month);
    if (seal) {
        rc = check_seal(c, &a, k);
    } else {
        print_check(c, k);
        rc = k->intact ? DC_EXIT_OK : DC_EXIT_REFUSED;
    }
    dc_check_free(k);
    return rc;
}
