/* fonts.c: reads the faces once: their bytes and tables (for the per-document subsets the PDF
 * backend embeds) and, through libharu itself, their widths, so the layout measures with exactly
 * the numbers libharu writes into every PDF's /Widths array. */
#include "pdf/fonts.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const face_files[FACE_COUNT] = {
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
};

const char *font_file_name(pb_face face)
{
    return face >= 0 && face < FACE_COUNT ? face_files[face] : NULL;
}

static bool read_file(pb_font_file *file, const char *dir, pb_face face, diag_list *errs)
{
    size_t n = strlen(dir) + strlen(face_files[face]) + 2;
    file->path = malloc(n);
    if (!file->path)
        return false;
    snprintf(file->path, n, "%s/%s", dir, face_files[face]);
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
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "font file missing or unreadable (run make)");
        return false;
    }
    return true;
}

/* Loads the face in a scratch libharu document: checks it has a glyph for every printable
 * character and keeps the widths libharu will write. */
static bool check_face(pb_fonts *f, pb_face face, diag_list *errs)
{
    const pb_font_file *file = &f->file[face];
    bool ok = false;
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    if (!doc) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "out of memory reading the font");
        return false;
    }
    const char *name = HPDF_LoadTTFontFromFile(doc, file->path, HPDF_TRUE);
    HPDF_FontDef def = name ? HPDF_GetFontDef(doc, name) : NULL;
    HPDF_Font font = name ? HPDF_GetFont(doc, name, HPDF_ENCODING_WIN_ANSI) : NULL;
    if (!def || !font) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "not a TrueType font libharu can load (error 0x%04X)",
                       (unsigned)HPDF_GetError(doc));
        goto done;
    }
    unsigned missing = 0, first_missing = 0;
    for (uint32_t cp = 0x20; cp < CHARSET_LIMIT; cp++) {
        if (!charset_has_glyph(cp))
            continue;
        if (HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) == 0 || !f->ttf[face].gid_of[cp]) {
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
                       "it with src/pdf/subset-fonts", missing, first_missing);
        goto done;
    }
    f->advance[face][0xA0] = f->advance[face][' '];  /* no-break space: printed as a space */
    pb_face_info *info = &f->info[face];
    snprintf(info->name, sizeof info->name, "%s", def->base_font);
    info->ascent = def->ascent;
    info->descent = def->descent;
    info->cap_height = def->cap_height;
    info->x_height = def->x_height;
    info->italic_angle = def->italic_angle;
    info->stemv = def->stemv;
    info->missing_width = def->missing_width;
    info->flags = def->flags;
    info->bbox[0] = def->font_bbox.left;
    info->bbox[1] = def->font_bbox.bottom;
    info->bbox[2] = def->font_bbox.right;
    info->bbox[3] = def->font_bbox.top;
    if (face == FACE_REGULAR) {
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
        diag_add_class(errs, DIAG_ENV, dir, 0, 0, NULL, NULL, "out of memory opening the fonts");
        return NULL;
    }
    f->cache = font_cache_new();
    bool ok = f->cache != NULL;
    if (!ok)
        diag_add_class(errs, DIAG_ENV, dir, 0, 0, NULL, NULL, "out of memory opening the fonts");
    for (int face = 0; face < FACE_COUNT; face++) {
        pb_font_file *file = &f->file[face];
        if (!read_file(file, dir, (pb_face)face, errs)) {
            ok = false;
            continue;
        }
        const char *err = ttf_parse(&f->ttf[face], file->bytes, file->len);
        if (err) {
            diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                           "cannot use this font: %s", err);
            ok = false;
        } else if (!check_face(f, (pb_face)face, errs))
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
        ttf_free(&fonts->ttf[face]);
        free(fonts->file[face].path);
        free(fonts->file[face].bytes);
    }
    font_cache_free(fonts->cache);
    free(fonts);
}
