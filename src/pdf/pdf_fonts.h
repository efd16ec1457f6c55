/* pdf_fonts.h: opening the letter fonts, measured by libharu (the PDF library) itself.
 *
 * The faces are read by fonts/ (fonts.h); their widths and descriptor metrics, and the check
 * that every printable character has a glyph, come from libharu, so the layout measures with
 * exactly the numbers a PDF would carry. Called once per process; the pb_fonts it returns is
 * shared, read-only but for its cache, by every thread (fonts/fonts.h). */
#ifndef PBDOCS_PDF_FONTS_H
#define PBDOCS_PDF_FONTS_H
#include <stdint.h>

#include "core/diag.h"
#include "core/strbuf.h"
#include "fonts/fonts.h"

/* Opens DIR/LiberationSans-{Regular,Bold,Italic,BoldItalic}{,-Ext}.ttf. Returns NULL and adds a diag
 * when a face is missing, unreadable, or lacks a glyph for a printable character, or when
 * libharu would not name every printable character's glyph so that readers get it back
 * (fonts/charset.h). Free with fonts_close(). */
pb_fonts *fonts_open(const char *dir, diag_list *errs);

/* The glyph name the PDF names cp by: libharu's table (e.g. "Lslash") for the basic subset's
 * characters, "uniXXXX" (written into buf) for the second subset's (charset_is_ext). */
const char *charset_glyph_name(uint32_t cp, char buf[8]);

/* The WinAnsiEncoding code of cp when cp is one of its punctuation marks or symbols (not a
 * letter), else 0: the PDF backend prints those from a face's basic font. */
unsigned winansi_symbol(uint32_t cp);

/* Appends to m a /ToUnicode CMap for a single-byte font whose codes 0x80 + i are chars[i]
 * (i < n): for the fonts of the second subsets and of an extra font. */
void to_unicode_cmap(const uint32_t *chars, int n, strbuf *m);
#endif
