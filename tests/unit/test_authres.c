/*
 * test_authres.c -- Authentication-Results values as real MTAs and
 * filters (Gmail, OpenDKIM/OpenDMARC, rspamd, Microsoft) write them, and
 * as an attacker would forge them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "authres.h"
#include "check.h"
#include "util.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

#define ID	"mx.gemeente.nl"
#define DOM	"gemeente.nl"

static const struct {
	const char	*name;
	const char	*value;
	const char	*id;
	const char	*domain;
	int		 want;
} cases[] = {
	/* Plain passes. */
	{ "dkim header.d", ID "; dkim=pass header.d=gemeente.nl header.s=sel "
	  "header.b=abcd", ID, DOM, 1 },
	{ "dmarc", ID "; dmarc=pass header.from=gemeente.nl", ID, DOM, 1 },
	{ "dmarc with policy comment", ID "; dmarc=pass (p=reject dis=none) "
	  "header.from=gemeente.nl", ID, DOM, 1 },
	{ "OpenDKIM with comment containing ';'", ID ";\n"
	  "\tdkim=pass (2048-bit key; unprotected) header.d=gemeente.nl "
	  "header.i=@gemeente.nl header.a=rsa-sha256 header.s=mail "
	  "header.b=AbCdEfGh;\n\tdkim-atps=neutral", ID, DOM, 1 },
	{ "Gmail", "mx.google.com;\r\n"
	  "       dkim=pass header.i=@gemeente.nl header.s=20230601 "
	  "header.b=AbCdEf;\r\n"
	  "       spf=pass (google.com: domain of anna@gemeente.nl designates "
	  "192.0.2.1 as permitted sender) smtp.mailfrom=anna@gemeente.nl;\r\n"
	  "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) "
	  "header.from=gemeente.nl", "mx.google.com", DOM, 1 },
	{ "rspamd", ID ";\n\tdkim=pass header.d=gemeente.nl header.s=dkim "
	  "header.b=\"a1b2c3\";\n\tspf=pass (" ID ": domain of "
	  "anna@gemeente.nl designates 192.0.2.1 as permitted sender) "
	  "smtp.mailfrom=anna@gemeente.nl;\n\tdmarc=pass (policy=reject) "
	  "header.from=gemeente.nl", ID, DOM, 1 },
	{ "authserv-id compared exactly", "MX.Gemeente.NL; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "everything case-insensitive", ID "; DKIM=PASS Header.D=GEMEENTE.NL",
	  ID, DOM, 1 },
	{ "quoted authserv-id", "\"" ID "\"; dkim=pass header.d=gemeente.nl",
	  ID, DOM, 1 },
	{ "quoted pvalue", ID "; dkim=pass header.d=\"gemeente.nl\"", ID, DOM,
	  1 },
	{ "quoted pvalue with escape", ID "; dmarc=pass "
	  "header.from=\"gemeente\\.nl\"", ID, DOM, 1 },
	{ "version 1", ID " 1; dkim=pass header.d=gemeente.nl", ID, DOM, 1 },
	{ "method version", ID "; dkim/1=pass header.d=gemeente.nl", ID, DOM,
	  1 },
	{ "reason", ID "; dkim=pass reason=\"good; signature\" "
	  "header.d=gemeente.nl", ID, DOM, 1 },
	{ "blanks around '='", ID "; dkim = pass header.d = gemeente.nl", ID,
	  DOM, 1 },
	{ "nested comments", ID " (our (inbound) MX); dkim=pass (a (b) c) "
	  "header.d=gemeente.nl (d)", ID, DOM, 1 },
	{ "comment with escaped paren", ID "; dkim=pass (a \\) b) "
	  "header.d=gemeente.nl", ID, DOM, 1 },
	{ "folded everywhere", ID "\r\n ;\r\n dkim\r\n =\r\n pass\r\n "
	  "header.d\r\n =\r\n gemeente.nl", ID, DOM, 1 },
	{ "domain given with '@'", ID "; dkim=pass header.d=gemeente.nl", ID,
	  "@gemeente.nl", 1 },
	{ "second result passes", ID "; spf=pass smtp.mailfrom=gemeente.nl; "
	  "dkim=fail header.d=gemeente.nl; dkim=pass header.d=gemeente.nl",
	  ID, DOM, 1 },
	{ "bad resinfo skipped", ID "; dkim pass; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 1 },
	{ "trailing ';'", ID "; dkim=pass header.d=gemeente.nl;", ID, DOM, 1 },

	/* Not a pass. */
	{ "spf only", ID "; spf=pass smtp.mailfrom=gemeente.nl", ID, DOM, 0 },
	{ "dkim fail", ID "; dkim=fail header.d=gemeente.nl", ID, DOM, 0 },
	{ "dkim neutral", ID "; dkim=neutral (no key) header.d=gemeente.nl",
	  ID, DOM, 0 },
	{ "dkim temperror", ID "; dkim=temperror header.d=gemeente.nl", ID,
	  DOM, 0 },
	{ "dkim pass, no properties", ID "; dkim=pass", ID, DOM, 0 },
	{ "dkim pass for another domain", ID "; dkim=pass "
	  "header.d=mailchimp.example", ID, DOM, 0 },
	{ "header.d other, header.i ours", ID "; dkim=pass "
	  "header.d=evil.example header.i=@gemeente.nl", ID, DOM, 0 },
	{ "subdomain", ID "; dkim=pass header.d=mail.gemeente.nl", ID, DOM,
	  0 },
	{ "suffix", ID "; dkim=pass header.d=evilgemeente.nl", ID, DOM, 0 },
	{ "parent", ID "; dkim=pass header.d=nl", ID, DOM, 0 },
	{ "header.i without '@'", ID "; dkim=pass header.i=gemeente.nl", ID,
	  DOM, 0 },
	{ "dmarc fail", ID "; dmarc=fail header.from=gemeente.nl", ID, DOM,
	  0 },
	{ "dmarc other domain", ID "; dmarc=pass header.from=evil.example",
	  ID, DOM, 0 },
	{ "dmarc with header.d", ID "; dmarc=pass header.d=gemeente.nl", ID,
	  DOM, 0 },
	{ "none", ID "; none", ID, DOM, 0 },
	{ "only the id", ID, ID, DOM, 0 },
	{ "empty", "", ID, DOM, 0 },
	{ "version 2", ID " 2; dkim=pass header.d=gemeente.nl", ID, DOM, 0 },
	{ "junk after id", ID " junk; dkim=pass header.d=gemeente.nl", ID,
	  DOM, 0 },
	{ "quoted method", ID "; \"dkim\"=pass header.d=gemeente.nl", ID, DOM,
	  0 },
	{ "quoted result", ID "; dkim=\"pass\" header.d=gemeente.nl", ID, DOM,
	  0 },
	{ "'=' missing before value", ID "; dkim=pass header.d gemeente.nl",
	  ID, DOM, 0 },
	{ "unterminated comment", ID "; dkim=pass header.d=gemeente.nl (oops",
	  ID, DOM, 0 },
	{ "unterminated quote", ID "; dkim=pass header.d=\"gemeente.nl", ID,
	  DOM, 0 },
	{ "stray ')'", ID "; dkim=pass header.d=gemeente.nl )", ID, DOM, 0 },
	{ "trailing '='", ID "; dkim=pass header.d=gemeente.nl =", ID, DOM,
	  0 },
	{ "lexical error after a pass", ID "; dkim=pass header.d=gemeente.nl; "
	  "dkim=pass header.d=x (", ID, DOM, 0 },
	{ "blanks around '.' not supported", ID "; dkim=pass header . d="
	  "gemeente.nl", ID, DOM, 0 },

	/* header.i alone names no verified domain; no trailing dot. */
	{ "dkim header.i=@ only", ID "; dkim=pass header.i=@gemeente.nl", ID,
	  DOM, 0 },
	{ "dkim header.i=user@ only", ID "; dkim=pass "
	  "header.i=anna@gemeente.nl", ID, DOM, 0 },
	{ "trailing dot", ID "; dkim=pass header.d=gemeente.nl.", ID, DOM, 0 },
	{ "dmarc trailing dot", ID "; dmarc=pass header.from=gemeente.nl.", ID,
	  DOM, 0 },
	{ "dmarc fail beats dkim pass", ID "; dkim=pass header.d=gemeente.nl; "
	  "dmarc=fail header.from=gemeente.nl", ID, DOM, 0 },

	/* Forgeries. */
	{ "another authserv-id", "mx.evil.example; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "our id inside a comment", "mx.evil.example (" ID "); dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "our id in a leading comment", "(" ID ") mx.evil.example; "
	  "dkim=pass header.d=gemeente.nl", ID, DOM, 0 },
	{ "our id as second word", "mx.evil.example " ID "; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "our id as a result", "mx.evil.example; " ID "=pass; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "pass hidden in a comment", ID "; dkim=fail (dkim=pass "
	  "header.d=gemeente.nl) header.d=gemeente.nl", ID, DOM, 0 },
	{ "pass hidden in a quoted string", ID "; dkim=fail reason=\"; "
	  "dkim=pass header.d=gemeente.nl\"", ID, DOM, 0 },
	{ "id is a prefix of ours", "mx.gemeente.nl.evil.example; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "ours is a prefix of id", "mx.gemeente; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },
	{ "Microsoft, no authserv-id", "spf=pass (sender IP is 192.0.2.1) "
	  "smtp.mailfrom=gemeente.nl; dkim=pass (signature was verified) "
	  "header.d=gemeente.nl;dmarc=pass action=none "
	  "header.from=gemeente.nl;compauth=pass reason=100", ID, DOM, 0 },
	{ "ARC-Authentication-Results value", "i=1; " ID "; dkim=pass "
	  "header.d=gemeente.nl", ID, DOM, 0 },

	/* Arguments. */
	{ "empty id", ID "; dkim=pass header.d=gemeente.nl", "", DOM, 0 },
	{ "empty domain", ID "; dkim=pass header.d=gemeente.nl", ID, "", 0 },
	{ "domain only '@'", ID "; dkim=pass header.d=gemeente.nl", ID, "@",
	  0 },
	{ "domain '.'", ID "; dkim=pass header.d=.", ID, ".", 0 },
};

/* Verdicts of one header: pass, fail and nothing. */
static void
test_check(void)
{
	CHECK_INT(authres_check(ID "; dkim=pass header.d=gemeente.nl", ID,
	    DOM), AUTHRES_PASS);
	CHECK_INT(authres_check(ID "; dkim=none; dmarc=fail "
	    "header.from=gemeente.nl", ID, DOM), AUTHRES_FAIL);
	CHECK_INT(authres_check(ID "; dmarc=fail (p=none)", ID, DOM),
	    AUTHRES_FAIL);
	CHECK_INT(authres_check(ID "; dkim=pass header.d=gemeente.nl; "
	    "dmarc=reject header.from=gemeente.nl", ID, DOM), AUTHRES_FAIL);
	CHECK_INT(authres_check(ID "; dkim=fail header.d=gemeente.nl", ID,
	    DOM), AUTHRES_FAIL);
	/* A second signature of the domain that passes outweighs one that
	 * fails (RSA + Ed25519); another domain's failure says nothing. */
	CHECK_INT(authres_check(ID "; dkim=fail header.d=gemeente.nl; "
	    "dkim=pass header.d=gemeente.nl", ID, DOM), AUTHRES_PASS);
	CHECK_INT(authres_check(ID "; dkim=fail header.d=list.example; "
	    "dkim=pass header.d=gemeente.nl", ID, DOM), AUTHRES_PASS);
	CHECK_INT(authres_check(ID "; dmarc=fail header.from=evil.example",
	    ID, DOM), AUTHRES_NONE);
	CHECK_INT(authres_check(ID "; dkim=none; spf=pass smtp.mailfrom=x",
	    ID, DOM), AUTHRES_NONE);
	CHECK_INT(authres_check("MX.GEMEENTE.NL; dmarc=fail "
	    "header.from=gemeente.nl", ID, DOM), AUTHRES_NONE);
	/* A failure before a lexical error still fails. */
	CHECK_INT(authres_check(ID "; dmarc=fail header.from=gemeente.nl; "
	    "dkim=pass (", ID, DOM), AUTHRES_FAIL);
}

static void
test_received_by(void)
{
	CHECK_INT(authres_received_by("from mail.gemeente.nl (mail.gemeente.nl "
	    "[192.0.2.1]) by mx.gemeente.nl (Postfix) with ESMTPS id 4F2; "
	    "Wed, 11 Mar 2026 08:15:02 +0100", ID), 1);
	CHECK_INT(authres_received_by("from x\r\n\tby MX.Gemeente.NL with "
	    "LMTP", ID), 1);
	CHECK_INT(authres_received_by("from x (by mx.gemeente.nl) by "
	    "mx.evil.example; date", ID), 0);
	CHECK_INT(authres_received_by("from x by mx.evil.example; by "
	    "mx.gemeente.nl", ID), 0);
	CHECK_INT(authres_received_by("from mx.gemeente.nl by "
	    "mx.gemeente.nl.evil.example", ID), 0);
	CHECK_INT(authres_received_by("by", ID), 0);
	CHECK_INT(authres_received_by(NULL, ID), 0);
}

#define AR(v)	{ 0, (char *)(v) }
#define RCVD(v)	{ 1, (char *)(v) }
#define OURS	RCVD("from mail.sender.example by " ID " (Postfix) with ESMTPS")
#define FORGED	AR(ID "; dkim=pass header.d=gemeente.nl; dmarc=pass " \
		    "header.from=gemeente.nl")

/*
 * Which headers are believed (issue F1): only those our MX added, above
 * its own Received line; a failure there wins over anything.
 */
static void
test_trusted(void)
{
	static const struct {
		const char		*name;
		struct authres_hdr	 h[5];
		size_t			 n;
		enum authres_verdict	 want;
	} t[] = {
		{ "our pass above our Received", { AR(ID "; dkim=pass "
		  "header.d=gemeente.nl"), OURS }, 2, AUTHRES_PASS },
		{ "forged pass below our fail", { AR(ID "; dkim=none; "
		  "dmarc=fail header.from=gemeente.nl"), OURS, FORGED }, 3,
		  AUTHRES_FAIL },
		{ "forged pass below our none", { AR(ID "; dkim=none; "
		  "spf=softfail smtp.mailfrom=gemeente.nl"), OURS, FORGED }, 3,
		  AUTHRES_NONE },
		{ "forged pass, no header of ours", { OURS, FORGED }, 2,
		  AUTHRES_NONE },
		{ "forged pass, no trace of ours at all", { FORGED }, 1,
		  AUTHRES_PASS },	/* the MX must strip: documented */
		{ "LMTP Received above ours", { RCVD("from mx.gemeente.nl by "
		  "imap.gemeente.nl with LMTP"), AR(ID "; dkim=pass "
		  "header.d=gemeente.nl"), OURS, FORGED }, 4, AUTHRES_PASS },
		{ "two of ours: dmarc fail wins", { AR(ID "; dmarc=fail "
		  "header.from=gemeente.nl"), AR(ID "; dkim=pass "
		  "header.d=gemeente.nl"), OURS }, 3, AUTHRES_FAIL },
		{ "a fail below ours does not matter", { AR(ID "; dkim=pass "
		  "header.d=gemeente.nl"), OURS, AR(ID "; dmarc=fail "
		  "header.from=gemeente.nl") }, 3, AUTHRES_PASS },
		{ "MX named otherwise: boundary is the next Received", {
		  AR(ID "; dkim=none"), RCVD("from x by mx1.other.example"),
		  FORGED }, 3, AUTHRES_NONE },
		{ "MX named otherwise: our pass", { AR(ID "; dmarc=pass "
		  "header.from=gemeente.nl"), RCVD("from x by mx1.other.example"),
		  AR(ID "; dmarc=fail header.from=gemeente.nl") }, 3,
		  AUTHRES_PASS },
		{ "another authserv-id above ours is skipped", { AR("mx.evil; "
		  "dmarc=fail header.from=gemeente.nl"), AR(ID "; dkim=pass "
		  "header.d=gemeente.nl"), OURS }, 3, AUTHRES_PASS },
	};
	size_t	i;

	for (i = 0; i < nitems(t); i++) {
		enum authres_verdict got = authres_trusted(t[i].h, t[i].n, ID,
		    DOM);

		CHECK_INT(got, t[i].want);
		if (got != t[i].want)
			fprintf(stderr, "  ^ in \"%s\"\n", t[i].name);
	}
	CHECK_INT(authres_trusted(NULL, 0, ID, DOM), AUTHRES_NONE);
	CHECK_INT(authres_trusted(t[0].h, t[0].n, "", DOM), AUTHRES_NONE);
}

int
main(void)
{
	struct buf	b;
	char		*s;
	size_t		i;

	for (i = 0; i < nitems(cases); i++) {
		int got = authres_passes(cases[i].value, cases[i].id,
		    cases[i].domain);

		CHECK_INT(got, cases[i].want);
		if (got != cases[i].want)
			fprintf(stderr, "  ^ in case \"%s\"\n", cases[i].name);
	}
	CHECK_INT(authres_passes(NULL, ID, DOM), 0);
	CHECK_INT(authres_passes(ID "; dkim=pass header.d=gemeente.nl", NULL,
	    DOM), 0);
	CHECK_INT(authres_passes(ID "; dkim=pass header.d=gemeente.nl", ID,
	    NULL), 0);

	/* Over AUTHRES_MAX: never passes, however good it looks. */
	buf_init(&b);
	buf_adds(&b, ID "; dkim=pass header.d=gemeente.nl ");
	while (b.len <= AUTHRES_MAX)
		buf_adds(&b, "(padding) ");
	s = buf_detach(&b, NULL);
	CHECK_INT(authres_passes(s, ID, DOM), 0);
	free(s);

	/* Deep comment nesting and many results stay linear and safe. */
	buf_init(&b);
	buf_adds(&b, ID ";");
	for (i = 0; i < 20000; i++)
		buf_adds(&b, "(");
	for (i = 0; i < 20000; i++)
		buf_adds(&b, ")");
	buf_adds(&b, " dkim=pass header.d=gemeente.nl");
	s = buf_detach(&b, NULL);
	CHECK_INT(authres_passes(s, ID, DOM), 1);
	free(s);
	buf_init(&b);
	buf_adds(&b, ID);
	for (i = 0; i < 2000; i++)
		buf_adds(&b, "; spf=pass smtp.mailfrom=x");
	buf_adds(&b, "; dmarc=pass header.from=gemeente.nl");
	s = buf_detach(&b, NULL);
	CHECK_INT(authres_passes(s, ID, DOM), 1);
	free(s);
	test_check();
	test_received_by();
	test_trusted();
	return check_done();
}
