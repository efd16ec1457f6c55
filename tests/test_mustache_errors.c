/* test_mustache_errors.c: every kind of template error gives the right message at the right
 * FILE:LINE:COL, never crashes and never leaves half a letter; strict mode refuses blanks.
 * Also the engine promises that are not errors: partials compiled once, mu_visit's walk,
 * indentation of nested partials, one template rendered by several threads at once. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "template/escape.h"
#include "template/mustache.h"

/* ---- partials from a table; counts loads ---- */

typedef struct named { const char *name, *src; } named;
static const named *partials;
static int loads;

static char *load(void *ud, const char *name, char **path_out)
{
    (void)ud;
    for (const named *p = partials; p && p->name; p++) {
        if (strcmp(p->name, name) == 0) {
            loads++;
            *path_out = malloc(strlen(name) + 4);
            strcpy(*path_out, name);
            strcat(*path_out, ".md");
            return strdup(p->src);
        }
    }
    return NULL;
}

static mu_options strict = {.load_partial = load, .strict = true, .max_partial_depth = 5};
static mu_options lenient = {.load_partial = load};

/* True when some problem formats exactly as want. Prints them all when not. */
static bool has(const diag_list *errs, const char *want)
{
    char buf[2048];
    for (size_t i = 0; i < errs->len; i++) {
        diag_format(&errs->items[i], buf, sizeof buf);
        if (strcmp(buf, want) == 0)
            return true;
    }
    printf("    wanted: %s\n    got %zu:\n", want, errs->len);
    for (size_t i = 0; i < errs->len; i++) {
        diag_format(&errs->items[i], buf, sizeof buf);
        printf("      %s\n", buf);
    }
    return false;
}

/* The template must not compile, and one problem must read exactly want. */
static void compile_fails(const char *src, const named *ps, const char *want)
{
    partials = ps;
    diag_list errs = {0};
    mu_template *t = mu_compile("t.md", src, strlen(src), &strict, &errs);
    CHECK(t == NULL, "compiled although it should fail: %s", want);
    CHECK(has(&errs, want), "%s", want);
    mu_template_free(t);
    diag_list_clear(&errs);
}

/* The template compiles but rendering data must fail with want, leaving out untouched. */
static void render_fails(const char *src, const named *ps, mu_value *data, const char *want)
{
    partials = ps;
    diag_list errs = {0};
    mu_template *t = mu_compile("t.md", src, strlen(src), &strict, &errs);
    CHECK(t != NULL, "does not compile: %s", src);
    strbuf out = {0};
    sb_puts(&out, "KEEP");
    int rc = mu_render(t, data, mu_escape_markdown, &out, &errs);
    CHECK(rc == -1, "rendered although it should fail: %s", want);
    CHECK(has(&errs, want), "%s", want);
    CHECK_STR(sb_str(&out), "KEEP");  /* never half a letter */
    mu_template_free(t);
    diag_list_clear(&errs);
    sb_free(&out);
    mu_free(data);
}

static char *render(const char *src, const named *ps, const mu_options *opt, mu_value *data)
{
    partials = ps;
    diag_list errs = {0};
    strbuf out = {0};
    sb_append(&out, "", 0);
    mu_template *t = mu_compile("t.md", src, strlen(src), opt, &errs);
    if (!t || mu_render(t, data, NULL, &out, &errs) != 0) {
        diag_print_all(&errs, stdout);
        sb_puts(&out, "<FAILED>");
    }
    mu_template_free(t);
    diag_list_clear(&errs);
    mu_free(data);
    return sb_take(&out);
}

static mu_value *map1(const char *k, mu_value *v)
{
    mu_value *m = mu_map();
    mu_map_set(m, k, v);
    return m;
}

static void syntax_errors(void)
{
    compile_fails("Dear {{name}},\n{{#items}}\n- {{x}}\n", NULL,
                  "t.md:2:1: unclosed section 'items': no {{/items}} closes it");
    compile_fails("{{<letter}}\n{{$body}}\nx\n{{/letter}}\n", NULL,
                  "t.md:4:1: closing tag 'letter' does not match the open block 'body' (opened at 2:1)");
    compile_fails("{{#a}}\n  {{#b}}x{{/a}}\n", NULL,
                  "t.md:2:10: closing tag 'a' does not match the open section 'b' (opened at 2:3)");
    compile_fails("x {{/a}}", NULL, "t.md:1:3: closing tag 'a' has no open section");
    compile_fails("Hello {{name", NULL, "t.md:1:7: unclosed tag '{{': no '}}' closes it");
    compile_fails("Zoë Ł {{{name}}", NULL, "t.md:1:7: unclosed tag '{{{': no '}}}' closes it");
    compile_fails("a\n  {{=<% %>}}\n", NULL,
                  "t.md:2:3: bad delimiter change '<% %>': it must end with '=' (as in {{=<% %>=}})");
    compile_fails("{{=<%%>=}}", NULL,
                  "t.md:1:1: bad delimiter change '<%%>=': it needs exactly two delimiters separated by a space");
    compile_fails("x {{=<% = %>=}}", NULL,
                  "t.md:1:3: bad delimiter change '<% = %>=': it needs exactly two delimiters separated by a space");
    compile_fails("{{=<= =>=}}", NULL,
                  "t.md:1:1: bad delimiter change '<= =>=': a delimiter may not contain '='");
    compile_fails("{{=<% %>=}}\n<%#a%>x<%/b%>", NULL,
                  "t.md:2:8: closing tag 'b' does not match the open section 'a' (opened at 2:1)");
    compile_fails("a {{ }} b", NULL, "t.md:1:3: empty tag '{{ }}': a tag needs a name");
    compile_fails("{{first name}}", NULL,
                  "t.md:1:1: bad tag '{{first name}}': a name cannot contain spaces");
    compile_fails("{{> * }}", NULL, "t.md:1:1: empty tag '{{> * }}': '*' needs the name of a field");
    compile_fails("x\n {{child..name}}", NULL,
                  "t.md:2:2: bad tag '{{child..name}}': a dotted name needs a field name between the dots");
    compile_fails("{{#a.}}{{/a.}}", NULL, "t.md:1:1: bad tag '{{#a.}}': a dotted name needs a field name between the dots");
    strbuf deep = {0};
    for (int i = 0; i < 150; i++)
        sb_puts(&deep, "{{#a}}");
    compile_fails(sb_str(&deep), NULL, "t.md:1:601: sections nested more than 100 deep");
    sb_free(&deep);
    /* a tag error does not hide the structure errors after it */
    partials = NULL;
    diag_list more = {0};
    const char *bad = "{{ }}\n{{#a}}\n";
    CHECK(mu_compile("t.md", bad, strlen(bad), &strict, &more) == NULL, "tag and section errors");
    CHECK(has(&more, "t.md:2:1: unclosed section 'a': no {{/a}} closes it"), "section error after a tag error");
    diag_list_clear(&more);

    /* every problem of a file, not just the first */
    partials = NULL;
    diag_list errs = {0};
    const char *two = "{{a b}}\n{{ }}\n";
    CHECK(mu_compile("t.md", two, strlen(two), &strict, &errs) == NULL, "two errors");
    CHECK(errs.len == 2, "both problems reported (%zu)", errs.len);
    diag_list_clear(&errs);
}

static void partial_errors(void)
{
    compile_fails("Intro\n  {{> missing}}\n", NULL, "t.md:2:3: unknown partial 'missing'");
    compile_fails("{{<layout}}{{$body}}x{{/body}}{{/layout}}", NULL, "t.md:1:1: unknown parent 'layout'");
    static const named broken[] = {{"bad", "line one\n{{#open}}\n"}, {0}};
    compile_fails("{{>bad}}", broken, "bad.md:2:1: unclosed section 'open': no {{/open}} closes it");
    compile_fails("x\n{{>bad}}", broken, "t.md:2:1: partial 'bad' has errors (reported above)");

    /* lenient (the spec): an unknown partial is empty */
    char *s = render("Intro\n{{> missing}}\nEnd", NULL, &lenient, mu_map());
    CHECK_STR(s, "Intro\nEnd");
    free(s);

    /* recursion deeper than the limit (5 here): an error, never a crash */
    static const named loop[] = {{"loop", "x{{>loop}}"}, {0}};
    render_fails("{{>loop}}", loop, mu_map(),
                 "loop.md:1:2: partials nested deeper than 5 (a partial that includes itself?): "
                 "loop -> loop -> loop -> loop -> loop -> ... -> loop");
    static const named ping[] = {{"ping", "{{<pong}}{{/pong}}"}, {"pong", "{{>ping}}"}, {0}};
    render_fails("{{>ping}}", ping, mu_map(),
                 "ping.md:1:1: partials nested deeper than 5 (a partial that includes itself?): "
                 "ping -> pong -> ping -> pong -> ping -> ... -> pong");

    /* a partial named by data that does not exist */
    static const named some[] = {{"a", "A"}, {0}};
    render_fails("x {{>*which}}", some, map1("which", mu_string("nope")),
                 "t.md:1:3: unknown partial 'nope' (named by 'which')");
    render_fails("x {{>*which}}", some, mu_map(),
                 "t.md:1:3: no value for 'which' (the name of a partial): no field 'which' at the top level");
}

static void parent_content(void)
{
    static const named layout[] = {{"letter", "Dear,\n{{$body}}{{/body}}\n"}, {0}};
    compile_fails("{{<letter}}\nHello\n{{$body}}x{{/body}}\n{{/letter}}\n", layout,
                  "t.md:2:1: text inside parent 'letter' but outside any block would never be printed");
    compile_fails("{{<letter}}{{name}}{{$body}}x{{/body}}{{/letter}}", layout,
                  "t.md:1:12: '{{name}}' inside parent 'letter' but outside any block would never be rendered");
    /* white space and comments there are fine. The body keeps its last line end and the
     * parent its own after {{/body}} (the spec's "standalone block" rule): Markdown does not
     * mind the blank line. */
    char *s = render("{{<letter}}\n  {{! the body }}\n{{$body}}\nHi\n{{/body}}\n{{/letter}}\n", layout,
                     &strict, mu_map());
    CHECK_STR(s, "Dear,\nHi\n\n");
    free(s);
}

static void strict_misses(void)
{
    render_fails("Amount: {{amount}}", NULL, mu_map(),
                 "t.md:1:9: no value for 'amount': no field 'amount' at the top level");
    mu_value *items = mu_list();
    mu_list_push(items, map1("cost", mu_string("£1")));
    mu_list_push(items, mu_map());
    render_fails("{{#items}}\n- {{cost}}\n{{/items}}", NULL, map1("items", items),
                 "t.md:2:3: no value for 'cost': no field 'cost' in items[1], nor at the top level");
    render_fails("{{#council}}\nPhone: {{council.phone}}{{/council}}", NULL, map1("council", mu_map()),
                 "t.md:2:8: no value for 'council.phone': council has no field 'phone'");
    mu_value *d = map1("plan", map1("items", mu_list()));
    mu_map_set(d, "budget", map1("total", mu_null()));
    render_fails("{{#plan}}{{budget.total}}{{/plan}}", NULL, d,
                 "t.md:1:10: no value for 'budget.total': budget.total is empty (null)");
    render_fails("{{#flag}}yes{{/flag}}", NULL, mu_map(),
                 "t.md:1:1: no value for 'flag' (section): no field 'flag' at the top level");
    render_fails("{{^flag}}no{{/flag}}", NULL, mu_map(),
                 "t.md:1:1: no value for 'flag' (inverted section): no field 'flag' at the top level");
    mu_value *two = mu_list();
    mu_list_push(two, mu_string("a"));
    mu_list_push(two, mu_string("b"));
    render_fails("{{lines}}", NULL, map1("lines", two), "t.md:1:1: no value for 'lines': lines is a list of 2, not text");
    render_fails("{{#c}}{{.}}{{/c}}", NULL, map1("c", map1("x", mu_string("y"))),
                 "t.md:1:7: no value for '.': c is a group of fields, not text");

    /* every missing name of the letter, each tag once however often it repeats */
    mu_value *many = mu_list();
    for (int i = 0; i < 3; i++)
        mu_list_push(many, mu_map());
    partials = NULL;
    const char *src = "{{#rows}}{{a}}{{b}}{{/rows}}{{c}}";
    diag_list errs = {0};
    mu_template *t = mu_compile("t.md", src, strlen(src), &strict, &errs);
    strbuf out = {0};
    mu_value *data = map1("rows", many);
    CHECK(mu_render(t, data, NULL, &out, &errs) == -1, "misses fail");
    CHECK(errs.len == 3, "three tags missing, three errors (%zu)", errs.len);
    CHECK(out.len == 0, "nothing written");
    mu_template_free(t);
    mu_free(data);
    diag_list_clear(&errs);
    sb_free(&out);

    /* present but false or empty is not a miss */
    mu_value *ok = map1("flag", mu_bool(false));
    mu_map_set(ok, "list", mu_list());
    mu_map_set(ok, "empty", mu_string(""));
    char *s = render("[{{#flag}}x{{/flag}}{{^list}}none{{/list}}{{empty}}]", NULL, &strict, ok);
    CHECK_STR(s, "[none]");
    free(s);
    /* lenient: a miss is empty */
    s = render("[{{nothing}}{{a.b}}]", NULL, &lenient, mu_map());
    CHECK_STR(s, "[]");
    free(s);
}

static void engine_promises(void)
{
    /* partials are compiled once, whatever the number of renders */
    static const named ps[] = {{"p", "<{{x}}>"}, {"q", "{{>p}}"}, {0}};
    partials = ps;
    loads = 0;
    diag_list errs = {0};
    const char *src = "{{>p}}{{>q}}{{>p}}";
    mu_template *t = mu_compile("t.md", src, strlen(src), &strict, &errs);
    mu_value *data = map1("x", mu_string("1"));
    strbuf out = {0};
    for (int i = 0; i < 3; i++)
        mu_render(t, data, NULL, &out, &errs);
    CHECK(loads == 2, "two partials loaded once each (%d loads)", loads);
    CHECK_STR(sb_str(&out), "<1><1><1><1><1><1><1><1><1>");
    mu_template_free(t);
    mu_free(data);
    sb_free(&out);

    diag_list_clear(&errs);
}

/* mu_visit: every tag with its position, sections closed, then each partial. Collects
 * "file:line:col kind name; ". */
static void collect(void *ud, const char *file, int line, int col, const char *name, int kind)
{
    static const char *const kinds[] = {"var", "raw", "section", "inverted", "partial", "block", "parent", "end"};
    sb_printf(ud, "%s:%d:%d %s %s; ", file, line, col, kinds[kind], name);
}

static void visit(void)
{
    static const named vp[] = {{"addr", "{{#lines}}\n{{.}}\n{{/lines}}\n"}, {0}};
    partials = vp;
    diag_list errs = {0};
    const char *src = "Dear {{name}},\n{{#items}}{{{cost}}}{{/items}}\n{{> addr}}\n{{>*dyn}}";
    mu_template *t = mu_compile("t.md", src, strlen(src), &strict, &errs);
    strbuf seen = {0};
    mu_visit(t, collect, &seen);
    CHECK_STR(sb_str(&seen),
              "t.md:1:6 var name; t.md:2:1 section items; t.md:2:11 raw cost; t.md:2:21 end items; "
              "t.md:3:1 partial addr; t.md:4:1 partial *dyn; "
              "addr.md:1:1 section lines; addr.md:2:1 var .; addr.md:3:1 end lines; ");
    mu_template_free(t);
    diag_list_clear(&errs);
    sb_free(&seen);
}

static void byte_order_mark(void)
{
    /* Windows editors start files with a BOM: it is not text, and columns do not count it */
    static const named ps[] = {{"p", "\xEF\xBB\xBFpartial"}, {0}};
    char *s = render("\xEF\xBB\xBF{{x}}|{{>p}}", ps, &strict, map1("x", mu_string("v")));
    CHECK_STR(s, "v|partial");
    free(s);
    compile_fails("\xEF\xBB\xBF{{#a}}", NULL, "t.md:1:1: unclosed section 'a': no {{/a}} closes it");
}

static void indentation(void)
{
    /* a standalone partial is indented line by line (Markdown list continuation), and so are
     * partials it includes; data is never indented */
    static const named ps[] = {{"item", "{{title}}\n{{>more}}\n"}, {"more", "line 1\nline 2\n"}, {0}};
    mu_value *d = map1("title", mu_string("T\nU"));
    char *s = render("- first\n  {{>item}}\nend\n", ps, &strict, d);
    CHECK_STR(s, "- first\n  T\nU\n  line 1\n  line 2\nend\n");
    free(s);
    /* an inline partial is not indented where it starts, but its later lines keep the
     * indentation of the partial around it */
    static const named qs[] = {{"outer", "a {{>inner}}\n"}, {"inner", "x\ny"}, {0}};
    s = render("  {{>outer}}", qs, &strict, mu_map());
    CHECK_STR(s, "  a x\n  y\n");
    free(s);
}


/* Random templates from Mustache fragments (seeded, so failures reproduce): compiling and
 * rendering them, strict and lenient, must never crash, and a failed render writes nothing. */
static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

static void fuzz(void)
{
    static const char *const bits[] = {
        "{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^a}}", "{{#b}}", "{{/b}}", "{{a}}",
        "{{&b}}", "{{.}}", "{{a.b}}", "{{<p}}", "{{/p}}", "{{$x}}", "{{/x}}", "{{>p}}", "{{>q}}",
        "{{>*n}}", "{{<*n}}", "{{/*n}}", "{{!c}}", "{{=<% %>=}}", "<%", "%>", "<%a%>", "{{=",
        "=}}", "\n", "\r\n", "  ", "\t", "x", "é", "*", "#", "{{ }}", "{{a b}}", "}", "{",
    };
    static const named ps[] = {
        {"p", "P{{$x}}d{{/x}}{{>q}}\n"}, {"q", "  {{#a}}\n{{>p}}\n{{/a}}"}, {"r", "{{<p}}{{$x}}r{{/x}}{{/p}}"},
        {0},
    };
    mu_value *data = mu_map();
    mu_value *a = mu_map_set(data, "a", mu_list());
    mu_list_push(a, map1("b", mu_string("<&>")));
    mu_list_push(a, mu_bool(true));
    mu_map_set_str(data, "n", "r");
    mu_map_set(data, "b", map1("x", mu_string("y")));
    int compiled = 0, rendered = 0;
    for (int i = 0; i < 3000; i++) {
        strbuf src = {0};
        int k = 1 + (int)(next_random() % 12);
        while (k--)
            sb_puts(&src, bits[next_random() % (sizeof bits / sizeof bits[0])]);
        for (int mode = 0; mode < 2; mode++) {
            partials = ps;
            diag_list errs = {0};
            mu_options opt = mode ? strict : lenient;
            mu_template *t = mu_compile("f.md", sb_str(&src), src.len, &opt, &errs);
            if (t) {
                compiled++;
                strbuf out = {0};
                sb_puts(&out, "KEEP");
                if (mu_render(t, data, mu_escape_markdown, &out, &errs) == 0)
                    rendered++;
                else
                    CHECK(strcmp(sb_str(&out), "KEEP") == 0 && errs.len > 0, "failed render wrote: %s", sb_str(&src));
                sb_free(&out);
            } else {
                CHECK(errs.len > 0, "refused without a reason: %s", sb_str(&src));
            }
            mu_template_free(t);
            diag_list_clear(&errs);
        }
        sb_free(&src);
    }
    CHECK(compiled > 500 && rendered > 300, "fuzz exercised little (%d compiled, %d rendered)", compiled, rendered);
    mu_free(data);
}

/* Limits that keep a hostile template (or data) from taking unbounded time or memory. */
static void limits(void)
{
    /* an override holding a block of its own name finds that override again: a depth error */
    static const named layout[] = {{"layout", "[{{$body}}{{/body}}]"}, {0}};
    render_fails("{{<layout}}{{$body}}{{$body}}{{/body}}{{/body}}{{/layout}}", layout, mu_map(),
                 "t.md:1:21: blocks nested deeper than 5 (a block that includes itself?): "
                 "layout -> body -> body -> body -> body -> ... -> body");

    /* a partial used twice at every level asks for 2^depth copies: the output limit stops it */
    static const named twice[] = {{"twice", "0123456789012345678901234567890123456789"
                                            "0123456789012345678901234567890123456789"
                                            "01234567890123456789{{>twice}}{{>twice}}"}, {0}};
    mu_options small = {.load_partial = load, .strict = true, .max_partial_depth = 60,
                        .max_output = 2048};
    partials = twice;
    diag_list errs = {0};
    mu_template *t = mu_compile("t.md", "{{>twice}}", 10, &small, &errs);
    strbuf out = {0};
    CHECK(t && mu_render(t, NULL, NULL, &out, &errs) == -1, "2^40 copies rendered");
    CHECK(has(&errs, "twice.md:1:101: the output is longer than the limit of 2 KiB (a value too "
                     "long, or partials or sections repeating); rendering stopped here"), "output limit");
    CHECK(out.len == 0, "output left after the limit");
    mu_template_free(t);
    diag_list_clear(&errs);

    /* sections over a list nested deep with nothing to print: the step limit stops them */
    mu_value *list = mu_list();
    for (int i = 0; i < 10; i++)
        mu_list_push(list, mu_map());
    mu_options steps = {.strict = true, .max_steps = 100000};
    const char *deep = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}"
                       "{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
    t = mu_compile("t.md", deep, strlen(deep), &steps, &errs);
    mu_value *data = map1("l", list);
    CHECK(t && mu_render(t, data, NULL, &out, &errs) == -1, "10^9 iterations rendered");
    CHECK(has(&errs, "t.md:1:49: rendering takes more than 100000 steps (sections or partials "
                     "repeated too deep?); stopped here"), "step limit");
    mu_template_free(t);
    mu_free(data);
    diag_list_clear(&errs);
    sb_free(&out);

    /* a NUL byte inside a tag name matches no field (and reads nothing past a key) */
    static const char nul[] = "[{{na\0me}}]";
    t = mu_compile("t.md", nul, sizeof nul - 1, &lenient, &errs);
    data = map1("na", mu_string("x"));
    mu_map_set(data, "name", mu_string("y"));
    CHECK(t && mu_render(t, data, NULL, &out, &errs) == 0, "NUL in a name");
    CHECK_STR(sb_str(&out), "[]");
    mu_template_free(t);
    mu_free(data);
    diag_list_clear(&errs);
    sb_free(&out);
}

/* A batch's workers render one compiled template at once. Partials named by data are compiled
 * while others render: each thread asks for the sixteen in its own order, many times, and must
 * always get the right text; each file is still loaded once. */
typedef struct renderer_thread {
    mu_template *t;
    int first, wrong;
} renderer_thread;

static void *render_names(void *arg)
{
    renderer_thread *rt = arg;
    strbuf out = {0};
    for (int round = 0; round < 200; round++) {
        for (int i = 0; i < 16; i++) {
            int n = (rt->first + i * 7) % 16;
            char name[16], want[32];
            snprintf(name, sizeof name, "p%d", n);
            snprintf(want, sizeof want, "[text of p%d]", n);
            mu_value *data = mu_map();
            mu_map_set(data, "which", mu_string(name));
            diag_list errs = {0};
            sb_reset(&out);
            if (mu_render(rt->t, data, NULL, &out, &errs) != 0 || strcmp(sb_str(&out), want) != 0)
                rt->wrong++;
            diag_list_clear(&errs);
            mu_free(data);
        }
    }
    sb_free(&out);
    return NULL;
}

static void threads(void)
{
    static named sixteen[17];
    static char names[16][16], texts[16][32];
    for (int i = 0; i < 16; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i);
        snprintf(texts[i], sizeof texts[i], "text of p%d", i);
        sixteen[i] = (named){names[i], texts[i]};
    }
    partials = sixteen;
    loads = 0;
    diag_list errs = {0};
    mu_template *t = mu_compile("t.md", "[{{>*which}}]", 13, &strict, &errs);
    CHECK(t != NULL, "dynamic partial template compiles");
    renderer_thread rt[3] = {{t, 0, 0}, {t, 5, 0}, {t, 11, 0}};
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        CHECK(pthread_create(&th[i], NULL, render_names, &rt[i]) == 0, "thread %d starts", i);
    for (int i = 0; i < 3; i++) {
        pthread_join(th[i], NULL);
        CHECK(rt[i].wrong == 0, "thread %d: %d renders wrong of 3200", i, rt[i].wrong);
    }
    CHECK(loads == 16, "each partial loaded once by three threads: %d loads", loads);
    mu_template_free(t);
    diag_list_clear(&errs);
}

int main(void)
{
    syntax_errors();
    partial_errors();
    parent_content();
    strict_misses();
    engine_promises();
    visit();
    indentation();
    byte_order_mark();
    fuzz();
    limits();
    threads();
    return check_done("test_mustache_errors");
}
