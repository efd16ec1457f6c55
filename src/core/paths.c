/* paths.c: see paths.h. */
#include "core/paths.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *dir, const char *rel)
{
    char probe[PATH_MAX + 32];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/%s", dir, rel);
    return stat(probe, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Found once, by whichever thread asks first (pthread_once: workers of a batch may race). */
static char root[PATH_MAX];
static int source_tree;  /* root is a checkout: schema in src/schema, fonts in build/fonts */
static const char *data_dir_option;
static pthread_once_t root_once = PTHREAD_ONCE_INIT;

void pb_set_data_dir(const char *dir)
{
    data_dir_option = dir;
}

static int exe_checkout(void)
{
    char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0)
        return 0;
    dir[n] = '\0';
    for (int up = 0; up < 4; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = '\0';
        if (is_dir(dir[0] ? dir : "/", "templates/councils")) {
            snprintf(root, sizeof root, "%s", dir[0] ? dir : "/");
            return 1;
        }
    }
    return 0;
}

static void find_root(void)
{
    const char *env = getenv("PBDOCS_DATA");
    if (!env || !*env)
        env = getenv("PBDOCS_ROOT");
    if (data_dir_option && *data_dir_option)
        snprintf(root, sizeof root, "%s", data_dir_option);
    else if (env && *env)
        snprintf(root, sizeof root, "%s", env);
    else if (!exe_checkout()) {
#ifdef PBDOCS_DATADIR
        snprintf(root, sizeof root, "%s", PBDOCS_DATADIR);
#else
        snprintf(root, sizeof root, ".");
#endif
    }
    source_tree = is_dir(root, "src/schema");
}

const char *pb_root(void)
{
    pthread_once(&root_once, find_root);
    return root;
}

char *pb_path(char *buf, size_t size, const char *rel)
{
    const char *base = pb_root();
    if (source_tree && strncmp(rel, "schema/", 7) == 0)
        snprintf(buf, size, "%s/src/%s", base, rel);
    else if (source_tree && strcmp(rel, "fonts") == 0)
        snprintf(buf, size, "%s/build/fonts", base);
    else
        snprintf(buf, size, "%s/%s", base, rel);
    return buf;
}
