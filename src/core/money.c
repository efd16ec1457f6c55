/* money.c: amounts as integer pence, parsed from the case format and written for letters.
 *
 * The parser is a strict hand-written scanner rather than strtol/strtod: those accept leading
 * blanks, signs, "0x", exponents and locale digits, and any of those slipping through would put a
 * wrong amount in front of a family. Only ASCII '0'..'9' and one '.' are ever accepted. */
#include "core/money.h"

#include <stdbool.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

const char *money_parse(const char *s, pence *out)
{
    if (!s || !*s)
        return "is empty";

    /* Shape first, so a malformed string is never reported as "too large". */
    const char *p = s;
    size_t int_digits = 0, decimals = 0;
    while (is_digit(*p))
        p++, int_digits++;
    bool has_point = *p == '.';
    if (has_point) {
        p++;
        while (is_digit(p[decimals]))
            decimals++;
        p += decimals;
    }
    if (*p != '\0' || int_digits == 0 || (has_point && decimals == 0))
        return "is not an amount in pounds such as 2400, 2400.5 or 2400.50";
    if (decimals > 2)
        return "has more than 2 decimals";

    /* Value: checked at every digit so a long run of digits cannot overflow. */
    const char *too_large = "is more than the largest amount accepted (999999999.99)";
    pence total = 0;
    for (p = s; *p; p++) {
        if (*p == '.')
            continue;
        total = total * 10 + (*p - '0');
        if (total > MONEY_MAX)
            return too_large;
    }
    if (decimals < 2)
        total *= decimals == 1 ? 10 : 100;
    if (total > MONEY_MAX)
        return too_large;
    *out = total;
    return NULL;
}

size_t money_format(pence p, char *buf, size_t size)
{
    /* Work on the magnitude as unsigned so INT64_MIN is safe too. */
    bool negative = p < 0;
    uint64_t mag = negative ? (uint64_t)0 - (uint64_t)p : (uint64_t)p;
    unsigned pennies = (unsigned)(mag % 100);
    uint64_t pounds = mag / 100;

    /* Digits of the pounds, written backwards with a comma every three. */
    char rev[40];
    size_t n = 0;
    int group = 0;
    do {
        if (group == 3) {
            rev[n++] = ',';
            group = 0;
        }
        rev[n++] = (char)('0' + pounds % 10);
        pounds /= 10;
        group++;
    } while (pounds > 0);

    char tmp[64];
    size_t len = 0;
    if (negative)
        tmp[len++] = '-';
    tmp[len++] = '\xC2'; /* U+00A3 POUND SIGN in UTF-8 */
    tmp[len++] = '\xA3';
    while (n > 0)
        tmp[len++] = rev[--n];
    tmp[len++] = '.';
    tmp[len++] = (char)('0' + pennies / 10);
    tmp[len++] = (char)('0' + pennies % 10);
    tmp[len] = '\0';

    /* snprintf-like: copy what fits, always terminate, return the full length */
    if (size > 0) {
        size_t copy = len < size - 1 ? len : size - 1;
        memcpy(buf, tmp, copy);
        buf[copy] = '\0';
    }
    return len;
}
