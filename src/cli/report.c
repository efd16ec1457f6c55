/* report.c: how validate and lint print what they found: the text lines of the contract on
 * stderr, or, with --format json, one JSON object a line on stdout for case-system
 * integrations: {"file", "line", "column", "case", "field", "message", "severity"}. */
#include <stdio.h>
#include <string.h>

#include "case/case.h"
#include "cli/commands.h"
#include "serve/json.h"

bool report_format_arg(const char *arg, const char *value, report_format *f)
{
    if (strcmp(arg, "--format") != 0 || !value)
        return false;
    *f = strcmp(value, "json") == 0 ? REPORT_JSON : strcmp(value, "text") == 0 ? REPORT_TEXT
                                                                                : REPORT_BAD;
    return true;
}

static void print_json(const diag *d, const char *severity)
{
    strbuf sb = {0};
    sb_puts(&sb, "{\"file\": ");
    json_string(&sb, d->file);
    sb_printf(&sb, ", \"line\": %d, \"column\": %d, \"case\": ", d->line, d->col);
    json_string(&sb, d->case_id);
    sb_puts(&sb, ", \"field\": ");
    json_string(&sb, d->field);
    sb_puts(&sb, ", \"message\": ");
    json_string(&sb, d->message);
    sb_printf(&sb, ", \"severity\": \"%s\"}\n", severity);
    fputs(sb_str(&sb), stdout);
    sb_free(&sb);
}

void report_problems(const diag_list *list, report_format f)
{
    if (f != REPORT_JSON) {
        diag_print_all(list, stderr);
        return;
    }
    for (size_t i = 0; i < list->len; i++)
        print_json(&list->items[i], "error");
}

void report_warnings(const pb_case *c, report_format f)
{
    for (size_t i = 0; c && i < c->warnings.len; i++) {
        diag d = c->warnings.items[i];
        if (f == REPORT_JSON) {
            print_json(&d, "warning");
            continue;
        }
        char buf[2048];
        d.file = NULL;  /* the "warning:" word goes between FILE:LINE: and the rest */
        diag_format(&d, buf, sizeof buf);
        fprintf(stderr, "%s:%d: warning: %s\n", c->warnings.items[i].file, d.line, buf);
    }
}

void print_case_warnings(const pb_case *c)
{
    report_warnings(c, REPORT_TEXT);
}
