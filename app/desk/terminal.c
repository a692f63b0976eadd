/* The terminal's signing key, the terminals it trusts, and the printer settings. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "desk/receipt.h"
#include "store/store.h"

dc_err_t dc_desk_terminal_key(dc_store_t *st, char id[DC_TERMINAL_ID_MAX],
                              uint8_t pk[DC_STORE_PK_LEN])
{
    dc_err_t e = dc_store_terminal_key_get(st, id, pk, NULL);
    if (e != DC_E_NOT_FOUND)
        return e;
    if (sodium_init() < 0)
        return DC_E_IO;
    uint8_t sk[DC_STORE_SK_LEN];
    crypto_sign_keypair(pk, sk);
    dc_terminal_id(pk, id);
    e = dc_store_terminal_key_put(st, id, pk, sk);
    sodium_memzero(sk, sizeof sk);
    if (e == DC_E_TERMINAL_CONFLICT) /* made meanwhile by another process: use that one */
        e = dc_store_terminal_key_get(st, id, pk, NULL);
    return e;
}

dc_err_t dc_desk_terminal_trust(dc_store_t *st, const char *key_text, const char *name,
                                char id[DC_TERMINAL_ID_MAX])
{
    uint8_t pk[DC_STORE_PK_LEN], own[DC_STORE_PK_LEN];
    char own_id[DC_TERMINAL_ID_MAX];
    dc_err_t e = dc_terminal_key_parse(key_text, pk, id);
    if (e)
        return e;
    if (name && !dc_text_ok(name, DC_SHORT_MAX))
        return DC_E_TOO_LONG;
    if ((e = dc_desk_terminal_key(st, own_id, own)))
        return e;
    if (strcmp(own_id, id) == 0)
        return memcmp(own, pk, sizeof pk) == 0 ? DC_E_TERMINAL_SELF : DC_E_TERMINAL_CONFLICT;
    return dc_store_trusted_put(st, id, pk, name);
}

static dc_err_t meta_or(dc_store_t *st, const char *key, char *buf, size_t cap, const char *dflt)
{
    dc_err_t e = dc_store_meta_get(st, key, buf, cap);
    if (e == DC_E_NOT_FOUND)
        return dc_copy(buf, cap, dflt) ? DC_E_OK : DC_E_TOO_LONG;
    return e;
}

dc_err_t dc_desk_printer_config(dc_store_t *st, dc_printer_cfg_t *out)
{
    char paper[16];
    dc_err_t e;
    memset(out, 0, sizeof *out);
    if ((e = meta_or(st, "printer_receipt", out->receipt, sizeof out->receipt,
                     DC_PRINTER_DEFAULT)) ||
        (e = meta_or(st, "printer_receipt_paper", paper, sizeof paper, "58")))
        return e;
    if (!dc_paper_parse(paper, &out->receipt_paper) || dc_paper_info(out->receipt_paper)->height)
        out->receipt_paper = DC_PAPER_58;
    if ((e = meta_or(st, "printer_label", out->label, sizeof out->label, out->receipt)) ||
        (e = meta_or(st, "printer_label_paper", paper, sizeof paper,
                     dc_paper_info(out->receipt_paper)->name)))
        return e;
    if (!dc_paper_parse(paper, &out->label_paper))
        out->label_paper = out->receipt_paper;
    return DC_E_OK;
}

dc_err_t dc_desk_printer_configure(dc_store_t *st, const dc_term_t *term, const char *actor,
                                   const dc_printer_cfg_t *cfg)
{
    dc_printer_t *p;
    dc_err_t e;
    const char *specs[2] = {cfg->receipt, cfg->label};
    for (int i = 0; i < 2; i++) {
        if ((e = dc_printer_open(specs[i], &p)))
            return e;
        dc_printer_close(p);
    }
    if ((unsigned)cfg->receipt_paper >= DC_PAPER__COUNT ||
        (unsigned)cfg->label_paper >= DC_PAPER__COUNT || dc_paper_info(cfg->receipt_paper)->height)
        return DC_E_USAGE;
    /* Four setting events in one transaction: who changed the printers, and to what. */
    const char *kv[4][2] = {
        {"printer_receipt", cfg->receipt},
        {"printer_receipt_paper", dc_paper_info(cfg->receipt_paper)->name},
        {"printer_label", cfg->label},
        {"printer_label_paper", dc_paper_info(cfg->label_paper)->name},
    };
    dc_event_t *evs = calloc(4, sizeof *evs);
    if (!evs)
        return DC_E_NOMEM;
    for (int i = 0; i < 4; i++) {
        dc_event_init(&evs[i], DC_EV_SETTING);
        dc_desk_stamp(term, &evs[i]);
        dc_copy(evs[i].actor, sizeof evs[i].actor, actor);
        dc_copy(evs[i].purpose, sizeof evs[i].purpose, kv[i][0]);
        if (!dc_copy(evs[i].detail, sizeof evs[i].detail, kv[i][1]))
            e = DC_E_PRINTER_SPEC;
    }
    int failed;
    if (!e)
        e = dc_store_append(st, evs, 4, &failed);
    free(evs);
    return e;
}
