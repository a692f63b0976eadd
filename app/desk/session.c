#include "desk/session.h"

#include <sodium.h>
#include <string.h>

#include "core/rules.h"

static dc_err_t record_login(dc_store_t *st, const dc_term_t *term, const char *badge, bool ok,
                             const char *why)
{
    dc_event_t ev;
    dc_event_init(&ev, ok ? DC_EV_LOGIN : DC_EV_LOGIN_FAILED);
    dc_desk_stamp(term, &ev);
    dc_copy(ev.actor, sizeof ev.actor, badge);
    dc_copy(ev.detail, sizeof ev.detail, why);
    int failed;
    return dc_store_append(st, &ev, 1, &failed);
}

dc_err_t dc_desk_login(dc_store_t *st, const dc_term_t *term, const char *badge, const char *pin,
                       bool record, dc_staff_t *who, int *failures)
{
    dc_err_t e, le;
    bool locked = false;
    *failures = 0;
    e = dc_store_staff_get(st, badge, who);
    if (e == DC_E_NOT_FOUND) {
        le = record_login(st, term, badge, false, "unknown badge");
        return le ? le : DC_E_R_ACTOR_UNKNOWN;
    }
    if (e)
        return e;
    if (who->released[0]) {
        le = record_login(st, term, badge, false, "released");
        return le ? le : DC_E_R_ACTOR_RELEASED;
    }
    e = dc_store_pin_state(st, badge, failures, &locked);
    if (e == DC_E_NOT_FOUND) {
        le = record_login(st, term, badge, false, "no PIN set");
        return le ? le : DC_E_PIN_NOT_SET;
    }
    if (e)
        return e;
    if (locked) {
        le = record_login(st, term, badge, false, "locked");
        return le ? le : DC_E_PIN_LOCKED;
    }
    /* Counted before it is checked: pulling the plug during the check does not reset it. */
    if ((e = dc_store_pin_attempt(st, badge, failures)))
        return e;
    e = dc_desk_check_pin(st, badge, pin);
    if (e == DC_E_OK) {
        *failures = 0;
        if ((e = dc_store_pin_reset(st, badge, false)))
            return e;
        return record ? record_login(st, term, badge, true, "") : DC_E_OK;
    }
    if (e != DC_E_USAGE)
        return e;
    if ((e = dc_store_pin_fail(st, badge, DC_PIN_LOCK_AT, &locked)))
        return e;
    char why[64];
    snprintf(why, sizeof why, "wrong PIN (%d in a row)%s", *failures, locked ? ", locked" : "");
    if ((le = record_login(st, term, badge, false, why)))
        return le;
    return locked ? DC_E_PIN_LOCKED : DC_E_PIN_WRONG;
}

int64_t dc_desk_pin_delay_ms(int failures)
{
    if (failures <= 0)
        return 0;
    if (failures > 10)
        failures = 10;
    return 1000LL << (failures - 1);
}

dc_err_t dc_desk_unlock(dc_store_t *st, const dc_staff_t *manager, const char *badge)
{
    if (manager->role == DC_ROLE_STAFF || manager->released[0])
        return DC_E_R_ACTOR_ROLE;
    int failures;
    bool locked;
    dc_err_t e = dc_store_pin_state(st, badge, &failures, &locked);
    if (e == DC_E_NOT_FOUND)
        return DC_E_R_ACTOR_UNKNOWN;
    if (e)
        return e;
    if (!locked)
        return DC_E_R_NOT_LOCKED;
    return dc_store_pin_reset(st, badge, true);
}

void dc_flow_begin(dc_flow_t *f, dc_evtype_t type, const char *actor)
{
    memset(f, 0, sizeof *f);
    f->type = type;
    dc_copy(f->actor, sizeof f->actor, actor);
    dc_event_init(&f->form, type);
    dc_copy(f->form.actor, sizeof f->form.actor, actor);
    if (type == DC_EV_COPY)
        f->form.quantity = 1;
}

dc_err_t dc_flow_scan(dc_store_t *st, dc_flow_t *f, const char *text, size_t len,
                      const dc_item_t **added)
{
    char code[DC_CODE_MAX];
    *added = NULL;
    dc_err_t e = dc_code_expect(text, len, DC_CODE_ITEM, code);
    if (e)
        return e;
    for (int i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].code, code) == 0)
            return DC_E_R_DUPLICATE_ITEM;
    }
    if (f->n == DC_FLOW_MAX)
        return DC_E_R_CART_FULL;

    dc_staff_t actor;
    dc_item_t *it = &f->items[f->n];
    dc_rules_ctx_t ctx = {0};
    e = dc_store_staff_get(st, f->actor, &actor);
    if (!e)
        ctx.actor = &actor;
    else if (e != DC_E_NOT_FOUND)
        return e;
    e = dc_store_item_get(st, code, it);
    if (!e)
        ctx.item = it;
    else if (e != DC_E_NOT_FOUND)
        return e;
    dc_event_t ev;
    dc_event_init(&ev, f->type);
    memcpy(ev.actor, f->actor, DC_CODE_MAX);
    memcpy(ev.item, code, DC_CODE_MAX);
    if ((e = dc_rules_check_scan(&ev, &ctx)))
        return e;
    *added = it;
    f->n++;
    return DC_E_OK;
}

dc_role_t dc_flow_second_role(const dc_flow_t *f)
{
    dc_role_t need = DC_ROLE__COUNT;
    for (int i = 0; i < f->n; i++) {
        dc_role_t r = dc_rules_second_role(f->type, &f->items[i]);
        if (r == DC_ROLE_MANAGER)
            need = DC_ROLE_MANAGER;
        else if (r == DC_ROLE_STAFF && need == DC_ROLE__COUNT)
            need = DC_ROLE_STAFF;
    }
    return need;
}

dc_err_t dc_flow_check(dc_store_t *st, const dc_flow_t *f, int *failed)
{
    *failed = -1;
    if (f->n == 0)
        return DC_E_R_CART_EMPTY;
    dc_event_t ev = f->form;
    for (int i = 0; i < f->n; i++) {
        memcpy(ev.item, f->items[i].code, DC_CODE_MAX);
        dc_err_t e = dc_store_check(st, &ev);
        if (e) {
            *failed = i;
            return e;
        }
    }
    return DC_E_OK;
}

dc_err_t dc_flow_commit(dc_store_t *st, const dc_term_t *term, dc_flow_t *f, int64_t *first_seq,
                        int *failed)
{
    char codes[DC_FLOW_MAX][DC_CODE_MAX];
    int64_t seqs[DC_FLOW_MAX];
    *failed = -1;
    if (f->n == 0)
        return DC_E_R_CART_EMPTY;
    for (int i = 0; i < f->n; i++)
        memcpy(codes[i], f->items[i].code, DC_CODE_MAX);
    dc_err_t e =
        dc_desk_record(st, term, &f->form, (const char(*)[DC_CODE_MAX])codes, f->n, seqs, failed);
    if (!e)
        *first_seq = seqs[0];
    return e;
}
