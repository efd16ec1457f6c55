/* inputs.c: see inputs.h. */
#include "batch/inputs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/load.h"
#include "core/xalloc.h"

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
            diag_add_class(errs, DIAG_ENV, paths[i], 0, 0, NULL, NULL, "cannot read this input");
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

/* --- ids seen: a case id used twice in one run ---------------------------------------------
 * Two cases with one id would write the same files, the later over the earlier: one family's
 * letter lost, and a manifest row whose digest no longer matches. The first case in input order
 * keeps the id; every later one is rejected, whatever --jobs is. The set holds a 64-bit hash of
 * each id (0 marks a free slot), open addressing, doubled at 3/4 full. It starts at 2^18 slots
 * (2 MB reserved, touched as ids land: all of it after some thousands of cases), so peak memory
 * is the same at 10,000 cases and at 100,000, and grows by 8-16 bytes a case past 196,000. Two
 * different ids share a hash with odds of about n^2 / 2^65 (3e-10 at 100,000 cases); if they
 * did, the later case would be rejected, never a letter overwritten. */

typedef struct id_set {
    uint64_t *slots;
    size_t cap, n;
} id_set;

static uint64_t id_hash(const char *id)
{
    uint64_t h = fnv1a64(id, strlen(id));
    h ^= h >> 31;  /* spread FNV's low bits, which pick the slot */
    h *= 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return h ? h : 1;
}

static bool id_set_put(id_set *set, uint64_t h)  /* false when h was there already */
{
    size_t i = (size_t)h & (set->cap - 1);
    while (set->slots[i]) {
        if (set->slots[i] == h)
            return false;
        i = (i + 1) & (set->cap - 1);
    }
    set->slots[i] = h;
    set->n++;
    return true;
}

/* True the first time id is given. */
static bool id_first_use(id_set *set, const char *id)
{
    if (set->n + 1 > set->cap / 4 * 3) {
        id_set old = *set;
        set->cap = old.cap ? old.cap * 2 : (size_t)1 << 18;
        set->slots = xcalloc(set->cap, sizeof *set->slots);
        set->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i])
                id_set_put(set, old.slots[i]);
        free(old.slots);
    }
    return id_set_put(set, id_hash(id));
}

/* Turns a case whose id an earlier case of the run has into a rejected item. The problem is
 * made before the item is cleared: id, and the file name, point into the item. */
static void reject_repeated_id(batch_item *it, const char *id)
{
    const char *file = NULL;
    int line = 0;
    if (it->c) {
        file = it->c->file;
        line = it->c->line;
    } else if (it->text.xml) {
        file = it->text.file;
        line = it->text.line_offset + 1;
    } else if (it->problems.len) {
        file = it->problems.items[0].file;
        line = it->problems.items[0].line;
    }
    diag_list repeated = {0};
    diag_add(&repeated, file, line, 0, id, NULL,
             "an earlier case in this run has the same case id: ids must be unique, so this case "
             "is not produced (the earlier one is)");
    batch_item_clear(it);
    it->problems = repeated;
}

typedef struct walker {
    const shard_spec *shard;
    council_set *councils;
    item_sink sink;
    void *ud;
    bool stopped;
    id_set ids;
} walker;

static void emit(walker *w, batch_item *it)
{
    const char *id = it->c ? it->c->id : it->text.xml ? it->text.id : problems_case_id(&it->problems);
    if (!w->stopped && shard_holds(w->shard, id)) {
        if (id && !id_first_use(&w->ids, id))
            reject_repeated_id(it, id);
        if (!w->sink(it, w->ud))
            w->stopped = true;
    }
    batch_item_clear(it);  /* no-op when the sink took it */
}

static void walk_file(walker *w, const char *path)
{
    batch_item it = {0};
    case_source *src = case_source_open(path, &it.problems);
    if (!src) {
        if (!it.problems.len)
            diag_add_class(&it.problems, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read this file");
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
        char *path = xmalloc(dlen + 1 + len + 1);
        memcpy(path, dir, dlen);
        path[dlen] = '/';
        memcpy(path + dlen + 1, e->d_name, len + 1);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        names = xgrow(names, &cap, *count + 1, sizeof *names);
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
    free(w.ids.slots);
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
