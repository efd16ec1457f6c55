/* cmd_preview.c: pbdocs preview TEMPLATE --case CASE.xml [--doc KIND] [--templates DIR]
 *                                [-o FILE.pdf|FILE.md] [--large-print] [--watch]
 * Renders a template being edited against a case, with the real partials. Prints
 * "rendered FILE in N ms" on stdout, or the problems on stderr (FILE:LINE:COL: message); lint's
 * remarks on the template follow a good render on stderr. --watch renders again at every save
 * of the template or a partial and keeps going after errors, until SIGINT or SIGTERM. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "authoring/preview.h"
#include "authoring/watch.h"
#include "cli/commands.h"

static const char preview_usage[] =
    "usage: pbdocs preview TEMPLATE --case CASE.xml [--doc KIND] [--templates DIR]\n"
    "                      [-o FILE.pdf|FILE.md] [--large-print] [--watch]\n";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Preview's exit status, from the one mapping: its subject is a template, so a template problem
 * is its finding (1), as for lint; anything worse is 2. A failure that said nothing still fails. */
static int preview_status(const diag_list *errs, bool failed)
{
    unsigned classes = diag_classes(errs);
    return exit_status_for(failed && !classes ? 1u << DIAG_ENV : classes, DIAG_TEMPLATE);
}

/* One render, reported. Returns the exit status it stands for. */
static int render_once(preview *p)
{
    diag_list errs = {0}, warnings = {0};
    int pages;
    double t0 = now_ms();
    int rc = preview_render(p, &pages, &errs, &warnings);
    double ms = now_ms() - t0;
    diag_print_all(&errs, stderr);
    if (rc == 0) {
        if (pages)
            printf("rendered %s in %.0f ms (%d page%s)\n", preview_out_path(p), ms, pages,
                   pages == 1 ? "" : "s");
        else
            printf("rendered %s in %.0f ms\n", preview_out_path(p), ms);
        diag_print_all(&warnings, stderr);
    } else if (!errs.len) {
        fprintf(stderr, "%s: not rendered\n", preview_out_path(p));
    }
    fflush(stdout);
    fflush(stderr);
    int status = preview_status(&errs, rc != 0);
    diag_list_clear(&errs);
    diag_list_clear(&warnings);
    return status;
}

int cmd_preview(int argc, char **argv)
{
    preview_options opt = {.kind = -1};
    bool watch = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--case") == 0 && has_value) {
            opt.case_path = argv[++i];
        } else if (strcmp(a, "--doc") == 0 && has_value) {
            opt.kind = doc_kind_parse(argv[++i]);
            if (opt.kind < 0) {
                fprintf(stderr, "pbdocs preview: '%s' is not a kind of document\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--templates") == 0 && has_value) {
            opt.templates_dir = argv[++i];
        } else if (strcmp(a, "-o") == 0 && has_value) {
            opt.out_path = argv[++i];
        } else if (strcmp(a, "--large-print") == 0) {
            opt.large_print = true;
        } else if (strcmp(a, "--watch") == 0) {
            watch = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(preview_usage, stdout);
            return EXIT_OK;
        } else if (a[0] != '-' && !opt.template_path) {
            opt.template_path = a;
        } else {
            fprintf(stderr, "pbdocs preview: unexpected argument '%s'\n%s", a, preview_usage);
            return EXIT_USAGE;
        }
    }
    if (!opt.template_path || !opt.case_path) {
        fputs(preview_usage, stderr);
        return EXIT_USAGE;
    }
    if (opt.out_path) {
        size_t n = strlen(opt.out_path);
        if (!(n > 4 && strcmp(opt.out_path + n - 4, ".pdf") == 0) &&
            !(n > 3 && strcmp(opt.out_path + n - 3, ".md") == 0)) {
            fprintf(stderr, "pbdocs preview: -o takes a FILE.pdf (or FILE.md for the Markdown)\n");
            return EXIT_USAGE;
        }
    }
    diag_list errs = {0};
    preview *p = preview_open(&opt, &errs);
    diag_print_all(&errs, stderr);
    int status = preview_status(&errs, !p);
    diag_list_clear(&errs);
    if (!p)
        return status;
    if (!watch) {
        status = render_once(p);
        preview_close(p);
        return status;
    }
    watcher *w = watcher_open(&errs);
    if (!w || watcher_add(w, preview_template_dir(p), preview_template_name(p), NULL, &errs) ||
        watcher_add(w, preview_partials_dir(p), NULL, ".mustache.md", &errs)) {
        diag_print_all(&errs, stderr);
        status = preview_status(&errs, true);
        diag_list_clear(&errs);
        watcher_close(w);
        preview_close(p);
        return status;
    }
    render_once(p);
    printf("watching %s and %s (Ctrl-C to stop)\n", opt.template_path, preview_partials_dir(p));
    fflush(stdout);
    int r;
    while ((r = watcher_wait(w, 15)) == 1)
        render_once(p);
    watcher_close(w);
    preview_close(p);
    return r == 0 ? EXIT_OK : EXIT_USAGE;
}
