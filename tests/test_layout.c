/* test_layout: the layout engine on its own (no PDF): where lines and pages break, what the
 * letter furniture does, and invariants every laid-out page must keep (nothing past the
 * margins, Page N of M on every page, the running header after page 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "layout/layout.h"
#include "pdf/pdf_fonts.h"

static pb_fonts *fonts;

static pb_doc_setup letter_setup(void)
{
    return (pb_doc_setup){
        .letter = true, .window = PB_WINDOW_DEFAULT, .title = "Test", .author = "Council",
        .issued = {2026, 11, 23}, .running_header = "Example Borough Council · EHCP-0142",
        .case_id = "TEST-1",
    };
}

static pb_doc_setup plain_setup(void)
{
    pb_doc_setup s = letter_setup();
    s.letter = false;
    return s;
}

static int lay(const char *md, const pb_doc_setup *s, pb_layout *L, diag_list *errs)
{
    return layout_markdown(md, strlen(md), s, fonts, L, errs);
}

static const char *op_text(const pb_layout *L, const pb_op *op)
{
    static char buf[4096];
    return layout_op_text(L, op, buf, sizeof buf);
}

static size_t page_of_op(const pb_layout *L, size_t i)
{
    for (size_t p = 0; p < L->n_pages; p++)
        if (i >= L->pages[p].first && i < L->pages[p].first + L->pages[p].count)
            return p;
    return (size_t)-1;
}

/* The first text op holding needle, from op index `from`; -1 when none. */
static long find(const pb_layout *L, const char *needle, size_t from)
{
    for (size_t i = from; i < L->n_ops; i++)
        if (L->ops[i].kind == LAYOUT_OP_TEXT && strstr(op_text(L, &L->ops[i]), needle))
            return (long)i;
    return -1;
}

static long page_of(const pb_layout *L, const char *needle)
{
    long i = find(L, needle, 0);
    return i < 0 ? -1 : (long)page_of_op(L, (size_t)i);
}

static long page_of_last(const pb_layout *L, const char *needle)
{
    long last = -1;
    for (long i = find(L, needle, 0); i >= 0; i = find(L, needle, (size_t)i + 1))
        last = i;
    return last < 0 ? -1 : (long)page_of_op(L, (size_t)last);
}

static int count_ops(const pb_layout *L, const char *needle)
{
    int n = 0;
    for (long i = find(L, needle, 0); i >= 0; i = find(L, needle, (size_t)i + 1))
        n++;
    return n;
}

static bool is_furniture(const pb_layout *L, const pb_op *op)
{
    const char *t = op_text(L, op);
    return strncmp(t, "Page ", 5) == 0 || op->y < MM(20);
}

/* What every layout must keep, whatever the document. */
static void check_invariants(const pb_layout *L, const char *name)
{
    double right = PAGE_WIDTH - MM(20) + 0.01;
    unsigned outside = 0, below = 0;
    for (size_t i = 0; i < L->n_ops; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind != LAYOUT_OP_TEXT)
            continue;
        size_t len = op->len;  /* a line's last run may end with its (invisible) space */
        while (len && op_text(L, op)[len - 1] == ' ')
            len--;
        double w = layout_text_width(fonts, op->face, op->size, op_text(L, op), len);
        if (op->x < MM(15) || op->x + w > right) {
            outside++;
            printf("  %s: outside the margins: [%s] x=%.1f w=%.1f\n", name, op_text(L, op), op->x, w);
        }
        if (!is_furniture(L, op) && op->y > PAGE_HEIGHT - MM(17)) {
            below++;
            printf("  %s: into the footer: [%s] y=%.1f\n", name, op_text(L, op), op->y);
        }
    }
    CHECK(outside == 0, "%s: %u runs outside the margins", name, outside);
    CHECK(below == 0, "%s: %u runs in the footer area", name, below);
    for (size_t p = 0; p < L->n_pages; p++) {
        char want[64];
        snprintf(want, sizeof want, "Page %zu of %zu", p + 1, L->n_pages);
        long i = find(L, want, 0);
        CHECK(i >= 0 && page_of_op(L, (size_t)i) == p, "%s: [%s] on its page", name, want);
        bool header = false;
        for (size_t k = L->pages[p].first; k < L->pages[p].first + L->pages[p].count; k++)
            if (L->ops[k].kind == LAYOUT_OP_TEXT && L->ops[k].y < MM(20) &&
                strstr(op_text(L, &L->ops[k]), "EHCP-0142"))
                header = true;
        CHECK(header == (p > 0), "%s: running header on page %zu: %d", name, p + 1, header);
    }
}

static char *slurp(const char *rel)
{
    char path[4096];
    FILE *f = fopen(pb_path(path, sizeof path, rel), "rb");
    if (!f)
        return NULL;
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&sb, buf, n);
    fclose(f);
    return sb_take(&sb);
}

static void test_fixtures(void)
{
    const char *files[] = {"fixtures/markdown/letter.md", "fixtures/markdown/one-page.md"};
    for (size_t f = 0; f < 2; f++) {
        char *md = slurp(files[f]);
        CHECK(md != NULL, "read %s", files[f]);
        if (!md)
            continue;
        for (int large = 0; large < 2; large++) {
            pb_doc_setup s = letter_setup();
            s.large_print = large;
            pb_layout L;
            diag_list errs = {0};
            int rc = lay(md, &s, &L, &errs);
            CHECK(rc == 0 && errs.len == 0, "%s lays out (large %d)", files[f], large);
            check_invariants(&L, files[f]);
            /* the body text is the size asked for */
            long i = find(&L, "Dear Mrs", 0);
            CHECK(i >= 0 && L.ops[i].size == (large ? 16 : 12), "%s body size (large %d)", files[f], large);
            /* the body starts below the window, about 95 mm from the top (large print: below
               the 16 pt letterhead and the address repeated at 16 pt) */
            i = find(&L, "23 November 2026", 0);
            CHECK(i >= 0 && L.ops[i].y > MM(95) && L.ops[i].y < MM(large ? 170 : 110),
                  "%s: body top %.1f mm", files[f], i >= 0 ? L.ops[i].y * 25.4 / 72 : 0.0);
            /* the address sits in the window box */
            pb_window w = PB_WINDOW_DEFAULT;
            long a = find(&L, "Mrs Anna", 0), pc = find(&L, "EX1 2BB", 0);
            CHECK(a >= 0 && pc >= 0, "address lines found");
            if (a >= 0 && pc >= 0) {
                CHECK(L.ops[a].x >= MM(w.left_mm) - 0.01 && L.ops[a].y > MM(w.top_mm) &&
                          L.ops[pc].y < MM(w.top_mm + w.height_mm),
                      "%s: address inside the window", files[f]);
                CHECK(page_of_op(&L, (size_t)a) == 0, "address on page 1");
            }
            /* the letterhead is top right */
            long lh = find(&L, "Example Borough", 0);
            CHECK(lh >= 0 && L.ops[lh].x >= MM(120) && L.ops[lh].y < MM(40), "%s: letterhead", files[f]);
            CHECK(lh >= 0 && L.ops[lh].size == (large ? 16 : 10), "%s: letterhead size %.0f",
                  files[f], lh >= 0 ? L.ops[lh].size : 0.0);
            long header = L.n_pages > 1 ? find(&L, "EHCP-0142", L.pages[1].first) : -1;
            CHECK(L.n_pages < 2 || (header >= 0 && L.ops[header].size == (large ? 16 : 10) &&
                                    L.ops[header].y < MM(20)),
                  "%s: running header size (large %d)", files[f], large);
            long email = find(&L, "Email:", 0);
            /* the address is a run of its own (a Link), on the label's line */
            CHECK(email >= 0 && (size_t)email + 1 < L.n_ops &&
                      strncmp(op_text(&L, &L.ops[email + 1]), "send@", 5) == 0 &&
                      L.ops[email + 1].y == L.ops[email].y,
                  "%s: \"Email:\" on the line of its address (large %d)", files[f], large);
            layout_free(&L);
            diag_list_clear(&errs);
        }
        free(md);
    }
    /* the full fixture: three pages, the forced break, the repeated table header */
    char *md = slurp("fixtures/markdown/letter.md");
    if (md) {
        pb_doc_setup s = letter_setup();
        pb_layout L;
        diag_list errs = {0};
        lay(md, &s, &L, &errs);
        CHECK(L.n_pages == 3, "letter.md has 3 pages: %zu", L.n_pages);
        CHECK(page_of(&L, "Raw HTML such as") == 2, "the thematic break starts page 3");
        CHECK(count_ops(&L, "Year") == 2, "the long table's header on both its pages: %d",
              count_ops(&L, "Year"));
        CHECK(page_of(&L, "Yours sincerely") == page_of_last(&L, "Head of SEND Services"),
              "signature block kept together");
        layout_free(&L);
        diag_list_clear(&errs);
        free(md);
    }
}

/* Headings are never left alone at the foot of a page, and no page holds a single line of a
 * paragraph: tried with the paragraph starting at every line position of a page. */
static void test_widows_and_orphans(void)
{
    unsigned lonely_heading = 0, lonely_line = 0, split_keep = 0, lonely_intro = 0;
    for (int k = 0; k < 48; k++) {
        strbuf md = {0};
        for (int i = 0; i < k; i++)
            sb_printf(&md, "Filler %d.\n\n", i);
        sb_puts(&md, "## The heading\n\nLine A\\\nLine B\\\nLine C\\\nLine D\\\nLine E\n\n");
        sb_puts(&md, "The reasons are:\n\n- first reason\n- second reason\n\n");
        for (int i = 0; i < k; i++)
            sb_printf(&md, "More %d.\n\n", i);
        sb_puts(&md, "<div class=\"pb-keep\">\n\nYours sincerely,\n\nSign A\\\nSign B\\\nSign C\n\n</div>\n");
        pb_doc_setup s = plain_setup();
        pb_layout L;
        diag_list errs = {0};
        lay(sb_str(&md), &s, &L, &errs);
        long h = page_of(&L, "The heading");
        if (h != page_of(&L, "Line A"))
            lonely_heading++;
        int per_page[64] = {0};
        const char *lines[] = {"Line A", "Line B", "Line C", "Line D", "Line E"};
        for (int i = 0; i < 5; i++) {
            long p = page_of(&L, lines[i]);
            if (p >= 0 && p < 64)
                per_page[p]++;
        }
        for (int p = 0; p < 64; p++)
            if (per_page[p] == 1)
                lonely_line++;
        if (page_of(&L, "Yours sincerely") != page_of(&L, "Sign C"))
            split_keep++;
        if (page_of(&L, "The reasons are:") != page_of(&L, "first reason"))
            lonely_intro++;
        check_invariants(&L, "widows");
        layout_free(&L);
        diag_list_clear(&errs);
        sb_free(&md);
    }
    CHECK(lonely_heading == 0, "a heading left at a page foot %u times", lonely_heading);
    CHECK(lonely_line == 0, "a single paragraph line alone on a page %u times", lonely_line);
    CHECK(split_keep == 0, "a keep region split %u times", split_keep);
    CHECK(lonely_intro == 0, "a list's introduction left behind %u times", lonely_intro);
}

static void test_tables(void)
{
    strbuf md = {0};
    sb_puts(&md, "Intro.\n\n| Hdr one | Hdr two | Amount |\n|---|---|--:|\n");
    for (int i = 0; i < 90; i++)
        sb_printf(&md, "| Row %d | A cell with enough words in it to wrap onto a second line in a "
                       "narrow column | £%d.00 |\n", i, i * 10);
    pb_doc_setup s = plain_setup();
    pb_layout L;
    diag_list errs = {0};
    lay(sb_str(&md), &s, &L, &errs);
    CHECK(L.n_pages >= 3, "a long table runs over pages: %zu", L.n_pages);
    CHECK(count_ops(&L, "Hdr one") == (int)L.n_pages, "header row on each of the %zu pages: %d",
          L.n_pages, count_ops(&L, "Hdr one"));
    /* a row is never split: every cell of a row on one page */
    unsigned split = 0;
    for (int i = 0; i < 90; i++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "Row %d", i);
        snprintf(b, sizeof b, "£%d.00", i * 10);
        long ia = find(&L, a, 0);
        while (ia >= 0 && strcmp(op_text(&L, &L.ops[ia]), a) != 0)
            ia = find(&L, a, (size_t)ia + 1);
        if (ia < 0 || page_of_op(&L, (size_t)ia) != (size_t)page_of(&L, b))
            split++;
    }
    CHECK(split == 0, "%u rows split or lost", split);
    /* right-aligned column: amounts end at the same x */
    long x1 = find(&L, "£10.00", 0), x2 = find(&L, "£100.00", 0);
    if (x1 >= 0 && x2 >= 0) {
        double e1 = L.ops[x1].x + layout_text_width(fonts, L.ops[x1].face, L.ops[x1].size, "£10.00", 7);
        double e2 = L.ops[x2].x + layout_text_width(fonts, L.ops[x2].face, L.ops[x2].size, "£100.00", 8);
        CHECK(e1 - e2 < 0.01 && e2 - e1 < 0.01, "right-aligned amounts end together");
    }
    check_invariants(&L, "tables");
    layout_free(&L);
    sb_free(&md);
    diag_list_clear(&errs);
}

static void test_address_errors(void)
{
    static const struct {
        const char *lines;
        const char *message;
    } cases[] = {
        {"A\\\nB", "has 2 lines"},
        {"A\\\nB\\\nC\\\nD\\\nE\\\nF\\\nG\\\nH", "has 8 lines"},
        {"Mrs Anna Łukasiewicz-O’Brien-Smith-Jones of the Very Long Named House, Upper "
         "Example\\\nB\\\nEX1 2BB", "too wide"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strbuf md = {0};
        sb_printf(&md, "<div class=\"pb-address\">\n\n%s\n\n</div>\n\nBody.\n", cases[i].lines);
        pb_doc_setup s = letter_setup();
        pb_layout L;
        diag_list errs = {0};
        int rc = lay(sb_str(&md), &s, &L, &errs);
        CHECK(rc == -1 && errs.len == 1, "address case %zu refused", i);
        if (errs.len) {
            CHECK(strstr(errs.items[0].message, cases[i].message) != NULL, "message: %s",
                  errs.items[0].message);
            CHECK_STR(errs.items[0].field, "recipient/address");
            CHECK_STR(errs.items[0].case_id, "TEST-1");
        }
        layout_free(&L);
        diag_list_clear(&errs);
        sb_free(&md);
    }
    /* 7 lines fit (at a smaller size); the postcode last */
    pb_doc_setup s = letter_setup();
    pb_layout L;
    diag_list errs = {0};
    int rc = lay("<div class=\"pb-address\">\n\nL1\\\nL2\\\nL3\\\nL4\\\nL5\\\nL6\\\nEX1 2BB\n\n</div>\n",
                 &s, &L, &errs);
    CHECK(rc == 0, "7 address lines fit");
    long pc = find(&L, "EX1 2BB", 0);
    CHECK(pc >= 0 && L.ops[pc].y < MM(39.5 + 26.8) && L.ops[pc].size >= 8, "postcode in the box");
    layout_free(&L);
    diag_list_clear(&errs);
    /* a council's own envelope */
    s.window = (pb_window){20, 50, 90, 40};
    lay("<div class=\"pb-address\">\n\nA\\\nB\\\nEX1 2BB\n\n</div>\n\nBody.\n", &s, &L, &errs);
    long a = find(&L, "A", 0);
    CHECK(a >= 0 && L.ops[a].x > MM(19.9) && L.ops[a].x < MM(20.1) && L.ops[a].y > MM(50),
          "address follows the window setting");
    long b = find(&L, "Body.", 0);
    CHECK(b >= 0 && L.ops[b].y > MM(90), "body below a lower window");
    layout_free(&L);
    diag_list_clear(&errs);
}

static void test_text_rules(void)
{
    pb_doc_setup s = plain_setup();
    pb_layout L;
    diag_list errs = {0};

    /* a character the fonts cannot print is refused, naming the case and the character */
    int rc = lay("Hello 中 world.\n", &s, &L, &errs);
    CHECK(rc == -1 && errs.len == 1, "unprintable character refused");
    if (errs.len) {
        CHECK(strstr(errs.items[0].message, "U+4E2D") != NULL, "names U+4E2D: %s", errs.items[0].message);
        CHECK_STR(errs.items[0].case_id, "TEST-1");
    }
    layout_free(&L);
    diag_list_clear(&errs);

    /* links print their address; an autolink prints once */
    lay("See [the Local Offer](https://example.gov.uk/lo) or <https://x.example/a> or "
        "<send@example.gov.uk>.\n", &s, &L, &errs);
    CHECK(find(&L, "the Local Offer (https://example.gov.uk/lo)", 0) >= 0, "link with its URL");
    CHECK(count_ops(&L, "https://x.example/a") == 1 && find(&L, "(https://x.example/a)", 0) < 0,
          "autolink once");
    CHECK(find(&L, "(mailto:", 0) < 0 && find(&L, "send@example.gov.uk", 0) >= 0, "email once");
    layout_free(&L);

    /* raw HTML and unknown things print literally */
    lay("Some <b>bold</b> here.\n\n<div class=\"other\">\nkept\n</div>\n\n<div class=\"pb-unknown\">\n\nx\n", &s, &L, &errs);
    CHECK(find(&L, "Some <b>bold</b> here.", 0) >= 0, "inline HTML literal");
    CHECK(find(&L, "<div class=\"other\">", 0) >= 0 && find(&L, "</div>", 0) >= 0, "HTML block literal");
    CHECK(find(&L, "<div class=\"pb-unknown\">", 0) >= 0, "unknown region literal");
    layout_free(&L);

    /* a word longer than the line is broken, never past the margin */
    strbuf md = {0};
    sb_puts(&md, "https://example.gov.uk/");
    for (int i = 0; i < 60; i++)
        sb_puts(&md, "averyveryverylongpathsegment");
    sb_puts(&md, "\n\nSuper");
    for (int i = 0; i < 200; i++)
        sb_putc(&md, 'x');
    sb_putc(&md, '\n');
    lay(sb_str(&md), &s, &L, &errs);
    check_invariants(&L, "long words");
    CHECK(count_ops(&L, "averyvery") > 10, "the long URL takes many lines");
    layout_free(&L);
    sb_free(&md);

    /* no-break space joins, soft hyphen vanishes */
    sb_puts(&md, "Start");
    for (int i = 0; i < 80; i++)
        sb_puts(&md, " ab\xC2\xA0" "cd");
    sb_puts(&md, " co\xC2\xAD" "operate\n");
    lay(sb_str(&md), &s, &L, &errs);
    unsigned broken = 0;
    for (size_t i = 0; i < L.n_ops; i++) {
        const char *t = op_text(&L, &L.ops[i]);
        size_t n = strlen(t);
        if (n >= 2 && strcmp(t + n - 2, "ab") == 0)
            broken++;
    }
    CHECK(broken == 0, "a line broke at a no-break space %u times", broken);
    CHECK(find(&L, "cooperate", 0) >= 0, "soft hyphen dropped");
    layout_free(&L);
    sb_free(&md);

    /* a thematic break starts a new page; one at the very start makes no blank page */
    lay("---\n\nA\n\n---\n\nB\n", &s, &L, &errs);
    CHECK(L.n_pages == 2 && page_of(&L, "A") == 0 && page_of(&L, "B") == 1, "forced page break");
    layout_free(&L);

    /* lists: hanging indents, bullets then dashes, numbers */
    lay("- one\n  - inner\n- two wraps: words words words words words words words words words words "
        "words words words words words words words words\n\n3. three\n4. four\n", &s, &L, &errs);
    long bullet = find(&L, "\xE2\x80\xA2", 0), one = find(&L, "one", 0), dash = find(&L, "\xE2\x80\x93", 0);
    long inner = find(&L, "inner", 0);
    CHECK(bullet >= 0 && one >= 0 && L.ops[bullet].x < L.ops[one].x, "bullet hangs left of its text");
    CHECK(dash >= 0 && inner >= 0 && L.ops[dash].x > L.ops[bullet].x && L.ops[inner].x > L.ops[one].x,
          "second level further in, with a dash");
    long two = find(&L, "two wraps", 0), cont = find(&L, "words", (size_t)two + 1);
    CHECK(two >= 0 && cont >= 0 && L.ops[cont].x == L.ops[two].x, "wrapped item lines align");
    CHECK(find(&L, "3.", 0) >= 0 && find(&L, "4.", 0) >= 0, "list numbers from the start number");
    layout_free(&L);

    /* a quote is a box around its text */
    lay("> What you can do next.\n", &s, &L, &errs);
    long q = find(&L, "What you can do next.", 0);
    bool boxed = false;
    for (size_t i = 0; i < L.n_ops; i++)
        if (L.ops[i].kind == LAYOUT_OP_RECT && q >= 0 && L.ops[i].x < L.ops[q].x &&
            L.ops[i].y < L.ops[q].y && L.ops[i].y + L.ops[i].h > L.ops[q].y)
            boxed = true;
    CHECK(boxed, "quote drawn as a box");
    layout_free(&L);

    /* a panel longer than a page is drawn as a closed box on every page it crosses */
    strbuf big = {0};
    sb_puts(&big, "> **What you can do next.**");
    for (int i = 0; i < 120; i++)
        sb_printf(&big, " Sentence %d of the panel goes on for a while.", i);
    sb_puts(&big, "\n\nAfter the panel.\n");
    lay(sb_str(&big), &s, &L, &errs);
    int pages_with_box = 0;
    for (size_t p = 0; p < L.n_pages; p++)
        for (size_t k = L.pages[p].first; k < L.pages[p].first + L.pages[p].count; k++)
            if (L.ops[k].kind == LAYOUT_OP_RECT) {
                pages_with_box++;
                break;
            }
    CHECK(L.n_pages >= 2 && pages_with_box == (int)L.n_pages, "a box piece on each of %zu pages: %d",
          L.n_pages, pages_with_box);
    check_invariants(&L, "long panel");
    layout_free(&L);
    sb_free(&big);

    /* hostile nesting (officers' Markdown): printed, not dropped, no crash, inside the margins */
    sb_reset(&big);
    for (int i = 0; i < 20000; i++)
        sb_puts(&big, "> ");
    sb_puts(&big, "deep quote\n\n");
    for (int i = 0; i < 300; i++) {
        for (int k = 0; k < i; k++)
            sb_puts(&big, "  ");
        sb_puts(&big, "- item\n");
    }
    sb_puts(&big, "\n");
    for (int i = 0; i < 30000; i++)  /* 15000 strong emphases, one in the other */
        sb_putc(&big, '*');
    sb_puts(&big, "deep emphasis");
    for (int i = 0; i < 30000; i++)
        sb_putc(&big, '*');
    sb_puts(&big, "\n");
    rc = lay(sb_str(&big), &s, &L, &errs);
    CHECK(rc == 0, "deep nesting lays out");
    CHECK(find(&L, "deep quote", 0) >= 0 && find(&L, "deep emphasis", 0) >= 0, "deep text printed");
    CHECK(count_ops(&L, "item") >= 300, "every nested item printed: %d", count_ops(&L, "item"));
    check_invariants(&L, "deep nesting");
    layout_free(&L);
    sb_free(&big);

    /* emphasis picks faces */
    lay("plain *italic* **bold** ***both***\n", &s, &L, &errs);
    long it = find(&L, "italic", 0), bo = find(&L, "bold", 0), bi = find(&L, "both", 0);
    CHECK(it >= 0 && L.ops[it].face == FACE_ITALIC, "italic face");
    CHECK(bo >= 0 && L.ops[bo].face == FACE_BOLD, "bold face");
    CHECK(bi >= 0 && L.ops[bi].face == FACE_BOLD_ITALIC, "bold italic face");
    layout_free(&L);

    /* an empty document is one page with its footer */
    lay("", &s, &L, &errs);
    CHECK(L.n_pages == 1 && find(&L, "Page 1 of 1", 0) >= 0, "empty document");
    layout_free(&L);

    /* Section J starts at the top margin; a stray address region is plain text there */
    lay("<div class=\"pb-address\">\n\nA\\\nB\n\n</div>\n\nFirst.\n", &s, &L, &errs);
    long first = find(&L, "A", 0);
    CHECK(first >= 0 && L.ops[first].y < MM(35), "non-letter starts at the top margin");
    layout_free(&L);
    CHECK(errs.len == 0, "no problems in the well-formed cases (%zu)", errs.len);
    diag_list_clear(&errs);
}

static void test_logo(void)
{
    pb_doc_setup s = letter_setup();
    pb_layout L;
    diag_list errs = {0};
    s.logo_png = "/nonexistent/logo.png";
    int rc = lay("Body.\n", &s, &L, &errs);
    CHECK(rc == -1 && errs.len == 1 && strstr(errs.items[0].message, "PNG"), "missing logo refused");
    layout_free(&L);
    diag_list_clear(&errs);
    char path[4096];
    s.logo_png = pb_path(path, sizeof path, "fixtures/markdown/logo.png");
    rc = lay("Body.\n", &s, &L, &errs);
    CHECK(rc == 0, "logo accepted");
    bool image = false;
    for (size_t i = 0; i < L.n_ops; i++)
        if (L.ops[i].kind == LAYOUT_OP_IMAGE && page_of_op(&L, i) == 0 && L.ops[i].y + L.ops[i].h < MM(39.5) &&
            L.ops[i].w <= MM(60) + 0.01)
            image = true;
    CHECK(image, "logo top left of page 1, above the window");
    layout_free(&L);
    diag_list_clear(&errs);
}

/* The limits of layout.c: refused with a message before any work that could blow up. */
static void expect_refused(const char *name, const char *md, const char *message)
{
    pb_doc_setup s = plain_setup();
    pb_layout L;
    diag_list errs = {0};
    int rc = lay(md, &s, &L, &errs);
    CHECK(rc != 0, "%s: laid out although over a limit", name);
    CHECK(errs.len == 1 && strstr(errs.items[0].message, message) != NULL,
          "%s: want one problem saying '%s', got %zu: %s", name, message, errs.len,
          errs.len ? errs.items[0].message : "");
    layout_free(&L);
    diag_list_clear(&errs);
}

static void test_limits(void)
{
    strbuf md = {0};
    /* 13 columns, as a table in a quote */
    sb_puts(&md, "> | a | b | c | d | e | f | g | h | i | j | k | l | m |\n> |");
    for (int i = 0; i < 13; i++)
        sb_puts(&md, ":-:|");
    sb_puts(&md, "\n> | x |\n");
    expect_refused("13 columns", sb_str(&md), "a table has 13 columns (Markdown line 2); at most 12 fit");
    /* 12 columns are fine */
    sb_reset(&md);
    sb_puts(&md, "a|b|c|d|e|f|g|h|i|j|k|l\n-|-|-|-|-|-|-|-|-|-|-|-\n1|2\n");
    pb_doc_setup s = plain_setup();
    pb_layout L;
    diag_list errs = {0};
    CHECK(lay(sb_str(&md), &s, &L, &errs) == 0 && errs.len == 0, "12 columns refused");
    layout_free(&L);
    diag_list_clear(&errs);
    /* short rows padded to the header's width: counted before cmark-gfm pads them */
    sb_reset(&md);
    sb_puts(&md, "|a|b|c|d|e|f|g|h|i|j|\n|-|-|-|-|-|-|-|-|-|-|\n");
    for (int i = 0; i < 2100; i++)
        sb_puts(&md, "x\n");
    expect_refused("20,000 cells", sb_str(&md), "the tables hold more than 20000 cells");
    /* a blank line ends a table: many small tables under the limit are fine */
    sb_reset(&md);
    for (int i = 0; i < 40; i++)
        sb_puts(&md, "a|b\n-|-\n1|2\n\nText.\n\n");
    CHECK(lay(sb_str(&md), &s, &L, &errs) == 0 && errs.len == 0, "40 small tables refused");
    layout_free(&L);
    diag_list_clear(&errs);
    /* pages */
    sb_reset(&md);
    for (int i = 0; i < 209; i++)
        sb_puts(&md, "Page.\n\n---\n\n");
    sb_puts(&md, "Last page.\n");
    expect_refused("210 pages", sb_str(&md), "the document would have 210 pages; the limit is 200");
    sb_free(&md);
}

/* md laid out as a plain document, large print or not. */
static void lay_plain(const char *md, bool large, pb_layout *L, diag_list *errs)
{
    pb_doc_setup s = plain_setup();
    s.large_print = large;
    lay(md, &s, L, errs);
}

/* Identifiers, postcodes, money, dates and phone numbers are never split between lines: a
 * sentence holding them is laid out after every number of leading words, in normal and large
 * print, and each must be found whole in one run (one line, one face). */
static void test_unbreakable_units(void)
{
    static const char *units[] = {"EHCP-0412", "WMDC-2026-3307", "B13 9JD", "WA15 8AZ",
                                  "\xC2\xA3" "1,234.50", "3 March 2027", "Monday 3 March 2027",
                                  "0117 496 0147", "BCC-EHCP-10458"};
    unsigned bad = 0;
    for (int large = 0; large < 2; large++)
        for (int k = 0; k < 60; k++) {
            strbuf md = {0};
            for (int w = 0; w < k; w++)
                sb_puts(&md, w % 3 ? "word " : "wide ");
            sb_puts(&md, "Your plan EHCP-0412 (case WMDC-2026-3307) goes to B13 9JD or WA15 8AZ; "
                         "we pay \xC2\xA3" "1,234.50 on 3 March 2027, that is Monday 3 March 2027. "
                         "Phone 0117 496 0147 and quote BCC-EHCP-10458, then Monday 3 March 2027 "
                         "again and EHCP-0412 again.\n");
            pb_layout L;
            diag_list errs = {0};
            lay_plain(sb_str(&md), large, &L, &errs);
            for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
                if (find(&L, units[u], 0) < 0) {
                    bad++;
                    printf("  %s split (large %d, %d words before)\n", units[u], large, k);
                }
            layout_free(&L);
            diag_list_clear(&errs);
            sb_free(&md);
        }
    CHECK(bad == 0, "no identifier, postcode, amount, date or phone number split: %u", bad);
    /* a hyphenated word still breaks at its hyphen when it must */
    pb_doc_setup s = plain_setup();
    pb_layout L;
    diag_list errs = {0};
    strbuf md = {0};
    for (int w = 0; w < 13; w++)
        sb_puts(&md, "word ");
    sb_puts(&md, "wordword extraordinarily-long-hyphenated-compound ending.\n");
    lay(sb_str(&md), &s, &L, &errs);
    long h = find(&L, "extraordinarily-", 0);
    CHECK(h >= 0, "a word of letters still breaks after a hyphen");
    layout_free(&L);
    diag_list_clear(&errs);
    sb_free(&md);
}

/* The window address: 16 pt in large print when it fits, else the largest size that does and
 * then repeated at 16 pt at the top of the body as its own paragraph; never repeated in normal
 * print. */
static void test_address_sizes(void)
{
    static const struct {
        const char *lines;
        bool large;
        double size;     /* in the window */
        bool repeated;
    } cases[] = {
        {"Mr A Bee\\\n1 Road\\\nEX1 2BB", true, 16, false},
        {"Mrs Anna Example\\\n12 Long Road\\\nMoseley\\\nBirmingham\\\nB13 9JD", true, 12, true},
        {"Mrs Anna Example\\\n12 Long Road\\\nMoseley\\\nBirmingham\\\nB13 9JD", false, 12, false},
        {"Mr A Bee\\\n1 Road\\\nEX1 2BB", false, 12, false},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        strbuf md = {0};
        sb_printf(&md, "<div class=\"pb-address\">\n\n%s\n\n</div>\n\nDear reader,\n\nBody.\n",
                  cases[c].lines);
        pb_doc_setup s = letter_setup();
        s.large_print = cases[c].large;
        pb_layout L;
        diag_list errs = {0};
        int rc = lay(sb_str(&md), &s, &L, &errs);
        CHECK(rc == 0, "address case %zu lays out", c);
        long w = find(&L, "EX1 2BB", 0);
        if (w < 0)
            w = find(&L, "B13 9JD", 0);
        CHECK(w >= 0 && L.ops[w].size == cases[c].size, "address case %zu: window size %.0f", c,
              w >= 0 ? L.ops[w].size : 0.0);
        pb_window win = PB_WINDOW_DEFAULT;
        CHECK(w >= 0 && L.ops[w].y < MM(win.top_mm + win.height_mm), "case %zu: postcode in the window", c);
        char postcode[64] = "";
        if (w >= 0)
            snprintf(postcode, sizeof postcode, "%s", op_text(&L, &L.ops[w]));
        long again = w >= 0 ? find(&L, postcode, (size_t)w + 1) : -1;
        CHECK((again >= 0) == cases[c].repeated, "address case %zu repeated: %d", c, again >= 0);
        if (again >= 0) {
            long dear = find(&L, "Dear reader", 0);
            CHECK(L.ops[again].size == 16 && dear > again && L.ops[again].y < L.ops[dear].y &&
                      L.ops[again].y > MM(win.top_mm + win.height_mm),
                  "case %zu: repeated at 16 pt above the salutation", c);
            CHECK(L.ops[again].elem != 0 && L.ops[again].elem != L.ops[w].elem &&
                      L.elems[L.ops[again].elem].role == ROLE_P,
                  "case %zu: the repeated address is a paragraph of its own", c);
        }
        layout_free(&L);
        diag_list_clear(&errs);
        sb_free(&md);
    }
}

/* The signature block is kept with the paragraph before it, whatever the length of the letter:
 * no letter ends with a page holding only the signature. */
static void test_signature_kept(void)
{
    unsigned alone = 0, apart = 0;
    for (int large = 0; large < 2; large++)
        for (int n = 20; n < 70; n++) {
            strbuf md = {0};
            for (int i = 0; i < n; i++)
                sb_printf(&md, "Paragraph %d of the letter, one line.\n\n", i);
            sb_puts(&md, "The last paragraph.\n\n<div class=\"pb-keep\">\n\nYours sincerely\n\n"
                         "Jo Example\\\nHead of SEND Services\n\n</div>\n");
            pb_layout L;
            diag_list errs = {0};
            lay_plain(sb_str(&md), large, &L, &errs);
            long sig = page_of(&L, "Yours sincerely");
            if (sig != page_of(&L, "The last paragraph."))
                apart++;
            if (sig != page_of_last(&L, "Head of SEND Services"))
                apart++;
            if (sig == (long)L.n_pages - 1 && sig > 0 && find(&L, "Paragraph", L.pages[sig].first) < 0 &&
                find(&L, "The last paragraph.", L.pages[sig].first) < 0)
                alone++;
            layout_free(&L);
            diag_list_clear(&errs);
            sb_free(&md);
        }
    CHECK(apart == 0, "signature kept whole and with the paragraph before it: %u apart", apart);
    CHECK(alone == 0, "no last page holds only the signature: %u", alone);
}

/* The URIs of the layout's Link elements, each followed by '|'. */
static void link_uris(const pb_layout *L, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < L->n_elems; i++)
        if (L->elems[i].role == ROLE_LINK && n + L->elems[i].alt_len + 2 < size) {
            memcpy(out + n, sb_str(&L->text) + L->elems[i].alt, L->elems[i].alt_len);
            n += L->elems[i].alt_len;
            out[n++] = '|';
            out[n] = '\0';
        }
}

/* Links: http(s) and mailto only, found in plain text too; emphasis tagged Strong and Em inside
 * the paragraph, in reading order; a wrapped line's space kept at its end. */
static void test_links_and_emphasis(void)
{
    pb_layout L;
    diag_list errs = {0};
    char uris[1024];
    lay_plain("See [the form](https://example.gov.uk/form), [x](javascript:alert(1)), "
              "[y](file:///etc/passwd), <mailto:send@example.gov.uk>, www.example.gov.uk/send. "
              "Email: help@example.gov.uk or http://example.org/a_(b). Not: a@b, www.x, "
              "javascript:alert(2).",
              false, &L, &errs);
    link_uris(&L, uris, sizeof uris);
    CHECK_STR(uris, "https://example.gov.uk/form|mailto:send@example.gov.uk|"
                    "https://www.example.gov.uk/send|mailto:help@example.gov.uk|"
                    "http://example.org/a_(b)|");
    layout_free(&L);
    lay_plain("Plain **bold *both* bold** and *it*.", false, &L, &errs);
    int strong = 0, em = 0, em_in_strong = 0;
    for (size_t i = 0; i < L.n_elems; i++) {
        strong += L.elems[i].role == ROLE_STRONG;
        em += L.elems[i].role == ROLE_EM;
        em_in_strong += L.elems[i].role == ROLE_EM && L.elems[L.elems[i].parent].role == ROLE_STRONG;
    }
    CHECK(strong == 1 && em == 2 && em_in_strong == 1, "Strong %d, Em %d (%d in Strong)", strong,
          em, em_in_strong);
    layout_free(&L);
    lay_plain("word word word word word word word word word word word word word word word word "
              "word word word word word word word word word word word word word word word word",
              false, &L, &errs);
    long ends = 0;
    for (size_t i = 0; i + 1 < L.n_ops; i++)
        if (L.ops[i].kind == LAYOUT_OP_TEXT && L.ops[i].elem && L.ops[i + 1].elem == L.ops[i].elem &&
            L.ops[i + 1].y > L.ops[i].y)
            ends += op_text(&L, &L.ops[i])[L.ops[i].len - 1] == ' ';
    CHECK(ends >= 1, "a wrapped line ends with its space (%ld)", ends);
    layout_free(&L);
    diag_list_clear(&errs);
}

int main(void)
{
    char dir[4096];
    diag_list errs = {0};
    fonts = fonts_open(pb_path(dir, sizeof dir, "build/fonts"), &errs);
    CHECK(fonts != NULL, "fonts open");
    if (!fonts) {
        diag_print_all(&errs, stdout);
        return check_done("layout");
    }
    test_fixtures();
    test_widows_and_orphans();
    test_tables();
    test_address_errors();
    test_text_rules();
    test_logo();
    test_limits();
    test_unbreakable_units();
    test_address_sizes();
    test_signature_kept();
    test_links_and_emphasis();
    fonts_close(fonts);
    diag_list_clear(&errs);
    return check_done("layout");
}
