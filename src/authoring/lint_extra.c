/* lint_extra.c: lint's checks outside the template walk: text that looks like a field written
 * with single braces ({name}: printed as it is, never filled in), and the council profiles of
 * the templates folder (their schema, with the attribute named, and their rules), since a
 * broken profile stops every letter for that council just as a broken template does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lint_internal.h"
#include "case/council.h"
#include "core/files.h"

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

void lint_single_braces(lint_ctx *lc, const char *path)
{
    char *text = read_text_file(path, 1u << 20, NULL);
    int line = 1, col = 1;
    for (const char *p = text; p && *p; p++) {
        if (*p == '\n') {
            line++, col = 1;
            continue;
        }
        bool lone = *p == '{' && (p == text || p[-1] != '{') && p[1] != '{';
        const char *end = p + 1;
        while (lone && name_char(*end))
            end++;
        if (lone && end > p + 1 && *end == '}' && end[1] != '}' && (p[1] < '0' || p[1] > '9'))
            add_message(lc, (doc_kind)-1, path, line, col,
                        "'%.*s' has single braces and is printed as it is: a field is written "
                        "{{%.*s}}", (int)(end - p + 1), p, (int)(end - p - 1), p + 1);
        col++;
    }
    free(text);
}

void note_partials_named(lint_ctx *lc, const char *path)
{
    char *text = read_text_file(path, 1u << 20, NULL);
    for (const char *p = text; p && (p = strstr(p, "{{>")) != NULL;) {
        p += 3;
        while (*p == ' ')
            p++;
        const char *end = p;
        while (name_char(*end))
            end++;
        if (end > p)
            sb_printf(&lc->maybe_used, "|%.*s|", (int)(end - p), p);
    }
    free(text);
}

void lint_councils(const char *dir, diag_list *problems)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/councils", dir);
    council_set *set = councils_open(path);
    size_t from = problems->len;
    councils_check(set, problems);
    for (size_t i = from; i < problems->len; i++)
        if (problems->items[i].line > 0 && problems->items[i].col == 0)
            problems->items[i].col = 1;  /* lint's FILE:LINE:COL form */
    councils_close(set);
}
