/* metrics.c: the counters behind /metrics, and their Prometheus text format
 * (https://prometheus.io/docs/instrumenting/exposition_formats/). Statuses are kept in a
 * fixed list so a counter is one atomic add, never a lookup under a lock. */
#include "serve/metrics.h"

#include <stddef.h>

static const int statuses[METRICS_STATUSES] = {200, 303, 400, 401, 403, 404, 405, 413,
                                               415, 422, 429, 500, 503, 0, -1, -1};
/* Render latency bucket bounds in seconds; a render of a 3-page letter takes a few ms. */
static const double bounds[METRICS_BUCKETS] = {0.001, 0.0025, 0.005, 0.01,  0.025, 0.05,
                                               0.1,   0.25,   0.5,   1.0,   2.5,   10.0};

static const char *const names[ROUTE_COUNT] = {
    [ROUTE_PAGE] = "/",                  [ROUTE_ASSET] = "/static",
    [ROUTE_SESSION] = "/session",        [ROUTE_HEALTHZ] = "/healthz",
    [ROUTE_METRICS] = "/metrics",        [ROUTE_RENDER] = "/api/v1/render",
    [ROUTE_VALIDATE] = "/api/v1/validate", [ROUTE_COUNCILS] = "/api/v1/councils",
    [ROUTE_FIELDS] = "/api/v1/fields",   [ROUTE_SCHEMA] = "/api/v1/schema",
    [ROUTE_DATES] = "/api/v1/dates",     [ROUTE_AUTHORING_PAGE] = "/authoring",
    [ROUTE_AUTHORING] = "/api/v1/authoring", [ROUTE_OTHER] = "other",
};

const char *route_name(route rt)
{
    return rt < ROUTE_COUNT ? names[rt] : "other";
}

static int status_index(int status)
{
    for (int i = 0; i < METRICS_STATUSES && statuses[i] >= 0; i++)
        if (statuses[i] == status)
            return i;
    return 13; /* 0: no answer was sent (the client went away); anything else counts there too */
}

void metrics_count(metrics *m, route rt, int status)
{
    atomic_fetch_add(&m->requests[rt < ROUTE_COUNT ? rt : ROUTE_OTHER][status_index(status)], 1);
}

void metrics_render_time(metrics *m, double seconds)
{
    for (int i = 0; i < METRICS_BUCKETS; i++)
        if (seconds <= bounds[i])
            atomic_fetch_add(&m->render_bucket[i], 1);
    atomic_fetch_add(&m->render_count, 1);
    atomic_fetch_add(&m->render_us_sum, (unsigned long)(seconds * 1e6));
}

void metrics_write(metrics *m, int in_flight, strbuf *out)
{
    sb_puts(out, "# HELP pbdocs_requests_total Requests answered, by route and status.\n"
                 "# TYPE pbdocs_requests_total counter\n");
    for (int r = 0; r < ROUTE_COUNT; r++)
        for (int i = 0; i < METRICS_STATUSES && statuses[i] >= 0; i++) {
            unsigned long n = atomic_load(&m->requests[r][i]);
            if (n)
                sb_printf(out, "pbdocs_requests_total{route=\"%s\",status=\"%d\"} %lu\n",
                          names[r], statuses[i], n);
        }
    sb_puts(out, "# HELP pbdocs_render_seconds Time to load, check and render one document.\n"
                 "# TYPE pbdocs_render_seconds histogram\n");
    for (int i = 0; i < METRICS_BUCKETS; i++)
        sb_printf(out, "pbdocs_render_seconds_bucket{le=\"%g\"} %lu\n", bounds[i],
                  atomic_load(&m->render_bucket[i]));
    unsigned long count = atomic_load(&m->render_count);
    sb_printf(out, "pbdocs_render_seconds_bucket{le=\"+Inf\"} %lu\n", count);
    sb_printf(out, "pbdocs_render_seconds_sum %.6f\n", atomic_load(&m->render_us_sum) / 1e6);
    sb_printf(out, "pbdocs_render_seconds_count %lu\n", count);
    sb_printf(out, "# HELP pbdocs_requests_in_flight API requests being received or answered.\n"
                   "# TYPE pbdocs_requests_in_flight gauge\n"
                   "pbdocs_requests_in_flight %d\n", in_flight);
}
