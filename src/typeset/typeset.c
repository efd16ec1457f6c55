/* typeset.c: the stage as the document code sees it: Markdown in, PDF bytes out.
 * The layout decides everything; the backend draws it; nothing survives the call. */
#include "typeset/typeset.h"

#include <string.h>

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
