/* Paper at the kiosk: the receipt (or a new item's label) is printed right after the commit and
 * the same bitmap is shown on the result screen; a printer problem is said on screen, the
 * record stays committed and the receipt can be printed again. Scanned receipts are checked. */
#include <ctype.h>
#include <string.h>

#include "desk/receipt.h"
#include "ui/ui.h"

void dc_ui_drop_paper(dc_ui_t *ui)
{
    if (ui->paper_tex)
        SDL_DestroyTexture(ui->paper_tex);
    ui->paper_tex = NULL;
    ui->paper_w = ui->paper_h = 0;
}

/* The 1-bit paper as a texture: ink black, paper white. */
void dc_ui_show_paper(dc_ui_t *ui, const dc_bitmap_t *b)
{
    dc_ui_drop_paper(ui);
    int w = dc_bitmap_width(b), h = dc_bitmap_height(b);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + y * s->pitch);
        for (int x = 0; x < w; x++)
            row[x] = dc_bitmap_get(b, x, y) ? SDL_MapRGBA(s->format, 0, 0, 0, 255)
                                            : SDL_MapRGBA(s->format, 255, 255, 255, 255);
    }
    ui->paper_tex = SDL_CreateTextureFromSurface(ui->r, s);
    ui->paper_w = w;
    ui->paper_h = h;
    SDL_FreeSurface(s);
}

int dc_ui_draw_paper(dc_ui_t *ui, int top)
{
    int pad = dc_px(ui, 40);
    if (!ui->paper_tex)
        return ui->w - pad;
    /* As printed, only smaller when the screen is not tall enough for it. */
    float k = (float)(ui->h - top - dc_px(ui, 24)) / (float)ui->paper_h;
    if (k > 1.0f)
        k = 1.0f;
    SDL_Rect dst = {0, top + dc_px(ui, 12), (int)(ui->paper_w * k), (int)(ui->paper_h * k)};
    dst.x = ui->w - pad - dst.w;
    SDL_RenderCopy(ui->r, ui->paper_tex, NULL, &dst);
    SDL_SetRenderDrawColor(ui->r, 0x9a, 0xa8, 0xb6, 255);
    SDL_RenderDrawRect(ui->r, &dst);
    return dst.x;
}

void dc_ui_print_result(dc_ui_t *ui)
{
    dc_bitmap_t *b = NULL;
    bool label = ui->flow->type == DC_EV_REGISTER;
    /* Committed already: whatever happens to the paper, the record stands. */
    if (label) {
        ui->print_err = dc_desk_print_label(ui->st, ui->new_code, ui->printer);
        /* On screen the paper that prints: the configured label paper (the 58 mm roll unless
         * die-cut labels are set), not a fixed one. */
        dc_printer_cfg_t cfg;
        dc_paper_t paper =
            dc_desk_printer_config(ui->st, &cfg) == DC_E_OK ? cfg.label_paper : DC_PAPER_62X29;
        if (dc_desk_render_label(ui->st, ui->new_code, paper, &b) == DC_E_OK)
            dc_ui_show_paper(ui, b);
    } else {
        ui->print_err =
            dc_desk_print_receipt(ui->st, &ui->term, ui->result_seq, false, ui->printer);
        if (dc_desk_render_receipt(ui->st, &ui->term, ui->result_seq, false, 384, &b) == DC_E_OK)
            dc_ui_show_paper(ui, b);
    }
    dc_bitmap_destroy(b);
    if (ui->print_err)
        dc_ui_message(ui, true, dc_err_msg(ui->print_err, ui->lang));
}

void dc_ui_reprint(dc_ui_t *ui)
{
    /* The reprint is itself an event, committed before the paper comes out: a receipt's and a
     * new item's label alike (linked to the registration). */
    int64_t rs;
    dc_err_t e = dc_desk_record_reprint(ui->st, &ui->term, ui->user.badge, ui->result_seq, &rs);
    if (!e)
        e = ui->flow->type == DC_EV_REGISTER
                ? dc_desk_print_label(ui->st, ui->new_code, ui->printer)
                : dc_desk_print_receipt(ui->st, &ui->term, ui->result_seq, true, ui->printer);
    ui->print_err = e;
    if (e)
        dc_ui_refuse(ui, e, NULL);
    else
        dc_ui_message(ui, false, dc_text(DC_T_PRINTED, ui->lang));
}

bool dc_ui_is_receipt(const char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    return toupper((unsigned char)text[0]) == 'D' && toupper((unsigned char)text[1]) == 'R' &&
           strlen(text) > 40;
}

bool dc_ui_check_receipt(dc_ui_t *ui, const char *text, void *out)
{
    dc_receipt_check_t local, *c = out ? out : &local;
    dc_err_t e = dc_desk_receipt_verify(ui->st, text, c);
    char detail[160];
    snprintf(detail, sizeof detail, "%s  %s %lld", c->terminal_id, dc_text(DC_T_SEQ, ui->lang),
             (long long)c->seq);
    bool good = dc_err_class(e) == DC_CLASS_OK;
    if (good)
        dc_ui_flash(ui, true, dc_err_msg(e, ui->lang), detail);
    else
        dc_ui_refuse(ui, e, c->seq ? detail : NULL);
    return good;
}
