/* kind.h: the kinds of document a case can ask for, as far as the case format knows them.
 *
 * A kind's facts live in two tables indexed by the one enum, split at the folder order
 * (case -> ... -> docs): what the case format needs is here, in case/ (the element's name,
 * which is also the kind's name in file names and messages, and where the case model keeps the
 * document's issue date); what a document needs (title, letter or not, context builder, running
 * header, template) is in docs/kinds.h, which case/ may not include. Nothing else lists the
 * kinds or tests for one: loops run to DOC_KIND_COUNT and read these tables. Only what is
 * written per kind anyway names them: the parsing of each element (load.c's readers, explain.c,
 * case.rng), the context builders and the field catalogue's rows.
 * Read-only after compilation: any thread may call these. */
#ifndef PBDOCS_KIND_H
#define PBDOCS_KIND_H
#include <stddef.h>

#include "core/date.h"

/* A new kind is added before DOC_KIND_COUNT, with its row in kind.c and docs/kinds.c. */
typedef enum {
    DOC_REFUSAL, DOC_REDUCTION, DOC_REPAYMENT, DOC_SECTION_J, DOC_STOP, DOC_KIND_COUNT
} doc_kind;

struct pb_case;
struct pb_sending;

/* The element's name in case XML, also used in file names and messages: "section-j". */
const char *doc_kind_name(doc_kind k);
/* The kind an element name stands for, or -1 when unknown. */
int doc_kind_parse(const char *s);
/* The date the case gives for issuing its document of kind k (its issued attribute). */
pb_date doc_kind_issued(const struct pb_case *c, doc_kind k);
/* How the case says its document of kind k is sent (its sent-by and sent-at attributes). */
const struct pb_sending *doc_kind_sent(const struct pb_case *c, doc_kind k);
/* Every kind's name for messages, "refusal, reduction, repayment or section-j"; returns buf. */
const char *doc_kind_words(char *buf, size_t size);
#endif
