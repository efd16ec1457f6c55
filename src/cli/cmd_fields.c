/* cmd_fields.c: pbdocs fields [KIND] [--markdown]
 * The field catalogue for template authors: every name, its type (plain text, Markdown, ...),
 * meaning and an example. --markdown writes templates/FIELDS.md (make does). */
#include <stdio.h>
#include <string.h>

#include "authoring/fieldlist.h"
#include "case/case.h"
#include "cli/commands.h"

static void fields_usage(FILE *f)
{
    char kinds[128];
    fprintf(f, "usage: pbdocs fields [KIND] [--markdown]\n"
               "KIND is %s; without it, every field of every kind.\n",
            doc_kind_words(kinds, sizeof kinds));
}

int cmd_fields(int argc, char **argv)
{
    int kind = -1;
    bool markdown = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--markdown") == 0) {
            markdown = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fields_usage(stdout);
            return EXIT_OK;
        } else if (kind < 0 && argv[i][0] != '-' && doc_kind_parse(argv[i]) >= 0) {
            kind = doc_kind_parse(argv[i]);
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "pbdocs fields: unknown option '%s'\n", argv[i]);
            fields_usage(stderr);
            return EXIT_USAGE;
        } else {
            fprintf(stderr, "pbdocs fields: '%s' is not a kind of document\n", argv[i]);
            fields_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (markdown && kind >= 0) {
        fprintf(stderr, "pbdocs fields: --markdown writes every kind (it takes no KIND)\n");
        return EXIT_USAGE;
    }
    strbuf out = {0};
    if (markdown)
        fields_markdown(&out);
    else
        fields_text(&out, kind);
    fputs(sb_str(&out), stdout);
    sb_free(&out);
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_USAGE;
}
