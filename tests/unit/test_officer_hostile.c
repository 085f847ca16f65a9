/*
 * test_officer_hostile.c -- issue 18's officer items that are pure
 * functions: what an attachment name looks like in a notification,
 * where our Message-IDs get their randomness, reply tokens that expire,
 * auto-reply subjects and the References we send.
 */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "autoreply.h"
#include "check.h"
#include "mail.h"
#include "officer.h"
#include "token.h"
#include "util.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
#define KEYLEN	32

/* U+202E and friends are shown, never obeyed. */
static void
test_display_name(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "rapport.pdf", "rapport.pdf" },
		{ "café menu.pdf", "café menu.pdf" },
		/* "cv" RLO "fdp.exe" shows as "cvexe.pdf" in a mail app. */
		{ "cv\xe2\x80\xae" "fdp.exe", "cv<U+202E>fdp.exe" },
		{ "a\xe2\x80\xad" "b\xe2\x80\xaa" "c\xe2\x80\xac", "a<U+202D>b<U+202A>c<U+202C>" },
		{ "x\xe2\x81\xa6" "y\xe2\x81\xa9", "x<U+2066>y<U+2069>" },
		{ "l\xe2\x80\x8f" "r\xe2\x80\x8e", "l<U+200F>r<U+200E>" },
		{ "zero\xe2\x80\x8bwidth\xef\xbb\xbf", "zero<U+200B>width<U+FEFF>" },
		{ "arabic\xd8\x9cmark", "arabic<U+061C>mark" },
		{ "c1\xc2\x85next", "c1<U+0085>next" },
		{ "tab\there\r\nx\x1b[31m", "tab<U+0009>here<U+000D><U+000A>x<U+001B>[31m" },
		{ "bad\xff\xfe utf8\xc0\xaf", "bad?? utf8??" },
		{ "cut\xe2\x80", "cut??" },
		{ "surrogate\xed\xa0\x80", "surrogate???" },
		{ "emoji \xf0\x9f\x93\x8e.txt", "emoji \xf0\x9f\x93\x8e.txt" },
	};
	size_t	i;
	char	*s;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		s = officer_display_name(t[i].in);
		CHECK_STR(s, t[i].want);
		free(s);
	}
	s = officer_display_name(NULL);
	CHECK_STR(s, "?");
	free(s);
}

/* The attachment list of a notification goes through it. */
static void
test_attachment_lines(void)
{
	struct mail_attachment	a[1];
	char			*s;

	memset(a, 0, sizeof a);
	a[0].filename = (char *)"factuur\xe2\x80\xae" "fdp.exe";
	a[0].content_type = (char *)"application/octet-stream";
	a[0].size = 10;
	a[0].data = (char *)"0123456789";
	s = officer_attachment_lines(a, 1, "nl");
	CHECK_STR(s, "- factuur<U+202E>fdp.exe (application/octet-stream, "
	    "10 bytes)");
	CHECK(strstr(s, "\xe2\x80\xae") == NULL);
	free(s);
}

/* 128 random bits from the kernel: not GLib's seeded PRNG. */
static void
test_message_id(void)
{
	char	*a, *b, *p;
	size_t	 n;

	g_random_set_seed(42);
	a = mail_new_message_id("KL-2026-00001", "ack", "x.example");
	g_random_set_seed(42);
	b = mail_new_message_id("KL-2026-00001", "ack", "x.example");
	CHECK(strcmp(a, b) != 0);
	CHECK(strncmp(a, "KL-2026-00001.ack.", 18) == 0);
	p = a + 18;
	n = strspn(p, "0123456789abcdef");
	CHECK_INT(n, 2 * MAIL_MSGID_RANDOM);
	CHECK_INT(2 * MAIL_MSGID_RANDOM, 32);
	CHECK_STR(p + n, "@x.example");
	free(a);
	free(b);
}

/* Tokens carry their issue day inside the MAC. */
static void
test_token_day(void)
{
	char	*t, *t2, *ref, *off, *cause, *forged;
	int64_t	 day;

	t = token_make(key, KEYLEN, "KL-2026-00042", "anna", 20500);
	/* 20500 = 0x5014: "<ref>.<officer>.5014<16 hex>" */
	CHECK(t != NULL && strncmp(t, "kl-2026-00042.anna.5014", 23) == 0);
	CHECK_INT(strlen(t), 23 + 16);
	CHECK_INT(token_parse(key, KEYLEN, t, &ref, &off, &day, NULL), 0);
	CHECK_STR(ref, "KL-2026-00042");
	CHECK_STR(off, "anna");
	CHECK_INT(day, 20500);
	free(ref);
	free(off);
	/* Another day is another MAC: the date cannot be moved. */
	t2 = token_make(key, KEYLEN, "KL-2026-00042", "anna", 20501);
	CHECK(strcmp(t + 23, t2 + 23) != 0);
	forged = xstrdup(t);
	memcpy(forged + 19, "5015", 4);
	cause = NULL;
	CHECK_INT(token_parse(key, KEYLEN, forged, &ref, &off, &day, &cause),
	    -1);
	CHECK_CONTAINS(cause, "does not match");
	CHECK(ref == NULL && off == NULL);
	free(cause);
	memcpy(forged + 19, "ffff", 4);
	CHECK_INT(token_parse(key, KEYLEN, forged, &ref, &off, &day, NULL),
	    -1);
	free(forged);
	free(t2);
	free(t);

	/* Undated (v1) tokens still parse, with day -1 ... */
	t = token_make(key, KEYLEN, "KL-2026-00042", "anna", -1);
	CHECK_INT(strlen(t), 19 + 16);
	CHECK_INT(token_parse(key, KEYLEN, t, &ref, &off, &day, NULL), 0);
	CHECK_INT(day, -1);
	free(ref);
	free(off);
	/* ... and a v1 MAC with a day put in front is no v2 token. */
	forged = xasprintf("kl-2026-00042.anna.0000%s", t + 19);
	CHECK_INT(token_parse(key, KEYLEN, forged, &ref, &off, &day, NULL),
	    -1);
	free(forged);
	free(t);

	CHECK(token_make(key, KEYLEN, "KL-1", "anna", TOKEN_DAY_MAX + 1) ==
	    NULL);
	t = token_make(key, KEYLEN, "KL-1", "anna", 0);
	CHECK(t != NULL && strncmp(t, "kl-1.anna.0000", 14) == 0);
	free(t);
	/* Malformed day digits. */
	CHECK_INT(token_parse(key, KEYLEN, "kl-1.anna.50g4aaaaaaaaaaaaaaaa",
	    &ref, &off, &day, NULL), -1);
}

/* Out-of-office subjects, and subjects that only look like one. */
static void
test_autoreply_subject(void)
{
	static const char *yes[] = {
		"Afwezig: Re: Bevestiging [KL-2026-00042]",
		"Automatisch antwoord: Re: [KL-2026-00042]",
		"  automatic reply: Re: [KL-2026-00042]",
		"Out of Office: Re: x", "Out of Office AutoReply: x",
		"AutoReply: x", "Auto-Reply: x", "Auto: x", "Autoreply",
		"Abwesenheitsnotiz: x", "Abwesend : x",
		"Automatische Antwort: x", "R\xc3\xa9ponse automatique : x",
		"Afwezigheidsmelding", "OUT OF OFFICE",
	};
	static const char *no[] = {
		"Afwezigheid van de leerkracht", "Out of office hours parking",
		"Klacht over automatisch antwoord van de gemeente",
		"Re: Bevestiging [KL-2026-00042]", "Automatically closed?",
		"Autobahn", "", "Auto", "Re: Afwezig: x",
	};
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		CHECK(autoreply_subject(yes[i]) != NULL);
		if (autoreply_subject(yes[i]) == NULL)
			fprintf(stderr, "  ^ \"%s\"\n", yes[i]);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		CHECK(autoreply_subject(no[i]) == NULL);
		if (autoreply_subject(no[i]) != NULL)
			fprintf(stderr, "  ^ \"%s\"\n", no[i]);
	}
	CHECK(autoreply_subject(NULL) == NULL);
}

/* References we write: well-formed ids only, at most 20. */
static void
test_references_cap(void)
{
	struct mail_out	 o;
	struct buf	 b;
	char		*raw, *h, *e;
	size_t		 len, n = 0;
	int		 i;

	buf_init(&b);
	buf_adds(&b, "<first@x.example> junk <no-at-sign> <a b@x> ");
	for (i = 0; i < 100; i++)
		buf_printf(&b, "<id%d@x.example> ", i);
	memset(&o, 0, sizeof o);
	o.from_addr = "klachten@x.example";
	o.to_addr = "jan@example.net";
	o.subject = "s";
	o.body = "b";
	o.message_id = "m@x.example";
	o.references = b.data;
	raw = mail_compose(&o, &len);
	h = strstr(raw, "References: ");
	CHECK(h != NULL);
	if (h != NULL) {
		e = strstr(h, "\r\n\r\n");
		for (; h < e && (h = strchr(h + 1, '<')) != NULL && h < e; n++)
			;
	}
	CHECK_INT(n, 20);
	CHECK_CONTAINS(raw, "<first@x.example> <id81@x.example>");
	CHECK_CONTAINS(raw, "<id99@x.example>");
	CHECK(strstr(raw, "no-at-sign") == NULL && strstr(raw, "junk") == NULL);
	CHECK(strstr(raw, "<id80@") == NULL);
	free(raw);
	buf_free(&b);
}

int
main(void)
{
	test_display_name();
	test_attachment_lines();
	test_message_id();
	test_token_day();
	test_autoreply_subject();
	test_references_cap();
	return check_done();
}
