/* test_kinds.c: the table of document kinds is complete. Every kind has a name that parses back
 * to it, its issue date where the case says it, and a document row (docs/kinds.c) with a title,
 * a template that exists, a context builder and a running header; a row left out is all zeros
 * and fails here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case/load.h"
#include "check.h"
#include "core/files.h"
#include "docs/kinds.h"

static void check_names(void)
{
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        const char *name = doc_kind_name((doc_kind)k);
        CHECK(name && name[0], "kind %d has a name", k);
        if (!name)
            continue;
        CHECK(doc_kind_parse(name) == k, "%s parses back to kind %d", name, k);
        for (int j = 0; j < k; j++)
            CHECK(doc_kind_name((doc_kind)j) == NULL || strcmp(doc_kind_name((doc_kind)j), name) != 0,
                  "kinds %d and %d have different names", j, k);
    }
    CHECK(doc_kind_parse("letter") == -1, "an unknown name is -1");
    CHECK(doc_kind_parse("") == -1, "the empty name is -1");
    char words[128];
    CHECK_STR(doc_kind_words(words, sizeof words), "refusal, reduction, repayment, section-j or stop");
}

static void check_documents(void)
{
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        const doc_kind_info *d = &doc_kinds[k];
        const char *name = doc_kind_name((doc_kind)k);
        name = name ? name : "?";
        CHECK(d->title && d->title[0], "%s has a title", name);
        CHECK(d->fields_heading && d->fields_heading[0], "%s has a heading for the field list", name);
        CHECK(d->build != NULL, "%s has a context builder", name);
        CHECK(d->running_header != NULL, "%s has a running header", name);
        CHECK(!d->letter || (d->print_label && d->print_label[0]),
              "%s, a letter, has a label for the print stream's cover", name);
        CHECK(d->template_file && d->template_file[0], "%s has a template", name);
        if (!d->template_file)
            continue;
        /* lint and preview tell a template's kind by the start of its file name */
        CHECK(strncmp(d->template_file, name, strlen(name)) == 0 &&
                  strcmp(d->template_file + strlen(name), ".mustache.md") == 0,
              "%s's template is named after it: %s", name, d->template_file);
        char path[512];
        struct stat st;
        snprintf(path, sizeof path, "templates/%s", d->template_file);
        CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode), "%s exists", path);
    }
}

/* Each kind's issue date is read from its own element: give each a different date. */
static void check_issued(const char *fixture, council_set *councils)
{
    size_t len;
    char *xml = read_text_file(fixture, 1 << 20, &len);
    CHECK(xml != NULL, "%s reads", fixture);
    if (!xml)
        return;
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        char open[64];
        snprintf(open, sizeof open, "<%s issued=\"", doc_kind_name((doc_kind)k));
        char *at = strstr(xml, open);
        CHECK(at != NULL, "%s has a <%s> with an issued date", fixture, doc_kind_name((doc_kind)k));
        if (at)
            memcpy(at + strlen(open), (char[]){'2', '0', '2', '7', '-', '0', '1', '-', '1',
                                               (char)('0' + k)}, 10);
    }
    diag_list errs = {0};
    pb_case *c = case_load_memory(xml, len, fixture, 0, councils, &errs);
    CHECK(c != NULL, "%s loads with the dates changed (%zu problems)", fixture, errs.len);
    const council *co = c ? council_get(councils, c->council, &errs) : NULL;
    for (int k = 0; c && k < DOC_KIND_COUNT; k++) {
        pb_date d = doc_kind_issued(c, (doc_kind)k);
        CHECK(c->has[k] && d.y == 2027 && d.m == 1 && d.d == 10 + k,
              "%s is issued on 2027-01-%d: %d-%d-%d", doc_kind_name((doc_kind)k), 10 + k, d.y, d.m, d.d);
        char running[512] = "";
        if (co)
            doc_kinds[k].running_header(running, sizeof running, c, co);
        CHECK(strstr(running, c->child.family_name) != NULL, "%s's running header names the child: %s",
              doc_kind_name((doc_kind)k), running);
    }
    if (c)
        case_free(c);
    diag_list_clear(&errs);
    free(xml);
}

int main(void)
{
    check_names();
    check_documents();
    council_set *councils = councils_open("templates/councils");
    check_issued("fixtures/cases/bnes-all.xml", councils);
    councils_close(councils);
    return check_done("test_kinds");
}
