/* cmd_lint.c: pbdocs lint [--templates DIR] [--names]
 * Prints every problem of the templates on stderr as FILE:LINE:COL: message, or "DIR: ok" on
 * stdout. --names also lists on stdout, as "KIND FIELD", every catalogue field the templates use
 * (what `pbdocs fields` must cover). Exit 0 clean, 1 problems, 2 usage or unreadable folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lint.h"
#include "cli/commands.h"
#include "core/xalloc.h"
#include "docs/fields.h"

static const char lint_usage[] = "usage: pbdocs lint [--templates DIR] [--names]\n";

int cmd_lint(int argc, char **argv)
{
    char dirbuf[4096];
    const char *dir = NULL;
    bool names = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (strcmp(argv[i], "--names") == 0) {
            names = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(lint_usage, stdout);
            return EXIT_OK;
        } else {
            fprintf(stderr, "pbdocs lint: unexpected argument '%s'\n%s", argv[i], lint_usage);
            return EXIT_USAGE;
        }
    }
    if (!dir)
        dir = default_templates_dir(dirbuf, sizeof dirbuf);
    diag_list problems = {0};
    unsigned *used = xcalloc(field_catalogue_len, sizeof *used);
    int rc = lint_templates(dir, &problems, used);
    diag_print_all(&problems, stderr);
    /* Templates are lint's subject: their problems are its findings (1); only an environment
     * problem, such as an unreadable folder, is 2. */
    int status = exit_status_for(diag_classes(&problems) | (rc < 0 ? 1u << DIAG_ENV : 0),
                                 DIAG_TEMPLATE);
    if (names && rc == 0)
        for (int k = 0; k < DOC_KIND_COUNT; k++)
            for (size_t i = 0; i < field_catalogue_len; i++)
                if ((used[i] >> k) & 1)
                    printf("%s %s\n", doc_kind_name((doc_kind)k), field_catalogue[i].name);
    if (status == EXIT_OK && !names)
        printf("%s: ok\n", dir);
    free(used);
    diag_list_clear(&problems);
    return status;
}
