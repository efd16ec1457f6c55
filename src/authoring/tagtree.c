/* tagtree.c: see tagtree.h. mu_visit reports tags in source order with an END for each
 * container; a stack of open nodes turns that into the tree. */
#include "authoring/tagtree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/files.h"
#include "core/xalloc.h"
#include "template/mustache.h"

typedef struct loader {
    partial_exists_fn exists;
    void *ud;
} loader;

/* Every partial that exists compiles as empty: its own file is read and reported on its own. */
static char *stub_partial(void *ud, const char *name, char **path_out)
{
    const loader *l = ud;
    *path_out = NULL;
    if (!l->exists || !l->exists(l->ud, name))
        return NULL;
    return xstrdup("");
}

typedef struct builder {
    const char *path;
    tag_node **open;   /* open containers; open[0] is the file's top */
    size_t depth, cap;
} builder;

static tag_node *add_kid(tag_node *parent)
{
    parent->kids = xgrow(parent->kids, &parent->cap, parent->nkids + 1, sizeof *parent->kids);
    tag_node *n = &parent->kids[parent->nkids++];
    memset(n, 0, sizeof *n);
    return n;
}

static void on_tag(void *ud, const char *file, int line, int col, const char *name, int kind)
{
    builder *b = ud;
    if (strcmp(file, b->path) != 0)  /* the empty stand-ins for partials have no tags anyway */
        return;
    if (kind == MU_TAG_END) {
        if (b->depth > 1) {
            tag_node *n = b->open[--b->depth];
            n->end_line = line;
            n->end_col = col;
        }
        return;
    }
    tag_node *n = add_kid(b->open[b->depth - 1]);
    n->kind = kind;
    n->name = xstrdup(name);
    n->line = line;
    n->col = col;
    if (kind == MU_TAG_SECTION || kind == MU_TAG_INVERTED || kind == MU_TAG_BLOCK ||
        kind == MU_TAG_PARENT) {
        b->open = xgrow(b->open, &b->cap, b->depth + 1, sizeof *b->open);
        b->open[b->depth++] = n;
    }
}

int tag_file_read(tag_file *tf, const char *path, partial_exists_fn exists, void *ud,
                  diag_list *errs)
{
    memset(tf, 0, sizeof *tf);
    tf->path = xstrdup(path);
    size_t len;
    char *src = read_text_file(path, MAX_TEMPLATE_BYTES, &len);
    if (!src) {
        diag_add_class(errs, DIAG_ENV, path, 0, 0, NULL, NULL,
                       "cannot read this template: %s", strerror(errno));
        return -1;
    }
    loader l = {exists, ud};
    mu_options opt = {.load_partial = stub_partial, .loader_ud = &l, .strict = true};
    mu_template *t = mu_compile(path, src, len, &opt, errs);
    if (!t) {
        /* Only strict-mode problems (an unknown partial, text in a parent outside its blocks)?
         * Then the tags are still worth checking: compile again leniently, quietly. */
        diag_list quiet = {0};
        opt.strict = false;
        t = mu_compile(path, src, len, &opt, &quiet);
        diag_list_clear(&quiet);
    }
    free(src);
    if (!t)
        return 0;
    builder b = {.path = path};
    b.open = xgrow(NULL, &b.cap, 1, sizeof *b.open);
    b.open[0] = &tf->top;
    b.depth = 1;
    mu_visit(t, on_tag, &b);
    free(b.open);
    mu_template_free(t);
    tf->compiled = true;
    return 0;
}

static void node_free(tag_node *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        node_free(&n->kids[i]);
    free(n->kids);
    free(n->name);
}

void tag_file_free(tag_file *tf)
{
    if (!tf)
        return;
    node_free(&tf->top);
    free(tf->path);
    memset(tf, 0, sizeof *tf);
}
