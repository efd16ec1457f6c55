/* page.c: the officers' page (GET /, /static/...), served from the embedded assets, and its
 * sign-in: POST /session with the token (a form, urlencoded) starts a session whose id goes
 * into an HttpOnly, SameSite=Strict cookie (Secure under TLS); the token itself is never
 * stored in the browser. */
#include <string.h>

#include "serve/assets.h"
#include "serve/serve_internal.h"

/* The page runs only its own script and style; the preview is a blob: PDF in a frame. */
static const char csp[] = "default-src 'self'; frame-src blob:; object-src blob:; "
                          "img-src 'self' data:; base-uri 'none'; form-action 'self'; "
                          "frame-ancestors 'none'";

static const serve_asset *find_asset(const char *name)
{
    for (size_t i = 0; i < serve_assets_len; i++)
        if (strcmp(serve_assets[i].name, name) == 0)
            return &serve_assets[i];
    return NULL;
}

enum MHD_Result page_get(serve_state *s, struct MHD_Connection *conn, request *req,
                         const char *url)
{
    (void)s;
    const char *name = req->rt == ROUTE_PAGE             ? "index.html"
                       : req->rt == ROUTE_AUTHORING_PAGE ? "authoring.html"
                                                         : url + strlen("/static/");
    const serve_asset *a = strchr(name, '/') ? NULL : find_asset(name);
    if (!a)
        return serve_error(conn, req, 404, "no such page");
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", a->type);
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    return serve_queue(conn, req, 200, resp);
}

static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *encoding, const char *data, uint64_t off,
                                  size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)encoding;
    request *req = cls;
    if (strcmp(key, "token") != 0)
        return MHD_YES;
    if (off + size >= sizeof req->form_token)
        return MHD_NO; /* no token is that long */
    memcpy(req->form_token + off, data, size);
    req->form_token[off + size] = '\0';
    return MHD_YES;
}

static const char refused_page[] =
    "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Sign-in failed</title>"
    "<p>That token was not recognised. <a href=\"/\">Try again</a>.</p></html>\n";

enum MHD_Result page_sign_in(serve_state *s, struct MHD_Connection *conn, request *req,
                             const char *upload, size_t *upload_size)
{
    if (!req->form && !(req->form = MHD_create_post_processor(conn, 1024, form_field, req)))
        return serve_error(conn, req, 415, "send the form urlencoded");
    if (*upload_size) {
        if (req->body.len + *upload_size > 4096 ||
            MHD_post_process(req->form, upload, *upload_size) != MHD_YES)
            req->too_large = true;
        req->body.len += *upload_size; /* only counted */
        *upload_size = 0;
        return MHD_YES;
    }
    const char *name = s->tokens && !req->too_large ? tokens_check(s->tokens, req->form_token) : NULL;
    if (!s->tokens)
        name = "-";
    char id[65];
    if (!name || session_start(s->sessions, name, id) != 0)
        return serve_reply(conn, req, 401, "text/html; charset=utf-8", refused_page,
                           sizeof refused_page - 1);
    snprintf(req->who, sizeof req->who, "%s", name);
    char cookie[200];
    snprintf(cookie, sizeof cookie, "pbdocs_session=%s; Path=/; HttpOnly; SameSite=Strict; "
             "Max-Age=%d%s", id, SESSION_SECONDS, s->tls ? "; Secure" : "");
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Set-Cookie", cookie);
    MHD_add_response_header(resp, "Location", "/");
    return serve_queue(conn, req, 303, resp);
}
