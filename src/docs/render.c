/* render.c: case -> template context -> Markdown -> PDF, with what a run loads once; see render.h. */
#include "docs/render.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/files.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "docs/context.h"
#include "docs/kinds.h"
#include "template/escape.h"
#include "template/mustache.h"

/* The most Markdown a template may produce for one document (cmark-gfm's known quadratic cases
 * stay bounded below this; see README, limits). */
#define MAX_DOCUMENT_MARKDOWN (1u << 20)

struct renderer {
    char templates[PATH_MAX], partials[PATH_MAX + sizeof "/partials"];
    char override[PATH_MAX];  /* render_options.template_path, or "" */
    char councils_dir[PATH_MAX], calendar_path[PATH_MAX];  /* as read (for run records) */
    doc_kind override_kind;
    council_set *councils;
    calendar *cal;
    pb_fonts *fonts;
    mu_template *tmpl[DOC_KIND_COUNT];
    bool large_print;
};

static bool partial_name_safe(const char *name)
{
    if (!name[0] || strlen(name) > 64)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

/* Partials live in TEMPLATES/partials/<name>.mustache.md; a name is [a-z0-9_-]+ so no path
 * can leave that folder. Reads only what open set, so any thread may load. */
static char *load_partial(void *ud, const char *name, char **path_out)
{
    const renderer *r = ud;
    if (!partial_name_safe(name))
        return NULL;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s.mustache.md", r->partials, name) >= (int)sizeof path)
        return NULL;
    char *src = read_text_file(path, MAX_TEMPLATE_BYTES, NULL);
    if (src && path_out)
        *path_out = xstrdup(path);
    return src;
}

/* One template file and the partials it names, with every render limit. */
static mu_template *compile_template(renderer *r, const char *path, diag_list *errs)
{
    size_t len;
    char *src = read_text_file(path, MAX_TEMPLATE_BYTES, &len);
    if (!src) {
        diag_add_class(errs, DIAG_TEMPLATE, path, 0, 0, NULL, NULL, "cannot read the template: %s",
                       strerror(errno));
        return NULL;
    }
    mu_options opt = {.load_partial = load_partial, .loader_ud = r, .strict = true,
                      .max_output = MAX_DOCUMENT_MARKDOWN};
    mu_template *t = mu_compile(path, src, len, &opt, errs);
    free(src);
    return t;
}

static int compile_kind(renderer *r, doc_kind k, diag_list *errs)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", r->templates, doc_kinds[k].template_file) >= (int)sizeof path) {
        diag_add_class(errs, DIAG_ENV, r->templates, 0, 0, NULL, NULL,
                       "cannot read the template: %s", strerror(ENAMETOOLONG));
        return -1;
    }
    r->tmpl[k] = compile_template(r, path, errs);
    return r->tmpl[k] ? 0 : -1;
}

/* The override is only checked here: it is compiled for each document (template_for). */
static int set_override(renderer *r, const render_options *opt, diag_list *errs)
{
    struct stat st;
    const char *why = NULL;
    if (snprintf(r->override, sizeof r->override, "%s", opt->template_path) >= (int)sizeof r->override)
        why = strerror(ENAMETOOLONG);
    else if (stat(r->override, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        why = "not a file";
    if (why) {
        diag_add_class(errs, DIAG_ENV, opt->template_path, 0, 0, NULL, NULL,
                       "cannot read the template: %s", why);
        return -1;
    }
    r->override_kind = opt->template_kind;
    return 0;
}

renderer *renderer_open(const render_options *opt, diag_list *errs)
{
    renderer *r = xcalloc(1, sizeof *r);
    r->large_print = opt && opt->large_print;
    if (opt && opt->templates_dir)
        snprintf(r->templates, sizeof r->templates, "%s", opt->templates_dir);
    else
        pb_path(r->templates, sizeof r->templates, "templates");
    snprintf(r->partials, sizeof r->partials, "%s/partials", r->templates);
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/councils", r->templates) >= (int)sizeof path ||
        stat(path, &st) != 0)
        pb_path(path, sizeof path, "templates/councils");
    snprintf(r->councils_dir, sizeof r->councils_dir, "%s", path);
    r->councils = councils_open(path);
    /* A templates folder brings its own calendar when it has one (else the data root's). */
    if (snprintf(r->calendar_path, sizeof r->calendar_path, "%s/calendar/england-and-wales.txt",
                 r->templates) >= (int)sizeof r->calendar_path ||
        stat(r->calendar_path, &st) != 0)
        pb_path(r->calendar_path, sizeof r->calendar_path, "templates/calendar/england-and-wales.txt");
    r->cal = calendar_load(r->calendar_path, errs);
    r->fonts = fonts_open(pb_path(path, sizeof path, "fonts"), errs);
    int failed = !r->cal || !r->fonts;
    if (!failed && opt && opt->template_path)
        failed = set_override(r, opt, errs) != 0;
    for (int k = 0; k < DOC_KIND_COUNT && !failed && !r->override[0]; k++)
        failed |= compile_kind(r, (doc_kind)k, errs) != 0;
    if (failed) {
        renderer_close(r);
        return NULL;
    }
    return r;
}

void renderer_close(renderer *r)
{
    if (!r)
        return;
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        mu_template_free(r->tmpl[k]);
    fonts_close(r->fonts);
    calendar_free(r->cal);
    councils_close(r->councils);
    free(r);
}

council_set *renderer_councils(renderer *r)
{
    return r->councils;
}

const char *renderer_templates_dir(const renderer *r)
{
    return r->templates;
}

const char *renderer_partials_dir(const renderer *r)
{
    return r->partials;
}

const char *renderer_councils_dir(const renderer *r)
{
    return r->councils_dir;
}

const char *renderer_calendar_path(const renderer *r)
{
    return r->calendar_path;
}

/* The compiled template for kind: the run's own, or the override compiled now into *own (the
 * caller frees it), so that an edit since the last document shows. */
static mu_template *template_for(renderer *r, const pb_case *c, doc_kind kind, mu_template **own,
                                 diag_list *errs)
{
    *own = NULL;
    if (!r->override[0])
        return r->tmpl[kind];
    if (kind != r->override_kind) {
        diag_add_class(errs, DIAG_ENV, c->file, c->line, 0, c->id, NULL, "no %s template: this "
                       "run renders only %s documents, from %s", doc_kind_name(kind),
                       doc_kind_name(r->override_kind), r->override);
        return NULL;
    }
    return *own = compile_template(r, r->override, errs);
}

static const council *case_council(renderer *r, const pb_case *c, diag_list *errs)
{
    const council *co = council_get(r->councils, c->council, errs);
    if (!co)
        diag_add_class(errs, DIAG_TEMPLATE, c->file, c->line, 0, c->id, "@council",
                       "has no usable council profile");
    return co;
}

char *render_markdown(renderer *r, const pb_case *c, doc_kind kind, diag_list *errs)
{
    if (!c->has[kind]) {
        diag_add(errs, c->file, c->line, 0, c->id, NULL, "does not ask for a %s document",
                 doc_kind_name(kind));
        return NULL;
    }
    mu_template *own, *t = template_for(r, c, kind, &own, errs);
    if (!t)
        return NULL;
    const council *co = case_council(r, c, errs);
    doc_input in = {.c = c, .council = co, .cal = r->cal};
    mu_value *ctx = co ? doc_context(kind, &in, errs) : NULL;
    if (!ctx) {
        mu_template_free(own);
        return NULL;
    }
    strbuf md = {0};
    size_t before = errs->len;
    int rc = mu_render(t, ctx, mu_escape_markdown, &md, errs);
    mu_free(ctx);
    mu_template_free(own);
    /* Template problems name the template; say which case they stopped. */
    for (size_t i = before; i < errs->len; i++)
        if (!errs->items[i].case_id)
            errs->items[i].case_id = xstrdup(c->id);
    if (rc != 0) {
        sb_free(&md);
        return NULL;
    }
    if (md.len > MAX_DOCUMENT_MARKDOWN) {
        diag_add(errs, c->file, c->line, 0, c->id, NULL,
                 "the %s document would be longer than the limit of %u KiB of text",
                 doc_kind_name(kind), MAX_DOCUMENT_MARKDOWN >> 10);
        sb_free(&md);
        return NULL;
    }
    return sb_take(&md);
}

static void doc_setup_fill(const pb_case *c, const council *co, doc_kind kind, bool large_print,
                           doc_setup_copy *out)
{
    memset(out, 0, sizeof *out);
    const doc_kind_info *info = &doc_kinds[kind];
    info->running_header(out->running, sizeof out->running, c, co);
    snprintf(out->subject, sizeof out->subject, "Case %s, EHC plan %s", c->id, c->plan.reference);
    snprintf(out->author, sizeof out->author, "%s", co->name);
    snprintf(out->case_id, sizeof out->case_id, "%s", c->id);
    snprintf(out->source, sizeof out->source, "%s", c->file);
    if (co->logo)
        snprintf(out->logo, sizeof out->logo, "%s", co->logo);
    out->setup = (pb_doc_setup){
        .letter = info->letter,
        .large_print = large_print || c->recipient.large_print,
        .window = co->has_window ? (pb_window){co->window_mm[0], co->window_mm[1],
                                               co->window_mm[2], co->window_mm[3]}
                                 : PB_WINDOW_DEFAULT,
        .title = info->title,
        .author = out->author,
        .subject = out->subject,
        .issued = doc_kind_issued(c, kind),
        .running_header = out->running,
        .logo_png = co->logo ? out->logo : NULL,
        .case_id = out->case_id,
        .source = out->source,
        .extra_font = co->extra_font,
    };
}

int render_setup(renderer *r, const pb_case *c, doc_kind kind, doc_setup_copy *out,
                 diag_list *errs)
{
    const council *co = case_council(r, c, errs);
    if (!co) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    doc_setup_fill(c, co, kind, r->large_print, out);
    return 0;
}

/* Typesetting problems name the case. */
static void name_case(diag_list *errs, size_t from, const char *id)
{
    for (size_t i = from; i < errs->len; i++)
        if (!errs->items[i].case_id)
            errs->items[i].case_id = xstrdup(id);
}

int render_document(renderer *r, const pb_case *c, doc_kind kind, pb_pdf *out, diag_list *errs)
{
    *out = (pb_pdf){0};
    char *md = render_markdown(r, c, kind, errs);
    if (!md)
        return -1;
    doc_setup_copy *sc = xmalloc(sizeof *sc);
    int rc = render_setup(r, c, kind, sc, errs);
    size_t before = errs->len;
    if (rc == 0)
        rc = typeset_pdf(md, strlen(md), &sc->setup, r->fonts, out, errs);
    name_case(errs, before, c->id);
    free(sc);
    free(md);
    return rc;
}

pb_fonts *renderer_fonts(renderer *r)
{
    return r->fonts;
}
