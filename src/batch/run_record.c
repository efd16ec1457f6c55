/* run_record.c: see run_record.h. */
#include "batch/run_record.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/sha256.h"
#include "core/outfile.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

typedef struct wording_file {
    char *name;   /* relative to the templates folder */
    char *path;   /* as read */
    unsigned long long bytes;
    char sha[65];
} wording_file;

typedef struct wording {
    wording_file *items;
    size_t len, cap;
} wording;

/* Adds path under name with its digest; a file that cannot be read is left out (the renderer
 * read every file it uses when it opened, so only a file it ignores can be missing). */
static void add_file(wording *w, const char *path, const char *name)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    pb_sha256_ctx ctx;
    pb_sha256_init(&ctx);
    char buf[65536];
    size_t n;
    unsigned long long bytes = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        pb_sha256_update(&ctx, buf, n);
        bytes += n;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad)
        return;
    w->items = xgrow(w->items, &w->cap, w->len + 1, sizeof *w->items);
    wording_file *wf = &w->items[w->len++];
    wf->name = xstrdup(name);
    wf->path = xstrdup(path);
    wf->bytes = bytes;
    pb_sha256_final_hex(&ctx, wf->sha);
}

/* Every regular file of dir whose name ends in suffix, named prefix + its name. */
static void add_folder(wording *w, const char *dir, const char *prefix, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    size_t sl = strlen(suffix);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= sl || strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        char path[8192], name[1024];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            snprintf(name, sizeof name, "%s%s", prefix, e->d_name) >= (int)sizeof name ||
            stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        add_file(w, path, name);
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const wording_file *)a)->name, ((const wording_file *)b)->name);
}

static void wording_collect(wording *w, const renderer *r)
{
    add_folder(w, renderer_templates_dir(r), "", ".mustache.md");
    add_folder(w, renderer_partials_dir(r), "partials/", ".mustache.md");
    add_folder(w, renderer_councils_dir(r), "councils/", ".xml");
    const char *cal = renderer_calendar_path(r);
    const char *base = strrchr(cal, '/');
    char name[1024];
    snprintf(name, sizeof name, "calendar/%s", base ? base + 1 : cal);
    add_file(w, cal, name);
    if (w->len)
        qsort(w->items, w->len, sizeof *w->items, by_name);
}

static void wording_free(wording *w)
{
    for (size_t i = 0; i < w->len; i++) {
        free(w->items[i].name);
        free(w->items[i].path);
    }
    free(w->items);
}

/* A JSON string: quotes, backslashes and control characters escaped; other bytes as they are. */
static void json_string(strbuf *out, const char *s)
{
    sb_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            sb_putc(out, '\\');
            sb_putc(out, (char)*p);
        } else if (*p < 0x20 || *p == 0x7F) {
            sb_printf(out, "\\u%04x", *p);
        } else {
            sb_putc(out, (char)*p);
        }
    }
    sb_putc(out, '"');
}

static void iso_time(time_t t, char buf[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* "started" of the run.json a resumed run finds (the first run's), or "" . */
static void previous_start(const char *outdir, char out[32])
{
    out[0] = '\0';
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", outdir, RUN_RECORD_NAME);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *key = strstr(buf, "\"first_started\": \"");
    if (!key)
        key = strstr(buf, "\"started\": \"");
    const char *v = key ? strchr(strchr(key, ':'), '"') + 1 : NULL;
    const char *end = v ? strchr(v, '"') : NULL;
    if (end && end - v < 32)
        snprintf(out, 32, "%.*s", (int)(end - v), v);
}

int run_record_write(const char *outdir, const run_record *rec, const renderer *r,
                     diag_list *errs)
{
    wording w = {0};
    wording_collect(&w, r);
    strbuf all = {0};
    for (size_t i = 0; i < w.len; i++)
        sb_printf(&all, "%s  %s\n", w.items[i].sha, w.items[i].name);
    char all_sha[65], started[32], ended[32], first[32];
    pb_sha256_hex(all.data ? all.data : "", all.len, all_sha);
    sb_free(&all);
    iso_time(rec->started, started);
    iso_time(rec->ended, ended);
    if (rec->resumed)
        previous_start(outdir, first);
    else
        first[0] = '\0';

    strbuf j = {0};
    sb_puts(&j, "{\n  \"pbdocs_version\": ");
    json_string(&j, rec->version ? rec->version : "");
    sb_puts(&j, ",\n  \"command\": [\"pbdocs\"");
    for (int i = 0; i < rec->argc; i++) {
        sb_puts(&j, ", ");
        json_string(&j, rec->argv[i]);
    }
    sb_printf(&j, "],\n  \"started\": \"%s\",\n  \"ended\": \"%s\",\n", started, ended);
    if (first[0]) {
        sb_puts(&j, "  \"first_started\": ");
        json_string(&j, first);
        sb_puts(&j, ",\n");
    }
    sb_printf(&j,
              "  \"resumed\": %s,\n  \"exit_status\": %d,\n  \"cases\": %zu,\n"
              "  \"produced\": %zu,\n  \"reused\": %zu,\n  \"rejected\": %zu,\n"
              "  \"warned\": %zu,\n",
              rec->resumed ? "true" : "false", rec->exit_status, rec->cases, rec->produced,
              rec->reused, rec->rejected, rec->warned);
    sb_printf(&j, "  \"wording\": {\n    \"sha256\": \"%s\",\n    \"files\": [", all_sha);
    for (size_t i = 0; i < w.len; i++) {
        sb_puts(&j, i ? ",\n      {\"name\": " : "\n      {\"name\": ");
        json_string(&j, w.items[i].name);
        sb_puts(&j, ", \"path\": ");
        json_string(&j, w.items[i].path);
        sb_printf(&j, ", \"bytes\": %llu, \"sha256\": \"%s\"}", w.items[i].bytes, w.items[i].sha);
    }
    sb_puts(&j, "\n    ]\n  },\n  \"print_stream\": [");
    for (size_t i = 0; i < rec->n_volumes; i++) {
        sb_puts(&j, i ? ", " : "");
        json_string(&j, rec->volumes[i]);
    }
    sb_puts(&j, "]\n}\n");
    wording_free(&w);
    int rc = outfile_write(outdir, RUN_RECORD_NAME, j.data, j.len, OUTFILE_SYNC, errs);
    sb_free(&j);
    return rc;
}
