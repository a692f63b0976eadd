/* The receipt payload: base32, the fixed binary layout, signing and checking, and every way a
 * scanned payload can be wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "print/payload.h"

static void sample_event(dc_event_t *ev)
{
    dc_event_init(ev, DC_EV_TAKE_OUT);
    ev->seq = 1234;
    ev->group_seq = 1233;
    ev->ts_ms = 1791162000000LL;
    dc_copy(ev->terminal, sizeof ev->terminal, "窓口端末1");
    dc_copy(ev->actor, sizeof ev->actor, "DB-5CR4E3G6-D");
    dc_copy(ev->second, sizeof ev->second, "DB-26W3AQJ4-Z");
    dc_copy(ev->item, sizeof ev->item, "DI-JKB1DE64-6");
    dc_copy(ev->purpose, sizeof ev->purpose, "会議資料");
    dc_copy(ev->to_place, sizeof ev->to_place, "本庁舎 3階会議室");
    dc_copy(ev->due, sizeof ev->due, "2026-10-09");
    memset(ev->hash, 0xab, sizeof ev->hash);
}

static void test_base32_vectors(void **state)
{
    (void)state;
    /* RFC 4648 section 10, without the padding. */
    static const struct {
        const char *in, *out;
    } rows[] = {{"", ""},
                {"f", "MY"},
                {"fo", "MZXQ"},
                {"foo", "MZXW6"},
                {"foob", "MZXW6YQ"},
                {"fooba", "MZXW6YTB"},
                {"foobar", "MZXW6YTBOI"}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[32];
        uint8_t back[16];
        size_t n;
        size_t len = strlen(rows[i].in);
        assert_int_equal(dc_base32_encode((const uint8_t *)rows[i].in, len, out, sizeof out),
                         strlen(rows[i].out));
        assert_string_equal(out, rows[i].out);
        assert_true(dc_base32_decode(out, strlen(out), back, sizeof back, &n));
        assert_int_equal(n, len);
        assert_memory_equal(back, rows[i].in, len);
    }
    uint8_t b[8];
    size_t n;
    /* Not the alphabet, lower case (normalised before), padding bits that are not zero, a
     * dangling character, no room. */
    static const char *const bad[] = {"MY=", "M1", "MZXW0", "my", "MZ", "MZXW6Y", "MZXW6YT"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(dc_base32_decode(bad[i], strlen(bad[i]), b, sizeof b, &n));
    assert_false(dc_base32_decode("MZXW6YTBOI", 10, b, 5, &n));
    char small[4];
    assert_int_equal(dc_base32_encode((const uint8_t *)"foo", 3, small, sizeof small), 0);
}

static void test_sign_decode_check(void **state)
{
    (void)state;
    dc_fx_keys_t k;
    dc_fx_seeded_keys(7, &k);
    dc_event_t ev;
    sample_event(&ev);
    char text[DC_RECEIPT_TEXT_MAX];
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, k.pk, k.sk, text), DC_E_OK);
    assert_int_equal(strlen(text), DC_RECEIPT_TEXT_LEN);
    assert_int_equal(DC_RECEIPT_TEXT_LEN, 166);
    assert_int_equal(DC_RECEIPT_BYTES, 102);
    assert_memory_equal(text, "DR", 2);
    for (size_t i = 0; i < strlen(text); i++)
        assert_true((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= '0' && text[i] <= '9'));

    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    char id[DC_TERMINAL_ID_MAX];
    dc_terminal_id(k.pk, id);
    assert_string_equal(p.terminal_id, id);
    assert_int_equal(p.version, 1);
    assert_int_equal(p.seq, 1234);
    assert_int_equal(p.head_count, 1234);
    assert_memory_equal(p.head, ev.hash, DC_RECEIPT_HEAD_BYTES);
    uint8_t digest[DC_HASH_LEN];
    dc_receipt_event_digest(&ev, digest);
    assert_memory_equal(p.digest, digest, DC_RECEIPT_DIGEST_BYTES);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);

    /* Ed25519 is deterministic: the same checkpoint gives the same receipt (reprints). */
    char again[DC_RECEIPT_TEXT_MAX];
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, k.pk, k.sk, again), DC_E_OK);
    assert_string_equal(again, text);

    /* What a scanner may add or change: case, a trailing Tab or CR, spaces. */
    char noisy[DC_RECEIPT_TEXT_MAX + 8];
    snprintf(noisy, sizeof noisy, "  %s\t\r\n", text);
    for (char *c = noisy; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    assert_int_equal(dc_receipt_decode(noisy, strlen(noisy), &p), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);
}

/* Every single changed character is caught: by the decoder or by the signature. */
static void test_every_changed_character(void **state)
{
    (void)state;
    dc_fx_keys_t k;
    dc_fx_seeded_keys(9, &k);
    dc_event_t ev;
    sample_event(&ev);
    char text[DC_RECEIPT_TEXT_MAX];
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, k.pk, k.sk, text), DC_E_OK);
    static const char repl[] = {'A', 'B', 'Q', 'Z', '2', '7', '0', '9'};
    int by_format = 0, by_sig = 0;
    for (size_t i = 0; i < DC_RECEIPT_TEXT_LEN; i++) {
        for (size_t r = 0; r < sizeof repl; r++) {
            if (text[i] == repl[r])
                continue;
            char t[DC_RECEIPT_TEXT_MAX];
            memcpy(t, text, sizeof t);
            t[i] = repl[r];
            dc_receipt_payload_t p;
            dc_err_t e = dc_receipt_parse(t, strlen(t), &p);
            if (!e)
                e = dc_receipt_check_sig(&p, k.pk);
            /* The prefix, the version's characters, the padding bits of the last one and a
             * character outside base32 (0, 1, 8, 9) are the form; any other change is covered
             * by the signature. */
            bool form = i < 4 || i == DC_RECEIPT_TEXT_LEN - 1 || repl[r] == '0' || repl[r] == '9';
            if (e != DC_E_RECEIPT_BAD_SIG && !(form && e == DC_E_RECEIPT_FORMAT))
                fail_msg("changed character %zu to %c: %s", i, repl[r], dc_err_name(e));
            by_format += e == DC_E_RECEIPT_FORMAT;
            by_sig += e == DC_E_RECEIPT_BAD_SIG;
        }
    }
    assert_true(by_format > 0 && by_sig > 0);

    /* In the signature itself, a changed character is a bad signature, nothing else. */
    char t[DC_RECEIPT_TEXT_MAX];
    memcpy(t, text, sizeof t);
    t[120] = t[120] == 'K' ? 'L' : 'K';
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(t, strlen(t), &p), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_RECEIPT_BAD_SIG);
}

static void test_other_key_and_forged_id(void **state)
{
    (void)state;
    dc_fx_keys_t a, b;
    dc_fx_seeded_keys(1, &a);
    dc_fx_seeded_keys(2, &b);
    dc_event_t ev;
    sample_event(&ev);
    char text[DC_RECEIPT_TEXT_MAX];
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, a.pk, a.sk, text), DC_E_OK);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    /* Checked with another terminal's key. */
    assert_int_equal(dc_receipt_check_sig(&p, b.pk), DC_E_RECEIPT_BAD_SIG);

    /* Signed with b's secret key but claiming a's terminal id. */
    uint8_t forged_pk[DC_STORE_PK_LEN];
    memcpy(forged_pk, b.pk, sizeof forged_pk);
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, a.pk, b.sk, text), DC_E_OK);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, a.pk), DC_E_RECEIPT_BAD_SIG);
    assert_int_equal(dc_receipt_check_sig(&p, forged_pk), DC_E_RECEIPT_BAD_SIG);
}

/* Re-encode raw payload bytes as text (for malformed payloads the signer would never make). */
static void as_text(const uint8_t *b, size_t n, char *out, size_t cap)
{
    memcpy(out, "DR", 2);
    dc_base32_encode(b, n, out + 2, cap - 2);
}

static void test_malformed(void **state)
{
    (void)state;
    dc_fx_keys_t k;
    dc_fx_seeded_keys(3, &k);
    dc_event_t ev;
    sample_event(&ev);
    char text[DC_RECEIPT_TEXT_MAX], t[DC_RECEIPT_TEXT_MAX + 16];
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, k.pk, k.sk, text), DC_E_OK);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    uint8_t b[DC_RECEIPT_BYTES];

    static const char *const junk[] = {
        "", "   ", "DI-JKB1DE64-6", "DB-5CR4E3G6-D", "DR", "http://example.invalid/"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_int_equal(dc_receipt_decode(junk[i], strlen(junk[i]), &p), DC_E_RECEIPT_FORMAT);
    /* Cut short, one character too many, another prefix. */
    assert_int_equal(dc_receipt_decode(text, strlen(text) - 1, &p), DC_E_RECEIPT_FORMAT);
    snprintf(t, sizeof t, "%sA", text);
    assert_int_equal(dc_receipt_decode(t, strlen(t), &p), DC_E_RECEIPT_FORMAT);
    snprintf(t, sizeof t, "DX%s", text + 2);
    assert_int_equal(dc_receipt_decode(t, strlen(t), &p), DC_E_RECEIPT_FORMAT);

    /* An unknown version, seq 0, a head before the event. */
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    memcpy(b, p.bytes, sizeof b);
    b[0] = 2;
    as_text(b, sizeof b, t, sizeof t);
    assert_int_equal(dc_receipt_decode(t, strlen(t), &p), DC_E_RECEIPT_FORMAT);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    memcpy(b, p.bytes, sizeof b);
    memset(b + 6, 0, 4);
    as_text(b, sizeof b, t, sizeof t);
    assert_int_equal(dc_receipt_decode(t, strlen(t), &p), DC_E_RECEIPT_FORMAT);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    memcpy(b, p.bytes, sizeof b);
    b[21] = 1; /* head count 1 < seq 1234 */
    memset(b + 18, 0, 3);
    as_text(b, sizeof b, t, sizeof t);
    assert_int_equal(dc_receipt_decode(t, strlen(t), &p), DC_E_RECEIPT_FORMAT);
    /* The form alone is fine: a verifier then finds the signature does not match. */
    assert_int_equal(dc_receipt_parse(t, strlen(t), &p), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_RECEIPT_BAD_SIG);
}

/* The digest covers the event's own content, not its place in the chain. */
static void test_event_digest(void **state)
{
    (void)state;
    dc_event_t a, b;
    uint8_t da[DC_HASH_LEN], db[DC_HASH_LEN];
    sample_event(&a);
    dc_receipt_event_digest(&a, da);
    b = a;
    memset(b.prev_hash, 0x11, sizeof b.prev_hash);
    memset(b.hash, 0x22, sizeof b.hash);
    dc_receipt_event_digest(&b, db);
    assert_memory_equal(da, db, DC_HASH_LEN);
    b = a;
    dc_copy(b.purpose, sizeof b.purpose, "私用");
    dc_receipt_event_digest(&b, db);
    assert_memory_not_equal(da, db, DC_HASH_LEN);
    b = a;
    b.seq++;
    dc_receipt_event_digest(&b, db);
    assert_memory_not_equal(da, db, DC_HASH_LEN);
}

static void test_terminal_ids_and_keys(void **state)
{
    (void)state;
    dc_fx_keys_t a, b;
    dc_fx_seeded_keys(5, &a);
    dc_fx_seeded_keys(6, &b);
    char ida[DC_TERMINAL_ID_MAX], idb[DC_TERMINAL_ID_MAX], id[DC_TERMINAL_ID_MAX];
    dc_terminal_id(a.pk, ida);
    dc_terminal_id(b.pk, idb);
    assert_int_equal(strlen(ida), 9);
    assert_int_equal(ida[0], 'T');
    assert_string_not_equal(ida, idb);

    char text[DC_TERMINAL_KEY_TEXT_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    dc_terminal_key_text(a.pk, text);
    assert_int_equal(strncmp(text, ida, 9), 0);
    assert_int_equal(text[9], '-');
    assert_int_equal(dc_terminal_key_parse(text, pk, id), DC_E_OK);
    assert_memory_equal(pk, a.pk, sizeof pk);
    assert_string_equal(id, ida);

    /* Typed in lower case with a newline: still the key. */
    char low[DC_TERMINAL_KEY_TEXT_MAX + 2];
    snprintf(low, sizeof low, "%s\n", text);
    for (char *c = low; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    assert_int_equal(dc_terminal_key_parse(low, pk, id), DC_E_OK);

    /* A mistyped key no longer matches its id; an id of another key is refused. */
    char t[DC_TERMINAL_KEY_TEXT_MAX];
    memcpy(t, text, sizeof t);
    t[20] = t[20] == 'A' ? 'B' : 'A';
    assert_int_equal(dc_terminal_key_parse(t, pk, id), DC_E_TERMINAL_KEY_FORMAT);
    memcpy(t, text, sizeof t);
    memcpy(t, idb, 9);
    assert_int_equal(dc_terminal_key_parse(t, pk, id), DC_E_TERMINAL_KEY_FORMAT);
    assert_int_equal(dc_terminal_key_parse("T12345678", pk, id), DC_E_TERMINAL_KEY_FORMAT);
    assert_int_equal(dc_terminal_key_parse("", pk, id), DC_E_TERMINAL_KEY_FORMAT);
}

/* Version 3: the tree head in place of the chain link, under its own domain; without fields it is
 * the size of version 1. Its bytes relabelled as version 2 (same layout) no longer verify, nor
 * does any changed character. */
static void test_version_3(void **state)
{
    (void)state;
    dc_fx_keys_t k;
    dc_fx_seeded_keys(7, &k);
    dc_event_t ev;
    sample_event(&ev);
    uint8_t root[DC_HASH_LEN];
    for (int i = 0; i < DC_HASH_LEN; i++)
        root[i] = (uint8_t)(0xa0 + i);
    char text[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(dc_receipt_sign_v3(&ev, ev.seq + 5, root, NULL, k.pk, k.sk, text, sizeof text),
                     DC_E_OK);
    assert_int_equal(strlen(text), DC_RECEIPT_TEXT_LEN);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(p.version, 3);
    assert_int_equal(p.seq, ev.seq);
    assert_int_equal(p.head_count, ev.seq + 5);
    assert_memory_equal(p.head, root, DC_RECEIPT_HEAD_BYTES);
    assert_int_equal(p.nitems, 0);
    assert_false(p.answers);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);

    /* The same bytes as version 2: the version byte is signed, and so is the domain. */
    uint8_t b[DC_RECEIPT_BYTES_MAX];
    memcpy(b, p.bytes, p.nbytes);
    b[0] = DC_RECEIPT_V2_VERSION;
    char relabelled[DC_RECEIPT_TEXT_CAP + 1] = "DR";
    assert_true(dc_base32_encode(b, p.nbytes, relabelled + 2, sizeof relabelled - 2) > 0);
    /* Version 2 needs fields, so this one does not even parse as a receipt. */
    assert_int_equal(dc_receipt_decode(relabelled, strlen(relabelled), &p), DC_E_RECEIPT_FORMAT);

    for (size_t i = 2; i < strlen(text); i++) {
        char t[DC_RECEIPT_TEXT_CAP + 1];
        memcpy(t, text, sizeof t);
        t[i] = t[i] == 'A' ? 'B' : 'A';
        if (dc_receipt_parse(t, strlen(t), &p) == DC_E_OK)
            assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_RECEIPT_BAD_SIG);
    }

    /* With a transport's fields, as version 2 carries them. */
    char codes[2][DC_CODE_MAX];
    for (int i = 0; i < 2; i++) {
        uint8_t r[DC_CODE_RANDOM_BYTES] = {(uint8_t)i, 1, 2, 3, 4};
        dc_code_make(DC_CODE_ITEM, r, codes[i]);
    }
    dc_receipt_fields_t f = {.nitems = 2, .items = (const char(*)[DC_CODE_MAX])codes};
    assert_int_equal(dc_receipt_sign_v3(&ev, ev.seq, root, &f, k.pk, k.sk, text, sizeof text),
                     DC_E_OK);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(p.version, 3);
    assert_int_equal(p.nitems, 2);
    assert_int_equal(dc_receipt_item_index(&p, codes[1]), 1);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base32_vectors),
        cmocka_unit_test(test_sign_decode_check),
        cmocka_unit_test(test_version_3),
        cmocka_unit_test(test_every_changed_character),
        cmocka_unit_test(test_other_key_and_forged_id),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_event_digest),
        cmocka_unit_test(test_terminal_ids_and_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
