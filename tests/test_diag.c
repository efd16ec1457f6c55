/* test_diag.c: a problem's class and the one mapping from classes to exit statuses
 * (src/core/diag.h). The commands' own statuses are checked end to end by test_exit_status.sh. */
#include <stdlib.h>

#include "check.h"
#include "core/diag.h"

static unsigned bits(int data, int tmpl, int env)
{
    return (data ? 1u << DIAG_DATA : 0) | (tmpl ? 1u << DIAG_TEMPLATE : 0) |
           (env ? 1u << DIAG_ENV : 0);
}

int main(void)
{
    /* diag_add is case data; diag_add_class keeps the class given; both format alike. */
    diag_list l = {0};
    diag_add(&l, "c.xml", 3, 0, "ID-1", "child/name", "is empty");
    diag_add_class(&l, DIAG_TEMPLATE, "t.mustache.md", 2, 5, NULL, NULL, "unclosed section '%s'",
                   "x");
    diag_add_class(&l, DIAG_ENV, "out", 0, 0, NULL, NULL, "cannot write: %s", "No space left");
    CHECK(l.len == 3, "three problems, got %zu", l.len);
    CHECK(l.items[0].cls == DIAG_DATA, "diag_add is DIAG_DATA");
    CHECK(l.items[1].cls == DIAG_TEMPLATE, "diag_add_class keeps DIAG_TEMPLATE");
    CHECK(l.items[2].cls == DIAG_ENV, "diag_add_class keeps DIAG_ENV");
    char buf[256];
    diag_format(&l.items[1], buf, sizeof buf);
    CHECK_STR(buf, "t.mustache.md:2:5: unclosed section 'x'");
    CHECK(diag_classes(&l) == bits(1, 1, 1), "every class present");

    /* Raising: only from the index given, and never lowering. */
    diag_list r = {0};
    diag_add_class(&r, DIAG_ENV, "p.xml", 0, 0, NULL, NULL, "cannot read: gone");
    diag_add(&r, "p.xml", 4, 0, NULL, "@id", "is wrong");
    diag_add(&r, "p.xml", 5, 0, NULL, "logo", "is wrong");
    diag_raise_class(&r, 1, DIAG_TEMPLATE);
    CHECK(r.items[0].cls == DIAG_ENV, "before `from`, or higher: kept");
    CHECK(r.items[1].cls == DIAG_TEMPLATE && r.items[2].cls == DIAG_TEMPLATE, "raised");
    diag_raise_class(&r, 0, DIAG_DATA);
    CHECK(r.items[0].cls == DIAG_ENV && r.items[1].cls == DIAG_TEMPLATE, "never lowered");

    /* The mapping: render, batch and validate (findings: case data). */
    diag_list none = {0};
    CHECK(exit_status(&none) == EXIT_OK, "no problem: 0");
    CHECK(diag_classes(&none) == 0, "no problem: no class");
    CHECK(exit_status_for(bits(1, 0, 0), DIAG_DATA) == 1, "data only: 1");
    CHECK(exit_status_for(bits(0, 1, 0), DIAG_DATA) == 2, "a template: 2");
    CHECK(exit_status_for(bits(1, 1, 0), DIAG_DATA) == 2, "data and a template: 2");
    CHECK(exit_status_for(bits(0, 0, 1), DIAG_DATA) == 2, "environment: 2");
    CHECK(exit_status(&l) == 2, "the list above: 2");
    /* lint and preview (findings: templates). */
    CHECK(exit_status_for(0, DIAG_TEMPLATE) == 0, "lint, none: 0");
    CHECK(exit_status_for(bits(0, 1, 0), DIAG_TEMPLATE) == 1, "lint, a template: 1");
    CHECK(exit_status_for(bits(1, 1, 0), DIAG_TEMPLATE) == 1, "preview, data and a template: 1");
    CHECK(exit_status_for(bits(0, 1, 1), DIAG_TEMPLATE) == 2, "lint, environment: 2");

    /* Moving problems keeps their class. */
    diag_list dst = {0};
    diag_list_take(&dst, &r);
    CHECK(dst.len == 3 && dst.items[0].cls == DIAG_ENV && dst.items[2].cls == DIAG_TEMPLATE,
          "diag_list_take keeps classes");
    diag_list_clear(&dst);
    diag_list_clear(&l);
    return check_done("test_diag");
}
