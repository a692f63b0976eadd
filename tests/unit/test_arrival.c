/* Arrival at another terminal: the version 2 receipt payload (a transport's item digests and
 * people, an arrival's answer), version 1 still read as before, the rules of the arrival event
 * and of a receive closed by another terminal's arrival receipt, and the whole round trip
 * between two ledgers that trust each other. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/code.h"
#include "core/rules.h"
#include "desk/arrival.h"
#include "desk/receipt.h"
#include "desk/session.h"
#include "fixture.h"
#include "print/payload.h"
#include "print/qr.h"
#include "store/store.h"

static void transport_event(dc_event_t *ev)
{
    dc_event_init(ev, DC_EV_TRANSPORT);
    ev->seq = 4321;
    ev->group_seq = 4302;
    ev->ts_ms = 1791162000000LL;
    dc_copy(ev->actor, sizeof ev->actor, "DB-5CR4E3G6-D");
    dc_copy(ev->carrier, sizeof ev->carrier, "DB-26W3AQJ4-Z");
    dc_copy(ev->item, sizeof ev->item, "DI-JKB1DE64-6");
    dc_copy(ev->to_place, sizeof ev->to_place, "北出張所");
    memset(ev->hash, 0xcd, sizeof ev->hash);
}

static void item_codes(int n, char codes[][DC_CODE_MAX])
{
    for (int i = 0; i < n; i++) {
        uint8_t r[DC_CODE_RANDOM_BYTES] = {(uint8_t)i, 0x5a, (uint8_t)(i * 7), 0x11, 0x42};
        dc_code_make(DC_CODE_ITEM, r, codes[i]);
    }
}

/* A 20-item transport fits one scan, lists every item in order and no other, and names its
 * sender and carrier by digest. */
static void test_transport_round_trip(void **state)
{
    (void)state;
    dc_fx_keys_t k;
    dc_fx_seeded_keys(5, &k);
    dc_event_t ev;
    transport_event(&ev);
    char codes[DC_RECEIPT_ITEMS_MAX + 1][DC_CODE_MAX];
    item_codes(DC_RECEIPT_ITEMS_MAX + 1, codes);
    dc_receipt_fields_t f = {.nitems = 20,
                             .items = (const char(*)[DC_CODE_MAX])codes,
                             .sender = ev.actor,
                             .carrier = ev.carrier};
    char text[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(
        dc_receipt_sign_v2(&ev, ev.seq + 3, ev.hash, &f, k.pk, k.sk, text, sizeof text), DC_E_OK);
    /* 102 + 2 + 40 + 2 + 6 bytes: 246 characters, within one scan. */
    assert_int_equal(strlen(text), 246);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);
    assert_int_equal(p.version, 2);
    assert_int_equal(p.seq, 4321);
    assert_int_equal(p.head_count, 4324);
    assert_int_equal(p.nitems, 20);
    for (int i = 0; i < 20; i++)
        assert_int_equal(dc_receipt_item_index(&p, codes[i]), i);
    assert_int_equal(dc_receipt_item_index(&p, codes[21]), -1);
    assert_int_equal(dc_receipt_item_index(&p, "DI-30XXRVVN-X"), -1);
    assert_true(p.has_people);
    uint8_t t[DC_RECEIPT_PERSON_TAG];
    dc_receipt_person_tag(ev.carrier, t);
    assert_memory_equal(t, p.carrier, sizeof t);
    dc_receipt_person_tag(ev.actor, t);
    assert_memory_equal(t, p.sender, sizeof t);
    assert_false(p.answers);

    /* On 58 mm paper (384 dots) its QR keeps at least 4 dots a module, as a scanner reads it
     * from thermal paper. */
    dc_qr_t *q = NULL;
    int module = 0;
    assert_int_equal(dc_qr_create(text, DC_QR_ECC_M, &q), DC_E_OK);
    assert_int_equal(dc_qr_fit(q, 384, 8, &module), DC_E_OK);
    print_message("20 items: %zu characters, QR version %d, %d modules, %d dots a module\n",
                  strlen(text), dc_qr_version(q), dc_qr_modules(q), module);
    assert_true(module >= 4);
    dc_qr_destroy(q);

    /* The most that fits one scan, and one more. */
    f.nitems = DC_RECEIPT_ITEMS_MAX;
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, k.pk, k.sk, text, sizeof text),
                     DC_E_OK);
    assert_true(strlen(text) <= DC_RECEIPT_TEXT_CAP);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(p.nitems, DC_RECEIPT_ITEMS_MAX);
    f.nitems = DC_RECEIPT_ITEMS_MAX + 1;
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, k.pk, k.sk, text, sizeof text),
                     DC_E_TOO_LONG);

    /* Any changed character past the version is a bad signature or a broken form. */
    f.nitems = 3;
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, k.pk, k.sk, text, sizeof text),
                     DC_E_OK);
    for (size_t i = 4; i < strlen(text); i++) {
        char m[DC_RECEIPT_TEXT_CAP + 1];
        memcpy(m, text, sizeof m);
        m[i] = m[i] == 'Q' ? 'R' : 'Q';
        dc_err_t e = dc_receipt_parse(m, strlen(m), &p);
        if (!e)
            e = dc_receipt_check_sig(&p, k.pk);
        assert_true(e == DC_E_RECEIPT_BAD_SIG || e == DC_E_RECEIPT_FORMAT);
    }
}

/* An arrival receipt names the transport it answers, which of its items came and the
 * receiver; a long name is cut at a character to fit one scan. */
static void test_arrival_round_trip(void **state)
{
    (void)state;
    dc_fx_keys_t a, b;
    dc_fx_seeded_keys(6, &a);
    dc_fx_seeded_keys(7, &b);
    char a_id[DC_TERMINAL_ID_MAX];
    dc_terminal_id(a.pk, a_id);
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ARRIVAL);
    ev.seq = 77;
    ev.ts_ms = 1791162000000LL;
    memset(ev.hash, 0x11, sizeof ev.hash);
    const char *name = "髙橋 美咲";
    dc_receipt_fields_t f = {.answers_terminal = a_id,
                             .answers_seq = 4321,
                             .received = 0x5,
                             .receiver = "DB-3JPTBZEN-N",
                             .receiver_name = name};
    char text[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, b.pk, b.sk, text, sizeof text),
                     DC_E_OK);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, b.pk), DC_E_OK);
    assert_int_equal(dc_receipt_check_sig(&p, a.pk), DC_E_RECEIPT_BAD_SIG);
    assert_true(p.answers);
    assert_string_equal(p.answers_terminal, a_id);
    assert_int_equal(p.answers_seq, 4321);
    assert_int_equal(p.received, 0x5);
    assert_string_equal(p.receiver, "DB-3JPTBZEN-N");
    assert_string_equal(p.receiver_name, name);
    assert_int_equal(p.nitems, 0);

    /* A name of 60 kanji is cut at a character: the text still fits one scan. */
    char long_name[DC_SHORT_MAX] = "";
    for (int i = 0; i < 40; i++)
        snprintf(long_name + strlen(long_name), sizeof long_name - strlen(long_name), "髙");
    f.receiver_name = long_name;
    f.received = 0x80000001u;
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, b.pk, b.sk, text, sizeof text),
                     DC_E_OK);
    assert_true(strlen(text) <= DC_RECEIPT_TEXT_CAP);
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_true(strlen(p.receiver_name) > 0 && strlen(p.receiver_name) % 3 == 0);
    assert_int_equal(strncmp(p.receiver_name, long_name, strlen(p.receiver_name)), 0);
    assert_int_equal(p.received, 0x80000001u);

    /* Not a badge, no items received: nothing is signed. */
    f.receiver = "DI-JKB1DE64-6";
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, b.pk, b.sk, text, sizeof text),
                     DC_E_USAGE);
    f.receiver = "DB-3JPTBZEN-N";
    f.received = 0;
    assert_int_equal(dc_receipt_sign_v2(&ev, ev.seq, ev.hash, &f, b.pk, b.sk, text, sizeof text),
                     DC_E_USAGE);
}

/* Version 1 reads and verifies as before; version 2's fields are read by their tags, a tag
 * not known is skipped (signed with the rest), tags out of order or of a wrong length are not
 * a receipt. */
static void test_versions_and_fields(void **state)
{
    (void)state;
    dc_fx_keys_t k;
    dc_fx_seeded_keys(8, &k);
    dc_event_t ev;
    transport_event(&ev);
    char text[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(dc_receipt_sign(&ev, ev.seq, ev.hash, k.pk, k.sk, text), DC_E_OK);
    assert_int_equal(strlen(text), DC_RECEIPT_TEXT_LEN);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
    assert_int_equal(p.version, 1);
    assert_int_equal(p.nitems, 0);
    assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);

    /* Hand-made version 2 payloads, signed as a signer would. */
    static const struct {
        uint8_t fields[16];
        size_t n;
        dc_err_t want;
    } rows[] = {
        {{1, 2, 0xaa, 0xbb, 0x40, 3, 'x', 'y', 'z'}, 9, DC_E_OK},       /* a later tag, skipped */
        {{0x40, 1, 0, 1, 2, 0xaa, 0xbb}, 7, DC_E_RECEIPT_FORMAT},       /* out of order */
        {{1, 3, 0xaa, 0xbb, 0xcc}, 5, DC_E_RECEIPT_FORMAT},             /* half an item */
        {{1, 2, 0xaa, 0xbb, 1, 2, 0xaa, 0xbb}, 8, DC_E_RECEIPT_FORMAT}, /* twice */
        {{1, 9, 0xaa}, 3, DC_E_RECEIPT_FORMAT},                         /* past the end */
        {{2, 6, 1, 2, 3, 4, 5, 6}, 8, DC_E_RECEIPT_FORMAT},             /* people, no items */
        {{3, 9, 1, 2, 3, 4, 5, 0, 0, 0, 9}, 11, DC_E_RECEIPT_FORMAT},   /* answer, no receiver */
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        uint8_t b[DC_RECEIPT_BYTES_MAX], msg[32 + DC_RECEIPT_BYTES_MAX];
        assert_int_equal(dc_receipt_decode(text, strlen(text), &p), DC_E_OK);
        memcpy(b, p.bytes, DC_RECEIPT_SIGNED_BYTES);
        b[0] = 2;
        memcpy(b + DC_RECEIPT_SIGNED_BYTES, rows[r].fields, rows[r].n);
        size_t n = DC_RECEIPT_SIGNED_BYTES + rows[r].n;
        static const char domain[] = "daicho/receipt/v2";
        memcpy(msg, domain, sizeof domain);
        memcpy(msg + sizeof domain, b, n);
        crypto_sign_detached(b + n, NULL, msg, sizeof domain + n, k.sk);
        char t[DC_RECEIPT_TEXT_CAP + 1] = "DR";
        assert_true(dc_base32_encode(b, n + DC_RECEIPT_SIG_BYTES, t + 2, sizeof t - 2) > 0);
        dc_err_t e = dc_receipt_decode(t, strlen(t), &p);
        assert_int_equal(e, rows[r].want);
        if (!e) {
            assert_int_equal(p.nitems, 1);
            assert_int_equal(dc_receipt_check_sig(&p, k.pk), DC_E_OK);
        }
    }
}

/* The arrival event and a receive closed by an arrival receipt, as the rules judge them. */
static void test_rules(void **state)
{
    (void)state;
    dc_staff_t actor = {.badge = "DB-3JPTBZEN-N", .role = DC_ROLE_STAFF};
    dc_item_t own = {.code = "DI-JKB1DE64-6", .state = DC_STATE_IN, .state_seq = 3};
    dc_rules_ctx_t ctx = {.actor = &actor};
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ARRIVAL);
    dc_copy(ev.actor, sizeof ev.actor, actor.badge);
    dc_copy(ev.item, sizeof ev.item, own.code);
    ev.link_seq = 4321;
    dc_copy(ev.from_place, sizeof ev.from_place, "TABCDEFGH");
    dc_copy(ev.detail, sizeof ev.detail, "DRAEAAAA");
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_OK);
    assert_false(dc_evtype_has_item(DC_EV_ARRIVAL)); /* no state of its own here */
    ctx.item = &own;
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_R_ITEM_EXISTS);
    own.state = DC_STATE_TRANSIT; /* this ledger's own, coming back */
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_OK);
    ctx.item = NULL;
    static const struct {
        int which;
        dc_err_t want;
    } missing[] = {{0, DC_E_R_FIELD_MISSING_RECORD},
                   {1, DC_E_R_FIELD_MISSING_RECORD},
                   {2, DC_E_R_FIELD_MISSING_RECORD},
                   {3, DC_E_R_ITEM_UNKNOWN}};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        dc_event_t e2 = ev;
        if (missing[i].which == 0)
            e2.link_seq = 0;
        else if (missing[i].which == 1)
            e2.from_place[0] = '\0';
        else if (missing[i].which == 2)
            e2.detail[0] = '\0';
        else
            e2.item[0] = '\0';
        assert_int_equal(dc_rules_check(&e2, &ctx), missing[i].want);
    }
    dc_staff_t gone = actor;
    dc_copy(gone.released, sizeof gone.released, "2026-10-01");
    ctx.actor = &gone;
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_R_ACTOR_RELEASED);
    ctx.actor = &actor;

    /* A receive: the carrier may not record it, unless another terminal's arrival receipt,
     * naming its receiver, closes it. */
    dc_item_t moving = {.code = "DI-JKB1DE64-6", .state = DC_STATE_TRANSIT, .state_seq = 9};
    dc_event_t tr;
    dc_event_init(&tr, DC_EV_TRANSPORT);
    tr.seq = 9;
    dc_copy(tr.actor, sizeof tr.actor, "DB-5CR4E3G6-D");
    dc_copy(tr.carrier, sizeof tr.carrier, actor.badge);
    ctx.item = &moving;
    ctx.linked = &tr;
    dc_event_init(&ev, DC_EV_RECEIVE);
    dc_copy(ev.actor, sizeof ev.actor, actor.badge);
    dc_copy(ev.item, sizeof ev.item, moving.code);
    ev.link_seq = 9;
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_R_SELF_RECEIVE);
    dc_copy(ev.from_place, sizeof ev.from_place, "TB2345678");
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_R_FIELD_MISSING);
    dc_copy(ev.recipient, sizeof ev.recipient, "髙橋 美咲 (DB-3JPTBZEN-N)");
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_OK);
    ev.link_seq = 8; /* still the transport on the way now */
    assert_int_equal(dc_rules_check(&ev, &ctx), DC_E_R_LINK_STALE);
}

/* ---- two ledgers ---- */

typedef struct {
    char dir[1024];
    dc_store_t *st;
    dc_term_t term;
    char admin[DC_CODE_MAX], staff[DC_CODE_MAX], other[DC_CODE_MAX];
} side_t;

static void side_open(side_t *s, const char *name)
{
    assert_int_equal(dc_fx_tmpdir(s->dir, sizeof s->dir, "arrival"), 0);
    assert_int_equal(dc_fx_ledger(s->dir, name, "区役所", &s->st, &s->term), 0);
    assert_int_equal(dc_fx_admin(s->st, &s->term, "管理 太郎", s->admin), 0);
    assert_int_equal(
        dc_fx_enrol(s->st, &s->term, s->admin, s->staff, DC_ROLE_STAFF, "鈴木 一郎", NULL), 0);
    assert_int_equal(
        dc_fx_enrol(s->st, &s->term, s->admin, s->other, DC_ROLE_STAFF, "髙橋 美咲", NULL), 0);
}

static void trust(side_t *from, side_t *to)
{
    char id[DC_TERMINAL_ID_MAX], key[DC_TERMINAL_KEY_TEXT_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    assert_int_equal(dc_desk_terminal_key(from->st, id, pk), DC_E_OK);
    dc_terminal_key_text(pk, key);
    assert_int_equal(dc_desk_terminal_trust(to->st, key, from->term.terminal, id), DC_E_OK);
}

static int count_type(dc_store_t *st, dc_evtype_t t)
{
    int64_t n = dc_fx_count(st);
    int k = 0;
    dc_event_t ev;
    for (int64_t s = 1; s <= n; s++)
        k += dc_store_event_get(st, s, &ev) == DC_E_OK && ev.type == t;
    return k;
}

static void verify_clean(dc_store_t *st)
{
    dc_verify_t rep;
    assert_int_equal(dc_store_verify(st, &rep), DC_E_OK);
}

static void test_two_terminals(void **state)
{
    (void)state;
    side_t a, b;
    side_open(&a, "本庁舎 窓口");
    side_open(&b, "北出張所 窓口");
    trust(&a, &b);
    trust(&b, &a);

    /* At A: three items out in one transport, carried by a's staff. */
    char items[3][DC_CODE_MAX];
    int64_t seqs[DC_RECEIPT_ITEMS_MAX];
    int failed;
    dc_event_t ev;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(dc_desk_new_code(a.st, DC_CODE_ITEM, items[i]), DC_E_OK);
        dc_event_init(&ev, DC_EV_REGISTER);
        memcpy(ev.actor, a.staff, DC_CODE_MAX);
        ev.kind = DC_KIND_PAPER;
        dc_copy(ev.title, sizeof ev.title, "申請書綴");
        dc_copy(ev.place, sizeof ev.place, "書庫A");
        assert_int_equal(dc_desk_record(a.st, &a.term, &ev, (const char(*)[DC_CODE_MAX])items[i], 1,
                                        seqs, &failed),
                         DC_E_OK);
    }
    dc_event_init(&ev, DC_EV_TRANSPORT);
    memcpy(ev.actor, a.staff, DC_CODE_MAX);
    dc_copy(ev.to_place, sizeof ev.to_place, "北出張所");
    assert_int_equal(
        dc_desk_record(a.st, &a.term, &ev, (const char(*)[DC_CODE_MAX])items, 3, seqs, &failed),
        DC_E_OK);
    int64_t transport_last = seqs[2];
    char sent[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(dc_desk_receipt_payload(a.st, seqs[0], sent, sizeof sent), DC_E_OK);
    dc_receipt_payload_t p;
    assert_int_equal(dc_receipt_decode(sent, strlen(sent), &p), DC_E_OK);
    assert_int_equal(p.version, 3);
    assert_int_equal(p.nitems, 3);
    /* At A itself the receipt is good as ever. */
    dc_receipt_check_t chk;
    assert_int_equal(dc_desk_receipt_verify(a.st, sent, &chk), DC_E_RECEIPT_GOOD);

    /* At B: the carrier is refused (and that is logged), the receiver reads the receipt. */
    dc_arrival_t arr;
    int64_t before = dc_fx_count(b.st);
    assert_int_equal(dc_desk_arrival_begin(b.st, &b.term, a.staff, sent, &arr),
                     DC_E_R_SELF_RECEIVE);
    assert_int_equal(dc_fx_count(b.st), before + 1);
    assert_int_equal(dc_desk_arrival_begin(b.st, &b.term, b.other, sent, &arr), DC_E_OK);
    assert_true(arr.remote);
    assert_int_equal(arr.receipt.nitems, 3);

    /* Each label against the receipt: one of B's own and an unlisted code are refused. */
    dc_item_t it;
    assert_int_equal(dc_desk_arrival_item(b.st, &arr, items[1], &it), DC_E_OK);
    assert_string_equal(it.code, items[1]);
    char stranger[DC_CODE_MAX];
    assert_int_equal(dc_desk_new_code(b.st, DC_CODE_ITEM, stranger), DC_E_OK);
    assert_int_equal(dc_desk_arrival_item(b.st, &arr, stranger, &it), DC_E_R_NOT_ON_RECEIPT);

    /* Through the cart, as the kiosk does: two of the three arrive. */
    dc_flow_t *fl = calloc(1, sizeof *fl);
    assert_non_null(fl);
    dc_flow_begin(fl, DC_EV_RECEIVE, b.other);
    fl->arrival = arr;
    const dc_item_t *added;
    assert_int_equal(dc_flow_scan(b.st, fl, items[0], strlen(items[0]), &added), DC_E_OK);
    assert_int_equal(dc_flow_scan(b.st, fl, stranger, strlen(stranger), &added),
                     DC_E_R_NOT_ON_RECEIPT);
    assert_int_equal(dc_flow_scan(b.st, fl, items[2], strlen(items[2]), &added), DC_E_OK);
    assert_int_equal(dc_flow_scan(b.st, fl, items[2], strlen(items[2]), &added),
                     DC_E_R_DUPLICATE_ITEM);
    assert_int_equal(dc_flow_check(b.st, fl, &failed), DC_E_OK);
    int64_t first;
    assert_int_equal(dc_flow_commit(b.st, &b.term, fl, &first, &failed), DC_E_OK);
    assert_int_equal(dc_store_event_get(b.st, first, &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_ARRIVAL);
    assert_string_equal(ev.item, items[0]);
    assert_string_equal(ev.actor, b.other);
    assert_int_equal(ev.link_seq, transport_last);
    assert_string_equal(ev.from_place, arr.receipt.terminal_id);
    assert_string_equal(ev.detail, sent);
    assert_int_equal(count_type(b.st, DC_EV_ARRIVAL), 2);
    assert_int_equal(dc_store_item_get(b.st, items[0], &it), DC_E_NOT_FOUND); /* not B's own */
    /* Recorded once: the same item again is refused. */
    assert_int_equal(dc_desk_arrival_item(b.st, &arr, items[0], &it), DC_E_R_ALREADY_ARRIVED);
    free(fl);

    /* B's arrival receipt: B's signature, the transport it answers, items 1 and 3. */
    char back[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(dc_desk_receipt_payload(b.st, first, back, sizeof back), DC_E_OK);
    assert_int_equal(dc_receipt_decode(back, strlen(back), &p), DC_E_OK);
    assert_true(p.answers);
    assert_int_equal(p.answers_seq, transport_last);
    assert_int_equal(p.received, 0x5);
    assert_string_equal(p.receiver, b.other);
    assert_string_equal(p.receiver_name, "髙橋 美咲");
    dc_bitmap_t *bm = NULL;
    assert_int_equal(dc_desk_render_receipt(b.st, &b.term, first, false, 384, &bm), DC_E_OK);
    dc_bitmap_destroy(bm);

    /* At A: the arrival receipt closes those two; the carrier may bring it back. A's transport
     * receipt is no arrival receipt, and B's receipt is not for B to close. */
    dc_arrival_close_t *c = calloc(1, sizeof *c);
    assert_non_null(c);
    assert_int_equal(dc_desk_arrival_close_read(a.st, sent, c), DC_E_RECEIPT_GOOD);
    assert_int_equal(dc_desk_arrival_close_read(b.st, back, c), DC_E_RECEIPT_GOOD);
    assert_int_equal(dc_desk_arrival_close_read(a.st, back, c), DC_E_OK);
    assert_int_equal(c->n, 2);
    assert_string_equal(c->codes[0], items[0]);
    assert_string_equal(c->codes[1], items[2]);
    assert_string_equal(c->terminal_name, b.term.terminal);
    assert_non_null(strstr(c->recipient, "髙橋 美咲"));
    assert_non_null(strstr(c->recipient, b.other));
    /* As the kiosk fills its cart: no other label joins the items the receipt closes. */
    dc_flow_t *fa = calloc(1, sizeof *fa);
    assert_non_null(fa);
    dc_flow_begin(fa, DC_EV_RECEIVE, a.other);
    dc_desk_arrival_close_form(c, &fa->form);
    assert_int_equal(dc_flow_scan(a.st, fa, items[1], strlen(items[1]), &added),
                     DC_E_R_NOT_ON_RECEIPT);
    free(fa);
    assert_int_equal(dc_desk_arrival_close(a.st, &a.term, a.staff, c, seqs, &failed), DC_E_OK);
    assert_int_equal(dc_store_event_get(a.st, seqs[0], &ev), DC_E_OK);
    assert_int_equal(ev.type, DC_EV_RECEIVE);
    assert_string_equal(ev.from_place, c->terminal_id);
    assert_string_equal(ev.to_place, b.term.terminal);
    assert_int_equal(dc_store_item_get(a.st, items[0], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_IN);
    assert_int_equal(dc_store_item_get(a.st, items[1], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_TRANSIT);
    assert_int_equal(dc_store_item_get(a.st, items[2], &it), DC_E_OK);
    assert_int_equal(it.state, DC_STATE_IN);
    /* Scanned again: nothing left to close. */
    assert_int_equal(dc_desk_arrival_close_read(a.st, back, c), DC_E_R_ARRIVAL_CLOSED);
    free(c);

    verify_clean(a.st);
    verify_clean(b.st);
    dc_fx_ledger_close(a.st, a.dir);
    dc_fx_ledger_close(b.st, b.dir);
}

/* An arrival receipt of another terminal's transport is refused at a third terminal. */
static void test_elsewhere(void **state)
{
    (void)state;
    side_t a, b, c;
    side_open(&a, "A");
    side_open(&b, "B");
    side_open(&c, "C");
    trust(&a, &b);
    trust(&b, &c);
    char item[DC_CODE_MAX];
    int64_t seqs[2];
    int failed;
    dc_event_t ev;
    assert_int_equal(dc_desk_new_code(a.st, DC_CODE_ITEM, item), DC_E_OK);
    dc_event_init(&ev, DC_EV_REGISTER);
    memcpy(ev.actor, a.staff, DC_CODE_MAX);
    dc_copy(ev.title, sizeof ev.title, "CD");
    ev.kind = DC_KIND_CD;
    ev.category = DC_CAT_MEDIA;
    assert_int_equal(
        dc_desk_record(a.st, &a.term, &ev, (const char(*)[DC_CODE_MAX])item, 1, seqs, &failed),
        DC_E_OK);
    dc_event_init(&ev, DC_EV_TRANSPORT);
    memcpy(ev.actor, a.staff, DC_CODE_MAX);
    dc_copy(ev.to_place, sizeof ev.to_place, "B");
    assert_int_equal(
        dc_desk_record(a.st, &a.term, &ev, (const char(*)[DC_CODE_MAX])item, 1, seqs, &failed),
        DC_E_OK);
    char sent[DC_RECEIPT_TEXT_CAP + 1], back[DC_RECEIPT_TEXT_CAP + 1];
    assert_int_equal(dc_desk_receipt_payload(a.st, seqs[0], sent, sizeof sent), DC_E_OK);
    /* The sender is refused at B as the carrier is. */
    dc_arrival_t arr;
    assert_int_equal(dc_desk_arrival_begin(b.st, &b.term, a.staff, sent, &arr),
                     DC_E_R_SELF_RECEIVE);
    assert_int_equal(dc_desk_arrival_begin(c.st, &c.term, c.staff, sent, &arr),
                     DC_E_RECEIPT_UNKNOWN_TERMINAL);
    assert_int_equal(dc_desk_arrival_begin(b.st, &b.term, b.staff, sent, &arr), DC_E_OK);
    char codes[1][DC_CODE_MAX];
    memcpy(codes[0], item, DC_CODE_MAX);
    assert_int_equal(
        dc_desk_arrival_commit(b.st, &b.term, &arr, b.staff, NULL, codes, 1, seqs, &failed),
        DC_E_OK);
    assert_int_equal(dc_desk_receipt_payload(b.st, seqs[0], back, sizeof back), DC_E_OK);
    dc_arrival_close_t *cl = calloc(1, sizeof *cl);
    assert_non_null(cl);
    assert_int_equal(dc_desk_arrival_close_read(c.st, back, cl), DC_E_R_ARRIVAL_ELSEWHERE);
    free(cl);
    verify_clean(b.st);
    dc_fx_ledger_close(a.st, a.dir);
    dc_fx_ledger_close(b.st, b.dir);
    dc_fx_ledger_close(c.st, c.dir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transport_round_trip), cmocka_unit_test(test_arrival_round_trip),
        cmocka_unit_test(test_versions_and_fields),  cmocka_unit_test(test_rules),
        cmocka_unit_test(test_two_terminals),        cmocka_unit_test(test_elsewhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
