/* load_text.c: a case's text values, checked as the loader reads them: whitespace, UTF-8,
 * control characters, and every character printable by the letter fonts or by the extra font
 * of the case's council (fonts/extra_font.h), with a refusal that names the character. */
#include <stdlib.h>
#include <string.h>

#include "case/load_internal.h"
#include "case/rules.h"
#include "core/xalloc.h"
#include "fonts/unicode_name.h"

/* The extra font of the case's council (fonts/extra_font.h), or NULL: looked up only when a
 * value holds a character the letter fonts cannot show, so other cases do no more work. */
static const pb_extra_font *case_extra_font(loader *ld)
{
    if (!ld->councils || !ld->c->council || !council_exists(ld->councils, ld->c->council))
        return NULL;
    diag_list ignored = {0};  /* a broken profile is reported by whoever uses it */
    const council *co = council_get(ld->councils, ld->c->council, &ignored);
    diag_list_clear(&ignored);
    return co ? co->extra_font : NULL;
}

static bool is_control(int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

/* A value's characters (text_unprintable): 0 when every one prints, the first that does not, or
 * -1; one the letter fonts lack passes when the council's extra font prints it (*x set then). */
static int32_t unprintable(loader *ld, const char *s, bool allow_newlines,
                           const pb_extra_font **x)
{
    int32_t bad = text_unprintable(s, allow_newlines);
    *x = NULL;
    if (bad <= 0 || is_control(bad) || !(*x = case_extra_font(ld)))
        return bad;
    return text_unprintable_extra(s, allow_newlines, *x);
}

/* A character no letter font has: named, with what to do (fonts/unicode_name.h). */
static void refuse_character(loader *ld, xmlNodePtr n, uint32_t cp, const pb_extra_font *x)
{
    strbuf words = {0};
    if (x)
        unicode_refusal_extra(cp, x->file_name, extra_font_has_glyph(x, cp), &words);
    else
        unicode_refusal(cp, &words);
    problem(ld, n, "contains %s", sb_str(&words));
    sb_free(&words);
}

/* Reports s's first character that cannot go in a letter (invalid UTF-8, a control character,
 * one no font prints); true when it did. */
static bool refuse_unprintable(loader *ld, xmlNodePtr n, const char *s, bool allow_newlines)
{
    const pb_extra_font *x;
    int32_t bad = unprintable(ld, s, allow_newlines, &x);
    if (bad < 0)
        problem(ld, n, "is not valid UTF-8");
    else if (bad > 0 && is_control(bad))
        problem(ld, n, "contains a control character (U+%04X)", (unsigned)bad);
    else if (bad > 0)
        refuse_character(ld, n, (uint32_t)bad, x);
    return bad != 0;
}

/* A checked plain-text value in the case's arena: whitespace normalised, every character
 * printable by the letter fonts. NULL when absent (the schema reports that). */
char *plain(loader *ld, xmlNodePtr n)
{
    char *raw = raw_text(n);
    if (!raw)
        return NULL;
    char *norm = text_plain(raw);
    xmlFree(raw);
    if (!refuse_unprintable(ld, n, norm, false) && !norm[0] && n->type == XML_ELEMENT_NODE)
        problem(ld, n, "is empty");
    char *out = arena_strdup(&ld->c->mem, norm);
    free(norm);
    return out;
}

#define MAX_MARKDOWN_BYTES (256u << 10) /* one Markdown field: 256 KiB (see README, limits) */

char *markdown(loader *ld, xmlNodePtr n)
{
    char *raw = raw_text(n);
    if (!raw)
        return NULL;
    char *md = text_markdown(raw);
    xmlFree(raw);
    if (strlen(md) > MAX_MARKDOWN_BYTES)
        problem(ld, n, "is longer than the limit of %u KiB", MAX_MARKDOWN_BYTES >> 10);
    else if (!refuse_unprintable(ld, n, md, true) && !md[0])
        problem(ld, n, "is empty");
    char *out = arena_strdup(&ld->c->mem, md);
    free(md);
    return out;
}
