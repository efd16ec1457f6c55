/* inputs.h: turning the command line's INPUTs into one ordered sequence of cases.
 *
 * An INPUT is a <cases> stream, a single case file, or a directory of case files (*.xml, in
 * byte order of their names; each may itself be a stream). Streams are read with libxml2's
 * streaming reader on the calling thread, which only cuts each <case> out as text: parsing,
 * schema and rules (case_load_memory) run on the workers, so reading never becomes the
 * bottleneck and memory holds only the cases in flight. A single case file is handed over as
 * its path and read whole by the worker.
 *
 * The shard is decided here, from the id attribute alone, so cases of other shards cost only
 * the streaming read. */
#ifndef PBDOCS_INPUTS_H
#define PBDOCS_INPUTS_H
#include <stdbool.h>
#include <stddef.h>

#include "batch/shard.h"
#include "core/diag.h"

/* One unit of work: a case to load, or a problem found while reading an input (a stream whose
 * rest cannot be read, an element that is not a case) which becomes a rejected row. */
typedef struct batch_item {
    char *file;          /* the input file, as named on the command line (malloc'd) */
    int line_offset;     /* of the case in file, for messages */
    char *xml;           /* the case's XML cut from a stream (xmlFree), or NULL: read file */
    size_t len;
    diag_list problems;  /* non-empty: not a case but a problem of the input */
} batch_item;

void batch_item_clear(batch_item *it);

/* Called for every item in input order; takes ownership of *it. Returns false to stop. */
typedef bool (*item_sink)(batch_item *it, void *ud);

/* Checks that every input exists and can be read (files or directories): the run does not
 * start otherwise. Adds one problem per input that cannot be read; returns their number. */
int inputs_check(char *const *paths, int n, diag_list *errs);

/* Feeds every case of every input, in order, to sink. Returns false when the sink stopped it. */
bool inputs_walk(char *const *paths, int n, const shard_spec *shard, item_sink sink, void *ud);

/* A quick estimate of the number of cases (counts "<case" tags without parsing), for the
 * progress line only. */
size_t inputs_count_estimate(char *const *paths, int n);
#endif
