/* backup, restore, rekey: copies of the ledger and key rotation (desk/backup.h). */
#include <string.h>

#include "cli/cli.h"
#include "desk/backup.h"

/* The verification line of a copy, in verify's own form, so that scripts read one format.
 * db names the ledger, to say who holds it when it is busy. */
static int report(dc_err_t e, const dc_verify_t *rep, const char *context, const char *db)
{
    char busy[1024];
    if (e == DC_E_VERIFY_FAILED) {
        if (rep->bad_seq)
            printf("FAILED at seq %lld: %s\n", (long long)rep->bad_seq, rep->what);
        else
            printf("FAILED: %s\n", rep->what);
    }
    if (e == DC_E_DB_BUSY) {
        char who[512];
        dc_desk_ledger_holders(db, who, sizeof who);
        snprintf(busy, sizeof busy,
                 "台帳を開いているプログラム / held open by: %s\n"
                 "daicho-admin: 窓口端末を止めてから実行してください (systemctl stop daicho、または"
                 "保守モードで起動) / stop the kiosk first (systemctl stop daicho, or boot the "
                 "maintenance mode), then run this again",
                 who[0] ? who : "別のプログラム / another program");
        context = busy;
    }
    if (e)
        return dc_cli_fail(e, context);
    char hex[2 * DC_HASH_LEN + 1];
    dc_hex(rep->head, DC_HASH_LEN, hex);
    printf("OK %lld events, head %s\n", (long long)rep->events, hex);
    return DC_EXIT_OK;
}

/* The one path option a command takes. */
static const char *path_option(int argc, char **argv, const char *spec, const char *name,
                               const char *usage, int *rc)
{
    dc_args_t a;
    *rc = DC_EXIT_OK;
    const char *v = NULL;
    if (!dc_args_parse(&a, spec, argc, argv) || a.npos || !(v = dc_args_get(&a, name)) || !*v) {
        *rc = dc_cli_usage(a.error[0] ? a.error : usage);
        return NULL;
    }
    return v;
}

int dc_cli_open_ro(dc_cli_t *c, bool immutable)
{
    bool imm = false;
    dc_err_t e = dc_desk_open_ro(c->db, c->key, immutable, &c->st, &imm);
    if (e) {
        char ctx[DC_PATH_MAX + 32];
        bool about_key = e == DC_E_KEY_MISSING || e == DC_E_KEY_FORMAT || e == DC_E_KEY_PERMS ||
                         e == DC_E_KEY_NOT_FILE;
        snprintf(ctx, sizeof ctx, "%s: %s", about_key ? "key" : "database",
                 about_key ? c->key : c->db);
        return dc_cli_fail(e, ctx);
    }
    if (imm)
        fprintf(stderr, "daicho-admin: 読み取り専用・変更不可として開きました (-wal と -shm は読み"
                        "ません) / opened read-only and immutable (no -wal or -shm is read)\n");
    else
        fprintf(stderr, "daicho-admin: 読み取り専用で開きました / opened read-only\n");
    return DC_EXIT_OK;
}

int dc_cmd_backup(dc_cli_t *c, int argc, char **argv)
{
    int rc;
    const char *to = path_option(argc, argv, "to=", "to", "backup --to PATH", &rc);
    if (!to)
        return rc;
    if ((rc = dc_cli_open(c)))
        return rc;
    dc_verify_t rep;
    dc_err_t e = dc_desk_backup(c->st, c->key, to, &rep);
    if ((rc = report(e, &rep, e == DC_E_DB_EXISTS ? to : dc_desk_detail(c->st), c->db)))
        return rc;
    printf("バックアップ / Backup: %s (同じ鍵で暗号化 / encrypted with the same key)\n", to);
    return DC_EXIT_OK;
}

int dc_cmd_restore(dc_cli_t *c, int argc, char **argv)
{
    int rc;
    const char *from = path_option(argc, argv, "from=", "from", "restore --from PATH", &rc);
    if (!from)
        return rc;
    dc_verify_t rep;
    char kept[DC_PATH_MAX + 64];
    dc_err_t e = dc_desk_restore(c->db, c->key, from, &rep, kept, sizeof kept);
    if ((rc = report(e, &rep, from, c->db)))
        return rc;
    printf("復元しました / Restored: %s -> %s\n", from, c->db);
    if (kept[0])
        printf("元の台帳 / The previous ledger is kept as: %s\n", kept);
    return DC_EXIT_OK;
}

int dc_cmd_rekey(dc_cli_t *c, int argc, char **argv)
{
    int rc;
    const char *nk =
        path_option(argc, argv, "new-key-file=", "new-key-file", "rekey --new-key-file PATH", &rc);
    if (!nk)
        return rc;
    if (strcmp(nk, c->key) == 0)
        return dc_cli_usage("--new-key-file must not be the current key file");
    dc_verify_t rep;
    char kept[DC_PATH_MAX + 64];
    dc_err_t e = dc_desk_rekey_keep(c->db, c->key, nk, &rep, kept, sizeof kept);
    if (e == DC_E_USAGE)
        return dc_cli_usage("the new key is the current key: give another key file");
    if ((rc = report(e, &rep, e == DC_E_OUT_PROTECTED ? nk : c->db, c->db)))
        return rc;
    printf("鍵を変更しました / Re-encrypted with the new key, now in %s\n"
           "古い鍵 / The old key is kept as: %s\n"
           "以前のバックアップは古い鍵でしか開きません。古い鍵はバックアップと一緒に保管し、不要に"
           "なったら自分で削除してください (daicho は削除しません) / Backups made before open only "
           "with the old key: keep it with them, and remove it yourself when they are gone "
           "(daicho never removes it)\n",
           c->key, kept);
    return DC_EXIT_OK;
}
