/* Paper as printed: receipts at 58 and 80 mm, labels on 62x29 and 50x30 mm stock and on the
 * receipt roll, badges, the seal slip. Each is read back by zbar from the bitmap, from the ESC/POS
 * stream decoded again, and from the PNG, and compared with its reference image
 * (tests/print/ref; DAICHO_UPDATE_REF=1 rewrites them). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/font.h"
#include "platform/printer.h"
#include "print/layout.h"
#include "print/payload.h"
#include "print/qr.h"
#include "testprint.h"

#define REF_FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static char tmpdir[512];
static char payload[DC_RECEIPT_TEXT_MAX];
static char seal_payload[DC_RECEIPT_TEXT_MAX];
static char terminal_id[DC_TERMINAL_ID_MAX];

static void make_payload(int64_t seq, dc_evtype_t type, char out[DC_RECEIPT_TEXT_MAX])
{
    uint8_t seed[crypto_sign_SEEDBYTES], pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
    memset(seed, 42, sizeof seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    dc_terminal_id(pk, terminal_id);
    dc_event_t ev;
    dc_event_init(&ev, type);
    ev.seq = seq;
    ev.group_seq = seq;
    memset(ev.hash, 0x5a, sizeof ev.hash);
    assert_int_equal(dc_receipt_sign(&ev, seq, ev.hash, pk, sk, out), DC_E_OK);
}

static int setup(void **state)
{
    (void)state;
    if (sodium_init() < 0)
        return -1;
    const char *tmp = getenv("DAICHO_TEST_TMP");
    snprintf(tmpdir, sizeof tmpdir, "%s/paperXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    make_payload(1236, DC_EV_TAKE_OUT, payload);
    make_payload(2001, DC_EV_MONTHLY_CHECK, seal_payload);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dc_font_shared_close();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The reference images are made with IPAex Gothic; another font draws other dots. */
static bool reference_font(void)
{
    const char *env = getenv("DAICHO_FONT");
    const char *path = dc_font_path();
    return (!env || !*env) && path && strcmp(path, REF_FONT) == 0;
}

static void compare_reference(const char *name, const dc_bitmap_t *b)
{
    char ref[1024];
    snprintf(ref, sizeof ref, "%s/tests/print/ref/%s.png", DAICHO_SOURCE_DIR, name);
    const char *update = getenv("DAICHO_UPDATE_REF");
    if (update && *update == '1') {
        assert_int_equal(dc_png_write(ref, dc_bitmap_data(b), dc_bitmap_width(b),
                                      dc_bitmap_height(b), dc_bitmap_stride(b), dc_bitmap_dpi(b)),
                         DC_E_OK);
        return;
    }
    if (!reference_font()) {
        print_message("skipping the reference image of %s: not the reference font\n", name);
        return;
    }
    tp_image_t img;
    if (tp_png_read(ref, &img) != 0)
        fail_msg("no reference image %s (make it with DAICHO_UPDATE_REF=1)", ref);
    int same = tp_image_equal(&img, dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                              dc_bitmap_stride(b));
    tp_image_free(&img);
    if (!same) {
        char got[1024];
        snprintf(got, sizeof got, "%s/%s.png", tmpdir, name);
        dc_err_t e = dc_png_write(got, dc_bitmap_data(b), dc_bitmap_width(b), dc_bitmap_height(b),
                                  dc_bitmap_stride(b), dc_bitmap_dpi(b));
        fail_msg("%s differs from %s (this print: %s, %s)", name, ref, got, dc_err_name(e));
    }
}

/* Read the QR back every way the paper can travel, and check its module size and quiet zone. */
static void check_paper(const char *name, dc_bitmap_t *b, const char *want, int w, int h, int dpi)
{
    assert_int_equal(dc_bitmap_width(b), w);
    if (h)
        assert_int_equal(dc_bitmap_height(b), h);
    assert_int_equal(dc_bitmap_dpi(b), dpi);
    const uint8_t *bits = dc_bitmap_data(b);
    int bh = dc_bitmap_height(b), stride = dc_bitmap_stride(b);

    /* 1. The bitmap itself (what the kiosk shows). */
    char got[512];
    int box[4];
    assert_int_equal(tp_qr_locate(bits, w, bh, stride, got, sizeof got, box), 1);
    assert_string_equal(got, want);
    dc_qr_t *q;
    assert_int_equal(dc_qr_create(want, DC_QR_ECC_M, &q), DC_E_OK);
    int modules = dc_qr_modules(q);
    dc_qr_destroy(q);
    int module = (box[2] - box[0] + 1 + modules / 2) / modules;
    if (module < DC_QR_MIN_MODULE)
        fail_msg("%s: %d dots a module", name, module);
    /* The quiet zone: inside four modules around the symbol, nothing but paper (a module of
     * slack for where zbar puts the corners). */
    int q0 = DC_QR_QUIET * module - module, q1 = module;
    assert_int_equal(
        dc_bitmap_count(b, box[0] - q0 - 1, box[1] - q0 - 1, q0 - q1, box[3] - box[1] + 2 * q0), 0);
    assert_int_equal(
        dc_bitmap_count(b, box[2] + q1 + 1, box[1] - q0 - 1, q0 - q1, box[3] - box[1] + 2 * q0), 0);
    assert_int_equal(
        dc_bitmap_count(b, box[0] - q0, box[1] - q0 - 1, box[2] - box[0] + 2 * q0, q0 - q1), 0);
    assert_int_equal(
        dc_bitmap_count(b, box[0] - q0, box[3] + q1 + 1, box[2] - box[0] + 2 * q0, q0 - q1), 0);

    /* 2. ESC/POS, decoded back into an image. */
    uint8_t *stream;
    size_t len;
    tp_image_t img;
    char err[160];
    assert_int_equal(dc_escpos_encode(bits, w, bh, stride, &stream, &len), DC_E_OK);
    if (tp_escpos_decode(stream, len, &img, err, sizeof err) != 0)
        fail_msg("%s: ESC/POS stream: %s", name, err);
    free(stream);
    assert_true(tp_image_equal(&img, bits, w, bh, stride));
    assert_int_equal(tp_qr_read(img.bits, img.w, img.h, img.stride, got, sizeof got), 1);
    assert_string_equal(got, want);
    tp_image_free(&img);

    /* 3. PNG. */
    char path[700];
    snprintf(path, sizeof path, "%s/%s.png", tmpdir, name);
    assert_int_equal(dc_png_write(path, bits, w, bh, stride, dpi), DC_E_OK);
    assert_int_equal(tp_png_read(path, &img), 0);
    assert_int_equal(img.dpi, dpi);
    assert_true(tp_image_equal(&img, bits, w, bh, stride));
    assert_int_equal(tp_qr_read(img.bits, img.w, img.h, img.stride, got, sizeof got), 1);
    assert_string_equal(got, want);
    tp_image_free(&img);

    compare_reference(name, b);
}

static const dc_print_item_t items[] = {
    {"DI-JKB1DE64-6", "住民異動届 綴り 2026年度 第3四半期分", "紙媒体・紙(書類)"},
    {"DI-26W3AQJ4-Z", "集計USB", "記録媒体・USBメモリ"},
    {"DI-7K3M9Q2X-4",
     "長い名称の書類 WITH A VERY LONG ENGLISH TITLE THAT CANNOT POSSIBLY FIT ON THREE LINES OF A "
     "RECEIPT AT ALL, SO IT ENDS WITH AN ELLIPSIS 終わり",
     "紙媒体・紙(書類)"},
};

static const dc_print_row_t rows[] = {
    {"取扱者", "Handler", "田中 花子"},       {"承認者", "Approved by", "髙﨑 美咲"},
    {"目的", "Purpose", "会議資料"},          {"持出先", "Destination", "本庁舎 3階会議室"},
    {"返却予定日", "Due back", "2026-10-09"},
};

static dc_receipt_doc_t receipt_doc(bool reprint)
{
    return (dc_receipt_doc_t){
        .office = "テスト区役所 戸籍住民課",
        .terminal_name = "窓口端末1",
        .terminal_id = terminal_id,
        .title_ja = "持ち出し",
        .title_en = "Take out",
        .reprint = reprint,
        .printed_at = "2026-10-06 09:30",
        .date = "2026-10-05",
        .time = "10:00",
        .first_seq = 1234,
        .last_seq = 1236,
        .items = items,
        .nitems = 3,
        .rows = rows,
        .nrows = 5,
        .payload = payload,
        .footer_ja = "台帳の記録の証明です。QRで照合できます。",
        .footer_en = "This receipt proves the record. Scan the QR to check it.",
    };
}

static void test_receipts(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int width;
        bool reprint;
    } rows_[] = {
        {"receipt_58", 384, false}, {"receipt_80", 576, false}, {"receipt_58_reprint", 384, true}};
    for (size_t i = 0; i < sizeof rows_ / sizeof rows_[0]; i++) {
        dc_receipt_doc_t d = receipt_doc(rows_[i].reprint);
        dc_bitmap_t *b;
        assert_int_equal(dc_layout_receipt(&d, rows_[i].width, &b), DC_E_OK);
        check_paper(rows_[i].name, b, payload, rows_[i].width, 0, 203);
        int h = dc_bitmap_height(b);
        /* Nothing in the margins: text is wrapped, not cut off at the edge of the paper. */
        assert_int_equal(dc_bitmap_count(b, 0, 0, 4, h), 0);
        assert_int_equal(dc_bitmap_count(b, rows_[i].width - 4, 0, 4, h), 0);
        assert_true(h > 600 && h < 2400);
        dc_bitmap_destroy(b);
    }
    dc_bitmap_t *b;
    dc_receipt_doc_t d = receipt_doc(false);
    assert_int_equal(dc_layout_receipt(&d, 200, &b), DC_E_PAPER_TOO_SMALL);
    assert_null(b);
}

static void test_reprint_is_marked(void **state)
{
    (void)state;
    dc_receipt_doc_t a = receipt_doc(false), r = receipt_doc(true);
    dc_bitmap_t *ba, *br;
    assert_int_equal(dc_layout_receipt(&a, 384, &ba), DC_E_OK);
    assert_int_equal(dc_layout_receipt(&r, 384, &br), DC_E_OK);
    /* The reprint carries a black band (and a line for when it was printed again). */
    assert_true(dc_bitmap_height(br) > dc_bitmap_height(ba) + 30);
    int solid_rows = 0;
    for (int y = 0; y < dc_bitmap_height(br); y++)
        solid_rows += dc_bitmap_count(br, 6, y, 372, 1) > 300;
    assert_true(solid_rows > 20);
    dc_bitmap_destroy(ba);
    dc_bitmap_destroy(br);
}

static void test_labels_and_badges(void **state)
{
    (void)state;
    const dc_label_doc_t item = {"DI-JKB1DE64-6", "戸籍住民課",
                                 "住民異動届 綴り 2026年度 第3四半期分", "紙媒体・紙(書類)",
                                 "個人情報あり  書庫A"};
    const dc_label_doc_t badge = {"DB-5CR4E3G6-D", "職員証 / Staff badge", "髙﨑 美咲",
                                  "タカサキ ミサキ", "管理責任者  戸籍住民課"};
    static const struct {
        const char *name;
        bool badge;
        dc_paper_t paper;
        int w, h, dpi;
    } rows_[] = {
        {"label_62x29", false, DC_PAPER_62X29, 732, 342, 300},
        {"label_50x30", false, DC_PAPER_50X30, 590, 354, 300},
        {"label_58", false, DC_PAPER_58, 384, 0, 203},
        {"label_80", false, DC_PAPER_80, 576, 0, 203},
        {"badge_62x29", true, DC_PAPER_62X29, 732, 342, 300},
        {"badge_50x30", true, DC_PAPER_50X30, 590, 354, 300},
        {"badge_58", true, DC_PAPER_58, 384, 0, 203},
    };
    for (size_t i = 0; i < sizeof rows_ / sizeof rows_[0]; i++) {
        const dc_label_doc_t *d = rows_[i].badge ? &badge : &item;
        dc_bitmap_t *b;
        assert_int_equal(dc_layout_label(d, rows_[i].paper, &b), DC_E_OK);
        check_paper(rows_[i].name, b, d->code, rows_[i].w, rows_[i].h, rows_[i].dpi);
        dc_bitmap_destroy(b);
    }
}

static void test_seal_slip(void **state)
{
    (void)state;
    static const dc_seal_count_t counts[] = {
        {"持ち出し", "Taken out", 14},  {"返却", "Returned", 12}, {"持ち出し中", "Still out", 2},
        {"返却期限超過", "Overdue", 1}, {"廃棄", "Disposed", 3},  {"再発行", "Reprints", 1},
    };
    uint8_t head[DC_HASH_LEN];
    for (int i = 0; i < DC_HASH_LEN; i++)
        head[i] = (uint8_t)(i * 7 + 1);
    dc_seal_doc_t d = {
        .office = "テスト区役所 戸籍住民課",
        .terminal_name = "窓口端末1",
        .terminal_id = terminal_id,
        .month = "2026-10",
        .manager = "髙﨑 美咲",
        .date = "2026-11-02",
        .time = "09:05",
        .counts = counts,
        .ncounts = 6,
        .seq = 2001,
        .head_count = 2001,
        .head = head,
        .payload = seal_payload,
    };
    static const struct {
        const char *name;
        int w;
    } rows_[] = {{"seal_58", 384}, {"seal_80", 576}};
    for (size_t i = 0; i < sizeof rows_ / sizeof rows_[0]; i++) {
        dc_bitmap_t *b;
        assert_int_equal(dc_layout_seal(&d, rows_[i].w, &b), DC_E_OK);
        check_paper(rows_[i].name, b, seal_payload, rows_[i].w, 0, 203);
        dc_bitmap_destroy(b);
    }
}

/* Names with 髙 and 﨑 (JIS X 0213, outside JIS X 0208) print as themselves, not as boxes. */
static void test_font_covers_jis_x_0213(void **state)
{
    (void)state;
    dc_font_t *f;
    assert_int_equal(dc_font_shared(&f), DC_E_OK);
    assert_true(dc_font_covers(f, "髙橋 﨑田 德永 ①"));
    assert_true(dc_font_covers(f, "持ち出し 返却 複製 運搬 廃棄 再発行"));
    assert_false(dc_font_covers(f, "\xf3\xbf\xbf\xbd")); /* U+FFFFD, private use */

    /* 髙 and 高 are different glyphs on paper. */
    dc_bitmap_t *a, *b;
    assert_int_equal(dc_bitmap_create(64, 64, 203, &a), DC_E_OK);
    assert_int_equal(dc_bitmap_create(64, 64, 203, &b), DC_E_OK);
    int wa, wb;
    assert_int_equal(
        dc_font_draw(f, 40, false, "髙", dc_bitmap_rows(a), dc_bitmap_stride(a), 64, 64, 0, 0, &wa),
        DC_E_OK);
    assert_int_equal(
        dc_font_draw(f, 40, false, "高", dc_bitmap_rows(b), dc_bitmap_stride(b), 64, 64, 0, 0, &wb),
        DC_E_OK);
    assert_true(dc_bitmap_count(a, 0, 0, 64, 64) > 100);
    assert_memory_not_equal(dc_bitmap_data(a), dc_bitmap_data(b), 8 * 64);
    /* And 﨑 is not 崎. */
    dc_bitmap_fill(a, 0, 0, 64, 64, false);
    dc_bitmap_fill(b, 0, 0, 64, 64, false);
    assert_int_equal(
        dc_font_draw(f, 40, false, "﨑", dc_bitmap_rows(a), dc_bitmap_stride(a), 64, 64, 0, 0, &wa),
        DC_E_OK);
    assert_int_equal(
        dc_font_draw(f, 40, false, "崎", dc_bitmap_rows(b), dc_bitmap_stride(b), 64, 64, 0, 0, &wb),
        DC_E_OK);
    assert_true(dc_bitmap_count(a, 0, 0, 64, 64) > 100);
    assert_memory_not_equal(dc_bitmap_data(a), dc_bitmap_data(b), 8 * 64);
    dc_bitmap_destroy(a);
    dc_bitmap_destroy(b);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Not a gate (sanitizers and valgrind are slow): the numbers, for the record. */
static void test_render_time(void **state)
{
    (void)state;
    dc_receipt_doc_t d = receipt_doc(false);
    const dc_label_doc_t item = {"DI-JKB1DE64-6", "戸籍住民課", "住民異動届 綴り",
                                 "紙媒体・紙(書類)", "書庫A"};
    dc_bitmap_t *b;
    enum { N = 20 };
    struct timespec t0;
    /* The first one opens the font's sizes and rasterises its glyphs; they are kept. */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(dc_layout_receipt(&d, 384, &b), DC_E_OK);
    dc_bitmap_destroy(b);
    print_message("render: first receipt %.2f ms\n", ms_since(&t0));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < N; i++) {
        assert_int_equal(dc_layout_receipt(&d, 384, &b), DC_E_OK);
        dc_bitmap_destroy(b);
    }
    double receipt = ms_since(&t0) / N;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < N; i++) {
        assert_int_equal(dc_layout_label(&item, DC_PAPER_62X29, &b), DC_E_OK);
        dc_bitmap_destroy(b);
    }
    print_message("render: receipt %.2f ms, label %.2f ms (font open and cached)\n", receipt,
                  ms_since(&t0) / N);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_time),       cmocka_unit_test(test_font_covers_jis_x_0213),
        cmocka_unit_test(test_receipts),          cmocka_unit_test(test_reprint_is_marked),
        cmocka_unit_test(test_labels_and_badges), cmocka_unit_test(test_seal_slip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
