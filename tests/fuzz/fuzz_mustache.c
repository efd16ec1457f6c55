/* fuzz_mustache.c: Mustache template bytes + a fixed context -> Markdown (libFuzzer target).
 *
 * The first byte chooses strict (letters) or lenient (the spec) mode; the rest is the template.
 * Its partials come from a fixed set that includes a partial that includes itself, one that
 * recurses over the data, a parent layout, a broken one and the fuzzed template itself
 * ({{>input}}). What must hold: no crash or sanitizer report, no hang, bounded output, and a
 * failed render leaves nothing in the output. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "template/escape.h"
#include "template/mustache.h"

static mu_value *context;
static const char *input_src;
static size_t input_len;

static const struct { const char *name, *src; } partials[] = {
    {"self", "[{{>self}}]"},
    {"items", "{{#items}}- {{name}}\n{{>items}}{{/items}}"},
    {"layout", "# {{$title}}Title{{/title}}\n\n{{$body}}Body {{name}}{{/body}}\n{{>footer}}"},
    {"footer", "  {{council.name}}\n  {{#council.address}}{{.}}\n  {{/council.address}}"},
    {"broken", "{{#open}} never closed"},
    {"table", "| a | b |\n|---|---|\n{{#items}}| {{name}} | {{amount}} |\n{{/items}}"},
};

static char *load_partial(void *ud, const char *name, char **path_out)
{
    (void)ud;
    (void)path_out;
    if (strcmp(name, "input") == 0) {
        char *s = malloc(input_len + 1);
        if (!s)
            abort();
        memcpy(s, input_src, input_len);
        s[input_len] = '\0';
        return s;
    }
    for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++)
        if (strcmp(name, partials[i].name) == 0)
            return strdup(partials[i].src);
    return NULL;
}

static mu_value *item(const char *name, const char *amount)
{
    mu_value *m = mu_map();
    mu_map_set_str(m, "name", name);
    if (amount)
        mu_map_set_str(m, "amount", amount);
    return m;
}

static mu_value *build_context(void)
{
    mu_value *root = mu_map();
    mu_map_set_str(root, "name", "Zo\xC3\xAB *\xC5\x81ukasiewicz* <b>&amp;</b> [x](y) | #1");
    mu_map_set_str(root, "amount", "\xC2\xA3" "1,234.50");
    mu_map_set_str(root, "blank", "");
    mu_map_set_str(root, "spaces", "  \t lead and trail \n");
    mu_map_set(root, "reason", mu_markdown("**Bold** and _em_\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>x</div>\n"));
    mu_map_set(root, "flag", mu_bool(true));
    mu_map_set(root, "off", mu_bool(false));
    mu_map_set(root, "none", mu_null());
    mu_map_set(root, "empty", mu_list());
    mu_value *items = mu_list();
    mu_list_push(items, item("Speech therapy", "\xC2\xA3" "2,400.00"));
    mu_list_push(items, item("Respite {{name}}", NULL));
    mu_value *third = item("OT", "\xC2\xA3" "0.01");
    mu_value *sub = mu_map();
    mu_map_set(sub, "items", mu_list());
    mu_map_set(third, "sub", sub);
    mu_list_push(items, third);
    mu_list_push(items, mu_string("a bare string"));
    mu_map_set(root, "items", items);
    mu_value *council = mu_map();
    mu_map_set_str(council, "name", "Example Council");
    mu_value *addr = mu_list();
    mu_list_push(addr, mu_string("1 High Street"));
    mu_list_push(addr, mu_string("EX1 1AA"));
    mu_map_set(council, "address", addr);
    mu_map_set(root, "council", council);
    mu_value *a = mu_map(), *b = mu_map();
    mu_map_set_str(b, "c", "deep");
    mu_map_set(a, "b", b);
    mu_map_set(root, "a", a);
    mu_map_set_str(root, "dyn", "items");
    mu_map_set_str(root, "dynself", "input");
    return root;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    context = build_context();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    mu_options opt = {.load_partial = load_partial, .strict = data[0] & 1};
    input_src = (const char *)data + 1;
    input_len = size - 1;
    diag_list errs = {0};
    mu_template *t = mu_compile("fuzz.mustache.md", input_src, input_len, &opt, &errs);
    if (!t && !errs.len)
        abort();
    if (t) {
        strbuf out = {0};
        sb_puts(&out, "kept");
        int rc = mu_render(t, context, (data[0] & 2) ? mu_escape_html : mu_escape_markdown, &out, &errs);
        if (rc != 0 && (out.len != 4 || strcmp(sb_str(&out), "kept") != 0))
            abort(); /* never half a letter */
        if (rc != 0 && !errs.len)
            abort();
        sb_free(&out);
        mu_template_free(t);
    }
    diag_list_clear(&errs);
    return 0;
}
