/* unicode_name.c: names for refused characters (see unicode_name.h), looked up by binary search
 * in the table generated at build time from UnicodeData.txt ($(BUILD)/gen/unicode_names.c). */
#include "fonts/unicode_name.h"

#include <stdbool.h>
#include <stdio.h>

#include "core/utf8.h"

extern const size_t unicode_names_count;
extern const uint32_t unicode_names_cp[];
extern const uint32_t unicode_names_at[];
extern const char unicode_names_text[];

const char *unicode_name(uint32_t cp, char buf[40])
{
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0x20000 && cp <= 0x323AF)) {
        snprintf(buf, 40, "CJK UNIFIED IDEOGRAPH-%04X", (unsigned)cp);
        return buf;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return "a HANGUL SYLLABLE";
    size_t lo = 0, hi = unicode_names_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (unicode_names_cp[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < unicode_names_count && unicode_names_cp[lo] == cp)
        return unicode_names_text + unicode_names_at[lo];
    return NULL;
}

int unicode_needs_shaping(uint32_t cp)
{
    /* Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, N'Ko .. Arabic Extended, the Indic
     * scripts, Thai, Lao, Tibetan, Myanmar, Khmer, and the Hebrew and Arabic presentation forms */
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0x0900 && cp <= 0x109F) ||
           (cp >= 0x1780 && cp <= 0x18AF) /* Khmer, Mongolian */ ||
           (cp >= 0x1900 && cp <= 0x19DF) /* Limbu, Tai Le, New Tai Lue */ ||
           (cp >= 0x1A00 && cp <= 0x1C4F) /* Buginese .. Lepcha */ ||
           (cp >= 0xA800 && cp <= 0xA82F) /* Syloti Nagri */ ||
           (cp >= 0xA840 && cp <= 0xA8FF) /* Phags-pa, Saurashtra, Devanagari Extended */ ||
           (cp >= 0xA900 && cp <= 0xAAFF) /* Kayah Li .. Tai Viet, Myanmar Extended */ ||
           (cp >= 0xABC0 && cp <= 0xABFF) /* Meetei Mayek */ ||
           (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
           (cp >= 0x10800 && cp <= 0x10FFF) /* historic right-to-left scripts */ ||
           (cp >= 0x11000 && cp <= 0x11FFF) /* Brahmi and the other Indic scripts */;
}

/* The character itself (unless invisible: a mark, a format character, a selector), then U+ and
 * its name: "“ա” (U+0561 ARMENIAN SMALL LETTER AYB)". */
static void name_character(uint32_t cp, strbuf *out)
{
    bool invisible = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x2000 && cp <= 0x206F) ||
                     (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
                     cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF);
    if (!invisible) {
        sb_puts(out, "\u201C");
        utf8_put(out, cp);
        sb_puts(out, "\u201D ");
    }
    char buf[40];
    const char *name = unicode_name(cp, buf);
    sb_printf(out, "(U+%04X%s%s)", (unsigned)cp, name ? " " : "", name ? name : "");
}

#define SHAPING_WORDS "its script needs joining or right-to-left shaping, which the letters " \
                      "cannot do yet; write it in Latin letters (a transliteration)"
#define MARK_WORDS "an accent typed apart from its letter; type the accented letter as one " \
                   "character (Unicode NFC), or write it in Latin letters"

void unicode_refusal(uint32_t cp, strbuf *out)
{
    name_character(cp, out);
    sb_printf(out, ", which the letter fonts cannot show: %s",
              unicode_needs_shaping(cp)           ? SHAPING_WORDS
              : cp >= 0x0300 && cp <= 0x036F      ? MARK_WORDS
              : cp > 0xFFFF /* no extra font helps there */
                  ? "write it in Latin letters (a transliteration) or leave it out"
                  : "write it in Latin letters (a transliteration), leave it out, or ask for "
                    "the council profile to name a font that has it (<extra-font>)");
}

void unicode_refusal_extra(uint32_t cp, const char *font, bool has_glyph, strbuf *out)
{
    name_character(cp, out);
    if (has_glyph)
        sb_printf(out, ", which the council's extra font %s has but the letters cannot print: %s",
                  font, unicode_needs_shaping(cp) ? SHAPING_WORDS
                        : cp >= 0x0300 && cp <= 0x036F ? MARK_WORDS
                        : "it is a mark, format or control character; leave it out");
    else
        sb_printf(out, ", which neither the letter fonts nor the council's extra font %s can "
                       "show: %s", font, unicode_needs_shaping(cp) ? SHAPING_WORDS
                       : cp >= 0x0300 && cp <= 0x036F ? MARK_WORDS
                       : "write it in Latin letters (a transliteration), or name a font that has "
                         "it in the council profile's <extra-font>");
}
