/* text.c: a block's characters and its lines.
 *
 * Collecting walks a block's inlines into L->chars, one entry per character with its face and
 * advance, spaces collapsed as Markdown wants and every character checked printable. Breaking
 * is greedy and left aligned, measured from those advances alone; it breaks inside a word only
 * when the word is wider than the line. */
#include "layout/layout_internal.h"

#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

double layout_text_width(const pb_fonts *fonts, pb_face face, double size, const char *text, size_t len)
{
    int units = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        units += font_advance(fonts, face, cp);
    }
    return units * size / 1000.0;
}

double lay_text_width(const lay *L, pb_face face, double size, const char *text, size_t len)
{
    const pb_extra_font *x = L->setup->extra_font;
    if (!x)
        return layout_text_width(L->fonts, face, size, text, len);
    int units = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        units += charset_has_glyph(cp) || !extra_font_has(x, cp) ? font_advance(L->fonts, face, cp)
                                                                 : extra_font_advance(x, cp);
    }
    return units * size / 1000.0;
}

const char *layout_op_text(const pb_layout *layout, const pb_op *op, char *buf, size_t size)
{
    size_t n = op->kind == LAYOUT_OP_TEXT ? op->len : 0;
    if (n >= size)
        n = size - 1;
    memcpy(buf, sb_str(&layout->text) + (op->kind == LAYOUT_OP_TEXT ? op->text : 0), n);
    buf[n] = '\0';
    return buf;
}

/* Adds one character; '\n' is a hard line break. */
void lay_add_char(lay *L, uint32_t cp, int face, const collect_mode *m)
{
    if (cp == 0xAD)  /* soft hyphen: invisible unless a line breaks there; we never break there */
        return;
    if (cp == '\r')
        return;
    if (cp == '\t')
        cp = ' ';
    if (cp == ' ' && !m->pre) {
        /* collapse runs of spaces, and drop spaces at the start of a line */
        if (L->n_chars == 0 || L->chars[L->n_chars - 1].cp == ' ' || L->chars[L->n_chars - 1].cp == '\n')
            return;
    }
    if (cp == '\n' && !m->pre) {
        while (L->n_chars && L->chars[L->n_chars - 1].cp == ' ')
            L->n_chars--;
    }
    const pb_extra_font *x = NULL;  /* set when cp comes from the council's extra font */
    if (cp != ' ' && cp != '\n' && cp != 0xA0 && !charset_has_glyph(cp) &&
        !extra_font_has(x = L->setup->extra_font, cp)) {
        L->failed = true;
        if (L->char_diags++ < MAX_CHAR_DIAGS) {
            const pb_doc_setup *s = L->setup;
            diag_add(L->errs, s->source, m->line, 0, s->case_id, NULL,
                     "character U+%04X cannot be printed by the letter fonts (Markdown line %d)",
                     (unsigned)cp, m->line);
        }
        return;
    }
    if (m->plain)
        face = FACE_REGULAR;
    L->chars = xgrow(L->chars, &L->cap_chars, L->n_chars + 1, sizeof *L->chars);
    int adv = cp == '\n' ? 0 : x ? extra_font_advance(x, cp) : font_advance(L->fonts, (pb_face)face, cp);
    if (x)
        L->out->extra = x;
    L->chars[L->n_chars++] = (chr){cp, (uint8_t)face, (float)(adv * m->size / 1000.0), m->tag};
}

void lay_add_text(lay *L, const char *s, size_t len, int face, const collect_mode *m)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(u + i, len - i, &cp);
        if (cp == '\n' && !m->pre && !m->lines)
            cp = ' ';  /* a line end inside text is a space; hard breaks come as nodes */
        lay_add_char(L, cp, face, m);
    }
}

void lay_add_cstr(lay *L, const char *s, int face, const collect_mode *m)
{
    if (s)
        lay_add_text(L, s, strlen(s), face, m);
}

/* Does chars[from..] spell exactly s? */
static bool chars_equal(const lay *L, size_t from, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, k = from;
    while (i < len) {
        uint32_t cp;
        i += utf8_decode(u + i, len - i, &cp);
        if (k >= L->n_chars || L->chars[k].cp != cp)
            return false;
        k++;
    }
    return k == L->n_chars;
}

/* Every piece of text under node, in order, without recursion; block ends become line breaks. */
void lay_collect_flat(lay *L, cmark_node *node, int face, collect_mode *m)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == node)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        bool leaf = !cmark_node_first_child(n);
        if (ev == CMARK_EVENT_ENTER && leaf) {
            if (t == CMARK_NODE_SOFTBREAK)
                lay_add_char(L, ' ', face, m);
            else if (t == CMARK_NODE_LINEBREAK)
                lay_add_char(L, '\n', face, m);
            else
                lay_add_cstr(L, cmark_node_get_literal(n), face, m);
        }
        if ((ev == CMARK_EVENT_EXIT || leaf) &&
            (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_CODE_BLOCK ||
             t == CMARK_NODE_HTML_BLOCK))
            lay_add_char(L, '\n', face, m);
    }
    cmark_iter_free(it);
}

/* Collects the inlines under n inside a new inline tag of role (none in plain mode). */
static void collect_tagged(lay *L, cmark_node *n, int face, collect_mode *m, pb_role role,
                           const char *uri)
{
    uint32_t outside = m->tag;
    if (!m->plain)
        m->tag = lay_tag_new(L, role, outside, uri, uri ? strlen(uri) : 0);
    lay_collect_inlines(L, n, face, m);
    m->tag = outside;
}

void lay_collect_inlines(lay *L, cmark_node *parent, int face, collect_mode *m)
{
    if (m->depth >= MAX_INLINE_NESTING) {
        lay_collect_flat(L, parent, face, m);
        return;
    }
    m->depth++;
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT: {
            const char *s = cmark_node_get_literal(n);
            lay_add_text_linked(L, s ? s : "", s ? strlen(s) : 0, face, m);
            break;
        }
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
            lay_add_cstr(L, cmark_node_get_literal(n), face, m);
            break;
        case CMARK_NODE_SOFTBREAK:
            lay_add_char(L, m->lines ? '\n' : ' ', face, m);
            break;
        case CMARK_NODE_LINEBREAK:
            lay_add_char(L, '\n', face, m);
            break;
        case CMARK_NODE_EMPH:
            collect_tagged(L, n, face | FACE_ITALIC_BIT, m, ROLE_EM, NULL);
            break;
        case CMARK_NODE_STRONG:
            collect_tagged(L, n, face | FACE_BOLD_BIT, m, ROLE_STRONG, NULL);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
            /* printed as its text followed by the address, once when they are the same; a link
               to an http(s) or mailto address is a Link, both text and address */
            const char *url = cmark_node_get_url(n);
            bool link = cmark_node_get_type(n) == CMARK_NODE_LINK && !m->in_link && url &&
                        lay_uri_ok(url, strlen(url));
            uint32_t outside = m->tag;
            bool was_in_link = m->in_link;
            if (link && !m->plain)
                m->tag = lay_tag_new(L, ROLE_LINK, outside, url, strlen(url));
            m->in_link = true;
            size_t start = L->n_chars;
            lay_collect_inlines(L, n, face, m);
            if (url && *url && !chars_equal(L, start, url) &&
                !(strncmp(url, "mailto:", 7) == 0 && chars_equal(L, start, url + 7))) {
                lay_add_cstr(L, L->n_chars > start ? " (" : "(", face, m);
                lay_add_cstr(L, url, face, m);
                lay_add_cstr(L, ")", face, m);
            }
            m->tag = outside;
            m->in_link = was_in_link;
            break;
        }
        default:
            /* anything else prints as its text, never dropped */
            if (cmark_node_first_child(n))
                lay_collect_inlines(L, n, face, m);
            else
                lay_add_cstr(L, cmark_node_get_literal(n), face, m);
            break;
        }
    }
    m->depth--;
}

static bool breaks_after(uint32_t cp)
{
    return cp == '/' || cp == '-' || cp == '.' || cp == '_' || cp == '?' || cp == '&' || cp == '@' ||
           cp == '=' || cp == ',' || cp == ';' || cp == ':' || cp == 0x2013 || cp == 0x2014;
}

/* Where to end a line inside a word too wide for it, chars[start..i) fitting: after
 * punctuation; after a web address's '/' or a label's ':' ("Email:") only when there is no
 * other; else at i. */
static size_t long_word_cut(const lay *L, size_t start, size_t i)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = i; k > start + 1; k--) {
            uint32_t cp = L->chars[k - 1].cp;
            if (breaks_after(cp) && (pass || (cp != '/' && cp != ':')))
                return k;
        }
    return i > start ? i : start + 1;
}

static bool is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0xC0;
}

static bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

static bool is_upper_or_digit(uint32_t cp) { return is_digit(cp) || (cp >= 'A' && cp <= 'Z'); }

/* The word (no spaces or line ends) around chars[i]: [*a, *b), kept within [from, to). */
static void word_at(const lay *L, size_t i, size_t from, size_t to, size_t *a, size_t *b)
{
    size_t s = i, e = i;
    while (s > from && L->chars[s - 1].cp != ' ' && L->chars[s - 1].cp != '\n')
        s--;
    while (e < to && L->chars[e].cp != ' ' && L->chars[e].cp != '\n')
        e++;
    *a = s;
    *b = e;
}

typedef struct word {
    const char *s;
    size_t n;
} word;
#define W(s) {s, sizeof s - 1}

static const word MONTHS[] = {W("January"), W("February"), W("March"), W("April"), W("May"),
                              W("June"), W("July"), W("August"), W("September"), W("October"),
                              W("November"), W("December"), {NULL, 0}};
static const word WEEKDAYS[] = {W("Monday"), W("Tuesday"), W("Wednesday"), W("Thursday"),
                                W("Friday"), W("Saturday"), W("Sunday"), {NULL, 0}};
static const word LABELS[] = {W("Email:"), W("Phone:"), W("Tel:"), W("Website:"), W("Web:"),
                              {NULL, 0}};

/* Spells chars[a..b) one of list's words? ASCII only, any case. Called for every space of every
 * letter, so the length is compared first. */
static bool word_in(const lay *L, size_t a, size_t b, const word *list)
{
    for (const word *w = list; w->s; w++) {
        if (w->n != b - a)
            continue;
        size_t k = 0;
        while (k < w->n && (L->chars[a + k].cp | 0x20) == (uint32_t)(w->s[k] | 0x20))
            k++;
        if (k == w->n)
            return true;
    }
    return false;
}

/* chars[a..b) is all digits, n_min to n_max of them (a trailing ',' or '.' allowed). */
static bool is_number(const lay *L, size_t a, size_t b, size_t n_min, size_t n_max)
{
    if (b > a && (L->chars[b - 1].cp == ',' || L->chars[b - 1].cp == '.'))
        b--;
    if (b - a < n_min || b - a > n_max)
        return false;
    for (size_t k = a; k < b; k++)
        if (!is_digit(L->chars[k].cp))
            return false;
    return true;
}

/* A UK postcode's halves: "B1 1BB", "WA15 8AZ": outward 2 to 4 capitals and digits starting with
 * a letter, inward a digit and two letters. */
static bool is_postcode(const lay *L, size_t a1, size_t b1, size_t a2, size_t b2)
{
    if (b1 - a1 < 2 || b1 - a1 > 4 || b2 - a2 < 3 || !(L->chars[a1].cp >= 'A' && L->chars[a1].cp <= 'Z'))
        return false;
    bool digit = false;
    for (size_t k = a1; k < b1; k++) {
        if (!is_upper_or_digit(L->chars[k].cp))
            return false;
        digit |= is_digit(L->chars[k].cp);
    }
    while (b2 > a2 + 3 && L->chars[b2 - 1].cp < 128 && L->chars[b2 - 1].cp &&
           strchr(",.;:)", (int)L->chars[b2 - 1].cp))
        b2--;
    return digit && b2 - a2 == 3 && is_digit(L->chars[a2].cp) &&
           L->chars[a2 + 1].cp >= 'A' && L->chars[a2 + 1].cp <= 'Z' &&
           L->chars[a2 + 2].cp >= 'A' && L->chars[a2 + 2].cp <= 'Z';
}

/* Is the space chars[i] inside a unit a line must not break: a postcode, a phone number, a date
 * ("3 March 2027", "Monday 3 March"), or a label and what it labels ("Email: ...")? */
static bool space_is_glue(const lay *L, size_t i, size_t from, size_t to)
{
    if (i == from || i + 1 >= to || L->chars[i - 1].cp == ' ' || L->chars[i + 1].cp == ' ' ||
        L->chars[i + 1].cp == '\n' || L->chars[i - 1].cp == '\n')
        return false;
    size_t a1, b1, a2, b2;
    word_at(L, i - 1, from, to, &a1, &b1);
    word_at(L, i + 1, from, to, &a2, &b2);
    if (word_in(L, a1, b1, LABELS))
        return true;
    if (is_postcode(L, a1, b1, a2, b2))
        return true;
    if (is_number(L, a1, b1, 3, 6) && L->chars[b1 - 1].cp != ',' && is_number(L, a2, b2, 3, 6))
        return true;  /* a phone number's groups: 0117 496 0147 */
    if (is_number(L, a1, b1, 1, 2) && word_in(L, a2, b2, MONTHS))
        return true;  /* 3 March */
    if (word_in(L, a1, b1, MONTHS) && is_number(L, a2, b2, 4, 4))
        return true;  /* March 2027 */
    return word_in(L, a1, b1, WEEKDAYS) && is_number(L, a2, b2, 1, 2);  /* Monday 3 */
}

/* May a line end after the hyphen chars[i]? Between letters, and not inside an identifier
 * (a word with a digit in it: EHCP-0412, WMDC-2026-3307, AB-CD-12). */
static bool hyphen_breaks(const lay *L, size_t i, size_t start, size_t to)
{
    if (i == start || i + 1 >= to || !is_letter(L->chars[i - 1].cp) || !is_letter(L->chars[i + 1].cp))
        return false;
    size_t a, b;
    word_at(L, i, start, to, &a, &b);
    for (size_t k = a; k < b; k++)
        if (is_digit(L->chars[k].cp))
            return false;
    return true;
}

static void add_span(lay *L, size_t start, size_t end, bool space_after)
{
    while (end > start && L->chars[end - 1].cp == ' ')
        end--;
    double w = 0;
    for (size_t i = start; i < end; i++)
        w += L->chars[i].w;
    L->spans = xgrow(L->spans, &L->cap_spans, L->n_spans + 1, sizeof *L->spans);
    L->spans[L->n_spans++] = (span){start, end, w, space_after};
}

/* Greedy, left aligned: breaks chars[from..to) into spans no wider than width. Breaks at spaces
 * (not inside a postcode, a date or after a label like "Email:"), after a hyphen between letters
 * (not in an identifier with digits), and inside an over-long word (a URL) where it must: after
 * punctuation if it can, else between any two characters. A word never overflows. */
void lay_break_lines(lay *L, size_t from, size_t to, double width, bool pre)
{
    L->n_spans = 0;
    size_t i = from;
    while (i < to) {
        if (!pre)
            while (i < to && L->chars[i].cp == ' ')
                i++;
        if (i >= to)
            break;
        size_t start = i;
        double w = 0;
        size_t brk = 0;  /* a good place to end the line: chars[start..brk) */
        size_t next = 0; /* where the following line starts */
        bool ended = false;
        for (; i < to; i++) {
            uint32_t cp = L->chars[i].cp;
            if (cp == '\n') {
                add_span(L, start, i, true);
                i++;
                ended = true;
                break;
            }
            if (cp == ' ' && (pre || !space_is_glue(L, i, from, to))) {
                if (i > start) {
                    brk = i;
                    next = i + 1;
                }
                w += L->chars[i].w;
                continue;
            }
            if (w + L->chars[i].w > width + 1e-6) {
                if (brk > start) {
                    add_span(L, start, brk, L->chars[brk].cp == ' ');
                    i = next;
                } else {
                    /* one word wider than the line: break it where it hurts least */
                    size_t cut = long_word_cut(L, start, i);
                    add_span(L, start, cut, false);
                    i = cut;
                }
                ended = true;
                break;
            }
            w += L->chars[i].w;
            if (cp == '-' && hyphen_breaks(L, i, start, to)) {
                brk = i + 1;
                next = i + 1;
            }
        }
        if (!ended)
            add_span(L, start, to, false);
    }
    /* an empty paragraph (or only a hard break) still takes its line */
    if (L->n_spans == 0 && to > from)
        add_span(L, from, from, false);
}
