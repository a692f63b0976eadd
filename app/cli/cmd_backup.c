/* backup, restore, rekey: copies of the ledger and key rotation (desk/backup.h). */
#include <string.h>

#include "cli/cli.h"
#include "desk/backup.h"

/* The verification line of a copy, in verify's own form, so that scripts read one format. */
static int report(dc_err_t e, const dc_verify_t *rep, const char *context)
{
    if (e == DC_E_VERIFY_FAILED) {
        if (rep->bad_seq)
            printf("FAILED at seq %lld: %s\n", (long long)rep->bad_seq, rep->what);
        else
            printf("FAILED: %s\n", rep->what);
    }
    if (e == DC_E_DB_BUSY)
        context = "daicho を止めてから実行してください / stop the kiosk first "
                  "(systemctl stop daicho), then run this again";
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
    if ((rc = report(e, &rep, e == DC_E_DB_EXISTS ? to : dc_store_detail(c->st))))
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
    if ((rc = report(e, &rep, from)))
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
    dc_err_t e = dc_desk_rekey(c->db, c->key, nk, &rep);
    if (e == DC_E_USAGE)
        return dc_cli_usage("the new key is the current key: give another key file");
    if ((rc = report(e, &rep, c->db)))
        return rc;
    printf("鍵を変更しました / Re-encrypted with the new key, now in %s\n"
           "以前のバックアップは古い鍵で開きます。古い鍵を保管してください / Backups made before "
           "keep the old key: keep it with them\n",
           c->key);
    return DC_EXIT_OK;
}
