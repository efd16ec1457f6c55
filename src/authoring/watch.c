/* watch.c: see watch.h. */
#include "authoring/watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "core/xalloc.h"

typedef struct watch_dir {
    int wd;
    char *file;    /* exact name, or NULL */
    char *suffix;  /* when file is NULL */
} watch_dir;

struct watcher {
    int ifd, sfd;
    sigset_t old_mask;
    watch_dir *dirs;
    size_t ndirs;
};

watcher *watcher_open(diag_list *errs)
{
    watcher *w = xcalloc(1, sizeof *w);
    w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->ifd < 0) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "cannot watch files: %s", strerror(errno));
        free(w);
        return NULL;
    }
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigprocmask(SIG_BLOCK, &mask, &w->old_mask);
    w->sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (w->sfd < 0) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "cannot wait for signals: %s", strerror(errno));
        sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
        close(w->ifd);
        free(w);
        return NULL;
    }
    return w;
}

int watcher_add(watcher *w, const char *dir, const char *file, const char *suffix, diag_list *errs)
{
    int wd = inotify_add_watch(w->ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                                IN_MOVED_FROM | IN_ONLYDIR);
    if (wd < 0) {
        diag_add_class(errs, DIAG_ENV, dir, 0, 0, NULL, NULL,
                       "cannot watch this folder: %s", strerror(errno));
        return -1;
    }
    w->dirs = xreallocarray(w->dirs, w->ndirs + 1, sizeof *w->dirs);
    w->dirs[w->ndirs++] = (watch_dir){wd, file ? xstrdup(file) : NULL, suffix ? xstrdup(suffix) : NULL};
    return 0;
}

static bool matches(const watch_dir *d, const char *name)
{
    if (d->file)
        return strcmp(d->file, name) == 0;
    size_t n = strlen(name), k = d->suffix ? strlen(d->suffix) : 0;
    return n > k && name[0] != '.' && strcmp(name + n - k, d->suffix) == 0;
}

/* Reads what inotify has; true when any event concerns a watched file. */
static bool drain(watcher *w)
{
    bool relevant = false;
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->ifd, buf, sizeof buf);
        if (n <= 0)
            return relevant;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            for (size_t i = 0; ev->len && i < w->ndirs; i++)
                if (w->dirs[i].wd == ev->wd && matches(&w->dirs[i], ev->name))
                    relevant = true;
            p += sizeof *ev + ev->len;
        }
    }
}

static bool signalled(watcher *w)
{
    struct signalfd_siginfo si;
    return read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si;
}

int watcher_wait(watcher *w, int settle_ms)
{
    bool changed = false;
    for (;;) {
        struct pollfd fds[2] = {{w->ifd, POLLIN, 0}, {w->sfd, POLLIN, 0}};
        int r = poll(fds, 2, changed ? settle_ms : -1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (fds[1].revents && signalled(w))
            return 0;
        if (r == 0)  /* quiet for settle_ms after a change: the save is complete */
            return 1;
        if (fds[0].revents && drain(w))
            changed = true;
    }
}

void watcher_close(watcher *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->ndirs; i++) {
        free(w->dirs[i].file);
        free(w->dirs[i].suffix);
    }
    free(w->dirs);
    close(w->ifd);
    close(w->sfd);
    sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
    free(w);
}
