/* font_program.h: the font programs embedded in the PDFs, made once per glyph set and kept.
 *
 * Every PDF embeds, for each face it prints in, a TrueType subset holding the glyphs it uses
 * (ttf_subset.h), deflated. Making and deflating that subset was most of a letter's cost, yet
 * the letters of one run use nearly the same glyphs. A face's basic set (glyph_set_widen) is
 * widened so that it rarely differs between letters; the accented letters of names, which do,
 * go in a second, small program (and Greek, Cyrillic, Vietnamese in a third, from the face's
 * second subset: font_program_get's face is then FACE_EXT(face)). The deflated program is kept per glyph set and shared by every
 * letter that uses that set; what a PDF embeds depends only on its own text, never on which
 * letters came before, so output stays byte-identical whatever the order or number of jobs. */
#ifndef PBDOCS_FONT_PROGRAM_H
#define PBDOCS_FONT_PROGRAM_H
#include <stddef.h>
#include <stdint.h>

#include "fonts/charset.h"
#include "fonts/ttf_subset.h"

typedef struct pb_fonts pb_fonts;
typedef struct font_cache font_cache;

/* One face's glyph set: a bit per code point below CHARSET_LIMIT. */
typedef struct glyph_set {
    uint8_t bits[CHARSET_LIMIT / 8];
} glyph_set;

/* A deflated TrueType font program, as a FontFile2 stream holds it. */
typedef struct font_program {
    unsigned char *deflated;  /* the caller's, to free */
    size_t deflated_len;
    size_t length1;           /* its length before deflating: FontFile2's /Length1 */
} font_program;

/* NULL only when its lock cannot be made. */
font_cache *font_cache_new(void);
void font_cache_free(font_cache *cache);

/* Widens a basic set (ASCII and WinAnsi's symbols) to what the face's embedded program will
 * hold: all of printable ASCII when the set has half of it already, else all ten digits when it
 * has one; and all of £ € – — ‘ ’ “ ” • … when it has one of them. */
void glyph_set_widen(glyph_set *set);

/* A copy of the program for face (a font file index, fonts.h: FACE_EXT for the second subset)
 * holding the glyphs of set, from the fonts' cache, or made now
 * and kept. Thread-safe. Returns 0, or -1 when deflating fails (never: core/deflate.h sizes
 * the output; running out of memory aborts, see core/xalloc.h). */
int font_program_get(const pb_fonts *fonts, int face, const glyph_set *set, font_program *out);

/* The program of face holding the glyphs of cps[0..n) (ascending), made now and not kept: for a
 * council's extra font (fonts/extra_font.h), whose characters few letters use. Thread-safe as
 * face is only read. Returns 0, or -1 as font_program_get. */
int font_program_make(const ttf_face *face, const uint32_t *cps, size_t n, font_program *out);
#endif
