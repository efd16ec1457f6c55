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
    sha256_hex(pdf->bytes, pdf->len, req->sha256);
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
    return serve_queue(conn, req, 200, resp);
}

enum MHD_Result api_render(serve_state *s, struct MHD_Connection *conn, request *req)
{
    doc_kind kind = (doc_kind)doc_kind_parse(req->kind);
    renderer *r = serve_large_print(conn) ? s->r_large : s->r;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    diag_list errs = {0};
    pb_pdf pdf = {0};
    pb_case *c = load_body(req, renderer_councils(r), &errs);
    serve_render_case(r, c, kind, &pdf, &errs);
    case_free(c);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    metrics_render_time(&s->metrics, (double)(t1.tv_sec - t0.tv_sec) +
                                         (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (errs.len) {
        pb_pdf_free(&pdf);
        return serve_problems(conn, req, &errs);
    }
    return serve_pdf(conn, req, kind, &pdf);
}

enum MHD_Result api_validate(serve_state *s, struct MHD_Connection *conn, request *req)
{
    diag_list errs = {0};
    council_set *councils = renderer_councils(s->r);
    pb_case *c = load_body(req, councils, &errs);
    if (c)
        council_get(councils, c->council, &errs); /* a profile with problems rejects it too */
    case_free(c);
    if (errs.len)
        return serve_problems(conn, req, &errs);
    return serve_reply(conn, req, 200, "application/json", "{\"ok\": true}\n", 13);
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
