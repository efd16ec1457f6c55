{{#a}}{{#b}}{{c}}{{/b}}{{/a}} {{a.b.c}} {{#council}}{{name}}{{#address}}{{.}}, {{/address}}{{/council}} {{none}} {{missing}}
