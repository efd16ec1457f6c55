/* test_money.c: money_parse accepts exactly the case format and nothing else; money_format
 * writes amounts as a letter shows them. */
#include "check.h"
#include "core/money.h"

#include <stdint.h>

static void accepts(const char *s, pence want)
{
    pence got = -1;
    const char *err = money_parse(s, &got);
    CHECK(err == NULL && got == want, "money_parse(\"%s\"): err=%s got=%lld want=%lld", s,
          err ? err : "none", (long long)got, (long long)want);
}

static void rejects(const char *s, const char *want_msg)
{
    pence got = 12345;
    const char *err = money_parse(s, &got);
    CHECK(err != NULL, "money_parse(\"%s\") should fail, gave %lld", s ? s : "(null)",
          (long long)got);
    CHECK(got == 12345, "money_parse(\"%s\") wrote its output despite failing", s ? s : "(null)");
    if (err && want_msg)
        CHECK_STR(err, want_msg);
}

static void formats(pence p, const char *want)
{
    char buf[32];
    size_t n = money_format(p, buf, sizeof buf);
    CHECK_STR(buf, want);
    CHECK(n == strlen(want), "money_format(%lld) returned %zu, want %zu", (long long)p, n,
          strlen(want));
}

int main(void)
{
    const char *form = "is not an amount in pounds such as 2400, 2400.5 or 2400.50";
    const char *decimals = "has more than 2 decimals";
    const char *large = "is more than the largest amount accepted (999999999.99)";

    /* the three forms the contract names */
    accepts("2400", 240000);
    accepts("2400.5", 240050);
    accepts("2400.50", 240050);
    accepts("0", 0);
    accepts("0.00", 0);
    accepts("0.01", 1);
    accepts("0.1", 10);
    accepts("0.10", 10);
    accepts("1.05", 105);
    accepts("812.50", 81250);
    accepts("007", 700); /* leading zeros are still an exact decimal */
    accepts("999999999.99", MONEY_MAX);
    accepts("999999999.9", 99999999990);
    accepts("999999999", 99999999900);
    accepts("000000000000000000000000000001.00", 100); /* many zeros: no overflow */

    rejects("", "is empty");
    rejects(NULL, "is empty");
    rejects("12.345", decimals);
    rejects("0.001", decimals);
    rejects("1.000", decimals);
    rejects("1e3", form);
    rejects("1E3", form);
    rejects("-0", form);
    rejects("-5", form);
    rejects("-0.00", form);
    rejects("+1", form);
    rejects("\xC2\xA3" "12", form); /* "£12" */
    rejects("12\xC2\xA3", form);
    rejects("0x10", form);
    rejects(" 1", form);
    rejects("1 ", form);
    rejects("1\n", form);
    rejects("\t1", form);
    rejects("1,000", form);
    rejects("1,000.00", form);
    rejects("12.", form);
    rejects(".5", form);
    rejects(".", form);
    rejects("1..2", form);
    rejects("1.2.3", form);
    rejects("12.3x", form);
    rejects("12.345x", form); /* malformed wins over "too many decimals" */
    rejects("\xD9\xA3", form); /* U+0663 ARABIC-INDIC DIGIT THREE */
    rejects("1\xD9\xA3", form);
    rejects("\xEF\xBC\x91", form); /* U+FF11 FULLWIDTH DIGIT ONE */
    rejects("inf", form);
    rejects("NaN", form);
    rejects("12abc", form);
    rejects("1 000", form);
    rejects("1000000000", large);
    rejects("1000000000.00", large);
    rejects("999999999.991", decimals);
    rejects("99999999999999999999999999999999", large); /* would overflow int64 */
    rejects("9223372036854775808", large);
    rejects("99999999999999999999999999x", form);

    /* the message is a static string: the same pointer each time, nothing to free */
    pence p;
    CHECK(money_parse("1e3", &p) == money_parse("1e3", &p), "message is static");

    formats(0, "\xC2\xA3" "0.00");
    formats(5, "\xC2\xA3" "0.05");
    formats(50, "\xC2\xA3" "0.50");
    formats(100, "\xC2\xA3" "1.00");
    formats(99999, "\xC2\xA3" "999.99");
    formats(100000, "\xC2\xA3" "1,000.00");
    formats(123450, "\xC2\xA3" "1,234.50");
    formats(240000, "\xC2\xA3" "2,400.00");
    formats(10000000, "\xC2\xA3" "100,000.00");
    formats(100000000, "\xC2\xA3" "1,000,000.00");
    formats(123456789, "\xC2\xA3" "1,234,567.89");
    formats(MONEY_MAX, "\xC2\xA3" "999,999,999.99");
    formats(-1, "-\xC2\xA3" "0.01");
    formats(-1200, "-\xC2\xA3" "12.00");
    formats(-123456789, "-\xC2\xA3" "1,234,567.89");
    formats(INT64_MAX, "\xC2\xA3" "92,233,720,368,547,758.07");
    formats(INT64_MIN, "-\xC2\xA3" "92,233,720,368,547,758.08");

    /* a short buffer is truncated and terminated; the full length is still returned */
    char small[6];
    size_t n = money_format(123456789, small, sizeof small);
    CHECK_STR(small, "\xC2\xA3" "1,2");
    CHECK(n == strlen("\xC2\xA3" "1,234,567.89"), "short buffer: returned %zu", n);
    char one[1] = {'x'};
    money_format(5, one, 1);
    CHECK(one[0] == '\0', "size 1 buffer holds only the terminator");

    /* every amount round-trips through format and back (with the £ and commas removed) */
    int bad = 0;
    for (pence v = 0; v < 300000; v += 7) {
        char buf[32], plain[32];
        money_format(v, buf, sizeof buf);
        size_t k = 0;
        for (const char *c = buf + 2; *c; c++)
            if (*c != ',')
                plain[k++] = *c;
        plain[k] = '\0';
        pence back = -1;
        const char *err = money_parse(plain, &back);
        if ((err || back != v) && bad++ < 5)
            printf("round trip %lld -> %s -> %lld\n", (long long)v, plain, (long long)back);
    }
    CHECK(bad == 0, "%d amounts did not round-trip", bad);

    return check_done("money");
}
