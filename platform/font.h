/* Where the Japanese font is: DAICHO_FONT, else IPAex Gothic (fonts-ipaexfont-gothic, covers
 * JIS X 0213: 髙, 﨑), else Noto Sans CJK (face 0 is Japanese). Shared by screens and paper. */
#ifndef DC_PLATFORM_FONT_H
#define DC_PLATFORM_FONT_H

/* The path of the first font file that exists, or NULL when none does. */
const char *dc_font_path(void);

#endif
