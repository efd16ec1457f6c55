/* paths.h: where pbdocs finds its own data (templates, council profiles, calendar, schema, fonts).
 * Callers name data by its installed layout: "templates/...", "schema/case.rng", "fonts". The data
 * root is, first found: the folder given to pb_set_data_dir() (the global --data DIR option); the
 * environment variable PBDOCS_DATA (or its older name PBDOCS_ROOT); the nearest folder at or above
 * the executable's own folder that holds templates/councils/ (so ./pbdocs and build/san/pbdocs
 * find the checkout); the folder compiled in as PBDOCS_DATADIR (`make install`); else ".".
 * A root holding src/schema/ is a source checkout: there "schema/" is read from src/schema/ and
 * "fonts" from build/fonts/. */
#ifndef PBDOCS_PATHS_H
#define PBDOCS_PATHS_H
#include <stddef.h>

/* Sets the data root; call before any other function here (main, before any thread starts). */
void pb_set_data_dir(const char *dir);
/* Found on the first call, by whichever thread makes it (pthread_once); then read-only. */
const char *pb_root(void);
/* ROOT/rel into buf (rel in the installed layout, see above); returns buf. */
char *pb_path(char *buf, size_t size, const char *rel);
#endif
