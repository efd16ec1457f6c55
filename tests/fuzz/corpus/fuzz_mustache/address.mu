<div class="pb-address">

{{recipient.full_name}}\
{{#recipient.address}}
{{.}}\
{{/recipient.address}}
{{recipient.postcode}}

</div>
