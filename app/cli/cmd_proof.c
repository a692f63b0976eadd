/* proof: RFC 9162 proofs of the ledger's Merkle tree for an auditor, and their check, which needs
 * neither the ledger nor its key (desk/proof.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "desk/proof.h"
#include "desk/session.h"

static const char usage_proof[] =
    "proof inclusion --event SEQ [--size N] [--actor BADGE] | proof consistency --from N [--to M] "
    "| proof check FILE|- [--key KEY] [--receipt PAYLOAD]";

/* A positive number of an option, or 0 when it is not given; -1 when it is not a number. */
static int64_t count_of(const dc_args_t *a, const char *name)
{
    const char *s = dc_args_get(a, name);
    if (!s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *s >= '0' && *s <= '9' && *end == '\0' && v > 0 ? v : -1;
}

static int made(dc_cli_t *c, dc_err_t e, const char *text, const char *context)
{
    if (e)
        return dc_cli_fail(e, e == DC_E_NOT_FOUND ? context : dc_desk_detail(c->st));
    fputs(text, stdout);
    return DC_EXIT_OK;
}

static int inclusion(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "event= size= actor=", argc, argv) || a.npos != 0 ||
        !dc_args_get(&a, "event"))
        return dc_cli_usage(a.error[0] ? a.error : usage_proof);
    int64_t seq = count_of(&a, "event"), size = count_of(&a, "size");
    if (seq <= 0 || size < 0)
        return dc_cli_usage("--event and --size take an event number (1 or more)");
    int rc = dc_cli_open(c);
    char actor[DC_CODE_MAX], what[64];
    if (rc || (rc = dc_cli_actor(c, dc_args_get(&a, "actor"), actor)))
        return rc;
    /* The event's own bytes leave the ledger: a read-out, allowed and logged first. */
    snprintf(what, sizeof what, "proof inclusion %lld", (long long)seq);
    int64_t logged;
    dc_err_t e = dc_desk_may_read_out(c->st, &c->term, actor, what);
    if (!e)
        e = dc_desk_log_export(c->st, &c->term, actor, what, "-", "proof", &logged);
    if (e)
        return dc_cli_fail(e, dc_err_class(e) == DC_CLASS_REFUSED ? actor : dc_desk_detail(c->st));
    char *text = malloc(DC_PROOF_TEXT_MAX);
    if (!text)
        return dc_cli_fail(DC_E_NOMEM, NULL);
    char context[96];
    snprintf(context, sizeof context, "event %lld, size %lld: beyond the ledger", (long long)seq,
             (long long)size);
    rc = made(c, dc_desk_proof_inclusion(c->st, seq, size, text, DC_PROOF_TEXT_MAX), text, context);
    free(text);
    return rc;
}

static int consistency(dc_cli_t *c, int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "from= to=", argc, argv) || a.npos != 0 || !dc_args_get(&a, "from"))
        return dc_cli_usage(a.error[0] ? a.error : usage_proof);
    int64_t from = count_of(&a, "from"), to = count_of(&a, "to");
    if (from <= 0 || to < 0)
        return dc_cli_usage("--from and --to take a number of events (1 or more)");
    int rc = dc_cli_open(c);
    if (rc)
        return rc;
    char *text = malloc(DC_PROOF_TEXT_MAX);
    if (!text)
        return dc_cli_fail(DC_E_NOMEM, NULL);
    char context[96];
    snprintf(context, sizeof context, "from %lld to %lld: beyond the ledger or from after to",
             (long long)from, (long long)to);
    rc =
        made(c, dc_desk_proof_consistency(c->st, from, to, text, DC_PROOF_TEXT_MAX), text, context);
    free(text);
    return rc;
}

/* The whole of a file or of standard input, NUL-terminated; NULL when it does not fit. */
static char *slurp(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(DC_PROOF_TEXT_MAX + 1);
    size_t n = buf ? fread(buf, 1, DC_PROOF_TEXT_MAX + 1, f) : 0;
    if (f != stdin)
        fclose(f);
    if (!buf || n > DC_PROOF_TEXT_MAX) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static int check(int argc, char **argv)
{
    dc_args_t a;
    if (!dc_args_parse(&a, "key= receipt=", argc, argv) || a.npos != 1)
        return dc_cli_usage(a.error[0] ? a.error : usage_proof);
    char *text = slurp(a.pos[0]);
    if (!text) {
        fprintf(stderr,
                "daicho-admin: 証明ファイル %s を読めません (ないか、大きすぎます)。\n"
                "daicho-admin: cannot read the proof %s (missing, or too large).\n",
                a.pos[0], a.pos[0]);
        return DC_EXIT_USAGE;
    }
    dc_proof_check_t *r = malloc(sizeof *r);
    if (!r) {
        free(text);
        return dc_cli_fail(DC_E_NOMEM, NULL);
    }
    dc_err_t e = dc_desk_proof_check(text, dc_args_get(&a, "key"), dc_args_get(&a, "receipt"), r);
    free(text);
    int rc;
    if (e) {
        rc = dc_cli_fail(e, r->what);
    } else {
        char root[33], from[33];
        dc_hex(r->root, 16, root); /* the first 16 bytes, as receipts print them */
        dc_hex(r->from_root, 16, from);
        printf("[OK] 証明は成り立ちます。/ The proof holds.\n");
        printf("端末 / terminal:     %s (署名済みツリーヘッド / signed tree head)\n",
               r->terminal_id);
        if (r->inclusion) {
            char date[DC_DATE_MAX], time[6];
            dc_event_local_date(r->event.ts_ms, r->event.tz_min, date);
            dc_event_local_time(r->event.ts_ms, r->event.tz_min, time);
            printf("記録 / event:        %lld (%s, %s %s, %s)\n", (long long)r->seq,
                   dc_evtype_name(r->event.type), date, time,
                   r->event.item[0] ? r->event.item : "-");
            printf("ツリー / tree:       %lld events, head %s…\n", (long long)r->size, root);
        } else {
            printf("前 / from:           %lld events, head %s…\n", (long long)r->from, from);
            printf("後 / to:             %lld events, head %s…\n", (long long)r->size, root);
        }
        printf("ハッシュ / hashes:   %d\n", r->hashes);
        if (r->checkpoint)
            printf("控え / receipt:      the proof is for its checkpoint (%s)\n",
                   r->inclusion ? "its event in its head" : "from its head");
        rc = DC_EXIT_OK;
    }
    free(r);
    return rc;
}

int dc_cmd_proof(dc_cli_t *c, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "inclusion") == 0)
        return inclusion(c, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "consistency") == 0)
        return consistency(c, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "check") == 0)
        return check(argc - 1, argv + 1);
    return dc_cli_usage(usage_proof);
}
