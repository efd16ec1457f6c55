/* cmd_fields.c: pbdocs fields [KIND] [--markdown]
 * The field catalogue for template authors: every name, its type (plain text, Markdown, ...),
 * meaning and an example. --markdown writes templates/FIELDS.md (make does). */
#include <stdio.h>
#include <string.h>

#include "authoring/fieldlist.h"
#include "case/case.h"
#include "cli/commands.h"

int cmd_fields(int argc, char **argv)
{
    int kind = -1;
    bool markdown = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--markdown") == 0) {
            markdown = true;
        } else if (kind < 0 && argv[i][0] != '-' && doc_kind_parse(argv[i]) >= 0) {
            kind = doc_kind_parse(argv[i]);
        } else if (argv[i][0] == '-') {
            return usage_error("fields", "unknown option '%s'", argv[i]);
        } else {
            return usage_error("fields", "'%s' is not a kind of document", argv[i]);
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
