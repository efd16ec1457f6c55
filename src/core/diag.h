/* diag.h: errors travel as values. A diag says where (file, line, column, case id, field path),
 * what, and of which class; only main and the batch runner print them. One case collects every
 * problem it has. The class, set where the problem is made, decides the exit status through the
 * one mapping exit_status_for(): no command guesses it from a message's shape. */
#ifndef PBDOCS_DIAG_H
#define PBDOCS_DIAG_H
#include <stddef.h>
#include <stdio.h>

/* What a problem stops, worst last. */
typedef enum diag_class {
    DIAG_DATA,      /* a case's data is rejected: that case is not produced, the others are */
    DIAG_TEMPLATE,  /* a template, partial, council profile or logo is broken: no letter that
                     * uses it can be made, whatever the case */
    DIAG_ENV,       /* usage error, unreadable input, unwritable output, missing font or program
                     * file, out of memory: the program cannot do what it was asked */
} diag_class;
#define DIAG_CLASS_COUNT 3

/* Exit statuses (README, "Exit status"). */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

typedef struct diag {
    diag_class cls; /* DIAG_DATA unless made with diag_add_class */
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

/* Appends a problem of class DIAG_DATA; every string is copied. fmt is printf-style. */
void diag_add(diag_list *list, const char *file, int line, int col, const char *case_id,
              const char *field, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* The same with its class. */
void diag_add_class(diag_list *list, diag_class cls, const char *file, int line, int col,
                    const char *case_id, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/* Raises every problem from index `from` on to at least class cls: problems a shared reader
 * made as case data are template problems when the file read was a council profile. */
void diag_raise_class(diag_list *list, size_t from, diag_class cls);
/* Bit (1u << class) set for every class present (0 when the list is empty). */
unsigned diag_classes(const diag_list *list);

/* The exit status for problems of the classes in `classes` (bits as diag_classes gives), for a
 * command whose findings are problems of class up to `findings`: 0 none, 1 only findings,
 * 2 anything worse. Every command uses it: validate, render and batch with DIAG_DATA (a broken
 * template or profile means no letter can be produced: 2); lint and preview, whose subject is a
 * template, with DIAG_TEMPLATE (a template problem is what they report: 1). */
int exit_status_for(unsigned classes, diag_class findings);
/* exit_status_for(diag_classes(problems), DIAG_DATA). */
int exit_status(const diag_list *problems);

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
