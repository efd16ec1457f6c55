/* utf8.h: the one UTF-8 decoder (and encoder), in the two ways its callers treat bad input.
 *
 * Checking a case value (case/rules.c) must refuse malformed text outright, so utf8_next is
 * strict and says so. The layout takes Markdown that may hold anything and never stops on it:
 * utf8_decode turns each malformed piece into U+FFFD, which the layout then reports as a
 * character it cannot print. Both are pure functions, safe from any thread. */
#ifndef PBDOCS_UTF8_H
#define PBDOCS_UTF8_H
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

#define UTF8_REPLACEMENT 0xFFFDu

/* Strict: the code point at s[*i] of s[0..n), with *i moved past it; or -1, *i unchanged, when
 * the bytes there are not well-formed UTF-8 (a stray or bad lead byte, a missing continuation
 * byte, an overlong form, a surrogate, or a value above U+10FFFF). */
int32_t utf8_next(const char *s, size_t n, size_t *i);

/* Replacing: decodes the character at s[0..len) (len >= 1) into *cp and returns the bytes it
 * took, always at least 1. Bad input gives UTF8_REPLACEMENT: for a byte that cannot start a
 * character, that byte; for a missing continuation byte, the bytes before it; for a sequence
 * cut off by the end, the rest of the text. Overlong forms and surrogates are not checked: they
 * decode to their value, which no font can print. */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Appends cp (below 0x200000) to sb as UTF-8. */
void utf8_put(strbuf *sb, uint32_t cp);
#endif
