{{#items}}
  * {{name}} {{#amount}}({{.}}){{/amount}}{{^amount}}none{{/amount}}
{{/items}}
{{^empty}}nothing{{/empty}}{{#flag}}yes{{/flag}}
