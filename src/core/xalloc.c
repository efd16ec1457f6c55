/* xalloc.c: allocation that cannot fail; see xalloc.h. The one place pbdocs handles running out
 * of memory. */
#include "core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Noreturn void xalloc_die(void)
{
    /* write(), not stdio: stdio may itself need memory. */
    static const char msg[] = "pbdocs: out of memory\n";
    ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)n;
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        xalloc_die();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        xalloc_die();
    return p;
}

void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        xalloc_die();
    return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        xalloc_die();
    return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    return xmemdupz(s, strnlen(s, n));
}

char *xmemdupz(const void *p, size_t n)
{
    if (n == SIZE_MAX)
        xalloc_die();
    char *d = xmalloc(n + 1);
    if (n)
        memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap && p)
        return p;
    size_t c = *cap ? *cap : XGROW_FIRST;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            xalloc_die();
        c *= 2;
    }
    p = xreallocarray(p, c, elem);
    *cap = c;
    return p;
}
