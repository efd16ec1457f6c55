/* statutory.c: the table; see statutory.h. A field counts as used when a template prints it
 * (or prints something inside it, as {{provision}} inside {{#budget.items}} uses budget.items). */
#include "authoring/statutory.h"

#include "docs/kinds.h"

#define REF (1u << DOC_REFUSAL)
#define RED (1u << DOC_REDUCTION)
#define REP (1u << DOC_REPAYMENT)
#define SJ (1u << DOC_SECTION_J)
#define LETTERS STATUTORY_LETTERS

const statutory_block statutory_blocks[] = {
    {REF, false, "refusal.reasons", "the reasons for the decision must be given"},
    {REF, false, "refusal.review_by", "the date by which to ask for a review must be stated"},

    {RED, false, "reduction.reasons", "the reasons for the reduction must be given"},
    {RED, false, "reduction.effective_date", "the effective date must be stated"},
    {RED, false, "reduction.reconsider_by", "the right to ask for reconsideration, and by when, must be stated"},

    {REP, false, "repayment.reasons", "the reasons for asking for the money back must be given"},
    {REP, false, "repayment.amount", "the amount to repay must be stated"},
    {REP, false, "repayment.due_date", "the date by which to repay must be stated"},
    {REP, false, "repayment.how_to_pay", "how to pay must be stated"},

    {SJ, false, "section_j.streams[].items[].provision", "Section J must set out each part of the personal budget"},
    {SJ, false, "section_j.streams[].items[].needs[].ref", "Section J must give the needs (Section B) each direct payment meets"},
    {SJ, false, "section_j.streams[].items[].outcomes[].ref", "Section J must give the outcomes (Section E) each direct payment meets"},
    {SJ, false, "section_j.streams[].items[].payee", "Section J must say who receives each direct payment"},
    {SJ, false, "section_j.total", "Section J must state the whole personal budget"},
    {SJ, false, "section_j.refusal_date", "Section J must say where a refusal's reasons are"},
    {SJ, false, "section_j.issued", "Section J must give the date it was last updated"},
    {SJ, false, "section_j.first_review_by", "Section J must say when the personal budget is first reviewed"},

    {LETTERS, true, "advice", "every letter must say where to get free, independent advice and how to complain"},
    {LETTERS, true, "formats", "every letter must offer itself in other formats"},
    {LETTERS, false, "officer.name", "every letter must name an officer the family can contact"},
};

const size_t statutory_blocks_len = sizeof statutory_blocks / sizeof statutory_blocks[0];

bool statutory_applies(const statutory_block *b, doc_kind k)
{
    return b->kinds == STATUTORY_LETTERS ? doc_kinds[k].letter : (b->kinds >> k) & 1;
}
