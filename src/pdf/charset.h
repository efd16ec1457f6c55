/* charset.h: which characters the letters can print, and how.
 *
 * libharu 2.3 writes clean, extractable text only through single-byte encodings (its UTF-8/CID
 * path writes a broken ToUnicode CMap). One loaded TrueType face can be used through several
 * single-byte encodings in the same PDF at no size cost, so a run of text switches encoding per
 * group of characters: CP1252 for English and Western European letters, CP1250 for Polish, Czech,
 * Hungarian..., ISO8859-14 for Welsh, ISO8859-16 for Romanian, ISO8859-4/-3 for Baltic, Maltese,
 * Turkish and Esperanto letters.
 *
 * A character is printable when one of those encodings holds it AND the subset fonts built by
 * src/pdf/subset-fonts have a glyph for it in all four faces. The table is built from libharu's
 * own encoders, so it is exactly what the PDF backend will write.
 */
#ifndef PBDOCS_CHARSET_H
#define PBDOCS_CHARSET_H
#include <stdbool.h>
#include <stdint.h>

/* The encodings, in order of preference. */
enum { CHARSET_ENCODINGS = 6 };
const char *charset_encoding_name(int enc);  /* libharu's name, e.g. "CP1252" */

/* True when the letter fonts can show the Unicode code point cp, so a case value holding a
 * character that cannot be shown is rejected before typesetting, naming its field.
 * Tab, line feed and carriage return are also true: the typesetter treats them as white space
 * and never needs a glyph for them. Every other control character is false. Thread-safe. */
bool fonts_can_show(uint32_t cp);

/* The encodings (bit enc set for each) that hold cp; 0 when cp cannot be printed.
 * White space controls (tab, LF, CR) give 0: the layout turns them into spaces first. */
unsigned charset_encodings(uint32_t cp);

/* The byte that stands for cp in encoding enc (only meaningful when bit enc of
 * charset_encodings(cp) is set). */
unsigned char charset_byte(uint32_t cp, int enc);

/* The encoding a run should use for cp when the run is currently in encoding cur (-1 for none):
 * cur if it holds cp, else the preferred one that does; -1 when cp cannot be printed. */
int charset_pick(uint32_t cp, int cur);
#endif
