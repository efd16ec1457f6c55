/* paths.c: see paths.h. */
#include "core/paths.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_councils(const char *dir)
{
    char probe[PATH_MAX + 32];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/templates/councils", dir);
    return stat(probe, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Found once, by whichever thread asks first (pthread_once: workers of a batch may race). */
static char root[PATH_MAX];
static pthread_once_t root_once = PTHREAD_ONCE_INIT;

static void find_root(void)
{
    const char *env = getenv("PBDOCS_ROOT");
    if (env && *env) {
        snprintf(root, sizeof root, "%s", env);
        return;
    }
    char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n > 0) {
        dir[n] = '\0';
        for (int up = 0; up < 4; up++) {
            char *slash = strrchr(dir, '/');
            if (!slash)
                break;
            *slash = '\0';
            if (has_councils(dir[0] ? dir : "/")) {
                snprintf(root, sizeof root, "%s", dir[0] ? dir : "/");
                return;
            }
        }
    }
    snprintf(root, sizeof root, ".");
}

const char *pb_root(void)
{
    pthread_once(&root_once, find_root);
    return root;
}

char *pb_path(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", pb_root(), rel);
    return buf;
}
