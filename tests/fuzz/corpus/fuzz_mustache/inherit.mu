{{<layout}}{{$title}}My title{{/title}}{{$body}}
  {{>table}}
{{/body}}{{/layout}}
