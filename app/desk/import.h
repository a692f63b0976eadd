/* Onboarding an office: its asset inventory (情報資産目録, 様式1) and handler roster (様式7) as
 * Excel writes them, CSV in UTF-8 (with or without a byte-order mark) or Shift_JIS/CP932, with
 * Japanese or English column names. All or nothing: every line is checked, each against the
 * ledger and the lines before it, and only a file without a bad line is committed, in one
 * transaction. */
#ifndef DC_DESK_IMPORT_H
#define DC_DESK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "desk/desk.h"

#define DC_IMPORT_MAX_ROWS 10000

typedef enum { DC_IMPORT_ITEMS, DC_IMPORT_STAFF } dc_import_kind_t;

/* A bad line: its number in the file (1 is the header) and why. */
typedef struct {
    int line;
    dc_err_t why;
    char detail[160]; /* the column and the value, to find it in Excel */
} dc_import_problem_t;

/* One line that was (or, in a dry run, would be) imported. */
typedef struct {
    int line;
    char code[DC_CODE_MAX]; /* the new label or badge code */
    char what[DC_LONG_MAX]; /* the title or the name */
    int64_t seq;            /* its register or enroll event; 0 in a dry run */
} dc_import_row_t;

typedef struct {
    const char *encoding; /* "UTF-8" or "CP932" */
    int lines;            /* data lines read */
    dc_import_row_t *rows;
    int nrows;
    dc_import_problem_t *problems;
    int nproblems;
} dc_import_t;

/* Read buf (the file's bytes) as items or staff and, unless dry_run, commit them as register or
 * enroll events by actor (an administrator). DC_E_OK when every line is good (and, unless
 * dry_run, committed); DC_E_IMPORT_LINES when some are bad (each in problems; nothing written);
 * DC_E_IMPORT_ENCODING, DC_E_IMPORT_HEADER, DC_E_CSV_*, DC_E_IMPORT_TOO_MANY for the file as a
 * whole (problems has its line). *out is filled in every case but a storage failure or
 * DC_E_NOMEM, where it may be NULL. */
DC_WUR dc_err_t dc_import(dc_store_t *st, const dc_term_t *term, dc_import_kind_t kind,
                          const char *buf, size_t len, const char *actor, bool dry_run,
                          dc_import_t **out);
void dc_import_free(dc_import_t *im);

/* A yes/no cell: 有/無, ○/〇/×, yes/no, y/n, true/false, 1/0, or empty (no). */
bool dc_import_yesno(const char *s, bool *out);

#endif
