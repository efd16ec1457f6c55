/* bench_mustache.c: what the Mustache engine costs per letter in a batch.
 *
 * A two-page refusal letter written the way pbdocs' templates are (a parent layout with
 * blocks, letterhead/address/review-rights/signature partials, lists of items and reasons,
 * about 90 interpolations), rendered in strict mode with Markdown escaping against a case
 * context built by hand. Self-contained, so the figure measures the engine alone and does not
 * move when the shipped templates are edited.
 *
 * Prints the one-off compile cost, the cost per letter over N renders (default 10,000; first
 * argument overrides) and, for contrast, compile + render per letter without the cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "template/escape.h"
#include "template/mustache.h"

static const char letter[] =
    "{{! The layout every letter shares: heading and body are blocks. }}\n"
    "{{> letterhead}}\n"
    "\n"
    "{{> address}}\n"
    "\n"
    "Our reference: {{plan.reference}}/{{case_id}}\\\n"
    "Date: {{issued}}\\\n"
    "Contact: {{officer.name}}, {{officer.role}}\\\n"
    "Phone: {{officer.phone}} · Email: {{officer.email}}\n"
    "\n"
    "# {{$heading}}{{/heading}}\n"
    "\n"
    "**About:** {{child.full_name}}, born {{child.date_of_birth}}. EHC plan reference "
    "{{plan.reference}}, issued {{plan.issued}}.\n"
    "\n"
    "{{recipient.salutation}}\n"
    "\n"
    "{{$body}}{{/body}}\n"
    "\n"
    "## Help and advice\n"
    "\n"
    "{{council.sendiass.name}} gives free, impartial and confidential advice about special "
    "educational needs and disability to children, young people and parents. You can contact "
    "them on {{council.sendiass.phone}} or at {{council.sendiass.email}}, or visit "
    "{{council.sendiass.website}}.\n"
    "\n"
    "## Other formats\n"
    "\n"
    "If you would like this letter in large print, braille, audio or another language, please "
    "contact {{officer.name}} on {{officer.phone}} and we will arrange it.\n"
    "\n"
    "{{> signature}}\n";

static const char letterhead[] =
    "<div class=\"pb-letterhead\">\n"
    "\n"
    "**{{council.name}}**\\\n"
    "{{#council.address}}\n"
    "{{.}}\\\n"
    "{{/council.address}}\n"
    "Phone: {{council.phone}}\\\n"
    "Email: {{council.email}}\\\n"
    "{{council.website}}\n"
    "\n"
    "</div>\n";

static const char address[] =
    "<div class=\"pb-address\">\n"
    "\n"
    "{{recipient.full_name}}\\\n"
    "{{#recipient.address}}\n"
    "{{.}}\\\n"
    "{{/recipient.address}}\n"
    "{{recipient.postcode}}\n"
    "\n"
    "</div>\n";

static const char review_rights[] =
    "## If you disagree: ask us to review this decision\n"
    "\n"
    "You can ask us to review this decision. Please write to us at the address at the top of "
    "this letter, or email {{officer.email}}, by **{{refusal.review_by}}**. That is "
    "{{refusal.review_within}} after the day we treat this letter as received "
    "({{refusal.deemed_receipt}}). Tell us why you disagree and send any information or "
    "evidence you want us to consider.\n"
    "\n"
    "The review will be carried out by {{refusal.reviewer}}. We will write to you with the "
    "outcome and our reasons within {{refusal.reply_within}} of receiving your request.\n"
    "\n"
    "## Appeals to the SEND Tribunal\n"
    "\n"
    "The First-tier Tribunal (Special Educational Needs and Disability) does not hear appeals "
    "about personal budgets or direct payments. It does hear appeals about the special "
    "educational provision in the EHC plan (Section F) and the school or college named in it "
    "(Section I).\n"
    "\n"
    "If you disagree with that provision, you must first contact a mediation adviser, and you "
    "can then appeal. You have 2 months from the date of the decision, or 1 month from the "
    "date of the mediation certificate, whichever is later. You can also ask for mediation or "
    "disagreement resolution at any time: contact {{officer.name}} and we will put you in "
    "touch.\n";

static const char signature[] =
    "Yours sincerely,\n"
    "\n"
    "{{council.signatory.name}}\\\n"
    "{{council.signatory.role}}\\\n"
    "{{council.name}}\n";

static const char refusal[] =
    "{{< letter}}\n"
    "{{$heading}}{{#refusal.is_personal_budget}}Our decision on your request for a personal "
    "budget{{/refusal.is_personal_budget}}{{^refusal.is_personal_budget}}Our decision on your "
    "request for direct payments{{/refusal.is_personal_budget}}{{/heading}}\n"
    "{{$body}}\n"
    "## Our decision\n"
    "\n"
    "Thank you for asking for a personal budget for the support in {{child.given_names}}'s "
    "EHC plan. We have looked at your request carefully and we have decided **not to agree a "
    "personal budget** for the following support:\n"
    "\n"
    "| Support | Stream | Arranged by | Amount a year |\n"
    "| --- | --- | --- | ---: |\n"
    "{{#refusal.items}}\n"
    "| {{provision}} | {{stream}} | {{arrangement}} | {{annual_amount}} |\n"
    "{{/refusal.items}}\n"
    "| **Total** | | | **{{refusal.total}}** |\n"
    "\n"
    "## Why we made this decision\n"
    "\n"
    "{{#refusal.reasons}}\n"
    "{{{.}}}\n"
    "\n"
    "{{/refusal.reasons}}\n"
    "## What happens to the support in the plan\n"
    "\n"
    "This decision does not change the support set out in {{child.given_names}}'s EHC plan. "
    "We will keep arranging the support through the school, college or provider, so it "
    "continues without a break. The outcomes it is there to achieve stay the same:\n"
    "\n"
    "{{#refusal.items}}\n"
    "{{#outcomes}}\n"
    "- {{.}}\n"
    "{{/outcomes}}\n"
    "{{/refusal.items}}\n"
    "\n"
    "{{> review-rights}}\n"
    "{{/body}}\n"
    "{{/letter}}\n";

static const struct { const char *name, *src; } partials[] = {
    {"letter", letter}, {"letterhead", letterhead}, {"address", address},
    {"review-rights", review_rights}, {"signature", signature},
};

static char *load(void *ud, const char *name, char **path_out)
{
    (void)ud;
    for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++) {
        if (strcmp(partials[i].name, name) == 0) {
            *path_out = strdup(name);
            return strdup(partials[i].src);
        }
    }
    return NULL;
}

static mu_value *map_of(const char *const *kv)
{
    mu_value *m = mu_map();
    for (; kv[0]; kv += 2)
        mu_map_set_str(m, kv[0], kv[1]);
    return m;
}

static mu_value *list_of(const char *const *items)
{
    mu_value *l = mu_list();
    for (; *items; items++)
        mu_list_push(l, mu_string(*items));
    return l;
}

static mu_value *case_context(void)
{
    mu_value *ctx = mu_map();
    mu_map_set_str(ctx, "case_id", "BNES-2026-0142");
    mu_map_set_str(ctx, "issued", "23 November 2026");
    mu_value *council = mu_map_set(ctx, "council", map_of((const char *const[]){
        "name", "Bath and North East Somerset Council", "phone", "01225 394 382",
        "email", "send@bathnes.gov.uk", "website", "www.bathnes.gov.uk/send", NULL}));
    mu_map_set(council, "address", list_of((const char *const[]){
        "Children's Services", "Lewis House", "Manvers Street", "Bath", "BA1 1JG", NULL}));
    mu_map_set(council, "signatory", map_of((const char *const[]){
        "name", "Dr Jane O'Hara", "role", "Head of SEND & Inclusion", NULL}));
    mu_map_set(council, "sendiass", map_of((const char *const[]){
        "name", "SENDIAS Bath & North East Somerset", "phone", "01225 394 382",
        "email", "sendias@bathnes.gov.uk", "website", "https://www.sendiasbathnes.org.uk", NULL}));
    mu_value *recipient = mu_map_set(ctx, "recipient", map_of((const char *const[]){
        "full_name", "Mrs Anna Łukasiewicz", "postcode", "BA2 4JT",
        "salutation", "Dear Mrs Łukasiewicz,", NULL}));
    mu_map_set(recipient, "address", list_of((const char *const[]){
        "Flat 2", "14 Queen's Road", "Widcombe", "Bath", NULL}));
    mu_map_set(ctx, "child", map_of((const char *const[]){
        "given_names", "Zoë", "full_name", "Zoë Łukasiewicz-O'Brien",
        "date_of_birth", "11 February 2013", NULL}));
    mu_map_set(ctx, "plan", map_of((const char *const[]){
        "reference", "EHCP-0142", "issued", "1 June 2024", NULL}));
    mu_map_set(ctx, "officer", map_of((const char *const[]){
        "name", "Sam Patel", "role", "SEND Casework Officer", "phone", "01225 477 000",
        "email", "sam.patel@bathnes.gov.uk", NULL}));
    mu_value *r = mu_map_set(ctx, "refusal", map_of((const char *const[]){
        "review_by", "21 December 2026", "review_within", "20 working days",
        "deemed_receipt", "25 November 2026", "reviewer", "a senior manager who was not involved",
        "reply_within", "15 working days", "total", "£9,460.00", NULL}));
    mu_map_set(r, "is_personal_budget", mu_bool(true));
    static const char *const items[][4] = {
        {"Speech and language therapy, one hour a week in term time", "education", "direct payment", "£2,400.00"},
        {"Occupational therapy: sensory programme (6 sessions a term)", "health", "council-managed", "£1,850.00"},
        {"Specialist teaching assistant, 10 hours a week", "education", "provider-managed", "£3,960.00"},
        {"Short breaks: Saturday club *and* holiday scheme", "social-care", "third party", "£1,250.00"},
    };
    mu_value *list = mu_map_set(r, "items", mu_list());
    for (size_t i = 0; i < 4; i++) {
        mu_value *it = mu_list_push(list, map_of((const char *const[]){
            "provision", items[i][0], "stream", items[i][1], "arrangement", items[i][2],
            "annual_amount", items[i][3], NULL}));
        mu_map_set(it, "outcomes", list_of((const char *const[]){
            "Zoë can ask for help in class using words or her communication book",
            "Zoë takes part in group work with two or more classmates", NULL}));
    }
    mu_value *reasons = mu_map_set(r, "reasons", mu_list());
    mu_list_push(reasons, mu_markdown(
        "The support is delivered as part of a **whole-class programme** by the school's own "
        "staff. It cannot be separated from what the school provides for other pupils without "
        "affecting them, so it cannot be part of a personal budget (regulation 5 of the "
        "Special Educational Needs (Personal Budgets) Regulations 2014)."));
    mu_list_push(reasons, mu_markdown(
        "The head teacher told us that the school would not agree to a direct payment being "
        "used on its premises, and we have to respect that decision."));
    mu_list_push(reasons, mu_markdown(
        "We have considered whether a personal budget for the other parts of the plan would "
        "help, and we think the current arrangements *best meet Zoë's needs*."));
    return ctx;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int tags;
static void count(void *ud, const char *file, int line, int col, const char *name, int kind)
{
    (void)ud, (void)file, (void)line, (void)col, (void)name;
    if (kind != MU_TAG_END)
        tags++;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    if (n <= 0)
        n = 10000;
    mu_options opt = {.load_partial = load, .strict = true};
    diag_list errs = {0};
    mu_value *ctx = case_context();

    double t0 = now();
    mu_template *t = mu_compile("refusal", refusal, strlen(refusal), &opt, &errs);
    double compile = now() - t0;
    strbuf first = {0};
    if (!t || mu_render(t, ctx, mu_escape_markdown, &first, &errs) != 0) {
        diag_print_all(&errs, stderr);
        return 1;
    }
    mu_visit(t, count, NULL);

    strbuf out = {0};
    size_t bytes = 0;
    int differ = 0;
    t0 = now();
    for (int i = 0; i < n; i++) {
        sb_reset(&out);
        mu_render(t, ctx, mu_escape_markdown, &out, &errs);
        bytes += out.len;
        differ += out.len != first.len;
    }
    double render = now() - t0;

    int m = n / 10 > 0 ? n / 10 : 1;
    t0 = now();
    for (int i = 0; i < m; i++) {
        mu_template *u = mu_compile("refusal", refusal, strlen(refusal), &opt, &errs);
        sb_reset(&out);
        mu_render(u, ctx, mu_escape_markdown, &out, &errs);
        mu_template_free(u);
    }
    double uncached = now() - t0;

    printf("bench_mustache: 2-page refusal letter, %zu bytes of Markdown, %d tags in 6 files\n",
           first.len, tags);
    printf("  compile (template + 5 partials, once): %.1f us\n", compile * 1e6);
    printf("  render, strict, Markdown escaping: %.2f us per letter over %d letters "
           "(%.0f letters/s, %.0f MB/s)\n",
           render * 1e6 / n, n, n / render, (double)bytes / render / 1e6);
    printf("  compile + render every time (no cache), for contrast: %.2f us per letter\n",
           uncached * 1e6 / m);
    if (differ || errs.len) {
        printf("  ERROR: %d renders differ, %zu errors\n", differ, errs.len);
        return 1;
    }
    if (getenv("BENCH_SHOW"))
        fputs(sb_str(&first), stdout);
    sb_free(&out);
    sb_free(&first);
    mu_template_free(t);
    mu_free(ctx);
    diag_list_clear(&errs);
    return 0;
}
