/*
 * test_numfmt.c -- numbers in Dutch and English (numfmt.h): "1.234" and
 * "12,5%" in Dutch, "1,234" and "12.5%" in English.
 */
#include "config.h"

#include <stdint.h>

#include "check.h"
#include "numfmt.h"

static void
num(int64_t v, enum lang l, const char *want)
{
	char	out[NUMFMT_MAX];

	CHECK_STR(numfmt_int(out, sizeof out, v, l), want);
}

static void
half(int64_t twice, enum lang l, const char *want)
{
	char	out[NUMFMT_MAX];

	CHECK_STR(numfmt_half(out, sizeof out, twice, l), want);
}

static void
pct(int64_t part, int64_t whole, enum lang l, int rc, const char *want)
{
	char	out[NUMFMT_MAX];

	CHECK_INT(numfmt_pct(out, sizeof out, part, whole, l), rc);
	CHECK_STR(out, want);
}

int
main(void)
{
	num(0, LANG_NL, "0");
	num(12, LANG_NL, "12");
	num(999, LANG_NL, "999");
	num(1234, LANG_NL, "1.234");
	num(1234, LANG_EN, "1,234");
	num(1234567, LANG_NL, "1.234.567");
	num(1234567, LANG_EN, "1,234,567");
	num(100000, LANG_NL, "100.000");
	num(-1234, LANG_NL, "-1.234");
	num(INT64_MIN, LANG_EN, "-9,223,372,036,854,775,808");

	half(24, LANG_NL, "12");
	half(25, LANG_NL, "12,5");
	half(25, LANG_EN, "12.5");
	half(2469, LANG_NL, "1.234,5");
	half(-3, LANG_NL, "-1,5");
	half(1, LANG_EN, "0.5");

	pct(5, 6, LANG_NL, 1, "83,3");
	pct(5, 6, LANG_EN, 1, "83.3");
	pct(1, 8, LANG_NL, 1, "12,5");
	pct(1, 8, LANG_EN, 1, "12.5");
	pct(6, 6, LANG_NL, 1, "100,0");
	pct(0, 6, LANG_NL, 1, "0,0");
	pct(25, 2, LANG_NL, 1, "1.250,0");
	pct(25, 2, LANG_EN, 1, "1,250.0");
	pct(2, 3, LANG_NL, 1, "66,7");
	pct(-1, 3, LANG_EN, 1, "-33.3");
	pct(1, 0, LANG_NL, 0, "-");
	return check_done();
}
