/* fieldlist.c: see fieldlist.h. */
#include "authoring/fieldlist.h"

#include <string.h>

#include "case/case.h"
#include "docs/kinds.h"

void field_usage(strbuf *out, const field_info *f)
{
    const char *name = f->name;
    const char *member = strstr(name, "[].");
    const char *last = strstr(name, "[].");
    while (last && strstr(last + 3, "[]."))
        last = strstr(last + 3, "[].");
    if (member)
        name = last + 3;
    switch (f->type) {
    case FIELD_TEXT: sb_printf(out, "{{%s}}", name); break;
    case FIELD_OPTIONAL: sb_printf(out, "{{#%s}}{{.}}{{/%s}}", name, name); break;
    case FIELD_MARKDOWN: sb_printf(out, "{{{%s}}}", name); break;
    case FIELD_FLAG: sb_printf(out, "{{#%s}}...{{/%s}}", name, name); break;
    case FIELD_LIST: sb_printf(out, "{{#%s}}...{{/%s}}", name, name); break;
    case FIELD_TEXT_LIST: sb_printf(out, "{{#%s}}{{.}}{{/%s}}", name, name); break;
    case FIELD_MARKDOWN_LIST: sb_printf(out, "{{#%s}}{{{.}}}{{/%s}}", name, name); break;
    case FIELD_MAP: sb_printf(out, "{{%s.NAME}}", name); break;
    }
    if (member)
        sb_printf(out, " inside {{#%.*s}}", (int)(last - f->name), f->name);
}

static bool shown(const field_info *f, int kind, bool common)
{
    if (kind >= 0)
        return (f->kinds >> kind) & 1;
    return common ? f->kinds == FIELD_ALL_KINDS : f->kinds != FIELD_ALL_KINDS;
}

static void text_rows(strbuf *out, int kind, bool common, int only_kind)
{
    size_t wname = 0, wtype = 0;
    for (size_t i = 0; i < field_catalogue_len; i++) {
        const field_info *f = &field_catalogue[i];
        if (!shown(f, kind, common) || (only_kind >= 0 && !((f->kinds >> only_kind) & 1)))
            continue;
        if (strlen(f->name) > wname)
            wname = strlen(f->name);
        if (strlen(field_type_name(f->type)) > wtype)
            wtype = strlen(field_type_name(f->type));
    }
    for (size_t i = 0; i < field_catalogue_len; i++) {
        const field_info *f = &field_catalogue[i];
        if (!shown(f, kind, common) || (only_kind >= 0 && !((f->kinds >> only_kind) & 1)))
            continue;
        sb_printf(out, "%-*s  %-*s  %s", (int)wname, f->name, (int)wtype, field_type_name(f->type),
                  f->meaning);
        if (f->example[0])
            sb_printf(out, " (e.g. %s)", f->example);
        sb_putc(out, '\n');
    }
}

void fields_text(strbuf *out, int kind)
{
    sb_puts(out, "Types: text prints exactly as written with {{name}}; Markdown is inserted with "
                 "{{{name}}}; text or false, true/false and lists are used with {{#name}}...{{/name}}.\n"
                 "A list's members (list[].name) are used inside {{#list}}...{{/list}} by their "
                 "own name. templates/FIELDS.md shows how to insert each one.\n\n");
    if (kind >= 0) {
        sb_printf(out, "%s (%s):\n", doc_kinds[kind].fields_heading, doc_kind_name((doc_kind)kind));
        text_rows(out, kind, false, -1);
        return;
    }
    sb_puts(out, "Every document:\n");
    text_rows(out, -1, true, -1);
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        sb_printf(out, "\n%s (%s) also have:\n", doc_kinds[k].fields_heading, doc_kind_name((doc_kind)k));
        text_rows(out, -1, false, k);
    }
}

/* Text for a table cell: Markdown punctuation escaped, so an example prints as it is. */
static void cell(strbuf *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|#&", *s))
            sb_putc(out, '\\');
        sb_putc(out, *s);
    }
}

static void markdown_table(strbuf *out, int kind)
{
    sb_puts(out, "| Field | Type | Insert with | Meaning | Example |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < field_catalogue_len; i++) {
        const field_info *f = &field_catalogue[i];
        if (kind < 0 ? f->kinds != FIELD_ALL_KINDS : !((f->kinds >> kind) & 1) || f->kinds == FIELD_ALL_KINDS)
            continue;
        strbuf use = {0};
        field_usage(&use, f);
        sb_printf(out, "| `%s` | %s | `%s` | ", f->name, field_type_name(f->type), sb_str(&use));
        sb_free(&use);
        cell(out, f->meaning);
        sb_puts(out, " | ");
        cell(out, f->example);
        sb_puts(out, " |\n");
    }
}

void fields_markdown(strbuf *out)
{
    sb_puts(out,
            "# Template fields\n"
            "\n"
            "<!-- Generated from the field catalogue (src/docs/fields.c) by `pbdocs fields --markdown`;\n"
            "     `make` rewrites this file. Do not edit it by hand. -->\n"
            "\n"
            "Every name a template can use, for each kind of document. `pbdocs lint` refuses a\n"
            "template that uses any other name, and `pbdocs fields KIND` prints the same list.\n"
            "Values arrive formatted for a letter: money as £1,234.50, dates as 23 November 2026.\n"
            "\n"
            "Types:\n"
            "\n"
            "- **text**: plain text. `{{name}}` prints it exactly as written, whatever characters it holds.\n"
            "- **text or false**: text that may be missing. Print it inside a section that tests it:\n"
            "  `{{#name}}Phone: {{.}}{{/name}}` (printed on its own, a missing value would print `false`).\n"
            "- **Markdown**: paragraphs written by officers, with their emphasis and lists. Insert with\n"
            "  three braces, `{{{name}}}`; it may be false when absent, so test it with `{{#name}}` first\n"
            "  when the meaning says so.\n"
            "- **true/false**: for `{{#name}}shown when true{{/name}}` and `{{^name}}shown when false{{/name}}`.\n"
            "- **list**: `{{#name}}...{{/name}}` repeats its text once per item; inside, the item's own\n"
            "  fields (written `name[].field` below) are used by their short name: `{{field}}`.\n"
            "- **list of texts**: `{{#name}}{{.}}{{/name}}` prints each item (`{{.}}` is the item);\n"
            "  put `- {{.}}` on a line of its own for a bulleted list.\n"
            "- **list of Markdown**: `{{#name}}{{{.}}}{{/name}}`, with a blank line after `{{{.}}}` so\n"
            "  each item is a paragraph of its own.\n"
            "- **group**: a set of fields, used by their full name (`council.name`).\n"
            "\n"
            "## Every document\n"
            "\n");
    markdown_table(out, -1);
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        sb_printf(out, "\n## %s (`%s`)\n\n", doc_kinds[k].fields_heading, doc_kind_name((doc_kind)k));
        markdown_table(out, k);
    }
}
