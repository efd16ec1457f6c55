/* font_program.c: deflated TrueType subsets, kept per (face, glyph set).
 *
 * The cache is a short list searched by a 64-bit hash of (face, set), then the set itself: a run
 * meets a few dozen sets, so no table is needed. Once it holds CACHE_LIMIT programs, the one
 * used least recently makes room, so memory stays flat however long the run and the sets in
 * use stay in. Callers get a copy (a few kilobytes): an entry may be replaced while another
 * thread still writes its PDF. The lock is held while a program is made: two workers that miss
 * on the same set at the same moment would otherwise both make it. */
#include "fonts/font_program.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/deflate.h"
#include "core/xalloc.h"
#include "fonts/fonts.h"

enum { CACHE_LIMIT = 128 };  /* ~6 KB each: under 1 MB per set of fonts */

typedef struct cache_entry {
    int face;
    uint64_t hash;
    uint64_t last_used;
    glyph_set set;
    unsigned char *deflated;
    size_t deflated_len, length1;
} cache_entry;

struct font_cache {
    pthread_mutex_t lock;
    cache_entry *entries;
    size_t n;
    uint64_t clock;  /* counts lookups: last_used compares entries */
};

font_cache *font_cache_new(void)
{
    font_cache *c = xcalloc(1, sizeof *c);
    c->entries = xcalloc(CACHE_LIMIT, sizeof *c->entries);
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
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

static bool has(const glyph_set *set, uint32_t cp) { return (set->bits[cp / 8] >> (cp % 8)) & 1u; }

static void add_range(glyph_set *set, uint32_t from, uint32_t to)
{
    for (uint32_t cp = from; cp < to; cp++)
        if (charset_has_glyph(cp))
            set->bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
}

void glyph_set_widen(glyph_set *set)
{
    /* the punctuation of letters' wording: a letter that has one soon has the others */
    static const uint32_t typographic[] = {0xA3,   0x20AC, 0x2013, 0x2014, 0x2018,
                                           0x2019, 0x201C, 0x201D, 0x2022, 0x2026};
    unsigned ascii = 0, digits = 0, marks = 0;
    for (uint32_t cp = 0x20; cp < 0x7F; cp++) {
        ascii += has(set, cp);
        digits += has(set, cp) && cp >= '0' && cp <= '9';
    }
    for (size_t i = 0; i < sizeof typographic / sizeof typographic[0]; i++)
        marks += has(set, typographic[i]);
    if (ascii >= (0x7F - 0x20) / 2)
        add_range(set, 0x20, 0x7F);
    else if (digits)  /* dates and amounts vary from letter to letter */
        add_range(set, '0', '9' + 1);
    for (size_t i = 0; marks && i < sizeof typographic / sizeof typographic[0]; i++)
        add_range(set, typographic[i], typographic[i] + 1);
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

/* Deflates in[0..n) into a new buffer (core/deflate.h). */
static unsigned char *deflate_all(const char *in, size_t n, size_t *out_len)
{
    size_t cap = pb_deflate_bound(n);
    unsigned char *out = xmalloc(cap);
    *out_len = pb_deflate(PB_DEFLATE_SMALL, in, n, out, cap);
    if (!*out_len) {
        free(out);
        return NULL;
    }
    return out;
}

/* The subset of face holding cps[0..n) (ascending), deflated. */
static unsigned char *subset_deflated(const ttf_face *face, const uint32_t *cps, size_t n,
                                      size_t *deflated_len, size_t *length1)
{
    strbuf ttf = {0};
    ttf_subset(face, cps, n, &ttf);
    unsigned char *out = deflate_all(ttf.data, ttf.len, deflated_len);
    *length1 = ttf.len;
    sb_free(&ttf);
    return out;
}

/* The subset for set, deflated. */
static unsigned char *make_program(const pb_fonts *fonts, int face, const glyph_set *set,
                                   size_t *deflated_len, size_t *length1)
{
    uint32_t *cps = xreallocarray(NULL, CHARSET_LIMIT, sizeof *cps);
    size_t n = 0;
    for (uint32_t cp = 0; cp < CHARSET_LIMIT; cp++)
        if ((set->bits[cp / 8] >> (cp % 8)) & 1u)
            cps[n++] = cp;
    unsigned char *out = subset_deflated(&fonts->ttf[face], cps, n, deflated_len, length1);
    free(cps);
    return out;
}

int font_program_make(const ttf_face *face, const uint32_t *cps, size_t n, font_program *out)
{
    memset(out, 0, sizeof *out);
    out->deflated = subset_deflated(face, cps, n, &out->deflated_len, &out->length1);
    return out->deflated ? 0 : -1;
}

static void copy_out(const cache_entry *e, font_program *out)
{
    out->deflated = xmalloc(e->deflated_len);
    memcpy(out->deflated, e->deflated, e->deflated_len);
    out->deflated_len = e->deflated_len;
    out->length1 = e->length1;
}

int font_program_get(const pb_fonts *fonts, int face, const glyph_set *set, font_program *out)
{
    font_cache *c = fonts->cache;
    uint64_t hash = set_hash(face, set);
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&c->lock);
    c->clock++;
    cache_entry *e = NULL, *oldest = NULL;
    for (size_t i = 0; i < c->n && !e; i++) {
        cache_entry *x = &c->entries[i];
        if (x->hash == hash && x->face == face && !memcmp(&x->set, set, sizeof *set))
            e = x;
        else if (!oldest || x->last_used < oldest->last_used)
            oldest = x;
    }
    if (!e) {
        size_t dlen = 0, len1 = 0;
        unsigned char *program = make_program(fonts, face, set, &dlen, &len1);
        if (program) {
            if (c->n < CACHE_LIMIT)
                e = &c->entries[c->n++];
            else {
                e = oldest;
                free(e->deflated);
            }
            *e = (cache_entry){face, hash, 0, *set, program, dlen, len1};
        }
    }
    int rc = -1;
    if (e) {
        e->last_used = c->clock;
        copy_out(e, out);
        rc = 0;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}
