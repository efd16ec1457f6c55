/* test_stream.c: print streams. Real letters from the fixtures go into one PDF after a cover
 * page, each starting on an odd page; the test reads the PDF back page by page (pdftotext) and
 * checks every letter's first page ("Page 1 of") is odd, every blank page is empty, and the
 * page count adds up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case/load.h"
#include "check.h"
#include "docs/render.h"
#include "typeset/stream.h"

static char *page_text(const char *pdf, int page)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d -enc UTF-8 '%s' - 2>&1", page, page, pdf);
    FILE *p = popen(cmd, "r");
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while (p && (n = fread(buf, 1, sizeof buf, p)) > 0)
        sb_append(&sb, buf, n);
    if (p)
        pclose(p);
    return sb_take(&sb);
}

int main(void)
{
    diag_list errs = {0};
    renderer *r = renderer_open(NULL, &errs);
    CHECK(r != NULL, "renderer opens");
    if (!r) {
        diag_print_all(&errs, stdout);
        return check_done("test_stream");
    }
    pb_stream *s = stream_open(renderer_fonts(r));
    const char *cover = "# Print run\n\nLetters: 3\n";
    pb_doc_setup cover_setup = {.title = "Print run", .issued = {2026, 11, 23}};
    CHECK(stream_add(s, cover, strlen(cover), &cover_setup, false, &errs) == 0, "cover added");
    static const char *const files[] = {"fixtures/cases/bnes-reduction.xml",
                                        "fixtures/cases/example-refusal-dp.xml",
                                        "fixtures/cases/bnes-refusal-young-person.xml"};
    static const doc_kind kinds[] = {DOC_REDUCTION, DOC_REFUSAL, DOC_REFUSAL};
    int starts[3], pages_before = stream_pages(s);
    for (int i = 0; i < 3; i++) {
        case_source *src = case_source_open(files[i], &errs);
        pb_case *c = NULL;
        CHECK(src && case_source_next(src, renderer_councils(r), &c, &errs) == 1 && c, "%s loads", files[i]);
        if (c) {
            char *md = render_markdown(r, c, kinds[i], &errs);
            doc_setup_copy sc;
            CHECK(md && render_setup(r, c, kinds[i], &sc, &errs) == 0, "%s renders", files[i]);
            if (md) {
                pages_before = stream_pages(s);
                CHECK(stream_add(s, md, strlen(md), &sc.setup, true, &errs) == 0, "%s added", files[i]);
            }
            starts[i] = pages_before + (pages_before % 2) + 1; /* 1-based first page */
            free(md);
        }
        case_free(c);
        case_source_close(src);
    }
    int total = stream_pages(s);
    pb_pdf pdf;
    pb_doc_setup info = {.title = "Print stream", .author = "pbdocs", .issued = {2026, 11, 23}};
    CHECK(stream_finish(s, &info, &pdf, &errs) == 0, "stream written");
    CHECK(pdf.pages == total, "PDF has %d pages, layout %d", pdf.pages, total);
    char path[] = "/tmp/pbdocs-stream-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, pdf.bytes, pdf.len) == (ssize_t)pdf.len, "PDF saved");
    close(fd);
    for (int i = 0; i < 3; i++) {
        CHECK(starts[i] % 2 == 1, "letter %d starts on page %d, which is odd", i + 1, starts[i]);
        char *t = page_text(path, starts[i]);
        CHECK(strstr(t, "Page 1 of") != NULL, "letter %d: page %d holds its 'Page 1 of'", i + 1, starts[i]);
        free(t);
        if (starts[i] > 2) {
            /* the page before a letter is the previous letter's last page or a blank one */
            char *prev = page_text(path, starts[i] - 1);
            bool blank = strspn(prev, " \n\f") == strlen(prev);
            bool last = strstr(prev, "Page ") != NULL;
            CHECK(blank || last, "page %d is a blank page or the end of a letter", starts[i] - 1);
            free(prev);
        }
    }
    char *c1 = page_text(path, 1);
    CHECK(strstr(c1, "Print run") != NULL, "page 1 is the cover");
    free(c1);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    CHECK(system(cmd) == 0, "qpdf --check passes");
    unlink(path);
    pb_pdf_free(&pdf);
    diag_print_all(&errs, stdout);
    diag_list_clear(&errs);
    renderer_close(r);
    return check_done("test_stream");
}
