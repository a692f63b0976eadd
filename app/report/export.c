#include "report/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk/query.h"
#include "desk/session.h"
#include "platform/paths.h"
#include "platform/safefile.h"
#include "report/write.h"

/* Write the form into a file made by platform/safefile.h (dir and name, or path). */
static dc_err_t save(const dc_form_t *f, bool pdf, int dir, const char *name, int *err)
{
    dc_safefile_t sf;
    dc_err_t e =
        dir >= 0 ? dc_safefile_open_at(&sf, dir, name, err) : dc_safefile_open(&sf, name, err);
    if (e)
        return e;
    e = pdf ? dc_form_write_pdf(f, sf.f) : dc_form_write_csv(f, sf.f);
    if (e) {
        *err = errno;
        dc_safefile_abort(&sf);
        return e;
    }
    return dc_safefile_commit(&sf, err);
}

dc_err_t dc_form_save(const dc_form_t *f, bool pdf, const char *path, int *err)
{
    DC_EXPECT(f && path && err);
    *err = 0;
    return save(f, pdf, -1, path, err);
}

dc_err_t dc_report_log_export(dc_store_t *st, const dc_term_t *term, const char *actor,
                              const char *what, const char *path, const char *format, int64_t *seq)
{
    return dc_desk_log_export(st, term, actor, what, path, format, seq);
}

bool dc_report_medium_mounted(const char *dir, int *err)
{
    struct stat sb, up;
    char parent[DC_PATH_MAX + 4];
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        *err = errno ? errno : ENOTDIR;
        return false;
    }
    const char *any = getenv("DAICHO_EXPORT_ANY_DIR");
    if (any && strcmp(any, "1") == 0)
        return true;
    snprintf(parent, sizeof parent, "%s/..", dir);
    if (stat(parent, &up) != 0) {
        *err = errno;
        return false;
    }
    *err = ENODEV;
    return sb.st_dev != up.st_dev;
}

dc_err_t dc_report_export_month(dc_store_t *st, const dc_term_t *term, const char *month,
                                const char *actor, const char *approver, const char *medium,
                                const char *dir, int64_t *seq, int *err)
{
    DC_EXPECT(st && term && month && actor && approver && medium && dir && seq && err);
    *seq = 0;
    *err = 0;
    int64_t from, to;
    if (dc_desk_month_range(month, term->tz_min, &from, &to))
        return DC_E_BAD_MONTH;
    /* The month's forms hold personal information: the writer must be allowed to read them out
     * (a refusal is logged there), whoever approves the copy. */
    char what[32];
    snprintf(what, sizeof what, "export %s", month);
    dc_err_t e = dc_desk_may_read_out(st, term, actor, what);
    if (e)
        return e;
    /* A registered medium, not paper (a refusal logged by the desk), before the folder. */
    if ((e = dc_desk_export_medium(st, term, actor, approver, medium, NULL)))
        return e;
    char folder[DC_PATH_MAX];
    if (snprintf(folder, sizeof folder, "%s/daicho-%s", dir, month) >= (int)sizeof folder - 40)
        return DC_E_TOO_LONG;
    if (!dc_report_medium_mounted(dir, err))
        return DC_E_EXPORT_NO_MEDIUM;

    /* The copy is recorded before a byte is written: a copy that is not in the ledger must not
     * exist, even if the power goes halfway. */
    if ((e = dc_desk_export_copy(st, term, month, actor, approver, medium, seq)))
        return e;

    /* The medium is someone else's: its folder and files are opened without following links
     * (a link planted at daicho-YYYY-MM or at a .tmp name could point at the ledger or key). */
    int top = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), sub = -1;
    if (top < 0) {
        *err = errno;
        return DC_E_IO;
    }
    e = dc_safefile_mkdir_at(top, folder + strlen(dir) + 1, &sub, err);
    if (e == DC_E_OUT_LINK)
        *err = 0;
    if (!e && fsync(top) != 0) { /* the new folder's name */
        *err = errno;
        e = DC_E_IO;
    }
    close(top);
    if (e)
        return e;
    static const struct {
        dc_form_kind_t kind;
        const char *name;
    } forms[] = {
        {DC_FORM_TAKEOUT, "takeout"},
        {DC_FORM_COPY_TRANSPORT, "copy-transport"},
        {DC_FORM_RECEIPT_DISPOSAL, "receipt-disposal"},
        {DC_FORM_INVENTORY, "inventory"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0] && !e; i++) {
        dc_form_t *f = NULL;
        if ((e = dc_form_build(st, term, forms[i].kind, month, &f)))
            break;
        for (int pdf = 0; pdf < 2 && !e; pdf++) {
            if (pdf && forms[i].kind == DC_FORM_INVENTORY)
                break;
            char name[128];
            snprintf(name, sizeof name, "%s-%s.%s", forms[i].name, month, pdf ? "pdf" : "csv");
            e = save(f, pdf, sub, name, err);
        }
        dc_form_free(f);
    }
    if (!e && fsync(sub) != 0) {
        *err = errno;
        e = DC_E_IO;
    }
    close(sub);
    /* A link or the ledger's own file is said in our words, not as the errno of the refusal. */
    if (e == DC_E_OUT_LINK || e == DC_E_OUT_PROTECTED)
        *err = 0;
    return e;
}
