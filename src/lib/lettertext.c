/*
 * lettertext.c -- the subject, greeting and officer's text as a letter
 * to a citizen shows them (see lettertext.h).  Pure string work: no
 * mail, no store.  The officer's greeting and sign-off are cut because
 * every letter template already greets and signs; left in, a letter read
 * "Geachte heer Jansen, ... Beste Jan, ..." and ended with two signatures.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang.h"
#include "lettertext.h"
#include "quote.h"
#include "util.h"

/* Reply and forward prefixes of mail programs, lower case, without ':'. */
static const char *subject_prefixes[] = {
	"re", "fw", "fwd", "aw", "wg", "antw", "antwoord", "doorst", "sv",
	"vs", "tr", "rv", "ref",
};

/* Length of a "[KL-2026-00042]"-like tag at p, or 0. */
static size_t
tag_len(const char *p)
{
	size_t	i = 1, n;

	if (*p != '[')
		return 0;
	for (n = 0; isupper((unsigned char)p[i]) && n < 8; i++, n++)
		;
	if (n == 0 || p[i++] != '-')
		return 0;
	for (n = 0; isdigit((unsigned char)p[i]); i++, n++)
		;
	if (n != 4 || p[i++] != '-')
		return 0;
	for (n = 0; isdigit((unsigned char)p[i]) && n < 9; i++, n++)
		;
	if (n < 5 || p[i] != ']')
		return 0;
	return i + 1;
}

/* Length of a reply/forward prefix ("Re:", "FW :", "Re[2]:") at p. */
static size_t
prefix_len(const char *p)
{
	size_t	i, n, k;

	for (k = 0; k < sizeof subject_prefixes / sizeof *subject_prefixes;
	    k++) {
		n = strlen(subject_prefixes[k]);
		if (strncasecmp(p, subject_prefixes[k], n) != 0)
			continue;
		i = n;
		if (p[i] == '[') {	/* Re[2]: */
			while (isdigit((unsigned char)p[++i]))
				;
			if (p[i++] != ']')
				continue;
		}
		while (p[i] == ' ')
			i++;
		if (p[i] == ':')
			return i + 1;
	}
	return 0;
}

char *
letter_subject(const char *subject)
{
	struct buf	 b;
	const char	*p;
	char		*s, *out;
	size_t		 n;

	if (subject == NULL)
		return xstrdup("");
	buf_init(&b);
	for (p = subject; *p != '\0'; ) {
		if ((n = tag_len(p)) > 0) {
			p += n;
			continue;
		}
		buf_addc(&b, *p++);
	}
	s = buf_detach(&b, NULL);
	/* Prefixes: repeated, mixed, with blanks between. */
	for (p = s;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if ((n = prefix_len(p)) == 0)
			break;
		p += n;
	}
	out = quote_clean(p, QUOTE_SUBJECT_MAX);
	free(s);
	/* A subject of only dashes or dots says nothing. */
	if (strspn(out, "-.?!*_ ") == strlen(out))
		out[0] = '\0';
	return out;
}

char *
letter_salutation(const char *name, const char *lang)
{
	int	 en = lang_is_en(lang);
	char	*q = quote_clean(name, QUOTE_NAME_MAX), *s;

	/* quote_clean drops addresses: "info@x.org" as a name is no name. */
	if (q != NULL && strspn(q, " \"'.,-") != strlen(q))
		s = xasprintf("%s %s", en ? "Dear" : "Geachte", q);
	else
		s = xstrdup(en ? "Dear Sir or Madam" : "Geachte heer/mevrouw");
	free(q);
	return s;
}

/* ------------------------------------------------------ officer's text */

/* Greeting words a first line starts with, lower case. */
static const char *greetings[] = {
	"beste", "geachte", "hallo", "hoi", "dag", "goedemorgen",
	"goedemiddag", "goedenavond", "l.s.", "dear", "hi", "hello",
	"good morning", "good afternoon", "good evening",
};

/* Sign-off lines, lower case, compared without a trailing ',' or '!'. */
static const char *signoffs[] = {
	"met vriendelijke groet", "met vriendelijke groeten",
	"vriendelijke groet", "vriendelijke groeten", "met hartelijke groet",
	"hartelijke groet", "hartelijke groeten", "met groet", "groet",
	"groeten", "groetjes", "mvg", "m.v.g.", "hoogachtend",
	"met een vriendelijke groet", "kind regards", "best regards",
	"regards", "warm regards", "kindest regards", "best wishes", "best",
	"yours sincerely", "yours faithfully", "sincerely", "cheers",
	"many thanks", "thanks", "dank u wel", "bedankt",
};

/* [a, b) with blanks at both ends trimmed. */
static void
trim(const char **a, const char **b)
{
	while (*a < *b && isspace((unsigned char)**a))
		(*a)++;
	while (*b > *a && isspace((unsigned char)(*b)[-1]))
		(*b)--;
}

static int
is_greeting(const char *a, const char *b)
{
	const char	*p;
	size_t		 k, n, words = 1;

	trim(&a, &b);
	for (k = 0; k < sizeof greetings / sizeof *greetings; k++) {
		n = strlen(greetings[k]);
		if ((size_t)(b - a) >= n && strncasecmp(a, greetings[k], n) ==
		    0 && (a + n == b || a[n] == ' ' || a[n] == ',' ||
		    a[n] == '!'))
			break;
	}
	if (k == sizeof greetings / sizeof *greetings)
		return 0;
	for (p = a; p < b; p++)
		words += *p == ' ' && p + 1 < b && p[1] != ' ';
	if (words > 8)
		return 0;
	if (b[-1] == ',' || b[-1] == '!')
		return 1;
	/* No comma: only a short greeting, not the start of a sentence. */
	for (p = a; p < b; p++)
		if (*p == '.' || *p == '?' || *p == ':' || *p == ';')
			return 0;
	return words <= 5;
}

static int
is_signoff(const char *a, const char *b)
{
	size_t	k, n;

	trim(&a, &b);
	while (b > a && (b[-1] == ',' || b[-1] == '!' || b[-1] == '.' ||
	    b[-1] == ' '))
		b--;
	n = (size_t)(b - a);
	if (n == 0)
		return 0;
	for (k = 0; k < sizeof signoffs / sizeof *signoffs; k++)
		if (strlen(signoffs[k]) == n && strncasecmp(a, signoffs[k],
		    n) == 0)
			return 1;
	return 0;
}

static int
is_sigdash(const char *a, const char *b)
{
	while (b > a && (b[-1] == '\n' || b[-1] == '\r' ||
	    b[-1] == ' '))
		b--;
	return b - a == 2 && a[0] == '-' && a[1] == '-';
}

static int
is_blank_line(const char *a, const char *b)
{
	trim(&a, &b);
	return a == b;
}

char *
letter_officer_text(const char *text)
{
	const char	*start, *end, *p, *le, *first = NULL;
	int		 seen_text = 0;

	if (text == NULL)
		return xstrdup("");
	start = text;
	end = text + strlen(text);
	/* Skip leading blank lines, then a greeting line. */
	for (p = start; p < end; p = le) {
		le = memchr(p, '\n', (size_t)(end - p));
		le = le ? le + 1 : end;
		if (!is_blank_line(p, le)) {
			first = p;
			if (is_greeting(p, le))
				start = le;
			break;
		}
	}
	if (first == NULL)
		return xstrdup(text);
	/* The first sign-off or "-- " after some text ends it. */
	for (p = start; p < end; p = le) {
		le = memchr(p, '\n', (size_t)(end - p));
		le = le ? le + 1 : end;
		if (is_sigdash(p, le) || (seen_text && is_signoff(p, le))) {
			end = p;
			break;
		}
		if (!is_blank_line(p, le))
			seen_text = 1;
	}
	trim(&start, &end);
	if (start >= end)
		return xstrdup(text);
	return xstrndup(start, (size_t)(end - start));
}
