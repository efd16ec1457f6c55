/* mustache.h: pbdocs' Mustache engine (spec v1.4 with ~inheritance and ~dynamic-names; no
 * lambdas, which do not apply to XML data).
 *
 * A template is compiled once into a flat instruction list (text, variables, sections with the
 * index where they end, partials, parents, blocks) and rendered many times against a mu_value
 * tree. Partials are compiled on first use and cached in the template, so a batch that renders
 * the same letter thousands of times parses every file once.
 *
 * The engine knows nothing of XML, Markdown or PDF: data comes as mu_value (value.h) and the
 * escaping of {{name}} is a parameter (escape.h has HTML for the spec, Markdown for letters).
 *
 * Errors are values: every problem goes into a diag_list with FILE:LINE:COL (columns count
 * characters, not bytes). A template error never crashes and mu_render never leaves half a
 * letter in `out`.
 *
 * Threads: a compiled template may be rendered by many threads at once (a batch's workers share
 * one). A partial named by data ({{>*name}}) is compiled the first time it is asked for, under
 * the template's lock; everything else is read-only after mu_compile. */
#ifndef PBDOCS_MUSTACHE_H
#define PBDOCS_MUSTACHE_H
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/strbuf.h"
#include "template/value.h"

typedef struct mu_template mu_template;

/* Loads a partial's source by name; returns malloc'd text (and *path_out malloc'd display path
 * for errors, or NULL to use the name), or NULL if there is no such partial. */
typedef char *(*mu_partial_loader)(void *ud, const char *name, char **path_out);

/* Appends s[0..n) to out, escaped. NULL means "no escaping". */
typedef void (*mu_escape_fn)(strbuf *out, const char *s, size_t n);

typedef struct mu_options {
    mu_partial_loader load_partial;  /* NULL: no partials (every {{>x}} is unknown) */
    void *loader_ud;
    /* Strict (letters): a name that resolves to nothing (missing, or null) is an error naming
     * the tag and the data paths tried; so is an unknown partial or parent, and text or tags
     * directly inside a parent but outside any block (they would silently vanish).
     * Lenient (the spec): misses render as "", unknown partials as "". */
    bool strict;
    int max_partial_depth;  /* nesting of partials/parents/blocks while rendering; <= 0: 64 */
    /* A render fails (with an error at the tag where it stopped) once it has written more than
     * max_output bytes (0: 16 MiB) or executed more than max_steps instructions (0: one million):
     * partials used twice at every level, or sections over lists nested deep, can otherwise ask
     * for output or work exponential in the template's size. */
    size_t max_output;
    unsigned long max_steps;
} mu_options;

/* Compiles src (len bytes; path is only for messages). Partials named in the template are
 * loaded and compiled now, recursively, so their syntax errors (and, in strict mode, unknown
 * partials) are reported here. Returns NULL with every problem found in errs. opt may be NULL
 * (lenient, no partials). The options are copied. */
mu_template *mu_compile(const char *path, const char *src, size_t len, const mu_options *opt,
                        diag_list *errs);

/* Renders against data, appending to out. Returns 0, or -1 with errors in errs and NOTHING
 * appended to out (never half a letter). In strict mode every missing name of the run is
 * reported once per tag, not just the first. */
int mu_render(mu_template *t, const mu_value *data, mu_escape_fn escape, strbuf *out,
              diag_list *errs);

void mu_template_free(mu_template *t);

/* What mu_visit reports. The first seven are the tags; MU_TAG_END closes the most recent open
 * section, inverted section, block or parent (so a linter can track which names are looked up
 * inside which section). A dynamic partial or parent ({{>*name}}) is reported with its name
 * written "*name": the data name looked up is what follows the '*'. */
enum {
    MU_TAG_VARIABLE,  /* {{x}} */
    MU_TAG_RAW,       /* {{{x}}} or {{&x}} */
    MU_TAG_SECTION,   /* {{#x}} */
    MU_TAG_INVERTED,  /* {{^x}} */
    MU_TAG_PARTIAL,   /* {{>x}} */
    MU_TAG_BLOCK,     /* {{$x}} */
    MU_TAG_PARENT,    /* {{<x}} */
    MU_TAG_END        /* {{/x}} of one of the above; line/col are the closing tag's */
};

/* Walks every tag of a compiled template, in source order, then of every partial it has
 * compiled (each once, in the order they were first needed). file is the display path. Text
 * directly inside a parent outside any block is not reported (it is never rendered). */
typedef void (*mu_visit_fn)(void *ud, const char *file, int line, int col, const char *name,
                            int tag_kind);
void mu_visit(mu_template *t, mu_visit_fn fn, void *ud);
#endif
