/* import items|staff FILE: an office's inventory and roster from Excel, all or nothing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "platform/safefile.h"
#include "desk/import.h"
#include "desk/receipt.h"
#include "report/write.h"

#define IMPORT_MAX_BYTES (64L * 1024 * 1024)

static int read_file(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        char ctx[DC_PATH_MAX + 200];
        snprintf(ctx, sizeof ctx, "%s: %s", path, strerror(errno));
        return dc_cli_fail(DC_E_IO, ctx);
    }
    *buf = NULL;
    *len = 0;
    size_t cap = 0;
    int rc = DC_EXIT_OK;
    for (;;) {
        if (*len + 65536 > cap) {
            cap = cap ? cap * 2 : 65536 * 2;
            char *nb = cap <= (size_t)IMPORT_MAX_BYTES ? realloc(*buf, cap) : NULL;
            if (!nb) {
                rc = dc_cli_fail(DC_E_IMPORT_TOO_MANY, path);
                break;
            }
            *buf = nb;
        }
        size_t got = fread(*buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0) {
            if (ferror(f))
                rc = dc_cli_fail(DC_E_IO, path);
            break;
        }
    }
    fclose(f);
    if (rc) {
        free(*buf);
        *buf = NULL;
    }
    return rc;
}

static void print_problems(const char *path, const dc_import_t *im)
{
    for (int i = 0; i < im->nproblems; i++) {
        const dc_import_problem_t *p = &im->problems[i];
        fprintf(stderr, "%s:%d: [%s] %s %s\n  %s\n", path, p->line, dc_err_name(p->why),
                dc_err_msg(p->why, DC_LANG_JA), p->detail, dc_err_msg(p->why, DC_LANG_EN));
    }
}

/* The check sheet: every imported line with its new code, for ticking off the printed labels. */
static int write_sheet(const char *path, const dc_import_t *im, bool staff)
{
    /* Never over the ledger or the key, never through a link (platform/safefile.h). */
    dc_safefile_t sf;
    int err;
    dc_err_t e = dc_safefile_open(&sf, path, &err);
    if (e)
        return dc_cli_fail(e, path);
    FILE *f = sf.f;
    dc_csv_bom(f);
    const char *head[] = {"行 / line", staff ? "職員証 / badge" : "ラベル / label",
                          staff ? "氏名 / name" : "名称 / title", "確認 / checked"};
    static const dc_csv_kind_t kinds[] = {DC_CSV_NUMBER, DC_CSV_TEXT, DC_CSV_TEXT, DC_CSV_TEXT};
    e = dc_csv_row(f, head, NULL, 4);
    for (int i = 0; i < im->nrows && !e; i++) {
        char line[16];
        snprintf(line, sizeof line, "%d", im->rows[i].line);
        const char *row[] = {line, im->rows[i].code, im->rows[i].what, ""};
        e = dc_csv_row(f, row, kinds, 4);
    }
    if (e) {
        dc_safefile_abort(&sf);
        return dc_cli_fail(e, path);
    }
    if ((e = dc_safefile_commit(&sf, &err)))
        return dc_cli_fail(e, path);
    return DC_EXIT_OK;
}

int dc_cmd_import(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    static const char usage[] =
        "import items|staff FILE.csv [--dry-run] [--actor BADGE] [--print] [--printer SPEC] "
        "[--sheet FILE.csv]";
    if (!dc_args_parse(&a, "dry-run actor= print printer= sheet=", argc, argv) || a.npos != 2)
        return dc_cli_usage(a.error[0] ? a.error : usage);
    bool staff = strcmp(a.pos[0], "staff") == 0;
    if (!staff && strcmp(a.pos[0], "items") != 0)
        return dc_cli_usage(usage);
    const char *path = a.pos[1];
    bool dry = dc_args_flag(&a, "dry-run");
    char *buf = NULL;
    size_t len = 0;
    int rc = read_file(path, &buf, &len);
    if (rc)
        return rc;
    char actor[DC_CODE_MAX];
    if ((rc = dc_cli_open(c)) || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor))) {
        free(buf);
        return rc;
    }
    /* A check sheet at the ledger, the key or a link is refused before anything is imported. */
    const char *sheet_path = dc_args_get(&a, "sheet");
    dc_err_t pe = sheet_path ? dc_safefile_precheck(sheet_path) : DC_E_OK;
    if (pe) {
        free(buf);
        return dc_cli_fail(pe, sheet_path);
    }
    dc_import_t *im = NULL;
    dc_err_t e = dc_import(c->st, &c->term, staff ? DC_IMPORT_STAFF : DC_IMPORT_ITEMS, buf, len,
                           actor, dry, &im);
    free(buf);
    if (!im)
        return dc_cli_fail(e, dc_desk_detail(c->st));
    if (e) {
        print_problems(path, im);
        rc = dc_cli_fail(e, path);
        dc_import_free(im);
        return rc;
    }
    for (int i = 0; i < im->nrows; i++)
        printf("%d\t%s\t%s\n", im->rows[i].line, dry ? "-" : im->rows[i].code, im->rows[i].what);
    fprintf(stderr, "%s (%s): %d 行 / lines %s\n", path, im->encoding, im->nrows,
            dry ? "を確認しました(取り込んでいません) / checked, nothing imported"
                : "を取り込みました / imported");
    const char *sheet = dc_args_get(&a, "sheet");
    if (!dry && sheet && (rc = write_sheet(sheet, im, staff))) {
        dc_import_free(im);
        return rc;
    }
    /* Labels or badges in file order; the records are committed, so a printer problem leaves
     * them standing and 'print label' / 'print badge' prints any of them again. */
    for (int i = 0; !dry && dc_args_flag(&a, "print") && i < im->nrows; i++) {
        const char *printer = dc_args_get(&a, "printer");
        e = staff ? dc_desk_print_badge(c->st, im->rows[i].code, printer)
                  : dc_desk_print_label(c->st, im->rows[i].code, printer);
        if (e) {
            rc = dc_cli_fail(e, im->rows[i].code);
            break;
        }
    }
    dc_import_free(im);
    return rc;
}
