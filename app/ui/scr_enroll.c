/* Enrolling a member of staff at the kiosk (administrators): scan the new badge, the name from
 * the on-screen keyboard (typed in hiragana and converted to kanji, its reading kept in katakana),
 * the role and the section, then one commit. The new person chooses a PIN at their first log-in.
 * The keyboard (dc_ui_kana) is here too. */
#include <sodium.h>
#include <string.h>

#include "platform/ime.h"
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

/* The reading of the name being enrolled, in katakana (the staff record's kana). */
static char enroll_kana[DC_SHORT_MAX];

static void kana_open(dc_ui_t *ui, char *buf, size_t cap, char *reading, size_t reading_cap,
                      dc_screen_id_t back);

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
    dc_draw_button(ui, (SDL_Rect){pad, y, lw, row - dc_px(ui, 14)}, T(IN_NAME), BTN_NAME, false,
                   true);
    int nx = pad + lw + dc_px(ui, 30);
    nx += dc_draw_text_fit(ui, nx, y + dc_px(ui, 22), (ui->w - pad - nx) / 2, dc_px(ui, 36),
                           ui->enroll_name[0] ? DC_C_TEXT : DC_C_ERROR, DC_ALIGN_LEFT,
                           ui->enroll_name[0] ? ui->enroll_name : T(NOT_SET));
    if (ui->enroll_name[0] && enroll_kana[0]) {
        char line[DC_SHORT_MAX + 64];
        snprintf(line, sizeof line, "%s: %s", T(IN_READING), enroll_kana);
        dc_draw_text_fit(ui, nx + dc_px(ui, 30), y + dc_px(ui, 30),
                         ui->w - pad - nx - dc_px(ui, 30), dc_px(ui, 28), DC_C_MUTED, DC_ALIGN_LEFT,
                         line);
    }
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
    enroll_kana[0] = '\0';
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
    dc_copy(ev.kana, sizeof ev.kana, enroll_kana[0] ? enroll_kana : ui->enroll_name);
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
        kana_open(ui, ui->enroll_name, sizeof ui->enroll_name, enroll_kana, sizeof enroll_kana,
                  DC_SCR_ENROLL);
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

/* ---- kana keyboard, with kana-kanji conversion ---- */

/* The 五十音 table, a column per consonant, read right to left as on paper forms; "" keeps a
 * cell empty. Katakana are the same keys shifted (dc_ime_katakana). */
static const char *const kana[] = {
    "あ", "い", "う", "え", "お", "か", "き", "く", "け", "こ", "さ", "し", "す",
    "せ", "そ", "た", "ち", "つ", "て", "と", "な", "に", "ぬ", "ね", "の", "は",
    "ひ", "ふ", "へ", "ほ", "ま", "み", "む", "め", "も", "や", "",   "ゆ", "",
    "よ", "ら", "り", "る", "れ", "ろ", "わ", "",   "を", "",   "ん",
};
enum { NKANA = sizeof kana / sizeof kana[0] };

/* Voiced and small forms: the last character typed is replaced in place, and back again. */
static const char *const voiced[][2] = {
    {"か", "が"}, {"き", "ぎ"}, {"く", "ぐ"}, {"け", "げ"}, {"こ", "ご"}, {"さ", "ざ"},
    {"し", "じ"}, {"す", "ず"}, {"せ", "ぜ"}, {"そ", "ぞ"}, {"た", "だ"}, {"ち", "ぢ"},
    {"つ", "づ"}, {"て", "で"}, {"と", "ど"}, {"は", "ば"}, {"ひ", "び"}, {"ふ", "ぶ"},
    {"へ", "べ"}, {"ほ", "ぼ"}, {"う", "ゔ"},
};
static const char *const semi[][2] = {
    {"は", "ぱ"}, {"ひ", "ぴ"}, {"ふ", "ぷ"}, {"へ", "ぺ"}, {"ほ", "ぽ"},
};
static const char *const small[][2] = {
    {"あ", "ぁ"}, {"い", "ぃ"}, {"う", "ぅ"}, {"え", "ぇ"}, {"お", "ぉ"},
    {"つ", "っ"}, {"や", "ゃ"}, {"ゆ", "ゅ"}, {"よ", "ょ"}, {"わ", "ゎ"},
};

enum {
    MAX_PIECES = 32,
    MAX_SEGS = 16,
    CAND_COLS = 4,
    CAND_ROWS = 3,
    CAND_PAGE = CAND_COLS * CAND_ROWS,
    BTN_CAND0 = DC_BTN_USER + 160, /* + index on the page */
    BTN_KANA_TOGGLE = BTN_KANA_SPACE + 1,
    BTN_KANA_CONVERT,
    BTN_KANA_CANCEL,
    BTN_SEG_PREV,
    BTN_SEG_NEXT,
    BTN_SEG_SHORTER,
    BTN_SEG_LONGER,
    BTN_CAND_MORE,
    BTN_UNCONVERT,
};

/* What was typed, as pieces: each its text (田中, or kana as typed) and its reading as typed, so
 * that ← turns a converted word back into its reading, and the whole reading is known. */
typedef struct {
    char text[DC_SHORT_MAX];
    char typed[DC_SHORT_MAX];
} piece_t;

/* The keyboard's own copy of the field, written back only at 確定. */
static struct {
    piece_t piece[MAX_PIECES];
    int npieces;
    char comp[DC_IME_READING_MAX]; /* kana typed since the last piece, not converted yet */
    bool katakana;
    char *reading_out; /* the reading in katakana (NULL: not wanted) */
    size_t reading_cap;
    dc_ime_t *ime; /* opened at first use, kept for the process */
    bool ime_failed;
    bool converting;
    int nseg, seg, page;
    int choice[MAX_SEGS];
    dc_text_t note; /* a line about the last key (0: none) */
} kb;

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

static size_t pieces_len(bool typed)
{
    size_t n = 0;
    for (int i = 0; i < kb.npieces; i++)
        n += strlen(typed ? kb.piece[i].typed : kb.piece[i].text);
    return n;
}

/* Open the keyboard on buf[cap]; reading (may be NULL) receives the reading in katakana. */
static void kana_open(dc_ui_t *ui, char *buf, size_t cap, char *reading, size_t reading_cap,
                      dc_screen_id_t back)
{
    ui->kana_buf = buf;
    ui->kana_cap = cap < DC_LONG_MAX ? cap : DC_LONG_MAX;
    ui->kana_back = back;
    memset(kb.piece, 0, sizeof kb.piece);
    kb.npieces = 0;
    kb.comp[0] = '\0';
    kb.katakana = false;
    kb.converting = false;
    kb.note = 0;
    kb.reading_out = reading;
    kb.reading_cap = reading_cap;
    if (buf[0] && reading && reading[0]) {
        dc_copy(kb.piece[0].text, sizeof kb.piece[0].text, buf);
        dc_copy(kb.piece[0].typed, sizeof kb.piece[0].typed, reading);
        kb.npieces = 1;
    } else {
        /* A value longer than a piece (a title) is kept whole, in pieces cut between
         * characters. */
        for (const char *p = buf; *p && kb.npieces < MAX_PIECES;) {
            size_t n = strlen(p);
            if (n >= DC_SHORT_MAX) {
                n = DC_SHORT_MAX - 1;
                while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
                    n--;
            }
            piece_t *pc = &kb.piece[kb.npieces++];
            memcpy(pc->text, p, n);
            pc->text[n] = '\0';
            memcpy(pc->typed, pc->text, n + 1);
            p += n;
        }
    }
    if (!kb.ime && !kb.ime_failed && dc_ime_open(&kb.ime) != DC_E_OK) {
        SDL_Log("daicho: kana-kanji conversion (Anthy) could not start");
        kb.ime_failed = true;
    }
    dc_ui_go(ui, DC_SCR_KANA);
}

void dc_ui_kana(dc_ui_t *ui, char *buf, size_t cap, dc_screen_id_t back)
{
    kana_open(ui, buf, cap, NULL, 0, back);
}

/* Room for m more bytes typed, in the field and in its reading. */
static bool room_for(dc_ui_t *ui, size_t m)
{
    size_t c = strlen(kb.comp);
    bool ok = pieces_len(false) + c + m < ui->kana_cap && c + m < sizeof kb.comp &&
              (!kb.reading_out || pieces_len(true) + c + m < kb.reading_cap);
    if (!ok)
        kb.note = DC_T_IN_FULL;
    return ok;
}

static void type_kana(dc_ui_t *ui, const char *k)
{
    char shown[16];
    if (!kb.katakana || !dc_ime_katakana(k, shown, sizeof shown))
        dc_copy(shown, sizeof shown, k);
    size_t m = strlen(shown), n = strlen(kb.comp);
    if (room_for(ui, m))
        memcpy(kb.comp + n, shown, m + 1);
}

static void transform(const char *const (*table)[2], size_t rows)
{
    if (!kb.comp[0])
        return;
    char *last = kb.comp + last_char(kb.comp), hira[16], out[16];
    bool was_kata = !dc_ime_hiragana(last, hira, sizeof hira) || strcmp(hira, last) != 0;
    for (size_t i = 0; i < rows; i++) {
        for (int way = 0; way < 2; way++) {
            if (strcmp(hira, table[i][way]) != 0)
                continue;
            if (!was_kata || !dc_ime_katakana(table[i][1 - way], out, sizeof out))
                dc_copy(out, sizeof out, table[i][1 - way]);
            /* Same length in UTF-8 (3 bytes) both ways. */
            if (strlen(out) == strlen(last))
                memcpy(last, out, strlen(out) + 1);
            return;
        }
    }
}

static bool add_piece(dc_ui_t *ui, const char *text, const char *typed)
{
    if (!text[0])
        return true;
    if (kb.npieces == MAX_PIECES || pieces_len(false) + strlen(text) >= ui->kana_cap ||
        (kb.reading_out && pieces_len(true) + strlen(typed) >= kb.reading_cap)) {
        kb.note = DC_T_IN_FULL;
        return false;
    }
    piece_t *p = &kb.piece[kb.npieces++];
    dc_copy(p->text, sizeof p->text, text);
    dc_copy(p->typed, sizeof p->typed, typed);
    return true;
}

/* The kana typed become a piece as they are (確定 without 変換, or a space). */
static void flush_comp(dc_ui_t *ui)
{
    if (add_piece(ui, kb.comp, kb.comp))
        kb.comp[0] = '\0';
}

static void start_convert(dc_ui_t *ui)
{
    char hira[DC_IME_READING_MAX];
    int n = 0;
    (void)ui;
    if (!kb.ime || !kb.comp[0] || !dc_ime_is_kana(kb.comp) ||
        !dc_ime_hiragana(kb.comp, hira, sizeof hira) || dc_ime_convert(kb.ime, hira, &n) || n < 1) {
        kb.note = kb.ime ? 0 : DC_T_IN_NO_IME;
        return;
    }
    kb.converting = true;
    kb.nseg = n < MAX_SEGS ? n : MAX_SEGS;
    kb.seg = kb.page = 0;
    memset(kb.choice, 0, sizeof kb.choice);
}

/* The conversion as chosen becomes a piece; its reading is what was typed. */
static void finish_convert(dc_ui_t *ui)
{
    char text[DC_SHORT_MAX] = "", c[DC_SHORT_MAX];
    size_t len = 0;
    for (int i = 0; i < kb.nseg; i++) {
        if (dc_ime_candidate(kb.ime, i, kb.choice[i], c, sizeof c) ||
            len + strlen(c) >= sizeof text) {
            kb.note = DC_T_IN_FULL;
            return;
        }
        memcpy(text + len, c, strlen(c) + 1);
        len += strlen(c);
    }
    if (!add_piece(ui, text, kb.comp))
        return;
    if (dc_ime_commit(kb.ime, kb.choice, kb.nseg))
        SDL_Log("daicho: the conversion could not be committed to Anthy");
    kb.comp[0] = '\0';
    kb.converting = false;
}

static void kana_done(dc_ui_t *ui)
{
    if (kb.converting)
        finish_convert(ui);
    if (kb.converting)
        return;
    flush_comp(ui);
    if (kb.comp[0])
        return;
    char text[DC_LONG_MAX] = "", reading[DC_LONG_MAX] = "", kata[DC_SHORT_MAX];
    size_t tl = 0, rl = 0;
    for (int i = 0; i < kb.npieces; i++) {
        const piece_t *p = &kb.piece[i];
        if (!dc_ime_katakana(p->typed, kata, sizeof kata))
            kata[0] = '\0';
        if (tl + strlen(p->text) < sizeof text) {
            memcpy(text + tl, p->text, strlen(p->text) + 1);
            tl += strlen(p->text);
        }
        if (rl + strlen(kata) < sizeof reading) {
            memcpy(reading + rl, kata, strlen(kata) + 1);
            rl += strlen(kata);
        }
    }
    dc_copy(ui->kana_buf, ui->kana_cap, text);
    if (kb.reading_out)
        dc_copy(kb.reading_out, kb.reading_cap, reading);
    dc_ui_go(ui, ui->kana_back);
}

/* ← : a conversion under way goes back to kana; else the last kana typed goes; else the last
 * piece comes back as kana (a converted word as its reading, in one step). */
static void kana_delete(void)
{
    if (kb.comp[0]) {
        kb.comp[last_char(kb.comp)] = '\0';
        return;
    }
    if (!kb.npieces)
        return;
    piece_t *p = &kb.piece[--kb.npieces];
    bool converted = strcmp(p->text, p->typed) != 0;
    dc_copy(kb.comp, sizeof kb.comp, converted ? p->typed : p->text);
    if (!converted)
        kb.comp[last_char(kb.comp)] = '\0';
}

static void draw_entry(dc_ui_t *ui, SDL_Rect box)
{
    dc_draw_fill(ui, box, DC_C_WHITE);
    int size = dc_px(ui, 44), x = box.x + dc_px(ui, 16), y = box.y + dc_px(ui, 16);
    int right = box.x + box.w - dc_px(ui, 16), bar = dc_px(ui, 4);
    char text[DC_LONG_MAX] = "";
    size_t len = 0;
    for (int i = 0; i < kb.npieces; i++) {
        size_t m = strlen(kb.piece[i].text);
        if (len + m < sizeof text) {
            memcpy(text + len, kb.piece[i].text, m + 1);
            len += m;
        }
    }
    if (!text[0] && !kb.comp[0]) {
        dc_draw_text_fit(ui, x, y + dc_px(ui, 8), box.w - dc_px(ui, 32), dc_px(ui, 28), DC_C_MUTED,
                         DC_ALIGN_LEFT, kb.ime ? T(IN_HINT) : T(IN_NO_IME));
        return;
    }
    if (text[0])
        x += dc_draw_text_fit_end(ui, x, y, (right - x) / 2, size, DC_C_TEXT, DC_ALIGN_LEFT, text);
    if (!kb.converting) {
        int w = dc_draw_text_fit_end(ui, x, y, right - x, size, DC_C_PRIMARY, DC_ALIGN_LEFT,
                                     kb.comp[0] ? kb.comp : " ");
        dc_draw_fill(ui, (SDL_Rect){x, box.y + box.h - dc_px(ui, 14), w, bar / 2}, DC_C_PRIMARY);
        x += w;
    }
    for (int i = 0; kb.converting && i < kb.nseg && x < right; i++) {
        char c[DC_SHORT_MAX];
        if (dc_ime_candidate(kb.ime, i, kb.choice[i], c, sizeof c))
            continue;
        int w = dc_draw_text_fit(ui, x, y, right - x, size, DC_C_TEXT, DC_ALIGN_LEFT, c);
        /* The segment the candidates are for: a thick bar; the others a thin one. */
        dc_draw_fill(ui,
                     (SDL_Rect){x, box.y + box.h - dc_px(ui, 14), w - dc_px(ui, 6),
                                i == kb.seg ? bar * 2 : bar / 2},
                     i == kb.seg ? DC_C_PRIMARY : DC_C_MUTED);
        x += w + dc_px(ui, 6);
    }
    /* The cursor. */
    if (!kb.converting)
        dc_draw_fill(ui, (SDL_Rect){x + dc_px(ui, 2), y, dc_px(ui, 3), size}, DC_C_TEXT);
}

static void draw_candidates(dc_ui_t *ui, SDL_Rect area)
{
    char reading[DC_IME_READING_MAX], line[DC_IME_READING_MAX + 128];
    if (dc_ime_candidate(kb.ime, kb.seg, DC_IME_READING, reading, sizeof reading))
        reading[0] = '\0';
    snprintf(line, sizeof line, "%s%s%s", T(IN_CHOOSE_PRE), reading, T(IN_CHOOSE_POST));
    dc_draw_text_fit(ui, area.x, area.y, area.w, dc_px(ui, 30), DC_C_TEXT, DC_ALIGN_LEFT, line);
    int n = dc_ime_candidates(kb.ime, kb.seg), top = dc_px(ui, 48), gap = dc_px(ui, 10);
    int bw = (area.w - (CAND_COLS - 1) * gap) / CAND_COLS;
    int bh = (area.h - top - (CAND_ROWS - 1) * gap) / CAND_ROWS;
    for (int k = 0; k < CAND_PAGE && kb.page * CAND_PAGE + k < n; k++) {
        int idx = kb.page * CAND_PAGE + k;
        char c[DC_SHORT_MAX];
        if (dc_ime_candidate(kb.ime, kb.seg, idx, c, sizeof c))
            continue;
        SDL_Rect b = {area.x + (k % CAND_COLS) * (bw + gap),
                      area.y + top + (k / CAND_COLS) * (bh + gap), bw, bh};
        dc_draw_button(ui, b, c, BTN_CAND0 + k, idx == kb.choice[kb.seg], true);
    }
}

typedef struct {
    const char *label;
    int id;
    bool primary, enabled;
    int weight; /* its share of the row's width (0: 1) */
} kbkey_t;

static void draw_key_row(dc_ui_t *ui, int x, int y, int w, int h, const kbkey_t *keys, int n)
{
    int gap = dc_px(ui, 8), total = 0;
    for (int i = 0; i < n; i++)
        total += keys[i].weight ? keys[i].weight : 1;
    int unit = (w - (n - 1) * gap) / total;
    for (int i = 0; i < n; i++) {
        int kw = unit * (keys[i].weight ? keys[i].weight : 1);
        dc_draw_button(ui, (SDL_Rect){x, y, kw, h}, keys[i].label, keys[i].id, keys[i].primary,
                       keys[i].enabled);
        x += kw + gap;
    }
}

static void kana_draw(dc_ui_t *ui)
{
    int top = dc_draw_header(ui);
    int pad = dc_px(ui, 30);
    SDL_Rect box = {pad, top + dc_px(ui, 14), ui->w - 2 * pad, dc_px(ui, 84)};
    draw_entry(ui, box);
    if (kb.note)
        dc_draw_text(ui, box.x + box.w - dc_px(ui, 16), box.y + dc_px(ui, 4), dc_px(ui, 24),
                     DC_C_ERROR, DC_ALIGN_RIGHT, dc_ui_t_(ui, kb.note));
    /* 10 columns, 5 rows: あ row right-most, as the table is read. */
    int y0 = box.y + box.h + dc_px(ui, 14), gap = dc_px(ui, 8);
    int bw = (ui->w - 2 * pad - 9 * gap) / 10, bh = dc_px(ui, 82);
    int y = y0 + 5 * (bh + gap);
    if (kb.converting) {
        draw_candidates(ui, (SDL_Rect){pad, y0, ui->w - 2 * pad, y - gap - y0});
        int n = dc_ime_candidates(kb.ime, kb.seg);
        const kbkey_t keys[] = {
            {T(IN_SEG_PREV), BTN_SEG_PREV, false, kb.seg > 0, 2},
            {T(IN_SEG_NEXT), BTN_SEG_NEXT, false, kb.seg + 1 < kb.nseg, 2},
            {T(IN_SEG_SHORTER), BTN_SEG_SHORTER, false, true, 3},
            {T(IN_SEG_LONGER), BTN_SEG_LONGER, false, kb.seg + 1 < kb.nseg, 3},
            {T(IN_MORE), BTN_CAND_MORE, false, n > CAND_PAGE, 3},
            {T(IN_UNCONVERT), BTN_UNCONVERT, false, true, 3},
            {T(CANCEL), BTN_KANA_CANCEL, false, true, 3},
            {T(OK), BTN_KANA_OK, true, true, 3},
        };
        draw_key_row(ui, pad, y, ui->w - 2 * pad, bh, keys, (int)(sizeof keys / sizeof keys[0]));
        return;
    }
    for (int i = 0; i < NKANA; i++) {
        if (!kana[i][0])
            continue;
        char label[16];
        if (!kb.katakana || !dc_ime_katakana(kana[i], label, sizeof label))
            dc_copy(label, sizeof label, kana[i]);
        int col = 9 - i / 5, row = i % 5;
        dc_draw_button(ui, (SDL_Rect){pad + col * (bw + gap), y0 + row * (bh + gap), bw, bh}, label,
                       BTN_KANA0 + i, false, true);
    }
    /* The marks are small keys; キャンセル and 確定 the widest, their words whole. */
    const kbkey_t keys[] = {
        {"゛", BTN_KANA_DAKU, false, true, 2},
        {"゜", BTN_KANA_HANDAKU, false, true, 2},
        {T(KANA_SMALL), BTN_KANA_SMALL, false, true, 2},
        {"ー", BTN_KANA0 + NKANA, false, true, 2},
        {T(KANA_SPACE), BTN_KANA_SPACE, false, true, 3},
        {T(PIN_BACK), BTN_KANA_DEL, false, true, 3},
        {kb.katakana ? T(IN_HIRAGANA) : T(IN_KATAKANA), BTN_KANA_TOGGLE, false, true, 3},
        {T(IN_CONVERT), BTN_KANA_CONVERT, false, kb.ime && kb.comp[0] && dc_ime_is_kana(kb.comp),
         3},
        {T(CANCEL), BTN_KANA_CANCEL, false, true, 4},
        {T(OK), BTN_KANA_OK, true, true, 4},
    };
    draw_key_row(ui, pad, y, ui->w - 2 * pad, bh, keys, (int)(sizeof keys / sizeof keys[0]));
}

static void convert_button(dc_ui_t *ui, int id)
{
    int n = dc_ime_candidates(kb.ime, kb.seg);
    if (id >= BTN_CAND0 && id < BTN_CAND0 + CAND_PAGE) {
        int idx = kb.page * CAND_PAGE + id - BTN_CAND0;
        if (idx >= n)
            return;
        kb.choice[kb.seg] = idx;
        kb.page = 0;
        /* On to the next segment; the last one's choice ends the conversion. */
        if (kb.seg + 1 < kb.nseg)
            kb.seg++;
        else
            finish_convert(ui);
    } else if (id == BTN_SEG_PREV && kb.seg > 0) {
        kb.seg--, kb.page = 0;
    } else if (id == BTN_SEG_NEXT && kb.seg + 1 < kb.nseg) {
        kb.seg++, kb.page = 0;
    } else if (id == BTN_SEG_SHORTER || id == BTN_SEG_LONGER) {
        int m = dc_ime_resize(kb.ime, kb.seg, id == BTN_SEG_LONGER ? 1 : -1);
        kb.nseg = m < MAX_SEGS ? m : MAX_SEGS;
        for (int i = kb.seg; i < MAX_SEGS; i++)
            kb.choice[i] = 0;
        kb.page = 0;
    } else if (id == BTN_CAND_MORE && n > CAND_PAGE) {
        kb.page = (kb.page + 1) % ((n + CAND_PAGE - 1) / CAND_PAGE);
    } else if (id == BTN_UNCONVERT) {
        kb.converting = false;
    } else if (id == BTN_KANA_CANCEL) {
        kb.converting = false;
        dc_ui_go(ui, ui->kana_back);
    } else if (id == BTN_KANA_OK) {
        finish_convert(ui);
    }
}

static void kana_button(dc_ui_t *ui, int id)
{
    kb.note = 0;
    if (kb.converting) {
        convert_button(ui, id);
    } else if (id >= BTN_KANA0 && id < BTN_KANA0 + NKANA) {
        type_kana(ui, kana[id - BTN_KANA0]);
    } else if (id == BTN_KANA0 + NKANA) {
        type_kana(ui, "ー");
    } else if (id == BTN_KANA_SPACE) {
        flush_comp(ui);
        if (!kb.comp[0] && room_for(ui, 1))
            add_piece(ui, " ", " ");
    } else if (id == BTN_KANA_DAKU) {
        transform(voiced, sizeof voiced / sizeof voiced[0]);
    } else if (id == BTN_KANA_HANDAKU) {
        transform(semi, sizeof semi / sizeof semi[0]);
    } else if (id == BTN_KANA_SMALL) {
        transform(small, sizeof small / sizeof small[0]);
    } else if (id == BTN_KANA_DEL) {
        kana_delete();
    } else if (id == BTN_KANA_TOGGLE) {
        kb.katakana = !kb.katakana;
    } else if (id == BTN_KANA_CONVERT) {
        start_convert(ui);
    } else if (id == BTN_KANA_CANCEL) {
        dc_ui_go(ui, ui->kana_back); /* the field stays as it was */
    } else if (id == BTN_KANA_OK) {
        kana_done(ui);
    }
}

const dc_screen_t dc_scr_kana = {"kana", NULL, kana_draw, NULL, kana_button};
