/* replay.c: runs a fuzz target on files without libFuzzer, for `make test`.
 *
 * Linked with one tests/fuzz/fuzz_*.c by any compiler: each argument is a file, or a folder
 * whose files are all run. A crash, a sanitizer report or an abort() of the target's own checks
 * ends the process; otherwise it prints how many inputs ran. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    size_t cap = 1 << 16, len = 0, n;
    uint8_t *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        abort();
    /* An exact-size copy, so the sanitizers see a read past the end as libFuzzer would. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact)
        abort();
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int ran = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            char **names = NULL;
            size_t count = 0;
            struct dirent *e;
            while (d && (e = readdir(d))) {
                if (e->d_name[0] == '.')
                    continue;
                names = realloc(names, (count + 1) * sizeof *names);
                size_t need = strlen(argv[i]) + strlen(e->d_name) + 2;
                names[count] = malloc(need);
                snprintf(names[count++], need, "%s/%s", argv[i], e->d_name);
            }
            if (d)
                closedir(d);
            if (count)
                qsort(names, count, sizeof *names, by_name);
            for (size_t k = 0; k < count; k++) {
                bad += run_file(names[k]) != 0;
                ran++;
                free(names[k]);
            }
            free(names);
        } else {
            bad += run_file(argv[i]) != 0;
            ran++;
        }
    }
    printf("%d inputs ran\n", ran - bad);
    return bad ? 1 : 0;
}
