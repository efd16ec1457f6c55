/* resume.h: picking up a killed run. What a previous run finished is what its manifest says
 * was ok AND whose PDF is still there with the same sha256; everything else is done again, so
 * a resumed run ends with exactly the files and rows a clean run gives.
 *
 * Keeping the old rows safe while the new manifest is written: the old manifest.csv is moved to
 * OUTDIR/.manifest.csv.prev (or, when a resumed run was itself killed, its rows are appended
 * there), the run writes a fresh manifest.csv as usual, and .prev is deleted when the run ends. */
#ifndef PBDOCS_RESUME_H
#define PBDOCS_RESUME_H
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

#define RESUME_PREV_NAME ".manifest.csv.prev"

typedef struct resume_index resume_index;

resume_index *resume_index_new(void);
void resume_index_free(resume_index *ix);
/* Remembers an ok row (a later row for the same document replaces an earlier one). */
void resume_index_add(resume_index *ix, const char *case_id, const char *kind,
                      const char *sha256_hex, int pages);
/* Reads every ok row of a manifest file; -1 when it cannot be read. */
long resume_index_load(resume_index *ix, const char *manifest_path);
size_t resume_index_count(const resume_index *ix);

/* Moves outdir's manifest aside as described above and loads every ok row it holds into ix.
 * Returns 0, or -1 with a problem (the folder cannot be written). */
int resume_prepare(const char *outdir, resume_index *ix, diag_list *errs);
/* Deletes the old rows once the new manifest is complete. */
void resume_finish(const char *outdir);

/* True when the previous run finished document (case_id, kind): it has an ok row and
 * outdir/name holds exactly the bytes it recorded. Sets *pages, *bytes and sha256_hex. */
bool resume_done(const resume_index *ix, const char *outdir, const char *name,
                 const char *case_id, const char *kind, int *pages, size_t *bytes,
                 char sha256_hex[65]);
#endif
