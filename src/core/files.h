/* files.h: small file-system helpers the commands share. */
#ifndef PBDOCS_FILES_H
#define PBDOCS_FILES_H
#include <stddef.h>

/* mkdir -p with mode 0750 (output folders hold letters); 0 when path is then a folder, else -1
 * with errno set. */
int make_dirs(const char *path);
/* write() until all len bytes are written (retried on EINTR). 0, or -1 with errno set. */
int write_all(int fd, const void *bytes, size_t len);

/* The largest template or partial file pbdocs reads (lint, render and preview alike). */
#define MAX_TEMPLATE_BYTES (1u << 20)

/* A whole regular file of at most max bytes, NUL-terminated (malloc'd; *len set when len is
 * not NULL). NULL with errno set when it cannot be read, is not a regular file (EINVAL) or is
 * larger than max (EFBIG): a file is never read in part. */
char *read_text_file(const char *path, size_t max, size_t *len);
#endif
