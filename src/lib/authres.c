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

/*
 * Case-insensitive, exact domain equality.  No trailing-dot tolerance: a
 * verifier writes header.d as the signature's d= tag, and "domain." is
 * not what any signer of ours puts there.
 */
static int
ar_domain_eq(const char *a, const char *b)
{
	return *a != '\0' && strcasecmp(a, b) == 0;
}

/* A dmarc result that says the From domain failed its policy. */
static int
ar_dmarc_bad(const char *result)
{
	return strcasecmp(result, "fail") == 0 ||
	    strcasecmp(result, "permerror") == 0 ||
	    strcasecmp(result, "temperror") == 0 ||
	    strcasecmp(result, "quarantine") == 0 ||
	    strcasecmp(result, "reject") == 0;
}

enum authres_verdict
authres_check(const char *value, const char *authserv_id,
    const char *domain)
{
	struct ar_lex	 l;
	enum ar_type	 t;
	char		*method = NULL, *result = NULL, *prop = NULL;
	int		 dkim_pass = 0, dkim_fail = 0, dmarc_pass = 0;
	int		 dmarc_fail = 0, fail, pass;

	if (value == NULL || authserv_id == NULL || domain == NULL ||
	    *authserv_id == '\0' || *domain == '\0' ||
	    strnlen(value, AUTHRES_MAX + 1) > AUTHRES_MAX)
		return AUTHRES_NONE;
	if (*domain == '@')
		domain++;
	if (*domain == '\0' || *domain == '.' ||
	    domain[strlen(domain) - 1] == '.')
		return AUTHRES_NONE;
	memset(&l, 0, sizeof l);
	buf_init(&l.tok);
	l.p = value;

	/*
	 * authserv-id [version].  Compared exactly: an MX that strips
	 * forged headers by its own id may do so case-sensitively, and a
	 * forger's "MX.Gemeente.NL" must not slip past it and then count.
	 */
	if (ar_next(&l) != AR_WORD || l.tok.len == 0 ||
	    strcmp(l.tok.data, authserv_id) != 0)
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
		int	d_ok = 0, from_seen = 0, from_ok = 0;

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
			if (strcasecmp(prop, "header.d") == 0)
				d_ok = ar_domain_eq(l.tok.data, domain);
			else if (strcasecmp(prop, "header.from") == 0) {
				from_seen = 1;
				from_ok = ar_domain_eq(l.tok.data, domain);
			}
		}
		if (t != AR_SEMI && t != AR_EOF)
			goto skip;
		/*
		 * dkim counts only with header.d: header.i is the signer's
		 * claim of an identity, and alone it names no verified
		 * domain.
		 */
		if (strcasecmp(method, "dkim") == 0 && d_ok) {
			if (strcasecmp(result, "pass") == 0)
				dkim_pass = 1;
			else if (strcasecmp(result, "none") != 0)
				dkim_fail = 1;
		} else if (strcasecmp(method, "dmarc") == 0) {
			if (strcasecmp(result, "pass") == 0 && from_ok)
				dmarc_pass = 1;
			else if ((from_ok || !from_seen) &&
			    ar_dmarc_bad(result))
				dmarc_fail = 1;
		}
		continue;
skip:
		/* A resinfo we cannot read: go on at the next ';'. */
		while (t != AR_SEMI && t != AR_EOF && t != AR_ERROR)
			t = ar_next(&l);
	}
	/* Trailing junk or a lexical error anywhere: no pass counts. */
	if (t != AR_EOF)
		dkim_pass = dmarc_pass = 0;
done:
	free(method);
	free(result);
	free(prop);
	buf_free(&l.tok);
	/*
	 * A DMARC failure for our domain is the verifier's last word and
	 * wins.  A failed signature of our domain fails only when no other
	 * signature of it passed: a domain may sign twice (RSA and Ed25519,
	 * RFC 8463) for verifiers that know only one algorithm.
	 */
	fail = dmarc_fail || (dkim_fail && !dkim_pass);
	pass = dkim_pass || dmarc_pass;
	if (fail)
		return AUTHRES_FAIL;
	return pass ? AUTHRES_PASS : AUTHRES_NONE;
}

/* 1 when the header's authserv-id is exactly ours. */
static int
authres_ours(const char *value, const char *authserv_id)
{
	struct ar_lex	 l;
	int		 ours;

	if (value == NULL || strnlen(value, AUTHRES_MAX + 1) > AUTHRES_MAX)
		return 0;
	memset(&l, 0, sizeof l);
	buf_init(&l.tok);
	l.p = value;
	ours = ar_next(&l) == AR_WORD && l.tok.len > 0 &&
	    strcmp(l.tok.data, authserv_id) == 0;
	buf_free(&l.tok);
	return ours;
}

int
authres_passes(const char *value, const char *authserv_id,
    const char *domain)
{
	return authres_check(value, authserv_id, domain) == AUTHRES_PASS;
}

/*
 * 1 when the value of a Received header names `host` after its "by"
 * (RFC 5321 4.4: "from x (...) by host (...) with ..."), comments
 * skipped, compared case-insensitively.
 */
int
authres_received_by(const char *value, const char *host)
{
	struct ar_lex	 l;
	enum ar_type	 t;
	int		 by = 0, match = 0;

	if (value == NULL || host == NULL || *host == '\0' ||
	    strnlen(value, AUTHRES_MAX + 1) > AUTHRES_MAX)
		return 0;
	memset(&l, 0, sizeof l);
	buf_init(&l.tok);
	l.p = value;
	/* Received has no '=' or '/' grammar: read words up to the ';'
	 * before the date, and let the specials pass as separators. */
	while ((t = ar_next(&l)) != AR_EOF && t != AR_ERROR && t != AR_SEMI) {
		if (t != AR_WORD)
			continue;
		if (by) {
			match = !l.quoted && strcasecmp(l.tok.data, host) == 0;
			break;
		}
		by = !l.quoted && strcasecmp(l.tok.data, "by") == 0;
	}
	buf_free(&l.tok);
	return match;
}

/*
 * Which Authentication-Results to believe (RFC 8601 section 5): our MX
 * adds its own above the header block it received, so the trusted ones
 * are those with our authserv-id that stand above our MX's Received
 * line ("by <authserv-id>").  Where no Received line names our MX, the
 * first Received below our topmost Authentication-Results is taken as
 * the boundary (an MX always adds a Received line when it accepts a
 * message, so what a sender wrote starts below it).  Anything below the
 * boundary came with the message and is ignored, whatever it says.
 */
enum authres_verdict
authres_trusted(const struct authres_hdr *hdrs, size_t n,
    const char *authserv_id, const char *domain)
{
	size_t			 i, boundary = n;
	int			 seen_ours = 0, pass = 0;
	enum authres_verdict	 v;

	if (hdrs == NULL || authserv_id == NULL || *authserv_id == '\0')
		return AUTHRES_NONE;
	for (i = 0; i < n; i++)
		if (hdrs[i].received &&
		    authres_received_by(hdrs[i].value, authserv_id)) {
			boundary = i;
			break;
		}
	if (boundary == n) {
		for (i = 0; i < n; i++) {
			if (!hdrs[i].received) {
				if (authres_ours(hdrs[i].value, authserv_id))
					seen_ours = 1;
			} else if (seen_ours) {
				boundary = i;
				break;
			}
		}
	}
	for (i = 0; i < boundary; i++) {
		if (hdrs[i].received)
			continue;
		v = authres_check(hdrs[i].value, authserv_id, domain);
		if (v == AUTHRES_FAIL)
			return AUTHRES_FAIL;	/* a fail there wins */
		if (v == AUTHRES_PASS)
			pass = 1;
	}
	return pass ? AUTHRES_PASS : AUTHRES_NONE;
}
