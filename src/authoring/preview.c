/* preview.c: see preview.h. A preview is a renderer whose template for one kind is the file
 * being edited (render_options.template_path), the case to render it with, and where to write:
 * resources, partials, limits and Markdown -> PDF are the renderer's, so a preview is what
 * `render` would make of that template. */
#include "authoring/preview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authoring/lint.h"
#include "case/council.h"
#include "case/load.h"
#include "core/outfile.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "docs/render.h"
#include "typeset/typeset.h"

struct preview {
    preview_options opt;
    doc_kind kind;
    char *template_dir, *template_name, *out_path;
    bool markdown_out;
    renderer *r;
    pb_case *c;
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The folder of path ("/" for a file at the root, "." for a bare name); malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
}

const char *preview_out_path(const preview *p) { return p->out_path; }
const char *preview_template_dir(const preview *p) { return p->template_dir; }
const char *preview_template_name(const preview *p) { return p->template_name; }
const char *preview_partials_dir(const preview *p) { return renderer_partials_dir(p->r); }
const char *preview_councils_dir(const preview *p) { return renderer_councils_dir(p->r); }
const char *preview_council_id(const preview *p) { return p->c->council; }

/* The first case of the file that asks for the kind: 0, or -1 with its problems or why there is
 * none. */
static int load_case(preview *p, diag_list *errs)
{
    case_source *src = case_source_open(p->opt.case_path, errs);
    if (!src)
        return -1;
    int rc, rejected = 0;
    pb_case *c;
    while ((rc = case_source_next(src, renderer_councils(p->r), &c, errs)) == 1) {
        if (!c) {
            rejected++;
            continue;
        }
        if (c->has[p->kind]) {
            p->c = c;
            break;
        }
        case_free(c);
    }
    case_source_close(src);
    if (p->c)
        return 0;
    if (rc == 0 && !rejected)
        diag_add(errs, p->opt.case_path, 0, 0, NULL, NULL,
                 "no case in this file asks for a %s document (it needs a <%s> element)",
                 doc_kind_name(p->kind), doc_kind_name(p->kind));
    return -1;
}

preview *preview_open(const preview_options *opt, diag_list *errs)
{
    int kind = opt->kind >= 0 ? opt->kind : template_kind_of(opt->template_path);
    if (kind < 0) {
        diag_add_class(errs, DIAG_ENV, opt->template_path, 0, 0, NULL, NULL,
                       "cannot tell which kind of document this template is for: name it after a "
                       "kind (reduction-new.mustache.md) or give --doc KIND");
        return NULL;
    }
    preview *p = xcalloc(1, sizeof *p);
    p->opt = *opt;
    p->kind = (doc_kind)kind;
    p->template_dir = folder_of(opt->template_path);
    const char *slash = strrchr(opt->template_path, '/');
    p->template_name = xstrdup(slash ? slash + 1 : opt->template_path);
    p->out_path = xstrdup(opt->out_path ? opt->out_path : "out/preview.pdf");
    p->markdown_out = ends_with(p->out_path, ".md");
    render_options ro = {.templates_dir = opt->templates_dir, .large_print = opt->large_print,
                         .template_path = opt->template_path, .template_kind = p->kind};
    p->r = renderer_open(&ro, errs);
    /* A council profile that cannot be used stops the preview now, not at every save. */
    if (!p->r || load_case(p, errs) != 0 ||
        !council_get(renderer_councils(p->r), p->c->council, errs)) {
        preview_close(p);
        return NULL;
    }
    return p;
}

void preview_close(preview *p)
{
    if (!p)
        return;
    case_free(p->c);
    renderer_close(p->r);
    free(p->template_dir);
    free(p->template_name);
    free(p->out_path);
    free(p);
}

/* An atomic write (core/outfile.h), into the output's folder, created if missing. */
static int write_atomic(const char *path, const void *bytes, size_t len, diag_list *errs)
{
    char *dir = folder_of(path);
    mkdir(dir, 0750);
    const char *slash = strrchr(path, '/');
    int rc = outfile_write(dir, slash ? slash + 1 : path, bytes, len, OUTFILE_SYNC, errs);
    free(dir);
    return rc;
}

static int write_markdown(preview *p, diag_list *errs)
{
    char *md = render_markdown(p->r, p->c, p->kind, errs);
    int rc = md ? write_atomic(p->out_path, md, strlen(md), errs) : -1;
    free(md);
    return rc;
}

static int write_pdf(preview *p, int *pages, diag_list *errs)
{
    pb_pdf pdf;
    int rc = render_document(p->r, p->c, p->kind, &pdf, errs);
    if (rc == 0) {
        rc = write_atomic(p->out_path, pdf.bytes, pdf.len, errs);
        *pages = pdf.pages;
    }
    pb_pdf_free(&pdf);
    return rc;
}

int preview_render(preview *p, int *pages, diag_list *errs, diag_list *warnings)
{
    *pages = 0;
    int rc = p->markdown_out ? write_markdown(p, errs) : write_pdf(p, pages, errs);
    if (rc == 0 && warnings)  /* what the renderer does not stop at but lint would */
        lint_template_file(renderer_templates_dir(p->r), p->opt.template_path, p->kind, warnings);
    return rc;
}

/* s with every ASCII punctuation character backslash-escaped, so a message prints as it is. */
static void md_escaped(strbuf *md, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]()<>#+-.!|~&\"'", *s))
            sb_putc(md, '\\');
        sb_putc(md, *s);
    }
}

int preview_write_problems(const char *out_path, const diag_list *problems, diag_list *errs)
{
    strbuf md = {0};
    sb_puts(&md, "# Not rendered\n\nThe preview could not be rendered. Fix these problems and "
                 "save again:\n\n");
    for (size_t i = 0; i < problems->len && i < 40; i++) {
        char line[2048];
        diag_format(&problems->items[i], line, sizeof line);
        sb_puts(&md, "- ");
        md_escaped(&md, line);
        sb_putc(&md, '\n');
    }
    if (problems->len > 40)
        sb_printf(&md, "- and %zu more\n", problems->len - 40);
    int rc;
    size_t n = strlen(out_path);
    if (n > 3 && strcmp(out_path + n - 3, ".md") == 0) {
        rc = write_atomic(out_path, md.data, md.len, errs);
    } else {
        char dir[4096];
        pb_fonts *fonts = fonts_open(pb_path(dir, sizeof dir, "fonts"), errs);
        pb_doc_setup setup = {.title = "Preview not rendered", .issued = {1970, 1, 1}};
        pb_pdf pdf = {0};
        rc = fonts ? typeset_pdf(md.data, md.len, &setup, fonts, &pdf, errs) : -1;
        if (rc == 0)
            rc = write_atomic(out_path, pdf.bytes, pdf.len, errs);
        pb_pdf_free(&pdf);
        fonts_close(fonts);
    }
    sb_free(&md);
    return rc;
}
