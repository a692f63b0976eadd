/* Ledgers leaving the terminal: a form saved to a file, and the whole month written to a
 * registered removable medium. Either is logged before anything is written: an export event
 * for a file, a copy event of the medium for a medium (so the two-person rule applies). */
#ifndef DC_REPORT_EXPORT_H
#define DC_REPORT_EXPORT_H

#include <stdbool.h>

#include "report/forms.h"

/* Save f as PDF (pdf) or CSV at path through path.tmp, fsync, rename and fsync the folder, so
 * that a failure never leaves half a file under that name. DC_E_IO with *err the errno. */
DC_WUR dc_err_t dc_form_save(const dc_form_t *f, bool pdf, const char *path, int *err);

/* Log that actor (a manager or an administrator) writes what (e.g. "takeout 2026-10") to path
 * in format ("csv" or "pdf"): an export event, committed first. */
DC_WUR dc_err_t dc_report_log_export(dc_store_t *st, const dc_term_t *term, const char *actor,
                                     const char *what, const char *path, const char *format,
                                     int64_t *seq);

/* A medium is mounted at dir: dir is a folder on another device than the folder above it. An
 * empty mount point is a folder on the terminal's own disk and is refused, so that the month
 * never lands there by mistake; DAICHO_EXPORT_ANY_DIR=1 lets any folder do (tests, a
 * development machine). *err is the errno when not. */
bool dc_report_medium_mounted(const char *dir, int *err);

#define DC_EXPORT_FILES DC_DESK_EXPORT_FILES /* three forms as CSV and PDF, the inventory CSV */

/* The month to the registered medium mounted at dir (a mount point: a plain folder on the
 * terminal's own disk is DC_E_EXPORT_NO_MEDIUM unless DAICHO_EXPORT_ANY_DIR=1): first a copy event
 * of the medium by actor, approved by approver (purpose "月次台帳の書出し YYYY-MM", quantity the
 * files), then the three forms as CSV and PDF and the inventory as CSV in dir/daicho-YYYY-MM/. A
 * failure after the copy is recorded (DC_E_IO, *err the errno) leaves the record: the medium may
 * hold part of it. */
DC_WUR dc_err_t dc_report_export_month(dc_store_t *st, const dc_term_t *term, const char *month,
                                       const char *actor, const char *approver, const char *medium,
                                       const char *dir, int64_t *seq, int *err);

#endif
