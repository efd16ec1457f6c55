/* inputs.c: see inputs.h. */
#include "batch/inputs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/load.h"

void batch_item_clear(batch_item *it)
{
    case_text_clear(&it->text);
    case_free(it->c);
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

const char *problems_case_id(const diag_list *problems)
{
    for (size_t i = 0; i < problems->len; i++)
        if (problems->items[i].case_id)
            return problems->items[i].case_id;
    return NULL;
}

typedef struct walker {
    const shard_spec *shard;
    council_set *councils;
    item_sink sink;
    void *ud;
    bool stopped;
} walker;

static void emit(walker *w, batch_item *it)
{
    const char *id = it->c ? it->c->id : it->text.xml ? it->text.id : problems_case_id(&it->problems);
    if (!w->stopped && shard_holds(w->shard, id) && !w->sink(it, w->ud))
        w->stopped = true;
    batch_item_clear(it);  /* no-op when the sink took it */
}

static void walk_file(walker *w, const char *path)
{
    batch_item it = {0};
    case_source *src = case_source_open(path, &it.problems);
    if (!src) {
        if (!it.problems.len)
            diag_add(&it.problems, path, 0, 0, NULL, NULL, "cannot read this file");
        emit(w, &it);
        return;
    }
    int rc;
    while (!w->stopped &&
           (rc = case_source_next_text(src, w->councils, &it.c, &it.text, &it.problems)) != 0) {
        if (it.c || it.text.xml || it.problems.len)
            emit(w, &it);
        if (rc < 0)
            break;
    }
    batch_item_clear(&it);
    case_source_close(src);
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

bool inputs_walk(char *const *paths, int n, const shard_spec *shard, council_set *councils,
                 item_sink sink, void *ud)
{
    walker w = {.shard = shard, .councils = councils, .sink = sink, .ud = ud};
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
