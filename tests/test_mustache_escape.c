/* test_mustache_escape.c: {{x}} prints any value literally in a letter.
 *
 * Round trip: for every hostile string (a fixed list of Markdown, HTML and Unicode nasties,
 * then hundreds generated from them by a seeded PRNG), render it through the engine with
 * Markdown escaping into each place a letter puts values (paragraph, mid-line, second line,
 * list item, table cell, heading, bold), parse with cmark-gfm and the extensions letters use,
 * and check that (1) the block structure is the one the template wrote and no inline markup
 * came from the value, and (2) the plain text equals the value with its line breaks turned into
 * spaces (the documented normalisation, escape.h). Also a few exact outputs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "check.h"
#include "template/escape.h"
#include "template/mustache.h"

static const char *const nasties[] = {
    "*a*", "_b_", "**bold**", "__u__", "# h", "## h2", "###### h6", "> q", ">> qq", "- item",
    "+ item", "* item", "1. x", "2) y", "10. z", "1.", "<b>", "</div>", "<!-- c -->",
    "<script>alert(1)</script>", "<div class=\"pb-letterhead\">", "&amp;", "&copy;", "&#32;",
    "&#x41;", "&", "[l](u)", "[ref]: http://x.example", "![img](a.png)", "[x][y]", "[^1]", "`c`",
    "``x``", "```", "~~~", "| t |", "|---|", "a|b", "\\", "\\*", "\\\\", "~~s~~", "~t~", "***",
    "---", "___", "===", "    code", "\tcode", "http://example.com", "www.example.com",
    "anna@example.org", "<http://x.y>", "<a@b.c>", "{{x}}", "{{{y}}}", "$x$", "%", "^", "\"q\"",
    "'a'", "O'Brien", "Łukasiewicz-O'Brien", "Zoë", "é", "£1,234.50", "€5", "😀", "👩‍👧",
    "שלום", "مرحبا", "\u200f", "\u00a0", " ", "  ", "\t", "\n", "\r\n", "\n\n", "\r", "-", "#", ">",
    "+", "=", "!", "[", "]", "(", ")", "<", "&", ":", ";", "/", "?", "@", "{", "}", "'", "\"", ".",
    ",", "_", "*", "`", "|", "~", "1", "a", "Flat 2, 14 Queen's Road", "BA2 4JT", "- - -",
    "* * *", "1) one", "<?php ?>", "<![CDATA[x]]>", "&nbsp;", "\\#", "a  ", "  a", "a\\",
};

static const char *const separators[] = {"", " ", "  ", "\n", "\t", "x", ". ", "\n\n", "\r\n"};

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}
#define PICK(a) (a[next_random() % (sizeof a / sizeof a[0])])

/* Glues 1..6 nasties with random separators, sometimes with white space around. */
static char *generate(void)
{
    strbuf sb = {0};
    if (next_random() % 4 == 0)
        sb_puts(&sb, PICK(separators));
    int n = 1 + (int)(next_random() % 6);
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(&sb, PICK(separators));
        sb_puts(&sb, PICK(nasties));
    }
    if (next_random() % 4 == 0)
        sb_puts(&sb, PICK(separators));
    return sb_take(&sb);
}

/* The value as it must print: each line break (\r\n, \r or \n) becomes one space. */
static char *normalised(const char *s)
{
    strbuf sb = {0};
    sb_append(&sb, "", 0);  /* sb_take of a never-used buffer is not NUL-terminated */
    for (; *s; s++) {
        if (*s == '\r' && s[1] == '\n')
            continue;
        sb_putc(&sb, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
    return sb_take(&sb);
}

typedef struct context {
    const char *name;
    const char *tpl;       /* the template around {{x}} */
    const char *expected;  /* printf format of the plain text, %s = the value */
    const char *block;     /* the only top-level block */
    bool strong;           /* the template itself makes one bold run */
    bool needs_text;       /* an empty value changes the structure: skip it */
} context;

static const context contexts[] = {
    {"paragraph", "{{x}}\n", "%s", "paragraph", false, false},
    {"mid-line", "Before {{x}} after\n", "Before %s after", "paragraph", false, false},
    {"second line", "First line\n{{x}}\n", "First line %s", "paragraph", false, true},
    {"list item", "- {{x}}\n", "%s", "list", false, false},
    {"table cell", "| Name | Value |\n| --- | --- |\n| {{x}} | end |\n", "Name|Value|%s|end", "table", false, false},
    {"heading", "# {{x}}\n", "%s", "heading", false, false},
    {"bold", "Dear **{{x}}**,\n", "Dear %s,", "paragraph", true, true},
};

static cmark_parser *new_parser(void)
{
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    const char *exts[] = {"table", "strikethrough", "autolink", "tagfilter"};
    for (size_t i = 0; i < 4; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    return p;
}

/* Plain text of a parsed document; *bad counts inline markup the value must not have made
 * (links are allowed only as GFM autolinks, whose text is the address itself). */
static char *plain_text(cmark_node *doc, int *bad, int *strong)
{
    strbuf sb = {0};
    sb_append(&sb, "", 0);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        const char *type = cmark_node_get_type_string(n);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_DOCUMENT: case CMARK_NODE_PARAGRAPH: case CMARK_NODE_HEADING:
        case CMARK_NODE_LIST: case CMARK_NODE_ITEM:
            break;
        case CMARK_NODE_TEXT:
            sb_puts(&sb, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
            sb_putc(&sb, ' ');
            break;
        case CMARK_NODE_STRONG:
            (*strong)++;
            break;
        case CMARK_NODE_LINK: {
            /* an autolink's address ends with its text */
            cmark_node *c = cmark_node_first_child(n);
            const char *url = cmark_node_get_url(n), *text = c ? cmark_node_get_literal(c) : NULL;
            size_t ul = url ? strlen(url) : 0, tl = text ? strlen(text) : 0;
            if (!text || tl > ul || strcmp(url + ul - tl, text) != 0)
                (*bad)++;
            break;
        }
        default:
            if (strcmp(type, "table") == 0 || strcmp(type, "table_row") == 0 ||
                strcmp(type, "table_header") == 0)
                break;
            if (strcmp(type, "table_cell") == 0) {
                if (cmark_node_previous(n) || cmark_node_previous(cmark_node_parent(n)))
                    sb_putc(&sb, '|');
                break;
            }
            (*bad)++;  /* emphasis, code, HTML, line break, image, strikethrough, ... */
            break;
        }
    }
    cmark_iter_free(it);
    return sb_take(&sb);
}

static int round_trips;

static void round_trip(const char *value)
{
    char *want_value = normalised(value);
    mu_value *data = mu_map();
    mu_map_set_str(data, "x", value);
    for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++) {
        const context *cx = &contexts[c];
        if (cx->needs_text && !*value)
            continue;  /* "****" is not bold; an empty second line is a blank line */
        diag_list errs = {0};
        strbuf md = {0};
        mu_options opt = {.strict = true};
        mu_template *t = mu_compile(cx->name, cx->tpl, strlen(cx->tpl), &opt, &errs);
        int rc = mu_render(t, data, mu_escape_markdown, &md, &errs);
        cmark_parser *p = new_parser();
        cmark_parser_feed(p, md.data ? md.data : "", md.len);
        cmark_node *doc = cmark_parser_finish(p);
        int bad = 0, strong = 0;
        char *got = plain_text(doc, &bad, &strong);
        strbuf want = {0};
        sb_printf(&want, cx->expected, want_value);
        cmark_node *top = cmark_node_first_child(doc);
        bool structure = bad == 0 && strong == (cx->strong ? 1 : 0) &&
                         (!top || (strcmp(cmark_node_get_type_string(top), cx->block) == 0 &&
                                   !cmark_node_next(top)));
        if (cx->block[0] == 'l' && top)  /* a list of exactly one item */
            structure = structure && !cmark_node_next(cmark_node_first_child(top));
        CHECK(rc == 0 && structure && strcmp(got, sb_str(&want)) == 0,
              "%s: value [%s]\n      markdown: [%s]\n      text: [%s]\n      want: [%s] (bad nodes %d)",
              cx->name, value, sb_str(&md), got, sb_str(&want), bad);
        round_trips++;
        free(got);
        sb_free(&want);
        cmark_node_free(doc);
        cmark_parser_free(p);
        sb_free(&md);
        mu_template_free(t);
        diag_list_clear(&errs);
    }
    mu_free(data);
    free(want_value);
}

static void exact(void)
{
    strbuf sb = {0};
    mu_escape_markdown(&sb, "*a* 1. #", 8);
    CHECK_STR(sb_str(&sb), "\\*a\\* 1\\. \\#");
    sb_reset(&sb);
    mu_escape_markdown(&sb, " two\nlines\t", 11);
    CHECK_STR(sb_str(&sb), "&#32;two lines&#9;");
    sb_reset(&sb);
    mu_escape_markdown(&sb, "a\r\n\r\nb", 6);
    CHECK_STR(sb_str(&sb), "a  b");
    sb_reset(&sb);
    mu_escape_markdown(&sb, "Zoë 😀", strlen("Zoë 😀"));
    CHECK_STR(sb_str(&sb), "Zoë 😀");
    sb_reset(&sb);
    mu_escape_markdown(&sb, "\u00a0x\u3000", strlen("\u00a0x\u3000"));
    CHECK_STR(sb_str(&sb), "&#160;x&#12288;");
    sb_reset(&sb);
    mu_escape_markdown(&sb, "a\0b", 3);
    CHECK_STR(sb_str(&sb), "a\xEF\xBF\xBD" "b");
    sb_reset(&sb);
    mu_escape_html(&sb, "<a href=\"x\">&'</a>", 18);
    CHECK_STR(sb_str(&sb), "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
    sb_free(&sb);
}

int main(void)
{
    cmark_gfm_core_extensions_ensure_registered();
    exact();
    int strings = 0;
    for (size_t i = 0; i < sizeof nasties / sizeof nasties[0]; i++, strings++)
        round_trip(nasties[i]);
    round_trip("");
    strings++;
    for (int i = 0; i < 600; i++, strings++) {
        char *s = generate();
        round_trip(s);
        free(s);
    }
    printf("%d hostile strings, %d round trips through cmark-gfm\n", strings, round_trips);
    return check_done("test_mustache_escape");
}
