/*
 * test_forward.c -- forward.c: the original message inside an officer's
 * forward, as each mail client writes it (tests/fixtures/forwards/, each
 * parsed by the real mail parser first), the dates those clients write,
 * what is no forward, and the date of receipt a forward stands for.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "forward.h"
#include "mail.h"
#include "officer.h"
#include "token.h"
#include "util.h"

/* 2026-11-16 09:41 Europe/Amsterdam (CET, +0100): every fixture's
 * original was written then. */
#define ORIG	1794818460LL

static char *
slurp(const char *name, size_t *len)
{
	const char	*src = getenv("top_srcdir");
	char		*path, *data;
	FILE		*f;
	long		 n;

	path = xasprintf("%s/tests/fixtures/forwards/%s", src ? src : ".",
	    name);
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = xmalloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	data[n] = '\0';
	*len = (size_t)n;
	fclose(f);
	free(path);
	return data;
}

static const struct {
	const char	*file;
	const char	*format;
	const char	*addr;
	const char	*name;
	const char	*subject;
	const char	*text_start;	/* the original's first line */
	const char	*text_in;	/* and a line further down */
	const char	*not_in;	/* the forwarder's own words */
} clients[] = {
	{ "outlook-nl.eml", "outlook", "pieter.bakker@example.net",
	  "Pieter Bakker", "Klacht over afvalinzameling",
	  "Geachte heer/mevrouw,", "maden in.", "Deze klacht kwam" },
	{ "outlook-en.eml", "outlook", "sarah.johnson@example.org",
	  "Sarah Johnson", "Complaint about parking fine",
	  "Dear Sir or Madam,", "nobody\ncalled me back", "Please register" },
	{ "gmail-en.eml", "gmail", "tom.hendriks@example.com",
	  "Tom Hendriks", "Klacht over de bibliotheek", "Beste mensen,",
	  "twee kinderen", "Zie hieronder" },
	{ "gmail-nl.eml", "gmail", "f.elamrani@example.nl",
	  "Fatima el Amrani", "Klacht over de balie", "Goedemorgen,",
	  "Nederlands moest", "klachtenfunctionaris" },
	{ "thunderbird-en.eml", "thunderbird", "lisa.dewit@example.org",
	  "Lisa de Wit", "Noise from the building site", "Hello,",
	  "The permit says 7.", "complaints desk" },
	{ "thunderbird-nl.eml", "thunderbird", "kees.vandam@example.net",
	  "Kees van Dam", "Klacht over het zwembad",
	  "Geachte heer, mevrouw,", "een deel terug", "Doorgestuurd" },
	{ "apple-en.eml", "apple", "emma.visser@example.com", "Emma Visser",
	  "Complaint: rude staff at the counter", "Dear Sir or Madam,",
	  "laughed\nat my Dutch", ">" },
	{ "apple-nl.eml", "apple", "henk.degroot@example.nl",
	  "Henk de Groot", "Klacht over de stoep", "Beste mensen,",
	  "rollator", "iPhone" },
	{ "rfc822.eml", "rfc822", "noor.jansen@example.org", "Noor Jansen",
	  "Klacht over de parkeervergunning", "Geachte mevrouw De Vries,",
	  "tien weken", "Als bijlage" },
};

static void
test_clients(void)
{
	struct mail_limits	 lim;
	struct forward		 f;
	struct mail		*m;
	char			*raw, *cause = NULL;
	size_t			 i, len;

	memset(&lim, 0, sizeof lim);
	lim.max_size = 1 << 20;
	lim.max_attachment = 1 << 20;
	lim.max_depth = 10;
	lim.max_headers = 500;
	for (i = 0; i < sizeof clients / sizeof clients[0]; i++) {
		raw = slurp(clients[i].file, &len);
		m = mail_parse(raw, len, &lim, &cause);
		CHECK(m != NULL);
		if (m == NULL) {
			fprintf(stderr, "%s: %s\n", clients[i].file, cause);
			free(cause);
			free(raw);
			continue;
		}
		CHECK_INT(forward_find(m->body, m->body_own_len, m->subject,
		    &f), 1);
		fprintf(stderr, "%s:\n", clients[i].file);
		CHECK_STR(f.format, clients[i].format);
		CHECK_STR(f.from_addr, clients[i].addr);
		CHECK_STR(f.from_name, clients[i].name);
		CHECK_STR(f.subject, clients[i].subject);
		CHECK_INT(f.date, ORIG);
		CHECK(f.text != NULL && strncmp(f.text, clients[i].text_start,
		    strlen(clients[i].text_start)) == 0);
		CHECK_CONTAINS(f.text, clients[i].text_in);
		CHECK(f.text == NULL || strstr(f.text, clients[i].not_in) ==
		    NULL);
		/* The headers of the block are not in the text. */
		CHECK(f.text == NULL || strstr(f.text, clients[i].addr) ==
		    NULL);
		forward_free(&f);
		mail_free(m);
		free(raw);
	}
}

static void
test_dates(void)
{
	static const struct {
		const char	*s;
		long long	 t;	/* -1: not a date */
	} d[] = {
		{ "Mon, 16 Nov 2026 09:41:00 +0100", ORIG },
		{ "Mon, 16 Nov 2026 08:41:00 +0000", ORIG },
		{ "Mon, 16 Nov 2026 03:41:00 -0500", ORIG },
		{ "maandag 16 november 2026 09:41", ORIG },
		{ "Monday, November 16, 2026 9:41 AM", ORIG },
		{ "Mon, Nov 16, 2026 at 9:41\xe2\x80\xaf" "AM", ORIG },
		{ "ma 16 nov. 2026 om 09:41", ORIG },
		{ "16 November 2026 at 09:41:00 CET", ORIG },
		{ "16 november 2026 om 09:41:00 CET", ORIG },
		{ "16-11-2026 09:41", ORIG },
		{ "2026-11-16 09:41", ORIG },
		{ "Monday, November 16, 2026 9:41 PM", ORIG + 12 * 3600 },
		{ "Monday, November 16, 2026 12:05 AM", ORIG - 9 * 3600 - 36 *
		  60 },
		/* Summer time: 1 July 2026 09:41 CEST = 07:41 UTC. */
		{ "woensdag 1 juli 2026 09:41", 1782891660LL },
		{ "1 mei 2026", 1777586400LL },
		{ "31 februari 2026 10:00", -1 },
		{ "gisteren", -1 },
		{ "", -1 },
		{ "10:15", -1 },
	};
	size_t	i;
	int64_t	t;

	for (i = 0; i < sizeof d / sizeof d[0]; i++) {
		t = 0;
		if (d[i].t == -1)
			CHECK_INT(forward_parse_date(d[i].s, &t), -1);
		else {
			CHECK_INT(forward_parse_date(d[i].s, &t), 0);
			if (t != d[i].t)
				fprintf(stderr, "date \"%s\"\n", d[i].s);
			CHECK_INT(t, d[i].t);
		}
	}
}

static void
test_not_forwards(void)
{
	static const char *const bodies[] = {
		/* A reply with a quote header is not a forward. */
		"Dank u.\n\nOp 16 nov. 2026 om 09:41 schreef Piet "
		"<piet@example.net>:\n> Mijn klacht\n",
		/* A signature that says "Van:" without a header block. */
		"Graag registreren.\n\nVan: de afdeling Publiekszaken\n",
		/* A separator with nothing usable below it. */
		"---------- Forwarded message ---------\nhallo\n",
		/* A block whose sender has no valid address. */
		"-----Original Message-----\nFrom: Piet Jansen\nSent: "
		"Monday, November 16, 2026 9:41 AM\nSubject: x\n\ntekst\n",
		"",
	};
	struct forward	f;
	size_t		i;

	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		CHECK_INT(forward_find(bodies[i], 0, "Fwd: x", &f), 0);
		CHECK(f.from_addr == NULL && f.text == NULL);
	}
	CHECK_INT(forward_find(NULL, 0, NULL, &f), 0);
}

/* Details of the block: "[mailto:]" addresses, a subject taken from the
 * mail when the block has none, a body only forwarded (no own text). */
static void
test_details(void)
{
	struct forward	f;

	CHECK_INT(forward_find("-----Oorspronkelijk bericht-----\nVan: "
	    "Jansen, P. [mailto:P.Jansen@Example.NET]\nVerzonden: 16-11-2026 "
	    "09:41\nAan: Anna\n\nDe klacht.\n", 0, "Doorst: FW: Vuilnis", &f),
	    1);
	CHECK_STR(f.from_addr, "p.jansen@example.net");
	CHECK_STR(f.from_name, "Jansen, P.");
	CHECK_STR(f.subject, "Vuilnis");
	CHECK_INT(f.date, ORIG);
	CHECK_STR(f.text, "De klacht.");
	forward_free(&f);

	/* An unreadable date: found, date 0. */
	CHECK_INT(forward_find("---------- Forwarded message ---------\n"
	    "From: <a@example.org>\nDate: gisteren\nSubject: S\n\nT\n", 0,
	    NULL, &f), 1);
	CHECK_STR(f.from_addr, "a@example.org");
	CHECK(f.from_name == NULL);
	CHECK_INT(f.date, 0);
	CHECK_STR(f.subject, "S");
	forward_free(&f);
}

static void
test_receipt(void)
{
	struct forward	 f;
	const char	*why;
	int64_t		 now = ORIG + 86400;

	memset(&f, 0, sizeof f);
	f.date = ORIG;
	CHECK_INT(forward_receipt(&f, now, &why), ORIG);
	CHECK(why == NULL);
	f.date = now + 60;
	CHECK_INT(forward_receipt(&f, now, &why), now);
	CHECK_CONTAINS(why, "future");
	f.date = now - FORWARD_MAX_AGE - 1;
	CHECK_INT(forward_receipt(&f, now, &why), now);
	CHECK_CONTAINS(why, "year");
	f.date = now - FORWARD_MAX_AGE + 1;
	CHECK_INT(forward_receipt(&f, now, &why), now - FORWARD_MAX_AGE + 1);
	f.date = 0;
	CHECK_INT(forward_receipt(&f, now, &why), now);
	CHECK_CONTAINS(why, "could not be read");
}

/* The proof of a forward: officer_authenticate() with no case.  A token
 * of the officer for any case or a personal one proves it; another
 * officer's token, a forged one, or none do not; DKIM as auth.require
 * asks. */
static void
test_proof(void)
{
	static const unsigned char kb[] = "0123456789abcdef0123456789abcdef";
	static char *nocats[] = { NULL };
	struct cfg_officer	 o[2] = {
		{ .id = "anna", .name = "Anna", .email = "anna@gemeente.example",
		  .categories = nocats },
		{ .id = "bob", .name = "Bob", .email = "bob@gemeente.example",
		  .categories = nocats },
	};
	struct officer_key	 key = { (unsigned char *)kb, 32 };
	struct authres_hdr	 ar = { 0 };
	struct officer_auth	 a;
	struct cfg		 cfg;
	struct mail		 m;
	char			*rc[1], *tok;

	memset(&cfg, 0, sizeof cfg);
	cfg.org_address = "klachten@testdorp.example";
	cfg.auth_require = CFG_AUTH_TOKEN_OR_DKIM;
	cfg.auth_serv_id = "mx.testdorp.example";
	cfg.officers = o;
	cfg.nofficers = 2;
	memset(&m, 0, sizeof m);
	m.from_addr = "anna@gemeente.example";
	m.rcpts = rc;
	m.nrcpts = 1;
	/* personal token */
	tok = token_make(kb, 32, TOKEN_DESK_REF, "anna", 20500);
	rc[0] = xasprintf("klachten+%s@testdorp.example", tok);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 1);
	/* another officer's personal token */
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[1], NULL, &a), 0);
	free(tok);
	free(rc[0]);
	/* anna's token for some case */
	tok = token_make(kb, 32, "KL-2026-00007", "anna", 20500);
	rc[0] = xasprintf("klachten+%s@testdorp.example", tok);
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 1);
	/* tampered */
	rc[0][strlen("klachten+") + 3] ^= 1;
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 0);
	CHECK_CONTAINS(a.reason, "not genuine");
	free(tok);
	free(rc[0]);
	/* no token: the plain address */
	rc[0] = xstrdup("klachten@testdorp.example");
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 0);
	CHECK_CONTAINS(a.reason, "no reply token");
	/* our MX's DKIM pass */
	ar.value = "mx.testdorp.example; dkim=pass header.d=gemeente.example";
	m.trace = &ar;
	m.ntrace = 1;
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 1);
	/* ... not enough when both are asked */
	cfg.auth_require = CFG_AUTH_TOKEN_AND_DKIM;
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 0);
	/* another MX's word is none */
	cfg.auth_require = CFG_AUTH_DKIM;
	ar.value = "mx.evil.example; dkim=pass header.d=gemeente.example";
	CHECK_INT(officer_authenticate(&cfg, &key, &m, &o[0], NULL, &a), 0);
	free(rc[0]);
}

int
main(void)
{
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	mail_init();
	test_clients();
	test_dates();
	test_not_forwards();
	test_details();
	test_receipt();
	test_proof();
	return check_done();
}
