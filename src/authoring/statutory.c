/* statutory.c: the table; see statutory.h. A field counts as used when a template prints it
 * (or prints something inside it, as {{provision}} inside {{#budget.items}} uses budget.items). */
#include "authoring/statutory.h"

#include "case/kind_sets.h"
#include "docs/kinds.h"

#define DECISIONS (REF | RED | REP | STOP)
#define LETTERS STATUTORY_LETTERS

const statutory_block statutory_blocks[] = {
    /* statutory.md 2.1-2.3: each row's why starts with its checklist item. */
    {DECISIONS, false, "recipient.salutation", "R1/N1/S1/P1: the letter must be addressed to the person the decision is for"},
    {DECISIONS, false, "sent.statement", "N2/P5: the letter must say truly how it is sent"},
    {REF | RED | STOP, false, "education.decision_maker", "R12: each stream's items must name its own decision-maker"},
    {REF | RED | STOP, false, "social_care.decision_maker", "R12: each stream's items must name its own decision-maker"},

    {REF, false, "refusal.requested", "R3: the date of the request must be stated"},
    {REF, false, "refusal.grounds[].words", "R5: each legal ground must be named"},
    {REF, false, "refusal.grounds[].legal_basis", "R5: each ground's law must be given"},
    {REF, false, "refusal.reasons", "R5: the reasons for the decision must be given"},
    {REF, false, "refusal.review_by", "R6: the date by which to ask for a review must be stated"},
    {REF, false, "refusal.reply_within", "R7: when the council replies in writing must be stated"},
    {REF, true, "review-rights", "R6/R9: the review and the Tribunal position must be explained"},

    {RED, false, "reduction.reasons", "N4: the reasons for the reduction must be given"},
    {RED, false, "reduction.new_total", "N3: the new amounts must be stated"},
    {RED, false, "reduction.effective_date", "N5: the effective date must be stated"},
    {RED, false, "reduction.deemed_receipt", "N5: the date the notice is treated as received must be stated"},
    {RED, false, "reduction.reconsider_by", "N7: the right to ask for reconsideration, and by when, must be stated"},
    {RED, false, "policy.notice_words", "N10: the notice given must be stated"},
    {RED | STOP, true, "reconsideration", "N7-N8/S6: how to ask for reconsideration and the written reply must be explained"},

    {STOP, false, "stop.reasons", "S2: the reasons for stopping must be given"},
    {STOP, false, "stop.ground", "S3: the ground must be named"},
    {STOP, false, "stop.ground_basis", "S3: the basis of the ground must be given"},
    {STOP, false, "stop.stop_date", "S4: the stop date must be stated"},
    {STOP, false, "policy.notice_words", "S4: the notice given must be stated"},
    {STOP, false, "stop.consent_withdrawn_on", "S4: a withdrawal of consent must be confirmed with its date"},
    {STOP, false, "stop.continuation", "S5: how the provision continues from the stop date must be stated"},
    {STOP, false, "stop.reconsider_by", "S6: the right to ask for reconsideration, and by when, must be stated"},

    {REP, false, "repayment.reasons", "P2: the reasons for asking for the money back must be given"},
    {REP, false, "repayment.grounds", "P2: the ground must be named"},
    {REP, false, "repayment.amount", "P3: the amount to repay must be stated"},
    {REP, false, "repayment.paid", "P3: the breakdown must give what was paid"},
    {REP, false, "repayment.spent", "P3: the breakdown must give what was spent"},
    {REP, false, "repayment.due_date", "P4: the date by which to repay must be stated"},
    {REP, false, "repayment.reconsider_by", "P6: the right to ask for reconsideration, and by when, must be stated"},
    {REP, false, "repayment.how_to_pay", "P7: how to pay must be stated"},

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
