/* layout.c: cmark tree -> lines -> pages.
 *
 * Two passes. The builder walks the blocks and turns each into "items" that are a fixed height
 * whatever page they land on: one line of a paragraph, one table row, a gap, the top or bottom
 * edge of a quote box, a forced page break. Line breaking happens here (it depends only on the
 * width). Each item may ask to be kept on one page with the items after it (keep_until): that
 * one mechanism gives orphan and widow control, headings kept with what follows, signature
 * blocks kept whole and table headers kept with a row.
 *
 * The paginator then places items down the pages, repeats a table's header row after a break,
 * draws quote boxes piece by piece, and finally adds the running header and "Page N of M"
 * (the page count is known by then). The letter furniture (letterhead, window address, logo)
 * is placed on page 1 before the flow starts. */
#include "layout/layout.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
} chr;

typedef struct span {
    size_t start, end;  /* chars[start..end) printed on one line (no trailing spaces) */
    double width;
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
#define MAX_NESTING 12
#define MAX_INLINE_NESTING 64

typedef struct marker {
    bool pending;
    char text[16];
    double right;    /* x where the marker ends */
    double size;
} marker;

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

    item *items;
    size_t n_items, cap_items;
    pb_op *staged;
    size_t n_staged, cap_staged;
    long pending_keep;       /* a heading's first line, waiting for the next content item */
    marker mark;

    /* placed ops before they are grouped by page */
    struct placed {
        pb_op op;
        size_t page;
    } *placed;
    size_t n_placed, cap_placed;
} lay;

/* ---- small helpers ---- */

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * elem);
    if (!q)
        abort();  /* as strbuf does: nothing useful to do without memory */
    *cap = n;
    return q;
}

static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned c = s[0];
    size_t n;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2;
        v = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        v = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        v = c & 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n > len) {
        *cp = 0xFFFD;
        return len;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return i;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

static void utf8_put(strbuf *sb, uint32_t cp)
{
    char b[4];
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
        return;
    }
    size_t n;
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_append(sb, b, n);
}

double text_width(const pb_fonts *fonts, pb_face face, double size, const char *text, size_t len)
{
    int units = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        units += font_advance(fonts, face, cp);
    }
    return units * size / 1000.0;
}

const char *layout_op_text(const pb_layout *layout, const pb_op *op, char *buf, size_t size)
{
    size_t n = op->kind == OP_TEXT ? op->len : 0;
    if (n >= size)
        n = size - 1;
    memcpy(buf, sb_str(&layout->text) + (op->kind == OP_TEXT ? op->text : 0), n);
    buf[n] = '\0';
    return buf;
}

/* ---- collecting a block's characters ---- */

typedef struct collect_mode {
    bool pre;        /* keep spaces and line ends as written (code, raw HTML) */
    bool lines;      /* every line end is a hard break (the address) */
    bool plain;      /* one face whatever the emphasis (the address) */
    double size;
    int line;        /* Markdown line, for messages */
    int depth;       /* inline nesting (emphasis in emphasis...) */
} collect_mode;

/* Adds one character; '\n' is a hard line break. */
static void add_char(lay *L, uint32_t cp, int face, const collect_mode *m)
{
    if (cp == 0xAD)  /* soft hyphen: invisible unless a line breaks there; we never break there */
        return;
    if (cp == '\r')
        return;
    if (cp == '\t')
        cp = ' ';
    if (cp == ' ' && !m->pre) {
        /* collapse runs of spaces, and drop spaces at the start of a line */
        if (L->n_chars == 0 || L->chars[L->n_chars - 1].cp == ' ' || L->chars[L->n_chars - 1].cp == '\n')
            return;
    }
    if (cp == '\n' && !m->pre) {
        while (L->n_chars && L->chars[L->n_chars - 1].cp == ' ')
            L->n_chars--;
    }
    if (cp != ' ' && cp != '\n' && cp != 0xA0 && !charset_has_glyph(cp)) {
        L->failed = true;
        if (L->char_diags++ < MAX_CHAR_DIAGS) {
            const pb_doc_setup *s = L->setup;
            diag_add(L->errs, s->source, m->line, 0, s->case_id, NULL,
                     "character U+%04X cannot be printed by the letter fonts (Markdown line %d)",
                     (unsigned)cp, m->line);
        }
        return;
    }
    if (m->plain)
        face = FACE_REGULAR;
    L->chars = grow(L->chars, &L->cap_chars, L->n_chars + 1, sizeof *L->chars);
    int adv = cp == '\n' ? 0 : font_advance(L->fonts, (pb_face)face, cp);
    L->chars[L->n_chars++] = (chr){cp, (uint8_t)face, (float)(adv * m->size / 1000.0)};
}

static void add_text(lay *L, const char *s, size_t len, int face, const collect_mode *m)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(u + i, len - i, &cp);
        if (cp == '\n' && !m->pre && !m->lines)
            cp = ' ';  /* a line end inside text is a space; hard breaks come as nodes */
        add_char(L, cp, face, m);
    }
}

static void add_cstr(lay *L, const char *s, int face, const collect_mode *m)
{
    if (s)
        add_text(L, s, strlen(s), face, m);
}

static bool is_type(cmark_node *n, const char *name)
{
    const char *t = cmark_node_get_type_string(n);
    return t && strcmp(t, name) == 0;
}

/* Does chars[from..] spell exactly s? */
static bool chars_equal(const lay *L, size_t from, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, k = from;
    while (i < len) {
        uint32_t cp;
        i += utf8_decode(u + i, len - i, &cp);
        if (k >= L->n_chars || L->chars[k].cp != cp)
            return false;
        k++;
    }
    return k == L->n_chars;
}

/* Every piece of text under node, in order, without recursion; block ends become line breaks. */
static void collect_flat(lay *L, cmark_node *node, int face, collect_mode *m)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == node)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        bool leaf = !cmark_node_first_child(n);
        if (ev == CMARK_EVENT_ENTER && leaf) {
            if (t == CMARK_NODE_SOFTBREAK)
                add_char(L, ' ', face, m);
            else if (t == CMARK_NODE_LINEBREAK)
                add_char(L, '\n', face, m);
            else
                add_cstr(L, cmark_node_get_literal(n), face, m);
        }
        if ((ev == CMARK_EVENT_EXIT || leaf) &&
            (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_CODE_BLOCK ||
             t == CMARK_NODE_HTML_BLOCK))
            add_char(L, '\n', face, m);
    }
    cmark_iter_free(it);
}

static void collect_inlines(lay *L, cmark_node *parent, int face, collect_mode *m)
{
    if (m->depth >= MAX_INLINE_NESTING) {
        collect_flat(L, parent, face, m);
        return;
    }
    m->depth++;
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
            add_cstr(L, cmark_node_get_literal(n), face, m);
            break;
        case CMARK_NODE_SOFTBREAK:
            add_char(L, m->lines ? '\n' : ' ', face, m);
            break;
        case CMARK_NODE_LINEBREAK:
            add_char(L, '\n', face, m);
            break;
        case CMARK_NODE_EMPH:
            collect_inlines(L, n, face | FACE_ITALIC_BIT, m);
            break;
        case CMARK_NODE_STRONG:
            collect_inlines(L, n, face | FACE_BOLD_BIT, m);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
            /* printed as its text followed by the address, once when they are the same */
            size_t start = L->n_chars;
            collect_inlines(L, n, face, m);
            const char *url = cmark_node_get_url(n);
            if (url && *url && !chars_equal(L, start, url) &&
                !(strncmp(url, "mailto:", 7) == 0 && chars_equal(L, start, url + 7))) {
                add_cstr(L, L->n_chars > start ? " (" : "(", face, m);
                add_cstr(L, url, face, m);
                add_cstr(L, ")", face, m);
            }
            break;
        }
        default:
            /* anything else prints as its text, never dropped */
            if (cmark_node_first_child(n))
                collect_inlines(L, n, face, m);
            else
                add_cstr(L, cmark_node_get_literal(n), face, m);
            break;
        }
    }
    m->depth--;
}

/* ---- line breaking ---- */

static bool breaks_after(uint32_t cp)
{
    return cp == '/' || cp == '-' || cp == '.' || cp == '_' || cp == '?' || cp == '&' ||
           cp == '=' || cp == ',' || cp == ';' || cp == ':' || cp == 0x2013 || cp == 0x2014;
}

static bool is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0xC0;
}

static void add_span(lay *L, size_t start, size_t end)
{
    while (end > start && L->chars[end - 1].cp == ' ')
        end--;
    double w = 0;
    for (size_t i = start; i < end; i++)
        w += L->chars[i].w;
    L->spans = grow(L->spans, &L->cap_spans, L->n_spans + 1, sizeof *L->spans);
    L->spans[L->n_spans++] = (span){start, end, w};
}

/* Greedy, left aligned: breaks chars[from..to) into spans no wider than width. Breaks at spaces,
 * after a hyphen between letters, and inside an over-long word (a URL) where it must: after
 * punctuation if it can, else between any two characters. A word never overflows. */
static void break_lines(lay *L, size_t from, size_t to, double width, bool pre)
{
    L->n_spans = 0;
    size_t i = from;
    while (i < to) {
        if (!pre)
            while (i < to && L->chars[i].cp == ' ')
                i++;
        if (i >= to)
            break;
        size_t start = i;
        double w = 0;
        size_t brk = 0;  /* a good place to end the line: chars[start..brk) */
        size_t next = 0; /* where the following line starts */
        bool ended = false;
        for (; i < to; i++) {
            uint32_t cp = L->chars[i].cp;
            if (cp == '\n') {
                add_span(L, start, i);
                i++;
                ended = true;
                break;
            }
            if (cp == ' ') {
                if (i > start) {
                    brk = i;
                    next = i + 1;
                }
                w += L->chars[i].w;
                continue;
            }
            if (w + L->chars[i].w > width + 1e-6) {
                if (brk > start) {
                    add_span(L, start, brk);
                    i = next;
                } else {
                    /* one word wider than the line: break it where it hurts least */
                    size_t cut = i > start ? i : start + 1;
                    for (size_t k = i; k > start + 1; k--)
                        if (breaks_after(L->chars[k - 1].cp)) {
                            cut = k;
                            break;
                        }
                    add_span(L, start, cut);
                    i = cut;
                }
                ended = true;
                break;
            }
            w += L->chars[i].w;
            if (cp == '-' && i > start && i + 1 < to && is_letter(L->chars[i - 1].cp) &&
                is_letter(L->chars[i + 1].cp)) {
                brk = i + 1;
                next = i + 1;
            }
        }
        if (!ended)
            add_span(L, start, to);
    }
    /* an empty paragraph (or only a hard break) still takes its line */
    if (L->n_spans == 0 && to > from)
        add_span(L, from, from);
}

/* ---- items and staged ops ---- */

static size_t add_item(lay *L, item_kind kind, double h)
{
    L->items = grow(L->items, &L->cap_items, L->n_items + 1, sizeof *L->items);
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
    L->staged = grow(L->staged, &L->cap_staged, L->n_staged + 1, sizeof *L->staged);
    pb_op *op = &L->staged[L->n_staged++];
    memset(op, 0, sizeof *op);
    L->items[item_index].op_count++;
    return op;
}

static void stage_text(lay *L, size_t it, pb_face face, double size, double x, double y,
                       const char *s, size_t len)
{
    pb_op *op = stage_op(L, it);
    op->kind = OP_TEXT;
    op->face = face;
    op->size = (float)size;
    op->x = x;
    op->y = y;
    op->text = L->out->text.len;
    op->len = len;
    sb_append(&L->out->text, s, len);
}

static void stage_line(lay *L, size_t it, double x, double y, double dx, double dy, double lw)
{
    pb_op *op = stage_op(L, it);
    op->kind = OP_LINE;
    op->x = x;
    op->y = y;
    op->w = dx;
    op->h = dy;
    op->line_width = (float)lw;
}

/* The baseline of a line of type at size in a line box of height h. */
static double baseline_in(const lay *L, double size, double h)
{
    double asc = L->fonts->ascent * size / 1000.0, desc = -L->fonts->descent * size / 1000.0;
    return (h - (asc + desc)) / 2 + asc;
}

/* Stages the text of chars[sp] as runs of one face each, starting at x on baseline y. */
static void stage_span(lay *L, size_t it, const span *sp, double x, double y, double size)
{
    size_t i = sp->start;
    while (i < sp->end) {
        int face = L->chars[i].face;
        size_t j = i;
        double w = 0;
        size_t mark = L->out->text.len;
        while (j < sp->end && L->chars[j].face == face) {
            uint32_t cp = L->chars[j].cp;
            utf8_put(&L->out->text, cp == 0xA0 ? ' ' : cp);  /* no-break space prints as one */
            w += L->chars[j].w;
            j++;
        }
        pb_op *op = stage_op(L, it);
        op->kind = OP_TEXT;
        op->face = (pb_face)face;
        op->size = (float)size;
        op->x = x;
        op->y = y;
        op->text = mark;
        op->len = L->out->text.len - mark;
        x += w;
        i = j;
    }
}

static void attach_marker(lay *L, size_t it, double baseline)
{
    if (!L->mark.pending)
        return;
    L->mark.pending = false;
    size_t n = strlen(L->mark.text);
    double w = text_width(L->fonts, FACE_REGULAR, L->mark.size, L->mark.text, n);
    stage_text(L, it, FACE_REGULAR, L->mark.size, L->mark.right - w, baseline, L->mark.text, n);
}

/* Lays chars[from..to) out as lines in the column, one item per line, with orphan and widow
 * control (never one line of a paragraph alone at the top or bottom of a page). */
static void emit_paragraph(lay *L, size_t from, size_t to, const block_ctx *c, double size,
                           double line_h, bool pre)
{
    break_lines(L, from, to, c->w, pre);
    size_t first = L->n_items, n = L->n_spans;
    double base = baseline_in(L, size, line_h);
    for (size_t k = 0; k < n; k++) {
        size_t it = add_item(L, IT_LINE, line_h);
        attach_marker(L, it, base);
        stage_span(L, it, &L->spans[k], c->x, base, size);
    }
    if (n >= 2 && n <= 3)
        L->items[first].keep_until = first + n - 1;
    else if (n >= 4) {
        L->items[first].keep_until = first + 1;
        L->items[first + n - 2].keep_until = first + n - 1;
    }
}

/* ---- blocks ---- */

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
    collect_inlines(L, n, face, &m);
    while (L->n_chars && (L->chars[L->n_chars - 1].cp == ' ' || L->chars[L->n_chars - 1].cp == '\n'))
        L->n_chars--;
    emit_paragraph(L, 0, L->n_chars, c, size, line_h, false);
}

static void build_literal(lay *L, const char *text, int line, const block_ctx *c)
{
    L->n_chars = 0;
    collect_mode m = {.pre = true, .size = c->base, .line = line};
    size_t len = text ? strlen(text) : 0;
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    add_text(L, text ? text : "", len, FACE_REGULAR, &m);
    emit_paragraph(L, 0, L->n_chars, c, c->base, c->base * LINE_HEIGHT, true);
}

static void build_heading(lay *L, cmark_node *n, const block_ctx *c)
{
    double size = heading_size(cmark_node_get_heading_level(n), c->base);
    size_t first = L->n_items;
    build_paragraph(L, n, c, FACE_BOLD, size, size * HEADING_LINE_HEIGHT);
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
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), number++) {
        if (!first)
            add_item(L, IT_GAP, tight ? 0.25 * c->base : para_gap(c->base));
        first = false;
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
            size_t li = add_item(L, IT_LINE, c->base * LINE_HEIGHT);
            attach_marker(L, li, baseline_in(L, c->base, c->base * LINE_HEIGHT));
        }
    }
}

static void build_quote(lay *L, cmark_node *q, const block_ctx *c)
{
    double pad = 0.7 * c->base;
    size_t begin = add_item(L, IT_BOX_BEGIN, pad);
    L->items[begin].box_x = c->x;
    L->items[begin].box_w = c->w;
    block_ctx inner = {c->x + pad, c->w - 2 * pad, c->base, c->list_depth, c->depth + 1};
    build_blocks(L, cmark_node_first_child(q), &inner, false);
    size_t end = add_item(L, IT_BOX_END, pad);
    double h = 0;
    for (size_t i = begin; i <= end; i++)
        h += L->items[i].h;
    /* a panel short enough stays whole; a long one at least keeps its first lines with its top */
    if (h <= 0.4 * (PAGE_HEIGHT - TOP_MARGIN - MM(25)))
        L->items[begin].keep_until = end;
    else if (L->items[begin].keep_until == begin && begin + 1 < end)
        L->items[begin].keep_until = begin + 1;
}

/* ---- tables ---- */

typedef struct cell_text {
    size_t from, to;  /* its characters in L->chars */
} cell_text;

static void build_table(lay *L, cmark_node *table, const block_ctx *c)
{
    int ncols = cmark_gfm_extensions_get_table_columns(table);
    uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
    if (ncols <= 0)
        return;
    double size = c->base, pad_x = 0.4 * size, pad_y = 0.3 * size, line_h = size * CELL_LINE_HEIGHT;
    size_t nrows = 0;
    for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r))
        nrows++;
    cell_text *cells = calloc(nrows * (size_t)ncols, sizeof *cells);
    double *minw = calloc((size_t)ncols, sizeof *minw), *maxw = calloc((size_t)ncols, sizeof *maxw);
    double *colw = calloc((size_t)ncols, sizeof *colw);
    if (!cells || !minw || !maxw || !colw)
        abort();

    /* every cell's characters, collected once, all into L->chars */
    L->n_chars = 0;
    size_t r = 0;
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row), r++) {
        bool header = cmark_gfm_extensions_get_table_row_is_header(row);
        int col = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell && col < ncols;
             cell = cmark_node_next(cell), col++) {
            collect_mode m = {.size = size, .line = cmark_node_get_start_line(cell)};
            size_t from = L->n_chars;
            collect_inlines(L, cell, header ? FACE_BOLD : FACE_REGULAR, &m);
            while (L->n_chars > from && L->chars[L->n_chars - 1].cp == ' ')
                L->n_chars--;
            /* a separator so collapsing spaces never reaches into the previous cell */
            cells[r * (size_t)ncols + (size_t)col] = (cell_text){from, L->n_chars};
            L->chars = grow(L->chars, &L->cap_chars, L->n_chars + 1, sizeof *L->chars);
            L->chars[L->n_chars++] = (chr){'\n', 0, 0};
        }
    }
    /* column widths from content: the widest word is the least a column needs, the whole text
     * on one line the most it can use */
    for (size_t i = 0; i < nrows * (size_t)ncols; i++) {
        int col = (int)(i % (size_t)ncols);
        double line = 0, word = 0;
        for (size_t k = cells[i].from; k < cells[i].to; k++) {
            uint32_t cp = L->chars[k].cp;
            if (cp == ' ' || cp == '\n') {
                if (word > minw[col])
                    minw[col] = word;
                word = 0;
                if (cp == '\n') {
                    if (line > maxw[col])
                        maxw[col] = line;
                    line = 0;
                    continue;
                }
            } else
                word += L->chars[k].w;
            line += L->chars[k].w;
        }
        if (word > minw[col])
            minw[col] = word;
        if (line > maxw[col])
            maxw[col] = line;
    }
    double avail = c->w, sum_max = 0;
    for (int i = 0; i < ncols; i++) {
        minw[i] += 2 * pad_x + 0.01;
        maxw[i] += 2 * pad_x + 0.01;
        sum_max += maxw[i];
    }
    if (sum_max <= avail) {
        for (int i = 0; i < ncols; i++)  /* everything fits on one line: share out the spare room */
            colw[i] = maxw[i] + (avail - sum_max) * maxw[i] / sum_max;
    } else {
        /* a column whose text fits in its fair share gets all it wants; the others share the
         * rest, each at least its longest word when they can */
        bool *fixed = calloc((size_t)ncols, sizeof *fixed);
        if (!fixed)
            abort();
        double left = avail;
        int open = ncols;
        for (bool changed = true; changed && open > 0;) {
            changed = false;
            double fair = left / open;
            for (int i = 0; i < ncols; i++)
                if (!fixed[i] && maxw[i] <= fair) {
                    colw[i] = maxw[i];
                    left -= maxw[i];
                    fixed[i] = true;
                    open--;
                    changed = true;
                }
        }
        double open_min = 0, open_slack = 0;
        for (int i = 0; i < ncols; i++)
            if (!fixed[i]) {
                open_min += minw[i];
                open_slack += maxw[i] - minw[i];
            }
        for (int i = 0; i < ncols; i++) {
            if (fixed[i])
                continue;
            if (open_min >= left)  /* even the longest words do not fit: they will be broken */
                colw[i] = left * minw[i] / open_min;
            else
                colw[i] = minw[i] + (left - open_min) * (maxw[i] - minw[i]) / open_slack;
        }
        free(fixed);
    }

    long header_item = -1;
    size_t first_row_item = L->n_items;
    r = 0;
    size_t *span_first = calloc((size_t)ncols, sizeof *span_first);
    size_t *span_count = calloc((size_t)ncols, sizeof *span_count);
    span *all = NULL;
    size_t n_all = 0, cap_all = 0;
    if (!span_first || !span_count)
        abort();
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row), r++) {
        bool header = cmark_gfm_extensions_get_table_row_is_header(row);
        size_t most = 1;
        n_all = 0;
        for (int col = 0; col < ncols; col++) {
            cell_text ct = cells[r * (size_t)ncols + (size_t)col];
            break_lines(L, ct.from, ct.to, colw[col] - 2 * pad_x, false);
            span_first[col] = n_all;
            span_count[col] = L->n_spans;
            if (L->n_spans) {  /* an empty cell has none, and `all` may still be NULL */
                all = grow(all, &cap_all, n_all + L->n_spans, sizeof *all);
                memcpy(all + n_all, L->spans, L->n_spans * sizeof *all);
                n_all += L->n_spans;
            }
            if (L->n_spans > most)
                most = L->n_spans;
        }
        double h = most * line_h + 2 * pad_y;
        size_t it = add_item(L, IT_LINE, h);
        L->items[it].header = header ? -1 : header_item;
        L->items[it].is_header = header;
        if (header)
            header_item = (long)it;
        double x = c->x, base = baseline_in(L, size, line_h);
        for (int col = 0; col < ncols; col++) {
            for (size_t k = 0; k < span_count[col]; k++) {
                span *sp = &all[span_first[col] + k];
                double inner = colw[col] - 2 * pad_x, tx = x + pad_x;
                uint8_t a = align ? align[col] : 0;
                if (a == 'r')
                    tx += inner - sp->width;
                else if (a == 'c')
                    tx += (inner - sp->width) / 2;
                stage_span(L, it, sp, tx, pad_y + k * line_h + base, size);
            }
            x += colw[col];
        }
        /* rules: every row draws its own box, so a table broken across pages stays closed */
        double lw = 0.5;
        stage_line(L, it, c->x, 0, x - c->x, 0, header ? 1.0 : lw);
        stage_line(L, it, c->x, h, x - c->x, 0, header ? 1.0 : lw);
        double vx = c->x;
        for (int col = 0; col <= ncols; col++) {
            stage_line(L, it, vx, 0, 0, h, lw);
            if (col < ncols)
                vx += colw[col];
        }
    }
    size_t last = L->n_items - 1;
    double total = 0;
    for (size_t i = first_row_item; i <= last; i++)
        total += L->items[i].h;
    /* a short table stays whole; a long one never leaves its header alone at a page foot */
    if (total <= 0.3 * (PAGE_HEIGHT - TOP_MARGIN - MM(25)))
        L->items[first_row_item].keep_until = last;
    else if (first_row_item < last)
        L->items[first_row_item].keep_until = first_row_item + 1;
    free(all);
    free(span_first);
    free(span_count);
    free(cells);
    free(minw);
    free(maxw);
    free(colw);
}

/* The space between two neighbouring blocks (none around a forced page break). */
static void add_gap_between(lay *L, cmark_node *prev, cmark_node *n, const block_ctx *c, bool tight)
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
    add_item(L, IT_GAP, gap);
}

static void build_block(lay *L, cmark_node *n, const block_ctx *c, bool tight)
{
    if (c->depth >= MAX_NESTING && cmark_node_first_child(n) &&
        cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH && cmark_node_get_type(n) != CMARK_NODE_HEADING) {
        L->n_chars = 0;
        collect_mode m = {.size = c->base, .line = cmark_node_get_start_line(n)};
        collect_flat(L, n, FACE_REGULAR, &m);
        while (L->n_chars && (L->chars[L->n_chars - 1].cp == ' ' || L->chars[L->n_chars - 1].cp == '\n'))
            L->n_chars--;
        emit_paragraph(L, 0, L->n_chars, c, c->base, c->base * LINE_HEIGHT, false);
        return;
    }
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        build_paragraph(L, n, c, FACE_REGULAR, c->base, c->base * LINE_HEIGHT);
        break;
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
        add_item(L, IT_BREAK, 0);
        break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
        build_literal(L, cmark_node_get_literal(n), cmark_node_get_start_line(n), c);
        break;
    default:
        if (is_type(n, "table"))
            build_table(L, n, c);
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
        add_gap_between(L, prev, n, c, tight);
        build_block(L, n, c, tight);
        prev = n;
    }
}

/* ---- placing ---- */

static void place_op(lay *L, size_t page, const pb_op *op, double dy)
{
    L->placed = grow(L->placed, &L->cap_placed, L->n_placed + 1, sizeof *L->placed);
    struct placed *p = &L->placed[L->n_placed++];
    p->op = *op;
    p->op.y += dy;
    p->page = page;
}

static void place_item(lay *L, size_t page, const item *it, double y)
{
    for (size_t k = 0; k < it->op_count; k++)
        place_op(L, page, &L->staged[it->op_first + k], y);
}

static void place_text(lay *L, size_t page, pb_face face, double size, double x, double y,
                       const char *s)
{
    pb_op op = {.kind = OP_TEXT, .face = face, .size = (float)size, .x = x, .y = y,
                .text = L->out->text.len, .len = strlen(s)};
    sb_puts(&L->out->text, s);
    place_op(L, page, &op, 0);
}

typedef struct open_box {
    double x, w, y0;
    double pad;
} open_box;

typedef struct flow {
    size_t page;
    double y, top, bottom;
    bool has_content;
    open_box boxes[16];
    int n_boxes;
    long header_on_page;
} flow;

static void close_box_piece(lay *L, flow *f, const open_box *b, double y_end)
{
    pb_op op = {.kind = OP_RECT, .x = b->x, .y = b->y0, .w = b->w, .h = y_end - b->y0,
                .line_width = 1.0f};
    place_op(L, f->page, &op, 0);
}

static void new_page(lay *L, flow *f, double top_next)
{
    for (int i = 0; i < f->n_boxes && i < 16; i++)  /* each piece of a box is closed */
        close_box_piece(L, f, &f->boxes[i], f->y + f->boxes[i].pad);
    f->page++;
    f->top = top_next;
    f->y = top_next;
    for (int i = 0; i < f->n_boxes && i < 16; i++) {
        f->boxes[i].y0 = f->y;
        f->y += f->boxes[i].pad;
    }
    f->has_content = false;
    f->header_on_page = -1;
}

/* Where the group kept with each item ends: its keep_until, extended by the group of every item
 * inside it. Computed once, backwards, so a chain (headings, each kept with the next) costs
 * O(n), not O(n^2) as walking the chain from every item did. */
static size_t *keep_ends(const lay *L)
{
    size_t n = L->n_items;
    size_t *end = malloc((n ? n : 1) * sizeof *end);
    if (!end)
        abort();
    for (size_t i = n; i-- > 0;) {
        size_t k = L->items[i].keep_until < n ? L->items[i].keep_until : n - 1;
        size_t r = k > i ? k : i;
        for (size_t j = i + 1; j <= k; j++)
            if (end[j] > r)
                r = end[j];
        end[i] = r;
    }
    return end;
}

/* Places every item; returns the number of pages. */
static size_t paginate(lay *L, double first_top, double next_top, double bottom)
{
    flow f = {.page = 0, .y = first_top, .top = first_top, .bottom = bottom, .header_on_page = -1};
    double capacity = bottom - next_top;
    size_t *kept_to = keep_ends(L);
    double *above = malloc((L->n_items + 1) * sizeof *above); /* height of items [0, i) */
    if (!above)
        abort();
    above[0] = 0;
    for (size_t i = 0; i < L->n_items; i++)
        above[i + 1] = above[i] + L->items[i].h;
    for (size_t i = 0; i < L->n_items; i++) {
        item *it = &L->items[i];
        switch (it->kind) {
        case IT_GAP:
            if (f.has_content)
                f.y += it->h;
            break;
        case IT_BREAK:
            if (f.has_content)
                new_page(L, &f, next_top);
            break;
        case IT_BOX_END:
            if (f.n_boxes > 0) {
                f.n_boxes--;
                if (f.n_boxes < 16)
                    close_box_piece(L, &f, &f.boxes[f.n_boxes], f.y + it->h);
            }
            f.y += it->h;
            break;
        case IT_LINE:
        case IT_BOX_BEGIN: {
            double need = above[kept_to[i] + 1] - above[i];
            if (f.has_content && f.y + need > f.bottom + 1e-6 && need <= capacity)
                new_page(L, &f, next_top);
            else if (f.has_content && f.y + it->h > f.bottom + 1e-6)
                new_page(L, &f, next_top);
            if (it->kind == IT_LINE && it->header >= 0 && f.header_on_page != it->header) {
                const item *h = &L->items[it->header];
                place_item(L, f.page, h, f.y);
                f.y += h->h;
                f.header_on_page = it->header;
            }
            if (it->is_header)
                f.header_on_page = (long)i;
            if (it->kind == IT_BOX_BEGIN) {
                if (f.n_boxes < 16)
                    f.boxes[f.n_boxes] = (open_box){it->box_x, it->box_w, f.y, it->h};
                f.n_boxes++;
            }
            place_item(L, f.page, it, f.y);
            f.y += it->h;
            f.has_content = true;
            break;
        }
        }
    }
    free(kept_to);
    free(above);
    return f.page + 1;
}

/* ---- furniture ---- */

/* Reads width and height from a PNG's header; false with a diag when it is not a usable PNG. */
static bool png_size(lay *L, const char *path, double *w, double *h)
{
    unsigned char b[26];
    FILE *fp = fopen(path, "rb");
    size_t n = fp ? fread(b, 1, sizeof b, fp) : 0;
    if (fp)
        fclose(fp);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (!fp || n < sizeof b || memcmp(b, sig, 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0) {
        diag_add_class(L->errs, DIAG_TEMPLATE, path, 0, 0, L->setup->case_id, NULL,
                       "the logo is not a readable PNG file");
        return false;
    }
    uint32_t pw = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
    uint32_t ph = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 | (uint32_t)b[22] << 8 | b[23];
    if (b[24] == 16) {
        /* libharu 2.3 writes a wrong BitsPerComponent for 16-bit PNGs */
        diag_add_class(L->errs, DIAG_TEMPLATE, path, 0, 0, L->setup->case_id, NULL,
                       "the logo is a 16-bit PNG; save it with 8 bits per channel");
        return false;
    }
    if (!pw || !ph) {
        diag_add_class(L->errs, DIAG_TEMPLATE, path, 0, 0, L->setup->case_id, NULL,
                       "the logo PNG has no pixels");
        return false;
    }
    *w = pw;
    *h = ph;
    return true;
}

/* The logo, top left of page 1; returns its bottom edge (0 when none). */
static double place_logo(lay *L, double max_h)
{
    const char *path = L->setup->logo_png;
    double pw, ph;
    if (!path || !*path)
        return 0;
    if (!png_size(L, path, &pw, &ph)) {
        L->failed = true;
        return 0;
    }
    double scale = fmin(LOGO_MAX_W / pw, max_h / ph);
    pb_op op = {.kind = OP_IMAGE, .x = L->left, .y = FURNITURE_TOP, .w = pw * scale, .h = ph * scale};
    place_op(L, 0, &op, 0);
    L->out->logo_png = path;
    return FURNITURE_TOP + op.h;
}

/* Stacks items[from..] from y on page 1, with no page breaks; returns the bottom. */
static double place_static(lay *L, size_t from, double y)
{
    bool any = false;
    for (size_t i = from; i < L->n_items; i++) {
        const item *it = &L->items[i];
        if (it->kind == IT_GAP && !any)
            continue;
        place_item(L, 0, it, y);
        y += it->h;
        any = true;
    }
    return y;
}

static double place_letterhead(lay *L, cmark_node **nodes, size_t n)
{
    double size = fmin(L->base - 2, 12);  /* large print: 12 pt, so addresses fit the column */
    block_ctx c = {LETTERHEAD_LEFT, PAGE_WIDTH - RIGHT_MARGIN - LETTERHEAD_LEFT, size, 0, 0};
    size_t from = L->n_items, staged = L->n_staged;
    for (size_t i = 0; i < n; i++) {
        if (i)
            add_item(L, IT_GAP, 0.4 * size * LINE_HEIGHT);
        build_block(L, nodes[i], &c, false);
    }
    double bottom = place_static(L, from, FURNITURE_TOP);
    L->n_items = from;
    L->n_staged = staged;
    L->pending_keep = -1;
    return bottom;
}

/* The recipient's address in the envelope window: one line per line of the Markdown, 3 to 7
 * lines, at the largest size from 12 pt down to 8 pt at which it fits the box. */
static double place_address(lay *L, cmark_node **nodes, size_t n, double *box_bottom)
{
    pb_window w = L->setup->window;
    double bx = MM(w.left_mm), by = MM(w.top_mm), bw = MM(w.width_mm), bh = MM(w.height_mm);
    *box_bottom = by + bh;
    L->n_chars = 0;
    /* widths measured at 1000 pt, i.e. in 1/1000 em, then scaled for each candidate size */
    collect_mode m = {.lines = true, .plain = true, .size = 1000.0};
    for (size_t i = 0; i < n; i++) {
        m.line = cmark_node_get_start_line(nodes[i]);
        if (cmark_node_get_type(nodes[i]) == CMARK_NODE_PARAGRAPH)
            collect_inlines(L, nodes[i], FACE_REGULAR, &m);
        else
            add_cstr(L, cmark_node_get_literal(nodes[i]), FACE_REGULAR, &m);
        add_char(L, '\n', FACE_REGULAR, &m);
    }
    /* lines: [start, end) ranges of non-empty text */
    size_t starts[64], ends[64], lines = 0, total = 0, line_start = 0;
    double widest = 0;
    for (size_t i = 0; i <= L->n_chars; i++) {
        if (i == L->n_chars || L->chars[i].cp == '\n') {
            size_t a = line_start, b = i;
            while (a < b && L->chars[a].cp == ' ')
                a++;
            while (b > a && L->chars[b - 1].cp == ' ')
                b--;
            if (b > a) {
                total++;
                if (lines < 64) {
                    starts[lines] = a;
                    ends[lines] = b;
                    lines++;
                }
                double wsum = 0;
                for (size_t k = a; k < b; k++)
                    wsum += L->chars[k].w;
                if (wsum > widest)
                    widest = wsum;
            }
            line_start = i + 1;
        }
    }
    const pb_doc_setup *s = L->setup;
    if (total < 3 || total > 7) {
        diag_add(L->errs, s->source, 0, 0, s->case_id, "recipient/address",
                 "the address has %zu lines; the envelope window takes 3 to 7", total);
        L->failed = true;
        return by + bh;
    }
    double size = 0;
    for (double sz = 12; sz >= 8; sz -= 1)
        if (widest * sz / 1000.0 <= bw && total * sz * ADDRESS_LINE_HEIGHT <= bh + 1e-6) {
            size = sz;
            break;
        }
    if (size == 0) {
        diag_add(L->errs, s->source, 0, 0, s->case_id, "recipient/address",
                 "the address is too wide for the envelope window (%.0f mm wide, even at 8 pt)",
                 w.width_mm);
        L->failed = true;
        return by + bh;
    }
    double lh = size * ADDRESS_LINE_HEIGHT, base = baseline_in(L, size, lh);
    strbuf line = {0};
    for (size_t i = 0; i < lines; i++) {
        sb_reset(&line);
        for (size_t k = starts[i]; k < ends[i]; k++)
            utf8_put(&line, L->chars[k].cp);
        place_text(L, 0, FACE_REGULAR, size, bx, by + i * lh + base, sb_str(&line));
    }
    sb_free(&line);
    return by + lines * lh;
}

/* The running header (pages 2..N) and "Page N of M" (every page). Returns the height the
 * running header needs at the top of a page. */
static double header_lines(lay *L, double size, size_t page, bool draw)
{
    const char *h = L->setup->running_header;
    if (!h || !*h)
        return 0;
    /* one line if it can be, down to 8 pt; wrapped beyond that */
    double one_line = text_width(L->fonts, FACE_REGULAR, size, h, strlen(h));
    if (one_line > L->width)
        size = fmax(8, floor(size * L->width / one_line * 2) / 2);
    L->n_chars = 0;
    collect_mode m = {.size = size};
    add_cstr(L, h, FACE_REGULAR, &m);
    break_lines(L, 0, L->n_chars, L->width, false);
    double lh = size * 1.3;
    if (draw) {
        strbuf line = {0};
        for (size_t i = 0; i < L->n_spans; i++) {
            sb_reset(&line);
            for (size_t k = L->spans[i].start; k < L->spans[i].end; k++)
                utf8_put(&line, L->chars[k].cp);
            place_text(L, page, FACE_REGULAR, size, L->left, HEADER_BASELINE + i * lh, sb_str(&line));
        }
        sb_free(&line);
    }
    return HEADER_BASELINE + (L->n_spans ? L->n_spans - 1 : 0) * lh + size;
}

static void add_page_furniture(lay *L, size_t pages, double small)
{
    char buf[64];
    for (size_t p = 0; p < pages; p++) {
        if (p > 0)
            header_lines(L, small, p, true);
        if (L->setup->no_page_numbers)
            continue;
        snprintf(buf, sizeof buf, "Page %zu of %zu", p + 1, pages);
        double w = text_width(L->fonts, FACE_REGULAR, small, buf, strlen(buf));
        place_text(L, p, FACE_REGULAR, small, (PAGE_WIDTH - w) / 2, FOOTER_BASELINE, buf);
    }
}

/* ---- the document ---- */

typedef enum region { R_BODY, R_LETTERHEAD, R_ADDRESS, R_KEEP } region;

static region region_opened(cmark_node *n)
{
    if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
        return R_BODY;
    const char *lit = cmark_node_get_literal(n);
    if (!lit)
        return R_BODY;
    size_t len = strlen(lit);
    while (len && (lit[len - 1] == '\n' || lit[len - 1] == ' ' || lit[len - 1] == '\r'))
        len--;
    static const struct {
        const char *tag;
        region r;
    } tags[] = {
        {"<div class=\"pb-letterhead\">", R_LETTERHEAD},
        {"<div class=\"pb-address\">", R_ADDRESS},
        {"<div class=\"pb-keep\">", R_KEEP},
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (len == strlen(tags[i].tag) && memcmp(lit, tags[i].tag, len) == 0)
            return tags[i].r;
    return R_BODY;
}

static bool region_closed(cmark_node *n)
{
    if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
        return false;
    const char *lit = cmark_node_get_literal(n);
    size_t len = lit ? strlen(lit) : 0;
    while (len && (lit[len - 1] == '\n' || lit[len - 1] == ' ' || lit[len - 1] == '\r'))
        len--;
    return len == 6 && memcmp(lit, "</div>", 6) == 0;
}

static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;
static void register_extensions(void) { cmark_gfm_core_extensions_ensure_registered(); }

static int lay_out(lay *L, cmark_node *doc)
{
    const pb_doc_setup *s = L->setup;
    /* sort the top-level blocks into the furniture and the body */
    size_t n_top = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        n_top++;
    cmark_node **lh = calloc(n_top + 1, sizeof *lh), **addr = calloc(n_top + 1, sizeof *addr);
    cmark_node **body = calloc(n_top + 1, sizeof *body);
    int *keep_id = calloc(n_top + 1, sizeof *keep_id);
    if (!lh || !addr || !body || !keep_id)
        abort();
    size_t n_lh = 0, n_addr = 0, n_body = 0;
    region cur = R_BODY;
    int keep_count = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        region opened = region_opened(n);
        if (opened != R_BODY && cur == R_BODY) {
            cur = opened;
            if (cur == R_KEEP)
                keep_count++;
            continue;
        }
        if (cur != R_BODY && region_closed(n)) {
            cur = R_BODY;
            continue;
        }
        if (cur == R_LETTERHEAD)
            lh[n_lh++] = n;
        else if (cur == R_ADDRESS && s->letter)
            addr[n_addr++] = n;
        else {
            keep_id[n_body] = cur == R_KEEP ? keep_count : 0;
            body[n_body++] = n;
        }
    }

    /* page 1 furniture */
    double first_top = s->letter ? LETTER_BODY_TOP : TOP_MARGIN;
    double window_top = s->letter ? MM(s->window.top_mm) : MM(60);
    double logo_bottom = place_logo(L, fmin(LOGO_MAX_H, window_top - MM(2) - FURNITURE_TOP));
    if (logo_bottom > 0)
        first_top = fmax(first_top, logo_bottom + FURNITURE_GAP);
    if (n_lh)
        first_top = fmax(first_top, place_letterhead(L, lh, n_lh) + FURNITURE_GAP);
    if (s->letter && n_addr) {
        double box_bottom;
        double text_bottom = place_address(L, addr, n_addr, &box_bottom);
        first_top = fmax(first_top, fmax(box_bottom, text_bottom) + FURNITURE_GAP);
    }

    /* the body */
    block_ctx c = {L->left, L->width, L->base, 0, 0};
    cmark_node *prev = NULL;
    for (size_t i = 0; i < n_body; i++) {
        cmark_node *n = body[i];
        add_gap_between(L, prev, n, &c, false);
        size_t start = L->n_items;
        build_block(L, n, &c, false);
        /* a keep region: every block of it on one page */
        if (keep_id[i]) {
            size_t j = i;
            while (j + 1 < n_body && keep_id[j + 1] == keep_id[i]) {
                j++;
                add_gap_between(L, body[j - 1], body[j], &c, false);
                build_block(L, body[j], &c, false);
            }
            if (L->n_items > start && L->items[start].keep_until < L->n_items - 1)
                L->items[start].keep_until = L->n_items - 1;
            i = j;
            n = body[j];
        }
        prev = n;
    }

    double small = L->base - 2;
    double header_bottom = header_lines(L, small, 0, false);
    double next_top = fmax(TOP_MARGIN, header_bottom + MM(5));
    double bottom = FOOTER_BASELINE - small - MM(5);
    size_t pages = paginate(L, first_top, next_top, bottom);
    add_page_furniture(L, pages, small);

    free(lh);
    free(addr);
    free(body);
    free(keep_id);
    return (int)pages;
}

static void group_by_page(lay *L, size_t pages)
{
    pb_layout *out = L->out;
    out->pages = calloc(pages, sizeof *out->pages);
    out->ops = malloc((L->n_placed ? L->n_placed : 1) * sizeof *out->ops);
    if (!out->pages || !out->ops)
        abort();
    out->n_pages = out->cap_pages = pages;
    out->cap_ops = L->n_placed;
    for (size_t i = 0; i < L->n_placed; i++)
        out->pages[L->placed[i].page].count++;
    size_t at = 0;
    for (size_t p = 0; p < pages; p++) {
        out->pages[p].first = at;
        at += out->pages[p].count;
        out->pages[p].count = 0;
    }
    for (size_t i = 0; i < L->n_placed; i++) {
        pb_page *pg = &out->pages[L->placed[i].page];
        out->ops[pg->first + pg->count++] = L->placed[i].op;
    }
    out->n_ops = L->n_placed;
}

/* ---- limits ---- */

/* cmark-gfm 0.29.0.gfm.6 pads every row of a table with empty cells up to the header's width, so
 * a few bytes a row can ask for millions of cells (a 4,000-column header over 2,000 short rows:
 * 8 million nodes, 25 s, 3.6 GB). So before parsing, count what the tables could hold: a
 * delimiter row (after any quote markers and indentation: only '|', '-', ':' and blanks, with a
 * '|' and a '-') starts a table whose rows run to the next blank line (an overestimate, never
 * less than cmark-gfm will make). */
static bool tables_too_big(lay *L, const char *md, size_t len)
{
    const pb_doc_setup *s = L->setup;
    size_t cells = 0, cols = 0;
    int line = 0;
    for (const char *p = md, *end = md + len; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '>'))
            q++;
        size_t pipes = 0, segments = 0;
        bool delimiter = q < e, dash = false;
        for (const char *r = q; r < e && delimiter; r++) {
            if (*r == '|') {
                pipes++;
                segments += dash;
                dash = false;
            } else if (*r == '-') {
                dash = true;
            } else if (*r != ':' && *r != ' ' && *r != '\t' && *r != '\r') {
                delimiter = false;
            }
        }
        segments += dash;
        if (q == e || (q + 1 == e && *q == '\r')) {
            cols = 0;  /* a blank line ends a table */
        } else if (delimiter && pipes && segments) {
            if (segments > MAX_TABLE_COLUMNS) {
                diag_add(L->errs, s->source, 0, 0, s->case_id, NULL,
                         "a table has %zu columns (Markdown line %d); at most %d fit on a page",
                         segments, line + 1, MAX_TABLE_COLUMNS);
                return true;
            }
            cols = segments;
            cells += 2 * cols;
        } else {
            cells += cols;
        }
        if (cells > MAX_TABLE_CELLS) {
            diag_add(L->errs, s->source, 0, 0, s->case_id, NULL,
                     "the tables hold more than %d cells (Markdown line %d)", MAX_TABLE_CELLS,
                     line + 1);
            return true;
        }
        p = nl ? nl + 1 : end;
    }
    return false;
}

int layout_markdown(const char *markdown, size_t len, const pb_doc_setup *setup,
                    const pb_fonts *fonts, pb_layout *out, diag_list *errs)
{
    memset(out, 0, sizeof *out);
    lay L = {.fonts = fonts, .setup = setup, .errs = errs, .out = out, .pending_keep = -1};
    L.base = setup->large_print ? 16 : 12;
    double left = setup->letter ? fmin(fmax(setup->window.left_mm, 15), 35) : 25;
    L.left = setup->letter ? MM(left) : PLAIN_LEFT_MARGIN;
    L.width = PAGE_WIDTH - RIGHT_MARGIN - L.left;
    if (tables_too_big(&L, markdown, len))
        return -1;

    pthread_once(&extensions_once, register_extensions);
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (table)
        cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, markdown, len);
    cmark_node *doc = cmark_parser_finish(parser);

    size_t pages = (size_t)lay_out(&L, doc);
    group_by_page(&L, pages);
    if (pages > MAX_PAGES) {
        diag_add(errs, setup->source, 0, 0, setup->case_id, NULL,
                 "the document would have %zu pages; the limit is %d", pages, MAX_PAGES);
        L.failed = true;
    }

    cmark_node_free(doc);
    cmark_parser_free(parser);
    free(L.chars);
    free(L.spans);
    free(L.items);
    free(L.staged);
    free(L.placed);
    return L.failed ? -1 : 0;
}

void layout_free(pb_layout *layout)
{
    if (!layout)
        return;
    free(layout->ops);
    free(layout->pages);
    sb_free(&layout->text);
    memset(layout, 0, sizeof *layout);
}
