/* diag.h: errors travel as values. A diag says where (file, line, column, case id, field path) and
 * what; only main and the batch runner print them. One case collects every problem it has. */
#ifndef PBDOCS_DIAG_H
#define PBDOCS_DIAG_H
#include <stddef.h>
#include <stdio.h>

typedef struct diag {
    char *file;     /* case file or template path; NULL when not tied to a file */
    int line;       /* 1-based; 0 when unknown */
    int col;        /* 1-based; 0 when not meaningful (case data) */
    char *case_id;  /* NULL when not known or not a case */
    char *field;    /* field path, e.g. "recipient/address/postcode"; NULL when none */
    char *message;  /* what is wrong, never personal data */
} diag;

typedef struct diag_list {
    diag *items;
    size_t len, cap;
} diag_list;

/* Appends a problem; every string is copied. fmt is printf-style. */
void diag_add(diag_list *list, const char *file, int line, int col, const char *case_id,
              const char *field, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Formats one problem as the contract says:
 *   FILE:LINE: case ID: field: message        (case data)
 *   FILE:LINE:COL: message                    (templates: col > 0, no case id) */
void diag_format(const diag *d, char *buf, size_t size);
void diag_print(const diag *d, FILE *out);
void diag_print_all(const diag_list *list, FILE *out);

/* Moves every item of src to the end of dst (src is left empty). */
void diag_list_take(diag_list *dst, diag_list *src);
void diag_list_clear(diag_list *list);
#endif
