/* CSV as Excel writes it, and importing an inventory and a roster: encodings, headers in either
 * language, every bad line named, all or nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "desk/import.h"
#include "fixture.h"
#include "platform/clock.h"
#include "store/store.h"

typedef struct {
    char out[1024];
    int records;
} collect_t;

/* Records as "line:a|b|c;" */
static int collect(int line, const char *const *f, int n, void *ctx)
{
    collect_t *c = ctx;
    size_t len = strlen(c->out);
    len += (size_t)snprintf(c->out + len, sizeof c->out - len, "%d:", line);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(c->out + len, sizeof c->out - len, "%s%s", i ? "|" : "", f[i]);
    snprintf(c->out + len, sizeof c->out - len, ";");
    c->records++;
    return 0;
}

static void test_csv(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        dc_err_t want;
        const char *out; /* or the error's line */
    } rows[] = {
        {"a,b,c\r\n1,2,3\r\n", DC_E_OK, "1:a|b|c;2:1|2|3;"},
        {"a,b\n1,2", DC_E_OK, "1:a|b;2:1|2;"},
        {"a,,\n", DC_E_OK, "1:a||;"},
        {"\"x, y\",\"say \"\"hi\"\"\"\n", DC_E_OK, "1:x, y|say \"hi\";"},
        {"\"two\nlines\",z\nnext,1\n", DC_E_OK, "1:two\nlines|z;3:next|1;"},
        {"a\n\n\r\nb\n", DC_E_OK, "1:a;4:b;"},
        {"a\rb\r", DC_E_OK, "1:a;2:b;"},
        {"\"\"\n", DC_E_OK, "1:;"},
        {"", DC_E_OK, ""},
        {"ok\n\"open\n", DC_E_CSV_QUOTE, "2"},
        {"\"closed\"x,y\n", DC_E_CSV_QUOTE, "1"},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        collect_t c = {{0}, 0};
        int line = -1;
        dc_err_t e = dc_csv_parse(rows[r].in, strlen(rows[r].in), collect, &c, &line);
        if (e != rows[r].want)
            fail_msg("row %zu: got %s", r, dc_err_name(e));
        if (e) {
            assert_int_equal(line, strtol(rows[r].out, NULL, 10));
        } else if (strcmp(c.out, rows[r].out) != 0) {
            fail_msg("row %zu: got '%s', want '%s'", r, c.out, rows[r].out);
        }
    }
    /* Too many fields, and a field too long, are refused rather than cut. */
    char *wide = malloc(4 * DC_CSV_MAX_FIELD);
    memset(wide, ',', DC_CSV_MAX_FIELDS + 1);
    wide[DC_CSV_MAX_FIELDS + 1] = '\0';
    collect_t c = {{0}, 0};
    assert_int_equal(dc_csv_parse(wide, strlen(wide), collect, &c, NULL), DC_E_CSV_TOO_BIG);
    memset(wide, 'x', DC_CSV_MAX_FIELD + 1);
    wide[DC_CSV_MAX_FIELD + 1] = '\0';
    assert_int_equal(dc_csv_parse(wide, strlen(wide), collect, &c, NULL), DC_E_CSV_TOO_BIG);
    free(wide);
}

static void test_yesno(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok, value;
    } rows[] = {
        {"有", true, true}, {"無", true, false},     {"○", true, true},   {"〇", true, true},
        {"×", true, false}, {"yes", true, true},     {"YES", true, true}, {"no", true, false},
        {"1", true, true},  {"0", true, false},      {"", true, false},   {" 有 ", true, true},
        {"１", true, true}, {"maybe", false, false}, {"2", false, false},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        bool v = !rows[r].value;
        bool ok = dc_import_yesno(rows[r].in, &v);
        if (ok != rows[r].ok || (ok && v != rows[r].value))
            fail_msg("yes/no '%s'", rows[r].in);
    }
}

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX];
} fx_t;

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    dc_clock_fix(dc_clock_from_civil(2026, 10, 5, 10, 0, 0, 540));
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "import") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term) ||
        dc_fx_admin(f->st, &f->term, "管理者", f->admin))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f);
    return rc;
}

static int64_t count(fx_t *f)
{
    int64_t n = dc_fx_count(f->st);
    assert_true(n >= 0);
    return n;
}

/* The roster in Shift_JIS (CP932) as bytes: 髙 is an IBM extension (FB FC), 﨑 too (FA B1). */
static void test_staff_cp932(void **state)
{
    fx_t *f = *state;
    static const char sjis[] = "\x8e\x81\x96\xbc,\x96\xf0\x8a\x84\r\n" /* 氏名,役割 */
                               "\xfb\xfc\x8b\xb4 \x94\xfc\x8d\xe7,\x8a\xc7\x97\x9d\x90\xd3"
                               "\x94\x43\x8e\xd2\r\n" /* 髙橋 美咲,管理責任者 */
                               "\x8e\x52\xfa\xb1 \x8d\x5f\x93\xf1,\r\n"; /* 山﨑 浩二, */
    dc_import_t *im = NULL;
    int64_t before = count(f);
    assert_int_equal(
        dc_import(f->st, &f->term, DC_IMPORT_STAFF, sjis, sizeof sjis - 1, f->admin, false, &im),
        DC_E_OK);
    assert_string_equal(im->encoding, "CP932");
    assert_int_equal(im->nrows, 2);
    assert_int_equal(count(f), before + 2);
    dc_staff_t sf;
    assert_int_equal(dc_store_staff_get(f->st, im->rows[0].code, &sf), DC_E_OK);
    assert_string_equal(sf.name, "髙橋 美咲");
    assert_int_equal(sf.role, DC_ROLE_MANAGER);
    assert_string_equal(sf.designated, "2026-10-05");
    assert_int_equal(dc_store_staff_get(f->st, im->rows[1].code, &sf), DC_E_OK);
    assert_string_equal(sf.name, "山﨑 浩二");
    assert_int_equal(sf.role, DC_ROLE_STAFF);
    assert_int_equal(im->rows[0].seq, before + 1);
    dc_import_free(im);
}

/* Every bad line is named; nothing is written, in a dry run or not. */
static void test_items_all_or_nothing(void **state)
{
    fx_t *f = *state;
    static const char csv[] = "\xEF\xBB\xBFtitle,kind,personal,my_number\n"
                              "Binder,paper,yes,no\n" /* 2: good */
                              "Disk,floppy,no,no\n"   /* 3: kind */
                              ",usb,no,no\n"          /* 4: title */
                              "Binder,paper,yes,no\n" /* 5: duplicate of 2 */
                              "CD,cd,perhaps,no\n"    /* 6: yes/no */
                              "Stick,ＵＳＢ,,yes\n";  /* 7: good; My Number makes it personal */
    for (int dry = 1; dry >= 0; dry--) {
        dc_import_t *im = NULL;
        int64_t before = count(f);
        assert_int_equal(
            dc_import(f->st, &f->term, DC_IMPORT_ITEMS, csv, sizeof csv - 1, f->admin, dry, &im),
            DC_E_IMPORT_LINES);
        static const struct {
            int line;
            dc_err_t why;
        } want[] = {{3, DC_E_IMPORT_KIND},
                    {4, DC_E_R_FIELD_MISSING},
                    {5, DC_E_IMPORT_DUPLICATE},
                    {6, DC_E_IMPORT_YESNO}};
        assert_int_equal(im->nproblems, 4);
        for (int i = 0; i < 4; i++) {
            assert_int_equal(im->problems[i].line, want[i].line);
            assert_int_equal(im->problems[i].why, want[i].why);
        }
        assert_int_equal(count(f), before);
        dc_import_free(im);
    }
    /* The good lines alone go in; the same again is a duplicate of what is registered. */
    static const char good[] = "title,kind,personal,my_number\nBinder,paper,yes,no\n"
                               "Stick,ＵＳＢ,,yes\n";
    dc_import_t *im = NULL;
    assert_int_equal(
        dc_import(f->st, &f->term, DC_IMPORT_ITEMS, good, sizeof good - 1, f->admin, false, &im),
        DC_E_OK);
    dc_item_t it;
    assert_int_equal(dc_store_item_get(f->st, im->rows[1].code, &it), DC_E_OK);
    assert_int_equal(it.kind, DC_KIND_USB);
    assert_true(it.personal && it.my_number);
    dc_import_free(im);
    assert_int_equal(
        dc_import(f->st, &f->term, DC_IMPORT_ITEMS, good, sizeof good - 1, f->admin, true, &im),
        DC_E_IMPORT_LINES);
    assert_int_equal(im->nproblems, 2);
    dc_import_free(im);
    /* A file without its title column, and one that is no text at all. */
    assert_int_equal(
        dc_import(f->st, &f->term, DC_IMPORT_ITEMS, "kind\npaper\n", 11, f->admin, true, &im),
        DC_E_IMPORT_HEADER);
    dc_import_free(im);
    assert_int_equal(dc_import(f->st, &f->term, DC_IMPORT_ITEMS, "kind,title\n\x80\xff\n", 14,
                               f->admin, true, &im),
                     DC_E_IMPORT_ENCODING);
    dc_import_free(im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_yesno),
        cmocka_unit_test_setup_teardown(test_staff_cp932, setup, teardown),
        cmocka_unit_test_setup_teardown(test_items_all_or_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
