/*
 * Unit tests: every corpus message parses into clean text (valid UTF-8,
 * LF only, one-line headers), and the TNEF and RTF decoders -- on the
 * corpus's winmail.dat, on every truncation and every single-byte change
 * of it, and on known RTF streams.
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mail.h"
#include "tnef.h"
#include "util.h"

#ifndef CORPUS_DIR
#define CORPUS_DIR "tests/data/corpus"
#endif

static const struct mail_limits lim = { 50 * 1024 * 1024, 20 * 1024 * 1024,
    20, 1000, 0 };

static int
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 :
		    (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0 || (n == 1 && *p < 0xc2))
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

static int
one_line(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static char *
corpus_path(const char *name)
{
	const char *src = getenv("top_srcdir");

	return xasprintf("%s/%s/%s", src ? src : ".", CORPUS_DIR, name);
}

/* Every .eml: parses, and all text is clean. */
static void
test_all_parse(void)
{
	char		*dir = corpus_path(""), *path, *raw, *why = NULL;
	DIR		*d = opendir(dir);
	struct dirent	*e;
	struct mail	*m;
	size_t		 len, i;
	int		 n = 0;

	CHECK(d != NULL);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strlen(e->d_name) < 5 ||
		    strcmp(e->d_name + strlen(e->d_name) - 4, ".eml") != 0)
			continue;
		path = corpus_path(e->d_name);
		raw = file_read(path, 0, &len, &why);
		CHECK(raw != NULL);
		m = raw ? mail_parse(raw, len, &lim, &why) : NULL;
		if (m == NULL) {
			fprintf(stderr, "%s: %s\n", e->d_name, why);
			CHECK(m != NULL);
			free(why);
			why = NULL;
			free(raw);
			free(path);
			continue;
		}
		n++;
		CHECK(utf8_valid(m->body));
		CHECK(strchr(m->body, '\r') == NULL);
		CHECK(m->subject == NULL || (utf8_valid(m->subject) &&
		    one_line(m->subject)));
		CHECK(m->from_name == NULL || (utf8_valid(m->from_name) &&
		    one_line(m->from_name)));
		CHECK(m->to == NULL || one_line(m->to));
		for (i = 0; i < m->nattachments; i++) {
			CHECK(utf8_valid(m->attachments[i].filename));
			CHECK(one_line(m->attachments[i].filename));
			CHECK(strchr(m->attachments[i].content_type, '/') !=
			    NULL);
		}
		mail_free(m);
		free(raw);
		free(path);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
	CHECK(n >= 40);
}

/* Base64 after the header of a single-part message (025-tnef-only). */
static char *
tnef_of_corpus(size_t *len)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrs"
	    "tuvwxyz0123456789+/";
	char		*path = corpus_path("025-tnef-only.eml"), *raw, *p;
	struct buf	 b;
	unsigned	 acc = 0;
	int		 bits = 0;

	raw = file_read(path, 0, NULL, NULL);
	free(path);
	CHECK(raw != NULL);
	if (raw == NULL)
		return NULL;
	p = strstr(raw, "\r\n\r\n");
	CHECK(p != NULL);
	buf_init(&b);
	for (p = p != NULL ? p + 4 : raw; *p != '\0'; p++) {
		const char *v = strchr(b64, *p);

		if (v == NULL || *p == '\0')
			continue;
		acc = (acc << 6) | (unsigned)(v - b64);
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf_addc(&b, (char)((acc >> bits) & 0xff));
		}
	}
	free(raw);
	*len = b.len;
	return buf_detach(&b, NULL);
}

static void
test_tnef(void)
{
	struct tnef	 t;
	char		*data, *why = NULL;
	size_t		 len, i;
	int		 ok = 0;

	data = tnef_of_corpus(&len);
	if (data == NULL)
		return;
	CHECK_INT(tnef_decode(data, len, 100, &t, &why), 0);
	CHECK_INT(t.nfiles, 1);
	if (t.nfiles == 1) {
		CHECK_STR(t.files[0].name, "brief gemeente.pdf");
		CHECK_STR(t.files[0].type, "application/pdf");
		CHECK_INT(t.files[0].len, 114);
		CHECK(memcmp(t.files[0].data, "%PDF-1.4", 8) == 0);
	}
	CHECK_STR(t.body_source, "rtf");
	CHECK_CONTAINS(t.body, "Met vriendelijke groet,\nJoëlle van den Berg\n");
	CHECK_CONTAINS(t.body, "€5,00");
	tnef_free(&t);

	/* max_files is honoured. */
	CHECK_INT(tnef_decode(data, len, 0, &t, &why), 0);
	CHECK_INT(t.nfiles, 0);
	CHECK_INT(t.nfiles_dropped, 1);
	tnef_free(&t);

	/* Every cut and every changed byte: an answer, never a crash (the
	 * ASan build runs this too).  A changed byte inside an attribute's
	 * data breaks its checksum. */
	for (i = 0; i < len; i++) {
		if (tnef_decode(data, i, 100, &t, NULL) == 0) {
			ok++;
			tnef_free(&t);
		}
	}
	CHECK(ok < 20);		/* only cuts at attribute boundaries */
	for (i = 0; i < len; i++) {
		char saved = data[i];

		data[i] = (char)(data[i] ^ 0x5a);
		if (tnef_decode(data, len, 100, &t, NULL) == 0)
			tnef_free(&t);
		data[i] = saved;
	}
	/* The PDF's bytes sit near the end: a change there is a checksum
	 * error. */
	data[len - 30] ^= 1;
	CHECK_INT(tnef_decode(data, len, 100, &t, &why), -1);
	CHECK_CONTAINS(why, "checksum");
	free(why);
	why = NULL;
	CHECK_INT(tnef_decode("not tnef", 8, 100, &t, &why), -1);
	CHECK_CONTAINS(why, "no TNEF signature");
	free(why);
	free(data);
}

static void
test_rtf(void)
{
	/* [MS-OXRTFCP] 3.1.1, the compressed example. */
	static const unsigned char lzfu[] = {
		0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a,
		0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00,
		0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a,
		0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77,
		0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0 };
	static const unsigned char mela[] = {
		0x0e, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x4d, 0x45,
		0x4c, 0x41, 0x00, 0x00, 0x00, 0x00, '{', '}' };
	const char	*r;
	char		*s, *why = NULL;
	size_t		 n;

	s = tnef_rtf_decompress(lzfu, sizeof lzfu, &n, &why);
	CHECK_STR(s, "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
	CHECK_INT(n, 43);
	free(s);
	s = tnef_rtf_decompress(mela, sizeof mela, &n, &why);
	CHECK_STR(s, "{}");
	free(s);
	/* A size smaller than the header's rest: no data, and nothing read
	 * past the input (the stored size says 0x17020000 bytes). */
	s = tnef_rtf_decompress("\0\0\0\0\0\0\x02\x17MELA@ Oan\x1f", 17,
	    &n, &why);
	CHECK(s != NULL && n == 0 && *s == '\0');
	free(s);
	/* A stream cut short gives what it has; a bad magic is refused. */
	s = tnef_rtf_decompress(lzfu, 30, &n, &why);
	CHECK(s != NULL && n < 43);
	free(s);
	CHECK(tnef_rtf_decompress("\x10\0\0\0\x10\0\0\0XXXX\0\0\0\0", 16, &n,
	    &why) == NULL);
	CHECK_CONTAINS(why, "unknown RTF compression");
	free(why);

	r = "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}"
	    "{\\colortbl;\\red0;}\\pard Caf\\'e9 \\u8364?{\\*\\htmltag <b>}x"
	    "\\par\\par\\par y\\tab z\\par {\\pict 0102}\\uc2\\u8212 ab- "
	    "\\{\\}\\\\}";
	s = tnef_rtf_to_text(r, strlen(r));
	CHECK_STR(s, "Café €x\n\ny\tz\n—- {}\\\n");
	free(s);
	r = "{{{{{{\\'zz\\u";
	s = tnef_rtf_to_text(r, strlen(r));
	CHECK_STR(s, "zz\n");
	free(s);
	r = "{\\rtf1\\ansicpg1251 \\'cf\\'f0\\'e8}";
	s = tnef_rtf_to_text(r, strlen(r));
	CHECK_STR(s, "При\n");
	free(s);
}

int
main(void)
{
	mail_init();
	test_all_parse();
	test_tnef();
	test_rtf();
	return check_done();
}
