{{< letter}}
{{$heading}}Request to repay direct payment money{{/heading}}
{{$body}}
## What we are asking you to do

We are asking {{repayment.payer}} to repay **{{repayment.amount}}** of the direct payments made for {{child.given_names}}'s support. Please pay by **{{repayment.due_date}}**.

## Why we are asking for this money back

We are asking for this money back because:

{{#repayment.grounds}}
- {{.}}
{{/repayment.grounds}}

{{#repayment.has_period}}
This covers the direct payments made from {{repayment.period_from}} to {{repayment.period_to}}.

{{/repayment.has_period}}
{{#repayment.reasons}}
{{{.}}}

{{/repayment.reasons}}
We are asking for this money under the terms of the direct payment agreement and {{council.policy}}.


## How to pay

{{{repayment.how_to_pay}}}

You have {{repayment.repay_within}} from the day we treat this letter as received ({{repayment.deemed_receipt}}), which is why the date to pay by is {{repayment.due_date}}.

**If you cannot pay all of it at once**, please contact {{officer.name}} on {{officer.phone}}. We can agree to you paying in smaller amounts (instalments), and we will take into account what you can afford.

## If you disagree: ask us to reconsider

If you think this is wrong, please tell us by **{{repayment.reconsider_by}}**. Send us any receipts, invoices or explanations that show how the money was spent.

{{> reconsideration}}

## If you do not pay or contact us

If you do not pay or contact us by {{repayment.due_date}}, we may take the amount from future direct payments, if they continue, or send you an invoice for the debt. We will always write to you before we take any further step.
{{/body}}
{{/letter}}
