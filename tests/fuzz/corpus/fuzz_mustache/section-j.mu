# Section J: Personal Budget (including arrangements for direct payments)

**Child or young person:** {{child.full_name}}\
**Date of birth:** {{child.date_of_birth}}\
**EHC plan reference:** {{plan.reference}}\
**This section issued:** {{section_j.issued}}

## Summary

{{{section_j.summary}}}

## The personal budget

| Provision | Funding stream | How it is managed | Amount a year |
|---|---|---|---|
{{#budget.items}}
| {{provision}} | {{stream}} | {{arrangement}} | {{annual_amount}} |
{{/budget.items}}

## Totals

| Funding stream | Amount a year |
|---|---|
{{#budget.totals}}
| {{stream}} | {{amount}} |
{{/budget.totals}}
| **Total personal budget** | **{{budget.total}}** |

## The outcomes each part of the budget supports

{{#budget.items}}
**{{provision}}**

{{#outcomes}}
- {{.}}
{{/outcomes}}

{{/budget.items}}
{{#budget.has_direct_payments}}
## Arrangements for direct payments

{{#section_j.direct_payment_arrangements}}
{{{.}}}

{{/section_j.direct_payment_arrangements}}
Direct payments are paid to {{recipient.full_name}}. They must be spent only on the provision set out above. Keep records and receipts of what you spend, and keep the money in a separate account. If the money is not used for the agreed provision, the council can ask for it to be repaid.

{{/budget.has_direct_payments}}
## Reviewing the personal budget

We will review how the personal budget is working within 3 months, by {{section_j.first_review_by}}, and then at each annual review of the EHC plan. Before we reduce or stop any part of the personal budget, we will give notice in writing with our reasons, as {{council.policy}} says.
{{#council.notes}}

{{{council.notes}}}
{{/council.notes}}
