/* strbuf.h: a growable byte buffer, always NUL-terminated. Allocation failure aborts: pbdocs
 * has no useful way to go on without memory, and checking every append would hide the logic. */
#ifndef PBDOCS_STRBUF_H
#define PBDOCS_STRBUF_H
#include <stddef.h>
#include <string.h>

typedef struct strbuf {
    char *data;  /* NULL until the first append */
    size_t len, cap;
} strbuf;

void sb_append(strbuf *sb, const char *s, size_t n);
/* A C string: inline, so a literal's length is known when compiling. */
static inline void sb_puts(strbuf *sb, const char *s) { sb_append(sb, s, strlen(s)); }
/* Makes room for extra more bytes and the NUL. */
void sb_reserve(strbuf *sb, size_t extra);
/* One byte: inline, as the PDF writer appends a page's text a byte at a time. */
static inline void sb_putc(strbuf *sb, char c)
{
    if (!sb->data || sb->len + 2 > sb->cap)
        sb_reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(const strbuf *sb);  /* "" when empty */
char *sb_take(strbuf *sb);             /* hands the string over (never NULL); sb is reset */
void sb_reset(strbuf *sb);             /* keeps the memory, length 0 */
void sb_free(strbuf *sb);
#endif
