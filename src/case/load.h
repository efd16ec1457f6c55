/* load.h: reading cases. The same loader serves a single case file (root <case>) and each <case>
 * of a <cases> stream, which is cut into cases by a tolerant scanner (stream_cut.h) one case at
 * a time, so memory stays flat however many cases the file holds and a case that is not
 * well-formed is rejected alone. */
#ifndef PBDOCS_LOAD_H
#define PBDOCS_LOAD_H
#include "case/case.h"
#include "case/council.h"
#include "core/diag.h"

/* Loads one case from XML bytes: parse, schema, then every semantic rule. Returns the case, or
 * NULL with every problem found in errs (each naming file, line, case id and field).
 * line_offset is added to every line (a case cut from a stream). */
pb_case *case_load_memory(const char *buf, size_t len, const char *file, int line_offset,
                          council_set *councils, diag_list *errs);

/* Input files: a single case, or a <cases> stream. */
typedef struct case_source case_source;

/* Opens path; NULL with a diag when it cannot be read or is not case data at all. */
case_source *case_source_open(const char *path, diag_list *errs);
/* The next case: returns 1 with *out set (a valid case) or *out NULL (a rejected case, or a
 * problem of the stream itself such as an element that is not a case: its problems are in errs,
 * naming the case id when it has one); 0 at the end; -1 when the rest of the file cannot be
 * read (an I/O error): the problem is in errs. */
int case_source_next(case_source *src, council_set *councils, pb_case **out, diag_list *errs);
void case_source_close(case_source *src);

/* A case of a stream cut out but not yet loaded, so that another thread can load it: reading
 * the stream is then all the reading thread does. */
typedef struct case_text {
    char *xml;        /* the <case> element as text (NULL: none) */
    size_t len;
    char *file;       /* the stream it came from */
    int line_offset;  /* added to the lines of xml to give the stream's */
    char *id;         /* its id attribute, when that is a valid case id; else NULL */
} case_text;

/* As case_source_next, but a case of a stream is returned unloaded, in *text (then *out is NULL
 * and errs empty); a single case file is loaded as by case_source_next. */
int case_source_next_text(case_source *src, council_set *councils, pb_case **out, case_text *text,
                          diag_list *errs);
/* Loads *text (case_load_memory) and clears it. */
pb_case *case_text_load(case_text *text, council_set *councils, diag_list *errs);
void case_text_clear(case_text *text);

/* The schema file, for messages and tests (found once, thread-safe). */
const char *case_schema_path(void);
#endif
