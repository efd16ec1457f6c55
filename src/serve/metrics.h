/* metrics.h: what /metrics reports in Prometheus's text format: requests by route and status,
 * the render latency histogram, requests in flight. Every counter is an atomic: any pool
 * thread counts without a lock. */
#ifndef PBDOCS_METRICS_H
#define PBDOCS_METRICS_H
#include <stdatomic.h>

#include "core/strbuf.h"

/* The routes the server knows; ROUTE_OTHER is anything else (404). */
typedef enum {
    ROUTE_PAGE, ROUTE_ASSET, ROUTE_SESSION, ROUTE_HEALTHZ, ROUTE_METRICS, ROUTE_RENDER,
    ROUTE_VALIDATE, ROUTE_COUNCILS, ROUTE_FIELDS, ROUTE_SCHEMA, ROUTE_DATES, ROUTE_AUTHORING_PAGE,
    ROUTE_AUTHORING, ROUTE_OTHER, ROUTE_COUNT
} route;

/* Route names as logged and reported ("/api/v1/render"): never the URL as sent. */
const char *route_name(route rt);

#define METRICS_STATUSES 16
#define METRICS_BUCKETS 12

typedef struct metrics {
    atomic_ulong requests[ROUTE_COUNT][METRICS_STATUSES];
    atomic_ulong render_bucket[METRICS_BUCKETS];  /* cumulative counts by upper bound */
    atomic_ulong render_count, render_us_sum;
} metrics;

void metrics_count(metrics *m, route rt, int status);
void metrics_render_time(metrics *m, double seconds);
/* Appends the text format; in_flight is the gauge's value now. */
void metrics_write(metrics *m, int in_flight, strbuf *out);
#endif
