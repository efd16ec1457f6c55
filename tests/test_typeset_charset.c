/* test_typeset_charset: which characters the letters can print (fonts_can_show and the glyph
 * table the PDF backend encodes from). That every one of them really prints and extracts is
 * checked in test_typeset against the PDF itself. */
#include <stdint.h>

#include "check.h"
#include "fonts/charset.h"
#include "pdf/pdf_fonts.h"

int main(void)
{
    /* Everything a UK SEND letter holds: English, £, curly quotes and dashes, Western European,
     * Polish, Czech, Hungarian, Welsh, Romanian (comma below S), Turkish, Baltic letters. */
    static const uint32_t yes[] = {
        'A', 'z', '0', ' ', '~', '*', '_', '#', '<', '&', 0xA3 /* £ */, 0x20AC /* € */,
        0xE9 /* é */, 0xEB /* ë */, 0xFC /* ü */, 0xDF /* ß */, 0xC7 /* Ç */, 0xF1 /* ñ */,
        0x141 /* Ł */, 0x142 /* ł */, 0x105 /* ą */, 0x17C /* ż */, 0x159 /* ř */, 0x151 /* ő */,
        0x174 /* Ŵ */, 0x175 /* ŵ */, 0x177 /* ŷ */, 0x1E81 /* ẁ */, 0x1EF3 /* ỳ */, 0x178 /* Ÿ */,
        0x218 /* Ș */, 0x219 /* ș */, 0x162 /* Ţ */, 0x11F /* ğ */, 0x130 /* İ */, 0x131 /* ı */,
        0x15F /* ş */, 0x101 /* ā */, 0x113 /* ē */, 0x12B /* ī */, 0x16B /* ū */, 0x109 /* ĉ */,
        0x127 /* ħ */, 0x149 /* ŉ */, 0x17F /* ſ */, 0x132 /* Ĳ */, 0x14E /* Ŏ */, 0x1FB /* ǻ */,
        0x2018, 0x2019, 0x201B, 0x201C, 0x201D, 0x201A, 0x201E, 0x2013, 0x2014, 0x2026, 0x2022,
        0xAB, 0xBB, 0xB0 /* ° */, 0xB7 /* · */, 0xBD /* ½ */, 0xD7 /* × */, 0x2DA /* ˚ */,
        0x2192 /* → */, 0x2212 /* − */, 0x2264 /* ≤ */, 0x2116 /* № */, 0x2153 /* ⅓ */,
        0x2122 /* ™ */, 0x2030 /* ‰ */,
        /* the second subset: Cyrillic, Greek, Vietnamese, Romanian comma below T, more Latin */
        0x41E /* О */, 0x43B /* л */, 0x428 /* Ш */, 0x491 /* ґ */, 0x456 /* і */, 0x4E9 /* ө */,
        0x3A9 /* Ω */, 0x3B1 /* α */, 0x3AC /* ά */, 0x1F00 /* ἀ */, 0x1EC5 /* ễ */,
        0x1EA1 /* ạ */, 0x1B0 /* ư */, 0x21A /* Ț */, 0x21B /* ț */, 0x180 /* ƀ */, 0x1DD /* ǝ */,
        0x254 /* ɔ */, 0x1E0C /* Ḍ */, 0x2BB /* ʻ */, 0x1E9E /* ẞ */,
        '\t', '\n', '\r', 0xA0 /* no-break space */, 0xAD /* soft hyphen */,
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        CHECK(fonts_can_show(yes[i]), "U+%04X should print", (unsigned)yes[i]);

    static const uint32_t no[] = {
        0, 7, 0x1B, 0x7F, 0x80, 0x9F,
        0x5D0 /* א: Hebrew, right to left */, 0x627 /* ا: Arabic, needs shaping */,
        0x915 /* क: Devanagari */, 0x995 /* ক: Bengali */, 0x301 /* a lone combining accent */,
        0x4E2D /* 中 */, 0x6F22 /* 漢 */,
        0x1F600 /* emoji */, 0xFFFD, 0xFEFF, 0x200B /* zero-width space */, 0x2028, 0x202E,
        0x2300, 0x2194 /* ↔ */, 0xD800, 0x110000, 0xFFFFFFFFu,
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        CHECK(!fonts_can_show(no[i]), "U+%04X should not print", (unsigned)no[i]);

    /* The special cases print without a glyph of their own. */
    CHECK(!charset_has_glyph('\n') && !charset_has_glyph(0xA0) && !charset_has_glyph(0xAD),
          "white space, no-break space and soft hyphen have no glyph of their own");

    /* The whole set, and every glyph's name leads back to its character. */
    unsigned count = 0, ext = 0, bad_names = 0;
    char buf[8];
    for (uint32_t cp = 0; cp < 0x30000; cp++) {
        if (!charset_has_glyph(cp))
            continue;
        count++;
        ext += charset_is_ext(cp);
        const char *name = charset_glyph_name(cp, buf);
        if (cp != ' ' && (!name || strcmp(name, ".notdef") == 0))
            bad_names++;
    }
    CHECK(count == 388 + 1233, "characters with a glyph: %u", count);
    CHECK(ext == 1233, "characters of the second subset: %u", ext);
    CHECK(bad_names == 0, "%u glyphs without a name", bad_names);
    CHECK_STR(charset_glyph_name(0x141, buf), "Lslash");
    CHECK_STR(charset_glyph_name(0x175, buf), "wcircumflex");
    CHECK_STR(charset_glyph_name(0x21B, buf), "uni021B");
    CHECK(!charset_is_ext(0x162) && charset_is_ext(0x21B), "Ţ basic, Ț in the second subset");
    return check_done("typeset_charset");
}
