/* links.c: web and email addresses in a letter's text become Link elements (the PDF writer
 * gives each a link annotation), so a reader of the PDF can follow them; the printed text is
 * the same either way. Found in plain text (the letterhead's "Email:" and web lines, an
 * address written out in a paragraph) and taken from Markdown links. Only http:, https: and
 * mailto: are ever linked: a javascript: or file: address stays text. */
#include "layout/layout_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Printable ASCII that may stand in a URI as written (RFC 3986's, with '%' escapes). */
static bool uri_char(char c)
{
    return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' &&
           c != '`' && c != '{' && c != '|' && c != '}';
}

static bool all_uri_chars(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!uri_char(s[i]))
            return false;
    return true;
}

static bool starts(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len > n && strncasecmp(s, prefix, n) == 0;
}

bool lay_uri_ok(const char *url, size_t len)
{
    return (starts(url, len, "https://") || starts(url, len, "http://") ||
            starts(url, len, "mailto:")) && all_uri_chars(url, len);
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A domain: labels of letters, digits and '-' joined by dots, at least two, the last letters. */
static bool is_domain(const char *s, size_t len)
{
    size_t dots = 0, label = 0, last_start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            if (!label)
                return false;
            dots++;
            label = 0;
            last_start = i + 1;
        } else if (is_alnum(s[i]) || s[i] == '-') {
            label++;
        } else
            return false;
    }
    if (!dots || label < 2)
        return false;
    for (size_t i = last_start; i < len; i++)
        if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
            return false;
    return true;
}

enum address { NOT_ADDRESS, WEB, WEB_NO_SCHEME, EMAIL };

static enum address address_kind(const char *s, size_t len)
{
    bool web = starts(s, len, "https://") || starts(s, len, "http://");
    bool www = !web && starts(s, len, "www.");
    /* the cheap tests first: most words are no address */
    if ((!web && !www && !memchr(s, '@', len)) || !all_uri_chars(s, len))
        return NOT_ADDRESS;
    if (web) {
        const char *host = strstr(s, "//") + 2;
        size_t n = 0;
        while (host + n < s + len && host[n] != '/' && host[n] != '?' && host[n] != '#')
            n++;
        return is_domain(host, n) ? WEB : NOT_ADDRESS;
    }
    if (www) {
        size_t n = 0;
        while (n < len && s[n] != '/' && s[n] != '?' && s[n] != '#')
            n++;
        return is_domain(s, n) ? WEB_NO_SCHEME : NOT_ADDRESS;
    }
    const char *at = memchr(s, '@', len);
    if (!at || at == s || memchr(at + 1, '@', len - (size_t)(at - s) - 1))
        return NOT_ADDRESS;
    for (const char *p = s; p < at; p++)
        if (!is_alnum(*p) && !strchr("._%+-", *p))
            return NOT_ADDRESS;
    return is_domain(at + 1, len - (size_t)(at - s) - 1) ? EMAIL : NOT_ADDRESS;
}

/* Could s[0..len) hold an address at all? Most text cannot: memchr keeps this quick. */
static bool may_hold_address(const char *s, size_t len)
{
    if (memchr(s, '@', len))
        return true;
    for (const char *p = s, *end = s + len; (p = memchr(p, '.', (size_t)(end - p))); p++)
        if ((p - s >= 3 && strncasecmp(p - 3, "www", 3) == 0) ||
            (p - s >= 4 && strncasecmp(p - 4, "http", 4) == 0))
            return true;  /* "www." or "http://..." (its host has a dot after the scheme) */
    for (const char *p = s, *end = s + len; (p = memchr(p, ':', (size_t)(end - p))); p++)
        if (end - p >= 3 && p[1] == '/' && p[2] == '/')
            return true;
    return false;
}

void lay_add_text_linked(lay *L, const char *s, size_t len, int face, collect_mode *m)
{
    if (m->in_link || m->plain || m->pre || !may_hold_address(s, len)) {
        lay_add_text(L, s, len, face, m);
        return;
    }
    size_t done = 0, i = 0;
    while (i < len) {
        if (is_space(s[i])) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < len && !is_space(s[i]))
            i++;
        size_t b = i;
        if (!memchr(s + a, '@', b - a) && !memchr(s + a, '.', b - a))
            continue;  /* most words: an address has an '@' or a domain's dot */
        /* punctuation around an address is not part of it: "(www.x.gov.uk)." */
        while (a < b && strchr("(<\"'[", s[a]))
            a++;
        while (b > a && strchr(".,;:!?)>\"']", s[b - 1]) &&
               !(s[b - 1] == ')' && memchr(s + a, '(', b - 1 - a)))
            b--;
        enum address kind = address_kind(s + a, b - a);
        if (kind == NOT_ADDRESS)
            continue;
        char uri[1024];
        int n = snprintf(uri, sizeof uri, "%s%.*s",
                         kind == EMAIL ? "mailto:" : kind == WEB_NO_SCHEME ? "https://" : "",
                         (int)(b - a), s + a);
        if (n < 0 || (size_t)n >= sizeof uri)
            continue;  /* too long to be a real address: left as text */
        lay_add_text(L, s + done, a - done, face, m);
        uint32_t outside = m->tag;
        m->tag = lay_tag_new(L, ROLE_LINK, outside, uri, (size_t)n);
        lay_add_text(L, s + a, b - a, face, m);
        m->tag = outside;
        done = b;
    }
    lay_add_text(L, s + done, len - done, face, m);
}
