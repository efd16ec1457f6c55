/* lint_walk.c: one document template walked the way mustache_render.c runs it (see lint.c for
 * the idea): frames of catalogue names instead of data, partials entered with the current stack,
 * a parent's blocks as overrides. Every rule about names, types and escaping is here. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lint_internal.h"
#include "authoring/mustnot.h"
#include "authoring/statutory.h"
#include "core/xalloc.h"
#include "docs/fields.h"
#include "template/mustache.h"

#define MAX_INCLUDE_DEPTH 64

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
    unsigned *partial_unguarded;  /* per partial: the must-not guards not open where it is used */
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
    w->st = xgrow(w->st, &w->cap, w->depth + 1, sizeof *w->st);
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
/* Bit i set when must-not rule i's guard section is not open on the stack (mustnot.h). */
static unsigned guards_not_open(const walk *w)
{
    unsigned missing = 0;
    for (size_t i = 0; i < mustnot_rules_len; i++) {
        bool open = false;
        for (size_t d = 0; d < w->depth; d++)
            open |= w->st[d].by && w->st[d].by->kind == MU_TAG_SECTION &&
                    mustnot_opens_guard(&mustnot_rules[i], w->st[d].by->name);
        missing |= open ? 0 : 1u << i;
    }
    return missing;
}

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
    w->partial_unguarded[p - w->lc->partials] |= guards_not_open(w);
    if (!p->tf.compiled || w->nchain == MAX_INCLUDE_DEPTH)
        return;
    for (size_t i = 0; i < w->nchain; i++)
        if (w->chain[i] == &p->tf)
            return;  /* includes itself: the renderer stops it at its depth limit */
    w->chain[w->nchain++] = &p->tf;
    if (nd->kind == MU_TAG_PARENT) {
        override o = {.outer = w->ovr, .parent = nd, .file = file};
        o.seen = xcalloc(nd->nkids + 1, sizeof *o.seen);
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

void lint_document(lint_ctx *lc, const template_file *t, unsigned *used)
{
    walk w = {.lc = lc, .kind = (doc_kind)t->kind};
    w.field_used = xcalloc(field_catalogue_len, sizeof *w.field_used);
    w.partial_used = xcalloc(lc->npartials + 1, sizeof *w.partial_used);
    w.partial_unguarded = xcalloc(lc->npartials + 1, sizeof *w.partial_unguarded);
    push_frame(&w, (frame){.v = {.vt = V_GROUP}});
    w.chain[w.nchain++] = &t->tf;
    walk_nodes(&w, t->tf.path, t->tf.top.kids, t->tf.top.nkids);

    const char *kind = doc_kind_name(w.kind);
    for (size_t i = 0; i < statutory_blocks_len; i++) {
        const statutory_block *b = &statutory_blocks[i];
        if (!statutory_applies(b, w.kind))
            continue;
        if (b->is_partial) {
            const partial_file *p = find_partial(lc, b->name);
            if (!p || !w.partial_used[p - lc->partials])
                add_message(lc, w.kind, t->tf.path, 1, 1, "%s template never includes the %s partial (%s)",
                            kind, b->name, b->why);
        } else {
            const field_info *f = field_lookup(b->name, w.kind);
            if (!f)  /* the table is stale: never pass a check that cannot be made */
                add_message(lc, w.kind, t->tf.path, 1, 1, "%s template cannot be checked for %s: "
                            "it is not a field of %s documents (authoring/statutory.c)", kind,
                            b->name, kind);
            else if (!w.field_used[f - field_catalogue])
                add_message(lc, w.kind, t->tf.path, 1, 1, "%s template never uses %s (%s)", kind,
                            b->name, b->why);
        }
    }
    mustnot_check_file(lc, w.kind, &t->tf, ~0u);
    for (size_t i = 0; i < lc->npartials; i++)
        if (w.partial_used[i])
            mustnot_check_file(lc, w.kind, &lc->partials[i].tf, w.partial_unguarded[i]);
    if (used)
        for (size_t i = 0; i < field_catalogue_len; i++)
            if (w.field_used[i])
                used[i] |= 1u << w.kind;
    free(w.field_used);
    free(w.partial_used);
    free(w.partial_unguarded);
    free(w.st);
}
