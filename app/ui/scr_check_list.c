/* The monthly check's anomalies, paged, and behind each the history it asks about: the item's
 * whole history, or, for an event without an item, that person's activity in the month. */
#include <stdlib.h>
#include <string.h>

#include "ui/check_ui.h"

enum { BTN_ROW = DC_CHK_BTN_OWN }; /* + index into the anomaly rows */

/* A name from the roster, or the badge as it was scanned. */
static void name_into(dc_ui_t *ui, const char *badge, char *out, size_t cap)
{
    dc_staff_t who;
    if (badge[0] && dc_desk_staff_get(ui->st, badge, &who) == DC_E_OK && who.name[0])
        snprintf(out, cap, "%s", who.name);
    else
        snprintf(out, cap, "%s", badge);
}

/* "title (code)" of an item, or the code when it is not registered. */
static void item_into(dc_ui_t *ui, const char *code, char *out, size_t cap)
{
    dc_item_t it;
    if (code[0] && dc_desk_item_get(ui->st, code, &it) == DC_E_OK)
        snprintf(out, cap, "%.400s (%s)", it.title, code);
    else
        snprintf(out, cap, "%s", code);
}

/* One row for the anomalies of each event, in sequence order as the check lists them. */
bool dc_check_an_rows(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    const dc_check_t *c = k->check;
    free(k->an);
    k->nan = 0;
    k->an = calloc((size_t)(c->nanomalies ? c->nanomalies : 1), sizeof *k->an);
    if (!k->an)
        return false;
    for (int i = 0; i < c->nanomalies; i++) {
        const dc_anomaly_t *a = &c->anomalies[i];
        if (k->nan && c->anomalies[k->an[k->nan - 1].first].seq == a->seq) {
            k->an[k->nan - 1].n++;
            continue;
        }
        dc_an_row_t *r = &k->an[k->nan++];
        r->first = i;
        r->n = 1;
        name_into(ui, a->who, r->who, sizeof r->who);
        item_into(ui, a->item, r->item, sizeof r->item);
    }
    return true;
}

/* ---- the anomalies ---- */

/* A row of the history; an anomaly's row is taller, its number a button at least 80 tall. */
static int row_height(dc_ui_t *ui)
{
    return dc_px(ui, 76);
}

static int anomaly_row_height(dc_ui_t *ui)
{
    return dc_px(ui, 90);
}

static void anomalies_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    const dc_check_t *c = k->check;
    char month[40], sub[160], page[32], buf[DC_LONG_MAX * 2], review[64];
    dc_check_month_label(ui, k->month, month, sizeof month);
    dc_check_fill(review, sizeof review, T(CK_REVIEW_N), NULL, c->nreview);
    snprintf(sub, sizeof sub, "%s  %s %d%s  %s", month, T(ANOMALIES), c->nanomalies - c->nreview,
             T(UNIT), review);
    int per = (ui->h - dc_px(ui, 96 + 76 + 166)) / anomaly_row_height(ui);
    int first = dc_check_paginate(&k->an_pager, k->nan, per);
    dc_check_page_label(&k->an_pager, page, sizeof page);
    int y = dc_check_title(ui, T(ANOMALY_LIST), sub, page, DC_C_MUTED);
    int pad = dc_px(ui, 40), rh = anomaly_row_height(ui), bw = dc_px(ui, 170);
    if (!k->nan)
        dc_draw_text(ui, ui->w / 2, y + dc_px(ui, 80), dc_px(ui, 40), DC_C_OK, DC_ALIGN_CENTER,
                     T(NO_ANOMALIES));
    for (int i = first; i < k->nan && i < first + per; i++, y += rh) {
        const dc_an_row_t *r = &k->an[i];
        const dc_anomaly_t *a = &c->anomalies[r->first];
        SDL_Rect box = {pad, y, ui->w - 2 * pad, rh - dc_px(ui, 8)};
        dc_draw_fill(ui, box, DC_C_WHITE);
        int ty = y + dc_px(ui, 7); /* the two lines, centred in the taller row */
        /* The event's number is the row's button: the history behind it. */
        snprintf(buf, sizeof buf, "No.%lld", (long long)a->seq);
        dc_draw_button(ui, (SDL_Rect){box.x, box.y, bw, box.h}, buf, BTN_ROW + i, false,
                       a->item[0] || a->who[0]);
        int x = box.x + bw + dc_px(ui, 16), w = box.x + box.w - dc_px(ui, 12) - x;
        char date[DC_DATE_MAX], time[6];
        dc_event_local_date(a->ts_ms, a->tz_min, date);
        dc_event_local_time(a->ts_ms, a->tz_min, time);
        snprintf(buf, sizeof buf, "%s %s  %s", date, time, r->who);
        int ww = dc_draw_text(ui, x + w, ty + dc_px(ui, 6), dc_px(ui, 24), DC_C_TEXT,
                              DC_ALIGN_RIGHT, buf);
        /* An anomaly in red; what is only recorded for review under 要確認, in the text's colour.
         */
        size_t n = 0;
        bool alarm = false;
        for (int j = 0; j < r->n && n < sizeof buf; j++) {
            dc_anomaly_kind_t kind = c->anomalies[r->first + j].kind;
            bool rv = dc_anomaly_review(kind);
            alarm |= !rv;
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s%s%s", j ? "・" : "",
                                  rv ? T(CK_REVIEW) : "", rv ? ": " : "",
                                  dc_anomaly_label(kind, ui->lang));
        }
        dc_draw_text_fit(ui, x, ty + dc_px(ui, 4), w - ww - dc_px(ui, 16), dc_px(ui, 28),
                         alarm ? DC_C_ERROR : DC_C_HEADER, DC_ALIGN_LEFT, buf);
        n = (size_t)snprintf(buf, sizeof buf, "%s", r->item);
        for (int j = 0; j < r->n && n < sizeof buf; j++) {
            char what[DC_SHORT_MAX];
            dc_anomaly_what(&c->anomalies[r->first + j], ui->lang, what, sizeof what);
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? "  " : "", what);
        }
        dc_draw_text_fit(ui, x, ty + dc_px(ui, 38), w, dc_px(ui, 24), DC_C_MUTED, DC_ALIGN_LEFT,
                         buf);
    }
    dc_check_message(ui, ui->w - pad);
    dc_check_pager_bar(ui, &k->an_pager, (dc_bar_button_t){T(BACK), DC_CHK_BTN_BACK, false, true},
                       true);
}

typedef struct {
    dc_ui_t *ui;
    const char *actor; /* only this person's events; NULL for all */
    const char *item;  /* the item of the history, not repeated on each row */
    bool nomem;
} hist_walk_t;

static void add_part(char *out, size_t cap, const char *label, const char *value)
{
    size_t n = strlen(out);
    if (value[0] && n < cap)
        snprintf(out + n, cap - n, "%s%s%s%s", n ? "  " : "", label, label[0] ? " " : "", value);
}

/* The fields of an event that say what was done, in lang. */
static void event_what(const dc_event_t *ev, dc_lang_t lang, char *out, size_t cap)
{
    char num[32] = "";
    out[0] = '\0';
    switch (ev->type) {
    case DC_EV_TAKE_OUT:
        add_part(out, cap, dc_text(DC_T_F_PURPOSE, lang), ev->purpose);
        add_part(out, cap, dc_text(DC_T_F_DESTINATION, lang), ev->to_place);
        add_part(out, cap, dc_text(DC_T_F_DUE, lang), ev->due);
        break;
    case DC_EV_COPY:
        snprintf(num, sizeof num, "%lld", (long long)ev->quantity);
        add_part(out, cap, dc_text(DC_T_F_PURPOSE, lang), ev->purpose);
        add_part(out, cap, dc_text(DC_T_F_QUANTITY, lang), num);
        add_part(out, cap, dc_text(DC_T_F_RECIPIENT, lang), ev->recipient);
        break;
    case DC_EV_TRANSPORT:
        add_part(out, cap, dc_text(DC_T_F_TO_PLACE, lang), ev->to_place);
        add_part(out, cap, dc_text(DC_T_F_RECIPIENT, lang), ev->recipient);
        break;
    case DC_EV_DISPOSE:
        add_part(out, cap, dc_text(DC_T_F_METHOD, lang), dc_method_label(ev->method, lang));
        add_part(out, cap, "", ev->technique);
        add_part(out, cap, dc_text(DC_T_F_CERTIFICATE, lang), ev->certificate);
        break;
    case DC_EV_REGISTER:
        add_part(out, cap, dc_text(DC_T_F_PLACE, lang), ev->place);
        break;
    default:
        /* A return or an arrival names its take-out or transport; others say it in words. */
        if (ev->link_seq)
            snprintf(num, sizeof num, "No.%lld", (long long)ev->link_seq);
        add_part(out, cap, "", num);
        add_part(out, cap, "", ev->to_place);
        add_part(out, cap, "", ev->purpose);
        add_part(out, cap, "", ev->detail);
        break;
    }
}

static int hist_add(const dc_event_t *ev, void *ctx)
{
    hist_walk_t *w = ctx;
    dc_check_ui_t *k = w->ui->check;
    if (w->actor && strcmp(ev->actor, w->actor) != 0)
        return 0;
    if (k->nhist == k->cap_hist) {
        int cap = k->cap_hist ? k->cap_hist * 2 : 32;
        dc_hist_row_t *more = realloc(k->hist, (size_t)cap * sizeof *more);
        if (!more) {
            w->nomem = true;
            return 1;
        }
        k->hist = more;
        k->cap_hist = cap;
    }
    dc_hist_row_t *r = &k->hist[k->nhist++];
    memset(r, 0, sizeof *r);
    r->seq = ev->seq;
    r->ts_ms = ev->ts_ms;
    r->tz_min = ev->tz_min;
    r->type = ev->type;
    char actor[DC_SHORT_MAX], second[DC_SHORT_MAX];
    name_into(w->ui, ev->actor, actor, sizeof actor);
    name_into(w->ui, ev->second, second, sizeof second);
    snprintf(r->who, sizeof r->who, "%s%s%s", actor, second[0] ? " / " : "", second);
    if (ev->item[0] && (!w->item || strcmp(ev->item, w->item) != 0))
        item_into(w->ui, ev->item, r->item, sizeof r->item);
    for (int lang = 0; lang < 2; lang++)
        event_what(ev, (dc_lang_t)lang, r->what[lang], sizeof r->what[lang]);
    return 0;
}

/* The history behind anomaly row i: the item's, or the person's month. */
static void drill(dc_ui_t *ui, int i)
{
    dc_check_ui_t *k = ui->check;
    const dc_anomaly_t *a = &k->check->anomalies[k->an[i].first];
    hist_walk_t w = {ui, NULL, NULL, false};
    dc_err_t e;
    k->nhist = 0;
    k->hist_mark = a->seq;
    k->hist_person = !a->item[0];
    if (a->item[0]) {
        w.item = a->item;
        item_into(ui, a->item, k->hist_title, sizeof k->hist_title);
        e = dc_desk_events_of_item(ui->st, a->item, hist_add, &w);
    } else if (a->who[0]) {
        w.actor = a->who;
        dc_copy(k->hist_title, sizeof k->hist_title, k->an[i].who);
        e = dc_desk_events_between(ui->st, k->check->from_ms, k->check->to_ms, hist_add, &w);
    } else {
        return;
    }
    if (!e && w.nomem)
        e = DC_E_NOMEM;
    if (e) {
        dc_ui_refuse(ui, e, NULL);
        return;
    }
    /* Open at the page of the event behind the anomaly. */
    k->hist_open = 0;
    for (int j = 0; j < k->nhist; j++) {
        if (k->hist[j].seq == a->seq)
            k->hist_open = j;
    }
    dc_ui_go(ui, DC_SCR_HISTORY);
}

static void anomalies_button(dc_ui_t *ui, int id)
{
    dc_check_ui_t *k = ui->check;
    if (dc_check_turn(&k->an_pager, id))
        return;
    ui->message[0] = '\0';
    if (id == DC_CHK_BTN_BACK)
        dc_ui_go(ui, DC_SCR_CHECK);
    else if (id >= BTN_ROW && id < BTN_ROW + k->nan)
        drill(ui, id - BTN_ROW);
}

const dc_screen_t dc_scr_anomalies = {"anomalies", NULL, anomalies_draw, NULL, anomalies_button};

/* ---- the history behind one ---- */

static void history_draw(dc_ui_t *ui)
{
    dc_check_ui_t *k = ui->check;
    char page[32], buf[DC_LONG_MAX * 2];
    int rh = row_height(ui), pad = dc_px(ui, 40);
    int per = (ui->h - dc_px(ui, 96 + 76 + 166)) / rh;
    if (per < 1)
        per = 1;
    if (k->hist_open >= 0) {
        k->hist_pager.page = k->hist_open / per; /* first shown: at the marked row */
        k->hist_open = -1;
    }
    int first = dc_check_paginate(&k->hist_pager, k->nhist, per);
    dc_check_page_label(&k->hist_pager, page, sizeof page);
    char sub[DC_LONG_MAX + 48], month[40];
    dc_check_month_label(ui, k->month, month, sizeof month);
    snprintf(sub, sizeof sub, "%s%s%s", k->hist_title, k->hist_person ? "  " : "",
             k->hist_person ? month : "");
    int y = dc_check_title(ui, k->hist_person ? T(ACTIVITY) : T(HISTORY), sub, page, DC_C_MUTED);
    for (int i = first; i < k->nhist && i < first + per; i++, y += rh) {
        const dc_hist_row_t *r = &k->hist[i];
        SDL_Rect box = {pad, y, ui->w - 2 * pad, rh - dc_px(ui, 8)};
        dc_draw_fill(ui, box, r->seq == k->hist_mark ? DC_C_SELECTED : DC_C_WHITE);
        char date[DC_DATE_MAX], time[6];
        dc_event_local_date(r->ts_ms, r->tz_min, date);
        dc_event_local_time(r->ts_ms, r->tz_min, time);
        snprintf(buf, sizeof buf, "No.%lld  %s %s  %s  %s", (long long)r->seq, date, time,
                 dc_evtype_label(r->type, ui->lang), r->who);
        int x = box.x + dc_px(ui, 14), w = box.w - dc_px(ui, 28), mw = 0;
        if (r->seq == k->hist_mark)
            mw = dc_draw_text(ui, x + w, y + dc_px(ui, 6), dc_px(ui, 24), DC_C_ERROR,
                              DC_ALIGN_RIGHT, T(MARKED)) +
                 dc_px(ui, 16);
        dc_draw_text_fit(ui, x, y + dc_px(ui, 4), w - mw, dc_px(ui, 28), DC_C_TEXT, DC_ALIGN_LEFT,
                         buf);
        snprintf(buf, sizeof buf, "%s%s%s", r->item, r->item[0] ? "  " : "",
                 r->what[ui->lang == DC_LANG_EN]);
        dc_draw_text_fit(ui, x, y + dc_px(ui, 38), w, dc_px(ui, 24), DC_C_MUTED, DC_ALIGN_LEFT,
                         buf);
    }
    dc_check_message(ui, ui->w - pad);
    dc_check_pager_bar(ui, &k->hist_pager, (dc_bar_button_t){T(BACK), DC_CHK_BTN_BACK, false, true},
                       true);
}

static void history_button(dc_ui_t *ui, int id)
{
    dc_check_ui_t *k = ui->check;
    if (dc_check_turn(&k->hist_pager, id))
        return;
    if (id == DC_CHK_BTN_BACK) {
        ui->message[0] = '\0';
        dc_ui_go(ui, DC_SCR_ANOMALIES);
    }
}

const dc_screen_t dc_scr_history = {"history", NULL, history_draw, NULL, history_button};
