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

/* Spaces and tabs, and line breaks (which become spaces), at an end of the value. */
static bool edge_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void mu_escape_markdown(strbuf *out, const char *s, size_t n)
{
    /* [lead, tail) is the part that is not leading or trailing white space */
    size_t lead = 0, tail = n;
    while (lead < n && edge_space(s[lead]))
        lead++;
    while (tail > lead && edge_space(s[tail - 1]))
        tail--;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool edge = i < lead || i >= tail;
        if (!(ascii_punct(c) || c == '\n' || c == '\r' || c == '\0' || (edge && (c == ' ' || c == '\t'))))
            continue;
        sb_append(out, s + run, i - run);
        run = i + 1;
        if (ascii_punct(c)) {
            sb_putc(out, '\\');
            sb_putc(out, (char)c);
        } else if (c == '\0') {
            sb_puts(out, "\xEF\xBF\xBD");
        } else if (c == '\t') {
            sb_puts(out, "&#9;");
        } else {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                continue;  /* \r\n is one line break: the \n writes the space */
            sb_puts(out, edge ? "&#32;" : " ");
        }
    }
    sb_append(out, s + run, n - run);
}
