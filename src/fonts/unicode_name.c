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
           (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

void unicode_refusal(uint32_t cp, strbuf *out)
{
    /* the character itself, unless it is invisible (a mark, a format character, a selector) */
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
    sb_printf(out, "(U+%04X%s%s), which the letter fonts cannot show: %s", (unsigned)cp,
              name ? " " : "", name ? name : "",
              unicode_needs_shaping(cp)
                  ? "its script needs joining or right-to-left shaping, which the letters cannot "
                    "do yet; write it in Latin letters (a transliteration)"
              : cp >= 0x0300 && cp <= 0x036F
                  ? "an accent typed apart from its letter; type the accented letter as one "
                    "character (Unicode NFC), or write it in Latin letters"
                  : "write it in Latin letters (a transliteration) or leave it out");
}
