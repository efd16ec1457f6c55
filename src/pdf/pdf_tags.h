/* pdf_tags.h: tagged PDF (PDF/UA-1) for the PDF writer (pdf_tags.c). Private to pdf/.
 *
 * The layout says what each drawing operation is (pb_op.elem: a structure element, or 0 for an
 * artifact) and gives the structure tree in reading order (pb_layout.elems); this writes it:
 * while pages are drawn, every operation goes inside a marked-content sequence (BDC/EMC with an
 * MCID, or /Artifact BMC/EMC), consecutive operations of one element sharing one; at the end,
 * the pages' /StructParents and /Tabs, and, once libharu has saved the file, the structure tree
 * (each element's content by MCID, across pages), the parent tree, and the catalog's
 * /MarkInfo, /Lang, /StructTreeRoot, /ViewerPreferences DisplayDocTitle and XMP metadata
 * (dc:title, pdfuaid:part 1).
 *
 * A pdf_tags belongs to one pdf_write call (one thread). */
#ifndef PBDOCS_PDF_TAGS_H
#define PBDOCS_PDF_TAGS_H
#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "layout/layout.h"

typedef struct pdf_mark {
    uint32_t elem, page, mcid;
} pdf_mark;

/* A link annotation: one per line piece of a Link element's text. */
typedef struct pdf_annot {
    uint32_t link, page;  /* its Link element; the page's index */
    long rect[4];         /* left, bottom, right, top in whole points, outside the text */
    double baseline;      /* runs of one line on it join one annotation */
    size_t text, len;     /* its text in pdf_tags.annot_text */
} pdf_annot;

typedef struct pdf_tags {
    HPDF_Doc doc;
    const pb_layout *layout;
    pdf_mark *marks;        /* every marked-content sequence with an MCID, in drawing order */
    size_t n_marks, cap_marks;
    HPDF_Page *pages;
    size_t n_pages;
    uint32_t next_mcid;     /* on the page being drawn */
    bool open;              /* a sequence is open ... */
    uint32_t open_elem;     /* ... for this element (0: an artifact) */
    uint32_t *link_of;      /* per element: the Link it is in (itself, when one), else 0 */
    pdf_annot *annots;      /* in drawing order; object numbers from first_annot on */
    size_t n_annots, cap_annots;
    strbuf annot_text;
    unsigned first_annot;   /* set by tags_finish: libharu's object count + 2 */
} pdf_tags;

/* Starts tagging layout's pages into doc; false when out of memory. */
bool tags_init(pdf_tags *t, HPDF_Doc doc, const pb_layout *layout);
/* A new page is being drawn (pages come in order). */
void tags_page(pdf_tags *t, HPDF_Page page);
/* Before an operation of element elem (0: artifact) is written to the content c: closes the
 * open sequence when it is another element's and opens elem's. */
void tags_mark(pdf_tags *t, strbuf *c, uint32_t elem);
/* The Link element the content of elem is in, or 0. */
static inline uint32_t tags_link(const pdf_tags *t, uint32_t elem) { return t->link_of[elem]; }
/* A text run text[0..len) of link, on the current page, in the box left..right, bottom..top
 * (PDF coordinates) with its baseline at baseline: joins the last annotation when on its line,
 * else starts one. */
void tags_annot(pdf_tags *t, uint32_t link, const char *text, size_t len, double baseline,
                const double box[4]);
/* Closes the open sequence (before ET, and at the end of the page). */
void tags_close(pdf_tags *t, strbuf *c);
/* Before the document is saved: the pages' /StructParents, /Tabs and /Annots, PDF 1.7. The
 * annotations are written by tags_write (numbered from libharu's count of objects, which saving
 * does not change: tags_write checks). HPDF_OK or an
 * error (also when libharu's catalog has an entry tags_write would not write again). */
HPDF_STATUS tags_finish(pdf_tags *t);
/* After: appends the structure tree, the XMP metadata (title: dc:title) and the catalog with
 * its /MarkInfo, /Lang, /StructTreeRoot, /ViewerPreferences and /Metadata to the saved
 * *pdf (*len bytes, realloc'd), as object streams and a cross-reference stream (pdf_xref.h).
 * Returns 0, or -1 (*pdf unchanged). */
int tags_write(pdf_tags *t, const char *title, unsigned char **pdf, size_t *len);
void tags_free(pdf_tags *t);

/* UTF-8 text[0..len) as a PDF text string's bytes: UTF-16BE with a byte order mark. */
void pdf_utf16be(const char *text, size_t len, strbuf *out);
#endif
