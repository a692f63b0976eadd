/* print, receipt, terminal and printer: paper, receipts scanned back, keys, settings. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/receipt.h"

/* The paper of --paper, or the configured one; rolls_only for receipts. */
static int paper_opt(const dc_args_t *a, dc_paper_t dflt, bool rolls_only, dc_paper_t *out)
{
    const char *s = dc_args_get(a, "paper");
    *out = dflt;
    if (!s)
        return DC_EXIT_OK;
    if (!dc_paper_parse(s, out) || (rolls_only && dc_paper_info(*out)->height))
        return dc_cli_usage(rolls_only ? "--paper must be 58 or 80 (mm receipt roll)"
                                       : "--paper must be 62x29, 50x30, 58 or 80");
    return DC_EXIT_OK;
}

/* Say what failed and that the record stands; returns the exit code. */
static int print_failed(dc_err_t e, const char *spec, const char *again)
{
    char ctx[512];
    if (e == DC_E_OUT_PROTECTED || e == DC_E_OUT_LINK)
        again = "give another printer with --printer, or fix it with 'printer set'";
    snprintf(ctx, sizeof ctx, "printer %.200s; %.250s", spec, again);
    return dc_cli_fail(e, ctx);
}

static int print_label(dc_cli_t *c, int argc, char **argv, bool badge)
{
    dc_args_t a;
    const char *what = badge ? "badge" : "item";
    if (!dc_args_parse(&a, badge ? "badge= printer= paper=" : "item= printer= paper=", argc,
                       argv) ||
        a.npos || !dc_args_get(&a, what))
        return dc_cli_usage(a.error[0] ? a.error
                            : badge    ? "print badge --badge CODE [--printer SPEC] [--paper P]"
                                       : "print label --item CODE [--printer SPEC] [--paper P]");
    char code[DC_CODE_MAX];
    int rc = dc_cli_code(dc_args_get(&a, what), badge ? DC_CODE_BADGE : DC_CODE_ITEM, code);
    if (rc || (rc = dc_cli_open(c)))
        return rc;
    dc_printer_cfg_t *cfg = malloc(sizeof *cfg);
    if (!cfg)
        return dc_cli_fail(DC_E_NOMEM, NULL);
    dc_bitmap_t *b = NULL;
    dc_paper_t paper = DC_PAPER_58;
    const char *spec = dc_args_get(&a, "printer");
    dc_err_t e = dc_desk_printer_config(c->st, cfg);
    if (e) {
        rc = dc_cli_fail(e, dc_desk_detail(c->st));
        goto out;
    }
    if ((rc = paper_opt(&a, cfg->label_paper, false, &paper)))
        goto out;
    spec = spec ? spec : cfg->label;
    e = badge ? dc_desk_render_badge(c->st, code, paper, &b)
              : dc_desk_render_label(c->st, code, paper, &b);
    if (e) {
        rc = dc_cli_fail(e, code);
        goto out;
    }
    if ((e = dc_desk_print_bitmap(b, spec))) {
        rc = print_failed(e, spec, "print the label again when the printer is ready");
        goto out;
    }
    printf("%s\n", code);
out:
    dc_bitmap_destroy(b);
    free(cfg);
    return rc;
}

static int print_receipt(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "event= printer= paper= actor=", argc, argv) || a.npos ||
        !dc_args_get(&a, "event"))
        return dc_cli_usage(a.error[0] ? a.error
                                       : "print receipt --event SEQ [--printer SPEC] [--paper "
                                         "58|80] [--actor BADGE]");
    char *end;
    long long seq = strtoll(dc_args_get(&a, "event"), &end, 10);
    if (*end || seq < 1)
        return dc_cli_usage("--event must be a record's sequence number");
    char actor[DC_CODE_MAX];
    int rc = dc_cli_open(c);
    if (rc || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
        return rc;
    dc_printer_cfg_t *cfg = malloc(sizeof *cfg);
    if (!cfg)
        return dc_cli_fail(DC_E_NOMEM, NULL);
    dc_bitmap_t *b = NULL;
    dc_paper_t paper = DC_PAPER_58;
    int64_t reprint_seq = 0;
    const char *spec = dc_args_get(&a, "printer");
    dc_err_t e = dc_desk_printer_config(c->st, cfg);
    if (e) {
        rc = dc_cli_fail(e, dc_desk_detail(c->st));
        goto out;
    }
    if ((rc = paper_opt(&a, cfg->receipt_paper, true, &paper)))
        goto out;
    spec = spec ? spec : cfg->receipt;
    /* A bad printer spec and a record without a receipt are refused before anything is
     * logged; a printer that fails after that leaves the reprint logged, as it was tried. */
    dc_printer_t *p;
    if ((e = dc_printer_open(spec, &p))) {
        rc = dc_cli_fail(e, spec);
        goto out;
    }
    dc_printer_close(p);
    e = dc_desk_render_receipt(c->st, &c->term, seq, true, dc_paper_info(paper)->width, &b);
    if (!e)
        e = dc_desk_record_reprint(c->st, &c->term, actor, seq, &reprint_seq);
    if (e) {
        char ctx[64];
        snprintf(ctx, sizeof ctx, "event %lld", seq);
        rc = dc_cli_fail(e, ctx);
        goto out;
    }
    if ((e = dc_desk_print_bitmap(b, spec))) {
        char again[160];
        snprintf(again, sizeof again,
                 "the reprint is logged as event %lld; print it again with print receipt "
                 "--event %lld",
                 (long long)reprint_seq, seq);
        rc = print_failed(e, spec, again);
        goto out;
    }
    printf("%lld\n", (long long)reprint_seq);
out:
    dc_bitmap_destroy(b);
    free(cfg);
    return rc;
}

int dc_cmd_print(dc_cli_t *c, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "label") == 0)
        return print_label(c, argc - 1, argv + 1, false);
    if (argc >= 1 && strcmp(argv[0], "badge") == 0)
        return print_label(c, argc - 1, argv + 1, true);
    if (argc >= 1 && strcmp(argv[0], "receipt") == 0)
        return print_receipt(c, argc - 1, argv + 1);
    return dc_cli_usage("print label|badge|receipt");
}

/* Read one line from stdin for "-" (a scanner's output piped in). */
static bool read_line(char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, stdin))
        return false;
    buf[strcspn(buf, "\r\n")] = '\0';
    return true;
}

int dc_cmd_receipt(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (argc < 1 || strcmp(argv[0], "verify") != 0 || !dc_args_parse(&a, "", argc - 1, argv + 1) ||
        a.npos != 1)
        return dc_cli_usage("receipt verify PAYLOAD (or - to read it from standard input)");
    char line[512];
    const char *payload = a.pos[0];
    if (strcmp(payload, "-") == 0) {
        if (!read_line(line, sizeof line))
            return dc_cli_usage("receipt verify -: nothing on standard input");
        payload = line;
    }
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    dc_receipt_check_t chk;
    dc_err_t e = dc_desk_receipt_verify(c->st, payload, &chk);
    if (e != chk.verdict)
        return dc_cli_fail(e, dc_desk_detail(c->st));
    printf("[%s] %s\n", dc_err_name(e), dc_err_msg(e, DC_LANG_JA));
    printf("[%s] %s\n", dc_err_name(e), dc_err_msg(e, DC_LANG_EN));
    if (chk.terminal_id[0]) {
        printf("端末 / terminal:     %s%s%s\n", chk.terminal_id,
               chk.local              ? " (この端末 / this terminal)"
               : chk.terminal_name[0] ? " "
                                      : "",
               chk.local ? "" : chk.terminal_name);
        printf("記録 / event:        %lld", (long long)chk.seq);
        if (chk.group_seq)
            printf(" (%s, %lld-%lld)", dc_evtype_name(chk.type), (long long)chk.group_seq,
                   (long long)chk.seq);
        printf("\n");
        printf("時点 / checkpoint:   %lld events", (long long)chk.head_count);
        if (chk.local)
            printf(" (台帳は現在 / ledger now %lld)", (long long)chk.log_count);
        printf("\n");
        if (chk.version == 3 && chk.proof_hashes)
            printf("照合 / checked by:   Merkle tree proofs, %d hashes (v3)\n", chk.proof_hashes);
        else if (chk.local && chk.log_count)
            printf("照合 / checked by:   the chain walked to the checkpoint (v%d)\n", chk.version);
    }
    return dc_err_class(e) == DC_CLASS_OK ? DC_EXIT_OK : DC_EXIT_REFUSED;
}

static int list_trusted(const char *id, const uint8_t pk[DC_STORE_PK_LEN], const char *name,
                        void *ctx)
{
    (void)ctx;
    char text[DC_TERMINAL_KEY_TEXT_MAX];
    dc_terminal_key_text(pk, text);
    printf("%s  %s  %s\n", id, name, text);
    return 0;
}

int dc_cmd_terminal(dc_cli_t *c, int argc, char **argv)
{
    const char *sub = argc >= 1 ? argv[0] : "";
    dc_args_t a;
    bool trust = strcmp(sub, "trust") == 0;
    bool known = trust || strcmp(sub, "show") == 0 || strcmp(sub, "export-key") == 0 ||
                 strcmp(sub, "list") == 0;
    if (!known || !dc_args_parse(&a, trust ? "name=" : "", argc - 1, argv + 1) ||
        a.npos != (trust ? 1 : 0))
        return dc_cli_usage("terminal show | export-key | trust KEY [--name NAME] | list");
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    char id[DC_TERMINAL_ID_MAX], text[DC_TERMINAL_KEY_TEXT_MAX];
    uint8_t pk[DC_STORE_PK_LEN];
    dc_err_t e;
    if (trust) {
        if ((e = dc_desk_terminal_trust(c->st, a.pos[0], dc_args_get(&a, "name"), id)))
            return dc_cli_fail(e, a.pos[0]);
        printf("%s\n", id);
        return DC_EXIT_OK;
    }
    if (strcmp(sub, "list") == 0) {
        e = dc_desk_trusted_each(c->st, list_trusted, NULL);
        return e ? dc_cli_fail(e, dc_desk_detail(c->st)) : DC_EXIT_OK;
    }
    if ((e = dc_desk_terminal_key(c->st, id, pk)))
        return dc_cli_fail(e, dc_desk_detail(c->st));
    dc_terminal_key_text(pk, text);
    if (sub[0] == 'e') {
        printf("%s\n", text); /* alone on its line: give it to 'terminal trust' elsewhere */
        return DC_EXIT_OK;
    }
    printf("端末番号 / terminal id:  %s\n", id);
    printf("端末名 / name:           %s\n", c->term.terminal);
    printf("庁舎 / office:           %s\n", c->term.office);
    printf("公開鍵 / public key:     %s\n", text);
    return DC_EXIT_OK;
}

int dc_cmd_printer(dc_cli_t *c, int argc, char **argv)
{
    const char *sub = argc >= 1 ? argv[0] : "";
    dc_args_t a;
    bool set = strcmp(sub, "set") == 0;
    if ((!set && strcmp(sub, "show") != 0) ||
        !dc_args_parse(&a, set ? "receipt= receipt-paper= label= label-paper= actor=" : "",
                       argc - 1, argv + 1) ||
        a.npos)
        return dc_cli_usage("printer show | set [--receipt SPEC] [--receipt-paper 58|80] "
                            "[--label SPEC] [--label-paper 62x29|50x30|58|80] [--actor BADGE]");
    char actor[DC_CODE_MAX];
    int rc = dc_cli_open(c);
    if (!rc && set)
        rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor);
    if (rc)
        return rc;
    dc_printer_cfg_t *cfg = malloc(sizeof *cfg);
    if (!cfg)
        return dc_cli_fail(DC_E_NOMEM, NULL);
    dc_err_t e = dc_desk_printer_config(c->st, cfg);
    if (!e && set) {
        const char *r = dc_args_get(&a, "receipt"), *l = dc_args_get(&a, "label");
        const char *rp = dc_args_get(&a, "receipt-paper"), *lp = dc_args_get(&a, "label-paper");
        if ((r && !dc_copy(cfg->receipt, sizeof cfg->receipt, r)) ||
            (l && !dc_copy(cfg->label, sizeof cfg->label, l)))
            e = DC_E_PRINTER_SPEC;
        else if ((rp && (!dc_paper_parse(rp, &cfg->receipt_paper) ||
                         dc_paper_info(cfg->receipt_paper)->height)) ||
                 (lp && !dc_paper_parse(lp, &cfg->label_paper)))
            rc = dc_cli_usage("papers: receipts 58 or 80; labels 62x29, 50x30, 58 or 80");
        else
            e = dc_desk_printer_configure(c->st, &c->term, actor, cfg);
    }
    if (!e && !rc) {
        printf("receipt: %s (%s)\n", cfg->receipt, dc_paper_info(cfg->receipt_paper)->name);
        printf("label:   %s (%s)\n", cfg->label, dc_paper_info(cfg->label_paper)->name);
    }
    free(cfg);
    if (e == DC_E_OUT_PROTECTED || e == DC_E_PRINTER_SPEC)
        return dc_cli_fail(e, "--receipt / --label");
    if (e)
        return dc_cli_fail(e, dc_desk_detail(c->st));
    return rc;
}
