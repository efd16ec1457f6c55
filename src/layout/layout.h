/* layout.h: the laid-out document handed from the layout engine to the PDF backend.
 *
 * The layout turns a cmark tree into pages of positioned drawing operations (text runs, lines,
 * rectangles, the logo). Everything about where things go is decided here, from the font
 * metrics alone: the backend only draws, so this is what tests look at without making a PDF.
 * Coordinates are PostScript points from the TOP-left corner of the page (y grows downwards);
 * a text run's y is its baseline.
 *
 * layout/ depends on fonts/ for metrics and on nothing above it; the PDF backend (pdf/) and the
 * Markdown-to-PDF entry point (typeset/) read what it makes. Laying out is reentrant: each call
 * owns its state, and the fonts are only read. */
#ifndef PBDOCS_LAYOUT_H
#define PBDOCS_LAYOUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/strbuf.h"
#include "fonts/extra_font.h"
#include "fonts/fonts.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_WIDTH MM(210.0)
#define PAGE_HEIGHT MM(297.0)

typedef struct pb_window {
    double left_mm, top_mm, width_mm, height_mm;
} pb_window;

/* Limits (see README): a document that would pass one is refused with a diag, never cut. Tables
 * are counted before cmark-gfm parses them (it pads every row to the header's width). */
#define MAX_PAGES 200            /* pages in one document */
#define MAX_TABLE_COLUMNS 12     /* columns in one table: more cannot be read on A4 */
#define MAX_TABLE_CELLS 20000    /* cells in all the tables of one document */

/* GOV.UK Notify letter geometry. */
#define PB_WINDOW_DEFAULT ((pb_window){24.6, 39.5, 95.4, 26.8})

/* What kind of document to make, and what goes in it besides the Markdown. */
typedef struct pb_doc_setup {
    bool letter;                /* letters have a window address; Section J has none */
    bool large_print;           /* 16 pt body and everything reflowed, else 12 pt */
    pb_window window;           /* where the address goes (letters only) */
    const char *title;          /* PDF document info */
    const char *author;         /* the council */
    const char *subject;
    pb_date issued;             /* the PDF creation date: the document's issue date */
    const char *running_header; /* printed small at the top of pages 2..N (NULL: none) */
    const char *logo_png;       /* council logo file (8-bit PNG), or NULL */
    const char *case_id;        /* named in problems (NULL: none) */
    const char *source;         /* the case file, named in problems (NULL: none) */
    bool no_page_numbers;       /* no "Page N of M" (a print stream's cover page) */
    const pb_extra_font *extra_font; /* the council's font for characters the faces lack, in
                                        every face (fonts/extra_font.h), or NULL */
} pb_doc_setup;

typedef enum pb_op_kind {
    LAYOUT_OP_TEXT,   /* x, y: baseline start; text[0..len) UTF-8 in one face and size */
    LAYOUT_OP_LINE,   /* from (x, y) to (x + w, y + h), stroked with line_width */
    LAYOUT_OP_RECT,   /* top-left (x, y), size w x h, stroked with line_width */
    LAYOUT_OP_IMAGE,  /* the logo: top-left (x, y), size w x h */
} pb_op_kind;

typedef struct pb_op {
    pb_op_kind kind;
    pb_face face;
    float size;         /* text: font size in points */
    float line_width;   /* lines and rectangles */
    bool joined;        /* text: goes on from the end of the run before it, in the same face
                           (only the structure element changed): drawn without moving there */
    uint32_t elem;      /* the structure element it is part of (pb_layout.elems); 0: an artifact
                           (rules, running header, page numbers, a repeated table header) */
    double x, y, w, h;
    size_t text, len;   /* text: offset and length in pb_layout.text */
} pb_op;

/* Structure for tagged PDF: the role of each part of the document, in reading order, so a
 * screen reader can read it (the layout records roles; pdf/ writes the tags). Roles are the
 * standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
typedef enum pb_role {
    ROLE_DOCUMENT, ROLE_PART, ROLE_DIV, ROLE_P,
    ROLE_H1, ROLE_H2, ROLE_H3, ROLE_H4, ROLE_H5, ROLE_H6,
    ROLE_L, ROLE_LI, ROLE_LBL, ROLE_LBODY,
    ROLE_TABLE, ROLE_TR, ROLE_TH, ROLE_TD,
    ROLE_BLOCKQUOTE, ROLE_FIGURE,
    ROLE_LINK, ROLE_STRONG, ROLE_EM,  /* inline, inside a block's element; Strong and Em are
                                         PDF 2.0's, role-mapped to Span for PDF 1.7 */
    ROLE_COUNT
} pb_role;

/* One structure element. Elements are made in reading order, a parent before its children;
 * elems[0] is the document's root, which holds no content itself (so an op's elem 0 means an
 * artifact). An element's content is its ops in layout order: one element may have content on
 * several pages (a paragraph or a table broken across a page end). */
typedef struct pb_elem {
    pb_role role;
    uint32_t parent;     /* index in elems (the root: 0) */
    bool row_scope;      /* TH: heads its row (else its column) */
    size_t alt, alt_len; /* Figure: its text alternative in pb_layout.text; Link: its URI
                            (http:, https: or mailto: only, printable ASCII) */
} pb_elem;

typedef struct pb_page {
    size_t first, count;  /* its operations: ops[first .. first + count) */
} pb_page;

typedef struct pb_layout {
    pb_op *ops;
    size_t n_ops, cap_ops;
    pb_page *pages;
    size_t n_pages, cap_pages;
    strbuf text;          /* every text run's bytes */
    pb_elem *elems;       /* the structure tree (elems[0] the root), in reading order */
    size_t n_elems, cap_elems;
    const char *logo_png; /* the logo file a LAYOUT_OP_IMAGE draws (setup's pointer) */
    const pb_extra_font *extra; /* setup's extra font when a text run uses it, else NULL */
} pb_layout;

/* Lays out markdown[0..len) (CommonMark + GitHub tables) for setup. Returns 0, or -1 with
 * problems in errs (a character the fonts cannot print, an address that does not fit the
 * window, an unreadable logo). The layout is filled in either way; free it with layout_free. */
int layout_markdown(const char *markdown, size_t len, const pb_doc_setup *setup,
                    const pb_fonts *fonts, pb_layout *out, diag_list *errs);
void layout_free(pb_layout *layout);

/* Appends src's structure elements to dst's (making dst's root, a Document, when it has none):
 * src's root becomes a Part under dst's root, and its text alternatives are taken from dst's
 * text at base_text on. Returns the index src's elements start at in dst: add it to the elem
 * of each of src's ops that is not 0 (a print stream's letters). */
uint32_t layout_append_elems(pb_layout *dst, const pb_layout *src, size_t base_text);

/* The text of a LAYOUT_OP_TEXT, NUL-terminated copy into buf (for tests and debugging). */
const char *layout_op_text(const pb_layout *layout, const pb_op *op, char *buf, size_t size);

/* Width in points of UTF-8 text[0..len) in face at size (characters that cannot print count 0). */
double layout_text_width(const pb_fonts *fonts, pb_face face, double size, const char *text,
                         size_t len);
#endif
