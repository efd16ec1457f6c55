/* cmd_new.c: pbdocs new KIND --council ID prints a skeleton case asking for one document, with a
 * comment on every field. As printed it is a valid case (tests/test_new.sh validates every kind
 * for every council): its values are obviously fake and each one to replace is marked CHANGE-ME
 * in its comment, so an officer starts from something `validate` accepts and edits field by field. */
#include <stdio.h>
#include <string.h>

#include "case/council.h"
#include "case/kind.h"
#include "cli/commands.h"
#include "core/paths.h"

static const char head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- A %s case for %s, made by `pbdocs new` (kind %s, council %s). Every value marked\n"
    "     CHANGE-ME is an example: replace it, then run `pbdocs validate FILE`.\n"
    "     The format: docs/case-format.md, man 5 pbdocs-case. -->\n"
    "<!-- id: the case's own reference, CHANGE-ME; council: the profile in templates/councils/ -->\n"
    "<case id=\"CHANGE-ME-0001\" council=\"%s\">\n";

static const char common[] =
    "  <child>\n"
    "    <given-names>Alex</given-names>            <!-- CHANGE-ME: the child's given names -->\n"
    "    <family-name>Example</family-name>         <!-- CHANGE-ME: the child's family name -->\n"
    "    <date-of-birth>2014-03-15</date-of-birth>  <!-- CHANGE-ME: YYYY-MM-DD -->\n"
    "  </child>\n"
    "  <!-- relationship: parent, young-person, nominee, representative or personal-representative -->\n"
    "  <recipient relationship=\"parent\">\n"
    "    <title>Ms</title>                          <!-- CHANGE-ME: optional; \"Dear Ms Example\" -->\n"
    "    <name>Sam Example</name>                   <!-- CHANGE-ME: the name on the envelope -->\n"
    "    <family-name>Example</family-name>         <!-- CHANGE-ME: optional, for the greeting -->\n"
    "    <address>\n"
    "      <line>1 Example Street</line>            <!-- CHANGE-ME: one line element a line -->\n"
    "      <line>Exampleton</line>\n"
    "      <postcode>EX1 1AA</postcode>             <!-- CHANGE-ME: a UK postcode -->\n"
    "    </address>\n"
    "  </recipient>\n"
    "  <!-- reference and issued (YYYY-MM-DD) of the EHC plan: CHANGE-ME -->\n"
    "  <plan reference=\"CHANGE-ME/EHCP/0001\" issued=\"2024-02-09\"/>\n"
    "  <!-- who signs off the letter and answers questions: CHANGE-ME -->\n"
    "  <officer name=\"Jo Officer\" role=\"SEND Officer\" phone=\"01632 960000\" email=\"jo.officer@example.gov.uk\"/>\n"
    "  <personal-budget>\n"
    "    <!-- one item per provision; id is referred to by ref= below. stream: education, health or\n"
    "         social-care; arrangement: direct-payment, council-managed, third-party or\n"
    "         provider-managed; paid (direct payments): weekly, four-weekly, monthly or quarterly;\n"
    "         payee: who receives a direct payment -->\n"
    "    <item id=\"SHORT-BREAKS\" stream=\"social-care\" arrangement=\"direct-payment\" paid=\"monthly\"\n"
    "          payee=\"Ms Sam Example\">   <!-- CHANGE-ME: who receives the direct payments -->\n"
    "      <provision>Short breaks, a carer two Saturdays a month</provision>  <!-- CHANGE-ME -->\n"
    "      <need ref=\"B1\">Alex needs time with friends outside school</need>  <!-- CHANGE-ME: optional -->\n"
    "      <outcome ref=\"E1\">Alex will spend time with friends</outcome>     <!-- CHANGE-ME: optional -->\n"
    "      <annual-amount>2400.00</annual-amount>     <!-- CHANGE-ME: pounds a year, e.g. 2400.00 -->\n"
    "    </item>\n"
    "  </personal-budget>\n";

/* The element asking for the one document, indexed by doc_kind. */
static const char *const documents[DOC_KIND_COUNT] = {
    [DOC_REFUSAL] =
        "  <!-- issued, requested: YYYY-MM-DD (CHANGE-ME); scope: personal-budget or direct-payment -->\n"
        "  <refusal issued=\"2026-11-09\" requested=\"2026-10-12\" scope=\"personal-budget\">\n"
        "    <item ref=\"SHORT-BREAKS\"/>                <!-- an item of the personal budget -->\n"
        "    <ground>4A-not-efficient</ground>          <!-- CHANGE-ME: see docs/case-format.md -->\n"
        "    <reason>CHANGE-ME: why, in words the family understands.</reason>\n"
        "  </refusal>\n",
    [DOC_REDUCTION] =
        "  <!-- issued: YYYY-MM-DD (CHANGE-ME); plan: amended (Section F was amended on amended-plan,\n"
        "       a date) or unchanged (then add <cost-reason>: why the same provision costs less) -->\n"
        "  <reduction issued=\"2026-11-09\" plan=\"amended\" amended-plan=\"2026-11-02\">\n"
        "    <!-- ref: an item; new-annual-amount: its new amount, less than today's (CHANGE-ME) -->\n"
        "    <change ref=\"SHORT-BREAKS\" new-annual-amount=\"1800.00\"/>\n"
        "    <reason>CHANGE-ME: why the amount is reduced.</reason>\n"
        "  </reduction>\n",
    [DOC_REPAYMENT] =
        "  <!-- issued: YYYY-MM-DD; amount = paid - spent, in pounds (CHANGE-ME) -->\n"
        "  <repayment issued=\"2026-11-09\" amount=\"600.00\" paid=\"1200.00\" spent=\"600.00\">\n"
        "    <!-- CHANGE-ME: circumstances-changed, unused, misuse, offence or death -->\n"
        "    <ground>unused</ground>\n"
        "    <period from=\"2026-04-01\" to=\"2026-09-30\"/>  <!-- optional: the period it covers -->\n"
        "    <reason>CHANGE-ME: what was not spent and why it is asked back.</reason>\n"
        "  </repayment>\n",
    [DOC_SECTION_J] =
        "  <!-- issued: YYYY-MM-DD (CHANGE-ME) -->\n"
        "  <section-j issued=\"2026-11-09\">\n"
        "    <summary>CHANGE-ME: the personal budget in a sentence.</summary>\n"
        "  </section-j>\n",
    [DOC_STOP] =
        "  <!-- issued: YYYY-MM-DD (CHANGE-ME) -->\n"
        "  <stop issued=\"2026-11-09\">\n"
        "    <item ref=\"SHORT-BREAKS\"/>                <!-- the direct payments that stop -->\n"
        "    <ground>not-efficient</ground>             <!-- CHANGE-ME: see docs/case-format.md -->\n"
        "    <reason>CHANGE-ME: why the direct payments stop.</reason>\n"
        "    <continuation>CHANGE-ME: how the provision continues.</continuation>\n"
        "  </stop>\n",
};

int cmd_new(int argc, char **argv)
{
    const char *council = NULL;
    int kind = -1;
    char kinds[128];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--council") == 0 && i + 1 < argc) {
            council = argv[++i];
        } else if (argv[i][0] == '-' || kind != -1) {
            return usage_error("new", "unexpected argument '%s'", argv[i]);
        } else if ((kind = doc_kind_parse(argv[i])) < 0) {
            fprintf(stderr, "pbdocs new: '%s' is not a kind of document: %s\n", argv[i],
                    doc_kind_words(kinds, sizeof kinds));
            return EXIT_USAGE;
        }
    }
    if (kind < 0 || !council)
        return usage_error("new", "%s", kind < 0 ? "no KIND given" : "--council ID is required");
    char dir[4096];
    diag_list errs = {0};
    council_set *councils = councils_open(pb_path(dir, sizeof dir, "templates/councils"));
    int known = council_get(councils, council, &errs) != NULL;
    councils_close(councils);
    if (!known) {
        if (!errs.len)
            fprintf(stderr, "pbdocs new: no council profile %s/%s.xml\n", dir, council);
        diag_print_all(&errs, stderr);
        diag_list_clear(&errs);
        return EXIT_USAGE;
    }
    const char *name = doc_kind_name((doc_kind)kind);
    printf(head, name, council, name, council, council);
    fputs(common, stdout);
    fputs(documents[kind], stdout);
    fputs("</case>\n", stdout);
    return EXIT_OK;
}
