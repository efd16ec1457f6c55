/* font_program.c: deflated TrueType subsets, kept per (face, glyph set).
 *
 * The cache is a short list per face searched by a 64-bit hash of the set, then the set itself:
 * a run meets a few dozen sets, so no table is needed. It only grows, up to CACHE_LIMIT entries,
 * so a program handed out stays valid until the fonts are closed; past the limit (a run of
 * letters with very varied characters) programs are made per letter, as before there was a
 * cache. The lock is held while a program is made: two workers that miss on the same set at
 * the same moment would otherwise both make it. */
#include "pdf/font_program.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/strbuf.h"
#include "pdf/fonts.h"

enum { CACHE_LIMIT = 1024 };  /* ~5 KB each: at most ~5 MB per set of fonts */

typedef struct cache_entry {
    int face;
    uint64_t hash;
    glyph_set set;
    unsigned char *deflated;
    size_t deflated_len, length1;
} cache_entry;

struct font_cache {
    pthread_mutex_t lock;
    cache_entry *entries;
    size_t n;
};

font_cache *font_cache_new(void)
{
    font_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->entries = calloc(CACHE_LIMIT, sizeof *c->entries);
    if (!c->entries || pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c->entries);
        free(c);
        return NULL;
    }
    return c;
}

void font_cache_free(font_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->entries[i].deflated);
    free(c->entries);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

void glyph_set_widen(glyph_set *set)
{
    unsigned ascii = 0, digits = 0;
    for (uint32_t cp = 0x20; cp < 0x7F; cp++) {
        unsigned used = (set->bits[cp / 8] >> (cp % 8)) & 1u;
        ascii += used;
        digits += used && cp >= '0' && cp <= '9';
    }
    uint32_t from = 0x20, to = 0x7F;  /* all of printable ASCII */
    if (ascii < (0x7F - 0x20) / 2) {
        if (!digits)
            return;
        from = '0', to = '9' + 1;  /* dates and amounts vary from letter to letter */
    }
    for (uint32_t cp = from; cp < to; cp++)
        if (charset_has_glyph(cp))
            set->bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
}

static uint64_t set_hash(int face, const glyph_set *set)
{
    uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)face;  /* FNV-1a */
    for (size_t i = 0; i < sizeof set->bits; i++) {
        h ^= set->bits[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* The subset for set, deflated at the highest level: it is made once and read by many. */
static unsigned char *make_program(const pb_fonts *fonts, int face, const glyph_set *set,
                                   size_t *deflated_len, size_t *length1)
{
    uint32_t *cps = malloc(CHARSET_LIMIT * sizeof *cps);
    if (!cps)
        return NULL;
    size_t n = 0;
    for (uint32_t cp = 0; cp < CHARSET_LIMIT; cp++)
        if ((set->bits[cp / 8] >> (cp % 8)) & 1u)
            cps[n++] = cp;
    strbuf ttf = {0};
    ttf_subset(&fonts->ttf[face], cps, n, &ttf);
    free(cps);
    uLongf len = compressBound((uLong)ttf.len);
    unsigned char *out = malloc(len);
    if (out && compress2(out, &len, (const Bytef *)ttf.data, (uLong)ttf.len, 9) != Z_OK) {
        free(out);
        out = NULL;
    }
    *deflated_len = len;
    *length1 = ttf.len;
    sb_free(&ttf);
    return out;
}

int font_program_get(const pb_fonts *fonts, int face, const glyph_set *set, font_program *out)
{
    font_cache *c = fonts->cache;
    uint64_t hash = set_hash(face, set);
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->n; i++) {
        const cache_entry *e = &c->entries[i];
        if (e->hash == hash && e->face == face && !memcmp(&e->set, set, sizeof *set)) {
            *out = (font_program){e->deflated, e->deflated_len, e->length1, NULL};
            pthread_mutex_unlock(&c->lock);
            return 0;
        }
    }
    size_t dlen = 0, len1 = 0;
    unsigned char *program = make_program(fonts, face, set, &dlen, &len1);
    if (program) {
        *out = (font_program){program, dlen, len1, NULL};
        if (c->n < CACHE_LIMIT)
            c->entries[c->n++] = (cache_entry){face, hash, *set, program, dlen, len1};
        else
            out->owned = program;
    }
    pthread_mutex_unlock(&c->lock);
    return program ? 0 : -1;
}
