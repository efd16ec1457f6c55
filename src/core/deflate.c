/* deflate.c: see deflate.h. The pool: per level, a stack of idle compressors under one lock;
 * a call takes one (or allocates one), compresses, and puts it back. At most POOL_KEEP idle
 * ones are kept a level; the rest are freed. */
#include "core/deflate.h"

#include <libdeflate.h>
#include <pthread.h>

#include "core/xalloc.h"

enum { LEVELS = 13, POOL_KEEP = 16 };

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct libdeflate_compressor *idle[LEVELS][POOL_KEEP];
static int n_idle[LEVELS];

static struct libdeflate_compressor *take(int level)
{
    struct libdeflate_compressor *c = NULL;
    pthread_mutex_lock(&pool_lock);
    if (n_idle[level])
        c = idle[level][--n_idle[level]];
    pthread_mutex_unlock(&pool_lock);
    if (!c && !(c = libdeflate_alloc_compressor(level)))
        xalloc_die();
    return c;
}

static void give_back(int level, struct libdeflate_compressor *c)
{
    pthread_mutex_lock(&pool_lock);
    if (n_idle[level] < POOL_KEEP) {
        idle[level][n_idle[level]++] = c;
        c = NULL;
    }
    pthread_mutex_unlock(&pool_lock);
    libdeflate_free_compressor(c); /* NULL: kept */
}

size_t pb_deflate_bound(size_t n) { return libdeflate_zlib_compress_bound(NULL, n); }

size_t pb_deflate(int level, const void *in, size_t n, void *out, size_t cap)
{
    if (level < 1 || level >= LEVELS)
        level = PB_DEFLATE_SMALL;
    struct libdeflate_compressor *c = take(level);
    size_t len = libdeflate_zlib_compress(c, in, n, out, cap);
    give_back(level, c);
    return len;
}
