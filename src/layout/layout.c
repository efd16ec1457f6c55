/* layout.c: the driver. Sorts the top-level blocks into the letter's regions (letterhead,
 * address, keep-together, body), places the furniture of page 1, builds the body's items,
 * paginates them and adds the page furniture. The passes are described in layout_internal.h. */
#include "layout/layout_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

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

/* The top-level blocks sorted into the letter's regions; body blocks of a keep region share a
 * keep_id above 0. */
typedef struct regions {
    cmark_node **lh, **addr, **body;
    int *keep_id;
    size_t n_lh, n_addr, n_body;
} regions;

static void sort_regions(const lay *L, cmark_node *doc, regions *r)
{
    size_t n_top = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        n_top++;
    r->lh = xcalloc(n_top + 1, sizeof *r->lh);
    r->addr = xcalloc(n_top + 1, sizeof *r->addr);
    r->body = xcalloc(n_top + 1, sizeof *r->body);
    r->keep_id = xcalloc(n_top + 1, sizeof *r->keep_id);
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
            r->lh[r->n_lh++] = n;
        else if (cur == R_ADDRESS && L->setup->letter)
            r->addr[r->n_addr++] = n;
        else {
            r->keep_id[r->n_body] = cur == R_KEEP ? keep_count : 0;
            r->body[r->n_body++] = n;
        }
    }
}

/* Places logo, letterhead and address on page 1; returns where the body starts there. */
static double place_first_page(lay *L, const regions *r)
{
    const pb_doc_setup *s = L->setup;
    double first_top = s->letter ? LETTER_BODY_TOP : TOP_MARGIN;
    double window_top = s->letter ? MM(s->window.top_mm) : MM(60);
    double logo_bottom = lay_place_logo(L, fmin(LOGO_MAX_H, window_top - MM(2) - FURNITURE_TOP));
    if (logo_bottom > 0)
        first_top = fmax(first_top, logo_bottom + FURNITURE_GAP);
    if (r->n_lh)
        first_top = fmax(first_top, lay_place_letterhead(L, r->lh, r->n_lh) + FURNITURE_GAP);
    if (s->letter && r->n_addr) {
        double box_bottom;
        double text_bottom = lay_place_address(L, r->addr, r->n_addr, &box_bottom);
        first_top = fmax(first_top, fmax(box_bottom, text_bottom) + FURNITURE_GAP);
    }
    return first_top;
}

/* A keep region (the signature) also stays with the last line before it, and so with the
 * lines kept with that one (a paragraph's last two): a letter never ends with a page holding
 * only its signature; the end of the last paragraph moves over with it. */
static void keep_with_previous_line(lay *L, size_t start)
{
    for (size_t i = start; i-- > 0;) {
        if (L->items[i].kind == IT_BREAK)
            return;
        if (L->items[i].kind == IT_LINE) {
            if (L->items[i].keep_until < L->n_items - 1)
                L->items[i].keep_until = L->n_items - 1;
            return;
        }
    }
}

/* The body's items; every block of a keep region is kept on one page, with the line before. */
static void build_body(lay *L, const regions *r)
{
    block_ctx c = {L->left, L->width, L->base, 0, 0};
    cmark_node *prev = NULL;
    size_t prev_start = 0;
    for (size_t i = 0; L->address_in_body && i < r->n_addr; i++) {
        lay_add_gap_between(L, prev, r->addr[i], &c, false);
        lay_build_block(L, r->addr[i], &c, false);
        prev = r->addr[i];
    }
    for (size_t i = 0; i < r->n_body; i++) {
        cmark_node *n = r->body[i];
        lay_add_gap_between(L, prev, n, &c, false);
        size_t start = L->n_items;
        lay_build_block(L, n, &c, false);
        if (r->keep_id[i]) {
            L->tail_from = prev ? prev_start : 0;
            size_t j = i;
            while (j + 1 < r->n_body && r->keep_id[j + 1] == r->keep_id[i]) {
                j++;
                lay_add_gap_between(L, r->body[j - 1], r->body[j], &c, false);
                lay_build_block(L, r->body[j], &c, false);
            }
            if (L->n_items > start && L->items[start].keep_until < L->n_items - 1)
                L->items[start].keep_until = L->n_items - 1;
            keep_with_previous_line(L, start);
            i = j;
            n = r->body[j];
        }
        prev = n;
        prev_start = start;
    }
}

/* Paginates; when the last page holds little more than the signature (the signature, with the
 * last paragraph moved over with it, or a quarter page at most), tries again with the gaps
 * between blocks halved and keeps that when it saves the page. */
static size_t paginate_tight_end(lay *L, double first_top, double next_top, double bottom)
{
    size_t mark = L->n_placed;
    size_t pages = lay_paginate(L, first_top, next_top, bottom);
    if (pages < 2 || !L->tail_from ||
        (L->last_page_first < L->tail_from && L->last_page_fill > (bottom - next_top) / 4))
        return pages;
    size_t loose_end = L->n_placed;
    for (size_t i = 0; i < L->n_items; i++)
        if (L->items[i].kind == IT_GAP)
            L->items[i].h *= 0.5;
    size_t tight = lay_paginate(L, first_top, next_top, bottom);
    for (size_t i = 0; i < L->n_items; i++)
        if (L->items[i].kind == IT_GAP)
            L->items[i].h *= 2;  /* exact: halving and doubling lose nothing */
    if (tight >= pages) {
        L->n_placed = loose_end;
        return pages;
    }
    size_t n = L->n_placed - loose_end;
    memmove(L->placed + mark, L->placed + loose_end, n * sizeof *L->placed);
    L->n_placed = mark + n;
    return tight;
}

static int lay_out(lay *L, cmark_node *doc)
{
    regions r = {0};
    sort_regions(L, doc, &r);
    double first_top = place_first_page(L, &r);
    build_body(L, &r);

    double small = L->base - 2;
    double header = L->setup->large_print ? L->base : small;  /* large print: header at 16 pt */
    double header_bottom = lay_header_lines(L, header, 0, false);
    double next_top = fmax(TOP_MARGIN, header_bottom + MM(5));
    double bottom = FOOTER_BASELINE - small - MM(5);
    size_t pages = paginate_tight_end(L, first_top, next_top, bottom);
    lay_add_page_furniture(L, pages, header, small);

    free(r.lh);
    free(r.addr);
    free(r.body);
    free(r.keep_id);
    return (int)pages;
}

int layout_markdown(const char *markdown, size_t len, const pb_doc_setup *setup,
                    const pb_fonts *fonts, pb_layout *out, diag_list *errs)
{
    memset(out, 0, sizeof *out);
    lay L = {.fonts = fonts, .setup = setup, .errs = errs, .out = out, .pending_keep = -1};
    lay_elem_new(&L, ROLE_DOCUMENT);  /* elems[0], the root */
    L.base = setup->large_print ? 16 : 12;
    double left = setup->letter ? fmin(fmax(setup->window.left_mm, 15), 35) : 25;
    L.left = setup->letter ? MM(left) : PLAIN_LEFT_MARGIN;
    L.width = PAGE_WIDTH - RIGHT_MARGIN - L.left;
    if (lay_tables_too_big(&L, markdown, len))
        return -1;

    pthread_once(&extensions_once, register_extensions);
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (table)
        cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, markdown, len);
    cmark_node *doc = cmark_parser_finish(parser);

    size_t pages = (size_t)lay_out(&L, doc);
    lay_group_by_page(&L, pages);
    if (pages > MAX_PAGES) {
        diag_add(errs, setup->source, 0, 0, setup->case_id, NULL,
                 "the document would have %zu pages; the limit is %d", pages, MAX_PAGES);
        L.failed = true;
    }

    cmark_node_free(doc);
    cmark_parser_free(parser);
    free(L.chars);
    free(L.spans);
    free(L.tags);
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
    free(layout->elems);
    sb_free(&layout->text);
    memset(layout, 0, sizeof *layout);
}

