/* cmd_render.c: pbdocs render CASE.xml [--doc KIND]... [-o PATH] [--templates DIR] [--large-print]
 * The officer's command: the documents one case asks for, written as OUT/<case-id>-<kind>.pdf
 * (or -o FILE.pdf for exactly one), each path printed on stdout. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case/load.h"
#include "cli/commands.h"
#include "core/files.h"
#include "core/outfile.h"
#include "docs/render.h"

static int usage(const char *why)
{
    if (why)
        fprintf(stderr, "pbdocs render: %s\n", why);
    fputs("usage: pbdocs render CASE.xml [--doc KIND]... [-o PATH] [--templates DIR] [--large-print]\n",
          stderr);
    return EXIT_USAGE;
}

static bool ends_with_pdf(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcmp(s + n - 4, ".pdf") == 0;
}

int cmd_render(int argc, char **argv)
{
    const char *case_path = NULL, *out = "out";
    render_options opt = {0};
    bool wanted[DOC_KIND_COUNT] = {false}, any_wanted = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--doc") == 0 && i + 1 < argc) {
            int k = doc_kind_parse(argv[++i]);
            if (k < 0) {
                char kinds[128];
                fprintf(stderr, "pbdocs render: --doc takes %s\n", doc_kind_words(kinds, sizeof kinds));
                return usage(NULL);
            }
            wanted[k] = any_wanted = true;
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--templates") == 0 && i + 1 < argc) {
            opt.templates_dir = argv[++i];
        } else if (strcmp(a, "--large-print") == 0) {
            opt.large_print = true;
        } else if (a[0] == '-') {
            return usage("unknown option or missing value");
        } else if (!case_path) {
            case_path = a;
        } else {
            return usage("render takes one case file");
        }
    }
    if (!case_path)
        return usage("no case file given");

    /* Every problem goes into errs with its class, which alone decides the exit status. */
    diag_list errs = {0};
    struct stat st;
    renderer *r = NULL;
    if (stat(case_path, &st) != 0 || !S_ISREG(st.st_mode))
        diag_add_class(&errs, DIAG_ENV, case_path, 0, 0, NULL, NULL, "cannot read this file");
    else
        r = renderer_open(&opt, &errs);
    case_source *src = r ? case_source_open(case_path, &errs) : NULL;
    pb_case *c = NULL;
    if (src && case_source_next(src, renderer_councils(r), &c, &errs) == 0 && !errs.len)
        fprintf(stderr, "%s: holds no case\n", case_path);  /* exit 0, as validate and batch */
    print_case_warnings(c);
    if (c) {
        doc_kind kinds[DOC_KIND_COUNT];
        int n = 0;
        for (int k = 0; k < DOC_KIND_COUNT; k++) {
            if (any_wanted && wanted[k] && !c->has[k]) {
                diag_add(&errs, c->file, c->line, 0, c->id, NULL, "does not ask for a %s document",
                         doc_kind_name((doc_kind)k));
            }
            if (c->has[k] && (!any_wanted || wanted[k]))
                kinds[n++] = (doc_kind)k;
        }
        bool to_file = ends_with_pdf(out);
        if (to_file && n != 1) {
            diag_add_class(&errs, DIAG_ENV, NULL, 0, 0, NULL, NULL, "pbdocs render: -o %s names "
                           "one file but %d documents result; give a folder or one --doc", out, n);
            n = 0;
        }
        if (n == 0 && !errs.len)
            fprintf(stderr, "%s: case %s asks for no documents\n", case_path, c->id);
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", out);
        if (to_file) {
            char *slash = strrchr(dir, '/');
            if (slash)
                *slash = '\0';
            else
                snprintf(dir, sizeof dir, ".");
        }
        if (n && make_dirs(dir) != 0) {
            diag_add_class(&errs, DIAG_ENV, dir, 0, 0, NULL, NULL,
                           "cannot create the output folder: %s", strerror(errno));
            n = 0;
        }
        for (int i = 0; i < n; i++) {
            pb_pdf pdf;
            if (render_document(r, c, kinds[i], &pdf, &errs) != 0)
                continue;
            char name[PATH_MAX];
            if (to_file)
                snprintf(name, sizeof name, "%s", strrchr(out, '/') ? strrchr(out, '/') + 1 : out);
            else
                snprintf(name, sizeof name, "%s-%s.pdf", c->id, doc_kind_name(kinds[i]));
            if (outfile_write(dir, name, pdf.bytes, pdf.len, OUTFILE_SYNC, &errs) == 0)
                printf("%s/%s\n", dir, name);
            pb_pdf_free(&pdf);
        }
    }
    diag_print_all(&errs, stderr);
    int status = exit_status(&errs);
    diag_list_clear(&errs);
    case_free(c);
    case_source_close(src);
    renderer_close(r);
    return status;
}
