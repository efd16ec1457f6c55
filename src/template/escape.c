/* escape.c: HTML and Markdown escaping of interpolated values; see escape.h for the rules and
 * why. Both copy runs of harmless bytes in one append: a letter has hundreds of values. */
#include "template/escape.h"

#include <stdbool.h>

void mu_escape_html(strbuf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        default: continue;
        }
        sb_append(out, s + run, i - run);
        sb_puts(out, rep);
        run = i + 1;
    }
    sb_append(out, s + run, n - run);
}

static bool ascii_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

/* Length of the white space character starting at s[i] (ASCII space, tab or line break, or a
 * Unicode space separator, which cmark also counts as white space next to * and _), or 0. */
static size_t space_at(const char *s, size_t n, size_t i, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = n - i;
    if (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r') {
        *cp = u[0];
        return 1;
    }
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
        *cp = 0xA0;
        return 2;
    }
    if (left < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        return 0;
    unsigned c = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    if (u[0] >= 0xE1 && u[0] <= 0xE3 &&
        (c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)) {
        *cp = c;
        return 3;
    }
    return 0;
}

/* The white space character ending at s[end-1], as space_at; 0 if none. */
static size_t space_before(const char *s, size_t end, unsigned *cp)
{
    for (size_t len = 1; len <= 3 && len <= end; len++)
        if (space_at(s, end, end - len, cp) == len)
            return len;
    return 0;
}

void mu_escape_markdown(strbuf *out, const char *s, size_t n)
{
    /* [lead, tail) is the part between leading and trailing white space */
    size_t lead = 0, tail = n, k;
    unsigned cp;
    while (lead < n && (k = space_at(s, n, lead, &cp)) > 0)
        lead += k;
    while (tail > lead && (k = space_before(s, tail, &cp)) > 0)
        tail -= k;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool edge = i < lead || i >= tail;
        if (!(ascii_punct(c) || c == '\n' || c == '\r' || c == '\0' || (edge && (c == ' ' || c == '\t' || c >= 0x80))))
            continue;
        sb_append(out, s + run, i - run);
        run = i + 1;
        if (ascii_punct(c)) {
            sb_putc(out, '\\');
            sb_putc(out, (char)c);
        } else if (c == '\0') {
            sb_puts(out, "\xEF\xBF\xBD");
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                continue;  /* \r\n is one line break: the \n writes the space */
            sb_puts(out, edge ? "&#32;" : " ");
        } else {
            /* white space at an edge: a character reference is neither stripped by cmark nor
             * indentation, and keeps the template's own * and _ next to the value working */
            size_t len = space_at(s, n, i, &cp);
            sb_printf(out, "&#%u;", cp);
            i += len - 1;
            run = i + 1;
        }
    }
    sb_append(out, s + run, n - run);
}
