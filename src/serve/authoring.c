/* authoring.c: `pbdocs serve --authoring`, the template authors' page's routes (GET
 * /authoring is the page; these answer only with --authoring, since they serve template
 * sources' findings and read local files):
 *   GET /api/v1/authoring/files    the templates, partials and sample cases (with the kinds each
 *                                  asks for) and the change counter
 *   GET /api/v1/authoring/version  {"version": "..."}: changes whenever a template, partial,
 *                                  council profile, the calendar or a sample case is saved (their
 *                                  names, sizes and mtimes hashed): the page polls it
 *   GET /api/v1/authoring/preview?template=NAME&case=NAME[&large-print=1]  the PDF, from the
 *                                  files as they are now, or 422 with the problems
 *   GET /api/v1/authoring/lint     {"findings": ["FILE:LINE:COL: message", ...]}: `pbdocs lint`
 * A preview opens a renderer of its own with the template overridden (render_options), so the
 * template, its partials and the council profile are read afresh, and the shared renderer of
 * the API is never touched. Names are plain file names inside their folder, nothing else. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case/load.h"
#include "core/files.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "serve/json.h"
#include "serve/serve_internal.h"

#define TEMPLATE_SUFFIX ".mustache.md"
#define CASE_MAX_BYTES (8u << 20)

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

/* A file name the page may ask for: no folder, not hidden, with the suffix. */
static bool name_ok(const char *name, const char *suffix)
{
    return name && name[0] != '.' && !strchr(name, '/') && strlen(name) < 200 &&
           has_suffix(name, suffix);
}

static const char *cases_dir(serve_state *s, char *buf, size_t size)
{
    return s->opt.cases_dir ? s->opt.cases_dir : pb_path(buf, size, "fixtures/cases");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir ending in suffix (not hidden), sorted; *n of them (free with free_list). */
static char **list_dir(const char *dir, const char *suffix, int *n)
{
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, suffix))
            continue;
        if ((size_t)*n == cap)
            names = xrealloc(names, (cap = cap ? 2 * cap : 16) * sizeof *names);
        names[(*n)++] = xstrdup(e->d_name);
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(names, (size_t)*n, sizeof *names, by_name);
    return names;
}

static void free_list(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* FNV-1a over the folder's matching names, sizes and modification times. */
static uint64_t hash_dir(uint64_t h, const char *dir, const char *suffix)
{
    int n;
    char **names = list_dir(dir, suffix, &n);
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        long long fact[3] = {0, 0, -1};
        if (stat(path, &st) == 0)
            fact[0] = (long long)st.st_mtim.tv_sec, fact[1] = st.st_mtim.tv_nsec,
            fact[2] = (long long)st.st_size;
        for (const unsigned char *p = (const unsigned char *)names[i]; *p; p++)
            h = (h ^ *p) * 1099511628211u;
        for (size_t k = 0; k < sizeof fact; k++)
            h = (h ^ ((const unsigned char *)fact)[k]) * 1099511628211u;
    }
    free_list(names, n);
    return h;
}

static void version(serve_state *s, char out[17])
{
    char buf[4096], calendar_dir[4096];
    snprintf(calendar_dir, sizeof calendar_dir, "%s", renderer_calendar_path(s->r));
    char *slash = strrchr(calendar_dir, '/');
    if (slash)
        *slash = '\0';
    uint64_t h = 14695981039346656037u;
    h = hash_dir(h, renderer_templates_dir(s->r), TEMPLATE_SUFFIX);
    h = hash_dir(h, renderer_partials_dir(s->r), TEMPLATE_SUFFIX);
    h = hash_dir(h, renderer_councils_dir(s->r), ".xml");
    h = hash_dir(h, calendar_dir, ".txt");
    h = hash_dir(h, cases_dir(s, buf, sizeof buf), ".xml");
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static pb_case *load_case_file(const char *path, council_set *councils, diag_list *errs)
{
    size_t len = 0;
    char *text = read_text_file(path, CASE_MAX_BYTES, &len);
    if (!text) {
        diag_add(errs, path, 0, 0, NULL, NULL, "cannot read this case file");
        return NULL;
    }
    pb_case *c = case_load_memory(text, len, path, 0, councils, errs);
    free(text);
    return c;
}

static void files_json(serve_state *s, strbuf *sb)
{
    char buf[4096], path[4096], v[17];
    int n;
    char **names = list_dir(renderer_templates_dir(s->r), TEMPLATE_SUFFIX, &n);
    sb_puts(sb, "{\"templates\": [");
    for (int i = 0, k; i < n; i++) {
        k = s->opt.template_kind ? s->opt.template_kind(names[i]) : -1;
        sb_printf(sb, "%s\n  {\"name\": ", i ? "," : "");
        json_string(sb, names[i]);
        sb_puts(sb, ", \"kind\": ");
        json_string(sb, k >= 0 ? doc_kind_name((doc_kind)k) : NULL);
        sb_putc(sb, '}');
    }
    free_list(names, n);
    names = list_dir(renderer_partials_dir(s->r), TEMPLATE_SUFFIX, &n);
    sb_puts(sb, "],\n\"partials\": [");
    for (int i = 0; i < n; i++) {
        sb_puts(sb, i ? ", " : "");
        json_string(sb, names[i]);
    }
    free_list(names, n);
    const char *dir = cases_dir(s, buf, sizeof buf);
    names = list_dir(dir, ".xml", &n);
    sb_puts(sb, "],\n\"cases\": [");
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        diag_list errs = {0};
        pb_case *c = load_case_file(path, renderer_councils(s->r), &errs);
        sb_printf(sb, "%s\n  {\"name\": ", i ? "," : "");
        json_string(sb, names[i]);
        sb_printf(sb, ", \"ok\": %s, \"kinds\": [", c ? "true" : "false");
        for (int k = 0, listed = 0; c && k < DOC_KIND_COUNT; k++)
            if (c->has[k]) {
                sb_puts(sb, listed++ ? ", " : "");
                json_string(sb, doc_kind_name((doc_kind)k));
            }
        sb_puts(sb, "]}");
        case_free(c);
        diag_list_clear(&errs);
    }
    free_list(names, n);
    version(s, v);
    sb_printf(sb, "],\n\"version\": \"%s\"}\n", v);
}

static enum MHD_Result preview(serve_state *s, struct MHD_Connection *conn, request *req)
{
    const char *tname = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "template");
    const char *cname = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "case");
    if (!name_ok(tname, TEMPLATE_SUFFIX) || !name_ok(cname, ".xml"))
        return serve_error(conn, req, 400, "give template=NAME.mustache.md and case=NAME.xml");
    int kind = s->opt.template_kind ? s->opt.template_kind(tname) : -1;
    if (kind < 0)
        return serve_error(conn, req, 400, "the template's name starts with no kind of document");
    snprintf(req->kind, sizeof req->kind, "%s", doc_kind_name((doc_kind)kind));
    char tpath[4096], cpath[4096], buf[4096];
    snprintf(tpath, sizeof tpath, "%s/%s", renderer_templates_dir(s->r), tname);
    snprintf(cpath, sizeof cpath, "%s/%s", cases_dir(s, buf, sizeof buf), cname);
    render_options ro = {.templates_dir = s->opt.templates_dir, .template_path = tpath,
                         .template_kind = (doc_kind)kind, .large_print = serve_large_print(conn)};
    diag_list errs = {0};
    pb_pdf pdf = {0};
    renderer *r = renderer_open(&ro, &errs);
    pb_case *c = r ? load_case_file(cpath, renderer_councils(r), &errs) : NULL;
    if (c)
        snprintf(req->case_id, sizeof req->case_id, "%s", c->id);
    serve_render_case(r, c, (doc_kind)kind, &pdf, &errs);
    case_free(c);
    renderer_close(r);
    if (errs.len) {
        pb_pdf_free(&pdf);
        return serve_problems(conn, req, &errs);
    }
    return serve_pdf(conn, req, (doc_kind)kind, &pdf);
}

static void lint_json(serve_state *s, strbuf *sb)
{
    diag_list problems = {0};
    int rc = s->opt.lint ? s->opt.lint(s->opt.templates_dir, &problems) : 0;
    sb_printf(sb, "{\"ok\": %s, \"findings\": [", rc == 0 && !problems.len ? "true" : "false");
    for (size_t i = 0; i < problems.len; i++) {
        char line[2048];
        diag_format(&problems.items[i], line, sizeof line);
        line[strcspn(line, "\n")] = '\0';
        sb_puts(sb, i ? ",\n  " : "\n  ");
        json_string(sb, line);
    }
    sb_puts(sb, "]}\n");
    diag_list_clear(&problems);
}

enum MHD_Result authoring_api(serve_state *s, struct MHD_Connection *conn, request *req,
                              const char *url)
{
    const char *what = url + strlen("/api/v1/authoring/");
    strbuf sb = {0};
    if (strcmp(what, "preview") == 0)
        return preview(s, conn, req);
    if (strcmp(what, "files") == 0) {
        files_json(s, &sb);
    } else if (strcmp(what, "version") == 0) {
        char v[17];
        version(s, v);
        sb_printf(&sb, "{\"version\": \"%s\"}\n", v);
    } else if (strcmp(what, "lint") == 0) {
        lint_json(s, &sb);
    } else {
        return serve_error(conn, req, 404, "no such page");
    }
    return serve_json(conn, req, 200, &sb);
}
