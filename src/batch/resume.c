/* resume.c: see resume.h. The index keeps 48 bytes per finished document (a 64-bit hash of
 * case id and kind, the binary digest, the page count), so resuming a run of 100,000 letters
 * costs a few megabytes. A hash collision can only make a finished document look unfinished
 * (its file will not match the other row's digest), never the reverse. */
#include "batch/resume.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/manifest.h"
#include "core/sha256.h"
#include "batch/shard.h"
#include "core/xalloc.h"

typedef struct entry {
    uint64_t key;  /* 0: empty slot */
    unsigned char sha[32];
    int pages;
} entry;

struct resume_index {
    entry *slots;
    size_t cap, count;  /* cap is a power of two */
};

static uint64_t doc_key(const char *case_id, const char *kind)
{
    size_t a = strlen(case_id), b = strlen(kind);
    char buf[256];
    if (a + b + 1 > sizeof buf)
        return 1;
    memcpy(buf, case_id, a);
    buf[a] = '\0';
    memcpy(buf + a + 1, kind, b);
    uint64_t k = fnv1a64(buf, a + 1 + b);
    return k ? k : 1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool hex_to_digest(const char *hex, unsigned char out[32])
{
    for (int i = 0; i < 32; i++) {
        int hi = hex_value(hex[2 * i]), lo = hi < 0 ? -1 : hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return hex[64] == '\0';
}

resume_index *resume_index_new(void)
{
    resume_index *ix = xcalloc(1, sizeof *ix);
    return ix;
}

void resume_index_free(resume_index *ix)
{
    if (!ix)
        return;
    free(ix->slots);
    free(ix);
}

static entry *slot_for(const resume_index *ix, uint64_t key)
{
    size_t i = (size_t)key & (ix->cap - 1);
    while (ix->slots[i].key && ix->slots[i].key != key)
        i = (i + 1) & (ix->cap - 1);
    return &ix->slots[i];
}

static void grow(resume_index *ix)
{
    resume_index bigger = {.cap = ix->cap ? ix->cap * 2 : 1024};
    bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i].key)
            *slot_for(&bigger, ix->slots[i].key) = ix->slots[i];
    free(ix->slots);
    ix->slots = bigger.slots;
    ix->cap = bigger.cap;
}

void resume_index_add(resume_index *ix, const char *case_id, const char *kind,
                      const char *sha256_hex, int pages)
{
    unsigned char sha[32];
    if (!case_id[0] || !kind[0] || !hex_to_digest(sha256_hex, sha))
        return;
    if ((ix->count + 1) * 4 > ix->cap * 3)
        grow(ix);
    uint64_t key = doc_key(case_id, kind);
    entry *e = slot_for(ix, key);
    if (!e->key)
        ix->count++;
    e->key = key;
    memcpy(e->sha, sha, 32);
    e->pages = pages;
}

static void add_row(const manifest_row *row, void *ud)
{
    if (row->ok)
        resume_index_add(ud, row->case_id, row->kind, row->sha256, row->pages);
}

long resume_index_load(resume_index *ix, const char *manifest_path)
{
    return manifest_read(manifest_path, add_row, ix);
}

size_t resume_index_count(const resume_index *ix)
{
    return ix->count;
}

static int append_line(char *line, size_t len, void *ud)
{
    return write(*(int *)ud, line, len) == (ssize_t)len ? 0 : -1;
}

/* Appends the whole lines of src (after its header) to the end of dst_fd. */
static int append_rows(int dst_fd, const char *src)
{
    if (manifest_read_lines(src, append_line, &dst_fd) >= 0)
        return 0;
    return errno == ENOENT ? 0 : -1;
}

int resume_prepare(const char *outdir, resume_index *ix, diag_list *errs)
{
    char cur[4096], prev[4096];
    snprintf(cur, sizeof cur, "%s/%s", outdir, MANIFEST_NAME);
    snprintf(prev, sizeof prev, "%s/%s", outdir, RESUME_PREV_NAME);
    struct stat st;
    if (stat(prev, &st) != 0) {
        if (rename(cur, prev) != 0 && errno != ENOENT) {
            diag_add_class(errs, DIAG_ENV, cur, 0, 0, NULL, NULL,
                           "cannot move the old manifest aside: %s", strerror(errno));
            return -1;
        }
    } else {
        /* A resumed run was killed: keep what both manifests know. A torn last line of .prev
         * is closed with a line end first, so it stays one unparseable line. */
        int fd = open(prev, O_RDWR | O_APPEND | O_CLOEXEC);
        char last = '\n';
        if (fd < 0 || (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1) ||
            (last != '\n' && write(fd, "\n", 1) != 1) || append_rows(fd, cur) != 0 ||
            fsync(fd) != 0) {
            diag_add_class(errs, DIAG_ENV, prev, 0, 0, NULL, NULL,
                           "cannot keep the old manifest rows: %s", strerror(errno));
            if (fd >= 0)
                close(fd);
            return -1;
        }
        close(fd);
        unlink(cur);
    }
    resume_index_load(ix, prev);
    return 0;
}

void resume_finish(const char *outdir)
{
    char prev[4096];
    snprintf(prev, sizeof prev, "%s/%s", outdir, RESUME_PREV_NAME);
    unlink(prev);
}

bool resume_done(const resume_index *ix, const char *outdir, const char *name,
                 const char *case_id, const char *kind, int *pages, size_t *bytes,
                 char sha256_hex[65])
{
    if (!ix || !ix->count)
        return false;
    const entry *e = slot_for(ix, doc_key(case_id, kind));
    if (!e->key)
        return false;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    pb_sha256_ctx ctx;
    pb_sha256_init(&ctx);
    unsigned char buf[65536];
    size_t total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        pb_sha256_update(&ctx, buf, (size_t)n);
        total += (size_t)n;
    }
    close(fd);
    if (n < 0)
        return false;
    unsigned char digest[32];
    pb_sha256_final(&ctx, digest);
    if (memcmp(digest, e->sha, 32) != 0)
        return false;
    pb_sha256_digest_hex(digest, sha256_hex);
    *pages = e->pages;
    *bytes = total;
    return true;
}
