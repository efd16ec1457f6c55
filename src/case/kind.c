/* kind.c: the case format's table of document kinds; see kind.h for why it is split from
 * docs/kinds.c. */
#include "case/kind.h"

#include <stdio.h>
#include <string.h>

#include "case/case.h"

typedef struct case_kind {
    const char *name;      /* the element, <refusal> */
    size_t issued_offset;  /* where the document's issued date sits in pb_case */
    size_t sent_offset;    /* where its pb_sending sits */
} case_kind;

static const case_kind kinds[DOC_KIND_COUNT] = {
    [DOC_REFUSAL] = {"refusal", offsetof(pb_case, refusal.issued),
                     offsetof(pb_case, refusal.sent)},
    [DOC_REDUCTION] = {"reduction", offsetof(pb_case, reduction.issued),
                     offsetof(pb_case, reduction.sent)},
    [DOC_REPAYMENT] = {"repayment", offsetof(pb_case, repayment.issued),
                     offsetof(pb_case, repayment.sent)},
    [DOC_SECTION_J] = {"section-j", offsetof(pb_case, section_j.issued),
                     offsetof(pb_case, section_j.sent)},
    [DOC_STOP] = {"stop", offsetof(pb_case, stop.issued),
                     offsetof(pb_case, stop.sent)},
};

const char *doc_kind_name(doc_kind k)
{
    return kinds[k].name;
}

int doc_kind_parse(const char *s)
{
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (kinds[k].name && strcmp(s, kinds[k].name) == 0)
            return k;
    return -1;
}

pb_date doc_kind_issued(const pb_case *c, doc_kind k)
{
    return *(const pb_date *)((const char *)c + kinds[k].issued_offset);
}

const pb_sending *doc_kind_sent(const pb_case *c, doc_kind k)
{
    return (const pb_sending *)((const char *)c + kinds[k].sent_offset);
}

const char *doc_kind_words(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < DOC_KIND_COUNT && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 k == 0 ? "" : k == DOC_KIND_COUNT - 1 ? " or " : ", ", kinds[k].name);
    return buf;
}
