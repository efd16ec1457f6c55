/* cmd_render.c: pbdocs render CASE.xml... [--doc KIND]... [-o PATH] [--templates DIR]
 *                             [--large-print] [--strict]
 * The officer's command: the documents each case of each file asks for, written as
 * OUT/<case-id>-<kind>.pdf (or -o FILE.pdf, any case, for exactly one), each path printed on
 * stdout. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "case/load.h"
#include "cli/commands.h"
#include "core/files.h"
#include "core/outfile.h"
#include "docs/render.h"

static bool ends_with_pdf(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcasecmp(s + n - 4, ".pdf") == 0;  /* FILE.PDF is a file too */
}

/* What one render asks for, the same for every case file. */
typedef struct render_job {
    renderer *r;
    const char *out;
    bool strict, any_wanted;
    const bool *wanted;
} render_job;

/* The documents case c asks for (or the --doc ones), written into OUT or as -o FILE.pdf. */
static void render_case(const render_job *job, const char *case_path, const pb_case *c,
                        diag_list *errs)
{
    const char *out = job->out;
    doc_kind kinds[DOC_KIND_COUNT];
    int n = 0;
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        if (job->any_wanted && job->wanted[k] && !c->has[k]) {
            diag_add(errs, c->file, c->line, 0, c->id, NULL, "does not ask for a %s document",
                     doc_kind_name((doc_kind)k));
        }
        if (c->has[k] && (!job->any_wanted || job->wanted[k]))
            kinds[n++] = (doc_kind)k;
    }
    bool to_file = ends_with_pdf(out);
    if (to_file && n != 1) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL, "pbdocs render: -o %s names "
                       "one file but %d documents result; give a folder or one --doc", out, n);
        n = 0;
    }
    if (n == 0 && !errs->len)
        fprintf(stderr, "%s: case %s asks for no documents\n", case_path, c->id);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", out);
    for (size_t len = strlen(dir); len > 1 && dir[len - 1] == '/';)
        dir[--len] = '\0';  /* -o out/ prints out/X.pdf, not out//X.pdf */
    if (to_file) {
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
    }
    if (n && make_dirs(dir) != 0) {
        diag_add_class(errs, DIAG_ENV, dir, 0, 0, NULL, NULL,
                       "cannot create the output folder: %s", strerror(errno));
        n = 0;
    }
    for (int i = 0; i < n; i++) {
        pb_pdf pdf;
        if (render_document(job->r, c, kinds[i], &pdf, errs) != 0)
            continue;
        char name[PATH_MAX];
        if (to_file)
            snprintf(name, sizeof name, "%s", strrchr(out, '/') ? strrchr(out, '/') + 1 : out);
        else
            snprintf(name, sizeof name, "%s-%s.pdf", c->id, doc_kind_name(kinds[i]));
        if (outfile_write(dir, name, pdf.bytes, pdf.len, OUTFILE_SYNC, errs) == 0)
            printf("%s/%s\n", dir, name);
        pb_pdf_free(&pdf);
    }
}

/* Renders the documents of every case of case_path; problems go to errs. */
static void render_file(const render_job *job, const char *case_path, diag_list *errs)
{
    struct stat st;
    if (stat(case_path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add_class(errs, DIAG_ENV, case_path, 0, 0, NULL, NULL, "cannot read this file");
        return;
    }
    case_source *src = case_source_open(case_path, errs);
    pb_case *c = NULL;
    int cases = 0;
    while (src && (case_source_next(src, renderer_councils(job->r), &c, errs)) == 1) {
        cases++;
        if (strict_warnings(c, job->strict, errs)) {
            case_free(c);
            c = NULL;
        }
        print_case_warnings(c);
        if (c)
            render_case(job, case_path, c, errs);
        case_free(c);
        c = NULL;
    }
    if (src && !cases && !errs->len)
        fprintf(stderr, "%s: holds no case\n", case_path);  /* exit 0, as validate and batch */
    case_source_close(src);
}

int cmd_render(int argc, char **argv)
{
    const char *out = "out";
    char **case_paths = argv;  /* the case files are gathered at its front as they are met */
    int n_cases = 0;
    bool strict = false;
    render_options opt = {0};
    bool wanted[DOC_KIND_COUNT] = {false}, any_wanted = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--doc") == 0 && i + 1 < argc) {
            int k = doc_kind_parse(argv[++i]);
            if (k < 0) {
                char kinds[200];
                fprintf(stderr, "pbdocs render: --doc %s\n", doc_kind_unknown(argv[i], kinds, sizeof kinds));
                return usage_error("render", NULL);
            }
            wanted[k] = any_wanted = true;
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--templates") == 0 && i + 1 < argc) {
            opt.templates_dir = argv[++i];
        } else if (strcmp(a, "--large-print") == 0) {
            opt.large_print = true;
        } else if (strcmp(a, "--strict") == 0) {
            strict = true;
        } else if (a[0] == '-') {
            return usage_error("render", "unknown option or missing value: %s", a);
        } else {
            case_paths[n_cases++] = argv[i];
        }
    }
    if (!n_cases || (n_cases > 1 && ends_with_pdf(out)))
        return usage_error("render", "%s", n_cases ? "-o FILE.pdf is for one case file; give a folder"
                                                   : "no case file given");

    /* Every problem goes into errs with its class, which alone decides the exit status. */
    diag_list errs = {0};
    render_job job = {.out = out, .strict = strict, .any_wanted = any_wanted, .wanted = wanted};
    job.r = renderer_open(&opt, &errs);
    for (int i = 0; job.r && i < n_cases; i++)
        render_file(&job, case_paths[i], &errs);
    diag_print_all(&errs, stderr);
    int status = exit_status(&errs);
    diag_list_clear(&errs);
    renderer_close(job.r);
    return status;
}
