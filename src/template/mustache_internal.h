/* mustache_internal.h: the compiled form shared by mustache_compile.c (source -> instructions,
 * with mustache_scan.c and mustache_standalone.c; see mustache_tokens.h), mustache_render.c
 * (instructions + data -> text) and mustache.c (the template set and its partial cache).
 * Nothing outside src/template includes this.
 *
 * A unit is one source file compiled to a flat instruction list. A container instruction
 * (section, inverted section, block, parent) is followed by its children and records in `end`
 * the index just past them, so rendering is a loop over an array with recursion only where the
 * data nests. A parent's children are only its argument blocks.
 *
 * Indentation (standalone partials, parents and blocks) is applied while rendering, never by
 * rewriting sources, so a partial is compiled once whatever indentation it is used at:
 *   - IF_BOL marks an instruction that starts a source line: it gets the current indentation;
 *   - IF_FIRST_LINE marks the instruction that starts the first line of a unit or block body:
 *     it gets the indentation only when the expansion itself starts a line (IF_STARTS_LINE on
 *     the partial, parent or block instruction that expands it);
 *   - a text instruction also gets the indentation after each newline inside it. */
#ifndef PBDOCS_MUSTACHE_INTERNAL_H
#define PBDOCS_MUSTACHE_INTERNAL_H
#include <pthread.h>
#include <stdint.h>

#include "template/mustache.h"

enum mu_op { OP_TEXT, OP_VAR, OP_RAW, OP_SECTION, OP_INVERTED, OP_PARTIAL, OP_PARENT, OP_BLOCK };

enum {
    IF_BOL = 1,          /* starts a source line */
    IF_FIRST_LINE = 2,   /* starts the first line of its unit or block body */
    IF_STARTS_LINE = 4,  /* partial/parent/block: the expansion starts a line (standalone) */
    IF_DYNAMIC = 8,      /* partial/parent: the name is looked up in the data ({{>*name}}) */
};

typedef struct mu_part {  /* one segment of a dotted name, pointing into the unit's source */
    const char *s;
    uint32_t len;
} mu_part;

typedef struct mu_partial mu_partial;

typedef struct mu_instr {
    uint8_t op, flags;
    uint16_t nparts;       /* dotted name segments (0 for ".") */
    uint32_t part0;        /* index of the first segment in unit->parts */
    uint32_t end;          /* containers: index just past the last child */
    int line, col;         /* of the tag (or of the text) */
    int end_line, end_col; /* containers: of the closing tag */
    const char *str;       /* OP_TEXT: the text; tags: the name (after '*' when dynamic) */
    size_t len;
    const char *indent;    /* partial/parent/block: indentation added to each line expanded */
    size_t indent_len;
    mu_partial *partial;   /* static partial/parent: its cache entry */
} mu_instr;

typedef struct mu_unit {
    char *path;            /* display path for messages */
    char *src;             /* owned copy of the source; every pointer above points into it */
    size_t src_len;
    mu_instr *ins;
    size_t n;
    mu_part *parts;
    size_t nparts;
} mu_unit;

typedef enum { PARTIAL_LOADING, PARTIAL_OK, PARTIAL_MISSING, PARTIAL_BROKEN } mu_partial_state;

struct mu_partial {
    char *name;
    mu_unit *unit;         /* PARTIAL_OK (or LOADING: being compiled, self-reference) */
    mu_partial_state state;
};

struct mu_template {
    mu_options opt;
    mu_unit *root;
    mu_partial **partials;  /* the cache: every name asked for, found or not */
    size_t npartials, cap;
    /* Held by a render that looks a partial up by a name from the data ({{>*name}}): the cache
     * may grow then, while other threads render the same template. */
    pthread_mutex_t lock;
};

/* Compiles src (taking ownership of it) into a unit; NULL with errors in errs. Partials named
 * statically are resolved through t's cache (and compiled if new). */
mu_unit *mu_unit_compile(mu_template *t, char *path, char *src, size_t len, diag_list *errs);
void mu_unit_free(mu_unit *u);

/* The cache entry for a partial name, loading and compiling it the first time. Never NULL. */
mu_partial *mu_partial_get(mu_template *t, const char *name, size_t len, diag_list *errs);
#endif
