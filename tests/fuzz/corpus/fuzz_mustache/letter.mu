{{! The layout every letter shares. A letter names this parent and fills its blocks:
    heading (the title line) and body (everything between the salutation and the help).
    Letterhead, address, references, advice, formats and signature come from partials. }}
{{> letterhead}}

{{> address}}

{{> references}}

# {{$heading}}{{/heading}}

**About:** {{child.full_name}}, born {{child.date_of_birth}}. EHC plan reference {{plan.reference}}.

{{recipient.salutation}}

{{$body}}{{/body}}

{{> advice}}

{{> formats}}

{{> signature}}
