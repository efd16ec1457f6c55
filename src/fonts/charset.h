/* charset.h: which characters the letters can print.
 *
 * libharu 2.3 writes clean, extractable text only through single-byte encodings (its UTF-8/CID
 * path writes a broken ToUnicode CMap). The PDF backend therefore builds, per document, its own
 * single-byte encodings: ASCII as itself plus the other characters the document uses at codes
 * 0x80..0xFF, each named in the font's /Differences by its standard glyph name. PDF readers
 * turn that name back into the character, both to draw it and to extract it.
 *
 * So a character is printable when the subset fonts built by src/fonts/subset-fonts have a glyph
 * for it (the ranges below, kept in step with that script) AND libharu's glyph name for it
 * leads back to the same character. The second test rules out, for example, U+021A (Romanian
 * T with comma), which libharu names "Tcommaaccent", a name readers take for U+0162. Within the
 * subset's ranges it rules out only U+00A0 and U+00AD (named "space" and "hyphen"), so the table
 * here is the ranges without those two, and fonts_open() (pdf/pdf_fonts.h) checks once per
 * process, against libharu's own names, that this still holds.
 *
 * Greek, Cyrillic, Vietnamese and the rest of Latin come from a second subset of the same faces
 * (charset_is_ext), so letters that use none of them keep the basic subset's exact bytes. */
#ifndef PBDOCS_CHARSET_H
#define PBDOCS_CHARSET_H
#include <stdbool.h>
#include <stdint.h>

/* Every printable code point is below this. */
#define CHARSET_LIMIT 0x2300u

/* True when the letter fonts can show the Unicode code point cp, so a case value holding a
 * character that cannot be shown is rejected before typesetting, naming its field.
 * Also true for what the typesetter handles without a glyph of its own: tab, line feed and
 * carriage return (white space), U+00A0 no-break space (printed as a space that never breaks)
 * and U+00AD soft hyphen (invisible). Every other control character is false. Thread-safe. */
bool fonts_can_show(uint32_t cp);

/* True when cp is printed from the wider, second subset of the faces (Greek, Cyrillic,
 * Vietnamese, more Latin: charset.c) rather than the basic one: in a font of its own whose
 * glyphs are named uniXXXX, with a /ToUnicode map, as libharu cannot name most of them. */
bool charset_is_ext(uint32_t cp);

/* True when cp is printed with a glyph of its own (fonts_can_show without the special cases
 * above): what the PDF backend can encode. */
bool charset_has_glyph(uint32_t cp);
#endif
