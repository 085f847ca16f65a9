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
#include <fcntl.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "mail.h"
#include "tnef.h"
#include "util.h"

static const struct mail_limits lim = { 50 * 1024 * 1024, 20 * 1024 * 1024,
    20, 1000, 0 };

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
	/* Several senders: GMime's first good one stays. */
	m = parse_str("From: anna@example.org, b@c@example.net\n"
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
	/* An empty base64 part: nothing to decide, and no pointer
	 * arithmetic on the empty array's NULL (UBSan, fuzz_intake). */
	m = parse_str("From: a@example.org\nSubject: x\n"
	    "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n");
	CHECK(m != NULL);
	if (m != NULL)
		mail_free(m);
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

/* ------------------------------------------------ TNEF (D10, D11) */

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
	    v >> 24 };

	buf_add(b, c, 4);
}

/* One TNEF attribute: level, id, size, data, 16-bit checksum. */
static void
tnef_attr(struct buf *b, unsigned level, uint32_t id, const struct buf *d)
{
	unsigned char	lv = (unsigned char)level, sum[2];
	uint16_t	s = 0;
	size_t		i;

	buf_add(b, &lv, 1);
	put32(b, id);
	put32(b, (uint32_t)d->len);
	for (i = 0; i < d->len; i++)
		s = (uint16_t)(s + (unsigned char)d->data[i]);
	buf_add(b, d->data, d->len);
	sum[0] = s & 0xff;
	sum[1] = s >> 8;
	buf_add(b, sum, 2);
}

/* A variable-length MAPI property (one value, padded to 4). */
static void
mapi_var(struct buf *b, unsigned type, unsigned id, const void *v, size_t n)
{
	put32(b, (uint32_t)(id << 16 | type));
	put32(b, 1);
	put32(b, (uint32_t)n);
	buf_add(b, v, n);
	while (n++ % 4 != 0)
		buf_addc(b, '\0');
}

#define ATT(t, id)	((uint32_t)(t) << 16 | (id))
#define BIG		(600U * 1024)	/* over libytnef's 512 KiB */

/*
 * A winmail.dat as Outlook writes one for a big file and a long text:
 * the body as PR_BODY_W of html_or_w bytes of UTF-16 (or, with html set,
 * only an HTML body of BIG bytes), and one attachment whose BIG bytes are
 * in PR_ATTACH_DATA_OBJ inside the attachment's MAPI block.
 */
static char *
make_big_tnef(int html, size_t wbytes, size_t *len)
{
	struct buf	 s, d, m;
	char		*file = xmalloc(BIG);
	size_t		 i;

	buf_init(&s);
	put32(&s, 0x223E9F78U);
	buf_add(&s, "\x01\x00", 2);
	buf_init(&d);
	put32(&d, 0x00010000);
	tnef_attr(&s, 1, ATT(8, 0x9006), &d);
	buf_free(&d);
	buf_init(&m);
	put32(&m, 1);
	if (html) {
		struct buf h;

		buf_init(&h);
		buf_adds(&h, "<html><body><p>Groot HTML-bericht.</p>");
		while (h.len < BIG)
			buf_adds(&h, "<p>regel met tekst</p>\n");
		buf_adds(&h, "<p>Einde bericht.</p></body></html>");
		mapi_var(&m, 0x0102, 0x1013, h.data, h.len);
		buf_free(&h);
	} else {
		struct buf w;
		static const char txt[] = "Lange klacht. ";

		buf_init(&w);
		while (w.len + 2 * (sizeof txt - 1) < wbytes)
			for (i = 0; i < sizeof txt - 1; i++) {
				buf_addc(&w, txt[i]);
				buf_addc(&w, '\0');
			}
		buf_add(&w, "E\0i\0n\0d\0e\0\0\0", 12);
		mapi_var(&m, 0x001F, 0x1000, w.data, w.len);
		buf_free(&w);
	}
	tnef_attr(&s, 1, ATT(6, 0x9003), &m);
	buf_free(&m);
	buf_init(&d);
	buf_add(&d, "\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff"
	    "\x00\x00\x00\x00", 14);
	tnef_attr(&s, 2, ATT(6, 0x9002), &d);
	buf_free(&d);
	for (i = 0; i < BIG; i++)
		file[i] = (char)(i * 7 + i / 251);
	buf_init(&m);
	put32(&m, 3);
	mapi_var(&m, 0x001E, 0x3707, "bouwtekening.pdf", 17);
	mapi_var(&m, 0x001E, 0x370E, "application/pdf", 16);
	mapi_var(&m, 0x0102, 0x3701, file, BIG);
	tnef_attr(&s, 2, ATT(6, 0x9005), &m);
	buf_free(&m);
	free(file);
	return buf_detach(&s, len);
}

/* Runs tnef_decode with stdout on a file; *out_bytes: what it printed. */
static int
decode_watching_stdout(const char *d, size_t len, struct tnef *t,
    char **why, off_t *out_bytes)
{
	char		 path[] = "/tmp/test_brokenmail.XXXXXX";
	int		 fd = mkstemp(path), saved, rc;
	struct stat	 st;

	CHECK(fd != -1);
	fflush(stdout);
	saved = dup(1);
	dup2(fd, 1);
	rc = tnef_decode(d, len, 100, t, why);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	*out_bytes = fstat(fd, &st) == 0 ? st.st_size : -1;
	close(fd);
	unlink(path);
	return rc;
}

/* D10/D11: values over libytnef's limits unpack, and nothing reaches
 * stdout (klachtd deliver's answer to the MTA). */
static void
test_tnef_big(void)
{
	struct tnef	 t;
	char		*d, *why = NULL;
	size_t		 len, i;
	off_t		 said;
	int		 same = 1;

	/* A 600 KiB PR_ATTACH_DATA_OBJ and a 120 KB PR_BODY_W. */
	d = make_big_tnef(0, 120000, &len);
	CHECK_INT(decode_watching_stdout(d, len, &t, &why, &said), 0);
	if (why != NULL)
		fprintf(stderr, "tnef_decode: %s\n", why);
	CHECK_INT(said, 0);
	CHECK_INT(t.nfiles, 1);
	if (t.nfiles == 1) {
		CHECK_STR(t.files[0].name, "bouwtekening.pdf");
		CHECK_STR(t.files[0].type, "application/pdf");
		CHECK_INT(t.files[0].len, BIG);
		for (i = 0; i < BIG && t.files[0].len == BIG; i++)
			if (t.files[0].data[i] != (char)(i * 7 + i / 251))
				same = 0;
		CHECK(same);
	}
	CHECK_CONTAINS(t.body, "Lange klacht. Lange klacht.");
	CHECK_CONTAINS(t.body, "Einde");
	CHECK(t.body != NULL && strlen(t.body) > 50000);
	tnef_free(&t);
	free(why);
	why = NULL;
	free(d);

	/* A 600 KiB HTML body. */
	d = make_big_tnef(1, 0, &len);
	CHECK_INT(decode_watching_stdout(d, len, &t, &why, &said), 0);
	CHECK_INT(said, 0);
	CHECK_CONTAINS(t.body, "Groot HTML-bericht.");
	CHECK_CONTAINS(t.body, "Einde bericht.");
	CHECK_INT(t.nfiles, 1);
	tnef_free(&t);
	free(why);
	why = NULL;

	/* Through mail_parse: the file, not winmail.dat. */
	{
		struct buf	 b;
		struct mail	*m;
		gchar		*b64 = g_base64_encode((const guchar *)d, len);
		size_t		 k, n = strlen(b64);

		buf_init(&b);
		buf_adds(&b, "From: Jan <jan@example.nl>\nSubject: tekening\n"
		    "MIME-Version: 1.0\nContent-Type: multipart/mixed; "
		    "boundary=b\n\n--b\nContent-Type: text/plain\n\n"
		    "Zie bijlage.\n--b\nContent-Type: application/ms-tnef; "
		    "name=winmail.dat\nContent-Transfer-Encoding: base64\n\n");
		for (k = 0; k < n; k += 76) {
			buf_add(&b, b64 + k, n - k < 76 ? n - k : 76);
			buf_addc(&b, '\n');
		}
		buf_adds(&b, "--b--\n");
		m = mail_parse(b.data, b.len, &lim, &why);
		CHECK(m != NULL);
		if (m != NULL) {
			CHECK_INT(m->nattachments, 1);
			if (m->nattachments == 1) {
				CHECK_STR(m->attachments[0].filename,
				    "bouwtekening.pdf");
				CHECK_INT(m->attachments[0].size, BIG);
			}
			CHECK_INT(m->nnotes, 0);
			mail_free(m);
		}
		g_free(b64);
		buf_free(&b);
	}
	free(d);
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
	test_tnef_big();
	return check_done();
}
