/* charset.c: the table of printable characters: the subset fonts' ranges, as a bitmap built once.
 * Which of them libharu names correctly is checked against libharu in pdf/pdf_fonts.c. */
#include "fonts/charset.h"

#include <pthread.h>

/* The code points the subset fonts keep: keep in step with --unicodes in src/fonts/subset-fonts
 * (tests/test_typeset_charset checks every one has a glyph in all four faces and prints, and
 * that its name survives the trip through the PDF). */
static const struct {
    uint32_t lo, hi;
} subset_ranges[] = {
    {0x0020, 0x007E}, {0x00A0, 0x017F}, {0x0192, 0x0192}, {0x01A0, 0x01A1}, {0x01AF, 0x01B0},
    {0x01E6, 0x01E7}, {0x01FA, 0x01FF}, {0x0218, 0x0219}, {0x02C6, 0x02C7}, {0x02D8, 0x02DD},
    {0x1E80, 0x1E85}, {0x1EF2, 0x1EF3}, {0x2012, 0x2015}, {0x2017, 0x201E}, {0x2020, 0x2022},
    {0x2026, 0x2026}, {0x2030, 0x2030}, {0x2032, 0x2033}, {0x2039, 0x203A}, {0x203C, 0x203C},
    {0x2044, 0x2044}, {0x20AC, 0x20AC}, {0x2116, 0x2116}, {0x2122, 0x2122}, {0x2153, 0x2154},
    {0x215B, 0x215E}, {0x2190, 0x2193}, {0x2212, 0x2212}, {0x2260, 0x2260}, {0x2264, 0x2265},
};

static uint8_t glyph_bits[CHARSET_LIMIT / 8];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    for (size_t i = 0; i < sizeof subset_ranges / sizeof subset_ranges[0]; i++)
        for (uint32_t cp = subset_ranges[i].lo; cp <= subset_ranges[i].hi; cp++)
            /* libharu names these "space" and "hyphen": readers would take them for U+0020 and
             * U+002D (see charset.h) */
            if (cp != 0xA0 && cp != 0xAD)
                glyph_bits[cp / 8] |= (uint8_t)(1u << (cp % 8));
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
