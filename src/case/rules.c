/* rules.c: value rules for case data; see rules.h. */
#include "case/rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "fonts/charset.h"
#include "fonts/extra_font.h"

bool case_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64 || !isalnum((unsigned char)id[0]))
        return false;
    for (size_t i = 1; i < n; i++) {
        unsigned char ch = (unsigned char)id[i];
        if (!(isalnum(ch) || ch == '.' || ch == '_' || ch == '-'))
            return false;
        if (ch >= 0x80)
            return false;
    }
    return (unsigned char)id[0] < 0x80;
}

bool postcode_normalise(const char *s, char out[9])
{
    char c[8];
    size_t n = 0, spaces = 0;
    for (const char *p = s; *p; p++) {
        if (*p == ' ') {
            if (++spaces > 1 || n == 0)
                return false;
            continue;
        }
        if (n == 7 || !isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
            return false;
        c[n++] = (char)toupper((unsigned char)*p);
    }
    if (n < 5)
        return false;
    /* The inward code: digit and two letters, never C I K M O V. */
    const char *in = c + n - 3;
    if (!isdigit((unsigned char)in[0]) || !isalpha((unsigned char)in[1]) ||
        !isalpha((unsigned char)in[2]) || strchr("CIKMOV", in[1]) || strchr("CIKMOV", in[2]))
        return false;
    size_t on = n - 3;
    const char *o = c;
    bool ok;
    if (on == 3 && memcmp(c, "GIR", 3) == 0 && memcmp(in, "0AA", 3) == 0) {
        ok = true;
    } else {
        /* Outward: A9, A99, A9A, AA9, AA99, AA9A. */
        #define L(i) isalpha((unsigned char)o[i])
        #define D(i) isdigit((unsigned char)o[i])
        ok = (on == 2 && L(0) && D(1)) ||
             (on == 3 && L(0) && D(1) && (D(2) || L(2))) ||
             (on == 3 && L(0) && L(1) && D(2)) ||
             (on == 4 && L(0) && L(1) && D(2) && (D(3) || L(3)));
        #undef L
        #undef D
        /* First letter never Q V X; second never I J Z. */
        if (ok && strchr("QVX", o[0]))
            ok = false;
        if (ok && on >= 3 && isalpha((unsigned char)o[1]) && strchr("IJZ", o[1]))
            ok = false;
        /* The letter ending an A9A outward code is one of ABCDEFGHJKPSTUW; of AA9A, ABEHMNPRVWXY. */
        if (ok && on == 3 && isalpha((unsigned char)o[2]) && !strchr("ABCDEFGHJKPSTUW", o[2]))
            ok = false;
        if (ok && on == 4 && isalpha((unsigned char)o[3]) && !strchr("ABEHMNPRVWXY", o[3]))
            ok = false;
    }
    if (!ok)
        return false;
    memcpy(out, c, on);
    out[on] = ' ';
    memcpy(out + on + 1, in, 3);
    out[on + 4] = '\0';
    return true;
}

int32_t text_unprintable(const char *s, bool allow_newlines)
{
    return text_unprintable_extra(s, allow_newlines, NULL);
}

int32_t text_unprintable_extra(const char *s, bool allow_newlines, const pb_extra_font *x)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        int32_t cp = utf8_next(s, n, &i);
        if (cp < 0)
            return -1;
        if (cp == '\n' || cp == '\t' || cp == '\r') {
            if (!allow_newlines)
                return cp;
            continue;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return cp;
        if (!fonts_can_show((uint32_t)cp) && !extra_font_has(x, (uint32_t)cp))
            return cp;
    }
    return 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *text_plain(const char *s)
{
    strbuf sb = {0};
    bool pending = false;
    for (const char *p = s; *p; p++) {
        if (is_space(*p)) {
            pending = sb.len > 0;
            continue;
        }
        if (pending)
            sb_putc(&sb, ' ');
        pending = false;
        sb_putc(&sb, *p);
    }
    return sb_take(&sb);
}

char *text_markdown(const char *s)
{
    /* Text that starts on the tag's own line ("<reason>First...") has no indentation there:
     * that line does not count towards the shared indentation, and its leading blanks go. */
    bool first_inline = *s && *s != '\n' && *s != '\r';
    size_t common = (size_t)-1;
    bool first = true;
    for (const char *p = s; *p; first = false) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t ind = 0;
        while (ind < len && (p[ind] == ' ' || p[ind] == '\t'))
            ind++;
        bool blank = ind == len || (ind + 1 == len && p[ind] == '\r');
        if (!blank && !(first && first_inline) && ind < common)
            common = ind;
        p += len + (end ? 1 : 0);
    }
    if (common == (size_t)-1)
        common = 0;
    strbuf sb = {0};
    first = true;
    for (const char *p = s; *p; first = false) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t limit = first && first_inline ? len : common, skip = 0;
        while (skip < limit && skip < len && (p[skip] == ' ' || p[skip] == '\t'))
            skip++;
        size_t keep = len - skip;
        while (keep && p[skip + keep - 1] == '\r')
            keep--;
        sb_append(&sb, p + skip, keep);
        sb_putc(&sb, '\n');
        p += len + (end ? 1 : 0);
    }
    /* Blank lines at either end go; the first kept line keeps its own indentation. */
    char *out = sb_take(&sb);
    size_t start = 0, n = strlen(out);
    while (start < n && is_space(out[start]))
        start++;
    while (start > 0 && out[start - 1] != '\n')
        start--;
    while (n > start && is_space(out[n - 1]))
        n--;
    memmove(out, out + start, n - start);
    out[n - start] = '\0';
    return out;
}
