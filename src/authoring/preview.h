/* preview.h: `pbdocs preview` — one template file (being edited, wherever it is) rendered
 * against one case with the real partials, as the renderer would render that kind.
 *
 * A preview is a renderer opened with that file as its template for the kind
 * (render_options.template_path), so resources, partials, limits and typesetting are render's
 * own. What a run loads once (council profiles, calendar, fonts, the case) is kept; the
 * template and its partials are read again at every render, since they are what changes.
 * A preview belongs to one thread. */
#ifndef PBDOCS_PREVIEW_H
#define PBDOCS_PREVIEW_H
#include <stdbool.h>

#include "case/case.h"
#include "core/diag.h"

typedef struct preview_options {
    const char *template_path;  /* the template being edited */
    int kind;                   /* DOC_*, or -1: from the template's file name */
    const char *case_path;      /* a case file (the first case asking for the kind is used) */
    const char *templates_dir;  /* partials, councils, calendar; NULL: ROOT/templates */
    const char *out_path;       /* FILE.pdf, or FILE.md for the Markdown; NULL: out/preview.pdf */
    bool large_print;
} preview_options;

typedef struct preview preview;

/* NULL with problems in errs (their classes give the exit status). */
preview *preview_open(const preview_options *opt, diag_list *errs);
void preview_close(preview *p);

/* The path written by preview_render. */
const char *preview_out_path(const preview *p);
/* The files a render reads: the template (in its own folder), the partials, the case's council
 * profile (and the case file, opt.case_path). */
const char *preview_template_dir(const preview *p);
const char *preview_template_name(const preview *p);
const char *preview_partials_dir(const preview *p);
/* The councils folder and the id of the case's council (its profile is ID.xml there). */
const char *preview_councils_dir(const preview *p);
const char *preview_council_id(const preview *p);

/* Renders the template now and writes the output (atomically: a failed render leaves the last
 * good output in place). Returns 0 (pages set for a PDF, 0 for Markdown), or -1 with problems
 * in errs. After a render, warnings (when not NULL) receives what `pbdocs lint` says about the
 * template: problems the renderer does not stop at, such as a missing statutory block. */
int preview_render(preview *p, int *pages, diag_list *errs, diag_list *warnings);

/* Replaces out_path (FILE.pdf, or FILE.md) with one page saying the preview was not rendered and
 * listing the problems as FILE:LINE:COL: message, so that after a failed render in --watch the
 * last good letter is never mistaken for the current one. The messages carry no personal data
 * beyond the case id. Returns 0, or -1 with a problem in errs. */
int preview_write_problems(const char *out_path, const diag_list *problems, diag_list *errs);
#endif
