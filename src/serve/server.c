/* server.c: starting and stopping `pbdocs serve`. Checks the options (a non-loopback address
 * only with TLS or behind a proxy), opens the one renderer the requests share (two: normal and
 * large print, each compiled once), starts libmicrohttpd with its own limits (thread pool on
 * epoll, connections in all and per address, idle timeout, per-connection memory), then waits
 * for SIGTERM or SIGINT: stops accepting, answers 503 to what comes on open connections, lets
 * the requests in flight finish, and returns. */
#include <arpa/inet.h>
#include <libxml/parser.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "serve/serve_internal.h"

#define DRAIN_SECONDS 30 /* how long requests in flight may take to finish after SIGTERM */

typedef union any_addr {
    struct sockaddr sa;
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
} any_addr;

/* "ADDR:PORT" or "[V6]:PORT" into a; 0, or -1. */
static int parse_listen(const char *s, any_addr *a, bool *loopback)
{
    char host[128];
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= sizeof host)
        return -1;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || end == colon + 1)
        return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    memset(a, 0, sizeof *a);
    size_t n = strlen(host);
    if (host[0] == '[' && host[n - 1] == ']') {
        host[n - 1] = '\0';
        a->v6.sin6_family = AF_INET6;
        a->v6.sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a->v6.sin6_addr) != 1)
            return -1;
        *loopback = IN6_IS_ADDR_LOOPBACK(&a->v6.sin6_addr);
        return 0;
    }
    a->v4.sin_family = AF_INET;
    a->v4.sin_port = htons((uint16_t)port);
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a->v4.sin_addr) != 1)
        return -1;
    *loopback = (ntohl(a->v4.sin_addr.s_addr) >> 24) == 127;
    return 0;
}

static int check_options(const serve_options *o, bool loopback, diag_list *errs)
{
    if (!loopback && !(o->tls_cert && o->tls_key) && !o->behind_proxy) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "%s is not a loopback address: give --tls-cert FILE --tls-key FILE, or "
                       "--behind-proxy when a reverse proxy in front terminates TLS", o->listen);
        return -1;
    }
    if (!loopback && !o->tokens_file && !o->user_header) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "without --tokens the server serves only on loopback (anyone reaching it "
                       "could make letters)");
        return -1;
    }
    if (!o->tls_cert != !o->tls_key) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "--tls-cert and --tls-key go together");
        return -1;
    }
    if (o->user_header && !o->behind_proxy) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "--user-header needs --behind-proxy");
        return -1;
    }
    return 0;
}

static int open_state(serve_state *s, diag_list *errs)
{
    render_options ro = {.templates_dir = s->opt.templates_dir};
    s->r = renderer_open(&ro, errs);
    ro.large_print = true;
    s->r_large = s->r ? renderer_open(&ro, errs) : NULL;
    if (!s->r_large || !(s->cal = calendar_load(renderer_calendar_path(s->r), errs)))
        return -1;
    if (s->opt.tokens_file && !(s->tokens = tokens_load(s->opt.tokens_file, errs)))
        return -1;
    s->audit = audit_open(s->opt.audit_file);
    if (!s->audit) {
        diag_add_class(errs, DIAG_ENV, s->opt.audit_file, 0, 0, NULL, NULL,
                       "cannot open the audit log: %s", strerror(errno));
        return -1;
    }
    s->sessions = sessions_new();
    if (!(s->work = workq_new(s->opt.threads))) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL, "cannot start the render threads");
        return -1;
    }
    return 0;
}

static void close_state(serve_state *s)
{
    workq_free(s->work);
    renderer_close(s->r);
    renderer_close(s->r_large);
    calendar_free(s->cal);
    tokens_free(s->tokens);
    sessions_free(s->sessions);
    audit_close(s->audit);
}

static struct MHD_Daemon *start_daemon(serve_state *s, const any_addr *a, char **tls_mem,
                                       diag_list *errs)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_TURBO |
                     MHD_ALLOW_SUSPEND_RESUME;
    struct MHD_OptionItem tls[3] = {{MHD_OPTION_END, 0, NULL}};
    if (s->opt.tls_cert) {
        const char *paths[2] = {s->opt.tls_key, s->opt.tls_cert};
        for (int i = 0; i < 2; i++)
            if (!(tls_mem[i] = read_text_file(paths[i], 1u << 20, NULL))) {
                diag_add_class(errs, DIAG_ENV, paths[i], 0, 0, NULL, NULL,
                               "cannot read: %s", strerror(errno));
                return NULL;
            }
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL, "this libmicrohttpd has no TLS");
            return NULL;
        }
        flags |= MHD_USE_TLS;
        tls[0] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, tls_mem[0]};
        tls[1] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, tls_mem[1]};
        s->tls = true;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, serve_access, s,
        MHD_OPTION_SOCK_ADDR, &a->sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->opt.threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)(4 * s->opt.per_ip),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)s->opt.per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->opt.timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, serve_completed, s,
        MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
    if (!d)
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "cannot listen on %s: %s", s->opt.listen,
                       errno ? strerror(errno) : "libmicrohttpd would not start");
    return d;
}

/* After SIGTERM: new connections are refused (the listening socket is closed), requests on
 * open ones get 503, and those in flight get DRAIN_SECONDS to finish. */
static void drain(serve_state *s, struct MHD_Daemon *d)
{
    atomic_store(&s->stopping, true);
    MHD_socket fd = MHD_quiesce_daemon(d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    for (int i = 0; i < DRAIN_SECONDS * 50 && atomic_load(&s->active) > 0; i++)
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    workq_free(s->work); /* what is queued resumes its connection before the daemon goes */
    s->work = NULL;
    MHD_stop_daemon(d);
}

int serve_run(const serve_options *opt, diag_list *errs, void (*ready)(const char *addr))
{
    serve_state *s = xcalloc(1, sizeof *s);
    s->opt = *opt;
    if (!s->opt.listen)
        s->opt.listen = "127.0.0.1:8080";
    if (s->opt.threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        s->opt.threads = n > 0 && n < 256 ? (int)n : 2;
    }
    s->opt.max_in_flight = s->opt.max_in_flight > 0 ? s->opt.max_in_flight : 64;
    s->opt.per_ip = s->opt.per_ip > 0 ? s->opt.per_ip : 128;
    s->opt.timeout_s = s->opt.timeout_s > 0 ? s->opt.timeout_s : 15;
    any_addr a;
    bool loopback = false;
    int status = 2;
    struct MHD_Daemon *d = NULL;
    char *tls_mem[2] = {NULL, NULL};
    if (parse_listen(s->opt.listen, &a, &loopback) != 0) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "--listen takes ADDR:PORT (e.g. 127.0.0.1:8080)");
        goto out;
    }
    if (check_options(&s->opt, loopback, errs) != 0 || open_state(s, errs) != 0)
        goto out;
    xmlInitParser(); /* libxml2's global state, once, before the pool threads parse (as batch) */
    /* The pool threads inherit this mask, so the signals come only to sigwait below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!(d = start_daemon(s, &a, tls_mem, errs)))
        goto out;
    if (ready) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char where[160];
        snprintf(where, sizeof where, "%.*s:%u", (int)(strrchr(s->opt.listen, ':') - s->opt.listen),
                 s->opt.listen, info ? info->port : 0);
        ready(where);
    }
    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    drain(s, d);
    status = 0;
out:
    free(tls_mem[0]);
    free(tls_mem[1]);
    close_state(s);
    free(s);
    return status;
}
