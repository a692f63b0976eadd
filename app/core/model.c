#include "core/model.h"

#include "core/cal.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    const char *label[2];
} name_t;

static const name_t roles[DC_ROLE__COUNT] = {
    {"staff", {"取扱者", "Handler"}},
    {"manager", {"管理責任者", "Manager"}},
    {"admin", {"システム管理者", "Administrator"}},
};

static const name_t kinds[DC_KIND__COUNT] = {
    {"paper", {"紙(書類)", "Paper"}},
    {"cd", {"CD-R", "CD-R"}},
    {"dvd", {"DVD-R", "DVD-R"}},
    {"usb", {"USBメモリ", "USB memory"}},
    {"hdd", {"外付けHDD", "External HDD"}},
    {"sd", {"SDカード", "SD card"}},
    {"other", {"その他", "Other"}},
};

static const name_t categories[DC_CAT__COUNT] = {
    {"paper", {"紙媒体", "Paper"}},
    {"media", {"記録媒体", "Recording media"}},
    {"data", {"電子データ", "Electronic data"}},
    {"hardware", {"ハードウェア", "Hardware"}},
    {"software", {"ソフトウェア", "Software"}},
};

static const name_t states[DC_STATE__COUNT] = {
    {"none", {"未登録", "Not registered"}}, {"in", {"保管中", "In storage"}},
    {"out", {"持ち出し中", "Out"}},         {"transit", {"運搬中", "In transit"}},
    {"disposed", {"廃棄済み", "Disposed"}}, {"retired", {"ラベル廃止", "Label retired"}},
};

static const name_t evtypes[DC_EV__COUNT] = {
    {"register", {"登録", "Register"}},
    {"take-out", {"持ち出し", "Take out"}},
    {"return", {"返却", "Return"}},
    {"copy", {"複製", "Copy"}},
    {"transport", {"運搬", "Transport"}},
    {"receive", {"受領", "Receive"}},
    {"dispose", {"廃棄", "Dispose"}},
    {"enroll", {"取扱者指定", "Enrol staff"}},
    {"release", {"指定解除", "Release staff"}},
    {"login", {"ログイン", "Log in"}},
    {"login-failed", {"ログイン失敗", "Failed log-in"}},
    {"monthly-check", {"月次点検", "Monthly check"}},
    {"reprint", {"再発行", "Reprint"}},
    {"setting", {"設定変更", "Settings change"}},
    {"refused", {"操作拒否", "Refused"}},
    {"correction", {"訂正", "Correction"}},
    {"relabel", {"貼り替え", "Relabel"}},
    {"export", {"書出し", "Export"}},
    {"unlock", {"ロック解除", "Unlock"}},
    {"enrol-code", {"登録コード発行", "Enrolment code issued"}},
    {"rename", {"件名変更", "Rename"}},
    {"pin-reset", {"暗証番号リセット", "PIN reset"}},
    {"arrival", {"他端末からの受領", "Arrival from another terminal"}},
};

static const name_t methods[DC_METHOD__COUNT] = {
    {"", {"", ""}},
    {"clear", {"消去(Clear)", "Clear"}},
    {"purge", {"完全消去(Purge)", "Purge"}},
    {"destroy", {"破壊(Destroy)", "Destroy"}},
};

static const name_t channels[DC_CHANNEL__COUNT] = {
    {"kiosk", {"端末", "Kiosk"}},
    {"cli", {"管理コマンド", "Admin CLI"}},
};

static const char *label_of(const name_t *t, int n, int i, dc_lang_t lang)
{
    if (i < 0 || i >= n)
        return "?";
    return t[i].label[lang == DC_LANG_EN ? 1 : 0];
}

static const char *name_of(const name_t *t, int n, int i)
{
    if (i < 0 || i >= n)
        return "?";
    return t[i].name;
}

static bool parse_in(const name_t *t, int n, const char *s, int *out)
{
    if (!s || !*s)
        return false;
    for (int i = 0; i < n; i++) {
        if (strcmp(t[i].name, s) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

#define DC_NAMES(type, fn, table, count)                                                           \
    const char *dc_##fn##_name(type v)                                                             \
    {                                                                                              \
        return name_of(table, count, (int)v);                                                      \
    }                                                                                              \
    const char *dc_##fn##_label(type v, dc_lang_t lang)                                            \
    {                                                                                              \
        return label_of(table, count, (int)v, lang);                                               \
    }                                                                                              \
    bool dc_##fn##_parse(const char *s, type *out)                                                 \
    {                                                                                              \
        int i;                                                                                     \
        if (!parse_in(table, count, s, &i))                                                        \
            return false;                                                                          \
        *out = (type)i;                                                                            \
        return true;                                                                               \
    }

DC_NAMES(dc_role_t, role, roles, DC_ROLE__COUNT)
DC_NAMES(dc_kind_t, kind, kinds, DC_KIND__COUNT)
DC_NAMES(dc_category_t, category, categories, DC_CAT__COUNT)
DC_NAMES(dc_state_t, state, states, DC_STATE__COUNT)
DC_NAMES(dc_evtype_t, evtype, evtypes, DC_EV__COUNT)
DC_NAMES(dc_method_t, method, methods, DC_METHOD__COUNT)

const char *dc_channel_name(dc_channel_t c)
{
    return name_of(channels, DC_CHANNEL__COUNT, (int)c);
}

bool dc_channel_parse(const char *s, dc_channel_t *out)
{
    int i;
    if (!parse_in(channels, DC_CHANNEL__COUNT, s, &i))
        return false;
    *out = (dc_channel_t)i;
    return true;
}

const char *const dc_setting_keys[] = {
    "office_name",
    "terminal_name",
    "idle_seconds",
    "office_hours",
    "overdue_days",
    "list.purposes",
    "list.destinations",
    "list.recipients",
    "list.places",
    "list.techniques",
    "printer_receipt",
    "printer_receipt_paper",
    "printer_label",
    "printer_label_paper",
    "export_dir",
    "idle_second_seconds",
    "idle_inventory_seconds",
    "support_contact",
    NULL,
};

bool dc_setting_known(const char *key)
{
    for (int i = 0; key && dc_setting_keys[i]; i++) {
        if (strcmp(dc_setting_keys[i], key) == 0)
            return true;
    }
    return false;
}

static bool whole(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    return end != s && !*end && s[0] != '-' && s[0] != '+' && s[0] != ' ' && v >= lo && v <= hi;
}

static bool in_list(const char *s, const char *const *names)
{
    for (; *names; names++) {
        if (strcmp(s, *names) == 0)
            return true;
    }
    return false;
}

bool dc_setting_valid(const char *key, const char *value)
{
    static const char *const rolls[] = {"58", "80", NULL};
    static const char *const papers[] = {"58", "80", "62x29", "50x30", NULL};
    if (!dc_setting_known(key) || !value || !dc_text_ok(value, 512))
        return false;
    if (strcmp(key, "idle_seconds") == 0 || strcmp(key, "idle_second_seconds") == 0 ||
        strcmp(key, "idle_inventory_seconds") == 0)
        return whole(value, 10, 3600);
    if (strcmp(key, "support_contact") == 0) /* whom to call, on the kiosk's error screen */
        return dc_text_ok(value, 100);
    if (strcmp(key, "overdue_days") == 0)
        return whole(value, 1, 3650);
    if (strcmp(key, "office_hours") == 0)
        return dc_cal_hours_parse(value, NULL, NULL); /* as the monthly check reads it */
    if (strcmp(key, "printer_receipt_paper") == 0)
        return in_list(value, rolls);
    if (strcmp(key, "printer_label_paper") == 0)
        return in_list(value, papers);
    if (strcmp(key, "printer_receipt") == 0 || strcmp(key, "printer_label") == 0)
        return (strncmp(value, "escpos:", 7) == 0 || strncmp(value, "png:", 4) == 0 ||
                strncmp(value, "ql:", 3) == 0) &&
               strchr(value, ':')[1] != '\0';
    if (strcmp(key, "export_dir") == 0)
        return value[0] == '/';
    if (strcmp(key, "office_name") == 0 || strcmp(key, "terminal_name") == 0)
        return value[0] != '\0';
    return true; /* the lists: any text, entries between '|' */
}

static const name_t dgroups[DC_DGROUP__COUNT] = {
    {"paper", {"紙媒体", "Paper"}},
    {"optical", {"光ディスク(CD-R・DVD-R)", "Optical discs (CD-R, DVD-R)"}},
    {"magnetic", {"磁気ディスク(外付けHDD)", "Magnetic disks (external HDD)"}},
    {"flash", {"フラッシュメモリ(USB・SD)", "Flash memory (USB, SD)"}},
    {"other", {"その他の媒体", "Other media"}},
};

#define G(g) (1u << DC_DGROUP_##g)
/* Paper is shredded, dissolved or burned; discs are shredded or crushed; a magnetic disk is
 * degaussed, purged, overwritten or crushed; flash memory cannot be degaussed (no magnetic
 * domains) and is purged, overwritten or crushed; a write-once disc cannot be overwritten. */
static const dc_technique_t techniques[] = {
    {"シュレッダー裁断", "Shredding", DC_METHOD_DESTROY, G(PAPER) | G(OPTICAL) | G(OTHER)},
    {"溶解処理", "Dissolving (pulping)", DC_METHOD_DESTROY, G(PAPER)},
    {"焼却", "Burning", DC_METHOD_DESTROY, G(PAPER)},
    {"物理破壊(破砕)", "Physical destruction (crushing)", DC_METHOD_DESTROY,
     G(OPTICAL) | G(MAGNETIC) | G(FLASH) | G(OTHER)},
    {"消磁", "Degaussing", DC_METHOD_PURGE, G(MAGNETIC) | G(OTHER)},
    {"完全消去(セキュア消去)", "Purge (secure erase command)", DC_METHOD_PURGE,
     G(MAGNETIC) | G(FLASH) | G(OTHER)},
    {"データ消去ソフト(上書き)", "Erasure software (overwrite)", DC_METHOD_CLEAR,
     G(MAGNETIC) | G(FLASH) | G(OTHER)},
};
#undef G

dc_dgroup_t dc_kind_dgroup(dc_kind_t k)
{
    switch (k) {
    case DC_KIND_PAPER:
        return DC_DGROUP_PAPER;
    case DC_KIND_CD:
    case DC_KIND_DVD:
        return DC_DGROUP_OPTICAL;
    case DC_KIND_HDD:
        return DC_DGROUP_MAGNETIC;
    case DC_KIND_USB:
    case DC_KIND_SD:
        return DC_DGROUP_FLASH;
    default:
        return DC_DGROUP_OTHER;
    }
}

const char *dc_dgroup_label(dc_dgroup_t g, dc_lang_t lang)
{
    return label_of(dgroups, DC_DGROUP__COUNT, (int)g, lang);
}

const char *dc_dgroup_name(dc_dgroup_t g)
{
    return name_of(dgroups, DC_DGROUP__COUNT, (int)g);
}

const dc_technique_t *dc_technique_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof techniques / sizeof techniques[0]; i++) {
        if (strcmp(techniques[i].name, name) == 0 || strcmp(techniques[i].label_en, name) == 0)
            return &techniques[i];
    }
    return NULL;
}

bool dc_technique_fits(const dc_technique_t *t, dc_dgroup_t g)
{
    return (unsigned)g < DC_DGROUP__COUNT && (t->groups & (1u << g)) != 0;
}

int dc_techniques_for(dc_dgroup_t g, const dc_technique_t **out, int cap)
{
    int n = 0;
    for (size_t i = 0; i < sizeof techniques / sizeof techniques[0] && n < cap; i++) {
        if (dc_technique_fits(&techniques[i], g))
            out[n++] = &techniques[i];
    }
    return n;
}

bool dc_certificate_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    bool alnum = false;
    if (n < 1 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool an = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!an && c != '-' && c != '/')
            return false;
        alnum = alnum || an;
    }
    return alnum;
}

dc_category_t dc_kind_category(dc_kind_t k)
{
    return k == DC_KIND_PAPER ? DC_CAT_PAPER : DC_CAT_MEDIA;
}

bool dc_text_ok(const char *s, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (p[n]) {
        unsigned char c = p[n];
        int extra;
        uint32_t cp;
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c < 0x80) {
            n++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int i = 1; i <= extra; i++) {
            if ((p[n + i] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[n + i] & 0x3f);
        }
        /* Overlong forms, surrogates and C1 controls are not text. */
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
            return false;
        n += (size_t)extra + 1;
    }
    return n < cap;
}

bool dc_date_ok(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return y >= 1900 && d >= 1 && d <= dc_cal_days_in_month(y, m);
}

bool dc_copy(char *dst, size_t cap, const char *src)
{
    if (!cap)
        return false;
    return dc_text_fit(dst, cap, src);
}
