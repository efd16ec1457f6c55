/* strbuf.c: see strbuf.h. */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void sb_reserve(strbuf *sb, size_t extra)
{
    sb->data = xgrow(sb->data, &sb->cap, sb->len + extra + 1, 1);
}

void sb_append(strbuf *sb, const char *s, size_t n)
{
    if (!sb->data || sb->len + n + 1 > sb->cap)  /* the common case needs no call */
        sb_reserve(sb, n);
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

const char *sb_str(const strbuf *sb)
{
    return sb->data ? sb->data : "";
}

char *sb_take(strbuf *sb)
{
    sb_reserve(sb, 0);
    sb->data[sb->len] = '\0';
    char *s = sb->data;
    *sb = (strbuf){0};
    return s;
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void sb_free(strbuf *sb)
{
    free(sb->data);
    *sb = (strbuf){0};
}
