/* typeset.h: Markdown (CommonMark + GitHub tables) to a finished A4 PDF, in memory.
 *
 * typeset/ is the stage as the document code sees it: this entry point, and print streams of
 * many documents in one PDF (stream.h). It joins the layout (layout/) to the PDF backend (pdf/)
 * and is the one folder above both.
 *
 * Pipeline inside: cmark-gfm parses -> layout/ breaks lines and pages from font metrics into
 * positioned boxes (testable without a PDF) -> pdf/ draws the boxes with libharu.
 *
 * Letter furniture is marked in the Markdown by HTML blocks that only templates write (values
 * inserted with {{x}} are escaped, and officers' Markdown has '<' escaped, so neither can forge one):
 *
 *   <div class="pb-letterhead">   council name, address, contact: top right of page 1
 *   <div class="pb-address">      recipient address: in the envelope window (3-7 lines)
 *   <div class="pb-keep">         kept together on one page (signature block with its closing line)
 *   </div>                        ends the region; the Markdown between is laid out normally
 *
 * Each opening div must be followed by a blank line (CommonMark ends an HTML block at one), and
 * the regions are recognised at the top level only. The address is one line per Markdown line
 * (hard or soft break), regular face, at the largest size from 12 pt down to 8 pt that fits the
 * window; fewer than 3 or more than 7 lines, or a line too wide, is a diag with field
 * "recipient/address". Every other raw HTML prints literally. A thematic break (---) forces a
 * page break. Links print as "text (URL)" (once when the text is the URL). A character the fonts
 * cannot print is a diag naming the code point and the Markdown line, never a blank box.
 *
 * Typesetting is reentrant: each call owns its own libharu document, and the fonts are read-only
 * after fonts_open() but for the embedded subsets they keep, behind a lock (fonts/font_program.h);
 * what a call writes depends only on its own input.
 */
#ifndef PBDOCS_TYPESET_H
#define PBDOCS_TYPESET_H
#include <stddef.h>

#include "core/diag.h"
#include "fonts/fonts.h"     /* pb_fonts, fonts_close() */
#include "layout/layout.h"   /* pb_doc_setup, pb_window, the limits */
#include "pdf/pdf_fonts.h"   /* fonts_open() */
#include "pdf/pdf_write.h"   /* pb_pdf, pb_pdf_free() */

/* The fonts are located once per process (the folder of the subset Liberation Sans faces, see
 * Makefile) with fonts_open(dir, errs) from pdf/pdf_fonts.h: NULL and a diag when a face is
 * missing or lacks a glyph. fonts_close() frees them. */

/* Typesets markdown[0..len) into out. Returns 0, or -1 with problems added to errs
 * (e.g. an address that does not fit the window). out->bytes is malloc'd; free with pb_pdf_free. */
int typeset_pdf(const char *markdown, size_t len, const pb_doc_setup *setup,
                const pb_fonts *fonts, pb_pdf *out, diag_list *errs);

#endif
