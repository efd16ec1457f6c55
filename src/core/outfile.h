/* outfile.h: the one way pbdocs writes a file that people or programs pick up (a letter, a print
 * stream, a preview): it is there complete, or not at all, whenever the process dies.
 *
 * The bytes go to a temporary file in the target folder, mode 0640 whatever the umask (letters
 * hold personal data), which then takes the final name in one step. Where the file system allows
 * it the temporary has no name (O_TMPFILE) and is linked under the final name: one directory
 * operation, which matters when a batch writes thousands of files a second into one folder, and
 * nothing to clean up after kill -9. When the final name exists, or O_TMPFILE is not supported,
 * the temporary is named ".NAME.tmp.PID.N" and renamed over it (outfile_remove_stale removes such
 * names whose PID is gone). Whatever is at the final name, a file or a symlink, is replaced, never
 * written through; the temporary is created exclusively, so nothing at its name is followed.
 *
 * Durability: with OUTFILE_SYNC the file is fsync'ed before it takes its name (what a single
 * command writes); without it, what write() handed to the kernel survives kill -9 but not a power
 * cut until the caller syncs (the batch syncs its folder every second and at the end).
 *
 * Thread-safe: any number of threads may write into one folder at once. */
#ifndef PBDOCS_OUTFILE_H
#define PBDOCS_OUTFILE_H
#include <stddef.h>

#include "core/diag.h"

enum { OUTFILE_SYNC = 1 };

/* Writes bytes to name in the folder open as dirfd. Returns 0, or -1 with errno set (nothing is
 * left at name's place that was not there before). */
int outfile_write_at(int dirfd, const char *name, const void *bytes, size_t len, unsigned flags);

/* The same into dir/name; a failure is a problem in errs ("DIR/NAME: cannot write: REASON"). */
int outfile_write(const char *dir, const char *name, const void *bytes, size_t len,
                  unsigned flags, diag_list *errs);
/* Removes from the folder open as dirfd the temporaries a killed process left (".NAME.tmp.PID.N"
 * whose PID is gone, or is this process's): a batch does it before it writes. */
void outfile_remove_stale(int dirfd);
#endif
