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
#include "docs/render.h"

typedef struct print_entry {
    char *postcode;  /* normalised, as in the case */
    char *name;      /* the letter's file name in OUTDIR */
    int pages;
    doc_kind kind;
    size_t seq;      /* input order */
    char *markdown;  /* what the letter's template produced: laid out again into the stream */
    pb_doc_setup setup;  /* its strings point into strings */
    char *strings;
} print_entry;

/* Keeps what laying the letter out again needs (the Markdown and the set-up, copied). */
void print_entry_keep(print_entry *e, char *markdown, const doc_setup_copy *setup);
void print_entry_free(print_entry *e);

typedef struct print_list {
    print_entry *items;
    size_t len, cap;
} print_list;

/* Moves the entry (its strings) into the list. */
void print_list_add(print_list *list, print_entry *e);
void print_list_sort(print_list *list);
void print_list_free(print_list *list);

/* Pages of the assembled stream: a cover (padded to 2 pages) and each letter padded to an even
 * number of pages, so every letter starts on an odd page. */
size_t print_stream_pages(const print_list *list);

/* Lays the sorted letters out again into one PDF (typeset.h print streams) after a cover page
 * listing the letters of each kind, every letter starting on an odd page, and writes it to path
 * (atomically, mode 0640). Memory grows with the letters: about 60 KB each.
 * Returns 0, or -1 with a problem. */
int print_stream_write(const char *path, const print_list *list, const pb_fonts *fonts,
                       diag_list *errs);
#endif
