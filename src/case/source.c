/* source.c: where cases come from. A file whose root is <case> is read whole (64 MiB cap); a file
 * whose root is <cases> is read with libxml2's streaming reader: each <case> is cut out,
 * serialised and handed to the same loader as a single file, with its line offset, and then
 * dropped, so memory does not grow with the number of cases.
 *
 * One case of a stream is capped like a case file: the reader gets its bytes through read_input,
 * which refuses to go on once the parser has consumed more than 64 MiB since the case began, so
 * an enormous case is never held whole. The reader cannot recover from that, so a fresh reader
 * reopens the file and skips the cases already seen and the enormous one, walking them node by
 * node (libxml2 frees each node behind the walk), and the run goes on with the case after it. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

#include "case/explain.h"
#include "case/load.h"
#include "case/rules.h"
#include "case/xml.h"
#include "core/xalloc.h"

struct case_source {
    char *path;
    FILE *file;               /* what the reader reads, through read_input */
    xmlTextReaderPtr reader;  /* NULL for a single case file */
    long case_start;          /* bytes the parser had consumed when the case being expanded began; -1: none */
    bool case_too_big;        /* read_input refused to go past the limit */
    long top_seen;            /* elements under <cases> met so far (to skip them after a reopen) */
    int resume_rc;            /* after a reopen: the reader is already on the next node (1),
                               * at the end (0), broken (-1); -2: read on as usual */
    bool single_done;
    diag_list *errs;          /* non-NULL while a call runs */
    diag_list pending;        /* the reader's errors, reported with the end of the stream */
    int last_line;            /* line of the last case read whole */
};

/* The names of a <cases> stream a message may repeat: the case schema's. */
static bool stream_may_quote(const char *name)
{
    return strcmp(name, "cases") == 0 || case_schema_has_name(name);
}

static void reader_error(void *ud, xmlErrorPtr e)
{
    case_source *src = ud;
    if (!e || e->level == XML_ERR_WARNING || !src->errs)
        return;
    char msg[512];
    xml_parser_message(e, stream_may_quote, msg, sizeof msg);
    /* Kept until the call that reports the end of what could be read; only the first. */
    if (!src->pending.len)
        diag_add(&src->pending, src->path, e->line > 0 ? e->line : 1, 0, NULL, NULL,
                 "not well-formed XML: %s", msg);
}

/* Reports the pending break, saying which cases were lost. */
static void report_break(case_source *src, diag_list *errs, int lost_from_line)
{
    for (size_t i = 0; i < src->pending.len; i++) {
        diag *d = &src->pending.items[i];
        char more[160];
        if (lost_from_line > 0)
            snprintf(more, sizeof more, "; the case at line %d and any after it could not be read",
                     lost_from_line);
        else if (src->last_line > 0)
            snprintf(more, sizeof more, "; no case after the one at line %d could be read",
                     src->last_line);
        else
            snprintf(more, sizeof more, "; no case in this file could be read");
        size_t n = strlen(d->message);
        char *m = xrealloc(d->message, n + strlen(more) + 1);
        strcpy(m + n, more);
        d->message = m;
    }
    diag_list_take(errs, &src->pending);
}

/* The reader's input: the file, cut off (an I/O error for the reader) once the case being
 * expanded has passed the size limit. */
static int read_input(void *ctx, char *buf, int len)
{
    case_source *src = ctx;
    if (src->case_start >= 0 && src->reader &&
        xmlTextReaderByteConsumed(src->reader) - src->case_start > (long)XML_MAX_CASE_BYTES) {
        src->case_too_big = true;
        return -1;
    }
    size_t n = fread(buf, 1, (size_t)len, src->file);
    return n == 0 && ferror(src->file) ? -1 : (int)n;
}

static int close_input(void *ctx)
{
    case_source *src = ctx;
    if (src->file)
        fclose(src->file);
    src->file = NULL;
    return 0;
}

static xmlTextReaderPtr open_reader(case_source *src)
{
    src->file = fopen(src->path, "rb");
    if (!src->file)
        return NULL;
    src->case_start = -1;
    return xmlReaderForIO(read_input, close_input, src, src->path, NULL,
                          XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING);
}

/* Reads up to the first element; returns its name (static) or NULL. */
static const char *first_element(case_source *src)
{
    int rc;
    while ((rc = xmlTextReaderRead(src->reader)) == 1) {
        int type = xmlTextReaderNodeType(src->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return NULL;
        if (type == XML_READER_TYPE_ELEMENT)
            return (const char *)xmlTextReaderConstLocalName(src->reader);
    }
    return NULL;
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
    src->resume_rc = -2;
    if (xml_has_doctype(head, n)) {
        /* Nothing is parsed: the single-case loader reports the DOCTYPE with its line. */
        return src;
    }
    src->reader = open_reader(src);
    if (!src->reader) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read this file");
        case_source_close(src);
        return NULL;
    }
    /* Errors before the root element are the single-case loader's to report, with context. */
    src->errs = errs;
    xmlTextReaderSetStructuredErrorHandler(src->reader, reader_error, src);
    const char *root = first_element(src);
    bool stream = root && strcmp(root, "cases") == 0 && !src->pending.len;
    src->errs = NULL;
    diag_list_clear(&src->pending);
    if (stream)
        return src;
    xmlFreeTextReader(src->reader);
    src->reader = NULL;
    return src;
}

/* After a case too big to read: a fresh reader on the file, moved past every element under
 * <cases> met so far (the enormous case included). False when the file cannot be read again. */
static bool reopen_after(case_source *src)
{
    xmlFreeTextReader(src->reader);
    src->reader = open_reader(src);
    if (!src->reader)
        return false;
    xmlTextReaderSetStructuredErrorHandler(src->reader, reader_error, src);
    const char *root = first_element(src);
    if (!root || strcmp(root, "cases") != 0)
        return false;
    int rc = xmlTextReaderRead(src->reader);
    for (long skip = src->top_seen; rc == 1 && skip > 0;) {
        if (xmlTextReaderNodeType(src->reader) == XML_READER_TYPE_ELEMENT &&
            xmlTextReaderDepth(src->reader) == 1) {
            skip--;
            rc = xmlTextReaderNext(src->reader); /* walks the subtree, freeing it behind */
        } else {
            rc = xmlTextReaderRead(src->reader);
        }
    }
    src->resume_rc = rc;
    return true;
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

/* The line of a case element in the file. libxml2 keeps element lines in 16 bits (65535 means
 * "or more"); with XML_PARSE_BIG_LINES a text node's line is exact, so use the first one. */
static int element_line(xmlNodePtr node)
{
    long line = xmlGetLineNo(node);
    if (line >= 65535)
        for (xmlNodePtr k = node->children; k; k = k->next)
            if (k->type == XML_TEXT_NODE) {
                line = xmlGetLineNo(k);
                break;
            }
    return line > 0 ? (int)line : 1;
}

int case_source_next(case_source *src, council_set *councils, pb_case **out, diag_list *errs)
{
    return case_source_next_text(src, councils, out, NULL, errs);
}

void case_text_clear(case_text *t)
{
    xmlFree(t->xml);
    free(t->file);
    xmlFree(t->id);
    memset(t, 0, sizeof *t);
}

pb_case *case_text_load(case_text *t, council_set *councils, diag_list *errs)
{
    pb_case *c = case_load_memory(t->xml, t->len, t->file, t->line_offset, councils, errs);
    case_text_clear(t);
    return c;
}

int case_source_next_text(case_source *src, council_set *councils, pb_case **out, case_text *text,
                          diag_list *errs)
{
    *out = NULL;
    if (!src->reader)
        return next_single(src, councils, out, errs);
    src->errs = errs;
    int result = 0;
    for (;;) {
        int rc = src->pending.len ? -1 : src->resume_rc != -2 ? src->resume_rc : xmlTextReaderRead(src->reader);
        src->resume_rc = -2;
        if (rc != 1) {
            result = rc == 0 && !src->pending.len ? 0 : -1;
            if (rc < 0 && !src->pending.len)
                diag_add(&src->pending, src->path, 0, 0, NULL, NULL, "not well-formed XML");
            report_break(src, errs, 0);
            break;
        }
        if (xmlTextReaderNodeType(src->reader) != XML_READER_TYPE_ELEMENT ||
            xmlTextReaderDepth(src->reader) != 1)
            continue;
        const char *name = (const char *)xmlTextReaderConstLocalName(src->reader);
        src->top_seen++;
        if (strcmp(name, "case") != 0) {
            int line = (int)xmlGetLineNo(xmlTextReaderCurrentNode(src->reader));
            diag_add(errs, src->path, line, 0, NULL, name,
                     "is not a case: a <cases> file holds only <case> elements");
            xmlTextReaderNext(src->reader);
            result = 1;
            break;
        }
        int start = (int)xmlGetLineNo(xmlTextReaderCurrentNode(src->reader));
        src->case_start = xmlTextReaderByteConsumed(src->reader);
        src->case_too_big = false;
        xmlNodePtr node = xmlTextReaderExpand(src->reader);
        xmlChar *xml = node ? xmlTextReaderReadOuterXml(src->reader) : NULL;
        src->case_start = -1;
        if (src->case_too_big) {
            /* Refused unread; the reader is spent, so a fresh one goes on after this case. */
            xmlFree(xml);
            xmlChar *id = xmlTextReaderGetAttribute(src->reader, (const xmlChar *)"id");
            diag_list_clear(&src->pending);
            diag_add(errs, src->path, start, 0, id && case_id_valid((const char *)id) ? (const char *)id : NULL,
                     NULL, "this case is larger than the limit of %u MiB for one case",
                     XML_MAX_CASE_BYTES >> 20);
            xmlFree(id);
            if (!reopen_after(src))
                diag_add_class(&src->pending, DIAG_ENV, src->path, start, 0, NULL, NULL,
                               "cannot read the file again");
            result = 1;
            break;
        }
        if (!xml && src->pending.len) {
            /* The reader met a break while reading ahead. When this case's element was closed
             * before the break (something follows it), it is whole: check it all the same. */
            xmlNodePtr cur = xmlTextReaderCurrentNode(src->reader);
            if (cur && cur->next) {
                xmlBufferPtr b = xmlBufferCreate();
                if (b && xmlNodeDump(b, cur->doc, cur, 0, 0) > 0)
                    xml = xmlStrdup(xmlBufferContent(b));
                xmlBufferFree(b);
                node = cur;
            }
        }
        if (!xml) {
            /* The case itself is broken: its problem is pending, reported now. */
            if (!src->pending.len)
                diag_add(&src->pending, src->path, start, 0, NULL, NULL, "not well-formed XML");
            report_break(src, errs, start);
            result = -1;
            break;
        }
        int line = element_line(node);
        src->last_line = line;
        /* A case read whole before the reader met a break further on is still checked; the
         * break is reported by the next call. */
        case_text t = {(char *)xml, strlen((const char *)xml), xstrdup(src->path), line - 1, NULL};
        xmlChar *id = xmlGetProp(node, (const xmlChar *)"id");
        if (id && case_id_valid((const char *)id))
            t.id = (char *)id;
        else
            xmlFree(id);
        if (text)
            *text = t;
        else
            *out = case_text_load(&t, councils, errs);
        result = 1;
        break;
    }
    src->errs = NULL;
    return result;
}

void case_source_close(case_source *src)
{
    if (!src)
        return;
    if (src->reader)
        xmlFreeTextReader(src->reader);
    close_input(src);
    diag_list_clear(&src->pending);
    free(src->path);
    free(src);
}
