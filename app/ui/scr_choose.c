/* The fields of the forms, and the chooser screen: a list, a date picker or a number pad. Every
 * list the office can configure (purposes, destinations, recipients, techniques, places) ends in
 * その他: the keyboard, and the text typed is the value (the rules ask only that these fields are
 * filled, not that the value is on the list). 戻る leaves any chooser with the value as it was. */
#include <stdlib.h>
#include <string.h>

#include "platform/clock.h"
#include "ui/fields.h"

typedef struct {
    const char *ja, *en;
} choice_t;

/* The default lists, until the office configures its own (dc_fields_load). */
static const choice_t purposes[] = {
    {"会議資料として使用", "Meeting material"},
    {"出張所での窓口対応", "Counter work at a branch"},
    {"監査対応", "Audit"},
    {"法務局への照会", "Inquiry to the Legal Affairs Bureau"},
    {"庁内打合せ", "Internal meeting"},
    {"委託業者への引渡し", "Handover to a contractor"},
};
static const choice_t places_out[] = {
    {"本庁舎 3階会議室", "Main building, 3F meeting room"},
    {"北出張所", "North branch office"},
    {"南出張所", "South branch office"},
    {"法務局 本局", "Legal Affairs Bureau"},
    {"議会棟 委員会室", "Assembly committee room"},
};
static const choice_t recipients[] = {
    {"北出張所 窓口係", "North branch, counter"},
    {"南出張所 窓口係", "South branch, counter"},
    {"税務課 諸税係", "Tax division"},
    {"法務局 戸籍課", "Legal Affairs Bureau"},
};
/* Offered when an office writes its list.techniques; until it does, the disposal form offers the
 * ledger's own by kind (dc_techniques_for). */
static const choice_t techniques[] = {
    {"シュレッダー裁断", "Shredding"},
    {"溶解処理", "Dissolving"},
    {"焼却", "Burning"},
    {"物理破壊(破砕)", "Physical destruction"},
    {"データ消去ソフト(上書き)", "Erasure software"},
    {"消磁", "Degaussing"},
    {"完全消去(セキュア消去)", "Purge (secure erase command)"},
};
static const choice_t storage[] = {
    {"書庫A キャビネット1", "Archive A, cabinet 1"},
    {"書庫B キャビネット1", "Archive B, cabinet 1"},
    {"金庫", "Safe"},
    {"施錠ロッカー3", "Locked locker 3"},
    {"事務室 書棚", "Office shelf"},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A list the office configured (daicho-admin settings set list.KEY "a|b|c"), in place of the
 * default; its entries show as written in both languages. */
typedef struct {
    const char *key;
    char buf[DC_LONG_MAX];
    choice_t items[DC_FIELD_MAX_OPTIONS];
    int n; /* 0: use the default */
} custom_t;

static custom_t custom[] = {
    {"list.purposes", "", {{0}}, 0},   {"list.destinations", "", {{0}}, 0},
    {"list.recipients", "", {{0}}, 0}, {"list.techniques", "", {{0}}, 0},
    {"list.places", "", {{0}}, 0},
};
enum { C_PURPOSES, C_DESTINATIONS, C_RECIPIENTS, C_TECHNIQUES, C_PLACES };

void dc_fields_load(dc_ui_t *ui)
{
    for (int i = 0; i < N(custom); i++) {
        custom_t *c = &custom[i];
        c->n = 0;
        if (dc_desk_setting_get(ui->st, c->key, c->buf, sizeof c->buf) != DC_E_OK)
            continue;
        for (char *p = c->buf; *p && c->n < DC_FIELD_MAX_OPTIONS;) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = '\0';
            while (*p == ' ')
                p++;
            if (*p) {
                c->items[c->n].ja = p;
                c->items[c->n].en = p;
                c->n++;
            }
            if (!bar)
                break;
            p = bar + 1;
        }
    }
}

static void pick_list(int which, const choice_t *def, int def_n, const choice_t **choices, int *n)
{
    if (custom[which].n) {
        *choices = custom[which].items;
        *n = custom[which].n;
    } else {
        *choices = def;
        *n = def_n;
    }
}

int dc_field_defaults(dc_field_t f, const char **out, int cap)
{
    static const struct {
        dc_field_t f;
        const choice_t *c;
        int n;
    } defaults[] = {
        {DC_FIELD_PURPOSE, purposes, N(purposes)},
        {DC_FIELD_DESTINATION, places_out, N(places_out)},
        {DC_FIELD_RECIPIENT, recipients, N(recipients)},
        {DC_FIELD_TECHNIQUE, techniques, N(techniques)},
        {DC_FIELD_PLACE, storage, N(storage)},
    };
    int n = 0;
    for (int i = 0; i < N(defaults); i++) {
        for (int j = 0; defaults[i].f == f && j < defaults[i].n && n < cap; j++)
            out[n++] = defaults[i].c[j].ja;
    }
    return n;
}

dc_field_kind_t dc_field_kind(dc_field_t f)
{
    switch (f) {
    case DC_FIELD_DUE:
        return DC_FK_DATE;
    case DC_FIELD_QUANTITY:
        return DC_FK_NUMBER;
    case DC_FIELD_CERTIFICATE:
        return DC_FK_CODE;
    case DC_FIELD_TITLE:
        return DC_FK_TEXT;
    case DC_FIELD_MASKED:
    case DC_FIELD_LOCKED_BAG:
    case DC_FIELD_PERSONAL:
    case DC_FIELD_MY_NUMBER:
        return DC_FK_TOGGLE;
    default:
        return DC_FK_LIST;
    }
}

dc_text_t dc_field_label(dc_field_t f)
{
    static const dc_text_t labels[DC_FIELD_TITLE + 1] = {
        DC_T_F_PURPOSE, DC_T_F_DESTINATION, DC_T_F_TO_PLACE,    DC_T_F_RECIPIENT,
        DC_T_F_DUE,     DC_T_F_QUANTITY,    DC_T_F_MASKED,      DC_T_F_LOCKED_BAG,
        DC_T_F_METHOD,  DC_T_F_TECHNIQUE,   DC_T_F_CERTIFICATE, DC_T_F_KIND,
        DC_T_F_PLACE,   DC_T_F_PERSONAL,    DC_T_F_MY_NUMBER,   DC_T_F_TITLE,
    };
    if (f >= DC_FIELD_TECHNIQUE_G)
        return DC_T_F_TECHNIQUE;
    if (f >= DC_FIELD_METHOD_G)
        return DC_T_F_METHOD;
    return labels[f];
}

static int flow_fields(dc_evtype_t type, dc_field_t out[DC_FORM_FIELDS_MAX]);

/* The group of media a disposal's per-kind field is for, or DC_DGROUP__COUNT. */
static dc_dgroup_t group_of(dc_field_t f)
{
    if (f >= DC_FIELD_TECHNIQUE_G && f < DC_FIELD_TECHNIQUE_G + DC_DGROUP__COUNT)
        return (dc_dgroup_t)(f - DC_FIELD_TECHNIQUE_G);
    if (f >= DC_FIELD_METHOD_G && f < DC_FIELD_METHOD_G + DC_DGROUP__COUNT)
        return (dc_dgroup_t)(f - DC_FIELD_METHOD_G);
    return DC_DGROUP__COUNT;
}

/* Which groups of media the cart holds; returns how many. */
static int cart_groups(dc_ui_t *ui, bool present[DC_DGROUP__COUNT])
{
    int n = 0;
    memset(present, 0, DC_DGROUP__COUNT * sizeof present[0]);
    for (int i = 0; i < ui->flow->n; i++) {
        dc_dgroup_t g = dc_kind_dgroup(ui->flow->items[i].kind);
        n += !present[g];
        present[g] = true;
    }
    return n;
}

void dc_field_name(dc_ui_t *ui, dc_field_t f, char *out, size_t cap)
{
    bool present[DC_DGROUP__COUNT];
    dc_dgroup_t g = group_of(f);
    const char *label = dc_ui_t_(ui, dc_field_label(f));
    if (g < DC_DGROUP__COUNT && cart_groups(ui, present) > 1)
        snprintf(out, cap, "%s(%s)", label, dc_dgroup_label(g, ui->lang));
    else
        snprintf(out, cap, "%s", label);
}

bool dc_field_per_kind(dc_ui_t *ui, dc_field_t f)
{
    bool present[DC_DGROUP__COUNT];
    return group_of(f) < DC_DGROUP__COUNT && cart_groups(ui, present) > 1;
}

void dc_disposal_show(dc_ui_t *ui, const dc_item_t *it, char *out, size_t cap)
{
    dc_dgroup_t g = dc_kind_dgroup(it->kind);
    char m[200], t[200];
    dc_field_show(ui, (dc_field_t)(DC_FIELD_METHOD_G + g), m, sizeof m);
    dc_field_show(ui, (dc_field_t)(DC_FIELD_TECHNIQUE_G + g), t, sizeof t);
    snprintf(out, cap, "%s・%s", m, t);
}

int dc_form_fields(dc_ui_t *ui, dc_field_t out[DC_FORM_FIELDS_MAX])
{
    if (ui->flow->type != DC_EV_DISPOSE)
        return flow_fields(ui->flow->type, out);
    /* Each group of media in the cart its own method and technique: paper is not crushed
     * because a disc in the same cart is. */
    bool present[DC_DGROUP__COUNT];
    int n = 0;
    cart_groups(ui, present);
    for (int g = 0; g < DC_DGROUP__COUNT; g++) {
        if (!present[g])
            continue;
        out[n++] = (dc_field_t)(DC_FIELD_METHOD_G + g);
        out[n++] = (dc_field_t)(DC_FIELD_TECHNIQUE_G + g);
    }
    out[n++] = DC_FIELD_CERTIFICATE;
    return n;
}

void dc_form_missing(dc_ui_t *ui, char *out, size_t cap)
{
    dc_field_t fields[DC_FORM_FIELDS_MAX];
    int n = dc_form_fields(ui, fields);
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && len < cap; i++) {
        if (dc_field_done(ui, fields[i]))
            continue;
        char name[160];
        dc_field_name(ui, fields[i], name, sizeof name);
        int w = snprintf(out + len, cap - len, "%s%s",
                         len ? (ui->lang == DC_LANG_EN ? ", " : "、") : "", name);
        if (w < 0 || (size_t)w >= cap - len)
            break; /* what fits: the first fields named are enough to act on */
        len += (size_t)w;
    }
}

/* The fields of a flow type, for one kind of media. */
static int flow_fields(dc_evtype_t type, dc_field_t out[DC_FORM_FIELDS_MAX])
{
    int n = 0;
    switch (type) {
    case DC_EV_TAKE_OUT:
        out[n++] = DC_FIELD_PURPOSE;
        out[n++] = DC_FIELD_DESTINATION;
        out[n++] = DC_FIELD_DUE;
        break;
    case DC_EV_COPY:
        out[n++] = DC_FIELD_PURPOSE;
        out[n++] = DC_FIELD_RECIPIENT;
        out[n++] = DC_FIELD_QUANTITY;
        out[n++] = DC_FIELD_MASKED;
        break;
    case DC_EV_TRANSPORT:
        out[n++] = DC_FIELD_TO_PLACE;
        out[n++] = DC_FIELD_RECIPIENT;
        out[n++] = DC_FIELD_LOCKED_BAG;
        break;
    case DC_EV_DISPOSE:
        out[n++] = DC_FIELD_METHOD;
        out[n++] = DC_FIELD_TECHNIQUE;
        out[n++] = DC_FIELD_CERTIFICATE;
        break;
    case DC_EV_REGISTER:
        out[n++] = DC_FIELD_KIND;
        out[n++] = DC_FIELD_TITLE;
        out[n++] = DC_FIELD_PLACE;
        out[n++] = DC_FIELD_PERSONAL;
        out[n++] = DC_FIELD_MY_NUMBER;
        break;
    default:
        break;
    }
    return n;
}

/* The methods offered for group g: those of the known techniques that work on it, all three
 * when the office's own list has a technique the ledger does not know, and for paper only
 * Destroy. */
static int method_offer(dc_ui_t *ui, dc_dgroup_t g, dc_method_t out[DC_METHOD__COUNT])
{
    bool any_unknown = false;
    for (int i = 0; i < custom[C_TECHNIQUES].n; i++)
        any_unknown = any_unknown || !dc_technique_find(custom[C_TECHNIQUES].items[i].ja);
    (void)ui;
    int n = 0;
    for (int m = DC_METHOD_CLEAR; m < DC_METHOD__COUNT; m++) {
        const dc_technique_t *t[8];
        int k = dc_techniques_for(g, t, 8);
        bool ok = any_unknown && (g != DC_DGROUP_PAPER || m == DC_METHOD_DESTROY);
        for (int i = 0; i < k && !ok; i++)
            ok = t[i]->method == (dc_method_t)m;
        if (ok)
            out[n++] = (dc_method_t)m;
    }
    return n;
}

/* The techniques offered for group g under the method chosen (none: every one): the office's
 * list where it has one (its own wording always, the ledger's known ones where they fit), else
 * the ledger's. names as recorded (Japanese), labels in the current language. */
static int technique_offer(dc_ui_t *ui, dc_dgroup_t g, const char **names, const char **labels)
{
    dc_method_t m = ui->flow->dispose[g].method;
    int n = 0;
    if (custom[C_TECHNIQUES].n) {
        for (int i = 0; i < custom[C_TECHNIQUES].n && n < DC_FIELD_MAX_OPTIONS; i++) {
            const char *name = custom[C_TECHNIQUES].items[i].ja;
            const dc_technique_t *t = dc_technique_find(name);
            if (t && (!dc_technique_fits(t, g) || (m && t->method != m)))
                continue;
            names[n] = labels[n] = name;
            n++;
        }
        return n;
    }
    const dc_technique_t *t[8];
    int k = dc_techniques_for(g, t, 8);
    for (int i = 0; i < k && n < DC_FIELD_MAX_OPTIONS; i++) {
        if (m && t[i]->method != m)
            continue;
        names[n] = t[i]->name;
        labels[n] = ui->lang == DC_LANG_EN ? t[i]->label_en : t[i]->name;
        n++;
    }
    return n;
}

/* The text field of the form a list field writes, with its choices. */
static char *list_target(dc_ui_t *ui, dc_field_t f, const choice_t **choices, int *n, size_t *cap)
{
    dc_event_t *ev = &ui->flow->form;
    switch (f) {
    case DC_FIELD_PURPOSE:
        pick_list(C_PURPOSES, purposes, N(purposes), choices, n), *cap = sizeof ev->purpose;
        return ev->purpose;
    case DC_FIELD_DESTINATION:
    case DC_FIELD_TO_PLACE:
        pick_list(C_DESTINATIONS, places_out, N(places_out), choices, n),
            *cap = sizeof ev->to_place;
        return ev->to_place;
    case DC_FIELD_RECIPIENT:
        pick_list(C_RECIPIENTS, recipients, N(recipients), choices, n), *cap = sizeof ev->recipient;
        return ev->recipient;
    case DC_FIELD_TECHNIQUE:
        pick_list(C_TECHNIQUES, techniques, N(techniques), choices, n), *cap = sizeof ev->technique;
        return ev->technique;
    case DC_FIELD_PLACE:
        pick_list(C_PLACES, storage, N(storage), choices, n), *cap = sizeof ev->place;
        return ev->place;
    default:
        *choices = NULL, *n = 0, *cap = 0;
        return NULL;
    }
}

/* The text a list field keeps, where free text (その他) may be written, or NULL for the lists of
 * the ledger's own (method, kind). */
static char *free_target(dc_ui_t *ui, dc_field_t f, size_t *cap)
{
    dc_dgroup_t g = group_of(f);
    if (g < DC_DGROUP__COUNT && f >= DC_FIELD_TECHNIQUE_G) {
        *cap = sizeof ui->flow->dispose[g].technique;
        return ui->flow->dispose[g].technique;
    }
    if (g < DC_DGROUP__COUNT)
        return NULL;
    const choice_t *c;
    int n;
    return list_target(ui, f, &c, &n, cap);
}

/* The value of a list field when it is free text (not one of its choices), else NULL. */
static const char *free_value(dc_ui_t *ui, dc_field_t f)
{
    size_t cap;
    const char *v = free_target(ui, f, &cap);
    return v && v[0] && dc_field_selected(ui, f) < 0 ? v : NULL;
}

static bool *toggle_target(dc_ui_t *ui, dc_field_t f)
{
    dc_event_t *ev = &ui->flow->form;
    switch (f) {
    case DC_FIELD_MASKED:
        return &ev->masked;
    case DC_FIELD_LOCKED_BAG:
        return &ev->locked_bag;
    case DC_FIELD_PERSONAL:
        return &ev->personal;
    case DC_FIELD_MY_NUMBER:
        return &ev->my_number;
    default:
        return NULL;
    }
}

int dc_field_options(dc_ui_t *ui, dc_field_t f, const char **out)
{
    bool en = ui->lang == DC_LANG_EN;
    dc_dgroup_t g = group_of(f);
    if (g < DC_DGROUP__COUNT && f < DC_FIELD_TECHNIQUE_G) {
        dc_method_t m[DC_METHOD__COUNT];
        int n = method_offer(ui, g, m);
        for (int i = 0; i < n; i++)
            out[i] = dc_method_label(m[i], ui->lang);
        return n;
    }
    if (g < DC_DGROUP__COUNT) {
        const char *names[DC_FIELD_MAX_OPTIONS];
        return technique_offer(ui, g, names, out);
    }
    if (f == DC_FIELD_METHOD) {
        for (int i = 1; i < DC_METHOD__COUNT; i++)
            out[i - 1] = dc_method_label((dc_method_t)i, ui->lang);
        return DC_METHOD__COUNT - 1;
    }
    if (f == DC_FIELD_KIND) {
        for (int i = 0; i < DC_KIND__COUNT; i++)
            out[i] = dc_kind_label((dc_kind_t)i, ui->lang);
        return DC_KIND__COUNT;
    }
    const choice_t *c;
    int n;
    size_t cap;
    list_target(ui, f, &c, &n, &cap);
    for (int i = 0; i < n && i < DC_FIELD_MAX_OPTIONS; i++)
        out[i] = en ? c[i].en : c[i].ja;
    return n;
}

int dc_field_selected(dc_ui_t *ui, dc_field_t f)
{
    dc_event_t *ev = &ui->flow->form;
    dc_dgroup_t g = group_of(f);
    if (g < DC_DGROUP__COUNT && f < DC_FIELD_TECHNIQUE_G) {
        dc_method_t m[DC_METHOD__COUNT];
        int n = method_offer(ui, g, m);
        for (int i = 0; i < n; i++) {
            if (m[i] == ui->flow->dispose[g].method)
                return i;
        }
        return -1;
    }
    if (g < DC_DGROUP__COUNT) {
        const char *names[DC_FIELD_MAX_OPTIONS], *labels[DC_FIELD_MAX_OPTIONS];
        int n = technique_offer(ui, g, names, labels);
        for (int i = 0; i < n; i++) {
            if (strcmp(names[i], ui->flow->dispose[g].technique) == 0)
                return i;
        }
        return -1;
    }
    if (f == DC_FIELD_METHOD)
        return ev->method == DC_METHOD_NONE ? -1 : (int)ev->method - 1;
    if (f == DC_FIELD_KIND)
        return ui->flow->form.category == DC_CAT__COUNT ? -1 : (int)ev->kind;
    const choice_t *c;
    int n;
    size_t cap;
    const char *v = list_target(ui, f, &c, &n, &cap);
    for (int i = 0; v && i < n; i++) {
        if (strcmp(v, c[i].ja) == 0)
            return i;
    }
    return -1;
}

void dc_field_choose(dc_ui_t *ui, dc_field_t f, int index)
{
    dc_event_t *ev = &ui->flow->form;
    dc_dgroup_t g = group_of(f);
    if (g < DC_DGROUP__COUNT) {
        dc_kind_disposal_t *d = &ui->flow->dispose[g];
        if (f < DC_FIELD_TECHNIQUE_G) {
            dc_method_t m[DC_METHOD__COUNT];
            int n = method_offer(ui, g, m);
            if (index < 0 || index >= n)
                return;
            /* A technique of another method no longer fits the choice: choose again. */
            const dc_technique_t *t = dc_technique_find(d->technique);
            if (t && t->method != m[index])
                d->technique[0] = '\0';
            d->method = m[index];
            return;
        }
        const char *names[DC_FIELD_MAX_OPTIONS], *labels[DC_FIELD_MAX_OPTIONS];
        int n = technique_offer(ui, g, names, labels);
        if (index < 0 || index >= n)
            return;
        dc_copy(d->technique, sizeof d->technique, names[index]);
        /* A technique the ledger knows brings its own NIST category. */
        const dc_technique_t *t = dc_technique_find(names[index]);
        if (t)
            d->method = t->method;
        return;
    }
    if (f == DC_FIELD_METHOD) {
        ev->method = (dc_method_t)(index + 1);
        return;
    }
    if (f == DC_FIELD_KIND) {
        ev->kind = (dc_kind_t)index;
        ev->category = dc_kind_category(ev->kind);
        return;
    }
    const choice_t *c;
    int n;
    size_t cap;
    char *v = list_target(ui, f, &c, &n, &cap);
    if (v && index >= 0 && index < n)
        dc_copy(v, cap, c[index].ja); /* the ledger is kept in Japanese */
}

void dc_field_toggle(dc_ui_t *ui, dc_field_t f)
{
    bool *b = toggle_target(ui, f);
    if (b)
        *b = !*b;
    /* My Number data is personal data too. */
    if (f == DC_FIELD_MY_NUMBER && ui->flow->form.my_number)
        ui->flow->form.personal = true;
    if (f == DC_FIELD_PERSONAL && !ui->flow->form.personal)
        ui->flow->form.my_number = false;
}

bool dc_field_done(dc_ui_t *ui, dc_field_t f)
{
    dc_event_t *ev = &ui->flow->form;
    switch (dc_field_kind(f)) {
    case DC_FK_TOGGLE:
        return true;
    case DC_FK_DATE:
        return ev->due[0] != '\0';
    case DC_FK_NUMBER:
        return ev->quantity >= 1;
    case DC_FK_CODE:
    case DC_FK_TEXT:
        return true; /* the certificate may come later; a blank title is made from the kind */
    default:
        return dc_field_selected(ui, f) >= 0 || free_value(ui, f);
    }
}

void dc_field_show(dc_ui_t *ui, dc_field_t f, char *out, size_t cap)
{
    dc_event_t *ev = &ui->flow->form;
    const char *opts[DC_FIELD_MAX_OPTIONS];
    switch (dc_field_kind(f)) {
    case DC_FK_TOGGLE: {
        bool *b = toggle_target(ui, f);
        snprintf(out, cap, "%s", *b ? T(YES) : T(NO));
        return;
    }
    case DC_FK_DATE:
        snprintf(out, cap, "%s", ev->due[0] ? ev->due : T(NOT_SET));
        return;
    case DC_FK_NUMBER:
        snprintf(out, cap, "%lld", (long long)ev->quantity);
        return;
    case DC_FK_CODE:
        snprintf(out, cap, "%s", ev->certificate[0] ? ev->certificate : "—");
        return;
    case DC_FK_TEXT:
        snprintf(out, cap, "%s", ev->title[0] ? ev->title : T(F_TITLE_AUTO));
        return;
    default: {
        int sel = dc_field_selected(ui, f);
        const char *other = free_value(ui, f);
        dc_field_options(ui, f, opts);
        snprintf(out, cap, "%s", sel >= 0 ? opts[sel] : other ? other : T(NOT_SET));
    }
    }
}

/* ---- the chooser screen ---- */

enum {
    BTN_OPTION = DC_BTN_USER,
    BTN_OK = DC_BTN_USER + 50,
    BTN_BACK,
    BTN_MINUS,
    BTN_PLUS,
    BTN_WEEK,
    BTN_TODAY,
    BTN_KEY0 = DC_BTN_USER + 60, /* + index into code_keys: the letters, '-' and '/' */
};

/* A certificate number as contractors print it: letters, digits, '-' and '/' (HK-2026-10-033).
 * The digits are the number pad's own keys, so a script's "keys" types them too. */
static const char code_keys[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-/";
enum { NCODE_KEYS = sizeof code_keys - 1, CODE_MAX = 40 };
static char code_entry[CODE_MAX + 1]; /* the certificate being typed, until 確定 */
static char due_was[DC_DATE_MAX];     /* the due date when the picker opened, for 戻る */

/* その他: the keyboard edits other_entry; back at the chooser, a changed text is the value. */
static char other_entry[DC_SHORT_MAX], other_was[DC_SHORT_MAX];
static bool other_open;

static void today(dc_ui_t *ui, char out[DC_DATE_MAX])
{
    dc_event_local_date(dc_clock_now_ms(), ui->term.tz_min, out);
}

static void choose_enter(dc_ui_t *ui)
{
    dc_event_t *ev = &ui->flow->form;
    if (other_open) {
        other_open = false;
        size_t cap;
        char *v = free_target(ui, ui->choosing, &cap);
        if (v && strcmp(other_entry, other_was) != 0) {
            if (!dc_copy(v, cap, other_entry)) {
                dc_ui_refuse(ui, DC_E_TOO_LONG, other_entry);
                v[0] = '\0';
                return;
            }
            ui->message[0] = '\0';
            dc_ui_go(ui, DC_SCR_FORM);
        }
        return; /* キャンセル: the chooser again, the value as it was */
    }
    memcpy(due_was, ev->due, DC_DATE_MAX);
    if (ui->choosing == DC_FIELD_DUE && !ev->due[0])
        today(ui, ev->due);
    if (ui->choosing == DC_FIELD_QUANTITY)
        snprintf(ui->number, sizeof ui->number, "%lld", (long long)ev->quantity);
    else if (ui->choosing == DC_FIELD_CERTIFICATE)
        dc_copy(code_entry, sizeof code_entry, ev->certificate);
}

/* The code keyboard: the entry, then digits, letters, '-', '/', clear and back in rows. */
static void draw_code_keys(dc_ui_t *ui, SDL_Rect area)
{
    SDL_Rect box = {area.x, area.y, area.w, dc_px(ui, 90)};
    dc_draw_fill(ui, box, DC_C_WHITE);
    dc_draw_text(ui, box.x + dc_px(ui, 20), box.y + dc_px(ui, 14), dc_px(ui, 56), DC_C_TEXT,
                 DC_ALIGN_LEFT, code_entry[0] ? code_entry : " ");
    int cols = 10, gap = dc_px(ui, 10), y0 = box.y + box.h + dc_px(ui, 14);
    int bw = (area.w - (cols - 1) * gap) / cols;
    int bh = (area.y + area.h - y0 - 3 * gap) / 4;
    if (bh > dc_px(ui, 90))
        bh = dc_px(ui, 90);
    for (int i = 0; i < 40; i++) {
        SDL_Rect b = {area.x + (i % cols) * (bw + gap), y0 + (i / cols) * (bh + gap), bw, bh};
        char label[2] = {0, 0};
        if (i < 10) {
            label[0] = (char)('0' + (i + 1) % 10); /* 1 2 ... 9 0, as on a keyboard */
            dc_draw_button(ui, b, label, DC_BTN_DIGIT0 + (i + 1) % 10, false, true);
        } else if (i - 10 < NCODE_KEYS) {
            label[0] = code_keys[i - 10];
            dc_draw_button(ui, b, label, BTN_KEY0 + i - 10, false, true);
        } else if (i == 38) {
            dc_draw_button(ui, b, T(PIN_CLEAR), DC_BTN_DIGIT0 + 10, false, true);
        } else if (i == 39) {
            dc_draw_button(ui, b, T(PIN_BACK), DC_BTN_DIGIT0 + 11, false, true);
        }
    }
}

static void code_key(char c)
{
    size_t len = strlen(code_entry);
    if (len < CODE_MAX) {
        code_entry[len] = c;
        code_entry[len + 1] = '\0';
    }
}

static void shift_date(dc_ui_t *ui, int days)
{
    dc_event_t *ev = &ui->flow->form;
    int64_t ms;
    char iso[32];
    snprintf(iso, sizeof iso, "%sT12:00", ev->due);
    if (!dc_clock_parse(iso, &ms))
        return;
    char d[DC_DATE_MAX], t[DC_DATE_MAX];
    dc_event_local_date(ms + (int64_t)days * 86400000, ui->term.tz_min, d);
    today(ui, t);
    if (strcmp(d, t) >= 0) /* never before today */
        memcpy(ev->due, d, DC_DATE_MAX);
}

static void choose_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 40);
    char title[200];
    char name[160];
    dc_field_name(ui, ui->choosing, name, sizeof name);
    snprintf(title, sizeof title, "%s: %s", name, T(CHOOSE));
    dc_draw_text(ui, pad, top + dc_px(ui, 20), dc_px(ui, 38), DC_C_TEXT, DC_ALIGN_LEFT, title);
    SDL_Rect area = {pad, top + dc_px(ui, 90), ui->w - 2 * pad, ui->h - top - dc_px(ui, 260)};
    int by = ui->h - dc_px(ui, 150), bw = dc_px(ui, 260), bh = dc_px(ui, 110);
    dc_draw_button(ui, (SDL_Rect){pad, by, bw, bh}, T(BACK), BTN_BACK, false, true);

    switch (dc_field_kind(ui->choosing)) {
    case DC_FK_LIST: {
        const char *opts[DC_FIELD_MAX_OPTIONS + 1];
        int n = dc_field_options(ui, ui->choosing, opts);
        int sel = dc_field_selected(ui, ui->choosing);
        size_t cap;
        if (free_target(ui, ui->choosing, &cap)) {
            if (sel < 0 && free_value(ui, ui->choosing))
                sel = n;
            opts[n++] = T(IN_OTHER);
        }
        dc_draw_grid(ui, area, opts, n, BTN_OPTION, n > 6 ? 3 : 2, sel);
        break;
    }
    case DC_FK_DATE: {
        dc_draw_text(ui, ui->w / 2, area.y + dc_px(ui, 20), dc_px(ui, 96), DC_C_HEADER,
                     DC_ALIGN_CENTER, ui->flow->form.due);
        const char *labels[] = {T(DAY_MINUS), T(DAY_PLUS), T(WEEK_PLUS), T(TODAY)};
        dc_draw_grid(ui, (SDL_Rect){area.x, area.y + dc_px(ui, 200), area.w, dc_px(ui, 120)},
                     labels, 4, BTN_MINUS, 4, -1);
        dc_draw_button(ui, (SDL_Rect){ui->w - pad - bw, by, bw, bh}, T(OK), BTN_OK, true, true);
        break;
    }
    case DC_FK_NUMBER: {
        SDL_Rect box = {area.x, area.y, area.w / 2 - pad, dc_px(ui, 110)};
        dc_draw_fill(ui, box, DC_C_WHITE);
        dc_draw_text(ui, box.x + box.w / 2, box.y + dc_px(ui, 20), dc_px(ui, 60), DC_C_TEXT,
                     DC_ALIGN_CENTER, ui->number);
        dc_draw_keypad(ui, (SDL_Rect){area.x + area.w / 2, area.y, area.w / 2, area.h});
        bool ok = ui->choosing != DC_FIELD_QUANTITY || strtol(ui->number, NULL, 10) >= 1;
        dc_draw_button(ui, (SDL_Rect){box.x, by, bw, bh}, T(OK), BTN_OK, true, ok);
        break;
    }
    case DC_FK_CODE: {
        draw_code_keys(ui,
                       (SDL_Rect){area.x, area.y - dc_px(ui, 20), area.w, area.h + dc_px(ui, 20)});
        /* Empty is allowed (the certificate may come later); else as a contractor writes it. */
        bool ok = !code_entry[0] || dc_certificate_ok(code_entry);
        dc_draw_button(ui, (SDL_Rect){ui->w - pad - bw, by, bw, bh}, T(OK), BTN_OK, true, ok);
        dc_draw_text(ui, pad + bw + dc_px(ui, 30), by + dc_px(ui, 36), dc_px(ui, 26), DC_C_MUTED,
                     DC_ALIGN_LEFT, T(CERTIFICATE_HINT));
        break;
    }
    default:
        break;
    }
}

/* How many choices the list shows before その他. */
static int list_count(dc_ui_t *ui)
{
    const char *opts[DC_FIELD_MAX_OPTIONS];
    return dc_field_options(ui, ui->choosing, opts);
}

static void choose_button(dc_ui_t *ui, int id)
{
    dc_field_kind_t kind = dc_field_kind(ui->choosing);
    size_t len = strlen(ui->number);
    if (id == BTN_BACK) {
        /* Nothing changes: the date picker moves the date as it is shown, so it is put back. */
        if (kind == DC_FK_DATE)
            memcpy(ui->flow->form.due, due_was, DC_DATE_MAX);
        dc_ui_go(ui, DC_SCR_FORM);
    } else if (kind == DC_FK_LIST && id == BTN_OPTION + list_count(ui)) {
        size_t cap;
        const char *v = free_value(ui, ui->choosing);
        if (!free_target(ui, ui->choosing, &cap))
            return;
        dc_copy(other_entry, sizeof other_entry, v ? v : "");
        memcpy(other_was, other_entry, sizeof other_was);
        other_open = true;
        dc_ui_kana(ui, other_entry, cap < sizeof other_entry ? cap : sizeof other_entry,
                   DC_SCR_CHOOSE);
    } else if (kind == DC_FK_LIST && id >= BTN_OPTION && id < BTN_OPTION + DC_FIELD_MAX_OPTIONS) {
        dc_field_choose(ui, ui->choosing, id - BTN_OPTION);
        ui->message[0] = '\0'; /* an earlier refusal is about a value no longer there */
        dc_ui_go(ui, DC_SCR_FORM);
    } else if (kind == DC_FK_DATE && id >= BTN_MINUS && id <= BTN_TODAY) {
        if (id == BTN_TODAY)
            today(ui, ui->flow->form.due);
        else
            shift_date(ui, id == BTN_MINUS ? -1 : id == BTN_PLUS ? 1 : 7);
    } else if (kind == DC_FK_CODE && id >= DC_BTN_DIGIT0 && id <= DC_BTN_DIGIT0 + 9) {
        code_key((char)('0' + id - DC_BTN_DIGIT0));
    } else if (kind == DC_FK_CODE && id >= BTN_KEY0 && id < BTN_KEY0 + NCODE_KEYS) {
        code_key(code_keys[id - BTN_KEY0]);
    } else if (kind == DC_FK_CODE && id == DC_BTN_DIGIT0 + 10) {
        code_entry[0] = '\0';
    } else if (kind == DC_FK_CODE && id == DC_BTN_DIGIT0 + 11) {
        size_t n = strlen(code_entry);
        if (n)
            code_entry[n - 1] = '\0';
    } else if (kind == DC_FK_NUMBER && id >= DC_BTN_DIGIT0 && id <= DC_BTN_DIGIT0 + 9) {
        if (len < 10) {
            ui->number[len] = (char)('0' + id - DC_BTN_DIGIT0);
            ui->number[len + 1] = '\0';
        }
    } else if (kind == DC_FK_NUMBER && id == DC_BTN_DIGIT0 + 10) {
        ui->number[0] = '\0';
    } else if (kind == DC_FK_NUMBER && id == DC_BTN_DIGIT0 + 11) {
        if (len)
            ui->number[len - 1] = '\0';
    } else if (id == BTN_OK) {
        if (ui->choosing == DC_FIELD_QUANTITY)
            ui->flow->form.quantity = strtol(ui->number, NULL, 10);
        else if (ui->choosing == DC_FIELD_CERTIFICATE) {
            if (code_entry[0] && !dc_certificate_ok(code_entry)) {
                dc_ui_refuse(ui, DC_E_R_CERTIFICATE_FORMAT, code_entry);
                return;
            }
            dc_copy(ui->flow->form.certificate, sizeof ui->flow->form.certificate, code_entry);
        }
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_FORM);
    }
}

/* A disposal certificate often carries a barcode: scanning it fills the number. */
static void choose_scan(dc_ui_t *ui, const char *text)
{
    if (ui->choosing != DC_FIELD_CERTIFICATE || !dc_text_ok(text, DC_SHORT_MAX)) {
        dc_ui_refuse(ui, DC_E_USAGE, text);
        return;
    }
    if (!dc_certificate_ok(text)) {
        dc_ui_refuse(ui, DC_E_R_CERTIFICATE_FORMAT, text);
        return;
    }
    dc_copy(ui->flow->form.certificate, sizeof ui->flow->form.certificate, text);
    ui->message[0] = '\0';
    dc_ui_go(ui, DC_SCR_FORM);
}

const dc_screen_t dc_scr_choose = {"choose", choose_enter, choose_draw, choose_scan, choose_button};
