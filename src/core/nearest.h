/* nearest.h: "did you mean": the known name a written one is probably a slip for.
 * One rule for every suggestion pbdocs makes (case elements, attributes and values, council ids,
 * document kinds, template fields and partials): a name equal but for letter case wins; else
 * the closest by edit distance, if it is at most 2 edits and at most a quarter of the written
 * name's length. Plain values; no allocation; any thread. */
#ifndef PBDOCS_NEAREST_H
#define PBDOCS_NEAREST_H
#include <stddef.h>

/* Levenshtein distance between a[0..an) and b[0..bn), ASCII letters compared without case;
 * a large number when either is longer than 120 bytes. */
size_t edit_distance(const char *a, size_t an, const char *b, size_t bn);

/* The best candidate so far for one written name. */
typedef struct near_pick {
    const char *written;
    size_t best;     /* distance of name[], or (size_t)-1 while there is none */
    char name[128];
} near_pick;

void near_init(near_pick *p, const char *written);
/* Offers candidate cand[0..len) (len (size_t)-1: up to its NUL). */
void near_offer(near_pick *p, const char *cand, size_t len);
/* Offers each name of a '|'-separated list ("a|b|c"). */
void near_offer_list(near_pick *p, const char *list);
/* The pick, or NULL when no candidate was close enough. */
const char *near_result(const near_pick *p);
#endif
