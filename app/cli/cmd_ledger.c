/* ledger: one month of events, as a table for the terminal or as CSV for Excel, and the paper
 * ledgers (様式2/8/10 for a month, 様式1 the inventory) as CSV or PDF files. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "desk/session.h"
#include "platform/safefile.h"
#include "report/export.h"
#include "report/write.h"

typedef struct {
    dc_cli_t *c;
    bool csv;
    int64_t rows;
    dc_err_t werr; /* a CSV row that could not be written */
} ledger_t;

static const char *const csv_header[] = {
    "番号",       "日付",           "時刻",     "種別",         "種別コード",
    "ラベル",     "名称",           "取扱者",   "取扱者職員証", "承認・確認・立会者",
    "目的",       "持出先・運搬先", "運搬元",   "返却予定日",   "数量",
    "マスキング", "施錠鞄",         "廃棄方法", "廃棄手段",     "証明書番号",
    "受取人",     "関連番号",       "端末",     "経路",         "返却時の状態",
};

/* How a spreadsheet may read each column of csv_header: numbers, dates, and text for the rest. */
#define N_ DC_CSV_NUMBER
#define D_ DC_CSV_DATE
#define T_ DC_CSV_TEXT
static const dc_csv_kind_t csv_kinds[] = {
    N_, D_, D_, T_, T_, T_, T_, T_, T_, T_, T_, T_, T_,
    D_, N_, T_, T_, T_, T_, T_, T_, N_, T_, T_, T_,
};
#undef N_
#undef D_
#undef T_
_Static_assert(sizeof csv_kinds / sizeof csv_kinds[0] == sizeof csv_header / sizeof csv_header[0],
               "one kind per column");

static int ledger_row(const dc_event_t *ev, void *ctx)
{
    ledger_t *l = ctx;
    char date[DC_DATE_MAX], time[6], actor[DC_SHORT_MAX], second[DC_SHORT_MAX];
    char title[DC_LONG_MAX] = "";
    dc_event_local_date(ev->ts_ms, ev->tz_min, date);
    dc_event_local_time(ev->ts_ms, ev->tz_min, time);
    dc_cli_name(l->c,
                ev->type == DC_EV_ENROLL || ev->type == DC_EV_RELEASE ? ev->subject : ev->actor,
                actor, sizeof actor);
    dc_cli_name(l->c, ev->second, second, sizeof second);
    if (ev->item[0]) {
        dc_item_t it;
        if (dc_desk_item_get(l->c->st, ev->item, &it) == DC_E_OK)
            snprintf(title, sizeof title, "%s", it.title);
    }
    l->rows++;
    if (!l->csv) {
        printf("%6lld  %s %s  ", (long long)ev->seq, date, time);
        dc_cli_pad(stdout, dc_evtype_label(ev->type, DC_LANG_JA), 12);
        dc_cli_pad(stdout, ev->item, 14);
        dc_cli_pad(stdout, title, 30);
        dc_cli_pad(stdout, actor, 12);
        dc_cli_pad(stdout, second, 12);
        printf("%s%s%s\n", ev->to_place, ev->due[0] ? " 〜" : "", ev->due);
        return 0;
    }
    char seq[24], qty[24], link[24];
    snprintf(seq, sizeof seq, "%lld", (long long)ev->seq);
    snprintf(qty, sizeof qty, "%lld", (long long)ev->quantity);
    snprintf(link, sizeof link, "%lld", (long long)ev->link_seq);
    bool copy = ev->type == DC_EV_COPY, tr = ev->type == DC_EV_TRANSPORT;
    const char *fields[] = {
        seq,
        date,
        time,
        dc_evtype_label(ev->type, DC_LANG_JA),
        dc_evtype_name(ev->type),
        ev->item,
        title,
        actor,
        ev->type == DC_EV_ENROLL || ev->type == DC_EV_RELEASE ? ev->subject : ev->actor,
        second,
        ev->purpose,
        ev->to_place,
        ev->from_place,
        ev->due,
        copy ? qty : "",
        copy ? (ev->masked ? "済" : "無") : "",
        tr ? (ev->locked_bag ? "有" : "無") : "",
        ev->type == DC_EV_DISPOSE ? dc_method_label(ev->method, DC_LANG_JA) : "",
        ev->technique,
        ev->certificate,
        ev->recipient,
        ev->link_seq ? link : "",
        ev->terminal,
        dc_channel_name(ev->channel),
        ev->type == DC_EV_RETURN ? ev->notes : "", /* the condition it came back in */
    };
    _Static_assert(sizeof fields / sizeof fields[0] == sizeof csv_kinds / sizeof csv_kinds[0],
                   "one field per column");
    l->werr = dc_csv_row(stdout, fields, csv_kinds, (int)(sizeof fields / sizeof fields[0]));
    return l->werr != DC_E_OK;
}

/* A file that cannot be written: what failed and what to do, in both languages. */
static int out_fail(const char *path, int err)
{
    char ctx[DC_PATH_MAX + 320];
    snprintf(ctx, sizeof ctx,
             "%s: %s: 出力先のフォルダーがあり書き込めるか、空き容量を確認してください / "
             "check that the folder exists, is writable and has space",
             path, err ? strerror(err) : "write failed");
    return dc_cli_fail(DC_E_IO, ctx);
}

/* Write the form to path (dc_form_save: never half a file under that name); "-" writes standard
 * output. */
static int save_form(const dc_form_t *f, bool pdf, const char *path)
{
    if (strcmp(path, "-") == 0) {
        dc_err_t e = pdf ? dc_form_write_pdf(f, stdout) : dc_form_write_csv(f, stdout);
        return e == DC_E_IO ? out_fail("stdout", errno) : e ? dc_cli_fail(e, NULL) : DC_EXIT_OK;
    }
    int err;
    dc_err_t e = dc_form_save(f, pdf, path, &err);
    if (e == DC_E_TOO_LONG)
        return dc_cli_fail(e, "--out FILE");
    if (e == DC_E_OUT_PROTECTED || e == DC_E_OUT_LINK)
        return dc_cli_fail(e, path);
    return e == DC_E_IO ? out_fail(path, err) : e ? dc_cli_fail(e, NULL) : DC_EXIT_OK;
}

/* --format and --out of an export, checked before the ledger is opened; then build and save. */
static int export_form(dc_cli_t *c, dc_form_kind_t kind, const char *month, const dc_args_t *a)
{
    const char *format = dc_args_get(a, "format"), *path = dc_args_get(a, "out");
    bool pdf = format && strcmp(format, "pdf") == 0;
    if (format && !pdf && strcmp(format, "csv") != 0)
        return dc_cli_usage("--format は csv か pdf です / --format must be csv or pdf");
    if (pdf && !path)
        return dc_cli_usage("PDF は --out FILE で書き出すファイルを指定してください / "
                            "give the PDF file with --out FILE");
    char actor[DC_CODE_MAX];
    int rc = dc_cli_open(c);
    if (rc || (rc = dc_cli_actor(c, dc_args_get(a, "actor"), actor)))
        return rc;
    int64_t from, to;
    if (month && dc_desk_month_range(month, c->term.tz_min, &from, &to))
        return dc_cli_fail(DC_E_BAD_MONTH, "--month YYYY-MM");
    /* An --out naming the ledger or the key, or at a link, is refused before anything is
     * logged. */
    dc_err_t e = path && strcmp(path, "-") != 0 ? dc_safefile_precheck(path) : DC_E_OK;
    if (e)
        return dc_cli_fail(e, path);
    /* The ledger leaves the terminal: allowed by the rules (a refusal is logged), then logged
     * before a byte is written. */
    char what[64];
    snprintf(what, sizeof what, "%s%s%s", dc_form_name(kind), month ? " " : "", month ? month : "");
    if ((e = dc_desk_may_read_out(c->st, &c->term, actor, what)))
        return dc_cli_fail(e, dc_err_class(e) == DC_CLASS_REFUSED ? actor : dc_desk_detail(c->st));
    int64_t seq;
    e = dc_report_log_export(c->st, &c->term, actor, what, path ? path : "-", pdf ? "pdf" : "csv",
                             &seq);
    if (e)
        return dc_cli_fail(e, dc_err_class(e) == DC_CLASS_REFUSED ? actor : dc_desk_detail(c->st));
    dc_form_t *f;
    e = dc_form_build(c->st, &c->term, kind, month, &f);
    if (e)
        return dc_cli_fail(e, dc_err_class(e) == DC_CLASS_USAGE ? "--month YYYY-MM"
                                                                : dc_desk_detail(c->st));
    rc = save_form(f, pdf, path ? path : "-");
    dc_form_free(f);
    return rc;
}

static int ledger_form(dc_cli_t *c, const dc_args_t *a)
{
    const char *name = dc_args_get(a, "form");
    dc_form_kind_t kind;
    if (!name)
        return dc_cli_usage("--format と --out は --form と一緒に使います / "
                            "--format and --out go with --form");
    if (!dc_form_parse(name, &kind))
        return dc_cli_usage("--form は takeout, copy-transport, receipt-disposal のどれかです / "
                            "--form takes takeout, copy-transport or receipt-disposal");
    if (!dc_form_monthly(kind))
        return dc_cli_usage("目録は daicho-admin inventory で書き出します / "
                            "write the inventory with 'daicho-admin inventory'");
    if (dc_args_flag(a, "csv"))
        return dc_cli_usage("--form には --csv ではなく --format csv を付けます / "
                            "with --form, give --format csv instead of --csv");
    return export_form(c, kind, dc_args_get(a, "month"), a);
}

int dc_cmd_ledger(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "month= csv form= format= out= actor=", argc, argv) || a.npos ||
        !dc_args_get(&a, "month"))
        return dc_cli_usage(a.error[0] ? a.error
                                       : "ledger --month YYYY-MM [--csv] [--actor BADGE] | ledger "
                                         "--month YYYY-MM "
                                         "--form takeout|copy-transport|receipt-disposal "
                                         "[--format csv|pdf] [--out FILE] [--actor BADGE]");
    if (dc_args_get(&a, "form") || dc_args_get(&a, "format") || dc_args_get(&a, "out"))
        return ledger_form(c, &a);
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    int64_t from, to;
    dc_err_t e = dc_desk_month_range(dc_args_get(&a, "month"), c->term.tz_min, &from, &to);
    if (e)
        return dc_cli_fail(e, "--month YYYY-MM");
    ledger_t l = {c, dc_args_flag(&a, "csv"), 0, DC_E_OK};
    {
        /* The month, as a file for Excel or as text on the screen, shows names and titles: a
         * read-out like a form, allowed by the rules and logged before a byte is written. */
        char actor[DC_CODE_MAX], what[32];
        int64_t seq;
        if ((rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
            return rc;
        snprintf(what, sizeof what, "ledger %s", dc_args_get(&a, "month"));
        if (!(e = dc_desk_may_read_out(c->st, &c->term, actor, what)))
            e = dc_report_log_export(c->st, &c->term, actor, what, "-", l.csv ? "csv" : "text",
                                     &seq);
        if (e)
            return dc_cli_fail(e,
                               dc_err_class(e) == DC_CLASS_REFUSED ? actor : dc_desk_detail(c->st));
    }
    if (l.csv) {
        dc_csv_bom(stdout);
        l.werr =
            dc_csv_row(stdout, csv_header, NULL, (int)(sizeof csv_header / sizeof csv_header[0]));
    } else {
        printf("%s  %s  %s\n", c->term.office, c->term.terminal, dc_args_get(&a, "month"));
    }
    if (!l.werr)
        e = dc_desk_log_between(c->st, from, to, ledger_row, &l); /* the log as written */
    if (!e && l.csv && !l.werr && (fflush(stdout) != 0 || ferror(stdout)))
        l.werr = DC_E_IO;
    if (!e && l.werr)
        return l.werr == DC_E_IO ? out_fail("stdout", errno) : dc_cli_fail(l.werr, NULL);
    if (e)
        return dc_cli_fail(e, dc_desk_detail(c->st));
    if (!l.csv)
        printf("(%lld 件 / events)\n", (long long)l.rows);
    return DC_EXIT_OK;
}

int dc_cmd_inventory(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "format= out= actor=", argc, argv) || a.npos)
        return dc_cli_usage(
            a.error[0] ? a.error : "inventory [--format csv|pdf] [--out FILE] [--actor BADGE]");
    return export_form(c, DC_FORM_INVENTORY, NULL, &a);
}

/* export: the month to a registered medium, itself a copy of that medium (two people). */
int dc_cmd_export(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "month= medium= to= actor= approver= second-pin-stdin", argc, argv) ||
        a.npos || !dc_args_get(&a, "month") || !dc_args_get(&a, "medium") ||
        !dc_args_get(&a, "to") || !dc_args_get(&a, "actor") || !dc_args_get(&a, "approver"))
        return dc_cli_usage(a.error[0] ? a.error
                                       : "export --month YYYY-MM --medium CODE --to DIR "
                                         "--actor BADGE --approver BADGE --second-pin-stdin");
    char medium[DC_CODE_MAX], actor[DC_CODE_MAX], approver[DC_CODE_MAX];
    int rc = dc_cli_code(dc_args_get(&a, "medium"), DC_CODE_ITEM, medium);
    if (!rc)
        rc = dc_cli_code(dc_args_get(&a, "actor"), DC_CODE_BADGE, actor);
    if (!rc)
        rc = dc_cli_code(dc_args_get(&a, "approver"), DC_CODE_BADGE, approver);
    if (rc || (rc = dc_cli_open(c)) || (rc = dc_cli_second(c, &a, approver)))
        return rc;
    const char *month = dc_args_get(&a, "month"), *dir = dc_args_get(&a, "to");
    int64_t seq;
    int err;
    dc_err_t e =
        dc_report_export_month(c->st, &c->term, month, actor, approver, medium, dir, &seq, &err);
    if (seq)
        printf("%lld\n", (long long)seq);
    if (e == DC_E_IO)
        return out_fail(dir, err);
    if (e == DC_E_OUT_PROTECTED || e == DC_E_OUT_LINK) {
        char ctx[DC_PATH_MAX + 160];
        snprintf(ctx, sizeof ctx,
                 "%s/daicho-%s: 書出しは記録済み、媒体は不完全です / the copy is recorded, the "
                 "medium holds part of it at most",
                 dir, month);
        return dc_cli_fail(e, ctx);
    }
    if (e)
        return dc_cli_fail(e, e == DC_E_EXPORT_NO_MEDIUM ? dir : medium);
    printf("%s/daicho-%s\n", dir, month);
    return DC_EXIT_OK;
}
