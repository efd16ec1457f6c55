/* xml.h: safe XML for case data and council profiles, and schema checks, on libxml2.
 *
 * Safe by construction: no network (XML_PARSE_NONET), no entity substitution, no DTD loading,
 * and any DOCTYPE is refused before the parser sees it, so entity bombs and external entities
 * (XXE) have nothing to work with; libxml2's default depth limit (256) stands; inputs are size
 * capped. Every problem becomes a diag with its line number. */
#ifndef PBDOCS_XML_H
#define PBDOCS_XML_H
#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "core/diag.h"

#define XML_MAX_CASE_BYTES (64u << 20)  /* one case (or one case file): 64 MiB */

/* Where diags of one parse go and how lines map back to the file the user has. */
typedef struct xml_origin {
    const char *file;
    int line_offset;    /* added to every line: the case's own line in a <cases> stream, minus 1 */
    const char *case_id; /* NULL until known */
    /* Whether a name the parser met may be repeated in a message (a name of the schema); NULL:
     * none may. Case data may hold personal details where a name should be (an unescaped
     * "Mary <Smith>", "&Smith;"), and messages must not repeat them. */
    bool (*may_quote)(const char *name);
} xml_origin;

/* libxml2's message for a parser error, in one line and plain words, without the names it
 * quotes from the text unless may_quote allows them. */
void xml_parser_message(const xmlError *e, bool (*may_quote)(const char *name), char *msg,
                        size_t size);

/* True when the prolog of buf[0..len) holds a DOCTYPE (refused: case data never needs one). */
bool xml_has_doctype(const char *buf, size_t len);

/* Parses buf; NULL with diags when it is not well-formed XML or holds a DOCTYPE. */
xmlDocPtr xml_parse(const char *buf, size_t len, const xml_origin *o, diag_list *errs);

/* Checks doc against the RelaxNG schema at schema_path (compiled once and kept).
 * Returns the number of problems added to errs; -1 when the schema itself cannot be loaded. */
int xml_validate(xmlDocPtr doc, const char *schema_path, const xml_origin *o, diag_list *errs);

/* The field path of node below the document element: "recipient/address/postcode";
 * attributes as "plan/@issued". Written into buf. */
void xml_field_path(xmlNodePtr node, char *buf, size_t size);

/* The line of node in the user's file (with the origin's offset). */
int xml_line(xmlNodePtr node, const xml_origin *o);

/* Reads a whole file if it is at most max bytes; NULL with a diag otherwise. *too_big says
 * whether it was refused for size. */
char *xml_read_file(const char *path, size_t max, size_t *len, diag_list *errs, bool *too_big);
#endif
