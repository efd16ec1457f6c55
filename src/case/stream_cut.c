/* stream_cut.c: see stream_cut.h.
 *
 * The file is seen through a window buf[pos..len) refilled in chunks; while a case is being
 * cut, the bytes consumed since rec_from are copied into its text whenever the window moves
 * and when the case ends, so the hot path (text between tags) is one memchr per run of text. */
#define _GNU_SOURCE /* memmem */
#include "case/stream_cut.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case/rules.h"
#include "case/xml.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#define CHUNK (1u << 16)

struct stream_cut {
    FILE *f;
    char buf[CHUNK];
    size_t pos, len;
    bool eof;
    int read_errno;       /* non-zero: reading failed */
    int line;             /* line of buf[pos] */
    bool prev_cr;         /* the last byte consumed was "\r" ("\r\n" is one line) */
    bool recording;
    size_t rec_from;
    size_t case_bytes;
    bool too_big;
    strbuf text;
    char decl[96];        /* the XML declaration put before each case (non-UTF-8 streams) */
    bool root_closed, after_end_said, end_said;
    int root_end_line;
};

/* Copies the bytes consumed since rec_from into the case's text (or only counts them once the
 * case is over the limit). */
static void flush_recording(stream_cut *s)
{
    if (!s->recording)
        return;
    size_t n = s->pos - s->rec_from;
    s->case_bytes += n;
    if (!s->too_big && s->case_bytes > XML_MAX_CASE_BYTES) {
        s->too_big = true;
        sb_free(&s->text);
    }
    if (!s->too_big)
        sb_append(&s->text, s->buf + s->rec_from, n);
    s->rec_from = s->pos;
}

/* Makes at least need bytes visible from pos, unless the file ends first. Returns how many are. */
static size_t fill(stream_cut *s, size_t need)
{
    if (s->len - s->pos >= need || s->eof)
        return s->len - s->pos;
    flush_recording(s);
    memmove(s->buf, s->buf + s->pos, s->len - s->pos);
    s->len -= s->pos;
    s->pos = s->rec_from = 0;
    while (s->len < need && !s->eof) {
        size_t n = fread(s->buf + s->len, 1, sizeof s->buf - s->len, s->f);
        s->len += n;
        if (n == 0) {
            s->eof = true;
            if (ferror(s->f))
                s->read_errno = errno ? errno : EIO;
        }
    }
    return s->len - s->pos;
}

static void consume(stream_cut *s, size_t n)
{
    for (const char *p = s->buf + s->pos, *end = p + n; p < end; p++) {
        if (*p == '\n') {
            s->line += !s->prev_cr;
            s->prev_cr = false;
        } else if (*p == '\r') {
            s->line++;
            s->prev_cr = true;
        } else {
            s->prev_cr = false;
        }
    }
    s->pos += n;
}

static bool at(stream_cut *s, const char *lit)
{
    size_t n = strlen(lit);
    return fill(s, n) >= n && memcmp(s->buf + s->pos, lit, n) == 0;
}

static int peek(stream_cut *s, size_t k)
{
    return fill(s, k + 1) > k ? (unsigned char)s->buf[s->pos + k] : -1;
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* name at pos+off, followed by a space, ">" or "/": "<case" but not "<cases" or "<case-id". */
static bool name_at(stream_cut *s, size_t off, const char *name)
{
    size_t n = strlen(name);
    if (fill(s, off + n + 1) < off + n + 1 || memcmp(s->buf + s->pos + off, name, n) != 0)
        return false;
    int c = (unsigned char)s->buf[s->pos + off + n];
    return is_space(c) || c == '>' || c == '/';
}

static bool name_char(int c)
{
    return c > 0x7F || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == ':';
}

static void read_name(stream_cut *s, size_t off, char *out, size_t size)
{
    size_t n = 0;
    int c;
    while ((c = peek(s, off + n)) >= 0 && name_char(c) && n + 1 < size) {
        out[n] = (char)c;
        n++;
    }
    out[n] = '\0';
}

/* Consumes up to and including lit; false when the file ends first (everything consumed). */
static bool skip_past(stream_cut *s, const char *lit)
{
    size_t n = strlen(lit);
    for (;;) {
        size_t have = fill(s, n);
        const char *hit = memmem(s->buf + s->pos, have, lit, n);
        if (hit) {
            consume(s, (size_t)(hit - (s->buf + s->pos)) + n);
            return true;
        }
        if (s->eof) {
            consume(s, have);
            return false;
        }
        consume(s, have - (n - 1)); /* keep a partial match for the next chunk */
    }
}

/* Consumes text up to the next "<"; false at the end of the file. */
static bool skip_to_tag(stream_cut *s)
{
    for (;;) {
        size_t have = fill(s, 1);
        if (!have)
            return false;
        const char *lt = memchr(s->buf + s->pos, '<', have);
        if (lt) {
            consume(s, (size_t)(lt - (s->buf + s->pos)));
            return true;
        }
        consume(s, have);
    }
}

/* Consumes a tag from its "<" to its ">", stepping over quoted values. A "<" outside a quoted
 * value (never allowed in a tag) ends a broken tag, unconsumed. Inside one it is not allowed
 * either, but "a <case x>" in a value must not cut the stream; a quote left open is told by a
 * line end before the "<", or by "</case" at it: the tag ends there, so a missing quote costs
 * one case, not the rest of the file. True when the tag ended with "/>". */
static bool skip_tag(stream_cut *s)
{
    consume(s, 1);
    int quote = 0, last = 0, c;
    bool quote_line_end = false;
    while ((c = peek(s, 0)) >= 0) {
        if (c == '<' && (!quote || quote_line_end || (peek(s, 1) == '/' && name_at(s, 2, "case"))))
            return false;
        consume(s, 1);
        if (quote) {
            quote = c == quote ? 0 : quote;
            quote_line_end |= c == '\n' || c == '\r';
        } else if (c == '"' || c == '\'') {
            quote = c;
            quote_line_end = false;
        } else if (c == '>') {
            return last == '/';
        } else if (!is_space(c)) {
            last = c;
        }
    }
    return false;
}

/* Comments, CDATA sections, processing instructions and declarations: skipped whole, so a
 * "<case" inside them is not a boundary. False when pos is not at one. */
static bool skip_special(stream_cut *s)
{
    if (at(s, "<!--"))
        skip_past(s, "-->");
    else if (at(s, "<![CDATA["))
        skip_past(s, "]]>");
    else if (at(s, "<?"))
        skip_past(s, "?>");
    else if (at(s, "<!"))
        skip_past(s, ">");
    else
        return false;
    return true;
}

/* The id attribute of a start tag (text[0..len)), when it is a valid case id. */
static char *start_tag_id(const char *text, size_t len)
{
    const char *p = memchr(text, '<', len), *end = text + len;
    if (!p)
        return NULL;
    for (p++; p < end && name_char((unsigned char)*p); p++)
        ;
    while (p < end && *p != '>' && *p != '<') {
        while (p < end && (is_space(*p) || *p == '/'))
            p++;
        const char *name = p;
        while (p < end && name_char((unsigned char)*p))
            p++;
        size_t name_len = (size_t)(p - name);
        while (p < end && is_space(*p))
            p++;
        if (name_len == 0 || p >= end || *p != '=')
            return NULL;
        for (p++; p < end && is_space(*p); p++)
            ;
        if (p >= end || (*p != '"' && *p != '\''))
            return NULL;
        const char *v = ++p, *q = memchr(v, p[-1], (size_t)(end - v));
        if (!q)
            return NULL;
        if (name_len == 2 && memcmp(name, "id", 2) == 0 && q - v < 64) {
            char id[64];
            memcpy(id, v, (size_t)(q - v));
            id[q - v] = '\0';
            return case_id_valid(id) ? xstrdup(id) : NULL;
        }
        p = q + 1;
    }
    return NULL;
}

/* Cuts the case whose "<case" is at pos. */
static void cut_case(stream_cut *s, cut_piece *p)
{
    p->line = s->line;
    sb_reset(&s->text);
    sb_puts(&s->text, s->decl);
    s->recording = true;
    s->rec_from = s->pos;
    s->case_bytes = 0;
    s->too_big = false;
    bool closed = skip_tag(s);
    flush_recording(s);
    if (!s->too_big)
        p->id = start_tag_id(s->text.data, s->text.len);
    p->ended_by = END_FILE;
    while (!closed && skip_to_tag(s)) {
        if (skip_special(s))
            continue;
        if (name_at(s, 2, "case") && peek(s, 1) == '/') {
            skip_tag(s);
            closed = true;
        } else if (name_at(s, 2, "cases") && peek(s, 1) == '/') {
            p->ended_by = END_ROOT;
            break;
        } else if (name_at(s, 1, "case")) {
            p->ended_by = END_NEXT_CASE;
            break;
        } else if (name_char(peek(s, 1)) || peek(s, 1) == '/') {
            skip_tag(s);
        } else {
            consume(s, 1); /* a "<" in text: the loader will say so */
        }
    }
    flush_recording(s);
    s->recording = false;
    p->end_line = s->line;
    p->kind = s->too_big ? CUT_TOO_BIG : closed ? CUT_CASE : CUT_UNCLOSED;
    if (!s->too_big) {
        p->len = s->text.len;
        p->text = sb_take(&s->text);
    }
    sb_free(&s->text);
}

/* Skips an element under <cases> that is not a case, with its content, up to its end tag or a
 * "<case" start, whichever comes first. */
static void skip_element(stream_cut *s)
{
    int depth = skip_tag(s) ? 0 : 1;
    while (depth > 0 && skip_to_tag(s)) {
        if (skip_special(s))
            continue;
        bool end = peek(s, 1) == '/';
        if (name_at(s, 1, "case") || (end && name_at(s, 2, "cases")))
            return;
        if (!end && !name_char(peek(s, 1))) {
            consume(s, 1);
            continue;
        }
        bool empty = skip_tag(s);
        depth += end ? -1 : empty ? 0 : 1;
    }
}

int stream_cut_next(stream_cut *s, cut_piece *p)
{
    memset(p, 0, sizeof *p);
    for (;;) {
        if (!skip_to_tag(s)) {
            if (s->read_errno) {
                errno = s->read_errno;
                return -1;
            }
            if (s->root_closed || s->end_said)
                return 0;
            s->end_said = true;
            p->kind = CUT_NO_END;
            p->line = s->line;
            return 1;
        }
        if (skip_special(s))
            continue;
        bool end_tag = peek(s, 1) == '/';
        if (!end_tag && !name_char(peek(s, 1))) {
            consume(s, 1);
            continue;
        }
        if (end_tag && name_at(s, 2, "cases") && !s->root_closed) {
            s->root_closed = true;
            s->root_end_line = s->line;
            skip_tag(s);
            continue;
        }
        if (s->root_closed && !s->after_end_said) {
            s->after_end_said = true;
            p->kind = CUT_AFTER_END;
            p->line = s->line;
            p->end_line = s->root_end_line;
            return 1;
        }
        if (!end_tag && name_at(s, 1, "case")) {
            cut_case(s, p);
            return 1;
        }
        p->line = s->line;
        read_name(s, end_tag ? 2 : 1, p->name, sizeof p->name);
        p->kind = end_tag ? CUT_STRAY_END : CUT_NOT_CASE;
        if (end_tag)
            skip_tag(s);
        else
            skip_element(s);
        return 1;
    }
}

/* The encoding an XML declaration names ("" when none): a stream in another encoding than
 * UTF-8 has it repeated before each case, so the loader decodes the case as the file says. */
static void note_encoding(stream_cut *s, const char *decl, size_t len)
{
    const char *e = memmem(decl, len, "encoding", 8);
    if (!e)
        return;
    const char *end = decl + len, *p = e + 8;
    while (p < end && (is_space(*p) || *p == '='))
        p++;
    if (p >= end || (*p != '"' && *p != '\''))
        return;
    const char *v = p + 1, *q = memchr(v, *p, (size_t)(end - v));
    if (!q || q - v > 40)
        return;
    char enc[48];
    snprintf(enc, sizeof enc, "%.*s", (int)(q - v), v);
    if (strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0)
        snprintf(s->decl, sizeof s->decl, "<?xml version=\"1.0\" encoding=\"%s\"?>", enc);
}

stream_cut *stream_cut_open(const char *path)
{
    stream_cut *s = xcalloc(1, sizeof *s);
    s->f = fopen(path, "rb");
    if (!s->f) {
        free(s);
        return NULL;
    }
    s->line = 1;
    if (at(s, "\xEF\xBB\xBF"))
        s->pos += 3;
    for (;;) {
        while (peek(s, 0) >= 0 && is_space(peek(s, 0)))
            consume(s, 1);
        if (at(s, "<?xml") && is_space(peek(s, 5))) {
            fill(s, 256);
            size_t have = s->len - s->pos;
            const char *q = memmem(s->buf + s->pos, have, "?>", 2);
            if (q)
                note_encoding(s, s->buf + s->pos, (size_t)(q - (s->buf + s->pos)));
            skip_past(s, "?>");
        } else if (at(s, "<?") || at(s, "<!--")) {
            skip_special(s);
        } else {
            break;
        }
    }
    if (!name_at(s, 1, "cases") || peek(s, 0) != '<') {
        stream_cut_close(s);
        return NULL;
    }
    s->root_closed = skip_tag(s); /* <cases/>: an empty stream */
    return s;
}

void stream_cut_close(stream_cut *s)
{
    if (!s)
        return;
    fclose(s->f);
    sb_free(&s->text);
    free(s);
}
