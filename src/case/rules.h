/* rules.h: the value rules a schema cannot express, each one small and tested on its own. */
#ifndef PBDOCS_RULES_H
#define PBDOCS_RULES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/utf8.h"  /* utf8_next(): the strict decoder value checks use */

#define CASE_ID_PATTERN "[A-Za-z0-9][A-Za-z0-9._-]{0,63}"

/* A case id that is safe as a file name: CASE_ID_PATTERN. */
bool case_id_valid(const char *id);

/* A UK postcode (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA, GIR 0AA), any case, with
 * or without the space. Writes the normal form ("BA2 4JT") into out (>= 9 bytes). */
bool postcode_normalise(const char *s, char out[9]);

/* Checks a value's characters: returns 0 when every one can be printed, else the first code point
 * that cannot (a control character or one the letter fonts have no glyph for), or -1 for
 * invalid UTF-8. Newlines and tabs are allowed only when allow_newlines. */
int32_t text_unprintable(const char *s, bool allow_newlines);
/* The same where a character the letter fonts lack may come from a council's extra font
 * (extra_font_has). */
struct pb_extra_font;
int32_t text_unprintable_extra(const char *s, bool allow_newlines, const struct pb_extra_font *x);

/* Whitespace: plain values are trimmed and every run of spaces, tabs and newlines becomes one
 * space; Markdown values keep their lines but lose the indentation they share (XML layout) and
 * blank lines at either end. Both write into a new malloc'd string. */
char *text_plain(const char *s);
char *text_markdown(const char *s);
#endif
