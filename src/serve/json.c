/* json.c: JSON strings and the problems list (see json.h). */
#include "serve/json.h"

void json_string(strbuf *out, const char *s)
{
    if (!s) {
        sb_puts(out, "null");
        return;
    }
    sb_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            sb_putc(out, '\\');
            sb_putc(out, (char)*p);
        } else if (*p == '\n') {
            sb_puts(out, "\\n");
        } else if (*p == '\t') {
            sb_puts(out, "\\t");
        } else if (*p < 0x20 || *p == 0x7f) {
            sb_printf(out, "\\u%04x", *p);
        } else {
            sb_putc(out, (char)*p);
        }
    }
    sb_putc(out, '"');
}

void json_problems(strbuf *out, const diag_list *errs)
{
    sb_puts(out, "{\"problems\": [");
    for (size_t i = 0; i < errs->len; i++) {
        const diag *d = &errs->items[i];
        sb_puts(out, i ? ",\n  {" : "\n  {");
        sb_printf(out, "\"line\": %d, \"case\": ", d->line);
        json_string(out, d->case_id);
        sb_puts(out, ", \"field\": ");
        json_string(out, d->field);
        if (d->col > 0) { /* a template problem: where in which template */
            sb_puts(out, ", \"file\": ");
            json_string(out, d->file);
            sb_printf(out, ", \"col\": %d", d->col);
        }
        sb_puts(out, ", \"message\": ");
        json_string(out, d->message);
        sb_putc(out, '}');
    }
    sb_puts(out, "\n]}\n");
}
