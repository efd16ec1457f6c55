/* mustnot.c: the must-not phrases and their check; see mustnot.h. */
#include "authoring/mustnot.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case/kind_sets.h"
#include "core/files.h"
#include "template/mustache.h"

#define EVERY (REF | RED | REP | SJ | STOP)

const mustnot_rule mustnot_rules[] = {
    {REF | RED | STOP, "within 2 months", NULL, "a personal budget decision cannot be appealed "
     "to the SEND Tribunal: no 2-month deadline (statutory.md 2.1)"},
    {REF | RED | STOP, "mediation adviser", NULL, "mediation belongs to appealable plan "
     "decisions, not to this one (statutory.md 2.1)"},
    {REP, "future direct payments", NULL, "taking money from future direct payments would "
     "leave the plan's provision unpaid for (statutory.md 1.11)"},
    {EVERY, "Our policy gives you", "policy.notice_from_policy", "only the council's published "
     "policy can set the period: say it inside {{#policy.notice_from_policy}} (statutory.md 3.1)"},
    {EVERY, "no times", NULL, "a council reconsiders at least once: use "
     "policy.reconsiderations_words"},
    {EVERY, "reconsiderations}} times", NULL, "it prints \"no times\" or \"one times\": use "
     "policy.reconsiderations_words"},
    {EVERY, "is enough to pay", "reduction.sufficient", "only an unchanged plan with a cost "
     "reason supports it: say it inside {{#reduction.sufficient}} (statutory.md 2.2a N6)"},
    {STOP, "reduc", NULL, "stopping direct payments is not a reduction (statutory.md 2.2)"},
    {STOP, "12(5)", NULL, "going ahead during a reconsideration is the rule for reductions only "
     "(statutory.md 2.2)"},
    {STOP, "even if you have asked us to reconsider", NULL, "going ahead during a "
     "reconsideration is the rule for reductions only (statutory.md 2.2)"},
};

const size_t mustnot_rules_len = sizeof mustnot_rules / sizeof mustnot_rules[0];

bool mustnot_opens_guard(const mustnot_rule *r, const char *name)
{
    if (!r->guard)
        return false;
    const char *dot = strrchr(r->guard, '.');
    return strcmp(name, r->guard) == 0 || (dot && strcmp(name, dot + 1) == 0);
}

/* (a, b) before (c, d) */
static bool before(int a, int b, int c, int d)
{
    return a < c || (a == c && b < d);
}

/* Whether line:col lies inside a {{#guard}} section of the tree under n. */
static bool inside_guard(const tag_node *n, const mustnot_rule *r, int line, int col)
{
    for (size_t i = 0; i < n->nkids; i++) {
        const tag_node *k = &n->kids[i];
        if (!before(k->line, k->col, line, col) || !k->nkids ||
            before(k->end_line, k->end_col, line, col))
            continue;
        if (k->kind == MU_TAG_SECTION && mustnot_opens_guard(r, k->name))
            return true;
        if (inside_guard(k, r, line, col))
            return true;
    }
    return false;
}

/* The text with its Mustache comments blanked (newlines kept, so lines and columns hold). */
static void blank_comments(char *text)
{
    for (char *p = text; (p = strstr(p, "{{!"));) {
        char *end = strstr(p, "}}");
        char *stop = end ? end + 2 : p + strlen(p);
        for (; p < stop; p++)
            if (*p != '\n')
                *p = ' ';
    }
}

void mustnot_check_file(lint_ctx *lc, doc_kind kind, const tag_file *tf, unsigned unguarded)
{
    size_t len;
    char *text = read_text_file(tf->path, 1u << 24, &len);
    if (!text)
        return;  /* unreadable files are reported when they are compiled */
    blank_comments(text);
    for (size_t i = 0; i < mustnot_rules_len; i++) {
        const mustnot_rule *r = &mustnot_rules[i];
        if (!((r->kinds >> kind) & 1))
            continue;
        size_t n = strlen(r->phrase);
        int line = 1, col = 1;
        for (const char *p = text; *p; p++) {
            if (strncasecmp(p, r->phrase, n) == 0) {
                bool guarded = r->guard && (inside_guard(&tf->top, r, line, col) ||
                                            !((unguarded >> i) & 1));
                if (!guarded)
                    add_message(lc, kind, tf->path, line, col, "must not say \"%s\"%s: %s",
                                r->phrase, r->guard ? " outside its guarded section" : "", r->why);
            }
            if (*p == '\n')
                line++, col = 1;
            else if (((unsigned char)*p & 0xC0) != 0x80)
                col++;
        }
    }
    free(text);
}
