/* letter.c: the page furniture: the logo (its size from the PNG header), the letterhead and
 * the recipient's address in the envelope window on page 1, then, once the page count is
 * known, the running header and "Page N of M". */
#include "layout/layout_internal.h"

#include <cmark-gfm.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

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
double lay_place_logo(lay *L, double max_h)
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
    /* a Figure whose text alternative is the council's name */
    uint32_t figure = lay_elem_new(L, ROLE_FIGURE);
    const char *alt = L->setup->author && *L->setup->author ? L->setup->author : "Logo";
    L->out->elems[figure].alt = L->out->text.len;
    L->out->elems[figure].alt_len = strlen(alt);
    sb_puts(&L->out->text, alt);
    pb_op op = {.kind = LAYOUT_OP_IMAGE, .x = L->left, .y = FURNITURE_TOP, .w = pw * scale,
                .h = ph * scale, .elem = figure};
    lay_place_op(L, 0, &op, 0);
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
        lay_place_item(L, 0, it, y);
        y += it->h;
        any = true;
    }
    return y;
}

double lay_place_letterhead(lay *L, cmark_node **nodes, size_t n)
{
    /* large print: the body size (wrapped lines keep "Email:" with its address, see text.c) */
    double size = L->setup->large_print ? L->base : L->base - 2;
    block_ctx c = {LETTERHEAD_LEFT, PAGE_WIDTH - RIGHT_MARGIN - LETTERHEAD_LEFT, size, 0, 0};
    size_t from = L->n_items, staged = L->n_staged;
    uint32_t outside = lay_elem_open(L, ROLE_DIV);
    for (size_t i = 0; i < n; i++) {
        if (i)
            lay_add_item(L, IT_GAP, 0.4 * size * LINE_HEIGHT);
        lay_build_block(L, nodes[i], &c, false);
    }
    lay_elem_close(L, outside);
    double bottom = place_static(L, from, FURNITURE_TOP);
    L->n_items = from;
    L->n_staged = staged;
    L->pending_keep = -1;
    return bottom;
}

/* The recipient's address in the envelope window: one line per line of the Markdown, 3 to 7
 * lines, at the largest size from the body size (12 pt, large print 16 pt) down to 8 pt at which
 * it fits the box. In large print, an address smaller than 16 pt is also repeated at 16 pt at the
 * top of the body (L->address_in_body). */
double lay_place_address(lay *L, cmark_node **nodes, size_t n, double *box_bottom)
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
            lay_collect_inlines(L, nodes[i], FACE_REGULAR, &m);
        else
            lay_add_cstr(L, cmark_node_get_literal(nodes[i]), FACE_REGULAR, &m);
        lay_add_char(L, '\n', FACE_REGULAR, &m);
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
    for (double sz = L->base; sz >= 8; sz -= 1)
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
    L->address_in_body = L->setup->large_print && size < L->base;
    double lh = size * ADDRESS_LINE_HEIGHT, base = lay_baseline_in(L, size, lh);
    uint32_t outside = lay_elem_open(L, ROLE_P);  /* the address is one paragraph of lines */
    strbuf line = {0};
    for (size_t i = 0; i < lines; i++) {
        sb_reset(&line);
        for (size_t k = starts[i]; k < ends[i]; k++)
            utf8_put(&line, L->chars[k].cp);
        if (i + 1 < lines)
            sb_putc(&line, ' ');  /* invisible: keeps the lines apart in extracted text */
        lay_place_text(L, 0, FACE_REGULAR, size, bx, by + i * lh + base, sb_str(&line));
    }
    sb_free(&line);
    lay_elem_close(L, outside);
    return by + lines * lh;
}

/* The running header (pages 2..N) and "Page N of M" (every page). Returns the height the
 * running header needs at the top of a page. */
double lay_header_lines(lay *L, double size, size_t page, bool draw)
{
    const char *h = L->setup->running_header;
    if (!h || !*h)
        return 0;
    /* one line if it can be, down to 8 pt; wrapped beyond that (large print: never smaller than
       the body, wrapped instead) */
    double one_line = lay_text_width(L, FACE_REGULAR, size, h, strlen(h));
    if (one_line > L->width && !L->setup->large_print)
        size = fmax(8, floor(size * L->width / one_line * 2) / 2);
    L->n_chars = 0;
    collect_mode m = {.size = size};
    lay_add_cstr(L, h, FACE_REGULAR, &m);
    lay_break_lines(L, 0, L->n_chars, L->width, false);
    double lh = size * 1.3;
    if (draw) {
        strbuf line = {0};
        for (size_t i = 0; i < L->n_spans; i++) {
            sb_reset(&line);
            for (size_t k = L->spans[i].start; k < L->spans[i].end; k++)
                utf8_put(&line, L->chars[k].cp);
            lay_place_text(L, page, FACE_REGULAR, size, L->left, HEADER_BASELINE + i * lh, sb_str(&line));
        }
        sb_free(&line);
    }
    return HEADER_BASELINE + (L->n_spans ? L->n_spans - 1 : 0) * lh + size;
}

void lay_add_page_furniture(lay *L, size_t pages, double header, double small)
{
    char buf[64];
    L->elem = 0;  /* running header and page numbers are artifacts */
    for (size_t p = 0; p < pages; p++) {
        if (p > 0)
            lay_header_lines(L, header, p, true);
        if (L->setup->no_page_numbers)
            continue;
        snprintf(buf, sizeof buf, "Page %zu of %zu", p + 1, pages);
        double w = layout_text_width(L->fonts, FACE_REGULAR, small, buf, strlen(buf));
        lay_place_text(L, p, FACE_REGULAR, small, (PAGE_WIDTH - w) / 2, FOOTER_BASELINE, buf);
    }
}
