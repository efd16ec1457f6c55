/* pdf_tags.c: tagged PDF (see pdf_tags.h). The content is marked as pages are drawn; the
 * structure tree is made at the end, when every element's content (its MCIDs, page by page) is
 * known, once libharu has saved the document: the tree's objects (a hundred small dictionaries
 * in a letter) go into compressed object streams at the end of the file (pdf_xref.h), with the
 * catalog written again to point at them. Elements are written small: no /Type (optional), /Pg
 * once for the page of the first content, /K a bare MCID when that is all there is, a
 * marked-content reference only for content on another page. Elements with no content below
 * them are left out, except table cells: a reader counts cells to know the column. */
#include "pdf/pdf_tags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "pdf/hpdf_compat.h"
#include "pdf/pdf_xref.h"

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
    t->pages = xcalloc(layout->n_pages ? layout->n_pages : 1, sizeof *t->pages);
    return true;
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
    t->marks = xgrow(t->marks, &t->cap_marks, t->n_marks + 1, sizeof *t->marks);
    uint32_t mcid = t->next_mcid++;
    t->marks[t->n_marks++] = (pdf_mark){elem, (uint32_t)(t->n_pages - 1), mcid};
    sb_putc(c, '/');
    sb_puts(c, role_name[t->layout->elems[elem].role]);
    sb_puts(c, " <</MCID ");
    put_uint(c, mcid, ">> BDC\n");
}

/* What the tree is made from: per element, its marks (a chain through next_mark) and children
 * (a chain through next_child), whether it is written, and its object number. */
enum { NONE = (size_t)-1 };

typedef struct tree {
    size_t *first_mark, *last_mark, *next_mark;
    size_t *first_child, *last_child, *next_child;
    unsigned *num;  /* its object number; 0: not written (no content below it) */
    unsigned struct_root, first_node, n_nodes, next_num;
} tree;

static bool tree_make(pdf_tags *t, tree *r)
{
    size_t n = t->layout->n_elems, m = t->n_marks ? t->n_marks : 1;
    r->first_mark = xreallocarray(NULL, n, sizeof(size_t));
    r->last_mark = xreallocarray(NULL, n, sizeof(size_t));
    r->first_child = xreallocarray(NULL, n, sizeof(size_t));
    r->last_child = xreallocarray(NULL, n, sizeof(size_t));
    r->next_child = xreallocarray(NULL, n, sizeof(size_t));
    r->next_mark = xreallocarray(NULL, m, sizeof(size_t));
    r->num = xcalloc(n, sizeof(unsigned));
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
    bool *kept = xcalloc(n, sizeof(bool));
    for (size_t i = n; i-- > 0;) {
        if (r->first_mark[i] != NONE || e[i].role == ROLE_TH || e[i].role == ROLE_TD)
            kept[i] = true;
        if (i && kept[i])
            kept[e[i].parent] = true;
    }
    kept[0] = true;
    for (size_t i = 0; i < n; i++) {
        if (!kept[i])
            continue;
        r->num[i] = ++r->next_num;
        if (!i)
            continue;
        size_t p = e[i].parent;
        if (r->last_child[p] == NONE)
            r->first_child[p] = i;
        else
            r->next_child[r->last_child[p]] = i;
        r->last_child[p] = i;
    }
    free(kept);
    return true;
}

static void tree_free(tree *r)
{
    free(r->first_mark);
    free(r->last_mark);
    free(r->next_mark);
    free(r->first_child);
    free(r->last_child);
    free(r->next_child);
    free(r->num);
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

/* One element: /S, /P, /Pg (the page of its first content), /K (a bare MCID when that is all,
 * a marked-content reference for content on another page), and /Alt or /A where its role
 * needs them. */
static void write_elem(const pdf_tags *t, const tree *r, size_t i, strbuf *out)
{
    const pb_elem *e = &t->layout->elems[i];
    sb_puts(out, "<</S/");
    sb_puts(out, role_name[e->role]);
    sb_puts(out, "/P ");
    put_uint(out, i ? r->num[e->parent] : r->struct_root, " 0 R");
    size_t k = r->first_mark[i];
    uint32_t pg = k != NONE ? t->marks[k].page : 0;
    if (k != NONE) {
        sb_puts(out, "/Pg ");
        put_uint(out, hpdf_page_id(t->pages[pg]), " 0 R");
    }
    if (k != NONE && r->next_mark[k] == NONE && r->first_child[i] == NONE) {
        sb_puts(out, "/K ");
        put_uint(out, t->marks[k].mcid, "");
    } else if (k != NONE || r->first_child[i] != NONE) {
        sb_puts(out, "/K[");
        for (; k != NONE; k = r->next_mark[k]) {
            if (t->marks[k].page == pg) {
                put_uint(out, t->marks[k].mcid, " ");
                continue;
            }
            sb_puts(out, "<</Type/MCR/Pg ");
            put_uint(out, hpdf_page_id(t->pages[t->marks[k].page]), " 0 R/MCID ");
            put_uint(out, t->marks[k].mcid, ">>");
        }
        for (size_t c = r->first_child[i]; c != NONE; c = r->next_child[c])
            put_uint(out, r->num[c], " 0 R ");
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
    sb_puts(out, ">>");
}

/* The parent tree: for each page with marked content (key: the page's /StructParents), the
 * element of each MCID. Up to PARENT_TREE_LEAF pages in the root's /Nums; beyond, leaves of
 * that many pages each under the root's /Kids (a print stream of thousands of pages). Node 0 is
 * the root, node j > 0 holds pages [(j - 1) * PARENT_TREE_LEAF, ...). */
static void write_node(const pdf_tags *t, const tree *r, unsigned j, strbuf *out)
{
    if (j == 0 && r->n_nodes > 1) {
        sb_puts(out, "<</Kids[");
        for (unsigned i = 1; i < r->n_nodes; i++)
            put_uint(out, r->first_node + i, " 0 R ");
        sb_puts(out, "]>>");
        return;
    }
    size_t first = j ? (j - 1) * (size_t)PARENT_TREE_LEAF : 0;
    size_t last = j && first + PARENT_TREE_LEAF < t->n_pages ? first + PARENT_TREE_LEAF : t->n_pages;
    size_t k = 0;
    while (k < t->n_marks && t->marks[k].page < first)
        k++;
    sb_puts(out, "<<");
    if (j) {
        sb_puts(out, "/Limits[");
        put_uint(out, first, " ");
        put_uint(out, last - 1, "]");
    }
    sb_puts(out, "/Nums[");
    for (size_t p = first; p < last; p++) {
        if (k >= t->n_marks || t->marks[k].page != p)
            continue;  /* a page with no marked content: no entry */
        put_uint(out, p, "[");
        for (; k < t->n_marks && t->marks[k].page == p; k++)
            put_uint(out, r->num[t->marks[k].elem], " 0 R ");
        sb_puts(out, "]\n");
    }
    sb_puts(out, "]>>");
}

/* XMP with the title (dc:title) and the PDF/UA part, as a stream object's text. */
static void write_metadata(const char *title, strbuf *out)
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
    sb_puts(out, "<</Type/Metadata/Subtype/XML/Length ");
    put_uint(out, x.len, ">>stream\n");
    sb_append(out, x.data, x.len);
    sb_puts(out, "\nendstream");
    sb_free(&x);
}

HPDF_STATUS tags_finish(pdf_tags *t)
{
    unsigned catalog, pages;
    if (hpdf_catalog_ids(t->doc, &catalog, &pages) != 0)
        return HPDF_INVALID_OBJECT;  /* a catalog entry we would not write again */
    HPDF_STATUS ret = HPDF_OK;
    for (size_t p = 0, k = 0; p < t->n_pages; p++) {
        ret += hpdf_page_put_name(t->pages[p], "Tabs", "S");
        while (k < t->n_marks && t->marks[k].page < p)
            k++;
        if (k < t->n_marks && t->marks[k].page == p)
            ret += hpdf_page_put_int(t->pages[p], "StructParents", (long)p);
    }
    hpdf_set_version_17(t->doc);
    return ret;
}

/* Numbers, from libharu's /Size on: the metadata, the cross-reference stream, the structure
 * tree's root, the elements written, the parent tree's nodes, then the object streams. */
int tags_write(pdf_tags *t, const char *title, unsigned char **pdf, size_t *len, z_stream *z)
{
    const pb_layout *L = t->layout;
    unsigned size = pdf_xref_size(*pdf, *len), catalog, pages;
    if (!size || !L->n_elems || hpdf_catalog_ids(t->doc, &catalog, &pages) != 0)
        return -1;
    tree r = {0};
    pdf_objects o = {0};
    strbuf meta = {0};
    int rc = -1;
    if (!tree_make(t, &r))
        goto done;
    unsigned meta_num = size, xref_num = size + 1;
    r.struct_root = size + 2;
    for (size_t i = 0; i < L->n_elems; i++)
        if (r.num[i])
            r.num[i] += size + 2;
    r.first_node = size + 3 + r.next_num;
    r.n_nodes = 1 + (t->n_pages > PARENT_TREE_LEAF ? (unsigned)((t->n_pages + PARENT_TREE_LEAF - 1) / PARENT_TREE_LEAF) : 0);

    pdf_objects_begin(&o, catalog);
    sb_puts(&o.body, "<</Type/Catalog/Pages ");
    put_uint(&o.body, pages, " 0 R/MarkInfo<</Marked true>>/Lang(en-GB)");
    sb_puts(&o.body, "/ViewerPreferences<</DisplayDocTitle true>>/Metadata ");
    put_uint(&o.body, meta_num, " 0 R/StructTreeRoot ");
    put_uint(&o.body, r.struct_root, " 0 R>>");
    pdf_objects_begin(&o, r.struct_root);
    sb_puts(&o.body, "<</Type/StructTreeRoot/K ");
    put_uint(&o.body, r.num[0], " 0 R/ParentTree ");
    put_uint(&o.body, r.first_node, " 0 R/ParentTreeNextKey ");
    put_uint(&o.body, t->n_pages, ">>");
    for (size_t i = 0; i < L->n_elems; i++) {
        if (!r.num[i])
            continue;
        pdf_objects_begin(&o, r.num[i]);
        write_elem(t, &r, i, &o.body);
    }
    for (unsigned j = 0; j < r.n_nodes; j++) {
        pdf_objects_begin(&o, r.first_node + j);
        write_node(t, &r, j, &o.body);
    }
    write_metadata(title, &meta);
    rc = pdf_xref_rewrite(pdf, len, &o, r.first_node + r.n_nodes, meta.data, meta.len, meta_num,
                          xref_num, catalog, z);
done:
    tree_free(&r);
    pdf_objects_free(&o);
    sb_free(&meta);
    return rc;
}

void tags_free(pdf_tags *t)
{
    free(t->marks);
    free(t->pages);
    memset(t, 0, sizeof *t);
}
