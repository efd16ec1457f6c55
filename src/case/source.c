/* source.c: where cases come from. A file whose root is <case> is read whole (64 MiB cap); a file
 * whose root is <cases> is cut into cases by a tolerant scanner (stream_cut.h) that reads it in
 * chunks: each case's bytes go, with its line offset, to the same strict loader as a single
 * file, and are then dropped, so memory does not grow with the number of cases. A case that is
 * not well-formed (a control character, a broken tag, invalid UTF-8, no </case>) is rejected
 * alone, with its line in the stream, and the next case is read as usual: one bad record never
 * costs the rest of the night. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "case/explain.h"
#include "case/load.h"
#include "case/rules.h"
#include "case/stream_cut.h"
#include "case/xml.h"
#include "core/xalloc.h"

struct case_source {
    char *path;
    stream_cut *cut;          /* NULL for a single case file */
    bool single_done;
};

/* The names of a <cases> stream a message may repeat: the case schema's. */
static bool stream_may_quote(const char *name)
{
    return strcmp(name, "cases") == 0 || case_schema_has_name(name);
}

case_source *case_source_open(const char *path, diag_list *errs)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read: %s",
                       stat(path, &st) != 0 ? strerror(errno) : "not a regular file");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read: %s", strerror(errno));
        return NULL;
    }
    char head[65536];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    case_source *src = xcalloc(1, sizeof *src);
    src->path = xstrdup(path);
    /* A DOCTYPE: nothing is cut; the single-case loader refuses the file with its line. */
    if (!xml_has_doctype(head, n))
        src->cut = stream_cut_open(path);
    return src;
}

static int next_single(case_source *src, council_set *councils, pb_case **out, diag_list *errs)
{
    if (src->single_done)
        return 0;
    src->single_done = true;
    size_t len;
    bool too_big;
    char *buf = xml_read_file(src->path, XML_MAX_CASE_BYTES, &len, errs, &too_big);
    if (!buf)
        return too_big ? 1 : -1;
    *out = case_load_memory(buf, len, src->path, 0, councils, errs);
    free(buf);
    return 1;
}

int case_source_next(case_source *src, council_set *councils, pb_case **out, diag_list *errs)
{
    return case_source_next_text(src, councils, out, NULL, errs);
}

void case_text_clear(case_text *t)
{
    free(t->xml);
    free(t->file);
    free(t->id);
    memset(t, 0, sizeof *t);
}

pb_case *case_text_load(case_text *t, council_set *councils, diag_list *errs)
{
    pb_case *c = case_load_memory(t->xml, t->len, t->file, t->line_offset, councils, errs);
    case_text_clear(t);
    return c;
}

/* Says what is wrong with a piece of the stream that is not a whole case. */
static void report_piece(const case_source *src, const cut_piece *p, council_set *councils,
                         diag_list *errs)
{
    const char *path = src->path;
    switch (p->kind) {
    case CUT_UNCLOSED: {
        char where[96];
        if (p->ended_by == END_NEXT_CASE)
            snprintf(where, sizeof where, "the case at line %d begins first", p->end_line);
        else if (p->ended_by == END_ROOT)
            snprintf(where, sizeof where, "</cases> at line %d comes first", p->end_line);
        else
            snprintf(where, sizeof where, "the file ends first");
        diag_add(errs, path, p->line, 0, p->id, NULL,
                 "not well-formed XML: this case is not closed by </case>: %s", where);
        /* The parser's own words on what it holds (often the misspelt end tag itself). */
        diag_list parsed = {0};
        case_free(case_load_memory(p->text, p->len, path, p->line - 1, councils, &parsed));
        diag_list_take(errs, &parsed);
        break;
    }
    case CUT_TOO_BIG:
        diag_add(errs, path, p->line, 0, p->id, NULL,
                 "this case is larger than the limit of %u MiB for one case",
                 XML_MAX_CASE_BYTES >> 20);
        break;
    case CUT_NOT_CASE: /* named only when the schema has the name: it might be data */
        diag_add(errs, path, p->line, 0, NULL, stream_may_quote(p->name) ? p->name : NULL,
                 "%s: a <cases> file holds only <case> elements",
                 stream_may_quote(p->name) ? "is not a case" : "an element here is not a case");
        break;
    case CUT_STRAY_END: {
        bool named = stream_may_quote(p->name);
        diag_add(errs, path, p->line, 0, NULL, NULL,
                 "not well-formed XML: an end tag %s%s%s without its start tag", named ? "</" : "",
                 named ? p->name : "", named ? ">" : "");
        break;
    }
    case CUT_NO_END:
        diag_add(errs, path, p->line, 0, NULL, NULL,
                 "not well-formed XML: the file ends before </cases> (was it cut short?)");
        break;
    case CUT_AFTER_END:
        diag_add(errs, path, p->line, 0, NULL, NULL,
                 "not well-formed XML: the stream goes on after </cases> at line %d",
                 p->end_line);
        break;
    case CUT_CASE:
        break;
    }
}

int case_source_next_text(case_source *src, council_set *councils, pb_case **out, case_text *text,
                          diag_list *errs)
{
    *out = NULL;
    if (!src->cut)
        return next_single(src, councils, out, errs);
    cut_piece p;
    int rc = stream_cut_next(src->cut, &p);
    if (rc < 0) {
        diag_add_class(errs, DIAG_ENV, src->path, 0, 0, NULL, NULL,
                       "cannot read the rest of this file: %s", strerror(errno));
        return -1;
    }
    if (rc == 0)
        return 0;
    if (p.kind != CUT_CASE) {
        report_piece(src, &p, councils, errs);
        free(p.text);
        free(p.id);
        return 1;
    }
    case_text t = {p.text, p.len, xstrdup(src->path), p.line - 1, p.id};
    if (text)
        *text = t;
    else
        *out = case_text_load(&t, councils, errs);
    return 1;
}

void case_source_close(case_source *src)
{
    if (!src)
        return;
    stream_cut_close(src->cut);
    free(src->path);
    free(src);
}
