/* ledger: one month of events, as a table for the terminal or as CSV for Excel, and the paper
 * ledgers (様式2/8/10 for a month, 様式1 the inventory) as CSV or PDF files. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/write.h"

typedef struct {
    dc_cli_t *c;
    bool csv;
    int64_t rows;
} ledger_t;

static const char *const csv_header[] = {
    "番号",       "日付",           "時刻",     "種別",         "種別コード",
    "ラベル",     "名称",           "取扱者",   "取扱者社員証", "承認・確認・立会者",
    "目的",       "持出先・運搬先", "運搬元",   "返却予定日",   "数量",
    "マスキング", "施錠鞄",         "廃棄方法", "廃棄手段",     "証明書番号",
    "受取人",     "関連番号",       "端末",     "経路",
};

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
        if (dc_store_item_get(l->c->st, ev->item, &it) == DC_E_OK)
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
    };
    dc_csv_row(stdout, fields, (int)(sizeof fields / sizeof fields[0]));
    return 0;
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

/* Write the form to path through path.tmp, fsync and rename, so that a failure never leaves
 * half a file under the name asked for; "-" writes standard output. */
static int save_form(const dc_form_t *f, bool pdf, const char *path)
{
    dc_err_t (*write_form)(const dc_form_t *, FILE *) = pdf ? dc_form_write_pdf : dc_form_write_csv;
    if (strcmp(path, "-") == 0) {
        dc_err_t e = write_form(f, stdout);
        return e == DC_E_IO ? out_fail("stdout", errno) : e ? dc_cli_fail(e, NULL) : DC_EXIT_OK;
    }
    char tmp[DC_PATH_MAX + 8];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return dc_cli_fail(DC_E_TOO_LONG, "--out FILE");
    FILE *out = fopen(tmp, "wb");
    if (!out)
        return out_fail(tmp, errno);
    dc_err_t e = write_form(f, out);
    if (!e && (fflush(out) != 0 || fsync(fileno(out)) != 0))
        e = DC_E_IO;
    int err = e ? errno : 0;
    if (fclose(out) != 0 && !e) {
        e = DC_E_IO;
        err = errno;
    }
    if (!e && (rename(tmp, path) != 0 || dc_paths_sync_parent(path) != DC_E_OK)) {
        e = DC_E_IO;
        err = errno;
    }
    if (e) {
        remove(tmp);
        return e == DC_E_IO ? out_fail(path, err) : dc_cli_fail(e, NULL);
    }
    return DC_EXIT_OK;
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
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    dc_form_t *f;
    dc_err_t e = dc_form_build(c->st, &c->term, kind, month, &f);
    if (e)
        return dc_cli_fail(e, dc_err_class(e) == DC_CLASS_USAGE ? "--month YYYY-MM"
                                                                : dc_store_detail(c->st));
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
    if (dc_form_parse(name, &kind) && !dc_form_monthly(kind))
        return dc_cli_usage("目録は daicho-admin inventory で書き出します / "
                            "write the inventory with 'daicho-admin inventory'");
    if (!dc_form_parse(name, &kind) || dc_args_flag(a, "csv"))
        return dc_cli_usage("--form は takeout, copy-transport, receipt-disposal のどれかです "
                            "(--csv ではなく --format csv) / --form takes takeout, "
                            "copy-transport or receipt-disposal (with --format, not --csv)");
    return export_form(c, kind, dc_args_get(a, "month"), a);
}

int dc_cmd_ledger(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "month= csv form= format= out=", argc, argv) || a.npos ||
        !dc_args_get(&a, "month"))
        return dc_cli_usage(a.error[0] ? a.error
                                       : "ledger --month YYYY-MM [--csv] | ledger --month YYYY-MM "
                                         "--form takeout|copy-transport|receipt-disposal "
                                         "[--format csv|pdf] [--out FILE]");
    if (dc_args_get(&a, "form") || dc_args_get(&a, "format") || dc_args_get(&a, "out"))
        return ledger_form(c, &a);
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    int64_t from, to;
    dc_err_t e = dc_desk_month_range(dc_args_get(&a, "month"), c->term.tz_min, &from, &to);
    if (e)
        return dc_cli_fail(e, "--month YYYY-MM");
    ledger_t l = {c, dc_args_flag(&a, "csv"), 0};
    if (l.csv) {
        dc_csv_bom(stdout);
        dc_csv_row(stdout, csv_header, (int)(sizeof csv_header / sizeof csv_header[0]));
    } else {
        printf("%s  %s  %s\n", c->term.office, c->term.terminal, dc_args_get(&a, "month"));
    }
    e = dc_store_events_between(c->st, from, to, ledger_row, &l);
    if (e)
        return dc_cli_fail(e, dc_store_detail(c->st));
    if (!l.csv)
        printf("(%lld 件 / events)\n", (long long)l.rows);
    return DC_EXIT_OK;
}

int dc_cmd_inventory(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "format= out=", argc, argv) || a.npos)
        return dc_cli_usage(a.error[0] ? a.error : "inventory [--format csv|pdf] [--out FILE]");
    return export_form(c, DC_FORM_INVENTORY, NULL, &a);
}
