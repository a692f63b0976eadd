/* ledger: one month of events, as a table for the terminal or as CSV for Excel. */
#include <string.h>

#include "cli/cli.h"

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
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (i)
            fputc(',', stdout);
        dc_cli_csv_field(stdout, fields[i]);
    }
    fputs("\r\n", stdout);
    return 0;
}

int dc_cmd_ledger(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "month= csv", argc, argv) || a.npos || !dc_args_get(&a, "month"))
        return dc_cli_usage(a.error[0] ? a.error : "ledger --month YYYY-MM [--csv]");
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    int64_t from, to;
    dc_err_t e = dc_desk_month_range(dc_args_get(&a, "month"), c->term.tz_min, &from, &to);
    if (e)
        return dc_cli_fail(e, "--month YYYY-MM");
    ledger_t l = {c, dc_args_flag(&a, "csv"), 0};
    if (l.csv) {
        /* UTF-8 with a byte-order mark and CRLF: what Excel in Japan opens without asking. */
        fputs("\xEF\xBB\xBF", stdout);
        for (size_t i = 0; i < sizeof csv_header / sizeof csv_header[0]; i++)
            printf("%s%s", i ? "," : "", csv_header[i]);
        fputs("\r\n", stdout);
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
