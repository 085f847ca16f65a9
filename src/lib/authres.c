/*
 * authres.c -- a small RFC 8601 reader for Authentication-Results.
 *
 * A lexer turns the header value into words, quoted strings and the
 * specials ';', '=' and '/', dropping folding whitespace and (nested)
 * comments.  The parser then reads
 *
 *	authserv-id [version] *( ";" method[/version] "=" result
 *	    *( reason=value / ptype.property=pvalue ) )
 *
 * and looks for a passing dkim or dmarc result for the wanted domain.
 * Anything it does not understand makes a result not count; nothing it
 * does not understand can make one count.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authres.h"
#include "util.h"

enum ar_type {
	AR_EOF,
	AR_WORD,	/* also quoted strings, unquoted */
	AR_SEMI,
	AR_EQ,
	AR_SLASH,
	AR_ERROR
};

struct ar_lex {
	const char	*p;
	struct buf	 tok;	/* text of the last AR_WORD */
	int		 quoted;	/* ... and whether it was quoted */
};

static int
ar_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static enum ar_type
ar_next(struct ar_lex *l)
{
	const char	*p = l->p;
	int		 depth;

	for (;;) {
		while (ar_space(*p))
			p++;
		if (*p != '(')
			break;
		/* A comment, possibly nested, with quoted-pairs. */
		for (depth = 0; *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				break;
		}
		if (*p == '\0')
			return AR_ERROR;
		p++;
	}

	buf_free(&l->tok);
	buf_init(&l->tok);
	l->quoted = 0;
	switch (*p) {
	case '\0':
		l->p = p;
		return AR_EOF;
	case ';':
		l->p = p + 1;
		return AR_SEMI;
	case '=':
		l->p = p + 1;
		return AR_EQ;
	case '/':
		l->p = p + 1;
		return AR_SLASH;
	case ')':
		return AR_ERROR;
	case '"':
		for (p++; *p != '"'; p++) {
			if (*p == '\0')
				return AR_ERROR;
			if (*p == '\\' && p[1] != '\0')
				p++;
			buf_addc(&l->tok, *p);
		}
		l->p = p + 1;
		l->quoted = 1;
		if (l->tok.data == NULL)
			buf_add(&l->tok, "", 0);
		return AR_WORD;
	}
	while (*p != '\0' && !ar_space(*p) && strchr(";=/\"()", *p) == NULL)
		buf_addc(&l->tok, *p++);
	l->p = p;
	return AR_WORD;
}

/* Case-insensitive domain equality, ignoring one trailing dot each. */
static int
ar_domain_eq(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b);

	if (la > 0 && a[la - 1] == '.')
		la--;
	if (lb > 0 && b[lb - 1] == '.')
		lb--;
	return la > 0 && la == lb && strncasecmp(a, b, la) == 0;
}

int
authres_passes(const char *value, const char *authserv_id,
    const char *domain)
{
	struct ar_lex	 l;
	enum ar_type	 t;
	char		*method = NULL, *result = NULL, *prop = NULL;
	const char	*at;
	int		 pass = 0;

	if (value == NULL || authserv_id == NULL || domain == NULL ||
	    *authserv_id == '\0' || *domain == '\0' ||
	    strnlen(value, AUTHRES_MAX + 1) > AUTHRES_MAX)
		return 0;
	if (*domain == '@')
		domain++;
	memset(&l, 0, sizeof l);
	buf_init(&l.tok);
	l.p = value;

	/* authserv-id [version] */
	if (ar_next(&l) != AR_WORD || l.tok.len == 0 ||
	    strcasecmp(l.tok.data, authserv_id) != 0)
		goto done;
	t = ar_next(&l);
	if (t == AR_WORD && !l.quoted) {
		if (strspn(l.tok.data, "0123456789") != l.tok.len ||
		    strtol(l.tok.data, NULL, 10) != 1 || l.tok.len > 3)
			goto done;
		t = ar_next(&l);
	}

	/* resinfo, each starting with ';' */
	while (t == AR_SEMI) {
		int	d_seen = 0, d_ok = 0, i_ok = 0, from_ok = 0;

		free(method);
		free(result);
		method = result = NULL;

		/* method [/ version] = result */
		if ((t = ar_next(&l)) != AR_WORD || l.quoted)
			goto skip;
		method = xstrdup(l.tok.data);
		if ((t = ar_next(&l)) == AR_SLASH) {
			if ((t = ar_next(&l)) != AR_WORD)
				goto skip;
			t = ar_next(&l);
		}
		if (t != AR_EQ || (t = ar_next(&l)) != AR_WORD || l.quoted)
			goto skip;
		result = xstrdup(l.tok.data);

		/* reasonspec and propspecs: name = value, until ';' */
		for (t = ar_next(&l); t == AR_WORD; t = ar_next(&l)) {
			free(prop);
			prop = xstrdup(l.tok.data);
			if (l.quoted || (t = ar_next(&l)) != AR_EQ ||
			    (t = ar_next(&l)) != AR_WORD)
				goto skip;
			if (strcasecmp(prop, "header.d") == 0) {
				d_seen = 1;
				d_ok = ar_domain_eq(l.tok.data, domain);
			} else if (strcasecmp(prop, "header.i") == 0) {
				at = strrchr(l.tok.data, '@');
				i_ok = at != NULL && ar_domain_eq(at + 1, domain);
			} else if (strcasecmp(prop, "header.from") == 0)
				from_ok = ar_domain_eq(l.tok.data, domain);
		}
		if (t != AR_SEMI && t != AR_EOF)
			goto skip;
		/*
		 * header.i only counts without a header.d: a DKIM verifier
		 * never passes an i= outside d=, but a header.d naming another
		 * domain must not be rescued by a header.i naming ours.
		 */
		if (strcasecmp(result, "pass") == 0 &&
		    ((strcasecmp(method, "dkim") == 0 &&
		    (d_seen ? d_ok : i_ok)) ||
		    (strcasecmp(method, "dmarc") == 0 && from_ok)))
			pass = 1;
		continue;
skip:
		/* A resinfo we cannot read: go on at the next ';'. */
		while (t != AR_SEMI && t != AR_EOF && t != AR_ERROR)
			t = ar_next(&l);
	}
	/* Trailing junk or a lexical error anywhere: nothing counts. */
	if (t != AR_EOF)
		pass = 0;
done:
	free(method);
	free(result);
	free(prop);
	buf_free(&l.tok);
	return pass;
}
