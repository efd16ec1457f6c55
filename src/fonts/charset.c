/* charset.c: the table of printable characters: the subset fonts' ranges, as bitmaps built once.
 * Which of them libharu names correctly is checked against libharu in pdf/pdf_fonts.c. */
#include "fonts/charset.h"

#include <pthread.h>

/* The code points the subset fonts keep: keep in step with --unicodes in src/fonts/subset-fonts
 * (tests/test_typeset_charset checks every one has a glyph in all four faces and prints, and
 * that its name survives the trip through the PDF). */
typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

static const cp_range subset_ranges[] = {
    {0x0020, 0x007E}, {0x00A0, 0x017F}, {0x0192, 0x0192}, {0x01A0, 0x01A1}, {0x01AF, 0x01B0},
    {0x01E6, 0x01E7}, {0x01FA, 0x01FF}, {0x0218, 0x0219}, {0x02C6, 0x02C7}, {0x02D8, 0x02DD},
    {0x1E80, 0x1E85}, {0x1EF2, 0x1EF3}, {0x2012, 0x2015}, {0x2017, 0x201E}, {0x2020, 0x2022},
    {0x2026, 0x2026}, {0x2030, 0x2030}, {0x2032, 0x2033}, {0x2039, 0x203A}, {0x203C, 0x203C},
    {0x2044, 0x2044}, {0x20AC, 0x20AC}, {0x2116, 0x2116}, {0x2122, 0x2122}, {0x2153, 0x2154},
    {0x215B, 0x215E}, {0x2190, 0x2193}, {0x2212, 0x2212}, {0x2260, 0x2260}, {0x2264, 0x2265},
};

/* The code points the second, wider subset of the faces keeps (src/fonts/subset-fonts, its
 * "ext" list): Latin Extended-B and Additional (Vietnamese, Romanian comma below T, African
 * and Pan-Nigerian letters), spacing modifiers, Greek (with polytonic) and Cyrillic, every one
 * that all four Liberation Sans faces have. They print from their own fonts, whose encodings
 * name each glyph uniXXXX and carry a /ToUnicode map (pdf/pdf_write.c), so libharu's glyph
 * names do not limit them. Combining marks and scripts that need shaping or run right to left
 * (Hebrew, Arabic, Indic) are left out: without shaping they would print wrong. */
static const cp_range ext_ranges[] = {
    {0x0180, 0x0191}, {0x0193, 0x019F}, {0x01A2, 0x01AE}, {0x01B1, 0x01E5}, {0x01E8, 0x01F9},
    {0x0200, 0x0217}, {0x021A, 0x02C5}, {0x02C8, 0x02D7}, {0x02DE, 0x02FF}, {0x0374, 0x0375},
    {0x037A, 0x037E}, {0x0384, 0x038A}, {0x038C, 0x038C}, {0x038E, 0x03A1}, {0x03A3, 0x03CE},
    {0x03D0, 0x0482}, {0x048A, 0x0513}, {0x051A, 0x051D}, {0x1E00, 0x1E7F}, {0x1E86, 0x1E9B},
    {0x1E9E, 0x1E9E}, {0x1EA0, 0x1EF1}, {0x1EF4, 0x1EF9}, {0x1F00, 0x1F15}, {0x1F18, 0x1F1D},
    {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B},
    {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FC4}, {0x1FC6, 0x1FD3},
    {0x1FD6, 0x1FDB}, {0x1FDD, 0x1FEF}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFE},
};

static uint8_t glyph_bits[CHARSET_LIMIT / 8];
static uint8_t ext_bits[CHARSET_LIMIT / 8];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    for (size_t i = 0; i < sizeof subset_ranges / sizeof subset_ranges[0]; i++)
        for (uint32_t cp = subset_ranges[i].lo; cp <= subset_ranges[i].hi; cp++)
            /* libharu names these "space" and "hyphen": readers would take them for U+0020 and
             * U+002D (see charset.h) */
            if (cp != 0xA0 && cp != 0xAD)
                glyph_bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
    for (size_t i = 0; i < sizeof ext_ranges / sizeof ext_ranges[0]; i++)
        for (uint32_t cp = ext_ranges[i].lo; cp <= ext_ranges[i].hi; cp++) {
            glyph_bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
            ext_bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
        }
}

bool charset_is_ext(uint32_t cp)
{
    pthread_once(&table_once, build_table);
    return cp < CHARSET_LIMIT && (ext_bits[cp / 8] >> (cp % 8)) & 1;
}

bool charset_has_glyph(uint32_t cp)
{
    pthread_once(&table_once, build_table);
    return cp < CHARSET_LIMIT && (glyph_bits[cp / 8] >> (cp % 8)) & 1;
}

bool fonts_can_show(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0xAD)
        return true;
    return charset_has_glyph(cp);
}
