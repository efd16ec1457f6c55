/* audit.c: the audit log's lines (see audit.h). */
#include "serve/audit.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "serve/json.h"

struct audit_log {
    int fd;
    bool own;
    pthread_mutex_t lock;
};

audit_log *audit_open(const char *path)
{
    int fd = 2;
    if (path) {
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return NULL;
    }
    audit_log *log = xcalloc(1, sizeof *log);
    log->fd = fd;
    log->own = path != NULL;
    pthread_mutex_init(&log->lock, NULL);
    return log;
}

static void field(strbuf *sb, const char *name, const char *value)
{
    sb_printf(sb, ", \"%s\": ", name);
    json_string(sb, value && *value ? value : NULL);
}

void audit_write(audit_log *log, const audit_entry *e)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    char when[40];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    strbuf sb = {0};
    sb_printf(&sb, "{\"time\": \"%s.%03ldZ\"", when, now.tv_nsec / 1000000);
    field(&sb, "token", e->who);
    field(&sb, "remote", e->remote);
    field(&sb, "route", e->route);
    field(&sb, "case", e->case_id);
    field(&sb, "kind", e->kind);
    sb_printf(&sb, ", \"status\": %d", e->status);
    field(&sb, "sha256", e->sha256);
    sb_printf(&sb, ", \"ms\": %.2f}\n", e->ms);
    pthread_mutex_lock(&log->lock);
    ssize_t n = write(log->fd, sb.data, sb.len);
    pthread_mutex_unlock(&log->lock);
    (void)n; /* a full disk must not stop the letters; nothing better to do here */
    sb_free(&sb);
}

void audit_close(audit_log *log)
{
    if (!log)
        return;
    if (log->own)
        close(log->fd);
    pthread_mutex_destroy(&log->lock);
    free(log);
}
