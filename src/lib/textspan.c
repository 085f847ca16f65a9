/*
 * textspan.c -- blanks, trimming, words and lines over spans of text
 * (see textspan.h).  Nothing here allocates.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "textspan.h"

/* Length of the blank (ASCII or Unicode space, BOM) at p, 0 if none. */
size_t
span_blank_at(const char *p, const char *end)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 left = (size_t)(end - p);

	if (left == 0)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\v' ||
	    u[0] == '\f')
		return 1;
	if (left >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;				/* U+00A0 */
	if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] <= 0x8b || u[2] == 0xaf))
		return 3;				/* U+2000-200B, 202F */
	if (left >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;				/* U+FEFF */
	return 0;
}

/* Length of the blank that ends just before p, 0 if none: a blank of
 * n bytes that starts n bytes back, tried from the shortest. */
size_t
span_blank_before(const char *start, const char *p)
{
	size_t	n;

	for (n = 1; n <= 3 && n <= (size_t)(p - start); n++) {
		if (span_blank_at(p - n, p) == n)
			return n;
	}
	return 0;
}

struct span
span_ltrim(struct span s)
{
	size_t	n;

	while ((n = span_blank_at(s.p, s.p + s.len)) != 0) {
		s.p += n;
		s.len -= n;
	}
	return s;
}

struct span
span_rtrim(struct span s)
{
	size_t	n;

	while ((n = span_blank_before(s.p, s.p + s.len)) != 0)
		s.len -= n;
	return s;
}

struct span
span_trim(struct span s)
{
	return span_rtrim(span_ltrim(s));
}

int
span_istarts(struct span s, const char *prefix)
{
	size_t	n = strlen(prefix);

	return s.len >= n && strncasecmp(s.p, prefix, n) == 0;
}

int
span_ieq(struct span s, const char *word)
{
	return s.len == strlen(word) && strncasecmp(s.p, word, s.len) == 0;
}

int
span_icontains(struct span s, const char *needle)
{
	size_t	n = strlen(needle), i;

	for (i = 0; n <= s.len && i <= s.len - n; i++) {
		if (strncasecmp(s.p + i, needle, n) == 0)
			return 1;
	}
	return 0;
}

int
span_has_time(struct span s)
{
	size_t	i;

	for (i = 0; i + 3 < s.len; i++) {
		if (isdigit((unsigned char)s.p[i]) && s.p[i + 1] == ':' &&
		    isdigit((unsigned char)s.p[i + 2]) &&
		    isdigit((unsigned char)s.p[i + 3]))
			return 1;
	}
	return 0;
}

/* Splits the first blank-separated word off s; returns it (len 0 at end). */
struct span
span_word(struct span *s)
{
	struct span	 w;
	const char	*end = s->p + s->len;

	*s = span_ltrim(*s);
	w.p = s->p;
	while (s->len > 0 && span_blank_at(s->p, end) == 0) {
		s->p++;
		s->len--;
	}
	w.len = (size_t)(s->p - w.p);
	*s = span_ltrim(*s);
	return w;
}

/* Drops one trailing ':', ',', ';' or '.' from a word. */
struct span
span_unpunct(struct span w)
{
	if (w.len > 1 && strchr(":,;.", w.p[w.len - 1]) != NULL)
		w.len--;
	return w;
}

/* ------------------------------------------------------------ lines */

/* Fills l with the line starting at off; 0 when there is none. */
int
span_line_get(const char *body, size_t bodylen, size_t off, size_t no,
    struct span_line *l)
{
	const char	*nl, *end;

	if (off >= bodylen)
		return 0;
	l->p = body + off;
	nl = memchr(l->p, '\n', bodylen - off);
	end = nl != NULL ? nl : body + bodylen;
	l->next = nl != NULL ? (size_t)(nl + 1 - body) : bodylen;
	l->len = (size_t)(end - l->p);
	if (l->len > 0 && l->p[l->len - 1] == '\r')
		l->len--;
	l->trunc = 0;
	if (l->len > SPAN_MAX_LINE) {
		l->len = SPAN_MAX_LINE;
		l->trunc = 1;
	}
	l->off = off;
	l->no = no;
	return 1;
}

struct span
span_of_line(const struct span_line *l)
{
	struct span	s = { l->p, l->len };

	return s;
}