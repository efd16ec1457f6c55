/* check.h: the smallest test harness that tells the truth.
 * CHECK(cond, fmt, ...) counts a pass or prints the failure with its line; check_done() prints
 * "NAME: N passed, M failed" (the line tests/run sums) and returns the exit status. */
#ifndef PBDOCS_CHECK_H
#define PBDOCS_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (cond) {                                                        \
            check_passed++;                                                \
        } else {                                                           \
            check_failed++;                                                \
            printf("%s:%d: FAIL: ", __FILE__, __LINE__);                   \
            printf(__VA_ARGS__);                                           \
            putchar('\n');                                                 \
        }                                                                  \
    } while (0)

/* Compares two C strings (NULL-safe) and shows both on failure. */
#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        CHECK(g_ && w_ && strcmp(g_, w_) == 0, "%s\n      got:  [%s]\n      want: [%s]", \
              #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");               \
    } while (0)

static inline int check_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}
#endif
