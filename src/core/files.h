/* files.h: small file-system helpers the commands share. */
#ifndef PBDOCS_FILES_H
#define PBDOCS_FILES_H

/* mkdir -p with mode 0750 (output folders hold letters); 0 when path is then a folder, else -1
 * with errno set. */
int make_dirs(const char *path);
#endif
