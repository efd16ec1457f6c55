/* arena.h: one case, one arena. Everything a case (or a document made from it) allocates comes
 * from its arena and goes with one arena_free, so a rejected case frees all it took. */
#ifndef PBDOCS_ARENA_H
#define PBDOCS_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

void *arena_alloc(arena *a, size_t size);  /* zeroed, aligned for any type; aborts on OOM */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_free(arena *a);
#endif
