/* form_words.c: the officers' page's words for the case format: a label, a hint, the kind of
 * input and when a field applies, for each attribute, element and closed-list value the page
 * asks for. The structure itself (which fields a kind has, which values a list allows) comes
 * from the case format's table (case/explain.h), so a field or kind with no row here still
 * appears, labelled by its name; this table only makes it read well. */
#include <string.h>

#include "serve/form.h"

/* "*" as the element matches any element. */
static const form_word words[] = {
    /* Every document */
    {"*/@issued", "Date of issue", "Year-month-day, for example 2026-11-23. The letter's dates run from it.", "date", NULL},
    {"*/@sent-by", "How it is sent", "Leave this as the council's usual method unless you send it another way.", NULL, NULL},
    {"*/@sent-by=", "The council's usual method", NULL, NULL, NULL},
    {"*/@sent-by=first-class", "First-class post", NULL, NULL, NULL},
    {"*/@sent-by=second-class", "Second-class post", NULL, NULL, NULL},
    {"*/@sent-by=hand", "By hand", NULL, NULL, NULL},
    {"*/@sent-by=email", "By email", NULL, NULL, NULL},
    {"*/@sent-at", "Time sent", "24-hour clock, for example 15:45. Sent at or after 16:30, it counts as sent the next working day.", "time", "@sent-by=hand|email"},
    {"*/reason", "Reasons", "Leave a blank line between paragraphs. **Two stars** make words bold.", "markdown", NULL},
    {"*/item", "Items", "The personal budget items it is about.", "items", NULL},
    {"*/@ref", "Item", NULL, "item-ref", NULL},

    /* Refusal */
    {"refusal", "Refusal of a personal budget or direct payments", NULL, NULL, NULL},
    {"refusal/@requested", "Date of the request", "Year-month-day: when the family asked.", "date", NULL},
    {"refusal/@scope", "What is refused", NULL, NULL, NULL},
    {"refusal/@scope=personal-budget", "A personal budget", NULL, NULL, NULL},
    {"refusal/@scope=direct-payment", "Direct payments", NULL, NULL, NULL},
    {"refusal/item", "Items asked for (optional)", "The personal budget items the request was about.", "items", NULL},
    {"refusal/ground", "Grounds for the refusal", "Select every ground that applies. The grounds listed follow what is refused.", NULL, NULL},
    {"refusal/ground=4A-adverse-impact", "Separating the amount would harm other services (reg 4A)", NULL, NULL, NULL},
    {"refusal/ground=4A-not-efficient", "Separating the amount would not be an efficient use of resources (reg 4A)", NULL, NULL, NULL},
    {"refusal/ground=outside-request-times", "Not asked for at a time the regulations allow (reg 4)", NULL, NULL, NULL},
    {"refusal/ground=not-in-plan", "The support is not in the EHC plan (s.49(2))", NULL, NULL, NULL},
    {"refusal/ground=r5-not-capable", "The person could not manage direct payments (reg 5)", NULL, NULL, NULL},
    {"refusal/ground=r5-age", "The person is not over compulsory school age (reg 5)", NULL, NULL, NULL},
    {"refusal/ground=r5-capacity", "The person lacks capacity to consent (reg 5)", NULL, NULL, NULL},
    {"refusal/ground=r5-schedule", "The person may not receive direct payments (reg 5 and the Schedule)", NULL, NULL, NULL},
    {"refusal/ground=r6-appropriate-use", "Not an appropriate way to secure the support (reg 6)", NULL, NULL, NULL},
    {"refusal/ground=r6-best-interests", "The person would not act in the child's best interests (reg 6)", NULL, NULL, NULL},
    {"refusal/ground=r6-adverse-impact", "Direct payments would harm other services (reg 6)", NULL, NULL, NULL},
    {"refusal/ground=r6-not-efficient", "Direct payments would not be an efficient use of resources (reg 6)", NULL, NULL, NULL},
    {"refusal/ground=head-teacher-not-agreed", "The head teacher or principal has not agreed (reg 6)", NULL, NULL, NULL},
    {"refusal/ground=school-place", "Direct payments cannot pay for a school or college place", NULL, NULL, NULL},

    /* Reduction */
    {"reduction", "Reduction notice", NULL, NULL, NULL},
    {"reduction/@plan", "Section F of the plan", "Whether the provision itself has changed.", NULL, NULL},
    {"reduction/@plan=unchanged", "Unchanged: the same provision now costs less", NULL, NULL, NULL},
    {"reduction/@plan=amended", "Amended: the plan has been changed", NULL, NULL, NULL},
    {"reduction/@amended-plan", "Date of the amended final plan", "Year-month-day.", "date", "@plan=amended"},
    {"reduction/cost-reason", "Why the same provision now costs less", "The letter says the new amount is enough to pay for it.", "markdown", "@plan=unchanged"},
    {"reduction/change", "Change", NULL, NULL, NULL},
    {"change/@new-annual-amount", "New annual amount in pounds", NULL, "money", NULL},

    /* Repayment */
    {"repayment", "Request to repay direct payments", NULL, NULL, NULL},
    {"repayment/@amount", "Amount to repay, in pounds", "At most what was paid less what was spent.", "money", NULL},
    {"repayment/@paid", "Paid out for the period, in pounds", NULL, "money", NULL},
    {"repayment/@spent", "Spent on the agreed support, in pounds", "As the returns and receipts show.", "money", NULL},
    {"repayment/ground", "Grounds", "Select every ground that applies.", NULL, NULL},
    {"repayment/ground=circumstances-changed", "Circumstances changed: the money was not needed", NULL, NULL, NULL},
    {"repayment/ground=unused", "Money not used", NULL, NULL, NULL},
    {"repayment/ground=misuse", "Money not used for the agreed support", NULL, NULL, NULL},
    {"repayment/ground=offence", "Theft, fraud or another offence may have occurred", NULL, NULL, NULL},
    {"repayment/ground=death", "Money paid for the time after a death", NULL, NULL, NULL},
    {"repayment/period", "The period the money was for (optional)", NULL, NULL, NULL},
    {"period/@from", "From", "Year-month-day.", "date", NULL},
    {"period/@to", "To", "Year-month-day: a period that has ended.", "date", NULL},

    /* Section J */
    {"section-j", "Section J of the EHC plan", NULL, NULL, NULL},
    {"section-j/summary", "Summary", "Leave a blank line between paragraphs.", "markdown", NULL},
    {"section-j/direct-payment-arrangements", "Direct payment arrangements (optional)", NULL, "markdown", NULL},

    /* Stop (the fifth kind) */
    {"stop", "Stop notice: direct payments end", NULL, NULL, NULL},
    {"stop/item", "Direct payments stopped", "Direct payments for education or social care.", "items", NULL},
    {"stop/ground", "Ground", NULL, NULL, NULL},
    {"stop/ground=consent-withdrawn", "The recipient withdrew consent in writing", NULL, NULL, NULL},
    {"stop/ground=no-longer-eligible", "The recipient is no longer eligible", NULL, NULL, NULL},
    {"stop/ground=review-not-used-for-provision", "A review found the payments not used for the provision", NULL, NULL, NULL},
    {"stop/ground=review-cannot-secure-by-dp", "A review found the provision cannot be secured by direct payments", NULL, NULL, NULL},
    {"stop/ground=adverse-impact", "The payments harm other services", NULL, NULL, NULL},
    {"stop/ground=not-efficient", "The payments are not an efficient use of resources", NULL, NULL, NULL},
    {"stop/ground=provision-removed", "The provision has been removed from the plan", NULL, NULL, NULL},
    {"stop/ground=plan-ceased", "The EHC plan has ceased", NULL, NULL, NULL},
    {"stop/ground=death", "The person receiving the payments has died", NULL, NULL, NULL},
    {"stop/@consent-withdrawn-on", "Date of the written notice withdrawing consent", "Year-month-day: payments stop from it.", "date", "ground=consent-withdrawn"},
    {"stop/personal-assistant", "The payments employ a personal assistant", NULL, "flag", NULL},
    {"stop/continuation", "How the provision continues", "What happens from the stop date.", "markdown", NULL},

    /* The parts every case has (lists the page fills from GET /api/v1/schema) */
    {"recipient/@relationship=parent", "Parent", NULL, NULL, NULL},
    {"recipient/@relationship=young-person", "The young person", NULL, NULL, NULL},
    {"recipient/@relationship=nominee", "Nominee who receives the direct payments", NULL, NULL, NULL},
    {"recipient/@relationship=representative", "Representative (deputy or attorney)", NULL, NULL, NULL},
    {"recipient/@relationship=personal-representative", "Personal representatives of someone who has died", NULL, NULL, NULL},
    {"recipient/@acting-for=lacks-capacity", "They act for a young person who lacks capacity", NULL, NULL, NULL},
    {"copy-to/@relationship=parent", "Parent", NULL, NULL, NULL},
    {"copy-to/@relationship=young-person", "The young person", NULL, NULL, NULL},
    {"item/@stream=education", "Education", NULL, NULL, NULL},
    {"item/@stream=health", "Health", NULL, NULL, NULL},
    {"item/@stream=social-care", "Social care", NULL, NULL, NULL},
    {"item/@arrangement=direct-payment", "Direct payment", NULL, NULL, NULL},
    {"item/@arrangement=council-managed", "Managed by the council", NULL, NULL, NULL},
    {"item/@arrangement=third-party", "Paid to a third party", NULL, NULL, NULL},
    {"item/@arrangement=provider-managed", "Managed by the provider", NULL, NULL, NULL},
    {"item/@paid=weekly", "Weekly", NULL, NULL, NULL},
    {"item/@paid=four-weekly", "Every four weeks", NULL, NULL, NULL},
    {"item/@paid=monthly", "Monthly", NULL, NULL, NULL},
    {"item/@paid=quarterly", "Quarterly", NULL, NULL, NULL},
    {"setting-agreement/@role=head teacher", "Head teacher", NULL, NULL, NULL},
    {"setting-agreement/@role=principal", "Principal", NULL, NULL, NULL},
};

const form_word *form_word_find(const char *element, const char *rest)
{
    size_t n = strlen(element);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            const char *p = words[i].path;
            const char *tail = pass == 0 && strncmp(p, element, n) == 0 ? p + n
                               : pass == 1 && p[0] == '*' ? p + 1
                                                          : NULL;
            if (tail && (rest ? tail[0] == '/' && strcmp(tail + 1, rest) == 0 : tail[0] == '\0'))
                return &words[i];
        }
    return NULL;
}
