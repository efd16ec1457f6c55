/* router.c: the one access handler libmicrohttpd calls for every request. It finds the route,
 * then, before any body is read, answers what needs no body: 503 while stopping, 404, 405,
 * 401, 403 (a cross-site post), 429 (too many in flight), 400 (no or unknown doc), 415, 413
 * (a declared body over 1 MiB, so the rest is never read). A body is then gathered (up to
 * 1 MiB; a chunked one over that is thrown away as it comes and answered 413) and the route's
 * handler answers. The completion callback logs and counts each request. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case/kind.h"
#include "serve/serve_internal.h"

typedef struct route_def {
    const char *path;
    route rt;
    const char *method;
    bool prefix;  /* path is a prefix: /static/... */
    bool api;     /* needs a token; counts toward the in-flight limit */
    bool xml;     /* the body is case XML */
} route_def;

static const route_def routes[] = {
    {"/", ROUTE_PAGE, "GET", false, false, false},
    {"/static/", ROUTE_ASSET, "GET", true, false, false},
    {"/session", ROUTE_SESSION, "POST", false, false, false},
    {"/healthz", ROUTE_HEALTHZ, "GET", false, false, false},
    {"/metrics", ROUTE_METRICS, "GET", false, false, false},
    {"/api/v1/render", ROUTE_RENDER, "POST", false, true, true},
    {"/api/v1/validate", ROUTE_VALIDATE, "POST", false, true, true},
    {"/api/v1/councils", ROUTE_COUNCILS, "GET", false, true, false},
    {"/api/v1/fields", ROUTE_FIELDS, "GET", false, true, false},
    {"/api/v1/schema", ROUTE_SCHEMA, "GET", false, true, false},
    {"/api/v1/dates", ROUTE_DATES, "GET", false, true, false},
    {"/authoring", ROUTE_AUTHORING_PAGE, "GET", false, false, false},
    {"/api/v1/authoring/", ROUTE_AUTHORING, "GET", true, true, false},
};

static const route_def *find_route(const char *url)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t n = strlen(routes[i].path);
        if (routes[i].prefix ? strncmp(url, routes[i].path, n) == 0 : strcmp(url, routes[i].path) == 0)
            return &routes[i];
    }
    return NULL;
}

enum MHD_Result serve_queue(struct MHD_Connection *conn, request *req, int status,
                            struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    /* Not no-referrer: with it a browser sends Origin: null on the page's own posts. */
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    req->status = status;
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return rc;
}

enum MHD_Result serve_reply(struct MHD_Connection *conn, request *req, int status,
                            const char *ctype, const void *body, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", ctype);
    return serve_queue(conn, req, status, resp);
}

enum MHD_Result serve_error(struct MHD_Connection *conn, request *req, int status,
                            const char *message)
{
    strbuf sb = {0};
    sb_puts(&sb, "{\"error\": \"");
    sb_puts(&sb, message); /* our own words: no quotes or backslashes in them */
    sb_puts(&sb, "\"}\n");
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(sb.len, sb.data, MHD_RESPMEM_MUST_COPY);
    sb_free(&sb);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    if (status == 401)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"pbdocs\"");
    if (status == 429)
        MHD_add_response_header(resp, "Retry-After", "1");
    if (status == 503 || status == 413)
        MHD_add_response_header(resp, "Connection", "close");
    return serve_queue(conn, req, status, resp);
}

static void remote_address(struct MHD_Connection *conn, char *buf, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(buf, size, "-");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, (socklen_t)size);
}

/* Who is asking: a bearer token, the page's session cookie, or (behind a proxy, from the
 * proxy's address only) the user header. Without --tokens everyone is "-". */
static bool authenticate(serve_state *s, struct MHD_Connection *conn, request *req)
{
    const serve_options *o = &s->opt;
    if (o->user_header) {
        const char *from = o->proxy_addr ? o->proxy_addr : "127.0.0.1";
        const char *user = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, o->user_header);
        if (user && strcmp(req->remote, from) == 0 && token_name_ok(user)) {
            snprintf(req->who, sizeof req->who, "%s", user);
            return true;
        }
    }
    if (!s->tokens) {
        snprintf(req->who, sizeof req->who, "-");
        return !o->user_header;
    }
    const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        const char *name = tokens_check(s->tokens, auth + 7);
        if (name)
            snprintf(req->who, sizeof req->who, "%s", name);
        return name != NULL;
    }
    const char *cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "pbdocs_session");
    return cookie && session_check(s->sessions, cookie, req->who, sizeof req->who);
}

/* A browser tells where a post comes from: Origin must name this server (the Host asked for),
 * and Sec-Fetch-Site must not say cross-site. Clients that are not browsers send neither. */
static bool same_origin(struct MHD_Connection *conn)
{
    const char *site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (site && strcmp(site, "cross-site") == 0)
        return false;
    const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return true;
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
    const char *sep = strstr(origin, "://");
    return host && sep && strcmp(sep + 3, host) == 0;
}

static bool content_type_is(struct MHD_Connection *conn, const char *const *types)
{
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    if (!ct)
        return false;
    size_t n = strcspn(ct, "; ");
    for (; *types; types++)
        if (strlen(*types) == n && strncasecmp(ct, *types, n) == 0)
            return true;
    return false;
}

/* Everything answered before the body: returns MHD_YES with no answer queued when the
 * request may go on. */
static enum MHD_Result before_body(serve_state *s, struct MHD_Connection *conn, request *req,
                                   const route_def *def, const char *method)
{
    if (atomic_load(&s->stopping))
        return serve_error(conn, req, 503, "the server is shutting down");
    if (!def || ((def->rt == ROUTE_AUTHORING_PAGE || def->rt == ROUTE_AUTHORING) &&
                 !s->opt.authoring))
        return serve_error(conn, req, 404, "no such page");
    bool head = strcmp(method, "HEAD") == 0 && strcmp(def->method, "GET") == 0;
    if (strcmp(method, def->method) != 0 && !head) {
        struct MHD_Response *resp = MHD_create_response_from_buffer(
            sizeof "{\"error\": \"method not allowed\"}\n" - 1,
            (void *)"{\"error\": \"method not allowed\"}\n", MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(resp, "Content-Type", "application/json");
        MHD_add_response_header(resp, "Allow", strcmp(def->method, "GET") == 0 ? "GET, HEAD" : def->method);
        return serve_queue(conn, req, 405, resp);
    }
    if (def->api && !authenticate(s, conn, req))
        return serve_error(conn, req, 401, "give Authorization: Bearer TOKEN (or sign in)");
    if (!def->api && !authenticate(s, conn, req))
        snprintf(req->who, sizeof req->who, "-");
    if (strcmp(method, "POST") == 0 && !same_origin(conn))
        return serve_error(conn, req, 403, "a post from another site is refused");
    if (def->api) {
        req->counted = true;
        if (atomic_fetch_add(&s->in_flight, 1) >= s->opt.max_in_flight)
            return serve_error(conn, req, 429, "too many requests at once: try again in a second");
    }
    if (def->rt == ROUTE_RENDER || def->rt == ROUTE_FIELDS) {
        const char *doc = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "doc");
        if (!doc || doc_kind_parse(doc) < 0) {
            char words[160], msg[200];
            snprintf(msg, sizeof msg, "doc is not a kind of document (%s)",
                     doc_kind_words(words, sizeof words));
            return serve_error(conn, req, 400, doc ? msg : "give ?doc=KIND");
        }
        snprintf(req->kind, sizeof req->kind, "%s", doc);
    }
    static const char *const xml[] = {"application/xml", "text/xml", NULL};
    static const char *const form[] = {"application/x-www-form-urlencoded", NULL};
    if ((def->xml && !content_type_is(conn, xml)) ||
        (def->rt == ROUTE_SESSION && !content_type_is(conn, form)))
        return serve_error(conn, req, 415, def->xml ? "send the case as Content-Type: application/xml"
                                                    : "send the form urlencoded");
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > SERVE_MAX_BODY)
        return serve_error(conn, req, 413, "the body is over 1 MiB");
    return MHD_YES;
}

static enum MHD_Result answer(serve_state *s, struct MHD_Connection *conn, request *req,
                              const char *url)
{
    switch (req->rt) {
    case ROUTE_HEALTHZ:
        return serve_reply(conn, req, 200, "text/plain", "ok\n", 3);
    case ROUTE_METRICS: {
        strbuf sb = {0};
        metrics_write(&s->metrics, atomic_load(&s->in_flight), &sb);
        enum MHD_Result rc = serve_reply(conn, req, 200, "text/plain; version=0.0.4", sb.data, sb.len);
        sb_free(&sb);
        return rc;
    }
    case ROUTE_RENDER:
    case ROUTE_VALIDATE: return api_start(s, conn, req);
    case ROUTE_COUNCILS: return api_councils(s, conn, req);
    case ROUTE_FIELDS: return api_fields(s, conn, req);
    case ROUTE_SCHEMA: return api_schema(s, conn, req);
    case ROUTE_DATES: return api_dates(s, conn, req);
    case ROUTE_AUTHORING: return authoring_api(s, conn, req, url);
    case ROUTE_AUTHORING_PAGE:
    case ROUTE_PAGE:
    case ROUTE_ASSET: return page_get(s, conn, req, url);
    default: return serve_error(conn, req, 404, "no such page");
    }
}

enum MHD_Result serve_access(void *cls, struct MHD_Connection *conn, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls)
{
    (void)version;
    serve_state *s = cls;
    request *req = *con_cls;
    if (!req) {
        req = calloc(1, sizeof *req);
        if (!req)
            return MHD_NO;
        *con_cls = req;
        atomic_fetch_add(&s->active, 1);
        clock_gettime(CLOCK_MONOTONIC, &req->start);
        remote_address(conn, req->remote, sizeof req->remote);
        const route_def *def = find_route(url);
        req->rt = def ? def->rt : ROUTE_OTHER;
        /* Answered now only when refused: libmicrohttpd 0.9.75 closes a connection whose
         * answer is queued on this first call, so even a GET is answered on the next. */
        return before_body(s, conn, req, def, method);
    }
    if (atomic_load_explicit(&req->work, memory_order_acquire) == WORK_DONE && !req->status)
        return api_answer(conn, req); /* resumed by a worker */
    if (req->status) { /* answered already: what comes is thrown away */
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->rt == ROUTE_SESSION)
        return page_sign_in(s, conn, req, upload, upload_size);
    if (*upload_size) {
        if (!req->too_large && req->body.len + *upload_size > SERVE_MAX_BODY) {
            req->too_large = true;
            sb_free(&req->body);
        }
        if (!req->too_large)
            sb_append(&req->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->too_large)
        return serve_error(conn, req, 413, "the body is over 1 MiB");
    return answer(s, conn, req, url);
}

void serve_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                     enum MHD_RequestTerminationCode why)
{
    (void)conn;
    (void)why;
    serve_state *s = cls;
    request *req = *con_cls;
    if (!req)
        return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - req->start.tv_sec) * 1e3 +
                (double)(end.tv_nsec - req->start.tv_nsec) / 1e6;
    metrics_count(&s->metrics, req->rt, req->status);
    if (req->rt != ROUTE_ASSET && req->rt != ROUTE_HEALTHZ && req->rt != ROUTE_METRICS) {
        audit_entry e = {.who = req->who, .remote = req->remote, .route = route_name(req->rt),
                         .case_id = req->case_id, .kind = req->kind, .sha256 = req->sha256,
                         .status = req->status, .ms = ms};
        audit_write(s->audit, &e);
    }
    if (req->counted)
        atomic_fetch_sub(&s->in_flight, 1);
    if (req->form)
        MHD_destroy_post_processor(req->form);
    sb_free(&req->body);
    pb_pdf_free(&req->pdf);  /* a render whose connection closed before its answer */
    diag_list_clear(&req->errs);
    free(req);
    *con_cls = NULL;
    atomic_fetch_sub(&s->active, 1);
}
