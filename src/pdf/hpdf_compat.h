/* hpdf_compat.h: everything pdf/ does with libharu's internals, in one place (hpdf_compat.c).
 *
 * libharu 2.3's public API (hpdf.h) cannot make the PDFs pbdocs writes: fonts whose embedded
 * program, widths and encodings are made once per process rather than per document, page
 * content written and deflated here, Unicode document info, tagged PDF (a structure tree and the
 * catalog entries that go with it). So these functions reach into its
 * private headers and structs; each says, in hpdf_compat.c, why the public API does not do it.
 * hpdf_compat.c stops the build on a libharu version it was not checked against.
 *
 * Private to pdf/. Each call works on one document (or font, or page) that the caller owns; the
 * glyph-name functions only read libharu's constant tables, so all of them are thread-safe. */
#ifndef PBDOCS_HPDF_COMPAT_H
#define PBDOCS_HPDF_COMPAT_H
#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "fonts/fonts.h"

/* libharu's glyph name for cp (e.g. "Lslash"), and the code point it reads a name back as. */
const char *hpdf_glyph_name(uint32_t cp);
uint32_t hpdf_glyph_unicode(const char *name);

/* The font definition of a face loaded into doc under name (NULL if none). */
HPDF_FontDef hpdf_font_def(HPDF_Doc doc, const char *name);
/* True when the TrueType definition def has a glyph for cp. */
int hpdf_font_def_has_glyph(HPDF_FontDef def, uint32_t cp);
/* The descriptor metrics and name libharu read from the whole face, for the backend to write. */
void hpdf_face_info(HPDF_FontDef def, pb_face_info *info);

/* Registers, under name, a copy of WinAnsiEncoding whose codes first..last are used; with
 * n_extras > 0, codes 0x80.. are instead extras[0..n_extras), written as /Differences, named
 * by libharu's glyph names, or with uni_names as uniXXXX. Returns HPDF_OK or an error. */
HPDF_STATUS hpdf_register_encoding(HPDF_Doc doc, const char *name, unsigned first,
                                   unsigned last, const uint32_t *extras, int n_extras,
                                   int uni_names);
/* Gives font a /ToUnicode stream holding a CMap, deflated[0..len) (deflated by the caller). */
HPDF_STATUS hpdf_font_set_to_unicode(HPDF_Doc doc, HPDF_Font font, const unsigned char *deflated,
                                     size_t len);

/* Registers a TrueType font definition that needs no font file: looked up by key, printed as
 * base_font, its descriptor (the face's info) embedding the deflated program[0..len) whose
 * undeflated length is length1. Returns the key as libharu keeps it, or NULL. */
const char *hpdf_register_font(HPDF_Doc doc, const char *key, const char *base_font,
                               const pb_face_info *info, const unsigned char *program,
                               size_t len, size_t length1);

/* Sets the widths font writes for codes 0x20..0xFF (1/1000 em), instead of libharu's. */
void hpdf_set_widths(HPDF_Font font, const int16_t widths[256]);

/* The names the page's resources give font and image (NULL on error). */
const char *hpdf_page_font_name(HPDF_Page page, HPDF_Font font);
const char *hpdf_page_image_name(HPDF_Page page, HPDF_Image image);

/* Sets the page's content stream to deflated[0..len), already deflated by the caller. */
void hpdf_set_page_content(HPDF_Page page, const unsigned char *deflated, size_t len);

/* Sets key in the document info dictionary to the string bytes[0..len) (written in hex, so it
 * may hold NULs: UTF-16BE text). */
void hpdf_set_info_bytes(HPDF_Doc doc, const char *key, const unsigned char *bytes, size_t len);

/* Tagged PDF (pdf_tags.c). The structure tree is written by pdf_tags.c itself, after libharu
 * has saved the document (as a compressed object stream and a cross-reference stream); libharu
 * only gives each page its /StructParents and /Tabs, and the numbers of the objects the tree
 * refers to. */
HPDF_STATUS hpdf_page_put_int(HPDF_Page page, const char *key, long value);
HPDF_STATUS hpdf_page_put_name(HPDF_Page page, const char *key, const char *name);
/* The object number of a page, for "N 0 R". */
unsigned hpdf_page_id(HPDF_Page page);
/* The numbers of the catalog and the page tree's root; -1 when the catalog has any entry but
 * /Type and /Pages (pdf_tags.c writes the catalog anew, and would lose it). */
int hpdf_catalog_ids(HPDF_Doc doc, unsigned *catalog, unsigned *pages);
/* How many object numbers libharu has used (its trailer's /Size once saved). */
unsigned hpdf_object_count(HPDF_Doc doc);
/* Appends a reference "num 0 R" to the page's array key (made when missing): an object that
 * pdf_tags.c writes after libharu has saved (a link annotation in /Annots). */
HPDF_STATUS hpdf_page_add_ref(HPDF_Doc doc, HPDF_Page page, const char *key, unsigned num);
/* Marks the file as PDF 1.7, the version PDF/UA-1 is built on. */
void hpdf_set_version_17(HPDF_Doc doc);
/* After HPDF_SaveToStream: the saved file, copied out of libharu's memory stream a buffer at a
 * time (HPDF_ReadFromStream copies it a byte at a time); malloc'd, its length in *len, or NULL. */
unsigned char *hpdf_saved_bytes(HPDF_Doc doc, size_t *len);
#endif
