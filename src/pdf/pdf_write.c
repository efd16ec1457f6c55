/* pdf_write.c: a layout to PDF bytes with libharu 2.3.
 *
 * Fonts: each face used is loaded once per document from the pre-subset TTF and embedded as a
 * subset. Text is written through encodings made for this document (see charset.h): ASCII as
 * itself, and every other character the document uses at codes 0x80 and up, in order of first
 * use, 128 to an encoding. A typical letter needs one encoding, so each face is one small font
 * object whose /Widths and /Differences list only what the letter uses; a text run switches
 * font object only when it meets a character of another encoding.
 *
 * Determinism: libharu 2.3 writes no /ID unless asked to encrypt, and the only date written is
 * the creation date we set from the issue date, so the same layout gives the same bytes. */
#include "pdf/pdf_write.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ENCODINGS = 8 };  /* 8 x 128 codes: more than there are printable characters */

/* libharu reads an embedded font again, four bytes at a time, when it writes it out; it reads
 * ours from memory: the subset made for this document (ttf_subset.h). */
typedef struct font_reader {
    const unsigned char *data;
    size_t len, pos;
} font_reader;

typedef struct writer {
    HPDF_Doc doc;
    HPDF_STATUS error;  /* the first error libharu reported */
    HPDF_STATUS detail;
    const pb_fonts *fonts;
    const char *face_name[FACE_COUNT];
    font_reader reader[FACE_COUNT];
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
    uint8_t used[FACE_COUNT][CHARSET_LIMIT / 8];  /* characters printed in each face */
    strbuf subset[FACE_COUNT];                     /* each face's font for this document */
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
                w->used[op->face][cp / 8] |= (uint8_t)(1u << (cp % 8));
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

static HPDF_STATUS reader_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    font_reader *r = s->attr;
    size_t left = r->len - r->pos;
    if (*size > left) {
        memcpy(ptr, r->data + r->pos, left);
        memset(ptr + left, 0, *size - left);
        r->pos = r->len;
        *size = (HPDF_UINT)left;
        return HPDF_STREAM_EOF;
    }
    memcpy(ptr, r->data + r->pos, *size);
    r->pos += *size;
    return HPDF_OK;
}

static HPDF_STATUS reader_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    font_reader *r = s->attr;
    long to = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ? (long)r->pos + pos
                                                                 : (long)r->len + pos;
    if (to < 0 || (size_t)to > r->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    r->pos = (size_t)to;
    return HPDF_OK;
}

static HPDF_INT32 reader_tell(HPDF_Stream s) { return (HPDF_INT32)((font_reader *)s->attr)->pos; }
static HPDF_UINT32 reader_size(HPDF_Stream s) { return (HPDF_UINT32)((font_reader *)s->attr)->len; }

/* What HPDF_LoadTTFontFromFile does, from memory: load, register, tag as an embedded subset;
 * the font loaded holds only the glyphs this face prints in this document. */
static const char *load_face(writer *w, pb_face face)
{
    uint32_t cps[CHARSET_LIMIT];
    size_t n = 0;
    for (uint32_t cp = 0; cp < CHARSET_LIMIT; cp++)
        if ((w->used[face][cp / 8] >> (cp % 8)) & 1)
            cps[n++] = cp;
    ttf_subset(&w->fonts->ttf[face], cps, n, &w->subset[face]);
    font_reader *r = &w->reader[face];
    *r = (font_reader){(const unsigned char *)w->subset[face].data, w->subset[face].len, 0};
    HPDF_Stream s = HPDF_CallbackReader_New(w->doc->mmgr, reader_read, reader_seek, reader_tell,
                                            reader_size, r);
    if (!s)
        return NULL;
    HPDF_FontDef def = HPDF_TTFontDef_Load(w->doc->mmgr, s, HPDF_TRUE);
    if (!def)
        return NULL;
    if (HPDF_Doc_RegisterFontDef(w->doc, def) != HPDF_OK)
        return NULL;  /* libharu freed it */
    char tag[7];
    snprintf(tag, sizeof tag, "PBDOC%c", 'A' + (int)face);  /* six capitals: a subset's tag */
    HPDF_TTFontDef_SetTagName(def, tag);
    return def->base_font;
}

static HPDF_Font font_for(writer *w, pb_face face, int enc)
{
    if (w->font[face][enc])
        return w->font[face][enc];
    if (!w->face_name[face])
        w->face_name[face] = load_face(w, face);
    if (!w->face_name[face])
        return NULL;
    w->font[face][enc] = HPDF_GetFont(w->doc, w->face_name[face], w->encoding_name[enc]);
    return w->font[face][enc];
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
        sb_free(&w->subset[f]);
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
    HPDF_Free(w->doc);  /* before the subsets: libharu reads them until it is done */
    for (int f = 0; f < FACE_COUNT; f++)
        sb_free(&w->subset[f]);
    free(w);
    return 0;
}
