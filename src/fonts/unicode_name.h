/* unicode_name.h: what a refusal says of a character the letter fonts cannot show: its Unicode
 * name and what to do instead.
 *
 * The names come from Debian's unicode-data, read at build time (src/fonts/unicode-names) for
 * the blocks people are likely to type; CJK ideographs and Hangul syllables are named by rule.
 * Constant tables only: thread-safe. */
#ifndef PBDOCS_UNICODE_NAME_H
#define PBDOCS_UNICODE_NAME_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/* The Unicode name of cp ("ARABIC LETTER ALEF", "CJK UNIFIED IDEOGRAPH-6F22"), written into
 * buf when made by rule; NULL when the table does not have it. */
const char *unicode_name(uint32_t cp, char buf[40]);

/* True for a character of a script the letters cannot print because it needs shaping or runs
 * right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, the Indic and South-East Asian scripts). */
int unicode_needs_shaping(uint32_t cp);

/* Appends to out the words of a refusal for cp, a character the letter fonts cannot show (not
 * a control character), to follow "contains ": the character itself (unless invisible), U+ and
 * its name, and what to do, e.g. "“ا” (U+0627 ARABIC LETTER ALEF), which the letter fonts
 * cannot show: its script needs ...; write it in Latin letters (a transliteration)". */
void unicode_refusal(uint32_t cp, strbuf *out);

/* The same for a case of a council whose profile names an extra font (fonts/extra_font.h),
 * named font (its file name): has_glyph says the font has the character, yet the letters
 * cannot print it (a shaping script, a mark or format character); else neither face has it,
 * and the words say a font that has it may be named in the profile. */
void unicode_refusal_extra(uint32_t cp, const char *font, bool has_glyph, strbuf *out);
#endif
