/* cmd_preview.c: pbdocs preview TEMPLATE --case CASE.xml [--doc KIND] [--templates DIR]
 *                                [-o FILE.pdf|FILE.md] [--large-print] [--watch]
 * Renders a template being edited against a case, with the real partials. Prints
 * "rendered FILE in N ms" on stdout, or the problems on stderr (FILE:LINE:COL: message); lint's
 * remarks on the template follow a good render on stderr. --watch renders again at every save
 * of the template, a partial, the case file or the council profile and keeps going after
 * errors, until SIGINT or SIGTERM: each line it prints starts with the local time (HH:MM:SS),
 * and a failed render replaces the output with a page listing the problems, so a stale letter
 * is never taken for the current one. Each save opens the preview afresh (case, profile and
 * templates read again). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "authoring/preview.h"
#include "authoring/watch.h"
#include "cli/commands.h"

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

/* While watching, every line printed starts with the local time, "HH:MM:SS ". */
static void stamp(FILE *f, bool watching)
{
    if (!watching)
        return;
    time_t t = time(NULL);
    struct tm tm;
    char buf[16];
    localtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%H:%M:%S ", &tm);
    fputs(buf, f);
}

static void print_problems(const diag_list *list, bool watching)
{
    for (size_t i = 0; i < list->len; i++) {
        stamp(stderr, watching);
        diag_print(&list->items[i], stderr);
    }
}

/* After a failed render while watching: the output becomes the problems page. */
static void replace_with_problems(const char *out_path, const diag_list *problems)
{
    diag_list errs = {0};
    if (preview_write_problems(out_path, problems, &errs) == 0) {
        stamp(stdout, true);
        printf("%s now lists the problems (not rendered)\n", out_path);
    }
    print_problems(&errs, true);
    diag_list_clear(&errs);
}

/* One render, reported. Returns the exit status it stands for. */
static int render_once(preview *p, bool watching)
{
    diag_list errs = {0}, warnings = {0};
    int pages;
    double t0 = now_ms();
    int rc = preview_render(p, &pages, &errs, &warnings);
    double ms = now_ms() - t0;
    print_problems(&errs, watching);
    if (rc == 0) {
        stamp(stdout, watching);
        if (pages)
            printf("rendered %s in %.0f ms (%d page%s)\n", preview_out_path(p), ms, pages,
                   pages == 1 ? "" : "s");
        else
            printf("rendered %s in %.0f ms\n", preview_out_path(p), ms);
        print_problems(&warnings, watching);
    } else if (!errs.len) {
        stamp(stderr, watching);
        fprintf(stderr, "%s: not rendered\n", preview_out_path(p));
    }
    if (rc != 0 && watching)
        replace_with_problems(preview_out_path(p), &errs);
    fflush(stdout);
    fflush(stderr);
    int status = preview_status(&errs, rc != 0);
    diag_list_clear(&errs);
    diag_list_clear(&warnings);
    return status;
}

/* One save while watching: the preview opened afresh (the case, its council profile and the
 * templates read again) and rendered, or its problems reported and written over the output. */
static void rerender(preview **pp, const preview_options *opt, const char *out_path)
{
    preview_close(*pp);
    diag_list errs = {0};
    *pp = preview_open(opt, &errs);
    if (*pp) {
        render_once(*pp, true);
    } else {
        print_problems(&errs, true);
        replace_with_problems(out_path, &errs);
        fflush(stdout);
        fflush(stderr);
    }
    diag_list_clear(&errs);
}

/* Watches what a render reads: the template, the partials, the case file and its council's
 * profile. 0, or -1 with problems. */
static int watch_inputs(watcher *w, preview *p, const char *case_path, diag_list *errs)
{
    char case_dir[4096], council[256];
    const char *slash = strrchr(case_path, '/');
    int dir_len = slash ? (int)(slash - case_path) + (slash == case_path) : 1;
    snprintf(case_dir, sizeof case_dir, "%.*s", dir_len, slash ? case_path : ".");
    snprintf(council, sizeof council, "%s.xml", preview_council_id(p));
    if (!w || watcher_add(w, preview_template_dir(p), preview_template_name(p), NULL, errs) ||
        watcher_add(w, preview_partials_dir(p), NULL, ".mustache.md", errs) ||
        watcher_add(w, case_dir, slash ? slash + 1 : case_path, NULL, errs) ||
        watcher_add(w, preview_councils_dir(p), council, NULL, errs))
        return -1;
    return 0;
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
                char kinds[200];
                fprintf(stderr, "pbdocs preview: --doc %s\n", doc_kind_unknown(argv[i], kinds, sizeof kinds));
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
        } else if (a[0] != '-' && !opt.template_path) {
            opt.template_path = a;
        } else {
            return usage_error("preview", "unexpected argument '%s'", a);
        }
    }
    if (!opt.template_path || !opt.case_path)
        return usage_error("preview", "%s", !opt.template_path ? "no TEMPLATE given"
                                                                : "--case CASE.xml is required");
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
        status = render_once(p, false);
        preview_close(p);
        return status;
    }
    watcher *w = watcher_open(&errs);
    if (watch_inputs(w, p, opt.case_path, &errs) != 0) {
        diag_print_all(&errs, stderr);
        status = preview_status(&errs, true);
        diag_list_clear(&errs);
        watcher_close(w);
        preview_close(p);
        return status;
    }
    render_once(p, true);
    stamp(stdout, true);
    printf("watching %s, %s, %s and %s/%s.xml (Ctrl-C to stop)\n", opt.template_path,
           preview_partials_dir(p), opt.case_path, preview_councils_dir(p), preview_council_id(p));
    fflush(stdout);
    char *out_path = strdup(preview_out_path(p));
    int r;
    while ((r = watcher_wait(w, 15)) == 1)
        rerender(&p, &opt, out_path);
    free(out_path);
    watcher_close(w);
    preview_close(p);
    return r == 0 ? EXIT_OK : EXIT_USAGE;
}
