/* fuzz_case.c: case XML bytes -> validated case or problems (libFuzzer target).
 *
 * The bytes go through the loader twice: as a single case file in memory (case_load_memory),
 * and as a file on disk through case_source, which streams a <cases> root case by case. What
 * must hold whatever the bytes: no crash, no sanitizer report, a case comes back only without
 * problems, every problem is one line naming a file, and a case id in a message is a valid one. */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "case/load.h"
#include "case/rules.h"
#include "core/paths.h"

static council_set *councils;

static void check_problems(const diag_list *errs)
{
    for (size_t i = 0; i < errs->len; i++) {
        const diag *d = &errs->items[i];
        char line[2048];
        diag_format(d, line, sizeof line);
        if (!d->message || !d->message[0] || strchr(d->message, '\n') || strchr(d->message, '\r'))
            abort(); /* every problem is one line that says what is wrong */
        if (d->field && strchr(d->field, '\n'))
            abort();
        if (d->case_id && !case_id_valid(d->case_id))
            abort(); /* only a valid id is ever printed: it cannot smuggle anything */
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[4096];
    councils = councils_open(pb_path(dir, sizeof dir, "templates/councils"));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list errs = {0};
    pb_case *c = case_load_memory((const char *)data, size, "fuzz.xml", 0, councils, &errs);
    if (c && errs.len)
        abort();
    if (!c && !errs.len)
        abort(); /* a rejection always says why */
    check_problems(&errs);
    case_free(c);
    diag_list_clear(&errs);

    /* The same bytes as a file: a <cases> stream is read case by case. */
    int fd = memfd_create("fuzz-case", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    case_source *src = case_source_open(path, &errs);
    for (int n = 0; src && n < 10000; n++) {
        pb_case *one = NULL;
        size_t before = errs.len;
        int rc = case_source_next(src, councils, &one, &errs);
        if (one && errs.len != before)
            abort();
        case_free(one);
        if (rc <= 0)
            break;
    }
    case_source_close(src);
    check_problems(&errs);
    diag_list_clear(&errs);
    close(fd);
    return 0;
}
