/* bench_typeset: how long Markdown -> PDF bytes takes per letter on one core, and how big the
 * PDF is. Runs the layout alone, then the whole stage (layout + libharu), on each Markdown file
 * given (default: fixtures/markdown/one-page.md).
 * Usage: bench_typeset [-n ITERATIONS] [FILE.md...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/paths.h"
#include "layout/layout.h"
#include "typeset/typeset.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[n] = '\0';
    *len = (size_t)n;
    return s;
}

int main(int argc, char **argv)
{
    int iterations = 2000;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        iterations = atoi(argv[2]);
        first = 3;
    }
    char dir[4096], deflt[4096];
    diag_list errs = {0};
    pb_fonts *fonts = fonts_open(pb_path(dir, sizeof dir, "build/fonts"), &errs);
    if (!fonts) {
        diag_print_all(&errs, stderr);
        return 2;
    }
    const char *one[] = {pb_path(deflt, sizeof deflt, "fixtures/markdown/one-page.md")};
    const char **files = first < argc ? (const char **)argv + first : one;
    int n_files = first < argc ? argc - first : 1;
    pb_doc_setup setup = {
        .letter = true, .window = PB_WINDOW_DEFAULT, .title = "Decision about a personal budget",
        .author = "Example Borough Council", .subject = "Refusal EHCP-0142",
        .issued = {2026, 11, 23}, .running_header = "Example Borough Council · EHCP-0142",
    };
    int rc = 0;
    for (int f = 0; f < n_files; f++) {
        size_t len;
        char *md = slurp(files[f], &len);
        if (!md) {
            fprintf(stderr, "%s: cannot read\n", files[f]);
            rc = 2;
            continue;
        }
        double t0 = now();
        for (int i = 0; i < iterations; i++) {
            pb_layout L;
            layout_markdown(md, len, &setup, fonts, &L, &errs);
            layout_free(&L);
        }
        double t_layout = (now() - t0) / iterations;
        pb_pdf pdf = {0};
        size_t bytes = 0;
        int pages = 0;
        t0 = now();
        double c0 = cpu();
        for (int i = 0; i < iterations; i++) {
            if (typeset_pdf(md, len, &setup, fonts, &pdf, &errs) != 0) {
                diag_print_all(&errs, stderr);
                rc = 1;
                break;
            }
            bytes = pdf.len;
            pages = pdf.pages;
            pb_pdf_free(&pdf);
        }
        double t_all = (now() - t0) / iterations, c_all = (cpu() - c0) / iterations;
        const char *name = strrchr(files[f], '/') ? strrchr(files[f], '/') + 1 : files[f];
        printf("typeset %s: %d page(s), %.1f KB; layout %.3f ms; Markdown to PDF bytes %.3f ms "
               "wall, %.3f ms CPU (%.0f documents/s on one core)\n",
               name, pages, bytes / 1024.0, t_layout * 1e3, t_all * 1e3, c_all * 1e3, 1.0 / c_all);
        free(md);
    }
    diag_list_clear(&errs);
    fonts_close(fonts);
    return rc;
}
