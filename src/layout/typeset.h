/* typeset.h: Markdown (CommonMark + GitHub tables) to a finished A4 PDF, in memory.
 *
 * Pipeline inside: cmark-gfm parses -> layout.c breaks lines and pages from font metrics into
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
 * after fonts_open() but for the embedded subsets they keep, behind a lock (pdf/font_program.h);
 * what a call writes depends only on its own input.
 */
#ifndef PBDOCS_TYPESET_H
#define PBDOCS_TYPESET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/diag.h"
#include "pdf/charset.h"  /* fonts_can_show(): which characters the letters can print */
#include "pdf/fonts.h"    /* pb_fonts, fonts_open(), fonts_close() */

typedef struct pb_window {
    double left_mm, top_mm, width_mm, height_mm;
} pb_window;

/* Limits (see README): a document that would pass one is refused with a diag, never cut. Tables
 * are counted before cmark-gfm parses them (it pads every row to the header's width). */
#define MAX_PAGES 200            /* pages in one document */
#define MAX_TABLE_COLUMNS 12     /* columns in one table: more cannot be read on A4 */
#define MAX_TABLE_CELLS 20000    /* cells in all the tables of one document */

/* GOV.UK Notify letter geometry. */
#define PB_WINDOW_DEFAULT ((pb_window){24.6, 39.5, 95.4, 26.8})

typedef struct pb_doc_setup {
    bool letter;                /* letters have a window address; Section J has none */
    bool large_print;           /* 16 pt body and everything reflowed, else 12 pt */
    pb_window window;           /* where the address goes (letters only) */
    const char *title;          /* PDF document info */
    const char *author;         /* the council */
    const char *subject;
    pb_date issued;             /* the PDF creation date: the document's issue date */
    const char *running_header; /* printed small at the top of pages 2..N (NULL: none) */
    const char *logo_png;       /* council logo file (8-bit PNG), or NULL */
    const char *case_id;        /* named in problems (NULL: none) */
    const char *source;         /* the case file, named in problems (NULL: none) */
    bool no_page_numbers;       /* no "Page N of M" (a print stream's cover page) */
} pb_doc_setup;

typedef struct pb_pdf {
    unsigned char *bytes;
    size_t len;
    int pages;
} pb_pdf;

/* The fonts are located once per process (the folder of the subset Liberation Sans faces, see
 * Makefile) with fonts_open(dir, errs) from pdf/fonts.h: NULL and a diag when a face is missing
 * or lacks a glyph. fonts_close() frees them. */

/* Typesets markdown[0..len) into out. Returns 0, or -1 with problems added to errs
 * (e.g. an address that does not fit the window). out->bytes is malloc'd; free with pdf_free. */
int typeset_pdf(const char *markdown, size_t len, const pb_doc_setup *setup,
                const pb_fonts *fonts, pb_pdf *out, diag_list *errs);
void pdf_free(pb_pdf *pdf);

/* Print streams (stream.c): many documents in one PDF for the print room. Each document is laid
 * out on its own, keeping its own "Page N of M", and its pages appended; with odd_start a blank
 * page is put first when needed so the document starts on an odd page (duplex printing).
 * stream_finish writes the PDF (document info from info) and frees the stream either way. */
typedef struct pb_stream pb_stream;
pb_stream *stream_open(const pb_fonts *fonts);
int stream_add(pb_stream *s, const char *markdown, size_t len, const pb_doc_setup *setup,
               bool odd_start, diag_list *errs);
void stream_blank_page(pb_stream *s);
int stream_pages(const pb_stream *s);
int stream_finish(pb_stream *s, const pb_doc_setup *info, pb_pdf *out, diag_list *errs);
void stream_abort(pb_stream *s);
#endif
