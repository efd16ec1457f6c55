/* serve.h: `pbdocs serve`, the HTTP service: officers make one notice in the browser (GET /),
 * case-management systems call the API (/api/v1/), on the renderer the batch uses (one shared,
 * compiled once). serve_run owns everything it starts and returns when the server has stopped.
 * Only cli/ calls these. */
#ifndef PBDOCS_SERVE_H
#define PBDOCS_SERVE_H
#include <stdbool.h>

#include "core/diag.h"

typedef struct serve_options {
    const char *listen;        /* "ADDR:PORT" or "[V6]:PORT"; NULL: 127.0.0.1:8080 */
    const char *templates_dir; /* NULL: ROOT/templates */
    const char *tokens_file;   /* NULL: no tokens, loopback only, every request allowed */
    const char *audit_file;    /* NULL: stderr */
    int threads;               /* 0: the number of cores */
    int max_in_flight;         /* 0: 64; more API requests at once are answered 429 */
    int per_ip;                /* 0: 128 connections from one address */
    int timeout_s;             /* 0: 15 s of idleness closes a connection */
    const char *tls_cert, *tls_key;  /* PEM files: serve HTTPS */
    bool behind_proxy;         /* a TLS-terminating proxy is in front: any address allowed */
    const char *user_header;   /* with behind_proxy: the header naming the signed-in user */
    const char *proxy_addr;    /* the one address user_header is trusted from (default loopback) */
    bool authoring;            /* also serve the template authors' page (it serves template sources) */
    const char *cases_dir;     /* authoring: the sample cases; NULL: ROOT/fixtures/cases */
    /* Authoring's two hooks into `pbdocs lint` (authoring/lint.h), given by cli/: serve/ sits
     * beside authoring/ in the folder order and may not include it. lint adds every finding
     * for the templates folder to problems (0, or -1 when it cannot be read); template_kind
     * is the kind a template's file name stands for, or -1. */
    int (*lint)(const char *templates_dir, diag_list *problems);
    int (*template_kind)(const char *file_name);
} serve_options;

/* Runs the server until SIGTERM or SIGINT, then stops accepting, lets requests in flight
 * finish and returns 0. Returns 2 with problems in errs when it cannot start (a bad option,
 * an address it may not listen on, templates or fonts missing, tokens file unreadable).
 * ready, when not NULL, is called with the address once the server listens. */
int serve_run(const serve_options *opt, diag_list *errs, void (*ready)(const char *addr));

/* `pbdocs token add NAME --tokens FILE`: a new random 32-byte token, written as 64 hex digits
 * into token[65]; NAME:sha256(token) is appended to the file (created 0600). Returns 0, or -1
 * with a problem (a bad or repeated name, a file that cannot be written). */
int token_add(const char *file, const char *name, char token[65], diag_list *errs);
#endif
