/*
 * quote.c -- short, clean copies of a stranger's text for our own mail
 * (see quote.h).  Pure string work: no mail, no store.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote.h"
#include "util.h"

/* Length of the UTF-8 sequence at p (1..4) with its code point, or 0 for
 * an invalid or truncated one. */
static size_t
utf8_next(const unsigned char *p, unsigned *cp)
{
	size_t	n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, *cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, *cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, *cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && (*cp < 0x800 || (*cp >= 0xd800 && *cp <= 0xdfff))) ||
	    (n == 4 && (*cp < 0x10000 || *cp > 0x10ffff)))
		return 0;
	return n;
}

/* Characters that must not reach a quote: controls (C0, DEL, C1), line
 * and paragraph separators, and the bidi and zero-width formatting that
 * can make text read other than it is. */
static int
is_hidden(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff || cp == 0xad;
}

/* A word that points somewhere: URL, address or host name. */
static int
is_link(const char *w, size_t n)
{
	const char	*last = NULL;
	char		*t;
	size_t		 i, dots = 0, lab = 0;
	int		 r = 0, alpha = 1;

	t = xstrndup(w, n);
	/* Trailing punctuation is not part of a name ("see evil.example."). */
	while (n > 0 && strchr(".,;:!?)]}>'\"", t[n - 1]) != NULL)
		t[--n] = '\0';
	if (strstr(t, "://") != NULL || strchr(t, '@') != NULL ||
	    strncasecmp(t, "www.", 4) == 0 || strncasecmp(t, "mailto:", 7) == 0)
		r = 1;
	/* host.tld or host.tld/path: a dotted name ending in a label of
	 * two or more letters. */
	for (i = 0; !r && i < n && t[i] != '/' && t[i] != '?' && t[i] != '#';
	    i++) {
		if (t[i] == '.') {
			if (lab == 0)
				break;
			dots++;
			last = t + i + 1;
			lab = 0;
			alpha = 1;
			continue;
		}
		lab++;
		if (!((t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= 'A' && t[i] <= 'Z')))
			alpha = 0;
	}
	if (!r && dots > 0 && last != NULL && lab >= 2 && alpha)
		r = 1;
	free(t);
	return r;
}

char *
quote_clean(const char *s, size_t max)
{
	struct buf	 clean, out;
	const char	*p, *w, *rest;
	unsigned	 cp;
	size_t		 n, chars = 0, wl;
	char		*c;
	int		 cut = 0;

	if (s == NULL)
		return NULL;
	/* 1: valid UTF-8 only, hidden characters as spaces.  Only so much
	 * of a 20 MB subject is looked at as can end up in the quote. */
	buf_init(&clean);
	for (p = s; *p != '\0' && clean.len < max * 16 + 1024; p += n) {
		if ((n = utf8_next((const unsigned char *)p, &cp)) == 0) {
			n = 1;
			continue;
		}
		if (is_hidden(cp) || cp == 0xa0 || cp == 0x3000)
			buf_addc(&clean, ' ');
		else
			buf_add(&clean, p, n);
	}
	rest = p;
	c = buf_detach(&clean, NULL);

	/* 2: word by word, without links, cut at max characters. */
	buf_init(&out);
	for (w = c; *w != '\0';) {
		w += strspn(w, " \t");
		if (*w == '\0')
			break;
		wl = strcspn(w, " \t");
		if (!is_link(w, wl)) {
			if (out.len > 0) {
				if (chars + 1 > max) {
					cut = 1;
					break;
				}
				buf_addc(&out, ' ');
				chars++;
			}
			for (p = w; p < w + wl; p += n) {
				n = utf8_next((const unsigned char *)p, &cp);
				if (chars + 1 > max) {
					cut = 1;
					break;
				}
				buf_add(&out, p, n);
				chars++;
			}
			if (cut)
				break;
		}
		w += wl;
	}
	free(c);
	/* Input not looked at counts as cut off, too. */
	if (*rest != '\0')
		cut = 1;
	if (cut) {
		/* Room for the ellipsis, at a word boundary when near. */
		while (out.len > 0 && chars >= max) {
			while (out.len > 0 &&
			    ((unsigned char)out.data[out.len - 1] & 0xc0) == 0x80)
				out.len--;
			if (out.len > 0)
				out.len--;
			chars--;
		}
		while (out.len > 0 && out.data[out.len - 1] == ' ')
			out.len--;
		buf_adds(&out, "\xe2\x80\xa6");
	}
	return buf_detach(&out, NULL);
}
