/* mustache_compile.c: one Mustache source -> one unit (a flat instruction list).
 *
 * Four passes over a token list (mustache_tokens.h), because whether a tag is "standalone" (its
 * line vanishes) depends on what is on both sides of it, and blocks re-indent what they contain:
 *   1. tokenize (mustache_scan.c): text (split after every newline, so a token never spans
 *      lines) and tags, following delimiter changes; syntax errors with line and column;
 *   2. match (here): pair every opening tag with its closing tag, note each token's container;
 *   3. whitespace (mustache_standalone.c): decide which tags are standalone (the spec's rule,
 *      plus the inheritance module's rules for parent and block pairs), remove blocks'
 *      intrinsic indentation, then strip the whitespace and newlines of standalone lines;
 *   4. emit (here): instructions with line-start flags, text coalesced, dotted names split;
 *      then static partial and parent names are resolved through the template's cache.
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
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "template/mustache_tokens.h"

/* ---- pass 2: matching ---- */

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

static bool same_name(const cstate *c, const token *x, const token *y)
{
    return x->name_len == y->name_len && memcmp(c->src + x->name, c->src + y->name, x->name_len) == 0;
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
        if (mu_is_opener(tk->kind)) {
            if (depth == MU_MAX_SECTION_DEPTH) {
                mu_error_tok(c, tk, "sections nested more than %d deep", MU_MAX_SECTION_DEPTH);
                break;
            }
            stack[depth++] = i;
            continue;
        }
        if (tk->kind != TK_CLOSE)
            continue;
        const char *nm = mu_show(c->src + tk->name, tk->name_len, b1, sizeof b1);
        if (depth == 0) {
            mu_error_tok(c, tk, "closing tag '%s' has no open section", nm);
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
        mu_error_tok(c, tk, "closing tag '%s' does not match the open %s '%s' (opened at %d:%d)", nm,
                  kind_word(open->kind), mu_show(c->src + open->name, open->name_len, b2, sizeof b2),
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
        mu_error_tok(c, open, "unclosed %s '%s': no {{/%s}} closes it", kind_word(open->kind),
                  mu_show(c->src + open->name, open->name_len, b1, sizeof b1), b1);
    }
    free(stack);
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
        while (n && mu_is_space(*s)) {
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

/* Token i lies directly inside a parent, outside any block, so it is never rendered: in strict
 * mode that is an error unless it is blank text. Returns the last token to skip (a section's
 * closing tag, so its contents are skipped with it). */
static int skip_outside_blocks(cstate *c, int i)
{
    const token *tk = &c->tok[i];
    bool strict = c->t->opt.strict;
    char b1[80], b2[80];
    const token *p = &c->tok[tk->container];
    mu_show(c->src + p->name, p->name_len, b2, sizeof b2);
    if (tk->kind == TK_TEXT) {
        if (strict && !mu_text_blank(c, tk))
            mu_error_tok(c, tk, "text inside parent '%s' but outside any block would never be printed", b2);
    } else if (tk->kind != TK_COMMENT && tk->kind != TK_DELIM) {
        if (strict)
            mu_error_tok(c, tk, "'%s' inside parent '%s' but outside any block would never be rendered",
                         mu_show(c->src + tk->start, tk->end - tk->start, b1, sizeof b1), b2);
        if (mu_is_opener(tk->kind) && tk->match > i)
            return tk->match;
    }
    return i;
}

/* A text token: extends the text instruction *last_text when it continues it in the source. */
static void emit_text(cstate *c, const token *tk, int *bol, long *last_text)
{
    mu_unit *u = c->u;
    if (tk->end > tk->start) {
        if (*last_text >= 0 && (long)u->n == *last_text + 1 &&
            u->ins[*last_text].str + u->ins[*last_text].len == c->src + tk->start) {
            u->ins[*last_text].len += tk->end - tk->start;
        } else {
            mu_instr *in = new_instr(c, OP_TEXT, tk);
            in->str = c->src + tk->start;
            in->len = tk->end - tk->start;
            take_bol(in, bol);
            *last_text = (long)u->n - 1;
        }
        *bol = BOL_NO;
    }
    if (tk->nl)
        *bol = BOL_YES;
}

/* Pass 4: the unit's instructions, from the tokens passes 2 and 3 have marked. */
static void emit(cstate *c)
{
    mu_unit *u = c->u;
    int *open = xreallocarray(NULL, (size_t)c->ntok + 1, sizeof *open);  /* token -> instr index */
    int bol = BOL_FIRST;
    long last_text = -1;  /* instruction that contiguous text may extend */
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        if (mu_in_parent(c, tk) && !(tk->kind == TK_BLOCK || (tk->kind == TK_CLOSE && tk->argument))) {
            i = skip_outside_blocks(c, i);
            continue;
        }
        switch (tk->kind) {
        case TK_TEXT:
            emit_text(c, tk, &bol, &last_text);
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
                           "unknown %s '%s'",
                           in->op == OP_PARTIAL ? "partial" : "parent",
                           mu_show(in->str, in->len, b1, sizeof b1));
        else if (in->partial->state == PARTIAL_BROKEN)
            diag_add_class(c->errs, DIAG_TEMPLATE, c->path, in->line, in->col, NULL, NULL,
                           "%s '%s' has errors (reported above)",
                           in->op == OP_PARTIAL ? "partial" : "parent",
                           mu_show(in->str, in->len, b1, sizeof b1));
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
    mu_tokenize(&c);
    if (!c.truncated)
        match(&c);
    if (errs->len == c.errs_at_start) {
        mu_standalone(&c);
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
