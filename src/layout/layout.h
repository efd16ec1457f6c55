/* layout.h: the laid-out document handed from the layout engine to the PDF backend.
 *
 * The layout turns a cmark tree into pages of positioned drawing operations (text runs, lines,
 * rectangles, the logo). Everything about where things go is decided here, from the font
 * metrics alone: the backend only draws, so this is what tests look at without making a PDF.
 * Coordinates are PostScript points from the TOP-left corner of the page (y grows downwards);
 * a text run's y is its baseline. */
#ifndef PBDOCS_LAYOUT_H
#define PBDOCS_LAYOUT_H
#include <stddef.h>

#include "core/diag.h"
#include "core/strbuf.h"
#include "layout/typeset.h"
#include "pdf/fonts.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_WIDTH MM(210.0)
#define PAGE_HEIGHT MM(297.0)

typedef enum pb_op_kind {
    OP_TEXT,   /* x, y: baseline start; text[0..len) UTF-8 in one face and size */
    OP_LINE,   /* from (x, y) to (x + w, y + h), stroked with line_width */
    OP_RECT,   /* top-left (x, y), size w x h, stroked with line_width */
    OP_IMAGE,  /* the logo: top-left (x, y), size w x h */
} pb_op_kind;

typedef struct pb_op {
    pb_op_kind kind;
    pb_face face;
    float size;         /* text: font size in points */
    float line_width;   /* lines and rectangles */
    double x, y, w, h;
    size_t text, len;   /* text: offset and length in pb_layout.text */
} pb_op;

typedef struct pb_page {
    size_t first, count;  /* its operations: ops[first .. first + count) */
} pb_page;

typedef struct pb_layout {
    pb_op *ops;
    size_t n_ops, cap_ops;
    pb_page *pages;
    size_t n_pages, cap_pages;
    strbuf text;          /* every text run's bytes */
    const char *logo_png; /* the logo file an OP_IMAGE draws (setup's pointer) */
} pb_layout;

/* Lays out markdown[0..len) (CommonMark + GitHub tables) for setup. Returns 0, or -1 with
 * problems in errs (a character the fonts cannot print, an address that does not fit the
 * window, an unreadable logo). The layout is filled in either way; free it with layout_free. */
int layout_markdown(const char *markdown, size_t len, const pb_doc_setup *setup,
                    const pb_fonts *fonts, pb_layout *out, diag_list *errs);
void layout_free(pb_layout *layout);

/* The text of an OP_TEXT, NUL-terminated copy into buf (for tests and debugging). */
const char *layout_op_text(const pb_layout *layout, const pb_op *op, char *buf, size_t size);

/* Width in points of UTF-8 text[0..len) in face at size (characters that cannot print count 0). */
double text_width(const pb_fonts *fonts, pb_face face, double size, const char *text, size_t len);
#endif
