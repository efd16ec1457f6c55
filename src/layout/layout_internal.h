/* layout_internal.h: what the files of the layout share (private to src/layout/).
 *
 * The layout is cmark tree -> lines -> pages, in two passes. The builder walks the blocks and
 * turns each into "items" that are a fixed height whatever page they land on: one line of a
 * paragraph, one table row, a gap, the top or bottom edge of a quote box, a forced page break.
 * Line breaking happens there (it depends only on the width). Each item may ask to be kept on
 * one page with the items after it (keep_until): that one mechanism gives orphan and widow
 * control, headings kept with what follows, signature blocks kept whole and table headers kept
 * with a row. The paginator then places items down the pages, repeats a table's header row
 * after a break, draws quote boxes piece by piece, and finally adds the running header and
 * "Page N of M" (the page count is known by then). The letter furniture (letterhead, window
 * address, logo) is placed on page 1 before the flow starts.
 *
 *   text.c      a block's characters (runs of one face) and line breaking
 *   blocks.c    items and their staged drawing operations; paragraphs, headings, lists, quotes
 *   table.c     tables: column widths, rows, keep rules
 *   paginate.c  items placed down the pages; keep groups; operations grouped by page
 *   letter.c    page furniture: logo, letterhead, window address, running header, page numbers
 *   limits.c    tables counted in the Markdown before cmark-gfm parses it
 *   structure.c the structure elements (roles for tagged PDF) the blocks open as they are built
 *   layout.c    the driver: regions, the passes in order, the public entry points
 *
 * One lay belongs to one layout_markdown call (one thread); the fonts are only read. */
#ifndef PBDOCS_LAYOUT_INTERNAL_H
#define PBDOCS_LAYOUT_INTERNAL_H
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout/layout.h"

/* ---- geometry (points unless said) ---- */
#define LINE_HEIGHT 1.4            /* body line height, times the font size */
#define HEADING_LINE_HEIGHT 1.25
#define CELL_LINE_HEIGHT 1.25
#define ADDRESS_LINE_HEIGHT 1.2
#define RIGHT_MARGIN MM(20)
#define PLAIN_LEFT_MARGIN MM(25)   /* Section J and other non-letters */
#define TOP_MARGIN MM(25)          /* pages after the first, and page 1 of a non-letter */
#define LETTER_BODY_TOP MM(95)     /* GOV.UK Notify: the body starts 95 mm from the top */
#define LETTERHEAD_LEFT MM(125)    /* Notify's contact block */
#define FURNITURE_TOP MM(12)
#define FURNITURE_GAP MM(6)
#define FOOTER_BASELINE (PAGE_HEIGHT - MM(12))
#define HEADER_BASELINE MM(13)
#define LOGO_MAX_W MM(60)
#define LOGO_MAX_H MM(22)

enum { MAX_CHAR_DIAGS = 8 };

typedef struct chr {
    uint32_t cp;   /* ' ' = break opportunity, '\n' = hard line break */
    uint8_t face;
    float w;       /* advance in points */
    uint32_t tag;  /* the inline element (Strong, Em, Link) it is in: lay.tags[tag - 1]; 0: none */
} chr;

typedef struct span {
    size_t start, end;  /* chars[start..end) printed on one line (no trailing spaces) */
    double width;
    bool space_after;   /* the line ended at a space or a hard break: an invisible space is
                           printed after it, so extracted text does not glue two words */
} span;

typedef enum item_kind { IT_LINE, IT_GAP, IT_BREAK, IT_BOX_BEGIN, IT_BOX_END } item_kind;

typedef struct item {
    item_kind kind;
    double h;
    size_t op_first, op_count;  /* staged ops, y relative to the item's top */
    size_t keep_until;          /* keep items [this .. keep_until] on one page when possible */
    long header;                /* table body row: index of its table's header row, else -1 */
    bool is_header;             /* a table's header row */
    double box_x, box_w;        /* IT_BOX_BEGIN */
} item;

typedef struct block_ctx {
    double x, w;     /* the column */
    double base;     /* body size for this flow */
    int list_depth;
    int depth;       /* block nesting: lists and quotes */
} block_ctx;

/* Deeper than this, blocks are printed as plain lines (their text, never dropped) without more
 * indentation or recursion: officers' Markdown could nest quotes thousands deep. */
#define LAYOUT_MAX_BLOCK_DEPTH 12
#define MAX_INLINE_NESTING 64

typedef struct marker {
    bool pending;
    char text[16];
    double right;    /* x where the marker ends */
    double size;
    uint32_t elem;   /* its structure element (the list item's Lbl) */
} marker;

/* An inline element (Strong, Em, Link) as collected: its element is made when its first
 * character is staged, as a child of the element open then (or of its parent's), so inline
 * elements come in reading order even where a block collects before it opens its own element
 * (a table collects every cell first). */
typedef struct inline_tag {
    pb_role role;
    uint32_t parent;     /* its enclosing inline tag (0: none) */
    size_t uri, uri_len; /* Link: its URI in pb_layout.text */
    uint32_t elem;       /* its element once made (0: not yet) */
} inline_tag;

typedef struct lay {
    const pb_fonts *fonts;
    const pb_doc_setup *setup;
    diag_list *errs;
    pb_layout *out;
    bool failed;
    unsigned char_diags;
    double base;             /* body font size */
    double left, width;      /* body column */

    chr *chars;
    size_t n_chars, cap_chars;
    span *spans;
    size_t n_spans, cap_spans;
    inline_tag *tags;        /* every inline element collected in the document */
    size_t n_tags, cap_tags;

    item *items;
    size_t n_items, cap_items;
    pb_op *staged;
    size_t n_staged, cap_staged;
    long pending_keep;       /* a heading's first line, waiting for the next content item */
    marker mark;
    uint32_t elem;           /* the structure element open now: text staged goes in it */
    int heading_level;       /* the last heading's tagged level (H1.. without skipping one) */
    bool address_in_body;    /* large print: the window took the address smaller than the body,
                                so it is repeated at the body size at the top of the body */
    size_t tail_from;        /* first item of the block before the signature (0: none) */
    size_t last_page_first;  /* lay_paginate: the first item with content on the last page */
    double last_page_fill;   /* lay_paginate: the height used on the last page */

    /* placed ops before they are grouped by page */
    struct placed {
        pb_op op;
        size_t page;
    } *placed;
    size_t n_placed, cap_placed;
} lay;

/* How a block's characters are collected. */
typedef struct collect_mode {
    bool pre;        /* keep spaces and line ends as written (code, raw HTML) */
    bool lines;      /* every line end is a hard break (the address) */
    bool plain;      /* one face whatever the emphasis (the address) */
    double size;
    int line;        /* Markdown line, for messages */
    int depth;       /* inline nesting (emphasis in emphasis...) */
    uint32_t tag;    /* the inline element being collected (0: none) */
    bool in_link;    /* inside a Markdown link: no address found in its text is linked again */
} collect_mode;

/* text.c: characters into L->chars ('\n' = hard line break), and lines into L->spans. */
void lay_add_char(lay *L, uint32_t cp, int face, const collect_mode *m);
/* layout_text_width, counting the characters of the setup's extra font too. */
double lay_text_width(const lay *L, pb_face face, double size, const char *text, size_t len);
void lay_add_text(lay *L, const char *s, size_t len, int face, const collect_mode *m);
void lay_add_cstr(lay *L, const char *s, int face, const collect_mode *m);
void lay_collect_inlines(lay *L, cmark_node *parent, int face, collect_mode *m);
void lay_collect_flat(lay *L, cmark_node *node, int face, collect_mode *m);
void lay_break_lines(lay *L, size_t from, size_t to, double width, bool pre);

/* blocks.c: items, the drawing operations staged on them, and the blocks. */
size_t lay_add_item(lay *L, item_kind kind, double h);
void lay_stage_line(lay *L, size_t it, double x, double y, double dx, double dy, double lw);
void lay_stage_span(lay *L, size_t it, const span *sp, double x, double y, double size);
double lay_baseline_in(const lay *L, double size, double h);
void lay_build_block(lay *L, cmark_node *n, const block_ctx *c, bool tight);
void lay_add_gap_between(lay *L, cmark_node *prev, cmark_node *n, const block_ctx *c, bool tight);

/* table.c */
void lay_build_table(lay *L, cmark_node *table, const block_ctx *c);

/* paginate.c: operations placed on pages. */
void lay_place_op(lay *L, size_t page, const pb_op *op, double dy);
void lay_place_item(lay *L, size_t page, const item *it, double y);
void lay_place_text(lay *L, size_t page, pb_face face, double size, double x, double y,
                    const char *s);
size_t lay_paginate(lay *L, double first_top, double next_top, double bottom);
void lay_group_by_page(lay *L, size_t pages);

/* letter.c: page furniture. */
double lay_place_logo(lay *L, double max_h);
double lay_place_letterhead(lay *L, cmark_node **nodes, size_t n);
double lay_place_address(lay *L, cmark_node **nodes, size_t n, double *box_bottom);
double lay_header_lines(lay *L, double size, size_t page, bool draw);
void lay_add_page_furniture(lay *L, size_t pages, double header, double small);

/* structure.c: elements made as children of the one open (L->elem), in reading order.
 * lay_elem_open makes one and opens it, returning the element open before, which
 * lay_elem_close reopens. */
uint32_t lay_elem_new(lay *L, pb_role role);
uint32_t lay_elem_open(lay *L, pb_role role);
void lay_elem_close(lay *L, uint32_t previous);
pb_role lay_heading_role(lay *L, int markdown_level);
/* A new inline tag inside parent (0: none), with uri[0..uri_len) for a Link; returns it. */
uint32_t lay_tag_new(lay *L, pb_role role, uint32_t parent, const char *uri, size_t uri_len);
/* The element text of tag goes in (tag 0: the one open), made on first use. */
uint32_t lay_tag_elem(lay *L, uint32_t tag);

/* links.c: web and email addresses in text. */
/* The URI a Markdown link's address url[0..len) may be linked to: true for http:, https: and
 * mailto: addresses of printable ASCII; anything else (javascript:, a relative path) is not. */
bool lay_uri_ok(const char *url, size_t len);
/* Adds text s[0..len) like lay_add_text, each web address (https://, http://, www.) or email
 * address in it in a Link of its own (unless m->in_link or m->plain). */
void lay_add_text_linked(lay *L, const char *s, size_t len, int face, collect_mode *m);

/* limits.c */
bool lay_tables_too_big(lay *L, const char *md, size_t len);
#endif
