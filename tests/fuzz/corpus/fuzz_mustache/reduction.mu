{{< letter}}
{{$heading}}Notice of a change to your personal budget{{/heading}}
{{$body}}
## What is changing

We are reducing the personal budget for {{child.given_names}}. From **{{reduction.effective_date}}** the yearly amounts will change as follows.

| Support | Current amount a year | New amount a year |
|---|---|---|
{{#reduction.changes}}
| {{provision}} | {{current_amount}} | {{new_amount}} |
{{/reduction.changes}}
| **Total of the changes** | **{{reduction.current_total}}** | **{{reduction.new_total}}** |

The whole personal budget will go down from {{reduction.budget_before}} to {{reduction.budget_after}} a year. The new amount is enough to pay for the support set out in the EHC plan.

## Why we are making this change

{{#reduction.reasons}}
{{{.}}}

{{/reduction.reasons}}
## When the change takes effect

Our policy gives you {{reduction.notice}}' notice. We sent this letter by {{reduction.service}} on {{reduction.issued}}, so we treat it as received on {{reduction.deemed_receipt}}. The notice ends on {{reduction.last_day}}, and the change takes effect on **{{reduction.effective_date}}**.

## If you disagree: ask us to reconsider

You can ask us to think again about this decision. Please do so by **{{reduction.reconsider_by}}**.

{{> reconsideration}}

The change will still take effect on {{reduction.effective_date}} even if you have asked us to reconsider and we have not yet decided. If we change our decision, we will put things right from that date.

If any money is owed to us when the change takes effect, we will write to you about it separately.
{{#council.notes}}

## How we check personal budgets

{{{council.notes}}}
{{/council.notes}}
{{/body}}
{{/letter}}
