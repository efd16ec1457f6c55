/* ttf_subset.c: parse a TrueType font once; write, per document, a font of just the glyphs used.
 *
 * The written font has the ten tables libharu reads (OS/2, cmap, glyf, head, hhea, hmtx, loca,
 * maxp, name, post; no hinting tables, as the source fonts have none): glyphs renumbered in
 * their original order with .notdef first, long loca offsets, one full metric per glyph, a
 * format 4 (3,1) cmap for the code points asked for, and format 3 post (no glyph names). */
#include "fonts/ttf_subset.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static unsigned u16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(strbuf *sb, unsigned v)
{
    char b[2] = {(char)(v >> 8), (char)v};
    sb_append(sb, b, 2);
}

static void put32(strbuf *sb, uint32_t v)
{
    char b[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
    sb_append(sb, b, 4);
}

static void set16(strbuf *sb, size_t at, unsigned v)
{
    sb->data[at] = (char)(v >> 8);
    sb->data[at + 1] = (char)v;
}

static void pad4(strbuf *sb)
{
    while (sb->len % 4)
        sb_putc(sb, 0);
}

/* The table with this tag, checked to lie inside the file; NULL when absent or broken. */
static const unsigned char *table(const ttf_face *f, const char *tag, size_t *len)
{
    if (f->len < 12)
        return NULL;
    unsigned n = u16(f->data + 4);
    for (unsigned i = 0; i < n && 12 + 16 * (size_t)(i + 1) <= f->len; i++) {
        const unsigned char *rec = f->data + 12 + 16 * i;
        if (memcmp(rec, tag, 4) != 0)
            continue;
        uint32_t off = u32(rec + 8), size = u32(rec + 12);
        if (off > f->len || size > f->len - off)
            return NULL;
        *len = size;
        return f->data + off;
    }
    return NULL;
}

static const char *parse_cmap(ttf_face *f)
{
    size_t len;
    const unsigned char *cmap = table(f, "cmap", &len);
    if (!cmap || len < 4)
        return "no cmap table";
    const unsigned char *sub = NULL;
    for (unsigned i = 0; i < u16(cmap + 2) && 4 + 8 * (size_t)(i + 1) <= len; i++) {
        const unsigned char *rec = cmap + 4 + 8 * i;
        uint32_t off = u32(rec + 4);
        if (((u16(rec) == 3 && u16(rec + 2) == 1) || u16(rec) == 0) && off + 14 <= len &&
            u16(cmap + off) == 4)
            sub = cmap + off;
    }
    if (!sub)
        return "no format 4 Unicode cmap";
    size_t sub_len = u16(sub + 2), avail = len - (size_t)(sub - cmap);
    unsigned segs = u16(sub + 6) / 2;
    if (sub_len > avail || 16 + 8 * (size_t)segs > sub_len)
        return "cmap subtable out of bounds";
    const unsigned char *ends = sub + 14, *starts = ends + 2 * segs + 2, *deltas = starts + 2 * segs,
                        *ranges = deltas + 2 * segs;
    for (unsigned s = 0; s < segs; s++) {
        unsigned start = u16(starts + 2 * s), end = u16(ends + 2 * s);
        unsigned delta = u16(deltas + 2 * s), range = u16(ranges + 2 * s);
        for (unsigned cp = start; cp <= end && cp < f->cp_limit; cp++) {
            unsigned gid = 0;
            if (range == 0)
                gid = (cp + delta) & 0xFFFF;
            else {
                size_t at = (size_t)(ranges + 2 * s - sub) + range + 2 * (size_t)(cp - start);
                if (at + 2 > sub_len)
                    return "cmap glyph array out of bounds";
                unsigned g = u16(sub + at);
                gid = g ? (g + delta) & 0xFFFF : 0;
            }
            f->gid_of[cp] = gid < f->num_glyphs ? (uint16_t)gid : 0;
        }
    }
    return NULL;
}

/* Keeps the Windows English copyright, family, style, full and PostScript names. */
static const char *parse_names(ttf_face *f)
{
    size_t len;
    const unsigned char *name = table(f, "name", &len);
    if (!name || len < 6)
        return "no name table";
    unsigned count = u16(name + 2), strings = u16(name + 4);
    const unsigned char *keep[16];
    unsigned n = 0;
    for (unsigned i = 0; i < count && 6 + 12 * (size_t)(i + 1) <= len && n < 16; i++) {
        const unsigned char *r = name + 6 + 12 * i;
        unsigned id = u16(r + 6);
        if (u16(r) == 3 && u16(r + 2) == 1 && u16(r + 4) == 0x409 &&
            (id == 0 || id == 1 || id == 2 || id == 4 || id == 6) &&
            (size_t)strings + u16(r + 10) + u16(r + 8) <= len)
            keep[n++] = r;
    }
    put16(&f->names, 0);
    put16(&f->names, n);
    put16(&f->names, 6 + 12 * n);
    unsigned offset = 0;
    for (unsigned i = 0; i < n; i++) {
        sb_append(&f->names, (const char *)keep[i], 8);  /* platform, encoding, language, id */
        put16(&f->names, u16(keep[i] + 8));
        put16(&f->names, offset);
        offset += u16(keep[i] + 8);
    }
    for (unsigned i = 0; i < n; i++)
        sb_append(&f->names, (const char *)name + strings + u16(keep[i] + 10), u16(keep[i] + 8));
    return n ? NULL : "no Windows English names";
}

const char *ttf_parse(ttf_face *f, const unsigned char *data, size_t len, uint32_t cp_limit)
{
    memset(f, 0, sizeof *f);
    f->data = data;
    f->len = len;
    f->cp_limit = cp_limit;
    f->gid_of = xcalloc(cp_limit, sizeof *f->gid_of);
    size_t head_len, hhea_len, maxp_len, post_len, loca_len, hmtx_len;
    f->head = table(f, "head", &head_len);
    f->hhea = table(f, "hhea", &hhea_len);
    f->maxp = table(f, "maxp", &maxp_len);
    f->os2 = table(f, "OS/2", &f->os2_len);
    f->post = table(f, "post", &post_len);
    f->glyf = table(f, "glyf", &f->glyf_len);
    const unsigned char *loca = table(f, "loca", &loca_len), *hmtx = table(f, "hmtx", &hmtx_len);
    if (!f->head || head_len < 54 || !f->hhea || hhea_len < 36 || !f->maxp || maxp_len < 32 ||
        !f->os2 || !f->post || post_len < 32 || !f->glyf || !loca || !hmtx)
        return "a table is missing or short (need head, hhea, maxp 1.0, OS/2, post, glyf, loca, hmtx)";
    f->num_glyphs = u16(f->maxp + 4);
    unsigned metrics = u16(f->hhea + 34);
    bool long_loca = u16(f->head + 50) == 1;
    if (!f->num_glyphs || !metrics || metrics > f->num_glyphs ||
        hmtx_len < 4 * (size_t)metrics + 2 * (size_t)(f->num_glyphs - metrics) ||
        loca_len < (long_loca ? 4 : 2) * ((size_t)f->num_glyphs + 1))
        return "glyph counts do not match the tables";
    f->loca = xreallocarray(NULL, (size_t)f->num_glyphs + 1, sizeof *f->loca);
    f->advance = xreallocarray(NULL, f->num_glyphs, sizeof *f->advance);
    f->lsb = xreallocarray(NULL, f->num_glyphs, sizeof *f->lsb);
    for (unsigned g = 0; g <= f->num_glyphs; g++) {
        f->loca[g] = long_loca ? u32(loca + 4 * g) : 2 * (uint32_t)u16(loca + 2 * g);
        if (f->loca[g] > f->glyf_len || (g && f->loca[g] < f->loca[g - 1]))
            return "loca out of order or out of bounds";
    }
    for (unsigned g = 0; g < f->num_glyphs; g++) {
        if (g < metrics) {
            f->advance[g] = (uint16_t)u16(hmtx + 4 * g);
            f->lsb[g] = (int16_t)u16(hmtx + 4 * g + 2);
        } else {
            f->advance[g] = f->advance[metrics - 1];
            f->lsb[g] = (int16_t)u16(hmtx + 4 * metrics + 2 * (g - metrics));
        }
    }
    const char *err = parse_cmap(f);
    return err ? err : parse_names(f);
}

void ttf_free(ttf_face *f)
{
    free(f->loca);
    free(f->advance);
    free(f->lsb);
    free(f->gid_of);
    sb_free(&f->names);
    memset(f, 0, sizeof *f);
}

/* Calls visit for each component of a composite glyph; returns false for a simple one. The
 * component's glyph index sits at g[at]. */
static bool for_components(const unsigned char *g, size_t len, void (*visit)(size_t at, void *),
                           void *ctx)
{
    if (len < 10 || (int16_t)u16(g) >= 0)
        return false;
    size_t at = 10;
    for (;;) {
        if (at + 4 > len)
            break;
        unsigned flags = u16(g + at);
        visit(at + 2, ctx);
        at += 4 + ((flags & 0x1) ? 4 : 2);
        if (flags & 0x8)
            at += 2;
        else if (flags & 0x40)
            at += 4;
        else if (flags & 0x80)
            at += 8;
        if (!(flags & 0x20))
            break;
    }
    return true;
}

typedef struct marking {
    const ttf_face *f;
    int32_t *new_of;   /* old glyph -> new glyph, -1 when not kept */
    const unsigned char *glyph;
    uint32_t *stack;
    size_t depth;
} marking;

static void mark(marking *m, unsigned gid)
{
    if (gid < m->f->num_glyphs && m->new_of[gid] < 0) {
        m->new_of[gid] = 0;  /* kept; numbered later */
        m->stack[m->depth++] = gid;
    }
}

static void mark_component(size_t at, void *ctx)
{
    marking *m = ctx;
    mark(m, u16(m->glyph + at));
}

typedef struct renumber {
    strbuf *sb;
    size_t base;
    const int32_t *new_of;
    unsigned num_glyphs;
} renumber;

static void renumber_component(size_t at, void *ctx)
{
    renumber *r = ctx;
    unsigned old = u16((const unsigned char *)r->sb->data + r->base + at);
    set16(r->sb, r->base + at, old < r->num_glyphs && r->new_of[old] > 0 ? (unsigned)r->new_of[old] : 0);
}

static uint32_t checksum(const char *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned char b[4] = {0};
        memcpy(b, p + i, len - i < 4 ? len - i : 4);
        sum += u32(b);
    }
    return sum;
}

enum { T_OS2, T_CMAP, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME, T_POST, T_COUNT };

/* Marks .notdef, the glyphs of cps[0..n) and the components of every composite among them, then
 * numbers the kept glyphs in order into new_of (-1: dropped). Returns how many are kept. */
static unsigned mark_glyphs(const ttf_face *f, const uint32_t *cps, size_t n, int32_t *new_of)
{
    uint32_t *stack = xreallocarray(NULL, (size_t)f->num_glyphs + 1, sizeof *stack);
    for (unsigned g = 0; g < f->num_glyphs; g++)
        new_of[g] = -1;
    marking m = {f, new_of, NULL, stack, 0};
    mark(&m, 0);
    for (size_t i = 0; i < n; i++)
        if (cps[i] < f->cp_limit && f->gid_of[cps[i]])
            mark(&m, f->gid_of[cps[i]]);
    while (m.depth) {  /* accents are composites: keep what they are built from */
        unsigned g = stack[--m.depth];
        m.glyph = f->glyf + f->loca[g];
        for_components(m.glyph, f->loca[g + 1] - f->loca[g], mark_component, &m);
    }
    unsigned kept = 0;
    for (unsigned g = 0; g < f->num_glyphs; g++)
        if (new_of[g] >= 0)
            new_of[g] = (int32_t)kept++;
    free(stack);
    return kept;
}

/* glyf, loca, hmtx: the kept glyphs, their components renumbered. */
static void glyph_tables(const ttf_face *f, const int32_t *new_of, strbuf *t)
{
    for (unsigned g = 0; g < f->num_glyphs; g++) {
        if (new_of[g] < 0)
            continue;
        put32(&t[T_LOCA], (uint32_t)t[T_GLYF].len);
        size_t base = t[T_GLYF].len, glen = f->loca[g + 1] - f->loca[g];
        sb_append(&t[T_GLYF], (const char *)f->glyf + f->loca[g], glen);
        renumber r = {&t[T_GLYF], base, new_of, f->num_glyphs};
        for_components((const unsigned char *)t[T_GLYF].data + base, glen, renumber_component, &r);
        pad4(&t[T_GLYF]);
        put16(&t[T_HMTX], f->advance[g]);
        put16(&t[T_HMTX], (uint16_t)f->lsb[g]);
    }
    put32(&t[T_LOCA], (uint32_t)t[T_GLYF].len);
    if (!t[T_GLYF].len)
        put32(&t[T_GLYF], 0);
}

/* cmap (format 4 for platform 3, encoding 1): runs where code point and glyph both go up by one
 * share a segment. */
static void cmap_table(const ttf_face *f, const uint32_t *cps, size_t n, const int32_t *new_of,
                       strbuf *c)
{
    enum { MAX_SEGS = 2048 };  /* more than the code points of a document's 16 encodings */
    uint32_t seg_start[MAX_SEGS], seg_end[MAX_SEGS], seg_gid[MAX_SEGS];
    unsigned segs = 0;
    uint32_t last = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (cp >= f->cp_limit || !f->gid_of[cp] || (i && cp <= last))
            continue;
        last = cp;
        uint32_t gid = (uint32_t)new_of[f->gid_of[cp]];
        if (segs && cp == seg_end[segs - 1] + 1 &&
            gid == seg_gid[segs - 1] + (cp - seg_start[segs - 1]))
            seg_end[segs - 1] = cp;
        else if (segs < MAX_SEGS - 1) {
            seg_start[segs] = seg_end[segs] = cp;
            seg_gid[segs++] = gid;
        }
    }
    seg_start[segs] = seg_end[segs] = 0xFFFF;
    seg_gid[segs++] = 0;  /* the closing segment maps 0xFFFF to .notdef */
    unsigned range = 1, selector = 0;
    while (range * 2 <= segs) {
        range *= 2;
        selector++;
    }
    put16(c, 0);
    put16(c, 1);
    put16(c, 3);
    put16(c, 1);
    put32(c, 12);
    put16(c, 4);
    put16(c, 16 + 8 * segs);
    put16(c, 0);
    put16(c, 2 * segs);
    put16(c, 2 * range);
    put16(c, selector);
    put16(c, 2 * segs - 2 * range);
    for (unsigned s = 0; s < segs; s++)
        put16(c, seg_end[s]);
    put16(c, 0);
    for (unsigned s = 0; s < segs; s++)
        put16(c, seg_start[s]);
    for (unsigned s = 0; s < segs; s++)
        put16(c, s + 1 < segs ? (seg_gid[s] - seg_start[s]) & 0xFFFF : 1);
    for (unsigned s = 0; s < segs; s++)
        put16(c, 0);
}

/* The small tables, copied with their counts made right. */
static void small_tables(const ttf_face *f, unsigned kept, strbuf *t)
{
    sb_append(&t[T_HEAD], (const char *)f->head, 54);
    memset(t[T_HEAD].data + 8, 0, 4);  /* checkSumAdjustment: libharu computes it */
    set16(&t[T_HEAD], 50, 1);          /* long loca */
    sb_append(&t[T_HHEA], (const char *)f->hhea, 36);
    set16(&t[T_HHEA], 34, kept);
    sb_append(&t[T_MAXP], (const char *)f->maxp, 32);
    set16(&t[T_MAXP], 4, kept);
    sb_append(&t[T_POST], (const char *)f->post, 32);
    memcpy(t[T_POST].data, "\0\3\0\0", 4);  /* format 3: no glyph names */
    sb_append(&t[T_OS2], (const char *)f->os2, f->os2_len);
    sb_append(&t[T_NAME], f->names.data, f->names.len);
}

void ttf_subset(const ttf_face *f, const uint32_t *cps, size_t n, strbuf *out)
{
    int32_t *new_of = xreallocarray(NULL, f->num_glyphs, sizeof *new_of);
    unsigned kept = mark_glyphs(f, cps, n, new_of);
    strbuf t[T_COUNT] = {{0}};
    static const char tags[T_COUNT][5] = {"OS/2", "cmap", "glyf", "head", "hhea",
                                          "hmtx", "loca", "maxp", "name", "post"};
    glyph_tables(f, new_of, t);
    cmap_table(f, cps, n, new_of, &t[T_CMAP]);
    small_tables(f, kept, t);

    /* the file: offset table, table records, tables on four-byte boundaries */
    put32(out, 0x00010000);
    put16(out, T_COUNT);
    put16(out, 128);
    put16(out, 3);
    put16(out, T_COUNT * 16 - 128);
    size_t offset = 12 + 16 * T_COUNT;
    for (int i = 0; i < T_COUNT; i++) {
        sb_append(out, tags[i], 4);
        put32(out, checksum(t[i].data, t[i].len));
        put32(out, (uint32_t)offset);
        put32(out, (uint32_t)t[i].len);
        offset += (t[i].len + 3) & ~(size_t)3;
    }
    for (int i = 0; i < T_COUNT; i++) {
        sb_append(out, t[i].data, t[i].len);
        pad4(out);
        sb_free(&t[i]);
    }
    free(new_of);
}
