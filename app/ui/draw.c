/* Layout and widgets: text with a texture cache, buttons, grids, the keypad, the header. */
#include <string.h>

#include "core/cal.h"
#include "core/text.h"
#include "platform/clock.h"
#include "platform/font.h"
#include "ui/ui.h"

int dc_px(const dc_ui_t *ui, int units)
{
    int v = (int)(units * ui->s + 0.5f);
    return v < 1 ? 1 : v;
}

static SDL_Color color(uint32_t rgb)
{
    return (SDL_Color){(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};
}

void dc_draw_fill(dc_ui_t *ui, SDL_Rect r, uint32_t rgb)
{
    SDL_SetRenderDrawColor(ui->r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
    SDL_RenderFillRect(ui->r, &r);
}

static TTF_Font *font(dc_ui_t *ui, int px)
{
    int free_slot = -1;
    for (int i = 0; i < 8; i++) {
        if (ui->fonts[i] && ui->font_px[i] == px)
            return ui->fonts[i];
        if (!ui->fonts[i] && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0) {
        /* Eight sizes are plenty for one layout; after a resize start afresh. */
        for (int i = 0; i < 8; i++) {
            TTF_CloseFont(ui->fonts[i]);
            ui->fonts[i] = NULL;
        }
        free_slot = 0;
    }
    const char *path = dc_font_path();
    if (!path)
        return NULL;
    ui->fonts[free_slot] = TTF_OpenFont(path, px);
    ui->font_px[free_slot] = px;
    return ui->fonts[free_slot];
}

static uint64_t text_hash(const char *s, int size, uint32_t rgb)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)size ^ ((uint64_t)rgb << 20);
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    return h;
}

/* A cached texture of one line of text. */
static dc_text_cache_t *text_tex(dc_ui_t *ui, int size, uint32_t rgb, const char *text)
{
    uint64_t h = text_hash(text, size, rgb);
    size_t n = sizeof ui->cache / sizeof ui->cache[0];
    dc_text_cache_t *victim = &ui->cache[0];
    for (size_t i = 0; i < n; i++) {
        dc_text_cache_t *c = &ui->cache[i];
        if (c->tex && c->hash == h && c->size == size && c->color == rgb &&
            strcmp(c->text, text) == 0) {
            c->used = ui->frame;
            return c;
        }
        if (!c->tex || c->used < victim->used)
            victim = c;
        if (!c->tex)
            break;
    }
    TTF_Font *f = font(ui, size);
    if (!f || !*text)
        return NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, text, color(rgb));
    if (!surf)
        return NULL;
    if (victim->tex) {
        SDL_DestroyTexture(victim->tex);
        SDL_free(victim->text);
    }
    victim->tex = SDL_CreateTextureFromSurface(ui->r, surf);
    victim->w = surf->w;
    victim->h = surf->h;
    SDL_FreeSurface(surf);
    victim->size = size;
    victim->color = rgb;
    victim->hash = h;
    victim->text = SDL_strdup(text);
    victim->used = ui->frame;
    return victim->tex ? victim : NULL;
}

int dc_draw_text(dc_ui_t *ui, int x, int y, int size, uint32_t rgb, int align, const char *text)
{
    size_t n = strlen(text);
    if (ui->frame_text_len + n + 2 < sizeof ui->frame_text) {
        memcpy(ui->frame_text + ui->frame_text_len, text, n);
        ui->frame_text_len += n;
        ui->frame_text[ui->frame_text_len++] = '\n';
        ui->frame_text[ui->frame_text_len] = '\0';
    }
    dc_text_cache_t *c = text_tex(ui, size, rgb, text);
    if (!c)
        return 0;
    SDL_Rect dst = {x, y, c->w, c->h};
    if (align == DC_ALIGN_CENTER)
        dst.x -= c->w / 2;
    else if (align == DC_ALIGN_RIGHT)
        dst.x -= c->w;
    SDL_RenderCopy(ui->r, c->tex, NULL, &dst);
    return c->w;
}

int dc_draw_text_fit(dc_ui_t *ui, int x, int y, int w, int size, uint32_t rgb, int align,
                     const char *text)
{
    TTF_Font *f = font(ui, size);
    int tw = 0, ew = 0, extent = 0, count = 0;
    if (!f || TTF_SizeUTF8(f, text, &tw, NULL) != 0 || tw <= w)
        return dc_draw_text(ui, x, y, size, rgb, align, text);
    /* Too long: as many characters as fit before the ellipsis. */
    char line[512];
    TTF_SizeUTF8(f, "…", &ew, NULL);
    if (TTF_MeasureUTF8(f, text, w - ew > 0 ? w - ew : 0, &extent, &count) != 0)
        count = 0;
    size_t n = 0;
    for (int i = 0; i < count && text[n]; i++) {
        size_t k = dc_text_charlen((unsigned char)text[n]);
        if (n + k + sizeof "…" > sizeof line)
            break;
        n += k;
    }
    memcpy(line, text, n);
    memcpy(line + n, "…", sizeof "…");
    return dc_draw_text(ui, x, y, size, rgb, align, line);
}

int dc_draw_text_fit_end(dc_ui_t *ui, int x, int y, int w, int size, uint32_t rgb, int align,
                         const char *text)
{
    TTF_Font *f = font(ui, size);
    char line[512];
    int tw = 0;
    /* Drop characters from the front until "…" and the rest fit. */
    for (const char *p = text; f && *p; p += dc_text_charlen((unsigned char)*p)) {
        if (snprintf(line, sizeof line, "%s%s", p == text ? "" : "…", p) >= (int)sizeof line)
            continue;
        if (TTF_SizeUTF8(f, line, &tw, NULL) == 0 && tw <= w)
            return dc_draw_text(ui, x, y, size, rgb, align, line);
    }
    return dc_draw_text_fit(ui, x, y, w, size, rgb, align, text);
}

/* Wrap text inside r, drawing it when draw; returns the height used (all of it when r.h < 0). */
static int wrap(dc_ui_t *ui, SDL_Rect r, int size, uint32_t rgb, int align, const char *text,
                bool draw)
{
    /* As many characters as fit, then back to where the line-break rules shared with paper and
     * PDF allow (core/text.h): between Japanese characters but not before 、。」 or small kana,
     * not after 「, and at a space between Latin words. */
    TTF_Font *f = font(ui, size);
    if (!f)
        return 0;
    int y = r.y, line_h = TTF_FontLineSkip(f);
    const char *p = text;
    char line[512];
    while (*p && (r.h < 0 || y + line_h <= r.y + r.h + line_h / 2)) {
        size_t n = 0;
        while (p[n] && p[n] != '\n') {
            size_t k = dc_text_charlen((unsigned char)p[n]);
            if (n + k >= sizeof line)
                break;
            memcpy(line, p, n + k);
            line[n + k] = '\0';
            int w = 0;
            TTF_SizeUTF8(f, line, &w, NULL);
            if (w > r.w && n > 0)
                break;
            n += k;
        }
        n = dc_text_line_end(p, n);
        memcpy(line, p, n);
        line[n] = '\0';
        int x = align == DC_ALIGN_CENTER  ? r.x + r.w / 2
                : align == DC_ALIGN_RIGHT ? r.x + r.w
                                          : r.x;
        if (draw)
            dc_draw_text(ui, x, y, size, rgb, align, line);
        y += line_h;
        p += n;
        while (*p == ' ' || *p == '\n')
            p++;
    }
    return y - r.y;
}

int dc_draw_wrapped(dc_ui_t *ui, SDL_Rect r, int size, uint32_t rgb, int align, const char *text)
{
    return wrap(ui, r, size, rgb, align, text, true);
}

int dc_wrapped_height(dc_ui_t *ui, int w, int size, const char *text)
{
    return wrap(ui, (SDL_Rect){0, 0, w, -1}, size, 0, DC_ALIGN_LEFT, text, false);
}

void dc_draw_band_text(dc_ui_t *ui, SDL_Rect r, int size, uint32_t rgb, const char *text)
{
    int min = dc_px(ui, 20), h = dc_wrapped_height(ui, r.w, size, text);
    while (h > r.h && size > min) {
        size -= 2;
        h = dc_wrapped_height(ui, r.w, size, text);
    }
    dc_draw_wrapped(ui, (SDL_Rect){r.x, r.y + (r.h - h) / 2, r.w, r.h}, size, rgb, DC_ALIGN_CENTER,
                    text);
}

void dc_draw_button(dc_ui_t *ui, SDL_Rect r, const char *label, int id, bool primary, bool enabled)
{
    uint32_t bg = !enabled ? 0xeceff2u : primary ? DC_C_PRIMARY : DC_C_BUTTON;
    uint32_t fg = !enabled ? 0xa0a8b0u : primary ? DC_C_WHITE : DC_C_TEXT;
    dc_draw_fill(ui, r, bg);
    SDL_SetRenderDrawColor(ui->r, 0x9a, 0xa8, 0xb6, 255);
    SDL_RenderDrawRect(ui->r, &r);
    int size = r.h > dc_px(ui, 90) ? dc_px(ui, 36) : dc_px(ui, 30);
    TTF_Font *f = font(ui, size);
    int tw = 0, th = 0;
    if (f)
        TTF_SizeUTF8(f, label, &tw, &th);
    while (f && tw > r.w - dc_px(ui, 12) && size > dc_px(ui, 16)) {
        size -= 2;
        f = font(ui, size);
        TTF_SizeUTF8(f, label, &tw, &th);
    }
    dc_draw_text(ui, r.x + r.w / 2, r.y + (r.h - th) / 2, size, fg, DC_ALIGN_CENTER, label);
    if (ui->nbuttons < DC_UI_MAX_BUTTONS) {
        dc_button_t *b = &ui->buttons[ui->nbuttons++];
        b->r = r;
        b->id = id;
        b->enabled = enabled;
        dc_text_fit(b->label, sizeof b->label, label);
    }
}

void dc_draw_button2(dc_ui_t *ui, SDL_Rect r, const char *label, const char *sub, uint32_t sub_rgb,
                     int id)
{
    dc_draw_fill(ui, r, DC_C_BUTTON);
    SDL_SetRenderDrawColor(ui->r, 0x9a, 0xa8, 0xb6, 255);
    SDL_RenderDrawRect(ui->r, &r);
    int pad = dc_px(ui, 12), size = dc_px(ui, 26), small = dc_px(ui, 22);
    TTF_Font *f = font(ui, size);
    int tw = 0;
    if (f)
        TTF_SizeUTF8(f, label, &tw, NULL);
    while (f && tw > r.w - 2 * pad && size > dc_px(ui, 16)) {
        size -= 2;
        f = font(ui, size);
        TTF_SizeUTF8(f, label, &tw, NULL);
    }
    int lh = f ? TTF_FontLineSkip(f) : size, sh = small * 5 / 4;
    int y = r.y + (r.h - lh - sh) / 2;
    dc_draw_text(ui, r.x + pad, y, size, DC_C_TEXT, DC_ALIGN_LEFT, label);
    dc_draw_text_fit(ui, r.x + pad, y + lh, r.w - 2 * pad, small, sub_rgb, DC_ALIGN_LEFT, sub);
    if (ui->nbuttons < DC_UI_MAX_BUTTONS) {
        dc_button_t *b = &ui->buttons[ui->nbuttons++];
        b->r = r;
        b->id = id;
        b->enabled = true;
        dc_text_fit(b->label, sizeof b->label, label);
    }
}

void dc_ui_date_label(const dc_ui_t *ui, int64_t ms, char *out, size_t cap)
{
    static const char *const ja[7] = {"月", "火", "水", "木", "金", "土", "日"};
    static const char *const en[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t day = dc_cal_local_day(ms, ui->term.tz_min, NULL);
    int y, m, d, wd = dc_cal_weekday(day);
    dc_cal_civil_from_days(day, &y, &m, &d);
    if (ui->lang == DC_LANG_EN)
        snprintf(out, cap, "%s %d %s %d", en[wd], d, mon[(m - 1) % 12], y);
    else
        snprintf(out, cap, "%d年%d月%d日(%s)", y, m, d, ja[wd]);
}

int dc_draw_header(dc_ui_t *ui)
{
    int h = dc_px(ui, 96);
    dc_draw_fill(ui, (SDL_Rect){0, 0, ui->w, h}, DC_C_HEADER);
    int pad = dc_px(ui, 20);
    char left[300];
    snprintf(left, sizeof left, "%s  %s", ui->term.office, ui->term.terminal);
    dc_draw_text(ui, pad, dc_px(ui, 14), dc_px(ui, 24), DC_C_WHITE, DC_ALIGN_LEFT, left);
    if (ui->logged_in) {
        char who[200];
        snprintf(who, sizeof who, "%s %s (%s)", ui->user.name, T(HELLO),
                 dc_role_label(ui->user.role, ui->lang));
        dc_draw_text(ui, pad, dc_px(ui, 52), dc_px(ui, 26), DC_C_SELECTED, DC_ALIGN_LEFT, who);
    }
    int64_t now = dc_clock_now_ms();
    char date[40], time[6], clock[60];
    dc_ui_date_label(ui, now, date, sizeof date);
    dc_event_local_time(now, ui->term.tz_min, time);
    snprintf(clock, sizeof clock, "%s %s", date, time);
    int bw = dc_px(ui, 180), bh = dc_px(ui, 80), by = (h - bh) / 2; /* 9 mm at 7" 1024x600 */
    int x = ui->w - pad - bw;
    dc_draw_button(ui, (SDL_Rect){x, by, bw, bh}, T(LANG_TOGGLE), DC_BTN_LANG, false, true);
    if (ui->logged_in) {
        x -= bw + pad / 2;
        dc_draw_button(ui, (SDL_Rect){x, by, bw, bh}, T(LOGOUT), DC_BTN_LOGOUT, false, true);
    }
    dc_draw_text(ui, x - pad, dc_px(ui, 30), dc_px(ui, 30), DC_C_WHITE, DC_ALIGN_RIGHT, clock);
    return h;
}

void dc_draw_grid(dc_ui_t *ui, SDL_Rect r, const char *const *labels, int n, int first_id, int cols,
                  int selected)
{
    if (n <= 0)
        return;
    int rows = (n + cols - 1) / cols, gap = dc_px(ui, 16);
    int bw = (r.w - gap * (cols - 1)) / cols;
    int bh = (r.h - gap * (rows - 1)) / rows;
    if (bh > dc_px(ui, 130))
        bh = dc_px(ui, 130);
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {r.x + (i % cols) * (bw + gap), r.y + (i / cols) * (bh + gap), bw, bh};
        dc_draw_button(ui, b, labels[i], first_id + i, i == selected, true);
    }
}

void dc_draw_keypad(dc_ui_t *ui, SDL_Rect r)
{
    static const char *const keys[12] = {"1", "2", "3", "4",  "5", "6",
                                         "7", "8", "9", NULL, "0", NULL};
    int gap = dc_px(ui, 12), bw = (r.w - 2 * gap) / 3, bh = (r.h - 3 * gap) / 4;
    for (int i = 0; i < 12; i++) {
        SDL_Rect b = {r.x + (i % 3) * (bw + gap), r.y + (i / 3) * (bh + gap), bw, bh};
        if (i == 9)
            dc_draw_button(ui, b, T(PIN_CLEAR), DC_BTN_DIGIT0 + 10, false, true);
        else if (i == 11)
            dc_draw_button(ui, b, T(PIN_BACK), DC_BTN_DIGIT0 + 11, false, true);
        else
            dc_draw_button(ui, b, keys[i], DC_BTN_DIGIT0 + (keys[i][0] - '0'), false, true);
    }
}

void dc_draw_flash(dc_ui_t *ui)
{
    if (!ui->flash_until || dc_clock_now_ms() > ui->flash_until)
        return;
    dc_draw_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, ui->flash_ok ? DC_C_OK : DC_C_ERROR);
    /* 〇 or × before the title, not the colour alone (colour-blind staff); title and detail
     * wrapped whole, in smaller type until all of them fit. */
    char title[300];
    snprintf(title, sizeof title, "%s %s", ui->flash_ok ? "〇" : "×", ui->flash_title);
    int pad = dc_px(ui, 60), w = ui->w - 2 * pad, avail = ui->h - 2 * dc_px(ui, 40);
    int gap = dc_px(ui, 20), ts = 64, ds = 38, th = 0, dh = 0;
    for (;;) {
        th = dc_wrapped_height(ui, w, dc_px(ui, ts), title);
        dh = ui->flash_detail[0] ? dc_wrapped_height(ui, w, dc_px(ui, ds), ui->flash_detail) : 0;
        if (th + gap + dh <= avail || ds <= 20)
            break;
        ts = ts > 36 ? ts - 6 : ts;
        ds -= 2;
    }
    int y = (ui->h - th - gap - dh) / 2;
    if (y < dc_px(ui, 20))
        y = dc_px(ui, 20);
    y += dc_draw_wrapped(ui, (SDL_Rect){pad, y, w, -1}, dc_px(ui, ts), DC_C_WHITE, DC_ALIGN_CENTER,
                         title);
    dc_draw_wrapped(ui, (SDL_Rect){pad, y + gap, w, -1}, dc_px(ui, ds), DC_C_WHITE, DC_ALIGN_CENTER,
                    ui->flash_detail);
}

void dc_draw_free(dc_ui_t *ui)
{
    for (size_t i = 0; i < sizeof ui->cache / sizeof ui->cache[0]; i++) {
        if (ui->cache[i].tex) {
            SDL_DestroyTexture(ui->cache[i].tex);
            SDL_free(ui->cache[i].text);
        }
    }
    memset(ui->cache, 0, sizeof ui->cache);
    for (int i = 0; i < 8; i++) {
        TTF_CloseFont(ui->fonts[i]);
        ui->fonts[i] = NULL;
    }
}
