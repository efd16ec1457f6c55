/* hpdf_compat.c: the uses of libharu's private headers and structs (see hpdf_compat.h).
 *
 * Written against libharu 2.3.0 (Debian 12): the struct fields used here are not part of its API
 * and change between versions (2.4 reorganised fonts and encoders), so another version stops the
 * build here rather than writing broken PDFs. To move to one: check every function below against
 * its headers, then run tests/test_golden.sh, which compares every output byte. */
#include "pdf/hpdf_compat.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#if !defined(HPDF_VERSION_ID) || HPDF_VERSION_ID != 20300
#error "hpdf_compat.c was written for libharu 2.3.0 (HPDF_VERSION_ID 20300): read its top comment"
#endif

/* Glyph names: hpdf.h has no call from a character to the name a PDF names its glyph by (only
 * encoders use them); the table is exported from hpdf_encoder.h. */
const char *hpdf_glyph_name(uint32_t cp) { return HPDF_UnicodeToGryphName((HPDF_UNICODE)cp); }

uint32_t hpdf_glyph_unicode(const char *name) { return HPDF_GryphNameToUnicode(name); }

/* A loaded face's definition: HPDF_GetFontDef is in hpdf_doc.h only. */
HPDF_FontDef hpdf_font_def(HPDF_Doc doc, const char *name) { return HPDF_GetFontDef(doc, name); }

/* hpdf.h can measure a character but not ask whether the face has a glyph for it (a missing one
 * measures as the .notdef glyph). */
int hpdf_font_def_has_glyph(HPDF_FontDef def, uint32_t cp)
{
    return HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) != 0;
}

/* The descriptor's metrics are fields of the definition: hpdf.h has getters for only some of
 * them (ascent, descent, x height, bbox), none for the flags, StemV or italic angle. */
void hpdf_face_info(HPDF_FontDef def, pb_face_info *info)
{
    snprintf(info->name, sizeof info->name, "%s", def->base_font);
    info->ascent = def->ascent;
    info->descent = def->descent;
    info->cap_height = def->cap_height;
    info->x_height = def->x_height;
    info->italic_angle = def->italic_angle;
    info->stemv = def->stemv;
    info->missing_width = def->missing_width;
    info->flags = def->flags;
    info->bbox[0] = def->font_bbox.left;
    info->bbox[1] = def->font_bbox.bottom;
    info->bbox[2] = def->font_bbox.right;
    info->bbox[3] = def->font_bbox.top;
}

/* hpdf.h offers only libharu's named encodings; one with this document's own /Differences is
 * made by registering a basic encoder whose table we fill (a font takes FirstChar and LastChar
 * from its encoding when it is made, and the /Differences at save). */
/* An encoding's /Differences with each glyph named uniXXXX: libharu writes its own names
 * (HPDF_BasicEncoder_Write), and has none for most Greek, Cyrillic and Vietnamese letters. */
static HPDF_STATUS write_uni_encoding(HPDF_Encoder enc, HPDF_Stream out)
{
    HPDF_BasicEncoderAttr attr = enc->attr;
    HPDF_STATUS ret = HPDF_Stream_WriteStr(out, "/Encoding <<\012/Type /Encoding\012"
                                                "/BaseEncoding /WinAnsiEncoding\012/Differences [");
    bool run = false;
    for (unsigned i = attr->first_char; i <= attr->last_char && ret == HPDF_OK; i++) {
        if (attr->differences[i] != 1) {
            run = false;
            continue;
        }
        char name[24];
        if (run)
            snprintf(name, sizeof name, "/uni%04X ", (unsigned)attr->unicode_map[i]);
        else
            snprintf(name, sizeof name, "%u /uni%04X ", i, (unsigned)attr->unicode_map[i]);
        run = true;
        ret = HPDF_Stream_WriteStr(out, name);
    }
    return ret == HPDF_OK ? HPDF_Stream_WriteStr(out, "]\012>>\012") : ret;
}

HPDF_STATUS hpdf_register_encoding(HPDF_Doc doc, const char *name, unsigned first,
                                   unsigned last, const uint32_t *extras, int n_extras,
                                   int uni_names)
{
    HPDF_Encoder enc = HPDF_BasicEncoder_New(doc->mmgr, HPDF_ENCODING_WIN_ANSI);
    if (!enc)
        return HPDF_INVALID_ENCODER;
    snprintf(enc->name, sizeof enc->name, "%s", name);
    HPDF_BasicEncoderAttr attr = enc->attr;
    memset(attr->differences, 0, sizeof attr->differences);
    attr->first_char = (HPDF_BYTE)first;
    attr->last_char = (HPDF_BYTE)last;
    for (int i = 0; i < n_extras; i++) {
        attr->unicode_map[0x80 + i] = (HPDF_UNICODE)extras[i];
        attr->differences[0x80 + i] = 1;
    }
    attr->has_differences = n_extras > 0 ? HPDF_TRUE : HPDF_FALSE;
    if (uni_names)
        enc->write_fn = write_uni_encoding;
    HPDF_STATUS ret = HPDF_Doc_RegisterEncoder(doc, enc);
    if (ret != HPDF_OK)
        HPDF_Encoder_Free(enc);
    return ret;
}

/* The dictionary key libharu leaves out: a stream it did not deflate itself is written raw
 * (filter none), so a stream we deflated names its filter here. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* hpdf.h has no way to give a font a /ToUnicode stream of one's own. */
HPDF_STATUS hpdf_font_set_to_unicode(HPDF_Doc doc, HPDF_Font font, const unsigned char *deflated,
                                     size_t len)
{
    HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!s)
        return HPDF_FAILD_TO_ALLOC_MEM;
    s->filter = HPDF_STREAM_FILTER_NONE;  /* deflated already */
    s->write_fn = write_flate_filter;
    HPDF_STATUS ret = HPDF_Stream_Write(s->stream, deflated, (HPDF_UINT)len);
    return ret == HPDF_OK ? HPDF_Dict_Add(font, "ToUnicode", s) : ret;
}

/* The font descriptor libharu would make for the face, with the embedded program already
 * deflated (fonts/font_program.h): libharu only makes one for a definition that has none, from
 * the font file, and deflates the program again in every document. */
static HPDF_Dict make_descriptor(HPDF_Doc doc, const pb_face_info *in, const char *name,
                                 const unsigned char *program, size_t len, size_t length1)
{
    HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
    if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK)
        return NULL;  /* the xref freed it */
    HPDF_Box box = {in->bbox[0], in->bbox[1], in->bbox[2], in->bbox[3]};
    HPDF_STATUS ret = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddNumber(d, "Ascent", in->ascent);
    ret += HPDF_Dict_AddNumber(d, "Descent", in->descent);
    ret += HPDF_Dict_AddNumber(d, "CapHeight", in->cap_height);
    ret += HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)in->flags);
    ret += HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(doc->mmgr, box));
    ret += HPDF_Dict_AddName(d, "FontName", name);
    ret += HPDF_Dict_AddNumber(d, "ItalicAngle", in->italic_angle);
    ret += HPDF_Dict_AddNumber(d, "StemV", in->stemv);
    ret += HPDF_Dict_AddNumber(d, "XHeight", in->x_height);
    HPDF_Dict data = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (ret != HPDF_OK || !data)
        return NULL;
    data->write_fn = write_flate_filter;
    ret += HPDF_Stream_Write(data->stream, program, (HPDF_UINT)len);
    ret += HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)length1);
    ret += HPDF_Dict_Add(d, "FontFile2", data);
    return ret == HPDF_OK ? d : NULL;
}

/* hpdf.h can only load a TrueType font from its file, parsing and re-embedding it in every
 * document; this definition comes with its descriptor made above, and every width is set when a
 * font object is made (hpdf_set_widths), so libharu never reads the face. */
const char *hpdf_register_font(HPDF_Doc doc, const char *key, const char *base_font,
                               const pb_face_info *info, const unsigned char *program,
                               size_t len, size_t length1)
{
    HPDF_FontDef def = HPDF_TTFontDef_New(doc->mmgr);
    if (!def)
        return NULL;
    HPDF_TTFontDefAttr attr = def->attr;
    snprintf(def->base_font, sizeof def->base_font, "%s", key);
    snprintf(attr->base_font, sizeof attr->base_font, "%s", base_font);
    def->missing_width = (HPDF_INT16)info->missing_width;
    /* libharu clears the glyph flags of a registered definition when a document is reset */
    attr->glyph_tbl.flgs = HPDF_GetMem(doc->mmgr, 1);
    if (!attr->glyph_tbl.flgs) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    attr->num_glyphs = 1;
    def->descriptor = make_descriptor(doc, info, attr->base_font, program, len, length1);
    if (!def->descriptor) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    if (HPDF_Doc_RegisterFontDef(doc, def) != HPDF_OK)
        return NULL;  /* libharu freed it */
    return def->base_font;
}

/* A font object's widths are looked up in its definition's font file, which ours does not
 * have; hpdf.h has no setter, so the table is filled in. */
void hpdf_set_widths(HPDF_Font font, const int16_t widths[256])
{
    HPDF_FontAttr attr = font->attr;
    for (unsigned code = 0x20; code < 0x100; code++) {
        attr->widths[code] = (HPDF_INT16)widths[code];
        attr->used[code] = 1;
    }
}

/* The content stream is written by pdf_write.c, not through hpdf.h's one call per operator,
 * so it needs the names the page's resource dictionary gives fonts and images (hpdf_pages.h). */
const char *hpdf_page_font_name(HPDF_Page page, HPDF_Font font)
{
    return HPDF_Page_GetLocalFontName(page, font);
}

const char *hpdf_page_image_name(HPDF_Page page, HPDF_Image image)
{
    return HPDF_Page_GetXObjectName(page, image);
}

/* libharu would deflate each page itself, setting up a new deflate stream (a quarter of a
 * megabyte) per page; the caller deflates with one small stream, and the page writes it raw. */
void hpdf_set_page_content(HPDF_Page page, const unsigned char *deflated, size_t len)
{
    HPDF_PageAttr attr = page->attr;
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
    HPDF_Stream_Write(attr->stream, deflated, (HPDF_UINT)len);
}

/* HPDF_SetInfoAttr takes only text without NULs, in libharu's PDFDocEncoding: UTF-16 text goes
 * in as a binary (hex) string, into the Info dictionary the caller has made with that call. */
void hpdf_set_info_bytes(HPDF_Doc doc, const char *key, const unsigned char *bytes, size_t len)
{
    HPDF_Binary bin = HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)bytes, (HPDF_UINT)len);
    if (bin && doc->info)
        HPDF_Dict_Add(doc->info, key, bin);
}

/* Tagged PDF: hpdf.h has no way to add a key to a page. */
HPDF_STATUS hpdf_page_put_int(HPDF_Page page, const char *key, long value)
{
    return HPDF_Dict_AddNumber(page, key, (HPDF_INT32)value);
}

HPDF_STATUS hpdf_page_put_name(HPDF_Page page, const char *key, const char *name)
{
    return HPDF_Dict_AddName(page, key, name);
}

/* An object's number is in its header, which hpdf.h does not show. */
unsigned hpdf_page_id(HPDF_Page page) { return page->header.obj_id & 0x00FFFFFF; }

/* The catalog and the page tree are fields of the document (hpdf_doc.h); the catalog's entries
 * are counted so that one libharu added (an open action, a page layout) is never dropped when
 * pdf_tags.c writes the catalog again. */
int hpdf_catalog_ids(HPDF_Doc doc, unsigned *catalog, unsigned *pages)
{
    if (!doc->catalog || !doc->root_pages || doc->catalog->list->count != 2 ||
        !HPDF_Dict_GetItem(doc->catalog, "Type", HPDF_OCLASS_NAME))
        return -1;
    *catalog = doc->catalog->header.obj_id & 0x00FFFFFF;
    *pages = doc->root_pages->header.obj_id & 0x00FFFFFF;
    return 0;
}

/* The cross-reference is a field of the document. */
unsigned hpdf_object_count(HPDF_Doc doc)
{
    return (unsigned)(doc->xref->entries->count + doc->xref->start_offset);
}

/* libharu writes a reference only to an object in its cross-reference, and an object written
 * later is not: a proxy (what libharu puts in an array for a reference) to a bare header
 * holding the number does it. Both live in one block, which the page's array frees with the
 * proxy (libharu frees a proxy as plain memory). */
HPDF_STATUS hpdf_page_add_ref(HPDF_Doc doc, HPDF_Page page, const char *key, unsigned num)
{
    HPDF_Array a = HPDF_Dict_GetItem(page, key, HPDF_OCLASS_ARRAY);
    if (!a) {
        a = HPDF_Array_New(doc->mmgr);
        if (!a || HPDF_Dict_Add(page, key, a) != HPDF_OK)
            return HPDF_FAILD_TO_ALLOC_MEM;
    }
    struct ref {
        HPDF_Proxy_Rec proxy;
        HPDF_Obj_Header target;
    } *r = HPDF_GetMem(doc->mmgr, sizeof *r);
    if (!r)
        return HPDF_FAILD_TO_ALLOC_MEM;
    memset(r, 0, sizeof *r);
    r->proxy.header.obj_class = HPDF_OCLASS_PROXY;
    r->proxy.obj = &r->target;
    r->target.obj_id = num | HPDF_OTYPE_INDIRECT;
    return HPDF_Array_Add(a, r);
}

/* The version is a field of the document; libharu raises it only for its own features. */
void hpdf_set_version_17(HPDF_Doc doc) { doc->pdf_version = HPDF_VER_17; }

unsigned char *hpdf_saved_bytes(HPDF_Doc doc, size_t *len)
{
    HPDF_Stream st = doc->stream;
    *len = 0;
    if (!st || st->type != HPDF_STREAM_MEMORY || !st->size)
        return NULL;
    HPDF_MemStreamAttr attr = (HPDF_MemStreamAttr)st->attr;
    size_t size = st->size, done = 0;
    unsigned char *out = xmalloc(size);
    for (HPDF_UINT i = 0; i < attr->buf->count && done < size; i++) {
        size_t n = size - done < attr->buf_siz ? size - done : attr->buf_siz;
        memcpy(out + done, attr->buf->obj[i], n);
        done += n;
    }
    if (done != size) {
        free(out);
        return NULL;
    }
    *len = size;
    return out;
}
