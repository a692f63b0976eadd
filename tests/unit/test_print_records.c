/* Receipts say what each item's record says. A transport of two items from two places is
 * printed to a PNG, its QR read back with zbar and checked against the ledger, and its words
 * found in the dots: both places. A return of items from two take-outs names both take-outs;
 * a reprint after a correction shows the corrected value for that item only. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/correct.h"
#include "desk/receipt.h"
#include "fixture.h"
#include "platform/clock.h"
#include "store/store.h"
#include "testprint.h"
#include "textfind.h"

#define PIN "4739"

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], manager[DC_CODE_MAX], s1[DC_CODE_MAX], s2[DC_CODE_MAX];
    char items[2][DC_CODE_MAX];
} fx_t;

static void at(int mo, int d, int h, int mi)
{
    dc_clock_fix(dc_clock_from_civil(2026, mo, d, h, mi, 0, 540));
}

static void append(fx_t *f, dc_event_t *ev)
{
    int failed;
    dc_desk_stamp(&f->term, ev);
    assert_int_equal(dc_store_append(f->st, ev, 1, &failed), DC_E_OK);
}

static void enroll(fx_t *f, char *badge, const char *name, dc_role_t role)
{
    assert_int_equal(dc_fx_enrol(f->st, &f->term, f->admin, badge, role, name, NULL), 0);
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "printrec") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term))
        return -1;
    at(10, 1, 9, 0);
    if (dc_fx_admin(f->st, &f->term, "佐藤 管理", f->admin))
        return -1;
    enroll(f, f->manager, "山﨑 浩二", DC_ROLE_MANAGER);
    enroll(f, f->s1, "髙橋 美咲", DC_ROLE_STAFF);
    enroll(f, f->s2, "田中 花子", DC_ROLE_STAFF);
    static const char *const places[2] = {"書庫A", "倉庫B"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, f->items[i]), DC_E_OK);
        dc_event_t ev;
        dc_event_init(&ev, DC_EV_REGISTER);
        dc_copy(ev.actor, sizeof ev.actor, f->admin);
        dc_copy(ev.item, sizeof ev.item, f->items[i]);
        dc_copy(ev.title, sizeof ev.title, i ? "集計USB" : "調査票 綴り");
        dc_copy(ev.place, sizeof ev.place, places[i]);
        ev.kind = i ? DC_KIND_USB : DC_KIND_PAPER;
        ev.category = dc_kind_category(ev.kind);
        append(f, &ev);
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    dc_clock_fix(0);
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f);
    return rc;
}

static void record(fx_t *f, dc_event_t *ev, const char (*items)[DC_CODE_MAX], int n, int64_t *seqs)
{
    int failed;
    dc_err_t e = dc_desk_record(f->st, &f->term, ev, items, n, seqs, &failed);
    if (e)
        fail_msg("record %s: %s", dc_evtype_name(ev->type), dc_err_name(e));
}

/* Print the receipt of seq's record to a PNG file and read it back: the image, and the QR's
 * text checked against the ledger (it must prove the record's last event). */
static void print_and_read(fx_t *f, int64_t seq, int64_t last, bool reprint, const char *name,
                           tp_image_t *img)
{
    char path[700], spec[720];
    snprintf(path, sizeof path, "%s/%s.png", f->dir, name);
    snprintf(spec, sizeof spec, "png:%s", path);
    assert_int_equal(dc_desk_print_receipt(f->st, &f->term, seq, reprint, spec), DC_E_OK);
    assert_int_equal(tp_png_read(path, img), 0);
    char payload[256];
    assert_int_equal(tp_qr_read(img->bits, img->w, img->h, img->stride, payload, sizeof payload),
                     1);
    dc_receipt_check_t rc;
    assert_int_equal(dc_desk_receipt_verify(f->st, payload, &rc), DC_E_RECEIPT_GOOD);
    assert_int_equal(rc.seq, last);
}

static int has(const tp_image_t *img, const char *text)
{
    int r = tf_text_find(img->bits, img->w, img->h, img->stride, text, NULL);
    assert_true(r >= 0);
    return r;
}

static void test_two_place_transport(void **state)
{
    fx_t *f = *state;
    at(10, 5, 10, 0);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_TRANSPORT);
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    int64_t seqs[2];
    record(f, &ev, (const char(*)[DC_CODE_MAX])f->items, 2, seqs);

    tp_image_t img;
    print_and_read(f, seqs[0], seqs[1], false, "transport", &img);
    /* Both places, each under its own item; the shared destination once. */
    assert_true(has(&img, "運搬元 From: 書庫A"));
    assert_true(has(&img, "運搬元 From: 倉庫B"));
    assert_true(has(&img, "品目ごと / per item"));
    assert_true(has(&img, "北出張所"));
    /* The carrier is recorded: the handler. */
    assert_true(has(&img, "髙橋 美咲"));
    /* And a word that is not on it is not found. */
    assert_false(has(&img, "南出張所"));
    tp_image_free(&img);
}

static void test_return_of_two_take_outs(void **state)
{
    fx_t *f = *state;
    at(10, 5, 10, 0);
    int64_t outs[2];
    for (int i = 0; i < 2; i++) {
        dc_event_t ev;
        dc_event_init(&ev, DC_EV_TAKE_OUT);
        dc_copy(ev.actor, sizeof ev.actor, f->s1);
        dc_copy(ev.second, sizeof ev.second, f->s2);
        dc_copy(ev.purpose, sizeof ev.purpose, "監査対応");
        dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
        dc_copy(ev.due, sizeof ev.due, "2026-10-09");
        record(f, &ev, (const char(*)[DC_CODE_MAX])f->items[i], 1, &outs[i]);
    }
    /* One take-out's due is corrected: a reprint of it shows both dates, each for its item. */
    at(10, 6, 10, 0);
    dc_event_t fix;
    dc_event_init(&fix, DC_EV_CORRECTION);
    fix.link_seq = outs[1];
    dc_copy(fix.actor, sizeof fix.actor, f->s1);
    dc_copy(fix.second, sizeof fix.second, f->manager);
    dc_copy(fix.detail, sizeof fix.detail, "日付の誤り");
    dc_copy(fix.due, sizeof fix.due, "2026-11-30");
    int64_t fix_seq;
    assert_int_equal(dc_desk_correct(f->st, &f->term, &fix, &fix_seq), DC_E_OK);

    at(10, 8, 10, 0);
    dc_event_t back;
    dc_event_init(&back, DC_EV_RETURN);
    dc_copy(back.actor, sizeof back.actor, f->s1);
    dc_copy(back.second, sizeof back.second, f->s2);
    int64_t seqs[2];
    record(f, &back, (const char(*)[DC_CODE_MAX])f->items, 2, seqs);

    tp_image_t img;
    char line[80];
    print_and_read(f, seqs[1], seqs[1], false, "return", &img);
    for (int i = 0; i < 2; i++) {
        snprintf(line, sizeof line, "持ち出し記録 Take-out no.: %lld", (long long)outs[i]);
        if (!has(&img, line))
            fail_msg("the return's receipt does not show \"%s\"", line);
    }
    /* No condition was noted for any item: no condition row. */
    assert_false(has(&img, "返却時の状態"));
    tp_image_free(&img);

    print_and_read(f, outs[1], outs[1], true, "reprint", &img);
    assert_true(has(&img, "2026-11-30"));
    assert_false(has(&img, "2026-10-09"));
    snprintf(line, sizeof line, "No.%lld", (long long)fix_seq);
    assert_true(has(&img, line));
    tp_image_free(&img);
}

/* A return's condition note (返却時の状態) is printed as a row of the form. */
static void test_return_condition(void **state)
{
    fx_t *f = *state;
    at(10, 5, 10, 0);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    dc_copy(ev.actor, sizeof ev.actor, f->s1);
    dc_copy(ev.second, sizeof ev.second, f->s2);
    dc_copy(ev.purpose, sizeof ev.purpose, "監査対応");
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    dc_copy(ev.due, sizeof ev.due, "2026-10-09");
    int64_t out;
    record(f, &ev, (const char(*)[DC_CODE_MAX])f->items[1], 1, &out);

    at(10, 8, 10, 0);
    dc_event_t back;
    dc_event_init(&back, DC_EV_RETURN);
    dc_copy(back.actor, sizeof back.actor, f->s1);
    dc_copy(back.second, sizeof back.second, f->s2);
    dc_copy(back.notes, sizeof back.notes, "破損あり");
    int64_t seq;
    record(f, &back, (const char(*)[DC_CODE_MAX])f->items[1], 1, &seq);

    tp_image_t img;
    print_and_read(f, seq, seq, false, "condition", &img);
    assert_true(has(&img, "返却時の状態"));
    assert_true(has(&img, "Condition"));
    assert_true(has(&img, "破損あり"));
    assert_false(has(&img, "媒体消去済み"));
    tp_image_free(&img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_place_transport, setup, teardown),
        cmocka_unit_test_setup_teardown(test_return_of_two_take_outs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_return_condition, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    dc_desk_print_shutdown();
    return rc;
}
