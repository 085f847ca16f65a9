/*
 * numfmt.c -- numbers in Dutch and English (see numfmt.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "numfmt.h"

/* The digits of u grouped by three with sep, after sign, then tail
 * (a decimal part, may be ""). */
static char *
grouped(char *out, size_t len, const char *sign, uint64_t u, char sep,
    const char *tail)
{
	char	digits[24], g[NUMFMT_MAX];
	size_t	n, i, j = 0;

	snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
	n = strlen(digits);
	for (i = 0; i < n && j + 2 < sizeof g; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			g[j++] = sep;
		g[j++] = digits[i];
	}
	g[j] = '\0';
	snprintf(out, len, "%s%s%s", sign, g, tail);
	return out;
}

/* |v| without overflow for INT64_MIN. */
static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

char *
numfmt_int(char *out, size_t len, int64_t v, enum lang l)
{
	return grouped(out, len, v < 0 ? "-" : "", magnitude(v),
	    l == LANG_EN ? ',' : '.', "");
}

char *
numfmt_half(char *out, size_t len, int64_t twice, enum lang l)
{
	uint64_t	u = magnitude(twice);

	return grouped(out, len, twice < 0 ? "-" : "", u / 2,
	    l == LANG_EN ? ',' : '.', u % 2 == 0 ? "" : l == LANG_EN ? ".5" :
	    ",5");
}

int
numfmt_pct(char *out, size_t len, int64_t part, int64_t whole, enum lang l)
{
	double		p;
	int64_t		tenths;
	uint64_t	u;
	char		tail[4];

	if (whole == 0) {
		snprintf(out, len, "-");
		return 0;
	}
	/* Tenths of a percent, rounded half away from zero (as "%.1f"
	 * would print the value, without its binary surprises). */
	p = 1000.0 * (double)part / (double)whole;
	tenths = (int64_t)(p < 0 ? p - 0.5 : p + 0.5);
	u = magnitude(tenths);
	snprintf(tail, sizeof tail, "%c%u", l == LANG_EN ? '.' : ',',
	    (unsigned)(u % 10));
	grouped(out, len, tenths < 0 ? "-" : "", u / 10,
	    l == LANG_EN ? ',' : '.', tail);
	return 1;
}
