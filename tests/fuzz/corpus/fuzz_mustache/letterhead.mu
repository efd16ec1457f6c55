<div class="pb-letterhead">

**{{council.name}}**\
{{#council.address}}
{{.}}\
{{/council.address}}
{{#council.phone}}
Phone: {{.}}\
{{/council.phone}}
{{#council.email}}
Email: {{.}}\
{{/council.email}}
{{#council.website}}
{{.}}
{{/council.website}}

</div>
