/* test_xalloc.c: the one out-of-memory policy (core/xalloc.h). The allocations behave like the
 * C library's; a size that overflows (xreallocarray's count times size, xgrow's doubling) is
 * refused as out of memory: one message on stderr, then abort(), never a short buffer. The
 * refusals run in a child process (fork) whose stderr and end the parent reads. */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "core/xalloc.h"

/* Runs fn in a child; true when the child died of SIGABRT having printed exactly the message. */
static bool aborts_out_of_memory(void (*fn)(void))
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return false;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        close(pipefd[0]);
        dup2(pipefd[1], STDERR_FILENO);
        signal(SIGABRT, SIG_DFL);
        fn();
        _exit(0);  /* not reached when fn aborts */
    }
    close(pipefd[1]);
    char said[256];
    size_t got = 0;
    ssize_t n;
    while (got < sizeof said - 1 && (n = read(pipefd[0], said + got, sizeof said - 1 - got)) > 0)
        got += (size_t)n;
    said[got] = '\0';
    close(pipefd[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return false;
    CHECK_STR(said, "pbdocs: out of memory\n");
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void overflowing_count(void)
{
    void *p = xreallocarray(NULL, SIZE_MAX / 4 + 2, 4);
    free(p);
}

static void overflowing_growth(void)
{
    size_t cap = SIZE_MAX / 2 + 1;  /* doubling it overflows */
    void *p = xgrow(NULL, &cap, cap + 1, 1);
    free(p);
}

static void overflowing_copy(void)
{
    char *p = xmemdupz("", SIZE_MAX);  /* no room for the NUL */
    free(p);
}

int main(void)
{
    CHECK(aborts_out_of_memory(overflowing_count), "xreallocarray: count * size overflows");
    CHECK(aborts_out_of_memory(overflowing_growth), "xgrow: the capacity overflows");
    CHECK(aborts_out_of_memory(overflowing_copy), "xmemdupz: n + 1 overflows");

    /* Growing: at least need, doubling, the contents kept. */
    size_t cap = 0;
    int *a = xgrow(NULL, &cap, 1, sizeof *a);
    CHECK(cap == XGROW_FIRST, "first capacity %zu", cap);
    for (int i = 0; i < 1000; i++) {
        a = xgrow(a, &cap, (size_t)i + 1, sizeof *a);
        a[i] = i;
    }
    CHECK(cap >= 1000 && cap < 2000, "capacity %zu for 1000 items", cap);
    int wrong = 0;
    for (int i = 0; i < 1000; i++)
        wrong += a[i] != i;
    CHECK(wrong == 0, "%d items lost in growing", wrong);
    int *same = xgrow(a, &cap, 10, sizeof *a);
    CHECK(same == a, "no move when there is room");
    free(a);

    char *s = xstrndup("letters", 3);
    CHECK_STR(s, "let");
    free(s);
    s = xstrndup("ab", 10);  /* n past the end: stops at the NUL */
    CHECK_STR(s, "ab");
    free(s);
    s = xmemdupz("a\0b", 3);  /* NULs kept */
    CHECK(s[0] == 'a' && s[1] == '\0' && s[2] == 'b' && s[3] == '\0', "xmemdupz keeps NULs");
    free(s);
    s = xstrdup("");
    CHECK_STR(s, "");
    free(s);
    void *z = xcalloc(0, 8);
    CHECK(z != NULL, "xcalloc(0) is a pointer to free, never NULL");
    free(z);
    return check_done("test_xalloc");
}
