/* pdf_write.h: the thin libharu backend. Draws a finished layout into a PDF held in memory.
 *
 * pdf/ is the only folder that uses libharu: this writer, the fonts as libharu measures them
 * (pdf_fonts.h), and what both do with libharu's internals (hpdf_compat.h, private). It depends
 * on the layout (layout/layout.h) and the fonts, never the other way. Each call makes its own
 * libharu document, so calls on different threads do not meet. */
#ifndef PBDOCS_PDF_WRITE_H
#define PBDOCS_PDF_WRITE_H
#include <stddef.h>

#include "core/diag.h"
#include "fonts/fonts.h"
#include "layout/layout.h"

typedef struct pb_pdf {
    unsigned char *bytes;
    size_t len;
    int pages;
} pb_pdf;

/* Draws every page of layout; out->bytes is malloc'd (free with pb_pdf_free). Returns 0, or -1
 * with a diag. */
int pdf_write(const pb_layout *layout, const pb_doc_setup *setup, const pb_fonts *fonts,
              pb_pdf *out, diag_list *errs);
void pb_pdf_free(pb_pdf *pdf);
#endif
