/* blocks.c: items and blocks. Every block becomes items of a fixed height (lines, gaps, box
 * edges, page breaks) with their drawing operations staged relative to the item's top, and the
 * keep rules of its kind: orphans and widows, headings kept with what follows, short quotes kept
 * whole. Tables are in table.c. */
#include "layout/layout_internal.h"

#include <cmark-gfm.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

size_t lay_add_item(lay *L, item_kind kind, double h)
{
    L->items = xgrow(L->items, &L->cap_items, L->n_items + 1, sizeof *L->items);
    size_t i = L->n_items++;
    L->items[i] = (item){kind, h, L->n_staged, 0, i, -1, false, 0, 0};
    if ((kind == IT_LINE || kind == IT_BOX_BEGIN) && L->pending_keep >= 0) {
        L->items[L->pending_keep].keep_until = i;
        L->pending_keep = -1;
    }
    return i;
}

static pb_op *stage_op(lay *L, size_t item_index)
{
    L->staged = xgrow(L->staged, &L->cap_staged, L->n_staged + 1, sizeof *L->staged);
    pb_op *op = &L->staged[L->n_staged++];
    memset(op, 0, sizeof *op);
    L->items[item_index].op_count++;
    return op;
}

static void stage_text(lay *L, size_t it, pb_face face, double size, double x, double y,
                       const char *s, size_t len)
{
    pb_op *op = stage_op(L, it);
    op->kind = LAYOUT_OP_TEXT;
    op->face = face;
    op->size = (float)size;
    op->x = x;
    op->y = y;
    op->text = L->out->text.len;
    op->len = len;
    op->elem = L->elem;
    sb_append(&L->out->text, s, len);
}

void lay_stage_line(lay *L, size_t it, double x, double y, double dx, double dy, double lw)
{
    pb_op *op = stage_op(L, it);
    op->kind = LAYOUT_OP_LINE;
    op->x = x;
    op->y = y;
    op->w = dx;
    op->h = dy;
    op->line_width = (float)lw;
}

/* The baseline of a line of type at size in a line box of height h. */
double lay_baseline_in(const lay *L, double size, double h)
{
    double asc = L->fonts->ascent * size / 1000.0, desc = -L->fonts->descent * size / 1000.0;
    return (h - (asc + desc)) / 2 + asc;
}

/* Stages the text of chars[sp] as runs of one face and one element each, starting at x on
 * baseline y; a line that ended at a space gets it back at its end (invisible, but it keeps
 * the last word apart from the next line's first in extracted text). */
void lay_stage_span(lay *L, size_t it, const span *sp, double x, double y, double size)
{
    size_t i = sp->start;
    pb_op *op = NULL;
    while (i < sp->end) {
        int face = L->chars[i].face;
        uint32_t tag = L->chars[i].tag;
        size_t j = i;
        double w = 0;
        size_t mark = L->out->text.len;
        while (j < sp->end && L->chars[j].face == face && L->chars[j].tag == tag) {
            uint32_t cp = L->chars[j].cp;
            utf8_put(&L->out->text, cp == 0xA0 ? ' ' : cp);  /* no-break space prints as one */
            w += L->chars[j].w;
            j++;
        }
        uint32_t elem = lay_tag_elem(L, tag);
        op = stage_op(L, it);
        op->kind = LAYOUT_OP_TEXT;
        op->face = (pb_face)face;
        op->size = (float)size;
        op->x = x;
        op->y = y;
        op->text = mark;
        op->len = L->out->text.len - mark;
        op->elem = elem;
        op->joined = i > sp->start && L->chars[i - 1].face == face;
        x += w;
        i = j;
    }
    if (op && sp->space_after) {
        sb_putc(&L->out->text, ' ');
        op->len++;
    }
}

static void attach_marker(lay *L, size_t it, double baseline)
{
    if (!L->mark.pending)
        return;
    L->mark.pending = false;
    size_t n = strlen(L->mark.text);
    double w = layout_text_width(L->fonts, FACE_REGULAR, L->mark.size, L->mark.text, n);
    uint32_t in = L->elem;
    L->elem = L->mark.elem;
    stage_text(L, it, FACE_REGULAR, L->mark.size, L->mark.right - w, baseline, L->mark.text, n);
    L->elem = in;
}

/* Lays chars[from..to) out as lines in the column, one item per line, with orphan and widow
 * control (never one line of a paragraph alone at the top or bottom of a page). */
static void emit_paragraph(lay *L, size_t from, size_t to, const block_ctx *c, double size,
                           double line_h, bool pre)
{
    lay_break_lines(L, from, to, c->w, pre);
    size_t first = L->n_items, n = L->n_spans;
    double base = lay_baseline_in(L, size, line_h);
    for (size_t k = 0; k < n; k++) {
        size_t it = lay_add_item(L, IT_LINE, line_h);
        attach_marker(L, it, base);
        lay_stage_span(L, it, &L->spans[k], c->x, base, size);
    }
    if (n >= 2 && n <= 3)
        L->items[first].keep_until = first + n - 1;
    else if (n >= 4) {
        L->items[first].keep_until = first + 1;
        L->items[first + n - 2].keep_until = first + n - 1;
    }
}

static bool is_type(cmark_node *n, const char *name)
{
    const char *t = cmark_node_get_type_string(n);
    return t && strcmp(t, name) == 0;
}

static void build_blocks(lay *L, cmark_node *first, const block_ctx *c, bool tight);

static double para_gap(double base) { return 0.6 * base * LINE_HEIGHT; }

static double heading_size(int level, double base)
{
    return level <= 1 ? base * 1.5 : level == 2 ? base * 1.25 : base * 1.1;
}

static void build_paragraph(lay *L, cmark_node *n, const block_ctx *c, int face, double size,
                            double line_h)
{
    L->n_chars = 0;
    collect_mode m = {.size = size, .line = cmark_node_get_start_line(n)};
    lay_collect_inlines(L, n, face, &m);
    while (L->n_chars && (L->chars[L->n_chars - 1].cp == ' ' || L->chars[L->n_chars - 1].cp == '\n'))
        L->n_chars--;
    emit_paragraph(L, 0, L->n_chars, c, size, line_h, false);
}

static void build_literal(lay *L, const char *text, int line, const block_ctx *c)
{
    uint32_t in = lay_elem_open(L, ROLE_P);
    L->n_chars = 0;
    collect_mode m = {.pre = true, .size = c->base, .line = line};
    size_t len = text ? strlen(text) : 0;
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    lay_add_text(L, text ? text : "", len, FACE_REGULAR, &m);
    emit_paragraph(L, 0, L->n_chars, c, c->base, c->base * LINE_HEIGHT, true);
    lay_elem_close(L, in);
}

static void build_heading(lay *L, cmark_node *n, const block_ctx *c)
{
    double size = heading_size(cmark_node_get_heading_level(n), c->base);
    size_t first = L->n_items;
    uint32_t in = lay_elem_open(L, lay_heading_role(L, cmark_node_get_heading_level(n)));
    build_paragraph(L, n, c, FACE_BOLD, size, size * HEADING_LINE_HEIGHT);
    lay_elem_close(L, in);
    if (L->n_items > first) {
        L->items[first].keep_until = L->n_items - 1;  /* a heading's lines stay together */
        L->pending_keep = (long)first;                /* ... and with what follows */
    }
}

static void build_list(lay *L, cmark_node *list, const block_ctx *c)
{
    bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    bool tight = cmark_node_get_list_tight(list) != 0;
    int number = cmark_node_get_list_start(list);
    double indent = 1.6 * c->base;
    bool nested = c->list_depth > 0;
    block_ctx inner = {c->x + indent, c->w - indent, c->base, c->list_depth + 1, c->depth + 1};
    bool first = true;
    uint32_t outside = lay_elem_open(L, ROLE_L);
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), number++) {
        if (!first)
            lay_add_item(L, IT_GAP, tight ? 0.25 * c->base : para_gap(c->base));
        first = false;
        uint32_t in_list = lay_elem_open(L, ROLE_LI);
        L->mark.elem = lay_elem_new(L, ROLE_LBL);
        lay_elem_open(L, ROLE_LBODY);
        L->mark.pending = true;
        L->mark.size = c->base;
        if (ordered) {
            char delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
            snprintf(L->mark.text, sizeof L->mark.text, "%d%c", number, delim);
            L->mark.right = inner.x - 0.4 * c->base;
        } else {
            /* bullet, then an en dash for the second level */
            snprintf(L->mark.text, sizeof L->mark.text, "%s", nested ? "\xE2\x80\x93" : "\xE2\x80\xA2");
            L->mark.right = inner.x - 0.6 * c->base;
        }
        build_blocks(L, cmark_node_first_child(it), &inner, tight);
        if (L->mark.pending) {  /* an empty item still shows its marker */
            size_t li = lay_add_item(L, IT_LINE, c->base * LINE_HEIGHT);
            attach_marker(L, li, lay_baseline_in(L, c->base, c->base * LINE_HEIGHT));
        }
        lay_elem_close(L, in_list);
    }
    lay_elem_close(L, outside);
}

static void build_quote(lay *L, cmark_node *q, const block_ctx *c)
{
    double pad = 0.7 * c->base;
    uint32_t outside = lay_elem_open(L, ROLE_BLOCKQUOTE);
    size_t begin = lay_add_item(L, IT_BOX_BEGIN, pad);
    L->items[begin].box_x = c->x;
    L->items[begin].box_w = c->w;
    block_ctx inner = {c->x + pad, c->w - 2 * pad, c->base, c->list_depth, c->depth + 1};
    build_blocks(L, cmark_node_first_child(q), &inner, false);
    size_t end = lay_add_item(L, IT_BOX_END, pad);
    lay_elem_close(L, outside);
    double h = 0;
    for (size_t i = begin; i <= end; i++)
        h += L->items[i].h;
    /* a panel short enough stays whole; a long one at least keeps its first lines with its top */
    if (h <= 0.4 * (PAGE_HEIGHT - TOP_MARGIN - MM(25)))
        L->items[begin].keep_until = end;
    else if (L->items[begin].keep_until == begin && begin + 1 < end)
        L->items[begin].keep_until = begin + 1;
}

/* The space between two neighbouring blocks (none around a forced page break). */
void lay_add_gap_between(lay *L, cmark_node *prev, cmark_node *n, const block_ctx *c, bool tight)
{
    if (!prev || cmark_node_get_type(n) == CMARK_NODE_THEMATIC_BREAK ||
        cmark_node_get_type(prev) == CMARK_NODE_THEMATIC_BREAK)
        return;
    /* a paragraph that introduces a list or a table ("The reasons are:") stays with its start */
    cmark_node_type next = cmark_node_get_type(n);
    if (cmark_node_get_type(prev) == CMARK_NODE_PARAGRAPH && L->n_items &&
        (next == CMARK_NODE_LIST || is_type(n, "table")))
        L->pending_keep = (long)L->n_items - 1;
    double gap;
    if (cmark_node_get_type(prev) == CMARK_NODE_HEADING)
        gap = 0.3 * c->base;
    else if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
        gap = c->base * LINE_HEIGHT;
    else
        gap = tight ? 0.25 * c->base : para_gap(c->base);
    lay_add_item(L, IT_GAP, gap);
}

void lay_build_block(lay *L, cmark_node *n, const block_ctx *c, bool tight)
{
    if (c->depth >= LAYOUT_MAX_BLOCK_DEPTH && cmark_node_first_child(n) &&
        cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH && cmark_node_get_type(n) != CMARK_NODE_HEADING) {
        uint32_t in = lay_elem_open(L, ROLE_P);
        L->n_chars = 0;
        collect_mode m = {.size = c->base, .line = cmark_node_get_start_line(n)};
        lay_collect_flat(L, n, FACE_REGULAR, &m);
        while (L->n_chars && (L->chars[L->n_chars - 1].cp == ' ' || L->chars[L->n_chars - 1].cp == '\n'))
            L->n_chars--;
        emit_paragraph(L, 0, L->n_chars, c, c->base, c->base * LINE_HEIGHT, false);
        lay_elem_close(L, in);
        return;
    }
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH: {
        uint32_t in = lay_elem_open(L, ROLE_P);
        build_paragraph(L, n, c, FACE_REGULAR, c->base, c->base * LINE_HEIGHT);
        lay_elem_close(L, in);
        break;
    }
    case CMARK_NODE_HEADING:
        build_heading(L, n, c);
        break;
    case CMARK_NODE_LIST:
        build_list(L, n, c);
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        build_quote(L, n, c);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        lay_add_item(L, IT_BREAK, 0);
        break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
        build_literal(L, cmark_node_get_literal(n), cmark_node_get_start_line(n), c);
        break;
    default:
        if (is_type(n, "table"))
            lay_build_table(L, n, c);
        else if (cmark_node_first_child(n))
            build_blocks(L, cmark_node_first_child(n), c, tight);
        else
            build_literal(L, cmark_node_get_literal(n), cmark_node_get_start_line(n), c);
        break;
    }
}

static void build_blocks(lay *L, cmark_node *first, const block_ctx *c, bool tight)
{
    cmark_node *prev = NULL;
    for (cmark_node *n = first; n; n = cmark_node_next(n)) {
        lay_add_gap_between(L, prev, n, c, tight);
        lay_build_block(L, n, c, tight);
        prev = n;
    }
}
