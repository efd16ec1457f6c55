/* cmd_serve.c: pbdocs serve [--listen ADDR:PORT] [--templates DIR] [--tokens FILE]
 *   [--audit FILE] [--threads N] [--max-in-flight N] [--per-ip N] [--timeout S]
 *   [--tls-cert FILE --tls-key FILE] [--behind-proxy [--user-header NAME] [--proxy-addr ADDR]]
 *   [--authoring [--cases DIR]]
 * and pbdocs token add NAME --tokens FILE. The server itself is src/serve/; this file also
 * hands it `pbdocs lint` (authoring/) for --authoring, as two callbacks: serve/ sits beside
 * authoring/ in the folder order and may not include it, and moving lint below both would move
 * a whole checker for one caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lint.h"
#include "cli/commands.h"
#include "serve/serve.h"

static bool tokens_given, authoring_given, tls_given;

static void ready(const char *addr)
{
    const char *scheme = tls_given ? "https" : "http";
    fprintf(stderr, "pbdocs serve: listening on %s://%s/%s\n", scheme, addr,
            tokens_given ? "" : " (no --tokens: every request is allowed, loopback only)");
    if (authoring_given)
        fprintf(stderr, "pbdocs serve: template authors' page on %s://%s/authoring "
                        "(it shows template findings: keep it off a shared server)\n", scheme, addr);
}

/* --authoring's findings: what `pbdocs lint [--templates DIR]` prints (dir NULL: the default
 * folder, named as lint names it). */
static int lint_folder(const char *dir, diag_list *problems)
{
    char buf[4096];
    return lint_templates(dir ? dir : default_templates_dir(buf, sizeof buf), problems, NULL);
}

/* A positive count option; -1 when not one. */
static int count(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    return *end || n < 1 || n > 100000 ? -1 : (int)n;
}

int cmd_serve(int argc, char **argv)
{
    serve_options o = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int *num = strcmp(a, "--threads") == 0         ? &o.threads
                   : strcmp(a, "--max-in-flight") == 0 ? &o.max_in_flight
                   : strcmp(a, "--per-ip") == 0        ? &o.per_ip
                   : strcmp(a, "--timeout") == 0       ? &o.timeout_s
                                                       : NULL;
        const char **str = strcmp(a, "--listen") == 0        ? &o.listen
                           : strcmp(a, "--templates") == 0   ? &o.templates_dir
                           : strcmp(a, "--tokens") == 0      ? &o.tokens_file
                           : strcmp(a, "--audit") == 0       ? &o.audit_file
                           : strcmp(a, "--tls-cert") == 0    ? &o.tls_cert
                           : strcmp(a, "--tls-key") == 0     ? &o.tls_key
                           : strcmp(a, "--user-header") == 0 ? &o.user_header
                           : strcmp(a, "--proxy-addr") == 0  ? &o.proxy_addr
                           : strcmp(a, "--cases") == 0       ? &o.cases_dir
                                                             : NULL;
        if (strcmp(a, "--behind-proxy") == 0) {
            o.behind_proxy = true;
        } else if (strcmp(a, "--authoring") == 0) {
            o.authoring = true;
        } else if (num && v) {
            if ((*num = count(v)) < 0)
                return usage_error("serve", "a count must be a whole number from 1");
            i++;
        } else if (str && v) {
            *str = v;
            i++;
        } else {
            return usage_error("serve", "unknown option or missing value");
        }
    }
    tokens_given = o.tokens_file != NULL;
    authoring_given = o.authoring;
    tls_given = o.tls_cert != NULL;
    o.lint = lint_folder;
    o.template_kind = template_kind_of;
    diag_list errs = {0};
    int rc = serve_run(&o, &errs, ready);
    for (size_t i = 0; i < errs.len; i++) {
        fputs("pbdocs serve: ", stderr);
        diag_print(&errs.items[i], stderr);
    }
    diag_list_clear(&errs);
    if (rc == 0)
        fputs("pbdocs serve: stopped\n", stderr);
    return rc == 0 ? EXIT_OK : EXIT_USAGE;
}

int cmd_token(int argc, char **argv)
{
    const char *name = NULL, *file = NULL;
    bool add = argc > 1 && strcmp(argv[1], "add") == 0;
    for (int i = 2; add && i < argc; i++) {
        if (strcmp(argv[i], "--tokens") == 0 && i + 1 < argc)
            file = argv[++i];
        else if (argv[i][0] != '-' && !name)
            name = argv[i];
        else
            add = false;
    }
    if (!add || !name || !file) {
        return usage_error("token", NULL);
    }
    char token[65];
    diag_list errs = {0};
    if (token_add(file, name, token, &errs) != 0) {
        fputs("pbdocs token: ", stderr);
        diag_print_all(&errs, stderr);
        diag_list_clear(&errs);
        return EXIT_USAGE;
    }
    printf("%s\n", token);
    fprintf(stderr, "pbdocs token: added %s to %s; the token is shown only this once\n", name, file);
    return EXIT_OK;
}
