/* limits.c: refusing Markdown whose tables would be too big, before cmark-gfm parses it. */
#include "layout/layout_internal.h"

#include <string.h>

/* cmark-gfm 0.29.0.gfm.6 pads every row of a table with empty cells up to the header's width, so
 * a few bytes a row can ask for millions of cells (a 4,000-column header over 2,000 short rows:
 * 8 million nodes, 25 s, 3.6 GB). So before parsing, count what the tables could hold: a
 * delimiter row (after any quote markers and indentation: only '|', '-', ':' and blanks, with a
 * '|' and a '-') starts a table whose rows run to the next blank line (an overestimate, never
 * less than cmark-gfm will make). */
bool lay_tables_too_big(lay *L, const char *md, size_t len)
{
    const pb_doc_setup *s = L->setup;
    size_t cells = 0, cols = 0;
    int line = 0;
    for (const char *p = md, *end = md + len; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '>'))
            q++;
        size_t pipes = 0, segments = 0;
        bool delimiter = q < e, dash = false;
        for (const char *r = q; r < e && delimiter; r++) {
            if (*r == '|') {
                pipes++;
                segments += dash;
                dash = false;
            } else if (*r == '-') {
                dash = true;
            } else if (*r != ':' && *r != ' ' && *r != '\t' && *r != '\r') {
                delimiter = false;
            }
        }
        segments += dash;
        if (q == e || (q + 1 == e && *q == '\r')) {
            cols = 0;  /* a blank line ends a table */
        } else if (delimiter && pipes && segments) {
            if (segments > MAX_TABLE_COLUMNS) {
                diag_add(L->errs, s->source, 0, 0, s->case_id, NULL,
                         "a table has %zu columns (Markdown line %d); at most %d fit on a page",
                         segments, line + 1, MAX_TABLE_COLUMNS);
                return true;
            }
            cols = segments;
            cells += 2 * cols;
        } else {
            cells += cols;
        }
        if (cells > MAX_TABLE_CELLS) {
            diag_add(L->errs, s->source, 0, 0, s->case_id, NULL,
                     "the tables hold more than %d cells (Markdown line %d)", MAX_TABLE_CELLS,
                     line + 1);
            return true;
        }
        p = nl ? nl + 1 : end;
    }
    return false;
}
