/* The monthly check's scan-back inventory: the manager scans every item found in storage at
 * this terminal's places (list.places); each scan flashes green (expected, now found) or red
 * with the inventory's word for it (scanned before, not this office's, or one the ledger has
 * out, on the way, disposed or stored elsewhere). Items stored at other places are counted
 * apart and not expected. 完了 goes back to the summary, and the seal records the result.
 * Nothing is written: the inventory lives with the check, and goes with the session (a log-out
 * or the idle lock drops it). */
#include <stdlib.h>
#include <string.h>

#include "ui/check_ui.h"

enum { BTN_DONE = DC_CHK_BTN_OWN };

/* The inventory's word for an item found that the ledger has elsewhere, by its state. */
static const char *state_word(dc_ui_t *ui, dc_state_t state)
{
    switch (state) {
    case DC_STATE_OUT:
        return T(CK_INV_OUT);
    case DC_STATE_TRANSIT:
        return T(CK_INV_TRANSIT);
    case DC_STATE_DISPOSED:
        return T(CK_INV_DISPOSED);
    case DC_STATE_RETIRED:
        return T(CK_INV_RETIRED);
    default:
        return T(CK_INV_ELSEWHERE);
    }
}

static const char *result_word(dc_ui_t *ui, dc_inv_result_t r)
{
    switch (r) {
    case DC_INV_AGAIN:
        return T(CK_INV_AGAIN);
    case DC_INV_OUT:
        return T(CK_INV_OUT);
    case DC_INV_TRANSIT:
        return T(CK_INV_TRANSIT);
    case DC_INV_DISPOSED:
        return T(CK_INV_DISPOSED);
    case DC_INV_RETIRED:
        return T(CK_INV_RETIRED);
    case DC_INV_ELSEWHERE:
        return T(CK_INV_ELSEWHERE);
    case DC_INV_UNKNOWN:
        return T(CK_INV_UNKNOWN);
    default:
        return T(CK_INV_BAD);
    }
}

static void inventory_enter(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    if (k->inv)
        return; /* going on with the one begun */
    dc_err_t e = dc_inventory_begin(ui->st, &k->inv);
    if (e) {
        dc_ui_go(ui, DC_SCR_CHECK);
        dc_ui_refuse(ui, e, NULL);
    }
}

/* The items not found yet, a page of them in r. */
static void missing_list(dc_ui_t *ui, SDL_Rect r, int row)
{
    dc_check_ui_t *k = ui->check;
    const dc_inventory_t *inv = k->inv;
    int per = r.h / row, left = inv->nexpected - inv->nfound, y = r.y;
    int skip = dc_check_paginate(&k->inv_pager, left, per);
    for (int i = 0; i < inv->nexpected && y + row <= r.y + r.h; i++) {
        const dc_item_t *it = &inv->expected[i].item;
        if (inv->expected[i].found || skip-- > 0)
            continue;
        dc_draw_fill(ui, (SDL_Rect){r.x, y, r.w, row - dc_px(ui, 6)}, DC_C_WHITE);
        int pw = dc_draw_text(ui, r.x + r.w - dc_px(ui, 10), y + dc_px(ui, 6), dc_px(ui, 22),
                              DC_C_MUTED, DC_ALIGN_RIGHT, it->place);
        dc_draw_text_fit(ui, r.x + dc_px(ui, 10), y + dc_px(ui, 4), r.w - pw - dc_px(ui, 36),
                         dc_px(ui, 26), DC_C_TEXT, DC_ALIGN_LEFT, it->title);
        y += row;
    }
}

/* The items found that the ledger says are elsewhere, with where and who has them. */
static void unexpected_list(dc_ui_t *ui, SDL_Rect r, int row)
{
    const dc_check_ui_t *k = ui->check;
    char buf[DC_LONG_MAX];
    int y = r.y;
    for (int i = k->inv->nunexpected - 1; i >= 0 && y + 2 * row <= r.y + r.h; i--) {
        const dc_item_t *it = &k->inv->unexpected[i];
        dc_draw_fill(ui, (SDL_Rect){r.x, y, r.w, 2 * row - dc_px(ui, 6)}, DC_C_WHITE);
        dc_draw_text_fit(ui, r.x + dc_px(ui, 10), y + dc_px(ui, 4), r.w - dc_px(ui, 20),
                         dc_px(ui, 26), DC_C_TEXT, DC_ALIGN_LEFT, it->title);
        snprintf(buf, sizeof buf, "%s  %s  %s", state_word(ui, it->state),
                 i < k->ninv_who ? k->inv_who[i] : "", it->code);
        dc_draw_text_fit(ui, r.x + dc_px(ui, 10), y + row, r.w - dc_px(ui, 20), dc_px(ui, 22),
                         DC_C_ERROR, DC_ALIGN_LEFT, buf);
        y += 2 * row;
    }
}

static void inventory_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    if (!k->inv)
        return;
    const dc_inventory_t *inv = k->inv;
    char line[200];
    int y = dc_check_title(ui, T(INVENTORY), T(INV_SCAN), NULL, 0), pad = dc_px(ui, 40);
    snprintf(line, sizeof line, "%s %d / %d%s", T(INV_FOUND), inv->nfound, inv->nexpected, T(UNIT));
    int w =
        dc_draw_text(ui, pad, y + dc_px(ui, 6), dc_px(ui, 52), DC_C_HEADER, DC_ALIGN_LEFT, line);
    /* What is not expected here, and why: the items at other places, or no list of places. (The
     * items found out of place are counted over their list, on the right.) */
    if (inv->scoped)
        dc_check_fill(line, sizeof line, T(CK_INV_ELSEWHERE_N), NULL, inv->nelsewhere);
    else
        dc_copy(line, sizeof line, T(CK_INV_ALL_PLACES));
    int ex = pad + w + dc_px(ui, 40);
    /* Why these are the expected ones: wrapped beside the count, never cut. */
    int lh = dc_wrapped_height(ui, ui->w - pad - ex, dc_px(ui, 24), line);
    int size = lh > dc_px(ui, 70) ? dc_px(ui, 20) : dc_px(ui, 24);
    dc_draw_wrapped(ui, (SDL_Rect){ex, y + dc_px(ui, 4), ui->w - pad - ex, dc_px(ui, 76)}, size,
                    DC_C_MUTED, DC_ALIGN_LEFT, line);
    y += dc_px(ui, 84);

    int gap = dc_px(ui, 28), lw = (ui->w - 2 * pad - gap) * 3 / 5, row = dc_px(ui, 42);
    int bottom = ui->h - dc_px(ui, 166);
    char page[32];
    SDL_Rect left = {pad, y + dc_px(ui, 44), lw, bottom - y - dc_px(ui, 44)};
    missing_list(ui, left, row);
    dc_check_page_label(&k->inv_pager, page, sizeof page);
    snprintf(line, sizeof line, "%s %d%s   %s", T(INV_MISSING), inv->nexpected - inv->nfound,
             T(UNIT), page);
    dc_draw_text(ui, pad, y, dc_px(ui, 30), DC_C_HEADER, DC_ALIGN_LEFT, line);
    SDL_Rect right = {pad + lw + gap, left.y, ui->w - 2 * pad - lw - gap, left.h};
    snprintf(line, sizeof line, "%s %d%s", T(INV_UNEXPECTED), inv->nunexpected, T(UNIT));
    dc_draw_text(ui, right.x, y, dc_px(ui, 30), inv->nunexpected ? DC_C_ERROR : DC_C_HEADER,
                 DC_ALIGN_LEFT, line);
    unexpected_list(ui, right, dc_px(ui, 34));

    dc_check_message(ui, ui->w - pad);
    dc_check_pager_bar(ui, &k->inv_pager, (dc_bar_button_t){T(DONE), BTN_DONE, true, true}, false);
}

/* Keep the name of who has an unexpected item, for the list (the roster is not read each
 * frame). */
static void remember_holder(dc_ui_t *ui, const dc_item_t *it)
{
    dc_check_ui_t *k = ui->check;
    int n = k->inv->nunexpected;
    char(*who)[DC_SHORT_MAX] = realloc(k->inv_who, (size_t)n * sizeof *who);
    if (!who)
        return;
    k->inv_who = who;
    while (k->ninv_who < n)
        who[k->ninv_who++][0] = '\0'; /* also any a failed realloc left out */
    dc_staff_t s;
    if (it->holder[0] && dc_desk_staff_get(ui->st, it->holder, &s) == DC_E_OK)
        dc_copy(who[n - 1], sizeof who[n - 1], s.name);
    else
        dc_copy(who[n - 1], sizeof who[n - 1], it->holder);
}

static void inventory_scan(dc_ui_t *ui, const char *text)
{
    dc_check_ui_t *k = ui->check;
    if (dc_ui_is_receipt(text)) {
        dc_ui_check_receipt(ui, text, NULL);
        return;
    }
    const dc_item_t *it = NULL;
    int before = k->inv->nunexpected;
    dc_inv_result_t r;
    dc_err_t e = dc_inventory_scan(k->inv, ui->st, text, strlen(text), &it, &r);
    if (e) {
        dc_ui_refuse(ui, e, NULL);
        return;
    }
    if (k->inv->nunexpected > before && it)
        remember_holder(ui, it);
    char detail[DC_LONG_MAX + DC_CODE_MAX + 160];
    if (r == DC_INV_FOUND || r == DC_INV_PUT_BACK) {
        /* In storage: expected and now found, or put back since the inventory began. */
        snprintf(detail, sizeof detail, "%s  %s %d / %d", it->code, T(INV_FOUND), k->inv->nfound,
                 k->inv->nexpected);
        dc_ui_flash(ui, true, it->title, detail);
        ui->message[0] = '\0';
        return;
    }
    /* Found but not where the ledger has it: the inventory's words, not a counter's refusal. */
    const char *word = result_word(ui, r);
    dc_ui_flash(ui, false, word, it ? it->title : text);
    if (it)
        snprintf(detail, sizeof detail, "%s: %s (%s)", word, it->title, it->code);
    else
        dc_copy(detail, sizeof detail, word);
    dc_ui_message(ui, true, detail);
}

static void inventory_button(dc_ui_t *ui, int id)
{
    dc_check_ui_t *k = ui->check;
    if (dc_check_turn(&k->inv_pager, id))
        return;
    if (id == BTN_DONE) {
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_CHECK); /* the inventory stays, for the seal */
    }
}

const dc_screen_t dc_scr_inventory = {"inventory", inventory_enter, inventory_draw, inventory_scan,
                                      inventory_button};
