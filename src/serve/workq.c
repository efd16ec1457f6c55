/* workq.c: a fixed set of threads taking jobs from one FIFO list under one lock (workq.h). */
#include "serve/workq.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/xalloc.h"

typedef struct job {
    workq_fn fn;
    void *arg;
    struct job *next;
} job;

struct workq {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    job *head, *tail;
    bool stopping;
    int n;
    pthread_t *threads;
};

static void *worker(void *arg)
{
    workq *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->stopping)
            pthread_cond_wait(&q->ready, &q->lock);
        job *j = q->head;
        if (!j)
            break; /* stopping, and nothing left */
        q->head = j->next;
        if (!q->head)
            q->tail = NULL;
        pthread_mutex_unlock(&q->lock);
        j->fn(j->arg);
        free(j);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

workq *workq_new(int n)
{
    workq *q = xcalloc(1, sizeof *q);
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->ready, NULL);
    q->threads = xcalloc((size_t)n, sizeof *q->threads);
    for (; q->n < n; q->n++)
        if (pthread_create(&q->threads[q->n], NULL, worker, q) != 0)
            break;
    if (!q->n) {
        workq_free(q);
        return NULL;
    }
    return q;
}

void workq_push(workq *q, workq_fn fn, void *arg)
{
    job *j = xmalloc(sizeof *j);
    *j = (job){.fn = fn, .arg = arg};
    pthread_mutex_lock(&q->lock);
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
    pthread_cond_signal(&q->ready);
    pthread_mutex_unlock(&q->lock);
}

void workq_free(workq *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->stopping = true;
    pthread_cond_broadcast(&q->ready);
    pthread_mutex_unlock(&q->lock);
    for (int i = 0; i < q->n; i++)
        pthread_join(q->threads[i], NULL);
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->ready);
    free(q->threads);
    free(q);
}
