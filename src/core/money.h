/* money.h: amounts are integer pence from the XML to the letter; never floating point. */
#ifndef PBDOCS_MONEY_H
#define PBDOCS_MONEY_H
#include <stddef.h>
#include <stdint.h>

typedef int64_t pence;

/* Largest amount accepted: £999,999,999.99 keeps every sum of a case far from overflow. */
#define MONEY_MAX ((pence)99999999999)

/* Parses decimal pounds as the case format writes them: digits, optionally '.' and one or two
 * digits ("2400", "2400.5", "2400.50"). Rejects everything else: "", "12.345", "1e3", "-0",
 * "-5", "£12", "1,000", " 12", "12.", ".5", "+1", and amounts above MONEY_MAX.
 * Returns NULL on success, else a short message saying what is wrong (static string). */
const char *money_parse(const char *s, pence *out);

/* "£1,234.50"; a negative amount is written "-£12.00". Returns the length written
 * (the buffer needs at most 32 bytes). */
size_t money_format(pence p, char *buf, size_t size);
#endif
