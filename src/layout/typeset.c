/* typeset.c: the stage as the document code sees it: Markdown in, PDF bytes out.
 * The layout decides everything; the backend draws it; nothing survives the call. */
#include "layout/typeset.h"

#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "pdf/pdf_write.h"

int typeset_pdf(const char *markdown, size_t len, const pb_doc_setup *setup,
                const pb_fonts *fonts, pb_pdf *out, diag_list *errs)
{
    memset(out, 0, sizeof *out);
    pb_layout layout;
    int rc = layout_markdown(markdown, len, setup, fonts, &layout, errs);
    if (rc == 0)
        rc = pdf_write(&layout, setup, fonts, out, errs);
    layout_free(&layout);
    return rc;
}

void pdf_free(pb_pdf *pdf)
{
    if (!pdf)
        return;
    free(pdf->bytes);
    memset(pdf, 0, sizeof *pdf);
}
