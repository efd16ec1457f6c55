/* runner_internal.h: what the two halves of the batch runner share (private to src/batch/).
 * runner.c is the work: the ring of cases, the workers that produce documents, the rows emitted
 * in input order, progress, the flusher. run.c is the run around it: the output folder, starting
 * and joining the threads, the print stream and run.json at the end, the exit status.
 * Thread rules: every field of runner below `lock` is guarded by it, except those the comments
 * say are set before the threads start and read-only afterwards (opt, r, ring, window, dirfd). */
#ifndef PBDOCS_RUNNER_INTERNAL_H
#define PBDOCS_RUNNER_INTERNAL_H
#include <pthread.h>
#include <stdbool.h>

#include "batch/inputs.h"
#include "batch/print_stream.h"
#include "batch/resume.h"
#include "batch/runner.h"
#include "core/strbuf.h"
#include "docs/render.h"

enum { SLOT_FREE, SLOT_QUEUED, SLOT_TAKEN, SLOT_DONE };

typedef struct slot {
    int state;
    size_t seq;
    batch_item item;
    strbuf rows;            /* manifest rows of this case */
    strbuf log;             /* its problems, one a line, for stderr */
    size_t cases, produced, reused, rejected, letters;
    size_t warned;          /* 1 when the case produced a document with warnings */
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

double runner_now(void);                          /* monotonic seconds */
void runner_show_progress(runner *run, bool force);
void *runner_worker_main(void *arg);              /* a worker thread: takes cases in order */
void *runner_flusher_main(void *arg);             /* syncs OUTDIR once a second */
bool runner_queue_item(batch_item *it, void *ud); /* the input thread's callback (inputs_walk) */
#endif
