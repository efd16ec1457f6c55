/* pdf_write.c: a layout to PDF bytes with libharu 2.3.
 *
 * Fonts: each face used is embedded as subsets of the glyphs the document prints, deflated once
 * per glyph set and kept (font_program.h); libharu gets font definitions that already have their
 * descriptor and widths, so it never reads a font file. ASCII and WinAnsi's punctuation and
 * symbols are written through the standard WinAnsiEncoding, in a face's basic font; every other
 * character the document uses (see charset.h) gets a code from 0x80 up, in order of first use,
 * 128 to an encoding made for this document, in a second font whose /Differences list just
 * those characters. Greek, Cyrillic, Vietnamese and the rest of Latin (charset_is_ext) come from
 * the faces' second subsets, in encodings of their own whose /Differences name each glyph
 * uniXXXX (libharu's names cover few of them) and whose fonts carry a /ToUnicode map; a
 * document without them is written exactly as before. A text run switches font object where it
 * passes from one to another.
 *
 * Pages: the content stream is written here, not through libharu's one call per operator.
 * Every operation is tagged (pdf_tags.h): inside a structure element's marked content, or an
 * artifact.
 *
 * Everything done with libharu's internals to get there is in hpdf_compat.c.
 *
 * Determinism: libharu 2.3 writes no /ID unless asked to encrypt, and the only date written is
 * the creation date we set from the issue date, so the same layout gives the same bytes. */
#include "pdf/pdf_write.h"

#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deflate.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "fonts/extra_font.h"
#include "fonts/font_program.h"
#include "pdf/hpdf_compat.h"
#include "pdf/pdf_fonts.h"
#include "pdf/pdf_tags.h"

/* 16 x 128 codes are more than there are printable characters in the letter faces; as many
 * again are for a council's extra font (fonts/extra_font.h). */
enum { MAX_ENCODINGS = 32 };

/* Each face used is embedded as up to two programs (font_program.h): a basic one for ASCII and
 * the punctuation and symbols of WinAnsi (£ – ’ “ ” …), through the standard WinAnsiEncoding,
 * the same in almost every letter and so nearly always kept from an earlier one; and one for the
 * document's other characters (accented letters of names and places), small and quick to make.
 * Font objects are per program and encoding: slot 0 is the basic font, slot 1 + e the other
 * characters' font through encoding e; PART_EXT is the program of the face's second subset,
 * used by the encodings made for its characters; PART_EXTRA is the council's extra font, whose
 * characters print from it, in encodings of their own, in every face (it is used as
 * FACE_REGULAR's only: one file serves regular, bold and italic). */
enum { PART_BASIC, PART_OTHER, PART_EXT, PART_EXTRA, PART_COUNT };
/* What an encoding made for a document holds: the characters of the faces' basic subsets, of
 * their second subsets, or of the extra font. */
enum { ENC_OTHER, ENC_EXT, ENC_EXTRA, ENC_KINDS };
enum { SLOTS = 1 + MAX_ENCODINGS };

typedef struct writer {
    HPDF_Doc doc;
    HPDF_STATUS error;  /* the first error libharu reported */
    HPDF_STATUS detail;
    const pb_fonts *fonts;
    const pb_extra_font *extra;  /* the layout's extra font, or NULL */
    const char *def_name[FACE_COUNT][PART_COUNT];  /* registered font definitions */
    HPDF_Font font[FACE_COUNT][SLOTS];
    strbuf content;        /* the page being drawn: its content stream, then deflated */
    unsigned char *deflated;
    size_t deflated_cap;
    HPDF_Font cur_font;   /* the page's current font and size: Tf only when they change */
    float cur_size;
    double line_x, line_y; /* start of the current text line: runs move there with Td */
    int n_encodings;       /* made for the characters the basic font does not have */
    char encoding_name[SLOTS][24];
    /* each non-ASCII character used: its encoding + 1 (0: not used) and its code there */
    uint8_t enc_of[CHARSET_LIMIT];
    uint8_t code_of[CHARSET_LIMIT];
    uint32_t extras[MAX_ENCODINGS][128];
    int n_extras[MAX_ENCODINGS];
    uint8_t enc_kind[MAX_ENCODINGS];  /* what encoding e holds: ENC_OTHER, _EXT or _EXTRA */
    int cur_enc[ENC_KINDS];           /* the encoding being filled, of each kind: +1 */
    /* each character of the extra font used (only with one): as enc_of and code_of */
    uint8_t *xenc_of, *xcode_of;
    bool too_many;                    /* the extra font's characters overflowed the encodings */
    uint32_t basic_char[256];  /* the WinAnsi symbols used, by code */
    unsigned basic_last;       /* the highest code of the basic font used */
    glyph_set used[FACE_COUNT][PART_COUNT];  /* characters printed in each face */
    font_program program[FACE_COUNT][PART_COUNT];
    pdf_tags tags;
} writer;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    writer *w = user;
    if (!w->error) {
        w->error = error;
        w->detail = detail;
    }
}

/* A character as printed: a no-break space is a space. */
static uint32_t printed(uint32_t cp) { return cp == 0xA0 ? ' ' : cp; }

/* The character WinAnsiEncoding puts at code (a basic font's code), or 0. */
static uint32_t winansi_char(unsigned code, const writer *w)
{
    if (code >= 0x20 && code < 0x7F)
        return code;
    return code < 0x100 && w->basic_char[code] ? w->basic_char[code] : 0;
}

/* Gives cp a code in the encoding of kind being filled (a new one when it is full). */
static void add_code(writer *w, int kind, uint32_t cp, uint8_t *enc_of, uint8_t *code_of)
{
    int e = w->cur_enc[kind] - 1;
    if (e < 0 || w->n_extras[e] == 128) {
        if (w->n_encodings == MAX_ENCODINGS) {
            w->too_many = true;  /* only the extra font's characters can be that many */
            return;
        }
        e = w->n_encodings++;
        w->enc_kind[e] = (uint8_t)kind;
        w->cur_enc[kind] = e + 1;
    }
    w->extras[e][w->n_extras[e]] = cp;
    *code_of = (uint8_t)(0x80 + w->n_extras[e]++);
    *enc_of = (uint8_t)(e + 1);
}

/* Gives every non-ASCII character of the layout a code, in order of first use, and notes the
 * characters each face prints. */
static void assign_codes(writer *w, const pb_layout *L)
{
    const unsigned char *text = (const unsigned char *)sb_str(&L->text);
    for (size_t i = 0; i < L->n_ops; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind != LAYOUT_OP_TEXT)
            continue;
        for (size_t k = 0; k < op->len;) {
            uint32_t cp;
            k += utf8_decode(text + op->text + k, op->len - k, &cp);
            cp = printed(cp);
            if (w->xenc_of && cp >= 0x80 && !charset_has_glyph(cp)) {  /* the extra font's */
                if (cp < EXTRA_FONT_LIMIT && !w->xenc_of[cp])
                    add_code(w, ENC_EXTRA, cp, &w->xenc_of[cp], &w->xcode_of[cp]);
                continue;
            }
            unsigned symbol = cp >= 0x80 && charset_has_glyph(cp) ? winansi_symbol(cp) : 0;
            bool ext = charset_is_ext(cp);
            if (cp < CHARSET_LIMIT)
                w->used[op->face][cp < 0x80 || symbol ? PART_BASIC : ext ? PART_EXT : PART_OTHER]
                    .bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
            if (symbol) {
                w->basic_char[symbol] = cp;
                if (symbol > w->basic_last)
                    w->basic_last = symbol;
                continue;
            }
            if (cp < 0x80 || !charset_has_glyph(cp) || w->enc_of[cp])
                continue;
            add_code(w, ext ? ENC_EXT : ENC_OTHER, cp, &w->enc_of[cp], &w->code_of[cp]);
        }
    }
}

/* Registers the document's encodings with libharu before any font uses them: a font takes its
 * FirstChar and LastChar from its encoding when it is made, and its /Differences at save.
 * Slot 0 is WinAnsi itself; the others hold the other characters from code 0x80. */
static bool make_encodings(writer *w)
{
    for (int slot = 0; slot <= w->n_encodings; slot++) {
        snprintf(w->encoding_name[slot], sizeof w->encoding_name[slot], "PBDOCS-%u", (unsigned)slot);
        int n = slot ? w->n_extras[slot - 1] : 0;
        unsigned first = slot ? 0x80 : 0x20, last = slot ? 0x7Fu + (unsigned)n : w->basic_last;
        if (hpdf_register_encoding(w->doc, w->encoding_name[slot], first, last,
                                   slot ? w->extras[slot - 1] : NULL, n,
                                   slot && w->enc_kind[slot - 1] != ENC_OTHER) != HPDF_OK)
            return false;
    }
    return true;
}

/* Registers one part of face with the document as a TrueType font definition that needs no
 * font file: its descriptor is made here and every width is set when a font object is made
 * (font_for), so libharu never reads the face. Returns the name to get fonts by. */
/* The extra font's part: a subset of the characters the document prints from it. */
static const char *embed_extra(writer *w)
{
    font_program *prog = &w->program[FACE_REGULAR][PART_EXTRA];
    if (extra_font_program(w->extra, w->xenc_of, prog) != 0)
        return NULL;
    const pb_face_info *in = &w->extra->info;
    char base_font[128];
    snprintf(base_font, sizeof base_font, "PBDOFA+%.100s", in->name);
    return hpdf_register_font(w->doc, "pbdocs-extra-font", base_font, in, prog->deflated,
                              prog->deflated_len, prog->length1);
}

static const char *embed_part(writer *w, pb_face face, int part)
{
    if (part == PART_EXTRA)
        return embed_extra(w);
    glyph_set *set = &w->used[face][part];
    if (part == PART_BASIC)
        glyph_set_widen(set);
    font_program *prog = &w->program[face][part];
    int file = part == PART_EXT ? FACE_EXT(face) : (int)face;
    if (font_program_get(w->fonts, file, set, prog) != 0)
        return NULL;
    const pb_face_info *in = &w->fonts->info[file];
    /* looked up by this name; printed as a subset: six capitals, '+', the face's name */
    char key[128], base_font[128];
    snprintf(key, sizeof key, "%.100s/%d", in->name, part);
    snprintf(base_font, sizeof base_font, "PBDO%c%c+%.100s", "CXE"[part],
             'A' + (int)face, in->name);
    return hpdf_register_font(w->doc, key, base_font, in, prog->deflated, prog->deflated_len,
                              prog->length1);
}

/* Deflates data[0..len) into w->deflated (core/deflate.h); returns the deflated length (0 and
 * w->error set on failure). */
static size_t deflate_into(writer *w, const char *data, size_t len)
{
    size_t cap = pb_deflate_bound(len);
    if (w->deflated_cap < cap) {
        free(w->deflated);
        w->deflated = xmalloc(cap);
        w->deflated_cap = cap;
    }
    size_t n = pb_deflate(PB_DEFLATE_SMALL, data, len, w->deflated, cap);
    if (!n)
        w->error = HPDF_ZLIB_ERROR;
    return n;
}

/* A /ToUnicode map for a font of the second subset or the extra font: each code of its encoding to its character
 * (the uniXXXX names say the same; this is for readers that go by the map alone). */
static bool add_to_unicode(writer *w, HPDF_Font font, int slot)
{
    strbuf m = {0};
    to_unicode_cmap(w->extras[slot - 1], w->n_extras[slot - 1], &m);
    size_t len = deflate_into(w, m.data, m.len);
    bool ok = !w->error && hpdf_font_set_to_unicode(w->doc, font, w->deflated, len) == HPDF_OK;
    sb_free(&m);
    return ok;
}

static HPDF_Font font_for(writer *w, pb_face face, int slot)
{
    static const int part_of[ENC_KINDS] = {PART_OTHER, PART_EXT, PART_EXTRA};
    int part = !slot ? PART_BASIC : part_of[w->enc_kind[slot - 1]];
    if (part == PART_EXTRA)
        face = FACE_REGULAR;  /* one font object per encoding, whatever the run's face */
    if (w->font[face][slot])
        return w->font[face][slot];
    if (!w->def_name[face][part])
        w->def_name[face][part] = embed_part(w, face, part);
    if (!w->def_name[face][part])
        return NULL;
    HPDF_Font font = HPDF_GetFont(w->doc, w->def_name[face][part], w->encoding_name[slot]);
    if (!font)
        return NULL;
    /* the widths libharu would look up in the face, from the table fonts_open() read */
    int16_t widths[256] = {0};
    for (unsigned code = 0x20; code < 0x100; code++) {
        uint32_t cp = 0;
        if (!slot)
            cp = winansi_char(code, w);
        else if (slot && code >= 0x80 && code - 0x80u < (unsigned)w->n_extras[slot - 1])
            cp = w->extras[slot - 1][code - 0x80];
        widths[code] = (int16_t)(part == PART_EXTRA ? extra_font_advance(w->extra, cp)
                                                    : font_advance(w->fonts, face, cp));
    }
    hpdf_set_widths(font, widths);
    if ((part == PART_EXT || part == PART_EXTRA) && !add_to_unicode(w, font, slot))
        return NULL;
    w->font[face][slot] = font;
    return font;
}

/* A number as content operators want it: at most three decimals (1/1000 pt), no trailing zeros.
 * By hand, as snprintf was a tenth of the time spent writing pages. */
static void put_number(strbuf *c, double v)
{
    long long m = llround(v * 1000);
    char buf[32], *p = buf + sizeof buf;
    bool negative = m < 0;
    unsigned long long u = negative ? 0ull - (unsigned long long)m : (unsigned long long)m;
    int frac = (int)(u % 1000);
    u /= 1000;
    if (frac) {
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        for (int i = 0; i < digits; i++, frac /= 10)
            *--p = (char)('0' + frac % 10);
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (negative)
        *--p = '-';
    sb_append(c, p, (size_t)(buf + sizeof buf - p));
}

static void put_op(strbuf *c, const double *v, int n, const char *op)
{
    for (int i = 0; i < n; i++) {
        put_number(c, v[i]);
        sb_putc(c, ' ');
    }
    sb_puts(c, op);
    sb_putc(c, '\n');
}

/* One piece of a text run, in one font object: Tf when font or size changes, then Tj. */
static void flush_piece(writer *w, HPDF_Page page, const pb_op *op, int slot, const char *piece,
                        size_t n)
{
    HPDF_Font f = font_for(w, op->face, slot);
    const char *name = f ? hpdf_page_font_name(page, f) : NULL;
    if (!name) {
        if (!w->error)
            w->error = HPDF_PAGE_INVALID_FONT;
        return;
    }
    strbuf *c = &w->content;
    if (f != w->cur_font || op->size != w->cur_size) {
        sb_putc(c, '/');
        sb_puts(c, name);
        sb_putc(c, ' ');
        double size = op->size;
        put_op(c, &size, 1, "Tf");
        w->cur_font = f;
        w->cur_size = op->size;
    }
    /* a literal string: bytes as they are but for the three that delimit or escape */
    sb_putc(c, '(');
    for (size_t i = 0; i < n; i++) {
        if (piece[i] == '(' || piece[i] == ')' || piece[i] == '\\')
            sb_putc(c, '\\');
        sb_putc(c, piece[i]);
    }
    sb_puts(c, ") Tj\n");
}

/* Shows one text run: pieces of one font slot each, one after the other from the current point. */
static void show_text(writer *w, HPDF_Page page, const pb_op *op, const char *text)
{
    char piece[256];
    size_t n = 0;
    int slot = -1;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < op->len;) {
        uint32_t cp;
        i += utf8_decode(s + i, op->len - i, &cp);
        cp = printed(cp);
        int e;
        unsigned char code;
        unsigned symbol = 0;
        if (cp >= 0x20 && cp < 0x7F) {
            e = 0;
            code = (unsigned char)cp;
        } else if (cp < CHARSET_LIMIT && w->enc_of[cp] == 0 && (symbol = winansi_symbol(cp)) &&
                   w->basic_char[symbol] == cp) {
            e = 0;
            code = (unsigned char)symbol;
        } else if (cp < CHARSET_LIMIT && w->enc_of[cp]) {
            e = w->enc_of[cp];
            code = w->code_of[cp];
        } else if (w->xenc_of && cp < EXTRA_FONT_LIMIT && w->xenc_of[cp]) {
            e = w->xenc_of[cp];
            code = w->xcode_of[cp];
        } else
            continue;  /* cannot happen: the layout refuses such text */
        if (n && (e != slot || n == sizeof piece)) {
            flush_piece(w, page, op, slot, piece, n);
            n = 0;
        }
        slot = e;
        piece[n++] = (char)code;
    }
    if (n)
        flush_piece(w, page, op, slot, piece, n);
}

/* A text run of a Link: its box, from the baseline down to the descent and up to the ascent,
 * as wide as its text without the space a line may end with. */
static void annotate(writer *w, const pb_op *op, uint32_t link, const char *text, double baseline)
{
    size_t n = op->len;
    while (n && text[n - 1] == ' ')
        n--;
    double em = op->size / 1000.0;
    double box[4] = {op->x, baseline + w->fonts->descent * em,
                     op->x + layout_text_width(w->fonts, op->face, op->size, text, n),
                     baseline + w->fonts->ascent * em};
    tags_annot(&w->tags, link, text, op->len, baseline, box);
}

/* Hands the page its content, deflated here (deflate_into): libharu would start a new deflate
 * stream (a quarter of a megabyte to set up) for every page; a letter's pages need a small
 * window and one stream. */
static void set_content(writer *w, HPDF_Page page)
{
    size_t len = deflate_into(w, w->content.data, w->content.len);
    if (!w->error)
        hpdf_set_page_content(page, w->deflated, len);
}

/* Writes the page's content stream itself (a letter page is a few hundred operators, which
 * libharu's one call each made a fifth of the time), with libharu naming the resources. */
static void draw_page(writer *w, HPDF_Page page, const pb_layout *L, const pb_page *pg,
                      HPDF_Image logo)
{
    const double H = PAGE_HEIGHT;
    const char *text = sb_str(&L->text);
    strbuf *c = &w->content;
    sb_reset(c);
    tags_page(&w->tags, page);
    /* graphics first: paths may not appear inside a text object */
    double last_width = -1;
    for (size_t i = pg->first; i < pg->first + pg->count; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind != LAYOUT_OP_TEXT)
            tags_mark(&w->tags, c, op->elem);
        if ((op->kind == LAYOUT_OP_LINE || op->kind == LAYOUT_OP_RECT) && op->line_width != last_width) {
            double lw = op->line_width;
            put_op(c, &lw, 1, "w");
            last_width = lw;
        }
        if (op->kind == LAYOUT_OP_LINE) {
            double v[4] = {op->x, H - op->y, op->x + op->w, H - (op->y + op->h)};
            put_op(c, v, 2, "m");
            put_op(c, v + 2, 2, "l S");
        } else if (op->kind == LAYOUT_OP_RECT) {
            double v[4] = {op->x, H - op->y - op->h, op->w, op->h};
            put_op(c, v, 4, "re S");
        } else if (op->kind == LAYOUT_OP_IMAGE && logo) {
            const char *name = hpdf_page_image_name(page, logo);
            if (!name) {
                w->error = HPDF_INVALID_IMAGE;
                return;
            }
            double v[6] = {op->w, 0, 0, op->h, op->x, H - op->y - op->h};
            sb_puts(c, "q\n");
            put_op(c, v, 6, "cm");
            sb_printf(c, "/%s Do\nQ\n", name);
        }
    }
    tags_close(&w->tags, c);  /* a marked-content sequence may not span BT or ET */
    sb_puts(c, "BT\n");
    w->cur_font = NULL;
    w->line_x = w->line_y = 0;
    for (size_t i = pg->first; i < pg->first + pg->count; i++) {
        const pb_op *op = &L->ops[i];
        if (op->kind != LAYOUT_OP_TEXT || op->len == 0)
            continue;
        /* Td moves relative to the start of the previous run: two numbers, not Tm's six;
         * positions in 1/8 pt (0.04 mm, exact in a float) keep the numbers short */
        double x = round(op->x * 8) / 8, y = round((H - op->y) * 8) / 8;
        double d[2] = {x - w->line_x, y - w->line_y};
        tags_mark(&w->tags, c, op->elem);
        if (!op->joined || i == pg->first) {  /* a joined run goes on where the last ended */
            put_op(c, d, 2, "Td");
            w->line_x = x;
            w->line_y = y;
        }
        show_text(w, page, op, text + op->text);
        uint32_t link = tags_link(&w->tags, op->elem);
        if (link)
            annotate(w, op, link, text + op->text, H - op->y);
    }
    tags_close(&w->tags, c);
    sb_puts(c, "ET\n");
    if (!w->error)
        set_content(w, page);
}

/* A PDF text string for any Unicode text: UTF-16BE with a byte order mark, as a hex string. */
static void set_info(writer *w, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    strbuf buf = {0};
    pdf_utf16be(value, strlen(value), &buf);
    /* HPDF_SetInfoAttr only takes text without NULs: it makes the Info dictionary, then our
     * UTF-16 string goes in as a hex string */
    HPDF_SetInfoAttr(w->doc, HPDF_INFO_CREATOR, "pbdocs");
    hpdf_set_info_bytes(w->doc, key, (const unsigned char *)buf.data, buf.len);
    sb_free(&buf);
}

static void writer_free(writer *w)
{
    if (w->doc)
        HPDF_Free(w->doc);
    for (int f = 0; f < FACE_COUNT; f++)
        for (int part = 0; part < PART_COUNT; part++)
            free(w->program[f][part].deflated);
    free(w->deflated);
    free(w->xenc_of);
    free(w->xcode_of);
    sb_free(&w->content);
    tags_free(&w->tags);
    free(w);
}

static int fail(writer *w, const pb_doc_setup *setup, pb_pdf *out, diag_list *errs)
{
    diag_add_class(errs, DIAG_ENV, setup->source, 0, 0, setup->case_id, NULL,
                   "the PDF could not be written (libharu error 0x%04X, detail %u)",
                   (unsigned)w->error, (unsigned)w->detail);
    free(out->bytes);
    memset(out, 0, sizeof *out);
    writer_free(w);
    return -1;
}

int pdf_write(const pb_layout *layout, const pb_doc_setup *setup, const pb_fonts *fonts,
              pb_pdf *out, diag_list *errs)
{
    memset(out, 0, sizeof *out);
    writer *w = xcalloc(1, sizeof *w);  /* ~33 KB of tables: not for the stack */
    w->fonts = fonts;
    w->basic_last = 0x7E;
    w->doc = HPDF_New(on_error, w);
    if (!w->doc || !tags_init(&w->tags, w->doc, layout))
        return fail(w, setup, out, errs);
    HPDF_SetCompressionMode(w->doc, HPDF_COMP_IMAGE);  /* pages: set_content(); fonts: cached */

    set_info(w, "Title", setup->title);
    set_info(w, "Author", setup->author);
    set_info(w, "Subject", setup->subject);
    if (setup->issued.y) {
        HPDF_Date d = {setup->issued.y, setup->issued.m, setup->issued.d, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(w->doc, HPDF_INFO_CREATION_DATE, d);
    }

    if (layout->extra) {
        w->extra = layout->extra;
        w->xenc_of = xcalloc(EXTRA_FONT_LIMIT, 1);
        w->xcode_of = xcalloc(EXTRA_FONT_LIMIT, 1);
    }
    assign_codes(w, layout);
    if (w->too_many) {
        diag_add(errs, setup->source, 0, 0, setup->case_id, NULL,
                 "the document uses more different characters of the council's extra font than "
                 "a PDF of pbdocs can hold (about %d)", (MAX_ENCODINGS / 2) * 128);
        writer_free(w);
        return -1;
    }
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
    if (!w->error && tags_finish(&w->tags) != HPDF_OK && !w->error)
        w->error = HPDF_INVALID_OBJECT;
    if (w->error)
        return fail(w, setup, out, errs);

    HPDF_SaveToStream(w->doc);
    if (!w->error)
        out->bytes = hpdf_saved_bytes(w->doc, &out->len);
    if (w->error || !out->bytes)
        return fail(w, setup, out, errs);
    if (tags_write(&w->tags, setup->title, &out->bytes, &out->len) != 0) {
        w->error = HPDF_INVALID_OBJECT;
        return fail(w, setup, out, errs);
    }
    out->pages = (int)layout->n_pages;
    writer_free(w);
    return 0;
}

void pb_pdf_free(pb_pdf *pdf)
{
    if (!pdf)
        return;
    free(pdf->bytes);
    memset(pdf, 0, sizeof *pdf);
}
