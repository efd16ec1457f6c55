/* fonts.h: the four Liberation Sans faces, located once per process, with the metrics the layout
 * needs (advance widths per character, ascent, descent) read once and kept.
 *
 * libharu cannot share a loaded font between documents, so the PDF backend loads the font file
 * again for every document; everything that can be computed once (widths, the check that every
 * printable character has a glyph in every face) is done here, in fonts_open(). */
#ifndef PBDOCS_FONTS_H
#define PBDOCS_FONTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "pdf/charset.h"
#include "pdf/ttf_subset.h"

typedef enum pb_face {
    FACE_REGULAR,
    FACE_BOLD,
    FACE_ITALIC,
    FACE_BOLD_ITALIC,
    FACE_COUNT
} pb_face;

#define FACE_BOLD_BIT 1   /* FACE_BOLD = REGULAR | BOLD_BIT, BOLD_ITALIC = all bits */
#define FACE_ITALIC_BIT 2

typedef struct pb_fonts pb_fonts;
/* One font file, read once. */
typedef struct pb_font_file {
    char *path;
    unsigned char *bytes;
    size_t len;
} pb_font_file;

struct pb_fonts {
    pb_font_file file[FACE_COUNT];
    ttf_face ttf[FACE_COUNT];                 /* its tables, parsed once for ttf_subset() */
    uint16_t advance[FACE_COUNT][CHARSET_LIMIT]; /* 1/1000 em, as libharu writes /Widths */
    int ascent, descent;                      /* 1/1000 em of the regular face; descent < 0 */
};

/* Opens DIR/LiberationSans-{Regular,Bold,Italic,BoldItalic}.ttf. Returns NULL and adds a diag
 * when a face is missing, unreadable, or lacks a glyph for a printable character. */
pb_fonts *fonts_open(const char *dir, diag_list *errs);
void fonts_close(pb_fonts *fonts);

/* Advance width of cp in face, in 1/1000 em (0 for a code point that cannot print). */
static inline int font_advance(const pb_fonts *f, pb_face face, uint32_t cp)
{
    return cp < CHARSET_LIMIT ? f->advance[face][cp] : 0;
}

/* The file name of a face inside the fonts folder, e.g. "LiberationSans-Bold.ttf". */
const char *font_file_name(pb_face face);
#endif
