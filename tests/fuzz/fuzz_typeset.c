/* fuzz_typeset.c: Markdown bytes -> layout -> PDF in memory (libFuzzer target).
 *
 * The first byte chooses a letter or a Section J, normal or large print, with or without a
 * logo; the rest is the Markdown. What must hold: no crash or sanitizer report, no hang, and
 * either a PDF that starts with %PDF- and has at least one page, or problems saying why not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "typeset/typeset.h"

static pb_fonts *fonts;
static char logo[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[4096];
    diag_list errs = {0};
    fonts = fonts_open(pb_path(dir, sizeof dir, "build/fonts"), &errs);
    if (!fonts) {
        diag_print_all(&errs, stderr);
        abort();
    }
    pb_path(logo, sizeof logo, "fixtures/markdown/logo.png");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    pb_doc_setup setup = {
        .letter = data[0] & 1,
        .large_print = data[0] & 2,
        .window = PB_WINDOW_DEFAULT,
        .title = "Fuzz",
        .author = "Example Council",
        .subject = "Case FUZZ-1",
        .issued = {2026, 11, 23},
        .running_header = (data[0] & 8) ? NULL : "Example Council \xC2\xB7 Our reference FUZZ-1",
        .logo_png = (data[0] & 4) ? logo : NULL,
        .case_id = "FUZZ-1",
        .source = "fuzz.xml",
    };
    diag_list errs = {0};
    pb_pdf pdf;
    int rc = typeset_pdf((const char *)data + 1, size - 1, &setup, fonts, &pdf, &errs);
    if (rc == 0 && (pdf.len < 5 || memcmp(pdf.bytes, "%PDF-", 5) != 0 || pdf.pages < 1))
        abort();
    if (rc != 0 && !errs.len)
        abort();
    pb_pdf_free(&pdf);
    diag_list_clear(&errs);
    return 0;
}
