/* stream.c: print streams. Many letters in one PDF for the print room: each letter is laid out
 * on its own (so its "Page N of M" counts its own pages), then its pages are appended to one
 * layout that the PDF backend draws once. A letter can be made to start on an odd page, for
 * duplex printing, by a blank page put before it.
 *
 * Memory grows with the letters in the stream (their positioned text, and libharu's document
 * until it is saved): about 55-60 KB a letter of 3-4 pages (2,000 cases with --print-stream:
 * peak RSS 115 MB against 12 MB without). So the batch makes its print stream in volumes of at
 * most --print-volume sheets (default 2,500), one stream at a time (batch/print_stream.c). */
#include "typeset/stream.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct pb_stream {
    const pb_fonts *fonts;
    pb_layout all;
    const char *logo;  /* the one logo every letter of the stream shares (or NULL) */
    bool has_logo;
};

pb_stream *stream_open(const pb_fonts *fonts)
{
    pb_stream *s = xcalloc(1, sizeof *s);
    s->fonts = fonts;
    return s;
}

int stream_pages(const pb_stream *s)
{
    return (int)s->all.n_pages;
}

void stream_blank_page(pb_stream *s)
{
    pb_layout *d = &s->all;
    d->pages = xgrow(d->pages, &d->cap_pages, d->n_pages + 1, sizeof *d->pages);
    d->pages[d->n_pages++] = (pb_page){d->n_ops, 0};
}

int stream_add(pb_stream *s, const char *markdown, size_t len, const pb_doc_setup *setup,
               bool odd_start, diag_list *errs)
{
    pb_layout one;
    if (layout_markdown(markdown, len, setup, s->fonts, &one, errs) != 0) {
        layout_free(&one);
        return -1;
    }
    const char *logo = one.logo_png;
    bool draws_logo = false;
    for (size_t i = 0; i < one.n_ops; i++)
        draws_logo |= one.ops[i].kind == LAYOUT_OP_IMAGE;
    if (draws_logo && s->has_logo && (!s->logo || strcmp(s->logo, logo) != 0)) {
        diag_add_class(errs, DIAG_ENV, setup->source, 0, 0, setup->case_id, NULL,
                       "a print stream can hold only one council logo");
        layout_free(&one);
        return -1;
    }
    if (draws_logo) {
        s->logo = logo;
        s->has_logo = true;
    }
    /* one extra font per PDF (pdf/pdf_write.c): letters of councils with different ones go in
     * print streams of their own */
    if (one.extra && s->all.extra && one.extra != s->all.extra) {
        diag_add_class(errs, DIAG_ENV, setup->source, 0, 0, setup->case_id, NULL,
                       "a print stream can hold the characters of only one council's extra font");
        layout_free(&one);
        return -1;
    }
    if (one.extra)
        s->all.extra = one.extra;
    if (odd_start && s->all.n_pages % 2 == 1)
        stream_blank_page(s);
    pb_layout *d = &s->all;
    size_t base_ops = d->n_ops, base_text = d->text.len;
    uint32_t base_elem = layout_append_elems(d, &one, base_text);  /* the letter: a Part */
    d->ops = xgrow(d->ops, &d->cap_ops, d->n_ops + one.n_ops, sizeof *d->ops);
    for (size_t i = 0; i < one.n_ops; i++) {
        pb_op op = one.ops[i];
        op.text += base_text;
        op.elem += op.elem ? base_elem : 0;
        d->ops[d->n_ops++] = op;
    }
    sb_append(&d->text, sb_str(&one.text), one.text.len);
    d->pages = xgrow(d->pages, &d->cap_pages, d->n_pages + one.n_pages, sizeof *d->pages);
    for (size_t p = 0; p < one.n_pages; p++)
        d->pages[d->n_pages++] = (pb_page){one.pages[p].first + base_ops, one.pages[p].count};
    layout_free(&one);
    return 0;
}

int stream_finish(pb_stream *s, const pb_doc_setup *info, pb_pdf *out, diag_list *errs)
{
    s->all.logo_png = s->logo;
    int rc = s->all.n_pages ? pdf_write(&s->all, info, s->fonts, out, errs) : -1;
    if (!s->all.n_pages)
        diag_add_class(errs, DIAG_ENV, info->source, 0, 0, NULL, NULL,
                       "the print stream has no pages");
    stream_abort(s);
    return rc;
}

void stream_abort(pb_stream *s)
{
    if (!s)
        return;
    layout_free(&s->all);
    free(s);
}
