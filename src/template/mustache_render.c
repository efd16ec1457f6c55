/* mustache_render.c: instructions + data -> text.
 *
 * The context stack is an array of frames; a frame remembers which section pushed it and from
 * which frame its name was resolved, so an error can name the data path it looked at
 * ("items[2].amount") without the hot path building any string.
 *
 * Inheritance: expanding a parent pushes an override frame (the parent instruction, whose
 * children are its argument blocks) onto a chain; a block looks its name up along the whole
 * chain and the outermost definition wins, as the spec's multi-level tests require. Plain
 * partials keep the chain (a partial is a parent with no arguments).
 *
 * Output goes straight into `out`; on failure `out` is cut back to where it started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "template/mustache_internal.h"

typedef struct frame {
    const mu_value *v;
    int from;             /* frame the section's name was resolved in; -1 for the root */
    const mu_instr *by;   /* the section that pushed it; NULL for the root */
    long index;           /* position in the list, or -1 */
} frame;

typedef struct override {
    const struct override *outer;
    const mu_unit *unit;
    const mu_instr *parent;
} override;

typedef struct rstate {
    mu_template *t;
    mu_escape_fn escape;
    strbuf *out;
    size_t start;          /* out->len when the render began */
    unsigned long steps;   /* instructions executed */
    diag_list *errs;
    frame *stack;
    int depth;
    size_t cap;
    strbuf indent;
    int partial_depth;
    const mu_instr *chain[8];  /* the first expansions, for the recursion message */
    const mu_instr **reported;
    size_t nreported, reported_cap;
    int nerrors;
    bool failed, fatal;
} rstate;

enum { MAX_ERRORS = 100 };

/* ---- errors ---- */

static bool already_reported(rstate *rs, const mu_instr *in)
{
    for (size_t i = 0; i < rs->nreported; i++)
        if (rs->reported[i] == in)
            return true;
    rs->reported = xgrow(rs->reported, &rs->reported_cap, rs->nreported + 1, sizeof *rs->reported);
    rs->reported[rs->nreported++] = in;
    return false;
}

/* Reports a problem at the instruction; a tag is reported once per render. Template problems
 * but for the limits, which the data reaches (a value too long, a list too many). */
static void fail_class(rstate *rs, const mu_unit *u, const mu_instr *in, diag_class cls,
                       const char *msg)
{
    rs->failed = true;
    if (already_reported(rs, in))
        return;
    if (++rs->nerrors > MAX_ERRORS) {
        if (rs->nerrors == MAX_ERRORS + 1)
            diag_add_class(rs->errs, cls, u->path, in->line, in->col, NULL, NULL,
                           "too many errors; rendering stopped");
        rs->fatal = true;
        return;
    }
    diag_add_class(rs->errs, cls, u->path, in->line, in->col, NULL, NULL, "%s", msg);
}

static void fail(rstate *rs, const mu_unit *u, const mu_instr *in, const char *msg)
{
    fail_class(rs, u, in, DIAG_TEMPLATE, msg);
}

/* Appends the data path of frame f ("items[2].provider"; nothing for the root). */
static void frame_path_from(const rstate *rs, int f, strbuf *sb, size_t base)
{
    if (f <= 0)
        return;
    const frame *fr = &rs->stack[f];
    frame_path_from(rs, fr->from, sb, base);
    bool dot = fr->by->len == 1 && fr->by->str[0] == '.';
    if (!dot) {
        if (sb->len > base)
            sb_putc(sb, '.');
        sb_append(sb, fr->by->str, fr->by->len);
    }
    if (fr->index >= 0)
        sb_printf(sb, "[%ld]", fr->index);
}

static void frame_path(const rstate *rs, int f, strbuf *sb)
{
    frame_path_from(rs, f, sb, sb->len);
}

/* Where a name's first segment was looked for: "in items[2], in council, nor at the top
 * level" (innermost first; frames that hold no fields are skipped). */
static void tried_frames(const rstate *rs, strbuf *sb)
{
    int shown = 0;
    for (int f = rs->depth - 1; f >= 0; f--) {
        if (!rs->stack[f].v || rs->stack[f].v->kind != MU_MAP)
            continue;
        if (shown == 4) {
            sb_puts(sb, ", ...");
            break;
        }
        if (shown++)
            sb_puts(sb, f == 0 ? ", nor" : ",");
        if (f == 0) {
            sb_puts(sb, " at the top level");
        } else {
            sb_puts(sb, " in ");
            frame_path(rs, f, sb);
        }
    }
    if (!shown)
        sb_puts(sb, " anywhere: no fields are in scope");
}

/* Reports why `in`'s name has no usable value, with the data path tried: the first segment
 * was not found (got 0), a later one was not (got < nparts), or the value is not text. */
static void report_miss(rstate *rs, const mu_unit *u, const mu_instr *in, int found, int got,
                        const mu_value *v, const char *what)
{
    strbuf m = {0};
    sb_printf(&m, "no value for '%.*s'", (int)in->len, in->str);
    if (what)
        sb_printf(&m, " %s", what);
    if (in->nparts == 0) {  /* {{.}}: the current item itself */
        strbuf at = {0};
        frame_path(rs, rs->depth - 1, &at);
        const char *where = at.len ? sb_str(&at) : "the top-level value";
        if (!v || v->kind == MU_NULL)
            sb_printf(&m, ": %s is empty (null)", where);
        else if (v->kind == MU_LIST)
            sb_printf(&m, ": %s is a list of %zu, not text", where, v->u.list.len);
        else
            sb_printf(&m, ": %s is a group of fields, not text", where);
        sb_free(&at);
    } else if (got == 0) {
        const mu_part *p0 = &u->parts[in->part0];
        sb_printf(&m, ": no field '%.*s'", (int)p0->len, p0->s);
        tried_frames(rs, &m);
    } else {
        strbuf at = {0};
        frame_path(rs, found, &at);
        for (int k = 0; k < got; k++) {
            const mu_part *p = &u->parts[in->part0 + (uint32_t)k];
            if (at.len)
                sb_putc(&at, '.');
            sb_append(&at, p->s, p->len);
        }
        if (got < in->nparts) {
            const mu_part *p = &u->parts[in->part0 + (uint32_t)got];
            sb_printf(&m, ": %s has no field '%.*s'", sb_str(&at), (int)p->len, p->s);
        } else if (!v || v->kind == MU_NULL) {
            sb_printf(&m, ": %s is empty (null)", sb_str(&at));
        } else if (v->kind == MU_LIST) {
            sb_printf(&m, ": %s is a list of %zu, not text", sb_str(&at), v->u.list.len);
        } else if (v->kind == MU_MAP) {
            sb_printf(&m, ": %s is a group of fields, not text", sb_str(&at));
        } else {
            sb_printf(&m, ": %s is not text", sb_str(&at));
        }
        sb_free(&at);
    }
    fail(rs, u, in, sb_str(&m));
    sb_free(&m);
}

/* ---- data ---- */

static void push(rstate *rs, const mu_value *v, int from, const mu_instr *by, long index)
{
    rs->stack = xgrow(rs->stack, &rs->cap, (size_t)rs->depth + 1, sizeof *rs->stack);
    rs->stack[rs->depth++] = (frame){v, from, by, index};
}

/* Resolves in's name. Returns the value or NULL; *found is the frame the first segment was
 * found in and *got how many segments resolved (for messages). */
static const mu_value *lookup(const rstate *rs, const mu_unit *u, const mu_instr *in, int *found,
                              int *got)
{
    *found = rs->depth - 1;
    *got = 0;
    if (in->nparts == 0)
        return rs->stack[rs->depth - 1].v;
    const mu_part *p = &u->parts[in->part0];
    const mu_value *v = NULL;
    for (int f = rs->depth - 1; f >= 0 && !v; f--) {
        v = mu_map_get(rs->stack[f].v, p[0].s, p[0].len);
        *found = f;
    }
    if (!v)
        return NULL;
    *got = 1;
    for (int k = 1; k < in->nparts; k++) {
        const mu_value *next = mu_map_get(v, p[k].s, p[k].len);
        if (!next)
            return NULL;
        v = next;
        *got = k + 1;
    }
    return v;
}

/* ---- output ---- */

static void put_indent(rstate *rs)
{
    sb_append(rs->out, rs->indent.data, rs->indent.len);
}

static void put_text(rstate *rs, const char *s, size_t n, bool indent_first)
{
    if (!rs->indent.len) {
        sb_append(rs->out, s, n);
        return;
    }
    if (indent_first)
        put_indent(rs);
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) + 1 : n;
        sb_append(rs->out, s, k);
        s += k;
        n -= k;
        if (n)
            put_indent(rs);
    }
}

static void interpolate(rstate *rs, const mu_unit *u, const mu_instr *in)
{
    int found, got;
    const mu_value *v = lookup(rs, u, in, &found, &got);
    bool strict = rs->t->opt.strict;
    if (!v || v->kind == MU_NULL || v->kind == MU_LIST || v->kind == MU_MAP) {
        if (strict)
            report_miss(rs, u, in, found, got, v, NULL);
        return;
    }
    if (v->kind == MU_BOOL) {
        sb_puts(rs->out, v->u.boolean ? "true" : "false");
        return;
    }
    if (in->op == OP_VAR && rs->escape)
        rs->escape(rs->out, v->u.str.s, v->u.str.len);
    else
        sb_append(rs->out, v->u.str.s, v->u.str.len);
}

static void render_range(rstate *rs, const mu_unit *u, size_t begin, size_t end, bool starts_line,
                         const override *ovr);
static bool over_budget(rstate *rs, const mu_unit *u, const mu_instr *in);

static void section(rstate *rs, const mu_unit *u, const mu_instr *in, size_t i, const override *ovr)
{
    int found, got;
    const mu_value *v = lookup(rs, u, in, &found, &got);
    if (!v && rs->t->opt.strict) {
        report_miss(rs, u, in, found, got, NULL, in->op == OP_SECTION ? "(section)" : "(inverted section)");
        return;
    }
    if (in->op == OP_INVERTED) {
        if (!mu_truthy(v))
            render_range(rs, u, i + 1, in->end, false, ovr);
        return;
    }
    if (!mu_truthy(v))
        return;
    if (v->kind == MU_LIST) {
        for (size_t k = 0; k < v->u.list.len && !rs->fatal; k++) {
            if (k && over_budget(rs, u, in))  /* an empty body still costs a step */
                return;
            push(rs, v->u.list.items[k], found, in, (long)k);
            render_range(rs, u, i + 1, in->end, false, ovr);
            rs->depth--;
        }
        return;
    }
    push(rs, v, found, in, -1);
    render_range(rs, u, i + 1, in->end, false, ovr);
    rs->depth--;
}

/* The compiled partial (or parent) an instruction names, or NULL when there is none to render
 * (reported as an error when it must be). */
static const mu_unit *partial_unit(rstate *rs, const mu_unit *u, const mu_instr *in)
{
    const char *what = in->op == OP_PARTIAL ? "partial" : "parent";
    bool strict = rs->t->opt.strict;
    mu_partial *p = in->partial;
    strbuf m = {0};
    if (in->flags & IF_DYNAMIC) {
        int found, got;
        const mu_value *v = lookup(rs, u, in, &found, &got);
        if (!v || v->kind != MU_STRING) {
            if (strict)
                report_miss(rs, u, in, found, got, v, "(the name of a partial)");
            return NULL;
        }
        size_t before = rs->errs->len;
        pthread_mutex_lock(&rs->t->lock);
        p = mu_partial_get(rs->t, v->u.str.s, v->u.str.len, rs->errs);
        pthread_mutex_unlock(&rs->t->lock);
        if (rs->errs->len != before)
            rs->failed = true;
        if (p->state == PARTIAL_MISSING && strict) {
            sb_printf(&m, "unknown %s '%s' (named by '%.*s')", what, p->name, (int)in->len, in->str);
            fail(rs, u, in, sb_str(&m));
        }
    }
    if (p->state == PARTIAL_BROKEN) {
        sb_printf(&m, "%s '%s' has errors", what, p->name);
        fail(rs, u, in, sb_str(&m));
    }
    sb_free(&m);
    return p->state == PARTIAL_OK || p->state == PARTIAL_LOADING ? p->unit : NULL;
}

/* Enters a partial, parent or block: depth limit. Returns false when too deep. A block counts
 * too: an override can hold a block of its own name, which finds that override again. */
static bool enter(rstate *rs, const mu_unit *u, const mu_instr *in)
{
    int max = rs->t->opt.max_partial_depth;
    if (rs->partial_depth < (int)(sizeof rs->chain / sizeof rs->chain[0]))
        rs->chain[rs->partial_depth] = in;
    if (++rs->partial_depth > max) {
        strbuf m = {0};
        if (in->op == OP_BLOCK)
            sb_printf(&m, "blocks nested deeper than %d (a block that includes itself?): ", max);
        else
            sb_printf(&m, "partials nested deeper than %d (a partial that includes itself?): ", max);
        int shown = rs->partial_depth - 1 < 8 ? rs->partial_depth - 1 : 8;
        for (int k = 0; k < shown; k++)
            sb_printf(&m, "%.*s -> ", (int)rs->chain[k]->len, rs->chain[k]->str);
        sb_printf(&m, "... -> %.*s", (int)in->len, in->str);
        fail(rs, u, in, sb_str(&m));
        sb_free(&m);
        rs->fatal = true;
        rs->partial_depth--;
        return false;
    }
    return true;
}

/* The body a block expands to: the outermost override along the chain, or its own default. */
static void find_block(const override *ovr, const mu_instr *blk, const mu_unit **bu,
                       const mu_instr **bi)
{
    for (const override *o = ovr; o; o = o->outer) {
        const mu_instr *p = o->parent;
        const mu_instr *base = o->unit->ins;
        for (uint32_t k = (uint32_t)(p - base) + 1; k < p->end; k = base[k].end ? base[k].end : k + 1) {
            const mu_instr *arg = &base[k];
            if (arg->op == OP_BLOCK && arg->len == blk->len && memcmp(arg->str, blk->str, blk->len) == 0) {
                *bu = o->unit;
                *bi = arg;
            }
        }
    }
}

/* True (and the render failed) when the output or the work has passed its limit. */
static bool over_budget(rstate *rs, const mu_unit *u, const mu_instr *in)
{
    const mu_options *o = &rs->t->opt;
    if (rs->out->len - rs->start <= o->max_output && ++rs->steps <= o->max_steps)
        return false;
    char msg[160];
    if (rs->out->len - rs->start > o->max_output)
        snprintf(msg, sizeof msg, "the output is longer than the limit of %zu KiB (a value too "
                 "long, or partials or sections repeating); rendering stopped here", o->max_output >> 10);
    else
        snprintf(msg, sizeof msg, "rendering takes more than %lu steps (sections or partials "
                 "repeated too deep?); stopped here", o->max_steps);
    fail_class(rs, u, in, DIAG_DATA, msg);
    rs->fatal = true;
    return true;
}

static void render_range(rstate *rs, const mu_unit *u, size_t begin, size_t end, bool starts_line,
                         const override *ovr)
{
    size_t i = begin;
    while (i < end && !rs->fatal) {
        const mu_instr *in = &u->ins[i];
        if (over_budget(rs, u, in))
            return;
        bool ind = rs->indent.len &&
                   ((in->flags & IF_BOL) || (starts_line && (in->flags & IF_FIRST_LINE)));
        if (in->op == OP_TEXT) {
            put_text(rs, in->str, in->len, ind);
            i++;
            continue;
        }
        if (ind)
            put_indent(rs);
        switch (in->op) {
        case OP_VAR:
        case OP_RAW:
            interpolate(rs, u, in);
            i++;
            break;
        case OP_SECTION:
        case OP_INVERTED:
            section(rs, u, in, i, ovr);
            i = in->end;
            break;
        case OP_PARTIAL:
        case OP_PARENT: {
            const mu_unit *pu = partial_unit(rs, u, in);
            if (pu && enter(rs, u, in)) {
                size_t saved = rs->indent.len;
                sb_append(&rs->indent, in->indent, in->indent_len);
                override args = {ovr, u, in};
                render_range(rs, pu, 0, pu->n, in->flags & IF_STARTS_LINE,
                             in->op == OP_PARENT ? &args : ovr);
                rs->indent.len = saved;
                rs->indent.data[saved] = '\0';
                rs->partial_depth--;
            }
            i = in->op == OP_PARENT ? in->end : i + 1;
            break;
        }
        case OP_BLOCK: {
            const mu_unit *bu = u;
            const mu_instr *bi = in;
            find_block(ovr, in, &bu, &bi);
            if (enter(rs, u, in)) {
                size_t saved = rs->indent.len;
                sb_append(&rs->indent, in->indent, in->indent_len);
                render_range(rs, bu, (size_t)(bi - bu->ins) + 1, bi->end, in->flags & IF_STARTS_LINE, ovr);
                rs->indent.len = saved;
                rs->indent.data[saved] = '\0';
                rs->partial_depth--;
            }
            i = in->end;
            break;
        }
        default:
            i++;
            break;
        }
    }
}

int mu_render(mu_template *t, const mu_value *data, mu_escape_fn escape, strbuf *out,
              diag_list *errs)
{
    diag_list local = {0};
    if (!errs)
        errs = &local;
    if (!t) {
        diag_add_class(errs, DIAG_TEMPLATE, NULL, 0, 0, NULL, NULL, "no template to render");
        diag_list_clear(&local);
        return -1;
    }
    size_t start = out->len;
    rstate rs = {.t = t, .escape = escape, .out = out, .start = start, .errs = errs};
    push(&rs, data, -1, NULL, -1);
    render_range(&rs, t->root, 0, t->root->n, false, NULL);
    int rc = rs.failed ? -1 : 0;
    if (rc) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
    }
    free(rs.stack);
    free(rs.reported);
    sb_free(&rs.indent);
    diag_list_clear(&local);
    return rc;
}
