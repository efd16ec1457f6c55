<div class="pb-keep">

Yours sincerely

{{council.signatory.name}}\
{{council.signatory.role}}\
{{council.name}}

</div>
