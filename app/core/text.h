/* UTF-8 text for screens, paper and PDF alike: cutting to a size at a character boundary with a
 * visible mark, and where a line may break under the Japanese rules (kinsoku shori, JIS X 4051
 * in its simple form). Pure: the callers measure widths with their own fonts and ask here only
 * where a cut or a break may go. */
#ifndef DC_CORE_TEXT_H
#define DC_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The mark of a cut text: "…" (U+2026, 3 bytes). */
#define DC_TEXT_MARK "\xE2\x80\xA6"

/* Bytes of the UTF-8 character that starts with byte b (1 for a stray continuation byte). */
size_t dc_text_charlen(unsigned char b);
/* The longest prefix of s of at most max bytes that ends on a character boundary. */
size_t dc_text_prefix(const char *s, size_t max);

/* Drop a character left incomplete at the end of s (after snprintf cut it), so s stays text. */
void dc_text_trim_partial(char *s);

/* Copy src into dst[cap] for showing it: whole when it fits, else as many whole characters as
 * fit followed by "…", so a long title is shortened, never blank and never a broken character.
 * (A cap under 5 bytes gets whole characters without the mark.) True when src fitted whole.
 * For data that is stored, use dc_copy (core/model.h), which refuses instead. */
bool dc_text_fit(char *dst, size_t cap, const char *src);

/* Whether a line of s may break before byte i (0 < i < strlen(s), on a character boundary):
 * - at a space, or just after one;
 * - never inside a run of Latin letters, digits and ASCII punctuation (a word, a code, a date);
 * - between other characters (kana, kanji) anywhere, except before a character that must not
 *   start a line (、。，．・：；！？ closing brackets 」』）】〕〉》］｝ ー 々 ゝゞヽヾ … ‥ 〜
 *   and small kana ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ, or their ASCII forms) and
 *   after one that must not end it (opening brackets 「『（【〔〈《［｛ and ASCII ( [ {). */
bool dc_text_break_ok(const char *s, size_t i);

/* Where the line that starts at s ends, given that its first fit bytes fit in the width (a
 * character boundary, as the caller measured): fit itself when the rest of s (or a line break)
 * starts there, else the last space when that leaves the line at least a third full (names,
 * places and counts have spaces between their parts), else the last place dc_text_break_ok
 * allows at or before fit, else fit (a word
 * wider than the line is cut), and at least one character when fit is 0 (none before a line
 * break). The next line starts
 * there, after any spaces (dc_text_skip_spaces). */
size_t dc_text_line_end(const char *s, size_t fit);
/* s past its leading spaces and at most one line break. */
const char *dc_text_skip_spaces(const char *s);

#endif
