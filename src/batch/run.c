/* run.c: one batch run around the work of runner.c (runner_internal.h): the output folder and
 * its lock, the threads started and joined, the print stream and run.json written at the end,
 * and the run's exit status. */
#define _GNU_SOURCE  /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "batch/manifest.h"
#include "batch/run_record.h"
#include "batch/runner_internal.h"
#include "case/council.h"
#include "core/files.h"
#include "core/outfile.h"
#include "core/xalloc.h"

static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    fclose(f);
    return kb;
}

/* --- the output folder --------------------------------------------------------------------- */

static int open_outdir(runner *run, diag_list *errs)
{
    const char *outdir = run->opt->outdir;
    if (make_dirs(outdir) != 0) {
        diag_add_class(errs, DIAG_ENV, outdir, 0, 0, NULL, NULL,
                       "cannot create this folder: %s", strerror(errno));
        return -1;
    }
    run->dirfd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (run->dirfd < 0) {
        diag_add_class(errs, DIAG_ENV, outdir, 0, 0, NULL, NULL,
                       "cannot open this folder: %s", strerror(errno));
        return -1;
    }
    /* One batch per folder at a time: two runs would interleave their manifests. */
    if (flock(run->dirfd, LOCK_EX | LOCK_NB) != 0) {
        diag_add_class(errs, DIAG_ENV, outdir, 0, 0, NULL, NULL, "another pbdocs batch is writing "
                       "to this folder (give each shard its own -o)");
        return -1;
    }
    outfile_remove_stale(run->dirfd);
    if (run->opt->resume) {
        run->done = resume_index_new();
        if (resume_prepare(outdir, run->done, errs) != 0)
            return -1;
    } else {
        unlinkat(run->dirfd, RESUME_PREV_NAME, 0);
    }
    run->manifest_fd = openat(run->dirfd, MANIFEST_NAME,
                              O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0640);
    if (run->manifest_fd < 0 || fchmod(run->manifest_fd, 0640) != 0 ||
        write(run->manifest_fd, MANIFEST_HEADER, strlen(MANIFEST_HEADER)) !=
            (ssize_t)strlen(MANIFEST_HEADER)) {
        diag_add_class(errs, DIAG_ENV, outdir, 0, 0, NULL, NULL,
                       "cannot write %s: %s", MANIFEST_NAME, strerror(errno));
        return -1;
    }
    return 0;
}

/* --- the run ------------------------------------------------------------------------------ */

static void finish_outdir(runner *run)
{
    if (run->manifest_fd >= 0) {
        fsync(run->manifest_fd);
        close(run->manifest_fd);
        run->manifest_fd = -1;
    }
    if (run->dirfd >= 0) {
        /* Everything written this run reaches the disk before the run says it is done. */
        syncfs(run->dirfd);
        if (run->done && !run->stop)
            resume_finish(run->opt->outdir);
    }
}

/* The run's exit status: its problems and every rejected row's decide, as for every command; a
 * run that could not start or go on is an environment problem whatever its messages say. */
static int run_status(const runner *run, const diag_list *errs, bool stopped)
{
    return exit_status_for(run->classes | diag_classes(errs) | (stopped ? 1u << DIAG_ENV : 0),
                           DIAG_DATA);
}

/* Starts the workers and the flusher, reads the inputs on this thread, waits for every case's
 * rows, then syncs OUTDIR. False when no worker could start. */
static bool run_threads(runner *run, worker *workers, int jobs, diag_list *errs)
{
    const batch_options *opt = run->opt;
    bool ok = true;
    pthread_mutex_init(&run->lock, NULL);
    pthread_cond_init(&run->work, NULL);
    pthread_cond_init(&run->space, NULL);
    pthread_cond_init(&run->flusher_wake, NULL);
    run->started = runner_now();
    int started = 0;
    for (; started < jobs; started++) {
        workers[started].run = run;
        workers[started].index = started;
        if (pthread_create(&workers[started].thread, NULL, runner_worker_main, &workers[started]))
            break;
    }
    pthread_t flusher;
    bool flusher_started = pthread_create(&flusher, NULL, runner_flusher_main, run) == 0;
    if (started == 0) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL, "cannot start a worker thread");
        ok = false;
    } else {
        /* Single case files are loaded here, streams' cases by the workers (process). */
        inputs_walk(opt->inputs, opt->n_inputs, &opt->shard, renderer_councils(run->r),
                    runner_queue_item, run);
    }
    pthread_mutex_lock(&run->lock);
    run->input_done = true;
    pthread_cond_broadcast(&run->work);
    pthread_mutex_unlock(&run->lock);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    if (flusher_started) {
        pthread_mutex_lock(&run->lock);
        run->workers_done = true;
        pthread_cond_signal(&run->flusher_wake);
        pthread_mutex_unlock(&run->lock);
        pthread_join(flusher, NULL);
    }
    finish_outdir(run);
    if (opt->progress) {
        runner_show_progress(run, true);
        fputs("\r\033[K", opt->log);
    }
    pthread_cond_destroy(&run->space);
    pthread_cond_destroy(&run->flusher_wake);
    pthread_cond_destroy(&run->work);
    pthread_mutex_destroy(&run->lock);
    return ok;
}

/* After the work: the print stream (when asked for and the run went through) and run.json.
 * Returns whether the run stopped (a problem already, or one writing these). */
static bool write_run_outputs(runner *run, time_t wall_started, print_volumes *volumes,
                              bool stopped, diag_list *errs)
{
    const batch_options *opt = run->opt;
    if (run->fatal.len) {
        diag_list_take(errs, &run->fatal);
        stopped = true;
    } else if (!stopped && opt->print_stream) {
        print_list_sort(&run->printed);
        print_run_facts facts = {.started = wall_started, .rejected = run->sum.rejected,
                                 .volume_sheets = opt->print_volume_sheets};
        size_t first = errs->len;
        if (print_stream_write(opt->print_stream, &run->printed, &facts, renderer_fonts(run->r),
                               volumes, errs) != 0) {
            diag_raise_class(errs, first, DIAG_ENV);  /* the print stream asked for is not made */
            stopped = true;
        }
    }
    if (run->dirfd >= 0) {
        run_record rec = {.version = opt->version, .argc = opt->argc, .argv = opt->argv,
                          .started = wall_started, .ended = time(NULL),
                          .resumed = opt->resume, .exit_status = run_status(run, errs, stopped),
                          .cases = run->sum.cases, .produced = run->sum.produced,
                          .reused = run->sum.reused, .rejected = run->sum.rejected,
                          .warned = run->sum.warned,
                          .volumes = volumes->paths, .n_volumes = volumes->n};
        size_t first = errs->len;
        if (run_record_write(opt->outdir, &rec, run->r, errs) != 0) {
            diag_raise_class(errs, first, DIAG_ENV);
            stopped = true;
        }
    }
    return stopped;
}

/* Frees what the run holds (the renderer, the ring, the print list) and closes OUTDIR. */
static void run_free(runner *run, worker *workers, print_volumes *volumes)
{
    diag_list_clear(&run->fatal);
    renderer_close(run->r);
    for (size_t i = 0; i < run->window; i++) {
        for (int k = 0; k < run->ring[i].n_printed; k++)
            print_entry_free(&run->ring[i].printed[k]);
        batch_item_clear(&run->ring[i].item);
        sb_free(&run->ring[i].rows);
        sb_free(&run->ring[i].log);
    }
    print_list_free(&run->printed);
    print_volumes_free(volumes);
    resume_index_free(run->done);
    if (run->manifest_fd >= 0)
        close(run->manifest_fd);
    if (run->dirfd >= 0)
        close(run->dirfd);
    free(run->ring);
    free(workers);
}

static int run_batch(const batch_options *opt, batch_summary *sum, diag_list *errs)
{
    if (inputs_check(opt->inputs, opt->n_inputs, errs))
        return exit_status(errs);
    /* Process-wide state that must exist before any thread uses it. */
    xmlInitParser();
    /* Workers allocate and free a document's worth of memory per letter. glibc's defaults give
     * freed memory back to the kernel at once (trimming thread arenas, unmapping large blocks),
     * and with two threads each give-back flushes the other CPU's TLB: keep a few MB instead. */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);

    runner run = {.opt = opt, .dirfd = -1, .manifest_fd = -1};
    time_t wall_started = time(NULL);
    print_list_init(&run.printed, opt->print_stream);
    print_volumes volumes = {0};
    int jobs = opt->jobs > 0 ? opt->jobs : 1;
    worker *workers = xcalloc((size_t)jobs, sizeof *workers);
    run.window = 64 + 16 * (size_t)jobs;
    run.ring = xcalloc(run.window, sizeof *run.ring);
    /* The run's one renderer, shared by every worker: templates, council profiles and fonts are
     * compiled and loaded once. */
    render_options ro = {.templates_dir = opt->templates_dir};
    run.r = renderer_open(&ro, errs);
    /* Every council profile is checked before any case, as the templates are: a broken one
     * stops the run having produced nothing (no OUTDIR contents), not only its council's cases. */
    bool stopped = !run.r || councils_check(renderer_councils(run.r), errs) != 0 ||
                   open_outdir(&run, errs) != 0;  /* the run could not start or go on */
    if (!stopped) {
        if (opt->progress) {
            size_t est = inputs_count_estimate(opt->inputs, opt->n_inputs);
            run.total_estimate = opt->shard.n > 1 ? (est + opt->shard.n - 1) / opt->shard.n : est;
        }
        if (!run_threads(&run, workers, jobs, errs))
            stopped = true;
        run.sum.seconds = runner_now() - run.started;
        stopped = write_run_outputs(&run, wall_started, &volumes, stopped, errs);
    }
    run_free(&run, workers, &volumes);
    *sum = run.sum;
    return run_status(&run, errs, stopped);
}

int batch_run(const batch_options *opt, batch_summary *sum, diag_list *errs)
{
    memset(sum, 0, sizeof *sum);
    int status = run_batch(opt, sum, errs);
    sum->peak_rss_kb = peak_rss_kb();
    return status;
}

void batch_summary_format(const batch_summary *sum, char *buf, size_t size)
{
    double secs = sum->seconds > 0 ? sum->seconds : 1e-9;
    int n = snprintf(buf, size,
                     "batch: %zu produced, %zu rejected, %.2f s, %.0f letters/s, %.1f MB/s, "
                     "peak RSS %.1f MB",
                     sum->produced, sum->rejected, sum->seconds, sum->letters / secs,
                     sum->bytes / secs / 1e6, sum->peak_rss_kb / 1024.0);
    if (sum->reused && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " (%zu already done by the run resumed)", sum->reused);
}
