/* runner.h: pbdocs batch, the overnight run (contract sections 1 and 2).
 *
 *   inputs (this thread, streaming) -> bounded ring of cases -> N worker threads sharing the
 *   run's one renderer (templates, council profiles and fonts loaded once): load + rules, render
 *   each document, sha256, write atomically -> rows emitted in input order to manifest.csv as
 *   soon as every earlier case is done.
 *
 * Input order, not finishing order, decides the manifest, so the output is the same whatever
 * --jobs is; the ring bounds how far the workers may run ahead, so memory does not grow with the
 * number of cases. */
#ifndef PBDOCS_RUNNER_H
#define PBDOCS_RUNNER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "batch/shard.h"
#include "core/diag.h"

typedef struct batch_options {
    char *const *inputs;
    int n_inputs;
    const char *outdir;
    int jobs;                   /* worker threads, >= 1 */
    bool resume;
    shard_spec shard;           /* {1, 1}: everything */
    const char *print_stream;   /* FILE.pdf or NULL */
    int print_volume_sheets;    /* sheets in one print stream volume (0: the default) */
    const char *templates_dir;  /* NULL: ROOT/templates */
    bool progress;              /* draw a progress line on log (a terminal) */
    bool quiet;                 /* no rejection lines on log: the summary line only */
    bool strict;                /* a case with warnings is rejected (else they go in the
                                 * manifest's message column of its ok rows) */
    const char *version;        /* pbdocs's, for run.json */
    int argc;                   /* the command's arguments, for run.json (argv[0]: "batch") */
    char *const *argv;
    FILE *log;                  /* rejections, progress and the summary (stderr) */
} batch_options;

typedef struct batch_summary {
    size_t cases;      /* cases of this shard read */
    size_t produced;   /* documents with an ok row (including those a resume found done) */
    size_t reused;     /* of which --resume found already done */
    size_t rejected;   /* rejected rows */
    size_t warned;     /* cases produced with warnings (in their ok rows' message column) */
    size_t letters;    /* documents rendered in this run */
    unsigned long long bytes;  /* PDF bytes written in this run */
    double seconds;
    long peak_rss_kb;  /* VmHWM */
} batch_summary;

/* Runs the batch. Returns the exit status (exit_status_for over the run's problems and every
 * rejected row's): 0 all produced, 1 some cases' data rejected, 2 the run could not start or go
 * on (problems in errs: unreadable input, OUTDIR not writable, a broken template, profile or
 * font) or a document failed for a reason other than its case's data (a template failing at
 * render time, an unreadable file in an input folder: its row is rejected, the run goes on). */
int batch_run(const batch_options *opt, batch_summary *sum, diag_list *errs);

/* Formats the final summary line (no line end). */
void batch_summary_format(const batch_summary *sum, char *buf, size_t size);
#endif
