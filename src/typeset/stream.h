/* stream.h: print streams (stream.c): many documents in one PDF for the print room.
 *
 * Not batch/print_stream.h, which decides what goes in a batch's stream: this is the typesetting
 * underneath. Each document is laid out on its own, keeping its own "Page N of M", and its pages
 * appended; with odd_start a blank page is put first when needed so the document starts on an
 * odd page (duplex printing). stream_finish writes the PDF (document info from info) and frees
 * the stream either way. A stream belongs to one thread at a time; the fonts may be shared. */
#ifndef PBDOCS_TYPESET_STREAM_H
#define PBDOCS_TYPESET_STREAM_H
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "fonts/fonts.h"
#include "layout/layout.h"
#include "pdf/pdf_write.h"

typedef struct pb_stream pb_stream;
pb_stream *stream_open(const pb_fonts *fonts);
int stream_add(pb_stream *s, const char *markdown, size_t len, const pb_doc_setup *setup,
               bool odd_start, diag_list *errs);
void stream_blank_page(pb_stream *s);
int stream_pages(const pb_stream *s);
int stream_finish(pb_stream *s, const pb_doc_setup *info, pb_pdf *out, diag_list *errs);
void stream_abort(pb_stream *s);
#endif
