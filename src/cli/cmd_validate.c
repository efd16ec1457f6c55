/* cmd_validate.c: pbdocs validate [--strict] [--format json] INPUT...
 * Checks every case of every input against the schema and the rules, INPUTs as batch takes them
 * (a case file, a <cases> stream, a directory of them); prints every problem and warning, and
 * "FILE: ok" on stdout for a file whose cases are all valid (text format only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch/inputs.h"
#include "case/council.h"
#include "case/load.h"
#include "cli/commands.h"
#include "core/paths.h"

bool strict_warnings(pb_case *c, bool strict, diag_list *errs)
{
    if (!strict || !c || !c->warnings.len)
        return false;
    diag_list_take(errs, &c->warnings);
    return true;
}

typedef struct validate_run {
    council_set *councils;
    bool strict;
    report_format format;
    unsigned classes;  /* of every problem of every file: they decide the exit status */
} validate_run;

static void validate_file(validate_run *v, const char *path)
{
    diag_list errs = {0};
    case_source *src = case_source_open(path, &errs);
    if (!src) {
        report_problems(&errs, v->format);
        v->classes |= diag_classes(&errs);
        diag_list_clear(&errs);
        return;
    }
    int rc, cases = 0, rejected = 0;
    pb_case *c;
    while ((rc = case_source_next(src, v->councils, &c, &errs)) == 1) {
        cases++;
        bool strict_reject = strict_warnings(c, v->strict, &errs);
        report_warnings(c, v->format);
        if (strict_reject || !c || !council_get(v->councils, c->council, &errs))
            rejected++;
        case_free(c);
    }
    if (rc < 0 && !errs.len)
        diag_add_class(&errs, DIAG_ENV, path, 0, 0, NULL, NULL, "cannot read this file");
    report_problems(&errs, v->format);
    v->classes |= diag_classes(&errs);
    if (rejected && !errs.len)
        v->classes |= 1u << DIAG_DATA;  /* a rejection always counts, said or not */
    diag_list_clear(&errs);
    case_source_close(src);
    if (v->format == REPORT_JSON)
        return;
    if (rc >= 0 && !rejected && cases == 1)
        printf("%s: ok\n", path);
    else if (rc >= 0 && !rejected)
        printf("%s: ok (%d cases)\n", path, cases);
}

int cmd_validate(int argc, char **argv)
{
    validate_run v = {0};
    int inputs = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--strict") == 0) {
            v.strict = true;
        } else if (report_format_arg(argv[i], i + 1 < argc ? argv[i + 1] : NULL, &v.format)) {
            i++;
            if (v.format == REPORT_BAD) {
                return usage_error("validate", "--format takes json or text");
            }
        } else {
            argv[++inputs] = argv[i];  /* the inputs, gathered at the front */
        }
    }
    if (!inputs)
        return usage_error("validate", "no INPUT given");
    char dir[4096];
    v.councils = councils_open(pb_path(dir, sizeof dir, "templates/councils"));
    for (int i = 1; i <= inputs; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            validate_file(&v, argv[i]);
            continue;
        }
        size_t n;
        char **files = inputs_list_dir(argv[i], &n);
        for (size_t j = 0; j < n; j++) {
            validate_file(&v, files[j]);
            free(files[j]);
        }
        free(files);
    }
    councils_close(v.councils);
    return exit_status_for(v.classes, DIAG_DATA);
}
