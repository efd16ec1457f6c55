/* mustache.c: the template set. A template is its root unit plus a cache of every partial it
 * has asked for by name (found or not), so each file is read and compiled once however many
 * letters are rendered. Compiling and rendering themselves live in mustache_compile.c and
 * mustache_render.c. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "template/mustache_internal.h"

mu_partial *mu_partial_get(mu_template *t, const char *name, size_t len, diag_list *errs)
{
    for (size_t i = 0; i < t->npartials; i++) {
        mu_partial *p = t->partials[i];
        if (strlen(p->name) == len && memcmp(p->name, name, len) == 0)
            return p;
    }
    t->partials = xgrow(t->partials, &t->cap, t->npartials + 1, sizeof *t->partials);
    mu_partial *p = xcalloc(1, sizeof *p);
    p->name = xmemdupz(name, len);
    p->state = PARTIAL_MISSING;
    t->partials[t->npartials++] = p;
    /* a name with a NUL in it (from data) can never be a file */
    if (!t->opt.load_partial || memchr(name, '\0', len))
        return p;
    char *path = NULL;
    char *src = t->opt.load_partial(t->opt.loader_ud, p->name, &path);
    if (!src) {
        free(path);
        return p;
    }
    if (!path)
        path = xmemdupz(p->name, len);
    p->state = PARTIAL_LOADING;  /* a partial that includes itself finds this entry */
    p->unit = mu_unit_compile(t, path, src, strlen(src), errs);
    p->state = p->unit ? PARTIAL_OK : PARTIAL_BROKEN;
    return p;
}

mu_template *mu_compile(const char *path, const char *src, size_t len, const mu_options *opt,
                        diag_list *errs)
{
    diag_list local = {0};
    if (!errs)
        errs = &local;
    mu_template *t = xcalloc(1, sizeof *t);
    pthread_mutex_init(&t->lock, NULL);
    if (opt)
        t->opt = *opt;
    if (t->opt.max_partial_depth <= 0)
        t->opt.max_partial_depth = 64;
    if (t->opt.max_output == 0)
        t->opt.max_output = 16u << 20;
    if (t->opt.max_steps == 0)
        t->opt.max_steps = 1000000;
    size_t before = errs->len;
    t->root = mu_unit_compile(t, xstrdup(path ? path : "<template>"),
                              xmemdupz(src ? src : "", src ? len : 0), src ? len : 0, errs);
    bool ok = t->root && errs->len == before;
    diag_list_clear(&local);
    if (!ok) {
        mu_template_free(t);
        return NULL;
    }
    return t;
}

void mu_template_free(mu_template *t)
{
    if (!t)
        return;
    mu_unit_free(t->root);
    for (size_t i = 0; i < t->npartials; i++) {
        mu_unit_free(t->partials[i]->unit);
        free(t->partials[i]->name);
        free(t->partials[i]);
    }
    free(t->partials);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static int tag_kind(int op)
{
    switch (op) {
    case OP_VAR: return MU_TAG_VARIABLE;
    case OP_RAW: return MU_TAG_RAW;
    case OP_SECTION: return MU_TAG_SECTION;
    case OP_INVERTED: return MU_TAG_INVERTED;
    case OP_PARTIAL: return MU_TAG_PARTIAL;
    case OP_BLOCK: return MU_TAG_BLOCK;
    default: return MU_TAG_PARENT;
    }
}

static const char *tag_name(strbuf *sb, const mu_instr *in)
{
    sb_reset(sb);
    if (in->flags & IF_DYNAMIC)
        sb_putc(sb, '*');
    sb_append(sb, in->str, in->len);
    return sb_str(sb);
}

static void visit_unit(const mu_unit *u, mu_visit_fn fn, void *ud)
{
    size_t *open = xreallocarray(NULL, u->n + 1, sizeof *open);
    size_t depth = 0;
    strbuf name = {0};
    for (size_t i = 0; i <= u->n; i++) {
        while (depth && u->ins[open[depth - 1]].end == i) {
            const mu_instr *c = &u->ins[open[--depth]];
            fn(ud, u->path, c->end_line, c->end_col, tag_name(&name, c), MU_TAG_END);
        }
        if (i == u->n)
            break;
        const mu_instr *in = &u->ins[i];
        if (in->op == OP_TEXT)
            continue;
        fn(ud, u->path, in->line, in->col, tag_name(&name, in), tag_kind(in->op));
        if (in->op == OP_SECTION || in->op == OP_INVERTED || in->op == OP_BLOCK || in->op == OP_PARENT) {
            if (in->end == i + 1)
                fn(ud, u->path, in->end_line, in->end_col, tag_name(&name, in), MU_TAG_END);
            else
                open[depth++] = i;
        }
    }
    sb_free(&name);
    free(open);
}

void mu_visit(mu_template *t, mu_visit_fn fn, void *ud)
{
    if (!t)
        return;
    visit_unit(t->root, fn, ud);
    for (size_t i = 0; i < t->npartials; i++)
        if (t->partials[i]->state == PARTIAL_OK)
            visit_unit(t->partials[i]->unit, fn, ud);
}
