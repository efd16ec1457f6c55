/* paths.h: where pbdocs finds its own files (templates, council profiles, calendar, fonts).
 * The root is the nearest folder at or above the executable's own folder that holds
 * templates/councils/ (so ./pbdocs and build/san/pbdocs both find the checkout), unless the
 * environment variable PBDOCS_ROOT names it. */
#ifndef PBDOCS_PATHS_H
#define PBDOCS_PATHS_H
#include <stddef.h>

/* Found on the first call, by whichever thread makes it (pthread_once); then read-only. */
const char *pb_root(void);
/* ROOT/rel into buf; returns buf. */
char *pb_path(char *buf, size_t size, const char *rel);
#endif
