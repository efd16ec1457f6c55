/* test_outfile.c: the one atomic file writer (core/outfile.h): the bytes arrive whole, mode 0640
 * whatever the umask, an existing file is replaced, a symlink at the final name is replaced
 * rather than written through, and no temporary is left behind; with and without fsync. */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/outfile.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    *len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

static bool holds(const char *path, const char *want)
{
    size_t len;
    const char *got = slurp(path, &len);
    return got && len == strlen(want) && memcmp(got, want, len) == 0;
}

/* Names in dir other than . and .. that are not in keep (a NULL-ended list). */
static int strangers(const char *dir, const char *const *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        bool known = false;
        for (const char *const *k = keep; *k; k++)
            known |= strcmp(*k, e->d_name) == 0;
        if (!known) {
            printf("    left in %s: %s\n", dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    return n;
}

static void test_writes(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/letter.pdf", dir);
    diag_list errs = {0};
    umask(0);  /* the mode must not depend on it */
    CHECK(outfile_write(dir, "letter.pdf", "first", 5, OUTFILE_SYNC, &errs) == 0, "written");
    CHECK(holds(path, "first"), "the bytes");
    struct stat st;
    CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640,
          "mode 0640, got %o", (unsigned)(st.st_mode & 07777));
    CHECK(outfile_write(dir, "letter.pdf", "second, longer", 14, 0, &errs) == 0, "replaced");
    CHECK(holds(path, "second, longer"), "the new bytes");
    CHECK(outfile_write(dir, "empty.pdf", "", 0, OUTFILE_SYNC, &errs) == 0, "empty file");
    CHECK(lstat(path, &st) == 0 && (st.st_mode & 07777) == 0640, "still 0640");
    umask(022);

    /* A symlink at the final name pointing elsewhere: replaced, the other file untouched. */
    char outside[600], link[600];
    snprintf(outside, sizeof outside, "%s/outside", dir);
    snprintf(link, sizeof link, "%s/linked.pdf", dir);
    FILE *f = fopen(outside, "w");
    fputs("OUTSIDE", f);
    fclose(f);
    CHECK(symlink(outside, link) == 0, "symlink made");
    CHECK(outfile_write(dir, "linked.pdf", "letter", 6, OUTFILE_SYNC, &errs) == 0, "over a link");
    CHECK(holds(outside, "OUTSIDE"), "not written through the symlink");
    CHECK(lstat(link, &st) == 0 && S_ISREG(st.st_mode), "the symlink replaced by a file");
    CHECK(holds(link, "letter"), "the letter at its name");

    /* The same through a folder descriptor, as the batch writes. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(outfile_write_at(dfd, "batch.pdf", "b", 1, 0) == 0, "written at a descriptor");
    CHECK(outfile_write_at(dfd, "batch.pdf", "bb", 2, 0) == 0, "replaced at a descriptor");
    close(dfd);
    snprintf(path, sizeof path, "%s/batch.pdf", dir);
    CHECK(holds(path, "bb"), "the batch's bytes");

    const char *keep[] = {"letter.pdf", "empty.pdf", "outside", "linked.pdf", "batch.pdf", NULL};
    CHECK(strangers(dir, keep) == 0, "no temporary left on success");
    CHECK(errs.len == 0, "no problems");
    diag_list_clear(&errs);

    /* A folder that is not there: a problem naming the file, nothing written. */
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK(outfile_write(path, "x.pdf", "x", 1, OUTFILE_SYNC, &errs) == -1, "no folder");
    CHECK(errs.len == 1 && strstr(errs.items[0].message, "cannot write: ") != NULL,
          "the problem says why");
    diag_list_clear(&errs);
}

int main(void)
{
    char dir[] = "/tmp/pbdocs-outfile-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_writes(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_outfile");
}
