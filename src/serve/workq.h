/* workq.h: the render workers. libmicrohttpd's pool threads only read requests and write
 * answers; a render or validation (a millisecond or more of CPU) is handed to these workers, so
 * every core renders whichever connections its requests came on (libmicrohttpd spreads
 * connections over its pool threads unevenly: keep-alive clients that landed on one thread
 * left the other core idle). The connection is suspended meanwhile (router.c). The queue is
 * bounded by the server's in-flight limit, not here. Thread rules: workq_push from any thread;
 * workq_new and workq_free from the thread that runs the server. */
#ifndef PBDOCS_WORKQ_H
#define PBDOCS_WORKQ_H

typedef struct workq workq;
typedef void (*workq_fn)(void *arg);

/* Starts n worker threads (n >= 1); NULL when no thread could be started. */
workq *workq_new(int n);
/* Queues fn(arg), run by the first free worker, in the order pushed. */
void workq_push(workq *q, workq_fn fn, void *arg);
/* Runs what is queued, then stops and joins the workers. */
void workq_free(workq *q);
#endif
