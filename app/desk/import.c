#include "desk/import.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "platform/clock.h"
#include "store/store.h"

/* ---- text as Excel leaves it ---- */

/* UTF-8 without overlong forms or surrogates; any ASCII byte (tabs, line ends) is fine. */
static bool utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        int extra = -1;
        if (c < 0x80)
            extra = 0;
        else if (c >= 0xc2 && c <= 0xdf)
            extra = 1;
        else if (c >= 0xe0 && c <= 0xef)
            extra = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            extra = 3;
        if (extra < 0 || n - i <= (size_t)extra)
            return false;
        uint32_t cp = extra == 0 ? c : c & (0x3f >> extra);
        for (int k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((extra == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)))
            return false;
        i += (size_t)extra + 1;
    }
    return true;
}

/* The file as UTF-8 without a byte-order mark, in a new buffer. */
static dc_err_t to_utf8(const char *buf, size_t len, char **out, size_t *out_len,
                        const char **encoding)
{
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    if (utf8_valid((const unsigned char *)buf, len)) {
        *encoding = "UTF-8";
        *out = malloc(len + 1);
        if (!*out)
            return DC_E_NOMEM;
        memcpy(*out, buf, len);
        (*out)[len] = '\0';
        *out_len = len;
        return DC_E_OK;
    }
    /* What Excel in Japan writes by default: Shift_JIS with Microsoft's extensions. */
    *encoding = "CP932";
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return DC_E_IMPORT_ENCODING;
    size_t cap = len * 3 + 1; /* a CP932 character of 1 or 2 bytes is at most 3 in UTF-8 */
    char *dst = malloc(cap);
    dc_err_t e = dst ? DC_E_OK : DC_E_NOMEM;
    char *in = (char *)buf, *o = dst;
    size_t in_left = len, out_left = cap - 1;
    if (!e && iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1)
        e = errno == E2BIG ? DC_E_NOMEM : DC_E_IMPORT_ENCODING;
    iconv_close(cd);
    if (e) {
        free(dst);
        return e;
    }
    *o = '\0';
    *out = dst;
    *out_len = (size_t)(o - dst);
    return DC_E_OK;
}

/* Trim spaces (ASCII and the ideographic space) and turn full-width ASCII (Ａ１－) into ASCII,
 * in place: cells typed in Japanese input mode still mean what they say. */
static void normalise(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
    while (*r) {
        /* U+FF01..U+FF5E ('!'..'~' in full width) are EF BC 81..EF BD 9E in UTF-8. */
        if (r[0] == 0xef && (r[1] == 0xbc || r[1] == 0xbd) && r[2] >= 0x80 && r[2] <= 0xbf) {
            unsigned cp = (r[1] == 0xbc ? 0xff00u : 0xff40u) + (r[2] - 0x80u);
            if (cp >= 0xff01 && cp <= 0xff5e) {
                *w++ = (unsigned char)(cp - 0xfee0u);
                r += 3;
                continue;
            }
        }
        /* A line break inside a cell (Alt+Enter in Excel) becomes a space: the ledger keeps
         * one line per field. */
        if (*r == '\r' && r[1] == '\n')
            r++;
        if (*r < 0x20 || *r == 0x7f) {
            *w++ = ' ';
            r++;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
    /* Trim: ASCII blanks and U+3000. */
    char *start = s;
    for (;;) {
        if (*start == ' ' || *start == '\t')
            start++;
        else if (memcmp(start, "\xE3\x80\x80", 3) == 0)
            start += 3;
        else
            break;
    }
    size_t n = strlen(start);
    for (;;) {
        if (n && (start[n - 1] == ' ' || start[n - 1] == '\t'))
            n--;
        else if (n >= 3 && memcmp(start + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    memmove(s, start, n);
    s[n] = '\0';
}

static bool ascii_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static bool one_of(const char *s, const char *const *names)
{
    for (; *names; names++) {
        if (ascii_eq(s, *names))
            return true;
    }
    return false;
}

bool dc_import_yesno(const char *s, bool *out)
{
    static const char *const yes[] = {"有", "あり", "○", "〇", "◯", "yes", "y", "true", "1", NULL};
    static const char *const no[] = {"無", "なし", "×", "-", "no", "n", "false", "0", "", NULL};
    char v[32];
    if (!dc_copy(v, sizeof v, s))
        return false;
    normalise(v);
    if (one_of(v, yes))
        return *out = true;
    if (one_of(v, no)) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_kind(const char *s, dc_kind_t *out)
{
    static const struct {
        dc_kind_t kind;
        const char *names[8];
    } kinds[] = {
        {DC_KIND_PAPER, {"paper", "紙", "紙媒体", "紙(書類)", "書類", "ファイル", NULL}},
        {DC_KIND_CD, {"cd", "cd-r", "cd-rom", "cd-rw", NULL}},
        {DC_KIND_DVD, {"dvd", "dvd-r", "dvd-rom", "dvd-rw", "bd-r", NULL}},
        {DC_KIND_USB, {"usb", "usbメモリ", "usbメモリー", "usbメモリ等", NULL}},
        {DC_KIND_HDD, {"hdd", "外付けhdd", "外付けハードディスク", "ハードディスク", NULL}},
        {DC_KIND_SD, {"sd", "sdカード", "microsd", "メモリーカード", NULL}},
        {DC_KIND_OTHER, {"other", "その他", NULL}},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (one_of(s, kinds[i].names)) {
            *out = kinds[i].kind;
            return true;
        }
    }
    return false;
}

static bool parse_role(const char *s, dc_role_t *out)
{
    static const char *const staff[] = {"staff", "取扱者", "事務取扱担当者", "担当者", "", NULL};
    static const char *const manager[] = {"manager", "管理責任者", "責任者", NULL};
    static const char *const admin[] = {"admin", "システム管理者", "管理者", NULL};
    if (one_of(s, staff))
        *out = DC_ROLE_STAFF;
    else if (one_of(s, manager))
        *out = DC_ROLE_MANAGER;
    else if (one_of(s, admin))
        *out = DC_ROLE_ADMIN;
    else
        return false;
    return true;
}

/* 2026-04-01, 2026/4/1, 2026.4.1 to YYYY-MM-DD. */
static bool parse_date(const char *s, char out[DC_DATE_MAX])
{
    int y, m, d;
    char s1, s2, end;
    if (sscanf(s, "%4d%c%2d%c%2d%c", &y, &s1, &m, &s2, &d, &end) != 5 || s1 != s2 ||
        (s1 != '-' && s1 != '/' && s1 != '.'))
        return false;
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    snprintf(out, DC_DATE_MAX, "%04d-%02d-%02d", y, m, d);
    return dc_date_ok(out);
}

/* ---- columns ---- */

enum { COL_KIND, COL_TITLE, COL_PLACE, COL_PERSONAL, COL_MY_NUMBER, COL_NOTES, COL_SECTION };
enum { COL_NAME, COL_KANA, COL_SSECTION, COL_ROLE, COL_DESIGNATED, COL_BADGE };
#define NCOLS 7

typedef struct {
    const char *names[6];
    bool required;
} column_t;

static const column_t item_cols[NCOLS] = {
    [COL_KIND] = {{"kind", "種別", "媒体", "媒体の種類", NULL}, true},
    [COL_TITLE] = {{"title", "名称", "書類名", "書類名・ファイル名", "資産名", NULL}, true},
    [COL_PLACE] = {{"place", "保管場所", NULL}, false},
    [COL_PERSONAL] = {{"personal", "個人情報", "個人情報の有無", NULL}, false},
    [COL_MY_NUMBER] = {{"my_number", "特定個人情報", "特定個人情報の有無", "my number", NULL},
                       false},
    [COL_NOTES] = {{"notes", "特記事項", "備考", NULL}, false},
    [COL_SECTION] = {{"section", "管理課", "所管課", "担当課", NULL}, false},
};

static const column_t staff_cols[NCOLS] = {
    [COL_NAME] = {{"name", "氏名", "名前", NULL}, true},
    [COL_KANA] = {{"kana", "フリガナ", "ふりがな", "カナ", NULL}, false},
    [COL_SSECTION] = {{"section", "所属", "所属課", NULL}, false},
    [COL_ROLE] = {{"role", "役割", "権限", NULL}, false},
    [COL_DESIGNATED] = {{"designated", "指定年月日", "指定日", NULL}, false},
    [COL_BADGE] = {{"badge", "職員証", "職員証コード", "社員証", "社員証コード", NULL}, false},
};

typedef struct {
    dc_store_t *st;
    const dc_term_t *term;
    dc_import_kind_t kind;
    const char *actor;
    dc_import_t *im;
    const column_t *cols;
    int map[NCOLS]; /* field index of each column, -1 when absent */
    int nfields;
    bool header_done;
    dc_err_t fatal;
    dc_event_t *evs;
    int cap_rows, cap_problems;
    char today[DC_DATE_MAX];
} import_t;

static void *grow(void *p, int n, int *cap, size_t size)
{
    if (n < *cap)
        return p;
    int ncap = *cap ? *cap * 2 : 64;
    void *q = realloc(p, (size_t)ncap * size);
    if (q)
        *cap = ncap;
    return q;
}

__attribute__((format(printf, 4, 5))) static void problem(import_t *x, int line, dc_err_t why,
                                                          const char *fmt, ...)
{
    dc_import_t *im = x->im;
    dc_import_problem_t *p = grow(im->problems, im->nproblems, &x->cap_problems, sizeof *p);
    if (!p) {
        x->fatal = DC_E_NOMEM;
        return;
    }
    im->problems = p;
    p = &p[im->nproblems++];
    p->line = line;
    p->why = why;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->detail, sizeof p->detail, fmt, ap);
    va_end(ap);
}

static int header(import_t *x, int line, const char *const *f, int n)
{
    for (int c = 0; c < NCOLS; c++)
        x->map[c] = -1;
    for (int i = 0; i < n; i++) {
        char name[128];
        if (!dc_copy(name, sizeof name, f[i]))
            continue;
        normalise(name);
        for (int c = 0; c < NCOLS; c++) {
            if (x->cols[c].names[0] && x->map[c] < 0 && one_of(name, x->cols[c].names))
                x->map[c] = i;
        }
    }
    for (int c = 0; c < NCOLS; c++) {
        if (x->cols[c].required && x->map[c] < 0) {
            problem(x, line, DC_E_IMPORT_HEADER, "「%s」", x->cols[c].names[1]);
            x->fatal = DC_E_IMPORT_HEADER;
            return 1;
        }
    }
    x->nfields = n;
    x->header_done = true;
    return 0;
}

/* The cell of column c, normalised into buf; "" when the column is absent. */
static const char *cell(const import_t *x, const char *const *f, int c, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (x->map[c] >= 0 && !dc_copy(buf, cap, f[x->map[c]]))
        return NULL;
    normalise(buf);
    return buf;
}

static bool same_item(const dc_event_t *a, const char *title, const char *place)
{
    return strcmp(a->title, title) == 0 && strcmp(a->place, place) == 0;
}

typedef struct {
    const char *title, *place, *name, *kana;
    bool found;
} dup_t;

static int dup_item(const dc_item_t *it, void *ctx)
{
    dup_t *d = ctx;
    d->found = strcmp(it->title, d->title) == 0 && strcmp(it->place, d->place) == 0;
    return d->found;
}

static int dup_staff(const dc_staff_t *sf, void *ctx)
{
    dup_t *d = ctx;
    d->found = !sf->released[0] && strcmp(sf->name, d->name) == 0 && strcmp(sf->kana, d->kana) == 0;
    return d->found;
}

/* A new code of the type, unique in the ledger and in this import. */
static dc_err_t fresh_code(import_t *x, dc_code_type_t type, char out[DC_CODE_MAX])
{
    for (int tries = 0; tries < 16; tries++) {
        dc_err_t e = dc_desk_new_code(x->st, type, out);
        if (e)
            return e;
        bool taken = false;
        for (int i = 0; i < x->im->nrows && !taken; i++)
            taken = strcmp(x->im->rows[i].code, out) == 0;
        if (!taken)
            return DC_E_OK;
    }
    return DC_E_USAGE;
}

static bool item_row(import_t *x, int line, const char *const *f, dc_event_t *ev)
{
    char kind[64], title[DC_LONG_MAX], place[DC_SHORT_MAX], yes[32], notes[DC_LONG_MAX],
        section[DC_SHORT_MAX];
    int before = x->im->nproblems;
    dc_event_init(ev, DC_EV_REGISTER);
    if (!cell(x, f, COL_TITLE, title, sizeof title) ||
        !cell(x, f, COL_PLACE, place, sizeof place) ||
        !cell(x, f, COL_NOTES, notes, sizeof notes) ||
        !cell(x, f, COL_SECTION, section, sizeof section)) {
        problem(x, line, DC_E_TOO_LONG, "%s", "");
        return false;
    }
    if (!cell(x, f, COL_KIND, kind, sizeof kind) || !parse_kind(kind, &ev->kind))
        problem(x, line, DC_E_IMPORT_KIND, "種別 kind 「%s」", kind);
    if (!title[0])
        problem(x, line, DC_E_R_FIELD_MISSING, "%s", "名称 title");
    bool b;
    if (!cell(x, f, COL_PERSONAL, yes, sizeof yes) || !dc_import_yesno(yes, &b))
        problem(x, line, DC_E_IMPORT_YESNO, "個人情報 personal 「%s」", yes);
    else
        ev->personal = b;
    if (!cell(x, f, COL_MY_NUMBER, yes, sizeof yes) || !dc_import_yesno(yes, &b))
        problem(x, line, DC_E_IMPORT_YESNO, "特定個人情報 my_number 「%s」", yes);
    else
        ev->my_number = b;
    /* My Number data is personal information by definition. */
    ev->personal = ev->personal || ev->my_number;
    if (title[0]) {
        for (int i = 0; i < x->im->nrows; i++) {
            if (same_item(&x->evs[i], title, place)) {
                char at[96];
                snprintf(at, sizeof at, "%d行目と同じ 「%.60s」", x->im->rows[i].line, title);
                problem(x, line, DC_E_IMPORT_DUPLICATE, "%s", at);
                break;
            }
        }
        dup_t d = {.title = title, .place = place};
        dc_err_t e = dc_store_items_each(x->st, DC_STATE_NONE, dup_item, &d);
        if (e)
            x->fatal = e;
        else if (d.found)
            problem(x, line, DC_E_IMPORT_DUPLICATE, "登録済み already registered 「%.100s」",
                    title);
    }
    if (x->im->nproblems != before)
        return false;
    ev->category = dc_kind_category(ev->kind);
    dc_copy(ev->title, sizeof ev->title, title);
    dc_copy(ev->place, sizeof ev->place, place);
    dc_copy(ev->notes, sizeof ev->notes, notes);
    dc_copy(ev->section, sizeof ev->section, section);
    return true;
}

static bool staff_row(import_t *x, int line, const char *const *f, dc_event_t *ev)
{
    char name[DC_SHORT_MAX], kana[DC_SHORT_MAX], section[DC_SHORT_MAX], role[64], date[32],
        badge[64];
    int before = x->im->nproblems;
    dc_event_init(ev, DC_EV_ENROLL);
    if (!cell(x, f, COL_NAME, name, sizeof name) || !cell(x, f, COL_KANA, kana, sizeof kana) ||
        !cell(x, f, COL_SSECTION, section, sizeof section)) {
        problem(x, line, DC_E_TOO_LONG, "%s", "");
        return false;
    }
    if (!name[0])
        problem(x, line, DC_E_R_FIELD_MISSING, "%s", "氏名 name");
    if (!cell(x, f, COL_ROLE, role, sizeof role) || !parse_role(role, &ev->role))
        problem(x, line, DC_E_IMPORT_ROLE, "役割 role 「%s」", role);
    if (!cell(x, f, COL_DESIGNATED, date, sizeof date))
        problem(x, line, DC_E_BAD_DATE, "%s", "指定年月日 designated");
    else if (!date[0])
        memcpy(ev->designated, x->today, DC_DATE_MAX);
    else if (!parse_date(date, ev->designated))
        problem(x, line, DC_E_BAD_DATE, "指定年月日 designated 「%s」", date);
    if (!cell(x, f, COL_BADGE, badge, sizeof badge)) {
        problem(x, line, DC_E_CODE_FORMAT, "%s", "職員証 badge");
    } else if (badge[0]) {
        dc_err_t e = dc_code_expect(badge, strlen(badge), DC_CODE_BADGE, ev->subject);
        dc_staff_t sf;
        if (e)
            problem(x, line, e, "職員証 badge 「%s」", badge);
        else if (dc_store_staff_get(x->st, ev->subject, &sf) == DC_E_OK)
            problem(x, line, DC_E_IMPORT_DUPLICATE, "職員証 badge 「%s」", badge);
    }
    if (name[0]) {
        for (int i = 0; i < x->im->nrows; i++) {
            const dc_event_t *o = &x->evs[i];
            if ((strcmp(o->name, name) == 0 && strcmp(o->kana, kana) == 0) ||
                (ev->subject[0] && strcmp(o->subject, ev->subject) == 0)) {
                char at[96];
                snprintf(at, sizeof at, "%d行目と同じ 「%.60s」", x->im->rows[i].line, name);
                problem(x, line, DC_E_IMPORT_DUPLICATE, "%s", at);
                break;
            }
        }
        dup_t d = {.name = name, .kana = kana};
        dc_err_t e = dc_store_staff_each(x->st, dup_staff, &d);
        if (e)
            x->fatal = e;
        else if (d.found)
            problem(x, line, DC_E_IMPORT_DUPLICATE, "登録済み already enrolled 「%.100s」", name);
    }
    if (x->im->nproblems != before)
        return false;
    dc_copy(ev->name, sizeof ev->name, name);
    dc_copy(ev->kana, sizeof ev->kana, kana);
    dc_copy(ev->section, sizeof ev->section, section);
    return true;
}

static int record(int line, const char *const *f, int n, void *ctx)
{
    import_t *x = ctx;
    if (!x->header_done)
        return header(x, line, f, n);
    dc_import_t *im = x->im;
    im->lines++;
    if (im->lines > DC_IMPORT_MAX_ROWS) {
        problem(x, line, DC_E_IMPORT_TOO_MANY, "%s", "");
        x->fatal = DC_E_IMPORT_TOO_MANY;
        return 1;
    }
    /* Excel drops empty trailing cells; more cells than columns means a shifted line. */
    if (n > x->nfields) {
        char got[64];
        snprintf(got, sizeof got, "%d / %d", n, x->nfields);
        problem(x, line, DC_E_IMPORT_FIELDS, "%s", got);
        return x->fatal != DC_E_OK;
    }
    const char *full[DC_CSV_MAX_FIELDS];
    for (int i = 0; i < x->nfields; i++)
        full[i] = i < n ? f[i] : "";
    dc_event_t ev;
    bool good =
        x->kind == DC_IMPORT_ITEMS ? item_row(x, line, full, &ev) : staff_row(x, line, full, &ev);
    if (!good || x->fatal)
        return x->fatal != DC_E_OK;
    dc_import_row_t *r = grow(im->rows, im->nrows, &x->cap_rows, sizeof *r);
    dc_event_t *evs = r ? realloc(x->evs, (size_t)x->cap_rows * sizeof *evs) : NULL;
    if (r)
        im->rows = r;
    if (!evs) {
        x->fatal = DC_E_NOMEM;
        return 1;
    }
    x->evs = evs;
    r = &im->rows[im->nrows];
    memset(r, 0, sizeof *r);
    r->line = line;
    dc_copy(ev.actor, sizeof ev.actor, x->actor);
    dc_err_t e = DC_E_OK;
    if (x->kind == DC_IMPORT_ITEMS) {
        e = fresh_code(x, DC_CODE_ITEM, ev.item);
        memcpy(r->code, ev.item, DC_CODE_MAX);
        dc_copy(r->what, sizeof r->what, ev.title);
    } else {
        if (!ev.subject[0])
            e = fresh_code(x, DC_CODE_BADGE, ev.subject);
        memcpy(r->code, ev.subject, DC_CODE_MAX);
        dc_copy(r->what, sizeof r->what, ev.name);
    }
    if (e) {
        x->fatal = e;
        return 1;
    }
    dc_desk_stamp(x->term, &ev);
    x->evs[im->nrows++] = ev;
    return 0;
}

dc_err_t dc_import(dc_store_t *st, const dc_term_t *term, dc_import_kind_t kind, const char *buf,
                   size_t len, const char *actor, bool dry_run, dc_import_t **out)
{
    DC_EXPECT(st && term && (buf || !len) && actor && out);
    *out = NULL;
    dc_import_t *im = calloc(1, sizeof *im);
    if (!im)
        return DC_E_NOMEM;
    import_t x = {.st = st, .term = term, .kind = kind, .actor = actor, .im = im};
    x.cols = kind == DC_IMPORT_ITEMS ? item_cols : staff_cols;
    dc_event_local_date(dc_clock_now_ms(), term->tz_min, x.today);
    char *text = NULL;
    size_t text_len = 0;
    /* Onboarding is the administrator's: registering one item at the counter is anyone's. */
    dc_staff_t who;
    dc_err_t e = dc_store_staff_get(st, actor, &who);
    if (e == DC_E_NOT_FOUND || (!e && who.released[0]))
        e = e ? DC_E_R_ACTOR_UNKNOWN : DC_E_R_ACTOR_RELEASED;
    else if (!e && who.role != DC_ROLE_ADMIN)
        e = DC_E_R_ACTOR_ROLE;
    if (e) {
        if (dc_err_class(e) == DC_CLASS_IO)
            goto out;
        /* Refused as a whole: logged as any refusal of the counter. */
        if (dc_desk_log_refusal(st, term, actor,
                                kind == DC_IMPORT_ITEMS ? DC_EV_REGISTER : DC_EV_ENROLL, e, NULL,
                                NULL))
            fprintf(stderr, "daicho: a refusal could not be logged: %s\n", dc_store_detail(st));
        *out = im;
        return e;
    }
    e = to_utf8(buf, len, &text, &text_len, &im->encoding);
    if (e == DC_E_IMPORT_ENCODING)
        problem(&x, 0, e, "%s", "");
    int line = 0;
    if (!e) {
        e = dc_csv_parse(text, text_len, record, &x, &line);
        if (e)
            problem(&x, line, e, "%s", "");
        else if (x.fatal)
            e = x.fatal;
        else if (!x.header_done) {
            problem(&x, 1, DC_E_IMPORT_HEADER, "%s", "");
            e = DC_E_IMPORT_HEADER;
        }
    }
    if (!e && im->nproblems)
        e = DC_E_IMPORT_LINES;
    if (!e && im->nrows) {
        /* Every line through the rules, against the ledger and the lines before it. */
        int failed = -1;
        if (kind == DC_IMPORT_ITEMS) {
            /* Items the one way they are registered (desk.h; a refusal is logged there). */
            e = dc_desk_register(st, term, x.evs, im->nrows, dry_run, &failed);
        } else {
            e = dry_run ? dc_store_trial(st, x.evs, im->nrows, &failed)
                        : dc_store_append(st, x.evs, im->nrows, &failed);
            if (e && !dry_run && dc_desk_log_refusal(st, term, actor, DC_EV_ENROLL, e, NULL, NULL))
                fprintf(stderr, "daicho: a refusal could not be logged: %s\n", dc_store_detail(st));
        }
        if (e && failed >= 0) {
            problem(&x, im->rows[failed].line, e, "%s", "");
            e = dc_err_class(e) == DC_CLASS_REFUSED ? DC_E_IMPORT_LINES : e;
        }
        for (int i = 0; !e && !dry_run && i < im->nrows; i++)
            im->rows[i].seq = x.evs[i].seq;
    }
out:
    free(text);
    free(x.evs);
    if (e == DC_E_NOMEM || (e && dc_err_class(e) == DC_CLASS_IO)) {
        dc_import_free(im);
        return e;
    }
    *out = im;
    return e;
}

void dc_import_free(dc_import_t *im)
{
    if (!im)
        return;
    free(im->rows);
    free(im->problems);
    free(im);
}
