/* api.c: the /api/v1/ routes. render and validate load the case from the body exactly as the
 * command line loads a file (case_load_memory: schema, then every rule) and render with the
 * shared renderer (render_document), so a PDF is byte for byte what `pbdocs render` writes and
 * a problem is in the words `pbdocs render` and `pbdocs validate` print. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "case/load.h"
#include "core/sha256.h"
#include "docs/fields.h"
#include "serve/form.h"
#include "serve/json.h"
#include "serve/serve_internal.h"

/* What a case from a request is called in problems (the JSON leaves the file out). */
#define REQUEST_FILE "request"

enum MHD_Result serve_json(struct MHD_Connection *conn, request *req, int status, strbuf *sb)
{
    enum MHD_Result rc = serve_reply(conn, req, status, "application/json", sb->data, sb->len);
    sb_free(sb);
    return rc;
}

enum MHD_Result serve_problems(struct MHD_Connection *conn, request *req, diag_list *errs)
{
    if (!req->case_id[0])
        for (size_t i = 0; i < errs->len && !req->case_id[0]; i++)
            if (errs->items[i].case_id)
                snprintf(req->case_id, sizeof req->case_id, "%s", errs->items[i].case_id);
    strbuf sb = {0};
    json_problems(&sb, errs);
    diag_list_clear(errs);
    return serve_json(conn, req, 422, &sb);
}

static pb_case *load_body(request *req, council_set *councils, diag_list *errs)
{
    const char *xml = req->body.data ? req->body.data : "";
    pb_case *c = case_load_memory(xml, req->body.len, REQUEST_FILE, 0, councils, errs);
    if (c)
        snprintf(req->case_id, sizeof req->case_id, "%s", c->id);
    return c;
}

bool serve_large_print(struct MHD_Connection *conn)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "large-print");
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

void serve_render_case(renderer *r, const pb_case *c, doc_kind kind, pb_pdf *pdf,
                       diag_list *errs)
{
    if (c && !c->has[kind])
        diag_add(errs, c->file, c->line, 0, c->id, NULL, "does not ask for a %s document",
                 doc_kind_name(kind));
    else if (c)
        render_document(r, c, kind, pdf, errs);
}

enum MHD_Result serve_pdf(struct MHD_Connection *conn, request *req, doc_kind kind, pb_pdf *pdf)
{
    pb_sha256_hex(pdf->bytes, pdf->len, req->sha256);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer_with_free_callback(pdf->len, pdf->bytes, free);
    if (!resp) {
        pb_pdf_free(pdf);
        return MHD_NO;
    }
    char disposition[160];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s-%s.pdf\"", req->case_id,
             doc_kind_name(kind));
    MHD_add_response_header(resp, "Content-Type", "application/pdf");
    MHD_add_response_header(resp, "Content-Disposition", disposition);
    MHD_add_response_header(resp, "X-Pbdocs-Sha256", req->sha256);
    *pdf = (pb_pdf){0}; /* the response frees the bytes */
    return serve_queue(conn, req, 200, resp);
}

/* The workers' half (workq.h): everything that takes CPU, on a worker thread. Nothing of req is
 * touched after MHD_resume_connection: the pool thread may answer and free it at once. */
static void work_done(request *req)
{
    struct MHD_Connection *conn = req->conn;
    atomic_store_explicit(&req->work, WORK_DONE, memory_order_release);
    MHD_resume_connection(conn);
}

static void render_job(void *arg)
{
    request *req = arg;
    serve_state *s = req->s;
    renderer *r = req->large ? s->r_large : s->r;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pb_case *c = load_body(req, renderer_councils(r), &req->errs);
    serve_render_case(r, c, (doc_kind)doc_kind_parse(req->kind), &req->pdf, &req->errs);
    case_free(c);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    metrics_render_time(&s->metrics, (double)(t1.tv_sec - t0.tv_sec) +
                                         (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    work_done(req);
}

static void validate_job(void *arg)
{
    request *req = arg;
    council_set *councils = renderer_councils(req->s->r);
    pb_case *c = load_body(req, councils, &req->errs);
    if (c)
        council_get(councils, c->council, &req->errs); /* a profile with problems rejects it too */
    case_free(c);
    work_done(req);
}

enum MHD_Result api_start(serve_state *s, struct MHD_Connection *conn, request *req)
{
    req->s = s;
    req->conn = conn;
    req->large = serve_large_print(conn);
    atomic_store_explicit(&req->work, WORK_QUEUED, memory_order_relaxed);
    MHD_suspend_connection(conn);
    workq_push(s->work, req->rt == ROUTE_RENDER ? render_job : validate_job, req);
    return MHD_YES;
}

enum MHD_Result api_answer(struct MHD_Connection *conn, request *req)
{
    if (req->errs.len) {
        pb_pdf_free(&req->pdf);
        return serve_problems(conn, req, &req->errs);
    }
    if (req->rt == ROUTE_VALIDATE)
        return serve_reply(conn, req, 200, "application/json", "{\"ok\": true}\n", 13);
    return serve_pdf(conn, req, (doc_kind)doc_kind_parse(req->kind), &req->pdf);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int profile_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0;
}

enum MHD_Result api_councils(serve_state *s, struct MHD_Connection *conn, request *req)
{
    council_set *set = renderer_councils(s->r);
    struct dirent **names = NULL;
    int n = scandir(councils_dir(set), &names, profile_file, by_name);
    strbuf sb = {0};
    sb_puts(&sb, "{\"councils\": [");
    int listed = 0;
    for (int i = 0; i < n; i++) {
        names[i]->d_name[strlen(names[i]->d_name) - 4] = '\0';
        diag_list errs = {0};
        const council *co = council_get(set, names[i]->d_name, &errs);
        diag_list_clear(&errs);
        if (co) { /* a profile with problems is left out: no letter could be made with it */
            sb_puts(&sb, listed++ ? ",\n  {\"id\": " : "\n  {\"id\": ");
            json_string(&sb, co->id);
            sb_puts(&sb, ", \"name\": ");
            json_string(&sb, co->name);
            sb_printf(&sb, ", \"notice_days\": %d, \"notice_unit\": \"%s\"}", co->notice.days,
                      co->notice.unit == DAYS_WORKING ? "working" : "calendar");
        }
        free(names[i]);
    }
    free(names);
    sb_puts(&sb, "\n]}\n");
    return serve_json(conn, req, 200, &sb);
}

enum MHD_Result api_fields(serve_state *s, struct MHD_Connection *conn, request *req)
{
    (void)s;
    doc_kind kind = (doc_kind)doc_kind_parse(req->kind);
    strbuf sb = {0};
    sb_puts(&sb, "{\"kind\": ");
    json_string(&sb, doc_kind_name(kind));
    sb_puts(&sb, ", \"fields\": [");
    int listed = 0;
    for (size_t i = 0; i < field_catalogue_len; i++) {
        const field_info *f = &field_catalogue[i];
        if (!(f->kinds & (1u << kind)))
            continue;
        sb_puts(&sb, listed++ ? ",\n  {\"name\": " : "\n  {\"name\": ");
        json_string(&sb, f->name);
        sb_puts(&sb, ", \"type\": ");
        json_string(&sb, field_type_name(f->type));
        sb_puts(&sb, ", \"meaning\": ");
        json_string(&sb, f->meaning);
        sb_puts(&sb, ", \"example\": ");
        json_string(&sb, f->example);
        sb_putc(&sb, '}');
    }
    sb_puts(&sb, "\n]}\n");
    return serve_json(conn, req, 200, &sb);
}

enum MHD_Result api_schema(serve_state *s, struct MHD_Connection *conn, request *req)
{
    (void)s;
    strbuf sb = {0};
    form_schema_json(&sb);
    return serve_json(conn, req, 200, &sb);
}
