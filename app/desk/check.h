/* The manager's monthly check (月次点検): what the month's ledger says, what looks wrong in it,
 * the scan-back inventory of what is in storage, and the seal that records the check as an
 * event and ends with a signed checkpoint on paper. Shared by the kiosk and daicho-admin. */
#ifndef DC_DESK_CHECK_H
#define DC_DESK_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "desk/desk.h"
#include "print/layout.h"

/* What looks wrong. Each anomaly names the event behind it. */
typedef enum {
    DC_AN_REFUSED,         /* an attempt the rules refused (self-approval and others) */
    DC_AN_RETURN_BY_OTHER, /* returned by someone other than the person who took it out */
    DC_AN_MY_NUMBER_OUT,   /* My Number data was taken out, with an approver: for review */
    DC_AN_AFTER_HOURS,     /* a record outside office hours or on a weekend */
    DC_AN_REPRINT,         /* a receipt was printed again */
    DC_AN_LOGIN_FAILED,    /* a wrong PIN or an unknown, released or locked badge */
    DC_AN_LOCKOUT,         /* a badge was locked after wrong PINs */
    DC_AN_CLOCK_BACK,      /* the clock went backwards between two events */
    DC_AN_CLOCK_GAP,       /* the clock jumped forward by more than DC_CHECK_GAP_DAYS */
    DC_AN_OUT_TOO_LONG,    /* out longer than the overdue limit (overdue_days) */
    DC_AN_OVERDUE,         /* returned in the month after its expected return date, or still
                            * out at the month's end after it (the due date as corrected) */
    DC_AN_CORRECTION,      /* a record was corrected (the correction names it) */
    DC_AN_CLI_SECOND,      /* a second person entered through daicho-admin, not at the counter */
    DC_AN_LATE_ARRIVAL,    /* a transport received in the month after its expected arrival date
                            * (the transport's due), or still on the way at the month's end
                            * after it */
    DC_AN_MY_NUMBER_BARE,  /* My Number data was taken out with no approver recorded */
    DC_AN__COUNT
} dc_anomaly_kind_t;

#define DC_CHECK_GAP_DAYS 14
#define DC_CHECK_OVERDUE_DAYS 14     /* overdue_days when the setting is unset */
#define DC_CHECK_HOURS "08:30-17:15" /* office_hours when the setting is unset */

/* A stable name ("refused", "after-hours"...) and a label for screens and paper. */
const char *dc_anomaly_name(dc_anomaly_kind_t k);
const char *dc_anomaly_label(dc_anomaly_kind_t k, dc_lang_t lang);
/* True for a kind recorded for review (要確認: an approved My Number take-out, a reprint, a
 * correction), which the rules allowed and a second person saw; false for an anomaly (異常),
 * something that should not have happened. The kiosk, the CLI and the paper all sort by this. */
bool dc_anomaly_review(dc_anomaly_kind_t k);

typedef struct {
    dc_anomaly_kind_t kind;
    int64_t seq;       /* the event behind it */
    int64_t other_seq; /* the event it relates to (the take-out of a return, the previous event
                        * of a clock jump), 0 for none */
    int64_t ts_ms;
    int32_t tz_min;
    char item[DC_CODE_MAX];  /* "" when no item */
    char who[DC_CODE_MAX];   /* the badge of the person acting, "" when none */
    char what[DC_SHORT_MAX]; /* details in plain words: the reason code, the time, the days */
} dc_anomaly_t;

/* The details of a in lang: a failed log-in's reason as recorded ("PIN mismatch", "wrong PIN
 * (2 in a row)") in the language asked for; an overdue's, a long take-out's or a late arrival's
 * half of "日本語 / English"; other kinds as recorded. */
void dc_anomaly_what(const dc_anomaly_t *a, dc_lang_t lang, char *out, size_t cap);

/* A take-out or transport still open at the end of the month. */
typedef struct {
    int64_t seq;
    dc_evtype_t type; /* DC_EV_TAKE_OUT or DC_EV_TRANSPORT */
    char item[DC_CODE_MAX];
    char title[DC_LONG_MAX];
    char holder[DC_CODE_MAX]; /* who took it out, or the carrier */
    int64_t since_ms;
    int32_t tz_min;
    char due[DC_DATE_MAX]; /* expected return date, "" when none */
    char to_place[DC_SHORT_MAX];
    int days;      /* whole days from since_ms to the month's end */
    bool overdue;  /* the expected return (take-out) or arrival (transport) date passed
                    * before the month ended; noverdue counts the take-outs */
    bool too_long; /* days > the overdue limit */
} dc_outstanding_t;

/* A disposal recorded in the month. */
typedef struct {
    int64_t seq;
    int64_t ts_ms;
    int32_t tz_min;
    char item[DC_CODE_MAX];
    char title[DC_LONG_MAX];
    dc_method_t method;
    char technique[DC_SHORT_MAX];
    char certificate[DC_SHORT_MAX];
    char actor[DC_CODE_MAX];
    char witness[DC_CODE_MAX];
} dc_disposal_t;

typedef struct {
    char month[8]; /* YYYY-MM */
    int64_t from_ms, to_ms;
    int64_t events;                /* events recorded in the month */
    int64_t by_type[DC_EV__COUNT]; /* of which, by type */
    dc_outstanding_t *out;         /* take-outs still out at the month's end */
    int nout, noverdue;
    dc_outstanding_t *transit; /* transports not received by the month's end */
    int ntransit;
    dc_disposal_t *disposed;
    int ndisposed;
    dc_anomaly_t *anomalies; /* in sequence order, anomalies and those for review together */
    int nanomalies;          /* entries in anomalies[] */
    int nreview;             /* of them, recorded for review (dc_anomaly_review); the rest,
                              * nanomalies - nreview, are the anomalies (異常) */
    int by_kind[DC_AN__COUNT];
    /* The log's integrity, checked in full when the check is made. */
    bool intact;
    dc_verify_t verify;
    /* The seal: this month's monthly-check event (0: not sealed) and the latest sealed month. */
    int64_t sealed_seq;
    char seal_reason[DC_SHORT_MAX]; /* the reason the seal recorded for items unfound, or "" */
    char last_sealed[8];
    int64_t last_sealed_seq;
    /* A sealed month whose figures are no longer those its seal recorded (events, still out,
     * in transit, disposed): the month was changed after the seal. Then intact is false too,
     * and verify.what/bad_seq say so with the seal's sequence number. */
    bool seal_mismatch;
    /* Settings used. */
    int overdue_days;
    char office_hours[16];
} dc_check_t;

/* Gather the month's check (month "YYYY-MM"). DC_E_BAD_MONTH for a month not so written. */
DC_WUR dc_err_t dc_check_month(dc_store_t *st, const dc_term_t *term, const char *month,
                               dc_check_t **out);
void dc_check_free(dc_check_t *c);

/* The month just ended at now_ms on the terminal's clock (the default of the month picker). */
void dc_check_default_month(int64_t now_ms, int32_t tz_min, char month[8]);
/* The month before or after month (delta -1 or +1). */
void dc_check_month_step(const char *month, int delta, char out[8]);

/* The scan-back inventory: the manager scans every item found in storage. Its scope is this
 * terminal's storage places: the office's list of storage places (the setting list.places,
 * "a|b|c"), the same list the registration form offers, so an item can only be stored where
 * the inventory looks. An item stored anywhere else (a branch office's cabinet) is counted
 * apart and not expected here. With no list.places set, every item in storage is expected. */
typedef struct {
    dc_item_t item;
    bool found;
} dc_inv_entry_t;

typedef struct {
    dc_inv_entry_t *expected; /* in storage at this terminal's places by the ledger, by code */
    int nexpected;
    int nfound;                /* of the expected, found */
    dc_inv_entry_t *elsewhere; /* in storage at places not this terminal's, by code; found is
                                * set when one is scanned here all the same */
    int nelsewhere;
    bool scoped;              /* list.places was set: the expected are those at its places */
    char places[DC_LONG_MAX]; /* its entries, each ended by NUL, the last followed by "" */
    dc_item_t *unexpected;    /* scanned but out, in transit, disposed or stored elsewhere */
    int nunexpected;
    int capunexpected;
} dc_inventory_t;

/* What a scan during the inventory found. */
typedef enum {
    DC_INV_FOUND,     /* expected, and now found */
    DC_INV_PUT_BACK,  /* in storage here since the inventory began (returned meanwhile) */
    DC_INV_AGAIN,     /* scanned before */
    DC_INV_OUT,       /* the ledger has it out (貸出中のはず) */
    DC_INV_TRANSIT,   /* the ledger has it on the way */
    DC_INV_DISPOSED,  /* the ledger has it disposed */
    DC_INV_RETIRED,   /* the ledger has it retired (relabelled) */
    DC_INV_ELSEWHERE, /* the ledger has it stored at a place not this terminal's */
    DC_INV_UNKNOWN,   /* not registered in this ledger: not this office's */
    DC_INV_BAD_SCAN,  /* not an item label */
} dc_inv_result_t;

DC_WUR dc_err_t dc_inventory_begin(dc_store_t *st, dc_inventory_t **out);
void dc_inventory_free(dc_inventory_t *inv);
/* A scan during the inventory. *res says what was found (and *item points at the item, except
 * for DC_INV_UNKNOWN); an item that should not be here is kept in unexpected. Returns DC_E_OK
 * for all of these; the code errors for a scan that is not an item's label, or the store's
 * error, with *res DC_INV_BAD_SCAN. */
DC_WUR dc_err_t dc_inventory_scan(dc_inventory_t *inv, dc_store_t *st, const char *text, size_t len,
                                  const dc_item_t **item, dc_inv_result_t *res);
/* Items expected and not found yet. */
int dc_inventory_unfound(const dc_inventory_t *inv);
/* A reason is asked for before the seal when the inventory is not made (inv NULL) or left items
 * unfound. */
bool dc_check_seal_needs_reason(const dc_inventory_t *inv);

/* Seal the month: a monthly-check event by the manager (logged in with badge and PIN) recording
 * the month, the figures, the anomalies acknowledged, the inventory result (inv may be NULL
 * when none was made), the reason for sealing with items unfound or no inventory (reason may
 * be NULL or "" when none was asked; kept as " reason=..." at the end of the detail) and the
 * chain checkpoint before it. Refused as the rules say: not a manager, a month not ended,
 * sealed already, or earlier than the latest seal. */
DC_WUR dc_err_t dc_check_seal(dc_store_t *st, const dc_term_t *term, const dc_check_t *c,
                              const char *manager, const dc_inventory_t *inv, const char *reason,
                              int64_t *seq);
/* The reason a seal's detail records, into out ("" when none). */
void dc_check_seal_reason(const char *detail, char *out, size_t cap);
/* The reasons offered for sealing with items unfound or no inventory. */
#define DC_SEAL_REASON_LATER "後日確認する"
#define DC_SEAL_REASON_LENT "貸出先で確認済み"
#define DC_SEAL_REASON_OTHER "その他"
/* True when reason is one of the three above. */
bool dc_check_seal_reason_ok(const char *reason);

/* The figures of a check for the seal slip and the printed summary (labels are static). */
int dc_check_counts(const dc_check_t *c, const dc_inventory_t *inv, dc_seal_count_t *out, int cap);

/* Record an attempt the rules refused (type attempted, the reason, the item and the second
 * person if any), so the monthly check can show it. */
DC_WUR dc_err_t dc_check_record_refusal(dc_store_t *st, const dc_term_t *term, const char *actor,
                                        dc_evtype_t attempted, dc_err_t why, const char *item,
                                        const char *second);

#endif
