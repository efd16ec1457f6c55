/* print_stream.h: --print-stream FILE.pdf, one PDF of every letter of the run for the print room.
 *
 * The runner collects one entry per letter it produced (Section J documents are not letters and
 * are left out); at the end they are sorted by recipient postcode (then input order, then kind)
 * and assembled after a cover page listing the number of letters of each kind, each letter
 * starting on an odd page: a blank page follows any letter with an odd number of pages. */
#ifndef PBDOCS_PRINT_STREAM_H
#define PBDOCS_PRINT_STREAM_H
#include <stdbool.h>
#include <stddef.h>

#include "case/case.h"
#include "core/diag.h"

typedef struct print_entry {
    char *postcode;  /* normalised, as in the case */
    char *name;      /* the letter's file name in OUTDIR */
    int pages;
    doc_kind kind;
    size_t seq;      /* input order */
} print_entry;

typedef struct print_list {
    print_entry *items;
    size_t len, cap;
} print_list;

/* Copies the strings. */
void print_list_add(print_list *list, const char *postcode, const char *name, int pages,
                    doc_kind kind, size_t seq);
void print_list_sort(print_list *list);
void print_list_free(print_list *list);

/* Pages of the assembled stream: a cover (padded to 2 pages) and each letter padded to an even
 * number of pages, so every letter starts on an odd page. */
size_t print_stream_pages(const print_list *list);

/* False while the typesetter has no API to assemble a stream; the run then refuses
 * --print-stream at the start (exit 2) rather than after a night's work. */
bool print_stream_available(void);

/* Writes the sorted letters of outdir into path. Returns 0, or -1 with a problem. */
int print_stream_write(const char *path, const char *outdir, const print_list *list,
                       diag_list *errs);
#endif
