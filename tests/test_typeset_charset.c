/* test_typeset_charset: which characters the letters can print, and in which encoding. */
#include <stdint.h>

#include "check.h"
#include "layout/typeset.h"

int main(void)
{
    /* Everything a UK SEND letter holds: English, £, curly quotes and dashes, Western European,
     * Polish, Czech, Hungarian, Welsh, Romanian, Turkish and Baltic letters. */
    static const uint32_t yes[] = {
        'A', 'z', '0', ' ', '~', '*', '_', '#', '<', '&', 0xA3 /* £ */, 0x20AC /* € */,
        0xE9 /* é */, 0xEB /* ë */, 0xFC /* ü */, 0xDF /* ß */, 0xC7 /* Ç */, 0xF1 /* ñ */,
        0x141 /* Ł */, 0x142 /* ł */, 0x105 /* ą */, 0x17C /* ż */, 0x159 /* ř */, 0x151 /* ő */,
        0x174 /* Ŵ */, 0x175 /* ŵ */, 0x177 /* ŷ */, 0x1E81 /* ẁ */, 0x1EF3 /* ỳ */, 0x178 /* Ÿ */,
        0x218 /* Ș */, 0x219 /* ș */, 0x162 /* Ţ */, 0x11F /* ğ */, 0x130 /* İ */, 0x131 /* ı */, 0x15F /* ş */,
        0x101 /* ā */, 0x113 /* ē */, 0x12B /* ī */, 0x16B /* ū */, 0x109 /* ĉ */, 0x127 /* ħ */,
        0x2018, 0x2019, 0x201C, 0x201D, 0x201A, 0x201E, 0x2013, 0x2014, 0x2026, 0x2022,
        0xA0 /* no-break space */, 0xAB, 0xBB, 0xB0 /* ° */, 0xBD /* ½ */, 0xD7 /* × */,
        '\t', '\n', '\r',
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        CHECK(fonts_can_show(yes[i]), "U+%04X should print", (unsigned)yes[i]);

    static const uint32_t no[] = {
        0, 7, 0x1B, 0x7F, 0x80, 0x9F, 0x2DA /* ˚: no encoding we use holds it */,
        0x21A /* Ț: would print as Ţ */, 0x21B, 0x149 /* ŉ */, 0x17F /* ſ */, 0x132 /* Ĳ */, 0x14E /* Ŏ */, 0x201B /* ‛ */,
        0x416 /* Ж */, 0x3B1 /* α */, 0x5D0 /* א */, 0x4E2D /* 中 */, 0x1F600 /* emoji */,
        0xFFFD, 0xFEFF, 0x200B /* zero-width space */, 0x2028, 0xD800, 0x110000, 0xFFFFFFFFu,
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        CHECK(!fonts_can_show(no[i]), "U+%04X should not print", (unsigned)no[i]);

    /* The whole set: 341 printable characters plus three white-space controls. */
    unsigned count = 0;
    for (uint32_t cp = 0; cp < 0x30000; cp++)
        count += fonts_can_show(cp);
    CHECK(count == 344, "printable count %u", count);

    /* Every printable character has a byte in some encoding and picks an encoding that has it. */
    unsigned bad = 0;
    for (uint32_t cp = 0x20; cp < 0x3000; cp++) {
        if (!fonts_can_show(cp))
            continue;
        int e = charset_pick(cp, -1);
        if (e < 0 || !(charset_encodings(cp) & (1u << e)) || charset_byte(cp, e) < 0x20)
            bad++;
    }
    CHECK(bad == 0, "%u printable characters without a byte", bad);

    /* English stays in CP1252; a Polish name switches once and stays while it can. */
    CHECK(charset_pick('a', -1) == 0, "ASCII prefers CP1252");
    CHECK(charset_pick(0xA3, -1) == 0 && charset_byte(0xA3, 0) == 0xA3, "£ is CP1252 0xA3");
    CHECK(charset_pick(0x2019, -1) == 0 && charset_byte(0x2019, 0) == 0x92, "’ is CP1252 0x92");
    int e = charset_pick(0x141, 0);
    CHECK_STR(charset_encoding_name(e), "CP1250");
    CHECK(charset_pick('u', e) == e, "ASCII stays in the current encoding");
    CHECK_STR(charset_encoding_name(charset_pick(0x175, -1)), "ISO8859-14");
    CHECK_STR(charset_encoding_name(charset_pick(0x219, -1)), "ISO8859-16");
    CHECK(charset_pick(0x416, 0) == -1, "Cyrillic has no encoding");
    CHECK(charset_encodings('\n') == 0, "controls have no byte");
    return check_done("typeset_charset");
}
