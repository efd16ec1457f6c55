/* mustache_scan.c: pass 1 of compiling a Mustache source (see mustache_compile.c): the source
 * becomes a token list. Text is split after every newline, so a token never spans lines (pass 3
 * decides line by line what is standalone); tags are found with the current delimiters, which
 * {{=<% %>=}} changes; syntax errors are reported with line and column. Also the helpers every
 * pass uses to report an error at a position or a token. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"
#include "template/mustache_tokens.h"

static void where(cstate *c, size_t pos, int *line, int *col)
{
    if (pos < c->cur_pos) {  /* never expected; restart from the top */
        c->cur_pos = 0;
        c->cur_line = 1;
        c->cur_col = 1;
    }
    for (; c->cur_pos < pos; c->cur_pos++) {
        unsigned char ch = (unsigned char)c->src[c->cur_pos];
        if (ch == '\n') {
            c->cur_line++;
            c->cur_col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            /* a UTF-8 continuation byte does not start a new character */
            c->cur_col += 1;
        }
    }
    /* a position inside a multibyte character is never asked for */
    *line = c->cur_line;
    *col = c->cur_col;
}

static void error_at(cstate *c, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error_at(cstate *c, size_t pos, const char *fmt, ...)
{
    int line, col;
    where(c, pos, &line, &col);
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add_class(c->errs, DIAG_TEMPLATE, c->path, line, col, NULL, NULL, "%s", msg);
}

void mu_error_tok(cstate *c, const token *tk, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add_class(c->errs, DIAG_TEMPLATE, c->path, tk->line, tk->col, NULL, NULL, "%s", msg);
}

static token *new_token(cstate *c, int kind)
{
    c->tok = xgrow(c->tok, &c->cap, (size_t)c->ntok + 1, sizeof *c->tok);
    token *tk = &c->tok[c->ntok++];
    memset(tk, 0, sizeof *tk);
    tk->kind = (uint8_t)kind;
    tk->match = -1;
    tk->container = -1;
    return tk;
}

/* Adds src[a..b) as text tokens, one per line piece. */
static void add_text(cstate *c, size_t a, size_t b)
{
    while (a < b) {
        const char *nl = memchr(c->src + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - c->src) + 1 : b;
        token *tk = new_token(c, TK_TEXT);
        tk->start = a;
        tk->end = e;
        tk->nl = nl != NULL;
        where(c, a, &tk->line, &tk->col);
        a = e;
    }
}

static size_t find(const char *s, size_t n, size_t from, const char *pat, size_t plen)
{
    if (plen == 0 || n < plen)
        return n;
    for (size_t i = from; i + plen <= n; i++) {
        if (s[i] == pat[0] && memcmp(s + i, pat, plen) == 0)
            return i;
    }
    return n;
}

static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && mu_is_space(s[*a]))
        (*a)++;
    while (*b > *a && mu_is_space(s[*b - 1]))
        (*b)--;
}

const char *mu_show(const char *s, size_t n, char *buf, size_t size)
{
    size_t max = size - 4;
    if (n > max) {
        memcpy(buf, s, max);
        memcpy(buf + max, "...", 4);
    } else {
        memcpy(buf, s, n);
        buf[n] = '\0';
    }
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return buf;
}

/* {{=<% %>=}}: content is what lies between the delimiters. Returns false on a bad change. */
static bool set_delimiters(cstate *c, size_t tag_pos, size_t a, size_t b, char *otag,
                           size_t *olen, char *ctag, size_t *clen, size_t maxlen)
{
    const char *s = c->src;
    char buf[80];
    const char *whole = mu_show(s + a, b - a, buf, sizeof buf);
    /* a points just after the opening '=' */
    size_t e = b;
    while (e > a && mu_is_space(s[e - 1]))
        e--;
    if (e == a || s[e - 1] != '=') {
        error_at(c, tag_pos, "bad delimiter change '%s': it must end with '=' (as in {{=<%% %%>=}})", whole);
        return false;
    }
    e--;
    size_t p = a;
    size_t d[2][2];
    int nd = 0;
    while (p < e) {
        while (p < e && mu_is_space(s[p]))
            p++;
        if (p >= e)
            break;
        size_t q = p;
        while (q < e && !mu_is_space(s[q]))
            q++;
        if (nd < 2) {
            d[nd][0] = p;
            d[nd][1] = q;
        }
        nd++;
        p = q;
    }
    if (nd != 2) {
        error_at(c, tag_pos, "bad delimiter change '%s': it needs exactly two delimiters separated by a space", whole);
        return false;
    }
    for (int i = 0; i < 2; i++) {
        size_t n = d[i][1] - d[i][0];
        if (memchr(s + d[i][0], '=', n)) {
            error_at(c, tag_pos, "bad delimiter change '%s': a delimiter may not contain '='", whole);
            return false;
        }
        if (n > maxlen) {
            error_at(c, tag_pos, "bad delimiter change '%s': a delimiter may be at most %zu bytes", whole, maxlen);
            return false;
        }
    }
    *olen = d[0][1] - d[0][0];
    memcpy(otag, s + d[0][0], *olen);
    *clen = d[1][1] - d[1][0];
    memcpy(ctag, s + d[1][0], *clen);
    return true;
}

static bool find_dots(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return true;
    return false;
}

static int kind_of_sigil(char ch)
{
    switch (ch) {
    case '!': return TK_COMMENT;
    case '=': return TK_DELIM;
    case '&': return TK_RAW;
    case '#': return TK_SECTION;
    case '^': return TK_INVERTED;
    case '/': return TK_CLOSE;
    case '>': return TK_PARTIAL;
    case '<': return TK_PARENT;
    case '$': return TK_BLOCK;
    default: return TK_VAR;
    }
}

/* Records the name of the tag tk, whose content (after any sigil) is src[a..b), and checks it:
 * a tag with a bad name is reported and becomes a comment, so later passes skip it. */
static void check_name(cstate *c, token *tk, size_t a, size_t b)
{
    const char *s = c->src;
    size_t o = tk->start;
    int kind = tk->kind;
    char buf[80];
    trim(s, &a, &b);
    tk->name = a;
    tk->name_len = b - a;
    const char *whole = mu_show(s + o, tk->end - o, buf, sizeof buf);
    if (a == b) {
        error_at(c, o, "empty tag '%s': a tag needs a name", whole);
        tk->kind = TK_COMMENT;
        return;
    }
    size_t na = a;
    if ((kind == TK_PARTIAL || kind == TK_PARENT || kind == TK_CLOSE) && s[a] == '*') {
        tk->dynamic = kind != TK_CLOSE;
        na = a + 1;
        while (na < b && mu_is_space(s[na]))
            na++;
        if (na == b) {
            error_at(c, o, "empty tag '%s': '*' needs the name of a field", whole);
            tk->kind = TK_COMMENT;
            return;
        }
    }
    for (size_t i = na; i < b; i++) {
        if (mu_is_space(s[i])) {
            error_at(c, o, "bad tag '%s': a name cannot contain spaces", whole);
            tk->kind = TK_COMMENT;
            break;
        }
    }
    bool dotted_ok = b - na == 1 || (s[na] != '.' && s[b - 1] != '.' && !find_dots(s + na, b - na));
    if (tk->kind != TK_COMMENT && kind != TK_BLOCK && !dotted_ok) {
        error_at(c, o, "bad tag '%s': a dotted name needs a field name between the dots", whole);
        tk->kind = TK_COMMENT;
    }
}

/* Pass 1. Stops at an unclosed tag (the rest of the file would be inside it). */
void mu_tokenize(cstate *c)
{
    enum { MAXDELIM = 32 };
    const char *s = c->src;
    size_t n = c->len;
    char otag[MAXDELIM] = "{{", ctag[MAXDELIM] = "}}";
    size_t olen = 2, clen = 2;
    size_t pos = 0;
    while (pos < n) {
        size_t o = find(s, n, pos, otag, olen);
        add_text(c, pos, o);
        if (o >= n)
            break;
        size_t p = o + olen, a, b, after;
        int kind;
        if (p < n && s[p] == '{') {
            /* triple mustache: the name ends at '}' followed by the closing delimiter */
            size_t q = p + 1;
            for (;;) {
                q = find(s, n, q, "}", 1);
                if (q >= n || (n - q - 1 >= clen && memcmp(s + q + 1, ctag, clen) == 0))
                    break;
                q++;
            }
            if (q >= n) {
                error_at(c, o, "unclosed tag '%.*s{': no '}%.*s' closes it", (int)olen, otag, (int)clen, ctag);
                c->truncated = true;
                return;
            }
            a = p + 1;
            b = q;
            after = q + 1 + clen;
            kind = TK_RAW;
        } else {
            size_t q = find(s, n, p, ctag, clen);
            if (q >= n) {
                error_at(c, o, "unclosed tag '%.*s': no '%.*s' closes it", (int)olen, otag, (int)clen, ctag);
                c->truncated = true;
                return;
            }
            a = p;
            b = q;
            after = q + clen;
            while (a < b && mu_is_space(s[a]))
                a++;
            kind = a < b ? kind_of_sigil(s[a]) : TK_VAR;
            if (kind != TK_VAR)
                a++;
        }
        token *tk = new_token(c, kind);
        tk->start = o;
        tk->end = after;
        where(c, o, &tk->line, &tk->col);
        pos = after;
        if (kind == TK_COMMENT)
            continue;
        if (kind == TK_DELIM) {
            size_t nolen, nclen;
            char no[MAXDELIM], nc[MAXDELIM];
            if (set_delimiters(c, o, a, b, no, &nolen, nc, &nclen, MAXDELIM - 1)) {
                memcpy(otag, no, nolen);
                olen = nolen;
                memcpy(ctag, nc, nclen);
                clen = nclen;
            }
            continue;
        }
        check_name(c, tk, a, b);
    }
}

