/* manifest.h: OUTDIR/manifest.csv, the record of a batch run (contract section 2):
 *
 *   case_id,kind,status,pages,bytes,sha256,path,message
 *
 * one row per document produced (status ok) or per case or document rejected (status rejected:
 * pages, bytes, sha256 and path empty, message = its problems joined with " | "); an ok row's
 * message holds its case's warnings (case/plausible.c) the same way, or is empty. Fields are
 * quoted as RFC 4180 says when they hold a comma, a quote or a line break; pbdocs never writes a
 * line break inside a field, so every row is one line. Rows are appended as cases finish with one
 * write() per case, so a run killed at any moment leaves the header and whole rows, plus at most
 * one torn last line, which the reader ignores. */
#ifndef PBDOCS_MANIFEST_H
#define PBDOCS_MANIFEST_H
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/strbuf.h"

#define MANIFEST_NAME "manifest.csv"
#define MANIFEST_HEADER "case_id,kind,status,pages,bytes,sha256,path,message\n"

typedef struct manifest_row {
    const char *case_id;  /* "" when the case has no valid id */
    const char *kind;     /* "" for a case rejected as a whole */
    bool ok;
    int pages;
    size_t bytes;
    const char *sha256;   /* 64 hex digits (ok rows) */
    const char *path;     /* relative to OUTDIR (ok rows) */
    const char *message;  /* rejected rows */
    const diag_list *warnings;  /* ok rows: the case's warnings (NULL or empty: none) */
} manifest_row;

/* Appends one row, with its line end, to out. */
void manifest_format_row(strbuf *out, const manifest_row *row);

/* The message of a rejected row: every problem formatted as the contract says
 * (FILE:LINE: case ID: field: message), joined with " | ", line breaks turned to spaces. */
void manifest_format_problems(strbuf *out, const diag_list *problems);

/* Reads the rows of a manifest file, calling each() for every whole row that parses (8 fields,
 * status ok or rejected); the header, a torn last line and any line that does not parse are
 * skipped. Returns the number of rows passed, or -1 when the file cannot be read. */
long manifest_read(const char *path, void (*each)(const manifest_row *row, void *ud), void *ud);

/* The one reader under manifest_read, for callers that keep lines as they are (resume copies
 * them): each() gets every whole line but the header, its line end included, in a buffer it may
 * change; a torn last line is left out. each() returns nonzero to stop. Returns the number of
 * lines passed, or -1 with errno set when the file cannot be read or each() stopped. */
long manifest_read_lines(const char *path, int (*each)(char *line, size_t len, void *ud),
                         void *ud);
#endif
