/* cmd_validate.c: pbdocs validate CASE.xml...
 * Checks every case of every file against the schema and the rules; prints every problem on
 * stderr and "FILE: ok" on stdout for a file whose cases are all valid. */
#include <stdio.h>
#include <string.h>

#include "case/council.h"
#include "case/load.h"
#include "cli/commands.h"
#include "core/paths.h"

void print_case_warnings(const pb_case *c)
{
    for (size_t i = 0; c && i < c->warnings.len; i++) {
        diag d = c->warnings.items[i];
        char buf[2048];
        d.file = NULL;  /* the "warning:" word goes between FILE:LINE: and the rest */
        diag_format(&d, buf, sizeof buf);
        fprintf(stderr, "%s:%d: warning: %s\n", c->warnings.items[i].file, d.line, buf);
    }
}

int cmd_validate(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: pbdocs validate CASE.xml...\n", stderr);
        return EXIT_USAGE;
    }
    char dir[4096];
    council_set *councils = councils_open(pb_path(dir, sizeof dir, "templates/councils"));
    unsigned classes = 0;  /* of every problem of every file: they decide the exit status */
    for (int i = 1; i < argc; i++) {
        diag_list errs = {0};
        case_source *src = case_source_open(argv[i], &errs);
        if (!src) {
            diag_print_all(&errs, stderr);
            classes |= diag_classes(&errs);
            diag_list_clear(&errs);
            continue;
        }
        int rc, cases = 0, rejected = 0;
        pb_case *c;
        while ((rc = case_source_next(src, councils, &c, &errs)) == 1) {
            cases++;
            print_case_warnings(c);
            if (c && !council_get(councils, c->council, &errs))
                rejected++;
            else if (!c)
                rejected++;
            case_free(c);
        }
        if (rc < 0 && !errs.len)
            diag_add_class(&errs, DIAG_ENV, argv[i], 0, 0, NULL, NULL, "cannot read this file");
        diag_print_all(&errs, stderr);
        classes |= diag_classes(&errs);
        if (rejected && !errs.len)
            classes |= 1u << DIAG_DATA;  /* a rejection always counts, said or not */
        diag_list_clear(&errs);
        case_source_close(src);
        if (rc >= 0 && !rejected && cases == 1)
            printf("%s: ok\n", argv[i]);
        else if (rc >= 0 && !rejected)
            printf("%s: ok (%d cases)\n", argv[i], cases);
    }
    councils_close(councils);
    return exit_status_for(classes, DIAG_DATA);
}
