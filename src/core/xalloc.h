/* xalloc.h: pbdocs' one policy for running out of memory. A letter generator has nothing useful
 * to do without memory, and a NULL check after every allocation hides the logic, so every
 * allocation under src/ goes through these: on failure they print "pbdocs: out of memory" to
 * stderr and abort(), here and nowhere else (cmark's cmark.c and mandoc's mandoc_aux.c do the
 * same). They never return NULL. Thread-safe: thin wrappers over the C library.
 *
 * The grow-an-array pattern is one call:
 *     list->items = xgrow(list->items, &list->cap, list->len + 1, sizeof *list->items);
 * leaves room for at least len + 1 items, doubling the capacity (from XGROW_FIRST) as needed. */
#ifndef PBDOCS_XALLOC_H
#define PBDOCS_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* realloc(p, n * size), refusing (as out of memory) a product that overflows size_t. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* The first n bytes of s (fewer when s ends before), NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* Exactly n bytes of p, NULs included, with a NUL after them (for text that may hold NULs). */
char *xmemdupz(const void *p, size_t n);

/* The smallest capacity xgrow gives an array it allocates. */
#define XGROW_FIRST 8
/* Returns p (or its new place) with room for at least need elements of elem bytes; *cap is
 * their count, updated. Growing doubles the capacity, so appending one at a time is linear. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);

/* Prints the message and aborts: for allocators that report failure with NULL and are not
 * ours to wrap (libxml2's contexts). */
_Noreturn void xalloc_die(void);
#endif
