/* mustache_compile.c: one Mustache source -> one unit (a flat instruction list).
 *
 * Four passes over a token list, because whether a tag is "standalone" (its line vanishes)
 * depends on what is on both sides of it, and blocks re-indent what they contain:
 *   1. tokenize: text (split after every newline, so a token never spans lines) and tags,
 *      following delimiter changes; syntax errors with line and column;
 *   2. match: pair every opening tag with its closing tag, note each token's container;
 *   3. whitespace: decide which tags are standalone (the spec's rule, plus the inheritance
 *      module's rules for parent and block pairs), remove blocks' intrinsic indentation,
 *      then strip the whitespace and newlines of standalone lines;
 *   4. emit: instructions with line-start flags, text coalesced, dotted names split.
 *
 * Standalone rules (the spec's tests are the definition; spec issue #130 describes them):
 *   - a tag other than {{x}} and {{{x}}} is standalone when only whitespace shares its line;
 *     the whitespace before it and the line end after it are removed, and for a partial the
 *     whitespace becomes the indentation of every line of the partial;
 *   - a parent pair {{<p}}...{{/p}} is standalone when its opening tag starts a line and its
 *     closing tag ends one (what lies between is ignored anyway): it then acts like a standalone
 *     partial;
 *   - an argument block (directly inside a parent) drops the line end after its opening tag if
 *     only whitespace follows, and the whitespace before its closing tag if only whitespace
 *     precedes it; the indentation of its first line ("intrinsic indentation") is removed from
 *     every line of its body;
 *   - a block in a template body is re-indented where it expands: with its own intrinsic
 *     indentation if its opening tag is standalone and its body is indented, else with the
 *     whitespace before the opening tag when the pair starts and ends a line. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "template/mustache_internal.h"

enum tok_kind {
    TK_TEXT, TK_VAR, TK_RAW, TK_SECTION, TK_INVERTED, TK_CLOSE, TK_COMMENT, TK_DELIM,
    TK_PARTIAL, TK_PARENT, TK_BLOCK
};

typedef struct token {
    uint8_t kind;
    bool nl;        /* TEXT: ends with a newline in the source */
    bool dynamic;   /* PARTIAL/PARENT: {{>*name}} */
    bool lclear;    /* only whitespace before the tag on its line */
    bool rclear;    /* only whitespace after the tag on its line */
    bool standalone;/* the tag's line is removed */
    bool pair;      /* PARENT/BLOCK open: the pair starts and ends a line */
    bool argument;  /* BLOCK open or close directly inside a parent */
    bool has_indent;
    size_t start, end;       /* TEXT: current text range; tag: the whole tag */
    size_t name, name_len;   /* tag: the name as written (trimmed, '*' included) */
    size_t indent, indent_len;
    int line, col;
    int match;      /* opening <-> closing tag; -1 */
    int container;  /* the opening tag this token is directly inside; -1 at top level */
} token;

typedef struct cstate {
    mu_template *t;
    const char *path;
    const char *src;
    size_t len;
    diag_list *errs;
    size_t errs_at_start;
    token *tok;
    int ntok;
    size_t cap;
    /* line/column cursor: positions are asked for in increasing order */
    size_t cur_pos;
    int cur_line, cur_col;
    bool truncated;  /* an unclosed tag swallowed the rest of the file */
    mu_unit *u;
    size_t ins_cap, parts_cap;
} cstate;

static bool is_ws(char c) { return c == ' ' || c == '\t'; }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

static void error_tok(cstate *c, const token *tk, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error_tok(cstate *c, const token *tk, const char *fmt, ...)
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
    while (*a < *b && is_space(s[*a]))
        (*a)++;
    while (*b > *a && is_space(s[*b - 1]))
        (*b)--;
}

/* Shows a tag in a message, shortened if long. */
static const char *show(const char *s, size_t n, char *buf, size_t size)
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
    const char *whole = show(s + a, b - a, buf, sizeof buf);
    /* a points just after the opening '=' */
    size_t e = b;
    while (e > a && is_space(s[e - 1]))
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
        while (p < e && is_space(s[p]))
            p++;
        if (p >= e)
            break;
        size_t q = p;
        while (q < e && !is_space(s[q]))
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

static const char *kind_word(int kind)
{
    switch (kind) {
    case TK_SECTION: return "section";
    case TK_INVERTED: return "inverted section";
    case TK_PARENT: return "parent";
    case TK_BLOCK: return "block";
    case TK_PARTIAL: return "partial";
    case TK_CLOSE: return "closing tag";
    default: return "tag";
    }
}

/* Pass 1. Stops at an unclosed tag (the rest of the file would be inside it). */
static void tokenize(cstate *c)
{
    enum { MAXDELIM = 32 };
    const char *s = c->src;
    size_t n = c->len;
    char otag[MAXDELIM] = "{{", ctag[MAXDELIM] = "}}";
    size_t olen = 2, clen = 2;
    size_t pos = 0;
    char buf[80];
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
            while (a < b && is_space(s[a]))
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
        trim(s, &a, &b);
        tk->name = a;
        tk->name_len = b - a;
        const char *whole = show(s + o, after - o, buf, sizeof buf);
        if (a == b) {
            error_at(c, o, "empty tag '%s': a tag needs a name", whole);
            tk->kind = TK_COMMENT;
            continue;
        }
        size_t na = a;
        if ((kind == TK_PARTIAL || kind == TK_PARENT || kind == TK_CLOSE) && s[a] == '*') {
            tk->dynamic = kind != TK_CLOSE;
            na = a + 1;
            while (na < b && is_space(s[na]))
                na++;
            if (na == b) {
                error_at(c, o, "empty tag '%s': '*' needs the name of a field", whole);
                tk->kind = TK_COMMENT;
                continue;
            }
        }
        for (size_t i = na; i < b; i++) {
            if (is_space(s[i])) {
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
}

static bool same_name(const cstate *c, const token *x, const token *y)
{
    return x->name_len == y->name_len && memcmp(c->src + x->name, c->src + y->name, x->name_len) == 0;
}

static bool is_opener(int kind)
{
    return kind == TK_SECTION || kind == TK_INVERTED || kind == TK_PARENT || kind == TK_BLOCK;
}

/* Deeper nesting is refused: rendering recurses once per level. */
enum { MU_MAX_SECTION_DEPTH = 100 };

/* Pass 2: pairs opening and closing tags; reports every mismatch it can. */
static void match(cstate *c)
{
    int *stack = xreallocarray(NULL, (size_t)c->ntok + 1, sizeof *stack);
    int depth = 0;
    char b1[80], b2[80];
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        tk->container = depth ? stack[depth - 1] : -1;
        if (is_opener(tk->kind)) {
            if (depth == MU_MAX_SECTION_DEPTH) {
                error_tok(c, tk, "sections nested more than %d deep", MU_MAX_SECTION_DEPTH);
                break;
            }
            stack[depth++] = i;
            continue;
        }
        if (tk->kind != TK_CLOSE)
            continue;
        const char *nm = show(c->src + tk->name, tk->name_len, b1, sizeof b1);
        if (depth == 0) {
            error_tok(c, tk, "closing tag '%s' has no open section", nm);
            tk->kind = TK_COMMENT;
            continue;
        }
        token *open = &c->tok[stack[depth - 1]];
        if (same_name(c, open, tk)) {
            open->match = i;
            tk->match = stack[depth - 1];
            depth--;
            tk->container = depth ? stack[depth - 1] : -1;
            continue;
        }
        int k = depth - 1;
        while (k >= 0 && !same_name(c, &c->tok[stack[k]], tk))
            k--;
        error_tok(c, tk, "closing tag '%s' does not match the open %s '%s' (opened at %d:%d)", nm,
                  kind_word(open->kind), show(c->src + open->name, open->name_len, b2, sizeof b2),
                  open->line, open->col);
        if (k < 0) {
            tk->kind = TK_COMMENT;  /* a stray close: ignore it */
            continue;
        }
        /* close the named one; the ones opened inside it are unclosed (reported once, here) */
        c->tok[stack[k]].match = i;
        tk->match = stack[k];
        for (int j = k + 1; j < depth; j++)
            c->tok[stack[j]].match = -2;
        depth = k;
        tk->container = depth ? stack[depth - 1] : -1;
    }
    for (int k = 0; k < depth; k++) {
        token *open = &c->tok[stack[k]];
        error_tok(c, open, "unclosed %s '%s': no {{/%s}} closes it", kind_word(open->kind),
                  show(c->src + open->name, open->name_len, b1, sizeof b1), b1);
    }
    free(stack);
}

/* ---- pass 3: whitespace ---- */

static bool text_blank(const cstate *c, const token *tk)
{
    size_t e = tk->end;
    if (tk->nl) {
        e--;
        if (e > tk->start && c->src[e - 1] == '\r')
            e--;
    }
    for (size_t i = tk->start; i < e; i++)
        if (!is_ws(c->src[i]))
            return false;
    return true;
}

static bool left_clear(const cstate *c, int i)
{
    for (int j = i - 1; j >= 0; j--) {
        const token *tk = &c->tok[j];
        if (tk->kind != TK_TEXT)
            return false;
        if (tk->nl)
            return true;
        if (!text_blank(c, tk))
            return false;
    }
    return true;
}

static bool right_clear(const cstate *c, int i)
{
    for (int j = i + 1; j < c->ntok; j++) {
        const token *tk = &c->tok[j];
        if (tk->kind != TK_TEXT || !text_blank(c, tk))
            return false;
        if (tk->nl)
            return true;
    }
    return true;
}

static bool in_parent(const cstate *c, const token *tk)
{
    return tk->container >= 0 && c->tok[tk->container].kind == TK_PARENT;
}

/* Removes the whitespace before tag i on its line; records it as i's indentation. */
static void strip_before(cstate *c, int i)
{
    token *tag = &c->tok[i];
    if (i > 0) {
        token *tk = &c->tok[i - 1];
        if (tk->kind == TK_TEXT && !tk->nl) {
            tag->indent = tk->start;
            tag->indent_len = tk->end - tk->start;
            tk->end = tk->start;
        }
    }
    tag->has_indent = true;
}

/* Removes the whitespace and the line end after tag i. */
static void strip_after(cstate *c, int i)
{
    if (i + 1 < c->ntok && c->tok[i + 1].kind == TK_TEXT)
        c->tok[i + 1].start = c->tok[i + 1].end;
}

/* Removes up to `want` (a run of spaces and tabs) from the start of every line of the body of
 * the block opened at i (lines whose start is not in a text token keep theirs: a tag there). */
static void outdent(cstate *c, int i, const char *want, size_t wlen)
{
    for (int j = i + 1; j < c->tok[i].match; j++) {
        token *tk = &c->tok[j];
        token *prev = &c->tok[j - 1];
        if (tk->kind != TK_TEXT || prev->kind != TK_TEXT || !prev->nl)
            continue;
        size_t k = 0;
        while (k < wlen && tk->start < tk->end && c->src[tk->start] == want[k] && c->src[tk->start] != '\n') {
            tk->start++;
            k++;
        }
    }
}

static void whitespace(cstate *c)
{
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        if (tk->kind != TK_TEXT && tk->kind != TK_VAR && tk->kind != TK_RAW) {
            tk->lclear = left_clear(c, i);
            tk->rclear = right_clear(c, i);
        }
    }
    /* intrinsic indentation of blocks, outermost first (token order) */
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        if (tk->kind != TK_BLOCK || tk->match < 0)
            continue;
        tk->argument = in_parent(c, tk);
        c->tok[tk->match].argument = tk->argument;
        bool opens_line = tk->argument ? tk->rclear : tk->lclear && tk->rclear;
        if (!opens_line)
            continue;
        /* the body's first line is the token after the open tag's line end */
        int j = i + 1;
        if (j < c->ntok && c->tok[j].kind == TK_TEXT)
            j++;
        if (j >= tk->match || c->tok[j].kind != TK_TEXT)
            continue;
        token *first = &c->tok[j];
        size_t w = first->start;
        while (w < first->end && is_ws(c->src[w]))
            w++;
        if (w == first->start)
            continue;
        tk->indent = first->start;  /* provisional: the intrinsic indentation */
        tk->indent_len = w - first->start;
        tk->has_indent = true;
        outdent(c, i, c->src + tk->indent, tk->indent_len);
    }
    /* strip standalone lines */
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        switch (tk->kind) {
        case TK_TEXT: case TK_VAR: case TK_RAW:
            break;
        case TK_PARENT:
            if (tk->match >= 0 && tk->lclear && c->tok[tk->match].rclear) {
                tk->pair = true;
                strip_before(c, i);
                strip_after(c, tk->match);
            }
            break;
        case TK_BLOCK:
            if (tk->match < 0)
                break;
            if (tk->argument) {
                if (tk->rclear)
                    strip_after(c, i);
                break;
            }
            tk->standalone = tk->lclear && tk->rclear;
            tk->pair = tk->lclear && c->tok[tk->match].rclear;
            if (tk->has_indent) {  /* intrinsic indentation wins; the line goes */
                size_t keep = tk->indent, keep_len = tk->indent_len;
                strip_before(c, i);
                tk->indent = keep;
                tk->indent_len = keep_len;
                strip_after(c, i);
            } else if (tk->standalone || tk->pair) {
                strip_before(c, i);
                if (tk->standalone)
                    strip_after(c, i);
                if (!tk->pair)
                    tk->indent_len = 0;
            }
            break;
        case TK_CLOSE: {
            if (tk->match < 0)
                break;
            token *open = &c->tok[tk->match];
            if (open->kind == TK_PARENT)
                break;  /* handled with its opening tag */
            if (tk->argument) {
                if (tk->lclear)
                    strip_before(c, i);
                tk->has_indent = false;
                break;
            }
            if (tk->lclear && tk->rclear) {
                tk->standalone = true;
                strip_before(c, i);
                strip_after(c, i);
                tk->has_indent = false;
            }
            break;
        }
        default:  /* comment, delimiters, section, inverted, partial */
            if (tk->lclear && tk->rclear && !in_parent(c, tk)) {
                tk->standalone = true;
                strip_before(c, i);
                strip_after(c, i);
            }
            break;
        }
    }
}

/* ---- pass 4: instructions ---- */

static mu_instr *new_instr(cstate *c, int op, const token *tk)
{
    mu_unit *u = c->u;
    u->ins = xgrow(u->ins, &c->ins_cap, u->n + 1, sizeof *u->ins);
    mu_instr *in = &u->ins[u->n++];
    memset(in, 0, sizeof *in);
    in->op = (uint8_t)op;
    in->line = tk->line;
    in->col = tk->col;
    return in;
}

static void add_part(cstate *c, const char *s, size_t n)
{
    mu_unit *u = c->u;
    u->parts = xgrow(u->parts, &c->parts_cap, u->nparts + 1, sizeof *u->parts);
    u->parts[u->nparts++] = (mu_part){s, (uint32_t)n};
}

/* Sets the instruction's name (after '*' when dynamic) and splits it at dots. */
static void set_name(cstate *c, mu_instr *in, const token *tk)
{
    const char *s = c->src + tk->name;
    size_t n = tk->name_len;
    if (tk->dynamic) {
        s++;
        n--;
        while (n && is_space(*s)) {
            s++;
            n--;
        }
        in->flags |= IF_DYNAMIC;
    }
    in->str = s;
    in->len = n;
    in->part0 = (uint32_t)c->u->nparts;
    if (n == 1 && s[0] == '.')
        return;  /* the implicit iterator: no segments */
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            add_part(c, s + a, i - a);
            in->nparts++;
            a = i + 1;
        }
    }
}

enum { BOL_NO, BOL_YES, BOL_FIRST };

static void take_bol(mu_instr *in, int *bol)
{
    if (*bol == BOL_YES)
        in->flags |= IF_BOL;
    else if (*bol == BOL_FIRST)
        in->flags |= IF_FIRST_LINE;
    *bol = BOL_NO;
}

static void emit(cstate *c)
{
    mu_unit *u = c->u;
    bool strict = c->t->opt.strict;
    int *open = xreallocarray(NULL, (size_t)c->ntok + 1, sizeof *open);  /* token -> instr index */
    int bol = BOL_FIRST;
    long last_text = -1;  /* instruction that contiguous text may extend */
    char b1[80], b2[80];
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        if (in_parent(c, tk) && !(tk->kind == TK_BLOCK || (tk->kind == TK_CLOSE && tk->argument))) {
            /* directly inside a parent, outside any block: never rendered */
            const token *p = &c->tok[tk->container];
            show(c->src + p->name, p->name_len, b2, sizeof b2);
            if (tk->kind == TK_TEXT) {
                if (strict && !text_blank(c, tk))
                    error_tok(c, tk, "text inside parent '%s' but outside any block would never be printed", b2);
            } else if (tk->kind != TK_COMMENT && tk->kind != TK_DELIM) {
                if (strict)
                    error_tok(c, tk, "'%s' inside parent '%s' but outside any block would never be rendered",
                              show(c->src + tk->start, tk->end - tk->start, b1, sizeof b1), b2);
                if (is_opener(tk->kind) && tk->match > i)
                    i = tk->match;
            }
            continue;
        }
        switch (tk->kind) {
        case TK_TEXT:
            if (tk->end > tk->start) {
                if (last_text >= 0 && (long)u->n == last_text + 1 &&
                    u->ins[last_text].str + u->ins[last_text].len == c->src + tk->start) {
                    u->ins[last_text].len += tk->end - tk->start;
                } else {
                    mu_instr *in = new_instr(c, OP_TEXT, tk);
                    in->str = c->src + tk->start;
                    in->len = tk->end - tk->start;
                    take_bol(in, &bol);
                    last_text = (long)u->n - 1;
                }
                bol = BOL_NO;
            }
            if (tk->nl)
                bol = BOL_YES;
            break;
        case TK_VAR: case TK_RAW: {
            mu_instr *in = new_instr(c, tk->kind == TK_VAR ? OP_VAR : OP_RAW, tk);
            set_name(c, in, tk);
            take_bol(in, &bol);
            break;
        }
        case TK_SECTION: case TK_INVERTED: {
            mu_instr *in = new_instr(c, tk->kind == TK_SECTION ? OP_SECTION : OP_INVERTED, tk);
            set_name(c, in, tk);
            if (!tk->standalone)
                take_bol(in, &bol);
            open[i] = (int)u->n - 1;
            break;
        }
        case TK_PARTIAL: {
            mu_instr *in = new_instr(c, OP_PARTIAL, tk);
            set_name(c, in, tk);
            if (tk->standalone) {
                in->flags |= IF_STARTS_LINE;
                in->indent = c->src + tk->indent;
                in->indent_len = tk->indent_len;
            } else {
                take_bol(in, &bol);
            }
            break;
        }
        case TK_PARENT: case TK_BLOCK: {
            mu_instr *in = new_instr(c, tk->kind == TK_PARENT ? OP_PARENT : OP_BLOCK, tk);
            set_name(c, in, tk);
            if (tk->pair || tk->standalone || (tk->kind == TK_BLOCK && tk->has_indent)) {
                in->flags |= IF_STARTS_LINE;
                in->indent = c->src + tk->indent;
                in->indent_len = tk->indent_len;
            } else if (!tk->argument) {
                take_bol(in, &bol);
            }
            open[i] = (int)u->n - 1;
            bol = BOL_FIRST;  /* a body is a template of its own */
            break;
        }
        case TK_CLOSE: {
            if (tk->match < 0)
                break;
            mu_instr *in = &u->ins[open[tk->match]];
            in->end = (uint32_t)u->n;
            in->end_line = tk->line;
            in->end_col = tk->col;
            if (in->op == OP_PARENT || in->op == OP_BLOCK)
                bol = BOL_NO;
            break;
        }
        default:  /* comments and delimiter changes print nothing */
            break;
        }
        if (tk->kind != TK_TEXT)
            last_text = -1;
    }
    free(open);
}

/* Resolves static partial and parent names through the template's cache. */
static void link_partials(cstate *c)
{
    mu_unit *u = c->u;
    char b1[80];
    for (size_t i = 0; i < u->n; i++) {
        mu_instr *in = &u->ins[i];
        if ((in->op != OP_PARTIAL && in->op != OP_PARENT) || (in->flags & IF_DYNAMIC))
            continue;
        /* may compile other units, never this one: `in` stays valid */
        in->partial = mu_partial_get(c->t, in->str, in->len, c->errs);
        if (in->partial->state == PARTIAL_MISSING && c->t->opt.strict)
            diag_add_class(c->errs, DIAG_TEMPLATE, c->path, in->line, in->col, NULL, NULL,
                           "unknown %s '%s'", in->op == OP_PARTIAL ? "partial" : "parent",
                           show(in->str, in->len, b1, sizeof b1));
        else if (in->partial->state == PARTIAL_BROKEN)
            diag_add_class(c->errs, DIAG_TEMPLATE, c->path, in->line, in->col, NULL, NULL,
                           "%s '%s' has errors (reported above)",
                           in->op == OP_PARTIAL ? "partial" : "parent",
                           show(in->str, in->len, b1, sizeof b1));
    }
}

void mu_unit_free(mu_unit *u)
{
    if (!u)
        return;
    free(u->path);
    free(u->src);
    free(u->ins);
    free(u->parts);
    free(u);
}

mu_unit *mu_unit_compile(mu_template *t, char *path, char *src, size_t len, diag_list *errs)
{
    mu_unit *u = xcalloc(1, sizeof *u);
    u->path = path;
    u->src = src;
    u->src_len = len;
    cstate c = {
        .t = t, .path = path, .src = src, .len = len, .errs = errs, .errs_at_start = errs->len,
        .cur_line = 1, .cur_col = 1, .u = u,
    };
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {  /* a byte-order mark is not text */
        c.src += 3;
        c.len -= 3;
    }
    tokenize(&c);
    if (!c.truncated)
        match(&c);
    if (errs->len == c.errs_at_start) {
        whitespace(&c);
        emit(&c);
    }
    free(c.tok);
    if (errs->len == c.errs_at_start)
        link_partials(&c);
    if (errs->len != c.errs_at_start) {
        mu_unit_free(u);
        return NULL;
    }
    return u;
}
