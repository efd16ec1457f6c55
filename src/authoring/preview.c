/* preview.c: see preview.h. */
#include "authoring/preview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/files.h"
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authoring/lint.h"
#include "authoring/tagtree.h"
#include "case/council.h"
#include "case/load.h"
#include "core/calendar.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "docs/context.h"
#include "docs/render.h"
#include "layout/typeset.h"
#include "template/escape.h"
#include "template/mustache.h"

#define SUFFIX ".mustache.md"

struct preview {
    preview_options opt;
    doc_kind kind;
    char *templates_dir, *partials_dir, *template_dir, *template_name, *out_path;
    bool markdown_out;
    council_set *councils;
    calendar *cal;
    pb_fonts *fonts;
    pb_case *c;
    const council *council;
};

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static char *joined(const char *a, const char *b)
{
    strbuf sb = {0};
    sb_printf(&sb, "%s%s%s", a, a[0] && a[strlen(a) - 1] != '/' ? "/" : "", b);
    return sb_take(&sb);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *preview_out_path(const preview *p) { return p->out_path; }
const char *preview_template_dir(const preview *p) { return p->template_dir; }
const char *preview_template_name(const preview *p) { return p->template_name; }
const char *preview_partials_dir(const preview *p) { return p->partials_dir; }

/* The first case of the file that asks for the kind: 0, or -1 with its problems or why there is
 * none. */
static int load_case(preview *p, diag_list *errs)
{
    case_source *src = case_source_open(p->opt.case_path, errs);
    if (!src)
        return -1;
    int rc, rejected = 0;
    pb_case *c;
    while ((rc = case_source_next(src, p->councils, &c, errs)) == 1) {
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
    preview *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->opt = *opt;
    int kind = opt->kind >= 0 ? opt->kind : template_kind_of(opt->template_path);
    if (kind < 0) {
        diag_add_class(errs, DIAG_ENV, opt->template_path, 0, 0, NULL, NULL,
                       "cannot tell which kind of document this template is for: name it after a "
                       "kind (reduction-new.mustache.md) or give --doc KIND");
        free(p);
        return NULL;
    }
    p->kind = (doc_kind)kind;
    char root[4096];
    p->templates_dir = xstrdup(opt->templates_dir ? opt->templates_dir : pb_path(root, sizeof root, "templates"));
    p->partials_dir = joined(p->templates_dir, "partials");
    const char *slash = strrchr(opt->template_path, '/');
    p->template_dir = slash ? strndup(opt->template_path, (size_t)(slash - opt->template_path) + (slash == opt->template_path))
                            : xstrdup(".");
    p->template_name = xstrdup(slash ? slash + 1 : opt->template_path);
    p->out_path = xstrdup(opt->out_path ? opt->out_path : "out/preview.pdf");
    p->markdown_out = ends_with(p->out_path, ".md");

    struct stat st;
    if (stat(opt->template_path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add_class(errs, DIAG_ENV, opt->template_path, 0, 0, NULL, NULL,
                       "cannot read this template: %s", errno ? strerror(errno) : "not a file");
        preview_close(p);
        return NULL;
    }
    /* Where the renderer finds them (render.c): the folder's councils when it has some, and
     * always the shipped calendar. */
    char *dir = joined(p->templates_dir, "councils");
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        pb_path(root, sizeof root, "templates/councils");
    else
        snprintf(root, sizeof root, "%s", dir);
    free(dir);
    p->councils = councils_open(root);
    p->cal = calendar_load(pb_path(root, sizeof root, "templates/calendar/england-and-wales.txt"), errs);
    if (!p->cal) {
        preview_close(p);
        return NULL;
    }
    if (!p->markdown_out) {
        p->fonts = fonts_open(pb_path(root, sizeof root, "build/fonts"), errs);
        if (!p->fonts) {
            preview_close(p);
            return NULL;
        }
    }
    if (load_case(p, errs) != 0) {
        preview_close(p);
        return NULL;
    }
    p->council = council_get(p->councils, p->c->council, errs);
    if (!p->council) {
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
    if (p->fonts)
        fonts_close(p->fonts);
    calendar_free(p->cal);
    councils_close(p->councils);
    free(p->templates_dir);
    free(p->partials_dir);
    free(p->template_dir);
    free(p->template_name);
    free(p->out_path);
    free(p);
}

/* Partials come from the templates folder, by a name of [a-z0-9_-] as the renderer allows
 * (no path can leave the folder). */
static char *load_partial(void *ud, const char *name, char **path_out)
{
    const preview *p = ud;
    size_t n = strlen(name);
    if (!n || n > 64 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n)
        return NULL;
    strbuf file = {0};
    sb_printf(&file, "%s/%s" SUFFIX, p->partials_dir, name);
    char *src = read_text_file(sb_str(&file), MAX_TEMPLATE_BYTES, NULL);
    if (!src) {
        sb_free(&file);
        return NULL;
    }
    *path_out = sb_take(&file);
    return src;
}

/* The renderer's atomic write (mode 0640), into the output's folder, created if missing. */
static int write_atomic(const char *path, const void *bytes, size_t len, diag_list *errs)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
    if (!dir)
        abort();
    mkdir(dir, 0750);
    int rc = write_file_atomic(dir, slash ? slash + 1 : path, bytes, len, errs);
    free(dir);
    return rc;
}

/* Typesets as render_document() does (the same set-up), so a preview looks like the letter. */
static int typeset(preview *p, const char *md, size_t len, int *pages, diag_list *errs)
{
    doc_setup_copy *sc = malloc(sizeof *sc);
    if (!sc)
        abort();
    doc_setup_fill(p->c, p->council, p->kind, p->opt.large_print, sc);
    pb_pdf pdf = {0};
    int rc = typeset_pdf(md, len, &sc->setup, p->fonts, &pdf, errs);
    free(sc);
    if (rc == 0) {
        rc = write_atomic(p->out_path, pdf.bytes, pdf.len, errs);
        *pages = pdf.pages;
    }
    pdf_free(&pdf);
    return rc;
}

int preview_render(preview *p, int *pages, diag_list *errs, diag_list *warnings)
{
    *pages = 0;
    size_t len;
    char *src = read_text_file(p->opt.template_path, MAX_TEMPLATE_BYTES, &len);
    if (!src) {
        diag_add_class(errs, DIAG_ENV, p->opt.template_path, 0, 0, NULL, NULL,
                       "cannot read this template: %s", strerror(errno));
        return -1;
    }
    mu_options mo = {.load_partial = load_partial, .loader_ud = p, .strict = true};
    mu_template *t = mu_compile(p->opt.template_path, src, len, &mo, errs);
    free(src);
    if (!t)
        return -1;
    doc_input in = {.c = p->c, .council = p->council, .cal = p->cal};
    mu_value *ctx = doc_context(p->kind, &in, errs);
    strbuf md = {0};
    int rc = ctx ? mu_render(t, ctx, mu_escape_markdown, &md, errs) : -1;
    mu_free(ctx);
    mu_template_free(t);
    if (rc == 0)
        rc = p->markdown_out ? write_atomic(p->out_path, sb_str(&md), md.len, errs)
                             : typeset(p, sb_str(&md), md.len, pages, errs);
    sb_free(&md);
    if (rc == 0 && warnings)  /* what the renderer does not stop at but lint would */
        lint_template_file(p->templates_dir, p->opt.template_path, p->kind, warnings);
    return rc;
}
