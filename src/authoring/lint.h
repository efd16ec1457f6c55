/* lint.h: `pbdocs lint` — every problem a template author can make that is visible before a
 * letter is rendered, reported as FILE:LINE:COL: message.
 *
 * Templates and partials are compiled by the renderer's own engine (syntax errors, unknown
 * partials), then each document template is walked as the renderer would run it: into its
 * partials and its parent layout, keeping Mustache's context stack, so that every name is
 * resolved exactly as at render time and checked against the field catalogue (fields.h) for
 * that kind. A partial shared by several kinds is checked once per kind. Rules:
 *   - syntax errors, unknown partials                       (the engine's own messages)
 *   - a name that is not a field of the document kind       (with the kind, and a hint)
 *   - a section over text, a flag or a group whose body uses names of a list item
 *   - {{x}} on Markdown, {{{x}}} on plain text (escaping the wrong way round)
 *   - printing a flag, a list or a group; printing text-or-false with nothing testing it
 *   - a block a parent layout does not have (its text would vanish)
 *   - a partial no template uses
 *   - a template that never uses a statutory field or partial (statutory.h)
 *   - a phrase a kind must not say, or says outside its guard section (mustnot.h)
 *   - a template whose kind is unknown, a kind with no template */
#ifndef PBDOCS_LINT_H
#define PBDOCS_LINT_H
#include "case/case.h"
#include "core/diag.h"

/* Every *.mustache.md in dir (a document kind each, by its name) and in dir/partials. Problems
 * are added to problems in file, line, column order. Returns 0 when the folder was read
 * (clean or not), -1 when it cannot be read (a problem says why). used: NULL, or
 * field_catalogue_len entries each receiving the kind bits (1 << doc_kind) of the templates
 * that use that field. */
int lint_templates(const char *dir, diag_list *problems, unsigned *used);

/* One template file of kind, wherever it is, with the partials of dir: what `lint` would say
 * about it if it were in dir (partials with syntax errors included; unused partials not). */
int lint_template_file(const char *dir, const char *path, doc_kind kind, diag_list *problems);

/* The shipped templates folder, ROOT/templates, written relative to the working directory when
 * it is inside it (messages then say templates/reduction.mustache.md). Returns buf. */
char *default_templates_dir(char *buf, size_t size);

/* The kind a template's file name stands for: "reduction.mustache.md",
 * "reduction-draft.mustache.md" -> DOC_REDUCTION; -1 when its name starts with no kind. */
int template_kind_of(const char *path);
#endif
