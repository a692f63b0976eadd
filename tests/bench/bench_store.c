/* bench_store: the ledger's timings in process, for tests/bench/run. Each command prints
 * "name value" lines (milliseconds unless the name says otherwise), and each figure comes with
 * the baseline it is compared with, measured in the same run:
 *
 *   append N     durable appends (one record, one transaction, one fsync each), interleaved with
 *                a raw write+fsync of the same number of bytes in the same directory
 *   open N       open the ledger as the kiosk does (key, database, settings)
 *   verify       full verification, and raw SHA-256 over the same canonical bytes
 *   month MONTH  a bare scan of the month, the month's ledger (names and titles looked up), and
 *                the monthly check without (and, with "full", with) its full verification
 *   render       a receipt and a label with their QR, and the QR alone
 *   proof        an inclusion plus a consistency proof to the head, made from the stored tree and
 *                verified, at events spread over the ledger (their hashes and time); a version 3
 *                receipt of a record near event 1,000 and one near the head checked with them; and
 *                a version 1 receipt near the head checked the old way, by walking the chain
 */
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "desk/check.h"
#include "desk/receipt.h"
#include "print/qr.h"
#include "store/store.h"
#include "store/tree.h"
#include "store/internal.h" /* the connection, to time verify's page checks apart */

typedef struct {
    double *v;
    int n, cap;
} samples_t;

static void add(samples_t *s, double x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        double *v = realloc(s->v, (size_t)s->cap * sizeof *v);
        if (!v)
            abort();
        s->v = v;
    }
    s->v[s->n++] = x;
}

/* The q-quantile (0.5 median, 0.99 p99) by the nearest rank. */
static double quantile(samples_t *s, double q)
{
    if (!s->n)
        return 0;
    qsort(s->v, (size_t)s->n, sizeof *s->v, dc_bench_cmp_double);
    int i = (int)(q * s->n + 0.999999) - 1;
    return s->v[i < 0 ? 0 : i >= s->n ? s->n - 1 : i];
}

static void report(const char *name, samples_t *s)
{
    printf("%s_p50 %.4f\n%s_p99 %.4f\n", name, quantile(s, 0.5), name, quantile(s, 0.99));
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* The machine is shared: next to the wall clock, the CPU time of this thread, which other
 * people's builds do not stretch (SQLite runs in the calling thread). */
typedef struct {
    double wall, cpu;
} stamp_t;

static stamp_t stamp(void)
{
    return (stamp_t){dc_bench_now_ms(), dc_bench_cpu_ms()};
}

typedef struct {
    samples_t wall, cpu;
} timing_t;

static void timing_add(timing_t *t, stamp_t a, stamp_t b)
{
    add(&t->wall, b.wall - a.wall);
    add(&t->cpu, b.cpu - a.cpu);
}

static void timing_report(const char *name, timing_t *t)
{
    char cpu[64];
    snprintf(cpu, sizeof cpu, "%s_cpu", name);
    report(name, &t->wall);
    report(cpu, &t->cpu);
}

static int die(const char *what, dc_err_t e)
{
    fprintf(stderr, "bench_store: %s: %s\n", what, dc_err_name(e));
    return 1;
}

/* The monthly check's full verification is skipped when this is set (-Wl,--wrap). */
static bool skip_verify;
dc_err_t __real_dc_store_verify(dc_store_t *st, dc_verify_t *rep);
dc_err_t __wrap_dc_store_verify(dc_store_t *st, dc_verify_t *rep);
dc_err_t __wrap_dc_store_verify(dc_store_t *st, dc_verify_t *rep)
{
    if (!skip_verify)
        return __real_dc_store_verify(st, rep);
    memset(rep, 0, sizeof *rep);
    return DC_E_OK;
}

/* ---- append ---- */

typedef struct {
    char staff[64][DC_CODE_MAX], managers[16][DC_CODE_MAX], items[64][DC_CODE_MAX];
    int nstaff, nmanagers, nitems;
} cast_t;

static int cast_staff(const dc_staff_t *sf, void *ctx)
{
    cast_t *c = ctx;
    if (sf->released[0] || sf->role == DC_ROLE_ADMIN)
        return 0;
    if (sf->role == DC_ROLE_MANAGER && c->nmanagers < 16)
        memcpy(c->managers[c->nmanagers++], sf->badge, DC_CODE_MAX);
    else if (sf->role == DC_ROLE_STAFF && c->nstaff < 64)
        memcpy(c->staff[c->nstaff++], sf->badge, DC_CODE_MAX);
    return 0;
}

static int cast_item(const dc_item_t *it, void *ctx)
{
    cast_t *c = ctx;
    memcpy(c->items[c->nitems++], it->code, DC_CODE_MAX);
    return c->nitems == 64;
}

/* A take-out (even i) or the return of it (odd i): a record at the counter. */
static dc_err_t append_one(dc_store_t *st, const dc_term_t *term, const cast_t *c, int i,
                           int64_t ts, int64_t *out_seq)
{
    dc_event_t ev;
    int k = i / 2;
    dc_event_init(&ev, i % 2 ? DC_EV_RETURN : DC_EV_TAKE_OUT);
    ev.ts_ms = ts;
    ev.tz_min = term->tz_min;
    ev.channel = DC_CHANNEL_KIOSK;
    memcpy(ev.terminal, term->terminal, sizeof ev.terminal);
    memcpy(ev.actor, c->staff[k % c->nstaff], DC_CODE_MAX);
    memcpy(ev.second, c->managers[k % c->nmanagers], DC_CODE_MAX);
    memcpy(ev.item, c->items[k % c->nitems], DC_CODE_MAX);
    if (i % 2) {
        ev.link_seq = *out_seq;
    } else {
        dc_copy(ev.purpose, sizeof ev.purpose, "会議資料として使用");
        dc_copy(ev.to_place, sizeof ev.to_place, "本庁舎 3階会議室");
        dc_event_local_date(ts + 86400000, term->tz_min, ev.due);
    }
    int failed;
    dc_err_t e = dc_store_append(st, &ev, 1, &failed);
    if (!e && !(i % 2))
        *out_seq = ev.seq;
    return e;
}

static int cmd_append(dc_store_t *st, const dc_term_t *term, const char *db, int n)
{
    static cast_t c;
    dc_err_t e;
    if ((e = dc_store_staff_each(st, cast_staff, &c)) ||
        (e = dc_store_items_each(st, DC_STATE_IN, cast_item, &c)))
        return die("roster", e);
    if (!c.nstaff || !c.nmanagers || c.nitems < 2)
        return die("the ledger needs staff, managers and items", DC_E_NOT_FOUND);
    int64_t count, out_seq = 0;
    uint8_t head[DC_HASH_LEN];
    dc_event_t last;
    if ((e = dc_store_head(st, &count, head)) || (e = dc_store_event_get(st, count, &last)))
        return die("head", e);
    int64_t ts = last.ts_ms;
    /* Warm up, and learn how many bytes one durable append writes. */
    enum { WARM = 40 };
    long long w0 = dc_bench_written_bytes();
    for (int i = 0; i < WARM; i++) {
        if ((e = append_one(st, term, &c, i, ts += 60000, &out_seq)))
            return die("append", e);
    }
    long long bytes = (dc_bench_written_bytes() - w0) / WARM;
    if (bytes < 512)
        bytes = 512;

    char path[4200];
    snprintf(path, sizeof path, "%s.fsync-bench", db);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return die(path, DC_E_IO);
    /* A file the size of a WAL between checkpoints (1000 pages), written in place as SQLite
     * reuses its WAL. */
    const off_t span = 1000 * 4096;
    char *buf = calloc(1, (size_t)span);
    if (!buf || pwrite(fd, buf, (size_t)span, 0) != (ssize_t)span || fsync(fd) != 0)
        return die("fsync file", DC_E_IO);
    randombytes_buf(buf, (size_t)span);
    samples_t app = {0}, raw = {0};
    off_t off = 0;
    for (int i = WARM; i < WARM + n; i++) {
        double t0 = dc_bench_now_ms();
        if ((e = append_one(st, term, &c, i, ts += 60000, &out_seq)))
            return die("append", e);
        double t1 = dc_bench_now_ms();
        if (off + bytes > span)
            off = 0;
        if (pwrite(fd, buf + off, (size_t)bytes, off) != (ssize_t)bytes || fsync(fd) != 0)
            return die("write+fsync", DC_E_IO);
        off += bytes;
        double t2 = dc_bench_now_ms();
        add(&app, t1 - t0);
        add(&raw, t2 - t1);
    }
    close(fd);
    unlink(path);
    free(buf);
    printf("append_bytes %lld\n", bytes);
    report("append", &app);
    report("fsync", &raw);
    return 0;
}

/* ---- open ---- */

static int cmd_open(const char *db, const char *key, int n)
{
    timing_t s = {0};
    for (int i = 0; i < n; i++) {
        stamp_t t0 = stamp();
        dc_store_t *st;
        dc_term_t term;
        dc_err_t e = dc_desk_open(db, key, DC_CHANNEL_KIOSK, &st, &term);
        char v[32];
        if (!e && (e = dc_store_meta_get(st, "idle_seconds", v, sizeof v)) == DC_E_NOT_FOUND)
            e = DC_E_OK;
        dc_store_close(st);
        if (e)
            return die("open", e);
        timing_add(&s, t0, stamp());
    }
    timing_report("open", &s);
    return 0;
}

/* ---- verify ---- */

typedef struct {
    uint8_t *buf;
    size_t len, cap;
    size_t *ends; /* where each event's bytes end */
    int n, max;
    double hash_ms, hash_cpu_ms;
    int64_t events;
} sha_t;

static void sha_flush(sha_t *h)
{
    uint8_t out[DC_HASH_LEN];
    stamp_t t0 = stamp();
    size_t start = 0;
    for (int i = 0; i < h->n; i++) {
        crypto_hash_sha256(out, h->buf + start, h->ends[i] - start);
        start = h->ends[i];
    }
    stamp_t t1 = stamp();
    h->hash_ms += t1.wall - t0.wall;
    h->hash_cpu_ms += t1.cpu - t0.cpu;
    h->len = 0;
    h->n = 0;
}

/* Collect what the chain hashes for each event: the domain, the previous link, the canonical
 * bytes. */
static int sha_event(const dc_event_t *ev, void *ctx)
{
    static const char domain[] = "daicho/event/v1";
    sha_t *h = ctx;
    dc_value_t v[DC_EVENT_NFIELDS];
    dc_event_values(ev, v);
    size_t need = sizeof domain + DC_HASH_LEN + dc_canon_encode(v, NULL, 0);
    if (h->n == h->max || h->len + need > h->cap)
        sha_flush(h);
    uint8_t *p = h->buf + h->len;
    memcpy(p, domain, sizeof domain);
    memcpy(p + sizeof domain, ev->prev_hash, DC_HASH_LEN);
    dc_canon_encode(v, p + sizeof domain + DC_HASH_LEN, need - sizeof domain - DC_HASH_LEN);
    h->len += need;
    h->ends[h->n++] = h->len;
    h->events++;
    return 0;
}

/* The time of one statement run to the end. */
static double pragma_ms(dc_store_t *st, const char *sql)
{
    double t0 = dc_bench_now_ms();
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW)
            ;
        sqlite3_finalize(s);
    }
    return dc_bench_now_ms() - t0;
}

static int cmd_verify(dc_store_t *st)
{
    dc_verify_t rep;
    stamp_t t0 = stamp();
    dc_err_t e = dc_store_verify(st, &rep);
    stamp_t t1 = stamp();
    if (e)
        return die(rep.what, e);
    sha_t h = {.cap = 64u << 20, .max = 1 << 18};
    h.buf = malloc(h.cap);
    h.ends = malloc((size_t)h.max * sizeof *h.ends);
    if (!h.buf || !h.ends)
        return die("sha", DC_E_NOMEM);
    e = dc_store_events_between(st, INT64_MIN, INT64_MAX, sha_event, &h);
    sha_flush(&h);
    free(h.buf);
    free(h.ends);
    if (e)
        return die("read", e);
    printf("verify_events %lld\nverify_ms %.1f\nverify_cpu_ms %.1f\n", (long long)rep.events,
           t1.wall - t0.wall, t1.cpu - t0.cpu);
    printf("sha_events %lld\nsha_ms %.1f\nsha_cpu_ms %.1f\n", (long long)h.events, h.hash_ms,
           h.hash_cpu_ms);
    /* The page checks alone, in the page cache verify runs in (SQLite's default). */
    printf("hmac_ms %.1f\n", pragma_ms(st, "PRAGMA cipher_integrity_check"));
    printf("quick_ms %.1f\n", pragma_ms(st, "PRAGMA quick_check"));
    return 0;
}

/* ---- month ---- */

typedef struct {
    dc_store_t *st;
    int64_t rows;
    size_t bytes;
} ledger_t;

static int count_row(const dc_event_t *ev, void *ctx)
{
    (void)ev;
    ((ledger_t *)ctx)->rows++;
    return 0;
}

static void name_of(dc_store_t *st, const char *badge, char *out, size_t cap)
{
    dc_staff_t sf;
    snprintf(out, cap, "%s", badge[0] && dc_store_staff_get(st, badge, &sf) == 0 ? sf.name : badge);
}

/* What 'daicho-admin ledger --month' does for a row: names, the title, one line of text. */
static int ledger_row(const dc_event_t *ev, void *ctx)
{
    ledger_t *l = ctx;
    char date[DC_DATE_MAX], time[6], actor[DC_SHORT_MAX], second[DC_SHORT_MAX], line[1024];
    dc_item_t it = {0};
    dc_event_local_date(ev->ts_ms, ev->tz_min, date);
    dc_event_local_time(ev->ts_ms, ev->tz_min, time);
    name_of(l->st, ev->actor, actor, sizeof actor);
    name_of(l->st, ev->second, second, sizeof second);
    if (ev->item[0] && dc_store_item_get(l->st, ev->item, &it) != DC_E_OK)
        it.title[0] = '\0';
    int n = snprintf(line, sizeof line, "%lld,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", (long long)ev->seq,
                     date, time, dc_evtype_label(ev->type, DC_LANG_JA), ev->item, it.title, actor,
                     second, ev->purpose, ev->to_place);
    l->bytes += (size_t)n;
    l->rows++;
    return 0;
}

static int cmd_month(dc_store_t *st, const dc_term_t *term, const char *month, bool full)
{
    int64_t from, to;
    dc_err_t e = dc_desk_month_range(month, term->tz_min, &from, &to);
    if (e)
        return die("month", e);
    timing_t scan = {0}, ledger = {0}, check = {0};
    ledger_t l = {st, 0, 0};
    for (int i = 0; i < 7; i++) {
        stamp_t t0 = stamp();
        l.rows = 0;
        if ((e = dc_store_events_between(st, from, to, count_row, &l)))
            return die("scan", e);
        stamp_t t1 = stamp();
        l.rows = 0;
        if ((e = dc_store_events_between(st, from, to, ledger_row, &l)))
            return die("ledger", e);
        stamp_t t2 = stamp();
        dc_check_t *c = NULL;
        skip_verify = true;
        e = dc_check_month(st, term, month, &c);
        skip_verify = false;
        dc_check_free(c);
        if (e)
            return die("check", e);
        timing_add(&scan, t0, t1);
        timing_add(&ledger, t1, t2);
        timing_add(&check, t2, stamp());
    }
    printf("month_events %lld\n", (long long)l.rows);
    timing_report("scan", &scan);
    timing_report("ledger", &ledger);
    timing_report("check", &check);
    if (full) {
        stamp_t t0 = stamp();
        dc_check_t *c = NULL;
        e = dc_check_month(st, term, month, &c);
        dc_check_free(c);
        if (e)
            return die("check", e);
        stamp_t t1 = stamp();
        printf("check_full_ms %.1f\ncheck_full_cpu_ms %.1f\n", t1.wall - t0.wall, t1.cpu - t0.cpu);
    }
    return 0;
}

/* ---- render ---- */

typedef struct {
    int64_t seq;
    char item[DC_CODE_MAX];
} find_t;

static int find_take_out(const dc_event_t *ev, void *ctx)
{
    find_t *f = ctx;
    if (ev->type != DC_EV_TAKE_OUT)
        return 0;
    f->seq = ev->seq;
    memcpy(f->item, ev->item, DC_CODE_MAX);
    return 1;
}

static int cmd_render(dc_store_t *st, const dc_term_t *term, const char *month)
{
    int64_t from, to;
    find_t f = {0};
    dc_err_t e = dc_desk_month_range(month, term->tz_min, &from, &to);
    if (!e)
        e = dc_store_events_between(st, from, to, find_take_out, &f);
    if (e || !f.seq)
        return die("no take-out in the month", e ? e : DC_E_NOT_FOUND);
    /* As long as a receipt's payload: "DR" and 102 bytes in base32. */
    char payload[200] = "DR";
    for (int i = 2; i < 166; i++)
        payload[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[(i * 7) % 32];
    payload[166] = '\0';
    timing_t receipt = {0}, label = {0}, qr = {0};
    for (int i = 0; i < 41; i++) {
        dc_bitmap_t *b = NULL;
        dc_qr_t *q = NULL;
        stamp_t t0 = stamp();
        if ((e = dc_desk_render_receipt(st, term, f.seq, false, 384, &b)))
            return die("receipt", e);
        dc_bitmap_destroy(b);
        stamp_t t1 = stamp();
        if ((e = dc_desk_render_label(st, f.item, DC_PAPER_62X29, &b)))
            return die("label", e);
        dc_bitmap_destroy(b);
        stamp_t t2 = stamp();
        int module;
        if ((e = dc_qr_create(payload, DC_QR_ECC_M, &q)) || (e = dc_qr_fit(q, 384, 6, &module)) ||
            (e = dc_bitmap_create(384, dc_qr_size(q, module), DC_RECEIPT_DPI, &b)))
            return die("qr", e);
        dc_qr_draw(q, b, 0, 0, module);
        dc_bitmap_destroy(b);
        dc_qr_destroy(q);
        stamp_t t3 = stamp();
        if (i) { /* the first one loads the font */
            timing_add(&receipt, t0, t1);
            timing_add(&label, t1, t2);
            timing_add(&qr, t2, t3);
        }
    }
    timing_report("receipt", &receipt);
    timing_report("label", &label);
    timing_report("qr", &qr);
    return 0;
}

/* ---- proofs ---- */

/* The first event from event from on whose record has a receipt this terminal can print. */
static int64_t receipt_near(dc_store_t *st, int64_t from, int64_t n, char *payload, size_t cap)
{
    dc_event_t ev;
    for (int64_t s = from; s <= n; s++) {
        if (dc_store_event_get(st, s, &ev) == DC_E_OK && ev.group_seq == ev.seq &&
            dc_desk_receipt_payload(st, s, payload, cap) == DC_E_OK)
            return s;
    }
    return 0;
}

static double receipt_ms(dc_store_t *st, const char *payload, int reps, int *hashes)
{
    timing_t t = {0};
    dc_receipt_check_t c;
    for (int i = 0; i < reps; i++) {
        stamp_t a = stamp();
        dc_err_t e = dc_desk_receipt_verify(st, payload, &c);
        stamp_t b = stamp();
        if (e != DC_E_RECEIPT_GOOD) {
            die("receipt", e);
            exit(1);
        }
        timing_add(&t, a, b);
    }
    *hashes = c.proof_hashes;
    double x = quantile(&t.cpu, 0.5);
    free(t.wall.v);
    free(t.cpu.v);
    return x;
}

static int cmd_proof(dc_store_t *st)
{
    int64_t n;
    uint8_t head[DC_HASH_LEN], now[DC_HASH_LEN], then[DC_HASH_LEN], leaf[DC_HASH_LEN];
    dc_err_t e = dc_store_head(st, &n, head);
    if (!e)
        e = dc_store_tree_root(st, n, now);
    if (e)
        return die("head", e);
    timing_t t = {0};
    long hashes = 0, count = 0;
    dc_hash_t proof[DC_MERKLE_PROOF_MAX];
    for (int i = 0; i < 400; i++) {
        int64_t seq = 1 + (int64_t)((uint64_t)i * 2654435761u % (uint64_t)n);
        stamp_t a = stamp();
        int len, len2;
        e = dc_store_tree_leaf(st, seq, leaf);
        if (!e)
            e = dc_store_tree_inclusion(st, seq, n, proof, &len);
        bool ok = !e && dc_merkle_verify_inclusion((uint64_t)seq - 1, (uint64_t)n, leaf, proof, len,
                                                   now, DC_HASH_LEN);
        if (ok && !(e = dc_store_tree_root(st, seq, then)) &&
            !(e = dc_store_tree_consistency(st, seq, n, proof, &len2)))
            ok = dc_merkle_verify_consistency((uint64_t)seq, (uint64_t)n, then, now, proof, len2);
        stamp_t b = stamp();
        if (e || !ok)
            return die("proof", e ? e : DC_E_VERIFY_FAILED);
        timing_add(&t, a, b);
        hashes += len + len2;
        count++;
    }
    printf("proof_events %lld\nproof_hashes %.1f\n", (long long)n, (double)hashes / (double)count);
    timing_report("proof", &t);

    char early[DC_RECEIPT_TEXT_CAP + 1], late[DC_RECEIPT_TEXT_CAP + 1];
    int64_t e_seq = receipt_near(st, n < 2000 ? 1 : 1000, n, early, sizeof early);
    int64_t l_seq = receipt_near(st, n > 2000 ? n - 1000 : 1, n, late, sizeof late);
    if (!e_seq || !l_seq)
        return die("no record to print a receipt of", DC_E_NOT_FOUND);
    int h1, h2, h0;
    printf("receipt3_early_seq %lld\nreceipt3_early_cpu_p50 %.4f\n", (long long)e_seq,
           receipt_ms(st, early, 101, &h1));
    printf("receipt3_early_hashes %d\n", h1);
    printf("receipt3_late_seq %lld\nreceipt3_late_cpu_p50 %.4f\n", (long long)l_seq,
           receipt_ms(st, late, 101, &h2));
    /* The same late event signed as a build before the tree did: version 1, the chain link. */
    char id[DC_TERMINAL_ID_MAX], v1[DC_RECEIPT_TEXT_MAX];
    uint8_t pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
    dc_event_t ev;
    dc_receipt_payload_t p;
    if ((e = dc_receipt_decode(late, strlen(late), &p)) ||
        (e = dc_store_event_get(st, p.seq, &ev)) ||
        (e = dc_store_terminal_key_get(st, id, pk, sk)) ||
        (e = dc_receipt_sign(&ev, ev.seq, ev.hash, pk, sk, v1)))
        return die("v1 receipt", e);
    sodium_memzero(sk, sizeof sk);
    printf("receipt1_late_cpu_p50 %.4f\n", receipt_ms(st, v1, 3, &h0));
    return 0;
}

static int count_arg(const char *s, int dflt)
{
    long n = strtol(s, NULL, 10);
    return n > 0 && n < 1000000 ? (int)n : dflt;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_store DB KEY append N | open N | verify | month YYYY-MM "
                        "[full] | render YYYY-MM | proof\n");
        return 2;
    }
    const char *db = argv[1], *key = argv[2], *cmd = argv[3], *arg = argc > 4 ? argv[4] : "";
    if (strcmp(cmd, "open") == 0)
        return cmd_open(db, key, count_arg(arg, 20));
    dc_store_t *st;
    dc_term_t term;
    dc_err_t e = dc_desk_open(db, key, DC_CHANNEL_KIOSK, &st, &term);
    if (e)
        return die(db, e);
    int rc = 2;
    if (strcmp(cmd, "append") == 0)
        rc = cmd_append(st, &term, db, count_arg(arg, 200));
    else if (strcmp(cmd, "verify") == 0)
        rc = cmd_verify(st);
    else if (strcmp(cmd, "month") == 0)
        rc = cmd_month(st, &term, arg, argc > 5 && strcmp(argv[5], "full") == 0);
    else if (strcmp(cmd, "render") == 0)
        rc = cmd_render(st, &term, arg);
    else if (strcmp(cmd, "proof") == 0)
        rc = cmd_proof(st);
    dc_store_close(st);
    dc_desk_print_shutdown();
    return rc;
}
