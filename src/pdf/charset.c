/* charset.c: the table of printable characters, built once from libharu's own encoders.
 *
 * For every encoding we use, each byte 0x20..0xFF is asked for its Unicode value; a value that
 * the subset fonts hold (subset_ranges below, the same list as src/pdf/subset-fonts) becomes a
 * slot recording which encodings hold it and at which byte. Lookups are then one array index. */
#include "pdf/charset.h"

#include <hpdf.h>
#include <pthread.h>
#include <string.h>

static const char *const encoding_names[CHARSET_ENCODINGS] = {
    "CP1252", "CP1250", "ISO8859-4", "ISO8859-3", "ISO8859-14", "ISO8859-16",
};

/* The code points the subset fonts keep: keep in step with --unicodes in src/pdf/subset-fonts
 * (tests/test_typeset checks every one has a glyph in all four faces and prints).
 * Left out although an encoding holds them: U+021A/U+021B (Romanian T/t with comma below).
 * libharu names them "Tcommaaccent", which PDF readers take for U+0162 (T with cedilla): they
 * would both draw and extract as the cedilla letter. Rejecting them is honest; printing the
 * wrong letter in a name is not. */
static const struct {
    uint32_t lo, hi;
} subset_ranges[] = {
    {0x0020, 0x007E}, {0x00A0, 0x0113}, {0x0116, 0x012B}, {0x012E, 0x0131}, {0x0134, 0x013E},
    {0x0141, 0x0148}, {0x014A, 0x014D}, {0x0150, 0x017E}, {0x0218, 0x0219}, {0x02C6, 0x02C7},
    {0x02D8, 0x02D9}, {0x02DB, 0x02DD}, {0x1E80, 0x1E85}, {0x1EF2, 0x1EF3}, {0x2013, 0x2014},
    {0x2018, 0x201A}, {0x201C, 0x201E}, {0x2020, 0x2022}, {0x2026, 0x2026}, {0x2030, 0x2030},
    {0x2039, 0x203A}, {0x20AC, 0x20AC}, {0x2122, 0x2122},
};

#define TABLE_LIMIT 0x2200u  /* above every code point in subset_ranges */
#define MAX_SLOTS 512

typedef struct slot {
    uint8_t mask;                         /* bit e: encoding e holds the character */
    uint8_t byte[CHARSET_ENCODINGS];
} slot;

static uint16_t slot_of[TABLE_LIMIT];    /* 0: not printable, else index + 1 into slots */
static slot slots[MAX_SLOTS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static bool in_subset(uint32_t cp)
{
    for (size_t i = 0; i < sizeof subset_ranges / sizeof subset_ranges[0]; i++)
        if (cp >= subset_ranges[i].lo && cp <= subset_ranges[i].hi)
            return true;
    return false;
}

static void build_table(void)
{
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    if (!doc)
        return;  /* out of memory: nothing prints, every check says no */
    size_t used = 0;
    for (int e = 0; e < CHARSET_ENCODINGS; e++) {
        HPDF_Encoder enc = HPDF_GetEncoder(doc, encoding_names[e]);
        if (!enc)
            continue;
        for (unsigned code = 0x20; code <= 0xFF; code++) {
            uint32_t cp = HPDF_Encoder_GetUnicode(enc, (HPDF_UINT16)code);
            if (cp == 0 || cp >= TABLE_LIMIT || !in_subset(cp))
                continue;
            if (!slot_of[cp]) {
                if (used == MAX_SLOTS)
                    continue;
                slot_of[cp] = (uint16_t)(++used);
            }
            slot *s = &slots[slot_of[cp] - 1];
            if (!(s->mask & (1u << e))) {  /* the first byte wins if an encoding repeats one */
                s->mask |= (uint8_t)(1u << e);
                s->byte[e] = (uint8_t)code;
            }
        }
    }
    HPDF_Free(doc);
}

static const slot *lookup(uint32_t cp)
{
    pthread_once(&table_once, build_table);
    if (cp >= TABLE_LIMIT || !slot_of[cp])
        return NULL;
    return &slots[slot_of[cp] - 1];
}

const char *charset_encoding_name(int enc)
{
    return enc >= 0 && enc < CHARSET_ENCODINGS ? encoding_names[enc] : NULL;
}

bool fonts_can_show(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return true;
    return lookup(cp) != NULL;
}

unsigned charset_encodings(uint32_t cp)
{
    const slot *s = lookup(cp);
    return s ? s->mask : 0;
}

unsigned char charset_byte(uint32_t cp, int enc)
{
    const slot *s = lookup(cp);
    return s && enc >= 0 && enc < CHARSET_ENCODINGS ? s->byte[enc] : 0;
}

int charset_pick(uint32_t cp, int cur)
{
    unsigned mask = charset_encodings(cp);
    if (!mask)
        return -1;
    if (cur >= 0 && (mask & (1u << cur)))
        return cur;
    for (int e = 0; e < CHARSET_ENCODINGS; e++)
        if (mask & (1u << e))
            return e;
    return -1;
}
