/* Enrolling a member of staff at the kiosk (administrators): scan the new badge, the name in
 * katakana from an on-screen keyboard, the role and the section, then one commit. The new
 * person chooses a PIN at their first log-in. */
#include <sodium.h>
#include <string.h>

#include "ui/ui.h"

enum {
    BTN_NAME = DC_BTN_USER,
    BTN_ROLE0,                       /* + role */
    BTN_SECTION0 = DC_BTN_USER + 10, /* + index */
    BTN_COMMIT = DC_BTN_USER + 40,
    BTN_BACK,
    BTN_KANA0 = DC_BTN_USER + 100, /* + index into kana[] */
    BTN_KANA_DEL = DC_BTN_USER + 199,
    BTN_KANA_OK,
    BTN_KANA_SMALL,
    BTN_KANA_DAKU,
    BTN_KANA_HANDAKU,
    BTN_KANA_SPACE,
};

enum { MAX_SECTIONS = 6 };

typedef struct {
    char names[MAX_SECTIONS][DC_SHORT_MAX];
    int n;
} sections_t;

static int add_section(const dc_staff_t *sf, void *ctx)
{
    sections_t *s = ctx;
    if (!sf->section[0] || s->n == MAX_SECTIONS)
        return 0;
    for (int i = 0; i < s->n; i++) {
        if (strcmp(s->names[i], sf->section) == 0)
            return 0;
    }
    dc_copy(s->names[s->n++], DC_SHORT_MAX, sf->section);
    return 0;
}

/* The sections the roster already knows, for one tap instead of typing. */
static void known_sections(dc_ui_t *ui, sections_t *s)
{
    memset(s, 0, sizeof *s);
    if (dc_desk_staff_each(ui->st, add_section, s) != DC_E_OK)
        s->n = 0;
}

static void enroll_enter(dc_ui_t *ui)
{
    (void)ui;
}

static void enroll_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 40);
    int w = dc_draw_text(ui, pad, top + dc_px(ui, 16), dc_px(ui, 56), DC_C_HEADER, DC_ALIGN_LEFT,
                         T(ENROLL));
    int by = ui->h - dc_px(ui, 140), bh = dc_px(ui, 110);
    dc_draw_button(ui, (SDL_Rect){pad, by, dc_px(ui, 240), bh}, T(BACK), BTN_BACK, false, true);
    if (!ui->enroll_badge[0]) {
        SDL_Rect band = {0, top + dc_px(ui, 140), ui->w, dc_px(ui, 180)};
        dc_draw_fill(ui, band, DC_C_PRIMARY);
        dc_draw_wrapped(ui,
                        (SDL_Rect){pad, band.y + dc_px(ui, 40), ui->w - 2 * pad, dc_px(ui, 120)},
                        dc_px(ui, 48), DC_C_WHITE, DC_ALIGN_CENTER, T(SCAN_NEW_BADGE));
        return;
    }
    dc_draw_text(ui, pad + w + dc_px(ui, 30), top + dc_px(ui, 34), dc_px(ui, 32), DC_C_TEXT,
                 DC_ALIGN_LEFT, ui->enroll_badge);
    int y = top + dc_px(ui, 100), row = dc_px(ui, 104), lw = dc_px(ui, 260);
    dc_draw_button(ui, (SDL_Rect){pad, y, lw, row - dc_px(ui, 14)}, T(F_NAME), BTN_NAME, false,
                   true);
    dc_draw_text(ui, pad + lw + dc_px(ui, 30), y + dc_px(ui, 22), dc_px(ui, 36),
                 ui->enroll_name[0] ? DC_C_TEXT : DC_C_ERROR, DC_ALIGN_LEFT,
                 ui->enroll_name[0] ? ui->enroll_name : T(NOT_SET));
    y += row;
    dc_draw_text(ui, pad, y + dc_px(ui, 22), dc_px(ui, 32), DC_C_TEXT, DC_ALIGN_LEFT, T(F_ROLE));
    const char *roles[DC_ROLE__COUNT];
    for (int r = 0; r < DC_ROLE__COUNT; r++)
        roles[r] = dc_role_label((dc_role_t)r, ui->lang);
    dc_draw_grid(ui,
                 (SDL_Rect){pad + lw + dc_px(ui, 30), y, ui->w - 2 * pad - lw - dc_px(ui, 30),
                            row - dc_px(ui, 14)},
                 roles, DC_ROLE__COUNT, BTN_ROLE0, DC_ROLE__COUNT, (int)ui->enroll_role);
    y += row;
    dc_draw_text(ui, pad, y + dc_px(ui, 22), dc_px(ui, 32), DC_C_TEXT, DC_ALIGN_LEFT, T(F_SECTION));
    sections_t s;
    known_sections(ui, &s);
    const char *labels[MAX_SECTIONS];
    int selected = -1;
    for (int i = 0; i < s.n; i++) {
        labels[i] = s.names[i];
        if (strcmp(s.names[i], ui->enroll_section) == 0)
            selected = i;
    }
    dc_draw_grid(ui,
                 (SDL_Rect){pad + lw + dc_px(ui, 30), y, ui->w - 2 * pad - lw - dc_px(ui, 30),
                            2 * row - dc_px(ui, 14)},
                 labels, s.n, BTN_SECTION0, 3, selected);
    if (ui->message[0])
        dc_draw_wrapped(ui, (SDL_Rect){pad, ui->h - dc_px(ui, 230), ui->w - 2 * pad, dc_px(ui, 80)},
                        dc_px(ui, 28), ui->message_error ? DC_C_ERROR : DC_C_TEXT, DC_ALIGN_LEFT,
                        ui->message);
    dc_draw_button(ui, (SDL_Rect){ui->w - pad - dc_px(ui, 320), by, dc_px(ui, 320), bh}, T(OK),
                   BTN_COMMIT, true, ui->enroll_name[0] != '\0');
}

static void enroll_scan(dc_ui_t *ui, const char *text)
{
    char badge[DC_CODE_MAX];
    dc_staff_t sf;
    dc_err_t e = dc_code_expect(text, strlen(text), DC_CODE_BADGE, badge);
    if (!e) {
        e = dc_desk_staff_get(ui->st, badge, &sf);
        e = e == DC_E_NOT_FOUND ? DC_E_OK : e ? e : DC_E_R_STAFF_EXISTS;
    }
    /* A badge enrolled already refuses the enrolment: logged as the commit's would be. */
    if (e == DC_E_R_STAFF_EXISTS &&
        dc_desk_log_refusal(ui->st, &ui->term, ui->user.badge, DC_EV_ENROLL, e, NULL, NULL))
        SDL_Log("daicho: a refusal could not be logged: %s", dc_desk_detail(ui->st));
    if (e) {
        dc_ui_refuse(ui, e, text);
        return;
    }
    memcpy(ui->enroll_badge, badge, DC_CODE_MAX);
    ui->enroll_name[0] = '\0';
    ui->enroll_role = DC_ROLE_STAFF;
    dc_copy(ui->enroll_section, sizeof ui->enroll_section, ui->user.section);
    ui->message[0] = '\0';
    dc_ui_flash(ui, true, badge, NULL);
}

static void enroll_commit(dc_ui_t *ui)
{
    dc_event_t ev;
    dc_event_init(&ev, DC_EV_ENROLL);
    memcpy(ev.actor, ui->user.badge, DC_CODE_MAX);
    memcpy(ev.subject, ui->enroll_badge, DC_CODE_MAX);
    dc_copy(ev.name, sizeof ev.name, ui->enroll_name);
    dc_copy(ev.kana, sizeof ev.kana, ui->enroll_name);
    dc_copy(ev.section, sizeof ev.section, ui->enroll_section);
    ev.role = ui->enroll_role;
    int64_t seq;
    dc_err_t e = dc_desk_enrol(ui->st, &ui->term, &ev, &seq); /* a refusal is logged there */
    if (e) {
        dc_ui_refuse(ui, e, ui->enroll_name);
        return;
    }
    /* The first PIN needs a one-time code: shown once here, for the administrator to hand over
     * (only its hash is kept). A failure leaves the person enrolled; `staff code` issues one. */
    char code[DC_ENROL_CODE_MAX], msg[512];
    e = dc_desk_enrol_code_issue(ui->st, &ui->term, ui->user.badge, ui->enroll_badge, code);
    if (e) {
        dc_ui_refuse(ui, e, ui->enroll_name);
        snprintf(msg, sizeof msg, "%s / %s", T(ENROLLED), dc_err_msg(e, ui->lang));
    } else {
        dc_ui_flash(ui, true, T(ENROLLED), ui->enroll_name);
        snprintf(msg, sizeof msg, "%s  %s %s", T(ENROLLED), T(ENROL_CODE_IS), code);
    }
    sodium_memzero(code, sizeof code);
    dc_ui_message(ui, false, msg);
    sodium_memzero(msg, sizeof msg);
    ui->enroll_badge[0] = '\0';
    dc_ui_go(ui, DC_SCR_HOME);
}

static void enroll_button(dc_ui_t *ui, int id)
{
    if (id == BTN_BACK) {
        ui->enroll_badge[0] = '\0';
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_HOME);
    } else if (!ui->enroll_badge[0]) {
        return;
    } else if (id == BTN_NAME) {
        dc_ui_kana(ui, ui->enroll_name, sizeof ui->enroll_name, DC_SCR_ENROLL);
    } else if (id >= BTN_ROLE0 && id < BTN_ROLE0 + DC_ROLE__COUNT) {
        ui->enroll_role = (dc_role_t)(id - BTN_ROLE0);
    } else if (id >= BTN_SECTION0 && id < BTN_SECTION0 + MAX_SECTIONS) {
        sections_t s;
        known_sections(ui, &s);
        if (id - BTN_SECTION0 < s.n)
            dc_copy(ui->enroll_section, sizeof ui->enroll_section, s.names[id - BTN_SECTION0]);
    } else if (id == BTN_COMMIT) {
        enroll_commit(ui);
    }
}

const dc_screen_t dc_scr_enroll = {"enroll", enroll_enter, enroll_draw, enroll_scan, enroll_button};

/* ---- katakana keyboard ---- */

/* The 五十音 table, a column per consonant, read right to left as on paper forms; "" keeps a
 * cell empty. */
static const char *const kana[] = {
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス",
    "セ", "ソ", "タ", "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ",
    "ヒ", "フ", "ヘ", "ホ", "マ", "ミ", "ム", "メ", "モ", "ヤ", "",   "ユ", "",
    "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ", "",   "ヲ", "",   "ン",
};
enum { NKANA = sizeof kana / sizeof kana[0] };

/* Voiced and small forms: the last character is replaced in place. */
static const char *const voiced[][2] = {
    {"カ", "ガ"}, {"キ", "ギ"}, {"ク", "グ"}, {"ケ", "ゲ"}, {"コ", "ゴ"}, {"サ", "ザ"},
    {"シ", "ジ"}, {"ス", "ズ"}, {"セ", "ゼ"}, {"ソ", "ゾ"}, {"タ", "ダ"}, {"チ", "ヂ"},
    {"ツ", "ヅ"}, {"テ", "デ"}, {"ト", "ド"}, {"ハ", "バ"}, {"ヒ", "ビ"}, {"フ", "ブ"},
    {"ヘ", "ベ"}, {"ホ", "ボ"}, {"ウ", "ヴ"},
};
static const char *const semi[][2] = {
    {"ハ", "パ"}, {"ヒ", "ピ"}, {"フ", "プ"}, {"ヘ", "ペ"}, {"ホ", "ポ"},
};
static const char *const small[][2] = {
    {"ア", "ァ"}, {"イ", "ィ"}, {"ウ", "ゥ"}, {"エ", "ェ"}, {"オ", "ォ"},
    {"ツ", "ッ"}, {"ヤ", "ャ"}, {"ユ", "ュ"}, {"ヨ", "ョ"}, {"ワ", "ヮ"},
};

static size_t last_char(const char *s)
{
    size_t n = strlen(s);
    if (!n)
        return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
        i--;
    return i;
}

void dc_ui_kana(dc_ui_t *ui, char *buf, size_t cap, dc_screen_id_t back)
{
    ui->kana_buf = buf;
    ui->kana_cap = cap;
    ui->kana_back = back;
    dc_ui_go(ui, DC_SCR_KANA);
}

static void append(dc_ui_t *ui, const char *k)
{
    size_t n = strlen(ui->kana_buf), m = strlen(k);
    if (n + m < ui->kana_cap - 1) {
        memcpy(ui->kana_buf + n, k, m + 1);
    }
}

static void transform(dc_ui_t *ui, const char *const (*table)[2], size_t rows)
{
    size_t at = last_char(ui->kana_buf);
    char *last = ui->kana_buf + at;
    for (size_t i = 0; i < rows; i++) {
        if (strcmp(last, table[i][0]) == 0) {
            *last = '\0';
            append(ui, table[i][1]);
            return;
        }
    }
}

static void kana_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 30);
    SDL_Rect box = {pad, top + dc_px(ui, 14), ui->w - 2 * pad, dc_px(ui, 84)};
    dc_draw_fill(ui, box, DC_C_WHITE);
    dc_draw_text(ui, box.x + dc_px(ui, 16), box.y + dc_px(ui, 14), dc_px(ui, 48), DC_C_TEXT,
                 DC_ALIGN_LEFT, ui->kana_buf[0] ? ui->kana_buf : " ");
    /* 10 columns, 5 rows: ア row right-most, as the table is read. */
    int y0 = box.y + box.h + dc_px(ui, 14), gap = dc_px(ui, 8);
    int bw = (ui->w - 2 * pad - 9 * gap) / 10, bh = dc_px(ui, 82);
    for (int i = 0; i < NKANA; i++) {
        if (!kana[i][0])
            continue;
        int col = 9 - i / 5, row = i % 5;
        dc_draw_button(ui, (SDL_Rect){pad + col * (bw + gap), y0 + row * (bh + gap), bw, bh},
                       kana[i], BTN_KANA0 + i, false, true);
    }
    int y = y0 + 5 * (bh + gap);
    const struct {
        const char *label;
        int id;
    } keys[] = {{"゛", BTN_KANA_DAKU},           {"゜", BTN_KANA_HANDAKU},
                {T(KANA_SMALL), BTN_KANA_SMALL}, {"ー", BTN_KANA0 + NKANA},
                {T(KANA_SPACE), BTN_KANA_SPACE}, {T(PIN_BACK), BTN_KANA_DEL}};
    int kw = (ui->w - 2 * pad - 7 * gap) / 8;
    for (int i = 0; i < 6; i++)
        dc_draw_button(ui, (SDL_Rect){pad + i * (kw + gap), y, kw, bh}, keys[i].label, keys[i].id,
                       false, true);
    dc_draw_button(ui, (SDL_Rect){pad + 6 * (kw + gap), y, 2 * kw + gap, bh}, T(OK), BTN_KANA_OK,
                   true, true);
}

static void kana_button(dc_ui_t *ui, int id)
{
    if (id >= BTN_KANA0 && id < BTN_KANA0 + NKANA) {
        append(ui, kana[id - BTN_KANA0]);
    } else if (id == BTN_KANA0 + NKANA) {
        append(ui, "ー");
    } else if (id == BTN_KANA_SPACE) {
        append(ui, " ");
    } else if (id == BTN_KANA_DAKU) {
        transform(ui, voiced, sizeof voiced / sizeof voiced[0]);
    } else if (id == BTN_KANA_HANDAKU) {
        transform(ui, semi, sizeof semi / sizeof semi[0]);
    } else if (id == BTN_KANA_SMALL) {
        transform(ui, small, sizeof small / sizeof small[0]);
    } else if (id == BTN_KANA_DEL) {
        ui->kana_buf[last_char(ui->kana_buf)] = '\0';
    } else if (id == BTN_KANA_OK) {
        dc_ui_go(ui, ui->kana_back);
    }
}

const dc_screen_t dc_scr_kana = {"kana", NULL, kana_draw, NULL, kana_button};
