/* rng_explain.h: names the attribute a RelaxNG validation failed on, read from the schema itself.
 * libxml2 says only "Element reduction-notice failed to validate attributes"; this walks the
 * document and, for each attribute, finds its <attribute> in the schema (through <ref>s) and
 * says what is wrong: not an attribute of that element, a value outside its <choice> (with the
 * allowed values and a "did you mean"), or not a number of the type the schema asks for.
 * Used for council profiles, which hold no personal data (values may be quoted). Any thread. */
#ifndef PBDOCS_RNG_EXPLAIN_H
#define PBDOCS_RNG_EXPLAIN_H
#include <libxml/tree.h>

#include "case/xml.h"
#include "core/diag.h"

/* Adds a problem (class DIAG_DATA; the caller raises it) for each attribute of doc the schema
 * at schema_path does not allow; returns how many (0 when the schema cannot be read). */
int rng_explain_attributes(xmlDocPtr doc, const char *schema_path, const xml_origin *o,
                           diag_list *errs);
#endif
