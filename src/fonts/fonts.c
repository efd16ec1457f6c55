/* fonts.c: reads the faces once: their bytes and tables (for the per-document subsets the PDF
 * backend embeds). Their widths are then read through libharu itself (pdf/pdf_fonts.c), so the
 * layout measures with exactly the numbers libharu would write into a PDF's /Widths array. */
#include "fonts/fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static const char *const face_files[FACE_FILES] = {
    "LiberationSans-Regular.ttf",        "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",         "LiberationSans-BoldItalic.ttf",
    "LiberationSans-Regular-Ext.ttf",    "LiberationSans-Bold-Ext.ttf",
    "LiberationSans-Italic-Ext.ttf",     "LiberationSans-BoldItalic-Ext.ttf",
};

const char *font_file_name(int index)
{
    return index >= 0 && index < FACE_FILES ? face_files[index] : NULL;
}

void font_file_read(const char *path, unsigned char **bytes, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    long size = -1;
    *bytes = NULL;
    *len = 0;
    if (fp && fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0) {
        *bytes = xmalloc((size_t)size);
        if (fread(*bytes, 1, (size_t)size, fp) == (size_t)size)
            *len = (size_t)size;
    }
    if (fp)
        fclose(fp);
}

static bool read_file(pb_font_file *file, const char *dir, int face, diag_list *errs)
{
    size_t n = strlen(dir) + strlen(face_files[face]) + 2;
    file->path = xmalloc(n);
    snprintf(file->path, n, "%s/%s", dir, face_files[face]);
    font_file_read(file->path, &file->bytes, &file->len);
    if (!file->len) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "font file missing or unreadable (run make)");
        return false;
    }
    return true;
}

pb_fonts *fonts_new(const char *dir, diag_list *errs)
{
    pb_fonts *f = xcalloc(1, sizeof *f);
    f->cache = font_cache_new();
    if (!f->cache) {
        diag_add_class(errs, DIAG_ENV, dir, 0, 0, NULL, NULL,
                       "cannot make the lock of the font cache");
        fonts_close(f);
        return NULL;
    }
    return f;
}

bool fonts_load_face(pb_fonts *f, const char *dir, int face, diag_list *errs)
{
    pb_font_file *file = &f->file[face];
    if (!read_file(file, dir, face, errs))
        return false;
    const char *err = ttf_parse(&f->ttf[face], file->bytes, file->len, CHARSET_LIMIT);
    if (err) {
        diag_add_class(errs, DIAG_ENV, file->path, 0, 0, NULL, NULL,
                       "cannot use this font: %s", err);
        return false;
    }
    return true;
}

void fonts_close(pb_fonts *fonts)
{
    if (!fonts)
        return;
    for (int face = 0; face < FACE_FILES; face++) {
        ttf_free(&fonts->ttf[face]);
        free(fonts->file[face].path);
        free(fonts->file[face].bytes);
    }
    font_cache_free(fonts->cache);
    free(fonts);
}
