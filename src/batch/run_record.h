/* run_record.h: OUTDIR/run.json, beside the manifest: what an auditor needs to say which wording
 * produced a letter of the run.
 *
 *   {"pbdocs_version", "command" (the arguments only), "started", "ended" (UTC, ISO 8601),
 *    "first_started" (a resumed run: when the run it resumed began), "resumed", "exit_status",
 *    "cases", "produced", "reused", "rejected",
 *    "warned" (cases produced with warnings: the message column of their ok rows),
 *    "wording": {"sha256", "files": [{"name", "path", "bytes", "sha256"}...]},
 *    "print_stream": [the volumes written]}
 *
 * The wording is every file a letter's words come from: the templates (TEMPLATES/NAME.mustache.md),
 * partials, council profiles and the holiday calendar. Each is named relative to the templates
 * folder ("refusal.mustache.md", "partials/address.mustache.md", "councils/bnes.xml",
 * "calendar/england-and-wales.txt"); "sha256" over them all is the digest of the lines
 * "HEX  NAME\n" in byte order of NAME, as `sha256sum NAME... | LC_ALL=C sort -k2 | sha256sum`
 * gives in the templates folder. Case data never appears. Written atomically (temporary file,
 * rename) at the end of a run; a resumed run rewrites it. Called by the runner's thread alone. */
#ifndef PBDOCS_RUN_RECORD_H
#define PBDOCS_RUN_RECORD_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/diag.h"
#include "docs/render.h"

#define RUN_RECORD_NAME "run.json"

typedef struct run_record {
    const char *version;
    int argc;
    char *const *argv;        /* the batch command's arguments (argv[0] is "batch") */
    time_t started, ended;
    bool resumed;
    int exit_status;
    size_t cases, produced, reused, rejected, warned;
    char *const *volumes;     /* print stream files written (NULL-free), n_volumes of them */
    size_t n_volumes;
} run_record;

/* Writes OUTDIR/run.json. Returns 0, or -1 with a problem. */
int run_record_write(const char *outdir, const run_record *rec, const renderer *r,
                     diag_list *errs);
#endif
