/* watch.h: waiting for a template author's next save (Linux inotify).
 *
 * Editors save in different ways: writing the file in place (close after write), or writing a
 * new file and renaming it over the old one (vim, many IDEs). So the folders are watched, not
 * the files, and a change to a file whose name matches counts however it was made. Events that
 * arrive together (one save can be several) are gathered into one change. SIGINT and SIGTERM
 * end the wait cleanly (through a signalfd), so the caller can free everything and exit. */
#ifndef PBDOCS_WATCH_H
#define PBDOCS_WATCH_H
#include "core/diag.h"

typedef struct watcher watcher;

/* watcher_open blocks SIGINT and SIGTERM and receives them instead (watcher_close restores the
 * signal mask). watcher_add watches dir for changes to the file named exactly `file`, or to any
 * file whose name ends with `suffix` when file is NULL. */
watcher *watcher_open(diag_list *errs);
int watcher_add(watcher *w, const char *dir, const char *file, const char *suffix, diag_list *errs);

/* Waits for the next change. Returns 1 on a change (after a quiet moment of settle_ms, so one
 * save is one change), 0 when SIGINT or SIGTERM arrived, -1 on an error. */
int watcher_wait(watcher *w, int settle_ms);
void watcher_close(watcher *w);
#endif
