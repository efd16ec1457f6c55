/* print_stream.c: see print_stream.h. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "batch/print_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/date.h"
#include "core/outfile.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "docs/kinds.h"
#include "typeset/stream.h"
#include "typeset/typeset.h"

/* Points the set-up's strings into strings, laid out as print_entry_keep lays them. */
static void point_setup(pb_doc_setup *setup, char *strings, bool has_logo)
{
    const char **slots[6] = {&setup->running_header, &setup->subject, &setup->author,
                             &setup->case_id, &setup->source, &setup->logo_png};
    for (int k = 0; k < 6; k++) {
        *slots[k] = strings;
        strings += strlen(strings) + 1;
    }
    if (!has_logo)
        setup->logo_png = NULL;
}

void print_entry_keep(print_entry *e, char *markdown, const doc_setup_copy *sc)
{
    const char *parts[6] = {sc->running, sc->subject, sc->author, sc->case_id, sc->source,
                            sc->logo};
    size_t total = 0;
    for (int k = 0; k < 6; k++)
        total += strlen(parts[k]) + 1;
    char *p = xmalloc(total);
    e->strings = p;
    e->strings_len = total;
    for (int k = 0; k < 6; k++) {
        size_t n = strlen(parts[k]) + 1;
        memcpy(p, parts[k], n);
        p += n;
    }
    e->markdown = markdown;
    e->setup = sc->setup;
    point_setup(&e->setup, e->strings, sc->setup.logo_png != NULL);
}

void print_entry_free(print_entry *e)
{
    free(e->postcode);
    free(e->name);
    free(e->markdown);
    free(e->strings);
    memset(e, 0, sizeof *e);
}

void print_list_init(print_list *list, const char *path)
{
    memset(list, 0, sizeof *list);
    list->spool_fd = -1;
    const char *slash = path ? strrchr(path, '/') : NULL;
    list->spool_dir = slash == path ? xstrdup("/")
                      : slash      ? xstrndup(path, (size_t)(slash - path))
                                   : xstrdup(".");
}

/* The spool: an unnamed file (O_TMPFILE), or one unlinked as soon as made, so nothing is left
 * behind whenever the process ends. */
static int open_spool(print_list *list)
{
    int fd = open(list->spool_dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/.print-spool.XXXXXX", list->spool_dir);
    fd = mkstemp(tmp);
    if (fd >= 0)
        unlink(tmp);
    return fd;
}

static int pwrite_all(int fd, const void *p, size_t len, off_t at)
{
    while (len) {
        ssize_t n = pwrite(fd, p, len, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p = (const char *)p + n;
        len -= (size_t)n;
        at += n;
    }
    return 0;
}

static int pread_all(int fd, void *p, size_t len, off_t at)
{
    while (len) {
        ssize_t n = pread(fd, p, len, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p = (char *)p + n;
        len -= (size_t)n;
        at += n;
    }
    return 0;
}

int print_list_add(print_list *list, print_entry *e, diag_list *errs)
{
    if (list->spool_fd < 0 && (list->spool_fd = open_spool(list)) < 0) {
        diag_add_class(errs, DIAG_ENV, list->spool_dir, 0, 0, NULL, NULL,
                       "cannot make a spool file for the print stream here: %s", strerror(errno));
        print_entry_free(e);
        return -1;
    }
    /* A record: the set-up (its pointers are fixed on reading), the strings, the Markdown. */
    size_t md_len = strlen(e->markdown);
    size_t len = sizeof e->setup + e->strings_len + md_len;
    off_t at = list->spool_len;
    if (pwrite_all(list->spool_fd, &e->setup, sizeof e->setup, at) != 0 ||
        pwrite_all(list->spool_fd, e->strings, e->strings_len, at + (off_t)sizeof e->setup) != 0 ||
        pwrite_all(list->spool_fd, e->markdown, md_len,
                   at + (off_t)(sizeof e->setup + e->strings_len)) != 0) {
        diag_add_class(errs, DIAG_ENV, list->spool_dir, 0, 0, NULL, NULL,
                       "cannot write the print stream's spool file here: %s", strerror(errno));
        print_entry_free(e);
        return -1;
    }
    list->spool_len += (off_t)len;
    free(e->markdown);
    free(e->strings);
    e->markdown = e->strings = NULL;
    memset(&e->setup, 0, sizeof e->setup);
    e->spool_at = at;
    e->spool_len = len;
    list->items = xgrow(list->items, &list->cap, list->len + 1, sizeof *list->items);
    list->items[list->len++] = *e;
    memset(e, 0, sizeof *e);
    return 0;
}

/* Postcodes are normalised (upper case, one space), so byte order groups each outward code
 * ("BA1 5EX" before "BA2 4JT"); letters to one address stay together in input order. */
static int compare_entries(const void *a, const void *b)
{
    const print_entry *x = a, *y = b;
    int c = strcmp(x->postcode, y->postcode);
    if (c)
        return c;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

void print_list_sort(print_list *list)
{
    if (list->len)
        qsort(list->items, list->len, sizeof *list->items, compare_entries);
}

void print_list_free(print_list *list)
{
    for (size_t i = 0; i < list->len; i++)
        print_entry_free(&list->items[i]);
    free(list->items);
    if (list->spool_fd >= 0)
        close(list->spool_fd);
    free(list->spool_dir);
    memset(list, 0, sizeof *list);
    list->spool_fd = -1;
}

void print_volumes_free(print_volumes *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->paths[i]);
    free(v->paths);
    memset(v, 0, sizeof *v);
}

/* --- volumes ------------------------------------------------------------------------------ */

typedef struct volume {
    size_t first, count;              /* entries of the sorted list */
    size_t letters[DOC_KIND_COUNT];
    size_t pages;                     /* the cover and its blank back included */
} volume;

static size_t padded_pages(const print_entry *e)
{
    return (size_t)(e->pages + (e->pages & 1));
}

/* Cuts the sorted list into volumes of at most sheets sheets (a volume holds at least one
 * letter, however long). Returns the number of volumes (at least 1), *out malloc'd. */
static size_t plan_volumes(const print_list *list, int sheets, volume **out)
{
    size_t max_pages = 2 * (size_t)(sheets > 1 ? sheets : 2), n = 1, cap = 0;
    volume *v = xgrow(NULL, &cap, 1, sizeof *v);
    v[0] = (volume){.first = 0, .pages = 2};
    for (size_t i = 0; i < list->len; i++) {
        size_t pages = padded_pages(&list->items[i]);
        if (v[n - 1].count > 0 && v[n - 1].pages + pages > max_pages) {
            v = xgrow(v, &cap, n + 1, sizeof *v);
            v[n++] = (volume){.first = i, .pages = 2};
        }
        v[n - 1].count++;
        v[n - 1].letters[list->items[i].kind]++;
        v[n - 1].pages += pages;
    }
    *out = v;
    return n;
}

size_t print_stream_pages(const print_list *list)
{
    size_t pages = 2; /* the cover and its blank back */
    for (size_t i = 0; i < list->len; i++)
        pages += padded_pages(&list->items[i]);
    return pages;
}

size_t print_stream_volume_count(const print_list *list, int sheets)
{
    volume *v;
    size_t n = plan_volumes(list, sheets, &v);
    free(v);
    return n;
}

static void cover_markdown(strbuf *out, const print_list *list, const volume *vol, size_t index,
                           size_t n_volumes, const print_run_facts *facts)
{
    size_t run[DOC_KIND_COUNT] = {0};
    for (size_t i = 0; i < list->len; i++)
        run[list->items[i].kind]++;
    time_t when = facts->started;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        when = (time_t)strtoll(sde, NULL, 10);
    pb_date day = date_from_days((int32_t)(when / 86400));
    char date[64];
    date_format_long(day, date, sizeof date);
    sb_printf(out, "# Print run\n\nRun of %s.", date);
    if (n_volumes > 1)
        sb_printf(out, " Volume %zu of %zu.", index + 1, n_volumes);
    sb_printf(out, "\n\n%zu letter%s on %zu sheets (%zu pages, this cover included), sorted by "
              "postcode, each starting on an odd page.\n\n"
              "| Letter | In this volume | In the run |\n|---|---|---|\n",
              vol->count, vol->count == 1 ? "" : "s", vol->pages / 2, vol->pages);
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (doc_kinds[k].letter)
            sb_printf(out, "| %s | %zu | %zu |\n", doc_kinds[k].print_label, vol->letters[k],
                      run[k]);
    sb_printf(out, "| **Total** | **%zu** | **%zu** |\n", vol->count, list->len);
    sb_printf(out, "\nRejected in the run: %zu (see manifest.csv).\n", facts->rejected);
    if (vol->count) {
        const char *first = list->items[vol->first].postcode;
        const char *last = list->items[vol->first + vol->count - 1].postcode;
        sb_printf(out, "\nFirst postcode: %s. Last postcode: %s.\n", first[0] ? first : "none",
                  last[0] ? last : "none");
    }
}

/* FILE.pdf for a single volume, else FILE-NNN.pdf. */
static char *volume_path(const char *path, size_t index, size_t n_volumes)
{
    size_t len = strlen(path);
    if (n_volumes == 1)
        return xstrdup(path);
    size_t stem = len >= 4 && strcasecmp(path + len - 4, ".pdf") == 0 ? len - 4 : len;
    char *out = xmalloc(stem + 32);
    snprintf(out, stem + 32, "%.*s-%03zu.pdf", (int)stem, path, index + 1);
    return out;
}

static int write_pdf_file(const char *path, const pb_pdf *pdf, diag_list *errs)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    return outfile_write(dir, slash ? slash + 1 : path, pdf->bytes, pdf->len, OUTFILE_SYNC, errs);
}

/* Lays out and writes one volume; only this volume's letters are in memory meanwhile. */
static int write_volume(const char *path, const print_list *list, const volume *vol,
                        const strbuf *cover, const pb_fonts *fonts, diag_list *errs)
{
    pb_doc_setup cover_setup = {.title = "Print run", .source = path, .no_page_numbers = true};
    pb_stream *st = stream_open(fonts);
    int rc = stream_add(st, sb_str(cover), cover->len, &cover_setup, false, errs);
    char *rec = NULL;
    size_t rec_cap = 0;
    for (size_t i = vol->first; rc == 0 && i < vol->first + vol->count; i++) {
        const print_entry *e = &list->items[i];
        if (e->spool_len + 1 > rec_cap) {
            rec_cap = e->spool_len + 1;
            free(rec);
            rec = xmalloc(rec_cap);
        }
        if (pread_all(list->spool_fd, rec, e->spool_len, e->spool_at) != 0) {
            diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL,
                           "cannot read the print stream's spool file: %s", strerror(errno));
            rc = -1;
            break;
        }
        rec[e->spool_len] = '\0';
        pb_doc_setup setup;
        memcpy(&setup, rec, sizeof setup);
        char *strings = rec + sizeof setup;
        point_setup(&setup, strings, setup.logo_png != NULL);
        const char *md = strings + e->strings_len;
        rc = stream_add(st, md, e->spool_len - sizeof setup - e->strings_len, &setup, true, errs);
    }
    free(rec);
    if (rc != 0) {
        stream_abort(st);
        return -1;
    }
    if (stream_pages(st) % 2)
        stream_blank_page(st); /* the last letter, too, ends on a whole sheet */
    pb_doc_setup info = {.title = "Print run", .author = "pbdocs", .subject = "Letters for printing",
                         .source = path};
    pb_pdf pdf;
    if (stream_finish(st, &info, &pdf, errs) != 0)
        return -1;
    rc = write_pdf_file(path, &pdf, errs);
    pb_pdf_free(&pdf);
    return rc;
}

int print_stream_write(const char *path, const print_list *list, const print_run_facts *facts,
                       const pb_fonts *fonts, print_volumes *out, diag_list *errs)
{
    memset(out, 0, sizeof *out);
    volume *vols;
    size_t n = plan_volumes(list, facts->volume_sheets > 0 ? facts->volume_sheets
                                                           : PRINT_VOLUME_SHEETS, &vols);
    out->paths = xcalloc(n, sizeof *out->paths);
    int rc = 0;
    for (size_t v = 0; rc == 0 && v < n; v++) {
        char *vpath = volume_path(path, v, n);
        strbuf cover = {0};
        cover_markdown(&cover, list, &vols[v], v, n, facts);
        rc = write_volume(vpath, list, &vols[v], &cover, fonts, errs);
        sb_free(&cover);
        if (rc == 0)
            out->paths[out->n++] = vpath;
        else
            free(vpath);
    }
    free(vols);
    return rc;
}
