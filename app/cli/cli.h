/* daicho-admin: shared state of one run and the command entry points. */
#ifndef DC_CLI_CLI_H
#define DC_CLI_CLI_H

#include <stdio.h>

#include "cli/args.h"
#include "desk/desk.h"
#include "desk/query.h"
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
/* Open c->db read-only (verify), immutable when asked or when its folder cannot be written;
 * says on stderr which it did (cmd_backup.c). */
int dc_cli_open_ro(dc_cli_t *c, bool immutable);
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

/* Read one line (a PIN or a code) from standard input, unbuffered; option names the flag for
 * the message when there is none. The caller wipes buf. */
int dc_cli_read_secret(char *buf, size_t cap, const char *option);
/* Print a refused PIN (with the seconds to wait after a wrong or too early one). */
int dc_cli_login_fail(dc_err_t e, const char *badge, int64_t wait_ms);
/* The second person (approver, confirmer, witness) proves presence as at the kiosk: with a
 * badge given, --second-pin-stdin must be set and their PIN is read from standard input and
 * checked like a log-in (a wrong one is a failed log-in; five lock the badge; a locked or
 * released badge is refused). DC_EXIT_OK when no badge is given. */
int dc_cli_second(dc_cli_t *c, const dc_args_t *a, const char *badge);

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
int dc_cmd_proof(dc_cli_t *c, int argc, char **argv);
int dc_cmd_holidays(dc_cli_t *c, int argc, char **argv);
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
