/* utf8.c: UTF-8 decoding, strict and replacing, and encoding (see utf8.h). */
#include "core/utf8.h"

/* The sequence a lead byte starts: its length (0: not a lead byte) and the bits it carries. */
static int lead(unsigned char b, uint32_t *bits)
{
    if (b < 0x80) {
        *bits = b;
        return 1;
    }
    if ((b & 0xE0) == 0xC0) {
        *bits = b & 0x1Fu;
        return 2;
    }
    if ((b & 0xF0) == 0xE0) {
        *bits = b & 0x0Fu;
        return 3;
    }
    if ((b & 0xF8) == 0xF0) {
        *bits = b & 0x07u;
        return 4;
    }
    return 0;
}

int32_t utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    uint32_t cp;
    int len = lead(u[0], &cp);
    if (len == 0 || (size_t)len > n - *i)
        return -1;
    for (int j = 1; j < len; j++) {
        if ((u[j] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (u[j] & 0x3Fu);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *i += (size_t)len;
    return (int32_t)cp;
}

size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    uint32_t v;
    size_t n = (size_t)lead(s[0], &v);
    if (n == 0) {
        *cp = UTF8_REPLACEMENT;
        return 1;
    }
    if (n > len) {
        *cp = UTF8_REPLACEMENT;
        return len;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = UTF8_REPLACEMENT;
            return i;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

void utf8_put(strbuf *sb, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
        return;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_append(sb, b, n);
}
