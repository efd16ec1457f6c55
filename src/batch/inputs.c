/* inputs.c: see inputs.h. The stream reading follows src/case/source.c (same parser options,
 * same messages), but hands each case over as text instead of loading it here. */
#include "batch/inputs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/xmlreader.h>

#include "case/rules.h"
#include "case/xml.h"

void batch_item_clear(batch_item *it)
{
    free(it->file);
    xmlFree(it->xml);
    diag_list_clear(&it->problems);
    memset(it, 0, sizeof *it);
}

int inputs_check(char *const *paths, int n, diag_list *errs)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0 || access(paths[i], R_OK) != 0 ||
            (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
            diag_add(errs, paths[i], 0, 0, NULL, NULL, "cannot read this input");
            bad++;
        }
    }
    return bad;
}

/* --- reading one file --------------------------------------------------------------------- */

typedef struct walker {
    const shard_spec *shard;
    item_sink sink;
    void *ud;
    bool stopped;
    const char *path;       /* the file being read */
    diag_list reader_errs;  /* the streaming reader's own errors */
} walker;

static void reader_error(void *ud, xmlErrorPtr e)
{
    walker *w = ud;
    if (!e || e->level == XML_ERR_WARNING)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown XML error");
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    diag_add(&w->reader_errs, w->path, e->line > 0 ? e->line : 1, 0, NULL, NULL,
             "not well-formed XML: %s; the cases after this point in the file could not be read",
             msg);
}

static void emit(walker *w, batch_item *it)
{
    if (!w->stopped && !w->sink(it, w->ud))
        w->stopped = true;
    batch_item_clear(it);  /* no-op when the sink took it */
}

/* A problem of the input itself: a rejected row, in shard 1 only (every shard sees it). */
static void emit_problems(walker *w, diag_list *problems)
{
    if (w->shard->k != 1) {
        diag_list_clear(problems);
        return;
    }
    batch_item it = {.file = strdup(w->path)};
    diag_list_take(&it.problems, problems);
    emit(w, &it);
}

/* The id attribute of the reader's current element when it is a valid case id (malloc'd). */
static char *valid_id(xmlTextReaderPtr rd)
{
    xmlChar *id = xmlTextReaderGetAttribute(rd, (const xmlChar *)"id");
    if (id && case_id_valid((const char *)id))
        return (char *)id;
    xmlFree(id);
    return NULL;
}

static bool in_shard(walker *w, xmlTextReaderPtr rd)
{
    char *id = valid_id(rd);
    bool mine = shard_holds(w->shard, id);
    xmlFree(id);
    return mine;
}

/* Every <case> child of the <cases> root the reader stands on. */
static void walk_stream(walker *w, xmlTextReaderPtr rd)
{
    int rc = xmlTextReaderRead(rd);
    while (rc == 1 && !w->stopped && !w->reader_errs.len) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(rd) != 1) {
            rc = xmlTextReaderRead(rd);
            continue;
        }
        int line = (int)xmlGetLineNo(xmlTextReaderCurrentNode(rd));
        const char *name = (const char *)xmlTextReaderConstLocalName(rd);
        if (strcmp(name, "case") != 0) {
            diag_list p = {0};
            diag_add(&p, w->path, line, 0, NULL, name,
                     "is not a case: a <cases> file holds only <case> elements");
            emit_problems(w, &p);
        } else if (in_shard(w, rd)) {
            xmlChar *xml = xmlTextReaderReadOuterXml(rd);
            if (xml && !w->reader_errs.len) {
                batch_item it = {.file = strdup(w->path), .line_offset = line - 1,
                                 .xml = (char *)xml, .len = strlen((const char *)xml)};
                if (!it.file)
                    abort();
                xml = NULL;
                emit(w, &it);
            }
            xmlFree(xml);
        }
        rc = xmlTextReaderNext(rd);  /* past this case's subtree */
    }
    if (rc < 0 && !w->reader_errs.len)
        diag_add(&w->reader_errs, w->path, 0, 0, NULL, NULL,
                 "not well-formed XML; the cases after this point could not be read");
    if (w->reader_errs.len && !w->stopped)
        emit_problems(w, &w->reader_errs);
    diag_list_clear(&w->reader_errs);
}

/* The root element's name (static in the reader) or NULL (a DOCTYPE, or not XML). */
static const char *root_element(xmlTextReaderPtr rd)
{
    while (xmlTextReaderRead(rd) == 1) {
        int type = xmlTextReaderNodeType(rd);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return NULL;
        if (type == XML_READER_TYPE_ELEMENT)
            return (const char *)xmlTextReaderConstLocalName(rd);
    }
    return NULL;
}

static void walk_file(walker *w, const char *path)
{
    w->path = path;
    char head[65536];
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        n = fread(head, 1, sizeof head, f);
        fclose(f);
    }
    xmlTextReaderPtr rd = NULL;
    if (f && !xml_has_doctype(head, n))
        rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                              XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    const char *root = NULL;
    if (rd) {
        xmlTextReaderSetStructuredErrorHandler(rd, reader_error, w);
        root = root_element(rd);
    }
    if (root && strcmp(root, "cases") == 0 && !w->reader_errs.len) {
        walk_stream(w, rd);
    } else {
        /* A single case (or something the loader will reject with a precise message). Its
         * shard comes from the root's id when the start of the file could be read. */
        bool mine = root && !w->reader_errs.len ? in_shard(w, rd) : w->shard->k == 1;
        diag_list_clear(&w->reader_errs);
        if (mine) {
            batch_item it = {.file = strdup(path)};
            if (!it.file)
                abort();
            emit(w, &it);
        }
    }
    if (rd)
        xmlFreeTextReader(rd);
}

/* --- directories -------------------------------------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml regular files of dir, sorted by name; *count set. NULL when empty. */
static char **list_case_files(const char *dir, size_t *count)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
            continue;
        char *path = malloc(dlen + 1 + len + 1);
        if (!path)
            abort();
        memcpy(path, dir, dlen);
        path[dlen] = '/';
        memcpy(path + dlen + 1, e->d_name, len + 1);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (*count == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                abort();
        }
        names[(*count)++] = path;
    }
    closedir(d);
    if (*count)
        qsort(names, *count, sizeof *names, compare_names);
    return names;
}

bool inputs_walk(char *const *paths, int n, const shard_spec *shard, item_sink sink, void *ud)
{
    walker w = {.shard = shard, .sink = sink, .ud = ud};
    for (int i = 0; i < n && !w.stopped; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t count;
            char **files = list_case_files(paths[i], &count);
            for (size_t j = 0; j < count; j++) {
                if (!w.stopped)
                    walk_file(&w, files[j]);
                free(files[j]);
            }
            free(files);
        } else {
            walk_file(&w, paths[i]);
        }
    }
    return !w.stopped;
}

/* --- estimate ------------------------------------------------------------------------------ */

static size_t count_case_tags(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    static char buf[1 << 16];
    size_t count = 0, keep = 0;
    ssize_t n;
    /* Keeps the last 5 bytes of a chunk in front of the next so a tag split across reads counts. */
    while ((n = read(fd, buf + keep, sizeof buf - keep)) > 0) {
        size_t len = keep + (size_t)n;
        for (size_t i = 0; i + 5 < len; i++) {
            if (buf[i] == '<' && memcmp(buf + i + 1, "case", 4) == 0) {
                char c = buf[i + 5];
                if (c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r')
                    count++;
            }
        }
        keep = len < 5 ? len : 5;
        memmove(buf, buf + len - keep, keep);
    }
    close(fd);
    return count ? count : 1;
}

size_t inputs_count_estimate(char *const *paths, int n)
{
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t count;
            char **files = list_case_files(paths[i], &count);
            for (size_t j = 0; j < count; j++) {
                total += count_case_tags(files[j]);
                free(files[j]);
            }
            free(files);
        } else {
            total += count_case_tags(paths[i]);
        }
    }
    return total;
}
