/* mustache_tokens.h: the token list the Mustache compiler's passes hand to one another. Private
 * to the compiler: mustache_scan.c (pass 1, source -> tokens), mustache_compile.c (pass 2,
 * matching tags; pass 4, tokens -> instructions) and mustache_standalone.c (pass 3, which lines
 * vanish and how blocks are re-indented). Nothing else includes it.
 *
 * Ownership: one cstate lives on mu_unit_compile's stack for one source; the token array is
 * its own, the unit it fills is handed to the caller. Single-threaded, like compiling. */
#ifndef PBDOCS_MUSTACHE_TOKENS_H
#define PBDOCS_MUSTACHE_TOKENS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

static inline bool mu_is_ws(char c) { return c == ' ' || c == '\t'; }
static inline bool mu_is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static inline bool mu_is_opener(int kind)
{
    return kind == TK_SECTION || kind == TK_INVERTED || kind == TK_PARENT || kind == TK_BLOCK;
}

/* Directly inside a parent (an argument block, or text the parent never prints). */
static inline bool mu_in_parent(const cstate *c, const token *tk)
{
    return tk->container >= 0 && c->tok[tk->container].kind == TK_PARENT;
}

/* Pass 1: fills c->tok; sets c->truncated at an unclosed tag (mustache_scan.c). */
void mu_tokenize(cstate *c);
/* Pass 3: marks standalone tags, strips their lines, outdents blocks (mustache_standalone.c). */
void mu_standalone(cstate *c);

/* Only spaces and tabs before the text token's line end (mustache_standalone.c). */
bool mu_text_blank(const cstate *c, const token *tk);

/* s[0..n) for a message, in buf, shortened with "..." and with line breaks and tabs as spaces. */
const char *mu_show(const char *s, size_t n, char *buf, size_t size);
/* Adds an error at the token's tag (mustache_scan.c). */
void mu_error_tok(cstate *c, const token *tk, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#endif
