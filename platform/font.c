#include "platform/font.h"

#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *dc_font_path(void)
{
    static const char *const candidates[] = {
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    };
    const char *env = getenv("DAICHO_FONT");
    if (env && *env && access(env, R_OK) == 0)
        return env;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    }
    return NULL;
}

enum {
    SIZES = 16,
    GLYPHS = 4096, /* cached glyph images: a few sizes of the kana, kanji and Latin in use */
};

/* One glyph at one size, thresholded to 1 bit, as it sits in a line: its image starts xoff dots
 * from the pen and at the top of the line; the pen then moves adv dots. */
typedef struct {
    uint32_t cp;
    int16_t px;
    bool bold, used;
    int16_t w, h, xoff, adv, stride;
    uint8_t *bits;
} glyph_t;

struct dc_font {
    char *path;
    struct {
        TTF_Font *font;
        int px;
        bool bold;
    } sizes[SIZES];
    /* SDL_ttf keeps 256 glyphs a size and renders a line through HarfBuzz each time; kanji then
     * miss its cache again and again. A receipt draws the same few hundred glyphs: keep them. */
    glyph_t *glyphs;
    int nglyphs;
};

static dc_font_t *shared;

dc_err_t dc_font_open(const char *path, dc_font_t **out)
{
    DC_EXPECT(out);
    *out = NULL;
    if (!path)
        path = dc_font_path();
    if (!path || access(path, R_OK) != 0)
        return DC_E_FONT_MISSING;
    dc_font_t *f = calloc(1, sizeof *f);
    if (!f)
        return DC_E_NOMEM;
    f->path = strdup(path);
    f->glyphs = calloc(GLYPHS, sizeof *f->glyphs);
    if (!f->path || !f->glyphs) {
        free(f->glyphs);
        free(f->path);
        free(f);
        return DC_E_NOMEM;
    }
    /* FreeType only: TTF_Init needs no SDL video and counts its callers. */
    if (TTF_Init() != 0) {
        free(f->glyphs);
        free(f->path);
        free(f);
        return DC_E_FONT_MISSING;
    }
    *out = f;
    return DC_E_OK;
}

static void glyphs_clear(dc_font_t *f)
{
    for (int i = 0; i < GLYPHS; i++)
        free(f->glyphs[i].bits);
    memset(f->glyphs, 0, GLYPHS * sizeof *f->glyphs);
    f->nglyphs = 0;
}

void dc_font_close(dc_font_t *f)
{
    if (!f)
        return;
    glyphs_clear(f);
    free(f->glyphs);
    for (int i = 0; i < SIZES; i++)
        TTF_CloseFont(f->sizes[i].font);
    free(f->path);
    free(f);
    TTF_Quit();
}

dc_err_t dc_font_shared(dc_font_t **out)
{
    if (!shared) {
        dc_err_t e = dc_font_open(NULL, &shared);
        if (e)
            return e;
    }
    *out = shared;
    return DC_E_OK;
}

void dc_font_shared_close(void)
{
    dc_font_close(shared);
    shared = NULL;
}

/* The opened font for px and bold, opening it on first use. */
static dc_err_t sized(dc_font_t *f, int px, bool bold, TTF_Font **out)
{
    DC_EXPECT(f && px > 0 && px < 1000);
    int slot = -1;
    for (int i = 0; i < SIZES; i++) {
        if (f->sizes[i].font && f->sizes[i].px == px && f->sizes[i].bold == bold) {
            *out = f->sizes[i].font;
            return DC_E_OK;
        }
        if (!f->sizes[i].font && slot < 0)
            slot = i;
    }
    if (slot < 0) {
        /* More sizes than any layout uses: start afresh rather than grow. */
        glyphs_clear(f);
        for (int i = 0; i < SIZES; i++) {
            TTF_CloseFont(f->sizes[i].font);
            f->sizes[i].font = NULL;
        }
        slot = 0;
    }
    TTF_Font *t = TTF_OpenFont(f->path, px);
    if (!t)
        return DC_E_FONT_MISSING;
    TTF_SetFontStyle(t, bold ? TTF_STYLE_BOLD : TTF_STYLE_NORMAL);
    /* Printer dots are big: light hinting keeps stems even without thinning the strokes. */
    TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
    f->sizes[slot].font = t;
    f->sizes[slot].px = px;
    f->sizes[slot].bold = bold;
    *out = t;
    return DC_E_OK;
}

/* Render one glyph into g: the coverage of half a dot or more is ink. */
static dc_err_t render_glyph(TTF_Font *t, uint32_t cp, glyph_t *g)
{
    int minx, maxx, miny, maxy, adv;
    if (TTF_GlyphMetrics32(t, cp, &minx, &maxx, &miny, &maxy, &adv) != 0)
        return DC_E_OK; /* nothing to draw, no advance */
    g->adv = (int16_t)adv;
    /* The glyph's surface starts at the pen, or before it when the ink overhangs to the left. */
    g->xoff = (int16_t)(minx < 0 ? minx : 0);
    if (cp == ' ' || maxx <= minx)
        return DC_E_OK;
    SDL_Surface *s =
        TTF_RenderGlyph32_Shaded(t, cp, (SDL_Color){0, 0, 0, 255}, (SDL_Color){255, 255, 255, 255});
    if (!s)
        return DC_E_FONT_MISSING;
    g->w = (int16_t)s->w;
    g->h = (int16_t)s->h;
    g->stride = (int16_t)((s->w + 7) / 8);
    g->bits = calloc((size_t)g->h, (size_t)g->stride);
    if (!g->bits) {
        SDL_FreeSurface(s);
        return DC_E_NOMEM;
    }
    for (int y = 0; y < s->h; y++) {
        const uint8_t *src = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
        uint8_t *row = g->bits + (size_t)y * (size_t)g->stride;
        for (int x = 0; x < s->w; x++) {
            if (src[x] >= 128)
                row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
        }
    }
    SDL_FreeSurface(s);
    return DC_E_OK;
}

/* The cached glyph of cp at px and bold, rendered on first use. */
static dc_err_t glyph(dc_font_t *f, int px, bool bold, uint32_t cp, const glyph_t **out)
{
    uint32_t h = (cp * 2654435761u) ^ ((uint32_t)px * 40503u) ^ (bold ? 0x9e37u : 0);
    for (uint32_t i = h & (GLYPHS - 1);; i = (i + 1) & (GLYPHS - 1)) {
        glyph_t *g = &f->glyphs[i];
        if (g->used && g->cp == cp && g->px == px && g->bold == bold) {
            *out = g;
            return DC_E_OK;
        }
        if (g->used)
            continue;
        TTF_Font *t;
        dc_err_t e = sized(f, px, bold, &t);
        if (e)
            return e;
        if (f->nglyphs >= GLYPHS * 3 / 4) {
            /* Full: start again (a different set of characters is in use). */
            glyphs_clear(f);
            return glyph(f, px, bold, cp, out);
        }
        memset(g, 0, sizeof *g);
        if ((e = render_glyph(t, cp, g))) {
            free(g->bits);
            memset(g, 0, sizeof *g);
            return e;
        }
        g->cp = cp;
        g->px = (int16_t)px;
        g->bold = bold;
        g->used = true;
        f->nglyphs++;
        *out = g;
        return DC_E_OK;
    }
}

/* The next code point of UTF-8 text (U+FFFD for a broken sequence); advances *p. */
static uint32_t next_cp(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    uint32_t cp = *s;
    int extra = cp < 0x80 ? 0 : cp < 0xc0 ? -1 : cp < 0xe0 ? 1 : cp < 0xf0 ? 2 : cp < 0xf8 ? 3 : -1;
    s++;
    if (extra < 0) {
        *p = (const char *)s;
        return 0xfffd;
    }
    if (extra)
        cp &= 0x3fu >> extra;
    for (int i = 0; i < extra; i++, s++) {
        if ((*s & 0xc0) != 0x80) {
            *p = (const char *)s;
            return 0xfffd;
        }
        cp = (cp << 6) | (*s & 0x3f);
    }
    *p = (const char *)s;
    return cp;
}

dc_err_t dc_font_metrics(dc_font_t *f, int px, bool bold, dc_font_metrics_t *out)
{
    TTF_Font *t;
    dc_err_t e = sized(f, px, bold, &t);
    if (e)
        return e;
    out->ascent = TTF_FontAscent(t);
    out->height = TTF_FontHeight(t);
    out->line_skip = TTF_FontLineSkip(t);
    return DC_E_OK;
}

dc_err_t dc_font_width(dc_font_t *f, int px, bool bold, const char *text, int *w)
{
    *w = 0;
    while (*text) {
        const glyph_t *g;
        dc_err_t e = glyph(f, px, bold, next_cp(&text), &g);
        if (e)
            return e;
        *w += g->adv;
    }
    return DC_E_OK;
}

dc_err_t dc_font_fit(dc_font_t *f, int px, bool bold, const char *text, int max_w, size_t *bytes)
{
    const char *p = text;
    int w = 0;
    *bytes = 0;
    while (*p) {
        const glyph_t *g;
        dc_err_t e = glyph(f, px, bold, next_cp(&p), &g);
        if (e)
            return e;
        if (w + g->adv > max_w)
            break;
        w += g->adv;
        *bytes = (size_t)(p - text);
    }
    return DC_E_OK;
}

/* OR a glyph's rows into the image with its left edge at x, top at y, clipped. */
static void blit(const glyph_t *g, uint8_t *bits, int stride, int w, int h, int x, int y)
{
    for (int gy = 0; gy < g->h; gy++) {
        int dy = y + gy;
        if (dy < 0 || dy >= h)
            continue;
        const uint8_t *src = g->bits + (size_t)gy * (size_t)g->stride;
        uint8_t *row = bits + (size_t)dy * (size_t)stride;
        if (x >= 0 && x + g->w <= w) {
            /* Whole bytes, shifted into place: the common case. */
            int shift = x & 7;
            uint8_t *d = row + (x >> 3);
            for (int i = 0; i < g->stride; i++) {
                if (!src[i])
                    continue;
                d[i] |= (uint8_t)(src[i] >> shift);
                if (shift && (x >> 3) + i + 1 < stride)
                    d[i + 1] |= (uint8_t)(src[i] << (8 - shift));
            }
            continue;
        }
        for (int gx = 0; gx < g->w; gx++) {
            int dx = x + gx;
            if (dx >= 0 && dx < w && (src[gx >> 3] & (0x80 >> (gx & 7))))
                row[dx >> 3] |= (uint8_t)(0x80 >> (dx & 7));
        }
    }
}

dc_err_t dc_font_draw(dc_font_t *f, int px, bool bold, const char *text, uint8_t *bits, int stride,
                      int w, int h, int x, int y, int *drawn_w)
{
    int pen = 0;
    if (drawn_w)
        *drawn_w = 0;
    while (*text) {
        const glyph_t *g;
        dc_err_t e = glyph(f, px, bold, next_cp(&text), &g);
        if (e)
            return e;
        if (g->bits)
            blit(g, bits, stride, w, h, x + pen + g->xoff, y);
        pen += g->adv;
    }
    if (drawn_w)
        *drawn_w = pen;
    return DC_E_OK;
}

bool dc_font_covers(dc_font_t *f, const char *text)
{
    TTF_Font *t;
    if (sized(f, 24, false, &t))
        return false;
    while (*text) {
        if (!TTF_GlyphIsProvided32(t, next_cp(&text)))
            return false;
    }
    return true;
}
