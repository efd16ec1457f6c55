/* test_case_load.c: the value rules (rules.h), the loader on an in-memory case (every field of the
 * model), the loader's messages (file, line, case id, field), and <cases> streams through
 * case_source. Expected values were written from contract section 3 and the UK postcode format
 * (GOV.UK data standards), not from the code. Run from the project root (fixtures/, templates/). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "case/case.h"
#include "case/council.h"
#include "case/load.h"
#include "case/rules.h"
#include "core/diag.h"

/* Runs fn in a child process: a probe that crashes (or trips a sanitizer) counts as one failure
 * and the rest of the tests still run. The child prints its own failures. */
static void in_child(const char *what, void (*fn)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        check_passed = check_failed = 0;
        fn(arg);
        fflush(stdout);
        exit(check_failed ? 1 : 0);
    }
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    CHECK(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: failed or crashed in a child process (%s %d)", what,
          WIFSIGNALED(status) ? "signal" : "exit status",
          WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

/* ---- case_id_valid ---------------------------------------------------------------------- */

static void test_case_id(void)
{
    const char *ok[] = {"BNES-2026-0142", "a", "7", "A.b_c-d", "BCC-2026-10458", "x..y", "EX-2027-0007",
                        "a-", "Z_"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        CHECK(case_id_valid(ok[i]), "case_id_valid(\"%s\") should be true", ok[i]);
    const char *bad[] = {"", "-a", ".a", "_a", "..", "../../etc/x", "a/b", "a\\b", "a b", " a",
                         "a\n", "Zoë", "é1", "a:b", "a*", "a%2F", "CASE#1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!case_id_valid(bad[i]), "case_id_valid(\"%s\") should be false", bad[i]);
    char id[80];
    memset(id, 'A', 64);
    id[64] = '\0';
    CHECK(case_id_valid(id), "a 64-character id is valid");
    id[64] = 'A';
    id[65] = '\0';
    CHECK(!case_id_valid(id), "a 65-character id is not valid");
}

/* ---- postcode_normalise ----------------------------------------------------------------- */

static void pc_ok(const char *in, const char *want)
{
    char out[9];
    memset(out, 'Z', sizeof out);
    bool ok = postcode_normalise(in, out);
    CHECK(ok, "postcode_normalise(\"%s\") should accept", in);
    if (ok)
        CHECK_STR(out, want);
}

static void pc_bad(const char *in)
{
    char out[9];
    CHECK(!postcode_normalise(in, out), "postcode_normalise(\"%s\") should reject", in);
}

static void test_postcode(void)
{
    /* Every outward form, upper and lower case, with and without the space. */
    pc_ok("BA2 4JT", "BA2 4JT");
    pc_ok("ba2 4jt", "BA2 4JT");
    pc_ok("BA24JT", "BA2 4JT");
    pc_ok("ba24jt", "BA2 4JT");
    pc_ok("Ba2 4jT", "BA2 4JT");
    pc_ok("M1 1AE", "M1 1AE");        /* A9 */
    pc_ok("m11ae", "M1 1AE");
    pc_ok("B33 8TH", "B33 8TH");      /* A99 */
    pc_ok("B296EZ", "B29 6EZ");
    pc_ok("W1A 0AX", "W1A 0AX");      /* A9A */
    pc_ok("CR2 6XH", "CR2 6XH");      /* AA9 */
    pc_ok("DN55 1PT", "DN55 1PT");    /* AA99 */
    pc_ok("WF10 5DT", "WF10 5DT");
    pc_ok("wf105dt", "WF10 5DT");
    pc_ok("EC1A 1BB", "EC1A 1BB");    /* AA9A */
    pc_ok("SW1A 2AA", "SW1A 2AA");
    pc_ok("GIR 0AA", "GIR 0AA");      /* the one special case */
    pc_ok("gir0aa", "GIR 0AA");
    pc_ok("EX1 1AA", "EX1 1AA");
    pc_ok("B13 9JD", "B13 9JD");
    pc_ok("BA1 3AX", "BA1 3AX");
    pc_ok("B1 1BB", "B1 1BB");
    pc_ok("N1C 4AG", "N1C 4AG");      /* third-position letters that exist */
    pc_ok("E1W 1AA", "E1W 1AA");
    pc_ok("EC1V 9LT", "EC1V 9LT");    /* fourth-position letters that exist */
    pc_ok("SW1P 4DF", "SW1P 4DF");
    pc_ok("NW1W 8JN", "NW1W 8JN");

    /* Shapes that are not postcodes. */
    pc_bad("");
    pc_bad(" ");
    pc_bad("BA2");
    pc_bad("BA2 4J");
    pc_bad("A 1AA");
    pc_bad("BA22 4JTT");
    pc_bad("BA2  4JT");       /* two spaces */
    pc_bad(" BA2 4JT");
    pc_bad("BA2 4 JT");
    pc_bad("BA2-4JT");
    pc_bad("BA2\t4JT");
    pc_bad("BA2 4JT!");
    pc_bad("12 3AB");
    pc_bad("1A2 3AB");
    pc_bad("BAA 4JT");        /* outward with no digit */
    pc_bad("BA2A4 4JT");
    pc_bad("A9A9 9AA");
    pc_bad("BA2 AJT");        /* inward must start with a digit */
    pc_bad("BA2 44T");
    pc_bad("BÅ2 4JT");
    pc_bad("GIR 0AB");
    pc_bad("GIR0AC");
    /* First letter never Q, V or X. */
    pc_bad("QA1 1AA");
    pc_bad("VA1 1AA");
    pc_bad("XA1 1AA");
    pc_bad("Q1 1AA");
    pc_bad("x1 1aa");
    /* Second letter never I, J or Z. */
    pc_bad("AI1 1AA");
    pc_bad("BJ1 1AA");
    pc_bad("BZ11 1AA");
    /* The inward letters never C, I, K, M, O or V, in either place. */
    pc_bad("B13 9JC");
    pc_bad("B13 9CJ");
    pc_bad("BA2 4IA");
    pc_bad("BA2 4AI");
    pc_bad("BA2 4KA");
    pc_bad("BA2 4AK");
    pc_bad("BA2 4MA");
    pc_bad("ba2 4am");
    pc_bad("BA2 4OA");
    pc_bad("BA2 4AO");
    pc_bad("BA2 4VA");
    pc_bad("BA24AV");
    /* A9A: the third letter is one of A B C D E F G H J K P S T U W only;
     * AA9A: the fourth letter is one of A B E H M N P R V W X Y only. */
    pc_bad("W1Z 1AA");
    pc_bad("W1I 1AA");
    pc_bad("M1L 1AA");
    pc_bad("EC1C 1BB");
    pc_bad("SW1D 2AA");
    pc_bad("SW1Z 2AA");
}

/* ---- utf8_next, text_unprintable -------------------------------------------------------- */

static void utf8_good(const char *s, size_t n, int32_t want, size_t want_i)
{
    size_t i = 0;
    int32_t cp = utf8_next(s, n, &i);
    CHECK(cp == want && i == want_i, "utf8_next: got U+%04X at %zu, want U+%04X at %zu",
          (unsigned)cp, i, (unsigned)want, want_i);
}

static void utf8_bad(const char *what, const char *s, size_t n)
{
    size_t i = 0;
    int32_t cp = utf8_next(s, n, &i);
    CHECK(cp == -1, "utf8_next(%s) = %d, want -1", what, (int)cp);
    CHECK(i == 0, "utf8_next(%s) moved to %zu on an invalid sequence", what, i);
}

static void test_utf8(void)
{
    utf8_good("A", 1, 'A', 1);
    utf8_good("\xC3\xA9x", 3, 0xE9, 2);           /* é */
    utf8_good("\xC5\x81", 2, 0x141, 2);           /* Ł */
    utf8_good("\xE2\x82\xAC", 3, 0x20AC, 3);      /* € */
    utf8_good("\xF0\x9F\x99\x82", 4, 0x1F642, 4); /* 🙂 */
    utf8_good("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
    utf8_good("\xED\x9F\xBF", 3, 0xD7FF, 3);

    utf8_bad("lone continuation 0x80", "\x80", 1);
    utf8_bad("lone continuation 0xBF", "\xBF", 1);
    utf8_bad("overlong / (C0 AF)", "\xC0\xAF", 2);
    utf8_bad("overlong C1 81", "\xC1\x81", 2);
    utf8_bad("overlong E0 80 AF", "\xE0\x80\xAF", 3);
    utf8_bad("overlong F0 80 80 AF", "\xF0\x80\x80\xAF", 4);
    utf8_bad("surrogate D800", "\xED\xA0\x80", 3);
    utf8_bad("surrogate DFFF", "\xED\xBF\xBF", 3);
    utf8_bad("above 10FFFF", "\xF4\x90\x80\x80", 4);
    utf8_bad("F5 lead", "\xF5\x80\x80\x80", 4);
    utf8_bad("5-byte form", "\xF8\x88\x80\x80\x80", 5);
    utf8_bad("FE", "\xFE", 1);
    utf8_bad("FF", "\xFF", 1);
    utf8_bad("bad continuation C3 28", "\xC3\x28", 2);
    utf8_bad("bad continuation E2 28 A1", "\xE2\x28\xA1", 3);
    utf8_bad("truncated C3 at end", "\xC3\xA9", 1);      /* n cuts the sequence */
    utf8_bad("truncated E2 82 at end", "\xE2\x82\xAC", 2);
    utf8_bad("truncated F0 9F 99 at end", "\xF0\x9F\x99\x82", 3);
    utf8_bad("latin-1 e-acute", "\xE9" "e K", 4);

    /* Walking a whole string. */
    const char *s = "Zo\xC3\xAB \xC5\x81ukasiewicz-O'Brien";
    size_t i = 0, n = strlen(s), count = 0;
    int32_t cp = 0;
    while (i < n && (cp = utf8_next(s, n, &i)) >= 0)
        count++;
    CHECK(cp >= 0 && i == n && count == 23, "walked %zu code points to %zu of %zu", count, i, n);

    CHECK(text_unprintable("Zoë Łukasiewicz-O'Brien", false) == 0, "Polish name prints");
    CHECK(text_unprintable("Siobhán Ó Ceallaigh, Dafydd ap Gwilym-Jones, Chloë D'Souza", false) == 0,
          "Irish, Welsh, French names print");
    CHECK(text_unprintable("Tŷ Gwyn, Maes-y-Ŵyn, ŵ ŷ Ŵ Ŷ", false) == 0, "Welsh circumflex w and y print");
    CHECK(text_unprintable("Małgorzata Wiśniewska, Bożena Żółć, Ęą", false) == 0, "Polish letters print");
    CHECK(text_unprintable("“why” ‘so’ – — … € £", false) == 0, "curly quotes, dashes, € and £ print");
    CHECK(text_unprintable("*x* _y_ #z <b>&amp; [x](y)", false) == 0, "ASCII punctuation prints");
    CHECK(text_unprintable("a\nb", false) == '\n', "newline in a plain value is reported");
    CHECK(text_unprintable("a\tb", false) == '\t', "tab in a plain value is reported");
    CHECK(text_unprintable("a\nb\tc", true) == 0, "newline and tab allowed in Markdown");
    CHECK(text_unprintable("a\x01" "b", true) == 1, "U+0001 is reported");
    CHECK(text_unprintable("a\x7F", false) == 0x7F, "DEL is reported");
    CHECK(text_unprintable("a\xC2\x85", false) == 0x85, "C1 control U+0085 is reported");
    CHECK(text_unprintable("Bożena 🙂", false) == 0x1F642, "emoji reported by code point");
    CHECK(text_unprintable("王", true) == 0x738B, "CJK reported by code point");
    CHECK(text_unprintable("Ștefănuț Țurcanu", false) == 0, "Romanian comma below S and T print");
    CHECK(text_unprintable("Олена Шевченко, Ґанна Їжак", false) == 0, "Cyrillic names print");
    CHECK(text_unprintable("Ἀθηνᾶ Παπαδοπούλου", false) == 0, "Greek names print");
    CHECK(text_unprintable("Nguyễn Thị Phương, Trần Đức", false) == 0, "Vietnamese names print");
    CHECK(text_unprintable("Fatima فاطمة", false) == 0x641, "Arabic reported by code point");
    CHECK(text_unprintable("ok \xE9 then", false) == -1, "invalid UTF-8 is -1");
    CHECK(text_unprintable("", false) == 0, "empty is printable");
}

/* ---- text_plain, text_markdown ---------------------------------------------------------- */

/* An expected empty result is checked by its first byte only: a result that is not terminated
 * (sb_take of a buffer never appended to) must fail here, not read past its end. */
static void result_is(const char *fn, const char *in, char *got, const char *want)
{
    if (!want[0]) {
        CHECK(got && got[0] == '\0', "%s(\"%s\") should be \"\" (first byte 0x%02x)", fn, in,
              got ? (unsigned char)got[0] : 0);
    } else {
        CHECK_STR(got, want);
    }
    free(got);
}

static void plain_is(const char *in, const char *want)
{
    result_is("text_plain", in, text_plain(in), want);
}

static void markdown_is(const char *in, const char *want)
{
    result_is("text_markdown", in, text_markdown(in), want);
}

static void test_text(void)
{
    plain_is("Zoë", "Zoë");
    plain_is("  Anna   Łukasiewicz  ", "Anna Łukasiewicz");
    plain_is("\n      Speech and language therapy,\n      one hour a week\n    ",
             "Speech and language therapy, one hour a week");
    plain_is("a\t\tb\r\nc", "a b c");
    plain_is("Tutoring *two* __sessions__, #1: <b>maths</b> &amp; [x](y)",
             "Tutoring *two* __sessions__, #1: <b>maths</b> &amp; [x](y)");
    plain_is("\xC2\xA0kept\xC2\xA0", "\xC2\xA0kept\xC2\xA0");  /* no-break space is not layout */

    /* The usual XML layout: text on its own lines, indented with the element. */
    markdown_is("\n      First paragraph,\n      second line.\n\n      Second **paragraph**.\n    ",
                "First paragraph,\nsecond line.\n\nSecond **paragraph**.");
    /* Relative indentation is kept (list continuation, nested list). */
    markdown_is("\n      We looked at:\n\n      - one;\n        more of one;\n      - two.\n        - nested\n    ",
                "We looked at:\n\n- one;\n  more of one;\n- two.\n  - nested");
    /* Blank lines holding only spaces do not count towards the shared indentation. */
    markdown_is("\n    a\n  \n    b\n", "a\n\nb");
    /* Tabs as indentation. */
    markdown_is("\n\t\tx\n\t\ty\n\t", "x\ny");
    /* Windows line ends. */
    markdown_is("\r\n    one\r\n\r\n    two\r\n  ", "one\n\ntwo");
    /* On one line with its tags. */
    markdown_is("The tutor's rate has gone down.", "The tutor's rate has gone down.");
    markdown_is("  padded  ", "padded");
    /* Starting on the tag's own line, continuing on indented lines: the first line has no
     * indentation of its own, and the rest share the XML layout's. An officer's second
     * paragraph must not become an indented code block. */
    markdown_is("First paragraph.\n\n      Second paragraph.\n    ", "First paragraph.\n\nSecond paragraph.");
}

/* Empty results, in a child: text_plain/text_markdown of blank input. */
static void empty_texts(void *unused)
{
    (void)unused;
    plain_is("", "");
    plain_is(" \n\t ", "");
    markdown_is("", "");
    markdown_is("\n\n   \n", "");
}

/* ---- case_load_memory: one case, every field -------------------------------------------- */

static const char full_case[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                        /* 1 */
    "<case id=\"BNES-2026-0142\" council=\"bnes\">\n"                                     /* 2 */
    "  <child>\n"                                                                         /* 3 */
    "    <given-names>  Zoë\n      Anna </given-names>\n"                                 /* 4-5 */
    "    <family-name>Łukasiewicz-O'Brien</family-name>\n"                                /* 6 */
    "    <date-of-birth>2013-02-11</date-of-birth>\n"                                     /* 7 */
    "  </child>\n"                                                                        /* 8 */
    "  <recipient relationship=\"representative\">\n"                                     /* 9 */
    "    <title>Mrs</title>\n"                                                            /* 10 */
    "    <name>Anna Łukasiewicz</name><family-name>Łukasiewicz</family-name>\n"           /* 11 */
    "    <address>\n"                                                                     /* 12 */
    "      <line>Flat #2_b</line>\n"                                                      /* 13 */
    "      <line>14 Widcombe   Parade</line>\n"                                           /* 14 */
    "      <postcode>ba24jt</postcode>\n"                                                 /* 15 */
    "      <line>Bath</line>\n"                                                           /* 16 */
    "    </address>\n"                                                                    /* 17 */
    "    <large-print/>\n"                                                                /* 18 */
    "  </recipient>\n"                                                                    /* 19 */
    "  <plan reference=\"EHCP-0142\" issued=\"2024-06-01\"/>\n"                           /* 20 */
    "  <officer name=\"Siân Pritchard\" role=\"SEND Casework Officer\" phone=\"0117 496 0142\""
    " email=\"sian.pritchard@example.gov.uk\"/>\n"                                        /* 21 */
    "  <section-j issued=\"2026-12-23\" sent-by=\"email\" sent-at=\"16:31\">\n"             /* 22 */
    "    <summary>\n      Zoë's budget.\n\n      - therapy\n      - breaks\n    </summary>\n"
    "  </section-j>\n"
    "  <personal-budget>\n"
    "    <item id=\"SLT\" stream=\"education\" arrangement=\"direct-payment\" paid=\"four-weekly\""
    " payee=\"Mrs Anna Łukasiewicz\">\n"
    "      <annual-amount>2400</annual-amount>\n"
    "      <need ref=\"B2\">Needs help to speak</need><need>Unreferenced need</need>\n"
    "      <setting-agreement by=\"Mr Head\" role=\"principal\" date=\"2024-05-20\"/>\n"
    "      <provision>Tutoring *two* __sessions__, #1: &lt;b&gt;maths&lt;/b&gt; &amp;amp; [x](y)</provision>\n"
    "      <outcome ref=\"E1\">Zoë will ask for help</outcome>\n"
    "    </item>\n"
    "    <item id=\"RESPITE\" stream=\"social-care\" arrangement=\"council-managed\">\n"
    "      <provision>Short breaks</provision>\n"
    "      <outcome>First outcome</outcome>\n"
    "      <outcome>Second outcome</outcome>\n"
    "      <annual-amount>1850.5</annual-amount>\n"
    "    </item>\n"
    "    <item id=\"OT\" stream=\"health\" arrangement=\"third-party\">\n"
    "      <provision>OT</provision><outcome>o</outcome><annual-amount>312.05</annual-amount>\n"
    "    </item>\n"
    "    <item id=\"TA\" stream=\"education\" arrangement=\"provider-managed\">\n"
    "      <provision>TA</provision><outcome>o</outcome><annual-amount>0.07</annual-amount>\n"
    "    </item>\n"
    "  </personal-budget>\n"
    "  <refusal issued=\"2026-11-23\" requested=\"2026-10-01\" scope=\"direct-payment\">\n"
    "    <reason>One.</reason>\n"
    "    <item ref=\"TA\"/>\n"
    "    <ground>r5-capacity</ground><ground>school-place</ground>\n"
    "    <item ref=\"RESPITE\"/>\n"
    "    <reason>\n      Two **bold**.\n\n      Para.\n    </reason>\n"
    "  </refusal>\n"
    "  <reduction issued=\"2027-03-25\" plan=\"amended\" amended-plan=\"2027-03-01\">\n"
    "    <change ref=\"RESPITE\" new-annual-amount=\"1850.49\"/>\n"
    "    <change ref=\"SLT\" new-annual-amount=\"0.01\"/>\n"
    "    <reason>Less.</reason>\n"
    "  </reduction>\n"
    "  <repayment issued=\"2027-01-04\" amount=\"812.5\" paid=\"1200\" spent=\"387.50\""
    " sent-by=\"second-class\">\n"
    "    <ground>misuse</ground><ground>offence</ground>\n"
    "    <period from=\"2026-04-01\" to=\"2026-09-30\"/>\n"
    "    <reason>Spent on other things.</reason>\n"
    "    <ground>death</ground>\n"
    "  </repayment>\n"
    "</case>\n";

static void test_load_full(council_set *councils)
{
    diag_list errs = {0};
    pb_case *c = case_load_memory(full_case, strlen(full_case), "mem.xml", 0, councils, &errs);
    CHECK(c != NULL, "the full in-memory case loads");
    for (size_t i = 0; i < errs.len; i++) {
        char buf[1024];
        diag_format(&errs.items[i], buf, sizeof buf);
        printf("    unexpected: %s\n", buf);
    }
    CHECK(errs.len == 0, "no problems for the full case (got %zu)", errs.len);
    diag_list_clear(&errs);
    if (!c)
        return;
    CHECK_STR(c->file, "mem.xml");
    CHECK(c->line == 2, "case line %d, want 2", c->line);
    CHECK_STR(c->id, "BNES-2026-0142");
    CHECK_STR(c->council, "bnes");
    CHECK_STR(c->child.given_names, "Zoë Anna");
    CHECK_STR(c->child.family_name, "Łukasiewicz-O'Brien");
    CHECK(c->child.date_of_birth.y == 2013 && c->child.date_of_birth.m == 2 &&
          c->child.date_of_birth.d == 11, "date of birth");
    CHECK(c->recipient.rel == REL_REPRESENTATIVE, "relationship representative");
    CHECK_STR(c->recipient.title, "Mrs");
    CHECK_STR(c->recipient.name, "Anna Łukasiewicz");
    CHECK(c->recipient.address.len == 3, "3 address lines (postcode apart), got %zu",
          c->recipient.address.len);
    if (c->recipient.address.len == 3) {
        CHECK_STR(c->recipient.address.items[0], "Flat #2_b");
        CHECK_STR(c->recipient.address.items[1], "14 Widcombe Parade");
        CHECK_STR(c->recipient.address.items[2], "Bath");
    }
    CHECK_STR(c->recipient.postcode, "BA2 4JT");
    CHECK(c->recipient.large_print, "large print");
    CHECK_STR(c->plan.reference, "EHCP-0142");
    CHECK(c->plan.issued.y == 2024 && c->plan.issued.m == 6 && c->plan.issued.d == 1, "plan issued");
    CHECK_STR(c->officer.name, "Siân Pritchard");
    CHECK_STR(c->officer.role, "SEND Casework Officer");
    CHECK_STR(c->officer.phone, "0117 496 0142");
    CHECK_STR(c->officer.email, "sian.pritchard@example.gov.uk");

    CHECK(c->n_items == 4, "4 items, got %zu", c->n_items);
    if (c->n_items == 4) {
        const pb_item *it = c->items;
        CHECK_STR(it[0].id, "SLT");
        CHECK(it[0].stream == STREAM_EDUCATION && it[0].arr == ARR_DIRECT_PAYMENT, "SLT stream, arrangement");
        CHECK_STR(it[0].provision, "Tutoring *two* __sessions__, #1: <b>maths</b> &amp; [x](y)");
        CHECK(it[0].outcomes.len == 1, "SLT outcomes");
        if (it[0].outcomes.len == 1)
            CHECK_STR(it[0].outcomes.items[0], "Zoë will ask for help");
        CHECK(it[0].annual == 240000, "2400 -> %lld pence", (long long)it[0].annual);
        CHECK_STR(it[1].id, "RESPITE");
        CHECK(it[1].stream == STREAM_SOCIAL_CARE && it[1].arr == ARR_COUNCIL_MANAGED, "RESPITE");
        CHECK(it[1].outcomes.len == 2, "RESPITE outcomes");
        if (it[1].outcomes.len == 2) {
            CHECK_STR(it[1].outcomes.items[0], "First outcome");
            CHECK_STR(it[1].outcomes.items[1], "Second outcome");
        }
        CHECK(it[1].annual == 185050, "1850.5 -> %lld pence", (long long)it[1].annual);
        CHECK(it[2].stream == STREAM_HEALTH && it[2].arr == ARR_THIRD_PARTY, "OT");
        CHECK(it[2].annual == 31205, "312.05 -> %lld pence", (long long)it[2].annual);
        CHECK(it[3].stream == STREAM_EDUCATION && it[3].arr == ARR_PROVIDER_MANAGED, "TA");
        CHECK(it[3].annual == 7, "0.07 -> %lld pence", (long long)it[3].annual);
        CHECK(case_find_item(c, "OT") == &it[2], "case_find_item(OT)");
        CHECK(case_find_item(c, "ot") == NULL, "ids are case-sensitive");
        CHECK(case_find_item(c, "NONE") == NULL, "case_find_item(NONE)");
    }

    CHECK(c->has[DOC_REFUSAL] && c->has[DOC_REDUCTION] && c->has[DOC_REPAYMENT] &&
          c->has[DOC_SECTION_J], "has all four documents");
    const pb_refusal *rf = &c->refusal;
    CHECK(rf->issued.y == 2026 && rf->issued.m == 11 && rf->issued.d == 23, "refusal issued");
    CHECK(rf->scope == SCOPE_DIRECT_PAYMENT, "refusal scope");
    CHECK(rf->n_items == 2, "refusal items %zu", rf->n_items);
    if (rf->n_items == 2 && c->n_items == 4) {
        CHECK(rf->items[0] == &c->items[3], "refusal item 0 is TA");
        CHECK(rf->items[1] == &c->items[1], "refusal item 1 is RESPITE");
    }
    CHECK(rf->reasons.len == 2, "refusal reasons %zu", rf->reasons.len);
    if (rf->reasons.len == 2) {
        CHECK_STR(rf->reasons.items[0], "One.");
        CHECK_STR(rf->reasons.items[1], "Two **bold**.\n\nPara.");
    }
    const pb_reduction *rd = &c->reduction;
    CHECK(rd->issued.y == 2027 && rd->issued.m == 3 && rd->issued.d == 25, "reduction issued");
    CHECK(rd->n_changes == 2, "reduction changes %zu", rd->n_changes);
    if (rd->n_changes == 2 && c->n_items == 4) {
        CHECK(rd->changes[0].item == &c->items[1] && rd->changes[0].new_annual == 185049,
              "change 0: RESPITE -> 1850.49");
        CHECK(rd->changes[1].item == &c->items[0] && rd->changes[1].new_annual == 1,
              "change 1: SLT -> 0.01");
    }
    CHECK(rd->reasons.len == 1, "reduction reasons");
    const pb_repayment *rp = &c->repayment;
    CHECK(rp->issued.y == 2027 && rp->issued.m == 1 && rp->issued.d == 4, "repayment issued");
    CHECK(rp->amount == 81250, "812.5 -> %lld pence", (long long)rp->amount);
    CHECK(rp->grounds == (GROUND_MISUSE | GROUND_DEATH | GROUND_OFFENCE), "grounds bits 0x%x",
          rp->grounds);
    CHECK(rp->paid == 120000 && rp->spent == 38750, "paid and spent");
    CHECK(rp->sent.by == SENT_SECOND_CLASS && rp->sent.minute == -1, "repayment sent second class");
    CHECK(rp->has_period, "repayment has a period");
    CHECK(rp->period_from.y == 2026 && rp->period_from.m == 4 && rp->period_from.d == 1 &&
          rp->period_to.y == 2026 && rp->period_to.m == 9 && rp->period_to.d == 30, "period dates");
    CHECK(rp->reasons.len == 1, "repayment reasons");
    if (rp->reasons.len == 1)
        CHECK_STR(rp->reasons.items[0], "Spent on other things.");
    const pb_section_j *sj = &c->section_j;
    CHECK(sj->issued.y == 2026 && sj->issued.m == 12 && sj->issued.d == 23, "section-j issued");
    CHECK_STR(sj->summary, "Zoë's budget.\n\n- therapy\n- breaks");
    CHECK(sj->dp_arrangements == NULL, "no direct-payment-arrangements");
    CHECK(sj->sent.by == SENT_EMAIL && sj->sent.minute == 16 * 60 + 31, "section-j sent by email 16:31");
    CHECK_STR(c->recipient.family_name, "Łukasiewicz");
    CHECK(!c->recipient.copy_to.has && !c->child.has_died, "no copy-to, no death");
    CHECK(rf->requested.y == 2026 && rf->requested.m == 10 && rf->requested.d == 1, "requested");
    CHECK(rf->grounds == (1u << REFUSAL_R5_CAPACITY | 1u << REFUSAL_SCHOOL_PLACE), "refusal grounds");
    CHECK(rf->sent.by == SENT_BY_PROFILE && rf->sent.minute == -1, "refusal sent by the profile");
    CHECK(rd->plan == PLAN_AMENDED && rd->amended_plan.m == 3 && !rd->cost_reason, "plan amended");
    if (c->n_items == 4) {
        const pb_item *it = &c->items[0];
        CHECK(it->paid == PAID_FOUR_WEEKLY && it->payee && strcmp(it->payee, "Mrs Anna Łukasiewicz") == 0,
              "paid four-weekly, payee");
        CHECK(it->needs.len == 2 && it->need_refs.len == 2, "two needs");
        if (it->needs.len == 2) {
            CHECK_STR(it->need_refs.items[0], "B2");
            CHECK(it->need_refs.items[1] == NULL, "second need has no ref");
            CHECK_STR(it->needs.items[1], "Unreferenced need");
        }
        CHECK(it->outcome_refs.len == 1 && it->outcome_refs.items[0] &&
              strcmp(it->outcome_refs.items[0], "E1") == 0, "outcome ref E1");
        CHECK(it->setting_agreement.has && it->setting_agreement.principal &&
              strcmp(it->setting_agreement.by, "Mr Head") == 0 && it->setting_agreement.date.d == 20,
              "setting agreement");
        CHECK(c->items[1].paid == PAID_UNSET && !c->items[1].payee && c->items[1].outcome_refs.len == 2 &&
              c->items[1].outcome_refs.items[0] == NULL, "RESPITE: no payment details, no refs");
    }
    case_free(c);

    /* The same case with a line offset (as cut from a stream). */
    c = case_load_memory(full_case, strlen(full_case), "stream.xml", 40, councils, &errs);
    CHECK(c && c->line == 42, "line offset 40: case line %d, want 42", c ? c->line : -1);
    case_free(c);
    diag_list_clear(&errs);
}

/* A case with only the required parts and one document: has[] and optional fields. */
static const char small_case[] =
    "<case id=\"EX-1\" council=\"example\">"
    "<child><given-names>Rhys</given-names><family-name>Llewelyn</family-name>"
    "<date-of-birth>2007-03-25</date-of-birth></child>"
    "<recipient relationship=\"young-person\"><name>Rhys Llewelyn</name>"
    "<address><line>1 High Street</line><postcode>EX1 1AA</postcode></address></recipient>"
    "<plan reference=\"P\" issued=\"2025-01-01\"/>"
    "<officer name=\"Jo\" role=\"R\" phone=\"01632 960000\" email=\"jo@example.gov.uk\"/>"
    "<personal-budget><item id=\"A\" stream=\"education\" arrangement=\"direct-payment\""
    " paid=\"monthly\" payee=\"Rhys Llewelyn\"><provision>p</provision><need ref=\"B1\">n</need>"
    "<outcome ref=\"E1\">o</outcome><annual-amount>10</annual-amount></item>"
    "</personal-budget>"
    "<repayment issued=\"2027-02-28\" amount=\"10\" paid=\"10\" spent=\"0\"><ground>unused</ground>"
    "<ground>circumstances-changed</ground><reason>r</reason></repayment>"
    "<section-j issued=\"2027-02-28\"><summary>s</summary>"
    "<direct-payment-arrangements>Paid monthly.</direct-payment-arrangements></section-j>"
    "</case>";

static void test_load_small(council_set *councils)
{
    diag_list errs = {0};
    pb_case *c = case_load_memory(small_case, strlen(small_case), "small.xml", 0, councils, &errs);
    CHECK(c != NULL && errs.len == 0, "the small case loads (%zu problems)", errs.len);
    if (c) {
        CHECK(!c->has[DOC_REFUSAL] && !c->has[DOC_REDUCTION] && c->has[DOC_REPAYMENT] &&
              c->has[DOC_SECTION_J], "has[] flags: repayment and section-j only");
        CHECK(c->recipient.rel == REL_YOUNG_PERSON, "young person");
        CHECK(c->recipient.title == NULL, "no title");
        CHECK(!c->recipient.large_print, "no large print");
        CHECK(c->line == 1, "line 1");
        CHECK(c->repayment.grounds == (GROUND_UNUSED | GROUND_CIRCUMSTANCES_CHANGED), "grounds");
        CHECK(!c->repayment.has_period, "no period");
        CHECK(c->repayment.amount == 1000, "10 -> 1000 pence");
        CHECK_STR(c->section_j.dp_arrangements, "Paid monthly.");
        CHECK(c->n_items == 1 && c->items[0].stream == STREAM_EDUCATION, "one education item");
    }
    case_free(c);
    diag_list_clear(&errs);
}

/* ---- case_load_memory: rejected cases and their messages --------------------------------- */

/* small_case with one substitution; returns the diags. */
static pb_case *load_changed(council_set *councils, const char *from, const char *to, diag_list *errs)
{
    const char *at = strstr(small_case, from);
    if (!at) {
        CHECK(0, "test bug: \"%s\" not in small_case", from);
        return NULL;
    }
    size_t pre = (size_t)(at - small_case), fl = strlen(from), tl = strlen(to);
    size_t n = strlen(small_case) - fl + tl;
    char *buf = malloc(n + 1);
    memcpy(buf, small_case, pre);
    memcpy(buf + pre, to, tl);
    strcpy(buf + pre + tl, at + fl);
    pb_case *c = case_load_memory(buf, n, "bad.xml", 0, councils, errs);
    free(buf);
    return c;
}

static void rejects(council_set *councils, const char *from, const char *to, const char *want)
{
    diag_list errs = {0};
    pb_case *c = load_changed(councils, from, to, &errs);
    CHECK(c == NULL, "[%s -> %s] should be rejected", from, to);
    case_free(c);
    bool found = false;
    for (size_t i = 0; i < errs.len; i++) {
        char buf[1024];
        diag_format(&errs.items[i], buf, sizeof buf);
        found |= strcmp(buf, want) == 0;
    }
    CHECK(found && errs.len == 1, "[%s -> %s] want exactly: %s", from, to, want);
    if (!found || errs.len != 1)
        for (size_t i = 0; i < errs.len; i++) {
            char buf[1024];
            diag_format(&errs.items[i], buf, sizeof buf);
            printf("      got: %s\n", buf);
        }
    diag_list_clear(&errs);
}

static void blank_name(void *councils)
{
    rejects(councils, "<name>Rhys Llewelyn</name>", "<name>   </name>",
            "bad.xml:1: case EX-1: recipient/name: is empty");
}

static void test_load_rejects(council_set *councils)
{
    rejects(councils, "<postcode>EX1 1AA", "<postcode>QX1 1AA",
            "bad.xml:1: case EX-1: recipient/address/postcode: is not a valid UK postcode");
    rejects(councils, "amount=\"10\"", "amount=\"0\"",
            "bad.xml:1: case EX-1: repayment/@amount: must be more than £0.00: there is nothing to repay");
    rejects(councils, "<annual-amount>10<", "<annual-amount>10.001<",
            "bad.xml:1: case EX-1: personal-budget/item/annual-amount: has more than 2 decimals");
    rejects(councils, "2007-03-25", "2007-02-29",
            "bad.xml:1: case EX-1: child/date-of-birth: is not a date that exists");
    rejects(councils, "council=\"example\"", "council=\"nowhere\"",
            "bad.xml:1: case EX-1: @council: is not a known council (no profile in templates/councils/): it must be birmingham, bnes, example or wakefield");
    rejects(councils, "council=\"example\"", "council=\"../councils/example\"",
            "bad.xml:1: case EX-1: @council: is not a known council (no profile in templates/councils/): it must be birmingham, bnes, example or wakefield");
    rejects(councils, "id=\"EX-1\"", "id=\"../x\"",
            "bad.xml:1: @id: is not a valid case id (letters, digits, '.', '_' and '-', starting with a "
            "letter or digit, at most 64)");
    rejects(councils, "<name>Rhys Llewelyn</name>", "<name>Rhys 🙂</name>",
            "bad.xml:1: case EX-1: recipient/name: contains “🙂” (U+1F642 SLIGHTLY "
            "SMILING FACE), which the letter fonts cannot show: write it in Latin letters (a "
            "transliteration) or leave it out");
    in_child("a blank recipient name", blank_name, councils);
    rejects(councils, "<ground>circumstances-changed</ground>", "<ground>unused</ground>",
            "bad.xml:1: case EX-1: repayment/ground: is given twice");
    rejects(councils, "<reason>r</reason>", "<reason>r</reason><period from=\"2027-01-02\" to=\"2027-01-01\"/>",
            "bad.xml:1: case EX-1: repayment/period: ends (to) before it starts (from)");

    /* Several problems: all reported, none personal. */
    diag_list errs = {0};
    pb_case *c = load_changed(councils, "<postcode>EX1 1AA</postcode></address>",
                              "<postcode>EX1 1AC</postcode></address><title>Mr 🙂</title>", &errs);
    CHECK(c == NULL && errs.len == 2, "two problems at once: %zu", errs.len);
    for (size_t i = 0; i < errs.len; i++) {
        const diag *d = &errs.items[i];
        CHECK_STR(d->file, "bad.xml");
        CHECK(d->line == 1, "line %d", d->line);
        CHECK_STR(d->case_id, "EX-1");
        CHECK(d->field && strncmp(d->field, "recipient/", 10) == 0, "field %s", d->field ? d->field : "(null)");
        CHECK(!strstr(d->message, "EX1") && !strstr(d->message, "Mr"), "no personal data: %s", d->message);
    }
    case_free(c);
    diag_list_clear(&errs);

    /* Not XML at all, and a DOCTYPE: rejected before parsing, with the line of the DOCTYPE. */
    const char *dt = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE case [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                     "<case id=\"EX-2\" council=\"example\"><child><given-names>&x;</given-names></child></case>\n";
    c = case_load_memory(dt, strlen(dt), "dt.xml", 0, councils, &errs);
    CHECK(c == NULL && errs.len == 1, "DOCTYPE rejected once (%zu)", errs.len);
    if (errs.len == 1) {
        CHECK(errs.items[0].line == 3, "DOCTYPE line %d, want 3", errs.items[0].line);
        CHECK_STR(errs.items[0].case_id, "EX-2");
        CHECK(strstr(errs.items[0].message, "DOCTYPE") != NULL, "message names the DOCTYPE");
    }
    case_free(c);
    diag_list_clear(&errs);
    c = case_load_memory("", 0, "empty.xml", 0, councils, &errs);
    CHECK(c == NULL && errs.len >= 1, "empty input rejected");
    case_free(c);
    diag_list_clear(&errs);
    c = case_load_memory("<case", 5, "cut.xml", 0, councils, &errs);
    CHECK(c == NULL && errs.len >= 1, "cut input rejected");
    case_free(c);
    diag_list_clear(&errs);
}

/* ---- case_source: single files and <cases> streams --------------------------------------- */

typedef struct seen {
    int calls, valid, rejected, rc;
    char ids[8][32];
    int lines[8];
} seen;

static seen read_all(const char *path, council_set *councils, diag_list *errs)
{
    seen s = {0};
    case_source *src = case_source_open(path, errs);
    CHECK(src != NULL, "case_source_open(%s)", path);
    if (!src)
        return s;
    pb_case *c;
    int rc;
    while ((rc = case_source_next(src, councils, &c, errs)) == 1 && s.calls < 100) {
        if (c) {
            if (s.valid < 8) {
                snprintf(s.ids[s.valid], sizeof s.ids[0], "%s", c->id);
                s.lines[s.valid] = c->line;
            }
            s.valid++;
        } else {
            s.rejected++;
        }
        s.calls++;
        case_free(c);
    }
    s.rc = rc;
    case_source_close(src);
    return s;
}

static bool has_diag(const diag_list *errs, int line, const char *id, const char *field, const char *msg)
{
    for (size_t i = 0; i < errs->len; i++) {
        const diag *d = &errs->items[i];
        if (d->line == line && (id ? d->case_id && strcmp(d->case_id, id) == 0 : !d->case_id) &&
            (field ? d->field && strcmp(d->field, field) == 0 : !d->field) && strstr(d->message, msg))
            return true;
    }
    return false;
}

static void print_diags(const diag_list *errs)
{
    for (size_t i = 0; i < errs->len; i++) {
        char buf[1024];
        diag_format(&errs->items[i], buf, sizeof buf);
        printf("      diag: %s\n", buf);
    }
}

static void test_sources(council_set *councils)
{
    diag_list errs = {0};
    seen s = read_all("fixtures/streams/mixed.xml", councils, &errs);
    CHECK(s.calls == 6 && s.valid == 4 && s.rejected == 2 && s.rc == 0,
          "mixed.xml: %d cases, %d valid, %d rejected, rc %d; want 6, 4, 2, 0", s.calls, s.valid,
          s.rejected, s.rc);
    const char *want_ids[] = {"STREAM-0001", "STREAM-0002", "STREAM-0004", "STREAM-0006"};
    const int want_lines[] = {6, 34, 90, 146};
    for (int i = 0; i < 4 && i < s.valid; i++) {
        CHECK_STR(s.ids[i], want_ids[i]);
        CHECK(s.lines[i] == want_lines[i], "%s at line %d, want %d", want_ids[i], s.lines[i], want_lines[i]);
    }
    CHECK(errs.len == 3, "mixed.xml: 3 problems, got %zu", errs.len);
    CHECK(has_diag(&errs, 74, "STREAM-0003", "recipient/address/postcode", "is not a valid UK postcode"),
          "STREAM-0003 postcode at line 74");
    CHECK(has_diag(&errs, 122, "STREAM-0005", "child/date-of-birth", "is not a date that exists"),
          "STREAM-0005 date of birth at line 122");
    CHECK(has_diag(&errs, 142, "STREAM-0005", "reduction/change/@new-annual-amount", "a reduction must reduce"),
          "STREAM-0005 change at line 142");
    for (size_t i = 0; i < errs.len; i++)
        CHECK_STR(errs.items[i].file, "fixtures/streams/mixed.xml");
    if (errs.len != 3)
        print_diags(&errs);
    diag_list_clear(&errs);

    /* Malformed at line 101 (inside STREAM-0004): that case alone is rejected, with the line
     * of the misspelt end tag in the stream; the cases after it are read as usual. */
    s = read_all("fixtures/streams/malformed-middle.xml", councils, &errs);
    CHECK(s.rc == 0 && s.calls == 6 && s.valid == 3 && s.rejected == 3,
          "malformed-middle.xml: %d cases, %d valid, %d rejected, rc %d; want 6, 3, 3, 0", s.calls,
          s.valid, s.rejected, s.rc);
    const char *after_ids[] = {"STREAM-0001", "STREAM-0002", "STREAM-0006"};
    const int after_lines[] = {6, 34, 146};
    for (int i = 0; i < 3 && i < s.valid; i++) {
        CHECK_STR(s.ids[i], after_ids[i]);
        CHECK(s.lines[i] == after_lines[i], "%s at line %d, want %d", after_ids[i], s.lines[i],
              after_lines[i]);
    }
    CHECK(has_diag(&errs, 74, "STREAM-0003", "recipient/address/postcode", "is not a valid UK postcode"),
          "STREAM-0003 (before the break) still reported");
    CHECK(has_diag(&errs, 101, "STREAM-0004", NULL,
                   "not well-formed XML: <postcode> opened on line 101 is closed by"),
          "STREAM-0004 rejected for its misspelt end tag at line 101");
    CHECK(has_diag(&errs, 122, "STREAM-0005", "child/date-of-birth", "is not a date that exists"),
          "STREAM-0005 (after the break) checked");
    CHECK(errs.len == 4, "malformed-middle.xml: 4 problems, got %zu", errs.len);
    if (errs.len != 4 || s.valid != 3)
        print_diags(&errs);
    diag_list_clear(&errs);

    /* A single case file through the same interface. */
    s = read_all("fixtures/cases/bnes-reduction.xml", councils, &errs);
    CHECK(s.calls == 1 && s.valid == 1 && s.rc == 0 && errs.len == 0, "single case file");
    CHECK_STR(s.ids[0], "BNES-2026-0142");
    CHECK(s.lines[0] == 2, "single case at line %d", s.lines[0]);
    diag_list_clear(&errs);

    /* Every valid fixture loads through case_source. */
    const char *cases[] = {
        "fixtures/cases/bnes-all.xml", "fixtures/cases/bnes-refusal-young-person.xml",
        "fixtures/cases/birmingham-all.xml", "fixtures/cases/birmingham-repayment-misuse.xml",
        "fixtures/cases/wakefield-all.xml", "fixtures/cases/wakefield-section-j.xml",
        "fixtures/cases/wakefield-reduction-young-person.xml", "fixtures/cases/example-all.xml",
        "fixtures/cases/example-refusal-dp.xml", "fixtures/cases/example-repayment-death.xml",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s = read_all(cases[i], councils, &errs);
        CHECK(s.valid == 1 && s.rc == 0 && errs.len == 0, "%s loads", cases[i]);
        print_diags(&errs);
        diag_list_clear(&errs);
    }

    /* The hostile characters of example-all.xml arrive as written. */
    case_source *src = case_source_open("fixtures/cases/example-all.xml", &errs);
    pb_case *c = NULL;
    if (src && case_source_next(src, councils, &c, &errs) == 1 && c) {
        CHECK_STR(c->items[0].provision,
                  "Tutoring *two* __sessions__ a week, #1 priority: <b>maths</b> &amp; English [x](y)");
        CHECK_STR(c->recipient.address.items[1], "*Rose* Cottage & Mews");
        CHECK_STR(c->plan.reference, "EX/EHCP/#0001_a");
    } else {
        CHECK(0, "example-all.xml loads");
    }
    case_free(c);
    case_source_close(src);
    diag_list_clear(&errs);

    /* A file that does not exist. */
    src = case_source_open("fixtures/cases/no-such-file.xml", &errs);
    CHECK(src == NULL && errs.len == 1, "missing file: NULL with one diag");
    if (errs.len == 1)
        CHECK_STR(errs.items[0].file, "fixtures/cases/no-such-file.xml");
    diag_list_clear(&errs);
}

int main(void)
{
    test_case_id();
    test_postcode();
    test_utf8();
    test_text();
    in_child("text_plain and text_markdown of blank input", empty_texts, NULL);
    council_set *councils = councils_open("templates/councils");
    test_load_full(councils);
    test_load_small(councils);
    test_load_rejects(councils);
    test_sources(councils);
    councils_close(councils);
    return check_done("test_case_load");
}
