/* fonts.h: the four Liberation Sans faces, located once per process, with the metrics the layout
 * needs (advance widths per character, ascent, descent) read once and kept. Each face is two
 * files: its basic subset and its second (Greek, Cyrillic, Vietnamese, more Latin: charset.h),
 * so that a letter using none of the second keeps the exact bytes it had before it existed.
 *
 * fonts/ is the font code below both case checking and the layout: which characters print
 * (charset.h), the four faces and their metrics (here), and the per-document subsets the PDF
 * embeds (ttf_subset.h, font_program.h). It does not use libharu: what only libharu can say
 * (its glyph names, the widths it writes) is read or checked by pdf/pdf_fonts.h.
 *
 * libharu cannot share a loaded font between documents, so everything a PDF needs of a face is
 * read once per process: the files and their tables here (fonts_load_face), then, by libharu
 * itself, the widths, the descriptor's metrics and the check that every printable character has
 * a glyph in every face (fonts_open() in pdf/pdf_fonts.h, which everyone outside pdf/ calls);
 * the embedded subsets are kept as they are made (font_program.h). A pb_fonts is read-only once
 * open, but for that cache behind its lock, and may be used by several threads at once. */
#ifndef PBDOCS_FONTS_H
#define PBDOCS_FONTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "fonts/charset.h"
#include "fonts/font_program.h"
#include "fonts/ttf_subset.h"

typedef enum pb_face {
    FACE_REGULAR,
    FACE_BOLD,
    FACE_ITALIC,
    FACE_BOLD_ITALIC,
    FACE_COUNT
} pb_face;

/* Each face is two files: its basic subset, and from FACE_EXT(face) its second subset, the
 * characters of charset_is_ext() (Greek, Cyrillic, Vietnamese, more Latin). */
#define FACE_FILES (2 * FACE_COUNT)
#define FACE_EXT(face) ((int)(face) + FACE_COUNT)

#define FACE_BOLD_BIT 1   /* FACE_BOLD = REGULAR | BOLD_BIT, BOLD_ITALIC = all bits */
#define FACE_ITALIC_BIT 2

typedef struct pb_fonts pb_fonts;
/* One font file, read once. */
typedef struct pb_font_file {
    char *path;
    unsigned char *bytes;
    size_t len;
} pb_font_file;

/* What a PDF's font dictionary and font descriptor say of a face, as libharu reads them from
 * the whole face (the PDF backend writes them without loading the font again). */
typedef struct pb_face_info {
    char name[128];        /* libharu's name for the face, e.g. "LiberationSans-Bold,Bold" */
    int ascent, descent, cap_height, x_height, italic_angle, stemv, missing_width;
    unsigned flags;
    float bbox[4];         /* left, bottom, right, top */
} pb_face_info;

struct pb_fonts {
    pb_font_file file[FACE_FILES];            /* by face, then FACE_EXT(face) */
    ttf_face ttf[FACE_FILES];                 /* its tables, parsed once for ttf_subset() */
    pb_face_info info[FACE_FILES];
    uint16_t advance[FACE_COUNT][CHARSET_LIMIT]; /* 1/1000 em, as libharu writes /Widths */
    int ascent, descent;                      /* 1/1000 em of the regular face; descent < 0 */
    font_cache *cache;                        /* the embedded programs made so far: the one
                                                 part that changes, behind its own lock */
};

/* For fonts_open() in pdf/pdf_fonts.h, which measures each face once it is loaded: fonts_new
 * makes an empty set (NULL and a diag when its cache's lock cannot be made); fonts_load_face
 * reads and parses file index (0 .. FACE_FILES-1) of DIR, false with a diag when it is missing,
 * unreadable or not a font this code can subset. */
pb_fonts *fonts_new(const char *dir, diag_list *errs);
bool fonts_load_face(pb_fonts *fonts, const char *dir, int index, diag_list *errs);
void fonts_close(pb_fonts *fonts);

/* Reads the whole file at path into *bytes (malloc'd, or NULL) and its length into *len (0 when
 * it is missing, empty or unreadable). */
void font_file_read(const char *path, unsigned char **bytes, size_t *len);

/* Advance width of cp in face, in 1/1000 em (0 for a code point that cannot print). */
static inline int font_advance(const pb_fonts *f, pb_face face, uint32_t cp)
{
    return cp < CHARSET_LIMIT ? f->advance[face][cp] : 0;
}

/* The file name of file index inside the fonts folder, e.g. "LiberationSans-Bold.ttf", or
 * "LiberationSans-Bold-Ext.ttf" for FACE_EXT(FACE_BOLD). */
const char *font_file_name(int index);
#endif
