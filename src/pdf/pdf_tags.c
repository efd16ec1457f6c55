/* pdf_tags.c: tagged PDF (see pdf_tags.h). The content is marked as pages are drawn; the
 * structure tree is made at the end, when every element's content (its MCIDs, page by page) is
 * known. Element dictionaries are written small: no /Type (optional), /Pg once for the page of
 * the first content, /K a bare MCID when that is all there is, a marked-content reference only
 * for content on another page. Elements with no content below them are left out, except table
 * cells: a reader counts cells to know the column. */
#include "pdf/pdf_tags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "pdf/hpdf_compat.h"

static const char *const role_name[ROLE_COUNT] = {
    [ROLE_DOCUMENT] = "Document", [ROLE_PART] = "Part", [ROLE_DIV] = "Div", [ROLE_P] = "P",
    [ROLE_H1] = "H1", [ROLE_H2] = "H2", [ROLE_H3] = "H3", [ROLE_H4] = "H4", [ROLE_H5] = "H5",
    [ROLE_H6] = "H6", [ROLE_L] = "L", [ROLE_LI] = "LI", [ROLE_LBL] = "Lbl",
    [ROLE_LBODY] = "LBody", [ROLE_TABLE] = "Table", [ROLE_TR] = "TR", [ROLE_TH] = "TH",
    [ROLE_TD] = "TD", [ROLE_BLOCKQUOTE] = "BlockQuote", [ROLE_FIGURE] = "Figure",
};

enum { PARENT_TREE_LEAF = 256 };  /* pages per leaf of the parent tree (arrays stay short) */

/* A number, then tail: by hand, as snprintf was most of the time spent writing the tags. */
static void put_uint(strbuf *out, size_t v, const char *tail)
{
    char buf[24], *p = buf + sizeof buf;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sb_append(out, p, (size_t)(buf + sizeof buf - p));
    sb_puts(out, tail);
}

/* "N 0 R " for an indirect object. */
static void put_ref(strbuf *out, const void *obj) { put_uint(out, hpdf_obj_id(obj), " 0 R "); }

void pdf_utf16be(const char *text, size_t len, strbuf *out)
{
    sb_append(out, "\xFE\xFF", 2);
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
            char b[4] = {(char)(hi >> 8), (char)hi, (char)(lo >> 8), (char)lo};
            sb_append(out, b, 4);
        } else {
            char b[2] = {(char)(cp >> 8), (char)cp};
            sb_append(out, b, 2);
        }
    }
}

bool tags_init(pdf_tags *t, HPDF_Doc doc, const pb_layout *layout)
{
    memset(t, 0, sizeof *t);
    t->doc = doc;
    t->layout = layout;
    t->pages = calloc(layout->n_pages ? layout->n_pages : 1, sizeof *t->pages);
    return t->pages != NULL;
}

void tags_page(pdf_tags *t, HPDF_Page page)
{
    t->pages[t->n_pages++] = page;
    t->next_mcid = 0;
    t->open = false;
}

void tags_close(pdf_tags *t, strbuf *c)
{
    if (t->open)
        sb_puts(c, "EMC\n");
    t->open = false;
}

void tags_mark(pdf_tags *t, strbuf *c, uint32_t elem)
{
    if (t->open && t->open_elem == elem)
        return;
    tags_close(t, c);
    t->open = true;
    t->open_elem = elem;
    if (!elem) {
        sb_puts(c, "/Artifact BMC\n");
        return;
    }
    if (t->n_marks == t->cap_marks) {
        size_t cap = t->cap_marks ? 2 * t->cap_marks : 256;
        pdf_mark *m = realloc(t->marks, cap * sizeof *m);
        if (!m)
            abort();  /* as strbuf does */
        t->marks = m;
        t->cap_marks = cap;
    }
    uint32_t mcid = t->next_mcid++;
    t->marks[t->n_marks++] = (pdf_mark){elem, (uint32_t)(t->n_pages - 1), mcid};
    sb_putc(c, '/');
    sb_puts(c, role_name[t->layout->elems[elem].role]);
    sb_puts(c, " <</MCID ");
    put_uint(c, mcid, ">> BDC\n");
}

/* What the tree is made from: per element, its marks (a chain through next_mark) and children
 * (a chain through next_child), whether it is written, and its dictionary, whose entries
 * write_elem writes at save. Kept until then (tags_free). */
enum { NONE = (size_t)-1 };

typedef struct elem_out {
    hpdf_custom c;  /* first: write_elem gets a pointer to it */
    pdf_tags *t;
    size_t index;
} elem_out;

struct pdf_tree {
    size_t *first_mark, *last_mark, *next_mark;
    size_t *first_child, *last_child, *next_child;
    bool *kept;
    HPDF_Dict *dict;
    elem_out *out;
    struct tree_node *nodes;  /* the parent tree: its root, then its leaves when it has any */
    HPDF_Dict *node_dict;
    size_t n_nodes;
    strbuf scratch;
    HPDF_Dict struct_root;
};

static bool tree_make(pdf_tags *t, struct pdf_tree *r)
{
    size_t n = t->layout->n_elems, m = t->n_marks ? t->n_marks : 1;
    r->first_mark = malloc(n * sizeof(size_t));
    r->last_mark = malloc(n * sizeof(size_t));
    r->first_child = malloc(n * sizeof(size_t));
    r->last_child = malloc(n * sizeof(size_t));
    r->next_child = malloc(n * sizeof(size_t));
    r->next_mark = malloc(m * sizeof(size_t));
    r->kept = calloc(n, sizeof(bool));
    r->dict = calloc(n, sizeof(HPDF_Dict));
    r->out = calloc(n, sizeof(elem_out));
    if (!r->first_mark || !r->last_mark || !r->first_child || !r->last_child || !r->next_child ||
        !r->next_mark || !r->kept || !r->dict || !r->out)
        return false;
    const pb_elem *e = t->layout->elems;
    for (size_t i = 0; i < n; i++)
        r->first_mark[i] = r->last_mark[i] = r->first_child[i] = r->last_child[i] =
            r->next_child[i] = NONE;
    for (size_t k = 0; k < t->n_marks; k++) {
        uint32_t el = t->marks[k].elem;
        r->next_mark[k] = NONE;
        if (r->last_mark[el] == NONE)
            r->first_mark[el] = k;
        else
            r->next_mark[r->last_mark[el]] = k;
        r->last_mark[el] = k;
    }
    /* kept: has content, is a table cell, or has a kept child (children come after parents) */
    for (size_t i = n; i-- > 0;) {
        if (r->first_mark[i] != NONE || e[i].role == ROLE_TH || e[i].role == ROLE_TD)
            r->kept[i] = true;
        if (i && r->kept[i])
            r->kept[e[i].parent] = true;
    }
    r->kept[0] = true;
    for (size_t i = 1; i < n; i++) {
        if (!r->kept[i])
            continue;
        size_t p = e[i].parent;
        if (r->last_child[p] == NONE)
            r->first_child[p] = i;
        else
            r->next_child[r->last_child[p]] = i;
        r->last_child[p] = i;
    }
    return true;
}

static void tree_free(struct pdf_tree *r)
{
    if (!r)
        return;
    free(r->first_mark);
    free(r->last_mark);
    free(r->next_mark);
    free(r->first_child);
    free(r->last_child);
    free(r->next_child);
    free(r->kept);
    free(r->dict);
    free(r->out);
    free(r->nodes);
    free(r->node_dict);
    sb_free(&r->scratch);
    free(r);
}

/* A PDF string of bytes[0..len) in hex. */
static void put_hex(strbuf *out, const char *bytes, size_t len)
{
    static const char digit[] = "0123456789ABCDEF";
    sb_putc(out, '<');
    for (size_t i = 0; i < len; i++) {
        sb_putc(out, digit[(unsigned char)bytes[i] >> 4]);
        sb_putc(out, digit[(unsigned char)bytes[i] & 15]);
    }
    sb_putc(out, '>');
}

/* One element's entries: /S, /P, /Pg, /K, and /Alt or /A where its role needs them. */
static void write_elem(const hpdf_custom *self, strbuf *out)
{
    const elem_out *eo = (const elem_out *)self;
    pdf_tags *t = eo->t;
    struct pdf_tree *r = t->tree;
    size_t i = eo->index;
    const pb_elem *e = &t->layout->elems[i];
    sb_puts(out, "/S/");
    sb_puts(out, role_name[e->role]);
    sb_puts(out, "/P ");
    put_ref(out, i ? (const void *)r->dict[e->parent] : (const void *)r->struct_root);
    size_t k = r->first_mark[i];
    uint32_t pg = k != NONE ? t->marks[k].page : 0;
    if (k != NONE)
    {
        sb_puts(out, "/Pg ");
        put_ref(out, t->pages[pg]);
    }
    if (k != NONE && r->next_mark[k] == NONE && r->first_child[i] == NONE) {
        sb_puts(out, "/K ");
        put_uint(out, t->marks[k].mcid, "");
    } else if (k != NONE || r->first_child[i] != NONE) {
        sb_puts(out, "/K[");
        for (; k != NONE; k = r->next_mark[k]) {
            if (t->marks[k].page == pg)
                put_uint(out, t->marks[k].mcid, " ");
            else {  /* content on another page */
                sb_puts(out, "<</Type/MCR/Pg ");
                put_ref(out, t->pages[t->marks[k].page]);
                sb_puts(out, "/MCID ");
                put_uint(out, t->marks[k].mcid, ">>");
            }
        }
        for (size_t c = r->first_child[i]; c != NONE; c = r->next_child[c])
            put_ref(out, r->dict[c]);
        sb_putc(out, ']');
    }
    if (e->role == ROLE_FIGURE) {
        strbuf alt = {0};
        pdf_utf16be(sb_str(&t->layout->text) + e->alt, e->alt_len, &alt);
        sb_puts(out, "/Alt");
        put_hex(out, alt.data, alt.len);
        sb_free(&alt);
    } else if (e->role == ROLE_TH) {
        sb_puts(out, e->row_scope ? "/A<</O/Table/Scope/Row>>" : "/A<</O/Table/Scope/Column>>");
    }
    sb_putc(out, '\n');
}

/* The parent tree: for each page with marked content (key: the page's /StructParents), the
 * element of each MCID. Up to PARENT_TREE_LEAF pages in the root's /Nums; beyond, leaves of
 * that many pages each under the root's /Kids (a print stream of thousands of pages). */
typedef struct tree_node {
    hpdf_custom c;  /* first: write_node gets a pointer to it */
    pdf_tags *t;
    size_t first, last;  /* its pages; the root of a tree with leaves has none */
    bool leaf;
} tree_node;

static void write_node(const hpdf_custom *self, strbuf *out)
{
    const tree_node *nd = (const tree_node *)self;
    pdf_tags *t = nd->t;
    struct pdf_tree *r = t->tree;
    if (!nd->leaf && r->n_nodes > 1) {
        sb_puts(out, "/Kids[");
        for (size_t i = 1; i < r->n_nodes; i++)
            put_ref(out, r->node_dict[i]);
        sb_puts(out, "]\n");
        return;
    }
    size_t k = 0;
    while (k < t->n_marks && t->marks[k].page < nd->first)
        k++;
    if (nd->leaf)
    {
        sb_puts(out, "/Limits[");
        put_uint(out, nd->first, " ");
        put_uint(out, nd->last - 1, "]");
    }
    sb_puts(out, "/Nums[");
    for (size_t p = nd->first; p < nd->last; p++) {
        if (k >= t->n_marks || t->marks[k].page != p)
            continue;  /* a page with no marked content: no entry */
        put_uint(out, p, "[");
        for (; k < t->n_marks && t->marks[k].page == p; k++)
            put_ref(out, r->dict[t->marks[k].elem]);
        sb_puts(out, "]\n");
    }
    sb_puts(out, "]\n");
}

static HPDF_Dict parent_tree(pdf_tags *t)
{
    struct pdf_tree *r = t->tree;
    size_t leaves = t->n_pages > PARENT_TREE_LEAF ? (t->n_pages + PARENT_TREE_LEAF - 1) / PARENT_TREE_LEAF : 0;
    r->n_nodes = 1 + leaves;
    r->nodes = calloc(r->n_nodes, sizeof *r->nodes);
    r->node_dict = calloc(r->n_nodes, sizeof *r->node_dict);
    if (!r->nodes || !r->node_dict)
        return NULL;
    for (size_t i = 0; i < r->n_nodes; i++) {
        tree_node *nd = &r->nodes[i];
        *nd = (tree_node){{write_node, &r->scratch}, t, 0, t->n_pages, i > 0};
        if (i) {
            nd->first = (i - 1) * PARENT_TREE_LEAF;
            nd->last = nd->first + PARENT_TREE_LEAF < t->n_pages ? nd->first + PARENT_TREE_LEAF : t->n_pages;
        }
        if (!(r->node_dict[i] = hpdf_obj_custom(t->doc, &nd->c)))
            return NULL;
    }
    return r->node_dict[0];
}

/* XMP with the title (dc:title) and the PDF/UA part; the title escaped for XML. */
static HPDF_Dict metadata(pdf_tags *t, const char *title)
{
    strbuf x = {0};
    sb_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    for (const char *s = title ? title : ""; *s; s++) {
        if (*s == '<')
            sb_puts(&x, "&lt;");
        else if (*s == '&')
            sb_puts(&x, "&amp;");
        else if (*s == '>')
            sb_puts(&x, "&gt;");
        else
            sb_putc(&x, *s);
    }
    sb_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n<pdfuaid:part>1</pdfuaid:part>\n"
                "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>");
    HPDF_Dict d = hpdf_obj_metadata(t->doc, x.data, x.len);
    sb_free(&x);
    return d;
}

/* The catalog's entries for a tagged document. */
static HPDF_STATUS mark_catalog(pdf_tags *t, HPDF_Dict struct_root, const char *title)
{
    HPDF_Dict catalog = hpdf_obj_catalog(t->doc);
    HPDF_Dict mark_info = hpdf_obj_dict(t->doc, 0), prefs = hpdf_obj_dict(t->doc, 0);
    HPDF_Dict meta = metadata(t, title);
    if (!catalog || !mark_info || !prefs || !meta)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS ret = hpdf_obj_put_true(mark_info, "Marked");
    ret += hpdf_obj_put(catalog, "MarkInfo", mark_info);
    ret += hpdf_obj_put_ascii(t->doc, catalog, "Lang", "en-GB");
    ret += hpdf_obj_put_true(prefs, "DisplayDocTitle");
    ret += hpdf_obj_put(catalog, "ViewerPreferences", prefs);
    ret += hpdf_obj_put(catalog, "Metadata", meta);
    ret += hpdf_obj_put(catalog, "StructTreeRoot", struct_root);
    hpdf_set_version_17(t->doc);
    return ret;
}

HPDF_STATUS tags_finish(pdf_tags *t, const char *title)
{
    const pb_layout *L = t->layout;
    if (!L->n_elems)
        return HPDF_INVALID_OBJECT;  /* cannot happen: the layout always makes the root */
    struct pdf_tree *r = t->tree = calloc(1, sizeof *t->tree);
    if (!r || !tree_make(t, r) || !(r->struct_root = hpdf_obj_dict(t->doc, 1)))
        return HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t i = 0; i < L->n_elems; i++) {
        if (!r->kept[i])
            continue;
        r->out[i] = (elem_out){{write_elem, &r->scratch}, t, i};
        if (!(r->dict[i] = hpdf_obj_custom(t->doc, &r->out[i].c)))
            return HPDF_FAILD_TO_ALLOC_MEM;
    }
    HPDF_Dict tree_root = parent_tree(t);
    if (!tree_root)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS ret = hpdf_obj_put_name(r->struct_root, "Type", "StructTreeRoot");
    ret += hpdf_obj_put(r->struct_root, "K", r->dict[0]);
    ret += hpdf_obj_put(r->struct_root, "ParentTree", tree_root);
    ret += hpdf_obj_put_int(r->struct_root, "ParentTreeNextKey", (long)t->n_pages);
    for (size_t p = 0, k = 0; p < t->n_pages; p++) {
        ret += hpdf_obj_put_name(t->pages[p], "Tabs", "S");
        while (k < t->n_marks && t->marks[k].page < p)
            k++;
        if (k < t->n_marks && t->marks[k].page == p)
            ret += hpdf_obj_put_int(t->pages[p], "StructParents", (long)p);
    }
    ret += mark_catalog(t, r->struct_root, title);
    return ret;
}

void tags_free(pdf_tags *t)
{
    tree_free(t->tree);
    free(t->marks);
    free(t->pages);
    memset(t, 0, sizeof *t);
}
