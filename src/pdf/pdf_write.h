/* pdf_write.h: the thin libharu backend. Draws a finished layout into a PDF held in memory. */
#ifndef PBDOCS_PDF_WRITE_H
#define PBDOCS_PDF_WRITE_H
#include "layout/layout.h"

/* Draws every page of layout; out->bytes is malloc'd. Returns 0, or -1 with a diag. */
int pdf_write(const pb_layout *layout, const pb_doc_setup *setup, const pb_fonts *fonts,
              pb_pdf *out, diag_list *errs);
#endif
