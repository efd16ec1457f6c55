/* inputs.h: turning the command line's INPUTs into one ordered sequence of cases.
 *
 * An INPUT is a <cases> stream, a single case file, or a directory of case files (*.xml, in
 * byte order of their names; each may itself be a stream). Every file is read with case_source
 * (src/case/load.h): streams cut into cases by a tolerant scanner, one case at a time, so memory
 * holds only the cases in flight and a case that is not well-formed is rejected alone. A case of a stream is only cut out here, on the input thread:
 * loading it (schema and rules, with the same messages as `pbdocs validate`) is the workers'
 * job with rendering, so reading keeps ahead of them. A single case file is loaded here.
 *
 * The shard of a case is decided here: by its id when it has a valid one, else shard 1 (see
 * shard.h), so cases of other shards are dropped before they reach a worker. */
#ifndef PBDOCS_INPUTS_H
#define PBDOCS_INPUTS_H
#include <stdbool.h>

#include "batch/shard.h"
#include "case/case.h"
#include "case/council.h"
#include "case/load.h"
#include "core/diag.h"

/* One unit of work: a case of a stream still to load (text.xml set), a valid case, or a
 * rejected one (problems non-empty, case NULL): a case with problems, or a problem of the input
 * itself (a stream whose rest cannot be read, an element that is not a case, a file that cannot
 * be read). */
typedef struct batch_item {
    case_text text;
    pb_case *c;
    diag_list problems;
} batch_item;

void batch_item_clear(batch_item *it);

/* Called for every item in input order; takes ownership of *it. Returns false to stop. */
typedef bool (*item_sink)(batch_item *it, void *ud);

/* Checks that every input exists and can be read (files or directories): the run does not
 * start otherwise. Adds one problem per input that cannot be read; returns their number. */
int inputs_check(char *const *paths, int n, diag_list *errs);

/* Feeds every case of every input, in order, to sink. Returns false when the sink stopped it. */
bool inputs_walk(char *const *paths, int n, const shard_spec *shard, council_set *councils,
                 item_sink sink, void *ud);

/* The *.xml regular files of dir (not hidden), sorted by name, as "dir/name" with no doubled
 * '/'; *count set. NULL when there are none. Each path and the array are malloc'd. */
char **inputs_list_dir(const char *dir, size_t *count);

/* The case id the problems name (the loader names only valid ids), or NULL. */
const char *problems_case_id(const diag_list *problems);

/* A quick estimate of the number of cases (counts "<case" tags without parsing), for the
 * progress line only. */
size_t inputs_count_estimate(char *const *paths, int n);
#endif
