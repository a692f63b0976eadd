#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    dc_class_t cls;
    const char *msg[2];
} err_info_t;

static const err_info_t err_table[DC_E__COUNT] = {
#define DC_X(name, cls, ja, en) {#name, DC_CLASS_##cls, {ja, en}},
    DC_ERR_LIST(DC_X)
#undef DC_X
};

static const err_info_t *err_info(dc_err_t e)
{
    if ((unsigned)e >= DC_E__COUNT)
        e = DC_E_IO;
    return &err_table[e];
}

const char *dc_err_msg(dc_err_t e, dc_lang_t lang)
{
    return err_info(e)->msg[lang == DC_LANG_EN ? 1 : 0];
}

const char *dc_err_name(dc_err_t e)
{
    return err_info(e)->name;
}

bool dc_err_parse(const char *name, dc_err_t *out)
{
    for (int e = 0; name && e < DC_E__COUNT; e++) {
        if (strcmp(err_info((dc_err_t)e)->name, name) == 0) {
            *out = (dc_err_t)e;
            return true;
        }
    }
    return false;
}

dc_class_t dc_err_class(dc_err_t e)
{
    return err_info(e)->cls;
}

void dc_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: contract violated: %s\n", file, line, what);
    abort();
}
