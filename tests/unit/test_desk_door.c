/* The desk as the one door: every use case it owns (settings, enrolment, registration, the
 * import, the export's copy and read-outs) with each way it can be refused, against a real
 * ledger. A refusal of the rules leaves exactly one new event, the refused event by the actor
 * (purpose the type attempted, detail the reason, the item and second person where given), and
 * nothing else; an input that is not a refusal (too long) leaves nothing at all. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/correct.h"
#include "desk/import.h"
#include "desk/query.h"
#include "store/store.h"

typedef enum {
    UC_SETTING,       /* dc_desk_set_setting(a = key, b = value) */
    UC_SETTINGS_PAIR, /* dc_desk_set_settings(office_name = a, b = idle_seconds) */
    UC_ENROL,         /* dc_desk_enrol(subject: a "" fresh, "staff" the staff's badge; name b) */
    UC_REGISTER,      /* dc_desk_register(title a; code b: "" fresh, "medium" the medium's) */
    UC_REGISTER_TWO,  /* two items, the second titled b */
    UC_IMPORT_ITEMS,  /* dc_import of items */
    UC_IMPORT_STAFF,  /* dc_import of staff */
    UC_EXPORT_COPY,   /* dc_desk_export_copy(medium a: "medium", "paper", "unknown"; approver) */
    UC_LOG_EXPORT,    /* dc_desk_log_export(what a) */
} uc_t;

typedef enum { P_ADMIN, P_MANAGER, P_STAFF, P_RELEASED, P_UNKNOWN, P__COUNT } who_t;

typedef struct {
    const char *name;
    uc_t uc;
    who_t actor;
    const char *a, *b;
    who_t second;     /* the export's approver */
    dc_err_t want;    /* DC_E_OK: committed */
    dc_evtype_t type; /* the type attempted (the refused event's purpose) */
    int committed;    /* events a success writes */
} row_t;

#define ANY DC_E__COUNT /* any refusal of the rules (the reason is checked against the result) */

static const row_t rows[] = {
    /* settings */
    {"setting ok", UC_SETTING, P_ADMIN, "idle_seconds", "90", 0, DC_E_OK, DC_EV_SETTING, 1},
    {"setting bad value", UC_SETTING, P_ADMIN, "idle_seconds", "5", 0, DC_E_R_SETTING_VALUE,
     DC_EV_SETTING, 0},
    {"setting unknown key", UC_SETTING, P_ADMIN, "colour", "blue", 0, ANY, DC_EV_SETTING, 0},
    {"setting by staff", UC_SETTING, P_STAFF, "idle_seconds", "90", 0, DC_E_R_ACTOR_ROLE,
     DC_EV_SETTING, 0},
    {"setting by manager", UC_SETTING, P_MANAGER, "office_name", "x", 0, DC_E_R_ACTOR_ROLE,
     DC_EV_SETTING, 0},
    {"setting by released", UC_SETTING, P_RELEASED, "idle_seconds", "90", 0, DC_E_R_ACTOR_RELEASED,
     DC_EV_SETTING, 0},
    {"setting by unknown", UC_SETTING, P_UNKNOWN, "idle_seconds", "90", 0, DC_E_R_ACTOR_UNKNOWN,
     DC_EV_SETTING, 0},
    {"setting printer at the ledger", UC_SETTING, P_ADMIN, "printer_receipt", "@ledger", 0,
     DC_E_OUT_PROTECTED, DC_EV_SETTING, 0},
    {"setting too long", UC_SETTING, P_ADMIN, "office_name", "@long", 0, DC_E_TOO_LONG,
     DC_EV_SETTING, 0},
    {"settings both", UC_SETTINGS_PAIR, P_ADMIN, "新しい区役所", "120", 0, DC_E_OK, DC_EV_SETTING,
     2},
    {"settings one bad: neither", UC_SETTINGS_PAIR, P_ADMIN, "新しい区役所", "1", 0,
     DC_E_R_SETTING_VALUE, DC_EV_SETTING, 0},
    /* enrolment */
    {"enrol ok", UC_ENROL, P_ADMIN, "", "サトウ ハナコ", 0, DC_E_OK, DC_EV_ENROLL, 1},
    {"enrol by staff", UC_ENROL, P_STAFF, "", "サトウ ハナコ", 0, DC_E_R_ACTOR_ROLE, DC_EV_ENROLL,
     0},
    {"enrol by manager", UC_ENROL, P_MANAGER, "", "サトウ ハナコ", 0, DC_E_R_ACTOR_ROLE,
     DC_EV_ENROLL, 0},
    {"enrol by released", UC_ENROL, P_RELEASED, "", "サトウ ハナコ", 0, DC_E_R_ACTOR_RELEASED,
     DC_EV_ENROLL, 0},
    {"enrol by unknown", UC_ENROL, P_UNKNOWN, "", "サトウ ハナコ", 0, DC_E_R_ACTOR_UNKNOWN,
     DC_EV_ENROLL, 0},
    {"enrol a badge enrolled", UC_ENROL, P_ADMIN, "staff", "サトウ ハナコ", 0, DC_E_R_STAFF_EXISTS,
     DC_EV_ENROLL, 0},
    {"enrol without a name", UC_ENROL, P_ADMIN, "", "", 0, ANY, DC_EV_ENROLL, 0},
    /* registration */
    {"register ok", UC_REGISTER, P_STAFF, "住民票 写し 10月分", "", 0, DC_E_OK, DC_EV_REGISTER, 1},
    {"register by released", UC_REGISTER, P_RELEASED, "住民票", "", 0, DC_E_R_ACTOR_RELEASED,
     DC_EV_REGISTER, 0},
    {"register by unknown", UC_REGISTER, P_UNKNOWN, "住民票", "", 0, DC_E_R_ACTOR_UNKNOWN,
     DC_EV_REGISTER, 0},
    {"register without a title", UC_REGISTER, P_STAFF, "", "", 0, ANY, DC_EV_REGISTER, 0},
    {"register a code registered", UC_REGISTER, P_STAFF, "住民票", "medium", 0, DC_E_R_ITEM_EXISTS,
     DC_EV_REGISTER, 0},
    {"register two ok", UC_REGISTER_TWO, P_STAFF, "台帳 1", "台帳 2", 0, DC_E_OK, DC_EV_REGISTER,
     2},
    {"register two, second untitled: neither", UC_REGISTER_TWO, P_STAFF, "台帳 1", "", 0, ANY,
     DC_EV_REGISTER, 0},
    /* the import */
    {"import items by staff", UC_IMPORT_ITEMS, P_STAFF, NULL, NULL, 0, DC_E_R_ACTOR_ROLE,
     DC_EV_REGISTER, 0},
    {"import items by unknown", UC_IMPORT_ITEMS, P_UNKNOWN, NULL, NULL, 0, DC_E_R_ACTOR_UNKNOWN,
     DC_EV_REGISTER, 0},
    {"import staff by manager", UC_IMPORT_STAFF, P_MANAGER, NULL, NULL, 0, DC_E_R_ACTOR_ROLE,
     DC_EV_ENROLL, 0},
    {"import staff by released", UC_IMPORT_STAFF, P_RELEASED, NULL, NULL, 0, DC_E_R_ACTOR_RELEASED,
     DC_EV_ENROLL, 0},
    /* the export's copy */
    {"export copy ok", UC_EXPORT_COPY, P_MANAGER, "medium", NULL, P_ADMIN, DC_E_OK, DC_EV_COPY, 1},
    {"export copy self-approved", UC_EXPORT_COPY, P_MANAGER, "medium", NULL, P_MANAGER,
     DC_E_R_SELF_APPROVAL, DC_EV_COPY, 0},
    {"export copy unknown approver", UC_EXPORT_COPY, P_MANAGER, "medium", NULL, P_UNKNOWN,
     DC_E_R_SECOND_UNKNOWN, DC_EV_COPY, 0},
    {"export copy released approver", UC_EXPORT_COPY, P_MANAGER, "medium", NULL, P_RELEASED,
     DC_E_R_SECOND_RELEASED, DC_EV_COPY, 0},
    {"export copy unknown medium", UC_EXPORT_COPY, P_MANAGER, "unknown", NULL, P_ADMIN,
     DC_E_R_ITEM_UNKNOWN, DC_EV_COPY, 0},
    {"export copy to paper", UC_EXPORT_COPY, P_MANAGER, "paper", NULL, P_ADMIN, DC_E_EXPORT_PAPER,
     DC_EV_COPY, 0},
    {"export copy by unknown", UC_EXPORT_COPY, P_UNKNOWN, "medium", NULL, P_ADMIN,
     DC_E_R_ACTOR_UNKNOWN, DC_EV_COPY, 0},
    /* a read-out */
    {"read-out ok", UC_LOG_EXPORT, P_MANAGER, "ledger 2026-10", NULL, 0, DC_E_OK, DC_EV_EXPORT, 1},
    {"read-out by unknown", UC_LOG_EXPORT, P_UNKNOWN, "ledger 2026-10", NULL, 0,
     DC_E_R_ACTOR_UNKNOWN, DC_EV_EXPORT, 0},
    {"read-out by released", UC_LOG_EXPORT, P_RELEASED, "ledger 2026-10", NULL, 0,
     DC_E_R_ACTOR_RELEASED, DC_EV_EXPORT, 0},
};

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    char badge[P__COUNT][DC_CODE_MAX];
    char medium[DC_CODE_MAX];
    char paper[DC_CODE_MAX];
} fx_t;

static void enrol(fx_t *f, who_t who, dc_role_t role, const char *name)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    memcpy(ev.actor, f->badge[P_ADMIN], DC_CODE_MAX);
    dc_copy(ev.name, sizeof ev.name, name);
    ev.role = role;
    int64_t seq;
    assert_int_equal(dc_desk_enrol(f->st, &f->term, &ev, &seq), DC_E_OK);
    memcpy(f->badge[who], ev.subject, DC_CODE_MAX);
}

/* The ledger: an administrator, a manager, a staff member, a released person, a badge nobody
 * has, a registered DVD-R and a paper folder. */
static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "door") ||
        dc_fx_ledger(f->dir, "窓口端末1", "テスト区役所", &f->st, &f->term) ||
        dc_fx_admin(f->st, &f->term, "管理 太郎", f->badge[P_ADMIN]))
        return -1;
    enrol(f, P_MANAGER, DC_ROLE_MANAGER, "課長 花子");
    enrol(f, P_STAFF, DC_ROLE_STAFF, "職員 一郎");
    enrol(f, P_RELEASED, DC_ROLE_MANAGER, "異動 次郎");
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_RELEASE);
    memcpy(ev.actor, f->badge[P_ADMIN], DC_CODE_MAX);
    memcpy(ev.subject, f->badge[P_RELEASED], DC_CODE_MAX);
    int64_t seq;
    int failed;
    if (dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])ev.subject, 1, &seq,
                       &failed) ||
        dc_desk_new_code(f->st, DC_CODE_BADGE, f->badge[P_UNKNOWN]))
        return -1;
    dc_event_init(&ev, DC_EV_REGISTER);
    memcpy(ev.actor, f->badge[P_STAFF], DC_CODE_MAX);
    ev.kind = DC_KIND_DVD;
    ev.category = dc_kind_category(ev.kind);
    dc_copy(ev.title, sizeof ev.title, "書出し用 DVD-R");
    if (dc_desk_register(f->st, &f->term, &ev, 1, false, &failed))
        return -1;
    memcpy(f->medium, ev.item, DC_CODE_MAX);
    ev.item[0] = '\0';
    ev.kind = DC_KIND_PAPER;
    ev.category = dc_kind_category(ev.kind);
    dc_copy(ev.title, sizeof ev.title, "紙の台帳");
    if (dc_desk_register(f->st, &f->term, &ev, 1, false, &failed))
        return -1;
    memcpy(f->paper, ev.item, DC_CODE_MAX);
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

static dc_event_t *event_at(fx_t *f, int64_t seq)
{
    static dc_event_t ev;
    assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
    return &ev;
}

static dc_err_t run(fx_t *f, const row_t *r, const char **item, const char **second)
{
    const char *actor = f->badge[r->actor];
    int64_t seq;
    int failed;
    *item = NULL;
    *second = NULL;
    char value[2 * DC_LONG_MAX];
    switch (r->uc) {
    case UC_SETTING:
        if (strcmp(r->b, "@ledger") == 0) {
            snprintf(value, sizeof value, "png:%s/daicho.db", f->dir);
        } else if (strcmp(r->b, "@long") == 0) {
            memset(value, 'a', sizeof value - 1);
            value[sizeof value - 1] = '\0';
        } else {
            dc_copy(value, sizeof value, r->b);
        }
        return dc_desk_set_setting(f->st, &f->term, actor, r->a, value, &seq);
    case UC_SETTINGS_PAIR: {
        const char *keys[] = {"office_name", "idle_seconds"}, *values[] = {r->a, r->b};
        return dc_desk_set_settings(f->st, &f->term, actor, keys, values, 2, &seq);
    }
    case UC_ENROL: {
        dc_event_t ev;
        dc_event_init(&ev, DC_EV_ENROLL);
        dc_copy(ev.actor, sizeof ev.actor, actor);
        if (strcmp(r->a, "staff") == 0)
            memcpy(ev.subject, f->badge[P_STAFF], DC_CODE_MAX);
        dc_copy(ev.name, sizeof ev.name, r->b);
        ev.role = DC_ROLE_STAFF;
        return dc_desk_enrol(f->st, &f->term, &ev, &seq);
    }
    case UC_REGISTER:
    case UC_REGISTER_TWO: {
        dc_event_t ev[2];
        int n = r->uc == UC_REGISTER_TWO ? 2 : 1;
        for (int i = 0; i < n; i++) {
            dc_event_init(&ev[i], DC_EV_REGISTER);
            dc_copy(ev[i].actor, sizeof ev[i].actor, actor);
            ev[i].kind = DC_KIND_PAPER;
            ev[i].category = dc_kind_category(DC_KIND_PAPER);
            ev[i].my_number = true;
            dc_copy(ev[i].title, sizeof ev[i].title, i ? r->b : r->a);
        }
        if (r->uc == UC_REGISTER && strcmp(r->b, "medium") == 0)
            memcpy(ev[0].item, f->medium, DC_CODE_MAX);
        dc_err_t e = dc_desk_register(f->st, &f->term, ev, n, false, &failed);
        if (!e) {
            /* My Number data is personal; the fresh codes name the items now. */
            for (int i = 0; i < n; i++) {
                dc_item_t it;
                assert_int_equal(dc_desk_item_get(f->st, ev[i].item, &it), DC_E_OK);
                assert_true(it.personal && it.my_number);
                assert_string_equal(it.title, ev[i].title);
            }
        } else if (r->uc == UC_REGISTER_TWO) {
            assert_int_equal(failed, 1);
        }
        return e;
    }
    case UC_IMPORT_ITEMS:
    case UC_IMPORT_STAFF: {
        static const char csv[] = "kind,title\npaper,住民票\n";
        dc_import_t *im = NULL;
        dc_err_t e =
            dc_import(f->st, &f->term, r->uc == UC_IMPORT_ITEMS ? DC_IMPORT_ITEMS : DC_IMPORT_STAFF,
                      csv, sizeof csv - 1, actor, false, &im);
        dc_import_free(im);
        return e;
    }
    case UC_EXPORT_COPY: {
        char unknown[DC_CODE_MAX];
        const char *medium = f->medium;
        if (strcmp(r->a, "unknown") == 0) {
            assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, unknown), DC_E_OK);
            medium = unknown;
        } else if (strcmp(r->a, "paper") == 0) {
            medium = f->paper;
        }
        static char kept_item[DC_CODE_MAX];
        dc_copy(kept_item, sizeof kept_item, medium);
        *item = kept_item;
        *second = f->badge[r->second];
        dc_err_t e = dc_desk_export_copy(f->st, &f->term, "2026-10", actor, f->badge[r->second],
                                         medium, &seq);
        if (!e) {
            /* The one builder: the recipient, the files, the month, medium to itself. */
            dc_event_t *ev = event_at(f, seq);
            assert_string_equal(ev->recipient, "管理責任者");
            assert_int_equal(ev->quantity, DC_DESK_EXPORT_FILES);
            assert_string_equal(ev->purpose, "月次台帳の書出し 2026-10");
            assert_string_equal(ev->dest_item, f->medium);
        }
        return e;
    }
    case UC_LOG_EXPORT:
        return dc_desk_log_export(f->st, &f->term, actor, r->a, "/media/daicho/x.csv", "csv", &seq);
    }
    return DC_E_USAGE;
}

static void test_row(void **state)
{
    fx_t *f = *state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        /* One ledger for all rows (a process protects a few ledgers' paths only): no row
         * depends on what an earlier one committed, each compares before and after. */
        const row_t *r = &rows[i];
        char office_before[DC_SHORT_MAX] = "";
        assert_int_equal(
            dc_desk_setting_get(f->st, "office_name", office_before, sizeof office_before),
            DC_E_OK);
        int64_t before = dc_fx_count(f->st);
        const char *item, *second;
        dc_err_t e = run(f, r, &item, &second);
        int64_t after = dc_fx_count(f->st);
        print_message("%-40s %s, %lld event(s)\n", r->name, dc_err_name(e),
                      (long long)(after - before));
        if (r->want == DC_E_OK) {
            assert_int_equal(e, DC_E_OK);
            assert_int_equal(after, before + r->committed);
            for (int64_t s = before + 1; s <= after; s++)
                assert_int_equal(event_at(f, s)->type, r->type);
            continue;
        }
        if (r->want == ANY)
            assert_int_equal(dc_err_class(e), DC_CLASS_REFUSED);
        else
            assert_int_equal(e, r->want);
        if (dc_err_class(e) != DC_CLASS_REFUSED || e == DC_E_OUT_PROTECTED) {
            /* Not a refusal of the rules (the input itself is wrong), or an output path at the
             * ledger (which no refusal of a path ever touches): nothing at all. */
            assert_int_equal(after, before);
            continue;
        }
        /* Exactly one event: the refused event, saying who, what and why. */
        assert_int_equal(after, before + 1);
        const dc_event_t *ev = event_at(f, after);
        assert_int_equal(ev->type, DC_EV_REFUSED);
        assert_string_equal(ev->actor, f->badge[r->actor]);
        assert_string_equal(ev->purpose, dc_evtype_name(r->type));
        assert_string_equal(ev->detail, dc_err_name(e));
        if (item)
            assert_string_equal(ev->item, item);
        if (second)
            assert_string_equal(ev->second, second);
        /* Nothing of the refused change took effect (the pair: not even the good half). */
        char office[DC_SHORT_MAX] = "";
        assert_int_equal(dc_desk_setting_get(f->st, "office_name", office, sizeof office), DC_E_OK);
        assert_string_equal(office, office_before);
    }
}

/* The events a reader is shown come through one walk that applies corrections: a take-out's
 * due date corrected is the due date of the take-out in its item's history, the month and its
 * record (group). */
typedef struct {
    int64_t seq;
    char due[DC_DATE_MAX];
} due_t;

static int find_due(const dc_event_t *ev, void *ctx)
{
    due_t *d = ctx;
    if (ev->seq == d->seq)
        dc_copy(d->due, sizeof d->due, ev->due);
    return 0;
}

static void test_reads_corrected(void **state)
{
    fx_t *f = *state;
    char disc[DC_CODE_MAX];
    dc_event_t ev;
    int failed;
    dc_event_init(&ev, DC_EV_REGISTER);
    memcpy(ev.actor, f->badge[P_STAFF], DC_CODE_MAX);
    ev.kind = DC_KIND_DVD;
    ev.category = dc_kind_category(ev.kind);
    dc_copy(ev.title, sizeof ev.title, "申請書 控え");
    assert_int_equal(dc_desk_register(f->st, &f->term, &ev, 1, false, &failed), DC_E_OK);
    memcpy(disc, ev.item, DC_CODE_MAX);
    dc_event_init(&ev, DC_EV_TAKE_OUT);
    memcpy(ev.actor, f->badge[P_STAFF], DC_CODE_MAX);
    memcpy(ev.second, f->badge[P_MANAGER], DC_CODE_MAX);
    dc_copy(ev.purpose, sizeof ev.purpose, "窓口");
    dc_copy(ev.to_place, sizeof ev.to_place, "会議室");
    dc_copy(ev.due, sizeof ev.due, "2027-01-10");
    int64_t take;
    dc_err_t e =
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])disc, 1, &take, &failed);
    if (e)
        print_message("take-out: %s\n", dc_err_name(e));
    assert_int_equal(e, DC_E_OK);
    dc_event_t corr;
    dc_event_init(&corr, DC_EV_CORRECTION);
    corr.link_seq = take;
    memcpy(corr.actor, f->badge[P_STAFF], DC_CODE_MAX);
    memcpy(corr.second, f->badge[P_MANAGER], DC_CODE_MAX);
    dc_copy(corr.due, sizeof corr.due, "2027-02-28");
    dc_copy(corr.detail, sizeof corr.detail, "返却予定日の誤り");
    int64_t cseq;
    assert_int_equal(dc_desk_correct(f->st, &f->term, &corr, &cseq), DC_E_OK);

    due_t d = {take, ""};
    assert_int_equal(dc_desk_events_of_item(f->st, disc, find_due, &d), DC_E_OK);
    assert_string_equal(d.due, "2027-02-28");
    d.due[0] = '\0';
    assert_int_equal(dc_desk_events_between(f->st, 0, INT64_MAX, find_due, &d), DC_E_OK);
    assert_string_equal(d.due, "2027-02-28");
    d.due[0] = '\0';
    assert_int_equal(dc_desk_events_in_group(f->st, take, find_due, &d), DC_E_OK);
    assert_string_equal(d.due, "2027-02-28");
    /* The ledger itself keeps the original. */
    assert_string_equal(event_at(f, take)->due, "2027-01-10");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reads_corrected, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
