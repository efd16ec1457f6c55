/* lint.c: see lint.h.
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

#include "authoring/statutory.h"
#include "authoring/tagtree.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "docs/fields.h"
#include "template/mustache.h"

#define SUFFIX ".mustache.md"
#define MAX_INCLUDE_DEPTH 64

/* ---- files ---- */

typedef struct partial_file {
    char *name;
    tag_file tf;
    bool used;
} partial_file;

typedef struct template_file {
    tag_file tf;
    int kind;  /* -1: the name names no kind */
} template_file;

typedef enum {
    F_ENGINE,     /* a message of the compiler, as it is */
    F_UNKNOWN,    /* an unknown field: the message names the kinds, composed at the end */
    F_MESSAGE,    /* any other rule: the message is complete */
} finding_code;

typedef struct finding {
    char *file;
    int line, col;
    finding_code code;
    char *name;     /* F_UNKNOWN: the name as written */
    char *message;  /* F_UNKNOWN: the hint, "" when none */
    unsigned kinds;
    bool in_partial;
} finding;

typedef struct lint_ctx {
    const char *dir;
    partial_file *partials;
    size_t npartials;
    template_file *templates;
    size_t ntemplates;
    finding *found;
    size_t nfound, capfound;
} lint_ctx;

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

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
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **l = realloc(*out, cap * sizeof *l);
            if (!l)
                abort();
            *out = l;
        }
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

static partial_file *find_partial(const lint_ctx *lc, const char *name)
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

static void add_finding(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
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
    if (lc->nfound == lc->capfound) {
        lc->capfound = lc->capfound ? lc->capfound * 2 : 32;
        finding *fs = realloc(lc->found, lc->capfound * sizeof *fs);
        if (!fs)
            abort();
        lc->found = fs;
    }
    lc->found[lc->nfound++] = (finding){
        .file = xstrdup(file), .line = line, .col = col, .code = code,
        .name = xstrdup(name), .message = xstrdup(message), .kinds = bit,
        .in_partial = is_partial_path(lc, file),
    };
}

static void add_message(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void add_message(lint_ctx *lc, doc_kind kind, const char *file, int line, int col,
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

/* "reduction", "reduction and repayment", "refusal, reduction and repayment" */
static void kinds_words(strbuf *sb, unsigned kinds)
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
    if (lc->nfound)  /* stable enough: equal positions keep insertion order through a merge */
        for (size_t i = 1; i < lc->nfound; i++)
            for (size_t j = i; j > 0 && cmp_finding(&lc->found[j - 1], &lc->found[j]) > 0; j--) {
                finding t = lc->found[j];
                lc->found[j] = lc->found[j - 1];
                lc->found[j - 1] = t;
            }
    for (size_t i = 0; i < lc->nfound; i++) {
        char *text = finding_text(&lc->found[i]);
        diag_add(problems, lc->found[i].file, lc->found[i].line, lc->found[i].col, NULL, NULL,
                 "%s", text);
        free(text);
    }
}

/* ---- values: what a name stands for, in catalogue terms ---- */

typedef enum {
    V_GROUP, V_ITEM, V_TEXT, V_OPTIONAL, V_MARKDOWN, V_FLAG, V_LIST, V_TEXT_LIST, V_MD_LIST
} vtype;

typedef struct value_ref {
    vtype vt;
    const field_info *field;  /* NULL: the whole document */
    char path[256];           /* catalogue name; "budget.items[]" for one item of budget.items */
} value_ref;

typedef struct frame {
    value_ref v;
    bool unknown;             /* a section over an unknown name: its body is not checked */
    const tag_node *by;       /* the section (NULL for the document) */
    const char *by_file;
} frame;

typedef struct override {
    struct override *outer;
    const tag_node *parent;   /* the {{< name}} tag; its kids are the blocks */
    const char *file;
    bool *seen;               /* per kid: the parent has a block of this name */
    strbuf blocks;            /* the parent's block names, ", " between them */
} override;

typedef struct walk {
    lint_ctx *lc;
    doc_kind kind;
    frame *st;
    size_t depth, cap;
    const tag_file *chain[MAX_INCLUDE_DEPTH];
    size_t nchain;
    override *ovr;
    bool *field_used;         /* per catalogue entry */
    bool *partial_used;       /* per partial */
} walk;

static vtype vtype_of(field_type t)
{
    switch (t) {
    case FIELD_TEXT: return V_TEXT;
    case FIELD_OPTIONAL: return V_OPTIONAL;
    case FIELD_MARKDOWN: return V_MARKDOWN;
    case FIELD_FLAG: return V_FLAG;
    case FIELD_LIST: return V_LIST;
    case FIELD_TEXT_LIST: return V_TEXT_LIST;
    case FIELD_MARKDOWN_LIST: return V_MD_LIST;
    case FIELD_MAP: break;
    }
    return V_GROUP;
}

static const char *vtype_words(vtype v)
{
    switch (v) {
    case V_GROUP: return "a group of fields";
    case V_ITEM: return "a list item";
    case V_TEXT: return "text";
    case V_OPTIONAL: return "text or false";
    case V_MARKDOWN: return "Markdown";
    case V_FLAG: return "true/false";
    case V_LIST: return "a list";
    case V_TEXT_LIST: return "a list of texts";
    case V_MD_LIST: return "a list of Markdown";
    }
    return "";
}

static void push_frame(walk *w, frame f)
{
    if (w->depth == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        frame *s = realloc(w->st, w->cap * sizeof *s);
        if (!s)
            abort();
        w->st = s;
    }
    w->st[w->depth++] = f;
}

static bool is_group(vtype v)
{
    return v == V_GROUP || v == V_ITEM;
}

/* prefix.name into out; false (and no match possible) when it does not fit. */
static bool prefixed(char *out, size_t size, const char *prefix, const char *name)
{
    int n = snprintf(out, size, "%s%s%s", prefix, prefix[0] ? "." : "", name);
    if (n < 0 || (size_t)n >= size) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/* Marks a field and every group or list it sits in as used. */
static void mark_used(walk *w, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    size_t n = strlen(buf);
    for (size_t i = 0; i <= n; i++) {
        if (buf[i] != '.' && buf[i] != '[' && buf[i] != '\0')
            continue;
        char save = buf[i];
        buf[i] = '\0';
        const field_info *f = field_lookup(buf, w->kind);
        if (f)
            w->field_used[f - field_catalogue] = true;
        buf[i] = save;
        if (save == '[')
            i += 2;  /* "[]" */
    }
}

typedef enum { R_FOUND, R_UNKNOWN, R_UNCHECKED } resolve_status;

/* Resolves name (not ".") as the renderer would: the first segment in the innermost frame that
 * has it, the rest inside that. */
static resolve_status resolve(walk *w, const char *name, value_ref *out)
{
    char first[128];
    size_t n0 = strcspn(name, ".");
    snprintf(first, sizeof first, "%.*s", (int)(n0 < sizeof first ? n0 : sizeof first - 1), name);
    for (size_t i = w->depth; i-- > 0;) {
        const frame *f = &w->st[i];
        if (f->unknown)
            return R_UNCHECKED;
        if (!is_group(f->v.vt))
            continue;
        char cand[256];
        if (!prefixed(cand, sizeof cand, f->v.path, first) || !field_lookup(cand, w->kind))
            continue;
        char full[256];
        const field_info *fi = prefixed(full, sizeof full, f->v.path, name) ? field_lookup(full, w->kind) : NULL;
        if (!fi)
            return R_UNKNOWN;
        out->vt = vtype_of(fi->type);
        out->field = fi;
        snprintf(out->path, sizeof out->path, "%s", fi->name);
        return R_FOUND;
    }
    return R_UNKNOWN;
}

/* ---- hints for an unknown name ---- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 120 || m > 120)
        return 99;
    size_t row[128];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

/* A catalogue name of this kind that the written name is probably a slip for, as it would be
 * written here (relative to the frame it resolves in); "" when none is close. */
static void suggestion(const walk *w, const char *name, char *out, size_t size)
{
    out[0] = '\0';
    size_t best = 3, len = strlen(name);
    for (size_t i = w->depth; i-- > 0;) {
        const frame *f = &w->st[i];
        if (!is_group(f->v.vt))
            continue;
        size_t plen = strlen(f->v.path);
        for (size_t c = 0; c < field_catalogue_len; c++) {
            const field_info *fi = &field_catalogue[c];
            if (!(fi->kinds & (1u << w->kind)))
                continue;
            const char *rel = fi->name;
            if (plen) {
                if (strncmp(rel, f->v.path, plen) != 0 || rel[plen] != '.')
                    continue;
                rel += plen + 1;
            }
            if (strstr(rel, "[]"))
                continue;
            size_t d = edit_distance(name, rel);
            if (d < best && d * 4 <= len) {
                best = d;
                snprintf(out, size, "%s", rel);
            }
        }
    }
}

/* The list whose items have a member written like name, for this kind ("budget.items"). */
static bool list_of_member(const walk *w, const char *name, char *list, size_t size)
{
    for (size_t c = 0; c < field_catalogue_len; c++) {
        const field_info *fi = &field_catalogue[c];
        if (!(fi->kinds & (1u << w->kind)))
            continue;
        const char *br = strstr(fi->name, "[].");
        if (br && !strstr(br + 3, "[]") && strcmp(br + 3, name) == 0) {
            snprintf(list, size, "%.*s", (int)(br - fi->name), fi->name);
            return true;
        }
    }
    return false;
}

/* The innermost frame opened by a section (not the document). */
static const frame *innermost_section(const walk *w)
{
    for (size_t i = w->depth; i-- > 0;)
        if (w->st[i].by)
            return &w->st[i];
    return NULL;
}

static void report_unknown(walk *w, const char *file, const tag_node *nd, const char *name)
{
    char list[256], hint[700] = "";
    const frame *sec = innermost_section(w);
    if (list_of_member(w, name, list, sizeof list)) {
        if (sec && sec->v.vt != V_ITEM) {
            char where[400];
            if (strcmp(sec->by_file, file) == 0)
                snprintf(where, sizeof where, "%d:%d", sec->by->line, sec->by->col);
            else
                snprintf(where, sizeof where, "%s:%d:%d", sec->by_file, sec->by->line, sec->by->col);
            add_message(w->lc, w->kind, file, nd->line, nd->col,
                        "'%s' is a field of each item of a list (%s), but the section around it, "
                        "{{#%s}} at %s, is over %s, whose type is %s: only a list's items have "
                        "such fields",
                        name, list, sec->by->name, where,
                        sec->v.path[0] ? sec->v.path : "the whole document",
                        field_type_name(sec->v.field ? sec->v.field->type : FIELD_MAP));
            return;
        }
        if (snprintf(hint, sizeof hint, "each item of %s has '%s': use it inside {{#%s}}...{{/%s}}",
                     list, name, list, list) >= (int)sizeof hint)
            hint[0] = '\0';
    } else {
        strbuf other = {0};
        unsigned kinds = 0;
        for (int k = 0; k < DOC_KIND_COUNT; k++)
            if (k != (int)w->kind && field_lookup(name, (doc_kind)k))
                kinds |= 1u << k;
        char near[256];
        suggestion(w, name, near, sizeof near);
        if (kinds) {
            kinds_words(&other, kinds);
            snprintf(hint, sizeof hint, "it is a field of %s documents only", sb_str(&other));
        } else if (near[0]) {
            snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        }
        sb_free(&other);
    }
    add_finding(w->lc, w->kind, file, nd->line, nd->col, F_UNKNOWN, name, hint);
}

/* ---- the walk ---- */

static void walk_nodes(walk *w, const char *file, const tag_node *kids, size_t n);

/* The value a tag names, or false when it names nothing known (reported, unless unchecked). */
static bool value_of(walk *w, const char *file, const tag_node *nd, value_ref *v, bool *unchecked)
{
    *unchecked = false;
    if (strcmp(nd->name, ".") == 0) {
        *v = w->st[w->depth - 1].v;
        if (w->st[w->depth - 1].unknown)
            *unchecked = true;
        return !*unchecked;
    }
    resolve_status rs = resolve(w, nd->name, v);
    if (rs == R_FOUND)
        return true;
    if (rs == R_UNCHECKED)
        *unchecked = true;
    else
        report_unknown(w, file, nd, nd->name);
    return false;
}

/* A section over the same field, or over a flag, is taken as the test for text-or-false. */
static bool guarded(const walk *w, const value_ref *v)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->st[i].by && (w->st[i].v.vt == V_FLAG || strcmp(w->st[i].v.path, v->path) == 0))
            return true;
    return false;
}

/* The first member of a group, for the example in a message. */
static const char *first_member(const walk *w, const value_ref *v)
{
    size_t plen = strlen(v->path);
    for (size_t c = 0; c < field_catalogue_len; c++) {
        const char *n = field_catalogue[c].name;
        if (!(field_catalogue[c].kinds & (1u << w->kind)))
            continue;
        if (!plen && !strchr(n, '.'))
            return n;
        if (plen && strncmp(n, v->path, plen) == 0 && n[plen] == '.' && !strchr(n + plen + 1, '.'))
            return n + plen + 1;
    }
    return "name";
}

static void check_print(walk *w, const char *file, const tag_node *nd)
{
    value_ref v;
    bool unchecked;
    if (!value_of(w, file, nd, &v, &unchecked))
        return;
    bool raw = nd->kind == MU_TAG_RAW;
    const char *nm = nd->name;
    if (v.path[0]) {
        char field[256];
        snprintf(field, sizeof field, "%s", v.path);
        char *br = strstr(field, "[]");
        if (br && br[2] == '\0')
            *br = '\0';
        mark_used(w, field);
    }
    switch (v.vt) {
    case V_TEXT:
    case V_OPTIONAL:
        if (raw)
            add_message(w->lc, w->kind, file, nd->line, nd->col,
                        "'%s' is inserted raw, but it is plain text: a * _ # < or [ in it would "
                        "change the letter; insert it with {{%s}}",
                        nm, nm);
        if (v.vt == V_OPTIONAL && !guarded(w, &v))
            add_message(w->lc, w->kind, file, nd->line, nd->col,
                        "%s%s%s prints the word false when '%s' is absent (it is text or false): "
                        "put it inside {{#%s}}...{{/%s}}",
                        raw ? "{{{" : "{{", nm, raw ? "}}}" : "}}", v.path, nm, nm);
        break;
    case V_MARKDOWN:
        if (!raw)
            add_message(w->lc, w->kind, file, nd->line, nd->col,
                        "'%s' is Markdown written by officers, but {{%s}} prints it literally, "
                        "* and # included; insert it with {{{%s}}}",
                        nm, nm, nm);
        break;
    case V_FLAG:
        add_message(w->lc, w->kind, file, nd->line, nd->col,
                    "%s%s%s prints the word true or false ('%s' is true/false): test it with "
                    "{{#%s}}...{{/%s}} or {{^%s}}...{{/%s}}",
                    raw ? "{{{" : "{{", nm, raw ? "}}}" : "}}", v.path, nm, nm, nm, nm);
        break;
    case V_LIST:
    case V_TEXT_LIST:
    case V_MD_LIST:
        add_message(w->lc, w->kind, file, nd->line, nd->col,
                    "%s%s%s cannot print '%s', which is %s: repeat over its items with "
                    "{{#%s}}...{{/%s}}",
                    raw ? "{{{" : "{{", nm, raw ? "}}}" : "}}", v.path, vtype_words(v.vt), nm, nm);
        break;
    case V_GROUP:
    case V_ITEM: {
        char what[300];
        if (v.vt == V_ITEM)
            snprintf(what, sizeof what, "an item of %.*s", (int)strlen(v.path) - 2, v.path);
        else
            snprintf(what, sizeof what, "%s", v.path[0] ? v.path : "the whole document");
        add_message(w->lc, w->kind, file, nd->line, nd->col,
                    "%s%s%s cannot print %s, which is a group of fields: name one of its fields, "
                    "e.g. {{%s%s%s}}",
                    raw ? "{{{" : "{{", nm, raw ? "}}}" : "}}", what,
                    strcmp(nm, ".") == 0 ? "" : nm, strcmp(nm, ".") == 0 ? "" : ".",
                    first_member(w, &v));
        break;
    }
    }
}

static void walk_section(walk *w, const char *file, const tag_node *nd)
{
    value_ref v;
    bool unchecked;
    bool ok = value_of(w, file, nd, &v, &unchecked);
    if (nd->kind == MU_TAG_INVERTED || !ok) {
        if (nd->kind == MU_TAG_SECTION && !ok) {  /* its body is not checked: one message */
            push_frame(w, (frame){.unknown = true, .by = nd, .by_file = file});
            walk_nodes(w, file, nd->kids, nd->nkids);
            w->depth--;
        } else {
            walk_nodes(w, file, nd->kids, nd->nkids);
        }
        return;
    }
    frame f = {.v = v, .by = nd, .by_file = file};
    switch (v.vt) {
    case V_LIST:
        f.v.vt = V_ITEM;
        if (snprintf(f.v.path, sizeof f.v.path, "%s[]", v.path) >= (int)sizeof f.v.path)
            f.v.path[0] = '\0';  /* never: catalogue names are short */
        break;
    case V_TEXT_LIST: f.v.vt = V_TEXT; break;
    case V_MD_LIST: f.v.vt = V_MARKDOWN; break;
    case V_OPTIONAL: f.v.vt = V_TEXT; break;  /* inside its own section it is there */
    default: break;
    }
    push_frame(w, f);
    walk_nodes(w, file, nd->kids, nd->nkids);
    w->depth--;
}

/* {{> name}} and {{< name}}: the partial's tags with the stack of the place it is used. */
static void walk_include(walk *w, const char *file, const tag_node *nd)
{
    if (nd->name[0] == '*') {  /* a dynamic name: the field must hold text; the file is unknown */
        tag_node named = *nd;
        named.name = nd->name + 1;
        value_ref v;
        bool unchecked;
        if (value_of(w, file, &named, &v, &unchecked) && v.vt != V_TEXT && v.vt != V_OPTIONAL)
            add_message(w->lc, w->kind, file, nd->line, nd->col,
                        "'%s' names a partial but is %s, not text", named.name, vtype_words(v.vt));
        return;
    }
    partial_file *p = find_partial(w->lc, nd->name);
    if (!p)
        return;  /* reported by the compiler */
    p->used = true;
    w->partial_used[p - w->lc->partials] = true;
    if (!p->tf.compiled || w->nchain == MAX_INCLUDE_DEPTH)
        return;
    for (size_t i = 0; i < w->nchain; i++)
        if (w->chain[i] == &p->tf)
            return;  /* includes itself: the renderer stops it at its depth limit */
    w->chain[w->nchain++] = &p->tf;
    if (nd->kind == MU_TAG_PARENT) {
        override o = {.outer = w->ovr, .parent = nd, .file = file};
        o.seen = calloc(nd->nkids + 1, sizeof *o.seen);
        if (!o.seen)
            abort();
        w->ovr = &o;
        walk_nodes(w, p->tf.path, p->tf.top.kids, p->tf.top.nkids);
        w->ovr = o.outer;
        for (size_t k = 0; k < nd->nkids; k++)
            if (nd->kids[k].kind == MU_TAG_BLOCK && !o.seen[k])
                add_message(w->lc, w->kind, file, nd->kids[k].line, nd->kids[k].col,
                            "block '%s' is not a block of parent '%s'%s%s%s: its text would "
                            "never be printed",
                            nd->kids[k].name, nd->name, o.blocks.len ? " (it has " : "",
                            sb_str(&o.blocks), o.blocks.len ? ")" : "");
        sb_free(&o.blocks);
        free(o.seen);
    } else {
        walk_nodes(w, p->tf.path, p->tf.top.kids, p->tf.top.nkids);
    }
    w->nchain--;
}

/* Whether list ("a, b, c") holds word. */
static bool has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

/* {{$name}}: the outermost override along the chain of parents, else its own default. */
static void walk_block(walk *w, const char *file, const tag_node *nd)
{
    const tag_node *body = nd;
    const char *body_file = file;
    for (override *o = w->ovr; o; o = o->outer) {
        if (!has_word(sb_str(&o->blocks), nd->name)) {
            if (o->blocks.len)
                sb_puts(&o->blocks, ", ");
            sb_puts(&o->blocks, nd->name);
        }
        for (size_t k = 0; k < o->parent->nkids; k++)
            if (o->parent->kids[k].kind == MU_TAG_BLOCK && strcmp(o->parent->kids[k].name, nd->name) == 0) {
                o->seen[k] = true;
                body = &o->parent->kids[k];
                body_file = o->file;
            }
    }
    walk_nodes(w, body_file, body->kids, body->nkids);
}

static void walk_nodes(walk *w, const char *file, const tag_node *kids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const tag_node *nd = &kids[i];
        switch (nd->kind) {
        case MU_TAG_VARIABLE:
        case MU_TAG_RAW: check_print(w, file, nd); break;
        case MU_TAG_SECTION:
        case MU_TAG_INVERTED: walk_section(w, file, nd); break;
        case MU_TAG_PARTIAL:
        case MU_TAG_PARENT: walk_include(w, file, nd); break;
        case MU_TAG_BLOCK: walk_block(w, file, nd); break;
        default: break;
        }
    }
}

/* Walks one document template of its kind; then checks its statutory blocks. used: see lint.h. */
static void lint_document(lint_ctx *lc, const template_file *t, unsigned *used)
{
    walk w = {.lc = lc, .kind = (doc_kind)t->kind};
    w.field_used = calloc(field_catalogue_len, sizeof *w.field_used);
    w.partial_used = calloc(lc->npartials + 1, sizeof *w.partial_used);
    if (!w.field_used || !w.partial_used)
        abort();
    push_frame(&w, (frame){.v = {.vt = V_GROUP}});
    w.chain[w.nchain++] = &t->tf;
    walk_nodes(&w, t->tf.path, t->tf.top.kids, t->tf.top.nkids);

    const char *kind = doc_kind_name(w.kind);
    for (size_t i = 0; i < statutory_blocks_len; i++) {
        const statutory_block *b = &statutory_blocks[i];
        if (!(b->kinds & (1u << w.kind)))
            continue;
        if (b->is_partial) {
            const partial_file *p = find_partial(lc, b->name);
            if (!p || !w.partial_used[p - lc->partials])
                add_message(lc, w.kind, t->tf.path, 1, 1, "%s template never includes the %s partial (%s)",
                            kind, b->name, b->why);
        } else {
            const field_info *f = field_lookup(b->name, w.kind);
            if (f && !w.field_used[f - field_catalogue])
                add_message(lc, w.kind, t->tf.path, 1, 1, "%s template never uses %s (%s)", kind,
                            b->name, b->why);
        }
    }
    if (used)
        for (size_t i = 0; i < field_catalogue_len; i++)
            if (w.field_used[i])
                used[i] |= 1u << w.kind;
    free(w.field_used);
    free(w.partial_used);
    free(w.st);
}

/* ---- the folder ---- */

static int load_partials(lint_ctx *lc, diag_list *errs)
{
    char *pdir = join_path(lc->dir, "partials");
    char **names;
    size_t n;
    if (list_templates(pdir, &names, &n) != 0) {
        if (errno != ENOENT)
            diag_add(errs, pdir, 0, 0, NULL, NULL, "cannot read the partials folder: %s", strerror(errno));
        free(pdir);
        return errno == ENOENT ? 0 : -1;
    }
    lc->partials = calloc(n + 1, sizeof *lc->partials);
    if (!lc->partials)
        abort();
    lc->npartials = n;
    for (size_t i = 0; i < n; i++)
        lc->partials[i].name = strndup(names[i], strlen(names[i]) - strlen(SUFFIX));
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
    template_file *ts = realloc(lc->templates, (lc->ntemplates + 1) * sizeof *ts);
    if (!ts)
        abort();
    lc->templates = ts;
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
        diag_add(problems, dir, 0, 0, NULL, NULL, "cannot read the templates folder: %s", strerror(errno));
        return -1;
    }
    if (load_partials(&lc, problems) != 0) {
        free_names(names, n);
        lint_free(&lc);
        return -1;
    }
    bool have[DOC_KIND_COUNT] = {false};
    for (size_t i = 0; i < n; i++) {
        char *path = join_path(dir, names[i]);
        int kind = template_kind_of(names[i]);
        add_template(&lc, path, kind);
        if (kind >= 0 && strlen(names[i]) == strlen(doc_kind_name((doc_kind)kind)) + strlen(SUFFIX))
            have[kind] = true;
        if (kind < 0)
            add_message(&lc, (doc_kind)-1, path, 1, 1,
                        "cannot tell which kind of document this template is for: its name must "
                        "start with refusal, reduction, repayment or section-j");
        free(path);
    }
    for (int k = 0; k < DOC_KIND_COUNT; k++)
        if (!have[k]) {
            char name[64];
            snprintf(name, sizeof name, "%s" SUFFIX, doc_kind_name((doc_kind)k));
            char *path = join_path(dir, name);
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
