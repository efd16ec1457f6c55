/* auth.c: bearer tokens, their file, and the page's sessions (see auth.h). A token is never
 * stored: only its SHA-256, so a leaked tokens file opens nothing. Comparisons touch every
 * byte of every entry so their timing says nothing about how much of a token was right. */
#include "serve/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/sha256.h"
#include "core/xalloc.h"

#define MAX_TOKENS 1024
#define MAX_SESSIONS 1024

typedef struct token_entry {
    char name[65];
    char hash[65];
} token_entry;

struct tokens {
    token_entry *items;
    size_t n;
};

typedef struct session {
    char id[65];
    char name[72];
    time_t expires;  /* 0: free slot */
} session;

struct sessions {
    pthread_mutex_t lock;
    session items[MAX_SESSIONS];
};

bool token_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64)
        return false;
    return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

static bool hex64(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Equal in constant time for two strings of length n. */
static bool same(const char *a, const char *b, size_t n)
{
    unsigned char diff = 0;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

tokens *tokens_load(const char *path, diag_list *errs)
{
    char *text = read_text_file(path, 1u << 20, NULL);
    if (!text) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL,
                       "cannot read the tokens file: %s", strerror(errno));
        return NULL;
    }
    tokens *t = xcalloc(1, sizeof *t);
    t->items = xcalloc(MAX_TOKENS, sizeof *t->items);
    int line = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        l[strcspn(l, "\r")] = '\0';
        if (!*l || *l == '#')
            continue;
        char *colon = strrchr(l, ':');
        if (colon)
            *colon = '\0';
        if (!colon || !token_name_ok(l) || !hex64(colon + 1) || t->n == MAX_TOKENS) {
            diag_add_class(errs, DIAG_ENV, path, line, 0, NULL, NULL,
                           t->n == MAX_TOKENS ? "more than 1024 tokens"
                                              : "not NAME:SHA256-HEX (64 lower-case hex digits)");
            free(text);
            tokens_free(t);
            return NULL;
        }
        snprintf(t->items[t->n].name, sizeof t->items[t->n].name, "%s", l);
        memcpy(t->items[t->n].hash, colon + 1, 65);
        t->n++;
    }
    free(text);
    return t;
}

void tokens_free(tokens *t)
{
    if (!t)
        return;
    free(t->items);
    free(t);
}

const char *tokens_check(const tokens *t, const char *token)
{
    if (!token || strlen(token) > 256)
        return NULL;
    char hash[65];
    pb_sha256_hex(token, strlen(token), hash);
    const char *found = NULL;
    for (size_t i = 0; i < t->n; i++) {
        bool eq = same(hash, t->items[i].hash, 64);
        found = eq && !found ? t->items[i].name : found;
    }
    return found;
}

int random_hex(char *hex, size_t n)
{
    unsigned char buf[64];
    if (n > sizeof buf)
        return -1;
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno != EINTR)
            return -1;
        got += r > 0 ? (size_t)r : 0;
    }
    for (size_t i = 0; i < n; i++)
        sprintf(hex + 2 * i, "%02x", buf[i]);
    return 0;
}

int token_add(const char *file, const char *name, char token[65], diag_list *errs)
{
    if (!token_name_ok(name)) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "a token's name is 1 to 64 letters, digits, '.', '_' or '-'");
        return -1;
    }
    if (access(file, F_OK) == 0) {
        tokens *t = tokens_load(file, errs);
        if (!t)
            return -1;
        bool taken = false;
        for (size_t i = 0; i < t->n; i++)
            taken |= strcmp(t->items[i].name, name) == 0;
        tokens_free(t);
        if (taken) {
            diag_add_class(errs, DIAG_ENV, file, 0, 0, NULL, NULL,
                           "a token named %s is already there", name);
            return -1;
        }
    }
    if (random_hex(token, 32) != 0) {
        diag_add_class(errs, DIAG_ENV, NULL, 0, 0, NULL, NULL,
                       "no randomness: %s", strerror(errno));
        return -1;
    }
    char line[160], hash[65];
    pb_sha256_hex(token, 64, hash);
    int len = snprintf(line, sizeof line, "%s:%s\n", name, hash);
    int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, line, (size_t)len) != len || fsync(fd) != 0) {
        diag_add_class(errs, DIAG_ENV, file, 0, 0, NULL, NULL,
                       "cannot write the tokens file: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

sessions *sessions_new(void)
{
    sessions *s = xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void sessions_free(sessions *s)
{
    if (!s)
        return;
    pthread_mutex_destroy(&s->lock);
    free(s);
}

int session_start(sessions *s, const char *name, char id[65])
{
    if (random_hex(id, 32) != 0)
        return -1;
    time_t now = time(NULL);
    pthread_mutex_lock(&s->lock);
    size_t slot = 0; /* a free or expired slot, else the one ending soonest */
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        if (s->items[i].expires <= now) {
            slot = i;
            break;
        }
        if (s->items[i].expires < s->items[slot].expires)
            slot = i;
    }
    memcpy(s->items[slot].id, id, 65);
    snprintf(s->items[slot].name, sizeof s->items[slot].name, "%s", name);
    s->items[slot].expires = now + SESSION_SECONDS;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

bool session_check(sessions *s, const char *id, char *name, size_t size)
{
    if (!id || !hex64(id))
        return false;
    time_t now = time(NULL);
    bool found = false;
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        bool eq = same(id, s->items[i].id, 64) && s->items[i].expires > now;
        if (eq && !found) {
            snprintf(name, size, "%s", s->items[i].name);
            found = true;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return found;
}
