/* runner.c: see runner.h.
 *
 * The ring: slot seq % window holds case seq from the moment the input thread queues it until
 * its rows are emitted. Three counters move forward only: next_put (input thread), next_take
 * (workers take cases in order) and next_emit (the rows written so far). The input thread waits
 * while next_put - next_emit == window; whichever worker finishes case next_emit writes its rows
 * and those of every finished case after it, under the lock, with one write() per case. */
#define _GNU_SOURCE  /* syncfs */
#include "batch/runner.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <malloc.h>
#include <libxml/parser.h>

#include "batch/inputs.h"
#include "batch/manifest.h"
#include "batch/print_stream.h"
#include "batch/resume.h"
#include "batch/run_record.h"
#include "core/sha256.h"
#include "case/load.h"
#include "core/files.h"
#include "core/outfile.h"
#include "core/strbuf.h"
#include "docs/kinds.h"
#include "docs/render.h"

enum { SLOT_FREE, SLOT_QUEUED, SLOT_TAKEN, SLOT_DONE };

typedef struct slot {
    int state;
    size_t seq;
    batch_item item;
    strbuf rows;            /* manifest rows of this case */
    strbuf log;             /* its problems, one a line, for stderr */
    size_t cases, produced, reused, rejected, letters;
    unsigned classes;       /* of its problems (diag_classes) */
    unsigned long long bytes;
    print_entry printed[DOC_KIND_COUNT];  /* letters for the print stream (strings malloc'd) */
    int n_printed;
    char fatal[512];        /* a problem that stops the run (cannot write OUTDIR) */
} slot;

typedef struct runner runner;

typedef struct worker {
    runner *run;
    int index;
    pthread_t thread;
} worker;

struct runner {
    const batch_options *opt;
    renderer *r;            /* the run's one renderer, shared by every worker */
    pthread_mutex_t lock;
    pthread_cond_t work, space, flusher_wake;
    slot *ring;
    size_t window;
    size_t next_put, next_take, next_emit;
    bool input_done, stop;
    bool workers_done;      /* tells the flusher to end */
    bool input_waiting;     /* the input thread waits for room in the ring */
    int dirfd, manifest_fd;
    resume_index *done;     /* --resume: what the killed run finished */
    print_list printed;
    batch_summary sum;
    unsigned classes;       /* of every rejected row's problems: with the run's own, the exit */
    diag_list fatal;        /* problems that stop the run */
    size_t total_estimate;
    double started, last_progress;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

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

/* --- one case, on a worker --------------------------------------------------------------- */

static void add_log(slot *s, const diag_list *problems)
{
    char line[2048];
    for (size_t i = 0; i < problems->len; i++) {
        diag_format(&problems->items[i], line, sizeof line);
        sb_puts(&s->log, line);
        sb_putc(&s->log, '\n');
    }
}

static void reject(slot *s, const char *case_id, const char *kind, const diag_list *problems)
{
    strbuf msg = {0};
    manifest_format_problems(&msg, problems);
    manifest_row row = {.case_id = case_id, .kind = kind, .message = sb_str(&msg)};
    manifest_format_row(&s->rows, &row);
    sb_free(&msg);
    add_log(s, problems);
    s->rejected++;
    s->classes |= problems->len ? diag_classes(problems) : 1u << DIAG_DATA;
}

/* A letter for the print stream: its Markdown and set-up are kept (rendered again when the
 * PDF itself was kept from a resumed run) to be laid out into the stream after the run. */
static void remember_letter(worker *w, slot *s, const pb_case *c, const char *name, int pages,
                            doc_kind kind)
{
    runner *run = w->run;
    if (!run->opt->print_stream || !doc_kinds[kind].letter)
        return;
    diag_list errs = {0};
    char *md = render_markdown(run->r, c, kind, &errs);
    doc_setup_copy *sc = malloc(sizeof *sc);
    if (!sc)
        abort();
    if (md && render_setup(run->r, c, kind, sc, &errs) == 0) {
        print_entry *e = &s->printed[s->n_printed++];
        memset(e, 0, sizeof *e);
        e->postcode = strdup(c->recipient.postcode ? c->recipient.postcode : "");
        e->name = strdup(name);
        if (!e->postcode || !e->name)
            abort();
        e->pages = pages;
        e->kind = kind;
        e->seq = s->seq;
        print_entry_keep(e, md, sc);
        md = NULL;
    } else {
        snprintf(s->fatal, sizeof s->fatal, "%s: the letter could not be kept for the print stream",
                 name);
    }
    free(md);
    free(sc);
    diag_list_clear(&errs);
}

static void produce_document(worker *w, slot *s, const pb_case *c, doc_kind kind)
{
    runner *run = w->run;
    const char *kind_name = doc_kind_name(kind);
    char name[128];
    snprintf(name, sizeof name, "%s-%s.pdf", c->id, kind_name);
    manifest_row row = {.case_id = c->id, .kind = kind_name, .ok = true, .path = name,
                        .warnings = &c->warnings};
    char sha[65];
    if (run->done && resume_done(run->done, run->opt->outdir, name, c->id, kind_name, &row.pages,
                                 &row.bytes, sha)) {
        row.sha256 = sha;
        manifest_format_row(&s->rows, &row);
        remember_letter(w, s, c, name, row.pages, kind);
        s->produced++;
        s->reused++;
        return;
    }
    diag_list errs = {0};
    pb_pdf pdf = {0};
    if (render_document(run->r, c, kind, &pdf, &errs) != 0) {
        if (!errs.len)
            diag_add(&errs, c->file, c->line, 0, c->id, kind_name, "could not be rendered");
        reject(s, c->id, kind_name, &errs);
        diag_list_clear(&errs);
        pb_pdf_free(&pdf);
        return;
    }
    sha256_hex(pdf.bytes, pdf.len, sha);
    /* No fsync per file: the flusher syncs OUTDIR every second, and the run once more at the end. */
    if (outfile_write_at(run->dirfd, name, pdf.bytes, pdf.len, 0) != 0) {
        snprintf(s->fatal, sizeof s->fatal, "cannot write %s/%s: %s", run->opt->outdir, name,
                 strerror(errno));
        pb_pdf_free(&pdf);
        return;
    }
    row.pages = pdf.pages;
    row.bytes = pdf.len;
    row.sha256 = sha;
    manifest_format_row(&s->rows, &row);
    remember_letter(w, s, c, name, pdf.pages, kind);
    s->produced++;
    s->letters++;
    s->bytes += pdf.len;
    pb_pdf_free(&pdf);
}

static void process(worker *w, slot *s)
{
    batch_item *it = &s->item;
    if (it->text.xml)
        it->c = case_text_load(&it->text, renderer_councils(w->run->r), &it->problems);
    if (it->c && w->run->opt->strict)  /* --strict: a warning rejects its case */
        diag_list_take(&it->problems, &it->c->warnings);
    if (!it->c || it->problems.len) {
        const char *id = problems_case_id(&it->problems);
        s->cases = id != NULL;  /* a problem of the input itself is not a case */
        reject(s, id ? id : "", "", &it->problems);
        return;
    }
    s->cases = 1;
    for (int k = 0; k < DOC_KIND_COUNT && !s->fatal[0]; k++)
        if (it->c->has[k])
            produce_document(w, s, it->c, (doc_kind)k);
}

/* --- emitting rows in input order (called with the lock held) ---------------------------- */

static void write_manifest(runner *run, const char *p, size_t len)
{
    if (write_all(run->manifest_fd, p, len) != 0) {
        if (!run->fatal.len)
            diag_add_class(&run->fatal, DIAG_ENV, run->opt->outdir, 0, 0, NULL, NULL,
                           "cannot write %s: %s", MANIFEST_NAME, strerror(errno));
        run->stop = true;
    }
}

static void format_duration(double s, char *buf, size_t size)
{
    long t = s < 0 ? 0 : (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else
        snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
}

static void show_progress(runner *run, bool force)
{
    double now = now_seconds();
    if (!force && now - run->last_progress < 0.25)
        return;
    run->last_progress = now;
    double elapsed = now - run->started;
    size_t done = run->next_emit;
    size_t total = run->total_estimate > done ? run->total_estimate : done;
    double rate = elapsed > 0 ? run->sum.produced / elapsed : 0;
    double case_rate = elapsed > 0 ? done / elapsed : 0;
    char eta[32];
    format_duration(case_rate > 0 ? (double)(total - done) / case_rate : 0, eta, sizeof eta);
    fprintf(run->opt->log, "\r%zu/%s%zu cases  %zu letters  %.0f letters/s  ETA %s\033[K", done,
            run->opt->shard.n > 1 ? "~" : "", total, run->sum.produced, rate, eta);
    fflush(run->opt->log);
}

static void emit_ready(runner *run)
{
    for (;;) {
        slot *s = &run->ring[run->next_emit % run->window];
        if (s->state != SLOT_DONE)
            break;
        if (s->fatal[0] && !run->fatal.len) {
            diag_add_class(&run->fatal, DIAG_ENV, NULL, 0, 0, NULL, NULL, "%s", s->fatal);
            run->stop = true;
        }
        if (s->rows.len && !run->stop)
            write_manifest(run, s->rows.data, s->rows.len);
        if (s->log.len && !run->opt->quiet) {
            if (run->opt->progress)
                fputs("\r\033[K", run->opt->log);
            fputs(s->log.data, run->opt->log);
        }
        run->sum.cases += s->cases;
        run->sum.produced += s->produced;
        run->sum.reused += s->reused;
        run->sum.rejected += s->rejected;
        run->sum.letters += s->letters;
        run->sum.bytes += s->bytes;
        run->classes |= s->classes;
        for (int i = 0; i < s->n_printed; i++)
            if (print_list_add(&run->printed, &s->printed[i], &run->fatal) != 0)
                run->stop = true;
        batch_item_clear(&s->item);
        /* Slots keep their buffers for the next case, but not an unusually large one: the
         * ring's memory stays what ordinary cases need however long the run. */
        if (s->rows.cap > 4096)
            sb_free(&s->rows);
        if (s->log.cap > 4096)
            sb_free(&s->log);
        sb_reset(&s->rows);
        sb_reset(&s->log);
        s->cases = s->produced = s->reused = s->rejected = s->letters = 0;
        s->classes = 0;
        s->bytes = 0;
        s->n_printed = 0;
        s->fatal[0] = '\0';
        s->state = SLOT_FREE;
        run->next_emit++;
        if (run->opt->progress)
            show_progress(run, false);
    }
    /* Wake the input thread only once half the ring is free: one wake-up per window/2 cases
     * instead of a ping-pong per case. */
    if (run->input_waiting && (run->stop || run->next_put - run->next_emit <= run->window / 2))
        pthread_cond_signal(&run->space);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    runner *run = w->run;
    pthread_mutex_lock(&run->lock);
    for (;;) {
        while (run->next_take == run->next_put && !run->input_done)
            pthread_cond_wait(&run->work, &run->lock);
        if (run->next_take == run->next_put)
            break;
        slot *s = &run->ring[run->next_take % run->window];
        run->next_take++;
        s->state = SLOT_TAKEN;
        bool skip = run->stop;
        pthread_mutex_unlock(&run->lock);
        if (!skip)
            process(w, s);
        pthread_mutex_lock(&run->lock);
        s->state = SLOT_DONE;
        emit_ready(run);
    }
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

/* The flusher thread: syncs OUTDIR once a second while the run goes, so the syncfs at the end
 * waits for the last second's files only. Left to the end, it waited for every file the kernel
 * had not yet written back: 0.15 s of a 10,000-case run and 1.2 s of a 100,000-case one (the
 * kernel holds dirty pages 30 s), with both cores idle. */
static void *flusher_main(void *arg)
{
    runner *run = arg;
    pthread_mutex_lock(&run->lock);
    while (!run->workers_done) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        if (pthread_cond_timedwait(&run->flusher_wake, &run->lock, &until) == ETIMEDOUT) {
            pthread_mutex_unlock(&run->lock);
            syncfs(run->dirfd);
            pthread_mutex_lock(&run->lock);
        }
    }
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

/* The input thread's side: queue one case, waiting while the ring is full. */
static bool queue_item(batch_item *it, void *ud)
{
    runner *run = ud;
    pthread_mutex_lock(&run->lock);
    while (run->next_put - run->next_emit >= run->window && !run->stop) {
        run->input_waiting = true;
        pthread_cond_wait(&run->space, &run->lock);
        run->input_waiting = false;
    }
    bool go = !run->stop;
    if (go) {
        slot *s = &run->ring[run->next_put % run->window];
        s->item = *it;
        memset(it, 0, sizeof *it);
        s->seq = run->next_put++;
        s->state = SLOT_QUEUED;
        pthread_cond_signal(&run->work);
    }
    pthread_mutex_unlock(&run->lock);
    return go;
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
    worker *workers = calloc((size_t)jobs, sizeof *workers);
    run.window = 64 + 16 * (size_t)jobs;
    run.ring = calloc(run.window, sizeof *run.ring);
    if (!workers || !run.ring)
        abort();
    /* The run's one renderer, shared by every worker: templates, council profiles and fonts are
     * compiled and loaded once. */
    render_options ro = {.templates_dir = opt->templates_dir};
    run.r = renderer_open(&ro, errs);
    bool stopped = !run.r || open_outdir(&run, errs) != 0;  /* the run could not start or go on */
    if (!stopped) {
        if (opt->progress) {
            size_t est = inputs_count_estimate(opt->inputs, opt->n_inputs);
            run.total_estimate = opt->shard.n > 1 ? (est + opt->shard.n - 1) / opt->shard.n : est;
        }
        pthread_mutex_init(&run.lock, NULL);
        pthread_cond_init(&run.work, NULL);
        pthread_cond_init(&run.space, NULL);
        pthread_cond_init(&run.flusher_wake, NULL);
        run.started = now_seconds();
        int started = 0;
        for (; started < jobs; started++) {
            workers[started].run = &run;
            workers[started].index = started;
            if (pthread_create(&workers[started].thread, NULL, worker_main, &workers[started]))
                break;
        }
        pthread_t flusher;
        bool flusher_started = pthread_create(&flusher, NULL, flusher_main, &run) == 0;
        if (started == 0) {
            diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL, "cannot start a worker thread");
            stopped = true;
        } else {
            /* Single case files are loaded here, streams' cases by the workers (process). */
            inputs_walk(opt->inputs, opt->n_inputs, &opt->shard, renderer_councils(run.r),
                        queue_item, &run);
        }
        pthread_mutex_lock(&run.lock);
        run.input_done = true;
        pthread_cond_broadcast(&run.work);
        pthread_mutex_unlock(&run.lock);
        for (int i = 0; i < started; i++)
            pthread_join(workers[i].thread, NULL);
        if (flusher_started) {
            pthread_mutex_lock(&run.lock);
            run.workers_done = true;
            pthread_cond_signal(&run.flusher_wake);
            pthread_mutex_unlock(&run.lock);
            pthread_join(flusher, NULL);
        }
        finish_outdir(&run);
        if (opt->progress) {
            show_progress(&run, true);
            fputs("\r\033[K", opt->log);
        }
        run.sum.seconds = now_seconds() - run.started;
        pthread_cond_destroy(&run.space);
        pthread_cond_destroy(&run.flusher_wake);
        pthread_cond_destroy(&run.work);
        pthread_mutex_destroy(&run.lock);
        if (run.fatal.len) {
            diag_list_take(errs, &run.fatal);
            stopped = true;
        } else if (!stopped && opt->print_stream) {
            print_list_sort(&run.printed);
            print_run_facts facts = {.started = wall_started, .rejected = run.sum.rejected,
                                     .volume_sheets = opt->print_volume_sheets};
            size_t first = errs->len;
            if (print_stream_write(opt->print_stream, &run.printed, &facts, renderer_fonts(run.r),
                                   &volumes, errs) != 0) {
                diag_raise_class(errs, first, DIAG_ENV);  /* the print stream asked for is not made */
                stopped = true;
            }
        }
        if (run.dirfd >= 0) {
            run_record rec = {.version = opt->version, .argc = opt->argc, .argv = opt->argv,
                              .started = wall_started, .ended = time(NULL),
                              .resumed = opt->resume, .exit_status = run_status(&run, errs, stopped),
                              .cases = run.sum.cases, .produced = run.sum.produced,
                              .reused = run.sum.reused, .rejected = run.sum.rejected,
                              .volumes = volumes.paths, .n_volumes = volumes.n};
            size_t first = errs->len;
            if (run_record_write(opt->outdir, &rec, run.r, errs) != 0) {
                diag_raise_class(errs, first, DIAG_ENV);
                stopped = true;
            }
        }
    }
    diag_list_clear(&run.fatal);
    renderer_close(run.r);
    for (size_t i = 0; i < run.window; i++) {
        for (int k = 0; k < run.ring[i].n_printed; k++)
            print_entry_free(&run.ring[i].printed[k]);
        batch_item_clear(&run.ring[i].item);
        sb_free(&run.ring[i].rows);
        sb_free(&run.ring[i].log);
    }
    print_list_free(&run.printed);
    print_volumes_free(&volumes);
    resume_index_free(run.done);
    if (run.manifest_fd >= 0)
        close(run.manifest_fd);
    if (run.dirfd >= 0)
        close(run.dirfd);
    free(run.ring);
    free(workers);
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
