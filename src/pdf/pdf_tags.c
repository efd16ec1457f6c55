/* pdf_tags.c: tagged PDF (see pdf_tags.h). The content is marked as pages are drawn; the
 * structure tree is made at the end, when every element's content (its MCIDs, page by page) is
 * known, once libharu has saved the document: the tree's objects (a hundred small dictionaries
 * in a letter) go into compressed object streams at the end of the file (pdf_xref.h), with the
 * catalog written again to point at them. Elements are written small: no /Type (optional), /Pg
 * once for the page of the first content, /K a bare MCID when that is all there is, a
 * marked-content reference only for content on another page. Elements with no content below
 * them are left out, except table cells: a reader counts cells to know the column. */
#include "pdf/pdf_tags.h"

#include <math.h>
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
    [ROLE_LINK] = "Link", [ROLE_STRONG] = "Strong", [ROLE_EM] = "Em",
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
    t->link_of = xcalloc(layout->n_elems ? layout->n_elems : 1, sizeof *t->link_of);
    for (size_t i = 1; i < layout->n_elems; i++)  /* parents come before their children */
        t->link_of[i] = layout->elems[i].role == ROLE_LINK ? (uint32_t)i
                                                            : t->link_of[layout->elems[i].parent];
    return true;
}

void tags_annot(pdf_tags *t, uint32_t link, const char *text, size_t len, double baseline,
                const double box[4])
{
    uint32_t page = (uint32_t)(t->n_pages - 1);
    pdf_annot *a = t->n_annots ? &t->annots[t->n_annots - 1] : NULL;
    long r[4] = {(long)floor(box[0]), (long)floor(box[1]), (long)ceil(box[2]), (long)ceil(box[3])};
    if (a && a->link == link && a->page == page && fabs(a->baseline - baseline) < 0.01) {
        for (int k = 0; k < 2; k++) {
            a->rect[k] = r[k] < a->rect[k] ? r[k] : a->rect[k];
            a->rect[k + 2] = r[k + 2] > a->rect[k + 2] ? r[k + 2] : a->rect[k + 2];
        }
    } else {
        t->annots = xgrow(t->annots, &t->cap_annots, t->n_annots + 1, sizeof *t->annots);
        a = &t->annots[t->n_annots++];
        *a = (pdf_annot){link, page, {r[0], r[1], r[2], r[3]}, baseline, t->annot_text.len, 0};
    }
    sb_append(&t->annot_text, text, len);
    a->len += len;
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
    size_t *sub_first;  /* the first mark in its subtree: children and marks merge by it */
    size_t *first_annot, *last_annot, *next_annot;
    size_t *first_child, *last_child, *next_child;
    unsigned *num;  /* its object number; 0: not written (no content below it) */
    unsigned struct_root, first_node, n_nodes, next_num;
} tree;

/* Appends item k to element el's chain. */
static void chain_add(size_t *first, size_t *last, size_t *next, uint32_t el, size_t k)
{
    next[k] = NONE;
    if (last[el] == NONE)
        first[el] = k;
    else
        next[last[el]] = k;
    last[el] = k;
}

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
    r->sub_first = xreallocarray(NULL, n, sizeof(size_t));
    r->first_annot = xreallocarray(NULL, n, sizeof(size_t));
    r->last_annot = xreallocarray(NULL, n, sizeof(size_t));
    r->next_annot = xreallocarray(NULL, t->n_annots ? t->n_annots : 1, sizeof(size_t));
    const pb_elem *e = t->layout->elems;
    for (size_t i = 0; i < n; i++)
        r->first_mark[i] = r->last_mark[i] = r->first_child[i] = r->last_child[i] =
            r->next_child[i] = r->first_annot[i] = r->last_annot[i] = NONE;
    for (size_t a = 0; a < t->n_annots; a++)
        chain_add(r->first_annot, r->last_annot, r->next_annot, t->annots[a].link, a);
    for (size_t k = 0; k < t->n_marks; k++)
        chain_add(r->first_mark, r->last_mark, r->next_mark, t->marks[k].elem, k);
    for (size_t i = 0; i < n; i++)
        r->sub_first[i] = r->first_mark[i];
    for (size_t i = n; i-- > 1;)
        if (r->sub_first[i] < r->sub_first[e[i].parent])
            r->sub_first[e[i].parent] = r->sub_first[i];
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
    free(r->sub_first);
    free(r->first_annot);
    free(r->last_annot);
    free(r->next_annot);
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
    if (k != NONE && r->next_mark[k] == NONE && r->first_child[i] == NONE &&
        r->first_annot[i] == NONE) {
        sb_puts(out, "/K ");
        put_uint(out, t->marks[k].mcid, "");
    } else if (k != NONE || r->first_child[i] != NONE || r->first_annot[i] != NONE) {
        /* its marks and children in reading order (a paragraph's emphasis and links come
           between its own runs), then its annotations */
        sb_puts(out, "/K[");
        size_t c = r->first_child[i];
        while (k != NONE || c != NONE) {
            if (c != NONE && (k == NONE || r->sub_first[c] < k)) {
                put_uint(out, r->num[c], " 0 R ");
                c = r->next_child[c];
            } else if (t->marks[k].page == pg) {
                put_uint(out, t->marks[k].mcid, " ");
                k = r->next_mark[k];
            } else {
                sb_puts(out, "<</Type/MCR/Pg ");
                put_uint(out, hpdf_page_id(t->pages[t->marks[k].page]), " 0 R/MCID ");
                put_uint(out, t->marks[k].mcid, ">>");
                k = r->next_mark[k];
            }
        }
        for (size_t a = r->first_annot[i]; a != NONE; a = r->next_annot[a]) {
            sb_puts(out, "<</Type/OBJR");
            if (r->first_mark[i] == NONE || t->annots[a].page != pg) {
                sb_puts(out, "/Pg ");
                put_uint(out, hpdf_page_id(t->pages[t->annots[a].page]), " 0 R");
            }
            sb_puts(out, "/Obj ");
            put_uint(out, t->first_annot + a, " 0 R>>");
        }
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
    bool annots = last == t->n_pages;  /* their keys follow the pages': in the last node */
    size_t k = 0;
    while (k < t->n_marks && t->marks[k].page < first)
        k++;
    sb_puts(out, "<<");
    if (j) {
        sb_puts(out, "/Limits[");
        put_uint(out, first, " ");
        put_uint(out, (annots ? last + t->n_annots : last) - 1, "]");
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
    for (size_t a = 0; annots && a < t->n_annots; a++) {  /* an annotation's key: its Link */
        put_uint(out, t->n_pages + a, " ");
        put_uint(out, r->num[t->annots[a].link], " 0 R\n");
    }
    sb_puts(out, "]>>");
}

/* A PDF string of text[0..len): literal when ASCII, else UTF-16BE in hex. */
static void put_text_string(strbuf *out, const char *text, size_t len)
{
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        ascii &= (unsigned char)text[i] >= 0x20 && (unsigned char)text[i] < 0x7F;
    if (!ascii) {
        strbuf u = {0};
        pdf_utf16be(text, len, &u);
        put_hex(out, u.data, u.len);
        sb_free(&u);
        return;
    }
    sb_putc(out, '(');
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '(' || text[i] == ')' || text[i] == '\\')
            sb_putc(out, '\\');
        sb_putc(out, text[i]);
    }
    sb_putc(out, ')');
}

/* Annotation a: a link without a border, printed, its /Contents the text of its whole Link
 * (every line piece: pieces of one link come one after another), and its URI. */
static void write_annot(const pdf_tags *t, size_t a, strbuf *out)
{
    const pdf_annot *an = &t->annots[a];
    sb_puts(out, "<</Subtype/Link/Rect[");
    for (int i = 0; i < 4; i++)
        put_uint(out, an->rect[i] > 0 ? (size_t)an->rect[i] : 0, i < 3 ? " " : "]");
    sb_puts(out, "/Border[0 0 0]/F 4/StructParent ");
    put_uint(out, t->n_pages + a, "/Contents");
    size_t lo = a, hi = a;
    while (lo > 0 && t->annots[lo - 1].link == an->link)
        lo--;
    while (hi + 1 < t->n_annots && t->annots[hi + 1].link == an->link)
        hi++;
    const char *text = t->annot_text.data + t->annots[lo].text;
    size_t len = t->annots[hi].text + t->annots[hi].len - t->annots[lo].text;
    while (len && text[len - 1] == ' ')
        len--;
    put_text_string(out, text, len);
    const pb_elem *link = &t->layout->elems[an->link];
    sb_puts(out, "/A<</S/URI/URI");
    put_text_string(out, sb_str(&t->layout->text) + link->alt, link->alt_len);
    sb_puts(out, ">>>>");
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
    t->first_annot = hpdf_object_count(t->doc) + 2;  /* after the metadata and the xref */
    for (size_t a = 0; a < t->n_annots; a++)
        ret += hpdf_page_add_ref(t->doc, t->pages[t->annots[a].page], "Annots",
                                 t->first_annot + (unsigned)a);
    hpdf_set_version_17(t->doc);
    return ret;
}

/* Numbers, from libharu's /Size on: the metadata, the cross-reference stream, the link
 * annotations, the structure tree's root, the elements written, the parent tree's nodes, then the object streams. */
int tags_write(pdf_tags *t, const char *title, unsigned char **pdf, size_t *len)
{
    const pb_layout *L = t->layout;
    unsigned size = pdf_xref_size(*pdf, *len), catalog, pages;
    if (!size || !L->n_elems || hpdf_catalog_ids(t->doc, &catalog, &pages) != 0 ||
        size + 2 != t->first_annot)
        return -1;  /* (saving made objects: the annotations' numbers are taken) */
    tree r = {0};
    pdf_objects o = {0};
    strbuf meta = {0};
    int rc = -1;
    if (!tree_make(t, &r))
        goto done;
    unsigned meta_num = size, xref_num = size + 1, n_annots = (unsigned)t->n_annots;
    r.struct_root = t->first_annot + n_annots;
    bool role_map = false;
    for (size_t i = 0; i < L->n_elems; i++)
        if (r.num[i]) {
            r.num[i] += r.struct_root;
            role_map |= L->elems[i].role == ROLE_STRONG || L->elems[i].role == ROLE_EM;
        }
    r.first_node = r.struct_root + 1 + r.next_num;
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
    put_uint(&o.body, t->n_pages + t->n_annots, role_map ? "/RoleMap<</Strong/Span/Em/Span>>>>" : ">>");
    for (size_t a = 0; a < t->n_annots; a++) {
        pdf_objects_begin(&o, t->first_annot + (unsigned)a);
        write_annot(t, a, &o.body);
    }
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
                          xref_num, catalog);
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
    free(t->link_of);
    free(t->annots);
    sb_free(&t->annot_text);
    memset(t, 0, sizeof *t);
}
