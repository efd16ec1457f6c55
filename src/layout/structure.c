/* structure.c: the document's structure elements (pb_layout.elems), made as the blocks are
 * built so their order is the reading order: the tagged PDF's structure tree, which pdf/ writes.
 * The layout only says what each piece of text is (a heading, a list label, a table header
 * cell); how that becomes tags is the backend's business. */
#include "layout/layout_internal.h"

#include "core/xalloc.h"

static uint32_t add_elem(pb_layout *out, pb_role role, uint32_t parent)
{
    out->elems = xgrow(out->elems, &out->cap_elems, out->n_elems + 1, sizeof *out->elems);
    out->elems[out->n_elems] = (pb_elem){.role = role, .parent = parent};
    return (uint32_t)out->n_elems++;
}

uint32_t lay_elem_new(lay *L, pb_role role) { return add_elem(L->out, role, L->elem); }

uint32_t lay_elem_open(lay *L, pb_role role)
{
    uint32_t previous = L->elem;
    L->elem = lay_elem_new(L, role);
    return previous;
}

void lay_elem_close(lay *L, uint32_t previous) { L->elem = previous; }

uint32_t lay_tag_new(lay *L, pb_role role, uint32_t parent, const char *uri, size_t uri_len)
{
    L->tags = xgrow(L->tags, &L->cap_tags, L->n_tags + 1, sizeof *L->tags);
    L->tags[L->n_tags] = (inline_tag){.role = role, .parent = parent, .uri = L->out->text.len,
                                      .uri_len = uri_len};
    if (uri_len)
        sb_append(&L->out->text, uri, uri_len);
    return (uint32_t)++L->n_tags;
}

uint32_t lay_tag_elem(lay *L, uint32_t tag)
{
    if (!tag)
        return L->elem;
    if (!L->tags[tag - 1].elem) {
        /* the parent first (nesting is at most MAX_INLINE_NESTING deep) */
        uint32_t parent = lay_tag_elem(L, L->tags[tag - 1].parent);
        inline_tag *t = &L->tags[tag - 1];
        t->elem = add_elem(L->out, t->role, parent);
        L->out->elems[t->elem].alt = t->uri;
        L->out->elems[t->elem].alt_len = t->uri_len;
    }
    return L->tags[tag - 1].elem;
}

/* Headings are tagged from H1 and never skip a level (a screen reader's list of headings would
 * show a gap): a Markdown level deeper than one below the last heading's is raised to it. */
pb_role lay_heading_role(lay *L, int markdown_level)
{
    int level = markdown_level < 1 ? 1 : markdown_level;
    if (level > L->heading_level + 1)
        level = L->heading_level + 1;
    if (level > 6)
        level = 6;
    L->heading_level = level;
    return (pb_role)(ROLE_H1 + level - 1);
}

uint32_t layout_append_elems(pb_layout *dst, const pb_layout *src, size_t base_text)
{
    if (!dst->n_elems)
        add_elem(dst, ROLE_DOCUMENT, 0);
    uint32_t base = (uint32_t)dst->n_elems;
    for (size_t i = 0; i < src->n_elems; i++) {
        pb_elem e = src->elems[i];
        e.parent = i ? e.parent + base : 0;
        if (!i)
            e.role = ROLE_PART;
        e.alt += base_text;
        dst->elems = xgrow(dst->elems, &dst->cap_elems, dst->n_elems + 1, sizeof *dst->elems);
        dst->elems[dst->n_elems++] = e;
    }
    return base;
}
