/* The paper ledgers as data: a small office's September, October and November, and the exact
 * rows of 様式2, 様式10, 様式8 and 様式1 for October (links filled whenever they happened, other
 * months left out); the CSV of a form byte for byte; a PDF that is a PDF. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "platform/clock.h"
#include "report/write.h"
#include "store/store.h"

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], tanaka[DC_CODE_MAX], suzuki[DC_CODE_MAX];
    char paper[DC_CODE_MAX], cd[DC_CODE_MAX], usb[DC_CODE_MAX], hdd[DC_CODE_MAX],
        copy_cd[DC_CODE_MAX];
    /* October's events that make rows. */
    int64_t reg_copy_cd, out_paper, out_cd, copy, transport, dispose;
} fx_t;

static void at(int mo, int d, int h, int mi)
{
    dc_clock_fix(dc_clock_from_civil(2026, mo, d, h, mi, 0, 540));
}

/* Record ev for its item (or subject, for an enrolment) through the desk; the sequence number. */
static int64_t rec(fx_t *f, dc_event_t *ev)
{
    int64_t seq;
    int failed;
    const char *code = ev->type == DC_EV_ENROLL ? ev->subject : ev->item;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, ev, (const char(*)[DC_CODE_MAX])code, 1, &seq, &failed),
        DC_E_OK);
    return seq;
}

static void enroll(fx_t *f, char *badge, const char *name, dc_role_t role)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, badge), DC_E_OK);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    dc_copy(ev.actor, sizeof ev.actor, f->admin[0] ? f->admin : badge);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    dc_copy(ev.name, sizeof ev.name, name);
    ev.role = role;
    rec(f, &ev);
}

/* An event of type for one item by actor with second, other fields left to the caller. */
static void ev_for(dc_event_t *ev, dc_evtype_t type, const char *code, const char *actor,
                   const char *second)
{
    dc_event_init(ev, type);
    dc_copy(ev->item, sizeof ev->item, code);
    dc_copy(ev->actor, sizeof ev->actor, actor);
    dc_copy(ev->second, sizeof ev->second, second);
}

static int64_t item(fx_t *f, char *code, dc_kind_t kind, const char *title, bool personal)
{
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, code), DC_E_OK);
    dc_event_t ev;
    ev_for(&ev, DC_EV_REGISTER, code, f->admin, "");
    dc_copy(ev.title, sizeof ev.title, title);
    dc_copy(ev.place, sizeof ev.place, "書庫A");
    dc_copy(ev.section, sizeof ev.section, "戸籍住民課");
    ev.kind = kind;
    ev.category = dc_kind_category(kind);
    ev.personal = personal;
    return rec(f, &ev);
}

static int64_t take_out(fx_t *f, const char *code, const char *actor, const char *approver,
                        const char *due)
{
    dc_event_t ev;
    ev_for(&ev, DC_EV_TAKE_OUT, code, actor, approver);
    dc_copy(ev.purpose, sizeof ev.purpose, "会議資料");
    dc_copy(ev.to_place, sizeof ev.to_place, "本庁舎 3階会議室");
    dc_copy(ev.due, sizeof ev.due, due);
    return rec(f, &ev);
}

static int64_t simple(fx_t *f, dc_evtype_t type, const char *code, const char *actor,
                      const char *second)
{
    dc_event_t ev;
    ev_for(&ev, type, code, actor, second);
    return rec(f, &ev);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "report") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term))
        return -1;
    *state = f;

    /* September: the office, its items, and a take-out returned in October (not October's). */
    at(9, 1, 9, 0);
    enroll(f, f->admin, "佐藤 健一", DC_ROLE_ADMIN);
    enroll(f, f->manager, "髙橋 美咲", DC_ROLE_MANAGER);
    enroll(f, f->tanaka, "田中 花子", DC_ROLE_STAFF);
    enroll(f, f->suzuki, "鈴木 一郎", DC_ROLE_STAFF);
    item(f, f->paper, DC_KIND_PAPER, "住民異動届 綴り", true);
    item(f, f->cd, DC_KIND_CD, "住民異動データ CD-R", false);
    item(f, f->usb, DC_KIND_USB, "集計USB", false);
    item(f, f->hdd, DC_KIND_HDD, "旧 集計HDD", false);
    at(9, 29, 14, 0);
    take_out(f, f->usb, f->suzuki, f->tanaka, "2026-10-02");

    /* October. */
    at(10, 1, 9, 30);
    simple(f, DC_EV_RETURN, f->usb, f->suzuki, f->tanaka);
    at(10, 3, 11, 0);
    f->reg_copy_cd = item(f, f->copy_cd, DC_KIND_CD, "複製用 \"CD-R\", 2枚", false);
    at(10, 5, 10, 0);
    f->out_paper = take_out(f, f->paper, f->tanaka, f->manager, "2026-10-09");
    at(10, 8, 15, 30);
    dc_event_t back;
    ev_for(&back, DC_EV_RETURN, f->paper, f->tanaka, f->suzuki);
    dc_copy(back.notes, sizeof back.notes, "破損あり"); /* the condition it came back in */
    rec(f, &back);

    at(10, 10, 13, 0);
    dc_event_t ev;
    ev_for(&ev, DC_EV_COPY, f->cd, f->tanaka, f->manager);
    dc_copy(ev.dest_item, sizeof ev.dest_item, f->copy_cd);
    ev.quantity = 2;
    dc_copy(ev.purpose, sizeof ev.purpose, "照会回答");
    dc_copy(ev.recipient, sizeof ev.recipient, "法務局");
    f->copy = rec(f, &ev);

    at(10, 12, 9, 0);
    f->out_cd = take_out(f, f->cd, f->suzuki, f->manager, "2026-10-16");

    at(10, 15, 8, 45);
    ev_for(&ev, DC_EV_TRANSPORT, f->usb, f->tanaka, "");
    dc_copy(ev.from_place, sizeof ev.from_place, "書庫A");
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    dc_copy(ev.carrier, sizeof ev.carrier, f->tanaka);
    dc_copy(ev.recipient, sizeof ev.recipient, "北出張所 窓口");
    ev.locked_bag = true;
    f->transport = rec(f, &ev);
    at(10, 16, 10, 0);
    simple(f, DC_EV_RECEIVE, f->usb, f->suzuki, "");

    at(10, 20, 16, 0);
    ev_for(&ev, DC_EV_DISPOSE, f->hdd, f->tanaka, f->manager);
    ev.method = DC_METHOD_PURGE;
    dc_copy(ev.technique, sizeof ev.technique, "データ消去ソフト");
    dc_copy(ev.certificate, sizeof ev.certificate, "HK-2026-10-001");
    f->dispose = rec(f, &ev);

    /* November: the paper goes out again, and the CD comes back; neither is October's row. */
    at(11, 2, 9, 0);
    take_out(f, f->paper, f->suzuki, f->manager, "2026-11-06");
    at(11, 4, 9, 0);
    simple(f, DC_EV_RETURN, f->cd, f->suzuki, f->tanaka);
    at(11, 5, 10, 0);
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f);
    return rc;
}

static dc_form_t *build(fx_t *f, dc_form_kind_t kind, const char *month)
{
    dc_form_t *form = NULL;
    assert_int_equal(dc_form_build(f->st, &f->term, kind, month, &form), DC_E_OK);
    return form;
}

/* Each row of the form against the expected cells; "#" stands for a row's own number. */
static void assert_rows(const dc_form_t *form, const int64_t *seqs, const char *const *want,
                        int nrows)
{
    int ncols = dc_form_ncols(form);
    assert_int_equal(dc_form_nrows(form), nrows);
    for (int r = 0; r < nrows; r++) {
        char seq[24];
        snprintf(seq, sizeof seq, "%lld", (long long)seqs[r]);
        for (int c = 0; c < ncols; c++) {
            const char *w = want[r * ncols + c];
            assert_string_equal(dc_form_cell(form, r, c), strcmp(w, "#") == 0 ? seq : w);
        }
    }
}

static void test_takeout(void **state)
{
    fx_t *f = *state;
    dc_form_t *form = build(f, DC_FORM_TAKEOUT, "2026-10");
    assert_string_equal(dc_form_title(form, DC_LANG_JA), "様式2 情報資産持ち出し管理簿");
    assert_string_equal(dc_form_period(form, DC_LANG_JA), "2026年10月");
    assert_string_equal(dc_form_period(form, DC_LANG_EN), "October 2026");
    assert_int_equal(dc_form_ncols(form), 15);
    assert_string_equal(dc_form_header(form, 12, DC_LANG_JA), "返却確認者");
    assert_string_equal(dc_form_header(form, 14, DC_LANG_JA), "返却時の状態");
    /* The paper came back on the 8th; the CD only in November, after the month's paper. */
    const int64_t seqs[] = {f->out_paper, f->out_cd};
    const char *const want[] = {
        "#", "2026-10-05", "10:00", f->paper, "住民異動届 綴り", "田中 花子", "髙橋 美咲",
        "会議資料", "本庁舎 3階会議室", "2026-10-09", "2026-10-08", "田中 花子", "鈴木 一郎", "",
        "破損あり",
        /* the CD's return came in November: October's form shows it returned */
        "#", "2026-10-12", "09:00", f->cd, "住民異動データ CD-R", "鈴木 一郎", "髙橋 美咲",
        "会議資料", "本庁舎 3階会議室", "2026-10-16", "2026-11-04", "鈴木 一郎", "田中 花子", "",
        ""};
    assert_rows(form, seqs, want, 2);
    dc_form_free(form);

    /* November: the paper is still out, so its return columns are blank. */
    form = build(f, DC_FORM_TAKEOUT, "2026-11");
    assert_int_equal(dc_form_nrows(form), 1);
    assert_string_equal(dc_form_cell(form, 0, 3), f->paper);
    for (int c = 10; c < 15; c++)
        if (c != 13)
            assert_string_equal(dc_form_cell(form, 0, c), "");
    dc_form_free(form);

    /* September's take-out is September's alone. */
    form = build(f, DC_FORM_TAKEOUT, "2026-09");
    assert_int_equal(dc_form_nrows(form), 1);
    assert_string_equal(dc_form_cell(form, 0, 3), f->usb);
    assert_string_equal(dc_form_cell(form, 0, 10), "2026-10-01");
    dc_form_free(form);
}

static void test_copy_transport(void **state)
{
    fx_t *f = *state;
    dc_form_t *form = build(f, DC_FORM_COPY_TRANSPORT, "2026-10");
    assert_string_equal(dc_form_title(form, DC_LANG_JA), "様式10 複製・運搬記録簿");
    assert_int_equal(dc_form_ncols(form), 19);
    const int64_t seqs[] = {f->copy, f->transport};
    const char *const want[] = {
        "#", "2026-10-10", "複製", f->cd, "住民異動データ CD-R", f->copy_cd, "2", "照会回答",
        "法務局", "—", "", "", "", "", "田中 花子", "髙橋 美咲", "", "", "",
        /* the transport, received the next day by the recipient */
        "#", "2026-10-15", "運搬", f->usb, "集計USB", "", "", "", "北出張所 窓口", "", "書庫A",
        "北出張所", "田中 花子", "有", "田中 花子", "", "2026-10-16", "鈴木 一郎", ""};
    assert_rows(form, seqs, want, 2);
    dc_form_free(form);
}

static void test_receipt_disposal(void **state)
{
    fx_t *f = *state;
    dc_form_t *form = build(f, DC_FORM_RECEIPT_DISPOSAL, "2026-10");
    assert_string_equal(dc_form_title(form, DC_LANG_EN), "Form 8: Receipt and disposal register");
    const int64_t seqs[] = {f->reg_copy_cd, f->dispose};
    const char *const want[] = {"#", "2026-10-03", "受入", f->copy_cd, "複製用 \"CD-R\", 2枚",
                                "CD-R", "新規登録", "佐藤 健一", "", "", "",
                                /* September's registrations are not October's */
                                "#", "2026-10-20", "払出", f->hdd, "旧 集計HDD", "外付けHDD",
                                "完全消去(Purge) データ消去ソフト", "田中 花子", "髙橋 美咲",
                                "HK-2026-10-001", ""};
    assert_rows(form, seqs, want, 2);
    dc_form_free(form);

    /* A month with nothing in it is an empty form, not an error. */
    form = build(f, DC_FORM_RECEIPT_DISPOSAL, "2026-12");
    assert_int_equal(dc_form_nrows(form), 0);
    dc_form_free(form);
}

static void test_inventory(void **state)
{
    fx_t *f = *state;
    dc_form_t *form = build(f, DC_FORM_INVENTORY, NULL);
    assert_string_equal(dc_form_title(form, DC_LANG_JA), "様式1 情報資産目録");
    assert_string_equal(dc_form_period(form, DC_LANG_JA), "2026年11月5日現在");
    assert_string_equal(dc_form_period(form, DC_LANG_EN), "as of 2026-11-05");
    assert_string_equal(dc_form_made(form), "2026-11-05 10:00");
    assert_int_equal(dc_form_nrows(form), 5);
    const struct {
        const char *code;
        const char *row[10];
    } want[] = {
        {f->paper,
         {f->paper, "紙媒体", "紙(書類)", "住民異動届 綴り", "書庫A", "戸籍住民課", "有", "無",
          "持ち出し中", ""}},
        {f->hdd,
         {f->hdd, "記録媒体", "外付けHDD", "旧 集計HDD", "書庫A", "戸籍住民課", "無", "無",
          "廃棄済み", ""}},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int r = 0;
        while (r < dc_form_nrows(form) && strcmp(dc_form_cell(form, r, 0), want[i].code) != 0)
            r++;
        assert_true(r < dc_form_nrows(form));
        for (int c = 0; c < 10; c++)
            assert_string_equal(dc_form_cell(form, r, c), want[i].row[c]);
    }
    /* By code, as the item table keeps them. */
    for (int r = 1; r < dc_form_nrows(form); r++)
        assert_true(strcmp(dc_form_cell(form, r - 1, 0), dc_form_cell(form, r, 0)) < 0);
    dc_form_free(form);
}

static void test_checkpoint_and_names(void **state)
{
    fx_t *f = *state;
    dc_form_t *form = build(f, DC_FORM_TAKEOUT, "2026-10");
    int64_t n, want_n;
    uint8_t head[DC_HASH_LEN], want_head[DC_HASH_LEN];
    dc_form_checkpoint(form, &n, head);
    assert_int_equal(dc_store_head(f->st, &want_n, want_head), DC_E_OK);
    assert_int_equal(n, want_n);
    assert_memory_equal(head, want_head, DC_HASH_LEN);
    assert_string_equal(dc_form_office(form), "テスト区役所");
    assert_string_equal(dc_form_terminal(form), "窓口端末1");
    dc_form_free(form);

    static const char *const bad[] = {"2026-13", "2026-1", "", "2026-10-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        form = (dc_form_t *)1;
        assert_int_not_equal(dc_form_build(f->st, &f->term, DC_FORM_TAKEOUT, bad[i], &form),
                             DC_E_OK);
        assert_null(form);
    }
    for (int k = 0; k < DC_FORM__COUNT; k++) {
        dc_form_kind_t got;
        assert_true(dc_form_parse(dc_form_name((dc_form_kind_t)k), &got));
        assert_int_equal(got, k);
    }
    dc_form_kind_t got;
    assert_false(dc_form_parse("takeouts", &got));
    assert_false(dc_form_parse(NULL, &got));
    assert_false(dc_form_monthly(DC_FORM_INVENTORY));
    assert_true(dc_form_monthly(DC_FORM_COPY_TRANSPORT));
}

/* What a writer makes of the form, NUL-terminated (free it); its length in *len. */
static char *written(const dc_form_t *form, dc_err_t (*write_form)(const dc_form_t *, FILE *),
                     size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    assert_non_null(out);
    assert_int_equal(write_form(form, out), DC_E_OK);
    assert_int_equal(fclose(out), 0);
    return buf;
}

/* The CSV of a form, byte for byte: BOM, Japanese header, CRLF, quoting. */
static void test_csv(void **state)
{
    fx_t *f = *state;
    dc_form_t *form = build(f, DC_FORM_RECEIPT_DISPOSAL, "2026-10");
    size_t len;
    char *buf = written(form, dc_form_write_csv, &len);
    char want[1024];
    snprintf(want, sizeof want,
             "\xEF\xBB\xBF番号,年月日,受払,ラベル,名称,種別,事由,取扱者,立会者,証明書番号,訂正\r\n"
             "%lld,2026-10-03,受入,%s,\"複製用 \"\"CD-R\"\", 2枚\",CD-R,新規登録,佐藤 健一,,,\r\n"
             "%lld,2026-10-20,払出,%s,旧 集計HDD,外付けHDD,完全消去(Purge) "
             "データ消去ソフト,田中 花子,髙橋 美咲,HK-2026-10-001,\r\n",
             (long long)f->reg_copy_cd, f->copy_cd, (long long)f->dispose, f->hdd);
    assert_string_equal(buf, want);
    free(buf);
    dc_form_free(form);
}

/* The PDF writer makes a PDF of every form, an empty one included, twice in one process (its
 * caches are reset in between). */
static void test_pdf(void **state)
{
    fx_t *f = *state;
    const struct {
        dc_form_kind_t kind;
        const char *month;
    } forms[] = {{DC_FORM_TAKEOUT, "2026-10"},
                 {DC_FORM_COPY_TRANSPORT, "2026-10"},
                 {DC_FORM_RECEIPT_DISPOSAL, "2026-12"},
                 {DC_FORM_INVENTORY, NULL}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        dc_form_t *form = build(f, forms[i].kind, forms[i].month);
        size_t len;
        char *buf = written(form, dc_form_write_pdf, &len);
        assert_true(len > 1000);
        assert_memory_equal(buf, "%PDF-", 5);
        assert_non_null(strstr(buf + len - 64, "%%EOF"));
        free(buf);
        dc_form_free(form);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_takeout),
        cmocka_unit_test(test_copy_transport),
        cmocka_unit_test(test_receipt_disposal),
        cmocka_unit_test(test_inventory),
        cmocka_unit_test(test_checkpoint_and_names),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_pdf),
    };
    /* The forms only read the ledger: one for all. */
    return cmocka_run_group_tests(tests, setup, teardown);
}
