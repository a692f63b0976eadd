/* daicho-admin: shared state of one run and the command entry points. */
#ifndef DC_CLI_CLI_H
#define DC_CLI_CLI_H

#include <stdio.h>

#include "cli/args.h"
#include "desk/desk.h"
#include "platform/paths.h"

/* Exit codes: the contract scripts and audits rely on. */
enum { DC_EXIT_OK = 0, DC_EXIT_REFUSED = 1, DC_EXIT_USAGE = 2, DC_EXIT_OPEN = 3 };

typedef struct {
    char db[DC_PATH_MAX];
    char key[DC_PATH_MAX];
    dc_store_t *st;
    dc_term_t term;
} dc_cli_t;

/* Print e in Japanese and English (and the context, if any) on stderr; return its exit code. */
int dc_cli_fail(dc_err_t e, const char *context);
/* Print a usage problem and return DC_EXIT_USAGE. */
int dc_cli_usage(const char *problem);
/* Open the ledger named by the global options; prints and returns an exit code on failure. */
int dc_cli_open(dc_cli_t *c);
/* The badge acting for a CLI command: --actor if given, else the first designated admin. */
int dc_cli_actor(dc_cli_t *c, const char *given, char out[DC_CODE_MAX]);
/* The first designated administrator of the roster; false when there is none. */
bool dc_cli_first_admin(dc_cli_t *c, char out[DC_CODE_MAX]);
/* Parse a scanned or typed code of the wanted type; prints and returns an exit code. */
int dc_cli_code(const char *text, dc_code_type_t want, char out[DC_CODE_MAX]);
/* A staff member's name for display, or the badge when unknown or empty. */
void dc_cli_name(dc_cli_t *c, const char *badge, char *out, size_t cap);
/* Print s in width display columns (CJK characters take two), cut so that at least one blank
 * column separates it from the next. */
void dc_cli_pad(FILE *f, const char *s, int width);

int dc_cmd_init(dc_cli_t *c, int argc, char **argv);
int dc_cmd_demo(dc_cli_t *c, int argc, char **argv);
int dc_cmd_staff(dc_cli_t *c, int argc, char **argv);
int dc_cmd_item(dc_cli_t *c, int argc, char **argv);
int dc_cmd_record(dc_cli_t *c, int argc, char **argv);
int dc_cmd_verify(dc_cli_t *c, int argc, char **argv);
int dc_cmd_ledger(dc_cli_t *c, int argc, char **argv);
int dc_cmd_inventory(dc_cli_t *c, int argc, char **argv);
int dc_cmd_settings(dc_cli_t *c, int argc, char **argv);
int dc_cmd_print(dc_cli_t *c, int argc, char **argv);
int dc_cmd_receipt(dc_cli_t *c, int argc, char **argv);
int dc_cmd_terminal(dc_cli_t *c, int argc, char **argv);
int dc_cmd_printer(dc_cli_t *c, int argc, char **argv);
int dc_cmd_check(dc_cli_t *c, int argc, char **argv);
int dc_cmd_backup(dc_cli_t *c, int argc, char **argv);
int dc_cmd_restore(dc_cli_t *c, int argc, char **argv);
int dc_cmd_rekey(dc_cli_t *c, int argc, char **argv);
int dc_cmd_import(dc_cli_t *c, int argc, char **argv);
int dc_cmd_correct(dc_cli_t *c, int argc, char **argv);
int dc_cmd_export(dc_cli_t *c, int argc, char **argv);
int dc_cmd_bench_data(dc_cli_t *c, int argc, char **argv);

#endif
