/* audit.h: the audit log, one JSON line per request: time, token name, remote address, route,
 * case id, kind, status, sha256 of the PDF, milliseconds. Never a name, address, amount or
 * reason: only the case id. Each line is one write() under a lock, so lines from pool threads
 * never interleave. */
#ifndef PBDOCS_AUDIT_H
#define PBDOCS_AUDIT_H
#include <stdbool.h>

typedef struct audit_log audit_log;

typedef struct audit_entry {
    const char *who, *remote, *route, *case_id, *kind, *sha256;  /* "" or NULL: not known */
    int status;
    double ms;
} audit_entry;

/* path NULL: stderr. Appends to the file (created 0600). NULL when it cannot be opened. */
audit_log *audit_open(const char *path);
void audit_write(audit_log *log, const audit_entry *e);
void audit_close(audit_log *log);
#endif
