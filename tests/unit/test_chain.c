/* The canonical encoding, the hash chain, stored values, text and date checks, local time
 * (core/canon.h, core/event.h, core/model.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/canon.h"
#include "core/event.h"
#include "core/model.h"

#define N_CHAIN 100
#define TS_BASE INT64_C(1791162000000) /* 2026-10-05 10:00 JST */

static void set(char *dst, size_t cap, const char *src)
{
    assert_true(dc_copy(dst, cap, src));
}

#define SET(field, value) set(field, sizeof field, value)

/* An event of type t with every field filled, distinct for each salt. */
static void fill_event(dc_event_t *ev, dc_evtype_t t, int salt)
{
    char buf[64];
    dc_event_init(ev, t);
    ev->seq = 1000 + salt;
    ev->group_seq = 1000 + salt - salt % 3;
    ev->ts_ms = TS_BASE + (int64_t)salt * 61001;
    ev->tz_min = salt % 2 ? 540 : -300;
    snprintf(ev->terminal, sizeof ev->terminal, "窓口端末-%d", salt);
    ev->channel = salt % 2 ? DC_CHANNEL_CLI : DC_CHANNEL_KIOSK;
    snprintf(ev->actor, sizeof ev->actor, "DB-A%07d-1", salt);
    snprintf(ev->second, sizeof ev->second, "DB-S%07d-2", salt);
    snprintf(ev->item, sizeof ev->item, "DI-I%07d-3", salt);
    snprintf(ev->subject, sizeof ev->subject, "DB-J%07d-4", salt);
    ev->link_seq = 500 + salt;
    snprintf(ev->purpose, sizeof ev->purpose, "監査 %d", salt);
    snprintf(ev->from_place, sizeof ev->from_place, "本館 書庫%d", salt);
    snprintf(ev->to_place, sizeof ev->to_place, "別館 %d階", salt);
    SET(ev->due, "2026-10-06");
    ev->method = DC_METHOD_PURGE;
    snprintf(ev->technique, sizeof ev->technique, "消磁装置 #%d", salt);
    snprintf(ev->certificate, sizeof ev->certificate, "CERT-%d", salt);
    ev->masked = true;
    ev->quantity = 3 + salt;
    snprintf(ev->carrier, sizeof ev->carrier, "DB-C%07d-5", salt);
    ev->locked_bag = true;
    snprintf(ev->recipient, sizeof ev->recipient, "受取 髙橋 %d", salt);
    snprintf(ev->dest_item, sizeof ev->dest_item, "DI-D%07d-6", salt);
    ev->kind = DC_KIND_HDD;
    ev->category = DC_CAT_MEDIA;
    snprintf(ev->title, sizeof ev->title, "𠮷野家 契約書 第%d号", salt);
    snprintf(ev->place, sizeof ev->place, "書庫 %d", salt);
    snprintf(ev->section, sizeof ev->section, "税務課 %d", salt);
    ev->personal = true;
    ev->my_number = true;
    snprintf(ev->notes, sizeof ev->notes, "備考 﨑 %d", salt);
    snprintf(ev->name, sizeof ev->name, "山﨑 花子 %d", salt);
    snprintf(ev->kana, sizeof ev->kana, "ヤマザキ ハナコ %d", salt);
    ev->role = DC_ROLE_MANAGER;
    SET(ev->designated, "2026-04-01");
    snprintf(buf, sizeof buf, "detail %d", salt);
    SET(ev->detail, buf);
}

static bool values_equal(const dc_value_t *a, const dc_value_t *b)
{
    if (a->is_int != b->is_int)
        return false;
    return a->is_int ? a->i == b->i : strcmp(a->s, b->s) == 0;
}

static void assert_all_values_equal(const dc_value_t a[DC_EVENT_NFIELDS],
                                    const dc_value_t b[DC_EVENT_NFIELDS])
{
    for (int f = 0; f < DC_EVENT_NFIELDS; f++) {
        if (!values_equal(&a[f], &b[f]))
            print_error("field %d (%s) differs\n", f, dc_event_columns[f]);
        assert_true(values_equal(&a[f], &b[f]));
    }
}

/* The canonical bytes as canon.h describes them, written independently of canon.c. */
static size_t ref_encode(const dc_value_t v[DC_EVENT_NFIELDS], uint8_t *out)
{
    size_t n = 0;
    for (int f = 0; f < DC_EVENT_NFIELDS; f++) {
        out[n++] = (uint8_t)f;
        if (v[f].is_int) {
            out[n++] = 'I';
            uint64_t x = (uint64_t)v[f].i;
            for (int k = 7; k >= 0; k--)
                out[n++] = (uint8_t)(x >> (8 * k));
        } else {
            out[n++] = 'T';
            size_t len = strlen(v[f].s);
            for (int k = 3; k >= 0; k--)
                out[n++] = (uint8_t)(len >> (8 * k));
            memcpy(out + n, v[f].s, len);
            n += len;
        }
    }
    return n;
}

static void ref_hash(const uint8_t prev[DC_HASH_LEN], const dc_value_t v[DC_EVENT_NFIELDS],
                     uint8_t out[DC_HASH_LEN])
{
    static uint8_t buf[16 + DC_HASH_LEN + 16384];
    static const char domain[] = "daicho/event/v1";
    memcpy(buf, domain, sizeof domain); /* with its NUL */
    memcpy(buf + sizeof domain, prev, DC_HASH_LEN);
    size_t n = sizeof domain + DC_HASH_LEN;
    n += ref_encode(v, buf + n);
    crypto_hash_sha256(out, buf, n);
}

static void test_values_round_trip(void **state)
{
    (void)state;
    for (int t = 0; t < DC_EV__COUNT; t++) {
        dc_event_t a, b;
        fill_event(&a, (dc_evtype_t)t, t + 1);
        dc_value_t va[DC_EVENT_NFIELDS], vb[DC_EVENT_NFIELDS];
        dc_event_values(&a, va);

        /* Each value has the kind the field table says, and points into the event. */
        static const bool is_int[DC_EVENT_NFIELDS] = {
#define DC_X(col, i) i,
            DC_EVENT_FIELDS(DC_X)
#undef DC_X
        };
        for (int f = 0; f < DC_EVENT_NFIELDS; f++) {
            assert_int_equal(va[f].is_int, is_int[f]);
            if (!is_int[f])
                assert_non_null(va[f].s);
        }
        assert_string_equal(va[DC_F_type].s, dc_evtype_name((dc_evtype_t)t));
        assert_ptr_equal(va[DC_F_title].s, a.title);

        memset(&b, 0x5a, sizeof b);
        assert_int_equal(dc_event_from_values(va, &b), DC_E_OK);
        dc_event_values(&b, vb);
        assert_all_values_equal(va, vb);

        /* Field by field on the structs. */
        assert_int_equal(b.seq, a.seq);
        assert_int_equal(b.group_seq, a.group_seq);
        assert_int_equal(b.type, a.type);
        assert_int_equal(b.ts_ms, a.ts_ms);
        assert_int_equal(b.tz_min, a.tz_min);
        assert_int_equal(b.channel, a.channel);
        assert_int_equal(b.link_seq, a.link_seq);
        assert_int_equal(b.quantity, a.quantity);
        assert_int_equal(b.masked, a.masked);
        assert_int_equal(b.locked_bag, a.locked_bag);
        assert_int_equal(b.personal, a.personal);
        assert_int_equal(b.my_number, a.my_number);
        const char *const ta[] = {
            a.terminal,   a.actor,     a.second,     a.item,      a.subject,     a.purpose,
            a.from_place, a.to_place,  a.due,        a.technique, a.certificate, a.carrier,
            a.recipient,  a.dest_item, a.title,      a.place,     a.section,     a.notes,
            a.name,       a.kana,      a.designated, a.detail};
        const char *const tb[] = {
            b.terminal,   b.actor,     b.second,     b.item,      b.subject,     b.purpose,
            b.from_place, b.to_place,  b.due,        b.technique, b.certificate, b.carrier,
            b.recipient,  b.dest_item, b.title,      b.place,     b.section,     b.notes,
            b.name,       b.kana,      b.designated, b.detail};
        for (size_t k = 0; k < sizeof ta / sizeof ta[0]; k++)
            assert_string_equal(tb[k], ta[k]);
        /* Enumerations travel only with the events they belong to. */
        assert_int_equal(b.kind, t == DC_EV_REGISTER ? a.kind : 0);
        assert_int_equal(b.category, t == DC_EV_REGISTER ? a.category : 0);
        assert_int_equal(b.method, t == DC_EV_DISPOSE ? a.method : 0);
        assert_int_equal(b.role, t == DC_EV_ENROLL ? a.role : 0);
        assert_string_equal(va[DC_F_kind].s, t == DC_EV_REGISTER ? "hdd" : "");
        assert_string_equal(va[DC_F_category].s, t == DC_EV_REGISTER ? "media" : "");
        assert_string_equal(va[DC_F_method].s, t == DC_EV_DISPOSE ? "purge" : "");
        assert_string_equal(va[DC_F_role].s, t == DC_EV_ENROLL ? "manager" : "");

        /* And so the same bytes and the same link. */
        uint8_t ea[16384], eb[16384];
        size_t na = dc_canon_encode(va, ea, sizeof ea);
        assert_int_equal(dc_canon_encode(vb, eb, sizeof eb), na);
        assert_memory_equal(ea, eb, na);
        uint8_t prev[DC_HASH_LEN] = {1, 2, 3}, ha[DC_HASH_LEN], hb[DC_HASH_LEN];
        dc_chain_hash(prev, va, ha);
        dc_chain_hash(prev, vb, hb);
        assert_memory_equal(ha, hb, DC_HASH_LEN);
    }
}

/* Every role, kind, category, method and channel survives the trip by name. */
static void test_enum_names_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < DC_KIND__COUNT; k++) {
        for (int c = 0; c < DC_CAT__COUNT; c++) {
            dc_event_t a, b;
            fill_event(&a, DC_EV_REGISTER, k * 10 + c);
            a.kind = (dc_kind_t)k;
            a.category = (dc_category_t)c;
            dc_value_t v[DC_EVENT_NFIELDS];
            dc_event_values(&a, v);
            assert_int_equal(dc_event_from_values(v, &b), DC_E_OK);
            assert_int_equal(b.kind, k);
            assert_int_equal(b.category, c);
        }
    }
    for (int r = 0; r < DC_ROLE__COUNT; r++) {
        dc_event_t a, b;
        fill_event(&a, DC_EV_ENROLL, r);
        a.role = (dc_role_t)r;
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(&a, v);
        assert_int_equal(dc_event_from_values(v, &b), DC_E_OK);
        assert_int_equal(b.role, r);
    }
    for (int m = DC_METHOD_CLEAR; m < DC_METHOD__COUNT; m++) {
        for (int ch = 0; ch < DC_CHANNEL__COUNT; ch++) {
            dc_event_t a, b;
            fill_event(&a, DC_EV_DISPOSE, m);
            a.method = (dc_method_t)m;
            a.channel = (dc_channel_t)ch;
            dc_value_t v[DC_EVENT_NFIELDS];
            dc_event_values(&a, v);
            assert_int_equal(dc_event_from_values(v, &b), DC_E_OK);
            assert_int_equal(b.method, m);
            assert_int_equal(b.channel, ch);
        }
    }
}

static void test_encode_layout(void **state)
{
    (void)state;
    for (int t = 0; t < DC_EV__COUNT; t++) {
        dc_event_t ev;
        fill_event(&ev, (dc_evtype_t)t, 7 * t);
        ev.seq = -2; /* negative integers are two's complement big-endian */
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(&ev, v);
        static uint8_t ref[16384], got[16384], again[16384];
        size_t n = ref_encode(v, ref);
        assert_int_equal(dc_canon_encode(v, got, sizeof got), n);
        assert_memory_equal(got, ref, n);
        assert_int_equal(dc_canon_encode(v, again, sizeof again), n);
        assert_memory_equal(again, got, n);
        assert_int_equal(dc_canon_encode(v, NULL, 0), n);
        /* The first field: index 0, 'I', 8 bytes of -2. */
        static const uint8_t seq_head[] = {0,    'I',  0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xfe, 1,    'I'};
        assert_memory_equal(got, seq_head, sizeof seq_head);

        uint8_t h[DC_HASH_LEN], want[DC_HASH_LEN];
        uint8_t prev[DC_HASH_LEN];
        for (int i = 0; i < DC_HASH_LEN; i++)
            prev[i] = (uint8_t)(0xa0 + i);
        dc_chain_hash(prev, v, h);
        ref_hash(prev, v, want);
        assert_memory_equal(h, want, DC_HASH_LEN);
    }
}

/* A cap below the length still reports the full length and writes only cap bytes. */
static void test_encode_cap(void **state)
{
    (void)state;
    enum { GUARD = 64 };
    dc_event_t ev;
    fill_event(&ev, DC_EV_REGISTER, 5);
    dc_value_t v[DC_EVENT_NFIELDS];
    dc_event_values(&ev, v);
    size_t full = dc_canon_encode(v, NULL, 0);
    assert_true(full > 100);
    uint8_t *whole = malloc(full);
    assert_non_null(whole);
    assert_int_equal(dc_canon_encode(v, whole, full), full);

    const size_t caps[] = {0, 1, 2, 3, 9, 10, 11, 12, 13, 100, full / 2, full - 1, full, full + 1};
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        size_t cap = caps[c];
        uint8_t *buf = malloc(full + GUARD);
        assert_non_null(buf);
        memset(buf, 0xa5, full + GUARD);
        assert_int_equal(dc_canon_encode(v, buf, cap), full);
        size_t written = cap < full ? cap : full;
        assert_memory_equal(buf, whole, written);
        for (size_t i = written; i < full + GUARD; i++) {
            if (buf[i] != 0xa5)
                print_error("cap %zu: byte %zu written\n", cap, i);
            assert_int_equal(buf[i], 0xa5);
        }
        free(buf);

        /* An exact-size heap buffer: ASan reports any byte past cap. */
        if (cap > 0 && cap < full) {
            uint8_t *tight = malloc(cap);
            assert_non_null(tight);
            assert_int_equal(dc_canon_encode(v, tight, cap), full);
            assert_memory_equal(tight, whole, cap);
            free(tight);
        }
    }
    free(whole);
}

/* Up to 5 variants of field f of base in out (text in bufs); returns how many. */
static int variants(const dc_value_t *base, int f, dc_value_t out[5], char bufs[5][DC_LONG_MAX + 2])
{
    int n = 0;
    if (base[f].is_int) {
        int64_t i = base[f].i;
        out[n++] = (dc_value_t){true, (int64_t)((uint64_t)i + 1), NULL};
        out[n++] = (dc_value_t){true, (int64_t)((uint64_t)i - 1), NULL};
        out[n++] = (dc_value_t){true, (int64_t)((uint64_t)i ^ (UINT64_C(1) << 63)), NULL};
        out[n++] = (dc_value_t){false, 0, ""}; /* same field as an empty text */
        return n;
    }
    size_t len = strlen(base[f].s);
    assert_true(len <= DC_LONG_MAX);
    memcpy(bufs[n], base[f].s, len + 1);
    bufs[n][len] = 'x'; /* one byte appended */
    bufs[n][len + 1] = '\0';
    out[n] = (dc_value_t){false, 0, bufs[n]};
    n++;
    if (len > 0) {
        memcpy(bufs[n], base[f].s, len + 1);
        bufs[n][len - 1] ^= 0x01; /* last byte changed */
        out[n] = (dc_value_t){false, 0, bufs[n]};
        n++;
        memcpy(bufs[n], base[f].s, len + 1);
        bufs[n][0] ^= 0x20; /* first byte changed */
        out[n] = (dc_value_t){false, 0, bufs[n]};
        n++;
        memcpy(bufs[n], base[f].s, len + 1);
        bufs[n][len - 1] = '\0'; /* last byte dropped */
        out[n] = (dc_value_t){false, 0, bufs[n]};
        n++;
    }
    out[n++] = (dc_value_t){true, 0, NULL}; /* same field as the integer 0 */
    return n;
}

/* Changing any one field in any way changes the link, and so does changing the previous link;
 * every variant gives a different link from every other. */
static void test_hash_sees_every_field(void **state)
{
    (void)state;
    enum { MAX_HASHES = 1 + DC_EVENT_NFIELDS * 5 + DC_HASH_LEN * 8 };
    static uint8_t hashes[MAX_HASHES][DC_HASH_LEN];
    static char bufs[5][DC_LONG_MAX + 2];
    for (int t = 0; t < DC_EV__COUNT; t++) {
        dc_event_t ev;
        fill_event(&ev, (dc_evtype_t)t, 11 * t + 1);
        dc_value_t base[DC_EVENT_NFIELDS];
        dc_event_values(&ev, base);
        uint8_t prev[DC_HASH_LEN];
        for (int i = 0; i < DC_HASH_LEN; i++)
            prev[i] = (uint8_t)(i * 7 + t);
        int n = 0;
        dc_chain_hash(prev, base, hashes[n++]);
        for (int f = 0; f < DC_EVENT_NFIELDS; f++) {
            dc_value_t var[5];
            int nv = variants(base, f, var, bufs);
            assert_true(nv >= 2);
            for (int k = 0; k < nv; k++) {
                dc_value_t v[DC_EVENT_NFIELDS];
                memcpy(v, base, sizeof v);
                v[f] = var[k];
                dc_chain_hash(prev, v, hashes[n++]);
            }
        }
        for (int i = 0; i < DC_HASH_LEN; i++) {
            for (int bit = 0; bit < 8; bit++) {
                uint8_t p2[DC_HASH_LEN];
                memcpy(p2, prev, sizeof p2);
                p2[i] ^= (uint8_t)(1u << bit);
                dc_chain_hash(p2, base, hashes[n++]);
            }
        }
        assert_true(n <= MAX_HASHES);
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (memcmp(hashes[a], hashes[b], DC_HASH_LEN) == 0)
                    print_error("type %d: variants %d and %d collide\n", t, a, b);
                assert_memory_not_equal(hashes[a], hashes[b], DC_HASH_LEN);
            }
        }
        /* The link is a function of prev and values only: the same inputs, the same link. */
        uint8_t again[DC_HASH_LEN];
        dc_chain_hash(prev, base, again);
        assert_memory_equal(again, hashes[0], DC_HASH_LEN);
    }
}

/* Moving bytes across the boundary between two text fields, or between a text and an empty
 * text, always changes the link (the lengths are encoded). */
static void test_no_boundary_ambiguity(void **state)
{
    (void)state;
    static const char *const splits[][2] = {
        {"abc", ""}, {"ab", "c"}, {"a", "bc"}, {"", "abc"}, {"", ""}, {"abc", "abc"},
    };
    enum { NS = sizeof splits / sizeof splits[0] };
    dc_event_t ev;
    fill_event(&ev, DC_EV_REGISTER, 3);
    dc_value_t base[DC_EVENT_NFIELDS];
    dc_event_values(&ev, base);
    uint8_t prev[DC_HASH_LEN] = {0};
    int pairs = 0;
    for (int f = 0; f < DC_EVENT_NFIELDS; f++) {
        for (int g = f + 1; g < DC_EVENT_NFIELDS; g++) {
            if (base[f].is_int || base[g].is_int)
                continue;
            uint8_t h[NS][DC_HASH_LEN];
            for (int s = 0; s < NS; s++) {
                dc_value_t v[DC_EVENT_NFIELDS];
                memcpy(v, base, sizeof v);
                v[f].s = splits[s][0];
                v[g].s = splits[s][1];
                dc_chain_hash(prev, v, h[s]);
            }
            for (int a = 0; a < NS; a++) {
                for (int b = a + 1; b < NS; b++)
                    assert_memory_not_equal(h[a], h[b], DC_HASH_LEN);
            }
            pairs++;
        }
    }
    assert_int_equal(pairs, 28 * 27 / 2);

    /* The encodings differ in length too: "ab"+"c" is not "a"+"bc" byte for byte. */
    dc_value_t v1[DC_EVENT_NFIELDS], v2[DC_EVENT_NFIELDS];
    memcpy(v1, base, sizeof v1);
    memcpy(v2, base, sizeof v2);
    v1[DC_F_purpose].s = "ab";
    v1[DC_F_from_place].s = "c";
    v2[DC_F_purpose].s = "a";
    v2[DC_F_from_place].s = "bc";
    static uint8_t e1[16384], e2[16384];
    size_t n1 = dc_canon_encode(v1, e1, sizeof e1);
    assert_int_equal(dc_canon_encode(v2, e2, sizeof e2), n1);
    assert_memory_not_equal(e1, e2, n1);
}

typedef struct {
    dc_event_t ev[N_CHAIN];
    uint8_t hash[N_CHAIN][DC_HASH_LEN];
} chain_t;

static void chain_link(const chain_t *c, int k, uint8_t out[DC_HASH_LEN])
{
    static const uint8_t zero[DC_HASH_LEN];
    dc_value_t v[DC_EVENT_NFIELDS];
    dc_event_values(&c->ev[k], v);
    dc_chain_hash(k ? c->hash[k - 1] : zero, v, out);
}

static void chain_build(chain_t *c)
{
    for (int k = 0; k < N_CHAIN; k++) {
        fill_event(&c->ev[k], (dc_evtype_t)(k % DC_EV__COUNT), k);
        c->ev[k].seq = k + 1;
        c->ev[k].group_seq = k + 1;
        chain_link(c, k, c->hash[k]);
    }
}

/* The first event whose stored link does not match the recomputed one, or -1. */
static int chain_first_bad(const chain_t *c)
{
    for (int k = 0; k < N_CHAIN; k++) {
        uint8_t h[DC_HASH_LEN];
        chain_link(c, k, h);
        if (memcmp(h, c->hash[k], DC_HASH_LEN) != 0)
            return k;
    }
    return -1;
}

static int chain_setup(void **state)
{
    chain_t *c = malloc(sizeof *c);
    if (!c)
        return -1;
    chain_build(c);
    *state = c;
    return 0;
}

static int chain_teardown(void **state)
{
    free(*state);
    return 0;
}

static void test_chain_verifies(void **state)
{
    chain_t *c = *state;
    assert_int_equal(chain_first_bad(c), -1);
    /* Every link differs from every other. */
    for (int a = 0; a < N_CHAIN; a++) {
        for (int b = a + 1; b < N_CHAIN; b++)
            assert_memory_not_equal(c->hash[a], c->hash[b], DC_HASH_LEN);
    }
}

static void test_chain_change_found(void **state)
{
    chain_t *c = *state;
    static const int at[] = {0, 1, 2, 41, 50, 98, 99};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        int k = at[i];
        dc_event_t keep = c->ev[k];
        /* a one-byte change in a text, an integer, a flag, the time */
        for (int how = 0; how < 4; how++) {
            switch (how) {
            case 0:
                c->ev[k].actor[4] ^= 0x01;
                break;
            case 1:
                c->ev[k].quantity++;
                break;
            case 2:
                c->ev[k].masked = !c->ev[k].masked;
                break;
            default:
                c->ev[k].ts_ms += 1;
                break;
            }
            assert_int_equal(chain_first_bad(c), k);
            c->ev[k] = keep;
            assert_int_equal(chain_first_bad(c), -1);
        }

        /* Rewriting the changed event's link moves the break to the next event. */
        uint8_t stored[DC_HASH_LEN];
        memcpy(stored, c->hash[k], DC_HASH_LEN);
        SET(c->ev[k].purpose, "改ざん");
        chain_link(c, k, c->hash[k]);
        assert_int_equal(chain_first_bad(c), k + 1 < N_CHAIN ? k + 1 : -1);
        c->ev[k] = keep;
        memcpy(c->hash[k], stored, DC_HASH_LEN);
        assert_int_equal(chain_first_bad(c), -1);
    }
}

static void test_chain_reorder_found(void **state)
{
    chain_t *c = *state;
    /* Swapping two events' sequence numbers. */
    int64_t s = c->ev[10].seq;
    c->ev[10].seq = c->ev[20].seq;
    c->ev[20].seq = s;
    assert_int_equal(chain_first_bad(c), 10);
    c->ev[20].seq = c->ev[10].seq;
    c->ev[10].seq = s;
    assert_int_equal(chain_first_bad(c), -1);

    /* Swapping two neighbouring rows with their links. */
    static dc_event_t tmp;
    uint8_t th[DC_HASH_LEN];
    tmp = c->ev[30];
    c->ev[30] = c->ev[31];
    c->ev[31] = tmp;
    memcpy(th, c->hash[30], DC_HASH_LEN);
    memcpy(c->hash[30], c->hash[31], DC_HASH_LEN);
    memcpy(c->hash[31], th, DC_HASH_LEN);
    assert_int_equal(chain_first_bad(c), 30);

    /* Even with every link rewritten, the sequence numbers give the swap away. */
    for (int k = 0; k < N_CHAIN; k++)
        chain_link(c, k, c->hash[k]);
    assert_int_equal(chain_first_bad(c), -1);
    assert_int_equal(c->ev[30].seq, 32);
    assert_int_equal(c->ev[31].seq, 31);

    /* Deleting a row (the rest shift up). */
    chain_build(c);
    for (int k = 60; k + 1 < N_CHAIN; k++) {
        c->ev[k] = c->ev[k + 1];
        memcpy(c->hash[k], c->hash[k + 1], DC_HASH_LEN);
    }
    assert_int_equal(chain_first_bad(c), 60);
    chain_build(c);
}

/* Recomputing from a changed event changes every later link and no earlier one. */
static void test_chain_propagates(void **state)
{
    chain_t *c = *state;
    static uint8_t orig[N_CHAIN][DC_HASH_LEN];
    memcpy(orig, c->hash, sizeof orig);
    c->ev[37].detail[0] ^= 0x01;
    for (int k = 37; k < N_CHAIN; k++)
        chain_link(c, k, c->hash[k]);
    for (int k = 0; k < N_CHAIN; k++) {
        if (k < 37)
            assert_memory_equal(c->hash[k], orig[k], DC_HASH_LEN);
        else
            assert_memory_not_equal(c->hash[k], orig[k], DC_HASH_LEN);
    }
    chain_build(c);
}

/* Text fields and their capacities (NUL included). The other text values are enumeration
 * names. */
#define FIELD_CAP(col) sizeof(((dc_event_t *)0)->col)
static const struct {
    int field;
    size_t cap;
} text_caps[] = {
    {DC_F_terminal, FIELD_CAP(terminal)},
    {DC_F_actor, FIELD_CAP(actor)},
    {DC_F_second, FIELD_CAP(second)},
    {DC_F_item, FIELD_CAP(item)},
    {DC_F_subject, FIELD_CAP(subject)},
    {DC_F_purpose, FIELD_CAP(purpose)},
    {DC_F_from_place, FIELD_CAP(from_place)},
    {DC_F_to_place, FIELD_CAP(to_place)},
    {DC_F_due, FIELD_CAP(due)},
    {DC_F_technique, FIELD_CAP(technique)},
    {DC_F_certificate, FIELD_CAP(certificate)},
    {DC_F_carrier, FIELD_CAP(carrier)},
    {DC_F_recipient, FIELD_CAP(recipient)},
    {DC_F_dest_item, FIELD_CAP(dest_item)},
    {DC_F_title, FIELD_CAP(title)},
    {DC_F_place, FIELD_CAP(place)},
    {DC_F_section, FIELD_CAP(section)},
    {DC_F_notes, FIELD_CAP(notes)},
    {DC_F_name, FIELD_CAP(name)},
    {DC_F_kana, FIELD_CAP(kana)},
    {DC_F_designated, FIELD_CAP(designated)},
    {DC_F_detail, FIELD_CAP(detail)},
};
#undef FIELD_CAP

static void test_from_values_text_length(void **state)
{
    (void)state;
    enum { NT = sizeof text_caps / sizeof text_caps[0] };
    assert_int_equal(NT + 6, 28); /* + type channel method kind category role */
    static char text[DC_LONG_MAX + 8];
    for (int t = 0; t < DC_EV__COUNT; t++) {
        dc_event_t ev, out;
        fill_event(&ev, (dc_evtype_t)t, t);
        dc_value_t base[DC_EVENT_NFIELDS];
        dc_event_values(&ev, base);
        for (int i = 0; i < NT; i++) {
            int f = text_caps[i].field;
            size_t cap = text_caps[i].cap;
            assert_false(base[f].is_int);
            dc_value_t v[DC_EVENT_NFIELDS];
            memcpy(v, base, sizeof v);
            v[f].s = text;

            /* The longest that fits: copied whole. */
            memset(text, 'a', cap - 1);
            text[cap - 1] = '\0';
            assert_int_equal(dc_event_from_values(v, &out), DC_E_OK);
            dc_value_t back[DC_EVENT_NFIELDS];
            dc_event_values(&out, back);
            assert_string_equal(back[f].s, text);

            /* One byte more: refused. */
            memset(text, 'a', cap);
            text[cap] = '\0';
            assert_int_equal(dc_event_from_values(v, &out), DC_E_VERIFY_FAILED);
            memset(text, 'a', cap + 5);
            text[cap + 5] = '\0';
            assert_int_equal(dc_event_from_values(v, &out), DC_E_VERIFY_FAILED);

            /* A missing text: refused. */
            v[f].s = NULL;
            assert_int_equal(dc_event_from_values(v, &out), DC_E_VERIFY_FAILED);
        }
    }
}

static void test_from_values_refusals(void **state)
{
    (void)state;
    enum { TXT, INT };
    static const struct {
        dc_evtype_t type;
        int field;
        int kind;
        const char *s;
        int64_t i;
        dc_err_t want;
    } rows[] = {
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "take_out", 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "TAKE-OUT", 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "take-out ", 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "transfer", 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "", 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "?", 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, NULL, 0, DC_E_VERIFY_FAILED},
        {DC_EV_TAKE_OUT, DC_F_type, TXT, "return", 0, DC_E_OK},
        {DC_EV_LOGIN, DC_F_channel, TXT, "web", 0, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_channel, TXT, "", 0, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_channel, TXT, "KIOSK", 0, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_channel, TXT, "cli", 0, DC_E_OK},
        {DC_EV_REGISTER, DC_F_kind, TXT, "floppy", 0, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_kind, TXT, "", 0, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_kind, TXT, "Paper", 0, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_kind, TXT, "paper", 0, DC_E_OK},
        {DC_EV_REGISTER, DC_F_category, TXT, "cloud", 0, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_category, TXT, "", 0, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_category, TXT, "software", 0, DC_E_OK},
        {DC_EV_DISPOSE, DC_F_method, TXT, "shred", 0, DC_E_VERIFY_FAILED},
        {DC_EV_DISPOSE, DC_F_method, TXT, "", 0, DC_E_VERIFY_FAILED},
        {DC_EV_DISPOSE, DC_F_method, TXT, "Destroy", 0, DC_E_VERIFY_FAILED},
        {DC_EV_DISPOSE, DC_F_method, TXT, "destroy", 0, DC_E_OK},
        {DC_EV_ENROLL, DC_F_role, TXT, "root", 0, DC_E_VERIFY_FAILED},
        {DC_EV_ENROLL, DC_F_role, TXT, "", 0, DC_E_VERIFY_FAILED},
        {DC_EV_ENROLL, DC_F_role, TXT, "admin", 0, DC_E_OK},
        {DC_EV_COPY, DC_F_masked, INT, NULL, 2, DC_E_VERIFY_FAILED},
        {DC_EV_COPY, DC_F_masked, INT, NULL, -1, DC_E_VERIFY_FAILED},
        {DC_EV_COPY, DC_F_masked, INT, NULL, 0, DC_E_OK},
        {DC_EV_TRANSPORT, DC_F_locked_bag, INT, NULL, 2, DC_E_VERIFY_FAILED},
        {DC_EV_TRANSPORT, DC_F_locked_bag, INT, NULL, INT64_MIN, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_personal, INT, NULL, 2, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_personal, INT, NULL, 256, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_my_number, INT, NULL, -1, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_my_number, INT, NULL, INT64_MAX, DC_E_VERIFY_FAILED},
        {DC_EV_REGISTER, DC_F_my_number, INT, NULL, 0, DC_E_OK},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, 1441, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, -1441, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, INT64_C(4294967296) + 540, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, INT64_MIN, DC_E_VERIFY_FAILED},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, 1440, DC_E_OK},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, -1440, DC_E_OK},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, 0, DC_E_OK},
        {DC_EV_LOGIN, DC_F_tz_min, INT, NULL, 345, DC_E_OK},
        {DC_EV_LOGIN, DC_F_seq, INT, NULL, INT64_MAX, DC_E_OK},
        {DC_EV_LOGIN, DC_F_ts_ms, INT, NULL, INT64_MIN, DC_E_OK},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        dc_event_t ev, out;
        fill_event(&ev, rows[r].type, (int)r);
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(&ev, v);
        if (rows[r].kind == TXT) {
            assert_false(v[rows[r].field].is_int);
            v[rows[r].field].s = rows[r].s;
        } else {
            assert_true(v[rows[r].field].is_int);
            v[rows[r].field].i = rows[r].i;
        }
        dc_err_t e = dc_event_from_values(v, &out);
        if (e != rows[r].want)
            print_error("row %zu (%s): got %s\n", r, dc_event_columns[rows[r].field],
                        dc_err_name(e));
        assert_int_equal(e, rows[r].want);
        if (e == DC_E_OK && rows[r].kind == INT && rows[r].field == DC_F_tz_min)
            assert_int_equal(out.tz_min, rows[r].i);
        if (e == DC_E_OK) {
            /* What was accepted is exactly what comes back out. */
            dc_value_t back[DC_EVENT_NFIELDS];
            dc_event_values(&out, back);
            assert_all_values_equal(v, back);
        }
    }
}

/* event.h: "DC_E_VERIFY_FAILED when a value cannot have been written by dc_event_values". An
 * enumeration name on an event it does not belong to cannot have been (see the report). */
static void test_from_values_foreign_enum(void **state)
{
    (void)state;
    static const struct {
        dc_evtype_t type;
        int field;
        const char *s;
    } rows[] = {
        {DC_EV_TAKE_OUT, DC_F_kind, "paper"},
        {DC_EV_TAKE_OUT, DC_F_category, "media"},
        {DC_EV_LOGIN, DC_F_role, "admin"},
        {DC_EV_RETURN, DC_F_method, "destroy"},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        dc_event_t ev, out;
        fill_event(&ev, rows[r].type, 1);
        dc_value_t v[DC_EVENT_NFIELDS];
        dc_event_values(&ev, v);
        v[rows[r].field].s = rows[r].s;
        assert_int_equal(dc_event_from_values(v, &out), DC_E_VERIFY_FAILED);
    }
}

/* Heap copy of exactly strlen+1 bytes, so ASan reports any read past the terminator. */
static bool text_ok_exact(const char *s, size_t cap)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    assert_non_null(copy);
    memcpy(copy, s, n);
    bool ok = dc_text_ok(copy, cap);
    free(copy);
    return ok;
}

static void test_text_ok(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t cap;
        bool want;
    } rows[] = {
        {"", 1, true},
        {"", 0, false},
        {"abc", 4, true},
        {"abc", 3, false},
        {"台帳", 7, true}, /* 6 bytes */
        {"台帳", 6, false},
        {"髙橋", 7, true},    /* U+9AD9 */
        {"山﨑", 7, true},    /* U+FA11 */
        {"𠮷野家", 11, true}, /* U+20BB7: 4 bytes */
        {"𠮷", 5, true},
        {"𠮷", 4, false},
        {"ｶﾅ カナ かな 仮名 ①②", 128, true},
        {"\xc2\xa0", 3, true},         /* U+00A0 no-break space */
        {"\xed\x9f\xbf", 4, true},     /* U+D7FF */
        {"\xee\x80\x80", 4, true},     /* U+E000 */
        {"\xf4\x8f\xbf\xbf", 5, true}, /* U+10FFFF */
        {"\xf0\x90\x80\x80", 5, true}, /* U+10000 */
        {"a\tb", 8, false},
        {"a\nb", 8, false},
        {"a\rb", 8, false},
        {"\x1b[2J", 8, false},
        {"\x01", 8, false},
        {"\x1f", 8, false},
        {"del\x7f", 8, false},
        {"\xc2\x80", 8, false}, /* C1 controls */
        {"\xc2\x85", 8, false},
        {"\xc2\x9f", 8, false},
        {"\xc0\xaf", 8, false}, /* overlong "/" */
        {"\xc1\xbf", 8, false},
        {"\xe0\x80\xaf", 8, false},
        {"\xe0\x9f\xbf", 8, false}, /* overlong U+07FF */
        {"\xf0\x80\x80\xaf", 8, false},
        {"\xf0\x8f\xbf\xbf", 8, false}, /* overlong U+FFFF */
        {"\xed\xa0\x80", 8, false},     /* surrogates */
        {"\xed\xaf\xbf\xed\xb0\x80", 8, false},
        {"\xed\xbf\xbf", 8, false},
        {"\xf4\x90\x80\x80", 8, false}, /* above U+10FFFF */
        {"\xf5\x80\x80\x80", 8, false},
        {"\xf8\x88\x80\x80\x80", 8, false},
        {"\xfe", 8, false},
        {"\xff", 8, false},
        {"\x80", 8, false}, /* lone continuation */
        {"a\xbf", 8, false},
        {"\xe9\xab", 8, false}, /* truncated 髙 */
        {"\xe9", 8, false},
        {"\xf0\xa0\xae", 8, false}, /* truncated 𠮷 */
        {"\xf0\xa0", 8, false},
        {"\xe9\xab"
         "a",
         8, false},
        {"\xe9\xab\x99\x99", 8, false}, /* extra continuation */
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        bool got = text_ok_exact(rows[r].s, rows[r].cap);
        if (got != rows[r].want)
            print_error("text row %zu\n", r);
        assert_int_equal(got, rows[r].want);
    }

    /* Exactly at every field capacity, counting bytes not characters. */
    static char buf[DC_LONG_MAX + 4];
    const size_t caps[] = {DC_CODE_MAX, DC_SHORT_MAX, DC_LONG_MAX, DC_DATE_MAX};
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        memset(buf, 'x', caps[c] - 1);
        buf[caps[c] - 1] = '\0';
        assert_true(text_ok_exact(buf, caps[c]));
        buf[caps[c] - 1] = 'x';
        buf[caps[c]] = '\0';
        assert_false(text_ok_exact(buf, caps[c]));
    }
    /* 42 × 3-byte 髙 = 126 bytes fits 128; 43 = 129 does not. */
    buf[0] = '\0';
    for (int i = 0; i < 43; i++) {
        size_t n = strlen(buf);
        memcpy(buf + n, "髙", sizeof "髙");
        assert_int_equal(text_ok_exact(buf, DC_SHORT_MAX), n + 3 < DC_SHORT_MAX);
    }
}

static void test_date_ok(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool want;
    } rows[] = {
        {"2024-02-29", true},
        {"2026-02-29", false},
        {"2026-02-28", true},
        {"2000-02-29", true},
        {"1900-02-29", false},
        {"2100-02-29", false},
        {"2400-02-29", true},
        {"2028-02-29", true},
        {"2024-02-30", false},
        {"2026-13-01", false},
        {"2026-00-10", false},
        {"2026-01-00", false},
        {"2026-01-31", true},
        {"2026-01-32", false},
        {"2026-04-30", true},
        {"2026-04-31", false},
        {"2026-06-31", false},
        {"2026-09-31", false},
        {"2026-11-31", false},
        {"2026-12-31", true},
        {"2026-10-05", true},
        {"1900-01-01", true},
        {"1899-12-31", false},
        {"9999-12-31", true},
        {"0000-01-01", false},
        {"2026/10/05", false},
        {"2026.10.05", false},
        {"2026_10_05", false},
        {"2026-10/05", false},
        {"20261005", false},
        {"2026-1-05", false},
        {"2026-10-5", false},
        {"26-10-05", false},
        {"2026-10-05 ", false},
        {" 2026-10-05", false},
        {"2026-10-05\n", false},
        {"2026-10-0a", false},
        {"2026-1a-05", false},
        {"2o26-10-05", false},
        {"+026-10-05", false},
        {"2026--10-05", false},
        {"", false},
        {"2026-10-05T00:00", false},
        {"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-10-05", false}, /* full-width */
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        if (dc_date_ok(rows[r].s) != rows[r].want)
            print_error("date row %zu: %s\n", r, rows[r].s);
        assert_int_equal(dc_date_ok(rows[r].s), rows[r].want);
    }
    assert_false(dc_date_ok(NULL));
}

static void test_local_date_time(void **state)
{
    (void)state;
    static const struct {
        int64_t ts;
        int32_t tz;
        const char *date, *time;
    } rows[] = {
        {0, 0, "1970-01-01", "00:00"},
        {0, 540, "1970-01-01", "09:00"},
        {0, -300, "1969-12-31", "19:00"},
        {-1, 0, "1969-12-31", "23:59"},
        {-1, 540, "1970-01-01", "08:59"},
        {-1500, 0, "1969-12-31", "23:59"},
        {-32400000, 540, "1970-01-01", "00:00"},
        {-32400001, 540, "1969-12-31", "23:59"},
        {INT64_C(-31536000000), 0, "1969-01-01", "00:00"},
        {INT64_C(-31536000000), 540, "1969-01-01", "09:00"},
        {INT64_C(-2208988800000), 540, "1900-01-01", "09:00"},
        {INT64_C(-2209021200000), 540, "1900-01-01", "00:00"},
        {INT64_C(-11670924600000), 540, "1600-03-01", "05:30"},
        {INT64_C(-62135596800000), 0, "0001-01-01", "00:00"},
        {INT64_C(1791125999999), 540, "2026-10-04", "23:59"},
        {INT64_C(1791126000000), 540, "2026-10-05", "00:00"},
        {INT64_C(1791126000000), 0, "2026-10-04", "15:00"},
        {INT64_C(1791162000000), 540, "2026-10-05", "10:00"},
        {INT64_C(1791162000000), 0, "2026-10-05", "01:00"},
        {INT64_C(1798729140000), 540, "2026-12-31", "23:59"},
        {INT64_C(1798729200000), 540, "2027-01-01", "00:00"},
        {INT64_C(1709132400000), 540, "2024-02-29", "00:00"},
        {INT64_C(951868740000), -720, "2000-02-29", "11:59"},
        {INT64_C(253402268340000), 540, "9999-12-31", "23:59"},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        char date[DC_DATE_MAX], hhmm[6], month[8];
        memset(date, 'X', sizeof date);
        memset(hhmm, 'X', sizeof hhmm);
        memset(month, 'X', sizeof month);
        dc_event_local_date(rows[r].ts, rows[r].tz, date);
        dc_event_local_time(rows[r].ts, rows[r].tz, hhmm);
        dc_event_local_month(rows[r].ts, rows[r].tz, month);
        if (strcmp(date, rows[r].date) != 0 || strcmp(hhmm, rows[r].time) != 0)
            print_error("local row %zu: %s %s\n", r, date, hhmm);
        assert_string_equal(date, rows[r].date);
        assert_string_equal(hhmm, rows[r].time);
        assert_memory_equal(month, rows[r].date, 7);
        assert_int_equal(month[7], '\0');
        assert_true(dc_date_ok(date) || strcmp(rows[r].date, "1900") < 0);
    }

    /* The extremes of the range still give a well-formed date and time (and no UB under UBSan). */
    static const int64_t extremes[] = {INT64_MIN, INT64_MIN + 1, INT64_MAX, INT64_MAX - 999};
    static const int32_t tzs[] = {-1440, 0, 540, 1440};
    for (size_t e = 0; e < sizeof extremes / sizeof extremes[0]; e++) {
        for (size_t z = 0; z < sizeof tzs / sizeof tzs[0]; z++) {
            char date[DC_DATE_MAX], hhmm[6];
            dc_event_local_date(extremes[e], tzs[z], date);
            dc_event_local_time(extremes[e], tzs[z], hhmm);
            assert_int_equal(strlen(date), 10);
            assert_int_equal(date[4], '-');
            assert_int_equal(date[7], '-');
            assert_int_equal(strlen(hhmm), 5);
            assert_int_equal(hhmm[2], ':');
        }
    }

    /* Either side of a JST midnight, after and before 1970. */
    static const int64_t midnights[] = {INT64_C(1791126000000), -INT64_C(32400000),
                                        -INT64_C(118800000)};
    for (size_t m = 0; m < sizeof midnights / sizeof midnights[0]; m++) {
        char d0[DC_DATE_MAX], d1[DC_DATE_MAX], t0[6], t1[6];
        dc_event_local_date(midnights[m] - 1, 540, d0);
        dc_event_local_date(midnights[m], 540, d1);
        dc_event_local_time(midnights[m] - 1, 540, t0);
        dc_event_local_time(midnights[m], 540, t1);
        assert_string_not_equal(d0, d1);
        assert_string_equal(t0, "23:59");
        assert_string_equal(t1, "00:00");
    }
}

static void test_hex(void **state)
{
    (void)state;
    static const uint8_t bytes[] = {0x00, 0x01, 0xab, 0xcd, 0xef, 0xff, 0x10};
    char out[2 * sizeof bytes + 2];
    memset(out, 'X', sizeof out);
    dc_hex(bytes, sizeof bytes, out);
    assert_string_equal(out, "0001abcdefff10");
    assert_int_equal(out[2 * sizeof bytes + 1], 'X');
    dc_hex(bytes, 0, out);
    assert_string_equal(out, "");
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_round_trip),
        cmocka_unit_test(test_enum_names_round_trip),
        cmocka_unit_test(test_encode_layout),
        cmocka_unit_test(test_encode_cap),
        cmocka_unit_test(test_hash_sees_every_field),
        cmocka_unit_test(test_no_boundary_ambiguity),
        cmocka_unit_test_setup_teardown(test_chain_verifies, chain_setup, chain_teardown),
        cmocka_unit_test_setup_teardown(test_chain_change_found, chain_setup, chain_teardown),
        cmocka_unit_test_setup_teardown(test_chain_reorder_found, chain_setup, chain_teardown),
        cmocka_unit_test_setup_teardown(test_chain_propagates, chain_setup, chain_teardown),
        cmocka_unit_test(test_from_values_text_length),
        cmocka_unit_test(test_from_values_refusals),
        cmocka_unit_test(test_from_values_foreign_enum),
        cmocka_unit_test(test_text_ok),
        cmocka_unit_test(test_date_ok),
        cmocka_unit_test(test_local_date_time),
        cmocka_unit_test(test_hex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
