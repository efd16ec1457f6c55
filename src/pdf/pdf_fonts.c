/* pdf_fonts.c: the fonts measured through libharu (see pdf_fonts.h): each face is loaded once in
 * a scratch libharu document, and the glyph names libharu will write are checked against the
 * table of printable characters (fonts/charset.c), which does not ask libharu itself. Also the
 * small font tables the PDF writer shares: WinAnsi's symbols and /ToUnicode maps. */
#include "pdf/pdf_fonts.h"

#include <hpdf.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "pdf/hpdf_compat.h"

const char *charset_glyph_name(uint32_t cp, char buf[8])
{
    if (!charset_is_ext(cp))
        return hpdf_glyph_name(cp);
    snprintf(buf, 8, "uni%04X", (unsigned)cp);
    return buf;
}

/* The WinAnsiEncoding code of cp when cp is one of its punctuation marks or symbols (not a
 * letter), else 0: those go in the basic font. */
unsigned winansi_symbol(uint32_t cp)
{
    static const uint16_t high[] = {0x20AC, 0, 0x201A, 0, 0x201E, 0x2026, 0x2020, 0x2021, 0, 0x2030,
                                    0, 0x2039, 0, 0, 0, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D,
                                    0x2022, 0x2013, 0x2014, 0, 0x2122, 0, 0x203A};
    if ((cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7)
        return cp;
    if (cp < 0x2000)
        return 0;
    for (unsigned i = 0; i < sizeof high / sizeof high[0]; i++)
        if (high[i] == cp)
            return 0x80 + i;
    return 0;
}

void to_unicode_cmap(const uint32_t *chars, int n, strbuf *m)
{
    sb_puts(m, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
               "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
               "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
    for (int i = 0; i < n; i++) {
        if (i % 100 == 0)  /* at most 100 entries a block */
            sb_printf(m, "%d beginbfchar\n", n - i < 100 ? n - i : 100);
        sb_printf(m, "<%02X> <%04X>\n", 0x80 + i, (unsigned)chars[i]);
        if (i % 100 == 99 || i == n - 1)
            sb_puts(m, "endbfchar\n");
    }
    sb_puts(m, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* The first printable character whose glyph libharu would name so that a reader takes it for
 * another character, or 0 when there is none. */
static uint32_t misnamed;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void check_names(void)
{
    for (uint32_t cp = 0x21; cp < CHARSET_LIMIT && !misnamed; cp++) {
        bool named = charset_has_glyph(cp) && !charset_is_ext(cp);  /* ext: uniXXXX */
        const char *name = named ? hpdf_glyph_name(cp) : NULL;
        if (named && (!name || hpdf_glyph_unicode(name) != cp))
            misnamed = cp;
    }
}

/* Loads font file index (a face's basic or second subset) in a scratch libharu document:
 * checks it has a glyph for every printable character it is for and keeps the widths libharu
 * will write. */
static bool check_face(pb_fonts *f, int index, diag_list *errs)
{
    int face = index % FACE_COUNT;
    bool ext = index >= FACE_COUNT;
    const pb_font_file *file = &f->file[index];
    bool ok = false;
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    if (!doc) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "out of memory reading the font");
        return false;
    }
    const char *name = HPDF_LoadTTFontFromFile(doc, file->path, HPDF_TRUE);
    HPDF_FontDef def = name ? hpdf_font_def(doc, name) : NULL;
    HPDF_Font font = name ? HPDF_GetFont(doc, name, HPDF_ENCODING_WIN_ANSI) : NULL;
    if (!def || !font) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "not a TrueType font libharu can load (error 0x%04X)",
                       (unsigned)HPDF_GetError(doc));
        goto done;
    }
    unsigned missing = 0, first_missing = 0;
    for (uint32_t cp = 0x20; cp < CHARSET_LIMIT; cp++) {
        if (!charset_has_glyph(cp) || charset_is_ext(cp) != ext)
            continue;
        if (!hpdf_font_def_has_glyph(def, cp) || !f->ttf[index].gid_of[cp]) {
            if (!missing++)
                first_missing = cp;
            HPDF_ResetError(doc);
            continue;
        }
        HPDF_INT w = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
        f->advance[face][cp] = (uint16_t)(w > 0 ? w : 0);
    }
    if (missing) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "the font has no glyph for %u printable characters (first U+%04X): rebuild "
                       "it with src/fonts/subset-fonts", missing, first_missing);
        goto done;
    }
    if (!ext)
        f->advance[face][0xA0] = f->advance[face][' '];  /* no-break space: a space */
    hpdf_face_info(def, &f->info[index]);
    if (index == FACE_REGULAR) {
        f->ascent = HPDF_Font_GetAscent(font);
        f->descent = HPDF_Font_GetDescent(font);
    }
    ok = true;
done:
    HPDF_Free(doc);
    return ok;
}

pb_fonts *fonts_open(const char *dir, diag_list *errs)
{
    pthread_once(&names_once, check_names);
    if (misnamed) {
        diag_add_class(errs, DIAG_ENV, dir, 0, 0, NULL, NULL,
                       "this libharu names the glyph of U+%04X so that it reads back as another "
                       "character: fonts/charset.c must leave it out", (unsigned)misnamed);
        return NULL;
    }
    pb_fonts *f = fonts_new(dir, errs);
    if (!f)
        return NULL;
    bool ok = true;
    for (int index = 0; index < FACE_FILES; index++)
        if (!fonts_load_face(f, dir, index, errs) || !check_face(f, index, errs))
            ok = false;
    if (!ok) {
        fonts_close(f);
        return NULL;
    }
    return f;
}
