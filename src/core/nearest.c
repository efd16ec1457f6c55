/* nearest.c: the "did you mean" rule; see nearest.h. */
#include "core/nearest.h"

#include <stdio.h>
#include <string.h>

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t edit_distance(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > 120 || bn > 120)
        return 99;
    size_t row[128];
    for (size_t j = 0; j <= bn; j++)
        row[j] = j;
    for (size_t i = 1; i <= an; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= bn; j++) {
            size_t up = row[j];
            size_t best = diag + (fold(a[i - 1]) != fold(b[j - 1]));
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[bn];
}

void near_init(near_pick *p, const char *written)
{
    p->written = written ? written : "";
    p->best = (size_t)-1;
    p->name[0] = '\0';
}

void near_offer(near_pick *p, const char *cand, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(cand);
    size_t wlen = strlen(p->written);
    if (len >= sizeof p->name || (len == wlen && strncmp(cand, p->written, len) == 0))
        return; /* the written name itself is no suggestion */
    size_t d = edit_distance(p->written, wlen, cand, len);
    if (d < 3 && d * 4 <= wlen && (p->best == (size_t)-1 || d < p->best)) {
        p->best = d;
        snprintf(p->name, sizeof p->name, "%.*s", (int)len, cand);
    }
}

void near_offer_list(near_pick *p, const char *list)
{
    for (const char *s = list; s && *s;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        near_offer(p, s, len);
        s += len + (bar ? 1 : 0);
    }
}

const char *near_result(const near_pick *p)
{
    return p->best == (size_t)-1 ? NULL : p->name;
}
