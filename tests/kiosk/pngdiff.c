/* pngdiff A.png B.png [max_percent]: exit 0 when the two images have the same size and at most
 * max_percent (default 0.5) of their pixels differ by more than 48 in some channel; prints the
 * share that differs. Font hinting and antialiasing may move a few edge pixels; a layout change
 * moves many. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pngdiff A.png B.png [max_percent]\n");
        return 2;
    }
    double max = argc > 3 ? strtod(argv[3], NULL) : 0.5;
    SDL_Surface *a0 = IMG_Load(argv[1]), *b0 = IMG_Load(argv[2]);
    if (!a0 || !b0) {
        fprintf(stderr, "pngdiff: cannot read %s\n", !a0 ? argv[1] : argv[2]);
        return 2;
    }
    SDL_Surface *a = SDL_ConvertSurfaceFormat(a0, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(b0, SDL_PIXELFORMAT_RGBA32, 0);
    int rc = 1;
    if (a->w != b->w || a->h != b->h) {
        printf("size differs: %dx%d vs %dx%d\n", a->w, a->h, b->w, b->h);
        goto out;
    }
    long differ = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch;
        const Uint8 *pb = (const Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w * 4; x += 4) {
            for (int c = 0; c < 3; c++) {
                if (abs(pa[x + c] - pb[x + c]) > 48) {
                    differ++;
                    break;
                }
            }
        }
    }
    double pct = 100.0 * (double)differ / ((double)a->w * a->h);
    printf("%.3f%% of pixels differ\n", pct);
    rc = pct <= max ? 0 : 1;
out:
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(a0);
    SDL_FreeSurface(b0);
    return rc;
}
