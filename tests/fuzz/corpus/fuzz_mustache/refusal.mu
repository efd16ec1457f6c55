{{< letter}}
{{$heading}}{{#refusal.is_personal_budget}}Our decision on your request for a personal budget{{/refusal.is_personal_budget}}{{#refusal.is_direct_payment}}Our decision on your request for direct payments{{/refusal.is_direct_payment}}{{/heading}}
{{$body}}
## Our decision

{{#refusal.is_personal_budget}}
Thank you for asking for a personal budget for the support in {{child.given_names}}'s EHC plan. We have looked at your request carefully and we have decided **not to agree a personal budget**{{#refusal.has_items}} for:{{/refusal.has_items}}{{^refusal.has_items}}.{{/refusal.has_items}}
{{/refusal.is_personal_budget}}
{{#refusal.is_direct_payment}}
Thank you for asking for some of the support in {{child.given_names}}'s EHC plan to be paid to you as a direct payment. We have looked at your request carefully and we have decided **not to make direct payments**{{#refusal.has_items}} for:{{/refusal.has_items}}{{^refusal.has_items}}.{{/refusal.has_items}}
{{/refusal.is_direct_payment}}

{{#refusal.items}}
- {{provision}} ({{annual_amount}} a year)
{{/refusal.items}}

## Why we made this decision

{{#refusal.reasons}}
{{{.}}}

{{/refusal.reasons}}
## What happens to the support in the plan

This decision does not change the support set out in {{child.given_names}}'s EHC plan. {{#refusal.is_direct_payment}}The personal budget stays the same, and we will keep arranging the support ourselves or through the school, college or provider, so it continues without a break.{{/refusal.is_direct_payment}}{{#refusal.is_personal_budget}}We will keep arranging the support through the school, college or provider, so it continues without a break.{{/refusal.is_personal_budget}}

{{> review-rights}}
{{/body}}
{{/letter}}
