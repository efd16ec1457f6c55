/* xml.c: safe parsing and schema validation on libxml2; see xml.h. */
#define _GNU_SOURCE /* memmem */
#include "case/xml.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "core/xalloc.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

typedef struct collector {
    const xml_origin *o;
    diag_list *errs;
    int count;
    const char *buf; /* the text parsed (NULL when validating): to judge its encoding */
    size_t len;
} collector;

/* True when buf has bytes above 0x7F and none of them forms a UTF-8 sequence: the whole file
 * was saved in a one-byte encoding (Windows-1252, Latin-1), as word processors on Windows do. */
static bool one_byte_encoding(const char *buf, size_t len)
{
    bool high = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b < 0x80)
            continue;
        high = true;
        int follow = b >= 0xF0 && b < 0xF5 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : 0;
        if (follow && b < 0xF5 && i + (size_t)follow < len) {
            int k = 1;
            while (k <= follow && ((unsigned char)buf[i + (size_t)k] & 0xC0) == 0x80)
                k++;
            if (k > follow)
                return false; /* a real UTF-8 sequence: the file is UTF-8 with a stray byte */
        }
    }
    return high;
}

/* The column (in characters) of the last `ch` at or before the parser's column col on line
 * line of c->buf: libxml2 reports where it stopped, a person wants where the & or < is. */
static int fault_column(const collector *c, int line, int col, char ch)
{
    if (!c->buf || line < 1 || col < 1)
        return col > 0 ? col : 0;
    size_t start = 0;
    for (int l = 1; l < line && start < c->len; start++)
        l += c->buf[start] == '\n';
    size_t end = start;
    while (end < c->len && c->buf[end] != '\n' && end - start < (size_t)col)
        end++;
    while (end > start && c->buf[end - 1] != ch)
        end--;
    if (end == start)
        return col;
    int chars = 0;
    for (size_t i = start; i < end; i++)
        chars += ((unsigned char)c->buf[i] & 0xC0) != 0x80;
    return chars;
}

/* A person's words for the well-formedness faults people make typing case data by hand (a
 * bare &, a < in text, a file saved as Windows-1252); NULL for any other. They say what to
 * write instead, so they come with the column. */
static const char *typing_fault(const xmlError *e, const collector *c)
{
    const char *m = e->message ? e->message : "";
    switch (e->code) {
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        return "a & that does not begin a reference such as &amp;: write & as &amp;";
    case XML_ERR_NAME_REQUIRED:
        if (strstr(m, "EntityRef"))
            return "a & that does not begin a reference such as &amp;: write & as &amp;";
        if (strstr(m, "StartTag"))
            return "a < that does not begin a tag: write < as &lt;";
        return NULL;
    case XML_ERR_LT_IN_ATTRIBUTE:
        return "a < in an attribute value: write < as &lt;";
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
        if (c->buf && one_byte_encoding(c->buf, c->len))
            return "the file is not UTF-8 (it looks like Windows-1252 or Latin-1): save the file "
                   "as UTF-8";
        return NULL;
    default:
        return NULL;
    }
}

static void trim_message(char *msg)
{
    msg[strcspn(msg, "\n")] = '\0'; /* one line: libxml2 may add a second, quoting bytes of the text */
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
}

static bool name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.' || ch == ':' || (unsigned char)ch >= 0x80;
}

/* Replaces every whole-word occurrence of word in msg by "…". */
static void hide_word(char *msg, size_t size, const char *word)
{
    size_t n = strlen(word);
    if (!n)
        return;
    char out[512];
    size_t o = 0;
    for (const char *p = msg; *p && o + 4 < sizeof out;) {
        bool at_word = strncmp(p, word, n) == 0 && (p == msg || !name_char(p[-1])) &&
                       !name_char(p[n]);
        if (at_word) {
            memcpy(out + o, "\xE2\x80\xA6", 3);
            o += 3;
            p += n;
        } else
            out[o++] = *p++;
    }
    out[o] = '\0';
    snprintf(msg, size, "%s", out);
}

static const char *quoted(const char *name, bool (*may_quote)(const char *))
{
    return name && may_quote && may_quote(name) ? name : NULL;
}

void xml_parser_message(const xmlError *e, bool (*may_quote)(const char *name), char *msg,
                        size_t size)
{
    snprintf(msg, size, "%s", e->message ? e->message : "unknown XML error");
    trim_message(msg);
    const char *a = quoted(e->str1, may_quote), *b = quoted(e->str2, may_quote);
    switch (e->code) {
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        snprintf(msg, size, "an & begins a reference to an entity XML does not define "
                            "(write &amp; for the character &)");
        return;
    case XML_ERR_TAG_NAME_MISMATCH:  /* str1: the open element, int1 its line, str2: the end tag */
        snprintf(msg, size, "%s%s%s opened on line %d is closed by %s%s%s", a ? "<" : "",
                 a ? a : "an element", a ? ">" : "", e->int1, b ? "</" : "an end tag of another name",
                 b ? b : "", b ? ">" : "");
        return;
    case XML_ERR_GT_REQUIRED:  /* str1: the element, int1 its line */
        snprintf(msg, size, "the start tag of %s%s%s on line %d is not ended by >", a ? "<" : "",
                 a ? a : "an element", a ? ">" : "", e->int1);
        return;
    case XML_ERR_TAG_NOT_FINISHED:
        snprintf(msg, size, "the text ends before %s%s%s (line %d) is closed", a ? "<" : "",
                 a ? a : "an element", a ? ">" : "", e->int1);
        return;
    default:
        break;
    }
    /* any other message: names it took from the text are not repeated */
    const char *strs[3] = {e->str1, e->str2, e->str3};
    for (int i = 0; i < 3; i++)
        if (strs[i] && !quoted(strs[i], may_quote))
            hide_word(msg, size, strs[i]);
}

static void collect(void *ud, xmlErrorPtr e)
{
    collector *c = ud;
    if (!e || e->level == XML_ERR_WARNING)
        return;
    char msg[512];
    const char *fault = e->domain == XML_FROM_PARSER ? typing_fault(e, c) : NULL;
    if (fault) {
        char ch = strstr(fault, "write &") ? '&' : strstr(fault, "write <") ? '<' : 0;
        int col = ch ? fault_column(c, e->line, e->int2, ch) : e->int2;
        /* The column goes in the words: a case message is FILE:LINE: case ID: (the contract's
         * form; FILE:LINE:COL: is a template's). */
        int line = (e->line > 0 ? e->line : 1) + c->o->line_offset;
        if (col > 0)
            diag_add(c->errs, c->o->file, line, 0, c->o->case_id, NULL,
                     "not well-formed XML at column %d: %s", col, fault);
        else
            diag_add(c->errs, c->o->file, line, 0, c->o->case_id, NULL, "not well-formed XML: %s",
                     fault);
        c->count++;
        return;
    }
    if (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE) {
        /* The line a message quotes (where an element opened) is in the user's file too. */
        xmlError shifted = *e;
        if (e->code == XML_ERR_TAG_NAME_MISMATCH || e->code == XML_ERR_TAG_NOT_FINISHED ||
            e->code == XML_ERR_GT_REQUIRED)
            shifted.int1 += c->o->line_offset;
        xml_parser_message(&shifted, c->o->may_quote, msg, sizeof msg);
    } else {
        snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML error");
        trim_message(msg);
    }
    char field[256] = "";
    int line = e->line;
    if (e->node && e->domain != XML_FROM_PARSER) {
        xmlNodePtr node = e->node;
        xml_field_path(node, field, sizeof field);
        line = xml_line(node, c->o);
    } else {
        line += c->o->line_offset;
    }
    /* libxml2's words for a few common faults, said for people who write case data. */
    static const struct { const char *has, *say; } plain_words[] = {
        {"Excessive depth in document", "elements are nested more than 256 levels deep"},
        {"xmlParseCharRef: invalid xmlChar value",
         "a character reference names a character XML does not allow (a control character)"},
        {"PCDATA invalid Char value", "holds a control character, which XML does not allow"},
        {"Input is not proper UTF-8", "is not valid UTF-8 text"},
        {"Char 0x0 out of allowed range", "holds a NUL byte, which XML does not allow"},
    };
    for (size_t i = 0; i < sizeof plain_words / sizeof plain_words[0]; i++)
        if (strstr(msg, plain_words[i].has))
            snprintf(msg, sizeof msg, "%s", plain_words[i].say);
    const char *prefix = e->domain == XML_FROM_PARSER ? "not well-formed XML: " : "";
    diag_add(c->errs, c->o->file, line > 0 ? line : 1, 0, c->o->case_id, field[0] ? field : NULL,
             "%s%s", prefix, msg);
    c->count++;
}

bool xml_has_doctype(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        char ch = buf[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            i++;
        } else if (len - i >= 2 && memcmp(buf + i, "<?", 2) == 0) {
            const char *end = memmem(buf + i + 2, len - i - 2, "?>", 2);
            if (!end)
                return false;
            i = (size_t)(end - buf) + 2;
        } else if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
            const char *end = memmem(buf + i + 4, len - i - 4, "-->", 3);
            if (!end)
                return false;
            i = (size_t)(end - buf) + 3;
        } else {
            return len - i >= 9 && memcmp(buf + i, "<!DOCTYPE", 9) == 0;
        }
    }
    return false;
}

static int line_of_offset(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

xmlDocPtr xml_parse(const char *buf, size_t len, const xml_origin *o, diag_list *errs)
{
    if (xml_has_doctype(buf, len)) {
        const char *at = memmem(buf, len, "<!DOCTYPE", 9);
        diag_add(errs, o->file, line_of_offset(buf, (size_t)(at - buf)) + o->line_offset, 0,
                 o->case_id, NULL,
                 "a DOCTYPE is not allowed in case data (no DTDs, no entity declarations)");
        return NULL;
    }
    if (len > XML_MAX_CASE_BYTES) {
        diag_add(errs, o->file, 1 + o->line_offset, 0, o->case_id, NULL,
                 "larger than the limit of %u MiB for one case", XML_MAX_CASE_BYTES >> 20);
        return NULL;
    }
    collector c = {.o = o, .errs = errs, .buf = buf, .len = len};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        xalloc_die();
    xmlSetStructuredErrorFunc(&c, collect);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, o->file, NULL, PARSE_OPTIONS);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (doc && (!ctxt->wellFormed || c.count > 0)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc && c.count == 0)
        diag_add(errs, o->file, 1 + o->line_offset, 0, o->case_id, NULL, "not well-formed XML");
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* Compiled schemas are kept for the life of the process: one per path, shared read-only. */
typedef struct schema_entry {
    char *path;
    xmlRelaxNGPtr schema;
} schema_entry;
static schema_entry schemas[4];
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;

static xmlRelaxNGPtr schema_get(const char *path)
{
    xmlRelaxNGPtr found = NULL;
    pthread_mutex_lock(&schema_lock);
    size_t i = 0;
    for (; i < sizeof schemas / sizeof schemas[0] && schemas[i].path; i++)
        if (strcmp(schemas[i].path, path) == 0)
            found = schemas[i].schema;
    if (!found && i < sizeof schemas / sizeof schemas[0]) {
        xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
        if (pc) {
            found = xmlRelaxNGParse(pc);
            xmlRelaxNGFreeParserCtxt(pc);
        }
        if (found) {
            schemas[i].path = xstrdup(path);
            schemas[i].schema = found;
        }
    }
    pthread_mutex_unlock(&schema_lock);
    return found;
}

int xml_validate(xmlDocPtr doc, const char *schema_path, const xml_origin *o, diag_list *errs)
{
    xmlRelaxNGPtr schema = schema_get(schema_path);
    if (!schema) {
        diag_add_class(errs, DIAG_ENV, schema_path, 0, 0, NULL, NULL, "cannot load the schema");
        return -1;
    }
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    if (!vc)
        xalloc_die();
    collector c = {.o = o, .errs = errs};
    xmlRelaxNGSetValidStructuredErrors(vc, collect, &c);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    if (rc != 0 && c.count == 0) {
        diag_add(errs, o->file, xml_line(xmlDocGetRootElement(doc), o), 0, o->case_id, NULL,
                 "does not match the case schema");
        c.count = 1;
    }
    return c.count;
}

void xml_field_path(xmlNodePtr node, char *buf, size_t size)
{
    const char *parts[64];
    int n = 0;
    bool attr = node && node->type == XML_ATTRIBUTE_NODE;
    for (xmlNodePtr p = node; p && p->type != XML_DOCUMENT_NODE && n < 64; p = p->parent)
        if (p->type == XML_ELEMENT_NODE || p->type == XML_ATTRIBUTE_NODE)
            parts[n++] = (const char *)p->name;
    /* Drop the document element (case, council): paths are relative to it. */
    if (n > 0)
        n--;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = n - 1; i >= 0 && used < size; i--) {
        bool last_attr = attr && i == 0;
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s", used ? "/" : "",
                                 last_attr ? "@" : "", parts[i]);
    }
}

int xml_line(xmlNodePtr node, const xml_origin *o)
{
    if (node && node->type == XML_ATTRIBUTE_NODE)
        node = node->parent;
    long line = node ? xmlGetLineNo(node) : 0;
    if (line <= 0)
        line = 1;
    return (int)line + o->line_offset;
}

char *xml_read_file(const char *path, size_t max, size_t *len, diag_list *errs, bool *too_big)
{
    *too_big = false;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read: not a regular file");
        fclose(f);
        return NULL;
    }
    if ((unsigned long long)st.st_size > max) {
        *too_big = true;
        diag_add(errs, path, 1, 0, NULL, NULL,
                 "larger than the limit of %zu MiB for one case file", max >> 20);
        fclose(f);
        return NULL;
    }
    char *buf = xmalloc((size_t)st.st_size + 1);
    size_t n = fread(buf, 1, (size_t)st.st_size, f);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}
