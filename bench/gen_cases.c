/* gen_cases.c: synthetic but realistic case data for benchmarks and the batch tests.
 *
 *   gen_cases N [--seed S] [--invalid PERCENT] [--first K] [-o FILE | --dir DIR] [--expect FILE]
 *
 * Writes N cases as one <cases> stream (stdout, or -o FILE) or as one file per case (--dir, named
 * so that name order is generation order). Names, addresses, amounts and the length of the
 * officers' reasons vary; each case asks for one document (refusal, reduction, repayment, stop or
 * Section J) in the issue-13 format: refusal grounds fitting the scope, a reduction's plan status,
 * a repayment's paid and spent, direct payments with frequency, payee, needs and outcomes with
 * plan refs, sometimes a setting's agreement, a nominee with a copy, a young person past school
 * age, and each way of sending (hand and email with a time). PERCENT of the cases (default 5) carry one fault the contract says must be
 * rejected: a bad postcode, a date that does not exist, a reduction that does not reduce, an
 * amount with three decimals, an unknown council, a ref to no item, an unsafe case id, a
 * missing element, a zero repayment, a character the fonts cannot show.
 * Case ids are numbered from K (default 1): give two sets distinct ids with --first.
 * --expect FILE lists what a batch run must report, one line per case: "id,kind,status"
 * (the id is empty when the fault is the id itself, the kind empty for a rejected case).
 * The same seed always gives the same bytes (own PRNG, no clock, no locale). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint64_t next_random(void)
{
    /* xorshift64*: small, fast, and the same on every machine. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static int below(int n)
{
    return (int)(next_random() % (uint64_t)n);
}

#define PICK(array) (array[below((int)(sizeof array / sizeof array[0]))])

static const char *const given_names[] = {
    "Oliver", "Amelia", "Muhammad", "Isla", "George", "Ava", "Noah", "Zoë", "Dafydd", "Siobhán",
    "Aleksander", "Chloé", "Jakub", "Aisha", "Łucja", "Oisín", "Freya", "Arjun", "Mohammed Ali",
    "Ffion", "Leo", "Maja", "Ellie-Mae", "Kacper", "Nia", "Théo", "Hannah", "Ibrahim", "Grace",
    "Tomás", "Ruby", "Emil", "Sienna", "Harrison James", "Ayesha", "Bartłomiej", "Eira", "Rhys",
};
static const char *const family_names[] = {
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Patel", "Khan",
    "O'Brien", "Nowak", "Kowalczyk", "Ó Dónaill", "Łukasiewicz-O'Brien", "ap Gwilym-Jones",
    "MacDonald", "Ní Bhriain", "Wójcik", "Hussain", "Begum", "Ahmed", "Thompson", "Müller",
    "Fitzgerald-Hughes", "Okafor", "Mensah", "Dąbrowski", "Nguyen", "Hughes", "Clarke", "Shaw",
};
static const char *const titles[] = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"};
static const char *const streets[] = {
    "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane",
    "The Crescent", "Queen's Road", "St John's Close", "Orchard Way", "Westgate", "Lansdown Road",
    "Coronation Street", "Bridge End", "Green Lane", "Alcester Road", "Stockfield Road",
};
static const char *const flats[] = {"Flat 2", "Flat 14b", "Apartment 7", "Rose Cottage", "Tŷ Gwyn",
                                    "The Old Forge", "Unit 3 & 4"};

typedef struct council_area {
    const char *id;
    const char *outward[4];
    const char *towns[3];
    const char *officer_role;
} council_area;

static const council_area councils[] = {
    {"bnes", {"BA1", "BA2", "BS31", "BA3"}, {"Bath", "Keynsham", "Midsomer Norton"},
     "SEND Casework Officer"},
    {"birmingham", {"B27", "B13", "B5", "B29"}, {"Birmingham", "Acocks Green", "Moseley"},
     "SENAR Officer"},
    {"wakefield", {"WF1", "WF2", "WF10", "WF8"}, {"Wakefield", "Castleford", "Pontefract"},
     "SEND Keyworker"},
    {"example", {"EX1", "EX4", "TQ2", "PL6"}, {"Exeter", "Torquay", "Plymouth"},
     "Casework Officer"},
};

static const char *const provisions[] = {
    "Speech and language therapy, one hour a week in term time",
    "Occupational therapy: a block of six sessions each term",
    "Short breaks, two days a month",
    "Personal assistant for after-school activities, four hours a week",
    "Specialist tuition in literacy, two hours a week",
    "Transport to and from the college placement",
    "Physiotherapy programme delivered at home",
    "Sensory equipment and its upkeep",
};
static const char *const outcomes[] = {
    "will ask for help using a sentence of four words",
    "will dress for PE without adult help",
    "will take part in a sports club with friends",
    "will travel to college independently by bus",
    "will read a short book aloud to an adult",
    "will manage a change of routine with one prompt",
};
static const char *const sentences[] = {
    "We have looked carefully at the information you sent us and at the advice in the plan.",
    "The provision is already made by the school from its own budget, so a personal budget for it "
    "would pay for the same thing twice.",
    "The therapist's report of 30 October recommends **four** sessions a term instead of six.",
    "Your child now attends a free club on one of the two days.",
    "The direct payment account shows money that was not spent between April and September.",
    "We are not satisfied that a direct payment would be an appropriate way to arrange support "
    "that has to be managed by the school.",
    "The support itself continues as set out in Section F of the plan: only the way it is paid "
    "changes.",
    "Receipts for the quarter ending 30 June were not sent, although we asked for them twice.",
    "If anything in this letter is not clear, please ring the officer named below.",
    "Costs of 5% or less are covered by the provider's own fees & charges.",
    "The amount is worked out pro rata: 26 weeks out of 39 term-time weeks.",
    "This decision follows the council's policy on personal budgets, section 4.2.",
};
static const char *const grounds[] = {"unused", "circumstances-changed", "misuse", "offence"};
static const char *const pb_grounds[] = {"4A-adverse-impact", "4A-not-efficient",
                                         "outside-request-times", "not-in-plan"};
static const char *const dp_grounds[] = {
    "r5-not-capable", "r5-age", "r5-capacity", "r5-schedule", "r6-appropriate-use",
    "r6-best-interests", "r6-adverse-impact", "r6-not-efficient", "head-teacher-not-agreed",
    "school-place"};
static const char *const frequencies[] = {"weekly", "four-weekly", "monthly", "quarterly"};
static const char *const needs[] = {
    "has a severe delay in expressive language",
    "finds it hard to manage changes of routine",
    "needs adult help to take part safely in activities",
    "reads well below the level expected for their age",
};
static const char *const stream_names[] = {"education", "health", "social-care"};
static const char *const arrangements[] = {"direct-payment", "council-managed", "third-party",
                                           "provider-managed"};

enum fault {
    FAULT_NONE, FAULT_POSTCODE, FAULT_DATE, FAULT_NOT_REDUCED, FAULT_DECIMALS, FAULT_COUNCIL,
    FAULT_REF, FAULT_ID, FAULT_MISSING_OFFICER, FAULT_ZERO_REPAYMENT, FAULT_GLYPH, FAULT_COUNT
};
enum { K_REFUSAL, K_REDUCTION, K_REPAYMENT, K_SECTION_J, K_STOP };
static const char *const kind_names[] = {"refusal", "reduction", "repayment", "section-j", "stop"};
/* Stop grounds that need nothing more than the case has (consent-withdrawn adds its date; death
 * needs a letter to a parent or young person, so it is drawn only then). */
static const char *const stop_grounds[] = {
    "consent-withdrawn", "no-longer-eligible", "review-not-used-for-provision",
    "review-cannot-secure-by-dp", "adverse-impact", "not-efficient", "provision-removed",
    "plan-ceased", "death"};

/* --- output -------------------------------------------------------------------------------- */

static FILE *out;

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* Text content with XML escaping. */
static void put_text(const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else
            fputc(*s, out);
    }
}

static void put_amount(long pence)
{
    /* The three spellings the contract allows: 2400, 2400.5, 2400.50. */
    long pounds = pence / 100, p = pence % 100;
    int style = below(3);
    if (p == 0 && style == 0)
        put("%ld", pounds);
    else if (p % 10 == 0 && style == 1)
        put("%ld.%ld", pounds, p / 10);
    else
        put("%ld.%02ld", pounds, p);
}

static void put_date(int y, int m, int d)
{
    put("%04d-%02d-%02d", y, m, d);
}

static void put_reasons(const char *element, int min_reasons)
{
    int n = min_reasons + below(3);
    for (int r = 0; r < n; r++) {
        put("      <%s>", element);
        int count = 1 + below(r == 0 ? 6 : 3);
        for (int s = 0; s < count; s++) {
            if (s)
                put(s % 3 == 0 ? "\n\n        " : " ");
            put_text(PICK(sentences));
        }
        put("</%s>\n", element);
    }
}

typedef struct item {
    char id[24];
    long annual;
    int stream;  /* index in stream_names */
    bool dp;
} item;

/* sent-by and sent-at for a document: mostly the council's default, sometimes each method. */
static void put_sending(void)
{
    static const char *const methods[] = {"first-class", "second-class", "hand", "email"};
    int r = below(8);
    if (r >= 4)
        return;
    put(" sent-by=\"%s\"", methods[r]);
    if (r >= 2)
        put(" sent-at=\"%02d:%02d\"", 8 + below(11), below(60));
}

static void generate_case(long seq, enum fault fault, int kind, char *id_out, size_t id_size)
{
    const council_area *co = &councils[below(4)];
    char id[64];
    if (fault == FAULT_ID)
        snprintf(id, sizeof id, "../%s-%06ld", co->id, seq);
    else
        snprintf(id, sizeof id, "%c%c-2026-%06ld", co->id[0] & ~0x20, co->id[1] & ~0x20, seq);
    snprintf(id_out, id_size, "%s", fault == FAULT_ID ? "" : id);

    put("  <case id=\"%s\" council=\"%s\">\n", id, fault == FAULT_COUNCIL ? "atlantis" : co->id);
    const char *family = PICK(family_names);
    put("    <child>\n      <given-names>");
    put_text(PICK(given_names));
    if (fault == FAULT_GLYPH)
        put(" \xe6\xbc\xa2");  /* a CJK character: no glyph in the letter fonts */
    put("</given-names>\n      <family-name>");
    put_text(family);
    put("</family-name>\n      <date-of-birth>");
    if (fault == FAULT_DATE)
        put_date(2015, 2, 29 + below(2));
    /* A young person is past compulsory school age (born 2003-2007); a child is not (2011-2022). */
    bool young_person = below(8) == 0, nominee = !young_person && below(12) == 0;
    if (fault != FAULT_DATE)
        put_date(young_person ? 2003 + below(5) : 2011 + below(12), 1 + below(12), 1 + below(28));
    put("</date-of-birth>\n    </child>\n");

    put("    <recipient relationship=\"%s\">\n",
        young_person ? "young-person" : nominee ? "nominee" : "parent");
    if (below(3))
        put("      <title>%s</title>\n", PICK(titles));
    const char *recipient_family = young_person ? family : PICK(family_names);
    put("      <name>");
    put_text(PICK(given_names));
    put(" ");
    put_text(recipient_family);
    put("</name>\n");
    if (below(2)) {
        put("      <family-name>");
        put_text(recipient_family);
        put("</family-name>\n");
    }
    if (nominee) {
        put("      <copy-to relationship=\"parent\">\n        <name>");
        put_text(PICK(given_names));
        put(" ");
        put_text(family);
        put("</name>\n        <address><line>%d ", 1 + below(240));
        put_text(PICK(streets));
        put("</line><postcode>%s %d%c%c</postcode></address>\n      </copy-to>\n",
            co->outward[below(4)], below(10), "ABDEFGHJLNPQRSTUWXYZ"[below(20)],
            "ABDEFGHJLNPQRSTUWXYZ"[below(20)]);
    }
    put("      <address>\n");
    if (below(4) == 0) {
        put("        <line>");
        put_text(PICK(flats));
        put("</line>\n");
    }
    put("        <line>%d ", 1 + below(240));
    put_text(PICK(streets));
    put("</line>\n        <line>%s</line>\n", co->towns[below(3)]);
    if (fault == FAULT_POSTCODE)
        put("        <postcode>%s 12</postcode>\n", co->outward[below(4)]);
    else
        put("        <postcode>%s %d%c%c</postcode>\n", co->outward[below(4)], below(10),
            "ABDEFGHJLNPQRSTUWXYZ"[below(20)], "ABDEFGHJLNPQRSTUWXYZ"[below(20)]);
    put("      </address>\n");
    if (below(40) == 0)
        put("      <large-print/>\n");
    put("    </recipient>\n");
    put("    <plan reference=\"EHCP-%06ld\" issued=\"", seq);
    put_date(2023 + below(3), 1 + below(12), 1 + below(28));
    put("\"/>\n");
    if (fault != FAULT_MISSING_OFFICER)
        put("    <officer name=\"%s %s\" role=\"%s\" phone=\"0117 496 %04d\" "
            "email=\"officer%d@example.gov.uk\"/>\n",
            PICK(given_names), PICK(family_names), co->officer_role, below(10000), below(500));

    item items[3];
    int n_items = 1 + below(3);
    put("    <personal-budget>\n");
    for (int i = 0; i < n_items; i++) {
        snprintf(items[i].id, sizeof items[i].id, "ITEM-%d", i + 1);
        items[i].annual = 50000 + (long)below(1950000);
        /* The first item is an education or social care direct payment, so every decision has
         * something it may decide; health items are never decided by the council. */
        items[i].stream = i == 0 ? 2 * below(2) : below(3);
        const char *arr = i == 0 ? "direct-payment" : PICK(arrangements);
        items[i].dp = strcmp(arr, "direct-payment") == 0;
        put("      <item id=\"%s\" stream=\"%s\" arrangement=\"%s\"", items[i].id,
            stream_names[items[i].stream], arr);
        if (items[i].dp)
            put(" paid=\"%s\" payee=\"the %s\"", PICK(frequencies), nominee ? "nominee" : "recipient");
        put(">\n        <provision>%s</provision>\n", PICK(provisions));
        if (items[i].dp || below(2))
            put("        <need ref=\"B%d\">The child %s</need>\n", 1 + below(9), PICK(needs));
        put("        <outcome%s>The child %s</outcome>\n",
            items[i].dp ? " ref=\"E1\"" : "", PICK(outcomes));
        if (items[i].dp && below(4) == 0)
            put("        <setting-agreement by=\"%s %s\" role=\"%s\" date=\"2025-0%d-1%d\"/>\n",
                PICK(given_names), PICK(family_names), young_person ? "principal" : "head teacher",
                1 + below(9), below(10));
        put("        <annual-amount>");
        if (fault == FAULT_DECIMALS && i == 0)
            put("%ld.125", items[i].annual / 100);
        else
            put_amount(items[i].annual);
        put("</annual-amount>\n      </item>\n");
    }
    put("    </personal-budget>\n");

    const char *issued_day[] = {"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26",
                                "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"};
    const char *issued = PICK(issued_day);
    const char *bad_ref = fault == FAULT_REF ? "NO-SUCH-ITEM" : NULL;
    switch (kind) {
    case K_REFUSAL: {
        /* Only items the refusal may decide: not health; for direct payments, not already one. */
        bool dp_scope = below(2);
        put("    <refusal issued=\"%s\" requested=\"2026-10-%02d\" scope=\"%s\"", issued,
            1 + below(28), dp_scope ? "direct-payment" : "personal-budget");
        put_sending();
        put(">\n      <ground>%s</ground>\n", dp_scope ? PICK(dp_grounds) : PICK(pb_grounds));
        int which = below(n_items);
        bool fits = items[which].stream != 1 && !(dp_scope && items[which].dp);
        if (bad_ref || (fits && below(2)))
            put("      <item ref=\"%s\"/>\n", bad_ref ? bad_ref : items[which].id);
        put_reasons("reason", 1);
        put("    </refusal>\n");
        break;
    }
    case K_REDUCTION: {
        bool amended = below(2);
        put("    <reduction issued=\"%s\" plan=\"%s\"", issued, amended ? "amended" : "unchanged");
        if (amended)
            put(" amended-plan=\"2026-11-%02d\"", 1 + below(20));
        put_sending();
        put(">\n");
        if (!amended)
            put("      <cost-reason>The provider's rate for the same provision has gone down from "
                "1 April.</cost-reason>\n");
        int which = items[n_items - 1].stream == 1 ? 0 : n_items - 1;  /* never a health item */
        long now = items[which].annual;
        long new_amount = fault == FAULT_NOT_REDUCED ? now + 10000 : now / 2 + below((int)(now / 4));
        put("      <change ref=\"%s\" new-annual-amount=\"", bad_ref ? bad_ref : items[which].id);
        put_amount(new_amount);
        put("\"/>\n");
        put_reasons("reason", 1);
        put("    </reduction>\n");
        break;
    }
    case K_REPAYMENT: {
        long amount = 1000 + below(200000), paid = amount + below(300000);
        put("    <repayment issued=\"%s\" amount=\"", issued);
        if (fault == FAULT_ZERO_REPAYMENT)
            put("0.00");
        else
            put_amount(amount);
        put("\" paid=\"");
        put_amount(paid);
        put("\" spent=\"");
        put_amount(paid - amount - below((int)(paid - amount) + 1));
        put("\"");
        put_sending();
        put(">\n      <ground>%s</ground>\n", PICK(grounds));
        if (below(2))
            put("      <period from=\"2026-04-01\" to=\"2026-09-30\"/>\n");
        put_reasons("reason", 1);
        put("    </repayment>\n");
        break;
    }
    case K_STOP: {
        /* The first item is always an education or social care direct payment. */
        int g = below(nominee ? 8 : 9);
        put("    <stop issued=\"%s\"", issued);
        if (g == 0)
            put(" consent-withdrawn-on=\"2026-11-%02d\"", 1 + below(20));
        put_sending();
        put(">\n      <item ref=\"%s\"/>\n      <ground>%s</ground>\n",
            bad_ref ? bad_ref : items[0].id, stop_grounds[g]);
        if (below(3) == 0)
            put("      <personal-assistant/>\n");
        put_reasons("reason", 1);
        put("      <continuation>From the day the direct payments stop, the council arranges the "
            "same support through its own provider, so it continues without a gap."
            "</continuation>\n    </stop>\n");
        break;
    }
    default:
        put("    <section-j issued=\"%s\"", issued);
        put_sending();
        put(">\n");
        put("      <summary>");
        for (int s = 0, count = 1 + below(4); s < count; s++) {
            put(s ? " " : "");
            put_text(PICK(sentences));
        }
        put("</summary>\n");
        if (below(2))
            put("      <direct-payment-arrangements>The direct payment is paid into a separate "
                "bank account and a return is sent every three months.</direct-payment-arrangements>\n");
        put("    </section-j>\n");
        break;
    }
    put("  </case>\n");
}

static int usage(void)
{
    fputs("usage: gen_cases N [--seed S] [--invalid PERCENT] [--first K] [-o FILE | --dir DIR] "
          "[--expect FILE]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    long n = -1, invalid_percent = 5, first = 1;  /* first: the number in the first case's id */
    unsigned long long seed = 1;
    const char *file = NULL, *dir = NULL, *expect_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--seed") == 0 && v)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(a, "--invalid") == 0 && v)
            invalid_percent = strtol(argv[++i], NULL, 10);
        else if (strcmp(a, "-o") == 0 && v)
            file = argv[++i];
        else if (strcmp(a, "--first") == 0 && v)
            first = strtol(argv[++i], NULL, 10);
        else if (strcmp(a, "--dir") == 0 && v)
            dir = argv[++i];
        else if (strcmp(a, "--expect") == 0 && v)
            expect_path = argv[++i];
        else if (a[0] != '-' && n < 0)
            n = strtol(a, NULL, 10);
        else
            return usage();
    }
    if (n < 0 || invalid_percent < 0 || invalid_percent > 100 || first < 1 || (file && dir))
        return usage();
    rng_state = seed * 0x9E3779B97F4A7C15u + 1;
    FILE *expect = expect_path ? fopen(expect_path, "w") : NULL;
    if (expect_path && !expect) {
        perror(expect_path);
        return 2;
    }
    if (dir) {
        mkdir(dir, 0755);
    } else {
        out = file ? fopen(file, "w") : stdout;
        if (!out) {
            perror(file);
            return 2;
        }
        put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- %ld synthetic cases, seed %llu -->\n"
            "<cases>\n", n, seed);
    }
    for (long seq = 1; seq <= n; seq++) {
        /* Every 100 cases hold exactly invalid_percent faulty ones, spread by the PRNG. */
        enum fault fault = FAULT_NONE;
        if (below(100) < invalid_percent)
            fault = (enum fault)(1 + below(FAULT_COUNT - 1));
        int r = below(100);
        int kind = r < 35 ? K_REFUSAL : r < 65 ? K_REDUCTION : r < 88 ? K_REPAYMENT
                 : r < 96 ? K_SECTION_J : K_STOP;
        if (fault == FAULT_NOT_REDUCED)
            kind = K_REDUCTION;
        else if (fault == FAULT_ZERO_REPAYMENT)
            kind = K_REPAYMENT;
        else if (fault == FAULT_REF && kind > K_REDUCTION)
            kind = K_REFUSAL;
        char path[4096];
        if (dir) {
            snprintf(path, sizeof path, "%s/case-%07ld.xml", dir, seq);
            out = fopen(path, "w");
            if (!out) {
                perror(path);
                return 2;
            }
            put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        char id[64];
        generate_case(seq + first - 1, fault, kind, id, sizeof id);
        if (dir && fclose(out) != 0) {
            perror(path);
            return 2;
        }
        if (expect)
            fprintf(expect, "%s,%s,%s\n", id, fault ? "" : kind_names[kind],
                    fault ? "rejected" : "ok");
    }
    if (!dir) {
        put("</cases>\n");
        if (fflush(out) != 0 || (file && fclose(out) != 0)) {
            perror(file ? file : "stdout");
            return 2;
        }
    }
    if (expect && fclose(expect) != 0) {
        perror(expect_path);
        return 2;
    }
    return 0;
}
