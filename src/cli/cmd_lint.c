/* cmd_lint.c: pbdocs lint [--templates DIR] [--names] [--format json] [FILE]
 * With FILE, only that template (its kind from its name), with the folder's partials.
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


/* One template file, with the partials of dir: its kind from its name. */
static int lint_one_file(const char *dir, const char *file, diag_list *problems)
{
    int kind = template_kind_of(file);
    if (kind < 0) {
        char words[128];
        diag_add_class(problems, DIAG_TEMPLATE, file, 1, 1, NULL, NULL,
                       "cannot tell which kind of document this template is for: its name must "
                       "start with %s", doc_kind_words(words, sizeof words));
        return 0;
    }
    return lint_template_file(dir, file, (doc_kind)kind, problems);
}

int cmd_lint(int argc, char **argv)
{
    char dirbuf[4096];
    const char *dir = NULL, *file = NULL;
    bool names = false;
    report_format format = REPORT_TEXT;
    for (int i = 1; i < argc; i++) {
        if (report_format_arg(argv[i], i + 1 < argc ? argv[i + 1] : NULL, &format)) {
            if (format == REPORT_BAD) {
                return usage_error("lint", "--format takes json or text");
            }
            i++;
        } else if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (strcmp(argv[i], "--names") == 0) {
            names = true;
        } else if (argv[i][0] != '-' && !file) {
            file = argv[i];
        } else {
            return usage_error("lint", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!dir)
        dir = default_templates_dir(dirbuf, sizeof dirbuf);
    diag_list problems = {0};
    unsigned *used = xcalloc(field_catalogue_len, sizeof *used);
    int rc = file ? lint_one_file(dir, file, &problems) : lint_templates(dir, &problems, used);
    report_problems(&problems, format);
    /* Templates are lint's subject: their problems are its findings (1); only an environment
     * problem, such as an unreadable folder, is 2. */
    int status = exit_status_for(diag_classes(&problems) | (rc < 0 ? 1u << DIAG_ENV : 0),
                                 DIAG_TEMPLATE);
    if (names && rc == 0)
        for (int k = 0; k < DOC_KIND_COUNT; k++)
            for (size_t i = 0; i < field_catalogue_len; i++)
                if ((used[i] >> k) & 1)
                    printf("%s %s\n", doc_kind_name((doc_kind)k), field_catalogue[i].name);
    if (status == EXIT_OK && !names && format == REPORT_TEXT)
        printf("%s: ok\n", file ? file : dir);
    free(used);
    diag_list_clear(&problems);
    return status;
}
