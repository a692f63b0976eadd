/* Power cuts, full disks, I/O errors, tampering and PIN counting, in one process, through the
 * crash VFS (crashvfs.h) and the real store and desk code. Prints the figures and exits 1 when
 * an acknowledged event was lost, a ledger did not open or verify after a cut, or a tampering
 * went unnoticed.
 *
 *   dc_crash [--appends N] [--stride N] [--torn N] [--tamper N] [--seed N]
 *
 * --appends: operations in the series cut at every --stride-th write (and, --torn times per
 * point, with torn writes); --tamper: random tamper cases of each kind. */
#include <errno.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crashvfs.h"
#include "desk/backup.h"
#include "platform/keyfile.h"
#include "desk/receipt.h"
#include "desk/session.h"
#include "platform/clock.h"
#include "print/payload.h"
#include "store/internal.h"

enum { MAX_ACK = 4096, ITEMS = 64 };

typedef struct {
    long cuts, survived, acked, lost, corrupt;
    long faults, fault_ok;
    long pin_cuts, pin_checks, pin_ok;
    long file_cuts, file_ok;
    long tamper_tried, tamper_found;
    int tamper_kinds; /* distinct kinds of tampering tried */
} figures_t;

static figures_t fig;
static int appends = 12, stride = 1, torn_rounds = 1, tamper_rounds = 4;
static unsigned seed = 1;
static char base[1100], work[1100], side[1100];
static char badge[4][DC_CODE_MAX];
static long renames, rename_cut;

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dc_crash: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void path(char *out, const char *dir, const char *name)
{
    snprintf(out, 1200, "%s/%s", dir, name);
}

static void run_shell(const char *cmd)
{
    if (system(cmd) != 0)
        say("failed: %s", cmd);
}

/* A shell command from a format checked by the compiler. */
#define SH(...)                                                                                    \
    do {                                                                                           \
        char cmd_[4000];                                                                           \
        snprintf(cmd_, sizeof cmd_, __VA_ARGS__);                                                  \
        run_shell(cmd_);                                                                           \
    } while (0)

/* ---- the world outside SQLite, as the power cut sees it ---- */

void cv_renamed(const char *from, const char *to);
int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to);
int __real_unlink(const char *p);
int __wrap_unlink(const char *p);
int __real_crypto_pwhash_str_verify(const char *h, const char *pw, unsigned long long n);
int __wrap_crypto_pwhash_str_verify(const char *h, const char *pw, unsigned long long n);

int __wrap_rename(const char *from, const char *to)
{
    if (!cv_dead() && rename_cut && ++renames == rename_cut)
        cv_die();
    if (cv_dead()) {
        errno = EIO;
        return -1;
    }
    int rc = __real_rename(from, to);
    if (rc == 0)
        cv_renamed(from, to);
    return rc;
}

/* A dead machine removes nothing. */
int __wrap_unlink(const char *p)
{
    if (cv_dead()) {
        errno = EIO;
        return -1;
    }
    return __real_unlink(p);
}

/* At the moment the PIN is compared, the attempt must already be on the disk: take what a cut
 * right now would leave and read the counter there. */
static int pin_expect = -1;
int __wrap_crypto_pwhash_str_verify(const char *h, const char *pw, unsigned long long n)
{
    if (pin_expect >= 0) {
        char db[1200], key[1200];
        SH("rm -rf '%s' && mkdir -p '%s'", side, side);
        cv_snapshot(side);
        path(db, side, "daicho.db");
        path(key, work, "daicho.key");
        uint8_t k[DC_KEY_LEN];
        dc_store_t *st;
        int failures = -1;
        bool locked;
        if (dc_keyfile_read(key, k) == DC_E_OK && dc_store_open(db, k, false, &st) == DC_E_OK) {
            if (dc_store_pin_state(st, badge[2], &failures, &locked))
                failures = -1;
            dc_store_close(st);
        }
        fig.pin_checks++;
        if (failures != pin_expect)
            say("PIN compared while the durable counter is %d, not %d", failures, pin_expect);
        else
            fig.pin_ok++;
    }
    return __real_crypto_pwhash_str_verify(h, pw, n);
}

/* ---- a ledger and a series of appends ---- */

typedef struct {
    int64_t seq;
    uint8_t hash[DC_HASH_LEN];
} ack_t;

typedef struct {
    ack_t ack[MAX_ACK];
    int n;
    char item[ITEMS][DC_CODE_MAX];
    bool out[ITEMS];
    int items;
} series_t;

static void make_code(dc_code_type_t t, int n, char out[DC_CODE_MAX])
{
    uint8_t r[DC_CODE_RANDOM_BYTES] = {(uint8_t)t, (uint8_t)n, (uint8_t)(n >> 8), 0xa5, 0x3c};
    dc_code_make(t, r, out);
}

static dc_err_t append(dc_store_t *st, const dc_term_t *term, dc_event_t *ev, series_t *s)
{
    int failed;
    dc_desk_stamp(term, ev);
    dc_err_t e = dc_store_append(st, ev, 1, &failed);
    if (!e && s && s->n < MAX_ACK) {
        s->ack[s->n].seq = ev->seq;
        memcpy(s->ack[s->n++].hash, ev->hash, DC_HASH_LEN);
    }
    return e;
}

static dc_err_t enroll(dc_store_t *st, const dc_term_t *term, int who, dc_role_t role)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    memcpy(ev.actor, badge[0], DC_CODE_MAX);
    memcpy(ev.subject, badge[who], DC_CODE_MAX);
    dc_copy(ev.name, sizeof ev.name, "試験 太郎");
    dc_copy(ev.kana, sizeof ev.kana, "シケン");
    ev.role = role;
    return append(st, term, &ev, NULL);
}

static dc_err_t reg(dc_store_t *st, const dc_term_t *term, series_t *s)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_REGISTER);
    make_code(DC_CODE_ITEM, s->items, s->item[s->items]);
    memcpy(ev.actor, badge[0], DC_CODE_MAX);
    memcpy(ev.item, s->item[s->items], DC_CODE_MAX);
    ev.kind = DC_KIND_USB;
    ev.category = dc_kind_category(ev.kind);
    dc_copy(ev.title, sizeof ev.title, "集計USB 住民記録");
    dc_copy(ev.place, sizeof ev.place, "書庫A");
    dc_err_t e = append(st, term, &ev, s);
    if (!e)
        s->items++;
    return e;
}

/* Take out up to two items in storage (one record), or return the ones out. */
static dc_err_t custody(dc_store_t *st, const dc_term_t *term, series_t *s, bool take)
{
    char codes[2][DC_CODE_MAX];
    int idx[2], n = 0;
    for (int i = 0; i < s->items && n < 2; i++) {
        if (s->out[i] != take) {
            idx[n] = i;
            memcpy(codes[n++], s->item[i], DC_CODE_MAX);
        }
    }
    if (!n)
        return reg(st, term, s);
    dc_event_t t;
    dc_event_init(&t, take ? DC_EV_TAKE_OUT : DC_EV_RETURN);
    memcpy(t.actor, badge[2], DC_CODE_MAX);
    memcpy(t.second, badge[3], DC_CODE_MAX);
    dc_copy(t.purpose, sizeof t.purpose, "会議");
    dc_copy(t.to_place, sizeof t.to_place, "本庁舎");
    dc_copy(t.due, sizeof t.due, "2026-11-09");
    int64_t seqs[2];
    int failed;
    dc_err_t e = dc_desk_record(st, term, &t, (const char(*)[DC_CODE_MAX])codes, n, seqs, &failed);
    for (int i = 0; !e && i < n; i++) {
        dc_event_t ev;
        if (!(e = dc_store_event_get(st, seqs[i], &ev)) && s->n < MAX_ACK) {
            s->ack[s->n].seq = ev.seq;
            memcpy(s->ack[s->n++].hash, ev.hash, DC_HASH_LEN);
        }
        s->out[idx[i]] = take;
    }
    return e;
}

static dc_err_t setting(dc_store_t *st, const dc_term_t *term, series_t *s, int i)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_SETTING);
    memcpy(ev.actor, badge[0], DC_CODE_MAX);
    dc_copy(ev.purpose, sizeof ev.purpose, "office_name");
    snprintf(ev.detail, sizeof ev.detail, "第%d庁舎", i);
    return append(st, term, &ev, s);
}

static dc_err_t open_in(const char *dir, dc_store_t **st, dc_term_t *term)
{
    char db[1200], key[1200];
    path(db, dir, "daicho.db");
    path(key, dir, "daicho.key");
    return dc_desk_open(db, key, DC_CHANNEL_KIOSK, st, term);
}

/* The base ledger: 4 staff (one PIN), 3 items, closed (so all in the main file). */
static int make_base(void)
{
    char db[1200], key[1200];
    path(db, base, "daicho.db");
    path(key, base, "daicho.key");
    for (int i = 0; i < 4; i++)
        make_code(DC_CODE_BADGE, i, badge[i]);
    dc_init_opts_t o = {"crash-1", "試験区役所", 540};
    dc_store_t *st;
    dc_term_t term;
    series_t *s = calloc(1, sizeof *s);
    int rc = -1;
    if (dc_desk_init(db, key, &o) || dc_desk_open(db, key, DC_CHANNEL_CLI, &st, &term))
        goto out;
    if (!enroll(st, &term, 0, DC_ROLE_ADMIN) && !enroll(st, &term, 1, DC_ROLE_MANAGER) &&
        !enroll(st, &term, 2, DC_ROLE_STAFF) && !enroll(st, &term, 3, DC_ROLE_STAFF) &&
        !reg(st, &term, s) && !reg(st, &term, s) && !reg(st, &term, s) &&
        !dc_desk_set_pin(st, badge[2], "2468"))
        rc = 0;
    dc_store_close(st);
out:
    free(s);
    return rc;
}

static void reset_work(void)
{
    SH("rm -rf '%s' && mkdir '%s'", work, work);
    SH("cp '%s/daicho.db' '%s'", base, work);
    SH("cp -p '%s/daicho.key' '%s'", base, work);
}

/* Tampering is random but repeatable: the same --seed, the same cases. */
static uint32_t pick(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 8) & 0xffffff) % n;
}

/* The series: registrations, take-outs and returns of two items at once, settings, and the
 * kiosk closing and opening the ledger every seventh step (checkpoints, a new WAL). Stops at the
 * first failure: after a power cut nothing more succeeds. */
static void run_series(series_t *s)
{
    dc_store_t *st = NULL;
    dc_term_t term;
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 3; i++)
        make_code(DC_CODE_ITEM, s->items++, s->item[i]);
    for (int i = 0; i < appends; i++) {
        if (!st && open_in(work, &st, &term))
            break;
        dc_err_t e;
        switch (i % 4) {
        case 0:
            e = custody(st, &term, s, true);
            break;
        case 1:
            e = reg(st, &term, s);
            break;
        case 2:
            e = custody(st, &term, s, false);
            break;
        default:
            e = setting(st, &term, s, i);
            break;
        }
        if (e)
            break;
        if (i % 7 == 6) {
            dc_store_close(st);
            st = NULL;
        }
    }
    dc_store_close(st);
}

/* After a cut: it opens, verifies, holds every acknowledged event, and takes one more. */
static bool check_after(const series_t *s, const char *what)
{
    dc_store_t *st;
    dc_term_t term;
    dc_verify_t rep;
    dc_err_t e = open_in(work, &st, &term);
    if (e) {
        say("%s: does not open: %s", what, dc_err_name(e));
        fig.corrupt++;
        return false;
    }
    bool ok = true;
    if ((e = dc_store_verify(st, &rep))) {
        say("%s: verify: %s at %lld: %s", what, dc_err_name(e), (long long)rep.bad_seq, rep.what);
        fig.corrupt++;
        ok = false;
    }
    for (int i = 0; i < s->n; i++) {
        dc_event_t ev;
        if (dc_store_event_get(st, s->ack[i].seq, &ev) ||
            memcmp(ev.hash, s->ack[i].hash, DC_HASH_LEN) != 0) {
            say("%s: acknowledged event %lld lost", what, (long long)s->ack[i].seq);
            fig.lost++;
            ok = false;
        }
    }
    fig.acked += s->n;
    series_t more = {.n = 0};
    if (ok && (e = setting(st, &term, &more, 999))) {
        say("%s: no append after the cut: %s", what, dc_err_name(e));
        ok = false;
    }
    dc_store_close(st);
    return ok;
}

static void power_cuts(void)
{
    series_t *s = malloc(sizeof *s);
    reset_work();
    cv_track(work);
    run_series(s);
    long total = cv_writes();
    say("series of %d steps: %ld writes, %d events", appends, total, s->n);
    for (long k = 1; k <= total; k += stride) {
        for (int r = 0; r <= torn_rounds; r++) {
            char what[64];
            snprintf(what, sizeof what, "cut at write %ld%s", k, r ? " (torn)" : "");
            reset_work();
            cv_track(work);
            cv_cut_at(k, r > 0, seed + (unsigned)(k * 7919 + r));
            run_series(s);
            cv_reboot();
            fig.cuts++;
            if (check_after(s, what))
                fig.survived++;
        }
    }
    free(s);
}

/* A full disk or an I/O error at the n-th write of an append: it fails with a clear code,
 * leaves nothing, and the next one works. */
static void faults(void)
{
    for (int kind = 0; kind < 2; kind++) {
        for (long n = 1; n <= 12; n++) {
            series_t *s = calloc(1, sizeof *s);
            dc_store_t *st;
            dc_term_t term;
            int64_t before, after;
            uint8_t head[DC_HASH_LEN];
            reset_work();
            cv_track(work);
            fig.faults++;
            if (open_in(work, &st, &term)) {
                say("fault: cannot open");
                free(s);
                continue;
            }
            cv_fault(kind ? CV_FAULT_EIO : CV_FAULT_FULL, n);
            dc_err_t want = kind ? DC_E_DB_IO : DC_E_DB_FULL;
            bool ok = dc_store_head(st, &before, head) == DC_E_OK;
            dc_err_t e = DC_E_OK;
            for (int i = 0; i < 4 && !e; i++)
                e = setting(st, &term, s, i);
            ok = ok && e == want && dc_err_msg(e, DC_LANG_JA)[0];
            ok = ok && dc_store_head(st, &after, head) == DC_E_OK && after == before + s->n;
            cv_fault(CV_FAULT_NONE, 0);
            ok = ok && setting(st, &term, s, 99) == DC_E_OK;
            dc_store_close(st);
            cv_reboot();
            if (!ok)
                say("fault %s at write %ld: got %s", kind ? "EIO" : "FULL", n, dc_err_name(e));
            if (ok && check_after(s, "after a fault"))
                fig.fault_ok++;
            free(s);
        }
    }
}

/* A power cut at every write of a wrong-PIN log-in: the counter never goes back, and it is on
 * the disk before the PIN is compared (checked in the wrapped crypto_pwhash_str_verify). */
static void pin_cuts(void)
{
    dc_store_t *st;
    dc_term_t term;
    dc_staff_t who;
    int failures;
    bool locked;
    for (long k = 1;; k++) {
        reset_work();
        cv_track(work);
        cv_cut_at(k, false, seed);
        if (open_in(work, &st, &term))
            break;
        pin_expect = 1;
        dc_err_t e = dc_desk_login(st, &term, badge[2], "1111", true, &who, &failures);
        pin_expect = -1;
        dc_store_close(st);
        bool cut = cv_dead();
        cv_reboot();
        fig.pin_cuts++;
        bool ok = open_in(work, &st, &term) == DC_E_OK &&
                  dc_store_pin_state(st, badge[2], &failures, &locked) == DC_E_OK &&
                  (failures == 0 || failures == 1) && (cut || e == DC_E_PIN_WRONG);
        dc_store_close(st);
        if (!ok)
            say("PIN cut at write %ld: %s, failures %d", k, dc_err_name(e), failures);
        if (!cut)
            break;
    }
    /* Five wrong PINs lock the badge, and then even the right one is refused. */
    reset_work();
    if (open_in(work, &st, &term))
        return;
    dc_err_t e = DC_E_OK;
    /* Each wrong PIN's wait (1, 2, 4, 8 s) is kept in the ledger: let the clock pass it. */
    if (!dc_clock_is_fixed())
        dc_clock_fix(dc_clock_now_ms());
    for (int i = 0; i < DC_PIN_LOCK_AT; i++) {
        e = dc_desk_login(st, &term, badge[2], "1111", true, &who, &failures);
        dc_clock_advance(dc_desk_pin_delay_ms(failures));
    }
    dc_err_t right = dc_desk_login(st, &term, badge[2], "2468", true, &who, &failures);
    fig.pin_checks++;
    if (e == DC_E_PIN_LOCKED && right == DC_E_PIN_LOCKED)
        fig.pin_ok++;
    else
        say("lockout: fifth %s, then right PIN %s", dc_err_name(e), dc_err_name(right));
    dc_store_close(st);
}

/* ---- backup, restore, rekey under power cuts ---- */

typedef enum { OP_BACKUP, OP_RESTORE, OP_REKEY } file_op_t;

static dc_err_t file_op(file_op_t op)
{
    char db[1200], key[1200], other[1200], nk[1200];
    path(db, work, "daicho.db");
    path(key, work, "daicho.key");
    path(other, work, "copy.db");
    path(nk, work, "new.key");
    if (op == OP_REKEY)
        return dc_desk_rekey(db, key, nk, NULL);
    if (op == OP_RESTORE)
        return dc_desk_restore(db, key, other, NULL, NULL, 0);
    dc_store_t *st;
    dc_term_t term;
    dc_err_t e = open_in(work, &st, &term);
    if (!e)
        e = dc_desk_backup(st, key, other, NULL);
    dc_store_close(st);
    return e;
}

/* The work ledger with some events; for a restore, a backup of it and then more events. */
static int64_t prepare(file_op_t op, series_t *s, int64_t *backup_count)
{
    dc_store_t *st;
    dc_term_t term;
    int64_t n = 0;
    uint8_t head[DC_HASH_LEN];
    reset_work();
    if (open_in(work, &st, &term))
        return -1;
    for (int i = 0; i < 3; i++)
        if (setting(st, &term, s, i))
            return -1;
    if (op == OP_RESTORE) {
        char key[1200], other[1200];
        path(key, work, "daicho.key");
        path(other, work, "copy.db");
        if (dc_desk_backup(st, key, other, NULL) || dc_store_head(st, backup_count, head))
            return -1;
        if (setting(st, &term, NULL, 7))
            return -1; /* lost by the restore, as it should be */
    }
    if (op == OP_REKEY) {
        char nk[1200];
        path(nk, work, "new.key");
        if (dc_keyfile_create(nk)) {
            /* the rotation then fails and says so */
        }
    }
    if (dc_store_head(st, &n, head))
        n = -1;
    dc_store_close(st);
    return n;
}

static void file_cuts(file_op_t op, const char *name)
{
    series_t *s = calloc(1, sizeof *s);
    int64_t backup_count = -1;
    /* Count the cut points: the writes, then the renames. */
    int64_t count = prepare(op, s, &backup_count);
    cv_track(work);
    renames = 0;
    rename_cut = 0;
    dc_err_t e = file_op(op);
    long writes = cv_writes(), nrenames = renames;
    cv_track(work);
    if (e)
        say("%s: %s without a cut", name, dc_err_name(e));
    for (long k = 1; k <= writes + nrenames; k++) {
        memset(s, 0, sizeof *s);
        prepare(op, s, &backup_count);
        cv_track(work);
        renames = 0;
        rename_cut = k > writes ? k - writes : 0;
        cv_cut_at(k <= writes ? k : 0, false, seed);
        e = file_op(op);
        rename_cut = 0;
        cv_reboot();
        fig.file_cuts++;
        char what[80];
        snprintf(what, sizeof what, "%s cut at %s %ld", name, k <= writes ? "write" : "rename",
                 k <= writes ? k : k - writes);
        dc_store_t *st;
        dc_term_t term;
        int64_t n = -1;
        uint8_t head[DC_HASH_LEN];
        bool ok = check_after(s, what);
        if (ok && !open_in(work, &st, &term)) {
            ok = !dc_store_head(st, &n, head);
            dc_store_close(st);
        }
        /* The ledger is the old one or the new one (plus the event check_after adds). */
        ok = ok && (n == count + 1 || (op == OP_RESTORE && n == backup_count + 1));
        if (op == OP_BACKUP && ok) {
            char other[1200], key[1200];
            uint8_t k8[DC_KEY_LEN];
            path(other, work, "copy.db");
            path(key, work, "daicho.key");
            dc_verify_t rep;
            if (access(other, F_OK) == 0 && dc_keyfile_read(key, k8) == DC_E_OK &&
                dc_store_open(other, k8, false, &st) == DC_E_OK) {
                ok = dc_store_verify(st, &rep) == DC_E_OK && rep.events == count;
                dc_store_close(st);
            } else if (access(other, F_OK) == 0) {
                ok = false;
            }
        }
        if (ok)
            fig.file_ok++;
        else
            say("%s: count %lld, want %lld", what, (long long)n, (long long)count);
    }
    free(s);
}

/* ---- tampering ---- */

static sqlite3 *raw_open(const char *db, const char *keyfile)
{
    uint8_t k[DC_KEY_LEN];
    char spec[80] = "x'";
    sqlite3 *h = NULL;
    if (dc_keyfile_read(keyfile, k))
        return NULL;
    sodium_bin2hex(spec + 2, 65, k, DC_KEY_LEN);
    spec[2 + 2 * DC_KEY_LEN] = '\'';
    spec[3 + 2 * DC_KEY_LEN] = '\0';
    sodium_memzero(k, sizeof k);
    if (sqlite3_open(db, &h) != SQLITE_OK || sqlite3_key(h, spec, (int)strlen(spec)) != SQLITE_OK) {
        sqlite3_close(h);
        return NULL;
    }
    return h;
}

/* The chain made whole again after a row was changed, as a tamperer with the key could: every
 * prev_hash and hash recomputed from the stored contents. Only the rules' replay (or a paper
 * checkpoint, not asked here) can find what was changed then. */
static bool rechain(sqlite3 *h)
{
    char sql[2400];
    size_t n = (size_t)snprintf(sql, sizeof sql, "SELECT ");
    for (int i = 0; i < DC_EVENT_NFIELDS; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s,", dc_event_columns[i]);
    snprintf(sql + n, sizeof sql - n, "prev_hash,hash FROM events ORDER BY seq");
    sqlite3_stmt *s, *u;
    if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_prepare_v2(h, "UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", -1, &u,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return false;
    }
    /* The new hashes are written after the walk: a row is not rewritten under the reader. */
    enum { MAXROWS = 8192 };
    static uint8_t hashes[MAXROWS][2][DC_HASH_LEN];
    static int64_t seqs[MAXROWS];
    uint8_t prev[DC_HASH_LEN] = {0}, sp[DC_HASH_LEN], sh[DC_HASH_LEN];
    int rows = 0;
    bool ok = true;
    while (ok && sqlite3_step(s) == SQLITE_ROW && rows < MAXROWS) {
        dc_value_t v[DC_EVENT_NFIELDS];
        ok = dc_store_row_values(s, v, sp, sh) == DC_E_OK;
        memcpy(hashes[rows][0], prev, DC_HASH_LEN);
        dc_chain_hash(prev, v, hashes[rows][1]);
        memcpy(prev, hashes[rows][1], DC_HASH_LEN);
        seqs[rows++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    for (int r = 0; ok && r < rows; r++) {
        sqlite3_bind_blob(u, 1, hashes[r][0], DC_HASH_LEN, SQLITE_STATIC);
        sqlite3_bind_blob(u, 2, hashes[r][1], DC_HASH_LEN, SQLITE_STATIC);
        sqlite3_bind_int64(u, 3, seqs[r]);
        ok = sqlite3_step(u) == SQLITE_DONE;
        sqlite3_reset(u);
    }
    sqlite3_finalize(u);
    return ok;
}

typedef enum {
    LIFT,   /* lift every trigger, run the SQL, put them back */
    AS_IS,  /* run the SQL as it is (it changes the triggers itself) */
    REHASH, /* as LIFT, and make the chain whole again after it */
} tamper_how_t;

/* As a tamperer who has the key would: lift the triggers (all of them: the MAC triggers call a
 * function only daicho defines), run sql, put them back. */
static bool tamper_sql_how(const char *sql, tamper_how_t how)
{
    char db[1200], key[1200], trig[32][1024], names[32][128];
    path(db, work, "daicho.db");
    path(key, work, "daicho.key");
    sqlite3 *h = raw_open(db, key);
    sqlite3_stmt *s;
    int n = 0;
    if (!h || sqlite3_prepare_v2(h, "SELECT name, sql FROM sqlite_schema WHERE type='trigger'", -1,
                                 &s, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return false;
    }
    while (how != AS_IS && sqlite3_step(s) == SQLITE_ROW && n < 32) {
        snprintf(names[n], sizeof names[0], "%s", sqlite3_column_text(s, 0));
        snprintf(trig[n++], sizeof trig[0], "%s", sqlite3_column_text(s, 1));
    }
    sqlite3_finalize(s);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        char drop[200];
        snprintf(drop, sizeof drop, "DROP TRIGGER \"%.120s\"", names[i]);
        ok = sqlite3_exec(h, drop, NULL, NULL, NULL) == SQLITE_OK;
    }
    ok = ok && sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
    if (ok && how == REHASH)
        ok = rechain(h);
    for (int i = 0; i < n; i++)
        ok = sqlite3_exec(h, trig[i], NULL, NULL, NULL) == SQLITE_OK && ok;
    ok = sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) == SQLITE_OK && ok;
    sqlite3_close(h);
    return ok;
}

static bool tamper_sql(const char *sql)
{
    return tamper_sql_how(sql, LIFT);
}

/* Does verify, or a receipt of event seq signed before the tampering, find it? */
static bool found(const char *receipt)
{
    dc_store_t *st;
    dc_term_t term;
    dc_verify_t rep;
    if (open_in(work, &st, &term)) {
        if (getenv("DC_CRASH_VERBOSE"))
            say("found at open");
        return true; /* refused at open: found */
    }
    bool yes = dc_store_verify(st, &rep) != DC_E_OK;
    if (yes && getenv("DC_CRASH_VERBOSE"))
        say("found by verify: seq %lld: %s", (long long)rep.bad_seq, rep.what);
    if (!yes && receipt) {
        dc_receipt_check_t out;
        dc_err_t v = dc_desk_receipt_verify(st, receipt, &out);
        yes = v != DC_E_RECEIPT_GOOD;
    }
    dc_store_close(st);
    return yes;
}

static void tamper_case_how(const char *what, const char *sql, const char *receipt,
                            tamper_how_t how)
{
    fig.tamper_tried++;
    if (!tamper_sql_how(sql, how))
        say("tamper %s: the change itself failed", what);
    else if (found(receipt))
        fig.tamper_found++;
    else
        say("tamper %s: NOT FOUND (%s)", what, sql);
}

static void tamper_case(const char *what, const char *sql, const char *receipt)
{
    fig.tamper_tried++;
    if (!tamper_sql(sql))
        say("tamper %s: the change itself failed", what);
    else if (found(receipt))
        fig.tamper_found++;
    else
        say("tamper %s: NOT FOUND (%s)", what, sql);
}

/* A ledger of the series, closed, and a receipt for its last event. */
static int64_t tamper_ledger(char receipt[DC_RECEIPT_TEXT_MAX])
{
    series_t *s = calloc(1, sizeof *s);
    reset_work();
    run_series(s);
    dc_store_t *st;
    dc_term_t term;
    dc_event_t ev;
    char id[DC_TERMINAL_ID_MAX];
    uint8_t pk[DC_STORE_PK_LEN], sk[DC_STORE_SK_LEN];
    int64_t n = -1;
    uint8_t head[DC_HASH_LEN];
    receipt[0] = '\0';
    if (!open_in(work, &st, &term)) {
        if (!dc_store_head(st, &n, head) && !dc_store_event_get(st, n, &ev) &&
            !dc_store_terminal_key_get(st, id, pk, sk) &&
            dc_receipt_sign(&ev, n, ev.hash, pk, sk, receipt))
            receipt[0] = '\0';
        dc_store_close(st);
    }
    sodium_memzero(sk, sizeof sk);
    free(s);
    return n;
}

static void tampering(void)
{
    char receipt[DC_RECEIPT_TEXT_MAX], sql[1600], db[1200];
    path(db, work, "daicho.db");
    static const char *const cols[] = {"purpose", "title", "actor", "terminal", "detail", "place"};
    for (int r = 0; r < tamper_rounds; r++) {
        int64_t n = tamper_ledger(receipt);
        if (n < 8 || !receipt[0]) {
            say("tamper: no ledger");
            return;
        }
        int64_t a = 2 + (int64_t)pick((uint32_t)(n - 3)), b = a + 1;
        const char *col = cols[pick(6)];
        /* One byte of one column of a random row. */
        snprintf(sql, sizeof sql,
                 "UPDATE events SET %s = CASE WHEN length(%s) > 0 THEN "
                 "substr(%s,1,length(%s)-1) || char(unicode(substr(%s,-1)) + 1 - 2 * "
                 "(unicode(substr(%s,-1)) %% 2)) ELSE 'x' END "
                 "WHERE seq = %lld",
                 col, col, col, col, col, col, (long long)a);
        tamper_case("one byte", sql, receipt);
        tamper_ledger(receipt);
        snprintf(sql, sizeof sql, "DELETE FROM events WHERE seq = %lld", (long long)a);
        tamper_case("delete", sql, receipt);
        tamper_ledger(receipt);
        snprintf(sql, sizeof sql,
                 "UPDATE events SET seq = 1000000, group_seq = 1000000 WHERE seq = %lld;"
                 "UPDATE events SET seq = %lld, group_seq = %lld WHERE seq = %lld;"
                 "UPDATE events SET seq = %lld, group_seq = %lld WHERE seq = 1000000",
                 (long long)a, (long long)a, (long long)a, (long long)b, (long long)b,
                 (long long)b);
        tamper_case("reorder", sql, receipt);
        tamper_ledger(receipt);
        /* A copy of row a inserted after it, the rest moved up. */
        snprintf(sql, sizeof sql,
                 "UPDATE events SET seq = seq + 100000 WHERE seq > %lld;"
                 "UPDATE events SET seq = seq - 99999 WHERE seq > 100000;"
                 "CREATE TEMP TABLE t AS SELECT * FROM events WHERE seq = %lld;"
                 "UPDATE t SET seq = %lld; INSERT INTO events SELECT * FROM t",
                 (long long)a, (long long)a, (long long)a + 1);
        tamper_case("insert", sql, receipt);
        /* The tail cut off: the chain that is left is whole, the receipt is not in it. */
        tamper_ledger(receipt);
        snprintf(sql, sizeof sql, "DELETE FROM events WHERE seq >= %lld", (long long)(n - 1));
        tamper_case("truncate the tail", sql, receipt);
        /* Rolled back to an older copy of the whole file. */
        tamper_ledger(receipt);
        fig.tamper_tried++;
        SH("cp '%s/daicho.db' '%s'", base, db);
        if (found(receipt))
            fig.tamper_found++;
        else
            say("tamper rollback: NOT FOUND");
        /* Bytes of the file itself: one flipped, or whole pages cut off the end. */
        for (int raw = 0; raw < 2; raw++) {
            tamper_ledger(receipt);
            fig.tamper_tried++;
            struct stat sb;
            FILE *f = fopen(db, "r+b");
            if (!f || fstat(fileno(f), &sb)) {
                if (f)
                    fclose(f);
                continue;
            }
            if (raw == 0) {
                long off = (long)pick((uint32_t)sb.st_size);
                fseek(f, off, SEEK_SET);
                int c = fgetc(f);
                fseek(f, off, SEEK_SET);
                fputc(c ^ (1 << pick(8)), f);
                fclose(f);
            } else {
                fclose(f);
                long pages = (long)(sb.st_size / 4096);
                long cut = 1 + (long)pick((uint32_t)(pages > 2 ? pages / 2 : 1));
                if (truncate(db, (off_t)(pages - cut) * 4096) != 0)
                    continue;
            }
            if (found(receipt))
                fig.tamper_found++;
            else
                say("tamper raw %s: NOT FOUND", raw ? "truncate" : "byte");
        }
        fig.tamper_kinds = 8;
        /* What is not an event but decides a rule or an identity, changed by someone with the
         * key; verify alone must find each (no receipt is asked). */
        static const struct {
            const char *what, *sql;
            tamper_how_t how;
        } more[] = {
            {"meta office_hours",
             "INSERT OR REPLACE INTO meta(key, value) VALUES ('office_hours', '00:00-23:59')",
             LIFT},
            {"meta office_name (set by an event)",
             "UPDATE meta SET value = value || '別館' WHERE key = 'office_name'", LIFT},
            {"meta overdue_days",
             "INSERT OR REPLACE INTO meta(key, value) VALUES "
             "('overdue_days', '3650')",
             LIFT},
            {"PIN hash copied from another badge",
             "INSERT OR REPLACE INTO credentials(badge, pin_hash, failures, locked, last_fail_ms, "
             "mac) SELECT (SELECT badge FROM staff WHERE role = 'manager'), pin_hash, 0, 0, 0, mac "
             "FROM credentials LIMIT 1",
             LIFT},
            {"PIN hash replaced",
             "UPDATE credentials SET pin_hash = substr(pin_hash, 1, length(pin_hash) - 2) || "
             "'AA'",
             LIFT},
            {"PIN failure counter reset",
             "UPDATE credentials SET failures = CASE failures WHEN 0 THEN 4 ELSE 0 END", LIFT},
            {"PIN lock cleared", "UPDATE credentials SET locked = 1 - locked", LIFT},
            {"trusted terminal added",
             "INSERT INTO trusted_terminals(terminal_id, public_key, name, trusted_ms) VALUES "
             "('TAAAAAAAA', randomblob(32), 'にせ端末', 0)",
             LIFT},
            {"enrolment code planted for a badge",
             "INSERT OR REPLACE INTO enrol_codes(badge, code_hash, expires_ms, issued_by) SELECT "
             "badge, '$argon2id$v=19$m=65536,t=2,p=1$planted', 9000000000000000, badge FROM "
             "staff WHERE role = 'manager' LIMIT 1",
             LIFT},
            {"disposal line raised to the last event (meta disposal_rules_from_seq)",
             "UPDATE meta SET value = CAST((SELECT max(seq) FROM events) AS TEXT) WHERE key = "
             "'disposal_rules_from_seq'",
             LIFT},
            {"signing key replaced",
             "UPDATE terminal_key SET public_key = randomblob(32), secret_key = randomblob(64)",
             LIFT},
            {"trigger dropped", "DROP TRIGGER events_no_update", AS_IS},
            {"trigger replaced with a no-op",
             "DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON "
             "events BEGIN SELECT 1; END",
             AS_IS},
            {"index dropped", "DROP INDEX events_by_time", AS_IS},
            {"derived item state",
             "UPDATE items SET state = CASE state WHEN 'in' THEN 'out' ELSE 'in' END WHERE code = "
             "(SELECT min(code) FROM items)",
             LIFT},
            {"derived staff role", "UPDATE staff SET role = 'manager' WHERE role = 'staff'", LIFT},
            {"return linked to another take-out, chain rewritten",
             "UPDATE events SET link_seq = link_seq - 1 WHERE seq = (SELECT max(seq) FROM events "
             "WHERE type = 'return')",
             REHASH},
            {"take-out of an unknown item, chain rewritten",
             "UPDATE events SET item = 'DI-NOSUCH00-0' WHERE seq = (SELECT max(seq) FROM events "
             "WHERE type = 'take-out')",
             REHASH},
        };
        for (size_t k = 0; k < sizeof more / sizeof more[0]; k++) {
            tamper_ledger(receipt);
            tamper_case_how(more[k].what, more[k].sql, NULL, more[k].how);
        }
        fig.tamper_kinds += (int)(sizeof more / sizeof more[0]);
    }
}

static long arg(int argc, char **argv, const char *name, long def)
{
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], name) == 0)
            return strtol(argv[i + 1], NULL, 10);
    }
    return def;
}

int main(int argc, char **argv)
{
    appends = (int)arg(argc, argv, "--appends", appends);
    stride = (int)arg(argc, argv, "--stride", stride);
    torn_rounds = (int)arg(argc, argv, "--torn", torn_rounds);
    tamper_rounds = (int)arg(argc, argv, "--tamper", tamper_rounds);
    seed = (unsigned)arg(argc, argv, "--seed", seed);
    setenv("DAICHO_NOW", "2026-11-02T10:00:00+09:00", 1);
    /* The VFS decides what a cut keeps, so real fsyncs only cost time: use memory if we can. */
    const char *tmp = getenv("DC_CRASH_TMP");
    if (!tmp && access("/dev/shm", W_OK) == 0)
        tmp = "/dev/shm";
    if (!tmp)
        tmp = getenv("DAICHO_TEST_TMP");
    char top[512], real[1090], cwd[512];
    snprintf(top, sizeof top, "%s/crashXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (sodium_init() < 0 || !mkdtemp(top) || !getcwd(cwd, sizeof cwd) || cv_install()) {
        say("cannot start");
        return 2;
    }
    /* SQLite names files by absolute path: so must the crash VFS. */
    if (top[0] == '/')
        snprintf(real, sizeof real, "%s", top);
    else
        snprintf(real, sizeof real, "%s/%s", cwd, top);
    snprintf(base, sizeof base, "%s/base", real);
    snprintf(work, sizeof work, "%s/work", real);
    snprintf(side, sizeof side, "%s/side", real);
    mkdir(base, 0700);
    if (make_base()) {
        say("cannot make the base ledger");
        return 2;
    }
    power_cuts();
    faults();
    pin_cuts();
    file_cuts(OP_BACKUP, "backup");
    file_cuts(OP_RESTORE, "restore");
    file_cuts(OP_REKEY, "rekey");
    tampering();
    SH("rm -rf '%s'", real);

    printf("power cuts: %ld made, %ld survived; events acknowledged %ld, lost %ld; corrupt "
           "opens %ld\n",
           fig.cuts, fig.survived, fig.acked, fig.lost, fig.corrupt);
    printf("disk full / I/O errors: %ld injected, %ld handled\n", fig.faults, fig.fault_ok);
    printf("PIN: %ld cuts in a log-in, %ld of %ld checks good (counter durable before the "
           "compare, lockout after %d)\n",
           fig.pin_cuts, fig.pin_ok, fig.pin_checks, DC_PIN_LOCK_AT);
    printf("backup/restore/rekey: %ld cuts, %ld left a whole ledger\n", fig.file_cuts, fig.file_ok);
    printf("tampering: %ld cases tried, %ld found (%d kinds)\n", fig.tamper_tried, fig.tamper_found,
           fig.tamper_kinds);
    bool ok = fig.survived == fig.cuts && !fig.lost && !fig.corrupt && fig.fault_ok == fig.faults &&
              fig.pin_ok == fig.pin_checks && fig.file_ok == fig.file_cuts &&
              fig.tamper_found == fig.tamper_tried;
    puts(ok ? "RESULT OK" : "RESULT FAILED");
    return ok ? 0 : 1;
}
