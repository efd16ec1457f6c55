/* ttf_subset.h: a TrueType font cut down, per document, to the glyphs that document uses.
 *
 * libharu 2.3 embeds a subset of the font it is given, but to make it, it parses the whole font
 * and copies every table four bytes at a time through its streams; with ~400 glyphs that was a
 * third of the time of a one-page letter. So the backend hands libharu a font that already holds
 * only the document's glyphs (renumbered, .notdef first, accent components included), built
 * here from tables parsed once per process. libharu then does the PDF side as before. */
#ifndef PBDOCS_TTF_SUBSET_H
#define PBDOCS_TTF_SUBSET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "fonts/charset.h"

typedef struct ttf_face {
    const unsigned char *data;  /* the whole file (not owned) */
    size_t len;
    const unsigned char *head, *hhea, *maxp, *os2, *post, *glyf;
    size_t os2_len, glyf_len;
    unsigned num_glyphs;
    uint32_t *loca;             /* num_glyphs + 1 offsets into glyf */
    uint16_t *advance;          /* per glyph */
    int16_t *lsb;
    uint16_t *gid_of;           /* the (3,1) cmap, for code points below cp_limit */
    uint32_t cp_limit;          /* CHARSET_LIMIT for the letter faces; 0x10000 for a council's
                                   extra font (fonts/extra_font.h) */
    strbuf names;               /* the name records kept (copyright, family, style, full and
                                   PostScript names) as a finished name table */
} ttf_face;

/* Parses data[0..len) (kept by the caller for the face's life), mapping the code points below
 * cp_limit (at most 0x10000: the format 4 cmap). Returns NULL, or a static message saying what
 * is wrong with the font. */
const char *ttf_parse(ttf_face *face, const unsigned char *data, size_t len, uint32_t cp_limit);
void ttf_free(ttf_face *face);

/* Appends to out a complete TrueType font holding .notdef and the glyphs of cps[0..n)
 * (code points with a glyph in face; others are ignored). */
void ttf_subset(const ttf_face *face, const uint32_t *cps, size_t n, strbuf *out);
#endif
