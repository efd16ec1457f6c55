/* fuzz_pipeline.c: one case file's bytes -> every PDF it asks for, in memory (libFuzzer target).
 *
 * The whole path of `pbdocs render`: load and check the case, build each document's context,
 * render the real templates (strict), typeset, write the PDF. What must hold: no crash or
 * sanitizer report, no hang, each document either a PDF or problems naming the case. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case/load.h"
#include "docs/render.h"

static renderer *r;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_list errs = {0};
    r = renderer_open(&(render_options){0}, &errs);
    if (!r) {
        diag_print_all(&errs, stderr);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list errs = {0};
    pb_case *c = case_load_memory((const char *)data, size, "fuzz.xml", 0, renderer_councils(r), &errs);
    for (int k = 0; c && k < DOC_KIND_COUNT; k++) {
        if (!c->has[k])
            continue;
        pb_pdf pdf;
        size_t before = errs.len;
        int rc = render_document(r, c, (doc_kind)k, &pdf, &errs);
        if (rc == 0 && (pdf.len < 5 || memcmp(pdf.bytes, "%PDF-", 5) != 0 || pdf.pages < 1))
            abort();
        if (rc != 0 && errs.len == before)
            abort(); /* a document that is not produced says why */
        for (size_t i = before; i < errs.len; i++)
            if (!errs.items[i].case_id || strcmp(errs.items[i].case_id, c->id) != 0)
                abort(); /* every problem of a document names its case */
        pb_pdf_free(&pdf);
    }
    case_free(c);
    diag_list_clear(&errs);
    return 0;
}
