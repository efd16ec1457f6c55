/* test_fields.c: the field catalogue and the contexts the renderer builds agree, both ways.
 * Every fixture case is loaded and, for each document it asks for, its context is walked: each
 * name found must be in the catalogue for that kind with the right type, and each catalogue name
 * of a kind must be found in some context of that kind. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/load.h"
#include "check.h"
#include "docs/context.h"
#include "docs/fields.h"

static bool seen[512][DOC_KIND_COUNT];

static int type_matches(const mu_value *v, field_type t)
{
    switch (t) {
    case FIELD_TEXT: return v->kind == MU_STRING && !v->markdown;
    case FIELD_OPTIONAL: return (v->kind == MU_STRING && !v->markdown) || (v->kind == MU_BOOL && !v->u.boolean);
    case FIELD_MARKDOWN: return (v->kind == MU_STRING && v->markdown) || (v->kind == MU_BOOL && !v->u.boolean);
    case FIELD_FLAG: return v->kind == MU_BOOL;
    case FIELD_LIST: return v->kind == MU_LIST;
    case FIELD_TEXT_LIST: case FIELD_MARKDOWN_LIST: return v->kind == MU_LIST;
    case FIELD_MAP: return v->kind == MU_MAP;
    }
    return 0;
}

static void walk(const mu_value *v, const char *path, doc_kind kind, const char *where)
{
    if (path[0]) {
        const field_info *f = field_lookup(path, kind);
        CHECK(f != NULL, "%s: %s context has '%s', which the catalogue lacks", where,
              doc_kind_name(kind), path);
        if (!f)
            return;
        seen[f - field_catalogue][kind] = true;
        CHECK(type_matches(v, f->type), "%s: '%s' is not of catalogue type %s", where, path,
              field_type_name(f->type));
        if (v->kind == MU_LIST && f->type == FIELD_LIST) {
            char sub[256];
            snprintf(sub, sizeof sub, "%s[]", path);
            for (size_t i = 0; i < v->u.list.len; i++) {
                const mu_value *item = v->u.list.items[i];
                for (size_t k = 0; item->kind == MU_MAP && k < item->u.map.len; k++) {
                    char child[320];
                    snprintf(child, sizeof child, "%s.%s", sub, item->u.map.keys[k]);
                    walk(item->u.map.vals[k], child, kind, where);
                }
            }
            return;
        }
        if (v->kind == MU_LIST) {
            for (size_t i = 0; i < v->u.list.len; i++)
                CHECK(v->u.list.items[i]->kind == MU_STRING &&
                          v->u.list.items[i]->markdown == (f->type == FIELD_MARKDOWN_LIST),
                      "%s: '%s' holds something other than %s", where, path, field_type_name(f->type));
            return;
        }
    }
    if (v->kind != MU_MAP)
        return;
    for (size_t k = 0; k < v->u.map.len; k++) {
        char child[320];
        snprintf(child, sizeof child, "%s%s%s", path, path[0] ? "." : "", v->u.map.keys[k]);
        walk(v->u.map.vals[k], child, kind, where);
    }
}

int main(void)
{
    CHECK(field_catalogue_len < 512, "catalogue fits the test's table");
    council_set *councils = councils_open("templates/councils");
    diag_list errs = {0};
    calendar *cal = calendar_load("templates/calendar/england-and-wales.txt", &errs);
    CHECK(cal != NULL, "calendar loads");
    glob_t g;
    CHECK(glob("fixtures/cases/*.xml", 0, NULL, &g) == 0, "fixtures found");
    bool kind_tested[DOC_KIND_COUNT] = {false};
    for (size_t i = 0; i < g.gl_pathc; i++) {
        case_source *src = case_source_open(g.gl_pathv[i], &errs);
        pb_case *c = NULL;
        CHECK(src && case_source_next(src, councils, &c, &errs) == 1 && c, "%s loads", g.gl_pathv[i]);
        case_source_close(src);
        if (!c)
            continue;
        const council *co = council_get(councils, c->council, &errs);
        CHECK(co != NULL, "%s: council %s loads", g.gl_pathv[i], c->council);
        doc_input in = {.c = c, .council = co, .cal = cal};
        for (int k = 0; co && k < DOC_KIND_COUNT; k++) {
            if (!c->has[k])
                continue;
            mu_value *ctx = doc_context((doc_kind)k, &in, &errs);
            CHECK(ctx != NULL, "%s: %s context builds", g.gl_pathv[i], doc_kind_name((doc_kind)k));
            if (ctx)
                walk(ctx, "", (doc_kind)k, g.gl_pathv[i]);
            kind_tested[k] = true;
            mu_free(ctx);
        }
        case_free(c);
    }
    globfree(&g);
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        CHECK(kind_tested[k], "a fixture asks for a %s document", doc_kind_name((doc_kind)k));
        for (size_t f = 0; kind_tested[k] && f < field_catalogue_len; f++)
            if (field_catalogue[f].kinds & (1u << k))
                CHECK(seen[f][k], "catalogue name '%s' never appears in a %s context",
                      field_catalogue[f].name, doc_kind_name((doc_kind)k));
    }
    diag_print_all(&errs, stdout);
    diag_list_clear(&errs);
    calendar_free(cal);
    councils_close(councils);
    return check_done("test_fields");
}
