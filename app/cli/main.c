/* daicho-admin: the command-line face of the ledger, for setup, scripting and audits. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "desk/receipt.h"
#include "platform/safefile.h"

static const char usage_text[] =
    "使い方 / Usage: daicho-admin [--db PATH] [--key-file PATH] COMMAND ...\n"
    "\n"
    "  init [--terminal NAME] [--office NAME]      台帳を作成 / create the ledger (and key)\n"
    "  demo [--month YYYY-MM] [--seed N]           デモ台帳を作成 / build a demo ledger\n"
    "  bench-data --events N [--seed N] [--start YYYY-MM] [--per-day N]\n"
    "                                              ベンチマーク用台帳 / a benchmark ledger\n"
    "  staff add --name NAME --role staff|manager|admin [--badge CODE] [--section S]\n"
    "            [--kana K] [--designated YYYY-MM-DD] [--pin-stdin] [--actor BADGE]\n"
    "  staff release --badge CODE [--actor BADGE]\n"
    "  staff list | staff new-badge\n"
    "  item add --kind paper|cd|dvd|usb|hdd|sd|other --title T [--personal] [--my-number]\n"
    "           [--place P] [--section S] [--notes N] [--actor BADGE]\n"
    "  item show CODE | item list [--state in|out|transit|disposed|retired]\n"
    "  item relabel CODE --reason R [--new CODE] [--actor BADGE] [--print] [--printer SPEC]\n"
    "                                              ラベル貼替 / a new label, the old one retired\n"
    "  correct --event SEQ --reason R --actor BADGE --approver BADGE [--purpose P] [--to PLACE]\n"
    "          [--from PLACE] [--due D] [--recipient R] [--technique T] [--certificate N]\n"
    "          [--quantity N]                      記録の訂正 / correct a record (manager "
    "approves)\n"
    "  record take-out|return|copy|transport|receive|dispose --item CODE [--item CODE ...]\n"
    "         --actor BADGE [--approver BADGE] [--purpose P] [--to PLACE] [--from PLACE]\n"
    "         [--due YYYY-MM-DD] [--method clear|purge|destroy] [--technique T]\n"
    "         [--certificate N] [--masked] [--quantity N] [--carrier BADGE] [--locked-bag]\n"
    "         [--recipient R] [--dest-item CODE]\n"
    "  import items|staff FILE.csv [--dry-run] [--actor BADGE] [--print] [--printer SPEC]\n"
    "         [--sheet FILE.csv]                   目録・名簿の取込 / import inventory or roster\n"
    "  verify [--immutable]                        台帳を検証 (読み取り専用) / verify the ledger "
    "(read-only)\n"
    "  ledger --month YYYY-MM [--csv]              月の記録 / the month's events\n"
    "  ledger --month YYYY-MM --form takeout|copy-transport|receipt-disposal\n"
    "         [--format csv|pdf] [--out FILE] [--actor BADGE]\n"
    "                                              様式2/10/8 / the month's paper ledgers "
    "(logged)\n"
    "  inventory [--format csv|pdf] [--out FILE] [--actor BADGE]\n"
    "                                              様式1 情報資産目録 / the inventory (logged)\n"
    "  export --month YYYY-MM --medium CODE --to DIR --actor BADGE --approver BADGE\n"
    "                                              媒体へ書出し / the month to a medium (a copy)\n"
    "  check --month YYYY-MM                       月次点検 / the month's check and anomalies\n"
    "  check seal --month YYYY-MM --actor BADGE --pin-stdin [--printer SPEC]\n"
    "                                              点検の封印 / seal the month (managers)\n"
    "  settings [show] | settings set KEY VALUE [--actor BADGE]  設定 / settings (an event)\n"
    "  print label --item CODE | badge --badge CODE [--printer SPEC] [--paper P]\n"
    "                                              ラベル印刷 / print a label\n"
    "  print receipt --event SEQ [--printer SPEC] [--paper 58|80] [--actor BADGE]\n"
    "                                              控えの再発行 / reprint a receipt (logged)\n"
    "  receipt verify PAYLOAD|-                    控えの照合 / check a scanned receipt\n"
    "  proof inclusion --event SEQ [--size N] [--actor BADGE] | consistency --from N [--to M]\n"
    "                                              木の証明 / RFC 9162 proofs (inclusion logged)\n"
    "  proof check FILE|- [--key KEY] [--receipt PAYLOAD]\n"
    "                                              証明の検証 (台帳・鍵なし) / check one, no "
    "ledger\n"
    "  holidays [--year YYYY | --from YYYY --to YYYY]\n"
    "                                              祝日 (点検が閉庁日とする日) / public holidays\n"
    "  terminal show | export-key | trust KEY [--name NAME] | list\n"
    "                                              端末の鍵 / this terminal's key, trusted ones\n"
    "  printer show | set [--receipt SPEC] [--receipt-paper 58|80] [--label SPEC]\n"
    "                     [--label-paper 62x29|50x30|58|80]\n"
    "                                              プリンター設定 / printer settings\n"
    "  backup --to PATH                            バックアップ / online, encrypted copy\n"
    "  restore --from PATH                         復元 / verify a backup, then replace\n"
    "  rekey --new-key-file PATH                   鍵の変更 / re-encrypt with a new key (the old\n"
    "                                              key is kept as KEY.old-YYYYMMDDTHHMMSS)\n"
    "\n"
    "Defaults: --db ${XDG_DATA_HOME:-~/.local/share}/daicho/daicho.db and daicho.key beside it;\n"
    "under systemd /var/lib/daicho/daicho.db and $CREDENTIALS_DIRECTORY/daicho.key;\n"
    "DAICHO_DB and DAICHO_KEY_FILE override the defaults.\n"
    "Printers (SPEC): escpos:PATH (ESC/POS raster to a device such as /dev/usb/lp0) or\n"
    "png:PATH (a PNG preview). Papers: 58, 80 (mm rolls), 62x29, 50x30 (mm labels, 300 dpi).\n"
    "Exit: 0 ok, 1 refused or verification failed, 2 usage, 3 cannot open (key, file).\n";

typedef struct {
    const char *name;
    int (*run)(dc_cli_t *c, int argc, char **argv);
} command_t;

static const command_t commands[] = {
    {"init", dc_cmd_init},           {"demo", dc_cmd_demo},
    {"staff", dc_cmd_staff},         {"item", dc_cmd_item},
    {"record", dc_cmd_record},       {"verify", dc_cmd_verify},
    {"ledger", dc_cmd_ledger},       {"print", dc_cmd_print},
    {"receipt", dc_cmd_receipt},     {"proof", dc_cmd_proof},
    {"holidays", dc_cmd_holidays},   {"terminal", dc_cmd_terminal},
    {"printer", dc_cmd_printer},     {"settings", dc_cmd_settings},
    {"check", dc_cmd_check},         {"import", dc_cmd_import},
    {"correct", dc_cmd_correct},     {"export", dc_cmd_export},
    {"inventory", dc_cmd_inventory}, {"bench-data", dc_cmd_bench_data},
    {"backup", dc_cmd_backup},       {"restore", dc_cmd_restore},
    {"rekey", dc_cmd_rekey},
};

int main(int argc, char **argv)
{
    dc_cli_t c;
    memset(&c, 0, sizeof c);
    /* The ledger, its WAL and the key are for the daicho user alone. */
    umask(077);
    dc_err_t e = dc_paths_default(c.db, c.key);
    if (e)
        return dc_cli_fail(e, "set HOME, XDG_DATA_HOME or --db/--key-file");

    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        char *dst = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return DC_EXIT_OK;
        }
        if (strncmp(a, "--db", 4) == 0 && (a[4] == '\0' || a[4] == '='))
            dst = c.db;
        else if (strncmp(a, "--key-file", 10) == 0 && (a[10] == '\0' || a[10] == '='))
            dst = c.key;
        else
            break;
        const char *eq = strchr(a, '=');
        if (eq)
            val = eq + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        if (!val || !*val)
            return dc_cli_usage("--db and --key-file need a path");
        if (snprintf(dst, DC_PATH_MAX, "%s", val) >= DC_PATH_MAX)
            return dc_cli_usage("path too long");
    }
    /* Nothing this run writes may replace the ledger, its side files or the key, whichever
     * command it is (platform/safefile.h). */
    dc_safefile_protect_ledger(c.db, c.key);
    if (i >= argc) {
        fputs(usage_text, stderr);
        return DC_EXIT_USAGE;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            int rc = commands[k].run(&c, argc - i - 1, argv + i + 1);
            dc_desk_close(c.st);
            dc_desk_print_shutdown();
            return rc;
        }
    }
    fprintf(stderr, "daicho-admin: unknown command '%s'\n\n%s", argv[i], usage_text);
    return DC_EXIT_USAGE;
}
