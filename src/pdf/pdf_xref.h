/* pdf_xref.h: compressed objects at the end of a libharu PDF (pdf_xref.c). Private to pdf/.
 *
 * libharu 2.3 writes every object on its own with a 20-byte cross-reference entry and nothing
 * compressed but streams; a tagged letter's hundred small structure elements written that way
 * grew it by a quarter. PDF 1.5 object streams hold many objects in one deflated stream, found
 * through a cross-reference stream: this replaces the cross-reference table and trailer libharu
 * wrote with such a stream, after appending the given objects in object streams and one plain
 * stream object (the XMP metadata, which readers expect uncompressed). An object given here may
 * reuse a libharu object's number (the catalog, written again with more entries): the new one
 * is the one the file's cross-reference points to. One pdf_objects belongs to one thread. */
#ifndef PBDOCS_PDF_XREF_H
#define PBDOCS_PDF_XREF_H
#include <stddef.h>

#include "core/strbuf.h"

typedef struct pdf_objects {
    strbuf body;   /* the objects' text, one after another */
    unsigned *num; /* each object's number ... */
    size_t *at;    /* ... and where its text starts in body */
    size_t n, cap;
} pdf_objects;

/* The number of objects libharu's PDF pdf[0..len) has (its trailer's /Size), or 0 when its end
 * is not the cross-reference table and trailer libharu writes. Numbers from it on are free. */
unsigned pdf_xref_size(const unsigned char *pdf, size_t len);

/* Starts object num: what is appended to o->body next is its text (a dictionary, an array). */
void pdf_objects_begin(pdf_objects *o, unsigned num);
void pdf_objects_free(pdf_objects *o);

/* Rewrites the end of libharu's *pdf (*len bytes; realloc'd), deflating at the fastest level
 * (core/deflate.h): the plain object numbered
 * plain_num (plain[0..plain_len): "<<...>>stream...endstream"), then o's objects in object
 * streams numbered from first_stm on, then a cross-reference stream numbered xref_num, with
 * /Root root. The numbers libharu used, plain_num, xref_num and o's must together be
 * 0..first_stm-1 without a gap (a libharu number may be reused). Returns 0, or -1 when the end
 * of *pdf is not what libharu writes or memory runs out (*pdf unchanged). */
int pdf_xref_rewrite(unsigned char **pdf, size_t *len, const pdf_objects *o, unsigned first_stm,
                     const char *plain, size_t plain_len, unsigned plain_num, unsigned xref_num,
                     unsigned root);
#endif
