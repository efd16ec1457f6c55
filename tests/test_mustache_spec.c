/* test_mustache_spec.c: the official Mustache spec, run as data. Reads every module's JSON
 * from tests/spec/ (vendored with its LICENSE and VERSION; $MUSTACHE_SPEC_DIR runs another copy),
 * renders every case in the spec's lenient mode with HTML escaping, and prints one line per
 * module. A module that is missing, unreadable or holds no test case is a failure: this test must
 * not pass by running nothing. ~lambdas is skipped: lambdas are code in the data, and pbdocs'
 * data is XML. Run from the project root. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "template/escape.h"
#include "template/mustache.h"

static const char *const modules[] = {
    "comments", "delimiters", "interpolation", "inverted", "partials", "sections",
    "~inheritance", "~dynamic-names",
};

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf sb = {0};
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&sb, buf, n);
    fclose(f);
    return sb_take(&sb);
}

/* JSON numbers as the spec prints them: 85 -> "85", 1.21 -> "1.21". */
static void format_number(double d, char *buf, size_t size)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

static mu_value *from_json(const cJSON *j)
{
    if (cJSON_IsObject(j)) {
        mu_value *m = mu_map();
        for (const cJSON *c = j->child; c; c = c->next)
            mu_map_set(m, c->string, from_json(c));
        return m;
    }
    if (cJSON_IsArray(j)) {
        mu_value *l = mu_list();
        for (const cJSON *c = j->child; c; c = c->next)
            mu_list_push(l, from_json(c));
        return l;
    }
    if (cJSON_IsString(j))
        return mu_string(j->valuestring);
    if (cJSON_IsNumber(j)) {
        char buf[64];
        format_number(j->valuedouble, buf, sizeof buf);
        return mu_string(buf);
    }
    if (cJSON_IsBool(j))
        return mu_bool(cJSON_IsTrue(j));
    return mu_null();
}

/* Partials come from the test case's "partials" object. */
static char *load_partial(void *ud, const char *name, char **path_out)
{
    const cJSON *partials = ud;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(partials, name);
    if (!cJSON_IsString(p))
        return NULL;
    size_t n = strlen(name);
    *path_out = malloc(n + 10);
    if (*path_out)
        snprintf(*path_out, n + 10, "%s.mustache", name);
    return strdup(p->valuestring);
}

static void show(const char *label, const char *s)
{
    printf("      %s: \"", label);
    for (; s && *s; s++) {
        if (*s == '\n')
            printf("\\n");
        else if (*s == '\r')
            printf("\\r");
        else if (*s == '\t')
            printf("\\t");
        else
            putchar(*s);
    }
    printf("\"\n");
}

static int run_case(const char *module, const cJSON *tc)
{
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(tc, "name"));
    const char *tpl = cJSON_GetStringValue(cJSON_GetObjectItem(tc, "template"));
    const char *expected = cJSON_GetStringValue(cJSON_GetObjectItem(tc, "expected"));
    const cJSON *partials = cJSON_GetObjectItem(tc, "partials");
    mu_value *data = from_json(cJSON_GetObjectItem(tc, "data"));
    mu_options opt = {.load_partial = load_partial, .loader_ud = (void *)partials};
    diag_list errs = {0};
    strbuf out = {0};
    mu_template *t = mu_compile("spec", tpl, strlen(tpl), &opt, &errs);
    int rc = t ? mu_render(t, data, mu_escape_html, &out, &errs) : -1;
    /* rendering twice must give the same text (nothing cached wrongly) */
    strbuf again = {0};
    if (t && rc == 0)
        mu_render(t, data, mu_escape_html, &again, &errs);
    int ok = rc == 0 && strcmp(sb_str(&out), expected) == 0 && strcmp(sb_str(&again), expected) == 0;
    if (!ok) {
        printf("  %s / %s: FAIL\n", module, name);
        show("template", tpl);
        show("expected", expected);
        show("got     ", sb_str(&out));
        diag_print_all(&errs, stdout);
    }
    CHECK(ok, "%s / %s", module, name);
    mu_template_free(t);
    mu_free(data);
    sb_free(&out);
    sb_free(&again);
    diag_list_clear(&errs);
    return ok;
}

int main(void)
{
    const char *dir = getenv("MUSTACHE_SPEC_DIR");
    if (!dir)
        dir = "tests/spec";
    for (size_t m = 0; m < sizeof modules / sizeof modules[0]; m++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.json", dir, modules[m]);
        char *text = read_file(path);
        CHECK(text != NULL, "cannot read %s: the spec files belong in tests/spec/", path);
        if (!text)
            continue;
        cJSON *doc = cJSON_Parse(text);
        free(text);
        CHECK(doc != NULL, "cannot parse %s", path);
        int passed = 0, failed = 0;
        const cJSON *tests = cJSON_GetObjectItem(doc, "tests");
        for (const cJSON *tc = tests ? tests->child : NULL; tc; tc = tc->next) {
            if (run_case(modules[m], tc))
                passed++;
            else
                failed++;
        }
        CHECK(passed + failed > 0, "%s holds no test case", path);
        printf("%s: %d passed, %d failed\n", modules[m], passed, failed);
        cJSON_Delete(doc);
    }
    printf("~lambdas: skipped (lambdas are code in the data; pbdocs' data is XML)\n");
    return check_done("test_mustache_spec");
}
