/* serve_internal.h: what the files of src/serve/ share: the server's state (made once at start,
 * then read by every libmicrohttpd pool thread; the counters are atomics, the sessions, audit
 * log and renderer caches have their own locks) and one request's state (owned by the thread
 * libmicrohttpd calls us on for that connection: never shared). */
#ifndef PBDOCS_SERVE_INTERNAL_H
#define PBDOCS_SERVE_INTERNAL_H
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "core/calendar.h"
#include "core/strbuf.h"
#include "docs/render.h"
#include "serve/audit.h"
#include "serve/auth.h"
#include "serve/metrics.h"
#include "serve/serve.h"
#include "serve/workq.h"

/* The largest request body read: a case is a few KB; more is answered 413 unread. */
#define SERVE_MAX_BODY (1u << 20)

typedef struct serve_state {
    serve_options opt;
    renderer *r;            /* normal print */
    renderer *r_large;      /* --large-print: every document at 16 pt */
    calendar *cal;          /* the renderer's working-day calendar, for GET /api/v1/dates */
    tokens *tokens;         /* NULL: no --tokens, every request allowed (loopback only) */
    sessions *sessions;     /* the officers' page sign-ins */
    audit_log *audit;
    workq *work;            /* renders and validations (workq.h) */
    metrics metrics;
    atomic_int in_flight;   /* API requests between their headers and their answer */
    atomic_int active;      /* every request between its headers and its end */
    atomic_bool stopping;   /* SIGTERM seen: new requests get 503 */
    bool tls;
} serve_state;

/* A render or validation's trip through the workers: queued (the connection suspended), then
 * done (resumed, and answered on libmicrohttpd's next call). */
enum { WORK_NONE, WORK_QUEUED, WORK_DONE };

typedef struct request {
    route rt;
    int status;             /* the status answered; 0 until then */
    bool counted;           /* holds a place in in_flight */
    bool too_large;         /* body over SERVE_MAX_BODY (chunked): being discarded */
    strbuf body;
    struct timespec start;
    char who[72];           /* token or user name, "-" when none */
    char remote[64];
    char case_id[72], kind[16], sha256[65];
    struct MHD_PostProcessor *form;  /* POST /session */
    char form_token[160];
    /* Handed to a worker (api.c): the worker writes pdf and errs, then sets work to WORK_DONE
     * (release) and resumes conn; the pool thread reads them after (acquire). */
    atomic_int work;
    serve_state *s;
    struct MHD_Connection *conn;
    bool large;
    pb_pdf pdf;
    diag_list errs;
} request;

/* router.c: the access handler and the completion callback given to libmicrohttpd. */
enum MHD_Result serve_access(void *cls, struct MHD_Connection *conn, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls);
void serve_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                     enum MHD_RequestTerminationCode why);

/* Answers status with body (copied) of type ctype; records the status in req. */
enum MHD_Result serve_reply(struct MHD_Connection *conn, request *req, int status,
                            const char *ctype, const void *body, size_t len);
/* Answers {"error": message} with status. */
enum MHD_Result serve_error(struct MHD_Connection *conn, request *req, int status,
                            const char *message);
/* Queues resp (destroyed here) with the headers every answer carries. */
enum MHD_Result serve_queue(struct MHD_Connection *conn, request *req, int status,
                            struct MHD_Response *resp);

/* api.c: the /api/v1/ routes, called once the whole body is in req->body. render and validate
 * suspend the connection and hand the work to the workers (api_start); api_answer answers once
 * the work is done. */
enum MHD_Result api_start(serve_state *s, struct MHD_Connection *conn, request *req);
enum MHD_Result api_answer(struct MHD_Connection *conn, request *req);
enum MHD_Result api_councils(serve_state *s, struct MHD_Connection *conn, request *req);
enum MHD_Result api_fields(serve_state *s, struct MHD_Connection *conn, request *req);
/* GET /api/v1/schema: the form (form.h). */
enum MHD_Result api_schema(serve_state *s, struct MHD_Connection *conn, request *req);
/* Answers the strbuf (freed here) as JSON with status. */
enum MHD_Result serve_json(struct MHD_Connection *conn, request *req, int status, strbuf *sb);
/* Answers 422 with the problems (cleared here); the first case id goes into req. */
enum MHD_Result serve_problems(struct MHD_Connection *conn, request *req, diag_list *errs);

/* true for ?large-print=1 (or true). */
bool serve_large_print(struct MHD_Connection *conn);
/* Renders kind of c (NULL: not loaded, nothing added) into pdf, or adds why not to errs (a case
 * that does not ask for kind, in render's words). */
void serve_render_case(renderer *r, const pb_case *c, doc_kind kind, pb_pdf *pdf, diag_list *errs);
/* Answers 200 with pdf (its bytes are taken), named by req->case_id and kind, with its digest. */
enum MHD_Result serve_pdf(struct MHD_Connection *conn, request *req, doc_kind kind, pb_pdf *pdf);

/* dates.c: GET /api/v1/dates, the dates a letter will print. */
enum MHD_Result api_dates(serve_state *s, struct MHD_Connection *conn, request *req);

/* authoring.c: --authoring's routes under /api/v1/authoring/ (404 without --authoring). */
enum MHD_Result authoring_api(serve_state *s, struct MHD_Connection *conn, request *req,
                              const char *url);

/* page.c: the officers' page, its assets and sign-in. */
enum MHD_Result page_get(serve_state *s, struct MHD_Connection *conn, request *req,
                         const char *url);
enum MHD_Result page_sign_in(serve_state *s, struct MHD_Connection *conn, request *req,
                             const char *upload, size_t *upload_size);
#endif
