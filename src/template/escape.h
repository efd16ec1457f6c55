/* escape.h: what {{name}} does to a value. Raw tags ({{{x}}}, {{&x}}) bypass these.
 *
 * mu_escape_html: the spec's HTML escaping (& " < > become &amp; &quot; &lt; &gt;). Used by the
 * spec tests; letters do not use it.
 *
 * mu_escape_markdown: makes a plain value print literally once cmark-gfm (with the table,
 * strikethrough, autolink and tagfilter extensions) has parsed the Markdown it lands in,
 * wherever it lands: mid-line, at the start of a line, in a list item, a heading or a table
 * cell. It never changes the structure around it:
 *   - every ASCII punctuation character gets a backslash, so nothing in a value can open
 *     emphasis, code, a link, raw HTML, an entity, a table cell, strikethrough, a heading, a
 *     quote, a list ("1." and "-" included), a thematic break or a setext underline;
 *   - white space at the very start or end of the value (spaces, tabs, line breaks, and
 *     Unicode space separators such as U+00A0) is written as character references (&#32;
 *     &#9; &#160;), which cmark turns back into the same characters but does not treat as
 *     indentation (no code block), does not strip, and does not count as white space beside
 *     the template's own ** (so "**{{x}}**" stays bold whatever x starts or ends with);
 *   - a line break in a value (\n, \r\n or \r) becomes ONE SPACE. A value therefore always
 *     stays on the line it was put on: a newline inside a value could otherwise end a table
 *     row or a heading, or (blank line) end a paragraph. Multi-line data such as an address
 *     reaches templates as a list of lines and the template decides the line breaks.
 *   - a NUL byte becomes U+FFFD, as cmark would make it.
 * So the text cmark gives back equals the value with each line break replaced by a space
 * (tests/test_mustache_escape.c checks exactly that on generated hostile strings). */
#ifndef PBDOCS_ESCAPE_H
#define PBDOCS_ESCAPE_H
#include <stddef.h>

#include "core/strbuf.h"

void mu_escape_html(strbuf *out, const char *s, size_t n);
void mu_escape_markdown(strbuf *out, const char *s, size_t n);
#endif
