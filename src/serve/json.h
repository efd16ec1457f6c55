/* json.h: writing JSON onto a strbuf: the API's answers and the audit log's lines. Only what
 * they need: strings escaped as RFC 8259 says, and a list of problems. */
#ifndef PBDOCS_JSON_H
#define PBDOCS_JSON_H
#include "core/diag.h"
#include "core/strbuf.h"

/* s as a JSON string with its quotes; NULL as null. Bytes below 0x20, '"' and '\\' escaped;
 * other bytes copied (the case loader has already refused invalid UTF-8). */
void json_string(strbuf *out, const char *s);
/* {"problems": [{"line": N, "case": "ID", "field": "path", "message": "..."}, ...]}: each
 * problem in the words the command line prints (a template problem adds "file" and "col"). */
void json_problems(strbuf *out, const diag_list *errs);
#endif
