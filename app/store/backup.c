/* Backup and key rotation at the SQLite level (see backup.h). */
#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/internal.h"

/* x'<64 hex>': SQLCipher's raw-key form, so no passphrase derivation is run. */
typedef char key_spec_t[2 * DC_STORE_KEY_LEN + 4];

static void key_spec(const uint8_t key[DC_STORE_KEY_LEN], key_spec_t out)
{
    out[0] = 'x';
    out[1] = '\'';
    sodium_bin2hex(out + 2, 2 * DC_STORE_KEY_LEN + 1, key, DC_STORE_KEY_LEN);
    out[2 + 2 * DC_STORE_KEY_LEN] = '\'';
    out[3 + 2 * DC_STORE_KEY_LEN] = '\0';
}

static dc_err_t must_not_exist(const char *path)
{
    struct stat sb;
    /* lstat: a dangling link would otherwise let SQLite create the file where it points. */
    if (lstat(path, &sb) == 0)
        return DC_E_DB_EXISTS;
    return errno == ENOENT ? DC_E_OK : DC_E_IO;
}

dc_err_t dc_store_backup(dc_store_t *st, const char *path, const uint8_t key[DC_STORE_KEY_LEN])
{
    DC_EXPECT(st && path && key);
    dc_err_t e = must_not_exist(path);
    if (e)
        return e;
    sqlite3 *dst = NULL;
    key_spec_t spec;
    int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        key_spec(key, spec);
        rc = sqlite3_key(dst, spec, (int)strlen(spec));
        sodium_memzero(spec, sizeof spec);
    }
    /* The copy is written once, in one go: a rollback journal, synced at its commit. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
        if (!b) {
            rc = sqlite3_errcode(dst);
        } else {
            /* All pages in one step: one read transaction on the source, one snapshot. */
            rc = sqlite3_backup_step(b, -1);
            int frc = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? frc : rc;
        }
    }
    if (rc != SQLITE_OK) {
        snprintf(st->detail, sizeof st->detail, "backup: %s",
                 dst ? sqlite3_errmsg(dst) : "cannot open");
        e = dc_store_sqlerr(NULL, rc);
    }
    if (sqlite3_close(dst) != SQLITE_OK && !e)
        e = DC_E_DB_IO;
    if (e)
        remove(path);
    return e;
}

dc_err_t dc_store_export(dc_store_t *st, const char *path, const uint8_t new_key[DC_STORE_KEY_LEN])
{
    DC_EXPECT(st && path && new_key);
    dc_err_t e = must_not_exist(path);
    if (e)
        return e;
    /* ATTACH opens with the main connection's flags, which do not create files. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return DC_E_IO;
    close(fd);
    key_spec_t spec;
    key_spec(new_key, spec);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "ATTACH DATABASE ?1 AS rekeyed KEY ?2", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, spec, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(s);
    sodium_memzero(spec, sizeof spec);
    if (rc != SQLITE_OK) {
        remove(path);
        return dc_store_sqlerr(st, rc);
    }

    int64_t version = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA main.user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            version = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    char sql[128];
    /* sqlcipher_export copies the tables, not the schema version, which migrations read. */
    snprintf(sql, sizeof sql,
             "PRAGMA rekeyed.synchronous=FULL; SELECT sqlcipher_export('rekeyed');"
             "PRAGMA rekeyed.user_version=%lld",
             (long long)version);
    rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    e = dc_store_sqlerr(st, rc);
    rc = sqlite3_exec(st->db, "DETACH DATABASE rekeyed", NULL, NULL, NULL);
    if (!e)
        e = dc_store_sqlerr(st, rc);
    if (e)
        remove(path);
    return e;
}

dc_err_t dc_store_checkpoint(dc_store_t *st)
{
    DC_EXPECT(st);
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    if (rc != SQLITE_OK)
        return dc_store_sqlerr(st, rc);
    return log == done ? DC_E_OK : DC_E_DB_BUSY;
}
