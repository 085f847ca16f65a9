/*
 * Unit tests: broken mail (issue 18, D1-D14 and an encoded CR/LF in a
 * From display name) at the parser.  Every tests/data/broken/NAME.eml is
 * parsed and checked against the parse-level keys of its NAME.expect
 * (subject, from, from-name, message-id, body, no-body, attachments;
 * the other keys are for tests/e2e/broken.sh); then the variants the
 * fixtures do not cover, built here.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mail.h"
#include "util.h"

static const struct mail_limits lim = { 50 * 1024 * 1024, 20 * 1024 * 1024,
    20, 1000 };

static char *
data_path(const char *name)
{
	const char *src = getenv("top_srcdir");

	return xasprintf("%s/tests/data/broken/%s", src ? src : ".", name);
}

static struct mail *
parse_str(const char *raw)
{
	char		*why = NULL;
	struct mail	*m = mail_parse(raw, strlen(raw), &lim, &why);

	if (m == NULL) {
		fprintf(stderr, "parse failed: %s\n", why);
		free(why);
	}
	return m;
}

/* One NAME.expect line against the parsed message. */
static void
check_key(const char *name, const struct mail *m, const char *key,
    const char *val)
{
	int ok = 1;

	if (strcmp(key, "subject") == 0)
		ok = m->subject != NULL && strcmp(m->subject, val) == 0;
	else if (strcmp(key, "from") == 0)
		ok = m->from_addr != NULL && strcmp(m->from_addr, val) == 0;
	else if (strcmp(key, "from-name") == 0)
		ok = m->from_name != NULL && strcmp(m->from_name, val) == 0;
	else if (strcmp(key, "message-id") == 0)
		ok = strcmp(m->message_id ? m->message_id : "none", val) == 0;
	else if (strcmp(key, "body") == 0)
		ok = strstr(m->body, val) != NULL;
	else if (strcmp(key, "no-body") == 0)
		ok = strstr(m->body, val) == NULL;
	else if (strcmp(key, "attachments") == 0)
		ok = m->nattachments == (size_t)atoi(val);
	else
		return;		/* checked by tests/e2e/broken.sh */
	check_count++;
	if (!ok) {
		check_failed++;
		fprintf(stderr, "%s: %s: want \"%s\"; got subject \"%s\" "
		    "from \"%s\" name \"%s\" id \"%s\" %zu file(s), body:\n%s\n",
		    name, key, val, m->subject, m->from_addr, m->from_name,
		    m->message_id, m->nattachments, m->body);
	}
}

static void
test_fixtures(void)
{
	char		*dir = data_path(""), *path, *raw, *exp, *why = NULL;
	char		*line, *save, *colon, *val;
	DIR		*d = opendir(dir);
	struct dirent	*e;
	struct mail	*m;
	size_t		 len, n = 0;

	CHECK(d != NULL);
	while (d != NULL && (e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".eml") != 0)
			continue;
		path = data_path(e->d_name);
		raw = file_read(path, 0, &len, &why);
		free(path);
		CHECK(raw != NULL);
		if (raw == NULL)
			continue;
		m = mail_parse(raw, len, &lim, &why);
		free(raw);
		if (m == NULL) {
			fprintf(stderr, "%s: %s\n", e->d_name, why);
			free(why);
			why = NULL;
			CHECK(!"a broken mail parses");
			continue;
		}
		n++;
		path = xasprintf("%s/%.*s.expect", dir,
		    (int)(strlen(e->d_name) - 4), e->d_name);
		exp = file_read(path, 0, &len, &why);
		free(path);
		CHECK(exp != NULL);
		for (line = exp ? strtok_r(exp, "\n", &save) : NULL;
		    line != NULL; line = strtok_r(NULL, "\n", &save)) {
			if (*line == '#' || (colon = strchr(line, ':')) == NULL)
				continue;
			*colon = '\0';
			val = colon + 1 + (colon[1] == ' ');
			check_key(e->d_name, m, line, val);
		}
		free(exp);
		mail_free(m);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
	CHECK(n >= 12);
}

/* mail_addr_valid: what is mailed and what never is (D14). */
static void
test_addr_valid(void)
{
	static const struct { const char *a; int ok; } t[] = {
		{ "anna@example.org", 1 },
		{ "anna.de.vries+klacht@sub.example.org", 1 },
		{ "\"anna de vries\"@example.org", 1 },
		{ "o'brien@example.ie", 1 },
		{ "user@[192.0.2.1]", 1 },
		{ "jürgen@bücher.example", 1 },
		{ "develop!nextmime@ebony@sblab.att.com", 0 },
		{ "develop!nextmime@ebony", 1 },	/* syntax alone */
		{ "anna@", 0 },
		{ "@example.org", 0 },
		{ "anna", 0 },
		{ "anna..x@example.org", 0 },
		{ ".anna@example.org", 0 },
		{ "anna.@example.org", 0 },
		{ "anna@example..org", 0 },
		{ "anna@example.org.", 0 },
		{ "anna@exa mple.org", 0 },
		{ "anna vries@example.org", 0 },
		{ "anna@example.org>", 0 },
		{ "anna@exam_ple.org", 0 },
		{ "\"unterminated@example.org", 0 },
		{ "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		check_count++;
		if (mail_addr_valid(t[i].a) != t[i].ok) {
			check_failed++;
			fprintf(stderr, "mail_addr_valid(\"%s\") != %d\n",
			    t[i].a, t[i].ok);
		}
	}
	CHECK(!mail_addr_valid(NULL));
}

/* D14 at the parser: kept as written, flagged; a good one is not. */
static void
test_from_not_mailable(void)
{
	struct mail *m;

	m = parse_str("From: develop!nextmime@ebony@sblab.att.com\n"
	    "Subject: x\n\nbody\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->from_addr, "develop!nextmime@ebony@sblab.att.com");
		CHECK_INT(m->from_not_mailable, 1);
		mail_free(m);
	}
	m = parse_str("From: \"Vries, Anna de\" <Anna@Example.org>\n"
	    "Subject: x\n\nbody\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->from_addr, "anna@example.org");
		CHECK_STR(m->from_name, "Vries, Anna de");
		CHECK_INT(m->from_not_mailable, 0);
		mail_free(m);
	}
	/* An address in a comment is no address. */
	m = parse_str("From: anna@example.org (Anna, not bob@example.net)\n"
	    "Subject: x\n\nbody\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->from_addr, "anna@example.org");
		CHECK_INT(m->from_not_mailable, 0);
		mail_free(m);
	}
	/* D8 with a quoted name. */
	m = parse_str("From: \"Bakker, Marieke\" marieke@example.nl\n"
	    "Subject: x\n\nbody\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->from_addr, "marieke@example.nl");
		CHECK_STR(m->from_name, "Bakker, Marieke");
		mail_free(m);
	}
}

/* D2: stray bytes outnumbering the good sequences still spoil only
 * themselves; D1 without a charset anywhere keeps the old guess. */
static void
test_header_bytes(void)
{
	struct mail *m;

	m = parse_str("From: a@example.org\nSubject: caf\xc3\xa9 \xff\xfe ok\n"
	    "Content-Type: text/plain; charset=utf-8\n\nx\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject, "caf\xc3\xa9 \xc3\xbf\xc3\xbe ok");
		mail_free(m);
	}
	/* Latin-1 bytes, no charset: windows-1252 as before. */
	m = parse_str("From: a@example.org\nSubject: caf\xe9 cr\xe8me\n\nx\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject, "caf\xc3\xa9 cr\xc3\xa8me");
		mail_free(m);
	}
	/* The hint comes from the first text part of a multipart. */
	m = parse_str("From: \xc0\xee\xc3\xf7 <li@example.cn>\n"
	    "Subject: \xb2\xe2\xca\xd4\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: text/plain; charset=GB2312\n\nx\n--b--\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject, "测试");
		CHECK_STR(m->from_name, "李明");
		mail_free(m);
	}
}

/* D3: the control-character test, and real base64 left alone. */
static void
test_base64(void)
{
	struct mail *m;

	/* One word per line looks like base64 but decodes to controls. */
	m = parse_str("From: a@example.org\nSubject: x\n"
	    "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
	    "Hallo\nKlacht\nParkeren\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->body, "Hallo\nKlacht\nParkeren\n");
		mail_free(m);
	}
	/* Real base64 ("Goedemorgen, de stoep is kapot.\n"). */
	m = parse_str("From: a@example.org\nSubject: x\n"
	    "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
	    "R29lZGVtb3JnZW4sIGRlIHN0b2VwIGlzIGthcG90Lgo=\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->body, "Goedemorgen, de stoep is kapot.\n");
		mail_free(m);
	}
	/* A relay's footer after real base64 does not undo the decoding. */
	m = parse_str("From: a@example.org\nSubject: x\n"
	    "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
	    "R29lZGVtb3JnZW4sIGRlIHN0b2VwIGlzIGthcG90Lgo=\n"
	    "R29lZGVtb3JnZW4sIGRlIHN0b2VwIGlzIGthcG90Lgo=\n"
	    "R29lZGVtb3JnZW4sIGRlIHN0b2VwIGlzIGthcG90Lgo=\n"
	    "Scanned by a virus scanner.\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_CONTAINS(m->body, "Goedemorgen, de stoep is kapot.");
		mail_free(m);
	}
}

/* D4, D7, D9 variants. */
static void
test_header_shapes(void)
{
	struct mail *m;

	/* A bad Content-Type inside a multipart, with a charset. */
	m = parse_str("From: a@example.org\nSubject: x\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: text; charset=utf-8\n\nTekst \xc3\xa9\xc3\xa9n\n"
	    "--b--\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_CONTAINS(m->body, "Tekst \xc3\xa9\xc3\xa9n");
		CHECK_INT(m->nattachments, 0);
		mail_free(m);
	}
	/* A tab-only separator and CRLF line ends. */
	m = parse_str("From: a@example.org\r\nSubject: tab\r\n\t\r\n"
	    "Body: not a header\r\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject, "tab");
		CHECK_CONTAINS(m->body, "Body: not a header");
		mail_free(m);
	}
	/* Empty and blank lines before the header. */
	m = parse_str("\n  \r\n\nFrom: a@example.org\nSubject: late\n\nx\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject, "late");
		CHECK_STR(m->from_addr, "a@example.org");
		mail_free(m);
	}
	/* Folded headers are still folded. */
	m = parse_str("From: a@example.org\nSubject: een\n  twee\n\nx\n");
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->subject, "een twee");
		mail_free(m);
	}
}

int
main(void)
{
	mail_init();
	test_fixtures();
	test_addr_valid();
	test_from_not_mailable();
	test_header_bytes();
	test_base64();
	test_header_shapes();
	return check_done();
}
