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

/* The list's next free item, growing it as needed. */
static diag *next_slot(diag_list *list)
{
    list->items = xgrow(list->items, &list->cap, list->len + 1, sizeof *list->items);
    return &list->items[list->len++];
}

static void diag_addv(diag_list *list, diag_class cls, const char *file, int line, int col,
                      const char *case_id, const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 8, 0)));
static void diag_addv(diag_list *list, diag_class cls, const char *file, int line, int col,
                      const char *case_id, const char *field, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    *next_slot(list) = (diag){
        .cls = cls,
        .file = dup_or_null(file),
        .line = line,
        .col = col,
        .case_id = dup_or_null(case_id),
        .field = dup_or_null(field),
        .message = xstrdup(msg),
    };
}

void diag_add(diag_list *list, const char *file, int line, int col, const char *case_id,
              const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(list, DIAG_DATA, file, line, col, case_id, field, fmt, ap);
    va_end(ap);
}

void diag_add_class(diag_list *list, diag_class cls, const char *file, int line, int col,
                    const char *case_id, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(list, cls, file, line, col, case_id, field, fmt, ap);
    va_end(ap);
}

void diag_raise_class(diag_list *list, size_t from, diag_class cls)
{
    for (size_t i = from; i < list->len; i++)
        if (list->items[i].cls < cls)
            list->items[i].cls = cls;
}

unsigned diag_classes(const diag_list *list)
{
    unsigned classes = 0;
    for (size_t i = 0; i < list->len; i++)
        classes |= 1u << list->items[i].cls;
    return classes;
}

int exit_status_for(unsigned classes, diag_class findings)
{
    if (!classes)
        return EXIT_OK;
    return classes >> (findings + 1) ? EXIT_USAGE : EXIT_REJECTED;
}

int exit_status(const diag_list *problems)
{
    return exit_status_for(diag_classes(problems), DIAG_DATA);
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
    for (size_t i = 0; i < src->len; i++)
        *next_slot(dst) = src->items[i];
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
