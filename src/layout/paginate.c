/* paginate.c: the items placed down the pages. An item goes to the next page when it, with
 * the items kept with it, does not fit and would fit on an empty page; a table's header row is
 * repeated after a break and quote boxes are closed and reopened around one. Then the placed
 * operations are grouped by page for the PDF backend. */
#include "layout/layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void lay_place_op(lay *L, size_t page, const pb_op *op, double dy)
{
    L->placed = xgrow(L->placed, &L->cap_placed, L->n_placed + 1, sizeof *L->placed);
    struct placed *p = &L->placed[L->n_placed++];
    p->op = *op;
    p->op.y += dy;
    p->page = page;
}

void lay_place_item(lay *L, size_t page, const item *it, double y)
{
    for (size_t k = 0; k < it->op_count; k++)
        lay_place_op(L, page, &L->staged[it->op_first + k], y);
}

void lay_place_text(lay *L, size_t page, pb_face face, double size, double x, double y,
                       const char *s)
{
    pb_op op = {.kind = LAYOUT_OP_TEXT, .face = face, .size = (float)size, .x = x, .y = y,
                .elem = L->elem, .text = L->out->text.len, .len = strlen(s)};
    sb_puts(&L->out->text, s);
    lay_place_op(L, page, &op, 0);
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
    pb_op op = {.kind = LAYOUT_OP_RECT, .x = b->x, .y = b->y0, .w = b->w, .h = y_end - b->y0,
                .line_width = 1.0f};
    lay_place_op(L, f->page, &op, 0);
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
    size_t *end = xreallocarray(NULL, n, sizeof *end);
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
size_t lay_paginate(lay *L, double first_top, double next_top, double bottom)
{
    flow f = {.page = 0, .y = first_top, .top = first_top, .bottom = bottom, .header_on_page = -1};
    double capacity = bottom - next_top;
    size_t *kept_to = keep_ends(L);
    double *above = xreallocarray(NULL, L->n_items + 1, sizeof *above); /* height of items [0, i) */
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
            if (!f.has_content)
                L->last_page_first = i;
            if (it->kind == IT_LINE && it->header >= 0 && f.header_on_page != it->header) {
                const item *h = &L->items[it->header];
                /* a repeated header row is an artifact: the table's header is read once */
                for (size_t k = 0; k < h->op_count; k++) {
                    pb_op op = L->staged[h->op_first + k];
                    op.elem = 0;
                    lay_place_op(L, f.page, &op, f.y);
                }
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
            lay_place_item(L, f.page, it, f.y);
            f.y += it->h;
            f.has_content = true;
            break;
        }
        }
    }
    free(kept_to);
    free(above);
    L->last_page_fill = f.y - f.top;
    return f.page + 1;
}

void lay_group_by_page(lay *L, size_t pages)
{
    pb_layout *out = L->out;
    out->pages = xcalloc(pages, sizeof *out->pages);
    out->ops = xreallocarray(NULL, L->n_placed, sizeof *out->ops);
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
