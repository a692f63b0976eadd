#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/rules.h"
#include "platform/paths.h"
#include "store/internal.h"
#include "store/migrations.h"

/* SQLCipher's page size; a database file is always a whole number of these. */
enum { PAGE = 4096 };

#define ITEM_COLS                                                                                  \
    "code,category,kind,title,place,section,personal,my_number,notes,state,state_seq,holder"
#define STAFF_COLS "badge,name,kana,section,role,designated,released"

dc_err_t dc_store_sqlerr(dc_store_t *st, int rc)
{
    if (st && st->db)
        snprintf(st->detail, sizeof st->detail, "%s", sqlite3_errmsg(st->db));
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return DC_E_OK;
    case SQLITE_NOTADB:
        return DC_E_DB_WRONG_KEY;
    case SQLITE_CORRUPT:
        return DC_E_DB_CORRUPT;
    case SQLITE_FULL:
        return DC_E_DB_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DC_E_DB_BUSY;
    case SQLITE_NOMEM:
        return DC_E_NOMEM;
    default:
        return DC_E_DB_IO;
    }
}

void dc_store_set_clock(dc_store_t *st, int64_t (*now_ms)(void))
{
    st->now_ms = now_ms;
}

const char *dc_store_detail(const dc_store_t *st)
{
    return st ? st->detail : "";
}

static dc_err_t exec(dc_store_t *st, const char *sql)
{
    return dc_store_sqlerr(st, sqlite3_exec(st->db, sql, NULL, NULL, NULL));
}

static dc_err_t prepare(dc_store_t *st, const char *sql, sqlite3_stmt **s)
{
    return dc_store_sqlerr(st, sqlite3_prepare_v2(st->db, sql, -1, s, NULL));
}

/* One integer from a query with no parameters. */
static dc_err_t query_int(dc_store_t *st, const char *sql, int64_t *out)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st, sql, &s);
    if (e)
        return e;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}

/* Look at an existing file before SQLite does, so that a refusal never writes to it. */
static dc_err_t precheck(const char *path, off_t size)
{
    /* After a power cut in WAL mode the committed pages may all still be in the -wal file. */
    char wal[4200];
    struct stat ws;
    bool has_wal = snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal &&
                   stat(wal, &ws) == 0 && ws.st_size > 0;
    static const char plain[16] = "SQLite format 3";
    char head[16];
    if (size == 0)
        return has_wal ? DC_E_OK : DC_E_DB_EMPTY;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return DC_E_IO;
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == (ssize_t)sizeof head && memcmp(head, plain, sizeof plain) == 0)
        return DC_E_DB_PLAINTEXT;
    if (!has_wal && (size < PAGE || size % PAGE != 0))
        return DC_E_DB_TRUNCATED;
    return DC_E_OK;
}

/* SQLCipher says only that page 1 did not decrypt, for a wrong key and a damaged page alike. A
 * wrong key fails every page's HMAC; the right key on a damaged file fails only the damaged
 * ones: count them (cipher_integrity_check reads the main file, and only reads). */
static dc_err_t key_or_damage(dc_store_t *st, off_t size)
{
    int64_t pages = size / PAGE, bad = 0;
    sqlite3_stmt *s;
    if (pages < 2 ||
        sqlite3_prepare_v2(st->db, "PRAGMA cipher_integrity_check", -1, &s, NULL) != SQLITE_OK)
        return DC_E_DB_WRONG_KEY;
    while (sqlite3_step(s) == SQLITE_ROW)
        bad++;
    sqlite3_finalize(s);
    return bad > 0 && bad < pages ? DC_E_DB_CORRUPT : DC_E_DB_WRONG_KEY;
}

static dc_err_t migrate(dc_store_t *st)
{
    int64_t version = 0;
    dc_err_t e = query_int(st, "PRAGMA user_version", &version);
    if (e)
        return e;
    int latest = dc_migration_count ? dc_migrations[dc_migration_count - 1].version : 0;
    if (version > latest)
        return DC_E_DB_NEWER;
    if (version == latest)
        return DC_E_OK;

    if ((e = exec(st, "BEGIN IMMEDIATE")))
        return e;
    for (int i = 0; i < dc_migration_count && !e; i++) {
        const dc_migration_t *m = &dc_migrations[i];
        if (m->version <= version)
            continue;
        char sql[256];
        e = exec(st, m->sql);
        /* The tree's rows of the events kept before schema 8, in the migration's transaction. */
        if (!e && m->version == 8)
            e = dc_store_tree_fill(st);
        if (!e) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO schema_migrations(version,name,applied_ms) "
                     "VALUES(%d,'%s',CAST(unixepoch('subsec')*1000 AS INTEGER));"
                     "PRAGMA user_version=%d",
                     m->version, m->name, m->version);
            e = exec(st, sql);
        }
    }
    if (!e)
        e = exec(st, "COMMIT");
    if (e)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return e;
}

static void build_select(dc_store_t *st)
{
    size_t n = (size_t)snprintf(st->select_events, sizeof st->select_events, "SELECT ");
    for (int i = 0; i < DC_EVENT_NFIELDS; i++)
        n += (size_t)snprintf(st->select_events + n, sizeof st->select_events - n, "%s,",
                              dc_event_columns[i]);
    snprintf(st->select_events + n, sizeof st->select_events - n, "prev_hash,hash FROM events");
    snprintf(st->select_event, sizeof st->select_event, "%s WHERE seq = ?", st->select_events);
    snprintf(st->select_corrections, sizeof st->select_corrections,
             "%s WHERE link_seq = ?1 AND link_seq <> 0 AND type = 'correction' ORDER BY seq",
             st->select_events);
}

static dc_err_t prepare_insert(dc_store_t *st)
{
    char sql[2048];
    size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO events(");
    for (int i = 0; i < DC_EVENT_NFIELDS; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s,", dc_event_columns[i]);
    n += (size_t)snprintf(sql + n, sizeof sql - n, "prev_hash,hash) VALUES(");
    for (int i = 0; i < DC_EVENT_NFIELDS + 2; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, i ? ",?" : "?");
    snprintf(sql + n, sizeof sql - n, ")");
    return dc_store_sqlerr(st, sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                                  &st->insert_event, NULL));
}

/* "file:" + path with the characters a URI gives meaning to escaped, + the query. */
static dc_err_t file_uri(const char *path, const char *query, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (n + 4 >= cap)
            return DC_E_TOO_LONG;
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
            n += (size_t)snprintf(out + n, cap - n, "%%%02X", *p);
        else
            out[n++] = (char)*p;
    }
    out[n] = '\0';
    return snprintf(out + n, cap - n, "%s", query) < (int)(cap - n) ? DC_E_OK : DC_E_TOO_LONG;
}

/* How a ledger is opened: to write (created or existing), or read-only, or read-only without
 * even the -shm index (immutable: media that cannot be written). */
typedef enum { OPEN_WRITE, OPEN_CREATE, OPEN_READ, OPEN_IMMUTABLE } open_mode_t;

static dc_err_t open_store(const char *path, const uint8_t key[DC_STORE_KEY_LEN], open_mode_t mode,
                           dc_store_t **out)
{
    DC_EXPECT(path && key && out);
    *out = NULL;
    bool create = mode == OPEN_CREATE, ro = mode == OPEN_READ || mode == OPEN_IMMUTABLE;
    struct stat sb;
    dc_err_t e;
    dc_store_t *st = calloc(1, sizeof *st);
    if (!st)
        return DC_E_NOMEM;
    if (!dc_copy(st->path, sizeof st->path, path)) {
        free(st);
        return DC_E_TOO_LONG;
    }
    /* Shared for as long as it is open, before SQLite or anyone looks at the file: a restore or
     * rekey (exclusive) can then never swap it under us. Read-only media may have no lock. */
    if ((e = dc_lock_take(path, false, 10000, ro, &st->lock)))
        goto fail;
    if (stat(path, &sb) == 0) {
        if (create) {
            e = DC_E_DB_EXISTS;
            goto fail;
        }
        if ((e = precheck(path, sb.st_size)))
            goto fail;
    } else if (errno != ENOENT) {
        e = DC_E_IO;
        goto fail;
    } else if (!create) {
        e = DC_E_DB_MISSING;
        goto fail;
    }

    int rc;
    if (ro) {
        char uri[4200 * 3];
        if ((e = file_uri(path, mode == OPEN_IMMUTABLE ? "?mode=ro&immutable=1" : "?mode=ro", uri,
                          sizeof uri)))
            goto fail;
        rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    } else {
        rc = sqlite3_open_v2(path, &st->db,
                             SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
    }
    if (rc != SQLITE_OK) {
        e = dc_store_sqlerr(st, rc);
        goto fail;
    }
    /* Until the key is known to open the file, closing must not fold a -wal into it: a wrong
     * key never writes. */
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    /* Another process (the kiosk, a backup) may be in a checkpoint or WAL recovery right now:
     * wait for it from the first read on, not only for writes. */
    sqlite3_busy_timeout(st->db, 5000);
    if ((rc = dc_store_register_functions(st->db, NULL)) != SQLITE_OK) {
        e = dc_store_sqlerr(st, rc);
        goto fail;
    }
    /* Wrong keys are expected input here, reported by us; keep SQLCipher quiet on stderr. */
    sqlite3_exec(st->db, "PRAGMA cipher_log_level = NONE", NULL, NULL, NULL);

    char spec[2 * DC_STORE_KEY_LEN + 4] = "x'";
    sodium_bin2hex(spec + 2, 2 * DC_STORE_KEY_LEN + 1, key, DC_STORE_KEY_LEN);
    spec[2 + 2 * DC_STORE_KEY_LEN] = '\'';
    spec[3 + 2 * DC_STORE_KEY_LEN] = '\0';
    rc = sqlite3_key(st->db, spec, (int)strlen(spec));
    sodium_memzero(spec, sizeof spec);
    if (rc != SQLITE_OK) {
        e = dc_store_sqlerr(st, rc);
        goto fail;
    }

    /* If the plain SQLite library were linked instead, PRAGMA key would do nothing and the
     * ledger would be written in clear: refuse to run. */
    sqlite3_stmt *s;
    if ((e = prepare(st, "PRAGMA cipher_version", &s)))
        goto fail;
    bool cipher =
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) && sqlite3_column_text(s, 0)[0];
    sqlite3_finalize(s);
    if (!cipher) {
        e = DC_E_DB_NOT_CIPHER;
        goto fail;
    }

    int64_t n;
    e = query_int(st, "SELECT count(*) FROM sqlite_schema", &n);
    if (e == DC_E_DB_WRONG_KEY || e == DC_E_DB_CORRUPT) {
        e = key_or_damage(st, sb.st_size);
        goto fail;
    }
    if (e)
        goto fail;
    if (!create && n == 0) {
        /* Opened with this key but holds nothing: not a database we wrote. */
        e = DC_E_DB_WRONG_KEY;
        goto fail;
    }
    if (!ro)
        sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

    int64_t version = 0;
    if ((e = query_int(st, "PRAGMA user_version", &version)))
        goto fail;
    if (dc_migration_count && version > dc_migrations[dc_migration_count - 1].version) {
        e = DC_E_DB_NEWER;
        goto fail;
    }

    /* The kiosk folds the WAL back when nobody is at the counter (dc_store_checkpoint_idle), so an
     * append at the counter seldom pays for it; 4000 pages (16 MiB) is the backstop. */
    if (!ro && (e = exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                             "PRAGMA wal_autocheckpoint=4000;")))
        goto fail;
    if ((e = exec(st, "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF")))
        goto fail;
    if (!ro && (e = migrate(st)))
        goto fail;
    if (create && (e = dc_paths_sync_parent(path)))
        goto fail;
    /* The file SQLite has is the one at the name now (nothing renamed over it meanwhile). */
    struct stat now;
    if (stat(path, &now) != 0) {
        e = DC_E_IO;
        goto fail;
    }
    if (!create && (now.st_dev != sb.st_dev || now.st_ino != sb.st_ino)) {
        e = DC_E_DB_SWAPPED;
        goto fail;
    }
    st->dev = now.st_dev;
    st->ino = now.st_ino;
    build_select(st);
    if ((e = prepare_insert(st)))
        goto fail;
    *out = st;
    return DC_E_OK;
fail:
    dc_store_close(st);
    return e;
}

dc_err_t dc_store_open(const char *path, const uint8_t key[DC_STORE_KEY_LEN], bool create,
                       dc_store_t **out)
{
    return open_store(path, key, create ? OPEN_CREATE : OPEN_WRITE, out);
}

dc_err_t dc_store_open_ro(const char *path, const uint8_t key[DC_STORE_KEY_LEN], bool immutable,
                          dc_store_t **out)
{
    return open_store(path, key, immutable ? OPEN_IMMUTABLE : OPEN_READ, out);
}

dc_err_t dc_store_same_file(dc_store_t *st)
{
    struct stat sb;
    if (stat(st->path, &sb) != 0)
        return errno == ENOENT ? DC_E_DB_SWAPPED : DC_E_DB_IO;
    return sb.st_dev == st->dev && sb.st_ino == st->ino ? DC_E_OK : DC_E_DB_SWAPPED;
}

void dc_store_close(dc_store_t *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->insert_event);
    dc_store_tree_close(st);
    for (int i = 0; i < 16 && st->cache[i]; i++)
        sqlite3_finalize(st->cache[i]);
    sqlite3_close_v2(st->db);
    /* After SQLite let go of the file, never before: the lock covers its last checkpoint. */
    dc_lock_release(st->lock);
    free(st);
}

dc_err_t dc_store_meta_get(dc_store_t *st, const char *key, char *buf, size_t cap)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st, "SELECT value FROM meta WHERE key = ?", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        e = dc_copy(buf, cap, (const char *)sqlite3_column_text(s, 0)) ? DC_E_OK : DC_E_TOO_LONG;
    else
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_meta_set(dc_store_t *st, const char *key, const char *value)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st,
                         "INSERT INTO meta(key,value) VALUES(?,?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    sqlite3_finalize(s);
    return e;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? t : "";
}

dc_err_t dc_store_row_item(sqlite3_stmt *s, dc_item_t *it)
{
    memset(it, 0, sizeof *it);
    bool ok = dc_copy(it->code, sizeof it->code, col_text(s, 0)) &&
              dc_category_parse(col_text(s, 1), &it->category) &&
              dc_kind_parse(col_text(s, 2), &it->kind) &&
              dc_copy(it->title, sizeof it->title, col_text(s, 3)) &&
              dc_copy(it->place, sizeof it->place, col_text(s, 4)) &&
              dc_copy(it->section, sizeof it->section, col_text(s, 5)) &&
              dc_copy(it->notes, sizeof it->notes, col_text(s, 8)) &&
              dc_state_parse(col_text(s, 9), &it->state) &&
              dc_copy(it->holder, sizeof it->holder, col_text(s, 11));
    it->personal = sqlite3_column_int(s, 6) != 0;
    it->my_number = sqlite3_column_int(s, 7) != 0;
    it->state_seq = sqlite3_column_int64(s, 10);
    return ok ? DC_E_OK : DC_E_DB_CORRUPT;
}

dc_err_t dc_store_row_staff(sqlite3_stmt *s, dc_staff_t *sf)
{
    memset(sf, 0, sizeof *sf);
    bool ok = dc_copy(sf->badge, sizeof sf->badge, col_text(s, 0)) &&
              dc_copy(sf->name, sizeof sf->name, col_text(s, 1)) &&
              dc_copy(sf->kana, sizeof sf->kana, col_text(s, 2)) &&
              dc_copy(sf->section, sizeof sf->section, col_text(s, 3)) &&
              dc_role_parse(col_text(s, 4), &sf->role) &&
              dc_copy(sf->designated, sizeof sf->designated, col_text(s, 5)) &&
              dc_copy(sf->released, sizeof sf->released, col_text(s, 6));
    return ok ? DC_E_OK : DC_E_DB_CORRUPT;
}

dc_err_t dc_store_row_values(sqlite3_stmt *s, dc_value_t v[DC_EVENT_NFIELDS],
                             uint8_t prev[DC_HASH_LEN], uint8_t hash[DC_HASH_LEN])
{
    static const bool ints[DC_EVENT_NFIELDS] = {
#define DC_X(col, is_int) is_int,
        DC_EVENT_FIELDS(DC_X)
#undef DC_X
    };
    for (int i = 0; i < DC_EVENT_NFIELDS; i++) {
        int t = sqlite3_column_type(s, i);
        v[i].is_int = ints[i];
        v[i].i = 0;
        v[i].s = NULL;
        if (ints[i]) {
            if (t != SQLITE_INTEGER)
                return DC_E_VERIFY_FAILED;
            v[i].i = sqlite3_column_int64(s, i);
        } else {
            if (t != SQLITE_TEXT)
                return DC_E_VERIFY_FAILED;
            v[i].s = (const char *)sqlite3_column_text(s, i);
            /* An embedded NUL would hide bytes from the hash: the stored length must match. */
            if (!v[i].s || (size_t)sqlite3_column_bytes(s, i) != strlen(v[i].s))
                return DC_E_VERIFY_FAILED;
        }
    }
    for (int h = 0; h < 2; h++) {
        int col = DC_EVENT_NFIELDS + h;
        if (sqlite3_column_type(s, col) != SQLITE_BLOB ||
            sqlite3_column_bytes(s, col) != DC_HASH_LEN)
            return DC_E_VERIFY_FAILED;
        memcpy(h ? hash : prev, sqlite3_column_blob(s, col), DC_HASH_LEN);
    }
    return DC_E_OK;
}

static dc_err_t row_event(sqlite3_stmt *s, dc_event_t *ev)
{
    dc_value_t v[DC_EVENT_NFIELDS];
    uint8_t prev[DC_HASH_LEN], hash[DC_HASH_LEN];
    dc_err_t e = dc_store_row_values(s, v, prev, hash);
    if (!e)
        e = dc_event_from_values(v, ev);
    if (e)
        return DC_E_DB_CORRUPT;
    memcpy(ev->prev_hash, prev, DC_HASH_LEN);
    memcpy(ev->hash, hash, DC_HASH_LEN);
    return DC_E_OK;
}

/* A prepared statement of the append path, kept for the life of the connection: preparing
 * costs more than running them. Give it back with release(), never finalize it. */
static dc_err_t cached(dc_store_t *st, const char *sql, sqlite3_stmt **out)
{
    int i = 0;
    for (; i < 16 && st->cache[i]; i++) {
        if (strcmp(st->cache_sql[i], sql) == 0) {
            *out = st->cache[i];
            return DC_E_OK;
        }
    }
    int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    if (rc != SQLITE_OK)
        return dc_store_sqlerr(st, rc);
    if (i < 16) {
        st->cache[i] = *out;
        st->cache_sql[i] = sql;
    }
    return DC_E_OK;
}

static void release(dc_store_t *st, sqlite3_stmt *s)
{
    for (int i = 0; i < 16; i++) {
        if (st->cache[i] == s) {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return;
        }
    }
    sqlite3_finalize(s);
}

/* Run a prepared statement with one text parameter and read one row with reader. */
static dc_err_t get_one(dc_store_t *st, const char *sql, const char *param,
                        dc_err_t (*reader)(sqlite3_stmt *, void *), void *out)
{
    sqlite3_stmt *s;
    dc_err_t e = cached(st, sql, &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, param, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        e = reader(s, out);
    else
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    release(st, s);
    return e;
}

static dc_err_t read_item(sqlite3_stmt *s, void *out)
{
    return dc_store_row_item(s, out);
}

static dc_err_t read_staff(sqlite3_stmt *s, void *out)
{
    return dc_store_row_staff(s, out);
}

dc_err_t dc_store_item_get(dc_store_t *st, const char *code, dc_item_t *out)
{
    return get_one(st, "SELECT " ITEM_COLS " FROM items WHERE code = ?", code, read_item, out);
}

dc_err_t dc_store_staff_get(dc_store_t *st, const char *badge, dc_staff_t *out)
{
    return get_one(st, "SELECT " STAFF_COLS " FROM staff WHERE badge = ?", badge, read_staff, out);
}

dc_err_t dc_store_event_get(dc_store_t *st, int64_t seq, dc_event_t *out)
{
    /* Kept prepared: the monthly check looks up the take-out of every return. */
    sqlite3_stmt *s;
    dc_err_t e = cached(st, st->select_event, &s);
    if (e)
        return e;
    sqlite3_bind_int64(s, 1, seq);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        e = row_event(s, out);
    else
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    release(st, s);
    return e;
}

/* Step s, giving each row's event to cb until it returns nonzero; the caller resets or
 * finalises s. The event is on the heap: it is large, and callbacks may recurse. */
static dc_err_t walk_events(dc_store_t *st, sqlite3_stmt *s, dc_event_cb cb, void *ctx)
{
    dc_event_t *ev = malloc(sizeof *ev);
    if (!ev)
        return DC_E_NOMEM;
    dc_err_t e = DC_E_OK;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((e = row_event(s, ev)) || cb(ev, ctx))
            break;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    free(ev);
    return e;
}

dc_err_t dc_store_corrections_of(dc_store_t *st, int64_t seq, dc_event_cb cb, void *ctx)
{
    /* Kept prepared: every event a reader is shown asks for its corrections (desk/query.h). */
    sqlite3_stmt *s;
    dc_err_t e = cached(st, st->select_corrections, &s);
    if (e)
        return e;
    sqlite3_bind_int64(s, 1, seq);
    e = walk_events(st, s, cb, ctx);
    release(st, s);
    return e;
}

/* The staff and item records an event names, for the rules. */
typedef struct {
    dc_staff_t actor, second, carrier, subject;
    dc_item_t item, dest;
    dc_event_t linked;
    char sealed[8];
    char prev_month[8];
    dc_rules_ctx_t ctx;
} lookup_t;

static dc_err_t lookup_staff(dc_store_t *st, const char *badge, dc_staff_t *buf,
                             const dc_staff_t **out)
{
    *out = NULL;
    if (!badge[0])
        return DC_E_OK;
    dc_err_t e = dc_store_staff_get(st, badge, buf);
    if (e == DC_E_NOT_FOUND)
        return DC_E_OK;
    if (!e)
        *out = buf;
    return e;
}

/* The month of the latest event that dates the ledger's work (dc_evtype_is_counter_noise
 * events do not), "" when none: a seal may not run more than a month ahead of it. */
static dc_err_t prev_month(dc_store_t *st, char out[8])
{
    sqlite3_stmt *s;
    out[0] = '\0';
    dc_err_t e = cached(st, "SELECT type, ts_ms, tz_min FROM events ORDER BY seq DESC", &s);
    if (e)
        return e;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dc_evtype_t t;
        if (dc_evtype_parse(col_text(s, 0), &t) && !dc_evtype_is_counter_noise(t)) {
            dc_event_local_month(sqlite3_column_int64(s, 1), (int32_t)sqlite3_column_int(s, 2),
                                 out);
            break;
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    release(st, s);
    return e;
}

static dc_err_t lookup(dc_store_t *st, const dc_event_t *ev, lookup_t *l)
{
    dc_err_t e;
    memset(&l->ctx, 0, sizeof l->ctx);
    if ((e = lookup_staff(st, ev->actor, &l->actor, &l->ctx.actor)) ||
        (e = lookup_staff(st, ev->second, &l->second, &l->ctx.second)) ||
        (e = lookup_staff(st, ev->carrier, &l->carrier, &l->ctx.carrier)) ||
        (e = lookup_staff(st, ev->subject, &l->subject, &l->ctx.subject)))
        return e;
    if (ev->item[0]) {
        e = dc_store_item_get(st, ev->item, &l->item);
        if (!e)
            l->ctx.item = &l->item;
        else if (e != DC_E_NOT_FOUND)
            return e;
    }
    if (ev->type == DC_EV_ENROLL) {
        int64_t n = 0;
        if ((e = query_int(st, "SELECT count(*) FROM staff", &n)))
            return e;
        l->ctx.roster_empty = n == 0;
    }
    if (ev->type == DC_EV_DISPOSE || ev->type == DC_EV_CORRECTION) {
        /* The same line verify draws (schema/006): a ledger's records from before it were not
         * judged by kind. Every record made since is after it, so a line past the next record
         * was moved: it counts only with its MAC (schema/007), which another tool cannot make.
         * The MAC is computed only then, so a ledger without the MAC key is not asked for it. */
        int64_t legacy = 0;
        if ((e = query_int(st,
                           "SELECT CASE WHEN coalesce(max(seq), 0) + 1 < coalesce((SELECT "
                           "CAST(value AS INTEGER) FROM meta WHERE key = "
                           "'disposal_rules_from_seq'), 0) THEN coalesce((SELECT value FROM meta "
                           "WHERE key = 'disposal_rules_from_seq_mac') = lower(hex(daicho_mac("
                           "(SELECT value FROM meta WHERE key = 'row_mac_key'), 'meta', "
                           "'disposal_rules_from_seq', (SELECT value FROM meta WHERE key = "
                           "'disposal_rules_from_seq')))), 0) ELSE 0 END FROM events",
                           &legacy)))
            return e;
        l->ctx.legacy_disposal = legacy != 0;
    }
    if (ev->type == DC_EV_CORRECTION && ev->link_seq > 0) {
        e = dc_store_event_get(st, ev->link_seq, &l->linked);
        if (!e)
            l->ctx.linked = &l->linked;
        else if (e != DC_E_NOT_FOUND)
            return e;
    }
    if (ev->type == DC_EV_RECEIVE && !l->ctx.linked && l->ctx.item &&
        l->item.state == DC_STATE_TRANSIT && l->item.state_seq > 0) {
        /* The transport this arrival closes: its sender may not record the arrival. */
        e = dc_store_event_get(st, l->item.state_seq, &l->linked);
        if (!e)
            l->ctx.linked = &l->linked;
        else if (e != DC_E_NOT_FOUND)
            return e;
    }
    if (ev->type == DC_EV_RELABEL && ev->dest_item[0]) {
        e = dc_store_item_get(st, ev->dest_item, &l->dest);
        if (!e)
            l->ctx.dest = &l->dest;
        else if (e != DC_E_NOT_FOUND)
            return e;
    }
    /* Every event: a sealed month is closed to all of them. */
    int64_t seal_seq;
    e = dc_store_last_seal(st, l->sealed, &seal_seq);
    if (e && e != DC_E_NOT_FOUND)
        return e;
    l->ctx.last_sealed = l->sealed;
    if (ev->type == DC_EV_MONTHLY_CHECK) {
        if ((e = prev_month(st, l->prev_month)))
            return e;
        l->ctx.prev_month = l->prev_month;
    }
    return DC_E_OK;
}

/* Under the write lock: the take-out a return closes and the transport an arrival closes are
 * the item's current ones, and where an arrival goes is where its transport went. */
static void resolve_link(dc_event_t *ev, lookup_t *l)
{
    const dc_item_t *it = l->ctx.item;
    if (!it || ev->link_seq || it->state_seq <= 0)
        return;
    if ((ev->type == DC_EV_RETURN && it->state == DC_STATE_OUT) ||
        (ev->type == DC_EV_RECEIVE && it->state == DC_STATE_TRANSIT))
        ev->link_seq = it->state_seq;
    if (ev->type == DC_EV_RECEIVE && !ev->to_place[0] && l->ctx.linked &&
        l->ctx.linked->seq == ev->link_seq)
        memcpy(ev->to_place, l->ctx.linked->to_place, sizeof ev->to_place);
}

dc_err_t dc_store_check(dc_store_t *st, const dc_event_t *ev)
{
    lookup_t *l = malloc(sizeof *l);
    dc_event_t *c = malloc(sizeof *c);
    dc_err_t e = l && c ? DC_E_OK : DC_E_NOMEM;
    if (!e) {
        *c = *ev;
        e = lookup(st, c, l);
    }
    if (!e) {
        resolve_link(c, l);
        e = dc_rules_check(c, &l->ctx);
    }
    free(c);
    free(l);
    return e;
}

static dc_err_t save_item(dc_store_t *st, const dc_item_t *it)
{
    sqlite3_stmt *s;
    dc_err_t e = cached(
        st, "INSERT OR REPLACE INTO items(" ITEM_COLS ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, it->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, dc_category_name(it->category), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, dc_kind_name(it->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, it->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, it->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, it->section, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 7, it->personal);
    sqlite3_bind_int(s, 8, it->my_number);
    sqlite3_bind_text(s, 9, it->notes, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, dc_state_name(it->state), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 11, it->state_seq);
    sqlite3_bind_text(s, 12, it->holder, -1, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    release(st, s);
    return e;
}

static dc_err_t save_staff(dc_store_t *st, const dc_staff_t *sf)
{
    sqlite3_stmt *s;
    dc_err_t e =
        cached(st, "INSERT OR REPLACE INTO staff(" STAFF_COLS ") VALUES(?,?,?,?,?,?,?)", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, sf->badge, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, sf->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, sf->kana, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, sf->section, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, dc_role_name(sf->role), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, sf->designated, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, sf->released, -1, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    release(st, s);
    return e;
}

/* Number, chain, write one event and update the derived state. */
static dc_err_t append_one(dc_store_t *st, dc_event_t *ev, lookup_t *l, int64_t seq, int64_t group,
                           const uint8_t prev[DC_HASH_LEN])
{
    dc_value_t v[DC_EVENT_NFIELDS];
    ev->seq = seq;
    ev->group_seq = group;
    memcpy(ev->prev_hash, prev, DC_HASH_LEN);
    dc_event_values(ev, v);
    dc_chain_hash(prev, v, ev->hash);

    sqlite3_stmt *s = st->insert_event;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    for (int i = 0; i < DC_EVENT_NFIELDS; i++) {
        if (v[i].is_int)
            sqlite3_bind_int64(s, i + 1, v[i].i);
        else
            sqlite3_bind_text(s, i + 1, v[i].s, -1, SQLITE_STATIC);
    }
    sqlite3_bind_blob(s, DC_EVENT_NFIELDS + 1, ev->prev_hash, DC_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(s, DC_EVENT_NFIELDS + 2, ev->hash, DC_HASH_LEN, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    dc_err_t e = dc_store_sqlerr(st, rc);
    if (!e)
        e = dc_store_tree_add(st, seq, prev, ev->hash);
    if (e)
        return e;

    if (ev->type == DC_EV_RELABEL) {
        dc_rules_relabelled(ev, &l->item, &l->dest);
        if ((e = save_item(st, &l->dest)))
            return e;
    }
    if (dc_evtype_has_item(ev->type) && ev->type != DC_EV_COPY) {
        dc_rules_apply_item(ev, &l->item);
        if ((e = save_item(st, &l->item)))
            return e;
    }
    if (ev->type == DC_EV_ENROLL || ev->type == DC_EV_RELEASE) {
        dc_rules_apply_staff(ev, &l->subject);
        if ((e = save_staff(st, &l->subject)))
            return e;
    }
    /* A setting takes effect in the same transaction that records who changed it. */
    if (ev->type == DC_EV_SETTING && (e = dc_store_meta_set(st, ev->purpose, ev->detail)))
        return e;
    return DC_E_OK;
}

static dc_err_t append_all(dc_store_t *st, dc_event_t *evs, int n, int *failed, bool commit);

dc_err_t dc_store_append(dc_store_t *st, dc_event_t *evs, int n, int *failed)
{
    return append_all(st, evs, n, failed, true);
}

dc_err_t dc_store_trial(dc_store_t *st, dc_event_t *evs, int n, int *failed)
{
    return append_all(st, evs, n, failed, false);
}

static dc_err_t append_all(dc_store_t *st, dc_event_t *evs, int n, int *failed, bool commit)
{
    DC_EXPECT(st && evs && n > 0);
    if (failed)
        *failed = -1;
    lookup_t *l = malloc(sizeof *l);
    if (!l)
        return DC_E_NOMEM;
    int64_t count;
    uint8_t head[DC_HASH_LEN];
    /* Within dc_store_bulk_begin's transaction an append is a savepoint of it. */
    dc_err_t e = exec(st, st->bulk ? "SAVEPOINT dc_append" : "BEGIN IMMEDIATE");
    if (e)
        goto out_free;
    /* Holding SQLite's write lock: never commit into a file that is no longer the ledger's. */
    if (!st->bulk && (e = dc_store_same_file(st)))
        goto out;
    if ((e = dc_store_head(st, &count, head)))
        goto out;
    for (int i = 0; i < n; i++) {
        dc_event_t *ev = &evs[i];
        /* Stamped and linked now that no other program can write in between. */
        if (ev->stamped_ms && ev->ts_ms == ev->stamped_ms && st->now_ms)
            ev->ts_ms = ev->stamped_ms = st->now_ms();
        if (!(e = dc_event_check_text(ev)) && !(e = lookup(st, ev, l))) {
            resolve_link(ev, l);
            e = dc_rules_check(ev, &l->ctx);
        }
        if (!e)
            e = append_one(st, ev, l, count + 1 + i, count + 1, i ? evs[i - 1].hash : head);
        if (e) {
            if (failed)
                *failed = i;
            goto out;
        }
    }
    if (commit)
        e = exec(st, st->bulk ? "RELEASE dc_append" : "COMMIT");
out:
    if (e || !commit) {
        sqlite3_exec(st->db, st->bulk ? "ROLLBACK TO dc_append; RELEASE dc_append" : "ROLLBACK",
                     NULL, NULL, NULL);
        dc_store_tree_forget(st);
    }
out_free:
    free(l);
    return e;
}

dc_err_t dc_store_head(dc_store_t *st, int64_t *count, uint8_t head[DC_HASH_LEN])
{
    sqlite3_stmt *s;
    dc_err_t e = cached(st, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", &s);
    if (e)
        return e;
    int rc = sqlite3_step(s);
    *count = 0;
    memset(head, 0, DC_HASH_LEN);
    if (rc == SQLITE_ROW) {
        *count = sqlite3_column_int64(s, 0);
        if (sqlite3_column_bytes(s, 1) == DC_HASH_LEN)
            memcpy(head, sqlite3_column_blob(s, 1), DC_HASH_LEN);
        else
            e = DC_E_DB_CORRUPT;
    } else if (rc != SQLITE_DONE) {
        e = dc_store_sqlerr(st, rc);
    }
    release(st, s);
    return e;
}

dc_err_t dc_store_items_each(dc_store_t *st, dc_state_t state, dc_item_cb cb, void *ctx)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st,
                         state == DC_STATE_NONE ? "SELECT " ITEM_COLS " FROM items ORDER BY code"
                                                : "SELECT " ITEM_COLS
                                                  " FROM items WHERE state = ? ORDER BY code",
                         &s);
    if (e)
        return e;
    if (state != DC_STATE_NONE)
        sqlite3_bind_text(s, 1, dc_state_name(state), -1, SQLITE_STATIC);
    dc_item_t it;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((e = dc_store_row_item(s, &it)) || cb(&it, ctx))
            break;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_staff_each(dc_store_t *st, dc_staff_cb cb, void *ctx)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st,
                         "SELECT " STAFF_COLS " FROM staff ORDER BY CASE role WHEN 'admin' THEN 0 "
                         "WHEN 'manager' THEN 1 ELSE 2 END, kana, badge",
                         &s);
    if (e)
        return e;
    dc_staff_t sf;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((e = dc_store_row_staff(s, &sf)) || cb(&sf, ctx))
            break;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}

/* Walk the events a query selects; the query's parameters are bound by bind. */
static dc_err_t events_each(dc_store_t *st, const char *where, int64_t a, int64_t b,
                            const char *text, dc_event_cb cb, void *ctx)
{
    char sql[2400];
    snprintf(sql, sizeof sql, "%s %s ORDER BY seq", st->select_events, where);
    sqlite3_stmt *s;
    dc_err_t e = prepare(st, sql, &s);
    if (e)
        return e;
    if (text) {
        sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_int64(s, 1, a);
        sqlite3_bind_int64(s, 2, b);
    }
    e = walk_events(st, s, cb, ctx);
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_events_between(dc_store_t *st, int64_t from_ms, int64_t to_ms, dc_event_cb cb,
                                 void *ctx)
{
    /* Rows in seq order between the first and last seq of the range (found in the time index),
     * rather than every row of the range sorted by seq: no sort of whole rows. The unary plus
     * keeps the time index out of the outer loop. */
    return events_each(st,
                       "WHERE seq BETWEEN (SELECT min(seq) FROM events WHERE ts_ms >= ?1 AND "
                       "ts_ms < ?2) AND (SELECT max(seq) FROM events WHERE ts_ms >= ?1 AND "
                       "ts_ms < ?2) AND +ts_ms >= ?1 AND +ts_ms < ?2",
                       from_ms, to_ms, NULL, cb, ctx);
}

dc_err_t dc_store_events_for_item(dc_store_t *st, const char *code, dc_event_cb cb, void *ctx)
{
    return events_each(st, "WHERE item = ?1 OR dest_item = ?1", 0, 0, code, cb, ctx);
}

dc_err_t dc_store_checkpoint_idle(dc_store_t *st)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    return rc == SQLITE_BUSY ? DC_E_OK : dc_store_sqlerr(st, rc);
}

dc_err_t dc_store_seals_each(dc_store_t *st, dc_event_cb cb, void *ctx)
{
    /* Written out, not bound, so that the small partial index of seals is used. */
    return events_each(st, "WHERE type = 'monthly-check'", 0, 0, NULL, cb, ctx);
}

dc_err_t dc_store_events_linked(dc_store_t *st, int64_t seq, dc_event_cb cb, void *ctx)
{
    return events_each(st, "WHERE link_seq = ?1 AND link_seq <> 0", seq, 0, NULL, cb, ctx);
}

dc_err_t dc_store_open_handovers(dc_store_t *st, int64_t before_ms, dc_event_cb cb, void *ctx)
{
    /* Only candidates are looked at, so the cost follows what is open rather than the years of
     * take-outs before: what is out or in transit now (an item leaves "out" only by a return
     * and "in transit" only by an arrival, each linked to what it closes) and what was closed
     * at or after before_ms. */
    return events_each(st,
                       "WHERE seq IN (SELECT state_seq FROM items WHERE state IN ('out','transit') "
                       "UNION SELECT link_seq FROM events WHERE ts_ms >= ?1 AND link_seq <> 0 AND "
                       "+type IN ('return','receive')) "
                       "AND type IN ('take-out','transport') AND ts_ms < ?1 AND NOT EXISTS "
                       "(SELECT 1 FROM events r WHERE r.link_seq = events.seq AND r.link_seq <> 0 "
                       "AND r.type IN ('return','receive') AND r.ts_ms < ?1)",
                       before_ms, 0, NULL, cb, ctx);
}

dc_err_t dc_store_last_seal(dc_store_t *st, char month[8], int64_t *seq)
{
    sqlite3_stmt *s;
    month[0] = '\0';
    *seq = 0;
    dc_err_t e = cached(st,
                        "SELECT seq, purpose FROM events WHERE type = 'monthly-check' "
                        "ORDER BY seq DESC LIMIT 1",
                        &s);
    if (e)
        return e;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(s, 0);
        if (!dc_copy(month, 8, col_text(s, 1)))
            e = DC_E_DB_CORRUPT;
    } else {
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    }
    release(st, s);
    return e;
}

dc_err_t dc_store_pin_set(dc_store_t *st, const char *badge, const char *hash)
{
    sqlite3_stmt *s;
    dc_err_t e = dc_store_same_file(st);
    if (e)
        return e;
    e = prepare(st,
                "INSERT INTO credentials(badge,pin_hash) VALUES(?,?) "
                "ON CONFLICT(badge) DO UPDATE SET pin_hash = excluded.pin_hash, "
                "failures = 0, locked = 0, last_fail_ms = 0",
                &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_pin_get(dc_store_t *st, const char *badge, char *hash, size_t cap)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st, "SELECT pin_hash FROM credentials WHERE badge = ?", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        e = dc_copy(hash, cap, col_text(s, 0)) ? DC_E_OK : DC_E_TOO_LONG;
    else
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    sqlite3_finalize(s);
    return e;
}

/* failures, locked and last_fail_ms of a badge's credentials. */
static dc_err_t pin_row(dc_store_t *st, const char *badge, int *failures, bool *locked,
                        int64_t *last_fail_ms)
{
    sqlite3_stmt *s;
    dc_err_t e =
        prepare(st, "SELECT failures, locked, last_fail_ms FROM credentials WHERE badge = ?", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *failures = sqlite3_column_int(s, 0);
        *locked = sqlite3_column_int(s, 1) != 0;
        *last_fail_ms = sqlite3_column_int64(s, 2);
    } else {
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    }
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_pin_state(dc_store_t *st, const char *badge, int *failures, bool *locked)
{
    int64_t last;
    return pin_row(st, badge, failures, locked, &last);
}

/* The same delay as PIN_DELAY_SQL below (and dc_desk_pin_delay_ms). */
static int64_t pin_delay_ms(int failures)
{
    return failures <= 0 ? 0 : 1000LL << (failures > 10 ? 9 : failures - 1);
}

dc_err_t dc_store_pin_wait(dc_store_t *st, const char *badge, int64_t now_ms, int64_t *wait_ms)
{
    int failures;
    bool locked;
    int64_t last;
    *wait_ms = 0;
    dc_err_t e = pin_row(st, badge, &failures, &locked, &last);
    if (!e && failures > 0 && last > 0) {
        int64_t until = last + pin_delay_ms(failures);
        *wait_ms = until > now_ms ? until - now_ms : 0;
    }
    return e;
}

/* Run one UPDATE of credentials for badge; DC_E_NOT_FOUND when no row changed. */
static dc_err_t pin_update(dc_store_t *st, const char *sql, const char *badge, int arg)
{
    sqlite3_stmt *s;
    dc_err_t e = dc_store_same_file(st);
    if (e)
        return e;
    e = prepare(st, sql, &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(s) > 1)
        sqlite3_bind_int(s, 2, arg);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    if (!e && sqlite3_changes(st->db) == 0)
        e = DC_E_NOT_FOUND;
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_pin_attempt(dc_store_t *st, const char *badge, int *failures)
{
    bool locked;
    dc_err_t e =
        pin_update(st, "UPDATE credentials SET failures = failures + 1 WHERE badge = ?", badge, 0);
    return e ? e : dc_store_pin_state(st, badge, failures, &locked);
}

/* The delay after n wrong PINs, in SQL: 0, then 1, 2, 4, 8 s... (capped at 512 s). */
#define PIN_DELAY_SQL "(CASE WHEN failures = 0 THEN 0 ELSE (1000 << min(failures - 1, 9)) END)"

dc_err_t dc_store_pin_begin(dc_store_t *st, const char *badge, int lock_at, int64_t now_ms,
                            char *hash, size_t cap, int *failures, int64_t *wait_ms)
{
    sqlite3_stmt *s = NULL;
    bool locked = false;
    int64_t last = 0;
    *failures = 0;
    *wait_ms = 0;
    dc_err_t e = dc_store_same_file(st);
    if (e)
        return e;
    /* The write lock first: the count, the limit and the wait are decided by one statement that
     * no other process can interleave with, so at most lock_at PINs are ever compared for a
     * badge between two resets, however many programs try at once. */
    if ((e = exec(st, "BEGIN IMMEDIATE")))
        return e;
    e = prepare(st,
                "UPDATE credentials SET failures = failures + 1 WHERE badge = ?1 AND locked = 0 "
                "AND failures < ?2 AND ?3 >= last_fail_ms + " PIN_DELAY_SQL " "
                "RETURNING failures, pin_hash",
                &s);
    if (e)
        goto out;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, lock_at);
    sqlite3_bind_int64(s, 3, now_ms);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *failures = sqlite3_column_int(s, 0);
        e = dc_copy(hash, cap, col_text(s, 1)) ? DC_E_OK : DC_E_TOO_LONG;
        rc = sqlite3_step(s);
    }
    if (rc != SQLITE_DONE) {
        e = dc_store_sqlerr(st, rc);
        goto out;
    }
    if (e || *failures > 0)
        goto out;
    /* Not admitted: say why, from the same transaction. */
    if ((e = pin_row(st, badge, failures, &locked, &last)))
        goto out;
    if (locked) {
        e = DC_E_PIN_LOCKED;
    } else if (*failures >= lock_at) {
        /* lock_at attempts are already being checked elsewhere: this one makes the lock. */
        e = pin_update(st, "UPDATE credentials SET locked = 1 WHERE badge = ?", badge, 0);
        if (!e)
            e = DC_E_PIN_LOCKED;
    } else {
        int64_t until = last + pin_delay_ms(*failures);
        *wait_ms = until > now_ms ? until - now_ms : 1;
        e = DC_E_PIN_WAIT;
    }
out:
    sqlite3_finalize(s);
    /* A refusal that locked the badge is kept as much as an admitted attempt. */
    if (!e || e == DC_E_PIN_LOCKED || e == DC_E_PIN_WAIT) {
        dc_err_t ce = exec(st, "COMMIT");
        if (ce) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return ce;
        }
        return e;
    }
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return e;
}

dc_err_t dc_store_pin_wrong(dc_store_t *st, const char *badge, int lock_at, int64_t now_ms,
                            int *failures, bool *locked)
{
    sqlite3_stmt *s;
    dc_err_t e = dc_store_same_file(st);
    if (e)
        return e;
    e = prepare(st,
                "UPDATE credentials SET last_fail_ms = max(last_fail_ms, ?3), "
                "locked = CASE WHEN failures >= ?2 THEN 1 ELSE locked END WHERE badge = ?1 "
                "RETURNING failures, locked",
                &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, lock_at);
    sqlite3_bind_int64(s, 3, now_ms);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *failures = sqlite3_column_int(s, 0);
        *locked = sqlite3_column_int(s, 1) != 0;
        rc = sqlite3_step(s);
        e = rc == SQLITE_DONE ? DC_E_OK : dc_store_sqlerr(st, rc);
    } else {
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    }
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_pin_right(dc_store_t *st, const char *badge)
{
    /* A badge locked while this PIN was being compared stays locked: the attempts around it
     * were an attack, and the right PIN among them does not clear them. */
    dc_err_t e = pin_update(st,
                            "UPDATE credentials SET failures = 0, last_fail_ms = 0 "
                            "WHERE badge = ? AND locked = 0",
                            badge, 0);
    return e == DC_E_NOT_FOUND ? DC_E_PIN_LOCKED : e;
}

dc_err_t dc_store_pin_fail(dc_store_t *st, const char *badge, int lock_at, bool *locked)
{
    int failures;
    dc_err_t e = pin_update(st,
                            "UPDATE credentials SET locked = 1 WHERE badge = ?1 AND "
                            "failures >= ?2",
                            badge, lock_at);
    if (e && e != DC_E_NOT_FOUND)
        return e;
    return dc_store_pin_state(st, badge, &failures, locked);
}

dc_err_t dc_store_pin_reset(dc_store_t *st, const char *badge, bool unlock)
{
    return pin_update(st,
                      unlock ? "UPDATE credentials SET failures = 0, locked = 0, last_fail_ms = 0 "
                               "WHERE badge = ?"
                             : "UPDATE credentials SET failures = 0, last_fail_ms = 0 "
                               "WHERE badge = ?",
                      badge, 0);
}

dc_err_t dc_store_pin_drop(dc_store_t *st, const char *badge)
{
    return pin_update(st, "DELETE FROM credentials WHERE badge = ?", badge, 0);
}

dc_err_t dc_store_enrol_code_put(dc_store_t *st, const char *badge, const char *hash,
                                 int64_t expires_ms, const char *issued_by)
{
    sqlite3_stmt *s;
    dc_err_t e = dc_store_same_file(st);
    if (e)
        return e;
    e = prepare(st,
                "INSERT INTO enrol_codes(badge,code_hash,expires_ms,issued_by) VALUES(?,?,?,?) "
                "ON CONFLICT(badge) DO UPDATE SET code_hash = excluded.code_hash, "
                "expires_ms = excluded.expires_ms, issued_by = excluded.issued_by",
                &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, expires_ms);
    sqlite3_bind_text(s, 4, issued_by, -1, SQLITE_STATIC);
    e = dc_store_sqlerr(st, sqlite3_step(s));
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_enrol_code_get(dc_store_t *st, const char *badge, char *hash, size_t cap,
                                 int64_t *expires_ms)
{
    sqlite3_stmt *s;
    dc_err_t e = prepare(st, "SELECT code_hash, expires_ms FROM enrol_codes WHERE badge = ?", &s);
    if (e)
        return e;
    sqlite3_bind_text(s, 1, badge, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        e = dc_copy(hash, cap, col_text(s, 0)) ? DC_E_OK : DC_E_TOO_LONG;
        *expires_ms = sqlite3_column_int64(s, 1);
    } else {
        e = rc == SQLITE_DONE ? DC_E_NOT_FOUND : dc_store_sqlerr(st, rc);
    }
    sqlite3_finalize(s);
    return e;
}

dc_err_t dc_store_enrol_code_drop(dc_store_t *st, const char *badge)
{
    return pin_update(st, "DELETE FROM enrol_codes WHERE badge = ?", badge, 0);
}

typedef struct {
    int64_t group;
    dc_event_cb cb;
    void *ctx;
} group_walk_t;

static int group_member(const dc_event_t *ev, void *ctx)
{
    group_walk_t *g = ctx;
    /* A record's events are numbered together, so the first outsider ends it. */
    if (ev->group_seq != g->group)
        return 1;
    return g->cb(ev, g->ctx);
}

dc_err_t dc_store_events_in_group(dc_store_t *st, int64_t group, dc_event_cb cb, void *ctx)
{
    group_walk_t g = {group, cb, ctx};
    return events_each(st, "WHERE seq >= ?1 AND seq < ?2", group, INT64_MAX, NULL, group_member,
                       &g);
}
