/* shard.c: see shard.h. FNV-1a works byte by byte, so the answer does not depend on the machine's
 * word size or byte order. */
#include "batch/shard.h"

#include <string.h>

static bool parse_int(const char *s, const char *end, long *out)
{
    if (s == end || *s < '0' || *s > '9')
        return false;
    long v = 0;
    for (; s < end; s++) {
        if (*s < '0' || *s > '9' || v > 1000000)
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

bool shard_parse(const char *s, shard_spec *out)
{
    const char *slash = strchr(s, '/');
    long k, n;
    if (!slash || !parse_int(s, slash, &k) || !parse_int(slash + 1, slash + strlen(slash), &n))
        return false;
    if (k < 1 || n < 1 || k > n || n > 1000000)
        return false;
    out->k = (int)k;
    out->n = (int)n;
    return true;
}

uint64_t fnv1a64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

int shard_of(const char *id, int n)
{
    if (!id || n <= 1)
        return 1;
    return 1 + (int)(fnv1a64(id, strlen(id)) % (uint64_t)n);
}

bool shard_holds(const shard_spec *s, const char *id)
{
    return shard_of(id, s->n) == s->k;
}
