/* table.c: GitHub tables. Every cell's characters are collected once; the column widths come
 * from them (the widest word is the least a column needs, its whole text on one line the most
 * it can use); each row is then one item,
 * its cells broken into lines in their columns, drawing its own rules; last the keep rules. */
#include "layout/layout_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

typedef struct cell_text {
    size_t from, to;  /* its characters in L->chars */
} cell_text;

/* One table being built: its shape, its cells' text and its columns. */
typedef struct table {
    cmark_node *node;
    int ncols;
    size_t nrows;
    uint8_t *align;        /* cmark-gfm's: 'l', 'c', 'r' or 0 per column (or NULL) */
    double size, pad_x, pad_y, line_h;
    cell_text *cells;      /* nrows x ncols */
    double *minw, *maxw;   /* per column: the longest word, the whole text on one line */
    double *colw;          /* per column: the width given, padding included */
} table;

/* Every cell's characters, collected once, all into L->chars, each cell followed by a line end
 * so collapsing spaces never reaches into the previous cell. */
static void collect_cells(lay *L, table *t)
{
    L->n_chars = 0;
    size_t r = 0;
    for (cmark_node *row = cmark_node_first_child(t->node); row; row = cmark_node_next(row), r++) {
        bool header = cmark_gfm_extensions_get_table_row_is_header(row);
        int col = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell && col < t->ncols;
             cell = cmark_node_next(cell), col++) {
            collect_mode m = {.size = t->size, .line = cmark_node_get_start_line(cell)};
            size_t from = L->n_chars;
            lay_collect_inlines(L, cell, header ? FACE_BOLD : FACE_REGULAR, &m);
            while (L->n_chars > from && L->chars[L->n_chars - 1].cp == ' ')
                L->n_chars--;
            t->cells[r * (size_t)t->ncols + (size_t)col] = (cell_text){from, L->n_chars};
            L->chars = xgrow(L->chars, &L->cap_chars, L->n_chars + 1, sizeof *L->chars);
            L->chars[L->n_chars++] = (chr){'\n', 0, 0, 0};
        }
    }
}

/* Each column's least and most useful width, from its cells' words and lines, plus padding. */
static void measure_columns(const lay *L, table *t)
{
    size_t ncols = (size_t)t->ncols;
    for (size_t i = 0; i < t->nrows * ncols; i++) {
        size_t col = i % ncols;
        double line = 0, word = 0;
        for (size_t k = t->cells[i].from; k < t->cells[i].to; k++) {
            uint32_t cp = L->chars[k].cp;
            if (cp == ' ' || cp == '\n') {
                if (word > t->minw[col])
                    t->minw[col] = word;
                word = 0;
                if (cp == '\n') {
                    if (line > t->maxw[col])
                        t->maxw[col] = line;
                    line = 0;
                    continue;
                }
            } else
                word += L->chars[k].w;
            line += L->chars[k].w;
        }
        if (word > t->minw[col])
            t->minw[col] = word;
        if (line > t->maxw[col])
            t->maxw[col] = line;
    }
    for (size_t i = 0; i < ncols; i++) {
        t->minw[i] += 2 * t->pad_x + 0.01;
        t->maxw[i] += 2 * t->pad_x + 0.01;
    }
}

/* The table is wider than the column: a column whose text fits in its fair share gets all it
 * wants; the others share the rest, each at least its longest word when they can. */
static void share_narrow(table *t, double avail)
{
    int ncols = t->ncols;
    if (ncols <= 0)  /* never (lay_build_table checks), but the compiler cannot see it */
        return;
    bool *fixed = xcalloc((size_t)ncols, sizeof *fixed);
    double left = avail;
    int open = ncols;
    for (bool changed = true; changed && open > 0;) {
        changed = false;
        double fair = left / open;
        for (int i = 0; i < ncols; i++)
            if (!fixed[i] && t->maxw[i] <= fair) {
                t->colw[i] = t->maxw[i];
                left -= t->maxw[i];
                fixed[i] = true;
                open--;
                changed = true;
            }
    }
    double open_min = 0, open_slack = 0;
    for (int i = 0; i < ncols; i++)
        if (!fixed[i]) {
            open_min += t->minw[i];
            open_slack += t->maxw[i] - t->minw[i];
        }
    for (int i = 0; i < ncols; i++) {
        if (fixed[i])
            continue;
        if (open_min >= left)  /* even the longest words do not fit: they will be broken */
            t->colw[i] = left * t->minw[i] / open_min;
        else
            t->colw[i] = t->minw[i] + (left - open_min) * (t->maxw[i] - t->minw[i]) / open_slack;
    }
    free(fixed);
}

static void column_widths(const lay *L, table *t, double avail)
{
    measure_columns(L, t);
    double sum_max = 0;
    for (int i = 0; i < t->ncols; i++)
        sum_max += t->maxw[i];
    if (sum_max <= avail) {
        for (int i = 0; i < t->ncols; i++)  /* everything fits on one line: share out the room */
            t->colw[i] = t->maxw[i] + (avail - sum_max) * t->maxw[i] / sum_max;
    } else
        share_narrow(t, avail);
}

/* The lines of every cell of one row, broken in their columns. */
typedef struct row_lines {
    size_t *first, *count;  /* per column: its lines in all[] */
    span *all;
    size_t n_all, cap_all;
} row_lines;

/* Breaks row r's cells; returns the most lines any cell has (at least 1). */
static size_t break_row(lay *L, const table *t, size_t r, row_lines *rl)
{
    size_t most = 1;
    rl->n_all = 0;
    for (int col = 0; col < t->ncols; col++) {
        cell_text ct = t->cells[r * (size_t)t->ncols + (size_t)col];
        lay_break_lines(L, ct.from, ct.to, t->colw[col] - 2 * t->pad_x, false);
        rl->first[col] = rl->n_all;
        rl->count[col] = L->n_spans;
        if (L->n_spans) {  /* an empty cell has none, and `all` may still be NULL */
            rl->all = xgrow(rl->all, &rl->cap_all, rl->n_all + L->n_spans, sizeof *rl->all);
            memcpy(rl->all + rl->n_all, L->spans, L->n_spans * sizeof *rl->all);
            rl->n_all += L->n_spans;
        }
        if (L->n_spans > most)
            most = L->n_spans;
    }
    return most;
}

/* One row as one item: its cells' lines, aligned in their columns, and its rules (every row
 * draws its own box, so a table broken across pages stays closed). */
static void stage_row(lay *L, const table *t, const block_ctx *c, size_t it, double h,
                      const row_lines *rl, bool header)
{
    double x = c->x, base = lay_baseline_in(L, t->size, t->line_h);
    uint32_t outside = lay_elem_open(L, ROLE_TR);
    for (int col = 0; col < t->ncols; col++) {
        /* every cell is an element, an empty one too: a reader counts cells to find columns */
        uint32_t in_row = lay_elem_open(L, header ? ROLE_TH : ROLE_TD);
        for (size_t k = 0; k < rl->count[col]; k++) {
            span *sp = &rl->all[rl->first[col] + k];
            double inner = t->colw[col] - 2 * t->pad_x, tx = x + t->pad_x;
            uint8_t a = t->align ? t->align[col] : 0;
            if (a == 'r')
                tx += inner - sp->width;
            else if (a == 'c')
                tx += (inner - sp->width) / 2;
            lay_stage_span(L, it, sp, tx, t->pad_y + k * t->line_h + base, t->size);
        }
        lay_elem_close(L, in_row);
        x += t->colw[col];
    }
    lay_elem_close(L, outside);
    double lw = 0.5;
    lay_stage_line(L, it, c->x, 0, x - c->x, 0, header ? 1.0 : lw);
    lay_stage_line(L, it, c->x, h, x - c->x, 0, header ? 1.0 : lw);
    double vx = c->x;
    for (int col = 0; col <= t->ncols; col++) {
        lay_stage_line(L, it, vx, 0, 0, h, lw);
        if (col < t->ncols)
            vx += t->colw[col];
    }
}

static void build_rows(lay *L, const table *t, const block_ctx *c)
{
    long header_item = -1;
    row_lines rl = {0};
    rl.first = xcalloc((size_t)t->ncols, sizeof *rl.first);
    rl.count = xcalloc((size_t)t->ncols, sizeof *rl.count);
    size_t r = 0;
    for (cmark_node *row = cmark_node_first_child(t->node); row; row = cmark_node_next(row), r++) {
        bool header = cmark_gfm_extensions_get_table_row_is_header(row);
        size_t most = break_row(L, t, r, &rl);
        double h = most * t->line_h + 2 * t->pad_y;
        size_t it = lay_add_item(L, IT_LINE, h);
        L->items[it].header = header ? -1 : header_item;
        L->items[it].is_header = header;
        if (header)
            header_item = (long)it;
        stage_row(L, t, c, it, h, &rl, header);
    }
    free(rl.all);
    free(rl.first);
    free(rl.count);
}

/* A short table stays whole; a long one never leaves its header alone at a page foot. */
static void keep_table(lay *L, size_t first_row_item)
{
    size_t last = L->n_items - 1;
    double total = 0;
    for (size_t i = first_row_item; i <= last; i++)
        total += L->items[i].h;
    if (total <= 0.3 * (PAGE_HEIGHT - TOP_MARGIN - MM(25)))
        L->items[first_row_item].keep_until = last;
    else if (first_row_item < last)
        L->items[first_row_item].keep_until = first_row_item + 1;
}

void lay_build_table(lay *L, cmark_node *node, const block_ctx *c)
{
    table t = {.node = node, .ncols = cmark_gfm_extensions_get_table_columns(node)};
    t.align = cmark_gfm_extensions_get_table_alignments(node);
    if (t.ncols <= 0)
        return;
    t.size = c->base;
    t.pad_x = 0.4 * t.size;
    t.pad_y = 0.3 * t.size;
    t.line_h = t.size * CELL_LINE_HEIGHT;
    for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r))
        t.nrows++;
    size_t ncols = (size_t)t.ncols;
    t.cells = xcalloc(t.nrows * ncols, sizeof *t.cells);
    t.minw = xcalloc(ncols, sizeof *t.minw);
    t.maxw = xcalloc(ncols, sizeof *t.maxw);
    t.colw = xcalloc(ncols, sizeof *t.colw);
    collect_cells(L, &t);
    column_widths(L, &t, c->w);
    size_t first_row_item = L->n_items;
    uint32_t outside = lay_elem_open(L, ROLE_TABLE);
    build_rows(L, &t, c);
    lay_elem_close(L, outside);
    keep_table(L, first_row_item);
    free(t.cells);
    free(t.minw);
    free(t.maxw);
    free(t.colw);
}
