/* mustache_standalone.c: pass 3 of compiling a Mustache source (see mustache_compile.c, whose
 * opening comment states the rules): which tags are standalone, so that their line vanishes;
 * the intrinsic indentation of blocks, removed from their bodies; and the whitespace and line
 * ends that go with standalone tags, stripped from the text tokens around them. Works on the
 * token list only: what it decides is recorded in the tokens for pass 4. */
#include "template/mustache_tokens.h"

bool mu_text_blank(const cstate *c, const token *tk)
{
    size_t e = tk->end;
    if (tk->nl) {
        e--;
        if (e > tk->start && c->src[e - 1] == '\r')
            e--;
    }
    for (size_t i = tk->start; i < e; i++)
        if (!mu_is_ws(c->src[i]))
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
        if (!mu_text_blank(c, tk))
            return false;
    }
    return true;
}

static bool right_clear(const cstate *c, int i)
{
    for (int j = i + 1; j < c->ntok; j++) {
        const token *tk = &c->tok[j];
        if (tk->kind != TK_TEXT || !mu_text_blank(c, tk))
            return false;
        if (tk->nl)
            return true;
    }
    return true;
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

/* Removes the intrinsic indentation of blocks, outermost first (token order). */
static void outdent_blocks(cstate *c)
{
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        if (tk->kind != TK_BLOCK || tk->match < 0)
            continue;
        tk->argument = mu_in_parent(c, tk);
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
        while (w < first->end && mu_is_ws(c->src[w]))
            w++;
        if (w == first->start)
            continue;
        tk->indent = first->start;  /* provisional: the intrinsic indentation */
        tk->indent_len = w - first->start;
        tk->has_indent = true;
        outdent(c, i, c->src + tk->indent, tk->indent_len);
    }
}

/* Strips the lines of standalone tags and pairs, recording partials' and blocks' indentation. */
static void strip_standalone(cstate *c)
{
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
            if (tk->lclear && tk->rclear && !mu_in_parent(c, tk)) {
                tk->standalone = true;
                strip_before(c, i);
                strip_after(c, i);
            }
            break;
        }
    }
}

void mu_standalone(cstate *c)
{
    for (int i = 0; i < c->ntok; i++) {
        token *tk = &c->tok[i];
        if (tk->kind != TK_TEXT && tk->kind != TK_VAR && tk->kind != TK_RAW) {
            tk->lclear = left_clear(c, i);
            tk->rclear = right_clear(c, i);
        }
    }
    outdent_blocks(c);
    strip_standalone(c);
}
