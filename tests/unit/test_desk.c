/* Desk use cases (init, open, record, PINs, month ranges, demo), the clock and default paths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk/desk.h"
#include "platform/clock.h"
#include "platform/paths.h"
#include "store/store.h"

typedef struct {
    char dir[512];
    char db[600];
    char key[600];
    dc_store_t *st;
    dc_term_t term;
} fx_t;

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    const char *tmp = getenv("DAICHO_TEST_TMP");
    snprintf(f->dir, sizeof f->dir, "%s/deskXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    /* Nested folders that do not exist yet: init makes them. */
    snprintf(f->db, sizeof f->db, "%s/a/b/daicho.db", f->dir);
    snprintf(f->key, sizeof f->key, "%s/k/daicho.key", f->dir);
    dc_init_opts_t o = {"窓口端末2", "テスト区役所", 540};
    if (dc_desk_init(f->db, f->key, &o) != DC_E_OK)
        return -1;
    if (dc_desk_open(f->db, f->key, DC_CHANNEL_KIOSK, &f->st, &f->term) != DC_E_OK)
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

static void enroll(fx_t *f, const char *actor, const char *badge, dc_role_t role)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    dc_copy(ev.actor, sizeof ev.actor, actor);
    dc_copy(ev.subject, sizeof ev.subject, badge);
    dc_copy(ev.name, sizeof ev.name, "職員");
    ev.role = role;
    int64_t seq;
    int failed;
    assert_int_equal(dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX]) & ev.subject,
                                    1, &seq, &failed),
                     DC_E_OK);
}

static void test_init_and_open(void **state)
{
    fx_t *f = *state;
    assert_string_equal(f->term.terminal, "窓口端末2");
    assert_string_equal(f->term.office, "テスト区役所");
    assert_int_equal(f->term.tz_min, 540);
    struct stat sb;
    assert_int_equal(stat(f->key, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    /* A second init keeps the key and refuses to overwrite the database. */
    dc_init_opts_t o = {NULL, NULL, 540};
    assert_int_equal(dc_desk_init(f->db, f->key, &o), DC_E_DB_EXISTS);
    /* A bad terminal name is refused before anything is written. */
    char db2[700];
    snprintf(db2, sizeof db2, "%s/other.db", f->dir);
    dc_init_opts_t bad = {"tab\there", NULL, 540};
    assert_int_equal(dc_desk_init(db2, f->key, &bad), DC_E_USAGE);
}

static void test_new_codes_are_fresh(void **state)
{
    fx_t *f = *state;
    char a[DC_CODE_MAX], b[DC_CODE_MAX], norm[DC_CODE_MAX];
    dc_code_type_t t;
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, a), DC_E_OK);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, b), DC_E_OK);
    assert_string_not_equal(a, b);
    assert_int_equal(dc_code_parse(a, strlen(a), &t, norm), DC_E_OK);
    assert_int_equal(t, DC_CODE_BADGE);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, a), DC_E_OK);
    assert_int_equal(dc_code_parse(a, strlen(a), &t, norm), DC_E_OK);
    assert_int_equal(t, DC_CODE_ITEM);
}

static void test_record_fills_links_and_refuses_duplicates(void **state)
{
    fx_t *f = *state;
    char admin[DC_CODE_MAX], mgr[DC_CODE_MAX], staff[DC_CODE_MAX], items[2][DC_CODE_MAX];
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, admin), DC_E_OK);
    enroll(f, admin, admin, DC_ROLE_ADMIN);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, mgr), DC_E_OK);
    enroll(f, admin, mgr, DC_ROLE_MANAGER);
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, staff), DC_E_OK);
    enroll(f, admin, staff, DC_ROLE_STAFF);

    dc_event_t ev;
    int64_t seqs[2];
    int failed;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(dc_desk_new_code(f->st, DC_CODE_ITEM, items[i]), DC_E_OK);
        dc_event_init(&ev, DC_EV_REGISTER);
        memcpy(ev.actor, staff, DC_CODE_MAX);
        ev.kind = DC_KIND_CD;
        ev.category = DC_CAT_MEDIA;
        ev.personal = true;
        dc_copy(ev.title, sizeof ev.title, i ? "CD 2" : "CD 1");
        dc_copy(ev.place, sizeof ev.place, "金庫");
        assert_int_equal(dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])items[i],
                                        1, seqs, &failed),
                         DC_E_OK);
    }

    /* The same item twice in one cart. */
    char twice[2][DC_CODE_MAX];
    memcpy(twice[0], items[0], DC_CODE_MAX);
    memcpy(twice[1], items[0], DC_CODE_MAX);
    dc_event_init(&ev, DC_EV_TRANSPORT);
    memcpy(ev.actor, staff, DC_CODE_MAX);
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    ev.locked_bag = true;
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])twice, 2, seqs, &failed),
        DC_E_R_DUPLICATE_ITEM);
    assert_int_equal(failed, 1);

    /* Transport both: from_place comes from the item. */
    assert_int_equal(
        dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])items, 2, seqs, &failed),
        DC_E_OK);
    assert_int_equal(seqs[1], seqs[0] + 1);
    dc_event_t got;
    assert_int_equal(dc_store_event_get(f->st, seqs[0], &got), DC_E_OK);
    assert_string_equal(got.from_place, "金庫");
    assert_int_equal(got.channel, DC_CHANNEL_KIOSK);
    assert_string_equal(got.terminal, "窓口端末2");
    assert_int_equal(got.group_seq, seqs[0]);

    /* The carrier cannot receive; the manager can, and the arrival links to the transport and
     * takes its destination. */
    dc_event_init(&ev, DC_EV_RECEIVE);
    memcpy(ev.actor, staff, DC_CODE_MAX);
    int64_t rseq[1];
    assert_int_equal(dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])items[0], 1,
                                    rseq, &failed),
                     DC_E_R_SELF_RECEIVE);
    memcpy(ev.actor, mgr, DC_CODE_MAX);
    assert_int_equal(dc_desk_record(f->st, &f->term, &ev, (const char(*)[DC_CODE_MAX])items[0], 1,
                                    rseq, &failed),
                     DC_E_OK);
    assert_int_equal(dc_store_event_get(f->st, rseq[0], &got), DC_E_OK);
    assert_int_equal(got.link_seq, seqs[0]);
    assert_string_equal(got.to_place, "北出張所");
    dc_item_t it;
    assert_int_equal(dc_store_item_get(f->st, items[0], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_IN);
    assert_string_equal(it.place, "北出張所");

    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_OK);
    assert_int_equal(rep.events, 3 + 2 + 2 + 1);
}

static void test_pins(void **state)
{
    fx_t *f = *state;
    char badge[DC_CODE_MAX];
    assert_int_equal(dc_desk_new_code(f->st, DC_CODE_BADGE, badge), DC_E_OK);
    assert_int_equal(dc_desk_check_pin(f->st, badge, "1234"), DC_E_R_ACTOR_UNKNOWN);
    assert_int_equal(dc_desk_set_pin(f->st, badge, "12a4"), DC_E_USAGE);
    assert_int_equal(dc_desk_set_pin(f->st, badge, "123"), DC_E_PIN_WEAK);
    assert_int_equal(dc_desk_set_pin(f->st, badge, "123456789"), DC_E_USAGE);
    assert_int_equal(dc_desk_set_pin(f->st, badge, "4821"), DC_E_OK);
    assert_int_equal(dc_desk_check_pin(f->st, badge, "4821"), DC_E_OK);
    assert_int_equal(dc_desk_check_pin(f->st, badge, "4822"), DC_E_USAGE);
    char hash[DC_PIN_HASH_MAX];
    assert_int_equal(dc_store_pin_get(f->st, badge, hash, sizeof hash), DC_E_OK);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_null(strstr(hash, "4821"));
}

static void test_month_range(void **state)
{
    (void)state;
    int64_t from, to;
    assert_int_equal(dc_desk_month_range("2026-10", 540, &from, &to), DC_E_OK);
    /* 2026-10-01 00:00 JST is 2026-09-30 15:00 UTC. */
    assert_int_equal(from, 1790780400000LL);
    assert_int_equal(to - from, 31LL * 86400000);
    assert_int_equal(dc_desk_month_range("2026-12", 540, &from, &to), DC_E_OK);
    assert_int_equal(to - from, 31LL * 86400000);
    assert_int_equal(dc_desk_month_range("2024-02", 540, &from, &to), DC_E_OK);
    assert_int_equal(to - from, 29LL * 86400000);
    static const char *const bad[] = {"2026-13", "2026-00", "2026-1",    "26-10",
                                      "2026/10", "",        "2026-10-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(dc_desk_month_range(bad[i], 540, &from, &to), DC_E_BAD_DATE);
}

static void test_clock_parse(void **state)
{
    (void)state;
    int64_t ms;
    assert_true(dc_clock_parse("2026-10-01T00:00:00+09:00", &ms));
    assert_int_equal(ms, 1790780400000LL);
    assert_true(dc_clock_parse("2026-10-01T00:00+09:00", &ms));
    assert_int_equal(ms, 1790780400000LL);
    assert_true(dc_clock_parse("2026-09-30T15:00:00Z", &ms));
    assert_int_equal(ms, 1790780400000LL);
    assert_true(dc_clock_parse("2026-10-01 00:00:00", &ms)); /* JST by default */
    assert_int_equal(ms, 1790780400000LL);
    assert_true(dc_clock_parse("1790780400", &ms));
    assert_int_equal(ms, 1790780400000LL);
    static const char *const bad[] = {"",
                                      "yesterday",
                                      "2026-10-01",
                                      "2026-13-01T00:00",
                                      "2026-10-01T25:00",
                                      "2026-10-01T00:00+9",
                                      "12345678901234"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(dc_clock_parse(bad[i], &ms));
    /* The clock moves forward. */
    int64_t a = dc_clock_now_ms(), b = dc_clock_now_ms();
    assert_true(b >= a);
    assert_true(a > 1700000000000LL);
}

static void test_default_paths(void **state)
{
    (void)state;
    char db[DC_PATH_MAX], key[DC_PATH_MAX];
    unsetenv("DAICHO_DB");
    unsetenv("DAICHO_KEY_FILE");
    unsetenv("CREDENTIALS_DIRECTORY");
    unsetenv("STATE_DIRECTORY");
    setenv("XDG_DATA_HOME", "/x/data", 1);
    assert_int_equal(dc_paths_default(db, key), DC_E_OK);
    assert_string_equal(db, "/x/data/daicho/daicho.db");
    assert_string_equal(key, "/x/data/daicho/daicho.key");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/u", 1);
    assert_int_equal(dc_paths_default(db, key), DC_E_OK);
    assert_string_equal(db, "/home/u/.local/share/daicho/daicho.db");
    setenv("CREDENTIALS_DIRECTORY", "/run/credentials/daicho.service", 1);
    assert_int_equal(dc_paths_default(db, key), DC_E_OK);
    assert_string_equal(db, "/var/lib/daicho/daicho.db");
    assert_string_equal(key, "/run/credentials/daicho.service/daicho.key");
    setenv("STATE_DIRECTORY", "/srv/state", 1);
    setenv("DAICHO_KEY_FILE", "/etc/k", 1);
    assert_int_equal(dc_paths_default(db, key), DC_E_OK);
    assert_string_equal(db, "/srv/state/daicho.db");
    assert_string_equal(key, "/etc/k");
    setenv("DAICHO_DB", "/tmp/x.db", 1);
    assert_int_equal(dc_paths_default(db, key), DC_E_OK);
    assert_string_equal(db, "/tmp/x.db");
    unsetenv("CREDENTIALS_DIRECTORY");
    unsetenv("STATE_DIRECTORY");
    unsetenv("DAICHO_KEY_FILE");
    unsetenv("DAICHO_DB");
}

static void test_demo_is_valid_and_repeatable(void **state)
{
    fx_t *f = *state;
    dc_demo_opts_t o = {"2026-10", 7};
    int64_t n = 0;
    assert_int_equal(dc_desk_demo(f->st, &f->term, &o, &n), DC_E_OK);
    assert_true(n > 150);
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(f->st, &rep), DC_E_OK);
    assert_int_equal(rep.events, n);

    /* Count each custody type: the demo month has all of them. */
    int64_t from, to;
    assert_int_equal(dc_desk_month_range("2026-10", 540, &from, &to), DC_E_OK);
    int counts[DC_EV__COUNT] = {0};
    bool outside = false;
    for (int64_t seq = 1; seq <= n; seq++) {
        dc_event_t ev;
        assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
        counts[ev.type]++;
        outside = outside || ev.ts_ms < from || ev.ts_ms >= to;
    }
    assert_false(outside);
    for (dc_evtype_t t = DC_EV_REGISTER; t <= DC_EV_LOGIN_FAILED; t++) {
        if (counts[t] == 0)
            fail_msg("the demo has no %s event", dc_evtype_name(t));
    }

    /* Same seed, same ledger (apart from random PIN salts): the head is repeatable. */
    char db2[700];
    snprintf(db2, sizeof db2, "%s/again.db", f->dir);
    dc_init_opts_t io = {"窓口端末2", "テスト区役所", 540};
    assert_int_equal(dc_desk_init(db2, f->key, &io), DC_E_OK);
    dc_store_t *st2;
    dc_term_t term2;
    assert_int_equal(dc_desk_open(db2, f->key, DC_CHANNEL_KIOSK, &st2, &term2), DC_E_OK);
    int64_t n2;
    assert_int_equal(dc_desk_demo(st2, &term2, &o, &n2), DC_E_OK);
    dc_verify_t rep2;
    assert_int_equal(dc_store_verify(st2, &rep2), DC_E_OK);
    dc_store_close(st2);
    assert_int_equal(n2, n);
    assert_memory_equal(rep.head, rep2.head, DC_HASH_LEN);
}

static void test_error_table(void **state)
{
    (void)state;
    for (int e = 0; e < DC_E__COUNT; e++) {
        assert_true(strlen(dc_err_msg((dc_err_t)e, DC_LANG_JA)) > 0);
        assert_true(strlen(dc_err_msg((dc_err_t)e, DC_LANG_EN)) > 0);
        assert_string_not_equal(dc_err_msg((dc_err_t)e, DC_LANG_JA),
                                dc_err_msg((dc_err_t)e, DC_LANG_EN));
        for (int g = 0; g < e; g++)
            assert_string_not_equal(dc_err_name((dc_err_t)e), dc_err_name((dc_err_t)g));
    }
    assert_int_equal(dc_err_class(DC_E_R_SELF_APPROVAL), DC_CLASS_REFUSED);
    assert_int_equal(dc_err_class(DC_E_DB_WRONG_KEY), DC_CLASS_OPEN);
    assert_int_equal(dc_err_class(DC_E_CODE_CHECK), DC_CLASS_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_init_and_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_codes_are_fresh, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record_fills_links_and_refuses_duplicates, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_pins, setup, teardown),
        cmocka_unit_test(test_month_range),
        cmocka_unit_test(test_clock_parse),
        cmocka_unit_test(test_default_paths),
        cmocka_unit_test_setup_teardown(test_demo_is_valid_and_repeatable, setup, teardown),
        cmocka_unit_test(test_error_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
