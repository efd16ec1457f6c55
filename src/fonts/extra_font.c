/* extra_font.c: a council's extra font (see extra_font.h): read and parsed once, its metrics
 * for the PDF's font descriptor read from its own tables (libharu never loads it). */
#include "fonts/extra_font.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "fonts/unicode_name.h"

static unsigned u16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static int s16(const unsigned char *p) { return (int16_t)u16(p); }

/* Font units to 1/1000 em, as libharu scales widths (truncating). */
static int em(const pb_extra_font *x, int v) { return v * 1000 / (int)x->units_per_em; }

/* The PostScript name (name id 6) from the kept name records, letters and digits only. */
static void postscript_name(const pb_extra_font *x, char *out, size_t size)
{
    const unsigned char *t = (const unsigned char *)x->ttf.names.data;
    size_t len = x->ttf.names.len, n = 0;
    unsigned count = len >= 6 ? u16(t + 2) : 0, strings = len >= 6 ? u16(t + 4) : 0;
    for (unsigned i = 0; i < count && 6 + 12 * (size_t)(i + 1) <= len && !n; i++) {
        const unsigned char *r = t + 6 + 12 * i;
        size_t at = (size_t)strings + u16(r + 10), l = u16(r + 8);
        if (u16(r + 6) != 6 || at + l > len)
            continue;
        for (size_t k = 0; k + 1 < l && n + 1 < size; k += 2) {  /* UTF-16BE, ASCII kept */
            unsigned ch = u16(t + at + k);
            if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                ch == '-')
                out[n++] = (char)ch;
        }
    }
    snprintf(out + n, size - n, "%s", n ? "" : "ExtraFont");
}

static void read_info(pb_extra_font *x)
{
    const ttf_face *f = &x->ttf;
    pb_face_info *in = &x->info;
    postscript_name(x, in->name, sizeof in->name);
    in->ascent = em(x, s16(f->hhea + 4));
    in->descent = em(x, s16(f->hhea + 6));
    bool os2_v2 = f->os2_len >= 90 && u16(f->os2) >= 2;
    in->x_height = os2_v2 ? em(x, s16(f->os2 + 86)) : in->ascent / 2;
    in->cap_height = os2_v2 ? em(x, s16(f->os2 + 88)) : in->ascent * 7 / 10;
    in->italic_angle = s16(f->post + 4);  /* the integer part of a 16.16 number */
    in->stemv = 80;
    in->missing_width = em(x, f->advance[0]);
    in->flags = 32 | (in->italic_angle ? 64u : 0);  /* nonsymbolic, italic */
    for (int i = 0; i < 4; i++)
        in->bbox[i] = (float)em(x, s16(f->head + 36 + 2 * i));
}

pb_extra_font *extra_font_open(const char *path, const char *profile, int line, diag_list *errs)
{
    pb_extra_font *x = xcalloc(1, sizeof *x);
    x->path = xstrdup(path);
    const char *slash = strrchr(x->path, '/');
    x->file_name = slash ? slash + 1 : x->path;
    font_file_read(path, &x->bytes, &x->len);
    const char *err = !x->len ? "is missing or unreadable"
                      : x->len < 4 || memcmp(x->bytes, "\0\1\0\0", 4) != 0
                          ? "is not a TrueType font (an OpenType CFF .otf or a .ttc collection "
                            "cannot be used)"
                          : NULL;
    const char *bad = err ? NULL : ttf_parse(&x->ttf, x->bytes, x->len, EXTRA_FONT_LIMIT);
    if (!err && !bad) {
        x->units_per_em = u16(x->ttf.head + 18);
        if (x->units_per_em < 16 || x->units_per_em > 16384)
            bad = "its unitsPerEm is out of range";
    }
    if (err || bad) {
        diag_add_class(errs, DIAG_ENV, profile, line, 0, NULL, "extra-font",
                       "names the font file %s, which %s%s: install it (Debian: fonts-dejavu-core "
                       "has DejaVuSans.ttf), correct the path, or remove <extra-font>",
                       path, err ? err : "cannot be used: ", err ? "" : bad);
        extra_font_close(x);
        return NULL;
    }
    read_info(x);
    return x;
}

void extra_font_close(pb_extra_font *x)
{
    if (!x)
        return;
    ttf_free(&x->ttf);
    free(x->bytes);
    free(x->path);
    free(x);
}

bool extra_font_has_glyph(const pb_extra_font *x, uint32_t cp)
{
    return x && cp < EXTRA_FONT_LIMIT && x->ttf.gid_of[cp] != 0;
}

/* Characters that print as nothing on their own or change their neighbours: combining marks,
 * joiners, direction and other format characters, variation selectors, private use. */
static bool not_a_letter(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x0300 && cp <= 0x036F) ||
           (cp >= 0x1100 && cp <= 0x11FF) /* conjoining Hangul jamo */ ||
           (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xD800 && cp <= 0xF8FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || cp >= 0xFFF0;
}

bool extra_font_has(const pb_extra_font *x, uint32_t cp)
{
    return extra_font_has_glyph(x, cp) && !unicode_needs_shaping(cp) && !not_a_letter(cp);
}

int extra_font_program(const pb_extra_font *x, const uint8_t *used, font_program *out)
{
    uint32_t *cps = xreallocarray(NULL, EXTRA_FONT_LIMIT, sizeof *cps);
    size_t n = 0;
    for (uint32_t cp = 0; cp < EXTRA_FONT_LIMIT; cp++)
        if (used[cp])
            cps[n++] = cp;
    int rc = font_program_make(&x->ttf, cps, n, out);
    free(cps);
    return rc;
}

int extra_font_advance(const pb_extra_font *x, uint32_t cp)
{
    return extra_font_has_glyph(x, cp) ? em(x, x->ttf.advance[x->ttf.gid_of[cp]]) : 0;
}
