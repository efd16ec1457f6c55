/* runner.c: see runner.h.
 *
 * The ring: slot seq % window holds case seq from the moment the input thread queues it until
 * its rows are emitted. Three counters move forward only: next_put (input thread), next_take
 * (workers take cases in order) and next_emit (the rows written so far). The input thread waits
 * while next_put - next_emit == window; whichever worker finishes case next_emit writes its rows
 * and those of every finished case after it, under the lock, with one write() per case. */
#define _GNU_SOURCE  /* syncfs */
#include "batch/runner_internal.h"

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
#include "core/xalloc.h"
#include "docs/kinds.h"
#include "docs/render.h"

double runner_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
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
    doc_setup_copy *sc = xmalloc(sizeof *sc);
    if (md && render_setup(run->r, c, kind, sc, &errs) == 0) {
        print_entry *e = &s->printed[s->n_printed++];
        memset(e, 0, sizeof *e);
        e->postcode = xstrdup(c->recipient.postcode ? c->recipient.postcode : "");
        e->name = xstrdup(name);
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
    pb_sha256_hex(pdf.bytes, pdf.len, sha);
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
    s->warned = s->produced && it->c->warnings.len;
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

void runner_show_progress(runner *run, bool force)
{
    double now = runner_now();
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
        run->sum.warned += s->warned;
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
        s->cases = s->produced = s->reused = s->rejected = s->letters = s->warned = 0;
        s->classes = 0;
        s->bytes = 0;
        s->n_printed = 0;
        s->fatal[0] = '\0';
        s->state = SLOT_FREE;
        run->next_emit++;
        if (run->opt->progress)
            runner_show_progress(run, false);
    }
    /* Wake the input thread only once half the ring is free: one wake-up per window/2 cases
     * instead of a ping-pong per case. */
    if (run->input_waiting && (run->stop || run->next_put - run->next_emit <= run->window / 2))
        pthread_cond_signal(&run->space);
}

void *runner_worker_main(void *arg)
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
void *runner_flusher_main(void *arg)
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
bool runner_queue_item(batch_item *it, void *ud)
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
