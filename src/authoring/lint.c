/* lint.c: see lint.h. This file reads the folder and reports; lint_walk.c checks a document.
 *
 * The idea: read every file once into a tag tree (tagtree.h), then, for each document template,
 * walk the trees the way mustache_render.c walks instructions: a section pushes a frame, a
 * name is looked up frame by frame from the innermost outwards (first segment only, the rest
 * inside what it found), a partial is entered with the current stack, a parent with its blocks
 * as overrides (the outermost override of a block wins). The frames hold catalogue names
 * instead of data: "budget.items[]" inside {{#budget.items}}, so {{provision}} there resolves to
 * budget.items[].provision. Problems are collected with the kinds they occur for, so a partial
 * shared by several kinds gives one message naming the kinds that lack a field. */
#include "authoring/lint.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authoring/lint_internal.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "docs/kinds.h"
#include "core/xalloc.h"

#define SUFFIX ".mustache.md"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int template_kind_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        const char *name = doc_kind_name((doc_kind)k);
        size_t n = strlen(name);
        if (strncmp(base, name, n) == 0 && (base[n] == '.' || base[n] == '-' || base[n] == '_'))
            return k;
    }
    return -1;
}

char *default_templates_dir(char *buf, size_t size)
{
    char root[4096], cwd[4096];
    pb_path(root, sizeof root, "templates");
    size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (n && strncmp(root, cwd, n) == 0 && root[n] == '/')
        snprintf(buf, size, "%s", root + n + 1);
    else
        snprintf(buf, size, "%s", root);
    return buf;
}

static char *join_path(const char *dir, const char *name)
{
    strbuf sb = {0};
    sb_puts(&sb, dir);
    if (sb.len && sb.data[sb.len - 1] != '/')
        sb_putc(&sb, '/');
    sb_puts(&sb, name);
    return sb_take(&sb);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the regular files NAME.mustache.md in dir, sorted; -1 when dir cannot be read. */
static int list_templates(const char *dir, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, SUFFIX) || strlen(e->d_name) == strlen(SUFFIX))
            continue;
        char *path = join_path(dir, e->d_name);
        struct stat st;
        bool regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
        if (!regular)
            continue;
        *out = xgrow(*out, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_str);
    return 0;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

partial_file *find_partial(const lint_ctx *lc, const char *name)
{
    for (size_t i = 0; i < lc->npartials; i++)
        if (strcmp(lc->partials[i].name, name) == 0)
            return &lc->partials[i];
    return NULL;
}

/* The renderer loads a partial only by a name of [a-z0-9_-], at most 64 long (render.c), so
 * no name can leave the partials folder; lint holds names to the same rule. */
static bool partial_name_usable(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n <= 64 && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static bool partial_exists(void *ud, const char *name)
{
    return partial_name_usable(name) && find_partial(ud, name) != NULL;
}

static bool is_partial_path(const lint_ctx *lc, const char *file)
{
    for (size_t i = 0; i < lc->npartials; i++)
        if (strcmp(lc->partials[i].tf.path, file) == 0)
            return true;
    return false;
}

/* ---- findings ---- */

void add_finding(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
                 finding_code code, const char *name, const char *message)
{
    unsigned bit = (int)kind >= 0 ? 1u << kind : 0;
    for (size_t i = 0; i < lc->nfound; i++) {
        finding *f = &lc->found[i];
        if (f->code == code && f->line == line && f->col == col && strcmp(f->file, file) == 0 &&
            strcmp(f->name, name) == 0 && strcmp(f->message, message) == 0) {
            f->kinds |= bit;
            return;
        }
    }
    lc->found = xgrow(lc->found, &lc->capfound, lc->nfound + 1, sizeof *lc->found);
    lc->found[lc->nfound++] = (finding){
        .file = xstrdup(file), .line = line, .col = col, .code = code,
        .name = xstrdup(name), .message = xstrdup(message), .kinds = bit,
        .in_partial = is_partial_path(lc, file),
    };
}

void add_message(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
                 const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    add_finding(lc, kind, file, line, col, F_MESSAGE, "", msg);
}

/* The compiler's problems, with where an unknown partial was looked for. */
static void take_engine_problems(lint_ctx *lc, diag_list *errs)
{
    for (size_t i = 0; i < errs->len; i++) {
        const diag *d = &errs->items[i];
        const char *m = d->message;
        char extra[600] = "";
        const char *q;
        if ((strncmp(m, "unknown partial '", 17) == 0 || strncmp(m, "unknown parent '", 16) == 0) &&
            (q = strchr(m, '\'')) && strchr(q + 1, '\'')) {
            int n = (int)(strchr(q + 1, '\'') - q - 1);
            char *partials = join_path(lc->dir, "partials");
            snprintf(extra, sizeof extra, " (there is no %s/%.*s" SUFFIX ")", partials, n, q + 1);
            free(partials);
        }
        char msg[1200];
        snprintf(msg, sizeof msg, "%s%s", m, extra);
        add_finding(lc, (doc_kind)-1, d->file ? d->file : lc->dir, d->line, d->col, F_ENGINE, "", msg);
    }
    diag_list_clear(errs);
}

void kinds_words(strbuf *sb, unsigned kinds)
{
    int n = 0, total = 0;
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        total += (kinds >> k) & 1;
    for (int k = 0; k < DOC_KIND_COUNT; k++) {
        if (!((kinds >> k) & 1))
            continue;
        if (n)
            sb_puts(sb, n == total - 1 ? " and " : ", ");
        sb_puts(sb, doc_kind_name((doc_kind)k));
        n++;
    }
}

static char *finding_text(const finding *f)
{
    if (f->code != F_UNKNOWN)
        return xstrdup(f->message);
    strbuf sb = {0};
    int count = 0;
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        count += (f->kinds >> k) & 1;
    sb_printf(&sb, "unknown field '%s' for ", f->name);
    kinds_words(&sb, f->kinds);
    sb_puts(&sb, " documents");
    if (f->in_partial) {
        if (count == 1) {
            sb_puts(&sb, " (the ");
            kinds_words(&sb, f->kinds);
            sb_puts(&sb, " template uses this partial)");
        } else {
            sb_puts(&sb, " (their templates use this partial)");
        }
    }
    if (f->message[0])
        sb_printf(&sb, ": %s", f->message);
    return sb_take(&sb);
}

static int cmp_finding(const void *a, const void *b)
{
    const finding *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

static void emit_findings(lint_ctx *lc, diag_list *problems)
{
    /* insertion sort: stable, so problems at one place keep the order they were found in */
    for (size_t i = 1; i < lc->nfound; i++)
        for (size_t j = i; j > 0 && cmp_finding(&lc->found[j - 1], &lc->found[j]) > 0; j--) {
            finding t = lc->found[j];
            lc->found[j] = lc->found[j - 1];
            lc->found[j - 1] = t;
        }
    for (size_t i = 0; i < lc->nfound; i++) {
        char *text = finding_text(&lc->found[i]);
        diag_add_class(problems, DIAG_TEMPLATE, lc->found[i].file, lc->found[i].line,
                       lc->found[i].col, NULL, NULL, "%s", text);
        free(text);
    }
}

/* ---- the folder ---- */

static int load_partials(lint_ctx *lc, diag_list *errs)
{
    char *pdir = join_path(lc->dir, "partials");
    char **names;
    size_t n;
    if (list_templates(pdir, &names, &n) != 0) {
        if (errno != ENOENT)
            diag_add_class(errs, DIAG_ENV, pdir, 0, 0, NULL, NULL,
                           "cannot read the partials folder: %s", strerror(errno));
        free(pdir);
        return errno == ENOENT ? 0 : -1;
    }
    lc->partials = xcalloc(n + 1, sizeof *lc->partials);
    lc->npartials = n;
    for (size_t i = 0; i < n; i++)
        lc->partials[i].name = xstrndup(names[i], strlen(names[i]) - strlen(SUFFIX));
    diag_list local = {0};
    for (size_t i = 0; i < n; i++) {
        char *path = join_path(pdir, names[i]);
        tag_file_read(&lc->partials[i].tf, path, partial_exists, lc, &local);
        free(path);
    }
    take_engine_problems(lc, &local);
    free_names(names, n);
    free(pdir);
    return 0;
}

static void add_template(lint_ctx *lc, const char *path, int kind)
{
    lc->templates = xreallocarray(lc->templates, lc->ntemplates + 1, sizeof *lc->templates);
    template_file *t = &lc->templates[lc->ntemplates++];
    t->kind = kind;
    diag_list local = {0};
    tag_file_read(&t->tf, path, partial_exists, lc, &local);
    take_engine_problems(lc, &local);
}

static void lint_free(lint_ctx *lc)
{
    for (size_t i = 0; i < lc->npartials; i++) {
        free(lc->partials[i].name);
        tag_file_free(&lc->partials[i].tf);
    }
    free(lc->partials);
    for (size_t i = 0; i < lc->ntemplates; i++)
        tag_file_free(&lc->templates[i].tf);
    free(lc->templates);
    for (size_t i = 0; i < lc->nfound; i++) {
        free(lc->found[i].file);
        free(lc->found[i].name);
        free(lc->found[i].message);
    }
    free(lc->found);
}

int lint_templates(const char *dir, diag_list *problems, unsigned *used)
{
    lint_ctx lc = {.dir = dir};
    char **names;
    size_t n;
    if (list_templates(dir, &names, &n) != 0) {
        diag_add_class(problems, DIAG_ENV, dir, 0, 0, NULL, NULL,
                       "cannot read the templates folder: %s", strerror(errno));
        return -1;
    }
    if (load_partials(&lc, problems) != 0) {
        free_names(names, n);
        lint_free(&lc);
        return -1;
    }
    bool have[DOC_KIND_COUNT] = {false};
    char words[128];
    for (size_t i = 0; i < n; i++) {
        char *path = join_path(dir, names[i]);
        int kind = template_kind_of(names[i]);
        add_template(&lc, path, kind);
        if (kind >= 0 && strcmp(names[i], doc_kinds[kind].template_file) == 0)
            have[kind] = true;
        if (kind < 0)
            add_message(&lc, (doc_kind)-1, path, 1, 1,
                        "cannot tell which kind of document this template is for: its name must "
                        "start with %s", doc_kind_words(words, sizeof words));
        free(path);
    }
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (!have[k]) {
            char *path = join_path(dir, doc_kinds[k].template_file);
            add_message(&lc, (doc_kind)k, path, 1, 1,
                        "there is no template for %s documents (the renderer needs one for each kind)",
                        doc_kind_name((doc_kind)k));
            free(path);
        }
    for (size_t i = 0; i < lc.ntemplates; i++)
        if (lc.templates[i].kind >= 0 && lc.templates[i].tf.compiled)
            lint_document(&lc, &lc.templates[i], used);
    for (size_t i = 0; i < lc.npartials; i++)
        if (!partial_name_usable(lc.partials[i].name))
            add_message(&lc, (doc_kind)-1, lc.partials[i].tf.path, 1, 1,
                        "a partial's name may only hold a-z, 0-9, '-' and '_' (at most 64): "
                        "rename this file, or no template can use it");
        else if (!lc.partials[i].used)
            add_message(&lc, (doc_kind)-1, lc.partials[i].tf.path, 1, 1,
                        "partial '%s' is not used by any template", lc.partials[i].name);
    emit_findings(&lc, problems);
    free_names(names, n);
    lint_free(&lc);
    return 0;
}

int lint_template_file(const char *dir, const char *path, doc_kind kind, diag_list *problems)
{
    lint_ctx lc = {.dir = dir};
    if (load_partials(&lc, problems) != 0) {
        lint_free(&lc);
        return -1;
    }
    add_template(&lc, path, kind);
    if (lc.templates[0].tf.compiled)
        lint_document(&lc, &lc.templates[0], NULL);
    emit_findings(&lc, problems);
    lint_free(&lc);
    return 0;
}
