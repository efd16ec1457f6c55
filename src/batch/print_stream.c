/* print_stream.c: see print_stream.h. */
#include "batch/print_stream.h"

#include <stdlib.h>
#include <string.h>

void print_list_add(print_list *list, const char *postcode, const char *name, int pages,
                    doc_kind kind, size_t seq)
{
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 256;
        list->items = realloc(list->items, list->cap * sizeof *list->items);
        if (!list->items)
            abort();
    }
    print_entry *e = &list->items[list->len++];
    e->postcode = strdup(postcode);
    e->name = strdup(name);
    if (!e->postcode || !e->name)
        abort();
    e->pages = pages;
    e->kind = kind;
    e->seq = seq;
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
    for (size_t i = 0; i < list->len; i++) {
        free(list->items[i].postcode);
        free(list->items[i].name);
    }
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

bool print_stream_available(void)
{
    return false;
}

int print_stream_write(const char *path, const char *outdir, const print_list *list,
                       diag_list *errs)
{
    (void)outdir;
    (void)list;
    diag_add(errs, path, 0, 0, NULL, NULL,
             "--print-stream is not available yet: assembling one PDF from many letters "
             "waits for the typesetter's stream API");
    return -1;
}
