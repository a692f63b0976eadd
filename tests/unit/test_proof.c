/* desk/proof.h: proofs written from a ledger hold when checked from their text alone, for every
 * event of a small ledger in several sizes; a receipt's checkpoint is matched; and any changed
 * hex digit of a proof is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/gen.h"
#include "desk/proof.h"
#include "desk/query.h"
#include "desk/receipt.h"
#include "store/store.h"

typedef struct {
    char dir[512];
    dc_store_t *st;
    dc_term_t term;
    int64_t n;
    char *text;
} fx_t;

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    if (!f || dc_fx_tmpdir(f->dir, sizeof f->dir, "proof") ||
        dc_fx_ledger(f->dir, "t", "o", &f->st, &f->term))
        return -1;
    dc_gen_opts_t o = {.events = 3200, .seed = 3};
    if (dc_desk_gen(f->st, &f->term, &o, NULL) != DC_E_OK || !(f->text = malloc(DC_PROOF_TEXT_MAX)))
        return -1;
    f->n = dc_fx_count(f->st);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    int rc = dc_fx_ledger_close(f->st, f->dir);
    free(f->text);
    free(f);
    return rc;
}

static void test_every_event(void **state)
{
    fx_t *f = *state;
    dc_proof_check_t r;
    for (int64_t seq = 1; seq <= f->n; seq += 13) {
        int64_t size = seq + (seq * 7) % (f->n - seq + 1);
        assert_int_equal(dc_desk_proof_inclusion(f->st, seq, size, f->text, DC_PROOF_TEXT_MAX),
                         DC_E_OK);
        assert_int_equal(dc_desk_proof_check(f->text, NULL, NULL, &r), DC_E_OK);
        assert_true(r.inclusion);
        assert_int_equal(r.seq, seq);
        assert_int_equal(r.size, size);
        assert_int_equal(r.event.seq, seq);
        dc_event_t ev;
        assert_int_equal(dc_store_event_get(f->st, seq, &ev), DC_E_OK);
        assert_int_equal(r.event.type, ev.type);
        assert_int_equal(r.event.ts_ms, ev.ts_ms);

        assert_int_equal(dc_desk_proof_consistency(f->st, seq, size, f->text, DC_PROOF_TEXT_MAX),
                         DC_E_OK);
        assert_int_equal(dc_desk_proof_check(f->text, NULL, NULL, &r), DC_E_OK);
        assert_false(r.inclusion);
        assert_int_equal(r.from, seq);
        assert_int_equal(r.size, size);
    }
    /* Size 0 is the ledger now. */
    assert_int_equal(dc_desk_proof_inclusion(f->st, 1, 0, f->text, DC_PROOF_TEXT_MAX), DC_E_OK);
    assert_int_equal(dc_desk_proof_check(f->text, NULL, NULL, &r), DC_E_OK);
    assert_int_equal(r.size, f->n);
    assert_int_equal(dc_desk_proof_inclusion(f->st, f->n + 1, 0, f->text, DC_PROOF_TEXT_MAX),
                     DC_E_NOT_FOUND);
    assert_int_equal(dc_desk_proof_consistency(f->st, 5, f->n + 1, f->text, DC_PROOF_TEXT_MAX),
                     DC_E_NOT_FOUND);
    assert_int_equal(dc_desk_proof_inclusion(f->st, 1, 0, f->text, 100), DC_E_TOO_LONG);
}

static void test_receipt_and_key(void **state)
{
    fx_t *f = *state;
    dc_proof_check_t r;
    char receipt[DC_RECEIPT_TEXT_CAP + 1], key[DC_TERMINAL_KEY_TEXT_MAX], id[DC_TERMINAL_ID_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    /* A receipt of a record in the middle of the ledger: its last event is its checkpoint. */
    int64_t group = 0;
    dc_event_t ev;
    for (int64_t s = f->n / 2; !group && s < f->n; s++) {
        assert_int_equal(dc_store_event_get(f->st, s, &ev), DC_E_OK);
        if (ev.type == DC_EV_TAKE_OUT &&
            dc_desk_receipt_payload(f->st, s, receipt, sizeof receipt) == DC_E_OK)
            group = s;
    }
    assert_true(group > 0);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(receipt, strlen(receipt), &p), DC_E_OK);
    assert_int_equal(p.version, 3);
    assert_int_equal(dc_desk_terminal_key(f->st, id, pk), DC_E_OK);
    dc_terminal_key_text(pk, key);

    assert_int_equal(
        dc_desk_proof_inclusion(f->st, p.seq, p.head_count, f->text, DC_PROOF_TEXT_MAX), DC_E_OK);
    assert_int_equal(dc_desk_proof_check(f->text, key, receipt, &r), DC_E_OK);
    assert_true(r.checkpoint);
    assert_int_equal(dc_desk_proof_consistency(f->st, p.head_count, 0, f->text, DC_PROOF_TEXT_MAX),
                     DC_E_OK);
    assert_int_equal(dc_desk_proof_check(f->text, key, receipt, &r), DC_E_OK);
    assert_true(r.checkpoint);
    /* Another event's proof, or one in a later head, is not this receipt's. */
    assert_int_equal(
        dc_desk_proof_inclusion(f->st, p.seq - 1, p.head_count, f->text, DC_PROOF_TEXT_MAX),
        DC_E_OK);
    assert_int_equal(dc_desk_proof_check(f->text, key, receipt, &r), DC_E_PROOF_CHECKPOINT);
    assert_int_equal(dc_desk_proof_inclusion(f->st, p.seq, 0, f->text, DC_PROOF_TEXT_MAX), DC_E_OK);
    assert_int_equal(dc_desk_proof_check(f->text, key, receipt, &r), DC_E_PROOF_CHECKPOINT);
    assert_int_equal(dc_desk_proof_check(f->text, key, NULL, &r), DC_E_OK);
    /* Another terminal's key given. */
    dc_fx_keys_t other;
    dc_fx_seeded_keys(9, &other);
    dc_terminal_key_text(other.pk, key);
    assert_int_equal(dc_desk_proof_check(f->text, key, NULL, &r), DC_E_PROOF_KEY);
}

/* Every hex digit of every line of a proof, changed: never accepted. */
static void test_changed_digits(void **state)
{
    fx_t *f = *state;
    dc_proof_check_t r;
    for (int kind = 0; kind < 2; kind++) {
        dc_err_t e = kind ? dc_desk_proof_consistency(f->st, 700, 2900, f->text, DC_PROOF_TEXT_MAX)
                          : dc_desk_proof_inclusion(f->st, 700, 2900, f->text, DC_PROOF_TEXT_MAX);
        assert_int_equal(e, DC_E_OK);
        size_t n = strlen(f->text);
        int tried = 0;
        bool comment = false, start = true;
        for (size_t i = 0; i < n; i++) {
            char c = f->text[i];
            if (start)
                comment = c == '#';
            start = c == '\n';
            if (comment || !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                continue;
            /* Leave the terminal id and key alone: a changed key is another key (PROOF_BAD_SIG
             * or FORMAT all the same, checked in the CLI test). */
            f->text[i] = c == '0' ? '1' : '0';
            e = dc_desk_proof_check(f->text, NULL, NULL, &r);
            if (e == DC_E_OK)
                print_error("accepted with byte %zu changed: %.40s\n", i, f->text + i - 10);
            assert_int_not_equal(e, DC_E_OK);
            f->text[i] = c;
            tried++;
        }
        assert_true(tried > 500);
        assert_int_equal(dc_desk_proof_check(f->text, NULL, NULL, &r), DC_E_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_receipt_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_digits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
