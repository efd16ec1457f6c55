/* pdf_xref.c: libharu's cross-reference table replaced by object streams and a cross-reference
 * stream (see pdf_xref.h). libharu's end is fixed text: "xref\n0 N\n", N entries of 20 bytes
 * ("oooooooooo ggggg n\r\n"), "trailer\n<< ... >>\nstartxref\nX\n%%EOF\n"; anything else is
 * refused rather than guessed at. */
#include "pdf/pdf_xref.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/deflate.h"
#include "core/xalloc.h"

enum { OBJSTM_MAX = 256 };  /* objects per object stream: a reader inflates one to read one */
enum { ENTRY = 7 };         /* /W [1 4 2]: type, offset or stream, generation or index */

typedef struct libharu_end {
    size_t xref_at;      /* where "xref" starts: everything after is replaced */
    unsigned size;       /* its /Size */
    const unsigned char *entries;
    unsigned info;       /* the /Info object's number (0: none) */
} libharu_end;

static unsigned read_uint(const unsigned char *p, const unsigned char *end, const unsigned char **next)
{
    unsigned long v = 0;
    while (p < end && *p >= '0' && *p <= '9' && v < 0xFFFFFFFFul)
        v = v * 10 + (unsigned)(*p++ - '0');
    *next = p;
    return (unsigned)v;
}

static const unsigned char *find(const unsigned char *from, const unsigned char *end, const char *s)
{
    size_t n = strlen(s);
    for (const unsigned char *p = from; p + n <= end; p++)
        if (memcmp(p, s, n) == 0)
            return p;
    return NULL;
}

static int parse_end(const unsigned char *pdf, size_t len, libharu_end *e)
{
    const unsigned char *end = pdf + len, *p = len > 64 ? end - 64 : pdf, *q;
    const unsigned char *sx = find(p, end, "startxref\n");
    if (!sx)
        return -1;
    size_t at = read_uint(sx + 10, end, &q);
    if (at >= len || len - at < 10 || memcmp(pdf + at, "xref\n0 ", 7) != 0)
        return -1;
    unsigned size = read_uint(pdf + at + 7, end, &q);
    if (size == 0 || q >= end || *q != '\n' || (size_t)(end - q - 1) / 20 < size)
        return -1;
    e->xref_at = at;
    e->size = size;
    e->entries = q + 1;
    const unsigned char *trailer = e->entries + (size_t)size * 20, *info = find(trailer, end, "/Info ");
    e->info = info ? read_uint(info + 6, end, &q) : 0;
    return memcmp(trailer, "trailer", 7) == 0 ? 0 : -1;
}

unsigned pdf_xref_size(const unsigned char *pdf, size_t len)
{
    libharu_end e;
    return parse_end(pdf, len, &e) == 0 ? e.size : 0;
}

void pdf_objects_begin(pdf_objects *o, unsigned num)
{
    if (o->n == o->cap) {
        size_t cap = o->cap;
        o->num = xgrow(o->num, &cap, o->n + 1, sizeof *o->num);
        o->at = xgrow(o->at, &o->cap, o->n + 1, sizeof *o->at);
    }
    o->num[o->n] = num;
    o->at[o->n++] = o->body.len;
    if (o->body.len)
        sb_putc(&o->body, '\n');
}

void pdf_objects_free(pdf_objects *o)
{
    sb_free(&o->body);
    free(o->num);
    free(o->at);
    memset(o, 0, sizeof *o);
}

static void put_uint(strbuf *out, size_t v)
{
    char buf[24], *p = buf + sizeof buf;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sb_append(out, p, (size_t)(buf + sizeof buf - p));
}

static void set_entry(unsigned char *x, unsigned type, uint32_t f2, unsigned f3)
{
    x[0] = (unsigned char)type;
    for (int i = 0; i < 4; i++)
        x[1 + i] = (unsigned char)(f2 >> (24 - 8 * i));
    x[5] = (unsigned char)(f3 >> 8);
    x[6] = (unsigned char)f3;
}

/* A stream object: its dictionary's entries (without /Length), then data[0..n) deflated. */
static int put_stream(strbuf *out, unsigned num, const char *dict, const unsigned char *data,
                      size_t n)
{
    size_t cap = pb_deflate_bound(n);
    unsigned char *z = xmalloc(cap);
    size_t len = pb_deflate(PB_DEFLATE_FAST, data, n, z, cap);
    if (!len) {
        free(z);
        return -1;
    }
    put_uint(out, num);
    sb_puts(out, " 0 obj\n<<");
    sb_puts(out, dict);
    sb_puts(out, "/Filter/FlateDecode/Length ");
    put_uint(out, len);
    sb_puts(out, ">>stream\n");
    sb_append(out, (const char *)z, len);
    sb_puts(out, "\nendstream\nendobj\n");
    free(z);
    return 0;
}

/* o's objects [from, to) as object stream num: their numbers and offsets, then their text. */
static int put_object_stream(strbuf *out, const pdf_objects *o, size_t from, size_t to,
                             unsigned num, strbuf *scratch)
{
    sb_reset(scratch);
    size_t base = o->at[from], end = to < o->n ? o->at[to] : o->body.len;
    for (size_t i = from; i < to; i++) {
        put_uint(scratch, o->num[i]);
        sb_putc(scratch, ' ');
        put_uint(scratch, o->at[i] - base);
        sb_putc(scratch, ' ');
    }
    size_t first = scratch->len;
    sb_append(scratch, o->body.data + base, end - base);
    strbuf d = {0};
    sb_puts(&d, "/Type/ObjStm/N ");
    put_uint(&d, to - from);
    sb_puts(&d, "/First ");
    put_uint(&d, first);
    int rc = put_stream(out, num, sb_str(&d), (const unsigned char *)scratch->data, scratch->len);
    sb_free(&d);
    return rc;
}

int pdf_xref_rewrite(unsigned char **pdf, size_t *len, const pdf_objects *o, unsigned first_stm,
                     const char *plain, size_t plain_len, unsigned plain_num, unsigned xref_num,
                     unsigned root)
{
    libharu_end e;
    if (parse_end(*pdf, *len, &e) != 0 || e.size > first_stm)
        return -1;
    size_t streams = (o->n + OBJSTM_MAX - 1) / OBJSTM_MAX, total = first_stm + streams;
    unsigned char *x = xcalloc(total, ENTRY);  /* type 0 (free) unless set */
    for (unsigned i = 1; i < e.size; i++) {
        const unsigned char *q, *entry = e.entries + (size_t)i * 20;
        set_entry(x + (size_t)i * ENTRY, 1, read_uint(entry, entry + 10, &q), 0);
    }
    set_entry(x, 0, 0, 0xFFFF);
    strbuf out = {0}, scratch = {0};
    sb_reserve(&out, e.xref_at + plain_len + o->body.len + total * ENTRY + 1024);  /* one copy */
    sb_append(&out, (const char *)*pdf, e.xref_at);
    set_entry(x + (size_t)plain_num * ENTRY, 1, (uint32_t)out.len, 0);
    put_uint(&out, plain_num);
    sb_puts(&out, " 0 obj\n");
    sb_append(&out, plain, plain_len);
    sb_puts(&out, "\nendobj\n");
    int rc = 0;
    for (size_t s = 0; s < streams && rc == 0; s++) {
        size_t from = s * OBJSTM_MAX, to = from + OBJSTM_MAX < o->n ? from + OBJSTM_MAX : o->n;
        unsigned num = first_stm + (unsigned)s;
        set_entry(x + (size_t)num * ENTRY, 1, (uint32_t)out.len, 0);
        for (size_t i = from; i < to; i++)
            set_entry(x + (size_t)o->num[i] * ENTRY, 2, num, (unsigned)(i - from));
        rc = put_object_stream(&out, o, from, to, num, &scratch);
    }
    size_t xref_at = out.len;
    set_entry(x + (size_t)xref_num * ENTRY, 1, (uint32_t)xref_at, 0);
    strbuf d = {0};
    sb_puts(&d, "/Type/XRef/Size ");
    put_uint(&d, total);
    sb_puts(&d, "/W[1 4 2]/Root ");
    put_uint(&d, root);
    sb_puts(&d, " 0 R");
    if (e.info) {
        sb_puts(&d, "/Info ");
        put_uint(&d, e.info);
        sb_puts(&d, " 0 R");
    }
    if (rc == 0)
        rc = put_stream(&out, xref_num, sb_str(&d), x, total * ENTRY);
    sb_puts(&out, "startxref\n");
    put_uint(&out, xref_at);
    sb_puts(&out, "\n%%EOF\n");
    sb_free(&d);
    sb_free(&scratch);
    free(x);
    if (rc != 0) {
        sb_free(&out);
        return -1;
    }
    free(*pdf);
    *len = out.len;
    *pdf = (unsigned char *)sb_take(&out);
    return 0;
}
