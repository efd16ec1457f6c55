/* diag.c: the error value every stage returns; see diag.h. */
#include "core/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void diag_add(diag_list *list, const char *file, int line, int col, const char *case_id,
              const char *field, const char *fmt, ...)
{
    list->items = xgrow(list->items, &list->cap, list->len + 1, sizeof *list->items);
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    list->items[list->len++] = (diag){
        .file = dup_or_null(file),
        .line = line,
        .col = col,
        .case_id = dup_or_null(case_id),
        .field = dup_or_null(field),
        .message = xstrdup(msg),
    };
}

void diag_format(const diag *d, char *buf, size_t size)
{
    size_t n = 0;
#define PUT(...) n += (size_t)snprintf(buf + (n < size ? n : size), n < size ? size - n : 0, __VA_ARGS__)
    if (d->file) {
        PUT("%s:", d->file);
        if (d->line > 0) {
            PUT("%d:", d->line);
            if (d->col > 0)
                PUT("%d:", d->col);
        }
        PUT(" ");
    }
    if (d->case_id)
        PUT("case %s: ", d->case_id);
    if (d->field)
        PUT("%s: ", d->field);
    PUT("%s", d->message);
#undef PUT
}

void diag_print(const diag *d, FILE *out)
{
    char buf[2048];
    diag_format(d, buf, sizeof buf);
    fprintf(out, "%s\n", buf);
}

void diag_print_all(const diag_list *list, FILE *out)
{
    for (size_t i = 0; i < list->len; i++)
        diag_print(&list->items[i], out);
}

void diag_list_take(diag_list *dst, diag_list *src)
{
    for (size_t i = 0; i < src->len; i++) {
        dst->items = xgrow(dst->items, &dst->cap, dst->len + 1, sizeof *dst->items);
        dst->items[dst->len++] = src->items[i];
    }
    free(src->items);
    *src = (diag_list){0};
}

void diag_list_clear(diag_list *list)
{
    for (size_t i = 0; i < list->len; i++) {
        diag *d = &list->items[i];
        free(d->file);
        free(d->case_id);
        free(d->field);
        free(d->message);
    }
    free(list->items);
    *list = (diag_list){0};
}
