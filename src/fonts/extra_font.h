/* extra_font.h: a council's extra TrueType font, for the characters the letter faces lack.
 *
 * A council profile may name one font file (<extra-font>, contract section 4): the characters
 * it has that Liberation Sans does not (Armenian, Georgian, Ethiopic, Cherokee, ...) are then
 * accepted in that council's cases and printed from it, in every face: bold and italic text
 * use the same, regular, extra face (one file is all a profile names). Scripts that need
 * joining or right-to-left shaping stay refused even when the font has their glyphs
 * (unicode_needs_shaping: the letters draw one glyph per character, left to right), as do
 * combining marks and invisible format characters; so are characters beyond the Basic
 * Multilingual Plane (U+10000 on: the subsets' cmap is format 4).
 *
 * Opened once when its profile loads (case/council.c) and kept with it; read-only after
 * extra_font_open, so any thread may use it. Each PDF that prints one of its characters embeds
 * a subset of just those (font_program_make), in encodings whose glyphs are named uniXXXX, with
 * a /ToUnicode map (pdf/pdf_write.c). */
#ifndef PBDOCS_EXTRA_FONT_H
#define PBDOCS_EXTRA_FONT_H
#include <stdbool.h>
#include <stdint.h>

#include "core/diag.h"
#include "fonts/fonts.h"

#define EXTRA_FONT_LIMIT 0x10000u  /* its characters are below this */

typedef struct pb_extra_font {
    char *path;            /* as the profile resolved it */
    const char *file_name; /* its last part, for messages */
    unsigned char *bytes;
    size_t len;
    ttf_face ttf;
    pb_face_info info;     /* what the PDF's font descriptor says (1/1000 em) */
    unsigned units_per_em;
} pb_extra_font;

/* Reads and parses the TrueType file at path. NULL with a diag (class DIAG_ENV, naming
 * `profile`, the profile file, and the font path) when it is missing, unreadable or not a
 * TrueType font this code can subset (an OpenType CFF .otf, a collection .ttc). */
pb_extra_font *extra_font_open(const char *path, const char *profile, int line, diag_list *errs);
void extra_font_close(pb_extra_font *x);

/* True when x prints cp: it has a glyph for it, and cp is neither of a script that needs
 * shaping, nor a combining mark, format or control character, nor beyond the BMP. Callers ask
 * only for characters the letter faces cannot show (fonts_can_show false). x may be NULL. */
bool extra_font_has(const pb_extra_font *x, uint32_t cp);

/* True when x has a glyph for cp, printable or not (for a refusal's words). */
bool extra_font_has_glyph(const pb_extra_font *x, uint32_t cp);

/* The program (font_program.h) of the characters cp with used[cp] != 0 (cp below
 * EXTRA_FONT_LIMIT): made for each PDF, not kept. Returns 0, or -1 as font_program_make. */
int extra_font_program(const pb_extra_font *x, const uint8_t *used, font_program *out);

/* Advance width of cp in 1/1000 em, as a PDF's /Widths gives it (0 when it has none). */
int extra_font_advance(const pb_extra_font *x, uint32_t cp);
#endif
