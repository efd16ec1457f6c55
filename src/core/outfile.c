/* outfile.c: see outfile.h. */
#define _GNU_SOURCE  /* O_TMPFILE */
#include "core/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"

/* Set once O_TMPFILE or /proc is found missing: named temporaries from then on. */
static atomic_bool no_unnamed;
/* Makes temporary names unique within the process (threads included). */
static atomic_ulong tmp_counter;

/* The bytes, the mode (whatever the umask), and the sync the caller asked for. */
static int fill(int fd, const void *bytes, size_t len, unsigned flags)
{
    if (write_all(fd, bytes, len) != 0 || fchmod(fd, 0640) != 0)
        return -1;
    return (flags & OUTFILE_SYNC) && fsync(fd) != 0 ? -1 : 0;
}

/* A fresh ".NAME.tmp.PID.N" into tmp. */
static int temp_name(const char *name, char *tmp, size_t size)
{
    int n = snprintf(tmp, size, ".%s.tmp.%ld.%lu", name, (long)getpid(),
                     atomic_fetch_add(&tmp_counter, 1));
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* Gives the temporary tmp the final name; removes it when that fails. */
static int rename_into_place(int dirfd, const char *tmp, const char *name)
{
    if (renameat(dirfd, tmp, dirfd, name) == 0)
        return 0;
    int e = errno;
    unlinkat(dirfd, tmp, 0);
    errno = e;
    return -1;
}

/* Through a named temporary, created exclusively (O_EXCL follows no symlink). */
static int write_named(int dirfd, const char *name, const void *bytes, size_t len, unsigned flags)
{
    char tmp[NAME_MAX + 64];
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        if (temp_name(name, tmp, sizeof tmp) != 0)
            return -1;
        fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
        if (fd < 0 && errno != EEXIST)
            return -1;
    }
    if (fd < 0)
        return -1;
    int rc = fill(fd, bytes, len, flags);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlinkat(dirfd, tmp, 0);
        errno = e;
        return -1;
    }
    return rename_into_place(dirfd, tmp, name);
}

/* Links the complete unnamed file fd under name: directly when the name is free, else under a
 * temporary name renamed over it. 1 when /proc is missing (the caller falls back). */
static int link_unnamed(int dirfd, int fd, const char *name)
{
    char proc[64], tmp[NAME_MAX + 64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW) == 0)
        return 0;
    if (errno == ENOENT && access("/proc/self/fd", F_OK) != 0)
        return 1;
    if (errno != EEXIST)
        return -1;
    for (int tries = 0; tries < 100; tries++) {
        if (temp_name(name, tmp, sizeof tmp) != 0)
            return -1;
        if (linkat(AT_FDCWD, proc, dirfd, tmp, AT_SYMLINK_FOLLOW) == 0)
            return rename_into_place(dirfd, tmp, name);
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

int outfile_write_at(int dirfd, const char *name, const void *bytes, size_t len, unsigned flags)
{
    if (!atomic_load(&no_unnamed)) {
        int fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0640);
        if (fd >= 0) {
            int rc = fill(fd, bytes, len, flags);
            if (rc == 0)
                rc = link_unnamed(dirfd, fd, name);
            int e = errno;
            close(fd);
            errno = e;
            if (rc <= 0)
                return rc;
            atomic_store(&no_unnamed, true);  /* no /proc to link through */
        } else if (errno == EISDIR || errno == EOPNOTSUPP || errno == EINVAL) {
            atomic_store(&no_unnamed, true);  /* a kernel or file system without O_TMPFILE */
        }
    }
    return write_named(dirfd, name, bytes, len, flags);
}

int outfile_write(const char *dir, const char *name, const void *bytes, size_t len,
                  unsigned flags, diag_list *errs)
{
    char final[PATH_MAX];
    snprintf(final, sizeof final, "%s/%s", dir, name);
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = dirfd < 0 ? -1 : outfile_write_at(dirfd, name, bytes, len, flags);
    if (rc != 0)
        diag_add_class(errs, DIAG_ENV, final, 0, 0, NULL, NULL, "cannot write: %s", strerror(errno));
    if (dirfd >= 0)
        close(dirfd);
    return rc;
}

/* Removes temporary files a killed run left (".NAME.tmp.PID.N" whose PID is gone). */
void outfile_remove_stale(int dirfd)
{
    int fd = dup(dirfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *tmp = e->d_name[0] == '.' ? strstr(e->d_name, ".tmp.") : NULL;
        if (!tmp)
            continue;
        char *end;
        long pid = strtol(tmp + 5, &end, 10);
        if (pid <= 0 || *end != '.')
            continue;
        if (pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
            unlinkat(dirfd, e->d_name, 0);
    }
    closedir(d);
}
