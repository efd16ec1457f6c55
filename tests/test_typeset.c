/* test_typeset: Markdown to finished PDF, checked from the outside with the tools a reader
 * would use: pdftotext (the text, its order, every character, no warnings), qpdf --check
 * (valid), pdffonts (every font embedded and subset), pdfinfo (pages and document info);
 * byte-identical renders, in one process and across processes; and, read back from the PDF
 * itself, each embedded font program and /Widths array. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "typeset/typeset.h"

static pb_fonts *fonts;
static char tmp[256];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&sb, buf, n);
    fclose(f);
    if (len)
        *len = sb.len;
    return sb_take(&sb);
}

static char *fixture(const char *name)
{
    char rel[256], path[4096];
    snprintf(rel, sizeof rel, "fixtures/markdown/%s", name);
    return slurp(pb_path(path, sizeof path, rel), NULL);
}

static bool write_file(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(bytes, 1, len, f) == len;
    if (f)
        fclose(f);
    return ok;
}

/* Runs a shell command with stdout and stderr to files under tmp; returns its exit status. */
static int run(const char *cmd, char **out, char **err)
{
    char o[512], e[512], full[4096];
    snprintf(o, sizeof o, "%s/out.txt", tmp);
    snprintf(e, sizeof e, "%s/err.txt", tmp);
    snprintf(full, sizeof full, "%s >%s 2>%s", cmd, o, e);
    int rc = system(full);
    if (out)
        *out = slurp(o, NULL);
    if (err)
        *err = slurp(e, NULL);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static pb_doc_setup letter_setup(void)
{
    return (pb_doc_setup){
        .letter = true, .window = PB_WINDOW_DEFAULT,
        .title = "Notice of a change to your personal budget",
        .author = "Example Borough Council", .subject = "Reduction notice EHCP-0142 & <test>",
        .issued = {2026, 11, 23},
        .running_header = "Example Borough Council · EHCP-0142 · Zoë Łukasiewicz-O’Brien",
        .case_id = "BNES-2026-0142",
    };
}

static bool render(const char *md, const pb_doc_setup *s, const char *name, pb_pdf *pdf)
{
    diag_list errs = {0};
    int rc = typeset_pdf(md, strlen(md), s, fonts, pdf, &errs);
    if (rc != 0)
        diag_print_all(&errs, stdout);
    diag_list_clear(&errs);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    return rc == 0 && write_file(path, pdf->bytes, pdf->len);
}

/* The value of "Key:   value" in pdfinfo's output (a static copy; "" when missing). */
static const char *info_value(const char *info, const char *key)
{
    static char value[256];
    value[0] = '\0';
    char k[64];
    snprintf(k, sizeof k, "\n%s:", key);
    const char *at = info ? strstr(info, k) : NULL;
    if (!at && info && strncmp(info, k + 1, strlen(k + 1)) == 0)
        at = info - 1;
    if (!at)
        return value;
    at += strlen(k);
    while (*at == ' ')
        at++;
    size_t n = strcspn(at, "\n");
    if (n >= sizeof value)
        n = sizeof value - 1;
    memcpy(value, at, n);
    value[n] = '\0';
    return value;
}

/* The tools' verdicts on tmp/name: valid, fonts embedded and subset, text clean. Returns the
 * text pdftotext -layout extracts (malloc'd). */
static char *check_pdf(const char *name, int pages)
{
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s/%s'", tmp, name);
    CHECK(run(cmd, &out, &err) == 0, "%s: qpdf --check: %s", name, out ? out : "");
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "pdffonts '%s/%s'", tmp, name);
    run(cmd, &out, &err);
    int fonts_seen = 0, bad = 0;
    for (char *line = out ? strtok(out, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
            continue;
        fonts_seen++;
        /* columns: name type encoding emb sub uni object ID */
        if (!strstr(line, "TrueType") || !strstr(line, " yes yes ") || !strchr(line, '+'))
            bad++;
    }
    CHECK(fonts_seen > 0 && bad == 0, "%s: %d fonts, %d not embedded as subsets", name, fonts_seen, bad);
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s/%s'", tmp, name);
    run(cmd, &out, &err);
    CHECK(atoi(info_value(out, "Pages")) == pages, "%s: %d pages: %s", name, pages, out ? out : "");
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s/%s' -", tmp, name);
    run(cmd, &out, &err);
    CHECK(err && err[0] == '\0', "%s: pdftotext says nothing on stderr: %s", name, err ? err : "(none)");
    free(err);
    return out;
}

/* Each needle in text, in this order. */
static void check_order(const char *text, const char *name, const char *const *needles, size_t n)
{
    const char *at = text ? text : "";
    for (size_t i = 0; i < n; i++) {
        const char *hit = strstr(at, needles[i]);
        CHECK(hit != NULL, "%s: [%s] found after the one before", name, needles[i]);
        if (hit)
            at = hit + strlen(needles[i]);
    }
}

static void test_letter(void)
{
    char *md = fixture("letter.md");
    CHECK(md != NULL, "letter.md");
    if (!md)
        return;
    pb_doc_setup s = letter_setup();
    pb_pdf a = {0}, b = {0};
    CHECK(render(md, &s, "letter.pdf", &a), "letter renders");
    CHECK(a.pages == 3, "three pages: %d", a.pages);
    char *text = check_pdf("letter.pdf", 3);
    static const char *const order[] = {
        "Example Borough Council", "Mrs Anna Łukasiewicz", "Email: send@example.gov.uk", "Tŷ Gwyn",
        "14 Heol-y-Ŵyn", "23 November 2026", "Our reference: EHCP-0142",
        "Your contact: Jo Example", "Notice of a change to your personal budget",
        "Zoë Łukasiewicz-O’Brien", "Dear Mrs Łukasiewicz,", "very important", "What is changing",
        "Support", "£2,400.00", "Total of the changes", "£3,050.50", "a year — the new",
        "EHC plan – in our view", "Cost of the support over the plan", "Year", "£800.00",
        "Page 1 of 3", "Example Borough Council · EHCP-0142 · Zoë Łukasiewicz-O’Brien", "Year",
        "£616.83", "Why we are making this change", "• the therapist’s report", "– a weekly check-in",
        "• the “direct payment” account held £812.50", "1. We send this notice.",
        "1. in writing, or", "3. The change takes effect.", "What you can do next.",
        "the SEND Local Offer", "(https://www.example.gov.uk/send/local-offer)",
        "https://www.gov.uk/children-with-", "young-people.pdf", "Page 2 of 3",
        "Raw HTML such as <b>this</b> and <span class=\"x\">that</span> prints as it is written.",
        "<table><tr><td>A raw HTML block prints literally too.</td></tr></table>",
        "Characters: £ € é è ê ë ç ñ ü ß Ł ł Ą ą Ś ś Ż ż ř č ő Ŵ ŵ Ŷ ŷ ẁ ỳ Ș ș ğ ı İ ‘single’ “double”",
        "– en — em … •", "Some inline code and a hard", "line break.", "Who can help",
        "This letter in another format", "Yours sincerely,", "Jo Example", "Page 3 of 3",
    };
    check_order(text, "letter.pdf", order, sizeof order / sizeof order[0]);
    free(text);

    /* document info: title, author, subject (any characters), creation date = issue date */
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "pdfinfo '%s/letter.pdf'", tmp);
    run(cmd, &out, NULL);
    CHECK_STR(info_value(out, "Title"), "Notice of a change to your personal budget");
    CHECK_STR(info_value(out, "Author"), "Example Borough Council");
    CHECK_STR(info_value(out, "Subject"), "Reduction notice EHCP-0142 & <test>");
    CHECK_STR(info_value(out, "CreationDate"), "Mon Nov 23 00:00:00 2026 UTC");
    CHECK(out && !strstr(out, "ModDate"), "no modification date");
    free(out);

    /* deterministic: the same bytes again, and from another process */
    CHECK(render(md, &s, "letter2.pdf", &b), "second render");
    CHECK(a.len == b.len && memcmp(a.bytes, b.bytes, a.len) == 0, "byte-identical renders");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        pb_pdf c = {0};
        _exit(render(md, &s, "letter3.pdf", &c) ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    size_t len3 = 0;
    char path[512];
    snprintf(path, sizeof path, "%s/letter3.pdf", tmp);
    char *c = slurp(path, &len3);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 && c && len3 == a.len &&
              memcmp(c, a.bytes, a.len) == 0,
          "byte-identical across processes");
    free(c);
    CHECK(memmem(a.bytes, a.len, "/ID", 3) == NULL, "no random /ID");
    pb_pdf_free(&a);
    pb_pdf_free(&b);

    /* large print reflows everything at 16 pt: more pages, same text */
    s.large_print = true;
    CHECK(render(md, &s, "letter-large.pdf", &a), "large print renders");
    CHECK(a.pages > 3, "large print takes more pages: %d", a.pages);
    text = check_pdf("letter-large.pdf", a.pages);
    static const char *const large[] = {"Mrs Anna Łukasiewicz", "Notice of a change", "Yours sincerely,"};
    check_order(text, "letter-large.pdf", large, 3);
    char last[64];
    snprintf(last, sizeof last, "Page %d of %d", a.pages, a.pages);
    CHECK(text && strstr(text, last), "large print: %s", last);
    free(text);
    pb_pdf_free(&a);
    free(md);
}

static void test_one_page(void)
{
    char *md = fixture("one-page.md");
    CHECK(md != NULL, "one-page.md");
    if (!md)
        return;
    pb_doc_setup s = letter_setup();
    pb_pdf a = {0};
    CHECK(render(md, &s, "one-page.pdf", &a), "one page renders");
    CHECK(a.pages == 1, "one page: %d", a.pages);
    /* about 12 KB of it fonts: all of ASCII in the regular face, shared by every letter; the
     * tags (structure tree, XMP metadata, marked content) about 1.5 KB */
    CHECK(a.len <= 18 * 1024, "a one-page letter is at most 18 KB: %zu bytes", a.len);
    char *text = check_pdf("one-page.pdf", 1);
    static const char *const order[] = {"Mrs Anna Łukasiewicz", "14 Heol-y-Ŵyn", "not to agree",
                                        "Yours sincerely,", "Page 1 of 1"};
    check_order(text, "one-page.pdf", order, 5);
    CHECK(text && !strstr(text, "EHCP-0142 ·"), "no running header on page 1");
    free(text);
    pb_pdf_free(&a);

    /* Section J: not a letter, no window; with a logo */
    s.letter = false;
    char path[4096];
    s.logo_png = pb_path(path, sizeof path, "fixtures/markdown/logo.png");
    CHECK(render("# Section J: personal budget\n\nThe summary.\n\n| Item | Amount |\n|---|--:|\n"
                 "| Therapy | £2,400.00 |\n",
                 &s, "section-j.pdf", &a),
          "section J renders");
    text = check_pdf("section-j.pdf", 1);
    static const char *const j[] = {"Section J: personal budget", "The summary.", "Therapy", "£2,400.00"};
    check_order(text, "section-j.pdf", j, 4);
    free(text);
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "pdfimages -list '%s/section-j.pdf'", tmp);
    run(cmd, &out, NULL);
    CHECK(out && strstr(out, "image     240    80  rgb     3   8"), "the logo is embedded: %s", out ? out : "");
    free(out);
    pb_pdf_free(&a);
    free(md);
}

/* Every character fonts_can_show() accepts prints, in every face, and comes back out of
 * pdftotext as itself. */
static void test_every_character(void)
{
    strbuf md = {0}, want = {0};
    static const char *const wrap[4][2] = {{"", ""}, {"**", "**"}, {"*", "*"}, {"***", "***"}};
    for (int face = 0; face < 4; face++) {
        int in_line = 0;
        sb_puts(&md, wrap[face][0]);
        /* the emphasis must touch a character on both sides to count: no spaces there */
        for (uint32_t cp = 0x21; cp < CHARSET_LIMIT; cp++) {
            if (!charset_has_glyph(cp))
                continue;
            char u[5] = {0};
            if (cp < 0x80)
                u[0] = (char)cp;
            else if (cp < 0x800) {
                u[0] = (char)(0xC0 | (cp >> 6));
                u[1] = (char)(0x80 | (cp & 0x3F));
            } else {
                u[0] = (char)(0xE0 | (cp >> 12));
                u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F));
            }
            if (in_line)
                sb_puts(&md, in_line % 24 ? " " : "\\\n");  /* spaces, a hard break now and then */
            if (cp < 0x80 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", (int)cp))
                sb_putc(&md, '\\');  /* Markdown punctuation, escaped to print as itself */
            sb_puts(&md, u);
            if (face == 0)
                sb_puts(&want, u);
            in_line++;
        }
        sb_puts(&md, wrap[face][1]);
        sb_puts(&md, "\n\n");
    }
    pb_doc_setup s = letter_setup();
    s.letter = false;
    s.running_header = NULL;
    pb_pdf a = {0};
    CHECK(render(sb_str(&md), &s, "characters.pdf", &a), "every character renders");
    char *text = check_pdf("characters.pdf", a.pages);
    /* per face: the extracted characters, white space removed, equal the list */
    strbuf got = {0};
    for (const char *p = text ? text : ""; *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\f')
            sb_putc(&got, *p);
    char *g = (char *)sb_str(&got);
    for (char *pg; (pg = strstr(g, "Page")) && strstr(pg, "of");) {  /* footers out: "Page1of2" */
        char *end = strstr(pg, "of") + 2;
        while (*end >= '0' && *end <= '9')
            end++;
        memmove(pg, end, strlen(end) + 1);
    }
    int faces_ok = 0;
    for (const char *at = g; (at = strstr(at, sb_str(&want))) != NULL; at += want.len)
        faces_ok++;
    CHECK(faces_ok == 4, "all %zu bytes of characters extracted in 4 faces: %d", want.len, faces_ok);
    if (faces_ok != 4) {
        printf("  want: %s\n  got:  %.2000s\n", sb_str(&want), g);
    }
    free(text);
    sb_free(&got);
    pb_pdf_free(&a);
    sb_free(&md);
    sb_free(&want);
}

/* The number after key in the dictionary text at p (0 when missing). */
static long dict_number(const char *p, const char *end, const char *key)
{
    const char *k = memmem(p, (size_t)(end - p), key, strlen(key));
    return k ? strtol(k + strlen(key), NULL, 10) : 0;
}

/* Checks, in a PDF held in memory, the font dictionary whose /BaseFont is base and its
 * embedded program: the program inflates to /Length1 bytes, parses as TrueType and has a glyph
 * for every character of want. The basic font of a face (tag PBDOC?, WinAnsi) has the face's own
 * advance width for each of the 95 ASCII codes; the font of its other characters (PBDOX?) starts
 * at code 128 and has a width for every code. */
static void check_embedded(const pb_pdf *pdf, const char *base, pb_face face, const char *want)
{
    const char *b = (const char *)pdf->bytes, *end = b + pdf->len;
    char key[160];
    snprintf(key, sizeof key, "/Type /Font\n/BaseFont /%s\n", base);
    const char *font = memmem(b, pdf->len, key, strlen(key));
    CHECK(font != NULL, "%s: a font dictionary", base);
    if (!font)
        return;
    const char *widths = strstr(font, "/Widths [");
    long first = dict_number(font, end, "/FirstChar "), last = dict_number(font, end, "/LastChar ");
    int ok = 0;
    char *w = widths ? (char *)widths + 9 : NULL;
    for (long code = first; w && code <= last; code++) {
        long v = strtol(w, &w, 10);
        if (first != 32)
            ok += v > 0;
        else if (code < 0x7F)
            ok += v == font_advance(fonts, face, (uint32_t)code) && v > 0;
    }
    if (strncmp(base, "PBDOC", 5) == 0)
        CHECK(first == 32 && last >= 126 && ok == 95,
              "%s: /Widths of all 95 ASCII codes are the face's: %d", base, ok);
    else
        CHECK(first == 128 && last >= first && ok == last - first + 1,
              "%s: a width for each of codes %ld to %ld: %d", base, first, last, ok);

    /* the descriptor this font names, then its FontFile2 stream */
    long desc = dict_number(font, end, "/FontDescriptor ");
    snprintf(key, sizeof key, "\n%ld 0 obj\n", desc);
    const char *d = memmem(b, pdf->len, key, strlen(key));
    long file = d ? dict_number(d, end, "/FontFile2 ") : 0;
    snprintf(key, sizeof key, "\n%ld 0 obj\n", file);
    const char *f = file ? memmem(b, pdf->len, key, strlen(key)) : NULL;
    const char *data = f ? memmem(f, (size_t)(end - f), "stream\r\n", 8) : NULL;
    CHECK(data && d && strstr(d, "/Flags ") && memmem(f, (size_t)(data - f), "/Filter /FlateDecode", 20),
          "%s: a descriptor with a deflated FontFile2", base);
    if (!data)
        return;
    data += 8;
    long length1 = dict_number(f, data, "/Length1 ");
    const char *stop = memmem(data, (size_t)(end - data), "\nendstream", 10);
    uLongf n = (uLongf)length1 + 16;
    unsigned char *ttf = malloc(n);
    int zrc = ttf && stop ? uncompress(ttf, &n, (const Bytef *)data, (uLong)(stop - data)) : -1;
    CHECK(zrc == Z_OK && (long)n == length1 && length1 > 0, "%s: the program inflates to /Length1 = %ld bytes",
          base, length1);
    ttf_face parsed = {0};
    const char *perr = zrc == Z_OK ? ttf_parse(&parsed, ttf, n, CHARSET_LIMIT) : "not inflated";
    CHECK(perr == NULL, "%s: the program parses as TrueType: %s", base, perr ? perr : "");
    int missing = 0;
    for (const unsigned char *s = (const unsigned char *)want; !perr && *s;) {
        uint32_t cp = *s;
        int len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (len > 1)
            cp &= 0x3Fu >> (len - 1);
        for (int i = 1; i < len && s[i]; i++)
            cp = cp << 6 | (s[i] & 0x3Fu);
        s += len;
        if (cp != ' ' && (cp >= CHARSET_LIMIT || !parsed.gid_of[cp]))
            missing++;
    }
    CHECK(!perr && missing == 0, "%s: the program has a glyph for each of \"%s\": %d missing", base,
          want, missing);
    ttf_free(&parsed);
    free(ttf);
}

/* The font programs are kept between documents (fonts/font_program.h): what a document embeds must
 * not depend on what was rendered before it, and must hold every glyph it prints. */
static void test_embedded_fonts(void)
{
    char *md = fixture("one-page.md");
    CHECK(md != NULL, "one-page.md");
    if (!md)
        return;
    pb_doc_setup s = letter_setup();
    char dir[4096];
    diag_list errs = {0};
    pb_fonts *warm = fonts;  /* has rendered every test document above */
    fonts = fonts_open(pb_path(dir, sizeof dir, "build/fonts"), &errs);
    pb_pdf cold = {0}, again = {0}, other = {0};
    CHECK(fonts && render(md, &s, "fonts-cold.pdf", &cold), "renders with fonts just opened");
    if (fonts)
        fonts_close(fonts);
    fonts = warm;
    CHECK(render("# Ŵ ŷ ß\n\nQuixotic zebras jump; 0123456789 **Ærø** *Ħ*", &s, "fonts-other.pdf", &other),
          "another document between");
    CHECK(render(md, &s, "fonts-warm.pdf", &again), "renders again with the fonts kept");
    CHECK(cold.len && cold.len == again.len && memcmp(cold.bytes, again.bytes, cold.len) == 0,
          "the same bytes whatever was rendered before (%zu and %zu bytes)", cold.len, again.len);
    /* more glyph sets than the cache keeps: the oldest make room, the output stays the same */
    int distinct = 0;
    for (uint32_t cp = 0xC0; cp < 0x180 && distinct < 200; cp++) {
        if (!charset_has_glyph(cp))
            continue;
        char doc[64];
        snprintf(doc, sizeof doc, "Name %c%c and 42", (char)(0xC0 | cp >> 6), (char)(0x80 | (cp & 0x3F)));
        pb_pdf one = {0};
        diag_list e = {0};
        distinct += typeset_pdf(doc, strlen(doc), &s, fonts, &one, &e) == 0;
        diag_list_clear(&e);
        pb_pdf_free(&one);
    }
    pb_pdf evicted = {0};
    CHECK(distinct > 150 && render(md, &s, "fonts-evicted.pdf", &evicted) && evicted.len == cold.len &&
              memcmp(cold.bytes, evicted.bytes, cold.len) == 0,
          "the same bytes after %d more glyph sets", distinct);
    pb_pdf_free(&evicted);
    check_embedded(&again, "PBDOCA+LiberationSans", FACE_REGULAR, "Mrs Anna ukasiewicz 14 Heol-y-yn’");
    check_embedded(&again, "PBDOXA+LiberationSans", FACE_REGULAR, "ŁŴ");
    check_embedded(&other, "PBDOCA+LiberationSans", FACE_REGULAR, "Quixotic zebras jump; 0123456789");
    check_embedded(&other, "PBDOCB+LiberationSans-Bold,Bold", FACE_BOLD, "r");
    check_embedded(&other, "PBDOXB+LiberationSans-Bold,Bold", FACE_BOLD, "Ŵŷ ßÆø");
    check_embedded(&other, "PBDOXC+LiberationSans-Italic,Italic", FACE_ITALIC, "Ħ");
    pb_pdf_free(&cold);
    pb_pdf_free(&again);
    pb_pdf_free(&other);
    free(md);
}

static void test_refusals(void)
{
    pb_doc_setup s = letter_setup();
    pb_pdf a = {0};
    diag_list errs = {0};
    const char *bad = "Fine text, then \xE2\x86\x94.\n";
    int rc = typeset_pdf(bad, strlen(bad), &s, fonts, &a, &errs);
    CHECK(rc == -1 && a.bytes == NULL && a.len == 0, "no PDF for text the fonts cannot print");
    CHECK(errs.len == 1 && strstr(errs.items[0].message, "U+2194"), "names the character");
    diag_list_clear(&errs);
    const char *md = "<div class=\"pb-address\">\n\nOnly one line\n\n</div>\n";
    rc = typeset_pdf(md, strlen(md), &s, fonts, &a, &errs);
    CHECK(rc == -1 && a.bytes == NULL, "no PDF for an address that does not fit");
    diag_list_clear(&errs);
}

/* Thousands of documents per process: nothing may pile up per call. */
static void test_no_growth(void)
{
#if defined(__SANITIZE_ADDRESS__)
    /* ASan keeps freed memory in quarantine; LeakSanitizer checks leaks in that build */
    CHECK(1, "skipped under ASan");
#else
    char *md = fixture("one-page.md");
    pb_doc_setup s = letter_setup();
    long before = 0, after = 0, pages;
    for (int i = 0; i < 1200 && md; i++) {
        if (i == 200) {
            FILE *f = fopen("/proc/self/statm", "r");
            if (f && fscanf(f, "%ld %ld", &pages, &before) != 2)
                before = 0;
            if (f)
                fclose(f);
        }
        pb_pdf a = {0};
        diag_list errs = {0};
        typeset_pdf(md, strlen(md), &s, fonts, &a, &errs);
        pb_pdf_free(&a);
        diag_list_clear(&errs);
    }
    FILE *f = fopen("/proc/self/statm", "r");
    if (f && fscanf(f, "%ld %ld", &pages, &after) != 2)
        after = 0;
    if (f)
        fclose(f);
    long grew_kb = (after - before) * (sysconf(_SC_PAGESIZE) / 1024);
    CHECK(before > 0 && grew_kb < 512, "resident memory over 1000 documents grew %ld KB", grew_kb);
    free(md);
#endif
}

int main(void)
{
    char dir[4096];
    diag_list errs = {0};
    fonts = fonts_open(pb_path(dir, sizeof dir, "build/fonts"), &errs);
    CHECK(fonts != NULL, "fonts open");
    snprintf(tmp, sizeof tmp, "/tmp/pbdocs-typeset-XXXXXX");
    CHECK(mkdtemp(tmp) != NULL, "temporary folder");
    if (!fonts) {
        diag_print_all(&errs, stdout);
        return check_done("typeset");
    }
    test_letter();
    test_one_page();
    test_every_character();
    test_embedded_fonts();
    test_refusals();
    test_no_growth();
    fonts_close(fonts);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (getenv("PBDOCS_KEEP_PDF"))
        printf("PDFs kept in %s\n", tmp);
    else if (system(cmd) != 0)
        printf("could not remove %s\n", tmp);
    return check_done("typeset");
}
