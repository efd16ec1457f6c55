/* cmd_batch.c: pbdocs batch INPUT... -o OUTDIR [--jobs N] [--resume] [--shard K/N]
 *                    [--print-stream FILE.pdf] [--print-volume SHEETS] [--templates DIR] [--quiet]
 * Parses the command line and hands over to the batch runner (src/batch/runner.h); prints the
 * problems that stop a run and the final summary line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch/runner.h"
#include "cli/commands.h"

#include "core/xalloc.h"

static bool parse_jobs(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > 256)
        return false;
    *out = (int)v;
    return true;
}

int cmd_batch(int argc, char **argv)
{
    batch_options opt = {.shard = {1, 1}, .log = stderr};
    char **inputs = xcalloc((size_t)argc, sizeof *inputs);
    int n_inputs = 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    opt.jobs = cores > 0 ? (cores > 256 ? 256 : (int)cores) : 1;
    int status = -1;
    for (int i = 1; i < argc && status < 0; i++) {
        const char *a = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_value = strcmp(a, "-o") == 0 || strcmp(a, "--jobs") == 0 ||
                           strcmp(a, "-j") == 0 || strcmp(a, "--shard") == 0 ||
                           strcmp(a, "--print-stream") == 0 || strcmp(a, "--templates") == 0 ||
                           strcmp(a, "--print-volume") == 0;
        if (takes_value && !value) {
            status = usage_error("batch", "%s needs a value", a);
            break;
        }
        if (strcmp(a, "-o") == 0) {
            opt.outdir = argv[++i];
        } else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
            if (!parse_jobs(argv[++i], &opt.jobs))
                status = usage_error("batch", "--jobs takes a number from 1 to 256, not '%s'",
                                     argv[i]);
        } else if (strcmp(a, "--shard") == 0) {
            if (!shard_parse(argv[++i], &opt.shard))
                status = usage_error("batch", "--shard takes K/N with 1 <= K <= N, not '%s'",
                                     argv[i]);
        } else if (strcmp(a, "--print-stream") == 0) {
            opt.print_stream = argv[++i];
        } else if (strcmp(a, "--print-volume") == 0) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (!*argv[i] || *end || v < 2 || v > 1000000)
                status = usage_error("batch", "--print-volume takes a number of sheets from 2 to "
                                     "1000000, "
                                     "not '%s'", argv[i]);
            else
                opt.print_volume_sheets = (int)v;
        } else if (strcmp(a, "--templates") == 0) {
            opt.templates_dir = argv[++i];
        } else if (strcmp(a, "--resume") == 0) {
            opt.resume = true;
        } else if (strcmp(a, "--strict") == 0) {
            opt.strict = true;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            opt.quiet = true;
        } else if (a[0] == '-' && a[1]) {
            status = usage_error("batch", "unknown option '%s'", a);
        } else {
            inputs[n_inputs++] = argv[i];
        }
    }
    if (status < 0 && !n_inputs)
        status = usage_error("batch", "%s", "no INPUT given");
    if (status < 0 && !opt.outdir)
        status = usage_error("batch", "%s", "-o OUTDIR is required");
    if (status < 0) {
        opt.inputs = inputs;
        opt.n_inputs = n_inputs;
        opt.progress = !opt.quiet && isatty(STDERR_FILENO);
        opt.version = PBDOCS_VERSION;
        opt.argc = argc;
        opt.argv = argv;
        diag_list errs = {0};
        batch_summary sum;
        status = batch_run(&opt, &sum, &errs);
        diag_print_all(&errs, stderr);
        diag_list_clear(&errs);
        char line[512];
        batch_summary_format(&sum, line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    free(inputs);
    return status;
}
