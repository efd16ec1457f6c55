/* fields.c: the field catalogue; see fields.h. Keep it in step with context.c and the kind
 * files: tests/test_fields.c fails when a context has a name this table lacks, or the other way. */
#include "docs/fields.h"

#include <string.h>

#define ALL FIELD_ALL_KINDS
#define REF (1u << DOC_REFUSAL)
#define RED (1u << DOC_REDUCTION)
#define REP (1u << DOC_REPAYMENT)
#define SJ (1u << DOC_SECTION_J)
#define STOP (1u << DOC_STOP)

const field_info field_catalogue[] = {
    {"date", ALL, FIELD_TEXT, "the date the document is issued", "23 November 2026"},
    {"reference", ALL, FIELD_TEXT, "our reference: the case id", "BNES-2026-0142"},

    {"council", ALL, FIELD_MAP, "the council's profile (templates/councils/ID.xml)", ""},
    {"council.name", ALL, FIELD_TEXT, "the council's name", "Bath and North East Somerset Council"},
    {"council.address", ALL, FIELD_TEXT_LIST, "the council's postal address, a line each", "Lewis House, Manvers Street"},
    {"council.phone", ALL, FIELD_OPTIONAL, "the SEND team's phone number", "0117 496 0142"},
    {"council.email", ALL, FIELD_OPTIONAL, "the SEND team's email address", "send@bathnes.example.gov.uk"},
    {"council.website", ALL, FIELD_OPTIONAL, "the SEND team's web page", "www.bathnes.example.gov.uk/send"},
    {"council.signatory", ALL, FIELD_MAP, "who signs letters", ""},
    {"council.signatory.name", ALL, FIELD_TEXT, "the signatory's name", "Helen Marsh"},
    {"council.signatory.role", ALL, FIELD_TEXT, "the signatory's role", "Head of SEND Services"},
    {"council.sendiass", ALL, FIELD_MAP, "the SEND information, advice and support service", ""},
    {"council.sendiass.name", ALL, FIELD_OPTIONAL, "its name", "SENDIAS Service Bath and North East Somerset"},
    {"council.sendiass.address", ALL, FIELD_TEXT_LIST, "its postal address, a line each (may be empty)", ""},
    {"council.sendiass.phone", ALL, FIELD_OPTIONAL, "its phone number", "0117 496 0143"},
    {"council.sendiass.email", ALL, FIELD_OPTIONAL, "its email address", "sendias@bathnes.example.org.uk"},
    {"council.sendiass.website", ALL, FIELD_OPTIONAL, "its web page", "www.bathnes.example.org.uk/sendias"},
    {"council.complaints", ALL, FIELD_MAP, "the council's complaints team", ""},
    {"council.complaints.name", ALL, FIELD_OPTIONAL, "its name", "Complaints and Feedback Team"},
    {"council.complaints.address", ALL, FIELD_TEXT_LIST, "its postal address, a line each (may be empty)", "Lewis House, Manvers Street"},
    {"council.complaints.phone", ALL, FIELD_OPTIONAL, "its phone number", "0117 496 0144"},
    {"council.complaints.email", ALL, FIELD_OPTIONAL, "its email address", "complaints@bathnes.example.gov.uk"},
    {"council.complaints.website", ALL, FIELD_OPTIONAL, "its web page", ""},
    {"council.policy", ALL, FIELD_TEXT, "the title of the council's personal budget policy", "Bath and North East Somerset Council SEND Personal Budget Policy (November 2015)"},
    {"council.notes", ALL, FIELD_MARKDOWN, "council-specific conditions from its policy, or false", "We will check how the personal budget is working..."},
    {"council.reconsiderations", ALL, FIELD_TEXT, "how many reconsiderations of a decision the council will do, in words", "one"},
    {"council.one_reconsideration", ALL, FIELD_FLAG, "true when the council reconsiders a decision only once", "true"},

    {"child", ALL, FIELD_MAP, "the child or young person the plan is for", ""},
    {"child.given_names", ALL, FIELD_TEXT, "given names", "Zoë"},
    {"child.family_name", ALL, FIELD_TEXT, "family name", "Łukasiewicz-O'Brien"},
    {"child.full_name", ALL, FIELD_TEXT, "given names and family name", "Zoë Łukasiewicz-O'Brien"},
    {"child.date_of_birth", ALL, FIELD_TEXT, "date of birth", "11 February 2013"},

    {"recipient", ALL, FIELD_MAP, "who the letter is addressed to", ""},
    {"recipient.title", ALL, FIELD_OPTIONAL, "title, or false", "Mrs"},
    {"recipient.name", ALL, FIELD_TEXT, "name as the case gives it", "Anna Łukasiewicz"},
    {"recipient.full_name", ALL, FIELD_TEXT, "title and name", "Mrs Anna Łukasiewicz"},
    {"recipient.salutation", ALL, FIELD_TEXT, "the letter's greeting", "Dear Mrs Anna Łukasiewicz"},
    {"recipient.address", ALL, FIELD_TEXT_LIST, "address lines, without the postcode", "14 Widcombe Parade"},
    {"recipient.postcode", ALL, FIELD_TEXT, "postcode, upper case with one space", "BA2 4JT"},
    {"recipient.is_parent", ALL, FIELD_FLAG, "true when the recipient is the child's parent", "true"},
    {"recipient.is_young_person", ALL, FIELD_FLAG, "true when the recipient is the young person", "false"},
    {"recipient.is_representative", ALL, FIELD_FLAG, "true when the recipient acts for the young person", "false"},

    {"plan", ALL, FIELD_MAP, "the EHC plan", ""},
    {"plan.reference", ALL, FIELD_TEXT, "the plan's reference", "EHCP-0142"},
    {"plan.issued", ALL, FIELD_TEXT, "the date the plan was issued", "1 June 2024"},

    {"officer", ALL, FIELD_MAP, "the named officer the family can contact", ""},
    {"officer.name", ALL, FIELD_TEXT, "name", "Siân Pritchard"},
    {"officer.role", ALL, FIELD_TEXT, "role", "SEND Casework Officer"},
    {"officer.phone", ALL, FIELD_TEXT, "phone number", "01632 960142"},
    {"officer.email", ALL, FIELD_TEXT, "email address", "sian.pritchard@example.gov.uk"},

    {"budget", ALL, FIELD_MAP, "the personal budget as it stands", ""},
    {"budget.items", ALL, FIELD_LIST, "each item of the personal budget", ""},
    {"budget.items[].id", ALL, FIELD_TEXT, "the item's id in the case", "SLT"},
    {"budget.items[].provision", ALL, FIELD_TEXT, "the provision the item pays for", "Speech and language therapy, one hour a week in term time"},
    {"budget.items[].outcomes", ALL, FIELD_TEXT_LIST, "the outcomes it supports", "Zoë will use short sentences to ask for help in class"},
    {"budget.items[].stream", ALL, FIELD_TEXT, "funding stream", "Education"},
    {"budget.items[].arrangement", ALL, FIELD_TEXT, "how it is managed", "Direct payment"},
    {"budget.items[].is_direct_payment", ALL, FIELD_FLAG, "true when paid as a direct payment", "true"},
    {"budget.items[].annual_amount", ALL, FIELD_TEXT, "amount a year", "£2,400.00"},
    {"budget.totals", ALL, FIELD_LIST, "one row per funding stream the budget uses", ""},
    {"budget.totals[].stream", ALL, FIELD_TEXT, "funding stream", "Education"},
    {"budget.totals[].amount", ALL, FIELD_TEXT, "its total a year", "£2,400.00"},
    {"budget.has_education", ALL, FIELD_FLAG, "true when an item is funded by education", "true"},
    {"budget.has_health", ALL, FIELD_FLAG, "true when an item is funded by health", "false"},
    {"budget.has_social_care", ALL, FIELD_FLAG, "true when an item is funded by social care", "true"},
    {"budget.education_total", ALL, FIELD_TEXT, "education total a year", "£2,400.00"},
    {"budget.health_total", ALL, FIELD_TEXT, "health total a year", "£0.00"},
    {"budget.social_care_total", ALL, FIELD_TEXT, "social care total a year", "£1,850.50"},
    {"budget.total", ALL, FIELD_TEXT, "the whole personal budget a year", "£4,250.50"},
    {"budget.has_direct_payments", ALL, FIELD_FLAG, "true when any item is a direct payment", "true"},

    {"refusal", REF, FIELD_MAP, "the refusal decision", ""},
    {"refusal.issued", REF, FIELD_TEXT, "the date of the decision letter", "23 November 2026"},
    {"refusal.is_personal_budget", REF, FIELD_FLAG, "true when a personal budget is refused", "true"},
    {"refusal.is_direct_payment", REF, FIELD_FLAG, "true when direct payments are refused", "false"},
    {"refusal.items", REF, FIELD_LIST, "the items the request was for (may be empty)", ""},
    {"refusal.items[].id", REF, FIELD_TEXT, "the item's id", "SLT"},
    {"refusal.items[].provision", REF, FIELD_TEXT, "the provision asked for", "Speech and language therapy"},
    {"refusal.items[].annual_amount", REF, FIELD_TEXT, "its amount a year", "£2,400.00"},
    {"refusal.has_items", REF, FIELD_FLAG, "true when the request named items", "true"},
    {"refusal.deemed_receipt", REF, FIELD_TEXT, "the day the letter is treated as received", "Wednesday 25 November 2026"},
    {"refusal.review_by", REF, FIELD_TEXT, "the last day to ask for a review", "Wednesday 6 January 2027"},
    {"refusal.review_within", REF, FIELD_TEXT, "the time allowed to ask for a review", "28 working days"},
    {"refusal.reviewer", REF, FIELD_TEXT, "who carries out the review", "the SEND Service Manager, who was not involved in the decision"},
    {"refusal.reply_within", REF, FIELD_TEXT, "how soon the council replies to a review request", "15 working days"},
    {"refusal.reasons", REF, FIELD_MARKDOWN_LIST, "the reasons for the decision", "We cannot separate the cost of..."},

    {"reduction", RED, FIELD_MAP, "the reduction notice", ""},
    {"reduction.issued", RED, FIELD_TEXT, "the date the notice is sent", "23 November 2026"},
    {"reduction.service", RED, FIELD_TEXT, "how the notice is sent", "first-class post"},
    {"reduction.deemed_receipt", RED, FIELD_TEXT, "the day the notice is treated as received", "Wednesday 25 November 2026"},
    {"reduction.last_day", RED, FIELD_TEXT, "the last day of the notice period", "Thursday 7 January 2027"},
    {"reduction.effective_date", RED, FIELD_TEXT, "the day the change takes effect", "Friday 8 January 2027"},
    {"reduction.notice", RED, FIELD_TEXT, "the notice period", "28 working days"},
    {"reduction.reconsider_by", RED, FIELD_TEXT, "the last day to ask for a reconsideration", "Thursday 7 January 2027"},
    {"reduction.reconsider_within", RED, FIELD_TEXT, "the time allowed to ask for a reconsideration", "28 working days"},
    {"reduction.changes", RED, FIELD_LIST, "each item reduced", ""},
    {"reduction.changes[].id", RED, FIELD_TEXT, "the item's id", "SLT"},
    {"reduction.changes[].provision", RED, FIELD_TEXT, "the provision", "Speech and language therapy"},
    {"reduction.changes[].current_amount", RED, FIELD_TEXT, "its amount a year now", "£2,400.00"},
    {"reduction.changes[].new_amount", RED, FIELD_TEXT, "its new amount a year", "£1,200.00"},
    {"reduction.changes[].difference", RED, FIELD_TEXT, "the reduction a year", "£1,200.00"},
    {"reduction.current_total", RED, FIELD_TEXT, "the changed items' total now", "£2,400.00"},
    {"reduction.new_total", RED, FIELD_TEXT, "the changed items' new total", "£1,200.00"},
    {"reduction.difference", RED, FIELD_TEXT, "the total reduction a year", "£1,200.00"},
    {"reduction.budget_before", RED, FIELD_TEXT, "the whole personal budget now", "£4,250.50"},
    {"reduction.budget_after", RED, FIELD_TEXT, "the whole personal budget after the change", "£3,050.50"},
    {"reduction.reasons", RED, FIELD_MARKDOWN_LIST, "the reasons for the reduction", "At the annual review..."},

    {"repayment", REP, FIELD_MAP, "the repayment demand", ""},
    {"repayment.issued", REP, FIELD_TEXT, "the date the demand is sent", "23 November 2026"},
    {"repayment.amount", REP, FIELD_TEXT, "the amount to repay", "£812.50"},
    {"repayment.deemed_receipt", REP, FIELD_TEXT, "the day the letter is treated as received", "Wednesday 25 November 2026"},
    {"repayment.due_date", REP, FIELD_TEXT, "the date by which to repay", "Wednesday 23 December 2026"},
    {"repayment.repay_within", REP, FIELD_TEXT, "the time allowed to repay", "28 days"},
    {"repayment.reconsider_by", REP, FIELD_TEXT, "the last day to ask for a reconsideration", "Wednesday 23 December 2026"},
    {"repayment.grounds", REP, FIELD_TEXT_LIST, "why the money is asked back, a sentence each", "some or all of the payments have not been used for the agreed provision"},
    {"repayment.ground_circumstances_changed", REP, FIELD_FLAG, "true for that ground", "false"},
    {"repayment.ground_unused", REP, FIELD_FLAG, "true for that ground", "true"},
    {"repayment.ground_misuse", REP, FIELD_FLAG, "true for that ground", "false"},
    {"repayment.ground_death", REP, FIELD_FLAG, "true for that ground", "false"},
    {"repayment.has_period", REP, FIELD_FLAG, "true when the demand covers a stated period", "true"},
    {"repayment.period_from", REP, FIELD_OPTIONAL, "the period's first day, or false", "1 April 2026"},
    {"repayment.period_to", REP, FIELD_OPTIONAL, "the period's last day, or false", "30 September 2026"},
    {"repayment.payer", REP, FIELD_TEXT, "who must repay", "Anna Łukasiewicz"},
    {"repayment.payer_is_estate", REP, FIELD_FLAG, "true when a deceased young person's estate repays", "false"},
    {"repayment.how_to_pay", REP, FIELD_MARKDOWN, "how to pay, from the council's profile", "Pay by bank transfer..."},
    {"repayment.reasons", REP, FIELD_MARKDOWN_LIST, "the facts behind the demand", "Our audit of the account..."},

    {"section_j", SJ, FIELD_MAP, "Section J of the EHC plan", ""},
    {"section_j.issued", SJ, FIELD_TEXT, "the date this section is issued", "23 November 2026"},
    {"section_j.summary", SJ, FIELD_MARKDOWN, "the summary of the personal budget", "Zoë's personal budget pays for..."},
    {"section_j.direct_payment_arrangements", SJ, FIELD_MARKDOWN, "the direct payment arrangements, or false", "Payments are made every four weeks..."},
    {"section_j.first_review_by", SJ, FIELD_TEXT, "the first review, 3 months after issue", "23 February 2027"},

    {"stop", STOP, FIELD_MAP, "the stop notice", ""},
    {"stop.issued", STOP, FIELD_TEXT, "the date the notice is sent", "23 November 2026"},
    {"stop.service", STOP, FIELD_TEXT, "how the notice is sent", "first-class post"},
    {"stop.deemed_receipt", STOP, FIELD_TEXT, "the day the notice is treated as received", "Wednesday 25 November 2026"},
    {"stop.gives_notice", STOP, FIELD_FLAG, "true when the letter gives notice; false when it confirms a withdrawal of consent", "true"},
    {"stop.last_day", STOP, FIELD_TEXT, "the last day of the notice period", "Thursday 7 January 2027"},
    {"stop.stop_date", STOP, FIELD_TEXT, "the day the direct payments stop: after the notice, or the date consent was withdrawn", "Friday 8 January 2027"},
    {"stop.consent_withdrawn_on", STOP, FIELD_OPTIONAL, "the date of the recipient's written withdrawal of consent, or false", "Monday 16 November 2026"},
    {"stop.notice", STOP, FIELD_TEXT, "the notice period", "28 working days"},
    {"stop.notice_from_policy", STOP, FIELD_FLAG, "true when the council's published policy sets the notice period for stopping direct payments", "false"},
    {"stop.reconsider_by", STOP, FIELD_TEXT, "the last day to ask for a reconsideration", "Thursday 7 January 2027"},
    {"stop.reconsider_within", STOP, FIELD_TEXT, "the time allowed to ask for a reconsideration", "28 working days"},
    {"stop.items", STOP, FIELD_LIST, "each direct payment that stops", ""},
    {"stop.items[].id", STOP, FIELD_TEXT, "the item's id", "PA"},
    {"stop.items[].provision", STOP, FIELD_TEXT, "the provision it pays for", "Personal assistant, four hours a week"},
    {"stop.items[].annual_amount", STOP, FIELD_TEXT, "its amount a year", "£3,120.00"},
    {"stop.items[].is_education", STOP, FIELD_FLAG, "true for an education item", "false"},
    {"stop.items[].is_social_care", STOP, FIELD_FLAG, "true for a social care item", "true"},
    {"stop.ground", STOP, FIELD_TEXT, "the ground, in words, to follow \"This is because\"", "the EHC plan has ceased"},
    {"stop.ground_basis", STOP, FIELD_TEXT, "why that ground ends direct payments", "Direct payments from a personal budget pay for support set out in an EHC plan..."},
    {"stop.ground_consent_withdrawn", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_no_longer_eligible", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_review_not_used_for_provision", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_review_cannot_secure_by_dp", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_adverse_impact", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_not_efficient", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_provision_removed", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_plan_ceased", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.ground_death", STOP, FIELD_FLAG, "true for that ground", "false"},
    {"stop.personal_assistant", STOP, FIELD_FLAG, "true when the direct payments employ a personal assistant", "false"},
    {"stop.reasons", STOP, FIELD_MARKDOWN_LIST, "the reasons for the decision", "At the review on 2 November 2026..."},
    {"stop.continuation", STOP, FIELD_MARKDOWN, "how the support is delivered from the stop date, with no gap", "From the stop date the council will arrange..."},
};

const size_t field_catalogue_len = sizeof field_catalogue / sizeof field_catalogue[0];

const char *field_type_name(field_type t)
{
    static const char *const names[] = {"text", "text or false", "Markdown", "true/false",
                                        "list", "list of texts", "list of Markdown", "group"};
    return names[t];
}

const field_info *field_lookup(const char *name, doc_kind kind)
{
    for (size_t i = 0; i < field_catalogue_len; i++)
        if ((field_catalogue[i].kinds & (1u << kind)) && strcmp(field_catalogue[i].name, name) == 0)
            return &field_catalogue[i];
    return NULL;
}
