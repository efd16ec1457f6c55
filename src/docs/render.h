/* render.h: one case -> the PDFs it asks for. The renderer holds what a run loads once:
 * council profiles, the working-day calendar, the compiled templates (one per kind, partials
 * cached) and the fonts; then each document is context -> Mustache (strict, Markdown escaping)
 * -> Markdown -> typeset -> PDF bytes. Nothing of a document is kept after it is returned.
 * After renderer_open a renderer may be used by many threads at once: a batch's workers share
 * one, so templates, council profiles and fonts are compiled and loaded once per run (the
 * council set, the partial cache and the fonts' subset cache have locks; the rest is
 * read-only). A template override (render_options) is copied at open and only read afterwards;
 * each document then compiles the file afresh into a template of its own, so an overriding
 * renderer is as safe to share as any (batch never opens one). */
#ifndef PBDOCS_RENDER_H
#define PBDOCS_RENDER_H
#include <stdbool.h>

#include "case/case.h"
#include "case/council.h"
#include "core/diag.h"
#include "typeset/typeset.h"

typedef struct renderer renderer;

typedef struct render_options {
    const char *templates_dir;  /* NULL: ROOT/templates */
    bool large_print;           /* force 16 pt for every document */
    /* A template file, anywhere, to render documents of template_kind with instead of
     * TEMPLATES/<kind>.mustache.md (`pbdocs preview`: the template being edited). Its partials
     * still come from TEMPLATES/partials. It and its partials are read again for every
     * document, since they are what changes, so their errors come from render_markdown; a
     * renderer with an override renders that kind only. NULL: none. */
    const char *template_path;
    doc_kind template_kind;
} render_options;

/* Loads the calendar and fonts, compiles the templates (one per kind, docs/kinds.c; with an
 * override: checks that its file is there, and compiles none). NULL with problems in errs (a
 * template error names FILE:LINE:COL), every one DIAG_TEMPLATE or DIAG_ENV: no letter can be
 * made (exit 2; lint and preview, whose subject is a template, exit 1 for DIAG_TEMPLATE). */
renderer *renderer_open(const render_options *opt, diag_list *errs);
void renderer_close(renderer *r);

/* The council profiles the renderer uses (also for loading cases). */
council_set *renderer_councils(renderer *r);
/* The folders it reads templates and partials from (what a preview watches and lints). */
const char *renderer_templates_dir(const renderer *r);
const char *renderer_partials_dir(const renderer *r);
/* The council profiles' folder and the holiday calendar it read (what a run record digests). */
const char *renderer_councils_dir(const renderer *r);
const char *renderer_calendar_path(const renderer *r);

/* Renders document kind of case c into out. Returns 0, or -1 with problems in errs (each
 * naming the case id; a template problem names FILE:LINE:COL and is DIAG_TEMPLATE, as is a
 * broken council profile or logo). */
int render_document(renderer *r, const pb_case *c, doc_kind kind, pb_pdf *out, diag_list *errs);

/* Everything typesetting a document needs besides its Markdown, held by value so it outlives
 * the case and the renderer (a print stream lays letters out after the run, sorted). */
typedef struct doc_setup_copy {
    pb_doc_setup setup;  /* its strings point into this struct (title: static text) */
    char running[1024], subject[256], author[256], case_id[72], source[1024], logo[1024];
} doc_setup_copy;
int render_setup(renderer *r, const pb_case *c, doc_kind kind, doc_setup_copy *out,
                 diag_list *errs);
/* The fonts the renderer typesets with (for print streams). */
pb_fonts *renderer_fonts(renderer *r);

/* The Markdown a document's template produces (for preview, print streams and tests), at most
 * 1 MiB; malloc'd, or NULL with problems in errs. */
char *render_markdown(renderer *r, const pb_case *c, doc_kind kind, diag_list *errs);
#endif
