/* A question over the current screen: before something that cannot be undone (dropping a cart,
 * logging out with one), with yes and no. While it is open the screen under it is shown but
 * answers nothing: scans wait (main.c) and only the two answers can be pressed. */
#include <string.h>

#include "core/text.h"
#include "ui/ui.h"

void dc_ui_ask(dc_ui_t *ui, const char *question, const char *detail, const char *yes,
               const char *no, void (*on_yes)(dc_ui_t *ui))
{
    dc_text_fit(ui->ask.question, sizeof ui->ask.question, question ? question : "");
    dc_text_fit(ui->ask.detail, sizeof ui->ask.detail, detail ? detail : "");
    dc_text_fit(ui->ask.yes, sizeof ui->ask.yes, yes ? yes : T(YES));
    dc_text_fit(ui->ask.no, sizeof ui->ask.no, no ? no : T(NO));
    ui->ask.on_yes = on_yes;
    ui->ask.open = true;
    ui->flash_until = 0; /* the question, not a flash, is what to read now */
}

void dc_ui_ask_press(dc_ui_t *ui, int id)
{
    if (!ui->ask.open || (id != DC_BTN_ASK_YES && id != DC_BTN_ASK_NO))
        return;
    void (*on_yes)(dc_ui_t *) = ui->ask.on_yes;
    ui->ask.open = false;
    ui->ask.on_yes = NULL;
    if (id == DC_BTN_ASK_YES && on_yes)
        on_yes(ui);
}

/* Sizes of the question and the detail that fit in avail pixels, from the largest down. */
static void fit_sizes(dc_ui_t *ui, int w, int avail, int *qsize, int *dsize, int *qh, int *dh)
{
    static const int qs[] = {40, 36, 32, 28};
    static const int ds[] = {30, 28, 26, 24, 22, 20};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        *qsize = dc_px(ui, qs[i < 3 ? i : 3]);
        *dsize = dc_px(ui, ds[i]);
        *qh = dc_wrapped_height(ui, w, *qsize, ui->ask.question);
        *dh = ui->ask.detail[0] ? dc_wrapped_height(ui, w, *dsize, ui->ask.detail) : 0;
        if (*qh + *dh + dc_px(ui, 24) <= avail)
            return;
    }
}

void dc_ui_ask_draw(dc_ui_t *ui)
{
    if (!ui->ask.open)
        return;
    /* The screen under it, dimmed: it is there, but not what answers now. */
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ui->r, 0x10, 0x18, 0x20, 0xb0);
    SDL_Rect all = {0, 0, ui->w, ui->h};
    SDL_RenderFillRect(ui->r, &all);
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_NONE);

    int margin = dc_px(ui, 40), pad = dc_px(ui, 36), gap = dc_px(ui, 24);
    int pw = ui->w - 2 * margin;
    if (pw > dc_px(ui, 1000))
        pw = dc_px(ui, 1000);
    int bh = dc_px(ui, 96), tw = pw - 2 * pad;
    int avail = ui->h - 2 * margin - 2 * pad - bh - gap;
    int qsize, dsize, qh, dh;
    fit_sizes(ui, tw, avail, &qsize, &dsize, &qh, &dh);
    int text_h = qh + (dh ? gap + dh : 0);
    int ph = 2 * pad + text_h + gap + bh;
    if (ph > ui->h - 2 * margin)
        ph = ui->h - 2 * margin;
    SDL_Rect p = {(ui->w - pw) / 2, (ui->h - ph) / 2, pw, ph};
    dc_draw_fill(ui, p, DC_C_WHITE);
    dc_draw_fill(ui, (SDL_Rect){p.x, p.y, p.w, dc_px(ui, 8)}, DC_C_SELECTED);
    SDL_SetRenderDrawColor(ui->r, 0x9a, 0xa8, 0xb6, 255);
    SDL_RenderDrawRect(ui->r, &p);

    int y = p.y + pad;
    y += dc_draw_wrapped(ui, (SDL_Rect){p.x + pad, y, tw, -1}, qsize, DC_C_TEXT, DC_ALIGN_LEFT,
                         ui->ask.question);
    if (ui->ask.detail[0])
        dc_draw_wrapped(ui, (SDL_Rect){p.x + pad, y + gap, tw, -1}, dsize, DC_C_MUTED,
                        DC_ALIGN_LEFT, ui->ask.detail);

    /* いいえ on the left, はい (the step that cannot be undone) on the right. */
    int bw = (tw - gap) / 2, by = p.y + p.h - pad - bh;
    if (bw > dc_px(ui, 360))
        bw = dc_px(ui, 360);
    int right = p.x + p.w - pad;
    dc_draw_button(ui, (SDL_Rect){right - bw, by, bw, bh}, ui->ask.yes, DC_BTN_ASK_YES, true, true);
    dc_draw_button(ui, (SDL_Rect){right - 2 * bw - gap, by, bw, bh}, ui->ask.no, DC_BTN_ASK_NO,
                   false, true);
}
