/* source.c: where cases come from. A file whose root is <case> is read whole (64 MiB cap); a file
 * whose root is <cases> is read with libxml2's streaming reader: each <case> is cut out,
 * serialised and handed to the same loader as a single file, with its line offset, and then
 * dropped, so memory does not grow with the number of cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

#include "case/load.h"
#include "case/xml.h"

struct case_source {
    char *path;
    xmlTextReaderPtr reader;  /* NULL for a single case file */
    bool single_done;
    diag_list *errs;          /* where the reader's own errors go while a call runs */
    int reader_errors;
};

static void reader_error(void *ud, xmlErrorPtr e)
{
    case_source *src = ud;
    if (!e || e->level == XML_ERR_WARNING || !src->errs)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML error");
    msg[strcspn(msg, "\n")] = '\0'; /* one line: libxml2 may add a second, quoting bytes of the text */
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    diag_add(src->errs, src->path, e->line > 0 ? e->line : 1, 0, NULL, NULL,
             "not well-formed XML: %s; the cases after this point in the file could not be read",
             msg);
    src->reader_errors++;
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
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(errs, path, 0, 0, NULL, NULL, "cannot read this file");
        return NULL;
    }
    char head[65536];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    case_source *src = calloc(1, sizeof *src);
    if (!src)
        abort();
    src->path = strdup(path);
    if (xml_has_doctype(head, n)) {
        /* Nothing is parsed: the single-case loader reports the DOCTYPE with its line. */
        return src;
    }
    src->reader = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                                   XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!src->reader) {
        diag_add(errs, path, 0, 0, NULL, NULL, "cannot read this file");
        case_source_close(src);
        return NULL;
    }
    /* Errors before the root element are the single-case loader's to report, with context. */
    diag_list scratch = {0};
    src->errs = &scratch;
    xmlTextReaderSetStructuredErrorHandler(src->reader, reader_error, src);
    const char *root = first_element(src);
    bool stream = root && strcmp(root, "cases") == 0 && !src->reader_errors;
    src->errs = NULL;
    src->reader_errors = 0;
    diag_list_clear(&scratch);
    if (stream)
        return src;
    xmlFreeTextReader(src->reader);
    src->reader = NULL;
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
    *out = NULL;
    if (!src->reader)
        return next_single(src, councils, out, errs);
    src->errs = errs;
    int result = 0;
    for (;;) {
        int rc = xmlTextReaderRead(src->reader);
        if (rc != 1) {
            result = rc == 0 && !src->reader_errors ? 0 : -1;
            if (rc < 0 && !src->reader_errors)
                diag_add(errs, src->path, 0, 0, NULL, NULL,
                         "not well-formed XML; the cases after this point could not be read");
            break;
        }
        if (xmlTextReaderNodeType(src->reader) != XML_READER_TYPE_ELEMENT ||
            xmlTextReaderDepth(src->reader) != 1)
            continue;
        int line = (int)xmlGetLineNo(xmlTextReaderCurrentNode(src->reader));
        const char *name = (const char *)xmlTextReaderConstLocalName(src->reader);
        if (strcmp(name, "case") != 0) {
            diag_add(errs, src->path, line, 0, NULL, name,
                     "is not a case: a <cases> file holds only <case> elements");
            xmlTextReaderNext(src->reader);
            result = 1;
            break;
        }
        xmlChar *xml = xmlTextReaderReadOuterXml(src->reader);
        if (src->reader_errors || !xml) {
            xmlFree(xml);
            result = -1;
            break;
        }
        *out = case_load_memory((const char *)xml, strlen((const char *)xml), src->path,
                                line - 1, councils, errs);
        xmlFree(xml);
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
    free(src->path);
    free(src);
}
