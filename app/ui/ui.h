/* The kiosk's screens: one context, a table of screens (ui.c) and one file per screen.
 * Screens are immediate-mode: draw() lays out and registers the buttons of this frame, and a
 * touch, a click or a script's "tap LABEL" presses one of them. */
#ifndef DC_UI_UI_H
#define DC_UI_UI_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "desk/query.h"
#include "desk/session.h"
#include "platform/scan.h"
#include "platform/sound.h"
#include "print/bitmap.h"
#include "ui/text.h"

typedef enum {
    DC_SCR_IDLE,
    DC_SCR_PIN,
    DC_SCR_HOME,
    DC_SCR_CART,
    DC_SCR_FORM,
    DC_SCR_CHOOSE,
    DC_SCR_SECOND,
    DC_SCR_CONFIRM,
    DC_SCR_RESULT,
    DC_SCR_UNLOCK,
    DC_SCR_ENROLL,
    DC_SCR_KANA,
    DC_SCR_MONTH,
    DC_SCR_CHECK,
    DC_SCR_ANOMALIES,
    DC_SCR_HISTORY,
    DC_SCR_INVENTORY,
    DC_SCR_SEAL,
    DC_SCR_SEALED,
    DC_SCR_EXPORT,
    DC_SCR_EXPORT_CONFIRM,
    DC_SCR_EXPORTED,
    DC_SCR_SETTINGS,
    DC_SCR_SETTING,
    DC_SCR_SETUP,
    DC_SCR__COUNT
} dc_screen_id_t;

typedef struct dc_ui dc_ui_t;
typedef struct dc_check_ui dc_check_ui_t; /* check_ui.h */

typedef struct {
    const char *name; /* used in screenshot file names */
    void (*enter)(dc_ui_t *ui);
    void (*draw)(dc_ui_t *ui);
    void (*on_scan)(dc_ui_t *ui, const char *text);
    void (*on_button)(dc_ui_t *ui, int id);
} dc_screen_t;

/* Button ids shared by all screens; screens add their own from DC_BTN_USER. */
enum {
    DC_BTN_LANG = 1,
    DC_BTN_LOGOUT,
    DC_BTN_ASK_YES, /* the open question's two answers (ask.c) */
    DC_BTN_ASK_NO,
    DC_BTN_CONTINUE,     /* the idle warning's 続ける (main.c) */
    DC_BTN_DIGIT0 = 100, /* ... DIGIT0 + 9 */
    DC_BTN_USER = 200,
};

typedef struct {
    SDL_Rect r;
    int id;
    char label[96];
    bool enabled;
} dc_button_t;

/* What the PIN pad is for. */
typedef enum {
    DC_PIN_LOGIN,  /* log in */
    DC_PIN_SECOND, /* the second person of a flow */
    DC_PIN_NEW,    /* first use: choose a PIN */
    DC_PIN_REPEAT, /* first use: the same PIN again */
    DC_PIN_SEAL,   /* the manager confirms the monthly seal */
    DC_PIN_EXPORT, /* the approver of the month's copy to a medium */
    DC_PIN_CODE,   /* first use: the enrolment code an administrator handed out */
} dc_pin_for_t;

/* Form fields a flow can ask for. */
typedef enum {
    DC_FIELD_PURPOSE,
    DC_FIELD_DESTINATION,
    DC_FIELD_TO_PLACE,
    DC_FIELD_RECIPIENT,
    DC_FIELD_DUE,
    DC_FIELD_QUANTITY,
    DC_FIELD_MASKED,
    DC_FIELD_LOCKED_BAG,
    DC_FIELD_METHOD,
    DC_FIELD_TECHNIQUE,
    DC_FIELD_CERTIFICATE,
    DC_FIELD_KIND,
    DC_FIELD_PLACE,
    DC_FIELD_PERSONAL,
    DC_FIELD_MY_NUMBER,
    DC_FIELD_TITLE, /* a new item's title, from the kana keyboard */
    /* A disposal asks method and technique once per group of media in its cart: the field of
     * group g is DC_FIELD_METHOD_G + g, DC_FIELD_TECHNIQUE_G + g (dc_dgroup_t). */
    DC_FIELD_METHOD_G,
    DC_FIELD_TECHNIQUE_G = DC_FIELD_METHOD_G + DC_DGROUP__COUNT,
    DC_FIELD__COUNT = DC_FIELD_TECHNIQUE_G + DC_DGROUP__COUNT
} dc_field_t;

#define DC_UI_MAX_BUTTONS 64

typedef struct {
    SDL_Texture *tex;
    int w, h;
    int size;
    uint32_t color;
    uint64_t hash;
    char *text;
    uint32_t used; /* frame number of last use */
} dc_text_cache_t;

struct dc_ui {
    SDL_Window *win;
    SDL_Renderer *r;
    int w, h;
    float s; /* scale: 1.0 at 1280x800 */
    TTF_Font *fonts[8];
    int font_px[8];
    dc_text_cache_t cache[384];
    uint32_t frame;
    dc_lang_t lang;
    dc_sound_t *sound;

    dc_store_t *st;
    dc_term_t term;
    bool db_ok;

    dc_screen_id_t screen;
    bool screen_changed;

    dc_button_t buttons[DC_UI_MAX_BUTTONS];
    int nbuttons;

    /* Session */
    bool logged_in;
    dc_staff_t user;
    char badge[DC_CODE_MAX]; /* the badge the PIN pad is for */
    dc_pin_for_t pin_for;
    char pin[16];
    int pin_len;
    int64_t pin_wait_until;
    int64_t last_activity_ms;
    int64_t idle_ms;
    int64_t idle_second_ms;    /* while a second person comes: their badge and PIN */
    int64_t idle_inventory_ms; /* during a scan-back inventory */

    /* The flow being recorded */
    dc_flow_t *flow;
    dc_field_t choosing; /* the field the chooser edits */
    char number[16];     /* the number pad's entry */
    dc_staff_t second;
    dc_check_ui_t *check; /* the monthly check under way, NULL when none */
    int64_t result_seq;
    int result_n;
    char new_code[DC_CODE_MAX];
    char pin_first[16];  /* a new PIN, until it is entered again */
    char enrol_code[16]; /* the enrolment code entered, until the new PIN is kept */

    /* The katakana keyboard (scr_enroll.c) edits kana_buf[kana_cap], then goes to kana_back */
    char *kana_buf;
    size_t kana_cap;
    dc_screen_id_t kana_back;

    /* An administrator changing a setting (scr_settings.c): nothing is written before 確定 */
    int setting;                      /* the index of the setting being changed */
    int setting_sel;                  /* the choice or list entry selected, -1 for none */
    char setting_value[DC_LONG_MAX];  /* the new value as it will be recorded */
    char setting_entry[DC_SHORT_MAX]; /* a list entry being typed */
    char setting_was[DC_LONG_MAX];    /* the value when the change began */

    /* Paper: the printer (NULL: the configured one), what was printed, shown on screen */
    const char *printer;
    dc_err_t print_err;
    SDL_Texture *paper_tex;
    int paper_w, paper_h;

    /* Enrolling a new member of staff */
    char enroll_badge[DC_CODE_MAX];
    char enroll_name[DC_SHORT_MAX]; /* katakana, from the on-screen keyboard */
    dc_role_t enroll_role;
    char enroll_section[DC_SHORT_MAX];

    /* Feedback: a full-screen flash after a scan, and a message line */
    int64_t flash_until;
    bool flash_ok;
    char flash_title[256];
    char flash_detail[256];
    char message[512];
    bool message_error;

    /* A question over the current screen (ask.c): while open, only its two buttons answer */
    struct {
        bool open;
        char question[256];
        char detail[512];
        char yes[64], no[64];
        void (*on_yes)(dc_ui_t *ui);
    } ask;

    /* Headless runs: every text drawn in the frame, for a script's "expect" */
    const char *shots_dir;
    int shot_no;
    char frame_text[16384];
    size_t frame_text_len;
};

/* Screens (one file each). */
extern const dc_screen_t dc_scr_idle, dc_scr_pin, dc_scr_home, dc_scr_cart, dc_scr_form,
    dc_scr_choose, dc_scr_second, dc_scr_confirm, dc_scr_result, dc_scr_unlock, dc_scr_enroll,
    dc_scr_kana, dc_scr_month, dc_scr_check, dc_scr_anomalies, dc_scr_history, dc_scr_inventory,
    dc_scr_seal, dc_scr_sealed, dc_scr_export, dc_scr_export_confirm, dc_scr_exported,
    dc_scr_settings, dc_scr_setting, dc_scr_setup;

/* ui.c: the current screen, moving between screens and ending the session. */
const dc_screen_t *dc_ui_screen(const dc_ui_t *ui);
void dc_ui_go(dc_ui_t *ui, dc_screen_id_t id);
void dc_ui_logout(dc_ui_t *ui, dc_text_t why);
const char *dc_ui_t_(dc_ui_t *ui, dc_text_t t);
#define T(key) dc_ui_t_(ui, DC_T_##key)

/* receipt_ui.c: print the record just committed (receipt, or label for a new item) and show
 * the same paper on screen; reprint it; check a scanned receipt. */
void dc_ui_print_result(dc_ui_t *ui);
void dc_ui_reprint(dc_ui_t *ui);
void dc_ui_drop_paper(dc_ui_t *ui);
/* Show a rendered paper on screen, as the result screens do. */
void dc_ui_show_paper(dc_ui_t *ui, const dc_bitmap_t *b);
/* Draw the paper shown at the right edge, from top to the bottom of the screen; returns its left
 * edge (the right edge when there is none). */
int dc_ui_draw_paper(dc_ui_t *ui, int top);
bool dc_ui_is_receipt(const char *text);
/* Check a scanned receipt and flash the verdict; fills out (may be NULL). True when good. */
bool dc_ui_check_receipt(dc_ui_t *ui, const char *text, void *out);
/* arrival_ui.c: a receipt scanned in the arrival flow that is another terminal's transport
 * receipt (the cart then takes its items' labels) or an arrival receipt answering this
 * terminal's transport (the cart takes its items): handled and shown, true; false for this
 * terminal's own receipts, which the cart reads itself. */
bool dc_ui_arrival_receipt(dc_ui_t *ui, const char *text);

/* scr_pin.c: the PIN pad for badge, for why. */
void dc_ui_ask_pin(dc_ui_t *ui, const char *badge, dc_pin_for_t why);
/* Wipe every PIN digit the kiosk holds (the entry and a new PIN's first entry). */
void dc_ui_wipe_pin(dc_ui_t *ui);

/* scr_enroll.c: the katakana keyboard edits buf[cap] and goes back to the screen back. */
void dc_ui_kana(dc_ui_t *ui, char *buf, size_t cap, dc_screen_id_t back);

#define DC_UI_EXPORT_DIR "/media/daicho" /* export_dir when the setting is unset */

/* scr_export.c: the month under check to a removable medium (begun from the summary). */
void dc_ui_export_begin(dc_ui_t *ui);
/* The approver's PIN was right: on to the confirmation. */
void dc_ui_export_approved(dc_ui_t *ui, const dc_staff_t *approver);

/* scr_flow.c: the second person's PIN was right: their summary with 承認 (approval is that
 * button, not the PIN alone), then the confirmation. */
void dc_ui_second_verified(dc_ui_t *ui, const dc_staff_t *who);

/* scr_settings.c: drop a setting half changed (at log-out: nothing of it was recorded). */
void dc_ui_settings_drop(dc_ui_t *ui);

/* scr_setup.c: first-time setup, while the ledger has no office name: the idle screen draws
 * the prompt (an administrator logs in), the PIN pad then begins the setup screen. */
bool dc_ui_setup_needed(const dc_ui_t *ui);
void dc_ui_setup_prompt(dc_ui_t *ui);
void dc_ui_setup_begin(dc_ui_t *ui);

/* The monthly check (scr_check.c): begin it at the month picker; seal it once the manager's PIN
 * is right; drop it (at log-out and exit: nothing of it is committed before the seal). */
void dc_ui_check_begin(dc_ui_t *ui);
void dc_ui_check_seal(dc_ui_t *ui);
void dc_ui_check_drop(dc_ui_t *ui);

/* ask.c: ask before something that cannot be undone (throwing away a cart, logging out with one):
 * question and detail over the current screen, with yes and no buttons; on_yes runs when yes is
 * pressed, no only closes the question. Scans and other buttons wait until it is answered. */
void dc_ui_ask(dc_ui_t *ui, const char *question, const char *detail, const char *yes,
               const char *no, void (*on_yes)(dc_ui_t *ui));
/* Draw the open question, if any, over the frame (main.c, after the screen's draw). */
void dc_ui_ask_draw(dc_ui_t *ui);
/* A button pressed while the question is open: its answer runs, any other button is ignored. */
void dc_ui_ask_press(dc_ui_t *ui, int id);

/* Feedback after a scan or an action: flash green (ok) or red, with a tone. */
void dc_ui_flash(dc_ui_t *ui, bool ok, const char *title, const char *detail);
/* Show an error code's message in the current language (red flash and message line). */
void dc_ui_refuse(dc_ui_t *ui, dc_err_t e, const char *about);
void dc_ui_message(dc_ui_t *ui, bool error, const char *text);
/* A scan that must be a badge: its code, or false with the reason shown. */
bool dc_ui_badge_of(dc_ui_t *ui, const char *text, char badge[DC_CODE_MAX]);

/* draw.c: layout and widgets. All sizes are in 1280x800 units, scaled by ui->s. */
enum { DC_ALIGN_LEFT, DC_ALIGN_CENTER, DC_ALIGN_RIGHT };
int dc_px(const dc_ui_t *ui, int units);
void dc_draw_fill(dc_ui_t *ui, SDL_Rect r, uint32_t rgb);
/* Draw text (one line) at x, y (top), returns its width in pixels. */
int dc_draw_text(dc_ui_t *ui, int x, int y, int size, uint32_t rgb, int align, const char *text);
/* Draw text cut with "…" to fit w pixels; returns its width. */
int dc_draw_text_fit(dc_ui_t *ui, int x, int y, int w, int size, uint32_t rgb, int align,
                     const char *text);
/* The same, cut at the front ("…/media/daicho-2026-10"): for paths, whose end says most. */
int dc_draw_text_fit_end(dc_ui_t *ui, int x, int y, int w, int size, uint32_t rgb, int align,
                         const char *text);
/* Draw text wrapped inside r; returns the height used. */
int dc_draw_wrapped(dc_ui_t *ui, SDL_Rect r, int size, uint32_t rgb, int align, const char *text);
/* The height the same text takes wrapped to w pixels, all of it, without drawing it. */
int dc_wrapped_height(dc_ui_t *ui, int w, int size, const char *text);
/* Text in a band r, centred: wrapped, and in smaller type down to 20 units until it fits,
 * never cut (instructions and verdicts, whose end says what to do). */
void dc_draw_band_text(dc_ui_t *ui, SDL_Rect r, int size, uint32_t rgb, const char *text);
/* A button that a touch, a click or "tap LABEL" presses. */
void dc_draw_button(dc_ui_t *ui, SDL_Rect r, const char *label, int id, bool primary, bool enabled);
/* The same with a second, smaller line under the label (a setting's value): "tap LABEL" still
 * names it by its label. */
void dc_draw_button2(dc_ui_t *ui, SDL_Rect r, const char *label, const char *sub, uint32_t sub_rgb,
                     int id);
/* A date as the clerk reads it, with the weekday: 2026年11月2日(月), Mon 2 Nov 2026. */
void dc_ui_date_label(const dc_ui_t *ui, int64_t ms, char *out, size_t cap);
/* The header band (terminal, user, clock, language toggle and, when logged in, log out). */
int dc_draw_header(dc_ui_t *ui);
/* A grid of buttons inside r: n labels, ids first_id.., cols columns. */
void dc_draw_grid(dc_ui_t *ui, SDL_Rect r, const char *const *labels, int n, int first_id, int cols,
                  int selected);
/* The 3x4 digit pad with clear and back keys, inside r. */
void dc_draw_keypad(dc_ui_t *ui, SDL_Rect r);
void dc_draw_flash(dc_ui_t *ui);
void dc_draw_free(dc_ui_t *ui);

/* Colours */
#define DC_C_BG 0xf4f6f8u
#define DC_C_TEXT 0x1a1a1au
#define DC_C_MUTED 0x5f6b76u
#define DC_C_HEADER 0x16324fu
#define DC_C_WHITE 0xffffffu
#define DC_C_PRIMARY 0x1f5fa8u
#define DC_C_BUTTON 0xdfe6edu
#define DC_C_OK 0x1b7f3au
#define DC_C_WARN 0x8a5300u /* recorded, but something still to do (the paper did not print) */
#define DC_C_ERROR 0xb3261eu
#define DC_C_SELECTED 0xf2c14eu

#endif
