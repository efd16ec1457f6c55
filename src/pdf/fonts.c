/* fonts.c: reads the faces once, through libharu itself, so the widths the layout measures with
 * are exactly the widths libharu writes into every PDF's /Widths array; keeps the files' bytes
 * so that no document reads a font file again. */
#include "pdf/fonts.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const face_names[FACE_COUNT] = {"Regular", "Bold", "Italic", "BoldItalic"};

const char *font_file_name(pb_face face, bool core)
{
    static char names[2][FACE_COUNT][48];
    if (face < 0 || face >= FACE_COUNT)
        return NULL;
    char *n = names[core][face];
    if (!n[0])  /* the same text every time: racing writers write the same bytes */
        snprintf(n, sizeof names[0][0], "LiberationSans-%s%s.ttf", face_names[face],
                 core ? "-Core" : "");
    return n;
}

static bool read_file(pb_font_file *file, const char *dir, pb_face face, bool core,
                      diag_list *errs)
{
    const char *name = font_file_name(face, core);
    size_t n = strlen(dir) + strlen(name) + 2;
    file->path = malloc(n);
    if (!file->path)
        return false;
    snprintf(file->path, n, "%s/%s", dir, name);
    FILE *fp = fopen(file->path, "rb");
    long size = -1;
    if (fp && fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0) {
        file->bytes = malloc((size_t)size);
        if (file->bytes && fread(file->bytes, 1, (size_t)size, fp) == (size_t)size)
            file->len = (size_t)size;
    }
    if (fp)
        fclose(fp);
    if (!file->len) {
        diag_add(errs, file->path, 0, 0, NULL, NULL, "font file missing or unreadable (run make)");
        return false;
    }
    return true;
}

/* Loads one file in a scratch document: checks it has a glyph for every character it must hold
 * and, for a full face, keeps the widths. */
static bool check_face(pb_fonts *f, pb_face face, bool core, diag_list *errs)
{
    const pb_font_file *file = core ? &f->core[face] : &f->full[face];
    bool ok = false;
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    if (!doc) {
        diag_add(errs, file->path, 0, 0, NULL, NULL, "out of memory reading the font");
        return false;
    }
    const char *name = HPDF_LoadTTFontFromFile(doc, file->path, HPDF_TRUE);
    HPDF_FontDef def = name ? HPDF_GetFontDef(doc, name) : NULL;
    HPDF_Font font = name ? HPDF_GetFont(doc, name, HPDF_ENCODING_WIN_ANSI) : NULL;
    if (!def || !font) {
        diag_add(errs, file->path, 0, 0, NULL, NULL,
                 "not a TrueType font libharu can load (error 0x%04X)", (unsigned)HPDF_GetError(doc));
        goto done;
    }
    unsigned missing = 0, wrong_width = 0, first_missing = 0;
    for (uint32_t cp = 0x20; cp < CHARSET_LIMIT; cp++) {
        if (!charset_has_glyph(cp) || (core && !charset_in_core(cp)))
            continue;
        if (HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) == 0) {
            if (!missing++)
                first_missing = cp;
            HPDF_ResetError(doc);
            continue;
        }
        HPDF_INT w = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
        uint16_t width = (uint16_t)(w > 0 ? w : 0);
        if (!core)
            f->advance[face][cp] = width;
        else if (f->advance[face][cp] != width)
            wrong_width++;
    }
    if (missing) {
        diag_add(errs, file->path, 0, 0, NULL, NULL,
                 "the font has no glyph for %u characters it must hold (first U+%04X): rebuild "
                 "it with src/pdf/subset-fonts", missing, first_missing);
        goto done;
    }
    if (wrong_width) {
        diag_add(errs, file->path, 0, 0, NULL, NULL,
                 "the font's widths differ from its full face's: rebuild both from one source");
        goto done;
    }
    if (!core)
        f->advance[face][0xA0] = f->advance[face][' '];  /* no-break space: printed as a space */
    if (face == FACE_REGULAR && !core) {
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
    pb_fonts *f = calloc(1, sizeof *f);
    if (!f) {
        diag_add(errs, dir, 0, 0, NULL, NULL, "out of memory opening the fonts");
        return NULL;
    }
    bool ok = true;
    for (int face = 0; face < FACE_COUNT; face++) {
        /* the full face first: the core one is checked against its widths */
        if (!read_file(&f->full[face], dir, (pb_face)face, false, errs) ||
            !check_face(f, (pb_face)face, false, errs))
            ok = false;
        else if (!read_file(&f->core[face], dir, (pb_face)face, true, errs) ||
                 !check_face(f, (pb_face)face, true, errs))
            ok = false;
    }
    if (!ok) {
        fonts_close(f);
        return NULL;
    }
    return f;
}

void fonts_close(pb_fonts *fonts)
{
    if (!fonts)
        return;
    for (int face = 0; face < FACE_COUNT; face++) {
        free(fonts->full[face].path);
        free(fonts->full[face].bytes);
        free(fonts->core[face].path);
        free(fonts->core[face].bytes);
    }
    free(fonts);
}
