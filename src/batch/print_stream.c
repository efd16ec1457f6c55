/* print_stream.c: see print_stream.h. */
#include "batch/print_stream.h"

#include <stdlib.h>
#include <string.h>

#include "core/outfile.h"
#include "core/strbuf.h"
#include "docs/kinds.h"
#include "typeset/stream.h"
#include "typeset/typeset.h"

void print_entry_keep(print_entry *e, char *markdown, const doc_setup_copy *sc)
{
    const char *parts[6] = {sc->running, sc->subject, sc->author, sc->case_id, sc->source,
                            sc->logo};
    size_t total = 0;
    for (int k = 0; k < 6; k++)
        total += strlen(parts[k]) + 1;
    char *p = malloc(total);
    if (!p)
        abort();
    e->strings = p;
    char *at[6];
    for (int k = 0; k < 6; k++) {
        at[k] = p;
        size_t n = strlen(parts[k]) + 1;
        memcpy(p, parts[k], n);
        p += n;
    }
    e->markdown = markdown;
    e->setup = sc->setup;
    e->setup.running_header = at[0];
    e->setup.subject = at[1];
    e->setup.author = at[2];
    e->setup.case_id = at[3];
    e->setup.source = at[4];
    e->setup.logo_png = sc->setup.logo_png ? at[5] : NULL;
}

void print_entry_free(print_entry *e)
{
    free(e->postcode);
    free(e->name);
    free(e->markdown);
    free(e->strings);
    memset(e, 0, sizeof *e);
}

void print_list_add(print_list *list, print_entry *e)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 256;
        list->items = realloc(list->items, list->cap * sizeof *list->items);
        if (!list->items)
            abort();
    }
    list->items[list->len++] = *e;
    memset(e, 0, sizeof *e);
}

/* Postcodes are normalised (upper case, one space), so byte order groups each outward code
 * ("BA1 5EX" before "BA2 4JT"); letters to one address stay together in input order. */
static int compare_entries(const void *a, const void *b)
{
    const print_entry *x = a, *y = b;
    int c = strcmp(x->postcode, y->postcode);
    if (c)
        return c;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

void print_list_sort(print_list *list)
{
    if (list->len)
        qsort(list->items, list->len, sizeof *list->items, compare_entries);
}

void print_list_free(print_list *list)
{
    for (size_t i = 0; i < list->len; i++)
        print_entry_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

size_t print_stream_pages(const print_list *list)
{
    size_t pages = 2;  /* the cover and its blank back */
    for (size_t i = 0; i < list->len; i++)
        pages += (size_t)(list->items[i].pages + (list->items[i].pages & 1));
    return pages;
}

int print_stream_write(const char *path, const print_list *list, const pb_fonts *fonts,
                       diag_list *errs)
{
    size_t count[DOC_KIND_COUNT] = {0};
    for (size_t i = 0; i < list->len; i++)
        count[list->items[i].kind]++;
    strbuf cover = {0};
    sb_printf(&cover, "# Print run\n\n%zu letters, sorted by postcode, each starting on an odd "
              "page.\n\n| Letter | Number |\n|---|---|\n", list->len);
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (doc_kinds[k].letter)
            sb_printf(&cover, "| %s | %zu |\n", doc_kinds[k].print_label, count[k]);
    sb_printf(&cover, "| **Total** | **%zu** |\n", list->len);
    if (list->len)
        sb_printf(&cover, "\nFirst postcode: %s. Last postcode: %s.\n",
                  list->items[0].postcode[0] ? list->items[0].postcode : "none",
                  list->items[list->len - 1].postcode[0] ? list->items[list->len - 1].postcode
                                                         : "none");
    pb_doc_setup cover_setup = {.title = "Print run", .source = path, .no_page_numbers = true};
    pb_stream *st = stream_open(fonts);
    int rc = stream_add(st, sb_str(&cover), cover.len, &cover_setup, false, errs);
    sb_free(&cover);
    for (size_t i = 0; rc == 0 && i < list->len; i++) {
        const print_entry *e = &list->items[i];
        rc = stream_add(st, e->markdown, strlen(e->markdown), &e->setup, true, errs);
    }
    if (rc != 0) {
        stream_abort(st);
        return -1;
    }
    if (stream_pages(st) % 2)
        stream_blank_page(st);  /* the last letter, too, ends on a whole sheet */
    pb_doc_setup info = {.title = "Print run", .author = "pbdocs", .subject = "Letters for printing",
                         .source = path};
    pb_pdf pdf;
    if (stream_finish(st, &info, &pdf, errs) != 0)
        return -1;
    char dir[4096];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    rc = outfile_write(dir, slash ? slash + 1 : path, pdf.bytes, pdf.len, OUTFILE_SYNC, errs);
    pb_pdf_free(&pdf);
    return rc;
}
