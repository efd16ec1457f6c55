/* pdf_write.c: a layout to PDF bytes with libharu 2.3.
 *
 * Fonts: each face used is embedded as a subset of the glyphs the document prints, deflated once
 * per glyph set and kept (font_program.h); libharu gets a font definition that already has its
 * descriptor and widths, so it never reads a font file. Text is written through encodings made
 * for this document (see charset.h): ASCII as itself, and every other character the document
 * uses at codes 0x80 and up, in order of first use, 128 to an encoding. A typical letter needs
 * one encoding, so each face is one small font object whose /Differences list only the other
 * characters the letter uses; a text run switches font object only when it meets a character
 * of another encoding.
 *
 * Determinism: libharu 2.3 writes no /ID unless asked to encrypt, and the only date written is
 * the creation date we set from the issue date, so the same layout gives the same bytes. */
#include "pdf/pdf_write.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ENCODINGS = 8 };  /* 8 x 128 codes: more than there are printable characters */

typedef struct writer {
    HPDF_Doc doc;
    HPDF_STATUS error;  /* the first error libharu reported */
    HPDF_STATUS detail;
    const pb_fonts *fonts;
    const char *face_name[FACE_COUNT];
    HPDF_Font font[FACE_COUNT][MAX_ENCODINGS];
    HPDF_Font cur_font;   /* the page's current font and size: Tf only when they change */
    float cur_size;
    double line_x, line_y; /* start of the current text line: runs move there with Td */
    int n_encodings;
    char encoding_name[MAX_ENCODINGS][24];
    /* each non-ASCII character used: its encoding + 1 (0: not used) and its code there */
    uint8_t enc_of[CHARSET_LIMIT];
    uint8_t code_of[CHARSET_LIMIT];
    uint32_t extras[MAX_ENCODINGS][128];
    int n_extras[MAX_ENCODINGS];
    glyph_set used[FACE_COUNT];  /* characters printed in each face */
    font_program program[FACE_COUNT];
} writer;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    writer *w = user;
    if (!w->error) {
        w->error = error;
        w->detail = detail;
    }
}

static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (n > len) {
        *cp = 0xFFFD;
        return len;
    }
    uint32_t v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3F);
    *cp = v;
    return n;
}

/* A character as printed: a no-break space is a space. */
static uint32_t printed(uint32_t cp) { return cp == 0xA0 ? ' ' : cp; }

/* Gives every non-ASCII character of the layout a code, in order of first use, and notes the
 * characters each face prints. */
static void assign_codes(writer *w, const pb_layout *L)
{
    const unsigned char *text = (const unsigned char *)sb_str(&L->text);
    w->n_encodings = 1;
    for (size_t i = 0; i < L->n_ops; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind != OP_TEXT)
            continue;
        for (size_t k = 0; k < op->len;) {
            uint32_t cp;
            k += utf8_next(text + op->text + k, op->len - k, &cp);
            cp = printed(cp);
            if (cp < CHARSET_LIMIT)
                w->used[op->face].bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
            if (cp < 0x80 || !charset_has_glyph(cp) || w->enc_of[cp])
                continue;
            int e = w->n_encodings - 1;
            if (w->n_extras[e] == 128) {
                if (w->n_encodings == MAX_ENCODINGS)
                    continue;  /* cannot happen: fewer printable characters than that */
                e = w->n_encodings++;
            }
            w->extras[e][w->n_extras[e]] = cp;
            w->code_of[cp] = (uint8_t)(0x80 + w->n_extras[e]++);
            w->enc_of[cp] = (uint8_t)(e + 1);
        }
    }
}

/* Registers the document's encodings with libharu before any font uses them: a font takes its
 * FirstChar and LastChar from its encoding when it is made, and its /Differences at save. */
static bool make_encodings(writer *w)
{
    for (int e = 0; e < w->n_encodings; e++) {
        snprintf(w->encoding_name[e], sizeof w->encoding_name[e], "PBDOCS-%u", (unsigned)e % 10u);
        HPDF_Encoder enc = HPDF_BasicEncoder_New(w->doc->mmgr, HPDF_ENCODING_WIN_ANSI);
        if (!enc)
            return false;
        snprintf(enc->name, sizeof enc->name, "%s", w->encoding_name[e]);
        HPDF_BasicEncoderAttr attr = enc->attr;
        memset(attr->differences, 0, sizeof attr->differences);
        attr->first_char = 0x20;
        attr->last_char = (HPDF_BYTE)(w->n_extras[e] ? 0x7F + w->n_extras[e] : 0x7E);
        for (int i = 0; i < w->n_extras[e]; i++) {
            attr->unicode_map[0x80 + i] = (HPDF_UNICODE)w->extras[e][i];
            attr->differences[0x80 + i] = 1;
        }
        attr->has_differences = w->n_extras[e] > 0 ? HPDF_TRUE : HPDF_FALSE;
        if (HPDF_Doc_RegisterEncoder(w->doc, enc) != HPDF_OK) {
            HPDF_Encoder_Free(enc);
            return false;
        }
    }
    return true;
}

/* The dictionary key libharu leaves out: a stream it did not deflate itself is written raw
 * (filter none), so the descriptor's FontFile2 names its filter here. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* The font descriptor libharu would make for face, with the embedded program already deflated
 * (font_program.h): libharu only makes one for a font definition that has none. */
static HPDF_Dict make_descriptor(writer *w, pb_face face, const font_program *prog)
{
    const pb_face_info *in = &w->fonts->info[face];
    HPDF_Doc doc = w->doc;
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
    ret += HPDF_Dict_AddName(d, "FontName", in->subset_name);
    ret += HPDF_Dict_AddNumber(d, "ItalicAngle", in->italic_angle);
    ret += HPDF_Dict_AddNumber(d, "StemV", in->stemv);
    ret += HPDF_Dict_AddNumber(d, "XHeight", in->x_height);
    HPDF_Dict data = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (ret != HPDF_OK || !data)
        return NULL;
    data->write_fn = write_flate_filter;
    ret += HPDF_Stream_Write(data->stream, prog->deflated, (HPDF_UINT)prog->deflated_len);
    ret += HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)prog->length1);
    ret += HPDF_Dict_Add(d, "FontFile2", data);
    return ret == HPDF_OK ? d : NULL;
}

/* Registers face with the document as a TrueType font definition that needs no font file: its
 * descriptor is made here and every width is set when a font object is made (font_for), so
 * libharu never reads the face. Returns the name to get fonts by. */
static const char *embed_face(writer *w, pb_face face)
{
    glyph_set_widen(&w->used[face]);
    if (font_program_get(w->fonts, face, &w->used[face], &w->program[face]) != 0)
        return NULL;
    HPDF_FontDef def = HPDF_TTFontDef_New(w->doc->mmgr);
    if (!def)
        return NULL;
    HPDF_TTFontDefAttr attr = def->attr;
    const pb_face_info *in = &w->fonts->info[face];
    snprintf(def->base_font, sizeof def->base_font, "%s", in->name);
    snprintf(attr->base_font, sizeof attr->base_font, "%s", in->subset_name);
    def->missing_width = (HPDF_INT16)in->missing_width;
    /* libharu clears the glyph flags of a registered definition when a document is reset */
    attr->glyph_tbl.flgs = HPDF_GetMem(w->doc->mmgr, 1);
    if (!attr->glyph_tbl.flgs) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    attr->num_glyphs = 1;
    def->descriptor = make_descriptor(w, face, &w->program[face]);
    if (!def->descriptor) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    if (HPDF_Doc_RegisterFontDef(w->doc, def) != HPDF_OK)
        return NULL;  /* libharu freed it */
    return def->base_font;
}

static HPDF_Font font_for(writer *w, pb_face face, int enc)
{
    if (w->font[face][enc])
        return w->font[face][enc];
    if (!w->face_name[face])
        w->face_name[face] = embed_face(w, face);
    if (!w->face_name[face])
        return NULL;
    HPDF_Font font = HPDF_GetFont(w->doc, w->face_name[face], w->encoding_name[enc]);
    if (!font)
        return NULL;
    /* the widths libharu would look up in the face, from the table fonts_open() read */
    HPDF_FontAttr attr = font->attr;
    for (unsigned code = 0x20; code < 0x100; code++) {
        uint32_t cp = code < 0x7F ? code : code >= 0x80 && code - 0x80u < (unsigned)w->n_extras[enc]
                                              ? w->extras[enc][code - 0x80]
                                              : 0;
        attr->widths[code] = (HPDF_INT16)font_advance(w->fonts, face, cp);
        attr->used[code] = 1;
    }
    w->font[face][enc] = font;
    return font;
}

static void flush_piece(writer *w, HPDF_Page page, const pb_op *op, int enc, char *piece,
                        size_t *n)
{
    piece[*n] = '\0';
    HPDF_Font f = font_for(w, op->face, enc);
    if (f) {
        if (f != w->cur_font || op->size != w->cur_size) {
            HPDF_Page_SetFontAndSize(page, f, op->size);
            w->cur_font = f;
            w->cur_size = op->size;
        }
        HPDF_Page_ShowText(page, piece);
    }
    *n = 0;
}

/* Shows one text run: pieces of one encoding each, one after the other from the current point. */
static void show_text(writer *w, HPDF_Page page, const pb_op *op, const char *text)
{
    char piece[256];
    size_t n = 0;
    int enc = -1;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < op->len;) {
        uint32_t cp;
        i += utf8_next(s + i, op->len - i, &cp);
        cp = printed(cp);
        int e;
        unsigned char code;
        if (cp >= 0x20 && cp < 0x7F) {
            e = enc < 0 ? 0 : enc;  /* ASCII is in every encoding: stay in this one */
            code = (unsigned char)cp;
        } else if (cp < CHARSET_LIMIT && w->enc_of[cp]) {
            e = w->enc_of[cp] - 1;
            code = w->code_of[cp];
        } else
            continue;  /* cannot happen: the layout refuses such text */
        if (n && (e != enc || n == sizeof piece - 1))
            flush_piece(w, page, op, enc, piece, &n);
        enc = e;
        piece[n++] = (char)code;
    }
    if (n)
        flush_piece(w, page, op, enc, piece, &n);
}

static void draw_page(writer *w, HPDF_Page page, const pb_layout *L, const pb_page *pg,
                      HPDF_Image logo)
{
    const double H = PAGE_HEIGHT;
    const char *text = sb_str(&L->text);
    /* graphics first: paths may not appear inside a text object */
    for (size_t i = pg->first; i < pg->first + pg->count; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind == OP_LINE) {
            HPDF_Page_SetLineWidth(page, op->line_width);
            HPDF_Page_MoveTo(page, op->x, H - op->y);
            HPDF_Page_LineTo(page, op->x + op->w, H - (op->y + op->h));
            HPDF_Page_Stroke(page);
        } else if (op->kind == OP_RECT) {
            HPDF_Page_SetLineWidth(page, op->line_width);
            HPDF_Page_Rectangle(page, op->x, H - op->y - op->h, op->w, op->h);
            HPDF_Page_Stroke(page);
        } else if (op->kind == OP_IMAGE && logo) {
            HPDF_Page_DrawImage(page, logo, op->x, H - op->y - op->h, op->w, op->h);
        }
    }
    HPDF_Page_BeginText(page);
    w->cur_font = NULL;
    w->line_x = w->line_y = 0;
    for (size_t i = pg->first; i < pg->first + pg->count; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind != OP_TEXT || op->len == 0)
            continue;
        /* Td moves relative to the start of the previous run: two numbers, not Tm's six;
         * positions in 1/8 pt (0.04 mm, exact in a float) keep the numbers short */
        double x = round(op->x * 8) / 8, y = round((H - op->y) * 8) / 8;
        HPDF_Page_MoveTextPos(page, x - w->line_x, y - w->line_y);
        w->line_x = x;
        w->line_y = y;
        show_text(w, page, op, text + op->text);
    }
    HPDF_Page_EndText(page);
}

/* A PDF text string for any Unicode text: UTF-16BE with a byte order mark, as a hex string. */
static void set_info(writer *w, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    size_t len = strlen(value);
    unsigned char *buf = malloc(2 + len * 4);
    if (!buf)
        return;
    size_t n = 0;
    buf[n++] = 0xFE;
    buf[n++] = 0xFF;
    const unsigned char *s = (const unsigned char *)value;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_next(s + i, len - i, &cp);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
            buf[n++] = (unsigned char)(hi >> 8);
            buf[n++] = (unsigned char)hi;
            buf[n++] = (unsigned char)(lo >> 8);
            buf[n++] = (unsigned char)lo;
        } else {
            buf[n++] = (unsigned char)(cp >> 8);
            buf[n++] = (unsigned char)cp;
        }
    }
    /* HPDF_SetInfoAttr only takes text without NULs: it makes the Info dictionary, then our
     * UTF-16 string goes in as a hex string */
    HPDF_SetInfoAttr(w->doc, HPDF_INFO_CREATOR, "pbdocs");
    HPDF_Binary bin = HPDF_Binary_New(w->doc->mmgr, buf, (HPDF_UINT)n);
    if (bin && w->doc->info)
        HPDF_Dict_Add(w->doc->info, key, bin);
    free(buf);
}

static int fail(writer *w, const pb_doc_setup *setup, pb_pdf *out, diag_list *errs)
{
    diag_add(errs, setup->source, 0, 0, setup->case_id, NULL,
             "the PDF could not be written (libharu error 0x%04X, detail %u)", (unsigned)w->error,
             (unsigned)w->detail);
    free(out->bytes);
    memset(out, 0, sizeof *out);
    if (w->doc)
        HPDF_Free(w->doc);
    for (int f = 0; f < FACE_COUNT; f++)
        free(w->program[f].owned);
    free(w);
    return -1;
}

int pdf_write(const pb_layout *layout, const pb_doc_setup *setup, const pb_fonts *fonts,
              pb_pdf *out, diag_list *errs)
{
    memset(out, 0, sizeof *out);
    writer *w = calloc(1, sizeof *w);  /* ~20 KB of tables: not for the stack */
    if (!w) {
        diag_add(errs, setup->source, 0, 0, setup->case_id, NULL, "out of memory making the PDF");
        return -1;
    }
    w->fonts = fonts;
    w->doc = HPDF_New(on_error, w);
    if (!w->doc)
        return fail(w, setup, out, errs);
    HPDF_SetCompressionMode(w->doc, HPDF_COMP_ALL);

    set_info(w, "Title", setup->title);
    set_info(w, "Author", setup->author);
    set_info(w, "Subject", setup->subject);
    if (setup->issued.y) {
        HPDF_Date d = {setup->issued.y, setup->issued.m, setup->issued.d, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(w->doc, HPDF_INFO_CREATION_DATE, d);
    }

    assign_codes(w, layout);
    if (!make_encodings(w) && !w->error)
        w->error = HPDF_INVALID_ENCODER;

    HPDF_Image logo = NULL;
    if (layout->logo_png && !w->error)
        logo = HPDF_LoadPngImageFromFile(w->doc, layout->logo_png);

    for (size_t p = 0; p < layout->n_pages && !w->error; p++) {
        HPDF_Page page = HPDF_AddPage(w->doc);
        HPDF_Page_SetWidth(page, PAGE_WIDTH);
        HPDF_Page_SetHeight(page, PAGE_HEIGHT);
        draw_page(w, page, layout, &layout->pages[p], logo);
    }
    if (w->error)
        return fail(w, setup, out, errs);

    HPDF_SaveToStream(w->doc);
    HPDF_UINT32 size = w->error ? 0 : HPDF_GetStreamSize(w->doc);
    if (w->error || !size)
        return fail(w, setup, out, errs);
    out->bytes = malloc(size);
    HPDF_UINT32 got = size;
    if (!out->bytes || HPDF_ReadFromStream(w->doc, out->bytes, &got) != HPDF_OK || got != size)
        return fail(w, setup, out, errs);
    out->len = size;
    out->pages = (int)layout->n_pages;
    HPDF_Free(w->doc);
    for (int f = 0; f < FACE_COUNT; f++)
        free(w->program[f].owned);
    free(w);
    return 0;
}
